"""Drives the core with many connections each holding a small coded body that decodes big.

``python -m tests.interceptor.memory_idle_driver CODING CONNECTIONS FRAMING`` (run in its
own process, so that its peak RSS is its own): every connection sends a request and the
head of a JSON response whose body, ~1 KB of gzip or br, decodes to 1 MB. FRAMING says
how the body is left: ``length`` (Content-Length one byte more than sent: held, never
complete), ``close`` (close-delimited, no FIN: ends only by idle timeout), ``fin``
(close-delimited and ended by a FIN: complete, decoded, emitted; taken only once per 1,024
frames, as a capture batch). Then 20,000 half-open connections, then one frame an idle
timeout later starts the expiry sweep; the records are taken at the end. Prints peak RSS
and counters as JSON.
"""

from __future__ import annotations

import gzip
import json
import sys

import brotli

from interceptor.core import Core
from interceptor.frames import TCP_ACK, TCP_FIN, TCP_SYN
from interceptor.synthetic import tcp_frame
from tests.interceptor.memory_driver import peak_rss_kb

SERVER = "10.251.199.1"


def coded_body(coding: str) -> bytes:
    """About 1 KB on the wire, 1 MB decoded."""
    doc = b'{"k": "' + b"v" * 1_000_000 + b'"}'
    return gzip.compress(doc, 9) if coding == "gzip" else brotli.compress(doc)


def main() -> None:
    coding, count, framing = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    body = coded_body(coding)
    core = Core()
    core.raise_errors = True
    ts = 1000.0
    emitted = 0
    frames = 0

    def feed(frame: bytes) -> None:
        nonlocal frames, emitted
        core.feed("v", 1, ts, frame)
        frames += 1
        if frames % 1024 == 0:
            emitted += len(core.take_encoded())

    for i in range(count):
        cip = f"10.251.{100 + i // 250 // 250}.{1 + (i // 250) % 250}"
        cport = 10_000 + i % 250 * 200 + i // 62_500
        c = tcp_frame
        feed(c(cip, SERVER, cport, 80, 100, 0, TCP_SYN, b""))
        feed(c(SERVER, cip, 80, cport, 900, 101, TCP_SYN | TCP_ACK, b""))
        req = b"GET /idle/%d HTTP/1.1\r\nHost: s\r\n\r\n" % i
        feed(c(cip, SERVER, cport, 80, 101, 901, TCP_ACK, req))
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: %s\r\n" % (
            coding.encode()
        )
        if framing == "length":
            head += b"Content-Length: %d\r\n" % (len(body) + 1)
        head += b"\r\n"
        ack = 101 + len(req)
        feed(c(SERVER, cip, 80, cport, 901, ack, TCP_ACK, head + body))
        if framing == "fin":
            end = 901 + len(head) + len(body)
            feed(c(SERVER, cip, 80, cport, end, ack, TCP_FIN | TCP_ACK, b""))
        ts += 0.0001
    for i in range(20_000):  # half-open: a SYN each, never answered
        cip = f"10.250.{1 + i // 250}.{1 + i % 250}"
        feed(tcp_frame(cip, SERVER, 20_000 + i % 40_000, 80, 7, 0, TCP_SYN, b""))
    # an idle timeout later: the expiry sweep
    ts += core.settings.idle_timeout_seconds + 10
    feed(tcp_frame("10.250.250.1", SERVER, 1, 80, 7, 0, TCP_SYN, b""))
    ts += core.settings.idle_timeout_seconds + 10
    while core.active_connections:  # later sweeps, each taken as a capture loop would
        emitted += len(core.take_encoded())
        core.expire(ts)
    emitted += len(core.take_encoded())
    print(
        json.dumps(
            {
                "peak_rss_mb": peak_rss_kb() / 1024,
                "emitted": emitted,
                "active_connections": core.active_connections,
                "dropped": dict(core.dropped),
                "body_budget_used": core.body_budget.used,
            }
        )
    )


if __name__ == "__main__":
    main()
