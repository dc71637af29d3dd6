"""Exact status codes (`EndpointReport.status_codes`): validated, stored (schema version 10) on
SQLite and PostgreSQL, summed across batches, shown by the API, and the OpenAPI export's
response keys; reports with only status classes still read as classes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from openapi_spec_validator import validate
from sqlalchemy import text

from collector import schema
from collector.openapi import BODY_SCOPE, document_for
from collector.store import Store
from collector.validation import INT64_MAX
from collector.web import create_app
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.factories import batch, field, report, workload

STORED = ingest_pb2.ACK_STATUS_STORED
REJECTED = ingest_pb2.ACK_STATUS_REJECTED
CLASSES = {
    1: metadata_pb2.STATUS_CLASS_1XX,
    2: metadata_pb2.STATUS_CLASS_2XX,
    3: metadata_pb2.STATUS_CLASS_3XX,
    4: metadata_pb2.STATUS_CLASS_4XX,
    5: metadata_pb2.STATUS_CLASS_5XX,
}
WEB, MOBILE, USERS = workload("web"), workload("mobile", "edge"), workload("users")


def with_codes(
    rep: metadata_pb2.EndpointReport,
    codes: dict[int, int],
    extra: dict[int, int] | None = None,
) -> metadata_pb2.EndpointReport:
    """``rep`` with exact ``codes`` and classes counting them, plus ``extra`` exchanges per
    class (by its first digit) that no exact code accounts for (what an agent's limit does)."""
    per_class: dict[int, int] = dict(extra or {})
    for code, n in codes.items():
        per_class[code // 100] = per_class.get(code // 100, 0) + n
    del rep.status_classes[:]
    for digit, n in sorted(per_class.items()):
        rep.status_classes.add(status_class=CLASSES[digit], count=n)
    for code, n in sorted(codes.items()):
        rep.status_codes.add(code=code, count=n)
    rep.exchange_count = rep.inspected_count = sum(per_class.values())
    return rep


def users_get(count: int = 10, **kw: Any) -> metadata_pb2.EndpointReport:
    return report(WEB, USERS, "GET", "/users/{userId:int}", count=count, **kw)


def detail_of(store: Store, method: str = "GET") -> Any:
    (end,) = [e for e in store.endpoints() if e.method == method]
    found = store.endpoint(end.id)
    assert found is not None
    return found


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "detail"),
    [
        ([(99, 1)], "status code 99 is outside 100..599"),
        ([(600, 1)], "status code 600 is outside 100..599"),
        ([(0, 1)], "status code 0 is outside 100..599"),
        ([(200, 2**63)], "a status code count 9223372036854775808 does not fit"),
        ([(100 + i % 500, 1) for i in range(501)], "more than 500 status_codes"),
    ],
)
def test_bad_codes_are_rejected_with_the_reason(
    store: Store, codes: list[tuple[int, int]], detail: str
) -> None:
    bad = users_get()
    for code, n in codes:
        bad.status_codes.add(code=code, count=n)
    ack = store.ack_batch(batch(1, bad))
    assert ack.status == REJECTED
    assert detail in ack.detail
    assert store.endpoints() == []


@pytest.mark.parametrize(
    ("codes", "extra", "detail"),
    [
        ({200: 11}, {}, "status codes 2xx count 11 exchanges, more than the 2xx class's 10"),
        ({404: 1}, {}, "status codes 4xx count 1 exchanges, more than the 4xx class's 0"),
    ],
)
def test_codes_beyond_their_class_are_rejected(
    store: Store, codes: dict[int, int], extra: dict[int, int], detail: str
) -> None:
    bad = users_get()  # its classes: 2xx 10
    for code, n in codes.items():
        bad.status_codes.add(code=code, count=n)
    ack = store.ack_batch(batch(1, bad))
    assert ack.status == REJECTED
    assert detail in ack.detail
    assert store.endpoints() == []
    # the same codes with classes that count them are stored
    fine = with_codes(users_get(), codes, extra)
    assert store.ack_batch(batch(2, fine)).status == STORED


def test_the_limits_of_codes_are_accepted(store: Store) -> None:
    edge = with_codes(users_get(), {100: 1, 599: INT64_MAX - 1})
    every = with_codes(report(WEB, USERS, "PUT", "/x"), dict.fromkeys(range(100, 600), 1))
    assert store.ack_batch(batch(1, edge, every)).status == STORED
    assert detail_of(store).status_codes == {100: 1, 599: INT64_MAX - 1}
    assert len(detail_of(store, "PUT").status_codes) == 500


# --- storage -------------------------------------------------------------------------------


def test_codes_sum_across_reports_and_batches_and_saturate(store: Store) -> None:
    first = batch(1, with_codes(users_get(), {200: 7, 404: 3}))
    # one batch holding two reports of the endpoint, one listing a code twice
    twice = with_codes(users_get(), {200: 1, 500: 2}, extra={5: 4})
    twice.status_codes.add(code=500, count=4)
    second = batch(2, twice, with_codes(users_get(), {201: 5}))
    assert store.ingest_batch(first) == STORED
    assert store.ingest_batch(second) == STORED
    detail = detail_of(store)
    assert detail.status_codes == {200: 8, 201: 5, 404: 3, 500: 6}
    assert detail.status_classes == {"2xx": 13, "4xx": 3, "5xx": 6}
    huge = with_codes(users_get(), {200: INT64_MAX - 1})
    assert store.ingest_batch(batch(3, huge)) == STORED
    assert detail_of(store).status_codes[200] == INT64_MAX


