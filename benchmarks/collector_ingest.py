"""Collector ingest speed, each figure beside its peer from the same run.

1. One process storing batches (`Store.ack_batch`, the gRPC server's call): PostgreSQL
   against in-memory SQLite (the peer) and a SQLite file, at 10 reports a batch and at the
   digger's default of 500. Reports/s wall, and per CPU-second of the collector process and
   (PostgreSQL) of its server backends, read from /proc: the machine has 2 shared cores.
2. One against two ingest processes on one PostgreSQL database (what collector replicas
   do): each process stores the same number of batches (other agents), in three layouts:
   all over the same endpoints (every batch updates rows the other process's batches
   update), each process its own endpoints between the same workloads (what two digger
   replicas of one cluster send: their server endpoints differ, their workloads do not), and
   each process its own cluster (batches share no row). PostgreSQL's backends are
   sampled meanwhile: running, waiting on a row lock, or waiting for their collector.
3. Ingest round trip (send → ack) p50/p99 through a real collector process on PostgreSQL
   over gRPC, at 10x the end-to-end benchmark's load (benchmarks/e2e_load.py: one digger,
   a batch of about 10 reports per 2 s window; here 10 agents doing that) and at 100x.

Run: ``python -m benchmarks.collector_ingest [--batches 100] [--sizes 10,500] [--seconds 20]
[--rounds 2] [--only-ingest]``. Part 1 also stores the same batches into PostgreSQL with and
without keeping ``endpoint_data_types`` (schema version 9's read model; without it is the
ingest before), ``--rounds`` times interleaved; ``--only-ingest`` stops after part 1.
PostgreSQL parts need SIEVE_TEST_POSTGRES_URL (each uses a fresh schema, dropped after).

``--cpu-limit CPUS`` (parts 2 and 3; ``--parts 2,3`` skips part 1) runs each ingest process
(part 3: the collector process) the way Kubernetes runs a pod with a CPU limit: in its own
cgroup with a CFS quota of CPUS (benchmarks/cpu_cgroups.py). The PostgreSQL backends serving
them (found by their application_name) and this process go into an unlimited sibling cgroup,
both under a parent with the highest CPU weight, so other work on a shared machine does not
take their time. Each run then prints the share of its quota each process used, how often it
was throttled, and the CPUs the backends used: the limited processes should be the
bottleneck, not PostgreSQL. ``--rounds`` interleaves part 2's one/two pair. Needs root.
The data is made here: reports over 2,000 endpoints between 40 services, three fields each
(two with detections), one policy that the card fields break.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import re
import resource
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from sqlalchemy import create_engine, event, text

from benchmarks.cpu_cgroups import (
    CgroupUnavailableError,
    CpuCgroups,
    CpuGroup,
    CpuStat,
    exit_on_sigterm,
)
from collector.policies import parse_policies
from collector.store import Store
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.factories import batch, field, report, ts, workload
from tests.collector.process import Collector, loopback_env

RULES = "[{name: p, rule: only_namespace_may_receive, namespace: payments, data_type: credit_card}]"
POLICIES = parse_policies(RULES)
ENDPOINTS = 2_000
SERVICES = 40
TOKEN = "bench-token"
_TICK = os.sysconf("SC_CLK_TCK")


def make_batches(
    count: int, size: int, agent: str = "bench", cluster: str = "", prefix: str = ""
) -> list[ingest_pb2.MetadataBatch]:
    """``count`` batches of ``size`` reports cycling over `ENDPOINTS` endpoints, batch i
    covering seconds 2i to 2i+2 (of ``cluster``: batches of two clusters share no row;
    paths under ``prefix``: other endpoints between the same workloads)."""
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
                    f"{prefix}/api/v1/items/{e}",
                    count=3,
                    request=[
                        field("$.email", detect=[("email", "medium", 0.9, 3)]),
                        field("$.id", "number"),
                        field("$.card", detect=[("credit_card", "high", 0.99, 1)]),
                    ],
                )
            )
        item = batch(i + 1, *reports, agent=agent)
        # Consecutive 2 s windows, like a digger's: every batch moves its workloads' last seen.
        item.window_start.CopyFrom(ts(2 * i))
        item.window_end.CopyFrom(ts(2 * i + 2))
        item.cluster_name = cluster
        out.append(item)
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
    url: str,
    batches: list[ingest_pb2.MetadataBatch],
    start: Any = None,
    ready: Any = None,
    read_model: bool = True,
) -> Run:
    """Store ``batches`` one after another into ``url`` (after ``start`` is set, when given;
    ``ready`` gets a message once connected; ``read_model`` False: without keeping
    ``endpoint_data_types``, the ingest of the code before version 9)."""
    store = Store(url, policies=POLICIES)
    if not read_model:
        store.writer.write_data_types = _no_read_model  # type: ignore[method-assign,assignment]
    backends: set[int] = set()
    if store.engine.dialect.name == "postgresql":

        def remember(dbapi_conn: Any, _record: Any) -> None:
            backends.add(int(dbapi_conn.info.backend_pid))

        event.listen(store.engine, "connect", remember)
    store.migrate()
    if ready is not None:
        ready.put("ready")
    if start is not None:
        start.wait(120)
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


def _worker(
    url: str,
    count: int,
    size: int,
    agent: str,
    layout: tuple[str, str],
    start: Any,
    ready: Any,
    out: Any,
) -> None:
    out.put(ingest(url, make_batches(count, size, agent, *layout), start, ready))


APP_PREFIX = f"sieve-bench-{os.getpid()}"


@contextlib.contextmanager
def pg_schema(base: str) -> Iterator[str]:
    """A fresh schema on the test PostgreSQL; its URL (connections named `APP_PREFIX`);
    dropped afterwards."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}&application_name={APP_PREFIX}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@dataclass
