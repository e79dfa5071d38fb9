"""Sharded builds on a 2-worker LocalCluster: the single-machine root for several
layouts and sources, a killed worker's shards recomputed with the root unchanged,
shard files reused, and Dask's progress bar."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

import merklab  # noqa: E402
from merklab import dask as mdask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = mdask._local_cluster(2)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def generated(n):
    return np.arange(n, dtype="<u8").view(np.uint8).reshape(-1, 8)


@pytest.mark.parametrize(
    "layout",
    [
        {},
        {"hash": "keccak-256", "arity": 4, "odd": "duplicate"},
        {"hash": "sha256", "tags": "tagged", "pairs": "sorted"},
        {"hash": "blake3", "arity": 3, "odd": "depth:9"},
        {"hash": "poseidon2", "arity": 2},
        {"hash": "poseidon-bn254", "arity": 3},
        {"hash": "poseidon2-babybear"},
        {"hash": "rpo256", "arity": 4},
        {"profile": "rfc6962"},
    ],
    ids=str,
)
def test_local_cluster_gives_the_single_machine_root(client, layout):
    n = 600 if layout.get("hash", "").startswith(("poseidon", "rpo")) else 5000
    out = mdask.build(n, shards=5, client=client, progress=False, **layout)
    assert out == {"root": merklab.Tree(generated(n), **layout).root, "leaves": n, "shards": 5}


def test_sources_files_arrays_and_lists(client, tmp_path):
    leaves = [bytes([i % 251]) * (i % 7) for i in range(300)]
    expected = merklab.Tree(leaves, arity=3).root
    hex_file = tmp_path / "leaves.txt"
    hex_file.write_text("".join("0x" + l.hex() + "\n" for l in leaves))
    assert mdask.build(str(hex_file), shards=4, client=client, progress=False, arity=3)["root"] == expected
    assert mdask.build(leaves, shards=4, client=client, progress=False, arity=3)["root"] == expected
    rows = generated(1000)
    records = tmp_path / "leaves.bin"
    records.write_bytes(rows.tobytes())
    expected = merklab.Tree(rows).root
    assert mdask.build(rows, shards=3, client=client, progress=False)["root"] == expected
    assert mdask.build(records, shards=3, client=client, progress=False, leaf_bytes=8)["root"] == expected


def test_store_keeps_shards_and_a_rerun_reuses_them(client, tmp_path, cli):
    store = tmp_path / "shards"
    first = mdask.build(2000, shards=4, client=client, store=store, progress=False, hash="sha256")
    files = sorted(store.glob("shard-*-of-4.json"))
    assert len(files) == 4
    stamps = [f.stat().st_mtime_ns for f in files]
    again = mdask.build(2000, shards=4, client=client, store=store, progress=False, hash="sha256")
    assert again == first
    assert [f.stat().st_mtime_ns for f in files] == stamps
    # A damaged file is rebuilt, and the command line merges the same files.
    files[1].write_text("{}")
    assert mdask.build(2000, shards=4, client=client, store=store, progress=False, hash="sha256") == first
    assert cli.run("shard", "merge", *map(str, files)).strip() == first["root"]


def test_a_killed_worker_is_replaced_and_the_root_is_unchanged(client):
    layout = {"hash": "poseidon8", "arity": 2}
    n, shards = 12_000, 24
    expected = merklab.Tree(generated(n), **layout).root
    result = {}

    def run():
        result["out"] = mdask.build(n, shards=shards, client=client, progress=False, **layout)

    thread = threading.Thread(target=run)
    thread.start()
    # Wait until a worker is running a shard, then kill its process outright.
    victim = None
    deadline = time.monotonic() + 60
    while victim is None and time.monotonic() < deadline:
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            victim = busy[0]
        else:
            time.sleep(0.01)
    assert victim is not None, "no shard started within a minute"
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert result["out"]["root"] == expected
    # The nanny started a new worker process in the killed one's place.
    client.wait_for_workers(2, timeout=60)
    assert pid not in client.run(os.getpid).values()


def test_progress_bar_is_dasks(client, capsys):
    mdask.build(3000, shards=3, client=client, progress=True)
    assert "Completed" in capsys.readouterr().out


def test_without_a_client_a_local_cluster_is_started_and_closed():
    out = mdask.build(1000, shards=2, workers=2, progress=False, hash="blake2b-256")
    assert out["root"] == merklab.Tree(generated(1000), hash="blake2b-256").root


def test_own_cluster_leaves_a_busy_dashboard_port_alone(recwarn):
    # 8787 taken, by this socket or by whatever holds it already (a user's dashboard).
    busy = socket.socket()
    try:
        busy.bind(("0.0.0.0", 8787))
        busy.listen()
    except OSError:
        pass
    try:
        out = mdask.build(200, shards=2, workers=1, progress=False)
    finally:
        busy.close()
    assert out["leaves"] == 200
    moved = [str(w.message) for w in recwarn if "already in use" in str(w.message)]
    assert moved == []


def test_bad_layouts_raise_before_any_task(client):
    with pytest.raises(TypeError, match="unknown layout keywords: colour"):
        mdask.build(10, client=client, colour="red")
    with pytest.raises(merklab.MerklabError, match="unknown hash"):
        mdask.build(10, shards=2, client=client, progress=False, hash="md5")
