"""Replay benchmark: the interceptor against tshark on the same capture, in the same run.

Builds a pcap of keep-alive JSON exchanges (Content-Length, gzip and chunked bodies,
multi-segment messages, quick ACKs), then measures on one core, per CPU second (the
figure to compare on a shared machine) and per wall second, for the interceptor modules
as they run in the image (compiled with mypyc, see ``scripts/compiled_tree.py``) and as
plain interpreted Python, each in its own process:

* the pcap reader alone (`interceptor.replay.read_batches`),
* the core alone on frames already in memory (`Core.feed_many`),
* the full replay path (`read_records`: reader + core + each exchange written as the
  `HttpExchange` record that goes to Kafka), best of ``--repeat`` runs,
* ``tshark -Y http.response`` on the same file (the peer), and the ratios.

It checks that every written exchange was found. tshark misses the chunked responses whose
last TCP segment holds only the final LF of the ``0 CRLF CRLF`` terminator: its HTTP
dissector marks the segment before as malformed and reports no response (connection
30107, frames 508 and 510 of the default capture); the benchmark counts those responses
and says whether they are exactly the ones tshark missed.
Usage: python -m benchmarks.interceptor_replay [--exchanges N] [--repeat R] [--keep F]
       [--interpreted-only]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from interceptor.core import Core
from interceptor.frames import TCP_ACK, TCP_FIN, TCP_SYN
from interceptor.replay import Batch, read_batches, read_records
from interceptor.synthetic import tcp_frame, write_pcap
from scripts import compiled_tree

ROOT = Path(__file__).resolve().parents[1]

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


def build(
    n_exchanges: int, seed: int = 7, split_ends: set[tuple[int, str, int]] | None = None
) -> list[tuple[float, bytes]]:
    """Frames of ``n_exchanges`` exchanges over keep-alive connections of PER_CONN each.

    ``split_ends`` collects the chunked responses whose last segment is one byte.
    """
    rnd = random.Random(seed)
    out: list[tuple[float, bytes]] = []
    for c in range((n_exchanges + PER_CONN - 1) // PER_CONN):
        conn = _Conn(out, c, rnd)
        conn.send(True, TCP_SYN)
        conn.send(False, TCP_SYN | TCP_ACK)
        conn.send(True, TCP_ACK)
        for i in range(min(PER_CONN, n_exchanges - c * PER_CONN)):
            req, resp = _exchange(c, i, rnd)
            if split_ends is not None and i % 3 == 2 and len(resp) % 1448 == 1:
                split_ends.add((conn.cport, f"/items/{c}/{i}", 200))
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


def run_reader(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of reading every frame of the file."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _batch in read_batches(path):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def run_replay(path: Path) -> tuple[float, float, set[tuple[int, str, int]], int]:
    """Wall seconds, CPU seconds, exchanges found, exchanges emitted (the replay path)."""
    core = Core()
    t0, c0 = time.perf_counter(), time.process_time()
    records = list(read_records(path, core=core))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    found = set()
    for rec in records:
        ex = rec.parse()
        found.add((ex.client.port, ex.request.target, ex.response.status))
    return wall, cpu, found, core.exchanges_emitted


def run_core_only(batches: list[Batch]) -> tuple[float, float]:
    """Wall and CPU seconds of the core alone on frames already in memory."""
    core = Core()
    t0, c0 = time.perf_counter(), time.process_time()
    for iface, linktype, times, frames in batches:
        core.feed_many(iface, linktype, times, frames)
        core.take_encoded()
    core.close_all()
    return time.perf_counter() - t0, time.process_time() - c0


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


def _rates(label: str, wall: float, cpu: float, packets: int, exchanges: int) -> str:
    return (
        f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU; per CPU second "
        f"{packets / cpu:,.0f} packets/s, {exchanges / cpu:,.0f} exchanges/s; per wall "
        f"second {packets / wall:,.0f} packets/s, {exchanges / wall:,.0f} exchanges/s"
    )


def measure(path: Path, repeat: int) -> dict[str, object]:
    """The interceptor's figures on ``path`` with the modules this process imports."""
    import interceptor.core

    batches = list(read_batches(path))
    out: dict[str, object] = {
        "compiled": not interceptor.core.__file__.endswith(".py"),
        "reader": run_reader(path),
        "core": min((run_core_only(batches) for _ in range(repeat)), key=lambda r: r[1]),
    }
    del batches
    runs = [run_replay(path) for _ in range(max(1, repeat))]
    wall, cpu, found, emitted = min(runs, key=lambda r: r[1])
    out.update(replay=(wall, cpu), emitted=emitted, found=sorted(found))
    return out


