"""Ops server endpoints over real HTTP on loopback."""

from __future__ import annotations

import httpx
from prometheus_client import CollectorRegistry, Counter

from common.ops_server import Health, OpsServer


def test_metrics_health_and_readiness():
    registry = CollectorRegistry()
    Counter("sieve_test_things", "Things.", registry=registry).inc(3)
    health = Health()
    ready = {"kafka": False}
    health.add_readiness("kafka", lambda: ready["kafka"])
    health.add_liveness("loop", lambda: True)

    def broken() -> bool:
        raise RuntimeError("x")

    health.add_readiness("broken", broken)
    server = OpsServer(health, "127.0.0.1", 0, registry).start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        metrics = httpx.get(f"{base}/metrics")
        assert "sieve_test_things_total 3.0" in metrics.text
        assert httpx.get(f"{base}/healthz").status_code == 200
        r = httpx.get(f"{base}/readyz")
        assert r.status_code == 503
        assert r.json() == {"ok": False, "checks": {"kafka": False, "broken": False}}
        ready["kafka"] = True
        health.add_readiness("broken", lambda: True)
        assert httpx.get(f"{base}/readyz").status_code == 200
        assert httpx.get(f"{base}/nope").status_code == 404
    finally:
        server.stop()
