"""Package-level invariants: cheap import, complete exports, no global randomness."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import mlfromscratch

ROOT = Path(__file__).resolve().parents[1]
SUBPACKAGES = ["supervised_learning", "unsupervised_learning", "reinforcement_learning", "deep_learning"]


def test_import_does_not_pull_heavy_dependencies():
    code = (
        "import sys, mlfromscratch, mlfromscratch.utils, mlfromscratch.supervised_learning, "
        "mlfromscratch.unsupervised_learning, mlfromscratch.deep_learning, "
        "mlfromscratch.reinforcement_learning; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('matplotlib', 'progressbar', 'gymnasium', 'gym', 'terminaltables', 'sklearn')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_every_exported_name_resolves(subpackage):
    module = __import__(f"mlfromscratch.{subpackage}", fromlist=["__all__"])
    missing = []
    for name in module.__all__:
        try:
            getattr(module, name)
        except (ImportError, AttributeError) as exc:
            missing.append(f"{name}: {exc}")
    assert not missing, missing


def test_no_global_random_state_in_core():
    pattern = re.compile(
        r"np\.random\.seed|^\s*import random\b|^\s*from random import|"
        r"np\.random\.(rand|randn|randint|normal|uniform|choice|shuffle|permutation)\("
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{i}"
        for path in (ROOT / "mlfromscratch").rglob("*.py")
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders


def test_no_forbidden_imports_in_core():
    """numpy/scipy only; scikit-learn may be imported inside ``__sklearn_tags__``, which only it calls."""
    import ast

    forbidden = {"sklearn", "pandas", "torch", "cvxopt", "tensorflow"}
    offenders = []
    for path in (ROOT / "mlfromscratch").rglob("*.py"):
        tree = ast.parse(path.read_text())
        allowed = {
            id(node)
            for func in ast.walk(tree)
            if isinstance(func, ast.FunctionDef) and func.name == "__sklearn_tags__"
            for node in ast.walk(func)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                roots = [(node.module or "").split(".")[0]]
            else:
                continue
            bad = forbidden & set(roots)
            if bad and not (bad == {"sklearn"} and id(node) in allowed):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", mlfromscratch.__version__)


def test_reference_library_is_installed():
    """scikit-learn comes with the [test] extra, so the reference comparisons run instead of skipping."""
    import sklearn  # noqa: F401
