"""Memory stays bounded under 20,000 half-open connections and an endless chunked body."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_rss_bounded_and_drops_counted() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.interceptor.memory_driver"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=240,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["peak_rss_mb"] < 250, report
    assert report["active_connections"] == 20_001
    # what did not fit was counted: out-of-order bytes over the total limit, the endless
    # body over the body cap; what is held stays within the limits
    assert report["gaps"] > 0
    assert report["dropped"]["gap"] == report["gaps"]
    assert report["dropped"]["body_truncated"] + report["dropped"].get("body_budget", 0) >= 1
    assert report["buffered_out_of_order"] <= 32 << 20
    assert report["buffered_bodies"] <= 48 << 20


@pytest.mark.parametrize(
    ("coding", "count", "framing"),
    [
        ("gzip", 20_000, "length"),
        ("br", 20_000, "close"),
        ("gzip", 2_000, "close"),
        ("gzip", 2_000, "fin"),
        ("br", 2_000, "fin"),
    ],
)
def test_idle_coded_bodies_stay_within_the_budget(coding: str, count: int, framing: str) -> None:
    # issue 15 row 1: idle connections each holding ~1 KB of a coded JSON body that decodes
    # to 1 MB, plus 20,000 half-open connections; the expiry sweep must not decode them all
    proc = subprocess.run(
        [sys.executable, "-m", "tests.interceptor.memory_idle_driver", coding, str(count), framing],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["peak_rss_mb"] < 250, report
    assert report["active_connections"] == 0
    assert report["body_budget_used"] == 0, report  # every held byte was given back
    assert report["dropped"]["idle_timeout"] >= 20_000
    if framing == "fin":  # complete bodies are reported; what the budget cut is counted
        assert report["emitted"] == count
        assert report["dropped"].get("body_budget", 0) > 0
    else:  # a body cut by the idle timeout is incomplete: never reported as whole
        assert report["emitted"] == 0
