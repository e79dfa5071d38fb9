"""merklab: Merkle trees with pluggable hash, arity and policy, in Python.

The trees, proofs, shards and certificates are computed by merklab's Rust crates (the
same code as the ``merklab`` command line), so a root or a proof from Python is the
one the command line gives for the same leaves and layout, and a proof file written
by either is checked by the other. Builds release the GIL: threads and Dask workers
hash in parallel.

- :class:`Tree` builds a tree in memory from ``bytes`` leaves or a 2-D ``numpy.uint8``
  array (read in place); :func:`verify` checks its proofs.
- :func:`compare` measures hash choices (the rows of ``merklab compare``).
- :mod:`merklab.zpass` issues ARC-0102 certificates, proves and verifies claims.
- :mod:`merklab.dask` builds one tree as shards on a Dask cluster.

Bad input raises :class:`MerklabError` (a ``ValueError``) with the message the command
line prints for it.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _native
from ._native import MerklabError

__all__ = [
    "MerklabError",
    "Tree",
    "verify",
    "compare",
    "hashes",
    "profiles",
]

Proof = dict


class Tree:
    """A Merkle tree built in memory.

    ``leaves`` is a sequence of ``bytes``, or a C-contiguous 2-D ``numpy.uint8`` array
    with one fixed-width leaf per row (read without a copy); under a profile whose
    leaves files hold text (``snarkvm-poseidon``'s field elements, ``lean-imt``'s
    decimals) it may be a sequence of ``str`` lines instead.

    The layout is the command line's: ``hash`` (see :func:`hashes`: the byte hashes;
    Aleo's Poseidon over packed bytes, ``psd2``, ``psd4``, ``psd8``; and the other proof
    systems' hashes as their ecosystems encode byte leaves: ``poseidon-bn254`` (circom,
    arity 2 to 12), ``poseidon2-bn254``, ``poseidon2-babybear`` and
    ``poseidon2-koalabear`` (Plonky3, arity 2), ``rpo256``, ``rpx256`` and
    ``poseidon2-goldilocks`` (Miden); roots print as each ecosystem prints its
    digests), ``arity`` (2 to 16), ``pairs`` (``"positional"`` or ``"sorted"``), ``odd`` (``"promote"``,
    ``"duplicate"``, ``"zero"``, ``"depth:D"`` or ``"extend:D"``), ``tags``
    (``"none"`` or ``"tagged"``); or a named ``profile`` (see :func:`profiles`), which
    fixes all of them (``depth`` sets snarkVM's fixed depth).
    """

    __slots__ = ("_tree",)

    def __init__(
        self,
        leaves: Any,
        *,
        hash: str = "sha3-256",
        arity: int = 2,
        pairs: str = "positional",
        odd: str = "promote",
        tags: str = "none",
        profile: Optional[str] = None,
        depth: Optional[int] = None,
    ) -> None:
        self._tree = _native.Tree(
            leaves,
            hash=hash,
            arity=arity,
            pairs=pairs,
            odd=odd,
            tags=tags,
            profile=profile,
            depth=depth,
        )

    @property
    def root(self) -> str:
        """The root, as ``merklab tree root`` prints it (hex for byte hashes)."""
        return self._tree.root

    @property
    def depth(self) -> int:
        """The number of levels above the leaves."""
        return self._tree.depth

    def __len__(self) -> int:
        return len(self._tree)

    def __repr__(self) -> str:
        return f"Tree(leaves={len(self)}, root={self.root!r})"

    def prove(self, index: int) -> Proof:
        """The inclusion proof of leaf ``index``, as ``merklab tree prove`` writes it."""
        return json.loads(self._tree.prove_json([index]))

    def prove_many(self, indices: Iterable[int]) -> Proof:
        """One multiproof of the leaves at ``indices``."""
        return json.loads(self._tree.prove_json(list(indices)))


def verify(
    proof: Union[Proof, str],
    *,
    root: Optional[str] = None,
    size: Optional[int] = None,
) -> bool:
    """Whether ``proof`` holds, as ``merklab tree verify`` judges it.

    ``proof`` is a proof from :meth:`Tree.prove` or a proof file's JSON text (from
    ``merklab tree prove``). ``root`` checks against another root than the proof's
    own; ``size`` pins the tree's leaf count (without domain tags an inner node can
    pose as a leaf of a smaller tree). Returns ``False`` for a proof that does not
    hold and raises :class:`MerklabError` for a malformed one.
    """
    text = proof if isinstance(proof, str) else json.dumps(proof)
    return _native.verify(text, root=root, size=size)


def compare(
    hashes: Optional[Sequence[str]] = None,
    *,
    arities: Sequence[int] = (2, 4, 8),
    leaves: int = 4096,
) -> list[dict[str, Any]]:
    """The rows of ``merklab compare``: native cost and circuit cost per hash and arity.

    One dict per row (ready for ``pandas.DataFrame``), with the same keys as
    ``merklab compare --json``: ``hash``, ``encoder``, ``arity``, ``digest_bits``,
    ``native_ns_per_node``, ``tree_build_ms``, ``proof_bytes``, ``depth``,
    ``constraints_per_node``, ``constraints_per_path``, ``circuit_note``, the BN254
    counts and ``collision_bits``. ``hashes`` defaults to every hash compare knows.
    """
    text = _native.compare(list(hashes or []), list(arities), leaves)
    return json.loads(text)["rows"]


def hashes() -> list[str]:
    """The hashes :class:`Tree` takes as ``hash=``."""
    return _native.hashes()


def profiles() -> list[str]:
    """The profiles :class:`Tree` takes as ``profile=``."""
    return _native.profiles()


def _as_text(value: Union[Mapping[str, Any], Sequence[Any], str]) -> str:
    return value if isinstance(value, str) else json.dumps(value)
