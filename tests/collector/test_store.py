"""The store on SQLite and PostgreSQL: migrations, merge per endpoint, idempotence, rejects."""

from __future__ import annotations

import threading

import pytest

from collector import schema
from collector.store import Store, StoreConfigError
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.factories import batch, field, report, shop_reports, workload

STORED = ingest_pb2.ACK_STATUS_STORED
DUPLICATE = ingest_pb2.ACK_STATUS_DUPLICATE
REJECTED = ingest_pb2.ACK_STATUS_REJECTED


def test_migrate_is_idempotent_and_versioned(store_url: str) -> None:
    store = Store(store_url)
    try:
        assert store.schema_version() == 0
        assert store.migrate() == [v for v, _ in schema.MIGRATIONS]
        assert store.migrate() == []
        assert store.schema_version() == schema.LATEST_VERSION
    finally:
        store.close()


def test_batch_is_stored_once_by_batch_id(store: Store) -> None:
    first = batch(1, *shop_reports())
    assert store.ingest_batch(first) == STORED
    assert store.ingest_batch(first) == DUPLICATE
    summary = store.summary()
    assert summary.batches == 1
    assert summary.endpoints == 6
    flows = {(f.source.label, f.destination.label): f for f in store.flows()}
    assert flows[("shop/frontend", "shop/users")].exchange_count == 35  # nothing counted twice


def test_reports_merge_per_endpoint(store: Store) -> None:
    client, server = workload("frontend"), workload("users")
    one = report(
        client,
        server,
        "POST",
        "/users",
        count=10,
        start=100,
        end=160,
        request=[field("$.email", detect=[("email", "medium", 0.8, 10)])],
        params=("page",),
    )
    two = report(
        client,
        server,
        "POST",
        "/users",
        count=5,
        start=40,
        end=120,
        request=[
            field("$.email", "null", seen=5, detect=[("email", "high", 0.95, 4)]),
            field("$.name", detect=[("person_name", "medium", 0.7, 5)]),
        ],
        params=("expand",),
    )
    two.latency_ms.max = 80.0
    two.latency_ms.p99 = 70.0
    assert store.ingest_batch(batch(1, one)) == STORED
    assert store.ingest_batch(batch(2, two)) == STORED
    [summary] = store.endpoints()
    assert summary.exchange_count == 15
    assert summary.first_seen == "2026-01-01T00:00:40.000Z"
    assert summary.last_seen == "2026-01-01T00:02:40.000Z"
    detail = store.endpoint(summary.id)
    assert detail is not None
    assert detail.query_parameter_names == ["expand", "page"]
    assert detail.status_classes == {"2xx": 15}
    assert detail.latency_max_ms == 80.0
    assert detail.latency_p99_ms == 70.0
    assert detail.latency_mean_ms == pytest.approx(5.0)
    by_path = {f.json_path: f for f in detail.request_fields}
    assert set(by_path) == {"$.email", "$.name"}
    email = by_path["$.email"]
    assert email.json_types == ["string", "null"]
    assert email.seen_count == 6
    [det] = email.detections
    assert (det.data_type, det.sensitivity, det.count) == ("email", "high", 14)
    assert det.confidence == pytest.approx(0.95, abs=1e-4)
    assert det.first_seen == "2026-01-01T00:00:40.000Z"
    assert det.last_seen == "2026-01-01T00:02:40.000Z"


def test_two_reports_for_one_endpoint_in_one_batch_merge(store: Store) -> None:
    a, b = workload("a"), workload("b")
    assert store.ingest_batch(batch(1, report(a, b, count=3), report(a, b, count=4))) == STORED
    [only] = store.endpoints()
    assert only.exchange_count == 7


