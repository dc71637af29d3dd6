"""DetectorClient against the stand-in detector HTTP server: batches, retries, breaker."""

from __future__ import annotations

import time

import httpx
import pytest

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
        import json

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
