"""The JSON API and the dashboard's static files, through FastAPI's test client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from collector.policies import parse_policies
from collector.store import Store
from collector.web import create_app
from tests.collector.factories import batch, shop_reports

POLICIES = """
- {name: cards stay in payments, rule: only_namespace_may_receive, namespace: payments,
   data_type: credit_card}
"""


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    store.ingest_batch(batch(1, *shop_reports()))
    with TestClient(create_app(store, parse_policies(POLICIES))) as c:
        yield c


def test_summary_and_workloads(client: TestClient) -> None:
    summary = client.get("/api/v1/summary").json()
    assert summary["workloads"] == 6
    assert summary["flows"] == 5
    assert summary["violations"] == 2
    assert summary["namespaces"] == ["payments", "shop"]
    labels = [w["label"] for w in client.get("/api/v1/workloads?namespace=payments").json()]
    assert labels == ["payments/payments"]
    with_ssn = client.get("/api/v1/workloads?data_type=password").json()
    assert {w["label"] for w in with_ssn} == {"shop/frontend", "shop/users"}


def test_flows_with_filters(client: TestClient) -> None:
    flows = client.get("/api/v1/flows").json()
    external = next(f for f in flows if f["destination"]["external"])
    assert external["source"]["label"] == "payments/payments"
    assert external["highest_sensitivity"] == "high"
    assert [t["data_type"] for t in external["data_types"]] == ["credit_card", "email"]
    medium_only = client.get("/api/v1/flows?min_sensitivity=high").json()
    assert all(f["highest_sensitivity"] == "high" for f in medium_only)
    assert len(medium_only) == 4
    assert client.get("/api/v1/flows?min_sensitivity=extreme").status_code == 422


def test_endpoint_catalogue_and_detail(client: TestClient) -> None:
    endpoints = client.get("/api/v1/endpoints?data_type=phone").json()
    assert [(e["method"], e["path_template"]) for e in endpoints] == [("GET", "/users/{id}")]
    detail = client.get(f"/api/v1/endpoints/{endpoints[0]['id']}").json()
    fields = {f["json_path"]: f for f in detail["response_fields"]}
    assert fields["$.phone"]["json_types"] == ["string"]
    assert fields["$.phone"]["detections"][0]["data_type"] == "phone"
    assert fields["$.phone"]["detections"][0]["sensitivity"] == "medium"
    assert detail["status_classes"] == {"2xx": 25}
    assert client.get("/api/v1/endpoints/999999").status_code == 404


def test_data_types_violations_policies(client: TestClient) -> None:
    inventory = {t["data_type"]: t for t in client.get("/api/v1/data-types").json()}
    assert [r["label"] for r in inventory["password"]["receivers"]] == ["shop/users"]
    violations = client.get("/api/v1/violations").json()
    assert {v["receiver"]["label"] for v in violations} == {
        "shop/orders",
        "api.stripe-like.example",
    }
    assert all(v["first_seen"] and v["last_seen"] for v in violations)
    assert client.get("/api/v1/violations?data_type=email").json() == []
    [policy] = client.get("/api/v1/policies").json()
    assert policy["rule"] == "only_namespace_may_receive"
    assert policy["namespaces"] == ["payments"]


def test_dashboard_is_served_locally_with_a_strict_csp(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for src in ("/static/vendor/cytoscape.min.js", "/static/app.js", "/static/app.css"):
        assert src in page.text
        assert client.get(src).status_code == 200
    assert not any(scheme in page.text for scheme in ("http://", "https://"))
    assert client.get("/healthz").json() == {"ok": True}
    assert "/api/v1/flows" in client.get("/openapi.json").json()["paths"]
