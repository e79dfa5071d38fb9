"""Sharded builds on Dask: one tree, one shard per task, merged into the root.

A shard is the compact range of one contiguous run of leaves (``merklab shard
build``): a few dozen digests whatever its size, so the only data a task returns is
small, and the merge gives exactly the root a single-machine build gives, under every
layout but sorted leaf order. Tasks are pure functions of their leaf range; a task
lost with its worker is recomputed elsewhere by the scheduler, and with ``store`` each
finished shard is also kept as a file, so a rerun after a crash computes only the
missing ones.

The same call runs on a laptop (``client=None`` starts a ``LocalCluster``) and on a
multi-machine cluster (``client=Client("tcp://scheduler:8786")``); there the source
must be readable by every worker (a generated count, an array sent with the tasks,
or a file on a filesystem all workers mount).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import numpy as np

from . import MerklabError, _native

__all__ = ["build", "leaf_count", "shard_range"]

Source = Union[int, str, os.PathLike, np.ndarray, Sequence[bytes]]

#: The layout keywords :class:`merklab.Tree` takes, passed through to every shard.
LAYOUT_KEYS = ("hash", "arity", "pairs", "odd", "tags", "profile", "depth")


def shard_range(leaves: int, index: int, of: int) -> tuple[int, int]:
    """The leaf range of shard ``index`` of ``of``, as ``merklab shard build`` splits."""
    if of <= 0 or index >= of or of > leaves:
        raise MerklabError(
            f"shard {index} of {of} over {leaves} leaves: need index < of <= leaves"
        )
    return leaves * index // of, leaves * (index + 1) // of


def _hex_lines(path: Path):
    with open(path, "r", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line:
                yield n, line


def leaf_count(source: Source, leaf_bytes: Optional[int] = None) -> int:
    """How many leaves ``source`` holds (a file is read through once, hashing nothing)."""
    if isinstance(source, (int, np.integer)) and not isinstance(source, bool):
        return int(source)
    if isinstance(source, np.ndarray):
        return int(source.shape[0])
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if leaf_bytes:
            size = path.stat().st_size
            if size % leaf_bytes:
                raise MerklabError(
                    f"{path}: {size} bytes are not whole {leaf_bytes}-byte records "
                    f"({size % leaf_bytes} bytes left over)"
                )
            return size // leaf_bytes
        return sum(1 for _ in _hex_lines(path))
    return len(source)


def _leaves(source: Any, start: int, end: int, leaf_bytes: Optional[int]) -> Any:
    """Leaves ``start..end`` of a source, read where the task runs."""
    if isinstance(source, (int, np.integer)):
        # Leaf i is i as 8 little-endian bytes, as `merklab tree build --generate`.
        return np.arange(start, end, dtype="<u8").view(np.uint8).reshape(-1, 8)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if leaf_bytes:
            records = np.memmap(path, dtype=np.uint8, mode="r").reshape(-1, leaf_bytes)
            return np.ascontiguousarray(records[start:end])
        out = []
        for i, (n, line) in enumerate(_hex_lines(path)):
            if i >= end:
                break
            if i >= start:
                digits = line[2:] if line.startswith("0x") else line
                try:
                    out.append(bytes.fromhex(digits))
                except ValueError as e:
                    raise MerklabError(f"{path}:{n}: invalid hex leaf ({e})") from None
        return out
    return source[start:end]


def build(
    source: Source,
    shards: Optional[int] = None,
    client: Any = None,
    store: Union[str, os.PathLike, None] = None,
    *,
    leaf_bytes: Optional[int] = None,
    progress: bool = True,
    workers: Optional[int] = None,
    **layout: Any,
) -> dict:
    """Builds one tree as ``shards`` Dask tasks and merges them into its root.

    ``source`` is a leaf count ``N`` (leaf i is i as 8 little-endian bytes, as
    ``--generate N``), a leaves file (hex lines, or ``leaf_bytes``-wide binary
    records), a 2-D ``numpy.uint8`` array or a sequence of ``bytes``. ``layout`` takes
    :class:`merklab.Tree`'s keywords (``hash``, ``arity``, ``pairs``, ``odd``,
    ``tags``, ``profile``, ``depth``).

    ``shards`` defaults to the number of workers. With ``client=None`` a
    ``LocalCluster`` of ``workers`` processes (default: the CPU count) is started and
    closed; each has one thread and hashes on one core (``RAYON_NUM_THREADS=1``), so
    tasks, not threads inside a task, use the cores. That cluster has no dashboard,
    and its scheduler's HTTP endpoints listen on a free port of the loopback
    interface, so a dashboard already on 8787 neither moves it nor warns. ``store``
    is a directory where each shard is kept as ``shard-I-of-N.json`` (files
    ``merklab shard merge`` reads); shards already there for the same range and
    layout are reused. ``progress`` shows Dask's own progress bar.

    Returns ``{"root", "leaves", "shards"}``, as ``merklab shard merge --json``.
    """
    unknown = set(layout) - set(LAYOUT_KEYS)
    if unknown:
        raise TypeError(f"unknown layout keywords: {', '.join(sorted(unknown))}")
    _native.layout(**layout)  # a bad layout raises here, before any cluster starts
    from dask.distributed import Client, progress as dask_progress

    total = leaf_count(source, leaf_bytes)
    own = None
    if client is None:
        own = _local_cluster(workers or os.cpu_count() or 1)
        client = Client(own)
    try:
        of = shards or max(1, len(client.scheduler_info()["workers"]))
        of = min(of, total) if total else of
        directory = None
        if store is not None:
            directory = Path(store)
            directory.mkdir(parents=True, exist_ok=True)
        token = uuid.uuid4().hex[:8]
        futures = []
        for i in range(of):
            start, end = shard_range(total, i, of)
            part = source
            if isinstance(source, np.ndarray) or isinstance(source, (list, tuple)):
                part = source[start:end]
                start_in, end_in = 0, end - start
            else:
                start_in, end_in = start, end
            path = str(directory / f"shard-{i}-of-{of}.json") if directory else None
            futures.append(
                client.submit(
                    _shard_task_at,
                    part,
                    i,
                    of,
                    start,
                    start_in,
                    end_in,
                    leaf_bytes,
                    dict(layout),
                    path,
                    key=f"merklab-shard-{i}-of-{of}-{token}",
                    retries=2,
                )
            )
        if progress:
            dask_progress(futures)
        texts = client.gather(futures)
        root, leaves = _native.merge_shards(texts)
        return {"root": root, "leaves": leaves, "shards": of}
    finally:
        if own is not None:
            client.close()
            own.close()


def _shard_task_at(
    part: Any,
    index: int,
    of: int,
    start: int,
    start_in: int,
    end_in: int,
    leaf_bytes: Optional[int],
    layout: dict,
    path: Optional[str],
) -> str:
    """One shard task: leaves ``start_in..end_in`` of ``part`` are tree leaves from ``start``."""
    if path and os.path.exists(path):
        try:
            with open(path, "r", encoding="utf-8") as f:
                text = f.read()
            if _native.check_shard(text, **layout) == (start, start + end_in - start_in):
                return text
        except (OSError, MerklabError):
            pass
    leaves = _leaves(part, start_in, end_in, leaf_bytes)
    text = _native.build_shard(leaves, start, **layout)
    if path:
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    return text


def _local_cluster(workers: int) -> Any:
    """The ``LocalCluster`` :func:`build` starts: ``workers`` one-thread processes, no
    dashboard, and the scheduler's HTTP endpoints (``/health``, ``/metrics``, served
    even without a dashboard, by default on 8787 of every interface) on a free
    loopback port."""
    from dask.distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        env={"RAYON_NUM_THREADS": "1"},
    )
