"""Alerts across a collector killed with SIGKILL: nothing lost, nothing sent twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import pytest

from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.alerts.helpers import RULES, password_batches
from tests.collector.alerts.receiver import Receiver
from tests.collector.process import Collector, loopback_env
from tests.ports import free_port

pytestmark = pytest.mark.integration

TOKEN = "alerts-token"
KEY = "kill-test-key"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path, Receiver]]:
    receiver = Receiver(free_port(), KEY.encode())
    (tmp_path / "policies.yaml").write_text(RULES)
    (tmp_path / "alerts.yaml").write_text(
        f"""
retry: {{initial_seconds: 0.1, max_seconds: 0.5}}
sinks:
  - {{name: hook, type: webhook, url: "{receiver.url}", hmac_key: "{KEY}"}}
"""
    )
    env = loopback_env(
        tmp_path / "c.db",
        TOKEN,
        policies_file=str(tmp_path / "policies.yaml"),
        alerts_file=str(tmp_path / "alerts.yaml"),
        alerts_poll_seconds="0.1",
    )
    try:
        yield env, tmp_path / "c.db", receiver
    finally:
        receiver.stop()


def _ingest(port: int, batches: list[object]) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        requests = iter([ingest_pb2.IngestRequest(batch=b) for b in batches])  # type: ignore[arg-type]
        acks = [
            r.ack
            for r in stub.Ingest(
                requests, metadata=[("authorization", f"Bearer {TOKEN}")], timeout=30
            )
        ]
    assert {a.status for a in acks} == {ingest_pb2.ACK_STATUS_STORED}


def _outbox(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(
            conn.execute("SELECT status, count(*) FROM alert_deliveries GROUP BY status").fetchall()
        )


def _kill(proc: Collector) -> None:
    proc.proc.send_signal(signal.SIGKILL)
    proc.proc.wait(timeout=10)


def test_kill_between_enqueue_and_delivery(
    setup: tuple[dict[str, str], Path, Receiver],
) -> None:
    env, db, receiver = setup
    first = Collector(env)
    try:
        port = first.wait_for("collector serving")["grpc_port"]
        _ingest(port, password_batches(40, 8))
        assert _outbox(db) == {"pending": 40}  # the receiver is down: all waiting
    finally:
        _kill(first)
    receiver.start()
    second = Collector(env)
    try:
        ops_port = second.wait_for("starting")["ops_port"]
        second.wait_for("collector serving")
        receiver.wait_for(40)
        time.sleep(1.0)  # a second copy of anything would arrive now
        assert _outbox(db) == {"delivered": 40}
        metrics = httpx.get(f"http://127.0.0.1:{ops_port}/metrics").text
        assert (
            'sieve_policy_violations{data_type="password",policy="frontend keeps passwords",'
            'severity="critical"} 40.0'
        ) in metrics
        assert 'sieve_alert_outbox_pending{sink="hook"}' not in metrics  # nothing waits
        assert 'sieve_alert_deliveries_total{outcome="delivered",sink="hook"} 40.0' in metrics
    finally:
        second.proc.send_signal(signal.SIGTERM)
        second.proc.wait(timeout=20)
    ids = receiver.ids()
    assert len(ids) == 40
    assert len(set(ids)) == 40
    assert receiver.bad_signatures == 0


def test_kill_while_delivering_loses_nothing(
    setup: tuple[dict[str, str], Path, Receiver],
) -> None:
    env, db, receiver = setup
    receiver.delay = 0.05  # slow answers: the kill lands in the middle of the deliveries
    receiver.start()
    first = Collector(env)
    try:
        port = first.wait_for("collector serving")["grpc_port"]
        _ingest(port, password_batches(60, 10))
        receiver.wait_for(5)
    finally:
        _kill(first)
    before = len(receiver.ids())
    assert before < 60
    second = Collector(env)
    try:
        second.wait_for("collector serving")
        receiver.wait_for(60)
        time.sleep(1.0)
        assert _outbox(db) == {"delivered": 60}
    finally:
        second.proc.send_signal(signal.SIGTERM)
        second.proc.wait(timeout=20)
    ids = receiver.ids()
    assert len(set(ids)) == 60
    # At-least-once: only an alert whose answer arrived in the instant of the kill, before it
    # was marked delivered, can come again (with the same event id, for the receiver to drop).
    assert len(ids) - 60 <= 1, (before, len(ids))


def test_a_bad_alerts_file_stops_the_collector_with_one_line(tmp_path: Path) -> None:
    alerts = tmp_path / "alerts.yaml"
    alerts.write_text("sinks: [{name: chat, type: slack}]\n")
    done = subprocess.run(
        [sys.executable, "-m", "collector"],
        env={
            **os.environ,
            "SIEVE_COLLECTOR_TOKENS": TOKEN,
            "SIEVE_COLLECTOR_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}",
            "SIEVE_COLLECTOR_ALERTS_FILE": str(alerts),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = [line for line in (done.stdout + done.stderr).splitlines() if "alerts" in line]
    assert len(lines) == 1
    assert "invalid alerts setting at sinks.0" in lines[0]
    assert "url or url_file is required" in lines[0]


def test_policies_changed_while_down_resolve_on_start(
    setup: tuple[dict[str, str], Path, Receiver],
) -> None:
    env, _db, receiver = setup
    receiver.start()
    first = Collector(env)
    try:
        port = first.wait_for("collector serving")["grpc_port"]
        _ingest(port, password_batches(3, 3))
        receiver.wait_for(3)
    finally:
        first.proc.send_signal(signal.SIGTERM)
        first.proc.wait(timeout=20)
    Path(env["SIEVE_COLLECTOR_POLICIES_FILE"]).write_text("")  # the rule is gone
    second = Collector(env)
    try:
        second.wait_for("collector serving")
        receiver.wait_for(6)
    finally:
        second.proc.send_signal(signal.SIGTERM)
        second.proc.wait(timeout=20)
    states = [p["body"]["state"] for p in receiver.posts]
    assert states == ["opened"] * 3 + ["resolved"] * 3
