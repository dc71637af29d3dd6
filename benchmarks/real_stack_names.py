"""Path-parameter names on a real stack: two real HTTP servers on loopback, a real client,
a real capture, `sieve analyze`, and the servers' route tables as the truth.

The servers are `benchmarks/real_stack/shop_api.py` (FastAPI under uvicorn) and
`benchmarks/real_stack/catalog_server.js` (Node's http module); `truth.tsv` is their route
table with each parameter named as in their code (written before the namer's output was
looked at). The client calls every route ``--calls`` times with fresh values of the kind the
route takes (ints, uuids, dates, slugs, codes) over keep-alive connections; dumpcap captures
``lo`` (only the two servers' ports); ``sieve analyze --json`` reads the capture. A
parameter is right when the name in the observed template equals the developer's up to case
convention (``customer_id`` = ``customerId``); a route whose template was not found
counts all its parameters wrong. The peer is the naming before names (every one ``{id}``),
scored the same way. Needs dumpcap, node and root (capture on ``lo``).

    python -m benchmarks.real_stack_names [--calls 40] [--keep DIR]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from benchmarks.parameter_names import agrees

HERE = Path(__file__).resolve().parent / "real_stack"
TRUTH = HERE / "truth.tsv"
WORDS = ["summer", "dress", "linen", "blue", "garden", "chair", "oak", "lamp", "retro", "kids"]


def read_truth() -> list[tuple[str, str, str]]:
    """(server, method, route) rows of truth.tsv."""
    rows = []
    for line in TRUTH.read_text().splitlines():
        if line and not line.startswith("#"):
            server, method, route = line.split("\t")
            rows.append((server, method, route))
    return rows


def value_for(name: str, rng: random.Random) -> str:
    """A value as the client would send it for the parameter the server calls ``name``."""
    low = name.lower().replace("_", "")
    if low in ("addressid", "userid", "cartid", "deviceuuid"):
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if low == "date":
        return (date(2026, 1, 1) + timedelta(days=rng.randrange(330))).isoformat()
    if low == "email":
        return f"{rng.choice(WORDS)}.{rng.randrange(999)}@example.com"
    if low == "slug":
        return "-".join(rng.sample(WORDS, 3)) + f"-{rng.randrange(99)}"
    if low == "sku":
        return f"SKU-{rng.randrange(10**5):05d}-{rng.choice('ABCDEFGH')}"
    if low == "trackingnumber":
        return "1Z" + "".join(rng.choice("0123456789ABCDEFGHJK") for _ in range(16))
    if low == "code":
        return rng.choice(WORDS).upper() + str(rng.randrange(5, 60))
    if low == "year":
        return str(rng.randrange(2015, 2027))
    if low == "month":
        return f"{rng.randrange(1, 13):02d}"
    if low == "projectkey":
        return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
    if low == "countrycode":
        return rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return str(rng.randrange(1, 10**6))


def concrete(route: str, rng: random.Random) -> str:
    return "/".join(value_for(s[1:-1], rng) if s.startswith("{") else s for s in route.split("/"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on port {port} did not start")


@contextmanager
def process(args: list[str], **kw: object) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)  # type: ignore[call-overload]
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def call_all(ports: dict[str, int], truth: list[tuple[str, str, str]], calls: int) -> int:
    rng = random.Random(20261205)
    conns = {s: http.client.HTTPConnection("127.0.0.1", p, timeout=10) for s, p in ports.items()}
    ok = 0
    for _ in range(calls):
        for server, method, route in truth:
            body = b'{"note": "hello"}' if method in ("POST", "PUT", "PATCH") else None
            headers = {"Content-Type": "application/json"} if body else {}
            conns[server].request(method, concrete(route, rng), body=body, headers=headers)
            resp = conns[server].getresponse()
            resp.read()
            ok += resp.status == 200
    for conn in conns.values():
        conn.close()
    return ok


def capture(pcap: Path, calls: int) -> int:
    truth = read_truth()
    ports = {"shop": free_port(), "catalog": free_port()}
    app = "benchmarks.real_stack.shop_api:app"
    shop = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1",
            "--port", str(ports["shop"]), "--log-level", "warning"]  # fmt: skip
    node = ["node", str(HERE / "catalog_server.js"), str(ports["catalog"])]
    dumpcap = ["dumpcap", "-q", "-i", "lo", "-P", "-w", str(pcap),
               "-f", f"tcp port {ports['shop']} or tcp port {ports['catalog']}"]  # fmt: skip
    root = Path(__file__).resolve().parents[1]
    with process(shop, cwd=root), process(node), process(dumpcap) as cap:
        wait_port(ports["shop"])
        wait_port(ports["catalog"])
        time.sleep(2.0)  # dumpcap opens lo while the servers start; give it a moment more
        if cap.poll() is not None:
            raise SystemExit("dumpcap: " + (cap.stderr.read() if cap.stderr else b"").decode())
        ok = call_all(ports, truth, calls)
        time.sleep(1.0)
    return ok


def observed(pcap: Path) -> set[tuple[str, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "standalone", "analyze", str(pcap), "--json"],
        check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    out = set()
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            rep = json.loads(line)
            out.add((rep.get("method", ""), rep.get("pathTemplate", "")))
    return out


def matches(route: str, template: str) -> bool:
    a, b = route.split("/"), template.split("/")
    return len(a) == len(b) and all(
        (x.startswith("{") and y.startswith("{")) or x == y for x, y in zip(a, b, strict=True)
    )


def score(templates: set[tuple[str, str]]) -> tuple[int, int, int, list[str]]:
    """(right, peer right, parameters, misses as 'route: ours != theirs')."""
    right = peer = total = 0
    misses = []
    for _server, method, route in read_truth():
        found = [t for m, t in templates if m == method and matches(route, t)]
        segs = route.split("/")
        got = found[0].split("/") if len(found) == 1 else None
        for i, seg in enumerate(segs):
            if not seg.startswith("{"):
                continue
            theirs = seg[1:-1]
            total += 1
            peer += agrees("id", theirs, "")[0]
            ours = got[i][1:-1].partition(":")[0] if got else "(no template)"
            if got and agrees(ours, theirs, "")[0]:
                right += 1
            else:
                misses.append(f"{method} {route}: {ours} != {theirs}")
    return right, peer, total, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=40, help="calls of each route")
    parser.add_argument("--keep", type=Path, help="keep the capture in this directory")
    parser.add_argument("--pcap", type=Path, help="score an existing capture instead")
    args = parser.parse_args()
    for tool in ("dumpcap", "node"):
        if not args.pcap and not shutil.which(tool):
            raise SystemExit(f"{tool} missing")
    with tempfile.TemporaryDirectory() as tmp:
        pcap = args.pcap or Path(tmp) / "real_stack.pcap"
        if not args.pcap:
            ok = capture(pcap, args.calls)
            print(f"captured {ok} answered calls of {len(read_truth())} routes to {pcap.name}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(pcap, args.keep / pcap.name)
        right, peer, total, misses = score(observed(pcap))
    print(f"parameter names right: {right}/{total} ({right / total:.1%}); "
          f"peer (every one {{id}}): {peer}/{total} ({peer / total:.1%})")  # fmt: skip
    for miss in misses:
        print("  miss:", miss)


if __name__ == "__main__":
    main()
