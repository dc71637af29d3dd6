"""Under CI a test skipped for a missing tool fails (tests/conftest.py), so a setup step that
forgot a tool cannot hide behind a green run; other skips stay skips, and outside CI nothing
changes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import pytest

@pytest.mark.skipif(True, reason="needs a-tool-nobody-has")
def test_missing_tool():
    pass

def test_cached_sources_absent():
    pytest.skip("cached sources absent under /nowhere")
"""


@pytest.fixture
def probe() -> Iterator[Path]:
    """A throwaway test module under tests/, so the project's conftest applies to it."""
    path = ROOT / "tests" / "ci" / f"test_zz_probe_{os.getpid()}.py"
    path.write_text(PROBE)
    yield path
    path.unlink()


def run(probe: Path, ci: bool) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(probe)],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout


def test_under_ci_a_missing_tool_fails_and_other_skips_stay(probe: Path) -> None:
    code, out = run(probe, ci=True)
    assert code == 1  # a skipif mark is decided at setup, so pytest counts it as an error
    assert "1 skipped, 1 error" in out
    assert "needs a-tool-nobody-has): install it in .ci/setup.d" in out


def test_outside_ci_both_skip(probe: Path) -> None:
    code, out = run(probe, ci=False)
    assert code == 0
    assert "2 skipped in" in out
