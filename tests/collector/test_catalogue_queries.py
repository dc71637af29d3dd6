"""The catalogue's set-based reads: the same details as `Store.endpoint` one by one, in a
number of queries that does not grow with the endpoints (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event, select, text

from collector.catalogue_queries import (
    QUERIES,
    QUERIES_ONE_SERVER,
    catalogue_page,
    endpoint_details,
)
from collector.openapi import document_for
from collector.schema import server_endpoints, server_endpoints_rows
from collector.store import Store
from collector.views import Filters
from collector.web import create_app
from protos.sieve.v1 import metadata_pb2
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
    assert few == many == QUERIES
    assert few_one == many_one == QUERIES_ONE_SERVER
    assert export == QUERIES
    assert len(doc["paths"]) == 40


def test_catalogue_groups_clients_searches_and_pages(store: Store) -> None:
    mobile = workload("mobile-bff", "apps")
    store.ingest_batch(batch(1, *_reports(12)))
    store.ingest_batch(
        batch(2, report(mobile, USERS, "GET", "/r1/{id:int}", count=100), report(
            mobile, ORDERS, "GET", "/r100_%/{id:int}", count=1))
    )  # fmt: skip
    total, page = catalogue_page(store, limit=5)
    assert total == 13
    assert len(page) == 5
    top = page[0]  # /r1 on users: 2 + 100 exchanges, two clients
    assert (top.server, top.method, top.path_template) == ("shop/users", "GET", "/r1/{id:int}")
    assert (top.exchange_count, top.clients) == (102, ["apps/mobile-bff", "shop/web"])
    assert len(top.endpoint_ids) == 2
    assert top.highest_sensitivity == "medium"  # web's request carries an email
    rest = (
        catalogue_page(store, limit=5, offset=5)[1] + catalogue_page(store, limit=5, offset=10)[1]
    )
    assert len({(e.server, e.path_template) for e in page + rest}) == 13
    assert catalogue_page(store, limit=5, offset=100) == (13, [])  # past the end: still counted
    # search: path or server name, case-insensitive; % and _ are literal
    assert {e.path_template for e in catalogue_page(store, "R1")[1]} == {
        "/r1/{id:int}", "/r10/{id:int}", "/r11/{id:int}", "/r100_%/{id:int}"
    }  # fmt: skip
    assert [e.path_template for e in catalogue_page(store, "_%")[1]] == ["/r100_%/{id:int}"]
    assert catalogue_page(store, "orders")[0] == 7  # server name
    assert catalogue_page(store, namespace="sales")[0] == 7
    assert catalogue_page(store, "nothing-like-it") == (0, [])


def test_catalogue_queries_do_not_grow_with_the_endpoints(store: Store) -> None:
    store.ingest_batch(batch(1, *_reports(3)))
    few, _ = _count_queries(store, lambda: catalogue_page(store, limit=2))
    store.ingest_batch(batch(2, *_reports(60)[3:]))
    many, (total, page) = _count_queries(store, lambda: catalogue_page(store, limit=50))
    assert (total, len(page)) == (60, 50)
    assert few == many == 4  # the total, the page, its clients, its data types


def _kept_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(server_endpoints)))


def _defined_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(server_endpoints_rows()))


def test_server_endpoints_kept_at_ingest_equal_the_endpoints_summed(store: Store) -> None:
    mobile = workload("mobile-bff", "apps")
    store.ingest_batch(batch(1, *_reports(12)))
    # another client of the same server endpoints, in two batches, one report merged twice
    store.ingest_batch(batch(2, report(mobile, USERS, "GET", "/r1/{id:int}", count=100)))
    store.ingest_batch(
        batch(3, report(mobile, USERS, "GET", "/r1/{id:int}", count=5),
              report(mobile, ORDERS, "POST", "/r0/{id:int}", count=7))
    )  # fmt: skip
    kept = _kept_rows(store)
    assert kept == _defined_rows(store)
    assert len(kept) == 12  # server endpoints, not client endpoints (14)
    assert max(row[3] for row in kept) == 2 + 100 + 5
    # the unfiltered page (read from the kept rows) equals the grouped one (a search that
    # every endpoint matches takes the grouping path)
    kept_total, kept_page = catalogue_page(store, limit=50)
    grouped_total, grouped_page = catalogue_page(store, "/r", limit=50)
    assert (kept_total, kept_page) == (grouped_total, grouped_page) == (12, grouped_page)
    assert [e.exchange_count for e in kept_page][:2] == [107, 12]
    assert catalogue_page(store, limit=5, offset=10)[0] == 12


def test_migration_11_fills_server_endpoints_from_the_endpoints(store_url: str) -> None:
    store = Store(store_url)
    store.migrate()
    store.ingest_batch(batch(1, *_reports(9)))
    expected = _kept_rows(store)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE server_endpoints"))
        conn.execute(text("DELETE FROM sieve_schema_version WHERE version = 11"))
    store.close()
    store = Store(store_url)
    try:
        assert store.migrate() == [11]
        assert _kept_rows(store) == expected == _defined_rows(store)
    finally:
        store.close()


def test_catalogue_route_pages_with_total_and_next_link(store: Store) -> None:
    store.ingest_batch(batch(1, *_reports(7)))
    with TestClient(create_app(store)) as client:
        first = client.get("/api/v1/catalogue", params={"limit": 3, "q": "/r"})
        assert first.status_code == 200
        assert first.headers["x-total-count"] == "7"
        assert [e["exchange_count"] for e in first.json()] == [7, 6, 5]
        link = first.headers["link"]
        assert link == '</api/v1/catalogue?q=%2Fr&limit=3&offset=3>; rel="next"'
        last = client.get("/api/v1/catalogue", params={"limit": 3, "offset": 6})
        assert len(last.json()) == 1
        assert "link" not in last.headers
        assert client.get("/api/v1/catalogue", params={"limit": 0}).status_code == 422


def test_catalogue_entries_carry_clients_data_types_and_protocol(store: Store) -> None:
    mobile = workload("mobile-bff", "apps")
    h2 = report(mobile, USERS, "GET", "/r1/{id:int}", count=100, response=[
        field("$.card", "string", detect=[("credit_card", "high", 0.99, 3)])])  # fmt: skip
    h2.protocol = metadata_pb2.ENDPOINT_PROTOCOL_HTTP2
    store.ingest_batch(batch(1, *_reports(4), h2))
    [top] = catalogue_page(store, "/r1/")[1]
    assert top.clients == ["apps/mobile-bff", "shop/web"]
    by_client = dict(zip(top.clients, top.endpoint_ids, strict=True))
    for label, endpoint_id in by_client.items():  # the i-th id is the i-th client's endpoint
        detail = store.endpoint(endpoint_id)
        assert detail is not None
        assert detail.source.label == label
    assert top.clients_external == [False, False]
    assert top.protocol == "http2"
    assert [(t.data_type, t.sensitivity) for t in top.data_types] == [
        ("credit_card", "high"), ("email", "medium")
    ]  # fmt: skip
    assert top.highest_sensitivity == "high"


def test_catalogue_search_words_and_dashboard_filters(store: Store) -> None:
    mobile = workload("mobile-bff", "apps")
    store.ingest_batch(batch(1, *_reports(6), report(mobile, USERS, "GET", "/r1/{id:int}")))
    # every word somewhere in method, path, server or a client; the group keeps all clients
    total, [hit] = catalogue_page(store, "mobile get")
    assert (total, hit.path_template, hit.clients) == (
        1,
        "/r1/{id:int}",
        ["apps/mobile-bff", "shop/web"],
    )
    assert [e.path_template for e in catalogue_page(store, "post users")[1]] == ["/r3/{id:int}"]
    # a namespace filter keeps the endpoints one of its workloads takes part in
    total, [only] = catalogue_page(store, namespace="apps")
    assert (total, only.clients) == (1, ["apps/mobile-bff"])
    # data type and sensitivity: endpoints with such a detection (mobile's carries none)
    assert catalogue_page(store, filters=Filters(data_type="email"))[0] == 6
    assert catalogue_page(store, filters=Filters(min_sensitivity=3))[0] == 0
    _, [r1] = catalogue_page(store, "/r1/", filters=Filters(min_sensitivity=2))
    assert r1.clients == ["shop/web"]
    assert catalogue_page(store, filters=Filters(cluster="elsewhere"))[0] == 0
    with TestClient(create_app(store)) as client:
        res = client.get("/api/v1/catalogue", params={"data_type": "email", "namespace": "sales"})
        assert res.headers["x-total-count"] == "3"  # orders serves /r0, /r2, /r4
        assert client.get("/api/v1/catalogue", params={"min_sensitivity": "x"}).status_code == 422
