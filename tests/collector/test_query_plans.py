"""The statements the collector runs on PostgreSQL are served by indexes, checked with EXPLAIN.

Every statement of an endpoint's detail page and of a batch's ingest is captured as run, then
explained with sequential scans and whole-table joins priced out (``enable_seqscan``,
``enable_hashjoin``, ``enable_mergejoin`` off): a read of a large
table that no index can serve still shows a Seq Scan and fails the test. (On a small table the
planner may rightly prefer a scan; this checks that an index exists for every such read.)
An index read whole, without a condition, counts as a scan."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import event, text

from collector.policies import parse_policies
from collector.store import Store
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2
from tests.collector.conftest import _postgres_schema_url
from tests.collector.factories import batch, field, report, workload

POLICIES = parse_policies(
    "[{name: p, rule: only_namespace_may_receive, namespace: ns-0, data_type: email}]"
)
LARGE_TABLES = {
    "endpoints", "fields", "detections", "violations", "query_parameters", "endpoint_data_types",
}  # fmt: skip
ENDPOINTS = 6_000


@pytest.fixture(scope="module")
def big_store() -> Iterator[Store]:
    for url in _postgres_schema_url():
        store = Store(url, policies=POLICIES, max_reports_per_batch=ENDPOINTS)
        store.migrate()
        assert store.ingest_batch(batch(1, *_reports(0, ENDPOINTS))) == ingest_pb2.ACK_STATUS_STORED
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        try:
            yield store
        finally:
            store.close()


def _reports(start: int, end: int) -> list[Any]:
    return [
        report(
            workload(f"svc-{e % 50}", f"ns-{e % 5}"),
            workload(f"svc-{(e * 7 + 1) % 50}", f"ns-{(e * 7 + 1) % 5}"),
            "POST",
            f"/items/{e}",
            request=[field("$.email", detect=[("email", "medium", 0.9, 1)]), field("$.id")],
            response=[] if e % 10 else [field("$.card", detect=[("credit_card", "high", 0.9, 1)])],
            params=("page",),
        )
        for e in range(start, end)
    ]


def _statements(store: Store, action: Callable[[], object]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith(("SELECT", "INSERT", "DELETE")):
            seen.append((statement, params))

    def record_direct(statement: str, params: Any) -> None:  # ingest's psycopg statements
        record(None, None, statement, params, None, False)

    event.listen(store.engine, "before_cursor_execute", record)
    store.writer.statements.before_execute = record_direct
    try:
        action()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
        store.writer.statements.before_execute = None
    return seen


def _scans(plan: dict[str, Any], leading: dict[str, str]) -> Iterator[tuple[str, str, str | None]]:
    """(node type, relation, index) of every node of a JSON plan. An index read without a
    condition on its first column (the whole index read) counts as a scan of the table."""
    kind, index = plan["Node Type"], plan.get("Index Name")
    if index and kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan"):
        condition = plan.get("Index Cond", "")
        column = leading.get(index, "?")
        if f"({column} " not in condition and f"({column})::" not in condition:
            kind = "Seq Scan"
    yield kind, plan.get("Relation Name", "") or _table_of(index, leading), index
    for child in plan.get("Plans", []):
        yield from _scans(child, leading)


def _table_of(index: str | None, leading: dict[str, str]) -> str:
    return leading.get(f"table:{index}", "") if index else ""


_LEADING = """
SELECT c.relname, a.attname, t.relname
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema()
"""


def _explain(store: Store, statements: list[tuple[str, Any]]) -> list[tuple[str, str, str | None]]:
    nodes: list[tuple[str, str, str | None]] = []
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            cursor.execute(f"SET {setting} = off")
        cursor.execute(_LEADING)
        leading: dict[str, str] = {}
        for index, column, table in cursor.fetchall():
            leading[index] = column
            leading[f"table:{index}"] = table
        for statement, params in statements:
            if statement.lstrip().upper().startswith(("INSERT", "DELETE")):
                continue  # writes by key: their SELECT parts are what could scan
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, params)
            [[document]] = cursor.fetchall()
            plan = (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
            nodes.extend(_scans(plan, leading))
        raw.rollback()
    finally:
        raw.close()
    return nodes


def _sequential(nodes: list[tuple[str, str, str | None]]) -> list[str]:
    return [rel for kind, rel, _ in nodes if kind == "Seq Scan" and rel in LARGE_TABLES]


def test_an_endpoints_detail_reads_through_indexes(big_store: Store) -> None:
    some = big_store.endpoints(Filters(namespace="ns-2"))[0].id
    statements = _statements(big_store, lambda: big_store.endpoint(some))
    nodes = _explain(big_store, statements)
    assert len(statements) >= 4
    assert _sequential(nodes) == []
    used = {index for _, _, index in nodes if index}
    assert {"uq_fields_key", "query_parameters_pkey"} <= used, used


def test_a_batchs_ingest_reads_through_indexes(big_store: Store) -> None:
    # Endpoints already stored and new ones: the merge, the field limit and the policy
    # evaluation only look at what the batch touched.
    reports = _reports(10, 40) + _reports(ENDPOINTS, ENDPOINTS + 20)
    statements = _statements(big_store, lambda: big_store.ingest_batch(batch(2, *reports)))
    nodes = _explain(big_store, statements)
    assert len(statements) >= 5
    assert _sequential(nodes) == []


def _plan_indexes(store: Store, statements: list[tuple[str, Any]]) -> set[str]:
    """Indexes the planner picks, as configured (nothing priced out)."""
    used: set[str] = set()
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, params in statements:
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, params)
            [[document]] = cursor.fetchall()
            plan = (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
            used |= {index for _, _, index in _scans(plan, {}) if index}
        raw.rollback()
    finally:
        raw.close()
    return used


def test_the_api_pages_read_in_index_order(big_store: Store) -> None:
    # Busiest endpoints and latest violations first: the planner walks the page indexes
    # and stops after the page instead of sorting every row.
    statements = _statements(big_store, lambda: big_store.endpoints_page(Filters(), 50, 0))
    assert "ix_endpoints_busiest" in _plan_indexes(big_store, statements)
    statements = _statements(big_store, lambda: big_store.violations_page(Filters(), 50, 0))
    assert big_store.violations_page(Filters(), 1, 0)[1] > 1_000
    assert "ix_violations_recent" in _plan_indexes(big_store, statements)


def _relations(store: Store, statements: list[tuple[str, Any]]) -> set[str]:
    """Tables the planner reads, as configured."""
    found: set[str] = set()
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(_LEADING)
        leading = {f"table:{index}": table for index, _, table in cursor.fetchall()}
        for statement, params in statements:
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, params)
            [[document]] = cursor.fetchall()
            plan = (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
            found |= {rel for _, rel, _ in _scans(plan, leading) if rel}
        raw.rollback()
    finally:
        raw.close()
    return found


def test_the_data_type_filter_reads_the_read_model_through_its_indexes(big_store: Store) -> None:
    # The count of endpoints carrying a data type: the type's index of endpoint_data_types
    # alone; the page walks the busiest-first index probing the read model's key; nothing
    # joins detections to fields (a sensitivity filter alone reads the narrow table whole).
    cards = Filters(data_type="credit_card")
    statements = _statements(big_store, lambda: big_store.endpoints_page(cards, 50, 0))
    count, page = statements[0], statements[1]
    assert "count(DISTINCT endpoint_data_types.endpoint_id)" in count[0]
    assert _sequential(_explain(big_store, [count])) == []
    assert "ix_endpoint_data_types_type" in _plan_indexes(big_store, [count])
    assert {"ix_endpoints_busiest", "endpoint_data_types_pkey"} <= _plan_indexes(big_store, [page])
    assert not {"detections", "fields"} & _relations(big_store, statements)
    for other in (Filters(min_sensitivity=3), Filters(data_type="email", cluster="")):
        statements = _statements(big_store, partial(big_store.endpoints_page, other, 50, 0))
        assert not {"detections", "fields"} & _relations(big_store, statements)
    statements = _statements(
        big_store, lambda: big_store.data_types(Filters(data_type="credit_card"))
    )
    assert _sequential(_explain(big_store, statements)) == []
    assert "ix_endpoint_data_types_type" in _plan_indexes(big_store, statements)


def test_the_inventory_reads_neither_detections_nor_fields(big_store: Store) -> None:
    statements = _statements(big_store, big_store.data_types)
    relations = _relations(big_store, statements)
    assert "endpoint_data_types" in relations
    assert not {"detections", "fields", "endpoints"} & relations
    inventory = big_store.data_types()
    assert inventory == big_store.read_model._snapshot().data_type_views(Filters())
    assert [v.data_type for v in inventory] == ["credit_card", "email"]
    assert inventory[1].endpoint_count >= ENDPOINTS


def test_ingests_rebuild_of_the_read_model_reads_through_indexes(big_store: Store) -> None:
    # The SELECT of ingest's INSERT … SELECT that rebuilds the touched endpoints' rows.
    statements = _statements(big_store, lambda: big_store.ingest_batch(batch(3, *_reports(5, 9))))
    [rebuild] = [s for s in statements if s[0].startswith("INSERT INTO endpoint_data_types")]
    select_part = (rebuild[0].split(") SELECT ", 1)[1], rebuild[1])
    nodes = _explain(big_store, [("SELECT " + select_part[0], select_part[1])])
    assert _sequential(nodes) == []
    assert {"uq_fields_key", "detections_pkey"} <= {index for _, _, index in nodes if index}
