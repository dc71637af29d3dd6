"""Ingest of one cluster's batches by concurrent writers: shared rows (workloads, flow data
types) are not held locked for a batch's whole transaction, and what a failed, rejected,
duplicate or half-finished batch leaves behind is right.

Real PostgreSQL (``SIEVE_TEST_POSTGRES_URL``), a fresh schema per test; each "collector" is
a `Store` with its own engine and connections. The outcome tests also run on SQLite (one
transaction per batch there)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from collector.ingest_writer import WrittenBatch
from collector.schema import endpoints, flow_data_types, workloads
from collector.store import Store
from protos.sieve.v1 import ingest_pb2
from tests.collector.conftest import _postgres_schema_url
from tests.collector.factories import T0, batch, field, report, ts, workload

STORED = ingest_pb2.ACK_STATUS_STORED
DUPLICATE = ingest_pb2.ACK_STATUS_DUPLICATE
REJECTED = ingest_pb2.ACK_STATUS_REJECTED
SERVICES = 6


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _postgres_schema_url()


@pytest.fixture
def pair(pg_url: str) -> Iterator[tuple[Store, Store]]:
    """Two collectors on one PostgreSQL schema."""
    one, two = Store(pg_url), Store(pg_url)
    one.migrate()
    try:
        yield one, two
    finally:
        one.close()
        two.close()


def _cluster_batch(
    agent: str, sequence: int, prefix: str, window: int, sensitivity: str = "medium"
) -> ingest_pb2.MetadataBatch:
    """A batch of one cluster's shared workloads (``SERVICES`` services calling each other)
    over the 10 s window number ``window``; endpoint paths under ``prefix``."""
    start, end = 10.0 * window, 10.0 * window + 10
    reports = [
        report(
            workload(f"svc-{i}"),
            workload(f"svc-{(i + 1) % SERVICES}"),
            "POST",
            f"{prefix}/items/{i}",
            count=i + 1,
            start=start,
            end=end,
            request=[field("$.email", detect=[("email", sensitivity, 0.9, 1)])],
        )
        for i in range(SERVICES)
    ]
    item = batch(sequence, *reports, agent=agent)
    item.window_start.CopyFrom(ts(start))
    item.window_end.CopyFrom(ts(end))
    return item


def _workload_spans(store: Store) -> dict[str, tuple[int, int]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(workloads.c.name, workloads.c.first_seen_us, workloads.c.last_seen_us)
        ).all()
    return {name: (first, last) for name, first, last in rows}


def _flow_levels(store: Store) -> set[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return {tuple(row) for row in conn.execute(select(flow_data_types)).all()}


def _tables(store: Store) -> tuple[Any, ...]:
    """Everything a duplicate must leave as it was."""
    with store.engine.connect() as conn:
        ends = conn.execute(select(endpoints).order_by(endpoints.c.id)).all()
        count = conn.execute(select(func.count()).select_from(workloads)).scalar_one()
    return _workload_spans(store), _flow_levels(store), [tuple(e) for e in ends], count


def _us(seconds: float) -> int:
    return int((T0 + seconds) * 1_000_000)


def test_two_writers_of_one_cluster_store_exact_sums_and_spans(pair: tuple[Store, Store]) -> None:
    """Two collectors, each on its own thread and connections, store interleaved batches of
    one cluster (the same workloads and flows, their own endpoints) concurrently: exchange
    sums, workloads' first/last seen and flows' sensitivity come out as if stored serially."""
    one, two = pair
    batches = 12
    errors: list[BaseException] = []

    def feed(store: Store, agent: str, windows: range) -> None:
        try:
            for n, window in enumerate(windows, 1):
                level = "high" if agent == "b" and n == batches else "medium"
                ack = store.ack_batch(_cluster_batch(agent, n, f"/{agent}", window, level))
                assert ack.status == STORED, ack
        except BaseException as exc:  # reported on the main thread
            errors.append(exc)

    # Agent a covers windows 0..11, agent b 5..16: both widen the same workloads' spans.
    threads = [
        threading.Thread(target=feed, args=(one, "a", range(batches))),
        threading.Thread(target=feed, args=(two, "b", range(5, 5 + batches))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert not any(t.is_alive() for t in threads)
    per_batch = sum(range(1, SERVICES + 1))
    assert sum(e.exchange_count for e in one.endpoints()) == 2 * batches * per_batch
    assert len(one.endpoints()) == 2 * SERVICES
    spans = _workload_spans(two)
    assert spans == {f"svc-{i}": (_us(0), _us(10 * (5 + batches))) for i in range(SERVICES)}
    levels = {row[4] for row in _flow_levels(one) if row[2] == "email"}
    assert levels == {3}  # agent b's last batch raised every email flow to high


def test_a_batch_commits_while_another_of_its_cluster_is_open(pair: tuple[Store, Store]) -> None:
    """Collector one's batch transaction stays open after writing (its endpoints written,
    its workloads and flows read); collector two's batch over the same workloads and flows
    (other endpoints) is stored meanwhile: no row lock of the shared ones is held."""
    one, two = pair
    assert one.ack_batch(_cluster_batch("seed", 1, "/seed", 0)).status == STORED
    inside, release = threading.Event(), threading.Event()
    write = one.writer.write

    def held(conn: Any, item: ingest_pb2.MetadataBatch) -> WrittenBatch:
        written = write(conn, item)
        inside.set()
        assert release.wait(60), "never released"
        return written

    one.writer.write = held  # type: ignore[method-assign,assignment]
    acks: list[int] = []
    first = threading.Thread(
        target=lambda: acks.append(one.ack_batch(_cluster_batch("a", 1, "/a", 1)).status)
    )
    first.start()
    try:
        assert inside.wait(60)
        second = threading.Thread(
            target=lambda: acks.append(two.ack_batch(_cluster_batch("b", 1, "/b", 2)).status)
        )
        second.start()
        second.join(30)  # generous: blocked on a lock it would never finish while held
        assert not second.is_alive(), "the second batch waited for the open transaction"
        assert acks == [STORED]
    finally:
        release.set()
        first.join(60)
    assert acks == [STORED, STORED]
    assert _workload_spans(one)["svc-0"] == (_us(0), _us(30))
    assert sum(e.exchange_count for e in one.endpoints()) == 3 * sum(range(1, SERVICES + 1))


def test_duplicate_changes_nothing(store: Store) -> None:
    item = _cluster_batch("a", 1, "/a", 1)
    assert store.ack_batch(item).status == STORED
    before = _tables(store)
    assert store.ack_batch(item).status == DUPLICATE
    assert _tables(store) == before


def test_rejected_batch_widens_no_workload(store: Store) -> None:
    """A reused batch id with other (later) content is REJECTED and moves no workload's
    last seen, creates no workload, raises no flow's sensitivity."""
    assert store.ack_batch(_cluster_batch("a", 1, "/a", 1)).status == STORED
    before = _tables(store)
    reused = _cluster_batch("a", 1, "/a", 7, "high")
    reused.reports.append(report(workload("newcomer"), workload("svc-0"), start=70, end=80))
    assert store.ack_batch(reused).status == REJECTED
    assert _tables(store) == before


