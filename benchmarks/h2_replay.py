"""HTTP/2 and gRPC benchmark: the interceptor against tshark's http2 dissector on one
capture made in the same run from real stacks, and the HTTP/1.1 replay against a baseline.

1. Capture (needs root, node, dumpcap): `tests.interceptor.h2_stacks.stacks` runs, between two
   ``svh2-*`` namespaces, Node's http2 client and server (``--node-connections`` times
   ``--node-streams`` concurrent streams), curl ``--http2-prior-knowledge``, curl
   ``--http2`` upgrades declined by an HTTP/1.1 server, and grpcio's client and server
   (``--grpc-calls`` unary calls, a server-streaming call every ten, 40 kB messages). The
   clients' answered counts are the ground truth.
2. The interceptor reads the file (`read_records`), compiled as in the image when the
   compiled tree builds, else interpreted (said so); recall = exchanges found / answered,
   and every exchange is checked to be paired right (each response echoes its request).
3. tshark (``-d tcp.port==P,http2``, fields of every HEADERS frame with a ``:status``) on
   the same file: its wall time and the streams with a response it found.
4. ``--join F``: the same file with every frame before F of the gRPC calls' span left out, as an
   interceptor restarted then would see it: exchanges started after the cut found, per
   protocol, against the full read (how long a connection stays blind after a restart).
5. ``--baseline DIR`` (a source tree before this change): the HTTP/1.1 replay of
   `benchmarks.interceptor_replay` on its capture, these modules against the baseline's,
   alternating, best CPU seconds of each.

Usage: python -m benchmarks.h2_replay [--keep F] [--baseline DIR] [--pcap F (skip 1)]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PORTS = {"node": 8080, "upgrade": 8081, "grpc": 50051}


def make_capture(dest: Path, args: argparse.Namespace) -> dict[str, int]:
    """Run the stacks under capture; the answered counts per stack."""
    from tests.interceptor.h2_stacks.grpc_users import compile_proto
    from tests.interceptor.h2_stacks.stacks import H2Stacks

    stacks = H2Stacks(dest.parent)
    try:
        gen = dest.parent / "gen"
        compile_proto(gen)
        stacks.start_capture()
        truth = {
            "node": stacks.node(PORTS["node"], args.node_connections, args.node_streams),
            "curl": stacks.curl_prior_knowledge(PORTS["node"], 10),
            "upgrade": stacks.curl_declined_upgrade(PORTS["upgrade"], 10),
            "grpc": stacks.grpc(PORTS["grpc"], gen, args.grpc_calls),
        }
        shutil.move(stacks.stop_capture(), dest)
    finally:
        stacks.close()
    return truth


def measure(path: Path) -> dict[str, Any]:
    """The interceptor on ``path`` with the modules this process imports (a child process)."""
    import interceptor.core
    from interceptor.core import Core
    from interceptor.replay import read_records

    core = Core()
    t0, c0 = time.perf_counter(), time.process_time()
    records = list(read_records(path, core=core))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    counts = {"h1": 0, "h2": 0, "grpc": 0}
    wrong = 0
    for rec in records:
        ex = rec.parse()
        kind = {1: "h1", 2: "h2", 3: "grpc"}.get(ex.protocol, "h1")
        counts[kind] += 1
        wrong += not _paired_right(kind, ex)
    return {
        "compiled": not interceptor.core.__file__.endswith(".py"),
        "wall": wall,
        "cpu": cpu,
        "counts": counts,
        "wrong": wrong,
        "dropped": dict(core.dropped),
    }


def _paired_right(kind: str, ex: Any) -> bool:
    """The response answers this request: Node echoes the request body and the user id of
    the path; grpc answers the asked id; the HTTP/1.1 server echoes the body or the id."""
    resp: Any = json.loads(ex.response.body) if ex.response.body else None
    if kind == "grpc":
        req = json.loads(ex.request.body)
        if ex.request.target.endswith("/GetUser"):
            return bool(resp[0].get("1", 0) == int(req[0].get("1", "0")))
        return len(resp) == 3
    if kind == "h2":
        i = int(ex.request.target.rsplit("=", 1)[1])
        same_body = not ex.request.body or resp["got"] == json.loads(ex.request.body)
        return bool(resp["user"]["id"] == i and same_body)
    if ex.request.body:
        return bool(resp["got"] == json.loads(ex.request.body))
    return bool(resp["id"] == ex.request.target.rsplit("/", 1)[1])


def join_figures(path: Path, fraction: float) -> None:
    """Exchanges that started after the cut: found when the capture starts at the cut, and
    found in the full read."""
    from interceptor.core import Core
    from interceptor.replay import read_batches, read_records

    full = [rec.parse() for rec in read_records(path)]
    # the cut falls inside the gRPC connection's calls (the long-lived kind)
    starts = [_time(ex.request_start) for ex in full if ex.protocol == 3]
    ends = [_time(ex.response_end) for ex in full if ex.protocol == 3]
    cut = min(starts) + fraction * (max(ends) - min(starts))
    core = Core()
    for iface, linktype, ts, frames in read_batches(path):
        keep = [i for i, t in enumerate(ts) if t >= cut]
        if keep:
            core.feed_many(iface, linktype, [ts[i] for i in keep], [frames[i] for i in keep])
    core.close_all()
    joined = core.take()
    names = {1: "h1", 2: "h2", 3: "grpc"}

    def after(exs: list[Any]) -> dict[str, int]:
        out = {"h1": 0, "h2": 0, "grpc": 0}
        for ex in exs:
            if _time(ex.request_start) >= cut:
                out[names.get(ex.protocol, "h1")] += 1
        return out

    lost = {k: core.dropped[k] for k in ("h2_table_lost", "h2_header_unknown")}
    print(
        f"joined at {fraction:.0%} of the gRPC calls: exchanges started after the cut, found "
        f"{after(joined)} of {after(full)} (full read); {lost}"
    )


def _time(ts: Any) -> float:
    return float(ts.seconds + ts.nanos / 1e9)


def run_tshark(path: Path) -> tuple[float, float, int] | None:
    """tshark's wall and CPU seconds and the (connection, stream) pairs with a response
    status."""
    tshark = shutil.which("tshark")
    if tshark is None:
        return None
    argv = [tshark, "-r", str(path)]
    for port in PORTS.values():
        argv += ["-d", f"tcp.port=={port},http2"]
    argv += ["-Y", "http2.headers.status", "-T", "fields", "-E", "separator=|",
             "-e", "tcp.stream", "-e", "http2.streamid", "-e", "http2.headers.status"]  # fmt: skip
    t0 = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(argv, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    found = set()
    for line in proc.stdout.splitlines():
        conn, sids, statuses = line.split("|")
        # several frames per packet: the stream ids of the HEADERS frames that carry a
        # status are the last ones listed (tshark lists every frame's id); keep the pairs
        ids = [s for s in sids.split(",") if s and s != "0"]
        n = len([s for s in statuses.split(",") if s])
        for sid in ids[-n:] if n else []:
            found.add((conn, sid))
    return wall, cpu, len(found)


def _measure_in(cwd: Path, path: Path, module: str, *extra: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", module, "--measure", str(path), *extra],
        cwd=cwd, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"measuring in {cwd} failed:\n{proc.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(proc.stdout)
    return out


def _trees(tmp: Path, baseline: Path | None) -> tuple[Path, Path | None, bool]:
    """This tree and the baseline's, compiled when both compile (else both interpreted)."""
    from scripts import compiled_tree

    try:
        mine = compiled_tree.build(tmp / "compiled")
        base = None
        if baseline is not None:
            subprocess.run(
                [sys.executable, "-m", "scripts.compiled_tree", str(tmp / "baseline")],
                cwd=baseline, check=True, capture_output=True,
            )  # fmt: skip
            base = tmp / "baseline"
        return mine, base, True
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"compiled tree does not build here, measuring interpreted: {str(exc)[:300]}")
        return ROOT, baseline, False


