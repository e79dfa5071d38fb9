"""Shards without Dask: every split merges to the in-memory root, and shard files are
the command line's (`merklab shard merge` reads Python's, and the other way round)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import merklab
from merklab import _native
from merklab.dask import shard_range

LAYOUTS = [
    {},
    {"hash": "keccak-256", "arity": 3, "odd": "duplicate"},
    {"hash": "sha256", "tags": "tagged", "pairs": "sorted", "odd": "zero"},
    {"hash": "blake3", "arity": 4, "odd": "depth:5"},
    {"hash": "sha3-256", "arity": 2, "odd": "extend:7"},
    {"hash": "poseidon4", "arity": 3},
    {"profile": "rfc6962"},
]


def rows(n):
    return np.arange(n, dtype="<u8").view(np.uint8).reshape(-1, 8)


@pytest.mark.parametrize("layout", LAYOUTS, ids=str)
@pytest.mark.parametrize("n,of", [(1, 1), (37, 3), (100, 7), (64, 4)])
def test_shards_merge_to_the_tree_root(layout, n, of):
    leaves = rows(n)
    texts = []
    for i in range(of):
        start, end = shard_range(n, i, of)
        texts.append(_native.build_shard(leaves[start:end], start, **layout))
    root, count = _native.merge_shards(texts[::-1])
    assert count == n
    assert root == merklab.Tree(leaves, **layout).root


def test_shards_and_the_cli_read_each_other(cli, tmp_path):
    n, of = 50, 3
    leaves = rows(n)
    files = []
    for i in range(of):
        start, end = shard_range(n, i, of)
        path = tmp_path / f"py-{i}.json"
        path.write_text(_native.build_shard(leaves[start:end], start, hash="blake2s-256", arity=3))
        files.append(str(path))
    merged = json.loads(cli.run("shard", "merge", "--json", *files))
    assert merged["root"] == merklab.Tree(leaves, hash="blake2s-256", arity=3).root

    texts = []
    for i in range(of):
        out = tmp_path / f"cli-{i}.json"
        cli.run("shard", "build", "--generate", str(n), "--index", str(i), "--of", str(of),
                "--hash", "blake2s-256", "--arity", "3", "-o", str(out))
        texts.append(out.read_text())
    assert _native.merge_shards(texts) == (merged["root"], n)


def test_damaged_or_mismatched_shards_are_refused():
    leaves = rows(20)
    a = _native.build_shard(leaves[:10], 0)
    b = _native.build_shard(leaves[10:], 10)
    other = _native.build_shard(leaves[10:], 10, hash="sha256")
    with pytest.raises(merklab.MerklabError, match="layout|hash"):
        _native.merge_shards([a, other])
    with pytest.raises(merklab.MerklabError, match="gap|start"):
        _native.merge_shards([b])
    damaged = json.loads(b)
    damaged["end"] = 21
    with pytest.raises(merklab.MerklabError, match="checksum"):
        _native.merge_shards([a, json.dumps(damaged)])
    assert _native.check_shard(b) == (10, 20)
    with pytest.raises(merklab.MerklabError, match="another layout"):
        _native.check_shard(b, hash="sha256")
    with pytest.raises(merklab.MerklabError, match="sorted"):
        # Sorted leaf order needs every leaf first; it has no keyword here, so the
        # refusal is checked on the merge of a shard that claims it.
        edited = json.loads(a)
        edited["layout"]["policy"]["leaves"] = "sorted"
        _native.merge_shards([json.dumps(edited)])
