"""A copy of the interceptor's source with its per-packet modules compiled by mypyc through
``setup.py``, as the interceptor image is built. The replay benchmark measures it against
the interpreted modules in the same run; a test runs the sans-IO tests on it.

Usage: python -m scripts.compiled_tree DEST
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = (
    "common",
    "protos",
    "interceptor",
    "benchmarks",
    "scripts/__init__.py",
    "scripts/compiled_tree.py",
    "scripts/kafka_dev.py",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/interceptor",
    "tests/integration/__init__.py",
    "tests/integration/test_interceptor_capture.py",
    "pyproject.toml",
    "setup.py",
    "README.md",
)
_IGNORE = shutil.ignore_patterns("__pycache__", "*.so", "build", "*.egg-info")


def build(dest: Path) -> Path:
    """Copy the sources to ``dest`` and compile them there; raise with the compiler's output
    when compiling fails."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src, out = ROOT / part, dest / part
        if src.is_dir():
            shutil.copytree(src, out, ignore=_IGNORE, dirs_exist_ok=True)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, out)
    proc = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
        cwd=dest,
        env={**os.environ, "SIEVE_COMPILE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"compiling failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(build(Path(sys.argv[1])))