def http1_compare(tmp: Path, mine: Path, base: Path) -> None:
    """The HTTP/1.1 replay of `benchmarks.interceptor_replay`: these modules / baseline."""
    from benchmarks.interceptor_replay import build
    from interceptor.synthetic import write_pcap

    pcap = tmp / "h1.pcap"
    write_pcap(pcap, build(6000))
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(3):
        theirs.append(
            _measure_in(base, pcap, "benchmarks.interceptor_replay", "--repeat", "2")["replay"][1]
        )
        ours.append(
            _measure_in(mine, pcap, "benchmarks.interceptor_replay", "--repeat", "2")["replay"][1]
        )
    print(
        f"HTTP/1.1 replay CPU seconds (6000 exchanges, best of 6): these {min(ours):.3f}, "
        f"baseline {min(theirs):.3f}; these / baseline {min(ours) / min(theirs):.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--node-connections", type=int, default=8)
    ap.add_argument("--node-streams", type=int, default=250)
    ap.add_argument("--grpc-calls", type=int, default=500)
    ap.add_argument("--keep", type=Path, default=None, help="also keep the capture here")
    ap.add_argument("--pcap", type=Path, default=None, help="read this capture (no stacks)")
    ap.add_argument("--baseline", type=Path, default=None, help="source tree before the change")
    ap.add_argument("--join", type=float, default=0.5, help="cut for the mid-stream figures")
    ap.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        truth: dict[str, int] | None = None
        path = args.pcap
        if path is None:
            path = args.keep or tmp / "h2.pcapng"
            truth = make_capture(path, args)
            print(f"capture: {path.stat().st_size / 1e6:.1f} MB; answered by the clients: {truth}")
        mine, base, compiled = _trees(tmp, args.baseline)
        m = _measure_in(mine, path, "benchmarks.h2_replay")
        label = "compiled" if m["compiled"] else "interpreted"
        n = sum(m["counts"].values())
        print(
            f"interceptor ({label}): {m['wall']:.2f} s wall, {m['cpu']:.2f} s CPU, "
            f"{n} exchanges {m['counts']}, wrongly paired {m['wrong']}"
        )
        if truth is not None:
            want = {"h2": truth["node"] + truth["curl"], "h1": truth["upgrade"],
                    "grpc": truth["grpc"]}  # fmt: skip
            for kind, w in want.items():
                print(f"recall {kind}: {m['counts'][kind]} / {w} = {m['counts'][kind] / w:.4f}")
        ts = run_tshark(path)
        if ts is None:
            print("tshark: not installed (apt-get install -y tshark)")
        else:
            t_wall, t_cpu, t_found = ts
            print(
                f"tshark http2: {t_wall:.2f} s wall, {t_cpu:.2f} s CPU, {t_found} streams with "
                f"a response; interceptor faster by {t_wall / m['wall']:.1f}x (wall), "
                f"{t_cpu / m['cpu']:.1f}x (CPU)"
            )
        join_figures(path, args.join)
        if base is not None:
            print(f"HTTP/1.1 comparison ({'compiled' if compiled else 'interpreted'}):")
            http1_compare(tmp, mine, base)


if __name__ == "__main__":
    main()
