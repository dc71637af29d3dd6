"""Collector replicas sharing one PostgreSQL database: each batch stored once whoever gets
it, counts exact under concurrent writers, migrations applied once, alerts sent once.

Real PostgreSQL (``SIEVE_TEST_POSTGRES_URL``), one fresh schema per test; every "replica"
is a `Store` with its own engine and connections (the migration test: two processes)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from collector import schema
from collector.alerts.config import parse_alerts
from collector.alerts.service import attach
from collector.ingest_writer import WrittenBatch
from collector.policies import parse_policies
from collector.store import Store
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.alerts.helpers import RULES, password_reports
from tests.collector.alerts.receiver import Receiver
from tests.collector.conftest import _postgres_schema_url
from tests.collector.factories import batch, shop_reports
from tests.ports import free_port

STORED = ingest_pb2.ACK_STATUS_STORED
DUPLICATE = ingest_pb2.ACK_STATUS_DUPLICATE
KEY = b"test-hmac-key-0123456789"


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _postgres_schema_url()


@pytest.fixture
def replicas(pg_url: str) -> Iterator[tuple[Store, Store]]:
    one, two = Store(pg_url, policies=parse_policies(RULES)), Store(pg_url)
    one.migrate()
    two.set_policies(parse_policies(RULES))
    try:
        yield one, two
    finally:
        one.close()
        two.close()


def _ranged(sequence: int, start: int, end: int) -> ingest_pb2.MetadataBatch:
    b = batch(sequence, *shop_reports())
    b.source_range.CopyFrom(
        ingest_pb2.PartitionRange(
            consumer_group="sieve-digger", topic="sieve.exchanges", partition=0,
            start_offset=start, end_offset=end, owner_epoch=1,
        )
    )  # fmt: skip
    return b


def _exchange_total(store: Store) -> int:
    return sum(e.exchange_count for e in store.endpoints())


def _hold_inside_write(store: Store) -> tuple[threading.Event, threading.Event]:
    """Make ``store``'s next ingest stop inside its transaction (its batch row written, not
    committed) until released."""
    inside, release = threading.Event(), threading.Event()
    write = store.writer.write

    def held(conn: Any, b: ingest_pb2.MetadataBatch) -> WrittenBatch:
        inside.set()
        assert release.wait(30), "never released"
        return write(conn, b)

    store.writer.write = held  # type: ignore[method-assign,assignment]
    return inside, release


def test_a_copy_arriving_while_the_first_is_being_stored_is_a_duplicate(
    replicas: tuple[Store, Store],
) -> None:
    one, two = replicas
    copy = _ranged(1, 0, 100)  # with a Kafka offset range, as digger replicas send
    inside, release = _hold_inside_write(one)
    results: dict[str, int] = {}
    first = threading.Thread(target=lambda: results.update(one=one.ingest_batch(copy)))
    first.start()
    assert inside.wait(30)
    # The first replica's transaction holds the batch row: the second waits on its key.
    second = threading.Thread(target=lambda: results.update(two=two.ingest_batch(copy)))
    second.start()
    release.set()
    first.join(30)
    second.join(30)
    assert results == {"one": STORED, "two": DUPLICATE}
    assert _exchange_total(two) == sum(r.exchange_count for r in shop_reports())
    assert one.summary().batches == 1


def test_copies_racing_on_two_connections_are_stored_once(
    replicas: tuple[Store, Store],
) -> None:
    one = replicas[0]
    rounds = 15
    statuses: list[tuple[int, int]] = []
    for n in range(1, rounds + 1):
        copy = _ranged(n, (n - 1) * 10, n * 10)
        gate = threading.Barrier(2)
        got: dict[int, int] = {}

        def send(index: int, store: Store, b: ingest_pb2.MetadataBatch = copy) -> None:
            gate.wait(10)  # noqa: B023 - each round's own barrier, joined below
            got[index] = store.ingest_batch(b)  # noqa: B023

        threads = [threading.Thread(target=send, args=(i, s)) for i, s in enumerate(replicas)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        statuses.append((got[0], got[1]))
    assert all(sorted(pair) == sorted((STORED, DUPLICATE)) for pair in statuses), statuses
    assert _exchange_total(one) == rounds * sum(r.exchange_count for r in shop_reports())
    assert one.summary().batches == rounds


def test_two_replicas_merging_into_the_same_rows_lose_no_count(
    replicas: tuple[Store, Store],
) -> None:
    per_replica = 25
    errors: list[BaseException] = []

    def run(store: Store, agent: str, reverse: bool) -> None:
        try:
            for n in range(1, per_replica + 1):
                reports = shop_reports()[::-1] if reverse else shop_reports()
                assert store.ingest_batch(batch(n, *reports, agent=agent)) == STORED
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(replicas[0], "a", False)),
        threading.Thread(target=run, args=(replicas[1], "b", True)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    expected = 2 * per_replica * sum(r.exchange_count for r in shop_reports())
    assert _exchange_total(replicas[0]) == expected
    with replicas[0].engine.connect() as conn:
        seen = conn.execute(select(func.sum(schema.fields.c.seen_count))).scalar_one()
    single = sum(
        f.seen_count for r in shop_reports() for f in [*r.request_fields, *r.response_fields]
    )
    assert seen == 2 * per_replica * single


_MIGRATE = """
import json, sys
from collector.store import Store
store = Store(sys.argv[1])
print(json.dumps(store.migrate()))
store.close()
"""


def test_two_processes_migrating_an_empty_schema_apply_each_version_once(pg_url: str) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _MIGRATE, pg_url], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    applied = sorted((json.loads(out) for out in outputs), key=len)
    assert applied == [[], [v for v, _ in schema.MIGRATIONS]]
    store = Store(pg_url)
    try:
        assert store.schema_version() == schema.LATEST_VERSION
        with store.engine.connect() as conn:
            versions = list(conn.execute(select(schema.schema_version.c.version)).scalars())
        assert sorted(versions) == [v for v, _ in schema.MIGRATIONS]
    finally:
        store.close()


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_alerts_are_sent_once_by_two_replicas(replicas: tuple[Store, Store]) -> None:
    receiver = Receiver(free_port(), KEY).start()
    config = parse_alerts(
        f"""
