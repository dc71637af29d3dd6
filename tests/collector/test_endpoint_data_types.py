"""The (endpoint, data type) read model (schema version 9), on SQLite and PostgreSQL.

Ingest keeps ``endpoint_data_types`` equal to what the detections define (also after a
re-ingest of the same endpoints, a detection's sensitivity rising, several clusters, and
detections written through PostgreSQL's array path (small batches) and its COPY path);
migration 9 fills it from what was stored before it; and the queries rewritten on it (the
data-type and sensitivity filters, the inventory, filtered workloads, the catalogue's types)
return what the code before them returned on the same data: the read model's `_Snapshot`,
assembled in Python from every detection and field, is that code and stays the reference.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, select

from collector import schema
from collector.catalogue_queries import catalogue_page
from collector.ingest_writer import COPY_MIN_ROWS
from collector.policies import parse_policies
from collector.store import Store
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2
from tests.collector.factories import batch, field, report, shop_reports, workload

POLICIES = parse_policies(
    "[{name: cards stay in payments, rule: only_namespace_may_receive, namespace: payments,"
    " data_type: credit_card}]"
)
FILTERS = [
    Filters(),
    Filters(namespace="payments"),
    Filters(namespace="shop"),
    Filters(data_type="email"),
    Filters(data_type="credit_card"),
    Filters(data_type="phone", min_sensitivity=3),
    Filters(min_sensitivity=3),
    Filters(min_sensitivity=2, namespace="payments"),
    Filters(cluster="east"),
    Filters(cluster="west", data_type="email"),
    Filters(cluster=""),
    Filters(data_type="nothing"),
]


def _named(cluster: str, agent: str, sequence: int, *reports: Any) -> ingest_pb2.MetadataBatch:
    out = batch(sequence, *reports, agent=agent)
    out.cluster_name = cluster
    return out


def _many(count: int, prefix: str, sensitivity: str = "medium") -> list[Any]:
    """``count`` endpoints: e-mail in requests, a card on every third one's response, a
    phone of ``sensitivity`` on every fourth one at two paths."""
    out = []
    for i in range(count):
        response = []
        if i % 3 == 0:
            response.append(field("$.card", detect=[("credit_card", "high", 0.9, 1)]))
        if i % 4 == 0:
            response.append(field("$.phone", detect=[("phone", sensitivity, 0.8, 1)]))
            response.append(field("$.alt.phone", detect=[("phone", "medium", 0.8, 1)]))
        out.append(
            report(
                workload(f"{prefix}-{i % 5}", "payments" if i % 2 else "shop"),
                workload(f"{prefix}-{(i * 3 + 1) % 5}", "shop"),
                "GET",
                f"/{prefix}/{i}",
                count=i % 7 + 1,
                start=i,
                end=i + 30,
                request=[field("$.email", detect=[("email", "medium", 0.9, 1)]), field("$.id")],
                response=response,
            )
        )
    return out


def _fill(store: Store) -> None:
    """Two named clusters (same workload names in both), small and COPY-sized batches, then
    the same endpoints again with a phone turned high and later timestamps."""
    store.set_policies(POLICIES)
    stored = ingest_pb2.ACK_STATUS_STORED
    assert store.ingest_batch(_named("east", "east-1", 1, *shop_reports())) == stored
    large = _many(COPY_MIN_ROWS + 20, "e")
    assert store.ingest_batch(_named("east", "east-1", 2, *large)) == stored
    assert store.ingest_batch(_named("west", "west-1", 1, *_many(12, "e"))) == stored
    again = _many(COPY_MIN_ROWS + 20, "e", sensitivity="high")
    for item in again:
        item.first_seen.seconds -= 100
        item.last_seen.seconds += 500
    assert store.ingest_batch(_named("east", "east-1", 3, *again)) == stored
    assert store.ingest_batch(_named("west", "west-1", 2, *_many(3, "e", "high"))) == stored


def _table(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(select(schema.endpoint_data_types)))


def _derived(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(schema.endpoint_data_types_rows()))


def test_ingest_keeps_the_table_equal_to_the_detections(store: Store) -> None:
    _fill(store)
    rows = _table(store)
    assert rows == _derived(store)
    # The phone turned high on re-ingest: the endpoint's medium row for that path is gone,
    # the other path stays medium; both clusters' rows, the cluster beside each.
    phones = [r for r in rows if r[2] == "phone"]
    assert {r[3] for r in phones} == {2, 3}
    assert {r[4] for r in rows} == {"east", "west"}
    assert all(r[7] >= 1 for r in rows)
    assert any(r[7] == 2 for r in rows)  # two paths of one type, direction and sensitivity


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_queries_equal_the_code_before(store: Store, filters: Filters) -> None:
    _fill(store)
    snapshot = store.read_model._snapshot()
    assert store.data_types(filters) == snapshot.data_type_views(filters)
    assert store.workloads(filters) == store.read_model._workloads_from_snapshot(filters)
    whole = snapshot.endpoint_summaries(filters)
    assert store.endpoints(filters) == whole
    for limit, offset in ((7, 0), (7, 7), (50, 100), (500, 0)):
        page, total = store.endpoints_page(filters, limit, offset)
        assert total == len(whole)
        assert page == whole[offset : offset + limit]
    if filters == Filters():
        assert len(snapshot.data_type_views(filters)) >= 5
    # The catalogue's data types per server endpoint: those of its listed clients.
    total, entries = catalogue_page(store, limit=500, filters=filters)
    by_id = {summary.id: summary for summary in whole}
    assert total == len({(s.destination.id, s.method, s.path_template) for s in whole})
    for entry in entries:
        merged: dict[str, str] = {}
        for eid in entry.endpoint_ids:
            for carried in by_id[eid].data_types:
                level = max(
                    (merged.get(carried.data_type, "low"), carried.sensitivity),
                    key=("low", "medium", "high").index,
                )
                merged[carried.data_type] = level
        assert {t.data_type: t.sensitivity for t in entry.data_types} == merged


def test_migration_9_fills_the_table_from_the_stored_detections(store: Store) -> None:
    _fill(store)
    before = _table(store)
    inventory = store.data_types()
    with store.engine.begin() as conn:
        conn.execute(delete(schema.endpoint_data_types))
        conn.execute(delete(schema.schema_version).where(schema.schema_version.c.version == 9))
    assert store.data_types() == []  # the inventory does come from the table
    assert store.migrate() == [9]
    assert _table(store) == before
    assert store.data_types() == inventory
    assert store.schema_version() == schema.LATEST_VERSION >= 9
