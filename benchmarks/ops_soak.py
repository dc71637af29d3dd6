"""Hostile soak of the ops HTTP server (/metrics, /healthz, /readyz) every service runs.

    python benchmarks/ops_soak.py [--minutes 10] [--clients 4]

Starts ``common.ops_server.OpsServer`` (the code every service, the host-network interceptor
included, serves its probes and metrics with) in a child process on 127.0.0.1 with a registry
shaped like a service's and passing checks, then for ``--minutes`` sends, from ``--clients``
threads plus a slow-client thread and a connection-flood thread, what an attacker on the node
would: every method (known, unknown, lower-case), huge and odd paths, huge, many and malformed
headers, HTTP/0.9, HTTP/2+ and garbage request lines, random bytes, requests cut half-way (the
client then vanishes), requests dripped a byte at a time, silent connections, and bursts of
hundreds of connections. Normal probes and scrapes run in between.

Prints the number of requests, the status counts ("none" = closed unanswered, as the server does
beyond its connection limit or on a silent client), the count >= 500, the server's RSS and
threads at start and at peak (the peer: the same process before the soak, as a ratio), how
many connections it closed unanswered over its limit, how many of a kubelet-like probe
(/readyz each second, 1 s timeout) it answered meanwhile, whether it still answers a probe at
the end, and how many lines (tracebacks) it wrote to stderr.
Exits 1 on any response >= 500, a traceback or a failed final probe. Loopback only; every
request is made here by this script.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import random
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]
ODD_METHODS = ["get", "BREW", "PRI", "G\tET", "X" * 300, "M-SEARCH", "PROPFIND", "\x00GET"]
PATHS = ["/metrics", "/healthz", "/readyz", "/livez", "/metrics?x=1", "/nope"]


# --- the server under test (child process) -----------------------------------------------------
def serve() -> None:
    """Run an OpsServer shaped like a service's until stdin closes; print its port."""
    sys.path.insert(0, str(ROOT))
    from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

    from common.ops_server import Health, OpsServer

    registry = CollectorRegistry()
    counter = Counter("sieve_soak_events", "Events.", ["kind"], registry=registry)
    for kind in range(40):
        counter.labels(kind=f"k{kind}").inc(kind)
    Gauge("sieve_soak_depth", "Depth.", registry=registry).set(7)
    hist = Histogram("sieve_soak_seconds", "Latency.", ["stage"], registry=registry)
    for stage in range(10):
        hist.labels(stage=f"s{stage}").observe(stage / 10)
    health = Health()
    health.add_readiness("kafka", lambda: True)
    health.add_liveness("loop", lambda: True)
    server = OpsServer(health, HOST, 0, registry).start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()


# --- hostile requests ---------------------------------------------------------------------------
def request_bytes(rng: random.Random) -> bytes:
    """One whole request of a randomly chosen kind."""
    path = rng.choice(PATHS)
    kind = rng.randrange(14)
    if kind <= 2:
        return f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    if kind == 3:
        method = rng.choice(METHODS + ODD_METHODS)
        body = b"x" * rng.choice([0, 10, 5000])
        head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n"
        return head.encode("latin-1", "replace") + body
    if kind == 4:  # huge path (beyond the 64 KiB line limit, or just under)
        return b"GET /" + b"a" * rng.choice([8000, 65530, 70000]) + b" HTTP/1.1\r\n\r\n"
    if kind == 5:  # odd paths
        odd = rng.choice(
            ["*", "/%00", "/../../etc/passwd", "http://x/metrics", "/\xff\xfe", "", "/?" * 500]
        )
        return f"GET {odd} HTTP/1.1\r\nHost: x\r\n\r\n".encode("latin-1", "replace")
    if kind == 6:  # many headers
        headers = "".join(f"X-H{i}: v\r\n" for i in range(rng.choice([99, 101, 1000])))
        return f"GET {path} HTTP/1.1\r\n{headers}\r\n".encode()
    if kind == 7:  # one huge header
        return f"GET {path} HTTP/1.1\r\nX-Big: {'v' * rng.choice([60000, 70000])}\r\n\r\n".encode()
    if kind == 8:  # malformed headers
        bad = rng.choice(
            ["NoColon\r\n", " folded\r\n", ":\r\n", "X: \x00\x01\r\n", "Content-Length: -1\r\n"]
        )
        return f"GET {path} HTTP/1.1\r\n{bad}\r\n".encode("latin-1")
    if kind == 9:  # versions
        version = rng.choice(
            ["HTTP/2.0", "HTTP/9.9", "HTTP/1.10", "HTTP/x", "", "HTTP/1.1 extra", "http/1.1"]
        )
        return f"GET {path} {version}\r\n\r\n".encode()
    if kind == 10:  # random bytes
        return bytes(rng.getrandbits(8) for _ in range(rng.choice([1, 100, 3000]))) + b"\r\n\r\n"
    if kind == 11:  # the HTTP/2 preface
        return b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00" * 30
    if kind == 12:  # keep-alive pipeline
        one = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n".encode()
        return one * rng.choice([2, 20])
    return f"HEAD {path} HTTP/1.0\r\n\r\n".encode()


