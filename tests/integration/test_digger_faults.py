"""Fault tests: the cloud goes away and returns, the detector is down for a while, the digger
is killed and restarted. Afterwards every exchange is counted in acknowledged reports."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

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


def batch(n: int, offset: int = 0):
    return [
        make_exchange(
            target=f"/users/{offset + i}",
            request={"email": f"u{i}@x.org", "n": i},
            response={"ok": True},
            seq=offset + i,
        )
        for i in range(n)
    ]


def test_cloud_stops_mid_stream_and_returns(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
):
    settings = digger_settings(
        kafka_bootstrap, detector.url, ingest.target, write_identities(tmp_path)
    )
    digger = RunningDigger(settings).start()
    try:
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(500))
        assert wait_for(lambda: ingest.servicer.exchange_total() == 500, 30)
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == 500, 20)
        ingest.stop(grace=0)
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(700, 500))
        assert wait_for(lambda: not digger.runtime.health.readiness()["cloud"], 10)
        time.sleep(1.0)
        # nothing acknowledged → nothing committed beyond what was acknowledged before
        assert committed_total(kafka_bootstrap, settings) == 500
        ingest.start()
        assert wait_for(lambda: ingest.servicer.exchange_total() == 1200, 30), (
            ingest.servicer.exchange_total()
        )
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == 1200, 20)
        assert wait_for(lambda: digger.runtime.health.readiness()["cloud"], 10)
    finally:
        digger.stop()
    assert ingest.servicer.streams >= 2


def test_detector_down_pauses_consumption_and_loses_nothing(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
):
    settings = digger_settings(
        kafka_bootstrap, detector.url, ingest.target, write_identities(tmp_path)
    )
    port = int(detector.url.rsplit(":", 1)[1])
    digger = RunningDigger(settings).start()
    replacement: StandinDetectorServer | None = None
    try:
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(200))
        assert wait_for(lambda: ingest.servicer.exchange_total() == 200, 30)
        detector.stop()  # connection refused from now on
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(300, 200))
        assert wait_for(lambda: not digger.runtime.health.readiness()["detector"], 10)
        time.sleep(1.0)
        assert ingest.servicer.exchange_total() == 200  # held, not reported without detection
        assert committed_total(kafka_bootstrap, settings) == 200
        replacement = StandinDetectorServer(port).start()
        assert wait_for(lambda: ingest.servicer.exchange_total() == 500, 30)
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == 500, 20)
        assert wait_for(lambda: digger.runtime.health.readiness()["detector"], 10)
        # the batch held while the detector was down was inspected after it came back
        assert replacement.documents > 0
    finally:
        digger.stop()
        if replacement is not None:
            replacement.stop()


def test_digger_killed_and_restarted_counts_everything(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
):
    settings = digger_settings(
        kafka_bootstrap, detector.url, ingest.target, write_identities(tmp_path)
    )
    log = tmp_path / "digger.log"
    first = spawn_digger(settings, log)
    second: subprocess.Popen[bytes] | None = None
    n = 0
    try:
        for chunk in range(4):
            n += produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(250, n))
            time.sleep(0.3)
            if chunk == 0:
                assert wait_for(lambda: ingest.servicer.exchange_total() > 0, 30), log.read_text()
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        n += produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(500, n))
        second = spawn_digger(settings, log)
        assert wait_for(lambda: ingest.servicer.exchange_total() >= n, 60), (
            ingest.servicer.exchange_total(),
            n,
            log.read_text()[-3000:],
        )
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == n, 30)
        second.send_signal(signal.SIGTERM)
        assert second.wait(20) == 0
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(10)
    total = ingest.servicer.exchange_total()
    # at-least-once: only what the killed digger had acknowledged but not committed repeats
    assert n <= total <= 2 * n
    epochs = {b.split("/")[1] for b in ingest.servicer.stored}
    assert len(epochs) == 2
    assert ingest.servicer.duplicates == 0 or total >= n


def test_a_batch_the_detector_always_fails_on_is_counted_undetected(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
):
    settings = digger_settings(
        kafka_bootstrap,
        detector.url,
        ingest.target,
        write_identities(tmp_path),
        detector_poison_attempts=3,
    )
    detector.poisoned = True  # 500 on every detection, /readyz fine
    digger = RunningDigger(settings).start()
    try:
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, batch(100))
        assert wait_for(lambda: ingest.servicer.exchange_total() == 100, 30)
        assert wait_for(lambda: committed_total(kafka_bootstrap, settings) == 100, 20)
    finally:
        digger.stop()
    assert digger.service.processor.stats.detection_given_up > 0
    assert sum(r.inspected_count for r in ingest.servicer.reports()) == 0
