"""The other proof systems' hashes by name (circom's Poseidon over BN254, Plonky3's
Poseidon2, Miden's RPO/RPX/Poseidon2): roots equal the command line's, which its own
tests hold to each ecosystem's implementation; proofs cross both ways; shards merge to
the same root; bad layouts raise the command line's message."""

from __future__ import annotations

import json

import numpy as np
import pytest

import merklab
from merklab import _native
from merklab.dask import shard_range

LEAVES = [b"alice", b"bob", b"carol", b"dave", b"erin", b"", b"\x00" * 40, bytes(range(200))]

FIELD_LAYOUTS = [
    {"hash": "poseidon-bn254"},
    {"hash": "poseidon-bn254", "arity": 3, "odd": "duplicate"},
    {"hash": "poseidon-bn254", "arity": 12},
    {"hash": "poseidon2-bn254"},
    {"hash": "poseidon2-babybear"},
    {"hash": "poseidon2-koalabear", "odd": "zero"},
    {"hash": "rpo256"},
    {"hash": "rpx256", "arity": 4},
    {"hash": "poseidon2-goldilocks", "arity": 3, "pairs": "sorted"},
]


def ident(layout):
    return ",".join(f"{k}={v}" for k, v in layout.items())


def layout_args(layout):
    return [arg for key, value in layout.items() for arg in (f"--{key}", str(value))]


def test_hashes_lists_every_field_family():
    names = set(merklab.hashes())
    for layout in FIELD_LAYOUTS:
        assert layout["hash"] in names


@pytest.mark.parametrize("layout", FIELD_LAYOUTS, ids=ident)
def test_roots_and_proofs_match_the_cli(cli, leaves_file, tmp_path, layout):
    path = leaves_file(LEAVES)
    expected = cli.run("tree", "root", "--leaves", str(path), *layout_args(layout)).strip()
    tree = merklab.Tree(LEAVES, **layout)
    assert tree.root == expected
    assert len(tree) == len(LEAVES)

    # The command line's proof file is Python's, and each side accepts the other's.
    text = cli.run("tree", "prove", "--leaves", str(path), "--index", "3", *layout_args(layout))
    assert json.loads(text) == tree.prove(3)
    assert merklab.verify(text)
    many = tree.prove_many([0, 4, 7])
    file = tmp_path / "many.json"
    file.write_text(json.dumps(many))
    assert "valid: 3 leaf(s)" in cli.run("tree", "verify", "--proof", str(file))

    # The root as printed is what `root=` takes; another tree's root is refused.
    assert merklab.verify(many, root=tree.root, size=len(LEAVES))
    other = merklab.Tree(LEAVES[::-1], **layout).root
    assert other != tree.root
    assert not merklab.verify(many, root=other)
    assert not merklab.verify(many, size=len(LEAVES) + 1)


@pytest.mark.parametrize("layout", FIELD_LAYOUTS[::2], ids=ident)
def test_numpy_rows_are_the_leaves(layout):
    rows = np.arange(9 * 40, dtype=np.uint64).astype(np.uint8).reshape(9, 40)
    assert merklab.Tree(rows, **layout).root == merklab.Tree([bytes(r) for r in rows], **layout).root


@pytest.mark.parametrize("layout", FIELD_LAYOUTS, ids=ident)
def test_shards_merge_to_the_tree_root(layout):
    leaves = np.arange(37, dtype="<u8").view(np.uint8).reshape(-1, 8)
    texts = []
    for i in range(3):
        start, end = shard_range(37, i, 3)
        texts.append(_native.build_shard(leaves[start:end], start, **layout))
    root, count = _native.merge_shards(texts)
    assert count == 37
    assert root == merklab.Tree(leaves, **layout).root


@pytest.mark.parametrize(
    "layout",
    [
        {"hash": "poseidon-bn254", "tags": "tagged"},
        {"hash": "rpo256", "tags": "tagged"},
        {"hash": "poseidon2-babybear", "arity": 3},
        {"hash": "poseidon2-bn254", "arity": 4},
        {"hash": "poseidon-bn254", "arity": 16},
    ],
    ids=ident,
)
def test_bad_layouts_raise_the_cli_message(cli, leaves_file, layout):
    path = leaves_file(LEAVES)
    with pytest.raises(merklab.MerklabError) as raised:
        merklab.Tree(LEAVES, **layout)
    message = str(raised.value)
    assert message
    assert message in cli.fail("tree", "root", "--leaves", str(path), *layout_args(layout))


def test_a_malformed_root_is_named():
    proof = merklab.Tree(LEAVES, hash="poseidon2-babybear").prove(0)
    with pytest.raises(merklab.MerklabError, match="root"):
        merklab.verify(proof, root="[1, 2, 3]")
    with pytest.raises(merklab.MerklabError, match="root"):
        merklab.verify(proof, root="[2013265921, 0, 0, 0, 0, 0, 0, 0]")