@pytest.mark.parametrize(
    ("mutate", "detail"),
    [
        (lambda b: setattr(b, "batch_id", ""), "batch_id is empty"),
        (lambda b: setattr(b, "sequence", 0), "sequence is 0"),
        (lambda b: b.reports[0].destination.ClearField("name"), "destination has no name"),
        (lambda b: setattr(b.reports[0], "method", "get me"), "not an HTTP method token"),
        (lambda b: setattr(b.reports[0], "path_template", "/a?b=c"), "query"),
        (
            lambda b: b.reports[0].request_fields[0].detections[0].ClearField("data_type"),
            "unspecified data type",
        ),
        (
            lambda b: setattr(b.reports[0].request_fields[0].detections[0], "confidence", 3.0),
            "confidence outside",
        ),
        (lambda b: setattr(b.reports[0].request_fields[0], "json_path", "email"), "json_path"),
    ],
)
def test_malformed_batch_is_rejected_with_detail(store: Store, mutate, detail: str) -> None:
    bad = batch(1, *shop_reports())
    mutate(bad)
    ack = store.ack_batch(bad)
    assert ack.status == REJECTED
    assert detail in ack.detail
    assert store.summary().batches == 0
    assert store.endpoints() == []


def test_too_many_reports_is_rejected(store_url: str) -> None:
    store = Store(store_url, max_reports_per_batch=2)
    store.migrate()
    try:
        ack = store.ack_batch(batch(1, *shop_reports()))
        assert ack.status == REJECTED
        assert "more than the limit of 2" in ack.detail
    finally:
        store.close()


def test_field_limit_drops_new_fields_only(store_url: str) -> None:
    store = Store(store_url, max_fields_per_endpoint=2)
    store.migrate()
    try:
        a, b = workload("a"), workload("b")
        first = report(a, b, request=[field("$.x"), field("$.y")])
        second = report(a, b, request=[field("$.x", "number"), field("$.z")])
        store.ingest_batch(batch(1, first))
        store.ingest_batch(batch(2, second))
        [summary] = store.endpoints()
        detail = store.endpoint(summary.id)
        assert detail is not None
        by_path = {f.json_path: f.json_types for f in detail.request_fields}
        assert by_path == {"$.x": ["string", "number"], "$.y": ["string"]}
    finally:
        store.close()


def test_flows_inventory_and_filters(store: Store) -> None:
    store.ingest_batch(batch(1, *shop_reports()))
    flows = {(f.source.label, f.destination.label): f for f in store.flows()}
    assert set(flows) == {
        ("shop/frontend", "shop/users"),
        ("shop/frontend", "shop/orders"),
        ("shop/orders", "payments/payments"),
        ("payments/payments", "api.stripe-like.example"),
        ("shop/orders", "shop/notifications"),
    }
    users = flows[("shop/frontend", "shop/users")]
    assert users.highest_sensitivity == "high"
    assert users.endpoint_count == 2
    types = {t.data_type: t for t in users.data_types}
    assert types["email"].direction == "both"
    assert types["phone"].direction == "response"
    assert types["password"].sensitivity == "high"
    external = flows[("payments/payments", "api.stripe-like.example")]
    assert external.destination.external
    assert external.destination.kind == "external"

    inventory = {v.data_type: v for v in store.data_types()}
    card = inventory["credit_card"]
    assert card.sensitivity == "high"
    assert [s.label for s in card.senders] == ["payments/payments", "shop/frontend", "shop/orders"]
    assert [r.label for r in card.receivers] == [
        "api.stripe-like.example",
        "payments/payments",
        "shop/orders",
    ]
    phone = inventory["phone"]  # sent in a response: users → frontend
    assert [s.label for s in phone.senders] == ["shop/users"]
    assert [r.label for r in phone.receivers] == ["shop/frontend"]

    only_payments = store.flows(Filters(namespace="payments"))
    assert {(f.source.label, f.destination.label) for f in only_payments} == {
        ("shop/orders", "payments/payments"),
        ("payments/payments", "api.stripe-like.example"),
    }
    cards = store.flows(Filters(data_type="credit_card"))
    assert len(cards) == 3
    high = store.endpoints(Filters(min_sensitivity=3))
    assert {e.path_template for e in high} == {"/users", "/orders", "/charges", "/v1/charges"}
    frontend = {w.label: w for w in store.workloads()}["shop/frontend"]
    assert frontend.sends == ["credit_card", "email", "password", "person_name"]
    assert frontend.receives == ["email", "phone", "street_address"]
    assert store.summary().namespaces == ["payments", "shop"]


