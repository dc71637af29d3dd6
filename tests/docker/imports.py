"""Which modules and third-party distributions a service's code can import (static, by AST)."""

from __future__ import annotations

import ast
import functools
import importlib.metadata as md
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL_PACKAGES = frozenset(
    {"common", "protos", "interceptor", "digger", "detector", "collector", "standalone"}
)
#: Development tools inside the packages (with their submodules), never run in an image.
DEV_ONLY = frozenset({"protos.codegen", "detector.eval", "detector.name_lists"})


def dev_only(name: str) -> bool:
    """Whether module ``name`` is, or is inside, a development tool."""
    return any(name == d or name.startswith(d + ".") for d in DEV_ONLY)


def normalize(name: str) -> str:
    """A distribution name in PEP 503 normal form."""
    return re.sub(r"[-_.]+", "-", name).lower()


def module_file(name: str) -> Path | None:
    """The file of local module ``name`` (a module or a package's __init__)."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def module_name(path: Path) -> str:
    """The dotted name of a local module file."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> set[str]:
    """Absolute names imported anywhere in ``path`` (also inside functions)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def closure(package: str) -> tuple[set[str], set[str]]:
    """(local modules, third-party top-level modules) reachable from every module of
    ``package``, the way the running service may import them (lazily too)."""
    todo = [
        module_name(p)
        for p in sorted((ROOT / package).rglob("*.py"))
        if not dev_only(module_name(p))
    ]
    local: set[str] = set()
    third: set[str] = set()
    while todo:
        name = todo.pop()
        if name in local or dev_only(name):
            continue
        path = module_file(name)
        if path is None:
            continue  # "from pkg import attribute"
        local.add(name)
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))  # parent packages
        for imported in imported_names(path):
            top = imported.split(".")[0]
            if top in LOCAL_PACKAGES:
                todo.append(imported)
            elif top and top not in sys.stdlib_module_names and top != "__future__":
                third.add(top)
    return local, third


@functools.cache
def _packages_distributions() -> dict[str, list[str]]:
    return dict(md.packages_distributions())


def distributions_of(module: str) -> set[str]:
    """Distributions that provide top-level ``module`` (normalized)."""
    return {normalize(d) for d in _packages_distributions().get(module, [])}


def requirement_closure(names: set[str]) -> set[str]:
    """``names`` plus everything they require (installed metadata; extras left out)."""
    seen: set[str] = set()
    todo = [normalize(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = md.requires(name) or []
        except md.PackageNotFoundError:
            continue
        for req in requires:
            if ";" in req and "extra" in req.split(";", 1)[1]:
                continue
            match = re.match(r"[A-Za-z0-9._-]+", req)
            if match:
                todo.append(normalize(match.group()))
    return seen
