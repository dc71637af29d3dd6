"""The outbox: one alert per violation and state change, written with the violation."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from collector.alerts.config import parse_alerts
from collector.alerts.service import attach
from collector.alerts.tables import alert_deliveries, alert_events, alert_violations
from collector.policies import parse_policies
from collector.store import Store
from protos.sieve.v1 import ingest_pb2
from tests.collector.alerts.helpers import RULES, password_reports
from tests.collector.factories import batch, shop_reports

CONFIG = """
still_open_hours: 1
sinks:
  - {name: all, type: jsonl, path: "-"}
  - {name: pager, type: webhook, url: "http://127.0.0.1:9/", min_severity: critical,
     states: [opened, resolved]}
"""


@pytest.fixture
def alerting(store_url: str) -> Iterator[Store]:
    store = Store(store_url, policies=parse_policies(RULES))
    store.migrate()
    attach(store, parse_alerts(CONFIG))  # worker not started: rows stay in the outbox
    try:
        yield store
    finally:
        store.close()


def events(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(alert_events).order_by(alert_events.c.id))
        return [json.loads(r.payload) for r in rows]


def deliveries(store: Store) -> list[tuple[int, str]]:
    with store.engine.connect() as conn:
        q = select(alert_deliveries.c.event_id, alert_deliveries.c.sink)
        return sorted((int(a), str(b)) for a, b in conn.execute(q))


def test_a_violation_alerts_once_when_it_opens(alerting: Store) -> None:
    assert alerting.ingest_batch(batch(1, *password_reports(3))) == ingest_pb2.ACK_STATUS_STORED
    first = events(alerting)
    assert [e["state"] for e in first] == ["opened"] * 3
    assert len({e["id"] for e in first}) == 3
    # The same violations seen again (new batch, same endpoints) raise nothing new.
    alerting.ingest_batch(batch(2, *password_reports(3)))
    alerting.ingest_batch(batch(1, *password_reports(3)))  # a resend: duplicate
    assert events(alerting) == first
    v = first[0]["violation"]
    assert isinstance(v, dict)
    assert v["policy"] == "frontend keeps passwords"
    assert v["severity"] == "critical"
    assert v["data_type"] == "password"
    assert v["sender"] == {"kind": "deployment", "namespace": "shop", "name": "frontend"}
    assert v["endpoint"]["method"] == "POST"


def test_each_sink_gets_what_it_asked_for(alerting: Store) -> None:
    alerting.ingest_batch(batch(1, *shop_reports()))
    by_severity = {e["violation"]["severity"] for e in events(alerting)}  # type: ignore[index]
    assert by_severity == {"critical", "high"}
    rows = deliveries(alerting)
    all_sink = [e for e, s in rows if s == "all"]
    pager = [e for e, s in rows if s == "pager"]
    assert len(all_sink) == len(events(alerting))
    # Only the critical (password) violation goes to the pager.
    assert len(pager) == 1


def test_resolved_and_reopened_are_new_alerts(alerting: Store) -> None:
    alerting.ingest_batch(batch(1, *password_reports(2)))
    alerting.set_policies(parse_policies(""))  # rule removed: both resolve
    states = [e["state"] for e in events(alerting)]
    assert states == ["opened", "opened", "resolved", "resolved"]
    alerting.set_policies(parse_policies(""))  # nothing left to resolve
    assert len(events(alerting)) == 4
    alerting.set_policies(parse_policies(RULES))  # back: opened again, generation 2
    reopened = events(alerting)[4:]
    assert [e["state"] for e in reopened] == ["opened", "opened"]
    assert all(str(e["id"]).split("/")[1] == "2" for e in reopened)


def test_reminders_while_open(alerting: Store) -> None:
    alerting.ingest_batch(batch(1, *password_reports(1)))
    hook = alerting.on_violations
    assert hook is not None
    recorder = hook.__self__  # type: ignore[attr-defined]
    with alerting.engine.begin() as conn:
        opened = conn.execute(select(alert_violations.c.opened_at_us)).scalar_one()
        assert recorder.enqueue_reminders(conn, opened + 10) == 0  # not due yet
        hour = 3_600_000_000
        assert recorder.enqueue_reminders(conn, opened + hour + 1) == 1  # "all" sink only
        assert recorder.enqueue_reminders(conn, opened + hour + 2) == 0  # once per hour
        assert recorder.enqueue_reminders(conn, opened + 2 * hour + 3) == 1
    states = [(e["state"], e["id"]) for e in events(alerting)]
    assert [s for s, _ in states] == ["opened", "still_open", "still_open"]
    assert str(states[1][1]).endswith("/still_open/1")
    assert str(states[2][1]).endswith("/still_open/2")


def test_without_alerts_nothing_is_recorded(store: Store) -> None:
    store.set_policies(parse_policies(RULES))
    store.ingest_batch(batch(1, *password_reports(2)))
    assert events(store) == []


def test_sinks_are_woken_after_commit_only(store_url: str) -> None:
    store = Store(store_url, policies=parse_policies(RULES))
    store.migrate()
    woken: list[int] = []
    worker = attach(store, parse_alerts(CONFIG))
    worker.recorder._notify = lambda: woken.append(len(events(store)))
    try:
        store.ingest_batch(batch(9, *shop_reports()[3:4]))  # no new violation: no wake
        assert woken == []
        store.ingest_batch(batch(1, *password_reports(1)))
        # Woken once, when the alert was already visible to another connection.
        assert woken == [1]
        store.ingest_batch(batch(2, *password_reports(2)))
        assert woken == [1, 2]
        store.ingest_batch(batch(2, *password_reports(2)))  # a resend: nothing new
        assert woken == [1, 2]
    finally:
        store.close()


def test_violation_gauge_counts_open_violations_by_severity(store: Store) -> None:
    from collector.alerts.service import open_violations

    store.set_policies(parse_policies(RULES))
    store.ingest_batch(batch(1, *password_reports(2), *shop_reports()))
    got = {(p, s, d): n for p, s, d, n in open_violations(store)}
    # The password rule has severity critical; the other takes the data's sensitivity.
    assert got[("frontend keeps passwords", "critical", "password")] == 3
    assert got[("no high data outside", "high", "credit_card")] == 1
    store.set_policies(parse_policies(""))
    assert open_violations(store) == []