def test_concurrent_ingest_counts_every_batch_once(store: Store) -> None:
    a, b = workload("a"), workload("b")
    batches = [batch(i, report(a, b, count=1)) for i in range(1, 21)]
    errors: list[BaseException] = []

    def send(chunk: list[ingest_pb2.MetadataBatch]) -> None:
        try:
            for item in chunk:
                store.ingest_batch(item)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(batches,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    [only] = store.endpoints()
    assert only.exchange_count == 20
    assert store.summary().batches == 20


def test_data_type_ids_map_from_the_enum(store: Store) -> None:
    a, b = workload("a"), workload("b")
    store.ingest_batch(
        batch(1, report(a, b, request=[field("$.ssn", detect=[("us_ssn", "high", 1, 1)])]))
    )
    assert [v.data_type for v in store.data_types()] == ["us_ssn"]
    assert metadata_pb2.DataType.Name(metadata_pb2.DATA_TYPE_US_SSN) == "DATA_TYPE_US_SSN"


def test_in_memory_sqlite_works_across_threads() -> None:
    store = Store("sqlite://")
    store.migrate()
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(store.ingest_batch(batch(1, *shop_reports())))
    )
    worker.start()
    worker.join()
    assert result == [STORED]
    assert store.summary().endpoints == 6


@pytest.mark.parametrize("url", ["mysql://x/y", "not a url", "postgresql+nodriver://x/y"])
def test_bad_database_url_is_one_line_error(url: str) -> None:
    with pytest.raises(StoreConfigError) as info:
        Store(url)
    assert "\n" not in str(info.value)


def test_two_stores_on_one_database_count_a_batch_once(store_url: str) -> None:
    """Two collector replicas (or processes) receiving the same batches at once."""
    first, second = Store(store_url), Store(store_url)
    first.migrate()
    second.migrate()
    a, b = workload("a"), workload("b")
    batches = [batch(i, report(a, b, count=1)) for i in range(1, 16)]
    statuses: list[int] = []

    def send(store: Store) -> None:
        statuses.extend(store.ingest_batch(item) for item in batches)

    try:
        threads = [threading.Thread(target=send, args=(s,)) for s in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(statuses) == sorted([STORED] * 15 + [DUPLICATE] * 15)
        [only] = first.endpoints()
        assert only.exchange_count == 15
    finally:
        first.close()
        second.close()


def test_a_large_batch_stores_what_its_reports_store_one_by_one(store: Store) -> None:
    # More rows per table than one multi-row statement takes on SQLite (1,000), endpoints and
    # fields repeated inside the batch, values at the columns' limits.
    client = workload("client")
    reports = []
    for i in range(1_500):
        r = report(
            client,
            workload(f"svc-{i % 600 % 7}"),
            "GET" if i % 600 % 3 else "POST",
            f"/items/{i % 600}/\u00e9\u4e2d",
            count=i % 5 + 1,
            start=i % 50,
            end=100 + i % 70,
            request=[
                field("$.email", "string", "null" if i % 2 else "string", seen=i % 4 + 1,
                      detect=[("email", "medium" if i % 2 else "high", 0.5 + i % 5 / 10, 2)]),
                field(f"$.f{i % 9}", "number"),
            ],
            params=(f"p{i % 4}",),
        )  # fmt: skip
        r.protocol = metadata_pb2.EndpointProtocol.ValueType(i % 3)
        if i == 7:
            r.exchange_count = 2**63 - 1  # saturates with the others
        reports.append(r)
    reference = Store("sqlite://")
    reference.migrate()
    try:
        for n, r in enumerate(reports, start=1):
            assert reference.ingest_batch(batch(n, r)) == STORED
        assert store.ingest_batch(batch(1, *reports)) == STORED
        got = {(e.source.label, e.destination.label, e.method, e.path_template): e
               for e in store.endpoints()}  # fmt: skip
        want = {(e.source.label, e.destination.label, e.method, e.path_template): e
                for e in reference.endpoints()}  # fmt: skip
        assert len(got) == 600
        assert set(got) == set(want)
        for key, mine in got.items():
            theirs = want[key]
            skip = {"id", "source", "destination"}
            assert mine.model_dump(exclude=skip) == theirs.model_dump(exclude=skip)
            a, b = store.endpoint(mine.id), reference.endpoint(theirs.id)
            assert a is not None
            assert b is not None
            assert a.model_dump(exclude=skip) == b.model_dump(exclude=skip)
    finally:
        reference.close()
