"""The digger with the REAL detector: in-process engine (the standalone path) and the
detector HTTP service under uvicorn on loopback (the Kafka service path)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from digger.identities import StaticIdentities
from digger.pipeline import ExchangeProcessor
from digger.settings import DiggerSettings
from protos.sieve.v1 import metadata_pb2 as md
from tests.digger.exchanges import make_exchange
from tests.digger.harness import (
    RunningDigger,
    digger_settings,
    produce,
    wait_for,
    write_identities,
)
from tests.digger.ingest_server import IngestServer
from tests.ports import free_port

pytestmark = pytest.mark.integration

engine_module = pytest.importorskip("detector.engine")
api_module = pytest.importorskip("detector.api")


@pytest.fixture(scope="module")
def engine() -> Any:
    return engine_module.DetectionEngine.load_default()


def customer_exchanges(n: int) -> list[Any]:
    return [
        make_exchange(
            client="10.0.0.5",
            server="10.0.0.6",
            method="POST",
            target=f"/customers/{i}",
            request={"email": f"jane.doe{i}@example.com", "quantity": i % 5},
            response={"id": i, "contact": {"email": f"jd{i}@mail.example.org"}},
            status=201,
            seq=i,
        )
        for i in range(n)
    ]


def email_paths(reports: list[md.EndpointReport]) -> set[str]:
    return {
        f.json_path
        for r in reports
        for f in [*r.request_fields, *r.response_fields]
        for d in f.detections
        if d.data_type == md.DATA_TYPE_EMAIL
    }


def test_processor_with_the_engine_in_process(tmp_path: Path, engine: Any):
    settings = DiggerSettings.model_validate({"sampling_enabled": False})
    ids = StaticIdentities.from_file(write_identities(tmp_path))
    processor = ExchangeProcessor(settings, ids, engine.detect_many)
    for ex in customer_exchanges(50):
        processor.process(ex)
    reports = processor.flush()
    assert sum(r.exchange_count for r in reports) == 50
    assert email_paths(reports) == {"$.email", "$.contact.email"}


@pytest.fixture
def detector_service(engine: Any) -> Iterator[str]:
    from detector.settings import DetectorSettings

    app = api_module.create_app(
        DetectorSettings.model_validate({}), loader=lambda _s: engine, load_in_background=False
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(10)


def test_kafka_to_cloud_through_the_real_detector_service(
    kafka_bootstrap: str, tmp_path: Path, detector_service: str
):
    ingest = IngestServer().start()
    settings = digger_settings(
        kafka_bootstrap, detector_service, ingest.target, write_identities(tmp_path)
    )
    digger = RunningDigger(settings).start()
    try:
        n = produce(kafka_bootstrap, settings.kafka_exchanges_topic, customer_exchanges(300))
        assert wait_for(lambda: ingest.servicer.exchange_total() == n, 60)
        assert digger.runtime.health.readiness()["detector"]
    finally:
        digger.stop()
        ingest.stop()
    reports = ingest.servicer.reports()
    assert email_paths(reports) == {"$.email", "$.contact.email"}
    assert {r.path_template for r in reports} == {"/customers/{customerId:int}"}


def test_hostile_bodies_through_the_real_detector_service(tmp_path: Path, detector_service: str):
    """Issue 15 row 3 end to end: bodies only the lenient parser reads (a lone surrogate in a
    key, a 400-digit number under a number-like key, NaN) once made the detector answer 500,
    and the digger failed the whole batch and opened its breaker."""
    from digger.detector_client import DetectorClient

    hostile = [
        b'{"\\ud800": "x", "email": "s.one@example.org"}',
        b'{"phone": 1' + b"0" * 400 + b', "email": "s.two@example.org"}',
        b'{"lat": NaN, "email": "s.three@example.org"}',
        b'{"' + b"k" * 50_000 + b'": {"email": "s.four@example.org"}}',
    ]
    exchanges = customer_exchanges(8)
    for i, body in enumerate(hostile):
        exchanges[2 * i].request.body = body
        exchanges[2 * i].request.body_wire_size = len(body)
    client = DetectorClient(detector_service, retries=0)
    settings = DiggerSettings.model_validate({"sampling_enabled": False})
    ids = StaticIdentities.from_file(write_identities(tmp_path))
    processor = ExchangeProcessor(settings, ids, client)
    try:
        for ex in exchanges:
            processor.process(ex)
        reports = processor.flush()
    finally:
        client.close()
    assert sum(r.exchange_count for r in reports) == 8
    # the object with a lone-surrogate key is a data map ({*}) in the schema
    assert email_paths(reports) == {"$.email", "$.contact.email", "${*}"}
    assert processor.stats.detection_given_up == 0
    assert not client.breaker.is_open
    assert client.available
