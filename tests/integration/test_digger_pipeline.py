"""The digger end to end: real Kafka, the stand-in detector over HTTP, a real gRPC server."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from tests.digger.exchanges import make_exchange
from tests.digger.harness import (
    RunningDigger,
    committed_total,
    digger_settings,
    produce,
    wait_for,
    write_identities,
)
from tests.digger.ingest_server import IngestServer
from tests.digger.standin import StandinDetectorServer

pytestmark = pytest.mark.integration


def traffic(n: int, seed: int = 1):
    rng = random.Random(seed)
    for i in range(n):
        kind = rng.randrange(4)
        if kind == 0:
            yield make_exchange(
                client="10.0.0.5",
                server="10.96.0.6",
                method="GET",
                target=f"/users/{rng.randrange(10**6)}?fields=email",
                response={"id": i, "email": f"u{i}@example.org"},
                seq=i,
            )
        elif kind == 1:
            yield make_exchange(
                client="10.0.0.5",
                server="10.0.0.7",
                target="/orders",
                request={"items": [{"sku": "A", "qty": 2}], "card": "4111111111111111"},
                response={"order": i},
                status=201,
                seq=i,
            )
        elif kind == 2:
            yield make_exchange(
                client="10.0.0.6",
                server="203.0.113.5",
                method="POST",
                target="/v1/charges",
                headers={"Host": "api.pay.example:443"},
                request={"amount": i},
                status=402,
                seq=i,
            )
        else:  # Sieve's own traffic: excluded
            yield make_exchange(
                client="10.0.0.5",
                server="10.0.0.99",
                target="/v1/detect",
                request={"documents": []},
                seq=i,
            )


def test_n_exchanges_in_reports_sum_to_n(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
):
    settings = digger_settings(
        kafka_bootstrap, detector.url, ingest.target, write_identities(tmp_path)
    )
    n = 2000
    exchanges = list(traffic(n))
    excluded = sum(1 for ex in exchanges if ex.server.ip == "10.0.0.99")
    digger = RunningDigger(settings).start()
    try:
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, exchanges)
        assert wait_for(lambda: ingest.servicer.exchange_total() == n - excluded, 60), (
            ingest.servicer.exchange_total(),
            n - excluded,
        )
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == n, 30)
        health = digger.runtime.health.readiness()
        assert health == {"kafka": True, "detector": True, "cloud": True}
    finally:
        digger.stop()
    reports = ingest.servicer.reports()
    by_dest: dict[tuple[str, str, str], list[Any]] = {}
    for r in reports:
        by_dest.setdefault((r.destination.name, r.method, r.path_template), []).append(r)
    assert set(by_dest) == {
        ("users", "GET", "/users/{userId:int}"),
        ("orders", "POST", "/orders"),
        ("api.pay.example", "POST", "/v1/charges"),
    }
    users = by_dest[("users", "GET", "/users/{userId:int}")]
    assert all(list(r.query_parameter_names) == ["fields"] for r in users)
    emails = [
        d
        for r in users
        for f in r.response_fields
        if f.json_path == "$.email"
        for d in f.detections
    ]
    assert emails, "the detector's findings reach the reports"
    inspected = sum(r.inspected_count for r in reports)
    assert 0 < inspected < n - excluded  # sampled, yet every exchange counted
    assert digger.service.processor.stats.filtered == excluded
    batch_ids = list(ingest.servicer.stored)
    assert all(b.startswith(f"{settings.agent_id}/") for b in batch_ids)
