"""Slow and vanishing clients against the real server on loopback (issue 15, row 11)."""

from __future__ import annotations

import logging
import select
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from detector.__main__ import header_deadline_protocol
from detector.api import create_app
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings

HEADER_TIMEOUT = 0.5
BODY_TIMEOUT = 0.5


@pytest.fixture(scope="module")
def server(engine: DetectionEngine) -> Iterator[tuple[str, int]]:
    settings = DetectorSettings(body_timeout_seconds=BODY_TIMEOUT)
    app = create_app(settings, loader=lambda s: engine, load_in_background=False)
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


def test_slow_body_gets_408(server: tuple[str, int]) -> None:
    head = (
        b"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n"
    )
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(head + b'{"documents": ')
        answer = _closed_within(sock, 5)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:60]


def test_vanishing_clients_log_no_error(
    server: tuple[str, int], caplog: pytest.LogCaptureFixture
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
    # and the server still answers
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(64).startswith(b"HTTP/1.1 200")
