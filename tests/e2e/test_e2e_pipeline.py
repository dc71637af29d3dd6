"""The whole pipeline on real traffic: flows, data types and counts through the collector's
API, and the privacy proof (no canary in the database, any log, or the gRPC bytes)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import requires_root
from tests.e2e.stack import Stack, canary_needles
from tests.metrics_scrape import metric

pytestmark = [pytest.mark.integration, pytest.mark.netns, requires_root]

VISITS = 40

# (source, destination, method, template) → data types that must be detected there
EXPECTED_TYPES: dict[tuple[str, str, str, str], set[str]] = {
    ("frontend", "users", "POST", "/users"): {"email"},
    ("frontend", "users", "GET", "/users/{userId:uuid}"): {"email"},
    ("frontend", "orders", "POST", "/orders"): {"email", "credit_card"},
    ("orders", "payments", "POST", "/payments/charges"): {"credit_card", "email"},
    ("orders", "notifications", "POST", "/notifications/email"): {"email"},
    ("orders", "inventory", "GET", "/inventory/items/{itemId:int}"): set(),
    ("frontend", "orders", "GET", "/orders/{orderId:int}"): {"email"},
}


def test_flows_counts_and_privacy(stack: Stack) -> None:
    stack.start_all()
    stack.drive(VISITS, rate=20)
    served = stack.stop_servers()
    assert set(served) == set(EXPECTED_TYPES)
    assert all(n == VISITS for n in served.values()), served

    got = stack.wait_counts(served)
    rss = stack.sample_rss()
    # exactly the endpoints driven, each counted exactly once per exchange
    assert {k: v["exchange_count"] for k, v in got.items()} == dict(served)
    for key, types in EXPECTED_TYPES.items():
        found = {d["data_type"] for d in got[key]["data_types"]}
        assert types <= found, (key, found)
    flows = stack.client.get("/api/v1/flows").raise_for_status().json()
    pairs: Counter[tuple[str, str]] = Counter()
    for f in flows:
        pairs[(f["source"]["name"], f["destination"]["name"])] += f["exchange_count"]
    expected_pairs: Counter[tuple[str, str]] = Counter()
    for (src, dst, _method, _template), n in served.items():
        expected_pairs[(src, dst)] += n
    assert pairs == expected_pairs
    assert {f["source"]["namespace"] for f in flows} == {"web", "shop"}
    assert metric(stack.ports["interceptor_ops"], "sieve_interceptor_kernel_drops") in (0, None)

    # privacy: stop everything (logs flushed, database closed), then look for every canary
    for name in ("interceptor", "digger", "collector", "detector"):
        assert stack.services[name].stop() == 0, name
    assert stack.proxy is not None
    assert stack.proxy.bytes_up > 0
    files = {
        "database": stack.db.read_bytes(),
        "grpc": stack.grpc_record.read_bytes(),
        **{f"{n} log": s.log.read_bytes() for n, s in stack.services.items()},
    }
    assert b"sieve.v1.IngestService" in files["grpc"]
    for where, data in files.items():
        assert data, where
        for what, needle in canary_needles(stack.canaries).items():
            assert needle.lower() not in data.lower(), f"canary {what} found in {where}"
    assert all(peak > 0 for peak in rss.values()), rss


def test_two_nodes_count_each_exchange_once(kafka_bootstrap: str, tmp_path: Path) -> None:
    # both interceptors see the cross-node exchanges (node-a on the client veth, node-b on
    # the server veth); with the pod CIDR as cluster addresses node-a leaves them to node-b
    nodes = {
        "node-a": ["frontend", "orders"],
        "node-b": ["users", "payments", "notifications", "inventory"],
    }
    stack = Stack(tmp_path, kafka_bootstrap, nodes=nodes)
    try:
        stack.start_all()
        stack.drive(10, rate=20)
        served = stack.stop_servers()
        got = stack.wait_counts(served)
        assert {k: v["exchange_count"] for k, v in got.items()} == dict(served)
    finally:
        stack.close()
