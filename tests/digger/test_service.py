"""Commit points and rebalance bookkeeping of DiggerService (no broker needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from confluent_kafka import TopicPartition

from common.service import Runtime
from digger.identities import StaticIdentities
from digger.service import DiggerService
from digger.settings import DiggerSettings
from tests.digger.exchanges import make_exchange
from tests.digger.harness import write_identities
from tests.digger.standin import standin_detect


class RecordingConsumer:
    def __init__(self) -> None:
        self.commits: list[dict[tuple[str, int], int]] = []

    def commit(self, offsets: list[TopicPartition], asynchronous: bool) -> None:
        assert asynchronous is False
        self.commits.append({(tp.topic, tp.partition): tp.offset for tp in offsets})


def service(tmp_path: Path) -> DiggerService:
    path = write_identities(tmp_path)
    settings = DiggerSettings.model_validate(
        {"identity_source": "static", "identities_file": str(path), "ingest_insecure": True}
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


def test_offsets_commit_only_once_the_covering_batch_is_acked(tmp_path: Path):
    svc = service(tmp_path)
    consumer = RecordingConsumer()
    value = make_exchange(client="10.0.0.5", server="10.0.0.6").SerializeToString()
    assert svc._process([Msg(0, 10, value), Msg(1, 4, value)])  # type: ignore[list-item]
    svc._close_window()  # one batch, sequence 1, covers offsets 11 and 5
    svc._commit_acked(consumer)  # type: ignore[arg-type]
    assert consumer.commits == []
    svc.ingest._acked_through = 1
    svc._commit_acked(consumer)  # type: ignore[arg-type]
    assert consumer.commits == [{("ex", 0): 11, ("ex", 1): 5}]
    # an empty window commits as soon as everything before it is acked
    assert svc._process([Msg(0, 11, b"\xff\xff")])  # type: ignore[list-item]  # malformed
    svc._close_window()
    svc._commit_acked(consumer)  # type: ignore[arg-type]
    assert consumer.commits[-1] == {("ex", 0): 12, ("ex", 1): 5}
    assert svc.processor.stats.malformed == 1


def test_revoked_partitions_are_never_committed_by_the_old_owner(tmp_path: Path):
    svc = service(tmp_path)
    consumer = RecordingConsumer()
    value = make_exchange().SerializeToString()
    assert svc._process([Msg(0, 1, value), Msg(1, 1, value)])  # type: ignore[list-item]
    svc._close_window()
    svc._on_revoke(consumer, [TopicPartition("ex", 1)])  # type: ignore[arg-type]
    svc.ingest._acked_through = 99
    svc._commit_acked(consumer)  # type: ignore[arg-type]
    assert consumer.commits == [{("ex", 0): 2}]


def test_detector_down_holds_the_batch_and_aggregates_nothing(tmp_path: Path):
    svc = service(tmp_path)

    def down(_docs: list[Any]) -> Any:
        raise ConnectionError("refused")

    svc.processor.detect = down
    value = make_exchange(request={"email": "a@b.org"}).SerializeToString()
    held = [Msg(0, 0, b"\xff\xff"), Msg(0, 1, value)]
    assert not svc._process(held)  # type: ignore[arg-type]
    assert not svc._ready_detector()
    assert svc._offsets == {}
    svc.processor.detect = standin_detect
    assert svc._process(held)  # type: ignore[arg-type]
    assert svc.processor.stats.malformed == 1  # counted once, not once per attempt
    assert svc._ready_detector()
    assert svc._offsets == {("ex", 0): 2}
    assert svc.processor.stats.aggregated == 1
