"""The API's pages cut by the database equal the same slice of the whole list the read model
assembles in Python, and flows and workloads aggregated by the database equal those assembled
from every row, for every filter, on SQLite and PostgreSQL; migration 7 fills the workloads'
and flows' data types from what was stored before it."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from collector import schema
from collector.policies import parse_policies
from collector.store import Store
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2
from tests.collector.factories import batch, field, report, shop_reports, workload

POLICIES = parse_policies(
    """
- {name: cards stay in payments, rule: only_namespace_may_receive, namespace: payments,
   data_type: credit_card}
- {name: nothing high outside, rule: no_external_sensitivity, min_sensitivity: high}
"""
)
FILTERS = [
    Filters(),
    Filters(namespace="payments"),
    Filters(namespace="shop"),
    Filters(data_type="email"),
    Filters(data_type="credit_card", min_sensitivity=3),
    Filters(min_sensitivity=2),
    Filters(namespace="nowhere"),
]


def _fill(store: Store) -> None:
    store.set_policies(POLICIES)
    assert store.ingest_batch(batch(1, *shop_reports())) == ingest_pb2.ACK_STATUS_STORED
    extra = [
        report(
            workload(f"svc-{i % 6}", "payments" if i % 3 == 0 else "shop"),
            workload(f"svc-{(i * 5 + 1) % 6}", "payments" if i % 4 == 0 else "shop"),
            "GET",
            f"/things/{i}",
            count=i % 4 + 1,  # ties in the order: the id breaks them
            request=[field("$.card", detect=[("credit_card", "high", 0.9, 1)])] if i % 2 else [],
            response=[field("$.mail", detect=[("email", "medium", 0.8, 1)])] if i % 3 else [],
        )
        for i in range(40)
    ]
    assert store.ingest_batch(batch(2, *extra)) == ingest_pb2.ACK_STATUS_STORED


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_pages_are_slices_of_the_whole_list(store: Store, filters: Filters) -> None:
    _fill(store)
    endpoints, violations = store.endpoints(filters), store.violations(filters)
    for limit, offset in ((7, 0), (7, 7), (5, 40), (500, 0), (3, 1000)):
        page, total = store.endpoints_page(filters, limit, offset)
        assert total == len(endpoints)
        assert page == endpoints[offset : offset + limit]
        vpage, vtotal = store.violations_page(filters, limit, offset)
        assert vtotal == len(violations)
        assert vpage == violations[offset : offset + limit]
    if filters == Filters():
        assert len(endpoints) > 40
        assert violations
    # On PostgreSQL the flows are aggregated by the database and flow_data_types; the
    # unfiltered inventory is counted by the database on both.
    snapshot = store.read_model._snapshot()
    assert store.flows(filters) == snapshot.flows(filters)
    assert store.data_types(filters) == snapshot.data_type_views(filters)
    if not (filters.data_type or filters.min_sensitivity):  # served from workload_data_types
        whole = store.read_model._workloads_from_snapshot(filters)
        assert store.workloads(filters) == whole
        assert any(w.sends for w in whole) or filters.namespace == "nowhere"


def test_migration_7_fills_the_workloads_data_types(store: Store) -> None:
    _fill(store)
    before, _ = store.endpoints_page(Filters(), 1000, 0)
    flows = store.flows()
    with store.engine.begin() as conn:
        conn.execute(delete(schema.workload_data_types))
        conn.execute(delete(schema.flow_data_types))
        conn.execute(delete(schema.schema_version).where(schema.schema_version.c.version == 7))
    emptied, _ = store.endpoints_page(Filters(), 1000, 0)
    assert emptied != before  # the views do come from the table
    assert store.migrate() == [7]
    after, _ = store.endpoints_page(Filters(), 1000, 0)
    assert after == before == store.endpoints()
    assert store.flows() == flows == store.read_model._snapshot().flows(Filters())
    assert any(f.data_types for f in flows)
    assert store.data_types() == store.read_model._snapshot().data_type_views(Filters())
