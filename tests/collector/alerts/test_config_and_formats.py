"""The alerts file (one-line errors), the signature helpers, and outbox pruning."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest
from sqlalchemy import func, select

from collector.alerts import formats
from collector.alerts.config import load_alerts, parse_alerts
from collector.alerts.service import attach
from collector.alerts.tables import alert_deliveries, alert_events
from collector.policies import parse_policies
from collector.store import Store
from common.settings import ConfigError
from tests.collector.alerts.helpers import RULES, password_reports
from tests.collector.factories import batch


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sinks: [{name: a, type: fax}]", "sinks.0"),
        ("sinks: [{name: a, type: webhook}]", "url or url_file is required"),
        ("sinks: [{name: a, type: slack, url: ftp://x}]", "must start with http"),
        ("sinks: [{name: a, type: pagerduty}]", "routing_key or routing_key_file"),
        ("sinks: [{name: a, type: jsonl}, {name: a, type: jsonl}]", "two sinks are named 'a'"),
        ("sinks: [{name: a, type: jsonl, min_severity: urgent}]", "min_severity"),
        ("retry: {initial_seconds: 0}", "retry.initial_seconds"),
        ("sinks: [{name: 'a b', type: jsonl}]", "name"),
        ("[unclosed", "not valid YAML"),
    ],
)
def test_bad_alerts_files_are_one_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_alerts(text, "alerts.yaml")
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_secrets_come_from_files_and_never_show(tmp_path: Path) -> None:
    (tmp_path / "key").write_text("s3cret\n")
    (tmp_path / "alerts.yaml").write_text(
        f"sinks: [{{name: a, type: webhook, url: 'https://h.example/x',"
        f" hmac_key_file: '{tmp_path / 'key'}'}}]"
    )
    [sink] = load_alerts(tmp_path / "alerts.yaml").sinks
    assert sink.hmac_key is not None  # type: ignore[union-attr]
    assert sink.hmac_key.get_secret_value() == "s3cret"  # type: ignore[union-attr]
    assert "s3cret" not in repr(sink)
    with pytest.raises(ConfigError, match="cannot read hmac_key_file"):
        parse_alerts(
            "sinks: [{name: a, type: webhook, url: 'https://h/x', hmac_key_file: /nonexistent}]"
        )


def test_signature_and_replay_window() -> None:
    event = {"id": "k/1/opened", "violation": {"endpoint": {"id": 3}}}
    body, headers = formats.webhook(event, "https://d.example/", b"key", 1_000_000)
    expected = hmac.new(b"key", b"1000000." + body, hashlib.sha256).hexdigest()
    assert headers["X-Sieve-Signature"] == "v1=" + expected
    assert formats.verify(b"key", headers, body, now=1_000_100)
    assert not formats.verify(b"key", headers, body, now=1_000_000 + 301)  # replayed late
    assert not formats.verify(b"other", headers, body, now=1_000_000)
    assert not formats.verify(b"key", headers, body + b" ", now=1_000_000)
    unsigned_body, unsigned = formats.webhook(event, "", None, 5)
    assert "X-Sieve-Signature" not in unsigned
    assert b'"dashboard_url":""' in unsigned_body


def test_delivered_alerts_are_pruned_after_retention(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}", policies=parse_policies(RULES))
    store.migrate()
    config = parse_alerts(
        "retention_hours: 1\nsinks: [{name: a, type: jsonl, path: '" + str(tmp_path / "o") + "'},"
        " {name: b, type: webhook, url: 'http://127.0.0.1:9/'}]"
    )
    worker = attach(store, config)
    store.ingest_batch(batch(1, *password_reports(2)))
    assert worker.sinks[0].run_once() == 2  # the file sink delivers; the webhook one waits
    later = 2 * 3_600_000_000  # two hours on
    with store.engine.connect() as conn:
        created = conn.execute(select(func.max(alert_events.c.created_at_us))).scalar_one()
    assert worker.prune(created + later) == 0  # still pending for sink b: kept
    with store.engine.begin() as conn:
        conn.execute(alert_deliveries.update().values(status="delivered"))
    assert worker.prune(created + 10) == 0  # not old enough
    assert worker.prune(created + later) == 2
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(alert_deliveries)).scalar() == 0
    store.close()
