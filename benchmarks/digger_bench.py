"""Digger throughput and latency: real Kafka, a detector on loopback, a real gRPC server.

Produces N realistic exchanges once, then runs the digger (``python -m digger`` in its own
process) over them twice with different consumer groups: sampling ON, then OFF (every body
to the detector). Prints exchanges/s (wall and per CPU-second of the digger process) for
both and their ratio, and the sans-IO pipeline alone in-process (decode → aggregate, no
Kafka, HTTP or gRPC) per CPU-second so the cost outside it is visible; then a steady-rate
run measuring Kafka → acknowledged-report latency (p50/p99, conservative: each exchange is
charged its report's ack time - first_seen).

The detector is the test STAND-IN (tests/digger/standin.py) served over HTTP on loopback,
unless --engine is given: then the real detector service (``detector.api`` under uvicorn,
in its own process) answers.

    python benchmarks/digger_bench.py [--n 100000] [--rate 3000] [--seconds 10] [--engine]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protos.sieve.v1 import exchange_pb2  # noqa: E402
from scripts import kafka_dev  # noqa: E402
from tests.digger.exchanges import make_exchange  # noqa: E402
from tests.digger.harness import IDENTITIES_YAML, produce  # noqa: E402
from tests.digger.ingest_server import IngestServer, RecordingIngest  # noqa: E402
from tests.digger.standin import StandinDetectorServer  # noqa: E402


class TimedIngest(RecordingIngest):
    """Records when each stored report arrived."""

    def __init__(self) -> None:
        super().__init__(token="bench")
        self.arrivals: list[tuple[float, int, int]] = []  # (t, exchanges, first_seen_ns)
        self.total = 0

    def Ingest(self, request_iterator: Any, context: Any) -> Any:  # noqa: N802 (gRPC name)
        def tap() -> Any:
            for request in request_iterator:
                now = time.time()
                with self.lock:
                    if request.batch.batch_id not in self.stored:
                        for r in request.batch.reports:
                            self.arrivals.append(
                                (now, r.exchange_count, r.first_seen.ToNanoseconds())
                            )
                            self.total += r.exchange_count
                yield request

        return super().Ingest(tap(), context)


def exchanges(
    n: int, start_ns: int | None = None, spacing_ns: int = 0
) -> list[exchange_pb2.HttpExchange]:
    out = []
    services = [("10.0.0.5", "10.0.0.6"), ("10.0.0.5", "10.0.0.7"), ("10.0.0.6", "10.0.0.7")]
    for i in range(n):
        client, server = services[i % 3]
        t = (start_ns or time.time_ns()) + i * spacing_ns
        kind = i % 5
        if kind == 0:
            ex = make_exchange(
                client=client,
                server=server,
                method="GET",
                target=f"/api/v1/users/{i}?expand=orders&page=2",
                response={
                    "id": i,
                    "name": "Ann Lee",
                    "email": f"u{i}@shop.example",
                    "address": {"street": "1 Main St", "city": "Springfield", "zip": "12345"},
                    "preferences": {"newsletter": True, "lang": "en-US"},
                    "createdAt": "2024-05-01T10:00:00Z",
                    "orders": [
                        {"id": i * 7 + k, "total": 12.5, "items": 3, "status": "shipped"}
                        for k in range(5)
                    ],
                },
                start_ns=t,
            )
        elif kind == 1:
            ex = make_exchange(
                client=client,
                server=server,
                method="POST",
                target="/api/v1/orders",
                request={
                    "customer": {"email": f"c{i}@x.example", "phone": "+1 202 555 0143"},
                    "card": {"number": "4111111111111111", "exp": "12/29"},
                    "items": [{"sku": f"SKU-{i % 97}", "qty": 1}],
                },
                response={"orderId": f"ord_{i}", "status": "accepted"},
                status=201,
                start_ns=t,
            )
        elif kind == 2:
            ex = make_exchange(
                client=client,
                server=server,
                method="GET",
                target=f"/api/v1/products/{uuid.UUID(int=i)}",
                response={"sku": "A", "price": 9.99, "stock": 3, "tags": ["x", "y"]},
                start_ns=t,
            )
        elif kind == 3:
            ex = make_exchange(
                client=client,
                server=server,
                method="PUT",
                target=f"/api/v1/users/{i}/address",
                request={"street": "1 Main St", "city": "Springfield", "zip": "12345"},
                response={"ok": True},
                start_ns=t,
            )
        else:
            ex = make_exchange(
                client=client,
                server=server,
                method="GET",
                target="/healthz",
                response={"status": "ok"},
                start_ns=t,
            )
        out.append(ex)
    return out


_DETECTOR_SERVICE = """
import sys, uvicorn
from detector.api import create_app
from detector.settings import DetectorSettings
app = create_app(DetectorSettings.model_validate({}), load_in_background=False)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def start_detector(real: bool) -> tuple[str, Any]:
    """The stand-in over HTTP, or the real detector API in its own process; (url, stop)."""
    if not real:
        standin = StandinDetectorServer().start()
        return standin.url, standin.stop
    import httpx

    from tests.digger.ingest_server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", _DETECTOR_SERVICE, str(port)], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)

    def stop() -> None:
        proc.terminate()
        proc.wait(30)

    return url, stop


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def spawn(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "digger"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def base_env(bootstrap: str, topic: str, detector: str, ingest: str, ids: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "SIEVE_DIGGER_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "SIEVE_DIGGER_KAFKA_EXCHANGES_TOPIC": topic,
            "SIEVE_DIGGER_KAFKA_PODS_TOPIC": topic + ".pods",
            "SIEVE_DIGGER_IDENTITY_SOURCE": "static",
            "SIEVE_DIGGER_IDENTITIES_FILE": str(ids),
            "SIEVE_DIGGER_DETECTOR_URL": detector,
            "SIEVE_DIGGER_INGEST_TARGET": ingest,
            "SIEVE_DIGGER_INGEST_INSECURE": "true",
            "SIEVE_DIGGER_INGEST_TOKEN": "bench",
            "SIEVE_DIGGER_OPS_PORT": "0",
            "SIEVE_DIGGER_OPS_HOST": "127.0.0.1",
            "SIEVE_DIGGER_LOG_LEVEL": "WARNING",
            "SIEVE_DIGGER_WINDOW_SECONDS": "1",
        }
    )
    return env


