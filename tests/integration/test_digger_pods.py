"""Pod identities from the K8s state machine published on a real compacted Kafka topic."""

from __future__ import annotations

import time
import uuid

import pytest
from confluent_kafka import Consumer, KafkaError
from confluent_kafka.admin import AdminClient, ConfigResource  # type: ignore[attr-defined]

from digger.cluster import PodsPublisher
from digger.cluster_state import ClusterState
from digger.settings import DiggerSettings
from digger.topics import ensure_topics
from protos.sieve.v1 import identity_pb2 as idp
from tests.digger.test_kube import owned, pod

pytestmark = pytest.mark.integration


def test_pods_are_published_keyed_by_ip_with_tombstones(kafka_bootstrap: str):
    name = uuid.uuid4().hex[:10]
    settings = DiggerSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_exchanges_topic=f"test.{name}.exchanges",
        kafka_pods_topic=f"test.{name}.pods",
    )
    ensure_topics(settings)
    ensure_topics(settings)  # idempotent
    admin = AdminClient({"bootstrap.servers": kafka_bootstrap})
    res = ConfigResource(ConfigResource.Type.TOPIC, settings.kafka_pods_topic)
    config = next(iter(admin.describe_configs([res]).values())).result(10)
    assert config["cleanup.policy"].value == "compact"
    res = ConfigResource(ConfigResource.Type.TOPIC, settings.kafka_exchanges_topic)
    config = next(iter(admin.describe_configs([res]).values())).result(10)
    assert config["retention.ms"].value == str(settings.kafka_exchanges_retention_ms)

    publisher = PodsPublisher(settings)
    state = ClusterState(publish=publisher)
    state.apply("replicasets", "ADDED", owned("web-7d9f", ("Deployment", "web")))
    state.apply("pods", "ADDED", pod("web-7d9f-a", "10.0.0.1", owner=("ReplicaSet", "web-7d9f")))
    state.apply("pods", "ADDED", pod("db-0", "10.0.0.2", owner=("StatefulSet", "db")))
    state.apply("pods", "DELETED", pod("db-0", "10.0.0.2", owner=("StatefulSet", "db")))
    publisher.flush()

    consumer = Consumer(
        {"bootstrap.servers": kafka_bootstrap, "group.id": name, "auto.offset.reset": "earliest"}
    )
    consumer.subscribe([settings.kafka_pods_topic])
    got: list[tuple[bytes | None, bytes | None]] = []
    deadline = time.monotonic() + 30
    try:
        while len(got) < 3 and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None or msg.error():
                continue
            got.append((msg.key(), msg.value()))
    finally:
        consumer.close()
    assert [k for k, _ in got] == [b"10.0.0.1", b"10.0.0.2", b"10.0.0.2"]
    first = idp.PodIdentity.FromString(got[0][1] or b"")
    assert (first.ip, first.namespace, first.pod_name) == ("10.0.0.1", "shop", "web-7d9f-a")
    assert (first.workload_kind, first.workload_name) == (idp.WORKLOAD_KIND_DEPLOYMENT, "web")
    assert got[2][1] is None  # tombstone


def _records(bootstrap: str, topic: str) -> list[tuple[bytes | None, bytes | None]]:
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": uuid.uuid4().hex,
            "auto.offset.reset": "earliest",
            "enable.partition.eof": True,
        }
    )
    consumer.subscribe([topic])
    got: list[tuple[bytes | None, bytes | None]] = []
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            err = msg.error()
            if err is not None:
                if err.code() == KafkaError._PARTITION_EOF:
                    break
                continue
            got.append((msg.key(), msg.value()))
    finally:
        consumer.close()
    return got


def test_one_publisher_at_a_time_and_a_takeover_converges_the_topic(kafka_bootstrap: str):
    """Replica A publishes; B, not the publisher, writes nothing; A steps down (its partition
    0 moved) after missing events; B takes over and writes only the difference."""
    name = uuid.uuid4().hex[:10]
    settings = DiggerSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_exchanges_topic=f"test.{name}.exchanges",
        kafka_pods_topic=f"test.{name}.pods",
    )
    ensure_topics(settings)
    pub_a, pub_b = PodsPublisher(settings, active=False), PodsPublisher(settings, active=False)
    a, b = ClusterState(publish=pub_a), ClusterState(publish=pub_b)
    both = (a, b)
    for s in both:
        s.apply("pods", "ADDED", pod("web-0", "10.0.0.1"))
        s.apply("pods", "ADDED", pod("db-0", "10.0.0.2"))
    assert pub_a.take_over(a.published()) == 2  # an empty topic gets the whole state
    for s in both:
        s.apply("pods", "DELETED", pod("db-0", "10.0.0.2"))
        s.apply("pods", "ADDED", pod("cache-0", "10.0.0.3"))
    pub_a.step_down()
    written = _records(kafka_bootstrap, settings.kafka_pods_topic)
    assert len(written) == 4  # A's 2 + tombstone + cache-0; B wrote nothing
    # events after A stepped down reach only the state, not the topic …
    for s in both:
        s.apply("pods", "DELETED", pod("web-0", "10.0.0.1"))
        s.apply("pods", "ADDED", pod("api-0", "10.0.0.4"))
    assert len(_records(kafka_bootstrap, settings.kafka_pods_topic)) == 4
    # … until B takes over: only the difference is written
    assert pub_b.take_over(b.published()) == 2  # tombstone 10.0.0.1, add 10.0.0.4
    assert pub_b.take_over(b.published()) == 0  # idempotent
    view: dict[bytes, bytes] = {}
    for key, value in _records(kafka_bootstrap, settings.kafka_pods_topic):
        assert key is not None
        if value is None:
            view.pop(key, None)
        else:
            view[key] = value
    identities = {k.decode(): idp.PodIdentity.FromString(v) for k, v in view.items()}
    # B kept the placement A gave cache-0 (7: after 0 in spread order) and put api-0 on 0,
    # which web-0 left (exchange placement)
    assert {ip: p.exchanges_partition for ip, p in identities.items()} == {
        "10.0.0.3": 7,
        "10.0.0.4": 0,
    }
    for identity in identities.values():
        identity.ClearField("exchanges_partition")
    assert {ip: p.SerializeToString() for ip, p in identities.items()} == b.published()
    pub_a.flush()
    pub_b.flush()
