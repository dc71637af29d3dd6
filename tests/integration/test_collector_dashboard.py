"""The dashboard in headless Chromium against a collector filled with known reports.

Chromium is Debian's; playwright-core (npm, installed by .ci/setup.d/55-chromium.sh outside
the repository) drives it. Screenshots go to artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.custom_types import CustomTypeInfo
from collector.http_server import HttpServer, start_http
from collector.policies import parse_policies
from collector.store import Store
from collector.web import create_app
from protos.sieve.v1 import metadata_pb2
from tests.collector.factories import batch, shop_reports

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCRIPT = ROOT / "tests" / "collector" / "dashboard_check.js"
CACHE = Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve"))
NODE_PATH = os.environ.get("SIEVE_PLAYWRIGHT_NODE_PATH", str(CACHE / "node" / "node_modules"))
CHROMIUM = os.environ.get("SIEVE_CHROMIUM") or shutil.which("chromium")
POLICIES = """
- {name: cards stay in payments, rule: only_namespace_may_receive, namespace: payments,
   data_type: credit_card}
- {name: nothing high leaves the cluster, rule: no_external_sensitivity, min_sensitivity: high}
"""
RED, ORANGE = "rgb(210,63,63)", "rgb(224,145,43)"


@pytest.fixture(scope="module")
def collector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, HttpServer]]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('dash') / 'c.db'}")
    store.migrate()
    reports = shop_reports()
    for r in reports:  # one endpoint served over h2c: the dashboard marks its protocol
        if r.path_template == "/users/{id}":
            r.protocol = metadata_pb2.ENDPOINT_PROTOCOL_HTTP2
    # A custom data type on the frontend → users POST /users name field (issue 17): shown by
    # its display name, not its id.
    [name] = [f for f in reports[0].request_fields if f.json_path == "$.name"]
    name.detections.add(
        custom_type="employee_id",
        sensitivity=metadata_pb2.SENSITIVITY_MEDIUM,
        confidence=0.9,
        count=10,
    )
    store.ingest_batch(batch(1, *reports))
    # Pages of 2: the dashboard must follow the Link headers to show all 6 endpoints.
    custom = [CustomTypeInfo("employee_id", "Employee number", "medium")]
    app = create_app(store, parse_policies(POLICIES), page_size=2, custom_types=custom)
    server = start_http(app, "127.0.0.1", 0)
    yield store, server
    server.stop()
    store.close()


def test_dashboard_in_chromium(collector: tuple[Store, HttpServer]) -> None:
    if not CHROMIUM or not shutil.which("node"):
        pytest.skip("chromium or node missing (.ci/setup.d/55-chromium.sh installs them)")
    if not (Path(NODE_PATH) / "playwright-core").is_dir():
        pytest.skip("playwright-core missing (.ci/setup.d/55-chromium.sh installs it)")
    store, server = collector
    endpoint_id = next(e.id for e in store.endpoints() if e.path_template == "/users/{id}")
    ARTIFACTS.mkdir(exist_ok=True)
    base = f"http://127.0.0.1:{server.port}"
    with tempfile.TemporaryDirectory(prefix="sieve-chromium-") as profile:
        done = subprocess.run(
            ["node", str(SCRIPT), base, str(endpoint_id), str(ARTIFACTS), CHROMIUM, profile],
            check=False,
            env={**os.environ, "NODE_PATH": NODE_PATH},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)

    assert seen["console"] == []
    assert {url.split("/")[2] for url in seen["requests"]} == {f"127.0.0.1:{server.port}"}

    nodes = {n["label"]: n for n in seen["map"]["nodes"]}
    assert set(nodes) == {
        "shop/frontend",
        "shop/users",
        "shop/orders",
        "shop/notifications",
        "payments/payments",
        "api.stripe-like.example",
    }
    assert all(n["visible"] and n["inView"] for n in nodes.values())
    assert nodes["api.stripe-like.example"]["external"]
    assert nodes["api.stripe-like.example"]["text"] == "api.stripe-like.example"
    assert nodes["api.stripe-like.example"]["group"] == "outside the cluster"
    assert (nodes["payments/payments"]["text"], nodes["payments/payments"]["group"]) == (
        "payments",
        "payments",
    )
    assert not nodes["shop/frontend"]["external"]

    edges = {(e["source"], e["target"]): e for e in seen["map"]["edges"]}
    assert set(edges) == {
        ("shop/frontend", "shop/users"),
        ("shop/frontend", "shop/orders"),
        ("shop/orders", "payments/payments"),
        ("payments/payments", "api.stripe-like.example"),
        ("shop/orders", "shop/notifications"),
    }
    external = edges[("payments/payments", "api.stripe-like.example")]
    assert external["label"] == "credit_card, email"
    assert (external["badge"], external["color"], external["drawn"]) == ("2", RED, 2)
    notify = edges[("shop/orders", "shop/notifications")]
    assert (notify["label"], notify["color"]) == ("email", ORANGE)
    assert "password" in edges[("shop/frontend", "shop/users")]["label"]

    assert sorted(seen["filtered"]) == [
        "payments/payments -> api.stripe-like.example",
        "shop/orders -> payments/payments",
    ]

    endpoint = seen["endpoint"]
    assert endpoint["title"] == "GET/users/{id}HTTP/2"
    assert endpoint["request"] == []
    rows = {row[0]: row for row in endpoint["response"]}
    assert set(rows) == {"$.address.street", "$.email", "$.phone"}
    assert rows["$.phone"][1] == "string"
    assert rows["$.phone"][3].startswith("phone")
    # each chip says in how many of the field's samples its type was found (counts, not the
    # detector's score, which is no probability of being right)
    detail = store.endpoint(endpoint_id)
    assert detail is not None
    for f in detail.response_fields:
        [d] = f.detections
        assert rows[f.json_path][3].endswith(f"{d.count} of {f.seen_count}")
        assert "%" not in rows[f.json_path][3]
    assert rows["$.address.street"][3].startswith("street_address")

    assert len(seen["endpoints"]) == 6
    marked = [r for r in seen["endpoints"] if "HTTP/2" in r]
    assert len(marked) == 1
    assert marked[0].startswith("GET/users/{id}HTTP/2")
    catalogue = seen["catalogue"]
    assert catalogue["href"] == "/api/v1/openapi?format=json&download=true&workload=shop%2Fusers"
    assert catalogue["status"] == 200
    assert catalogue["disposition"] == 'attachment; filename="shop.users.openapi.json"'
    assert catalogue["paths"] == ["/users", "/users/{id}"]
    assert len(catalogue["searched"]) == 1
    row = catalogue["searched"][0]
    assert row.startswith("POST/v1/chargesapi.stripe-like.examplepayments/payments")
    # the tab reads the grouped, searched and paged /api/v1/catalogue, not the endpoint list
    assert any("q=stripe" in u for u in catalogue["catalogueRequests"])
    assert all("limit=50" in u for u in catalogue["catalogueRequests"])
    assert catalogue["endpointListRequests"] == []
    assert sorted(r.split("shop/")[0] for r in catalogue["byClient"]) == [
        "GET/users/{id}HTTP/2", "POST/orders", "POST/users"
    ]  # fmt: skip
    assert [r.split("shop/")[0] for r in catalogue["twoWords"]] == ["POST/users"]
    payments = sorted(catalogue["payments"])  # the endpoints a payments workload takes part in
    assert len(payments) == 2
    assert payments[0].startswith("POST/chargespayments/paymentsshop/orders")
    assert payments[1].startswith("POST/v1/chargesapi.stripe-like.examplepayments/payments")
    assert "/api/v1/endpoints/{endpoint_id}" in seen["docs"]
    assert any(r.startswith("credit_cardhigh") for r in seen["data-types"])
    # the custom type by its display name, in the inventory and in the filter
    assert any(r.startswith("Employee numbermedium") for r in seen["data-types"])
    assert not any("employee_id" in r for r in seen["data-types"])
    assert "Employee number" in seen["type_filter"]
    assert seen["custom_chip"] == {"text": "Employee numbermedium", "title": "employee_id · medium"}
    assert len(seen["violations"]) == 3
    for name in ("map", "endpoint", "endpoints", "data-types", "violations"):
        shot = ARTIFACTS / f"collector-{name}.png"
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000