def test_failure_after_the_workloads_step_leaves_nothing(store: Store) -> None:
    """The batch's transaction fails after its workloads were looked up (and a new one
    inserted) and its endpoints written: none of it stays, the resend stores it whole."""
    assert store.ack_batch(_cluster_batch("a", 1, "/a", 1)).status == STORED
    before = _tables(store)
    later = _cluster_batch("a", 2, "/a", 5)
    later.reports.append(report(workload("newcomer"), workload("svc-0"), start=50, end=60))
    limit = store.writer._limit_fields

    def failing(*args: Any) -> Any:
        raise RuntimeError("database went away")

    store.writer._limit_fields = failing  # type: ignore[method-assign,assignment]
    with pytest.raises(RuntimeError):
        store.ack_batch(later)
    assert _tables(store) == before
    store.writer._limit_fields = limit  # type: ignore[method-assign]
    assert store.ack_batch(later).status == STORED
    spans = _workload_spans(store)
    assert spans["svc-0"] == (_us(10), _us(60))
    assert spans["newcomer"] == (_us(50), _us(60))


def test_crash_between_the_transactions_is_completed_by_the_resend(
    pair: tuple[Store, Store],
) -> None:
    """PostgreSQL: the batch committed but its workloads' widening did not run (the
    collector died in between; the agent got no ack): the resend, a DUPLICATE, widens them."""
    one, _ = pair
    assert one.ack_batch(_cluster_batch("a", 1, "/a", 1)).status == STORED
    widen = one.writer.widen_workloads

    def crash(*args: Any) -> None:
        raise RuntimeError("collector killed")

    one.writer.widen_workloads = crash  # type: ignore[method-assign,assignment]
    later = _cluster_batch("a", 2, "/a", 4)
    with pytest.raises(RuntimeError):
        one.ack_batch(later)
    assert _workload_spans(one)["svc-0"] == (_us(10), _us(20))  # stored, not widened
    assert sum(e.exchange_count for e in one.endpoints()) == 2 * sum(range(1, SERVICES + 1))
    one.writer.widen_workloads = widen  # type: ignore[method-assign]
    assert one.ack_batch(later).status == DUPLICATE
    assert _workload_spans(one)["svc-0"] == (_us(10), _us(50))
