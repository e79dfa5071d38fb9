"""compare: the rows of `merklab compare --json`, and the example that plots them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import merklab

ROOT = Path(__file__).resolve().parents[2]


def test_rows_are_the_cli_rows(cli):
    rows = merklab.compare(["sha3-256", "poseidon2"], arities=[2, 4], leaves=64)
    report = json.loads(cli.run("compare", "--hash", "sha3-256,poseidon2", "--arity", "2,4", "--leaves", "64", "--json"))
    assert [r["hash"] for r in rows] == [r["hash"] for r in report["rows"]]
    for ours, theirs in zip(rows, report["rows"]):
        assert set(ours) == set(theirs)
        measured = {"native_ns_per_node", "tree_build_ms"}
        assert {k: v for k, v in ours.items() if k not in measured} == {
            k: v for k, v in theirs.items() if k not in measured
        }
        assert ours["native_ns_per_node"] > 0


def test_rows_make_a_data_frame():
    import pandas as pd

    frame = pd.DataFrame(merklab.compare(["blake3"], arities=[2], leaves=16))
    assert list(frame["hash"]) == ["blake3"]
    assert frame.loc[0, "depth"] == 4


def test_bad_compare_input_raises_the_cli_message(cli):
    import pytest

    with pytest.raises(merklab.MerklabError) as raised:
        merklab.compare(["arc0102"], arities=[4])
    assert str(raised.value) in cli.fail("compare", "--hash", "arc0102", "--arity", "4")


def test_the_example_writes_a_png(tmp_path):
    out = tmp_path / "compare.png"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "compare.py"), "--out", str(out), "--leaves", "64"],
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
