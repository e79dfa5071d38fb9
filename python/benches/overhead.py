"""Python overhead: merklab.Tree over a 2-D numpy array against the Rust API on the
same path (benches/contiguous_leaves.rs), 2^20 SHA3-256 leaves of 32 bytes.

Build the module and the bench in one profile first (./test.sh builds both in the
dev profile, whose dependencies are optimized), then:

    PYTHONPATH=python python python/benches/overhead.py --bench target/debug/deps/contiguous_leaves-HASH

Prints both medians, the ratio and the load average; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

import numpy as np

import merklab

LEAVES = 1 << 20


def python_median(runs: int) -> float:
    rows = (np.arange(LEAVES * 32, dtype=np.uint64) * 131 % 251).astype(np.uint8).reshape(LEAVES, 32)
    merklab.Tree(rows)  # warm-up: page in the array and the thread pool
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        merklab.Tree(rows)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rust_median(bench: Path, target: Path) -> float:
    subprocess.run([str(bench), "--bench", "--noplot", "contiguous_leaves"], check=True,
                   env={**os.environ, "CRITERION_HOME": str(target / "criterion")},
                   stdout=subprocess.DEVNULL)
    found = sorted((target / "criterion" / "contiguous_leaves").glob("*/new/estimates.json"))
    estimates = json.loads(found[0].read_text())
    return estimates["median"]["point_estimate"] / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, required=True, help="the built contiguous_leaves bench binary")
    parser.add_argument("--target", type=Path, default=Path(os.environ.get("CARGO_TARGET_DIR", "target")))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    load = os.getloadavg()
    rust = rust_median(args.bench, args.target)
    py = python_median(args.runs)
    print(f"Rust API        {rust * 1e3:8.1f} ms (criterion median)")
    print(f"merklab.Tree    {py * 1e3:8.1f} ms (median of {args.runs})")
    print(f"ratio           {py / rust:8.3f}x")
    print(f"load average    {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
