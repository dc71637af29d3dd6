"""Drives the core with hostile synthetic traffic and prints peak RSS and counters as JSON.

20,000 connections left half-open, each mid-way through a JSON request body and with an
out-of-order segment waiting, plus one endless chunked JSON response. Run in its own
process (``python -m tests.interceptor.memory_driver``) so its peak RSS is its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from interceptor.core import Core
from interceptor.frames import TCP_ACK, TCP_SYN
from interceptor.synthetic import tcp_frame

CONNECTIONS = 20_000
ENDLESS_MB = 300


def peak_rss_kb() -> int:
    """This process's own peak RSS (VmHWM).

    Not getrusage's ru_maxrss: across exec Linux keeps the parent's high-water mark when the
    child was spawned with vfork (as subprocess does), so a child of a large pytest process
    would report the parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    core = Core()
    ts = 1000.0
    body_piece = b'{"k": "' + b"v" * 4000
    ahead = b"w" * 4000
    for i in range(CONNECTIONS):
        cip = f"10.251.{200 + i // 60000}.{1 + (i // 250) % 250}"
        cport, sport = 10_000 + i % 50_000, 8080
        c = tcp_frame
        core.feed("v", 1, ts, c(cip, "10.251.199.1", cport, sport, 100, 0, TCP_SYN, b""))
        core.feed(
            "v", 1, ts, c("10.251.199.1", cip, sport, cport, 900, 101, TCP_SYN | TCP_ACK, b"")
        )
        head = (
            b"POST /h/%d HTTP/1.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000\r\n\r\n" % i
        )
        core.feed(
            "v", 1, ts, c(cip, "10.251.199.1", cport, sport, 101, 901, TCP_ACK, head + body_piece)
        )
        gap_seq = 101 + len(head) + len(body_piece) + 1000
        core.feed("v", 1, ts, c(cip, "10.251.199.1", cport, sport, gap_seq, 901, TCP_ACK, ahead))
        ts += 0.0001
    # the endless chunked body: a JSON response that never ends
    cip, sip = "10.251.198.1", "10.251.198.2"
    core.feed("v", 1, ts, tcp_frame(cip, sip, 5555, 80, 0, 0, TCP_SYN, b""))
    core.feed("v", 1, ts, tcp_frame(sip, cip, 80, 5555, 0, 1, TCP_SYN | TCP_ACK, b""))
    req = b"GET /stream HTTP/1.1\r\nHost: s\r\n\r\n"
    core.feed("v", 1, ts, tcp_frame(cip, sip, 5555, 80, 1, 1, TCP_ACK, req))
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    seq = 1
    core.feed("v", 1, ts, tcp_frame(sip, cip, 80, 5555, seq, 1 + len(req), TCP_ACK, head))
    seq += len(head)
    chunk = b"%x\r\n%s\r\n" % (60000, b"[" + b"1," * 29999 + b"1")
    for _ in range(ENDLESS_MB * 1_000_000 // len(chunk)):
        core.feed("v", 1, ts, tcp_frame(sip, cip, 80, 5555, seq, 1 + len(req), TCP_ACK, chunk))
        seq += len(chunk)
        ts += 0.00001
    peak_kb = peak_rss_kb()
    stats = core.stream_stats
    print(
        json.dumps(
            {
                "peak_rss_mb": peak_kb / 1024,
                "active_connections": core.active_connections,
                "dropped": dict(core.dropped),
                "stream_limit_drops": stats.limit_drops,
                "gaps": stats.gaps,
                "buffered_out_of_order": core.budget.used,
                "buffered_bodies": core.http_limits.body_budget.used
                if core.http_limits.body_budget
                else 0,
            }
        )
    )


if __name__ == "__main__":
    main()
