"""Trees: roots against hashlib and against the command line, proofs both ways, numpy
leaves, errors with the command line's messages, and the GIL released while building."""

from __future__ import annotations

import hashlib
import json
import threading

import numpy as np
import pytest

import merklab

LEAVES = [b"alice", b"bob", b"carol", b"dave", b"erin", b"", b"\x00" * 40]

HASHLIB = {
    "sha3-256": hashlib.sha3_256,
    "sha256": hashlib.sha256,
    "blake2s-256": lambda data=b"": hashlib.blake2s(data, digest_size=32),
    "blake2b-256": lambda data=b"": hashlib.blake2b(data, digest_size=32),
}


@pytest.mark.parametrize("name", sorted(HASHLIB))
def test_roots_match_hashlib(name):
    h = lambda data: HASHLIB[name](data).digest()  # noqa: E731
    a, b, c = b"a", b"bb", b"ccc"
    # One leaf: the root is the leaf's digest.
    assert merklab.Tree([a], hash=name).root == h(a).hex()
    # Two leaves, untagged and tagged.
    assert merklab.Tree([a, b], hash=name).root == h(h(a) + h(b)).hex()
    tagged = h(b"\x01" + h(b"\x00" + a) + h(b"\x00" + b)).hex()
    assert merklab.Tree([a, b], hash=name, tags="tagged").root == tagged
    # Arity 3 over three leaves, and a promoted lone node at arity 2.
    assert merklab.Tree([a, b, c], hash=name, arity=3).root == h(h(a) + h(b) + h(c)).hex()
    assert merklab.Tree([a, b, c], hash=name).root == h(h(h(a) + h(b)) + h(c)).hex()
    # Duplicate fills the last group with copies of its last node.
    assert merklab.Tree([a, b, c], hash=name, odd="duplicate").root == h(
        h(h(a) + h(b)) + h(h(c) + h(c))
    ).hex()
    # Sorted pairs hash the smaller digest first.
    pair = sorted([h(a), h(b)])
    assert merklab.Tree([b, a], hash=name, pairs="sorted").root == h(pair[0] + pair[1]).hex()


LAYOUTS = [
    {},
    {"hash": "keccak-256", "arity": 3},
    {"hash": "blake3", "arity": 4, "odd": "duplicate"},
    {"hash": "sha256", "tags": "tagged", "pairs": "sorted"},
    {"hash": "blake2b-256", "odd": "zero", "arity": 5},
    {"hash": "sha3-256", "odd": "depth:4", "arity": 2},
    {"hash": "blake2s-256", "odd": "extend:3", "arity": 3},
    {"hash": "sha3-256", "arity": 16, "tags": "tagged"},
]


def layout_args(layout):
    args = []
    for key, value in layout.items():
        args += [f"--{key}", str(value)]
    return args


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda l: ",".join(f"{k}={v}" for k, v in l.items()) or "default")
def test_roots_match_the_cli(cli, leaves_file, layout):
    path = leaves_file(LEAVES)
    expected = cli.run("tree", "root", "--leaves", str(path), *layout_args(layout)).strip()
    assert merklab.Tree(LEAVES, **layout).root == expected


@pytest.mark.parametrize(
    "profile,leaves",
    [
        ("rfc6962", LEAVES),
        ("bitcoin", [bytes([i]) * 32 for i in range(5)]),
        ("snarkvm-poseidon", ["1field", "2field", "3field"]),
        ("lean-imt", ["1", "2", "3", "4", "5"]),
    ],
)
def test_profile_roots_match_the_cli(cli, tmp_path, profile, leaves):
    path = tmp_path / "leaves.txt"
    path.write_text("".join(("0x" + l.hex() if isinstance(l, bytes) else l) + "\n" for l in leaves))
    expected = cli.run("tree", "root", "--leaves", str(path), "--profile", profile).strip()
    tree = merklab.Tree(leaves, profile=profile)
    assert tree.root == expected
    proof = tree.prove(len(leaves) - 1)
    assert merklab.verify(proof)
    file = tmp_path / "proof.json"
    file.write_text(json.dumps(proof))
    assert "valid" in cli.run("tree", "verify", "--proof", str(file))


def test_numpy_rows_are_the_leaves():
    rows = np.arange(16 * 33, dtype=np.uint64).astype(np.uint8).reshape(16, 33)
    as_bytes = [bytes(r) for r in rows]
    for layout in LAYOUTS:
        assert merklab.Tree(rows, **layout).root == merklab.Tree(as_bytes, **layout).root


def test_numpy_arrays_that_would_need_a_copy_are_refused():
    rows = np.zeros((8, 16), dtype=np.uint8)
    with pytest.raises(merklab.MerklabError, match="C-contiguous"):
        merklab.Tree(rows[:, ::2])
    with pytest.raises(merklab.MerklabError, match="2-D numpy.uint8"):
        merklab.Tree(rows.astype(np.uint16))
    with pytest.raises(merklab.MerklabError, match="2-D numpy.uint8"):
        merklab.Tree(np.zeros(8, dtype=np.uint8))


