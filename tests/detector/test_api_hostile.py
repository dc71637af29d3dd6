"""Hostile request bodies (issue 15, rows 2, 3 and 10): bounded cost, never a 5xx, JSON only."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from detector.api import RequestError, _BodyBudget, _read_body, create_app
from detector.engine import DetectionEngine
from detector.scoring import CHUNK_LEAVES
from detector.settings import DetectorSettings

JSON = {"content-type": "application/json"}


class _CountingModels:
    """The engine's models, counting the characters handed to the key model."""

    def __init__(self, models: Any) -> None:
        self._models = models
        self.key_chars = 0

    def key_probabilities(self, contexts: list[str]) -> npt.NDArray[np.float64]:
        self.key_chars += sum(len(c) for c in contexts)
        result: npt.NDArray[np.float64] = self._models.key_probabilities(contexts)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._models, name)


@pytest.fixture
def counted(engine: DetectionEngine) -> Iterator[tuple[TestClient, _CountingModels]]:
    settings = DetectorSettings()
    fresh = DetectionEngine(engine.models, settings, engine.meta)  # its own key cache
    counting = _CountingModels(engine.models)
    fresh.models = counting  # type: ignore[assignment]
    app = create_app(settings, loader=lambda s: fresh, load_in_background=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, counting


def _post(client: TestClient, payload: Any) -> Any:
    raw = json.dumps(payload).encode()
    return client.post("/v1/detect", content=raw, headers=JSON), len(raw)


def test_long_parent_key_costs_what_its_bytes_cost(
    counted: tuple[TestClient, _CountingModels],
) -> None:
    """Row 2: a 20 KB key above 300 leaves made 300 key contexts of 20 KB each (and paths)."""
    client, counting = counted
    body = {"Q" * 20_000: {f"f{i}": f"u{i}@example.org" for i in range(300)}}
    r, size = _post(client, {"documents": [{"id": "k", "body": body}]})
    assert r.status_code == 200
    assert counting.key_chars < 4 * size  # was 300 x 20,000 characters
    assert len(r.content) < 4 * size  # was 300 paths of 20 KB
    (result,) = r.json()["results"]
    assert result["uninspected"] == 300  # under a path longer than max_path_chars: counted


def test_long_keys_are_cut_for_the_key_model(
    counted: tuple[TestClient, _CountingModels],
) -> None:
    client, counting = counted
    parent = "customerContact" + "x" * 600
    body = {parent: {"email" + "y" * 600: "ann.lee@example.org"}}
    r, _ = _post(client, {"documents": [{"id": "c", "body": body}]})
    assert r.status_code == 200
    assert counting.key_chars < 2 * 128 * 3  # key, parent (and hint) at most 128 each
    (det,) = r.json()["results"][0]["detections"]
    assert det["type"] == "email"
    assert det["path"] == f"$.{parent}.{'email' + 'y' * 600}"  # paths keep the whole keys
    metrics = client.get("/metrics").text
    assert "sieve_detector_keys_truncated_total" in metrics


@pytest.mark.parametrize(
    "payload",
    [
        {"documents": [{"id": "\ud800", "body": {"email": "a.b@example.org"}}]},
        {"documents": [{"id": "s", "body": {"\udc00mail": "a.b@example.org"}}]},
        {"documents": [{"id": "s", "body": {"email": "\ud83d@example.org"}}]},
        {"documents": [{"id": "n", "body": {"phone": 10**400}}]},
        {"documents": [{"id": "n", "body": {"card_number": -(10**309), "amount": 10**39}}]},
        {"documents": [{"id": "f", "body": {"lat": float("nan"), "lon": float("inf")}}]},
    ],
    ids=["surrogate-id", "surrogate-key", "surrogate-value", "huge-int", "huge-negative", "nan"],
)
def test_hostile_scalars_get_an_answer(client: TestClient, payload: dict[str, Any]) -> None:
    """Row 3: lone surrogates and 300+ digit integers were HTTP 500."""
    raw = json.dumps(payload).encode()  # the json module writes \\ud800, NaN, Infinity
    r = client.post("/v1/detect", content=raw, headers=JSON)
    assert r.status_code == 200, r.text
    (result,) = json.loads(r.content)["results"]  # escapes of lone surrogates come back
    assert result["id"] == payload["documents"][0]["id"]


def test_lone_surrogate_key_detection_path_is_escaped(client: TestClient) -> None:
    raw = json.dumps({"documents": [{"id": "a", "body": {"\ud800": "z.q@example.org"}}]})
    r = client.post("/v1/detect", content=raw.encode(), headers=JSON)
    assert r.status_code == 200
    (det,) = json.loads(r.content)["results"][0]["detections"]
    assert det["path"] == "$.\ud800"


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "text/json",
    ],
)
def test_only_application_json_is_read(client: TestClient, content_type: str | None) -> None:
    """Row 10: a browser may POST text/plain or a form cross-origin without a preflight."""
    raw = json.dumps({"documents": [{"id": "a", "body": {"email": "a.b@example.org"}}]})
    headers = {} if content_type is None else {"content-type": content_type}
    r = client.post("/v1/detect", content=raw.encode(), headers=headers)
    assert r.status_code == 415
    assert "application/json" in r.json()["error"]


