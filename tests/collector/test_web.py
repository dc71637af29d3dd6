"""The JSON API and the dashboard's static files, through FastAPI's test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collector.http_auth import HttpAuth
from collector.policies import parse_policies
from collector.store import Store
from collector.web import create_app
from common.settings import ConfigError
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
    assert detail["status_codes"] == {}  # reported with classes only (an older agent)
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
    for src in ("/static/app.js", "/static/app.css"):
        assert src in page.text
        assert client.get(src).status_code == 200
    # the map's layout (vendored dagre) runs on the page or in a worker; app.js loads both files
    for src in ("/static/map-layout.js", "/static/vendor/dagre.min.js"):
        assert src in client.get("/static/app.js").text
        assert client.get(src).status_code == 200
    assert "/static/vendor/dagre.min.js" in client.get("/static/map-layout.js").text
    assert client.get("/static/vendor/dagre.min.js").status_code == 200
    assert not any(scheme in page.text for scheme in ("http://", "https://"))
    assert client.get("/healthz").json() == {"ok": True}
    assert "/api/v1/flows" in client.get("/openapi.json").json()["paths"]


# --- issue 15 row 12 and the dashboard's authentication -----------------------------------


@pytest.mark.parametrize(
    "endpoint_id", ["99999999999999999999999", "-1", "0", "9223372036854775808"]
)
def test_endpoint_ids_storage_cannot_hold_are_422_not_500(
    client: TestClient, endpoint_id: str
) -> None:
    assert client.get(f"/api/v1/endpoints/{endpoint_id}").status_code == 422
    assert client.get(f"/api/v1/endpoints/{2**31 - 1}").status_code == 404


def test_list_endpoints_are_paged_with_a_next_link(client: TestClient) -> None:
    everything = client.get("/api/v1/endpoints").json()
    assert len(everything) == 6
    seen: list[int] = []
    url: str | None = "/api/v1/endpoints?limit=2"
    while url is not None:
        page = client.get(url)
        assert page.headers["x-total-count"] == "6"
        assert len(page.json()) <= 2
        seen += [e["id"] for e in page.json()]
        link = page.headers.get("link")
        url = link.split(">")[0].lstrip("<") if link else None
    assert seen == [e["id"] for e in everything]
    for path in ("workloads", "flows", "data-types", "violations"):
        assert len(client.get(f"/api/v1/{path}?limit=1").json()) == 1
        assert client.get(f"/api/v1/{path}?offset=1000").json() == []
    assert client.get("/api/v1/endpoints?limit=0").status_code == 422
    assert client.get("/api/v1/endpoints?limit=5001").status_code == 422


def test_docs_load_only_local_assets_under_the_csp(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert not any(scheme in page.text for scheme in ("http://", "https://", "<script>"))
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(src).status_code == 200, src
    assert client.get("/redoc").status_code == 404


def _auth_client(store: Store, auth: HttpAuth) -> TestClient:
    return TestClient(create_app(store, auth=auth))


def test_basic_auth_guards_api_and_dashboard_but_not_healthz(store: Store, tmp_path: Path) -> None:
    creds = tmp_path / "users"
    creds.write_text("admin:s3cret pass\n")
    with _auth_client(store, HttpAuth("basic", creds)) as c:
        for path in ("/", "/api/v1/summary", "/api/v1/endpoints", "/openapi.json", "/docs"):
            denied = c.get(path)
            assert denied.status_code == 401, path
            assert denied.headers["www-authenticate"].startswith("Basic")
        assert c.get("/api/v1/summary", auth=("admin", "wrong")).status_code == 401
        assert c.get("/api/v1/summary", auth=("admin", "s3cret pass")).status_code == 200
        assert c.get("/", auth=("admin", "s3cret pass")).status_code == 200
        bad = {"Authorization": "Basic !!!not-base64"}
        assert c.get("/api/v1/summary", headers=bad).status_code == 401
        assert c.get("/healthz").status_code == 200


def test_token_and_trusted_header_modes(store: Store, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text("api-token-1\n")
    with _auth_client(store, HttpAuth("token", tokens)) as c:
        assert c.get("/api/v1/summary").status_code == 401
        ok = {"Authorization": "Bearer api-token-1"}
        assert c.get("/api/v1/summary", headers=ok).status_code == 200
    with _auth_client(store, HttpAuth("header", header="X-Forwarded-User")) as c:
        assert c.get("/api/v1/summary").status_code == 401
        ok = {"X-Forwarded-User": "alice@example.com"}
        assert c.get("/api/v1/summary", headers=ok).status_code == 200


def test_auth_modes_without_credentials_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs SIEVE_COLLECTOR_HTTP_AUTH_FILE"):
        HttpAuth("basic")
    empty = tmp_path / "empty"
    empty.write_text("# nobody\n")
    with pytest.raises(ConfigError, match="holds no credential"):
        HttpAuth("token", empty)
