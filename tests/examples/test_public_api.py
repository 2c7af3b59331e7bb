"""Examples teach the public API: no private attribute or module of the library (issue 19)."""

import ast
from pathlib import Path

import pytest

EXAMPLES = sorted(p for p in (Path(__file__).resolve().parents[2] / "examples").glob("*.py")
                  if not p.name.startswith("_"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_uses_only_the_public_api(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
    ]
    private += [
        f"line {node.lineno}: from {node.module} import ..."
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mlfromscratch")
        and any(part.startswith("_") for part in node.module.split("."))
    ]
    private += [f"line {node.lineno}: importlib" for node in ast.walk(tree)
                if isinstance(node, ast.Import) and any(a.name == "importlib" for a in node.names)]
    assert not private, private