def _measure_in(cwd: Path, path: Path, repeat: int) -> dict[str, object]:
    # a process of its own, importing the interceptor from ``cwd``
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.interceptor_replay", "--measure", str(path),
         "--repeat", str(repeat)],
        cwd=cwd, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"measuring in {cwd} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def _compare(
    baseline: Path, tree: Path, tmp: Path, path: Path, repeat: int, ours: dict[str, Any]
) -> None:
    """Replay CPU seconds of ``baseline``'s compiled modules against these, alternating."""
    base_tree = tmp / "baseline"
    subprocess.run(
        [sys.executable, "-m", "scripts.compiled_tree", str(base_tree)],
        cwd=baseline, check=True, capture_output=True,
    )  # fmt: skip
    mine: list[float] = [ours["replay"][1]]
    theirs: list[float] = []
    for _ in range(2):
        base: Any = _measure_in(base_tree, path, repeat)["replay"]
        theirs.append(base[1])
        again: Any = _measure_in(tree, path, repeat)["replay"]
        mine.append(again[1])
    print(
        f"replay CPU seconds, compiled, best of {len(mine) * repeat}: these {min(mine):.3f}, "
        f"baseline ({baseline}) {min(theirs):.3f} (best of {len(theirs) * repeat}); "
        f"these / baseline {min(mine) / min(theirs):.3f}"
    )


def _report(label: str, m: dict[str, Any], packets: int, n_ex: int, repeat: int) -> None:
    (r_wall, r_cpu), (c_wall, c_cpu) = m["reader"], m["core"]
    print(_rates(f"{label}: pcap reader alone", r_wall, r_cpu, packets, n_ex))
    print(_rates(f"{label}: core alone (frames in memory)", c_wall, c_cpu, packets, n_ex))
    p_wall, p_cpu = m["replay"]
    print(
        _rates(
            f"{label}: replay (reader + core + Kafka records), best of {repeat}",
            p_wall,
            p_cpu,
            packets,
            m["emitted"],
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--exchanges", type=int, default=21_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measure; the best is kept")
    ap.add_argument("--keep", type=Path, default=None, help="also keep the pcap here")
    ap.add_argument("--interpreted-only", action="store_true", help="skip the compiled modules")
    ap.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="another source tree (e.g. the main branch): its compiled modules are measured "
        "on the same capture, alternating with these, and the replay ratio is printed",
    )
    ap.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.repeat)))
        return
    split_ends: set[tuple[int, str, int]] = set()
    frames = build(args.exchanges, split_ends=split_ends)
    n_ex = args.exchanges
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.pcap"
        n_packets = write_pcap(path, frames)
        del frames
        print(f"capture: {n_packets} packets, {n_ex} exchanges, {path.stat().st_size / 1e6:.1f} MB")
        results: dict[str, dict[str, Any]] = {}
        if not args.interpreted_only:
            tree = compiled_tree.build(Path(tmp) / "compiled")
            results["compiled"] = _measure_in(tree, path, args.repeat)
            assert results["compiled"]["compiled"], "the compiled modules did not load"
        if args.baseline is not None:
            _compare(args.baseline, tree, Path(tmp), path, args.repeat, results["compiled"])
        results["interpreted"] = _measure_in(ROOT, path, args.repeat)
        assert not results["interpreted"]["compiled"], "compiled modules in the source tree"
        for label, m in results.items():
            _report(label, m, n_packets, n_ex, args.repeat)
        if "compiled" in results:
            a, b = results["compiled"]["replay"][1], results["interpreted"]["replay"][1]
            print(f"compiled / interpreted (replay, per CPU second): {b / a:.2f}x")
        truth = expected_exchanges(n_ex)
        ts = run_tshark(path)
        found = {label: {(p, t, s) for p, t, s in m["found"]} for label, m in results.items()}
        if ts is None:
            print("tshark: not installed (apt-get install -y tshark)")
            for label, ours in found.items():
                print(f"found of {len(truth)} written: {label} {len(ours & truth)}")
            return
        t_elapsed, t_cpu, theirs = ts
        print(_rates("tshark -Y http.response", t_elapsed, t_cpu, n_packets, len(theirs)))
        for label, m in results.items():
            wall, cpu = m["replay"]
            emitted = m["emitted"]
            print(
                f"ratio (exchanges/s, {label} / tshark): per CPU second "
                f"{(emitted / cpu) / (len(theirs) / t_cpu):.1f}x, per wall second "
                f"{(emitted / wall) / (len(theirs) / t_elapsed):.1f}x"
            )
        for label, ours in found.items():
            print(
                f"found of {len(truth)} written: {label} {len(ours & truth)}, tshark "
                f"{len(theirs & truth)}; nothing else found: {ours <= truth and theirs <= truth}"
            )
        missed = truth - theirs
        print(
            f"tshark missed {len(missed)}; chunked responses whose final LF is alone in the "
            f"last segment: {len(split_ends)}; the same ones: {missed == split_ends}"
        )


if __name__ == "__main__":
    main()
