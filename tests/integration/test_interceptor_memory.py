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
