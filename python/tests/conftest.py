"""Shared fixtures: the `merklab` binary the Rust build made, and leaves files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _binary() -> Path:
    explicit = os.environ.get("MERKLAB_BIN")
    if explicit:
        return Path(explicit)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "merklab"


class Cli:
    """Runs the command line; `run` returns stdout, `fail` the stderr of an exit 2."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args: str) -> str:
        out = subprocess.run([str(self.path), *args], capture_output=True, text=True)
        assert out.returncode == 0, f"merklab {' '.join(args)}: {out.stderr}"
        return out.stdout

    def fail(self, *args: str) -> str:
        out = subprocess.run([str(self.path), *args], capture_output=True, text=True)
        assert out.returncode == 2, f"merklab {' '.join(args)} exited {out.returncode}"
        return out.stderr


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = _binary()
    if not path.exists():
        pytest.fail(f"{path} is missing: run ./test.sh, or cargo build -p merklab-cli first")
    return Cli(path)


@pytest.fixture
def leaves_file(tmp_path):
    """Writes leaves as a hex leaves file and returns its path."""

    def write(leaves, name="leaves.txt"):
        path = tmp_path / name
        path.write_text("".join("0x" + leaf.hex() + "\n" for leaf in leaves))
        return path

    return write
