"""Type stubs of the native module (the Rust side of merklab)."""

from typing import Any, Optional

class MerklabError(ValueError):
    """A bad input or a failed operation, with the message the command line prints."""

class Tree:
    """A Merkle tree built in memory (wrapped by ``merklab.Tree``)."""

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
    ) -> None: ...
    @property
    def root(self) -> str: ...
    @property
    def depth(self) -> int: ...
    def __len__(self) -> int: ...
    def prove_json(self, indices: list[int]) -> str: ...

def verify(proof: str, root: Optional[str] = None, size: Optional[int] = None) -> bool: ...
def build_shard(
    leaves: Any,
    start: int,
    *,
    hash: str = "sha3-256",
    arity: int = 2,
    pairs: str = "positional",
    odd: str = "promote",
    tags: str = "none",
    profile: Optional[str] = None,
    depth: Optional[int] = None,
) -> str: ...
def merge_shards(shards: list[str]) -> tuple[str, int]: ...
def check_shard(
    shard: str,
    *,
    hash: str = "sha3-256",
    arity: int = 2,
    pairs: str = "positional",
    odd: str = "promote",
    tags: str = "none",
    profile: Optional[str] = None,
    depth: Optional[int] = None,
) -> tuple[int, int]: ...
def compare(hashes: list[str], arities: list[int], leaves: int) -> str: ...
def zpass_issue(
    text: str,
    *,
    format: str = "json",
    seed: Optional[str] = None,
    sdk_arrays: bool = False,
    max_values: Optional[int] = None,
) -> str: ...
def zpass_prove(
    document: str, keys: Optional[list[str]] = None, *, reveal: str = "value", max_values: Optional[int] = None
) -> str: ...
def zpass_verify(proof: str, root: int | str, *, max_values: Optional[int] = None) -> bool: ...
def layout(
    *,
    hash: str = "sha3-256",
    arity: int = 2,
    pairs: str = "positional",
    odd: str = "promote",
    tags: str = "none",
    profile: Optional[str] = None,
    depth: Optional[int] = None,
) -> str: ...
def hashes() -> list[str]: ...
def profiles() -> list[str]: ...
