"""Batches an attacker holding a token could send: whatever is stored, every read still works.

Issue 15 rows 4, 5 and 7: a window in year 33658 or counts whose sum overflows were acked
STORED and then every read endpoint answered 500; uint64 > 2^63-1, timestamps outside years
1..9999 and NaN latencies broke the store instead of being REJECTED; batch ids were global.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from collector import schema
from collector.store import Store
from collector.validation import INT64_MAX, escape_controls
from collector.web import create_app
from protos.sieve.v1 import ingest_pb2
from tests.collector.factories import batch, field, report, shop_reports, workload

REJECTED = ingest_pb2.ACK_STATUS_REJECTED
STORED = ingest_pb2.ACK_STATUS_STORED
DUPLICATE = ingest_pb2.ACK_STATUS_DUPLICATE

YEAR_33658 = 1_000_000_000_000  # seconds since the epoch: 33658-09-27


def _reads_all_work(store: Store) -> None:
    """Every read endpoint of the API answers 200 (the dashboard's calls)."""
    with TestClient(create_app(store)) as client:
        for path in (
            "/api/v1/summary",
            "/api/v1/workloads",
            "/api/v1/flows",
            "/api/v1/endpoints",
            "/api/v1/data-types",
            "/api/v1/violations",
        ):
            assert client.get(path).status_code == 200, path
        for end in client.get("/api/v1/endpoints").json():
            assert client.get(f"/api/v1/endpoints/{end['id']}").status_code == 200


def _set(path: str, value: object) -> Callable[[ingest_pb2.MetadataBatch], None]:
    def mutate(b: ingest_pb2.MetadataBatch) -> None:
        *parents, name = path.split(".")
        target: object = b
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)  # type: ignore[index]
        setattr(target, name, value)

    return mutate


HOSTILE = [
    (_set("window_end.seconds", YEAR_33658), "window_end is outside the years 1..9999"),
    (_set("window_start.seconds", -62_135_596_801), "window_start is outside"),
    (_set("reports.0.last_seen.seconds", YEAR_33658), "last_seen is outside"),
    (_set("reports.0.first_seen.nanos", -1), "first_seen has nanos outside"),
    (_set("reports.0.exchange_count", 2**63), "exchange_count 9223372036854775808 does not fit"),
    (_set("reports.0.status_classes.0.count", 2**64 - 1), "status class count"),
    (_set("reports.0.latency_ms.count", 2**63), "latency_ms.count"),
    (_set("reports.0.latency_ms.sum", float("nan")), "latency_ms.sum is not a finite number"),
    (_set("reports.0.latency_ms.p99", float("inf")), "latency_ms.p99 is not a finite number"),
    (_set("reports.0.request_body_bytes.sum", 1e300), "request_body_bytes.sum is outside"),
    (_set("reports.0.request_fields.0.seen_count", 2**63), "seen_count"),
    (_set("reports.0.request_fields.0.detections.0.count", 2**64 - 1), "detection count"),
    (_set("reports.0.request_fields.0.detections.0.confidence", float("nan")), "confidence"),
    (_set("sequence", 2**63), "sequence 9223372036854775808 does not fit"),
    (_set("agent_id", "agent\x00a"), "agent_id holds a control character"),
    (_set("batch_id", "x" * 513), "batch_id is longer than 512"),
    (_set("reports.0.source.name", "front\x00end"), "source name holds a control character"),
    (_set("reports.0.destination.namespace", "n" * 257), "destination namespace is longer"),
    (_set("reports.0.request_fields.0.json_path", "$." + "\x00" * 200), "json_path must"),
]


@pytest.mark.parametrize(("mutate", "detail"), HOSTILE)
def test_what_storage_cannot_hold_is_rejected_with_the_reason(
    store: Store, mutate: Callable[[ingest_pb2.MetadataBatch], None], detail: str
) -> None:
    store.ingest_batch(batch(1, *shop_reports()))
    bad = batch(2, *shop_reports())
    mutate(bad)
    ack = store.ack_batch(bad)
    assert ack.status == REJECTED
    assert detail in ack.detail
    assert store.summary().batches == 1
    _reads_all_work(store)


def _huge(sequence: int, count: int) -> ingest_pb2.MetadataBatch:
    one = report(
        workload("frontend"),
        workload("users"),
        count=1,
        request=[field("$.email", seen=count, detect=[("email", "medium", 0.9, count)])],
    )
    one.exchange_count = one.inspected_count = count
    one.status_classes[0].count = count
    one.latency_ms.count = count
    return batch(sequence, one)


