"""Placement of server pod IPs on partitions of sieve.exchanges, on a real broker: the
digger's publisher writes it to sieve.pods, a new publisher keeps it, the interceptor reads
it and its sink produces each exchange to its server IP's partition (else the key hash)."""

from __future__ import annotations

import time
import uuid
import zlib

import pytest
from confluent_kafka import Consumer, KafkaError, TopicPartition
from confluent_kafka.admin import AdminClient, NewPartitions  # type: ignore[attr-defined]
from prometheus_client import REGISTRY

from common.settings import load_settings
from digger.cluster import PodsPublisher
from digger.cluster_state import ClusterState
from digger.settings import DiggerSettings
from digger.topics import ensure_topics
from interceptor.discovery import PodDirectory
from interceptor.settings import InterceptorSettings
from interceptor.sink import KafkaSink
from interceptor.wire import EncodedExchange
from protos.sieve.v1 import exchange_pb2
from protos.sieve.v1 import identity_pb2 as idp
from tests.digger.test_kube import owned, pod

pytestmark = pytest.mark.integration

Record = tuple[int, bytes | None, bytes | None]  # partition, key, value


def _read(bootstrap: str, topic: str, expect: int | None = None) -> list[Record]:
    """Every record of ``topic`` (to the end of each partition)."""
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": uuid.uuid4().hex,
            "auto.offset.reset": "earliest",
            "enable.partition.eof": True,
        }
    )
    meta = consumer.list_topics(topic, timeout=10).topics[topic]
    consumer.assign([TopicPartition(topic, p, 0) for p in meta.partitions])
    open_parts = set(meta.partitions)
    got: list[Record] = []
    deadline = time.monotonic() + 30
    try:
        while (open_parts or (expect is not None and len(got) < expect)) and (
            time.monotonic() < deadline
        ):
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            err = msg.error()
            if err is not None:
                if err.code() == KafkaError._PARTITION_EOF:
                    open_parts.discard(msg.partition())
                continue
            got.append((msg.partition() or 0, msg.key(), msg.value()))
    finally:
        consumer.close()
    return got


def _view(records: list[Record]) -> dict[str, idp.PodIdentity]:
    view: dict[str, idp.PodIdentity] = {}
    for _p, key, value in records:
        ip = (key or b"").decode()
        if value is None:
            view.pop(ip, None)
        else:
            view[ip] = idp.PodIdentity.FromString(value)
    return view


def _settings(bootstrap: str, partitions: int = 4) -> DiggerSettings:
    name = uuid.uuid4().hex[:10]
    return DiggerSettings(
        kafka_bootstrap_servers=bootstrap,
        kafka_exchanges_topic=f"test.{name}.exchanges",
        kafka_pods_topic=f"test.{name}.pods",
        kafka_exchanges_partitions=partitions,
    )


def _web_and_db(state: ClusterState) -> None:
    state.apply("replicasets", "ADDED", owned("web-7d9f", ("Deployment", "web")))
    for i in range(1, 5):
        state.apply(
            "pods", "ADDED", pod(f"web-7d9f-{i}", f"10.0.0.{i}", owner=("ReplicaSet", "web-7d9f"))
        )
    for i in range(1, 3):
        state.apply("pods", "ADDED", pod(f"db-{i}", f"10.0.1.{i}", owner=("StatefulSet", "db")))


