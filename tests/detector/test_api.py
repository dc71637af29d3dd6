"""The HTTP API through FastAPI's TestClient."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from detector.api import create_app
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings


@pytest.fixture(scope="module")
def settings() -> DetectorSettings:
    return DetectorSettings(max_request_bytes=20_000, max_documents=3, max_depth=8, max_leaves=50)


@pytest.fixture(scope="module")
def client(engine: DetectionEngine, settings: DetectorSettings) -> Iterator[TestClient]:
    app = create_app(settings, loader=lambda s: engine, load_in_background=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_detect(client: TestClient) -> None:
    body = {
        "documents": [
            {"id": "a", "body": {"customer": {"emails": ["x.y@example.org", "z@example.org"]}}},
            {"id": "b", "body": {"status": "ok", "count": 3}},
        ]
    }
    r = client.post("/v1/detect", json=body)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [res["id"] for res in results] == ["a", "b"]
    (det,) = results[0]["detections"]
    assert det["path"] == "$.customer.emails[*]"
    assert det["type"] == "email"
    assert det["sensitivity"] == "medium"
    assert 0.5 <= det["confidence"] <= 1.0
    assert results[1]["detections"] == []


def test_detect_inside_a_json_string(client: TestClient) -> None:
    inner = '{"contact": {"email": "x.y@example.org"}}'
    body = {"documents": [{"id": "a", "body": {"metadata": inner}}]}
    r = client.post("/v1/detect", json=body)
    assert r.status_code == 200
    (det,) = r.json()["results"][0]["detections"]
    assert (det["path"], det["type"]) == ("$.metadata", "email")


def test_empty_batch(client: TestClient) -> None:
    r = client.post("/v1/detect", json={"documents": []})
    assert r.status_code == 200
    assert r.json() == {"results": []}


def test_invalid_json_is_400(client: TestClient) -> None:
    r = client.post(
        "/v1/detect", content=b'{"documents": [', headers={"content-type": "application/json"}
    )
    assert r.status_code == 400
    assert "not valid JSON" in r.json()["error"]
    r = client.post("/v1/detect", content=b"\xff\xfe", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_too_large_is_413(client: TestClient) -> None:
    big = {"documents": [{"id": "a", "body": "x" * 30_000}]}
    r = client.post("/v1/detect", json=big)
    assert r.status_code == 413
    assert "20000 bytes" in r.json()["error"]
    many = {"documents": [{"id": str(i), "body": 1} for i in range(4)]}
    r = client.post("/v1/detect", json=many)
    assert r.status_code == 413
    assert "at most 3" in r.json()["error"]


def test_wrong_shape_is_422(client: TestClient) -> None:
    payloads: list[object] = [
        [],
        {"docs": []},
        {"documents": [{"body": 1}]},
        {"documents": [{"id": 1, "body": 1}]},
        {"documents": ["x"]},
    ]
    for payload in payloads:
        r = client.post("/v1/detect", json=payload)
        assert r.status_code == 422, payload
        assert r.json()["error"]


def test_too_deep_or_too_many_leaves_is_422(client: TestClient) -> None:
    deep: object = 1
    for _ in range(9):
        deep = [deep]
    r = client.post("/v1/detect", json={"documents": [{"id": "d", "body": deep}]})
    assert r.status_code == 422
    assert "deeper than 8" in r.json()["error"]
    wide = {f"k{i}": i for i in range(51)}
    r = client.post("/v1/detect", json={"documents": [{"id": "w", "body": wide}]})
    assert r.status_code == 422
    assert "more than 50 leaves" in r.json()["error"]


def test_recursion_limit_is_422(engine: DetectionEngine) -> None:
    app = create_app(DetectorSettings(), loader=lambda s: engine, load_in_background=False)
    raw = b'{"documents": [{"id": "x", "body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]}"
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/v1/detect", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "deep" in r.json()["error"]


def test_health_and_metrics(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["checks"] == {"model": True}
    client.post("/v1/detect", json={"documents": [{"id": "m", "body": {"email": "q@example.org"}}]})
    text = client.get("/metrics").text
    assert "sieve_detector_documents_total" in text
    assert 'sieve_detector_detections_total{type="email"}' in text
    assert 'sieve_detector_requests_rejected_total{reason="too_large"}' in text
    before = _metric(client, "sieve_detector_array_items_skipped_total")
    client.post("/v1/detect", json={"documents": [{"id": "s", "body": list(range(20))}]})
    assert _metric(client, "sieve_detector_array_items_skipped_total") == before + 12


def _metric(client: TestClient, name: str) -> float:
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not exported")


def test_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/v1/detect"]["post"]
    assert "documents" in json.dumps(op["requestBody"])
    assert {"200", "400", "413", "422"} <= set(op["responses"])


def test_not_ready_until_loaded(engine: DetectionEngine) -> None:
    release = threading.Event()

    def slow_loader(settings: DetectorSettings) -> DetectionEngine:
        release.wait(10)
        return engine

    app = create_app(DetectorSettings(), loader=slow_loader)
    with TestClient(app) as c:
        assert c.get("/readyz").status_code == 503
        r = c.post("/v1/detect", json={"documents": []})
        assert r.status_code == 503
        release.set()
        for _ in range(100):
            if c.get("/readyz").status_code == 200:
                break
            threading.Event().wait(0.05)
        assert c.get("/readyz").status_code == 200


def test_broken_model_stays_unready() -> None:
    def broken(settings: DetectorSettings) -> DetectionEngine:
        raise RuntimeError("model file missing")

    app = create_app(DetectorSettings(), loader=broken, load_in_background=False)
    with TestClient(app) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert "model file missing" in r.json()["error"]


def test_the_service_judges_the_leaves_the_engine_judges(
    client: TestClient, engine: DetectionEngine
) -> None:
    """Small numbers only a key decides (a birth date's parts, a coordinate of one decimal)
    pass the service's walk as they pass `DetectionEngine.detect`."""
    body = {
        "patient": {"birth": {"day": 14, "month": 3, "year": 1990}},
        "coordinates": {"latitude": 52.1, "longitude": 13.2},
        "count": 3,
    }
    r = client.post("/v1/detect", json={"documents": [{"id": "a", "body": body}]})
    got = {(d["path"], d["type"]) for d in r.json()["results"][0]["detections"]}
    assert got == {(d.path, d.type) for d in engine.detect(body)}
    assert ("$.patient.birth.day", "date_of_birth") in got
    assert ("$.coordinates.latitude", "geo_location") in got