def status_of(reply: bytes) -> str:
    """The status code of the first response in ``reply``, or "none"."""
    if not reply.startswith(b"HTTP/"):
        # an error answered as HTTP/0.9 (a one-word request line) is a bare body
        code = re.search(rb"Error code: (\d{3})", reply)
        return code.group(1).decode() if code else ("none" if not reply else "garbage")
    parts = reply.split(b" ", 2)
    return parts[1].decode("ascii", "replace") if len(parts) > 1 else "garbage"


def exchange(port: int, data: bytes, read: bool = True, timeout: float = 15.0) -> str:
    """Send ``data``, read until the server closes (or ``timeout``), return the first status."""
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        # close with a reset: no TIME_WAIT, so a long soak does not run out of local ports
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        try:
            sock.sendall(data)
            if not read:
                return "sent"
            chunks: list[bytes] = []
            while sum(len(c) for c in chunks) < 4_000_000:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except (ConnectionResetError, BrokenPipeError):
            return "reset"
        except TimeoutError:
            return "client-timeout"
        return status_of(b"".join(chunks))


class Tally:
    """Status counts shared by the client threads."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def add(self, status: str) -> None:
        with self.lock:
            self.counts[status] += 1

    def server_errors(self) -> int:
        with self.lock:
            return sum(n for s, n in self.counts.items() if s.isdigit() and int(s) >= 500)


def fuzz_client(port: int, seed: int, until: float, tally: Tally) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        try:
            if rng.random() < 0.1:  # cut half-way: the client vanishes
                data = request_bytes(rng)
                tally.add("cut-" + exchange(port, data[: max(1, len(data) // 2)], read=False))
            else:
                tally.add(exchange(port, request_bytes(rng)))
        except OSError as exc:
            tally.add(f"connect-{errno.errorcode.get(exc.errno or 0, type(exc).__name__)}")


def slow_client(port: int, seed: int, until: float, tally: Tally) -> None:
    """Drip a request a byte every 0.5 s, or say half of one and fall silent."""
    rng = random.Random(seed)
    while time.monotonic() < until:
        try:
            with socket.create_connection((HOST, port), timeout=30) as sock:
                data = f"GET {rng.choice(PATHS)} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
                if rng.random() < 0.5:
                    for byte in data:
                        sock.sendall(bytes([byte]))
                        time.sleep(0.5)
                else:
                    sock.sendall(data[:7])
                    time.sleep(rng.choice([5, 12]))
                    with contextlib.suppress(OSError):
                        sock.sendall(data[7:])
                tally.add("slow-" + status_of(sock.recv(65536)))
        except (ConnectionResetError, BrokenPipeError):
            tally.add("slow-reset")
        except OSError as exc:
            tally.add(f"slow-{type(exc).__name__}")


def flood(port: int, until: float, tally: Tally) -> None:
    """Open 300 connections at once, send a probe on each, then read them all."""
    while time.monotonic() < until:
        socks: list[socket.socket] = []
        try:
            for _ in range(300):
                with contextlib.suppress(OSError):
                    sock = socket.create_connection((HOST, port), timeout=15)
                    socks.append(sock)
            for sock in socks:
                with contextlib.suppress(OSError):
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            for sock in socks:
                try:
                    tally.add("flood-" + status_of(sock.recv(65536)))
                except (ConnectionResetError, BrokenPipeError):
                    tally.add("flood-reset")
                except OSError as exc:
                    tally.add(f"flood-{type(exc).__name__}")
        finally:
            for sock in socks:
                sock.close()
        time.sleep(2)


def prober(port: int, until: float, results: list[bool]) -> None:
    """A kubelet-like probe: GET /readyz every second, 1 s timeout; records whether it got 200."""
    while time.monotonic() < until:
        try:
            results.append(
                exchange(port, b"GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n", timeout=1) == "200"
            )
        except OSError:
            results.append(False)
        time.sleep(1)


def refused_total(port: int) -> str:
    """The server's count of connections closed over its limit, from its /metrics."""
    with socket.create_connection((HOST, port), timeout=15) as sock:
        sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    found = re.search(rb"^sieve_ops_connections_refused_total (\S+)$", reply, re.M)
    return found.group(1).decode() if found else "?"


