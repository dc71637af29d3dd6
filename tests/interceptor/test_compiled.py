"""The interceptor's per-packet modules compiled with mypyc, as in its image: they build
through setup.py, load as extension modules, and pass the same sans-IO tests as the
interpreted source (tests/interceptor without the integration ones); with root, the live
capture test on network namespaces passes too."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scripts import compiled_tree

pytestmark = pytest.mark.slow


def test_compiled_modules_pass_the_sans_io_tests(tmp_path: Path) -> None:
    tree = compiled_tree.build(tmp_path / "tree")
    table = tomllib.loads((tree / "pyproject.toml").read_text())["tool"]["sieve"]["compile"]
    names = [m.removesuffix(".py").replace("/", ".") for m in table["modules"]]
    show = f"import importlib\nfor m in {names!r}: print(importlib.import_module(m).__file__)"
    where = subprocess.run(
        [sys.executable, "-c", show], cwd=tree, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(where) == len(names)
    assert all(f.startswith(str(tree)) and f.endswith(".so") for f in where), where
    proc = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
            "not integration and not netns", "--ignore", "tests/interceptor/test_compiled.py",
            "tests/interceptor",
        ],
        cwd=tree, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    _passed(proc)
    if os.geteuid() == 0:
        # live capture on veths of network namespaces (compiled code frees a local right
        # after its last use: that once left the kernel filter reading freed memory)
        live = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "tests/integration/test_interceptor_capture.py"],
            cwd=tree, capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
        _passed(live)


def _passed(proc: subprocess.CompletedProcess[str]) -> None:
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in summary, summary
    assert "failed" not in summary, summary
    assert "skipped" not in summary, summary