class Limits:
    """One cgroup with a CPU quota per ingest process; an unlimited one for PostgreSQL's
    backends serving them (and this process)."""

    replicas: list[CpuGroup]
    infra: CpuGroup
    base: str

    def __post_init__(self) -> None:
        self.engine = create_engine(self.base, pool_size=1)

    def adopt_backends(self) -> int:
        """Move this benchmark's PostgreSQL backends (by application_name) to ``infra``."""
        with self.engine.connect() as conn:
            pids = conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :a"),
                {"a": APP_PREFIX},
            ).scalars()
            moved = 0
            for pid in pids:
                with contextlib.suppress(OSError):
                    self.infra.add(int(pid))
                    moved += 1
        return moved

    def stats(self) -> list[CpuStat]:
        return [g.stat() for g in (*self.replicas, self.infra)]


def limits_line(
    limits: Limits, before: list[CpuStat], wall: float, processes: int, what: str
) -> str:
    """Quota use and throttling of the first ``processes`` replicas, and the rest's CPUs."""
    deltas = [b - a for a, b in zip(before, limits.stats(), strict=True)]
    used = deltas[:processes]
    quota = sum(g.cpus or 0.0 for g in limits.replicas[:processes]) * wall
    periods = max(1, sum(d.periods for d in used))
    return (
        f"    {what} used {sum(d.usage_s for d in used) / quota:.0%} of their quota, "
        f"throttled in {sum(d.throttled_periods for d in used) / periods:.0%} of CFS periods; "
        f"PostgreSQL backends and this process used {deltas[-1].usage_s / wall:.2f} CPUs"
    )


# The table a sampled statement writes: a staged upsert names its staging table first.
PATTERN_WRITTEN = r"sieve_stage_(\w+)|INSERT INTO (\w+)|UPDATE (\w+)"


class WaitSampler:
    """What this benchmark's PostgreSQL backends are doing, sampled every 50 ms from
    pg_stat_activity: running, waiting on a lock, waiting for their client, other waits."""

    def __init__(self, base: str) -> None:
        self.engine = create_engine(base, pool_size=1)
        self.counts = {"running": 0, "lock": 0, "client": 0, "other": 0}
        self.lock_tables: Counter[str] = Counter()  # the table a lock-waiting statement writes
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        query = text(
            "SELECT state, wait_event_type, wait_event, left(query, 200) FROM pg_stat_activity "
            "WHERE application_name = :a AND pid <> pg_backend_pid()"
        )
        with self.engine.connect() as conn:
            while not self.done.wait(0.05):
                for state, kind, name, statement in conn.execute(query, {"a": APP_PREFIX}):
                    if state != "active" or name == "ClientRead":
                        self.counts["client"] += 1
                    elif kind == "Lock":
                        self.counts["lock"] += 1
                        target = re.search(PATTERN_WRITTEN, statement or "")
                        self.lock_tables[
                            next(filter(None, target.groups())) if target else "?"
                        ] += 1
                    elif kind is None:
                        self.counts["running"] += 1
                    else:
                        self.counts["other"] += 1
                conn.rollback()

    def stop(self) -> str:
        self.done.set()
        self.thread.join(10)
        self.engine.dispose()
        total = max(1, sum(self.counts.values()))
        line = "    backends sampled: " + ", ".join(
            f"{k} {v / total:.0%}"
            for k, v in zip(
                ("running", "waiting on a row lock", "waiting for the collector", "other waits"),
                self.counts.values(),
                strict=True,
            )
        )
        if self.lock_tables:
            waits = sum(self.lock_tables.values())
            line += "; lock waits writing " + ", ".join(
                f"{table} {n / waits:.0%}" for table, n in self.lock_tables.most_common(3)
            )
        return line


