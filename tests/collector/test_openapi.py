"""OpenAPI export: documents built from stored metadata, checked by a real OpenAPI validator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from collector.openapi import build_document, document_for, endpoint_details, split_template
from collector.store import Store
from collector.web import create_app
from tests.collector.factories import batch, field, report, shop_reports, workload

CATALOGUE = workload("catalogue", "store")


def catalogue_reports() -> list[Any]:
    """Typed templates, nesting, arrays, data-keyed maps, optional fields, two clients."""
    web, app = workload("web"), workload("mobile-app", "edge")
    return [
        report(
            web,
            CATALOGUE,
            "GET",
            "/customers/{customerId:int}/orders/{orderId:uuid}",
            count=10,
            params=("expand", "page"),
            response=[
                field("$.id", "string", seen=10),
                field("$.total", "number", seen=10),
                field("$.note", "string", "null", seen=3),
                field(
                    "$.customer.email",
                    seen=10,
                    detect=[("email", "medium", 0.9, 10)],
                ),
                field("$.lines[*].sku", seen=10),
                field("$.lines[*].quantity", "number", seen=10),
                field("$.tags", "empty_array", seen=2),
                field("$.byDevice{*}.trusted", "boolean", seen=4),
            ],
        ),
        report(
            web,
            CATALOGUE,
            "PUT",
            "/customers/{customerId:int}",
            count=4,
            request=[
                field("$.name", seen=4, detect=[("person_name", "medium", 0.8, 4)]),
                field("$.card", seen=1, detect=[("credit_card", "high", 0.99, 1)]),
            ],
        ),
        # the same path with another kind from another client: one operation, kinds merged
        report(web, CATALOGUE, "GET", "/commits/{commitId:hex}", count=3),
        report(app, CATALOGUE, "GET", "/commits/{commitId:int}", count=2),
        # templates made before names: repeated {id} numbered
        report(web, CATALOGUE, "DELETE", "/a/{id}/b/{id}", count=1),
        # the same paths templated before names: one OpenAPI path each, the named spelling
        report(web, CATALOGUE, "DELETE", "/customers/{id}", count=1),
        report(app, CATALOGUE, "PUT", "/customers/{id}", count=1),
        # a literal brace cannot read as a parameter; OTHER has no operation
        report(web, CATALOGUE, "GET", "/odd{x}", count=1),
        report(web, CATALOGUE, "OTHER", "/x", count=1),
    ]


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest_batch(batch(1, *shop_reports(), *catalogue_reports()))
    return store


def walk_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from walk_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_keys(value)


def test_every_document_validates_and_has_no_example(filled: Store) -> None:
    servers = sorted({e.destination.label for e in filled.endpoints()})
    for workload_label in [*servers, None]:
        doc = document_for(filled, workload_label)
        validate(doc)  # raises on an invalid OpenAPI 3.1 document
        assert doc["openapi"] == "3.1.0"
        keys = set(walk_keys(doc))
        assert not keys & {"example", "examples", "default", "enum", "const"}
    everything = document_for(filled)
    ops = sum(1 for item in everything["paths"].values() for _ in item)
    # every endpoint but OTHER; the two /commits ones one operation, and so the two PUTs
    assert ops == len(filled.endpoints()) - 3


def test_typed_path_and_query_parameters(filled: Store) -> None:
    doc = document_for(filled, "store/catalogue")
    op = doc["paths"]["/customers/{customerId}/orders/{orderId}"]["get"]
    params = {(p["in"], p["name"]): p for p in op["parameters"]}
    assert params["path", "customerId"]["schema"] == {"type": "integer"}
    assert params["path", "orderId"]["schema"] == {"type": "string", "format": "uuid"}
    assert params["path", "orderId"]["required"] is True
    assert set(params) == {
        ("path", "customerId"),
        ("path", "orderId"),
        ("query", "expand"),
        ("query", "page"),
    }
    commits = doc["paths"]["/commits/{commitId}"]["get"]
    assert commits["parameters"][0]["schema"] == {"type": "string", "pattern": "^[0-9a-fA-F]+$"}
    assert commits["x-sieve-clients"] == ["edge/mobile-app", "shop/web"]
    assert commits["x-sieve-exchange-count"] == 5
    assert "/customers/{id}" not in doc["paths"]
    customers = doc["paths"]["/customers/{customerId}"]
    assert [p["name"] for p in customers["delete"]["parameters"]] == ["customerId"]
    assert customers["put"]["x-sieve-clients"] == ["edge/mobile-app", "shop/web"]
    legacy = doc["paths"]["/a/{id}/b/{id2}"]["delete"]
    assert [p["name"] for p in legacy["parameters"]] == ["id", "id2"]
    assert "/odd%7Bx%7D" in doc["paths"]


def test_body_schemas_from_the_field_tree(filled: Store) -> None:
    doc = document_for(filled, "store/catalogue")
    get = doc["paths"]["/customers/{customerId}/orders/{orderId}"]["get"]
    assert set(get["responses"]) == {"2XX"}
    body = get["responses"]["2XX"]["content"]["application/json"]["schema"]
    assert body["type"] == "object"
    assert body["required"] == ["customer", "id", "lines", "total"]  # note: 3 of 10
    assert body["properties"]["note"]["type"] == ["null", "string"]
    email = body["properties"]["customer"]["properties"]["email"]
    assert email == {
        "type": "string",
        "x-sieve-data-types": ["email"],
        "x-sieve-sensitivity": "medium",
    }
    lines = body["properties"]["lines"]
    assert lines["type"] == "array"
    assert lines["items"]["properties"]["quantity"] == {"type": "number"}
    assert body["properties"]["tags"] == {"type": "array", "items": {}}
    devices = body["properties"]["byDevice"]
    assert devices["type"] == "object"
    assert devices["additionalProperties"]["properties"]["trusted"] == {"type": "boolean"}
    put = doc["paths"]["/customers/{customerId}"]["put"]
    request = put["requestBody"]["content"]["application/json"]["schema"]
    assert request["required"] == ["name"]
    assert request["properties"]["card"]["x-sieve-sensitivity"] == "high"


def test_one_server_only_and_all_prefixed(filled: Store) -> None:
    users = document_for(filled, "shop/users")
    assert set(users["paths"]) == {"/users", "/users/{id}"}
    assert users["tags"] == [{"name": "shop/users"}]
    everything = document_for(filled)
    assert "/shop/users/users/{id}" in everything["paths"]
    assert "/api.stripe-like.example/v1/charges" in everything["paths"]


def test_split_template() -> None:
    path, params = split_template("/x/{a:int}/{a}/{9bad:nope}/{}")
    assert path == "/x/{a}/{a2}/{p9bad}/%7B%7D"
    assert [(p.name, p.kind) for p in params] == [("a", "int"), ("a2", ""), ("p9bad", "")]


def test_unreadable_json_paths_are_counted_not_guessed(filled: Store) -> None:
    details = list(endpoint_details(filled, "shop/users"))
    details[0].response_fields[0].json_path = "not-a-path"
    doc = build_document(details, "shop/users")
    validate(doc)
    counted = [
        op.get("x-sieve-unreadable-fields", 0)
        for item in doc["paths"].values()
        for op in item.values()
    ]
    assert sum(counted) == 1


def test_http_export_json_yaml_and_download(filled: Store) -> None:
    with TestClient(create_app(filled)) as client:
        servers = client.get("/api/v1/openapi/servers").json()
        assert "store/catalogue" in servers
        as_json = client.get("/api/v1/openapi", params={"workload": "store/catalogue"})
        assert as_json.status_code == 200
        validate(as_json.json())
        as_yaml = client.get(
            "/api/v1/openapi", params={"workload": "store/catalogue", "format": "yaml"}
        )
        assert as_yaml.headers["content-type"].startswith("application/yaml")
        assert yaml.safe_load(as_yaml.text) == as_json.json()
        saved = client.get("/api/v1/openapi", params={"download": "true"})
        assert 'filename="all.openapi.json"' in saved.headers["content-disposition"]
        validate(saved.json())
        assert client.get("/api/v1/openapi", params={"workload": "no/such"}).status_code == 404
        assert client.get("/api/v1/openapi", params={"format": "xml"}).status_code == 422
