"""`sieve demo`: live (root) the shop's flows reach the API within a minute and nothing of
it is left after SIGTERM; without root it says so and serves the shipped capture."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from standalone.demo import netns
from standalone.demo import run as demo_run
from standalone.settings import StandaloneSettings
from tests.conftest import requires_root
from tests.ports import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WANTED = {"email", "credit_card", "person_name"}
SHOP_FLOWS = {
    ("web/frontend", "accounts/users"),
    ("web/frontend", "shop/orders"),
    ("shop/orders", "payments/payments"),
    ("shop/orders", "messaging/notifications"),
    ("payments/payments", "api.paygate.example"),
    ("shop/orders", "rewards/loyalty"),  # gRPC
}


def _flows(port: int) -> list[dict[str, Any]]:
    url = f"http://127.0.0.1:{port}/api/v1/flows"
    with urllib.request.urlopen(url, timeout=5) as resp:
        data: list[dict[str, Any]] = json.load(resp)
    return data


def _types(flows: list[dict[str, Any]]) -> set[str]:
    return {t["data_type"] for f in flows for t in f["data_types"]}


def _shop_processes() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"standalone.demo.services" in cmdline:
                found.append(int(entry.name))
    return found


def _sieve() -> list[str]:
    script = Path(sys.executable).parent / "sieve"
    return [str(script)] if script.exists() else [sys.executable, "-m", "standalone"]


@pytest.mark.netns
@requires_root
def test_demo_live_flows_within_a_minute_then_nothing_left() -> None:
    port = free_port()
    started = time.monotonic()
    proc = subprocess.Popen(
        [*_sieve(), "demo", "--duration", "170", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    try:
        flows: list[dict[str, Any]] = []
        while time.monotonic() - started < 60 and proc.poll() is None:
            try:
                flows = _flows(port)
            except OSError:
                flows = []
            pairs = {(f["source"]["label"], f["destination"]["label"]) for f in flows}
            if _types(flows) >= WANTED and pairs >= SHOP_FLOWS:
                break
            time.sleep(1)
        elapsed = time.monotonic() - started
        assert proc.poll() is None, proc.communicate()
        assert _types(flows) >= WANTED, flows
        assert {(f["source"]["label"], f["destination"]["label"]) for f in flows} >= SHOP_FLOWS
        assert elapsed < 60
        card = next(f for f in flows if f["destination"]["label"] == "payments/payments")
        assert card["highest_sensitivity"] == "high"
        assert {f["destination"]["external"] for f in flows} == {True, False}
        policies = {"card numbers stay in payments", "nothing high-sensitivity leaves the cluster"}
        broken: set[str] = set()
        while time.monotonic() - started < 90 and not broken >= policies:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/violations") as resp:
                broken = {v["policy"] for v in json.load(resp)}
            time.sleep(0.5)
        assert broken >= policies
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 0, stderr
        assert "Open the data map: http://127.0.0.1:" in stdout
        assert "Done:" in stdout
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        left = netns.leftover_namespaces() + netns.leftover_links()
        shop = _shop_processes()
        netns.cleanup()
    assert left == []
    assert shop == []


def test_demo_without_root_serves_the_shipped_capture(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        netns, "can_create_namespaces", lambda: (False, "network namespaces need root")
    )
    port = free_port()
    seen: list[list[dict[str, Any]]] = []

    def poll() -> None:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and not seen:
            try:
                seen.append(_flows(port))
            except OSError:
                time.sleep(0.3)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    console = Console(record=True, width=200, color_system=None)
    code = demo_run.demo(StandaloneSettings(http_port=port), duration=6, console=console)
    poller.join(5)
    text = console.export_text()
    assert code == 0
    assert "network namespaces need root" in text
    assert "demo.pcap" in text
    assert seen, "the dashboard never answered"
    flows = seen[0]
    assert _types(flows) >= WANTED
    assert {(f["source"]["label"], f["destination"]["label"]) for f in flows} == SHOP_FLOWS