# --- measuring the server ------------------------------------------------------------------------
def proc_status(pid: int) -> tuple[int, int]:
    """(RSS in KiB, threads) of ``pid``."""
    rss = threads = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("Threads:"):
            threads = int(line.split()[1])
    return rss, threads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 - the child writes to it until the end
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        exchange(port, b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        start_rss, start_threads = proc_status(child.pid)
        peak = [start_rss, start_threads]
        until = time.monotonic() + args.minutes * 60
        tally = Tally()
        probes: list[bool] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.5):
                rss, threads = proc_status(child.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], threads)

        workers: list[Callable[[], None]] = [
            *(lambda i=i: fuzz_client(port, i, until, tally) for i in range(args.clients)),
            lambda: slow_client(port, 1000, until, tally),
            lambda: slow_client(port, 1001, until, tally),
            lambda: flood(port, until, tally),
            lambda: prober(port, until, probes),
        ]
        threads = [threading.Thread(target=w, daemon=True) for w in workers]
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stop.set()
        sampler.join()
        time.sleep(12)  # let silent connections time out, then look at what is left
        end_rss, end_threads = proc_status(child.pid)
        final = exchange(port, b"GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        refused = refused_total(port)
    finally:
        if child.stdin is not None:
            child.stdin.close()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    stderr.seek(0)
    err_lines = stderr.read().decode("utf-8", "replace").splitlines()
    tracebacks = sum(line.startswith("Traceback") for line in err_lines)
    total = sum(tally.counts.values())
    errors = tally.server_errors()
    print(f"ops soak: {args.minutes:g} min, {args.clients} fuzz clients + 2 slow + 1 flood of 300")
    print(f"  requests {total}, responses >= 500: {errors}")
    print(
        f"  closed unanswered over the connection limit (server's count): {refused}; "
        f"probes (1/s, 1 s timeout) answered 200: {sum(probes)}/{len(probes)}"
    )
    for status, count in sorted(tally.counts.items()):
        print(f"    {status:>24}: {count}")
    print(
        f"  server RSS KiB: start {start_rss}, peak {peak[0]} ({peak[0] / start_rss:.2f}x), "
        f"after {end_rss}; threads: start {start_threads}, peak {peak[1]}, after {end_threads}"
    )
    print(
        f"  final /readyz: {final}; server stderr lines {len(err_lines)}, tracebacks {tracebacks}"
    )
    return 1 if errors or tracebacks or final != "200" else 0


if __name__ == "__main__":
    sys.exit(main())
