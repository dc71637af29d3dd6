"""DetectorClient against the stand-in detector HTTP server: batches, retries, breaker."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY

from digger.detector_client import CircuitBreaker, DetectorClient, DetectorError
from tests.digger.standin import StandinDetectorServer


@pytest.fixture
def server():
    s = StandinDetectorServer().start()
    yield s
    s.stop()


def test_detects_in_order_with_keep_alive(server: StandinDetectorServer):
    client = DetectorClient(server.url)
    try:
        out = client([{"email": "a@b.org"}, {"n": 1}, [{"card": "4111111111111111"}]])
        assert [[(d.path, d.type) for d in r] for r in out] == [
            [("$.email", "email")],
            [],
            [("$[*].card", "credit_card")],
        ]
        assert out[0][0].sensitivity == "medium"
        client([{"x": 1}])
        assert server.requests == 2
        assert client.available
    finally:
        client.close()


def test_retries_then_breaker_opens_and_recovers(server: StandinDetectorServer):
    sleeps: list[float] = []
    clock = {"t": 0.0}
    breaker = CircuitBreaker(failures=3, reset_seconds=5, clock=lambda: clock["t"])
    client = DetectorClient(server.url, retries=2, breaker=breaker, sleep=sleeps.append)
    try:
        server.failing = True
        with pytest.raises(DetectorError):
            client([{"a": 1}])
        assert len(sleeps) == 2  # 3 attempts, 2 backoffs
        assert sleeps[1] > sleeps[0] * 0.9
        assert breaker.is_open
        assert not client.available
        with pytest.raises(DetectorError, match="breaker"):
            client([{"a": 1}])
        server.failing = False
        clock["t"] = 6.0  # after the reset time one probe goes out and closes it
        assert client([{"email": "x@y.io"}])[0][0].type == "email"
        assert client.available
    finally:
        client.close()


def test_refused_documents_are_isolated_not_fatal():
    def handler(request: httpx.Request) -> httpx.Response:
        docs = json.loads(request.content)["documents"]
        if any(d["body"] == "bad" for d in docs):
            return httpx.Response(413, json={"detail": "too large"})
        return httpx.Response(
            200,
            json={
                "results": [
                    {
                        "id": d["id"],
                        "detections": [
                            {"path": "$", "type": "email", "sensitivity": "high", "confidence": 0.9}
                        ],
                    }
                    for d in docs
                ]
            },
        )

    client = DetectorClient("http://detector", transport=httpx.MockTransport(handler))
    out = client(["a@b.c", "bad", "c@d.e", "e@f.g"])
    assert [len(r) for r in out] == [1, 0, 1, 1]


def test_connection_refused_is_a_detector_error():
    client = DetectorClient("http://127.0.0.1:9", retries=1, timeout=1, sleep=lambda s: None)
    started = time.monotonic()
    with pytest.raises(DetectorError):
        client([{"a": 1}])
    assert time.monotonic() - started < 5


def test_documents_of_the_lenient_parser_are_sent(server: StandinDetectorServer):
    # NaN, integers past 64 bits and lone surrogates come from bodies only the json module
    # parses; they are written (NaN as null) rather than failing the whole batch
    client = DetectorClient(server.url)
    try:
        docs = [
            {"v": float("nan"), "email": "a@b.org"},
            {"big": 2**70, "email": "c@d.org"},
            {"s": "\ud800", "email": "e@f.org"},
        ]
        out = client(docs)
        assert [[(d.path, d.type) for d in r] for r in out] == [[("$.email", "email")]] * 3
        assert server.documents == 3
    finally:
        client.close()


def _poisoning_handler(requests: list[int]) -> Any:
    """A detector that fails (500) on any batch holding the document "poison"."""

    def handler(request: httpx.Request) -> httpx.Response:
        docs = json.loads(request.content)["documents"]
        requests.append(len(docs))
        if any(d["body"] == "poison" for d in docs):
            return httpx.Response(500, text="Internal Server Error")
        return httpx.Response(
            200,
            json={
                "results": [
                    {
                        "id": d["id"],
                        "detections": [
                            {"path": "$", "type": "email", "sensitivity": "medium", "confidence": 1}
                        ],
                    }
                    for d in docs
                ]
            },
        )

    return handler


def _poisoned_count() -> float:
    return REGISTRY.get_sample_value("digger_detector_poisoned_documents_total") or 0.0


def test_one_poisoned_document_fails_alone_and_never_opens_the_breaker() -> None:
    """Issue 15 row 3: one document the detector fails on (HTTP 500) failed its whole batch,
    was retried, opened the breaker, and failed the next clean batch too."""
    requests: list[int] = []
    breaker = CircuitBreaker(failures=2, reset_seconds=60)
    client = DetectorClient(
        "http://detector",
        breaker=breaker,
        sleep=lambda s: None,
        transport=httpx.MockTransport(_poisoning_handler(requests)),
    )
    before = _poisoned_count()
    docs = ["a@b.c", "c@d.e", "poison", "e@f.g", "g@h.i", "i@j.k", "k@l.m", "m@n.o"]
    for _ in range(3):  # again and again: the breaker stays closed
        out = client(docs)
        assert [len(r) for r in out] == [1, 1, 0, 1, 1, 1, 1, 1]
        assert not breaker.is_open
        assert client.available
    assert _poisoned_count() - before == 3
    assert client(["x@y.z"])[0][0].type == "email"  # the next clean batch is fine
    assert max(requests[1:7]) <= 4  # it split rather than retrying the whole batch


def test_a_detector_failing_on_every_document_is_a_detector_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, text="Internal Server Error")

    client = DetectorClient(
        "http://detector", sleep=lambda s: None, transport=httpx.MockTransport(handler)
    )
    with pytest.raises(DetectorError, match="each of 4"):
        client(["a", "b", "c", "d"])


def test_a_document_error_in_the_answer_is_that_documents_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        docs = json.loads(request.content)["documents"]
        results: list[dict[str, Any]] = []
        for d in docs:
            if d["body"] == "poison":
                results.append({"id": d["id"], "detections": [], "error": "failed"})
            else:
                path = "$.\ud800" if d["body"] == "surrogate" else "$"
                det = {"path": path, "type": "email", "sensitivity": "low", "confidence": 0.9}
                results.append({"id": d["id"], "detections": [det], "uninspected": 3})
        # escaped lone surrogates, as the detector writes them
        return httpx.Response(200, content=json.dumps({"results": results}).encode())

    client = DetectorClient("http://detector", transport=httpx.MockTransport(handler))
    before = _poisoned_count()
    out = client(["a", "poison", "surrogate"])
    assert [[d.path for d in r] for r in out] == [["$"], [], ["$.\ud800"]]
    assert _poisoned_count() - before == 1