def test_counts_whose_sum_overflows_saturate_and_reads_work(store: Store) -> None:
    big = 2**62 + 2**61
    assert store.ack_batch(_huge(1, big)).status == STORED
    # Two reports of one endpoint in one batch, and a second batch: every sum passes 2^63-1.
    twice = _huge(2, big)
    twice.reports.append(twice.reports[0])
    assert store.ack_batch(twice).status == STORED
    (end,) = store.endpoints()
    assert end.exchange_count == INT64_MAX
    detail = store.endpoint(end.id)
    assert detail is not None
    assert detail.status_classes == {"2xx": INT64_MAX}
    assert detail.request_fields[0].seen_count == INT64_MAX
    assert detail.request_fields[0].detections[0].count == INT64_MAX
    _reads_all_work(store)


def test_control_characters_of_observed_keys_are_stored_escaped(store: Store) -> None:
    hostile = "$.a\x00b\nc"
    one = report(
        workload("frontend"),
        workload("users"),
        path="/x\x01y",
        params=("q\x00",),
        request=[field(hostile, detect=[("email", "medium", 0.9, 1)])],
    )
    assert store.ack_batch(batch(1, one)).status == STORED
    (end,) = store.endpoints()
    assert end.path_template == "/x\\u0001y"
    detail = store.endpoint(end.id)
    assert detail is not None
    assert [f.json_path for f in detail.request_fields] == [escape_controls(hostile)]
    assert detail.query_parameter_names == ["q\\u0000"]
    _reads_all_work(store)


def test_rows_written_before_validation_do_not_break_reads(store: Store) -> None:
    store.ingest_batch(batch(1, *shop_reports()))
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE endpoints SET last_seen_us = 9000000000000000000, "
                "first_seen_us = -9000000000000000000"
            )
        )
        conn.execute(text("UPDATE workloads SET last_seen_us = 9000000000000000000"))
        conn.execute(text("UPDATE detections SET last_seen_us = 9000000000000000000"))
    _reads_all_work(store)
    assert store.endpoints()[0].last_seen == "9999-12-31T23:59:59.000Z"


# --- batch ids per principal (row 7) ------------------------------------------------------


def test_an_identical_resend_is_duplicate_other_content_under_the_same_id_is_rejected(
    store: Store,
) -> None:
    first = batch(1, report(workload("frontend"), workload("users"), count=5))
    assert store.ack_batch(first, "agent:a").status == STORED
    assert store.ack_batch(first, "agent:a").status == DUPLICATE
    reused = batch(1, report(workload("frontend"), workload("users"), count=7))
    ack = store.ack_batch(reused, "agent:a")
    assert ack.status == REJECTED
    assert "already stored with other content" in ack.detail
    (end,) = store.endpoints()
    assert end.exchange_count == 5


def test_batch_ids_of_two_principals_do_not_collide(store: Store) -> None:
    # The attacker claims the victim's predictable id first: the victim's batch is stored.
    attacker = batch(1, report(workload("evil"), workload("users"), count=1))
    victim = batch(1, report(workload("frontend"), workload("users"), count=5))
    assert store.ack_batch(attacker, "agent:evil").status == STORED
    assert store.ack_batch(victim, "agent:cluster-a").status == STORED
    assert {e.source.name: e.exchange_count for e in store.endpoints()} == {
        "evil": 1,
        "frontend": 5,
    }


@pytest.fixture
def v1_url(store_url: str) -> str:
    """A database at schema version 1 holding one batch (ids global, no content hash)."""
    version_1 = Store(store_url)
    with version_1.engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        schema.MIGRATIONS[0][1](conn)
        conn.execute(schema.schema_version.insert().values(version=1, applied_at_us=0))
        conn.execute(
            text(
                "INSERT INTO batches (batch_id, agent_id, sequence, received_at_us, "
                "report_count) VALUES ('cluster-a/1/1', 'cluster-a', 1, 0, 1)"
            )
        )
    version_1.close()
    return store_url


def test_upgrade_keeps_stored_batches_and_their_resends_stay_duplicates(v1_url: str) -> None:
    store = Store(v1_url)
    try:
        assert store.migrate() == [v for v, _ in schema.MIGRATIONS[1:]]
        assert store.summary().batches == 1
        resent = batch(1, report(workload("frontend"), workload("users")))
        assert store.ack_batch(resent, "token:0123abcd").status == DUPLICATE
        assert store.ack_batch(batch(2, *shop_reports()), "token:0123abcd").status == STORED
        assert store.summary().batches == 2
    finally:
        store.close()
