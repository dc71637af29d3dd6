"""No module binds one top-level name twice by accident.

Ruff does not flag a second ``_WORDS = frozenset(...)`` further down a long module; the second
silently replaces the first for every function above it, and the only symptom is a rule that
stops working (it happened three times in the detector's rule modules). A rebinding that reads
the old value (``SENSITIVE = tuple(... for s in SENSITIVE)``) is an update, not a collision.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("common", "interceptor", "digger", "detector", "collector", "standalone", "scripts")


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    return []


def _reads(node: ast.stmt, name: str) -> bool:
    value = getattr(node, "value", None)
    if value is None:
        return False
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(value))


def collisions(source: str) -> list[tuple[str, int]]:
    """(name, line) of each top-level rebinding that does not read the name's old value."""
    seen: set[str] = set()
    out = []
    for node in ast.parse(source).body:
        for name in _bound_names(node):
            if name in seen and not _reads(node, name):
                out.append((name, node.lineno))
            seen.add(name)
    return out


def test_the_check_finds_a_collision_and_allows_an_update() -> None:
    source = "A = 1\nB = (A,)\nA = 2\nB = B + (3,)\n"
    assert collisions(source) == [("A", 3)]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_rebinds_a_top_level_name(package: str) -> None:
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted((ROOT / package).rglob("*.py"))
        if (hits := collisions(path.read_text(encoding="utf-8")))
    }
    assert not found, found
