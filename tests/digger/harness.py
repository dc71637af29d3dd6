"""Runs a DiggerService in a thread against real Kafka, a detector and an ingest server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from confluent_kafka import Consumer, Producer, TopicPartition

from common.service import Runtime
from digger.identities import StaticIdentities
from digger.service import DiggerService
from digger.settings import DiggerSettings
from protos.sieve.v1 import exchange_pb2

IDENTITIES_YAML = """\
pods:
  - {ip: 10.0.0.5, namespace: shop, pod: web-1, kind: deployment, workload: web}
  - {ip: 10.0.0.6, namespace: shop, pod: users-1, kind: deployment, workload: users}
  - {ip: 10.0.0.7, namespace: shop, pod: orders-0, kind: statefulset, workload: orders}
  - {ip: 10.0.0.99, namespace: sieve, pod: detector-1, kind: deployment, workload: detector}
services:
  - {ip: 10.96.0.6, namespace: shop, name: users}
"""


def write_identities(tmp: Path) -> Path:
    path = tmp / "identities.yaml"
    path.write_text(IDENTITIES_YAML)
    return path


def digger_settings(
    bootstrap: str, detector_url: str, ingest_target: str, identities: Path, **kw: Any
) -> DiggerSettings:
    name = uuid.uuid4().hex[:10]
    values: dict[str, Any] = {
        "kafka_bootstrap_servers": bootstrap,
        "kafka_exchanges_topic": f"test.digger.{name}.exchanges",
        "kafka_pods_topic": f"test.digger.{name}.pods",
        "kafka_group_id": f"digger-{name}",
        "kafka_exchanges_partitions": 3,
        "kafka_session_timeout_ms": 6000,
        "identity_source": "static",
        "identities_file": str(identities),
        "detector_url": detector_url,
        "detector_retries": 1,
        "detector_backoff_initial_seconds": 0.05,
        "detector_backoff_max_seconds": 0.2,
        "detector_breaker_reset_seconds": 0.3,
        "detector_timeout_seconds": 2,
        "ingest_target": ingest_target,
        "ingest_insecure": True,
        "ingest_token": "test-token",
        "ingest_backoff_initial_seconds": 0.05,
        "ingest_backoff_max_seconds": 0.3,
        "ingest_ack_timeout_seconds": 3,
        "window_seconds": 0.3,
        "consume_timeout_seconds": 0.05,
        "shutdown_grace_seconds": 5,
    }
    values.update(kw)
    return DiggerSettings(**values)


class RunningDigger:
    """A DiggerService in a thread; ``stop()`` asks it to shut down and waits."""

    def __init__(
        self,
        settings: DiggerSettings,
        detect: Callable[..., Any] | None = None,
        on_publisher: Callable[[bool], None] | None = None,
    ) -> None:
        self.settings = settings
        self.runtime = Runtime()
        assert settings.identities_file
        self.service = DiggerService(
            settings,
            self.runtime,
            identities=StaticIdentities.from_file(settings.identities_file),
            detect=detect,
            on_publisher=on_publisher,
        )
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.service.run()
        except BaseException as exc:
            self.error = exc
            raise

    def start(self) -> RunningDigger:
        self.thread.start()
        return self

    def stop(self, timeout: float = 20) -> None:
        self.runtime.shutdown.request()
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "digger did not stop"


def produce(
    bootstrap: str,
    topic: str,
    exchanges: Iterable[exchange_pb2.HttpExchange],
    placed: Mapping[str, int] | None = None,
) -> int:
    """Produce keyed by server endpoint; to the partition ``placed`` gives the server IP (as
    the interceptor's sink does with sieve.pods' placements), else by the key's hash."""
    producer = Producer(
        {"bootstrap.servers": bootstrap, "compression.type": "zstd", "linger.ms": 5}
    )
    n = 0
    for ex in exchanges:
        key = f"{ex.server.ip}:{ex.server.port}".encode()
        partition = (placed or {}).get(ex.server.ip, -1)
        while True:
            try:
                producer.produce(topic, ex.SerializeToString(), key, partition=partition)
                break
            except BufferError:
                producer.poll(0.1)
        n += 1
    assert producer.flush(30) == 0
    return n


def wait_for(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def committed_total(bootstrap: str, settings: DiggerSettings) -> int:
    """Sum of the group's committed offsets on the exchanges topic."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": settings.kafka_group_id})
    try:
        parts = [
            TopicPartition(settings.kafka_exchanges_topic, p)
            for p in range(settings.kafka_exchanges_partitions)
        ]
        return sum(max(tp.offset, 0) for tp in consumer.committed(parts, timeout=10))
    finally:
        consumer.close()


def digger_env(settings: DiggerSettings) -> dict[str, str]:
    """The environment that makes ``python -m digger`` run with ``settings``."""
    env = dict(os.environ)
    for name, raw in settings.model_dump().items():
        if raw is None:
            continue
        value = raw.get_secret_value() if hasattr(raw, "get_secret_value") else raw
        text = str(value).lower() if isinstance(value, bool) else str(value)
        env[f"SIEVE_DIGGER_{name.upper()}"] = text
    env["SIEVE_DIGGER_OPS_PORT"] = "0"
    env["SIEVE_DIGGER_OPS_HOST"] = "127.0.0.1"
    return env


def spawn_digger(settings: DiggerSettings, log: Path) -> subprocess.Popen[bytes]:
    """``python -m digger`` as its own process (so a test can kill -9 it), output to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "digger"],
            env=digger_env(settings),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
