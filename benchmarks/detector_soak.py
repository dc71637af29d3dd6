"""Hostile soak of the detector's HTTP surface on loopback, and its latency on 256 KB documents.

    python benchmarks/detector_soak.py [--minutes 10] [--clients 3] [--cpu 0]

Starts `python -m detector` on 127.0.0.1 (pinned to one CPU, one BLAS/OpenMP thread), then:

1. latency: 256 KB documents of each hostile shape, one request at a time, against a peer of
   the same size (plain user records): p50/p99 per shape and the ratio to the peer;
2. soak: for ``--minutes``, ``--clients`` threads send what an attacker would: documents of
   every shape and size up to 256 KB, batches of them, mutated and truncated bytes, wrong
   content types, oversized declared lengths, bodies that stop half-way (the client then
   vanishes), headers sent slowly, endless headers. Prints requests, status counts, p50/p99 and the
   service's peak RSS; exits 1 if any response was >= 500.

The documents are made here (by this script's own generators, seeded), not taken from
traffic; every shape is sized to the byte budget it is given.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
KB = 1024
JSON = {"content-type": "application/json"}


# --- hostile shapes: each returns a body of about ``size`` bytes of JSON ---------------------
def long_parent_key(size: int) -> Any:
    """One key of half the size above many leaves (cost was key length x leaves)."""
    return {"K" * (size // 2): {f"k{i}": f"u{i}@example.org" for i in range(size // 2 // 24)}}


def long_leaf_keys(size: int) -> Any:
    return {f"email{i}" + "x" * 1000: f"u{i}@example.org" for i in range(size // 1030)}


def long_values(size: int) -> Any:
    return {f"k{i}": "x" * 8000 for i in range(max(1, size // 8010))}


def validator_bait(size: int) -> Any:
    """Values just under the value limit that look like addresses, cards, IPs, dates."""
    baits = ("1.2.3.4:" * 600, "a" * 2000 + "@" + "b" * 2000, "4111 " * 800, "1999-12-31T" * 370)
    return {f"v{i}": baits[i % 4][:4000] for i in range(max(1, size // 4010))}


def many_siblings(size: int) -> Any:
    """Distinct keys over 10-digit numbers: each one asks the validators and the model."""
    return {f"k{i}": 1_000_000_007 + i * 7_919 for i in range(size // 20)}


def many_sibling_names(size: int) -> Any:
    return {f"customerField{i}": f"Ann Lee {i}" for i in range(size // 34)}


def deep_nesting(size: int) -> Any:
    """60 levels of alternating objects and arrays, then many leaves."""
    leaf: Any = {f"e{i}": f"u{i}@example.org" for i in range(size // 24)}
    for depth in range(60):
        leaf = {f"level{depth}": leaf} if depth % 2 else [leaf]
    return leaf


def long_paths(size: int) -> Any:
    """Many detections under a path just below the path limit (answer size)."""
    leaf: Any = {f"e{i}": f"u{i}@example.org" for i in range(size // 24)}
    for depth in range(60):
        leaf = {f"D{depth}" + "y" * 30: leaf}
    return leaf


def lone_surrogates(size: int) -> Any:
    return {f"\ud800k{i}": f"\udc00{i}@example.org\ud83d" for i in range(size // 40)}


def huge_numbers(size: int) -> Any:
    return {f"phone{i}": 10**350 + i for i in range(size // 365)}


def plain_records(size: int) -> Any:
    """The peer: ordinary user records of the same size."""
    return {
        "users": [
            {
                "id": i,
                "name": f"Ann Lee {i}",
                "email": f"ann.lee{i}@example.org",
                "phone": "+1 415 555 0134",
                "address": {"street": f"{i} Main St", "city": "Springfield"},
                "created": "2024-01-02T03:04:05Z",
            }
            for i in range(size // 190)
        ]
    }


SHAPES: dict[str, Callable[[int], Any]] = {
    "long_parent_key": long_parent_key,
    "long_leaf_keys": long_leaf_keys,
    "long_values": long_values,
    "validator_bait": validator_bait,
    "many_siblings": many_siblings,
    "many_sibling_names": many_sibling_names,
    "deep_nesting": deep_nesting,
    "long_paths": long_paths,
    "lone_surrogates": lone_surrogates,
    "huge_numbers": huge_numbers,
}
PEER = "plain_records"


def sized(make: Callable[[int], Any], size: int) -> Any:
    """``make``'s document scaled so that its JSON is about ``size`` bytes."""
    first = len(json.dumps(make(size)))
    return make(max(1, size * size // max(1, first)))


def request_body(docs: list[Any]) -> bytes:
    """A /v1/detect body; the json module writes NaN, huge integers and lone surrogates."""
    return json.dumps(
        {"documents": [{"id": str(i), "body": d} for i, d in enumerate(docs)]}
    ).encode()


# --- the service -------------------------------------------------------------------------------
def start_service(cpu: int | None, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ,
        SIEVE_DETECTOR_HTTP_HOST="127.0.0.1",
        SIEVE_DETECTOR_HTTP_PORT=str(port),
        SIEVE_DETECTOR_OPS_HOST="127.0.0.1",
        SIEVE_DETECTOR_OPS_PORT="0",
        SIEVE_DETECTOR_HEADER_TIMEOUT_SECONDS="2",
        SIEVE_DETECTOR_BODY_TIMEOUT_SECONDS="2",
        SIEVE_DETECTOR_LOG_LEVEL="INFO",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )

    def pin() -> None:
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})

    proc = subprocess.Popen(
        [sys.executable, "-m", "detector"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        preexec_fn=pin,  # noqa: PLW1509 (no threads yet in this process)
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return proc, base
        if proc.poll() is not None:
            raise SystemExit(f"the detector exited: {log.read_text()[-2000:]}")
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the detector did not get ready in 120 s")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """CPU time of a process, all its threads, in nanosecond resolution (schedstat)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # a thread that just ended
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


def quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


# --- phase 1: latency of 256 KB documents, one at a time ----------------------------------
def latency_phase(base: str, pid: int, rounds: int) -> int:
    print(f"256 KB documents, one request at a time, {rounds} each (ms; wall, service CPU):")
    print(
        f"  {'shape':20} {'bytes':>8} {'p50':>7} {'p99':>7} {'p99/peer':>9} "
        f"{'cpu p50':>7} {'cpu p99':>7} {'cpu/peer':>9} status"
    )
    failures = 0
    with httpx.Client(base_url=base, timeout=60) as client:
        results: dict[str, tuple[int, list[float], Counter[int]]] = {}
        for name, make in {PEER: plain_records, **SHAPES}.items():
            raw = request_body([sized(make, 256 * KB)])
            times: list[float] = []
            cpu: list[float] = []
            statuses: Counter[int] = Counter()
            for _ in range(rounds):
                started, used = time.perf_counter(), cpu_seconds(pid)
                r = client.post("/v1/detect", content=raw, headers=JSON)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((cpu_seconds(pid) - used) * 1000)
                statuses[r.status_code] += 1
            failures += sum(n for s, n in statuses.items() if s >= 500)
            results[name] = (len(raw), times, cpu, statuses)
        peer_p99 = quantile(results[PEER][1], 0.99)
        peer_cpu = quantile(results[PEER][2], 0.99)
        for name, (size, times, cpu, statuses) in results.items():
            p99, cpu99 = quantile(times, 0.99), quantile(cpu, 0.99)
            print(
                f"  {name:20} {size:8d} {statistics.median(times):7.1f} {p99:7.1f} "
                f"{p99 / peer_p99:9.2f} {statistics.median(cpu):7.1f} {cpu99:7.1f} "
                f"{cpu99 / max(peer_cpu, 0.01):9.2f} {dict(statuses)}"
            )
    return failures


# --- phase 2: the soak ---------------------------------------------------------------------
class Soak:
    """Requests of every kind from a few threads; counts statuses and latencies."""

    def __init__(self, base: str, port: int, seed: int) -> None:
        self.base = base
        self.port = port
        self.statuses: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.lock = threading.Lock()
        rng = random.Random(seed)
        sizes = (1 * KB, 8 * KB, 64 * KB, 256 * KB)
        self.corpus = [request_body([sized(make, rng.choice(sizes))]) for make in SHAPES.values()]
        self.corpus += [request_body([plain_records(64 * KB)])]
        self.corpus += [
            request_body([make(2 * KB) for make in rng.sample(list(SHAPES.values()), 6)])
            for _ in range(8)
        ]

    def record(self, status: str, seconds: float | None = None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if seconds is not None:
                self.latencies.append(seconds * 1000)

    def run(self, seconds: float, clients: int, seed: int) -> None:
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=self._client, args=(stop, seed + i), daemon=True)
            for i in range(clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def _client(self, stop: float, seed: int) -> None:
        rng = random.Random(seed)
        kinds = (
            (self._document, 50),
            (self._mutated, 25),
            (self._wrong_type, 8),
            (self._oversized, 4),
            (self._vanishing, 8),
            (self._slow_headers, 2),
            (self._endless_headers, 1),
        )
        actions = [k for k, w in kinds for _ in range(w)]
        with httpx.Client(base_url=self.base, timeout=60) as client:
            while time.monotonic() < stop:
                action = rng.choice(actions)
                try:
                    action(client, rng)
                except httpx.HTTPError as exc:
                    self.record(f"client error {type(exc).__name__}")

    def _post(self, client: httpx.Client, raw: bytes, headers: dict[str, str]) -> None:
        started = time.perf_counter()
        r = client.post("/v1/detect", content=raw, headers=headers)
        self.record(str(r.status_code), time.perf_counter() - started)

    def _document(self, client: httpx.Client, rng: random.Random) -> None:
        self._post(client, rng.choice(self.corpus), JSON)

    def _mutated(self, client: httpx.Client, rng: random.Random) -> None:
        raw = bytearray(rng.choice(self.corpus))
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        cut = rng.randrange(len(raw) + 1)
        self._post(client, bytes(raw[:cut] if rng.random() < 0.5 else raw), JSON)

    def _wrong_type(self, client: httpx.Client, rng: random.Random) -> None:
        ctype = rng.choice(("text/plain", "application/x-www-form-urlencoded", ""))
        self._post(client, rng.choice(self.corpus), {"content-type": ctype} if ctype else {})

    def _oversized(self, client: httpx.Client, rng: random.Random) -> None:
        head = (
            b"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 99999999999\r\n\r\n"
        )
        self._raw(head + b'{"documents": [', expect_answer=True)

    def _vanishing(self, client: httpx.Client, rng: random.Random) -> None:
        raw = rng.choice(self.corpus)
        head = (
            b"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(raw)
        )
        self._raw(head + raw[: rng.randrange(len(raw))], expect_answer=False)

    def _slow_headers(self, client: httpx.Client, rng: random.Random) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/detect HTTP/1.1\r\n")
            started = time.monotonic()
            try:
                while time.monotonic() - started < 5:
                    sock.sendall(b"X")
                    time.sleep(0.2)
                self.record("slow headers kept open")
            except OSError:
                self.record("slow headers cut off")

    def _endless_headers(self, client: httpx.Client, rng: random.Random) -> None:
        line = b"X-Endless: " + b"a" * 8000 + b"\r\n"
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/detect HTTP/1.1\r\nHost: x\r\n")
            try:
                for _ in range(1000):  # 8 MB
                    sock.sendall(line)
                self.record("endless headers read")
            except OSError:
                self.record("endless headers cut off")

    def _raw(self, data: bytes, expect_answer: bool) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            started = time.perf_counter()
            sock.sendall(data)
            if not expect_answer:
                self.record("vanished")
                return
            answer = sock.recv(64)
            status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "none"
            self.record(status, time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the soak")
    parser.add_argument("--clients", type=int, default=3, help="concurrent client threads")
    parser.add_argument("--rounds", type=int, default=30, help="256 KB requests per shape")
    parser.add_argument("--cpu", type=int, default=0, help="CPU the service is pinned to; -1: none")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()

    log = Path(tempfile.mkstemp(prefix="detector-soak-", suffix=".log")[1])
    proc, base = start_service(None if args.cpu < 0 else args.cpu, log)
    port = int(base.rsplit(":", 1)[1])
    try:
        failures = latency_phase(base, proc.pid, args.rounds)
        soak = Soak(base, port, args.seed)
        started = time.monotonic()
        soak.run(args.minutes * 60, args.clients, args.seed)
        elapsed = time.monotonic() - started
        total = sum(soak.statuses.values())
        server_errors = sum(n for s, n in soak.statuses.items() if s.isdigit() and int(s) >= 500)
        print(f"soak: {elapsed / 60:.1f} min, {args.clients} clients, {total} requests")
        print(f"  status counts: {dict(sorted(soak.statuses.items()))}")
        print(
            f"  latency of answered requests (ms): p50 {quantile(soak.latencies, 0.5):.1f} "
            f"p99 {quantile(soak.latencies, 0.99):.1f}"
        )
        print(f"  responses >= 500: {server_errors + failures}")
        alive = httpx.get(f"{base}/healthz", timeout=5).status_code == 200
        print(f"  service alive afterwards: {alive}; peak RSS {peak_rss_mb(proc.pid):.0f} MB")
        levels = Counter(
            json.loads(line).get("level", "?")
            for line in log.read_text(errors="replace").splitlines()
            if line.startswith("{")
        )
        print(f"  service log lines by level: {dict(levels)} ({log})")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return 1 if server_errors + failures or not alive else 0


if __name__ == "__main__":
    sys.exit(main())