def throughput_run(env: dict[str, str], n: int, sampling: bool) -> dict[str, float]:
    servicer = TimedIngest()
    server = IngestServer(servicer).start()
    env = {
        **env,
        "SIEVE_DIGGER_INGEST_TARGET": server.target,
        "SIEVE_DIGGER_KAFKA_GROUP_ID": f"bench-{uuid.uuid4().hex[:8]}",
        "SIEVE_DIGGER_SAMPLING_ENABLED": str(sampling).lower(),
    }
    proc = spawn(env)
    try:
        deadline = time.time() + 600
        while servicer.total == 0 and time.time() < deadline:
            time.sleep(0.01)
        t0, cpu0 = time.time(), cpu_seconds(proc.pid)
        first = servicer.total
        while servicer.total < n and time.time() < deadline:
            time.sleep(0.01)
        t1, cpu1 = time.time(), cpu_seconds(proc.pid)
        done = servicer.total - first
        return {
            "exchanges": float(done),
            "wall_s": t1 - t0,
            "cpu_s": cpu1 - cpu0,
            "per_s": done / (t1 - t0),
            "per_cpu_s": done / max(1e-9, cpu1 - cpu0),
            "inspected": float(sum(r.inspected_count for r in servicer.reports())),
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
        server.stop()


def inprocess_run(data: list[bytes], ids: Path, sampling: bool) -> dict[str, float]:
    """The sans-IO pipeline alone (no Kafka, no HTTP, no gRPC), as the service drives it.

    Decoding included, the stand-in detector called in-process, a window closed per
    ``windows`` batches; GC tuned as ``python -m digger`` tunes it.
    """
    import gc

    from digger.identities import StaticIdentities
    from digger.pipeline import ExchangeProcessor
    from digger.settings import DiggerSettings
    from tests.digger.standin import standin_detect

    settings = DiggerSettings(
        identity_source="static", identities_file=str(ids), sampling_enabled=sampling
    )
    processor = ExchangeProcessor(settings, StaticIdentities.from_file(ids), standin_detect)
    batch, windows = settings.consume_batch_size, 10
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        reports = []
        t0, cpu0 = time.perf_counter(), time.process_time()
        for i in range(0, len(data), batch):
            exchanges = [exchange_pb2.HttpExchange.FromString(v) for v in data[i : i + batch]]
            processor.process_batch(exchanges)
            if (i // batch) % windows == windows - 1:
                reports += processor.flush()
        reports += processor.flush()
        t1, cpu1 = time.perf_counter(), time.process_time()
        counted = sum(r.exchange_count for r in reports)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    assert counted == len(data), (counted, len(data))
    return {
        "exchanges": float(len(data)),
        "wall_s": t1 - t0,
        "cpu_s": cpu1 - cpu0,
        "per_s": len(data) / (t1 - t0),
        "per_cpu_s": len(data) / max(1e-9, cpu1 - cpu0),
        "us_per_exchange": 1e6 * (cpu1 - cpu0) / len(data),
        "inspected": float(processor.stats.sampled_new + processor.stats.sampled_rate),
    }


def latency_run(env: dict[str, str], bootstrap: str, rate: int, seconds: float) -> dict[str, float]:
    servicer = TimedIngest()
    server = IngestServer(servicer).start()
    topic = f"bench.latency.{uuid.uuid4().hex[:8]}"
    env = {
        **env,
        "SIEVE_DIGGER_INGEST_TARGET": server.target,
        "SIEVE_DIGGER_KAFKA_EXCHANGES_TOPIC": topic,
        "SIEVE_DIGGER_KAFKA_GROUP_ID": f"bench-{uuid.uuid4().hex[:8]}",
    }
    proc = spawn(env)
    time.sleep(4)  # let it create the topic and join the group
    total = 0
    try:
        start = time.time()
        while time.time() - start < seconds:
            tick = time.time()
            total += produce(bootstrap, topic, exchanges(rate // 10))
            time.sleep(max(0.0, 0.1 - (time.time() - tick)))
        deadline = time.time() + 30
        while servicer.total < total and time.time() < deadline:
            time.sleep(0.01)
        samples: list[tuple[float, int]] = []
        for t, count, first_ns in servicer.arrivals:
            samples.append((t - first_ns / 1e9, count))
        samples.sort()
        weight = sum(c for _, c in samples)

        def q(p: float) -> float:
            rank, run = p * weight, 0
            for value, c in samples:
                run += c
                if run >= rank:
                    return value
            return samples[-1][0]

        return {
            "exchanges": float(total),
            "received": float(servicer.total),
            "p50_s": q(0.5),
            "p99_s": q(0.99),
            "window_s": float(env["SIEVE_DIGGER_WINDOW_SECONDS"]),
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rate", type=int, default=3_000, help="exchanges/s in the latency run")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--engine", action="store_true", help="real detector service over HTTP")
    parser.add_argument("--off-n", type=int, default=0, help="exchanges timed with sampling off")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="digger-bench-"))
    ids = tmp / "ids.yaml"
    ids.write_text(IDENTITIES_YAML)
    external = os.environ.get("SIEVE_TEST_KAFKA")
    broker = None
    if external:
        bootstrap = external
    else:
        broker = kafka_dev.start(tmp / "kafka")
        bootstrap = broker.bootstrap
    detector_url, stop_detector = start_detector(args.engine)
    try:
        topic = f"bench.{uuid.uuid4().hex[:8]}"
        t = time.time()
        data = exchanges(args.n)
        env = base_env(bootstrap, topic, detector_url, "", ids)
        # create the topic with the digger's own settings (6 partitions, short retention)
        from digger.settings import DiggerSettings
        from digger.topics import ensure_topics

        ensure_topics(
            DiggerSettings(
                kafka_bootstrap_servers=bootstrap,
                kafka_exchanges_topic=topic,
                kafka_pods_topic=topic + ".pods",
            )
        )
        produce(bootstrap, topic, data)
        size = sum(len(x.SerializeToString()) for x in data) / len(data)
        print(f"produced {args.n} exchanges (avg {size:.0f} B) in {time.time() - t:.1f} s")
        alone = inprocess_run([x.SerializeToString() for x in data], ids, sampling=True)
        on = throughput_run(env, args.n, sampling=True)
        off = throughput_run(env, args.off_n or args.n, sampling=False)
        lat = latency_run(env, bootstrap, args.rate, args.seconds)
        det = "the real detector service (uvicorn)" if args.engine else "the stand-in detector"
        print(
            json.dumps(
                {"pipeline_alone": alone, "sampling_on": on, "sampling_off": off, "latency": lat},
                indent=1,
            )
        )
        print(f"detector: {det} over HTTP on loopback")
        print(
            f"sampling ON : {on['per_s']:8.0f} exchanges/s wall, {on['per_cpu_s']:8.0f} per "
            f"digger CPU-second; {on['inspected']:.0f} exchanges inspected"
        )
        print(
            f"sampling OFF: {off['per_s']:8.0f} exchanges/s wall, {off['per_cpu_s']:8.0f} per "
            f"digger CPU-second; {off['inspected']:.0f} exchanges inspected"
        )
        print(
            f"pipeline alone (sampling ON, no Kafka/HTTP/gRPC): {alone['per_s']:8.0f} exchanges/s "
            f"wall, {alone['per_cpu_s']:8.0f} per CPU-second ({alone['us_per_exchange']:.1f} µs "
            f"each); digger ON reaches {on['per_cpu_s'] / alone['per_cpu_s']:.0%} of it per "
            "CPU-second"
        )
        print(
            f"ratio ON/OFF: {on['per_s'] / off['per_s']:.1f}x wall, "
            f"{on['per_cpu_s'] / off['per_cpu_s']:.1f}x per CPU-second"
        )
        print(
            f"Kafka → acknowledged report at {args.rate}/s: p50 {lat['p50_s']:.2f} s, "
            f"p99 {lat['p99_s']:.2f} s (window {lat['window_s']:.0f} s; "
            f"{lat['received']:.0f}/{lat['exchanges']:.0f} counted)"
        )
    finally:
        stop_detector()
        if broker is not None:
            broker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