def test_the_publisher_stripes_workloads_and_a_new_publisher_keeps_the_placements(
    kafka_bootstrap: str,
):
    settings = _settings(kafka_bootstrap)
    ensure_topics(settings)
    pub_a, pub_b = PodsPublisher(settings, active=False), PodsPublisher(settings, active=False)
    a, b = ClusterState(publish=pub_a), ClusterState(publish=pub_b)
    for s in (a, b):
        _web_and_db(s)
    assert pub_a.take_over(a.published()) == 6
    placed = {
        ip: p.exchanges_partition
        for ip, p in _view(_read(kafka_bootstrap, settings.kafka_pods_topic)).items()
    }
    assert placed == {
        "10.0.0.1": 0,  # 4 partitions in spread order: 0, 3, 2, 1
        "10.0.0.2": 3,
        "10.0.0.3": 2,
        "10.0.0.4": 1,
        "10.0.1.1": 0,
        "10.0.1.2": 3,
    }
    # a Service address is not placed; a delete frees a slot that the next pod takes
    for s in (a, b):
        svc = {"metadata": {"name": "web", "namespace": "shop"}, "spec": {"clusterIP": "10.96.0.9"}}
        s.apply("services", "ADDED", svc)
        s.apply("pods", "DELETED", pod("web-7d9f-3", "10.0.0.3", owner=("ReplicaSet", "web-7d9f")))
    assert REGISTRY.get_sample_value("digger_placed_pods", {"partition": "0"}) == 2
    pub_a.step_down()  # B takes over having missed nothing, A having placed
    assert REGISTRY.get_sample_value("digger_placed_pods", {"partition": "0"}) is None
    for s in (a, b):
        s.apply("pods", "ADDED", pod("db-3", "10.0.1.3", owner=("StatefulSet", "db")))
    assert pub_b.take_over(b.published()) == 1  # only db-3 is new: every placement kept
    assert REGISTRY.get_sample_value("digger_placed_pods", {"partition": "2"}) == 1  # db-3
    view = _view(_read(kafka_bootstrap, settings.kafka_pods_topic))
    assert not view["10.96.0.9"].HasField("exchanges_partition")
    placed = {
        ip: p.exchanges_partition for ip, p in view.items() if p.HasField("exchanges_partition")
    }
    # db-3 goes where no db pod is, and of those to the partition with fewest pods (web-3's)
    assert placed == {**{k: v for k, v in placed.items() if k != "10.0.1.3"}, "10.0.1.3": 2}
    assert "10.0.0.3" not in placed
    assert pub_b.take_over(b.published()) == 0  # idempotent
    # while B publishes, a new pod is placed at once, around the kept placements
    b.apply("pods", "ADDED", pod("web-7d9f-5", "10.0.0.5", owner=("ReplicaSet", "web-7d9f")))
    pub_b.flush()
    view = _view(_read(kafka_bootstrap, settings.kafka_pods_topic))
    assert view["10.0.0.5"].exchanges_partition == 2  # web's free slot
    pub_a.flush()


def test_more_partitions_keep_placements_and_new_pods_use_them(
    kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch
):
    settings = _settings(kafka_bootstrap, partitions=2)
    ensure_topics(settings)
    publisher = PodsPublisher(settings, active=False)
    state = ClusterState(publish=publisher)
    for i in range(1, 5):
        state.apply("pods", "ADDED", pod(f"web-{i}", f"10.0.0.{i}", owner=("StatefulSet", "web")))
    publisher.take_over(state.published())
    admin = AdminClient({"bootstrap.servers": kafka_bootstrap})
    admin.create_partitions([NewPartitions(settings.kafka_exchanges_topic, 4)])[
        settings.kafka_exchanges_topic
    ].result(30)
    monkeypatch.setattr("digger.cluster.PARTITIONS_CHECK_SECONDS", 0.0)
    for i in range(5, 7):
        state.apply("pods", "ADDED", pod(f"web-{i}", f"10.0.0.{i}", owner=("StatefulSet", "web")))
    publisher.flush()
    view = _view(_read(kafka_bootstrap, settings.kafka_pods_topic))
    assert {ip: p.exchanges_partition for ip, p in view.items()} == {
        "10.0.0.1": 0,
        "10.0.0.2": 1,
        "10.0.0.3": 0,
        "10.0.0.4": 1,
        "10.0.0.5": 3,  # the new partitions, in spread order (0, 3, 2, 1)
        "10.0.0.6": 2,
    }


def _exchange(ip: str, i: int) -> EncodedExchange:
    ex = exchange_pb2.HttpExchange(connection_id="c", sequence=i)
    ex.server.ip, ex.server.port = ip, 8080
    ex.request.method, ex.request.target = "GET", f"/x/{i}"
    return EncodedExchange.of(ex)


