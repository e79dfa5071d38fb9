"""zPass (ARC-0102) certificates: issue, prove claims, verify proofs.

Documents are the ones ``merklab zpass issue``, ``prove`` and ``verify`` read and
write, as dicts (or their JSON text). ``max_values`` bounds the values (objects,
arrays and scalars) one document read by a call may hold, as the command line's
``--max-values`` does; ``None`` is its default of 262,144.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional, Sequence, Union

from . import _native
from . import _as_text

__all__ = ["issue", "prove", "verify"]

Document = dict


def issue(
    claims: Union[Mapping[str, Any], str],
    *,
    seed: Optional[str] = None,
    format: str = "json",
    sdk_arrays: bool = False,
    max_values: Optional[int] = None,
) -> Document:
    """The certificate document for hierarchical ``claims`` (a dict, or JSON/YAML text
    with ``format``), with its ``root``.

    Salts are random unless ``seed`` (a secret) is given, which makes them, and so the
    root, repeatable.
    """
    text = claims if isinstance(claims, str) else json.dumps(claims)
    return json.loads(
        _native.zpass_issue(text, format=format, seed=seed, sdk_arrays=sdk_arrays, max_values=max_values)
    )


def prove(
    document: Union[Document, str],
    keys: Optional[Sequence[str]] = None,
    *,
    reveal: str = "value",
    max_values: Optional[int] = None,
) -> Union[Document, list[Document]]:
    """Proofs of the claims ``keys`` of a certificate document.

    One key gives one proof document, several a list, none a proof of every claim.
    ``reveal="key"`` proves only that a key is present, not its value.
    """
    if isinstance(keys, str):
        keys = [keys]
    text = _native.zpass_prove(
        _as_text(document), None if keys is None else list(keys), reveal=reveal, max_values=max_values
    )
    return json.loads(text)


def verify(proof: Union[Document, str], root: Union[int, str], *, max_values: Optional[int] = None) -> bool:
    """Whether one claim proof holds under the trusted ``root`` (an int or ``"123u64"``)."""
    return _native.zpass_verify(_as_text(proof), root, max_values=max_values)
