"""What TLS + SCRAM-SHA-512 (the chart's default) costs against plaintext Kafka, same run.

Two real brokers (scripts/kafka_dev): a plaintext one and a TLS + SASL one with the chart's
ACLs. Each round sends the same N exchange records (the shapes of benchmarks/digger_bench.py,
made by this script, over 48 server keys) through the interceptor's `KafkaSink`, waits until
all are acknowledged, then reads them back with a consumer configured as the digger's. Rounds
alternate plaintext / secure so both see the same machine load. Printed per side: producer
CPU (this process, all threads: librdkafka does the TLS work) per 1,000 exchanges, broker CPU
per 1,000, consumer CPU per 1,000, wall exchanges/s; then secure / plaintext ratios
(medians). A short warm-up round per side is not counted.

    python benchmarks/kafka_tls_cost.py [--n 100000] [--rounds 3] [--pad-bytes 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from confluent_kafka import Consumer, TopicPartition  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined]  # noqa: E402

from benchmarks.digger_bench import cpu_seconds, exchanges  # noqa: E402
from common.kafka_config import client_config  # noqa: E402
from common.settings import load_settings  # noqa: E402
from interceptor.settings import InterceptorSettings  # noqa: E402
from interceptor.sink import KafkaSink  # noqa: E402
from interceptor.wire import EncodedExchange  # noqa: E402
from scripts import kafka_dev  # noqa: E402
from scripts.kafka_acls import apply_acls, sieve_acls  # noqa: E402

PARTITIONS = 12


def own_cpu() -> float:
    """CPU seconds of this process, every thread (librdkafka's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def records(n: int, pad_bytes: int) -> list[EncodedExchange]:
    """The digger benchmark's exchanges; ``pad_bytes`` of random hex added to each response
    (a larger body that compresses about as poorly as identifiers and tokens do)."""
    rng = random.Random(7)
    out = []
    for i, ex in enumerate(exchanges(n)):
        ex.server.port = 8000 + i % 16  # 48 keys: 3 servers x 16 ports
        if pad_bytes:
            doc = json.loads(ex.response.body or b"{}")
            doc = doc if isinstance(doc, dict) else {"items": doc}
            doc["pad"] = rng.randbytes(pad_bytes // 2).hex()
            ex.response.body = json.dumps(doc).encode()
            ex.response.body_wire_size = len(ex.response.body)
        out.append(EncodedExchange.of(ex))
    return out


@dataclass
class Side:
    """One broker and how the interceptor and the digger talk to it."""

    name: str
    interceptor: InterceptorSettings
    digger_conf: dict[str, Any]
    broker_pid: int
    admin_conf: dict[str, Any]
    secure: bool


def one_round(side: Side, recs: list[EncodedExchange]) -> dict[str, float]:
    topic = f"sieve.exchanges.bench{uuid.uuid4().hex[:6]}"
    admin = AdminClient(side.admin_conf)
    for future in admin.create_topics([NewTopic(topic, PARTITIONS, 1)]).values():
        future.result(30)
    if side.secure:  # the chart's rules on this round's topic
        apply_acls(
            side.admin_conf, sieve_acls(interceptor="interceptor", digger="digger", exchanges=topic)
        )
    time.sleep(1.0)  # leaders elected and rules applied before timing
    sink = KafkaSink(side.interceptor, topic=topic)
    cpu0, broker0, t0 = own_cpu(), cpu_seconds(side.broker_pid), time.monotonic()
    for rec in recs:
        while not sink.send(rec):
            sink.poll()
            time.sleep(0.001)
        sink.poll()
    assert sink.flush(120) == 0, "not all delivered"
    produce_wall = time.monotonic() - t0
    produce_cpu = own_cpu() - cpu0
    produce_broker = cpu_seconds(side.broker_pid) - broker0
    assert sink.delivered == len(recs)
    assert sink.delivery_failed == 0

    consumer = Consumer(
        {
            **side.digger_conf,
            "group.id": f"sieve-digger-bench-{uuid.uuid4().hex[:6]}",
            "enable.auto.commit": False,
            "fetch.max.bytes": 8_000_000,
        }
    )
    consumer.assign([TopicPartition(topic, p, 0) for p in range(PARTITIONS)])
    cpu0, broker0, t0 = own_cpu(), cpu_seconds(side.broker_pid), time.monotonic()
    got = 0
    deadline = time.monotonic() + 120
    while got < len(recs) and time.monotonic() < deadline:
        got += sum(1 for msg in consumer.consume(1000, 0.5) if msg.error() is None)
    consume_wall = time.monotonic() - t0
    consume_cpu = own_cpu() - cpu0
    consume_broker = cpu_seconds(side.broker_pid) - broker0
    consumer.close()
    assert got == len(recs), (got, len(recs))
    per_k = 1000 / len(recs)
    return {
        "produce_cpu_ms_per_1k": produce_cpu * per_k * 1000,
        "produce_broker_cpu_ms_per_1k": produce_broker * per_k * 1000,
        "produce_per_s": len(recs) / produce_wall,
        "consume_cpu_ms_per_1k": consume_cpu * per_k * 1000,
        "consume_broker_cpu_ms_per_1k": consume_broker * per_k * 1000,
        "consume_per_s": len(recs) / consume_wall,
    }


def show(label: str, figures: dict[str, float]) -> None:
    print(f"{label:22s} " + "  ".join(f"{k}={v:,.1f}" for k, v in figures.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pad-bytes", type=int, default=0, help="extra response bytes")
    args = parser.parse_args()
    recs = records(args.n, args.pad_bytes)
    size = sum(len(r.value) for r in recs) / len(recs)
    print(f"{args.n} exchanges per round, {size:.0f} bytes per record on average")

    work = Path(tempfile.mkdtemp(prefix="sieve-kafka-tls-cost-"))
    users = {"interceptor": secrets.token_hex(12), "digger": secrets.token_hex(12)}
    plain = kafka_dev.start(work / "plain", heap="384m")
    secure = kafka_dev.start_secure(work / "secure", users, heap="384m")
    try:
        assert secure.pki is not None
        password = work / "interceptor-password"
        password.write_text(users["interceptor"])
        plain_settings = load_settings(InterceptorSettings, kafka_bootstrap_servers=plain.bootstrap)
        sides = [
            Side(
                "plaintext",
                plain_settings,
                client_config(plain_settings),
                plain.process.pid,
                {"bootstrap.servers": plain.bootstrap},
                secure=False,
            ),
            Side(
                "tls+scram",
                load_settings(
                    InterceptorSettings,
                    kafka_bootstrap_servers=secure.bootstrap,
                    kafka_security_protocol="SASL_SSL",
                    kafka_sasl_mechanism="SCRAM-SHA-512",
                    kafka_sasl_username="interceptor",
                    kafka_sasl_password_file=str(password),
                    kafka_ssl_ca_location=str(secure.pki.ca_cert),
                ),
                secure.client("digger"),
                secure.process.pid,
                secure.client(kafka_dev.ADMIN_USER),
                secure=True,
            ),
        ]
        for side in sides:  # warm-up (JIT, connections), not counted
            one_round(side, recs[: min(len(recs), 5000)])
        results: dict[str, list[dict[str, float]]] = {s.name: [] for s in sides}
        for r in range(args.rounds):
            for side in sides if r % 2 == 0 else reversed(sides):
                res = one_round(side, recs)
                results[side.name].append(res)
                show(f"round {r + 1} {side.name}", res)
        med = {
            name: {k: statistics.median(x[k] for x in rs) for k in rs[0]}
            for name, rs in results.items()
        }
        print("\nmedians")
        for name, m in med.items():
            show(f"  {name}", m)
        print(
            "\nratio tls+scram / plaintext (medians; CPU above 1 costs more, rates below 1 slower)"
        )
        for k in med["plaintext"]:
            print(f"  {k}: {med['tls+scram'][k] / med['plaintext'][k]:.2f}")
    finally:
        secure.stop()
        plain.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