@pytest.mark.parametrize("layout", LAYOUTS[:5], ids=str)
def test_proofs_round_trip_both_ways(cli, leaves_file, tmp_path, layout):
    tree = merklab.Tree(LEAVES, **layout)
    for index in range(len(LEAVES)):
        proof = tree.prove(index)
        assert merklab.verify(proof, size=len(LEAVES))
    many = tree.prove_many([0, 3, 6])
    assert merklab.verify(many)
    # The command line accepts the Python proof file...
    file = tmp_path / "many.json"
    file.write_text(json.dumps(many))
    assert "valid: 3 leaf(s)" in cli.run("tree", "verify", "--proof", str(file))
    # ...and Python accepts the command line's.
    path = leaves_file(LEAVES)
    text = cli.run("tree", "prove", "--leaves", str(path), "--index", "2", *layout_args(layout))
    assert merklab.verify(text)
    assert json.loads(text) == tree.prove(2)


def test_altered_proofs_fail():
    tree = merklab.Tree(LEAVES, hash="sha256", tags="tagged")
    proof = tree.prove(1)
    assert merklab.verify(proof)
    assert not merklab.verify(proof, root="00" * 32)
    forged = json.loads(json.dumps(proof))
    forged["leaves"] = [tree.prove(2)["leaves"][0]]
    assert not merklab.verify(forged)
    assert not merklab.verify(proof, size=len(LEAVES) + 1)
    with pytest.raises(merklab.MerklabError):
        merklab.verify({"hash": "sha256"})


def test_poseidon_trees_prove_and_verify():
    tree = merklab.Tree(LEAVES, hash="poseidon8", arity=4, tags="tagged")
    assert tree.root.endswith("field")
    assert merklab.verify(tree.prove_many([1, 5]))
    assert merklab.Tree(LEAVES, hash="poseidon8", arity=4).root != tree.root


def test_bad_input_raises_the_cli_message(cli, leaves_file, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(merklab.MerklabError) as raised:
        merklab.Tree([])
    assert str(raised.value) in cli.fail("tree", "root", "--leaves", str(empty))

    path = leaves_file(LEAVES)
    with pytest.raises(merklab.MerklabError) as raised:
        merklab.Tree(LEAVES, odd="depth:2")
    assert str(raised.value) in cli.fail("tree", "root", "--leaves", str(path), "--odd", "depth:2")

    with pytest.raises(merklab.MerklabError) as raised:
        merklab.Tree(LEAVES, odd="middle")
    assert str(raised.value) in cli.fail("tree", "root", "--leaves", str(path), "--odd", "middle")

    # A bad line: the command line names file and line, Python the leaf; the reason is one.
    fields = tmp_path / "fields.txt"
    fields.write_text("1field\n12x\n")
    with pytest.raises(merklab.MerklabError) as raised:
        merklab.Tree(["1field", "12x"], profile="snarkvm-poseidon")
    prefix, reason = str(raised.value).split(": ", 1)
    assert prefix == "leaf 1"
    assert f"{fields}:2: {reason}" in cli.fail("tree", "root", "--leaves", str(fields), "--profile", "snarkvm-poseidon")


def test_other_bad_input_is_named():
    with pytest.raises(merklab.MerklabError, match="unknown hash 'md5'"):
        merklab.Tree(LEAVES, hash="md5")
    with pytest.raises(merklab.MerklabError, match="arity 17"):
        merklab.Tree(LEAVES, arity=17)
    with pytest.raises(merklab.MerklabError, match="leaf 1 is a int"):
        merklab.Tree([b"a", 5])
    with pytest.raises(merklab.MerklabError, match="named twice"):
        merklab.Tree(LEAVES).prove_many([1, 1])
    with pytest.raises(merklab.MerklabError, match="out of range"):
        merklab.Tree(LEAVES).prove(len(LEAVES))
    with pytest.raises(merklab.MerklabError, match="from 1 to 64, got 99"):
        merklab.Tree(["12"], profile="snarkvm-poseidon", depth=99)
    with pytest.raises(merklab.MerklabError, match="openzeppelin"):
        merklab.Tree(LEAVES, profile="openzeppelin")


def test_builds_release_the_gil():
    # While another thread builds, this one keeps running Python code: a build that
    # held the GIL would leave this loop no turn until it returned.
    rows = np.zeros((1 << 17, 32), dtype=np.uint8)
    done = threading.Event()
    turns = 0

    def build():
        for _ in range(4):
            merklab.Tree(rows, hash="sha3-256")
        done.set()

    thread = threading.Thread(target=build)
    thread.start()
    while not done.is_set():
        turns += 1
    thread.join()
    assert turns > 1000
