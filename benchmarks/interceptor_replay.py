"""Replay benchmark: the interceptor core against tshark on the same capture.

Builds a pcap of keep-alive JSON exchanges (Content-Length, gzip and chunked bodies,
multi-segment responses, ACKs), replays it through `interceptor.replay.read_exchanges`
(scapy's raw pcap reader + the core, one core), then runs ``tshark -Y http.response`` on
the same file, and prints exchanges/s, packets/s, the ratio and whether both found the
same exchanges. Usage: python benchmarks/interceptor_replay.py [--exchanges N] [--keep F]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from interceptor.core import Core
from interceptor.frames import TCP_ACK, TCP_FIN, TCP_SYN
from interceptor.replay import read_exchanges, read_frames
from interceptor.synthetic import tcp_frame, write_pcap

PER_CONN = 100


class _Conn:
    """One keep-alive connection writing its frames, with a shared clock."""

    def __init__(self, out: list[tuple[float, bytes]], c: int, rnd: random.Random) -> None:
        self.out = out
        self.cip, self.sip = f"10.251.{10 + c % 200}.{1 + c // 200}", "10.251.250.1"
        self.cport, self.sport = 30000 + c, 8080
        self.seq = {True: rnd.randrange(2**32), False: rnd.randrange(2**32)}

    def send(self, from_client: bool, flags: int, payload: bytes = b"") -> None:
        ts = (self.out[-1][0] if self.out else 1_700_000_000.0) + 0.00001
        mine, theirs = self.seq[from_client], self.seq[not from_client]
        if from_client:
            f = tcp_frame(self.cip, self.sip, self.cport, self.sport, mine, theirs, flags, payload)
        else:
            f = tcp_frame(self.sip, self.cip, self.sport, self.cport, mine, theirs, flags, payload)
        self.out.append((ts, f))
        self.seq[from_client] = (
            mine + len(payload) + (1 if flags & (TCP_SYN | TCP_FIN) else 0)
        ) % 2**32

    def message(self, from_client: bool, data: bytes) -> None:
        for k in range(0, len(data), 1448):
            self.send(from_client, TCP_ACK | 0x08, data[k : k + 1448])
            self.send(not from_client, TCP_ACK)  # quick ACKs, as early in a connection


def _exchange(c: int, i: int, rnd: random.Random) -> tuple[bytes, bytes]:
    items = [{"sku": f"S{j}", "qty": j} for j in range(rnd.randint(100, 250))]
    user = {"email": f"user{c}.{i}@example.org", "phone": "+1 202 555 0101"}
    body = json.dumps({"id": i, "user": user, "items": items}).encode()
    kind = i % 3
    if kind == 0:  # POST with a JSON body, small JSON answer
        req = (
            f"POST /orders/{c}/{i} HTTP/1.1\r\nHost: shop\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        answer = b'{"ok": true, "id": %d}' % i
        resp = (
            b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(answer)
        ) + answer
    elif kind == 1:  # gzip-encoded JSON answer
        req = f"GET /users/{c}/{i} HTTP/1.1\r\nHost: shop\r\nAccept-Encoding: gzip\r\n\r\n".encode()
        gz = gzip.compress(body, 1)
        resp = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(gz)
        ) + gz
    else:  # chunked JSON answer
        req = f"GET /items/{c}/{i} HTTP/1.1\r\nHost: shop\r\n\r\n".encode()
        chunks = b"".join(
            b"%x\r\n%s\r\n" % (len(body[k : k + 700]), body[k : k + 700])
            for k in range(0, len(body), 700)
        )
        resp = (
            (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n"
            )
            + chunks
            + b"0\r\n\r\n"
        )
    return req, resp


def build(n_exchanges: int, seed: int = 7) -> list[tuple[float, bytes]]:
    """Frames of ``n_exchanges`` exchanges over keep-alive connections of PER_CONN each."""
    rnd = random.Random(seed)
    out: list[tuple[float, bytes]] = []
    for c in range((n_exchanges + PER_CONN - 1) // PER_CONN):
        conn = _Conn(out, c, rnd)
        conn.send(True, TCP_SYN)
        conn.send(False, TCP_SYN | TCP_ACK)
        conn.send(True, TCP_ACK)
        for i in range(min(PER_CONN, n_exchanges - c * PER_CONN)):
            req, resp = _exchange(c, i, rnd)
            conn.message(True, req)
            conn.message(False, resp)
        conn.send(True, TCP_FIN | TCP_ACK)
        conn.send(False, TCP_FIN | TCP_ACK)
        conn.send(True, TCP_ACK)
    return out


def expected_exchanges(n_exchanges: int) -> set[tuple[int, str, int]]:
    """(client port, target, status) of every exchange `build` writes: the ground truth."""
    out = set()
    for k in range(n_exchanges):
        c, i = divmod(k, PER_CONN)
        prefix, status = [("orders", 201), ("users", 200), ("items", 200)][i % 3]
        out.add((30000 + c, f"/{prefix}/{c}/{i}", status))
    return out


def run_core(path: Path) -> tuple[float, float, set[tuple[int, str, int]], int]:
    """Wall seconds, CPU seconds, exchanges found, exchanges emitted."""
    core = Core()
    t0, c0 = time.perf_counter(), time.process_time()
    found = {
        (ex.client.port, ex.request.target, ex.response.status)
        for ex in read_exchanges(path, core=core)
    }
    return time.perf_counter() - t0, time.process_time() - c0, found, core.exchanges_emitted


def run_core_only(frames: list[tuple[str, int, float, bytes]]) -> float:
    """CPU seconds of the core alone on frames already in memory."""
    core = Core()
    t0 = time.process_time()
    for iface, lt, ts, f in frames:
        core.feed(iface, lt, ts, f)
        if core.exchanges_pending:
            core.take()
    core.close_all()
    return time.process_time() - t0


def run_tshark(path: Path) -> tuple[float, float, set[tuple[int, str, int]]] | None:
    """Wall seconds, CPU seconds (of tshark), exchanges found."""
    tshark = shutil.which("tshark")
    if tshark is None:
        return None
    t0 = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [
            tshark,
            "-r",
            str(path),
            "-Y",
            "http.response",
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-e",
            "tcp.dstport",
            "-e",
            "http.response_for.uri",
            "-e",
            "http.response.code",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    found = set()
    for line in proc.stdout.splitlines():
        port, uri, code = line.split("|")
        parts = urlsplit(uri)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        found.add((int(port), target, int(code)))
    return elapsed, cpu, found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--exchanges", type=int, default=21_000)
    ap.add_argument("--keep", type=Path, default=None, help="also keep the pcap here")
    args = ap.parse_args()
    frames = build(args.exchanges)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.pcap"
        n_packets = write_pcap(path, frames)
        print(
            f"capture: {n_packets} packets, {args.exchanges} exchanges, "
            f"{path.stat().st_size / 1e6:.1f} MB"
        )
        in_memory = list(read_frames(path))
        core_only = run_core_only(in_memory)
        print(
            f"core only (frames in memory), per CPU second: {n_packets / core_only:,.0f} "
            f"packets/s, {args.exchanges / core_only:,.0f} exchanges/s"
        )
        elapsed, cpu, ours, emitted = run_core(path)
        print(
            f"interceptor replay (scapy raw reader + core): {elapsed:.2f} s wall, {cpu:.2f} s CPU; "
            f"per wall second {emitted / elapsed:,.0f} exchanges/s, "
            f"{n_packets / elapsed:,.0f} packets/s; per CPU second {emitted / cpu:,.0f} "
            f"exchanges/s, {n_packets / cpu:,.0f} packets/s; {emitted} exchanges"
        )
        ts = run_tshark(path)
        if ts is None:
            print("tshark: not installed (apt-get install -y tshark)")
            return
        t_elapsed, t_cpu, theirs = ts
        print(
            f"tshark -Y http.response: {t_elapsed:.2f} s wall, {t_cpu:.2f} s CPU; "
            f"per wall second {len(theirs) / t_elapsed:,.0f} exchanges/s, "
            f"{n_packets / t_elapsed:,.0f} packets/s; per CPU second "
            f"{len(theirs) / t_cpu:,.0f} exchanges/s; {len(theirs)} exchanges"
        )
        print(
            f"ratio (exchanges/s, interceptor / tshark): wall "
            f"{(emitted / elapsed) / (len(theirs) / t_elapsed):.1f}x, CPU "
            f"{(emitted / cpu) / (len(theirs) / t_cpu):.1f}x"
        )
        truth = expected_exchanges(args.exchanges)
        print(
            f"found of {len(truth)} written: interceptor {len(ours & truth)}, "
            f"tshark {len(theirs & truth)}"
        )
        same = ours == theirs
        print(
            f"same exchanges found: {same}"
            + (
                ""
                if same
                else f" (only interceptor: {len(ours - theirs)}, only tshark: {len(theirs - ours)})"
            )
        )


if __name__ == "__main__":
    main()