dashboard_url: http://127.0.0.1:8080/
retry: {{initial_seconds: 0.05, max_seconds: 0.3}}
sinks:
  - {{name: hook, type: webhook, url: "{receiver.url}", hmac_key: "{KEY.decode()}"}}
"""
    )
    workers = [attach(store, config, poll_seconds=0.02) for store in replicas]
    for worker in workers:
        worker.start()
    try:
        reports = password_reports(40)
        # Each endpoint's violation is seen by both replicas (the same report in two agents'
        # batches), so both try to open it; then both re-evaluate every endpoint.
        for n in range(8):
            chunk = reports[n * 5 : (n + 1) * 5]
            done = threading.Barrier(2)

            def send(
                store: Store,
                agent: str,
                rs: list[metadata_pb2.EndpointReport] = chunk,
                seq: int = n + 1,
                gate: threading.Barrier = done,
            ) -> None:
                gate.wait(10)
                assert store.ingest_batch(batch(seq, *rs, agent=agent)) == STORED

            threads = [
                threading.Thread(target=send, args=(replicas[0], "a")),
                threading.Thread(target=send, args=(replicas[1], "b")),
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
        receiver.wait_for(40)
        resolve = [
            threading.Thread(target=s.set_policies, args=(parse_policies(""),)) for s in replicas
        ]
        for t in resolve:
            t.start()
        for t in resolve:
            t.join(60)
        receiver.wait_for(80)
        # Anything sent twice would have arrived by the time the outbox says all delivered.
        _wait(lambda: _pending(replicas[0]) == 0)
        time.sleep(0.3)
    finally:
        for worker in workers:
            worker.stop()
        receiver.stop()
    ids = receiver.ids()
    assert len(set(ids)) == 80
    assert len(ids) == 80, "an alert was sent twice"
    states = [p["body"]["state"] for p in receiver.posts]
    assert states == ["opened"] * 40 + ["resolved"] * 40  # the sink's order held


def _pending(store: Store) -> int:
    from collector.alerts.tables import alert_deliveries

    with store.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).where(alert_deliveries.c.status == "pending")
            ).scalar_one()
        )
