"""Digger replicas on the real broker with the real collector: through a scale-up, a kill -9
under load and a scale-down, every produced exchange is counted exactly once; exactly one
replica publishes sieve.pods."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from collector.grpc_server import serve_with_port
from collector.schema import endpoints, partition_offsets
from collector.settings import CollectorSettings
from collector.store import Store
from common.settings import load_settings
from protos.sieve.v1 import exchange_pb2
from tests.digger.exchanges import make_exchange
from tests.digger.harness import (
    RunningDigger,
    committed_total,
    digger_settings,
    produce,
    spawn_digger,
    wait_for,
    write_identities,
)
from tests.digger.ingest_server import IngestServer
from tests.digger.standin import StandinDetectorServer

pytestmark = pytest.mark.integration

TOKEN = "replicas-test"
ENDPOINTS = 24  # server endpoints: the record keys, spread over the partitions


def exchanges(n: int, offset: int) -> list[exchange_pb2.HttpExchange]:
    return [
        make_exchange(
            client="10.0.0.5",
            server=f"10.1.0.{(offset + i) % ENDPOINTS + 1}",
            target=f"/items/{(offset + i) % 7}",
            request={"email": f"u{i}@x.org"},
            response={"ok": True},
            seq=offset + i,
        )
        for i in range(n)
    ]


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = Store(f"sqlite:///{tmp_path / 'collector.db'}")
    store.migrate()
    settings = load_settings(CollectorSettings, grpc_host="127.0.0.1", grpc_port=0, tokens=TOKEN)
    server, port = serve_with_port(store, settings)
    yield store, f"127.0.0.1:{port}"
    server.stop(0).wait()
    store.close()


def counted(store: Store) -> int:
    """Exchanges stored (one query: the dashboard's read model is not read while ingesting)."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.sum(endpoints.c.exchange_count))).scalar() or 0)


def stored_high_water(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.sum(partition_offsets.c.high_water))).scalar() or 0)


def test_scale_up_kill_and_scale_down_count_every_exchange_once(
    kafka_bootstrap: str,
    tmp_path: Path,
    detector: StandinDetectorServer,
    collector: tuple[Store, str],
) -> None:
    store, target = collector
    settings = digger_settings(
        kafka_bootstrap,
        detector.url,
        target,
        write_identities(tmp_path),
        ingest_token=TOKEN,
        kafka_exchanges_partitions=6,
    )
    log = tmp_path / "diggers.log"
    procs: list[subprocess.Popen[bytes]] = []
    produced = 0

    def load(n: int, chunks: int = 4) -> None:
        nonlocal produced
        for _ in range(chunks):
            produced += produce(
                kafka_bootstrap, settings.kafka_exchanges_topic, exchanges(n // chunks, produced)
            )
            time.sleep(0.2)

    try:
        a = spawn_digger(settings, log)
        procs.append(a)
        load(800)
        assert wait_for(lambda: counted(store) > 0, 60), log.read_text()[-3000:]
        b = spawn_digger(settings, log)  # scale up: A gives B some partitions
        procs.append(b)
        load(1200, chunks=8)
        assert wait_for(lambda: counted(store) >= 1500, 60), (counted(store), produced)
        load(400)  # under load …
        a.send_signal(signal.SIGKILL)  # … A dies without flushing or committing
        a.wait(10)
        load(800)
        c = spawn_digger(settings, log)  # scale up again
        procs.append(c)
        load(400)
        assert wait_for(lambda: counted(store) >= produced - 400, 90), (counted(store), produced)
        b.send_signal(signal.SIGTERM)  # scale down: B hands its partitions to C
        load(400)
        assert b.wait(30) == 0
        assert wait_for(lambda: counted(store) >= produced, 90), (
            counted(store),
            produced,
            log.read_text()[-3000:],
        )
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == produced, 30)
        time.sleep(1.5)  # late duplicates would land now
        assert counted(store) == produced
        assert stored_high_water(store) == produced  # every offset in exactly one stored range
        c.send_signal(signal.SIGTERM)
        assert c.wait(30) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
    assert counted(store) == produced
    assert produced == 4000


def test_exactly_one_replica_publishes_pods_and_the_survivor_takes_over(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
) -> None:
    settings = digger_settings(
        kafka_bootstrap,
        detector.url,
        ingest.target,
        write_identities(tmp_path),
        kafka_exchanges_partitions=4,
    )
    events: list[tuple[str, bool]] = []  # in the order the replicas changed role
    lock = threading.Lock()

    def recorder(name: str) -> Callable[[bool], None]:
        def record(publishing: bool) -> None:
            with lock:
                events.append((name, publishing))

        return record

    def publishers_over_time() -> list[int]:
        current: set[str] = set()
        counts = []
        with lock:
            for name, publishing in events:
                (current.add if publishing else current.discard)(name)
                counts.append(len(current))
        return counts

    replicas = {"a": RunningDigger(settings, on_publisher=recorder("a")).start()}
    try:
        assert wait_for(lambda: events == [("a", True)], 30)
        replicas["b"] = RunningDigger(settings, on_publisher=recorder("b")).start()
        b = replicas["b"].service
        assert wait_for(lambda: len(b.ledger.partitions) == 2, 30)
        assert len(replicas["a"].service.ledger.partitions) == 2
        # one publisher: the holder of partition 0; if it moved, A stepped down first
        assert sorted(r.service.publisher for r in replicas.values()) == [False, True]
        assert max(publishers_over_time()) == 1
        leader = next(n for n, r in replicas.items() if r.service.publisher)
        other = "b" if leader == "a" else "a"
        replicas[leader].stop()  # scale down: the survivor gets partition 0
        assert wait_for(lambda: replicas[other].service.publisher, 30)
        assert len(replicas[other].service.ledger.partitions) == 4
        assert max(publishers_over_time()) == 1
        assert events[-2:] == [(leader, False), (other, True)]
    finally:
        for r in replicas.values():
            if r.thread.is_alive():
                r.stop()
