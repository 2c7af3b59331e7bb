"""Every example runs with --quick, headless, within a small budget and prints its RESULT line."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))
TIME_BUDGET_S = 60  # generous for a loaded 2-core machine; --quick runs take a few seconds


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs_quick(script, tmp_path):
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "PYTHONWARNINGS": "error::RuntimeWarning",
    }
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(script), "--quick", "--save-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # examples must run from any working directory
        env=env,
        timeout=TIME_BUDGET_S * 3,
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    result_lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert len(result_lines) == 1, proc.stdout[-2000:]
    assert f"example={script.stem}" in result_lines[0]
    assert elapsed < TIME_BUDGET_S, f"{script.name} took {elapsed:.1f} s with --quick"
