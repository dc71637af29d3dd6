"""Ops server endpoints over real HTTP on loopback."""

from __future__ import annotations

import socket
import struct
import time

import httpx
import pytest
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


def _exchange(port: int, data: bytes) -> bytes:
    """What the server answers to ``data`` (b"" when it closes unanswered)."""
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(data)
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, BrokenPipeError):
            return b""
    return b"".join(chunks)


def test_hostile_requests_get_client_errors_not_server_errors(capfd: pytest.CaptureFixture[str]):
    server = OpsServer(Health(), "127.0.0.1", 0, CollectorRegistry()).start()
    try:
        port = server.port
        # the standard library would answer 501 and 505
        assert _exchange(port, b"BREW /metrics HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 405")
        assert _exchange(port, b"POST /healthz HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 405")
        assert _exchange(port, b"GET /healthz HTTP/2.0\r\n\r\n").startswith(b"HTTP/1.0 400")
        head = _exchange(port, b"HEAD /healthz HTTP/1.1\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200")
        assert head.endswith(b"\r\n\r\n")  # no body
        # clients that hang up before the answer: no traceback on the service's stderr
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.sendall(b"GET /metrics HTTP/1.1\r\n" + b"X: y\r\n" * 101 + b"\r\n")
        assert _exchange(port, b"GET /healthz HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 200")
    finally:
        server.stop()
    assert "Traceback" not in capfd.readouterr().err


def test_silent_clients_are_dropped_and_connections_are_bounded():
    registry = CollectorRegistry()
    server = OpsServer(
        Health(), "127.0.0.1", 0, registry, read_timeout_seconds=0.5, max_connections=2
    ).start()
    try:
        port = server.port
        silent = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
        for sock in silent:
            sock.sendall(b"GET /hea")  # half a request, then nothing
        # both slots are taken: a third connection is closed unanswered
        deadline = time.monotonic() + 10
        while _exchange(port, b"GET /healthz HTTP/1.1\r\n\r\n") != b"":
            assert time.monotonic() < deadline, "third connection was served past the limit"
            time.sleep(0.05)
        assert (registry.get_sample_value("sieve_ops_connections_refused_total") or 0) >= 1
        # the silent ones are dropped after the read timeout, and the slots are free again
        for sock in silent:
            assert sock.recv(100) == b""
            sock.close()
        deadline = time.monotonic() + 10
        while not _exchange(port, b"GET /healthz HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 200"):
            assert time.monotonic() < deadline, "slots were not freed"
            time.sleep(0.05)
    finally:
        server.stop()