def test_the_sink_produces_to_the_placed_partition_and_hashes_the_rest(kafka_bootstrap: str):
    """The whole path: the digger's publisher → sieve.pods → the interceptor's directory →
    its sink → sieve.exchanges on the placed partition, with the key kept."""
    settings = _settings(kafka_bootstrap, partitions=6)
    ensure_topics(settings)
    publisher = PodsPublisher(settings, active=False)
    state = ClusterState(publish=publisher)
    _web_and_db(state)
    publisher.take_over(state.published())
    placed = {
        ip: p.exchanges_partition
        for ip, p in _view(_read(kafka_bootstrap, settings.kafka_pods_topic)).items()
    }

    icp = load_settings(
        InterceptorSettings,
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_pods_topic=settings.kafka_pods_topic,
        kafka_exchanges_topic=settings.kafka_exchanges_topic,
        kafka_linger_ms=5,
        node_name="node-a",
    )
    pods = PodDirectory(icp)
    pods.start()
    try:
        assert pods.caught_up.wait(30)
    finally:
        pods.stop()
    assert {k.decode(): v for k, v in pods.placements().items()} == placed
    sink = KafkaSink(icp, placements=pods.placements())
    early = _exchange("10.0.0.1", 0)
    assert sink.send(early)  # the partition count not read yet: hashed
    assert sink.refresh_partitions() == 6
    outside = "203.0.113.7"  # an external server: never placed
    sent = [_exchange(ip, i) for i, ip in enumerate([*placed, outside] * 3, start=1)]
    for rec in sent:
        assert sink.send(rec)
    assert sink.flush(30) == 0
    assert sink.placed == 3 * len(placed)
    assert sink.hashed == {"unplaced": 3, "partitions_unknown": 1, "beyond_partitions": 0}

    got = _read(kafka_bootstrap, settings.kafka_exchanges_topic, expect=len(sent) + 1)
    assert len(got) == len(sent) + 1
    by_ip: dict[str, set[int]] = {}
    for partition, key, value in got:
        ex = exchange_pb2.HttpExchange.FromString(value or b"")
        assert key == f"{ex.server.ip}:8080".encode()  # the key is kept
        if ex.sequence:  # the early record (sequence 0) went by the hash
            by_ip.setdefault(ex.server.ip, set()).add(partition)
    # librdkafka's default partitioner (consistent_random): CRC-32 of the key
    outside_hash = zlib.crc32(f"{outside}:8080".encode()) % 6
    assert by_ip == {**{ip: {p} for ip, p in placed.items()}, outside: {outside_hash}}


def test_a_placement_beyond_the_partition_count_falls_back_to_the_hash(
    kafka_bootstrap: str, unique_topic: str
):
    admin = AdminClient({"bootstrap.servers": kafka_bootstrap})
    from confluent_kafka.admin import NewTopic  # type: ignore[attr-defined]

    admin.create_topics([NewTopic(unique_topic, 3, 1)])[unique_topic].result(30)
    icp = load_settings(
        InterceptorSettings, kafka_bootstrap_servers=kafka_bootstrap, kafka_linger_ms=5
    )
    placements = {b"10.0.0.1": 1, b"10.0.0.2": 5}
    sink = KafkaSink(icp, topic=unique_topic, placements=placements)
    assert sink.refresh_partitions() == 3
    for i in range(4):
        assert sink.send(_exchange("10.0.0.1", i))
        assert sink.send(_exchange("10.0.0.2", i))
    assert sink.flush(30) == 0
    assert (sink.placed, sink.hashed["beyond_partitions"]) == (4, 4)
    # the count read is ahead of librdkafka's metadata (partitions being added): produce
    # refuses the partition at once, and the record goes by the hash
    sink.partitions = 8
    assert sink.send(_exchange("10.0.0.2", 4))
    assert sink.flush(30) == 0
    assert (sink.placed, sink.hashed["beyond_partitions"], sink.delivery_failed) == (4, 5, 0)
    got = _read(kafka_bootstrap, unique_topic, expect=9)
    partitions = {key: {p for p, k, _ in got if k == key} for _, key, _ in got}
    assert partitions == {
        b"10.0.0.1:8080": {1},
        b"10.0.0.2:8080": {zlib.crc32(b"10.0.0.2:8080") % 3},
    }
