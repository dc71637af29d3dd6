"""Specs in, drift out: every drift kind on a fixture whose truth is written below."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collector.drift import compute_drift, drift_states, endpoint_drift_states
from collector.openapi import endpoint_details
from collector.specs import SchemaWalker, SpecError, SpecRegistry, load_text
from collector.store import Store
from collector.web import create_app
from common.settings import ConfigError
from tests.collector.factories import batch, field, report, workload

FIXTURES = Path(__file__).parent / "fixtures"
WEB, USERS = workload("web"), workload("users")
ORDERS, PAYMENTS = workload("orders"), workload("payments", "payments")


def observed() -> list[object]:
    """What the traffic showed (server shop/users unless said otherwise)."""
    email = [("email", "medium", 0.9, 5)]
    return [
        report(WEB, USERS, "GET", "/api/users/{userId:int}", response=[
            field("$.email", detect=email),  # declared by format: email
            field("$.phone", detect=[("phone", "medium", 0.8, 5)]),  # documented, undeclared
            field("$.nickname"),  # undocumented
            field("$.address.street", detect=[("street_address", "medium", 0.7, 5)]),  # $ref
            field("$.byDevice{*}.trusted", "boolean"),  # additionalProperties
        ]),
        # a second client of the same endpoint: one item, both endpoint ids
        report(ORDERS, USERS, "GET", "/api/users/{userId:int}", response=[field("$.nickname")]),
        report(WEB, USERS, "POST", "/api/users", request=[
            field("$.email", detect=email),
            field("$.password", detect=[("password", "high", 0.9, 5)]),
            field("$.referrer", detect=email),  # undocumented and sensitive
        ], response=[field("$.id", "number")]),
        report(WEB, USERS, "GET", "/api/users/me", response=[field("$.id", "number")]),
        report(WEB, USERS, "GET", "/api/users/{userId:int}/legacy-profile"),  # zombie
        report(WEB, USERS, "DELETE", "/api/admin/purge"),  # shadow
        report(WEB, USERS, "GET", "/users/{userId:int}"),  # without the base path: shadow
        # no document is for shop/orders: nothing to say about it
        report(WEB, ORDERS, "POST", "/orders", request=[field("$.card")]),
        # the Swagger 2 document for any server matches payments, so it is compared
        report(ORDERS, PAYMENTS, "POST", "/charges", request=[field("$.anything.at.all")]),
        report(ORDERS, PAYMENTS, "GET", "/refunds"),  # shadow
    ]  # fmt: skip


EXPECTED = {
    ("shadow", "payments/payments", "GET", "/refunds", None, None),
    ("shadow", "shop/users", "DELETE", "/api/admin/purge", None, None),
    ("shadow", "shop/users", "GET", "/users/{userId:int}", None, None),
    ("zombie", "shop/users", "GET", "/api/users/{userId:int}/legacy-profile", None, None),
    ("unused", "shop/users", "GET", "/api/users/{id}/sessions", None, None),
    ("undocumented_field", "shop/users", "GET", "/api/users/{userId:int}", "$.nickname", None),
    ("undocumented_field", "shop/users", "POST", "/api/users", "$.referrer", None),
    ("undeclared_sensitive", "shop/users", "GET", "/api/users/{userId:int}", "$.phone", "phone"),
    ("undeclared_sensitive", "shop/users", "POST", "/api/users", "$.referrer", "email"),
}


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest_batch(batch(1, *observed()))  # type: ignore[arg-type]
    return store


@pytest.fixture
def registry() -> SpecRegistry:
    reg = SpecRegistry()
    assert reg.load_dir(FIXTURES) == 2
    return reg


def summarize(items: list[object]) -> set[tuple[object, ...]]:
    return {
        (i.kind, i.server, i.method, i.path, i.json_path, i.data_type)  # type: ignore[attr-defined]
        for i in items
    }


def test_every_drift_kind_on_the_fixture(filled: Store, registry: SpecRegistry) -> None:
    report_ = compute_drift(endpoint_details(filled), registry.documents())
    assert summarize(list(report_.items)) == EXPECTED
    assert report_.counts == {
        "shadow": 3,
        "zombie": 1,
        "unused": 1,
        "undocumented_field": 2,
        "undeclared_sensitive": 2,
    }
    nickname = next(i for i in report_.items if i.json_path == "$.nickname")
    assert len(nickname.endpoint_ids) == 2  # both clients
    assert nickname.documented_path == "/api/users/{id}"
    me = {e.id for e in filled.endpoints() if e.path_template == "/api/users/me"}
    assert not any(set(i.endpoint_ids) & me for i in report_.items)  # /users/me documented


def test_drift_states_for_policies(filled: Store, registry: SpecRegistry) -> None:
    states = drift_states(compute_drift(endpoint_details(filled), registry.documents()))
    by_path = {
        (e.method, e.path_template, e.source.name): states.get(e.id, set())
        for e in filled.endpoints()
    }
    assert by_path["DELETE", "/api/admin/purge", "web"] == {"shadow"}
    assert by_path["GET", "/api/users/{userId:int}", "web"] == {
        "undocumented_field",
        "undeclared_sensitive",
    }
    assert by_path["GET", "/api/users/{userId:int}", "orders"] == {"undocumented_field"}
    assert by_path["POST", "/orders", "web"] == set()
    assert endpoint_drift_states(endpoint_details(filled), registry.documents()) == states


def test_window_makes_old_endpoints_unused(filled: Store, registry: SpecRegistry) -> None:
    later = compute_drift(endpoint_details(filled), registry.documents(), "2027-01-01T00:00:00Z")
    kinds = {(i.kind, i.path) for i in later.items}
    assert ("unused", "/api/users/{id}") in kinds
    assert not any(k == "shadow" for k, _ in kinds)


def test_schema_walker_cases() -> None:
    doc = {"components": {"schemas": {"Loop": {"$ref": "#/components/schemas/Loop"}}}}
    walker = SchemaWalker(doc)
    assert walker.find({"type": "object"}, "$.free.form")[0]  # nothing constrains it
    assert not walker.find({"properties": {"a": {}}, "additionalProperties": False}, "$.b")[0]
    assert walker.find({"type": "array", "items": {"properties": {"x": {}}}}, "$[*].x")[0]
    assert walker.find({"$ref": "#/components/schemas/Loop"}, "$.x")[0]  # a cycle ends: anything
    assert walker.find({"$ref": "https://elsewhere/x.json"}, "$.x")[0]  # unknown: anything


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just text", "not an OpenAPI document"),
        ("{paths: {}}", "no openapi version"),
        ("openapi: 3.1.0\npaths: []", "no paths object"),
        ("openapi: 3.1.0\ninfo: {x-sieve-workload: 3}\npaths: {}", "must be a string"),
        ("{{{", "neither YAML nor JSON"),
    ],
)
def test_bad_documents_say_why(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        load_text("bad", text)


def test_bad_file_in_the_directory_stops_the_start(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("openapi: 3.1.0\n")
    with pytest.raises(ConfigError, match=r"API spec .*broken.yaml: .*no paths object"):
        SpecRegistry().load_dir(tmp_path)
    with pytest.raises(ConfigError, match="cannot read API specs directory"):
        SpecRegistry().load_dir(tmp_path / "missing")


def test_upload_needs_the_write_token(filled: Store, tmp_path: Path) -> None:
    tokens = tmp_path / "write-tokens"
    tokens.write_text("# writers\nw-token-1\n")
    saved = tmp_path / "uploaded"
    reg = SpecRegistry(upload_dir=saved, write_token_file=tokens, max_bytes=20_000)
    spec = (FIXTURES / "users.openapi.yaml").read_text()
    ok = {"X-Sieve-Write-Token": "w-token-1"}
    with TestClient(create_app(filled, specs=reg)) as c:
        assert c.put("/api/v1/specs/users", content=spec).status_code == 403
        wrong = {"X-Sieve-Write-Token": "nope"}
        assert c.put("/api/v1/specs/users", content=spec, headers=wrong).status_code == 403
        assert c.get("/api/v1/drift").json()["items"] == []  # nothing supplied yet
        put = c.put("/api/v1/specs/users", content=spec, headers=ok)
        assert put.status_code == 201, put.text
        assert put.json() == {
            "name": "users",
            "workload": "shop/users",
            "operations": 5,
            "deprecated": 1,
        }
        assert (saved / "users.json").is_file()
        drift = c.get("/api/v1/drift").json()
        assert drift["specs"] == ["users"]
        assert drift["counts"]["zombie"] == 1
        assert c.get("/api/v1/drift", params={"since": "yesterday"}).status_code == 422
        bad = c.put("/api/v1/specs/x", content="openapi: 3.1.0\n", headers=ok)
        assert bad.status_code == 422
        assert "no paths object" in bad.json()["detail"]
        big = c.put("/api/v1/specs/x", content="#" * 30_000, headers=ok)
        assert big.status_code == 413
        assert c.put("/api/v1/specs/..%2Fetc", content=spec, headers=ok).status_code in (404, 422)
        assert [s["name"] for s in c.get("/api/v1/specs").json()] == ["users"]
        assert c.delete("/api/v1/specs/users").status_code == 403
        assert c.delete("/api/v1/specs/users", headers=ok).status_code == 204
        assert c.delete("/api/v1/specs/users", headers=ok).status_code == 404
        assert not (saved / "users.json").exists()
    # the saved copy of an upload is read back by a new registry
    reg.put("users", spec)
    again = SpecRegistry()
    assert again.load_dir(saved) == 1
    assert again.documents()[0].workload == "shop/users"


def test_no_write_token_file_means_read_only(filled: Store) -> None:
    spec = (FIXTURES / "users.openapi.yaml").read_text()
    with TestClient(create_app(filled)) as c:
        own = c.get("/openapi.json").json()["paths"]["/api/v1/specs/{name}"]["put"]
        assert set(own["requestBody"]["content"]) == {"application/yaml", "application/json"}
        denied = c.put("/api/v1/specs/users", content=spec, headers={"X-Sieve-Write-Token": "x"})
        assert denied.status_code == 403
