"""The README stays true: its commands match CI and its links point at real files."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    """The shell commands in the README's first code block."""
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", README, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_opens_with_exactly_two_commands():
    commands = _commands()
    assert len(commands) == 2, commands
    assert "examples/demo.py" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _commands()[1] in ci


def test_readme_links_point_at_existing_files():
    targets = re.findall(r"\]\(([^)#\s]+)\)", README)
    local = [t for t in targets if not re.match(r"[a-z]+://|mailto:", t)]
    assert local, "the README should link to the implementations"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, missing


def test_with_scikit_learn_section_runs():
    """The README's "With scikit-learn" block runs as written and finds a good model."""
    pytest.importorskip("sklearn")
    section = README.split("## With scikit-learn", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    search, X_test, y_test = namespace["search"], namespace["X_test"], namespace["y_test"]
    assert search.best_params_["pca__n_components"] in (10, 20, 40)
    assert search.score(X_test, y_test) > 0.9
