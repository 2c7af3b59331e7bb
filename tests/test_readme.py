"""The README stays true: its commands match CI and its links point at real files."""

import re
from pathlib import Path

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
