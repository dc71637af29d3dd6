"""Delivery to real receivers on loopback: signatures, retries across an outage, formats."""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from collector.alerts.config import parse_alerts
from collector.alerts.service import attach
from collector.alerts.tables import alert_deliveries
from collector.alerts.worker import DeliveryWorker
from collector.policies import parse_policies
from collector.store import Store
from tests.collector.alerts.helpers import RULES, password_batches, password_reports
from tests.collector.alerts.receiver import Receiver
from tests.collector.factories import batch
from tests.ports import free_port

KEY = b"test-hmac-key-0123456789"


def _config(url: str, extra: str = "") -> str:
    return f"""
dashboard_url: http://127.0.0.1:8080/
retry: {{initial_seconds: 0.05, max_seconds: 0.3}}
sinks:
  - {{name: hook, type: webhook, url: "{url}", hmac_key: "{KEY.decode()}"}}
{extra}
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'c.db'}", policies=parse_policies(RULES))
    s.migrate()
    try:
        yield s
    finally:
        s.close()


def _start(store: Store, config: str) -> DeliveryWorker:
    worker = attach(store, parse_alerts(config), poll_seconds=0.05)
    worker.start()
    return worker


def test_receiver_down_then_up_nothing_lost_nothing_twice(store: Store) -> None:
    port = free_port()
    receiver = Receiver(port, KEY)
    worker = _start(store, _config(receiver.url))
    try:
        for b in password_batches(30, 5):
            store.ingest_batch(b)  # type: ignore[arg-type]
        # The receiver is down: attempts fail and are recorded.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with store.engine.connect() as conn:
                tried = conn.execute(
                    select(alert_deliveries.c.attempts).where(alert_deliveries.c.attempts > 1)
                ).first()
            if tried:
                break
            time.sleep(0.05)
        assert tried, "no retry while the receiver was down"
        receiver.start()
        receiver.wait_for(30)
        store.set_policies(parse_policies(""))  # all 30 resolve
        receiver.wait_for(60)
        time.sleep(0.5)  # anything sent twice would arrive now
    finally:
        worker.stop()
        receiver.stop()
    ids = receiver.ids()
    assert len(ids) == 60
    assert len(set(ids)) == 60
    assert receiver.bad_signatures == 0
    states = [p["body"]["state"] for p in receiver.posts]
    assert states == ["opened"] * 30 + ["resolved"] * 30  # in order, per sink
    first = receiver.posts[0]
    assert first["headers"]["X-Sieve-Event-Id"] == first["body"]["id"]
    assert first["body"]["dashboard_url"].startswith("http://127.0.0.1:8080/#/endpoints/")
    with store.engine.connect() as conn:
        statuses = set(conn.execute(select(alert_deliveries.c.status)).scalars())
    assert statuses == {"delivered"}


def test_error_answers_are_retried(store: Store) -> None:
    receiver = Receiver(free_port(), KEY, fail_first=3).start()
    worker = _start(store, _config(receiver.url))
    try:
        store.ingest_batch(batch(1, *password_reports(2)))
        receiver.wait_for(2)
        time.sleep(0.3)
    finally:
        worker.stop()
        receiver.stop()
    assert receiver.failed == 3
    assert sorted(set(receiver.ids())) == sorted(receiver.ids())
    assert len(receiver.ids()) == 2


def test_a_wrong_key_is_rejected_by_the_receiver(store: Store) -> None:
    receiver = Receiver(free_port(), b"another key").start()
    worker = _start(store, _config(receiver.url))
    try:
        store.ingest_batch(batch(1, *password_reports(1)))
        deadline = time.monotonic() + 10
        while receiver.bad_signatures < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
        receiver.stop()
    assert receiver.bad_signatures >= 2  # refused, and retried: not dropped
    assert receiver.posts == []


def test_chat_and_pager_formats_reach_their_receivers(store: Store, tmp_path: Path) -> None:
    slack, teams, pager = (Receiver(free_port()).start() for _ in range(3))
    lines = tmp_path / "alerts.jsonl"
    extra = f"""
  - {{name: slack, type: slack, url: "{slack.url}"}}
  - {{name: teams, type: teams, url: "{teams.url}"}}
  - {{name: pd, type: pagerduty, url: "{pager.url}", routing_key: "R0UTING"}}
  - {{name: file, type: jsonl, path: "{lines}"}}
"""
    hook = Receiver(free_port(), KEY).start()
    worker = _start(store, _config(hook.url, extra))
    try:
        store.ingest_batch(batch(1, *password_reports(1)))
        for r in (slack, teams, pager):
            r.wait_for(1)
        store.set_policies(parse_policies(""))
        pager.wait_for(2)
        slack.wait_for(2)
    finally:
        worker.stop()
        for r in (slack, teams, pager, hook):
            r.stop()
    message = slack.posts[0]["body"]
    assert "frontend keeps passwords" in message["text"]
    button = message["blocks"][-1]["elements"][0]
    assert button["url"].startswith("http://127.0.0.1:8080/#/endpoints/")
    card = teams.posts[0]["body"]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["actions"][0]["type"] == "Action.OpenUrl"
    trigger, resolve = (p["body"] for p in pager.posts)
    assert trigger["event_action"] == "trigger"
    assert trigger["routing_key"] == "R0UTING"
    assert trigger["payload"]["severity"] == "critical"
    assert resolve["event_action"] == "resolve"
    assert resolve["dedup_key"] == trigger["dedup_key"]
    written = [json.loads(line) for line in lines.read_text().splitlines()]
    assert [e["state"] for e in written] == ["opened", "resolved"]


def _syslog_server() -> tuple[socket.socket, list[bytes], threading.Thread]:
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.append(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server, received, thread


def test_syslog_messages_are_octet_counted_rfc5424(store: Store) -> None:
    server, received, _thread = _syslog_server()
    port = server.getsockname()[1]
    config = f"""
sinks:
  - {{name: siem, type: syslog, host: 127.0.0.1, port: {port}}}
"""
    worker = _start(store, config)
    try:
        store.ingest_batch(batch(1, *password_reports(2)))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            data = b"".join(received)
            if data.count(b"<") >= 2 and data.count(b"sieve@32473") >= 2:
                break
            time.sleep(0.05)
    finally:
        worker.stop()
        server.close()
    data = b"".join(received)
    messages = []
    while data:
        length, _, rest = data.partition(b" ")
        messages.append(rest[: int(length)])
        data = rest[int(length) :]
    assert len(messages) == 2
    for message in messages:
        # facility 4 (auth) * 8 + severity 2 (critical) = 34; version 1
        assert message.startswith(b"<34>1 ")
        assert b" sieve - opened [sieve@32473 id=" in message
        assert b'policy="frontend keeps passwords"' in message


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
def test_syslog_over_tls_verifies_the_server(store: Store, tmp_path: Path) -> None:
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with context.wrap_socket(conn, server_side=True) as tls:
            while chunk := tls.recv(65536):
                received.append(chunk)

    threading.Thread(target=serve, daemon=True).start()
    config = f"""
sinks:
  - {{name: siem, type: syslog, host: localhost, port: {port}, tls: true, ca_file: "{cert}"}}
"""
    worker = _start(store, config)
    try:
        store.ingest_batch(batch(1, *password_reports(1)))
        deadline = time.monotonic() + 10
        while b"sieve@32473" not in b"".join(received) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
        server.close()
    data = b"".join(received)
    length, _, message = data.partition(b" ")
    assert int(length) == len(message)
    assert message.startswith(b"<34>1 ")
