"""Slow and vanishing clients against the real server on loopback (issue 15, row 11)."""

from __future__ import annotations

import contextlib
import json
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI

from detector.__main__ import header_deadline_protocol
from detector.api import create_app
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings

HEADER_TIMEOUT = 0.5
BODY_TIMEOUT = 0.5


@pytest.fixture(scope="module")
def app(engine: DetectionEngine) -> FastAPI:
    settings = DetectorSettings(body_timeout_seconds=BODY_TIMEOUT)
    return create_app(settings, loader=lambda s: engine, load_in_background=False)


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[tuple[str, int]]:
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        http=header_deadline_protocol(HEADER_TIMEOUT),
        log_config=None,
        access_log=False,
        lifespan="off",
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert srv.started
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield "127.0.0.1", port
    srv.should_exit = True
    thread.join(10)


def _closed_within(sock: socket.socket, seconds: float) -> bytes:
    """What the server sent until it closed the connection (fails if it did not)."""
    sock.settimeout(seconds)
    got = b""
    while True:
        chunk = sock.recv(4096)  # raises TimeoutError when the server holds on
        if not chunk:
            return got
        got += chunk


def test_idle_connection_is_closed(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=5) as sock:
        assert _closed_within(sock, 5) == b""


def test_headers_sent_a_byte_at_a_time_are_cut_off(server: tuple[str, int]) -> None:
    head = b"POST /v1/detect HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: y\r\n" * 200
    closed = False
    with socket.create_connection(server, timeout=5) as sock:
        started = time.monotonic()
        for byte in head:
            if time.monotonic() - started > 10:
                break
            try:
                sock.sendall(bytes([byte]))
                readable, _, _ = select.select([sock], [], [], 0.02)
                if readable and sock.recv(1) == b"":
                    closed = True
                    break
            except OSError:  # reset once the server closed
                closed = True
                break
    assert closed, "the server kept a header arriving a byte at a time open for 10 s"


def test_slow_body_gets_408(server: tuple[str, int], app: FastAPI) -> None:
    head = (
        b"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n"
    )
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(head + b'{"documents": ')
        answer = _closed_within(sock, 5)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:60]
    assert app.state.body_budget.held == 0


def test_vanishing_clients_log_no_error(
    server: tuple[str, int], app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    head = (
        b"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        with socket.create_connection(server, timeout=5) as sock:
            sock.sendall(head + b'{"documents": [')
            time.sleep(0.05)
    time.sleep(0.5)  # the server notices the disconnects
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
    assert app.state.body_budget.held == 0  # what they sent is given back
    # and the server still answers
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(64).startswith(b"HTTP/1.1 200")


def test_endless_headers_get_431(server: tuple[str, int]) -> None:
    """The parser kept every header byte: 200 MB of headers in 8 s grew the process by
    200 MB."""
    line = b"X-Endless: " + b"a" * 8000 + b"\r\n"
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(b"POST /v1/detect HTTP/1.1\r\nHost: x\r\n")
        sent = 0
        with contextlib.suppress(OSError):  # reset once the server closed
            while sent < 50_000_000:
                sock.sendall(line * 16)
                sent += len(line) * 16
        assert sent < 50_000_000, "the server read 50 MB of headers"
        with contextlib.suppress(OSError):
            answer = _closed_within(sock, 5)
            assert answer.startswith(b"HTTP/1.1 431")


def test_large_bodies_on_a_kept_alive_connection_are_not_headers(
    server: tuple[str, int],
) -> None:
    body = json.dumps({"documents": [{"id": "a", "body": {"note": "x" * 300_000}}]}).encode()
    request = (
        b"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body)
    ) + body
    with socket.create_connection(server, timeout=10) as sock:
        for _ in range(3):
            sock.sendall(request)
            status, answer = _read_response(sock)
            assert status.startswith(b"HTTP/1.1 200"), status
            assert json.loads(answer)["results"][0]["id"] == "a"


def _read_response(sock: socket.socket) -> tuple[bytes, bytes]:
    """Status line and body of one response with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "closed before the response's head"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = next(
        int(v)
        for k, _, v in (h.partition(b":") for h in lines[1:])
        if k.lower() == b"content-length"
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "closed before the response's end"
        body += chunk
    return lines[0], body
