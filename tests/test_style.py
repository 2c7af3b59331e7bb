"""The code keeps the layout STYLE.md asks for: ruff (configured in ruff.toml) finds nothing."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    pytest.importorskip("ruff")  # in the [test] extra, so CI always runs this
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "mlfromscratch", "tests", "examples", "benchmarks"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
