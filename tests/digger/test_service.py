"""DiggerService without a broker: a batch held while the detector is down; a revocation
reports and commits what was counted before the partitions are given up (real gRPC ingest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from confluent_kafka import TopicPartition

from common.service import Runtime
from digger.identities import StaticIdentities
from digger.ledger import Claim
from digger.service import DiggerService
from digger.settings import DiggerSettings
from tests.digger.exchanges import make_exchange
from tests.digger.harness import write_identities
from tests.digger.ingest_server import IngestServer
from tests.digger.standin import standin_detect


def service(tmp_path: Path, **kw: Any) -> DiggerService:
    path = write_identities(tmp_path)
    settings = DiggerSettings.model_validate(
        {"identity_source": "static", "identities_file": str(path), "ingest_insecure": True, **kw}
    )
    return DiggerService(
        settings, Runtime(), identities=StaticIdentities.from_file(path), detect=standin_detect
    )


class Msg:
    def __init__(self, partition: int, offset: int, value: bytes) -> None:
        self._p, self._o, self._v = partition, offset, value

    def topic(self) -> str:
        return "ex"

    def partition(self) -> int:
        return self._p

    def offset(self) -> int:
        return self._o

    def value(self) -> bytes:
        return self._v

    def error(self) -> Any:
        return None


def test_detector_down_holds_the_batch_and_aggregates_nothing(tmp_path: Path):
    svc = service(tmp_path)
    svc.ledger.assign(("ex", 0), None)

    def down(_docs: list[Any]) -> Any:
        raise ConnectionError("refused")

    svc.processor.detect = down
    value = make_exchange(request={"email": "a@b.org"}).SerializeToString()
    held = [Msg(0, 0, b"\xff\xff"), Msg(0, 1, value)]
    assert not svc._process(held)  # type: ignore[arg-type]
    assert not svc._ready_detector()
    assert svc.ledger.acked(0) is None
    svc.processor.detect = standin_detect
    assert svc._process(held)  # type: ignore[arg-type]
    assert svc.processor.stats.malformed == 1  # counted once, not once per attempt
    assert svc._ready_detector()
    svc._close_window()
    assert svc.ledger.acked(svc.ingest.last_sequence) == {("ex", 0): 2}
    assert svc.processor.stats.aggregated == 1


class RecordingConsumer:
    def __init__(self) -> None:
        self.commits: list[dict[tuple[str, int], int]] = []
        self.assigned: list[int] = []

    def commit(self, offsets: list[TopicPartition], asynchronous: bool) -> None:
        assert asynchronous is False
        self.commits.append({(tp.topic, tp.partition): tp.offset for tp in offsets})

    def incremental_assign(self, partitions: list[TopicPartition]) -> None:
        self.assigned.extend(tp.partition for tp in partitions)


def test_a_revocation_reports_and_commits_before_giving_partitions_up(tmp_path: Path):
    server = IngestServer().start()  # a cloud without claims: counts at-least-once
    svc = service(
        tmp_path, ingest_target=server.target, ingest_token="test-token", window_seconds=3600
    )
    consumer = RecordingConsumer()
    svc.ingest.start()
    try:
        svc._on_assign(consumer, [TopicPartition("ex", 0), TopicPartition("ex", 1)])  # type: ignore[arg-type]
        assert consumer.assigned == [0, 1]
        assert svc.publisher  # partition 0: this replica publishes sieve.pods
        value = make_exchange(client="10.0.0.5", server="10.0.0.6").SerializeToString()
        assert svc._process([Msg(0, 7, value), Msg(1, 3, value), Msg(1, 4, value)])  # type: ignore[list-item]
        assert server.servicer.exchange_total() == 0  # the window is an hour long
        svc._on_revoke(consumer, [TopicPartition("ex", 1)])  # type: ignore[arg-type]
        # counted, sent, acknowledged and committed before partition 1 was given up
        assert server.servicer.exchange_total() == 3
        assert consumer.commits == [{("ex", 0): 8, ("ex", 1): 5}]
        assert svc.ledger.partitions == [("ex", 0)]
        assert svc.publisher  # partition 0 stayed
        svc._on_revoke(consumer, [TopicPartition("ex", 0)])  # type: ignore[arg-type]
        assert not svc.publisher
    finally:
        svc.ingest.close()
        server.stop()


def test_counts_of_a_lost_partition_are_left_to_its_new_owner(tmp_path: Path):
    server = IngestServer().start()
    svc = service(tmp_path, ingest_target=server.target, ingest_token="test-token")
    svc.ingest.start()
    try:
        svc.ledger.assign(("ex", 0), Claim(1, None))
        svc.ledger.assign(("ex", 1), Claim(1, None))
        value = make_exchange(client="10.0.0.5", server="10.0.0.6").SerializeToString()
        assert svc._process([Msg(0, 0, value), Msg(1, 0, value), Msg(1, 1, value)])  # type: ignore[list-item]
        svc._on_lost(RecordingConsumer(), [TopicPartition("ex", 1)])  # type: ignore[arg-type]
        svc._close_window()
        assert svc.ingest.wait_acked(svc.ingest.last_sequence, 10)
        # partition 0's exchange is reported with its range; partition 1's two are not sent
        assert server.servicer.exchange_total() == 1
        (batch,) = server.servicer.stored.values()
        assert (batch.source_range.partition, batch.source_range.end_offset) == (0, 1)
    finally:
        svc.ingest.close()
        server.stop()


def test_topics_are_retried_until_kafka_answers_and_the_digger_is_not_ready_meanwhile(
    tmp_path: Path, monkeypatch: Any
):
    """The bundled broker starts beside the digger: no exit (a pod restart) while it is down."""
    from confluent_kafka import KafkaError, KafkaException

    from digger import metrics
    from digger import service as service_module

    svc = service(tmp_path, ingest_backoff_max_seconds=0.01)
    attempts: list[bool] = []

    def flaky(_settings: DiggerSettings) -> None:
        attempts.append(svc._kafka_ok)
        if len(attempts) < 3:
            raise KafkaException(KafkaError(KafkaError._TRANSPORT, "Broker transport failure"))

    before = metrics.KAFKA_ERRORS.labels(code="ensure_topics")._value.get()
    monkeypatch.setattr(service_module, "ensure_topics", flaky)
    assert svc._ensure_topics() is True
    assert attempts == [False, False, False]
    assert metrics.KAFKA_ERRORS.labels(code="ensure_topics")._value.get() == before + 2


def test_topic_retries_stop_at_shutdown(tmp_path: Path, monkeypatch: Any):
    from confluent_kafka import KafkaError, KafkaException

    from digger import service as service_module

    svc = service(tmp_path, ingest_backoff_max_seconds=0.01)
    calls: list[int] = []

    def down(_settings: DiggerSettings) -> None:
        calls.append(1)
        if len(calls) == 2:
            svc.runtime.shutdown.request()
        raise KafkaException(KafkaError(KafkaError._TRANSPORT, "Broker transport failure"))

    monkeypatch.setattr(service_module, "ensure_topics", down)
    assert svc._ensure_topics() is False
    assert len(calls) == 2
