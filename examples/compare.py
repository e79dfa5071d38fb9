"""Compare hash choices for a Merkle tree: native cost against circuit cost.

Each point is one hash at arity 2: how long one node compression takes here, against
how many R1CS constraints proving one path costs (in Aleo's circuits; BN254's where
Aleo has none). Hashes that are cheap natively are often the dearest in a circuit,
and the other way round; the chart shows where each choice sits.

    python examples/compare.py --out compare.png

Needs the merklab package (pip install ./python) and matplotlib.
"""

from __future__ import annotations

import argparse

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt  # noqa: E402

import merklab  # noqa: E402

HASHES = ["sha3-256", "keccak-256", "blake2s-256", "poseidon2", "bhp256", "poseidon-bn254"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="compare.png", help="the PNG to write")
    parser.add_argument("--leaves", type=int, default=4096, help="leaves of the measured tree")
    args = parser.parse_args()

    rows = merklab.compare(HASHES, arities=[2], leaves=args.leaves)
    fig, ax = plt.subplots(figsize=(8, 5))
    for row in rows:
        path = row["constraints_per_path"] or row["bn254_constraints_per_path"]
        if path is None:
            continue
        system = "Aleo" if row["constraints_per_path"] else "BN254"
        ax.scatter(path, row["native_ns_per_node"])
        ax.annotate(f"{row['hash']} ({system})", (path, row["native_ns_per_node"]),
                    textcoords="offset points", xytext=(5, 5), fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(f"R1CS constraints per path (depth {rows[0]['depth']})")
    ax.set_ylabel("native ns per node")
    ax.set_title(f"Native cost vs circuit cost, arity 2, {args.leaves} leaves")
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    for row in rows:
        print(f"{row['hash']:>16}  {row['native_ns_per_node']:10.0f} ns/node  "
              f"path {row['constraints_per_path'] or row['bn254_constraints_per_path']}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
