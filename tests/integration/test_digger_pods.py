"""Pod identities from the K8s state machine published on a real compacted Kafka topic."""

from __future__ import annotations

import time
import uuid

import pytest
from confluent_kafka import Consumer
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
