"""Collector ingest speed, each figure beside its peer from the same run.

1. One process storing batches (`Store.ack_batch`, the gRPC server's call): PostgreSQL
   against in-memory SQLite (the peer) and a SQLite file, at 10 reports a batch and at the
   digger's default of 500. Reports/s wall, and per CPU-second of the collector process and
   (PostgreSQL) of its server backends, read from /proc: the machine has 2 shared cores.
2. One against two ingest processes on one PostgreSQL database (what collector replicas
   do): each process stores the same number of batches (other agents, the same endpoints).
3. Ingest round trip (send → ack) p50/p99 through a real collector process on PostgreSQL
   over gRPC, at 10x the end-to-end benchmark's load (benchmarks/e2e_load.py: one digger,
   a batch of about 10 reports per 2 s window; here 10 agents doing that) and at 100x.

Run: ``python -m benchmarks.collector_ingest [--batches 100] [--sizes 10,500] [--seconds 20]
[--rounds 2] [--only-ingest]``. Part 1 also stores the same batches into PostgreSQL with and
without keeping ``endpoint_data_types`` (schema version 9's read model; without it is the
ingest before), ``--rounds`` times interleaved; ``--only-ingest`` stops after part 1.
PostgreSQL parts need SIEVE_TEST_POSTGRES_URL (each uses a fresh schema, dropped after).
The data is made here: reports over 2,000 endpoints between 40 services, three fields each
(two with detections), one policy that the card fields break.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import resource
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from sqlalchemy import create_engine, event, text

from collector.policies import parse_policies
from collector.store import Store
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.factories import batch, field, report, workload
from tests.collector.process import Collector, loopback_env

RULES = "[{name: p, rule: only_namespace_may_receive, namespace: payments, data_type: credit_card}]"
POLICIES = parse_policies(RULES)
ENDPOINTS = 2_000
SERVICES = 40
TOKEN = "bench-token"
_TICK = os.sysconf("SC_CLK_TCK")


def make_batches(count: int, size: int, agent: str = "bench") -> list[ingest_pb2.MetadataBatch]:
    """``count`` batches of ``size`` reports cycling over `ENDPOINTS` endpoints."""
    out = []
    for i in range(count):
        reports = []
        for j in range(size):
            e = (i * size + j) % ENDPOINTS
            reports.append(
                report(
                    workload(f"svc-{e % SERVICES}"),
                    workload(f"svc-{(e * 7 + 1) % SERVICES}", "payments" if e % 5 else "shop"),
                    "POST",
                    f"/api/v1/items/{e}",
                    count=3,
                    request=[
                        field("$.email", detect=[("email", "medium", 0.9, 3)]),
                        field("$.id", "number"),
                        field("$.card", detect=[("credit_card", "high", 0.99, 1)]),
                    ],
                )
            )
        out.append(batch(i + 1, *reports, agent=agent))
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (a PostgreSQL backend) so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    """One ingest run: what was stored, wall time, collector and database CPU."""

    batches: int
    reports: int
    wall: float
    cpu: float
    db_cpu: float

    def line(self, name: str) -> str:
        rate = self.reports / self.wall
        per_cpu = self.reports / self.cpu
        total = self.reports / (self.cpu + self.db_cpu)
        db = f", {total:7.0f} per CPU-s with the server's" if self.db_cpu else ""
        return (
            f"  {name:30s} {self.batches / self.wall:7.1f} batches/s {rate:8.0f} reports/s "
            f"{per_cpu:7.0f} per collector CPU-s{db}"
        )


def _no_read_model(*_args: Any) -> None:
    """Stands in for `BatchWriter.write_data_types`: ingest as before schema version 9."""


def ingest(
    url: str, batches: list[ingest_pb2.MetadataBatch], start: Any = None, read_model: bool = True
) -> Run:
    """Store ``batches`` one after another into ``url`` (``read_model`` False: without
    keeping ``endpoint_data_types``, the ingest of the code before version 9)."""
    store = Store(url, policies=POLICIES)
    if not read_model:
        store.writer.write_data_types = _no_read_model  # type: ignore[method-assign,assignment]
    backends: set[int] = set()
    if store.engine.dialect.name == "postgresql":

        def remember(dbapi_conn: Any, _record: Any) -> None:
            backends.add(int(dbapi_conn.info.backend_pid))

        event.listen(store.engine, "connect", remember)
    store.migrate()
    if start is not None:
        start.wait(60)
    db0 = sum(_cpu_seconds(pid) for pid in backends)
    t0, c0 = time.perf_counter(), _own_cpu()
    for item in batches:
        status = store.ingest_batch(item)
        assert status == ingest_pb2.ACK_STATUS_STORED, status
    wall, cpu = time.perf_counter() - t0, _own_cpu() - c0
    db = sum(_cpu_seconds(pid) for pid in backends) - db0
    store.close()
    reports = sum(len(b.reports) for b in batches)
    return Run(len(batches), reports, wall, cpu, db)


def _worker(url: str, count: int, size: int, agent: str, start: Any, out: Any) -> None:
    out.put(ingest(url, make_batches(count, size, agent), start))


@contextlib.contextmanager
def pg_schema(base: str) -> Iterator[str]:
    """A fresh schema on the test PostgreSQL; its URL; dropped afterwards."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def replicas(base: str, processes: int, count: int, size: int) -> Run:
    """``processes`` ingest processes, ``count`` batches each, started together."""
    ctx = mp.get_context("spawn")
    with pg_schema(base) as url:
        Store(url).migrate()
        start, out = ctx.Event(), ctx.Queue()
        procs = [
            ctx.Process(target=_worker, args=(url, count, size, f"agent-{n}", start, out))
            for n in range(processes)
        ]
        for p in procs:
            p.start()
        time.sleep(3.0)  # every process has built its batches and connected
        t0 = time.perf_counter()
        start.set()
        runs = [out.get(timeout=600) for _ in procs]
        wall = time.perf_counter() - t0
        for p in procs:
            p.join(60)
    return Run(
        sum(r.batches for r in runs),
        sum(r.reports for r in runs),
        max(wall, *(r.wall for r in runs)),
        sum(r.cpu for r in runs),
        sum(r.db_cpu for r in runs),
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def round_trips(port: int, agents: int, interval: float, size: int, seconds: float) -> list[float]:
    """Open-loop load: ``agents`` streams each sending a batch of ``size`` reports every
    ``interval`` s for ``seconds``; the send → ack time of each batch."""
    times: list[float] = []
    lock = threading.Lock()

    def agent(n: int) -> None:
        items = make_batches(int(seconds / interval) + 1, size, f"rt-{n}-{uuid.uuid4().hex[:6]}")
        sent: dict[int, float] = {}

        def requests() -> Iterator[ingest_pb2.IngestRequest]:
            next_at = time.monotonic() + n * interval / agents
            for item in items:
                time.sleep(max(0.0, next_at - time.monotonic()))
                next_at += interval
                sent[item.sequence] = time.perf_counter()
                yield ingest_pb2.IngestRequest(batch=item)

        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = ingest_pb2_grpc.IngestServiceStub(channel)
            acks = stub.Ingest(requests(), metadata=[("authorization", f"Bearer {TOKEN}")])
            for response in acks:
                took = time.perf_counter() - sent.pop(response.ack.sequence)
                assert response.ack.status == ingest_pb2.ACK_STATUS_STORED, response.ack
                with lock:
                    times.append(took)
                if not sent and response.ack.sequence == items[-1].sequence:
                    break

    threads = [threading.Thread(target=agent, args=(n,)) for n in range(agents)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds * 3 + 120)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=100, help="batches per run")
    parser.add_argument("--sizes", default="10,500", help="reports per batch, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="each round-trip phase")
    parser.add_argument("--rounds", type=int, default=2, help="with/without v9 read model")
    parser.add_argument("--only-ingest", action="store_true", help="part 1 only")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pg = os.environ.get("SIEVE_TEST_POSTGRES_URL")
    print(f"1. one process, {args.batches} batches per run (a fresh database each)")
    for size in sizes:
        # Fewer batches of the large size keep the run short; same endpoints either way.
        count = args.batches if size < 100 else max(10, args.batches // 5)
        items = make_batches(count, size)
        print(f" {size} reports/batch, {count} batches:")
        peer = ingest("sqlite://", items)
        print(peer.line("sqlite in-memory (peer)"))
        with tempfile.TemporaryDirectory() as tmp:
            print(ingest(f"sqlite:///{tmp}/bench.db", items).line("sqlite file"))
        if pg:
            with pg_schema(pg) as url:
                run = ingest(url, items)
            print(run.line("postgresql"))
            ratio = (run.reports / run.wall) / (peer.reports / peer.wall)
            print(
                f"  ratio postgresql / sqlite in-memory: {ratio:.2f} wall, "
                f"{peer.cpu / run.cpu:.2f} per collector CPU-s"
            )
            print("  postgresql with endpoint_data_types (v9) and without (before), interleaved:")
            for _ in range(args.rounds):
                for label, keep in (("with v9 read model", True), ("without (before)", False)):
                    with pg_schema(pg) as url:
                        print(ingest(url, items, read_model=keep).line(label))
    if not pg:
        print("SIEVE_TEST_POSTGRES_URL is not set: no PostgreSQL figures")
        return
    if args.only_ingest:
        return
    size = sizes[-1]
    count = max(10, args.batches // 5) if size >= 100 else args.batches
    print(f"2. ingest processes on one PostgreSQL, {count} batches of {size} reports each")
    one = replicas(pg, 1, count, size)
    print(one.line("one process (peer)"))
    two = replicas(pg, 2, count, size)
    print(two.line("two processes"))
    print(
        f"  ratio two / one: {two.batches / two.wall / (one.batches / one.wall):.2f} batches/s, "
        f"{(two.reports / two.cpu) / (one.reports / one.cpu):.2f} per collector CPU-s"
    )
    print("3. ingest round trip through a collector process on PostgreSQL (gRPC, 10 agents)")
    with pg_schema(pg) as url, tempfile.TemporaryDirectory() as tmp:
        env = loopback_env(Path(tmp) / "unused.db", TOKEN, database_url=url)
        (Path(tmp) / "policies.yaml").write_text(RULES)
        env["SIEVE_COLLECTOR_POLICIES_FILE"] = str(Path(tmp) / "policies.yaml")
        collector = Collector(env)
        try:
            port = int(collector.wait_for("collector serving", 60)["grpc_port"])
            for name, interval, batch_size in (
                ("10x e2e: 10 agents x 1 batch of 10 per 2 s", 2.0, 10),
                ("100x e2e: 10 agents x 1 batch of 10 per 0.2 s", 0.2, 10),
                ("10 agents x 1 batch of 500 per 2 s", 2.0, 500),
            ):
                times = round_trips(port, 10, interval, batch_size, args.seconds)
                print(
                    f"  {name}: {len(times)} batches, p50 {percentile(times, 0.5) * 1000:.0f} ms, "
                    f"p99 {percentile(times, 0.99) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
                )
        finally:
            collector.stop()


if __name__ == "__main__":
    main()
