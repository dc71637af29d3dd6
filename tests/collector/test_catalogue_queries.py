"""The catalogue's set-based reads: the same details as `Store.endpoint` one by one, in a
number of queries that does not grow with the endpoints (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from collector.catalogue_queries import QUERIES, endpoint_details
from collector.openapi import document_for
from collector.store import Store
from tests.collector.factories import batch, field, report, workload

WEB = workload("web")
USERS, ORDERS = workload("users"), workload("orders", "sales")


def _reports(n: int) -> list[Any]:
    out = []
    for i in range(n):
        server = USERS if i % 2 else ORDERS
        out.append(
            report(
                WEB,
                server,
                "GET" if i % 3 else "POST",
                f"/r{i}/{{id:int}}",
                count=i + 1,
                request=[field("$.email", "string", detect=[("email", "medium", 0.9, 2)])],
                response=[field("$.id", "number", seen=i + 1), field("$.items[*].sku", "string")],
                params=("page", f"q{i}"),
            )
        )
    return out


def _count_queries(store: Store, call: Any) -> tuple[int, Any]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        result = call()
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(seen), result


def test_details_equal_the_one_by_one_reads(store: Store) -> None:
    store.ingest_batch(batch(1, *_reports(12)))
    one_by_one = [store.endpoint(s.id) for s in store.endpoints()]
    assert endpoint_details(store) == one_by_one
    users = [d for d in one_by_one if d is not None and d.destination.label == "shop/users"]
    assert endpoint_details(store, "shop/users") == users
    assert len(users) == 6
    assert endpoint_details(store, "shop/nobody") == []


def test_queries_do_not_grow_with_the_endpoints(store: Store) -> None:
    store.ingest_batch(batch(1, *_reports(3)))
    few, _ = _count_queries(store, lambda: endpoint_details(store))
    few_one, _ = _count_queries(store, lambda: endpoint_details(store, "shop/users"))
    store.ingest_batch(batch(2, *_reports(40)[3:]))
    many, details = _count_queries(store, lambda: endpoint_details(store))
    many_one, _ = _count_queries(store, lambda: endpoint_details(store, "shop/users"))
    export, doc = _count_queries(store, lambda: document_for(store))
    assert len(details) == 40
    assert few == many == few_one == many_one == QUERIES
    assert export == QUERIES
    assert len(doc["paths"]) == 40