# (cluster, path prefix) of ingest process n's batches, per part-2 layout
LAYOUTS: dict[str, Callable[[int], tuple[str, str]]] = {
    "same": lambda n: ("", ""),
    "endpoints": lambda n: ("", f"/p{n}"),
    "clusters": lambda n: (f"c{n}", ""),
}


def replicas(
    base: str,
    processes: int,
    count: int,
    size: int,
    limits: Limits | None = None,
    layout: str = "same",
) -> Run:
    """``processes`` ingest processes, ``count`` batches each, started together; each of its
    own cluster (``layout`` "clusters": no shared row), or each its own endpoints between the
    same workloads ("endpoints"), or all over the same endpoints ("same")."""
    ctx = mp.get_context("spawn")
    with pg_schema(base) as url:
        schema = Store(url)
        schema.migrate()
        schema.close()  # an idle connection would count as a backend waiting for its client
        start, ready, out = ctx.Event(), ctx.Queue(), ctx.Queue()
        procs = [
            ctx.Process(
                target=_worker,
                args=(
                    url,
                    count,
                    size,
                    f"agent-{n}",
                    LAYOUTS[layout](n),
                    start,
                    ready,
                    out,
                ),
            )
            for n in range(processes)
        ]
        for n, p in enumerate(procs):
            p.start()
            if limits is not None and p.pid is not None:
                limits.replicas[n].add(p.pid)
        for _ in procs:  # every process has built its batches and connected
            ready.get(timeout=300)
        if limits is not None:
            limits.adopt_backends()
        before = limits.stats() if limits is not None else []
        sampler = WaitSampler(base)
        t0 = time.perf_counter()
        start.set()
        runs = [out.get(timeout=600) for _ in procs]
        wall = time.perf_counter() - t0
        waits = sampler.stop()
        if limits is not None:
            print(limits_line(limits, before, wall, processes, "ingest processes"))
        print(waits)
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=100, help="batches per run")
    parser.add_argument("--sizes", default="10,500", help="reports per batch, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="each round-trip phase")
    parser.add_argument("--parts", default="1,2,3", help="which parts to run")
    parser.add_argument(
        "--cpu-limit",
        type=float,
        default=None,
        help="CPUs per ingest process in parts 2 and 3 (its own cgroup with a CFS quota)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="interleaved rounds: part 1's with/without v9 read model, part 2's one/two pairs",
    )
    parser.add_argument("--only-ingest", action="store_true", help="part 1 only (--parts 1)")
    args = parser.parse_args()
    exit_on_sigterm()
    pg = os.environ.get("SIEVE_TEST_POSTGRES_URL")
    cgroups = None
    limits = None
    if args.cpu_limit:
        if not pg:
            print("--cpu-limit: SIEVE_TEST_POSTGRES_URL is not set (parts 2 and 3 need it)")
            return 2
        try:
            cgroups = CpuCgroups("collector-ingest")
            groups = [cgroups.replica(f"replica-{i}", args.cpu_limit) for i in range(2)]
        except (CgroupUnavailableError, ValueError) as exc:
            if cgroups is not None:
                cgroups.close()
            print(f"--cpu-limit: {exc}")
            return 2
        limits = Limits(groups, cgroups.infra(), pg)
        limits.infra.add(os.getpid())
    try:
        run(args, pg, limits)
        return 0
    finally:
        if limits is not None:
            limits.engine.dispose()
        if cgroups is not None:
            cgroups.close()


def run(args: argparse.Namespace, pg: str | None, limits: Limits | None) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    parts = {1} if args.only_ingest else {int(p) for p in args.parts.split(",")}
    if 1 in parts:
        part_one(args, sizes, pg)
    if not pg:
        print("SIEVE_TEST_POSTGRES_URL is not set: no PostgreSQL figures")
        return
    if limits is not None:
        print(
            f"each ingest process in its own cgroup limited to {args.cpu_limit} CPU; "
            f"PostgreSQL's backends for it and this process unlimited beside them; all under "
            f"a parent cgroup with the highest CPU weight ({os.cpu_count()} CPUs, load "
            f"average {os.getloadavg()[0]:.1f})"
        )
    if 2 in parts:
        size = sizes[-1]
        count = max(10, args.batches // 5) if size >= 100 else args.batches
        print(f"2. ingest processes on one PostgreSQL, {count} batches of {size} reports each")
        layouts = [
            ("the same endpoints", "same"),
            ("own endpoints, shared workloads", "endpoints"),
            ("one cluster each", "clusters"),
        ]
        ratios: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in layouts}
        for round_ in range(args.rounds):
            if args.rounds > 1:
                print(f" round {round_ + 1} of {args.rounds}:")
            for name, layout in layouts:
                one = replicas(pg, 1, count, size, limits, layout)
                print(one.line(f"one process, {name} (peer)"))
                two = replicas(pg, 2, count, size, limits, layout)
                print(two.line(f"two processes, {name}"))
                ratios[name].append(
                    (
                        two.batches / two.wall / (one.batches / one.wall),
                        (two.reports / two.cpu) / (one.reports / one.cpu),
                    )
                )
                print(
                    f"  ratio two / one, {name}: {ratios[name][-1][0]:.2f} batches/s, "
                    f"{ratios[name][-1][1]:.2f} per collector CPU-s "
                    f"(load average {os.getloadavg()[0]:.1f})"
                )
        for name, pairs in ratios.items():
            walls, cpus = sorted(r[0] for r in pairs), sorted(r[1] for r in pairs)
            print(
                f" two / one over {args.rounds} round(s), {name}: {walls[0]:.2f}-{walls[-1]:.2f}"
                f" batches/s, {cpus[0]:.2f}-{cpus[-1]:.2f} per collector CPU-s"
            )
    if 3 in parts:
        part_three(args, pg, limits)


def part_one(args: argparse.Namespace, sizes: list[int], pg: str | None) -> None:
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


def part_three(args: argparse.Namespace, pg: str, limits: Limits | None) -> None:
    limited = f", limited to {args.cpu_limit} CPU" if limits is not None else ""
    print(
        f"3. ingest round trip through a collector process{limited} on PostgreSQL (gRPC, 10 agents)"
    )
    with pg_schema(pg) as url, tempfile.TemporaryDirectory() as tmp:
        env = loopback_env(Path(tmp) / "unused.db", TOKEN, database_url=url)
        (Path(tmp) / "policies.yaml").write_text(RULES)
        env["SIEVE_COLLECTOR_POLICIES_FILE"] = str(Path(tmp) / "policies.yaml")
        collector = Collector(env)
        try:
            if limits is not None:
                limits.replicas[0].add(collector.proc.pid)
            port = int(collector.wait_for("collector serving", 120)["grpc_port"])
            for name, interval, batch_size in (
                ("10x e2e: 10 agents x 1 batch of 10 per 2 s", 2.0, 10),
                ("100x e2e: 10 agents x 1 batch of 10 per 0.2 s", 0.2, 10),
                ("10 agents x 1 batch of 500 per 2 s", 2.0, 500),
            ):
                adopter = BackendAdopter(limits) if limits is not None else None
                before = limits.stats() if limits is not None else []
                t0 = time.perf_counter()
                times = round_trips(port, 10, interval, batch_size, args.seconds)
                wall = time.perf_counter() - t0
                if adopter is not None:
                    adopter.stop()
                print(
                    f"  {name}: {len(times)} batches, p50 {percentile(times, 0.5) * 1000:.0f} ms, "
                    f"p99 {percentile(times, 0.99) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
                )
                if limits is not None:
                    print(limits_line(limits, before, wall, 1, "the collector process"))
        finally:
            collector.stop()


class BackendAdopter:
    """Moves new PostgreSQL backends of this benchmark into the unlimited group every 0.5 s
    (a collector process opens pool connections as it needs them)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.done = threading.Event()
        limits.adopt_backends()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(0.5):
            self.limits.adopt_backends()

    def stop(self) -> None:
        self.done.set()
        self.thread.join(10)


if __name__ == "__main__":
    raise SystemExit(main())