def test_reports_without_codes_show_classes_only(store: Store) -> None:
    assert store.ingest_batch(batch(1, users_get(4))) == STORED
    detail = detail_of(store)
    assert detail.status_codes == {}
    assert detail.status_classes == {"2xx": 4}


def test_the_api_shows_codes_beside_classes(store: Store) -> None:
    store.ingest_batch(batch(1, with_codes(users_get(), {200: 9, 404: 1})))
    with TestClient(create_app(store)) as client:
        (end,) = client.get("/api/v1/endpoints").json()
        detail = client.get(f"/api/v1/endpoints/{end['id']}").json()
    assert detail["status_codes"] == {"200": 9, "404": 1}
    assert detail["status_classes"] == {"2xx": 9, "4xx": 1}


def _without_version_10(store: Store) -> None:
    """Make a migrated database look as if version 10 had never run: no status codes table."""
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE endpoint_status_codes"))
        conn.execute(text("DELETE FROM sieve_schema_version WHERE version = 10"))
    store.close()


def test_version_10_upgrades_a_database_with_rows(store_url: str) -> None:
    store = Store(store_url)
    store.migrate()
    assert store.ingest_batch(batch(1, users_get(6))) == STORED
    _without_version_10(store)
    store = Store(store_url)
    try:
        assert store.migrate() == [10]  # only the missing step runs, below newer ones
        assert store.schema_version() == schema.LATEST_VERSION
        old = detail_of(store)
        assert (old.status_codes, old.status_classes) == ({}, {"2xx": 6})
        get = document_for(store, "shop/users")["paths"]["/users/{userId}"]["get"]
        assert set(get["responses"]) == {"2XX"}
        # a newer agent's report of the same endpoint adds its codes to the old classes
        newer = with_codes(users_get(), {200: 3, 404: 1})
        assert store.ingest_batch(batch(2, newer)) == STORED
        detail = detail_of(store)
        assert detail.status_codes == {200: 3, 404: 1}
        assert detail.status_classes == {"2xx": 9, "4xx": 1}
        assert store.migrate() == []
    finally:
        store.close()


# --- OpenAPI export ------------------------------------------------------------------------


def _responses(store: Store, method: str = "get", path: str = "/users/{userId}") -> Any:
    doc = document_for(store, "shop/users")
    validate(doc)
    validate(yaml.safe_load(yaml.safe_dump(doc)))  # what `sieve analyze --openapi` writes
    return doc["paths"][path][method]["responses"]


BODY = [field("$.id", "number", seen=10), field("$.error", seen=2)]


def test_export_keys_responses_by_exact_code(store: Store) -> None:
    rep = with_codes(users_get(response=BODY), {200: 6, 201: 1, 204: 1, 404: 2})
    store.ingest_batch(batch(1, rep))
    responses = _responses(store)
    assert list(responses) == ["200", "201", "204", "404"]
    assert {k: r["x-sieve-count"] for k, r in responses.items()} == {
        "200": 6,
        "201": 1,
        "204": 1,
        "404": 2,
    }
    # the one response schema goes to the success codes that may carry content, saying that
    # it is merged from every response (bodies are not kept per status)
    with_body = {k for k, r in responses.items() if "content" in r}
    assert with_body == {"200", "201"}
    for key in with_body:
        assert responses[key]["x-sieve-body-scope"] == BODY_SCOPE == "all-responses"
        schema = responses[key]["content"]["application/json"]["schema"]
        assert schema["required"] == ["id"]
    assert "x-sieve-body-scope" not in responses["404"]
    assert responses["404"]["description"] == "404 responses seen"


def test_export_of_classes_only_keeps_range_keys(store: Store) -> None:
    store.ingest_batch(batch(1, users_get(response=BODY)))
    responses = _responses(store)
    assert list(responses) == ["2XX"]
    assert responses["2XX"]["x-sieve-count"] == 10
    assert responses["2XX"]["x-sieve-body-scope"] == BODY_SCOPE
    assert "exact codes not reported" in responses["2XX"]["description"]


def test_exchanges_no_code_accounts_for_keep_their_class(store: Store) -> None:
    # one client's newer agent reports codes (and 2 4xx past its limit), another's only classes
    newer = with_codes(users_get(response=BODY), {200: 5, 404: 1}, extra={4: 2})
    older = report(MOBILE, USERS, "GET", "/users/{userId:int}", count=3, response=BODY)
    older.status_classes.add(status_class=metadata_pb2.STATUS_CLASS_5XX, count=1)
    store.ingest_batch(batch(1, newer, older))
    responses = _responses(store)
    assert {k: r["x-sieve-count"] for k, r in responses.items()} == {
        "200": 5,
        "2XX": 3,  # the older agent's 2xx
        "404": 1,
        "4XX": 2,  # past the newer agent's limit
        "5XX": 1,
    }
    assert responses["2XX"]["description"].startswith("other 2XX responses seen")
    assert {k for k, r in responses.items() if "content" in r} == {"200", "2XX"}


def test_a_body_goes_to_the_first_class_with_a_status_that_may_carry_one(store: Store) -> None:
    no_content = with_codes(users_get(response=BODY), {204: 4, 409: 2, 503: 1})
    bare = with_codes(report(WEB, USERS, "PUT", "/users/{userId:int}", response=BODY), {304: 1})
    store.ingest_batch(batch(1, no_content, bare))
    responses = _responses(store)
    assert list(responses) == ["204", "409", "503"]
    assert {k for k, r in responses.items() if "content" in r} == {"409"}
    # no status that may carry content at all: the body is kept on a default response
    responses = _responses(store, "put")
    assert list(responses) == ["304", "default"]
    assert "content" not in responses["304"]
    assert responses["default"]["x-sieve-body-scope"] == BODY_SCOPE
