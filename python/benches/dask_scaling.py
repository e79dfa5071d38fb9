"""Dask scaling: one tree of 2^20 Aleo Poseidon leaves (poseidon8 over packed byte
leaves, arity 2) built by merklab.dask on a LocalCluster of one worker, then of two
(one thread each, RAYON_NUM_THREADS=1), same shards, roots checked equal.

    PYTHONPATH=python python python/benches/dask_scaling.py [--leaves 1048576] [--shards 8]

Prints both times, the speed-up and the load average; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import time

from dask.distributed import Client, LocalCluster

from merklab import dask as mdask


def timed(workers: int, leaves: int, shards: int, layout: dict) -> tuple[float, str]:
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, env={"RAYON_NUM_THREADS": "1"}) as cluster, \
            Client(cluster) as client:
        # Warm-up: each worker builds Poseidon's parameters once, outside the timing.
        mdask.build(workers * 64, shards=workers, client=client, progress=False, **layout)
        start = time.perf_counter()
        out = mdask.build(leaves, shards=shards, client=client, progress=False, **layout)
        return time.perf_counter() - start, out["root"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1 << 20)
    parser.add_argument("--shards", type=int, default=8)
    args = parser.parse_args()
    layout = {"hash": "poseidon8", "arity": 2}
    load = os.getloadavg()
    one, root_one = timed(1, args.leaves, args.shards, layout)
    two, root_two = timed(2, args.leaves, args.shards, layout)
    assert root_one == root_two, "the two builds disagree"
    print(f"1 worker   {one:8.2f} s")
    print(f"2 workers  {two:8.2f} s")
    print(f"speed-up   {one / two:8.2f}x")
    print(f"load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
