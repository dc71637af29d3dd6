"""Digger replicas: 2 against 1 in the same run, then kill -9 rebalances under load.

Real Kafka broker (scripts/kafka_dev, or SIEVE_TEST_KAFKA), the digger as ``python -m digger``
processes, the real collector's gRPC ingest in this process on SQLite (a fresh database
per run), the test stand-in detector over HTTP on loopback. Exchanges are the shapes of
benchmarks/digger_bench.py spread over 48 server endpoints (the record keys; ``--endpoints``),
on a topic the digger creates with its default partition count. A replica gets whole
partitions, so the run prints the share of the records the busiest replica's partitions
held.

Which partition an endpoint's records go to (``--placement``):
- ``pods`` (the default, what the product does): the server IPs are pods of workloads of a
  few pods each (3, 5, 2, 4, 3, 5, … IPs in turn), placed in IP order by the digger's own
  policy (`digger.placement.PartitionPlacement`, as the ``sieve.pods`` publisher places pods
  as they appear), and each record is produced to its server IP's placed partition with its
  key, as the interceptor's sink does. Every endpoint gets the same share of the exchanges
  (a Service spreads its load evenly over its pods; workloads of different loads are not
  modelled here);
- ``hash``: the producer's partitioner hashes the key (CRC-32 of ``ip:8080`` modulo the
  partitions), as without placements; ``--balanced`` then picks endpoints so that every
  partition holds as many (a control for the hash).

1. one replica, then two replicas (same group, started together) over the same N
   exchanges produced once the group is stable: exchanges/s wall (first produce → last
   exchange counted by the collector) and per digger CPU-second, and the ratio; ``--rounds``
   interleaves that pair;
2. kill -9 rebalances: two replicas consume a steady produced load; every few seconds one
   is killed with SIGKILL (no flush, no commit) and a replacement started; after the load
   the exchanges counted by the collector must equal the produced count exactly.

``--cpu-limit CPUS`` runs each replica the way Kubernetes runs a pod with a CPU limit: in its
own cgroup with a CFS quota of CPUS (benchmarks/cpu_cgroups.py). Everything else (this
process: the collector, the stand-in detector and the producer; and the broker it starts)
runs in an unlimited sibling cgroup, and both sit under a parent with the highest CPU
weight, so other work on a shared machine does not take their time. Each run then also
prints how much of its quota each replica used and how often it was throttled, and how many
CPUs the rest used: the replicas, not the rest, should be the bottleneck. Needs root.

    python benchmarks/digger_scale.py [--n 100000] [--kills 5] [--rate 2000]
    python benchmarks/digger_scale.py --cpu-limit 0.5 --rounds 3 --n 300000 --endpoints 480
    python benchmarks/digger_scale.py --cpu-limit 0.5 --rounds 3 --n 300000 --balanced \
        --placement hash
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from benchmarks.cpu_cgroups import (  # noqa: E402
    CgroupUnavailableError,
    CpuCgroups,
    CpuGroup,
    CpuStat,
    exit_on_sigterm,
)
from benchmarks.digger_bench import cpu_seconds, exchanges  # noqa: E402
from collector.grpc_server import serve_with_port  # noqa: E402
from collector.schema import endpoints  # noqa: E402
from collector.settings import CollectorSettings  # noqa: E402
from collector.store import Store  # noqa: E402
from common.settings import load_settings  # noqa: E402
from digger.placement import PartitionPlacement  # noqa: E402
from digger.settings import DiggerSettings  # noqa: E402
from digger.topics import ensure_topics  # noqa: E402
from protos.sieve.v1 import exchange_pb2  # noqa: E402
from scripts import kafka_dev  # noqa: E402
from tests.digger.harness import IDENTITIES_YAML, produce  # noqa: E402
from tests.digger.standin import StandinDetectorServer  # noqa: E402

TOKEN = "bench"
ENDPOINTS = 48


def server_ips(servers: int, balanced_over: int = 0) -> list[str]:
    """``servers`` addresses 10.1.x.y; with ``balanced_over`` partitions, chosen so that each
    partition gets the same number of them under the producer's default partitioner
    (librdkafka's consistent_random: CRC-32 of the key ``ip:8080`` modulo the partitions)."""
    candidates = (f"10.1.{i // 250}.{i % 250 + 1}" for i in range(250 * 250))
    if not balanced_over:
        return [next(candidates) for _ in range(servers)]
    if servers % balanced_over:
        raise ValueError(f"{servers} endpoints do not divide over {balanced_over} partitions")
    per: dict[int, list[str]] = {p: [] for p in range(balanced_over)}
    for ip in candidates:
        bucket = per[zlib.crc32(f"{ip}:8080".encode()) % balanced_over]
        if len(bucket) < servers // balanced_over:
            bucket.append(ip)
        if sum(map(len, per.values())) == servers:
            break
    return [ip for i in range(servers // balanced_over) for ip in (b[i] for b in per.values())]


WORKLOAD_SIZES = (3, 5, 2, 4)
"""Pods per workload in turn when the server IPs are placed (``--placement pods``)."""


def placed_partitions(ips: list[str], partitions: int) -> dict[str, int]:
    """Server IP → partition as the ``sieve.pods`` publisher places them: the IPs are pods
    of workloads of `WORKLOAD_SIZES` pods in turn, appearing in order."""
    placement = PartitionPlacement(partitions)
    out: dict[str, int] = {}
    workload, left = 0, WORKLOAD_SIZES[0]
    for ip in ips:
        if not left:
            workload += 1
            left = WORKLOAD_SIZES[workload % len(WORKLOAD_SIZES)]
        partition = placement.place(ip, ("bench", 2, f"server-{workload}"))
        assert partition is not None
        out[ip] = partition
        left -= 1
    return out


def spread(
    data: list[exchange_pb2.HttpExchange], servers: int | list[str] = ENDPOINTS
) -> list[exchange_pb2.HttpExchange]:
    """Exchange i goes to server endpoint i mod the servers (its record key)."""
    ips = server_ips(servers) if isinstance(servers, int) else servers
    for i, ex in enumerate(data):
        ex.server.ip = ips[i % len(ips)]
    return data


class Collector:
    """The collector's store (SQLite) and real gRPC ingest server, in this process."""

    def __init__(self, tmp: Path) -> None:
        # a file (WAL): the counting queries below use their own connections
        self.store = Store(f"sqlite:///{tmp / f'collector-{uuid.uuid4().hex[:6]}.db'}")
        self.store.migrate()
        settings = load_settings(
            CollectorSettings, grpc_host="127.0.0.1", grpc_port=0, tokens=TOKEN
        )
        self.server, port = serve_with_port(self.store, settings)
        self.target = f"127.0.0.1:{port}"

    def counted(self) -> int:
        """Exchanges stored (one query: the dashboard's read model is not read mid-ingest)."""
        with self.store.engine.connect() as conn:
            total = conn.execute(select(func.sum(endpoints.c.exchange_count))).scalar()
        return int(total or 0)

    def stop(self) -> None:
        self.server.stop(0).wait()
        self.store.close()


@dataclass
class Limits:
    """The replicas' cgroups (one each, with a quota) and the unlimited one for the rest."""

    replicas: list[CpuGroup]
    infra: CpuGroup

    def stats(self) -> list[CpuStat]:
        return [g.stat() for g in (*self.replicas, self.infra)]


def digger_env(bootstrap: str, topic: str, detector: str, ingest: str, ids: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "SIEVE_DIGGER_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "SIEVE_DIGGER_KAFKA_EXCHANGES_TOPIC": topic,
            "SIEVE_DIGGER_KAFKA_PODS_TOPIC": topic + ".pods",
            "SIEVE_DIGGER_KAFKA_GROUP_ID": f"bench-{uuid.uuid4().hex[:8]}",
            "SIEVE_DIGGER_KAFKA_SESSION_TIMEOUT_MS": "6000",
            "SIEVE_DIGGER_IDENTITY_SOURCE": "static",
            "SIEVE_DIGGER_IDENTITIES_FILE": str(ids),
            "SIEVE_DIGGER_DETECTOR_URL": detector,
            "SIEVE_DIGGER_INGEST_TARGET": ingest,
            "SIEVE_DIGGER_INGEST_INSECURE": "true",
            "SIEVE_DIGGER_INGEST_TOKEN": TOKEN,
            "SIEVE_DIGGER_INGEST_BACKOFF_MAX_SECONDS": "1",
            "SIEVE_DIGGER_OPS_PORT": "0",
            "SIEVE_DIGGER_OPS_HOST": "127.0.0.1",
            "SIEVE_DIGGER_LOG_LEVEL": "WARNING",
            "SIEVE_DIGGER_WINDOW_SECONDS": "2",
        }
    )
    return env


def spawn(env: dict[str, str], log: Path, group: CpuGroup | None = None) -> subprocess.Popen[bytes]:
    """A digger process; moved into ``group`` (its CPU limit) right after it starts."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "digger"], env=env, cwd=ROOT, stdout=out, stderr=out
        )
    if group is not None:
        group.add(proc.pid)
    return proc


def wait(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def group_ready(bootstrap: str, group: str, members: int, partitions: int) -> bool:
    """The group is stable with ``members`` members holding all ``partitions``."""
    from confluent_kafka.admin import AdminClient

    admin = AdminClient({"bootstrap.servers": bootstrap})
    try:
        desc = admin.describe_consumer_groups([group])[group].result(timeout=5)
    except Exception:  # not there yet
        return False
    held = sum(len(m.assignment.topic_partitions) for m in desc.members)
    return (
        len(desc.members) == members and held == partitions and str(desc.state).endswith("STABLE")
    )


def assignment(bootstrap: str, group: str) -> list[set[int]]:
    """The partitions each member of ``group`` holds."""
    from confluent_kafka.admin import AdminClient

    admin = AdminClient({"bootstrap.servers": bootstrap})
    desc = admin.describe_consumer_groups([group])[group].result(timeout=10)
    return [{tp.partition for tp in m.assignment.topic_partitions} for m in desc.members]


def partition_counts(bootstrap: str, topic: str, partitions: int) -> list[int]:
    """Records in each partition of a fresh ``topic`` (its high watermarks)."""
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"wm-{uuid.uuid4().hex}"})
    try:
        return [
            consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
            for p in range(partitions)
        ]
    finally:
        consumer.close()


Record = tuple[bytes, bytes, int]
"""Key, value and partition (-1: the partitioner hashes the key)."""


def produce_raw(bootstrap: str, topic: str, records: list[Record]) -> None:
    from confluent_kafka import Producer

    producer = Producer(
        {"bootstrap.servers": bootstrap, "compression.type": "zstd", "linger.ms": 5}
    )
    for key, value, partition in records:
        while True:
            try:
                producer.produce(topic, value, key, partition=partition)
                break
            except BufferError:
                producer.poll(0.05)
    producer.flush(60)


def throughput(
    replicas: int,
    records: list[Record],
    base: DiggerSettings,
    env: dict[str, str],
    tmp: Path,
    log: Path,
    limits: Limits | None = None,
) -> dict[str, float]:
    """The diggers of one new group join (group stable), then N exchanges are produced at
    once; timed from the first produce to the last exchange counted by the collector."""
    n = len(records)
    collector = Collector(tmp)
    topic = f"bench.scale.{uuid.uuid4().hex[:8]}"
    ensure_topics(base.model_copy(update={"kafka_exchanges_topic": topic}))  # digger defaults
    group = f"bench-{uuid.uuid4().hex[:8]}"
    env = {
        **env,
        "SIEVE_DIGGER_INGEST_TARGET": collector.target,
        "SIEVE_DIGGER_KAFKA_GROUP_ID": group,
        "SIEVE_DIGGER_KAFKA_EXCHANGES_TOPIC": topic,
    }
    bootstrap = base.kafka_bootstrap_servers
    parts = base.kafka_exchanges_partitions
    procs = [spawn(env, log, limits.replicas[i] if limits else None) for i in range(replicas)]
    try:
        if not wait(lambda: group_ready(bootstrap, group, replicas, parts), 120):
            raise RuntimeError(f"the group did not settle; see {log}")
        held = assignment(bootstrap, group)
        t0 = time.monotonic()
        stats0 = limits.stats() if limits else []
        cpu0 = sum(cpu_seconds(p.pid) for p in procs)
        own0 = cpu_seconds(os.getpid())
        produce_raw(bootstrap, topic, records)
        produced_s = time.monotonic() - t0
        if not wait(lambda: collector.counted() >= n, 600):
            raise RuntimeError(f"{collector.counted()} of {n} counted; see {log}")
        t1 = time.monotonic()
        cpu1 = sum(cpu_seconds(p.pid) for p in procs)
        own = cpu_seconds(os.getpid()) - own0
        cg: dict[str, float] = {}
        if limits:
            deltas = [b - a for a, b in zip(stats0, limits.stats(), strict=True)]
            used = deltas[:replicas]
            quota = sum(g.cpus or 0.0 for g in limits.replicas[:replicas]) * (t1 - t0)
            cg = {
                "quota_used": sum(d.usage_s for d in used) / quota,
                "throttled": sum(d.throttled_periods for d in used)
                / max(1, sum(d.periods for d in used)),
                "infra_cpus": deltas[-1].usage_s / (t1 - t0),
            }
            cpu1, cpu0 = sum(d.usage_s for d in used), 0.0  # the cgroups' own CPU accounting
        counts = partition_counts(bootstrap, topic, parts)
        if replicas > 1:
            print(
                "    partitions held: "
                + "; ".join(",".join(map(str, sorted(m))) for m in sorted(held, key=min))
            )
        return {
            **cg,
            "busiest": max(sum(counts[p] for p in member) for member in held) / n,
            "replicas": replicas,
            "bench_cpu_s": own,
            "wall_s": t1 - t0,
            "cpu_s": cpu1 - cpu0,
            "per_s": n / (t1 - t0),
            "per_cpu_s": n / max(1e-9, cpu1 - cpu0),
            "counted": float(collector.counted()),
            "produce_s": produced_s,
        }
    finally:
        stop_all(procs)
        collector.stop()


def kill_run(
    kills: int,
    rate: int,
    bootstrap: str,
    topic: str,
    env: dict[str, str],
    tmp: Path,
    log: Path,
    limits: Limits | None = None,
    servers: int | list[str] = ENDPOINTS,
    placed: dict[str, int] | None = None,
) -> dict[str, float]:
    """Two replicas under a steady load; ``kills`` times one is SIGKILLed and replaced (in
    the victim's cgroup, as a pod's replacement gets the same limit)."""
    collector = Collector(tmp)
    env = {**env, "SIEVE_DIGGER_INGEST_TARGET": collector.target}
    groups: list[CpuGroup | None] = list(limits.replicas[:2]) if limits else [None, None]
    procs = [spawn(env, log, groups[0]), spawn(env, log, groups[1])]
    every = 8.0  # seconds between kills: past the 6 s session timeout of the killed one
    seconds = every * (kills + 1)
    produced = 0
    done = threading.Event()

    def load() -> None:
        nonlocal produced
        chunk = max(1, rate // 5)
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            produced += produce(bootstrap, topic, spread(exchanges(chunk), servers), placed)
            ahead = produced / rate - (time.monotonic() - start)
            if ahead > 0:
                time.sleep(ahead)
        done.set()

    try:
        if not wait(lambda: collector.counted() >= 0, 1):
            raise RuntimeError("collector down")
        producer = threading.Thread(target=load, daemon=True)
        producer.start()
        for k in range(kills):
            time.sleep(every)
            victim = procs[k % 2]
            victim.send_signal(signal.SIGKILL)
            victim.wait(10)
            procs[k % 2] = spawn(env, log, groups[k % 2])
            print(f"  kill -9 #{k + 1} at {produced} produced, {collector.counted()} counted")
        producer.join(seconds + 120)
        if not done.is_set():
            raise RuntimeError("the producer did not finish")
        wait(lambda: collector.counted() >= produced, 180)
        time.sleep(3.0)  # anything counted twice would land by now
        return {"kills": kills, "produced": float(produced), "counted": float(collector.counted())}
    finally:
        stop_all(procs)
        collector.stop()


def describe(r: dict[str, float], n: int) -> str:
    line = (
        f"{r['replicas']:.0f} replica(s): {r['per_s']:8.0f} exchanges/s wall, "
        f"{r['per_cpu_s']:8.0f} per digger CPU-second; counted {r['counted']:.0f} of "
        f"{n} (producing took {r['produce_s']:.1f} s of {r['wall_s']:.1f} s; "
        f"digger CPU {r['cpu_s']:.1f} s, collector+detector+producer CPU "
        f"{r['bench_cpu_s']:.1f} s)"
    )
    if r["replicas"] > 1:
        line += (
            f"\n    the busiest replica's partitions held {r['busiest']:.0%} of the records "
            f"(an even split: {1 / r['replicas']:.0%}; the wall time follows the busiest)"
        )
    if "quota_used" in r:
        line += (
            f"\n    replicas used {r['quota_used']:.0%} of their quota, throttled in "
            f"{r['throttled']:.0%} of CFS periods; the rest (broker, detector, collector, "
            f"producer) used {r['infra_cpus']:.2f} CPUs"
        )
    return line


def repeated(base: list[Record], n: int) -> list[Record]:
    """``n`` records cycling over ``base`` (the same shapes and endpoints, less memory)."""
    return [base[i % len(base)] for i in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--kills", type=int, default=5, help="0: no kill run")
    parser.add_argument(
        "--endpoints", type=int, default=ENDPOINTS, help="server endpoints (record keys)"
    )
    parser.add_argument("--rate", type=int, default=2_000, help="exchanges/s in the kill run")
    parser.add_argument(
        "--cpu-limit",
        type=float,
        default=None,
        help="CPUs per digger replica (its own cgroup with a CFS quota, like a pod's limit)",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="interleaved one-replica / two-replica pairs"
    )
    parser.add_argument(
        "--placement",
        choices=("pods", "hash"),
        default="pods",
        help="partition of an endpoint's records: placed as sieve.pods places pods, or the "
        "key's hash",
    )
    parser.add_argument(
        "--balanced",
        action="store_true",
        help="with --placement hash: pick the endpoints so that each partition holds as many",
    )
    parser.add_argument(
        "--window",
        type=float,
        default=2.0,
        help="the diggers' aggregation window (s): each run ends with up to one window",
    )
    args = parser.parse_args()
    if args.balanced and args.placement != "hash":
        parser.error("--balanced is a control for the hash: use it with --placement hash")
    exit_on_sigterm()
    try:
        cgroups = CpuCgroups("digger-scale") if args.cpu_limit else None
    except CgroupUnavailableError as exc:
        print(f"--cpu-limit: {exc}", file=sys.stderr)
        return 2
    limits = None
    if cgroups is not None:
        try:
            replica_groups = [cgroups.replica(f"replica-{i}", args.cpu_limit) for i in range(2)]
        except ValueError as exc:
            cgroups.close()
            print(f"--cpu-limit: {exc}", file=sys.stderr)
            return 2
        limits = Limits(replica_groups, cgroups.infra())
        limits.infra.add(os.getpid())  # the broker and everything started here follow
    try:
        return run(args, limits)
    finally:
        if cgroups is not None:
            cgroups.close()


def run(args: argparse.Namespace, limits: Limits | None) -> int:
    """Run the benchmark in a fresh temporary folder, removed afterwards unless the run
    failed (then its broker and digger logs stay, and the last line says where)."""
    tmp = Path(tempfile.mkdtemp(prefix="digger-scale-"))
    code = 1
    try:
        code = _run_in(tmp, args, limits)
        return code
    finally:
        if code == 0:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"logs kept in {tmp}", file=sys.stderr)


def _run_in(tmp: Path, args: argparse.Namespace, limits: Limits | None) -> int:
    ids = tmp / "ids.yaml"
    ids.write_text(IDENTITIES_YAML)
    log = tmp / "diggers.log"
    external = os.environ.get("SIEVE_TEST_KAFKA")
    broker = None if external else kafka_dev.start(tmp / "kafka")
    bootstrap = external or broker.bootstrap  # type: ignore[union-attr]
    detector = StandinDetectorServer().start()
    try:
        settings = DiggerSettings(kafka_bootstrap_servers=bootstrap)
        partitions = settings.kafka_exchanges_partitions
        servers = server_ips(args.endpoints, partitions if args.balanced else 0)
        placed = placed_partitions(servers, partitions) if args.placement == "pods" else None
        data = spread(exchanges(min(args.n, 100_000)), servers)
        base = [
            (
                f"{x.server.ip}:{x.server.port}".encode(),
                x.SerializeToString(),
                (placed or {}).get(x.server.ip, -1),
            )
            for x in data
        ]
        records = repeated(base, args.n)
        env = digger_env(bootstrap, "", detector.url, "", ids)
        env["SIEVE_DIGGER_WINDOW_SECONDS"] = str(args.window)
        print(
            f"{args.n} exchanges over {args.endpoints} server endpoints"
            + (" (as many in each partition)" if args.balanced else "")
            + (
                f" placed on partitions as sieve.pods places pods (workloads of "
                f"{', '.join(map(str, WORKLOAD_SIZES))}, … pods)"
                if placed is not None
                else " on the partitions the key's hash picks"
            )
            + ", "
            f"{settings.kafka_exchanges_partitions} partitions (the digger's default)"
        )
        if limits is not None:
            print(
                f"each replica in its own cgroup limited to {args.cpu_limit} CPU; broker, "
                f"detector, collector and producer unlimited beside them; all under a "
                f"parent cgroup with the highest CPU weight ({os.cpu_count()} CPUs, "
                f"load average {os.getloadavg()[0]:.1f} at start)"
                + ("; the external broker is outside" if external else "")
            )
        ratios: list[tuple[float, float]] = []
        for round_ in range(args.rounds):
            if args.rounds > 1:
                print(f"round {round_ + 1} of {args.rounds}:")
            one = throughput(1, records, settings, env, tmp, log, limits)
            print("  " + describe(one, args.n))
            two = throughput(2, records, settings, env, tmp, log, limits)
            print("  " + describe(two, args.n))
            ratios.append((two["per_s"] / one["per_s"], two["per_cpu_s"] / one["per_cpu_s"]))
            print(
                f"  2 vs 1 replica: {ratios[-1][0]:.2f}x wall, {ratios[-1][1]:.2f}x per "
                f"CPU-second (cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f})"
            )
        if args.rounds > 1:
            walls = sorted(r[0] for r in ratios)
            cpus = sorted(r[1] for r in ratios)
            print(
                f"2 vs 1 replica over {args.rounds} rounds: {walls[0]:.2f}-{walls[-1]:.2f}x "
                f"wall, {cpus[0]:.2f}-{cpus[-1]:.2f}x per CPU-second"
            )
        if args.kills <= 0:
            return 0
        kill_topic = f"bench.kill.{uuid.uuid4().hex[:8]}"
        settings = settings.model_copy(update={"kafka_pods_topic": kill_topic + ".pods"})
        ensure_topics(settings.model_copy(update={"kafka_exchanges_topic": kill_topic}))
        print(f"kill run: 2 replicas, {args.rate} exchanges/s, {args.kills} kill -9 …")
        stats0 = limits.stats() if limits else []
        t0 = time.monotonic()
        k = kill_run(
            args.kills,
            args.rate,
            bootstrap,
            kill_topic,
            {
                **env,
                "SIEVE_DIGGER_KAFKA_EXCHANGES_TOPIC": kill_topic,
                "SIEVE_DIGGER_KAFKA_GROUP_ID": f"bench-{uuid.uuid4().hex[:8]}",
            },
            tmp,
            log,
            limits,
            servers,
            placed,
        )
        verdict = "exact" if k["counted"] == k["produced"] else "NOT EXACT"
        print(
            f"through {k['kills']:.0f} kill -9 rebalances: counted {k['counted']:.0f} of "
            f"{k['produced']:.0f} produced ({verdict})"
        )
        if limits is not None:
            took = time.monotonic() - t0
            deltas = [b - a for a, b in zip(stats0, limits.stats(), strict=True)]
            print(
                "  replica cgroups used "
                + ", ".join(
                    f"{d.usage_s / took:.2f} CPU (throttled in {d.throttled_share:.0%})"
                    for d in deltas[:2]
                )
                + f"; the rest {deltas[-1].usage_s / took:.2f} CPU, over {took:.0f} s"
            )
        return 0 if k["counted"] == k["produced"] else 1
    finally:
        detector.stop()
        if broker is not None:
            broker.stop()


if __name__ == "__main__":
    sys.exit(main())
