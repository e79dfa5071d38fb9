#!/usr/bin/env python3
# Regenerate with (from the repository root):
#     python3 tests/vectors/gen_tree_vectors.py > tests/vectors/tree-roots.json
# Needs Python 3.8+ and two PyPI packages: `pip install pycryptodome blake3`
# (pycryptodome for Keccak-256 with the original padding, blake3 for BLAKE3;
# the other hashes come from hashlib).
#
# An independent reference for `merklab tree root`: Merkle roots computed
# straight from the written definitions (hashes, domain tags, arity, pair order,
# odd-node policy), printed as JSON known-answer vectors.
"""Known-answer Merkle roots for every hash, arity 2..16, pair order, odd policy and tag mode."""

import hashlib
import json
import sys

from Crypto.Hash import keccak
import blake3

COMMAND = "python3 tests/vectors/gen_tree_vectors.py > tests/vectors/tree-roots.json"
ZERO = bytes(32)


def keccak_256(data):
    h = keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


HASHES = {
    "sha3-256": lambda b: hashlib.sha3_256(b).digest(),
    "keccak-256": keccak_256,
    "sha256": lambda b: hashlib.sha256(b).digest(),
    "blake2s-256": lambda b: hashlib.blake2s(b, digest_size=32).digest(),
    "blake2b-256": lambda b: hashlib.blake2b(b, digest_size=32).digest(),
    "blake3": lambda b: blake3.blake3(b).digest(),
}

# Digests of "abc" published with each standard (FIPS 180-4 and FIPS 202 examples,
# RFC 7693 appendix for BLAKE2, the Keccak team's and BLAKE3 team's vectors), to be
# sure the primitives below are the ones named before any tree is built on them.
ABC = {
    "sha3-256": "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
    "keccak-256": "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
    "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "blake2s-256": "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
    "blake2b-256": "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    "blake3": "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
}


class Spec:
    """One tree definition: hash, arity K, pair order, odd policy, tag mode."""

    def __init__(self, hash_name, arity, pairs, odd, tags):
        self.h = HASHES[hash_name]
        self.k = arity
        self.pairs = pairs
        self.odd = odd
        self.tagged = tags == "tagged"

    def leaf(self, data):
        return self.h((b"\x00" if self.tagged else b"") + data)

    def node(self, children):
        if self.pairs == "sorted":
            children = sorted(children)
        return self.h((b"\x01" if self.tagged else b"") + b"".join(children))

    def group_parent(self, group, level, empties):
        """Parent of one group of 1..K real nodes at `level`."""
        m = len(group)
        if m == self.k:
            return self.node(group)
        if self.odd == "promote":
            return group[0] if m == 1 else self.node(group)
        if self.odd == "duplicate":
            return self.node(group + [group[-1]] * (self.k - m))
        if self.odd == "zero":
            return self.node(group + [ZERO] * (self.k - m))
        return self.node(group + [empties[level]] * (self.k - m))

    def root(self, leaves):
        layer = [self.leaf(x) for x in leaves]
        if self.odd.startswith("depth:"):
            depth = int(self.odd.split(":")[1])
            empties = [ZERO]
            for _ in range(depth):
                empties.append(self.node([empties[-1]] * self.k))
            if len(layer) > self.k ** depth:
                raise ValueError("too many leaves for the depth")
            if not layer:
                return empties[depth]
            for level in range(depth):
                layer = [
                    self.group_parent(layer[i : i + self.k], level, empties)
                    for i in range(0, len(layer), self.k)
                ]
            assert len(layer) == 1
            return layer[0]
        if not layer:
            raise ValueError("empty leaf set")
        level = 0
        while len(layer) > 1:
            layer = [
                self.group_parent(layer[i : i + self.k], level, None)
                for i in range(0, len(layer), self.k)
            ]
            level += 1
        return layer[0]


def make_leaves(seed, n):
    """n leaves of 0..8 bytes from a counter; some are empty."""
    return [
        bytes((seed * 31 + i * 7 + j * 13) & 0xFF for j in range((i + seed) % 9))
        for i in range(n)
    ]


def min_depth(k, n):
    d = 0
    while k ** d < n:
        d += 1
    return d


def leaf_counts(k):
    """1, 2, K-1, K, K+1 and two larger counts spread over 2..40, deduplicated."""
    base = [1, 2, k - 1, k, k + 1, 2 * k + 3, 7 + (k * 5) % 34]
    if k <= 6:
        base.append(k * k + 1)
    out = []
    for n in base:
        if n >= 1 and n not in out:
            out.append(n)
    return out


def main():
    for name, want in ABC.items():
        got = HASHES[name](b"abc").hex()
        if got != want:
            sys.exit(f"{name} of 'abc' is {got}, expected {want}: wrong primitive")

    hash_names = list(HASHES)
    cases = []
    slot = 0

    def add(hash_name, k, pairs, odd, tags, n):
        leaves = make_leaves(len(cases), n)
        spec = Spec(hash_name, k, pairs, odd, tags)
        cases.append(
            {
                "hash": hash_name,
                "arity": k,
                "pairs": pairs,
                "odd": odd,
                "tags": tags,
                "leaves": [x.hex() for x in leaves],
                "root": spec.root(leaves).hex(),
            }
        )

    for k in range(2, 17):
        for pairs in ("positional", "sorted"):
            for tags in ("none", "tagged"):
                for odd_kind in ("promote", "duplicate", "zero", "depth-min", "depth-more"):
                    for n in leaf_counts(k):
                        if odd_kind == "depth-min":
                            odd = f"depth:{min_depth(k, n)}"
                        elif odd_kind == "depth-more":
                            odd = f"depth:{min_depth(k, n) + 1 + slot % 2}"
                        else:
                            odd = odd_kind
                        # Rotate the hash so every hash meets every arity and policy.
                        add(hash_names[slot % len(hash_names)], k, pairs, odd, tags, n)
                        slot += 1

    # Empty fixed-depth trees (the root is empty[D]) and larger trees.
    for i, k in enumerate(range(2, 17)):
        for d in (0, 1, 3):
            add(hash_names[(i + d) % 6], k, ("positional", "sorted")[d % 2], f"depth:{d}",
                ("none", "tagged")[i % 2], 0)
    for i, name in enumerate(hash_names):
        for j, odd in enumerate(("promote", "duplicate", "zero", "depth:7")):
            k = (2, 3, 4, 5, 7, 16)[(i + j) % 6]
            n = 97 + i + j
            if odd == "depth:7" and k ** 7 < n:
                continue
            add(name, k, ("positional", "sorted")[j % 2], odd, ("none", "tagged")[i % 2], n)

    # One case per line keeps diffs readable.
    out = sys.stdout
    out.write('{"generated_by":%s,\n"cases":[\n' % json.dumps(COMMAND))
    out.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    out.write("\n]}\n")


if __name__ == "__main__":
    main()
