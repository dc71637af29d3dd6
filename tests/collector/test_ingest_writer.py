"""The ingest writer's two PostgreSQL paths (rows as arrays, rows copied into a staging
table) store the same thing, and SQLite stores it too."""

from __future__ import annotations

from sqlalchemy import text

from collector.ingest_writer import COPY_MIN_ROWS
from collector.store import Store
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.conftest import _postgres_schema_url
from tests.collector.factories import batch, field, report, workload

BIG = COPY_MIN_ROWS + 50  # endpoints in the big batch: every table gets more rows than that


def _reports(first: int, last: int, count: int) -> list[metadata_pb2.EndpointReport]:
    return [
        report(
            workload(f"client-{e % 7}"),
            workload(f"server-{e % 11}", "payments" if e % 2 else "shop"),
            "POST",
            f"/items/{e}",
            count=count,
            request=[
                field("$.email", detect=[("email", "medium", 0.8, 1)]),
                field(f"$.only_{e}", "number"),
            ],
            params=(f"p{e}",),
        )
        for e in range(first, last)
    ]


def test_copied_and_array_batches_merge_alike(store: Store) -> None:
    # A big batch (COPY on PostgreSQL), the same again, then a small one (arrays) over
    # some of the same endpoints: sums, fields and detections merge across the paths.
    for sequence, reports in (
        (1, _reports(0, BIG, 3)),
        (2, _reports(0, BIG, 3)),
        (3, _reports(0, 10, 5)),
    ):
        assert store.ingest_batch(batch(sequence, *reports)) == ingest_pb2.ACK_STATUS_STORED
    ends = {e.path_template: e for e in store.endpoints(Filters())}
    assert len(ends) == BIG
    assert {e.exchange_count for p, e in ends.items() if int(p.rsplit("/", 1)[1]) < 10} == {11}
    assert {e.exchange_count for p, e in ends.items() if int(p.rsplit("/", 1)[1]) >= 10} == {6}
    detail = store.endpoint(ends["/items/3"].id)
    assert detail is not None
    assert detail.query_parameter_names == ["p3"]
    paths = {f.json_path: f for f in detail.request_fields}
    assert set(paths) == {"$.email", "$.only_3"}
    assert paths["$.email"].seen_count == 3
    [email] = paths["$.email"].detections
    assert (email.data_type, email.count) == ("email", 3)


def test_a_postgresql_session_keeps_its_staging_tables_empty() -> None:
    # PostgreSQL only: SQLite writes without staging tables
    for url in _postgres_schema_url():
        store = Store(url)
        store.migrate()
        try:
            _staging_tables_emptied(store)
        finally:
            store.close()


def _staging_tables_emptied(store: Store) -> None:
    reports = _reports(0, BIG, 1)
    assert store.ingest_batch(batch(1, *reports)) == ingest_pb2.ACK_STATUS_STORED
    with store.engine.connect() as conn:
        left = conn.execute(text("SELECT count(*) FROM pg_temp.sieve_stage_endpoints")).scalar()
    assert left == 0