def test_application_json_with_charset_is_read(client: TestClient) -> None:
    raw = json.dumps({"documents": [{"id": "a", "body": {"email": "a.b@example.org"}}]})
    headers = {"content-type": "Application/JSON; charset=utf-8"}
    r = client.post("/v1/detect", content=raw.encode(), headers=headers)
    assert r.status_code == 200


@pytest.fixture(scope="module")
def client(engine: DetectionEngine) -> Iterator[TestClient]:
    app = create_app(DetectorSettings(), loader=lambda s: engine, load_in_background=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_a_large_document_past_its_cpu_budget_says_what_it_left_out(
    engine: DetectionEngine,
) -> None:
    settings = DetectorSettings(document_cpu_seconds=1e-9)  # one chunk, then out of budget
    app = create_app(settings, loader=lambda s: engine, load_in_background=False)
    body = {f"e{i}": f"u{i}@example.org" for i in range(1000)}
    with TestClient(app, raise_server_exceptions=False) as client:
        r, _ = _post(client, {"documents": [{"id": "big", "body": body}]})
        metrics = client.get("/metrics").text
    assert r.status_code == 200
    (result,) = r.json()["results"]
    assert result["uninspected"] == 1000 - CHUNK_LEAVES
    assert len({d["path"] for d in result["detections"]}) == CHUNK_LEAVES
    assert 'sieve_detector_leaves_uninspected_total{reason="cpu_budget"}' in metrics


def test_bodies_past_the_in_flight_budget_get_429() -> None:
    settings = DetectorSettings(max_request_bytes=1000, max_inflight_body_bytes=1000)
    budget = _BodyBudget(settings.max_inflight_body_bytes)
    budget.held = 900  # other requests being read
    chunks = [b"x" * 100, b"x" * 100]

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}

    scope = {"type": "http", "method": "POST", "headers": [], "path": "/v1/detect"}
    with pytest.raises(RequestError) as refused:
        asyncio.run(_read_body(Request(scope, receive), settings, budget))
    assert refused.value.status == 429
    assert budget.held == 900  # what this request held is given back


def test_answered_and_refused_bodies_give_their_bytes_back(client: TestClient) -> None:
    raw = json.dumps({"documents": [{"id": "a", "body": {"email": "a.b@example.org"}}]})
    assert client.post("/v1/detect", content=raw.encode(), headers=JSON).status_code == 200
    assert client.post("/v1/detect", content=b"{", headers=JSON).status_code == 400
    assert client.app.state.body_budget.held == 0  # type: ignore[attr-defined]


def test_in_flight_budget_below_one_request_is_a_config_error() -> None:
    with pytest.raises(ValueError, match="max_inflight_body_bytes"):
        DetectorSettings(max_request_bytes=2000, max_inflight_body_bytes=1000)
