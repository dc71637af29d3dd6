"""Build hook: with ``SIEVE_COMPILE=1`` the interceptor's per-packet modules (listed in
pyproject.toml under ``[tool.sieve.compile]``) are compiled to C extensions with mypyc,
as the interceptor image is built; otherwise the project installs as pure Python.

Compiling needs a C compiler and the ``requires`` of that table in the build environment
(``pip install ... && SIEVE_COMPILE=1 pip wheel --no-build-isolation .``).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from setuptools import setup

ROOT = Path(__file__).resolve().parent


def compiled_modules() -> list[str]:
    """The modules compiled when SIEVE_COMPILE=1."""
    table = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["sieve"]["compile"]
    return list(table["modules"])


def ext_modules() -> list[Any]:
    """mypyc extensions when asked for, else none."""
    flag = os.environ.get("SIEVE_COMPILE", "0")
    if flag not in ("0", "1"):
        raise SystemExit(f"SIEVE_COMPILE={flag!r}: set it to 1 (compile) or 0 (pure Python)")
    if flag == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        raise SystemExit(
            "SIEVE_COMPILE=1 needs mypy in the build environment: install the `requires` of "
            "[tool.sieve.compile] in pyproject.toml and build with --no-build-isolation"
        ) from exc
    return list(mypycify(compiled_modules(), opt_level="3"))


setup(ext_modules=ext_modules())
