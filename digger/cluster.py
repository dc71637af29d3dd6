"""Wires the Kubernetes watches to the API server and the pods publisher to Kafka.

One digger replica publishes ``sieve.pods``: the one that holds partition 0 of
``sieve.exchanges`` (the consumer group's coordinator hands that partition to exactly one
member at a time; cooperative-sticky assignment revokes it before it is assigned again).
Every replica watches the API and keeps the same state; on becoming the publisher a replica
reads the compacted topic to its end and publishes only the difference between it and its
own state (changed identities, and tombstones for addresses it does not know), so whatever
its predecessor did or did not write, the topic converges on the current state.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer, TopicPartition

from common.backoff import Backoff
from common.kafka_config import client_config
from common.service import Runtime
from digger import metrics
from digger.cluster_state import ClusterState
from digger.identities import IdentityTable
from digger.settings import DiggerSettings
from digger.watch import ResourceWatcher
from protos.sieve.v1 import identity_pb2

log = logging.getLogger(__name__)


class PodsPublisher:
    """Produces PodIdentity records (key: IP) and tombstones to the compacted topic.

    Records are pods and Service addresses (kind SERVICE); see `digger.cluster_state`.
    """

    def __init__(self, settings: DiggerSettings, *, active: bool = True) -> None:
        self.topic = settings.kafka_pods_topic
        self.settings = settings
        self.active = active  # only the publishing replica produces (see the module docstring)
        self._producer = Producer(
            client_config(
                settings,
                **{
                    "compression.type": settings.kafka_compression,
                    "enable.idempotence": True,
                    "linger.ms": 50,
                    "logger": log,  # librdkafka's lines as JSON log records, not raw stderr
                },
            )
        )

    def __call__(self, ip: str, identity: identity_pb2.PodIdentity | None) -> None:
        """Publish ``identity`` for ``ip``, or a tombstone when it is None (if active)."""
        if not self.active:
            return
        value = identity.SerializeToString() if identity is not None else None
        kind = "tombstone" if identity is None else "pod"
        if identity is not None and identity.workload_kind == identity_pb2.WORKLOAD_KIND_SERVICE:
            kind = "service"
        self._produce(ip, value, kind)

    def _produce(self, ip: str, value: bytes | None, kind: str) -> None:
        try:
            self._producer.produce(self.topic, value, ip.encode(), on_delivery=self._delivered)
            metrics.PODS_PUBLISHED.labels(kind=kind).inc()
        except BufferError:
            self._producer.poll(1.0)
            self._producer.produce(self.topic, value, ip.encode(), on_delivery=self._delivered)
        self._producer.poll(0)

    def take_over(self, desired: dict[str, bytes], timeout: float = 30.0) -> int:
        """Become the publisher: publish the difference between the topic and ``desired``
        (IP → serialized identity); return the records produced. Hold the state's lock."""
        changes = reconcile(self.read_topic(timeout), desired)
        for ip, value in changes:
            self._produce(ip, value, "tombstone" if value is None else "reconciled")
        self.flush(timeout)
        self.active = True
        log.info("publishing sieve.pods", extra={"reconciled": len(changes)})
        return len(changes)

    def step_down(self) -> None:
        """Stop publishing (another replica takes over)."""
        self.active = False
        self.flush()
        log.info("no longer publishing sieve.pods")

    def read_topic(self, timeout: float = 30.0) -> dict[str, bytes]:
        """The compacted view of the topic: IP → its last value (tombstoned IPs left out)."""
        consumer = Consumer(
            client_config(
                self.settings,
                **{
                    "group.id": "sieve-digger-pods-reader",
                    "enable.auto.commit": False,
                    "logger": log,
                },
            )
        )
        try:
            meta = consumer.list_topics(self.topic, timeout=timeout).topics[self.topic]
            ends: dict[int, int] = {}
            assignment = []
            for p in meta.partitions:
                low, high = _watermarks(consumer, TopicPartition(self.topic, p), timeout)
                if high > low:
                    ends[p] = high
                    assignment.append(TopicPartition(self.topic, p, low))
            view: dict[str, bytes] = {}
            if assignment:
                consumer.assign(assignment)
            while ends:
                msg = consumer.poll(timeout)
                if msg is None:
                    raise TimeoutError(f"{self.topic} not read to its end in {timeout:.0f} s")
                if msg.error() is not None:
                    continue
                key = (msg.key() or b"").decode(errors="replace")
                value = msg.value()
                if value is None:
                    view.pop(key, None)
                else:
                    view[key] = value
                part, offset = msg.partition(), msg.offset()
                if part is not None and offset is not None and offset + 1 >= ends.get(part, 0):
                    ends.pop(part, None)
            return view
        finally:
            consumer.close()

    @staticmethod
    def _delivered(err: KafkaError | None, _msg: Message) -> None:
        if err is not None:
            metrics.PODS_PUBLISH_ERRORS.inc()
            log.warning("pod identity not delivered", extra={"error": err.str()})

    def flush(self, timeout: float = 10.0) -> None:
        """Wait for outstanding records."""
        self._producer.flush(timeout)


def _watermarks(consumer: Consumer, tp: TopicPartition, timeout: float) -> tuple[int, int]:
    """Low and high offsets, retried while a new topic's partition has no leader yet."""
    deadline = time.monotonic() + timeout
    backoff = Backoff((0.1, 0.2, 0.5, 1.0))
    while True:
        try:
            low, high = consumer.get_watermark_offsets(tp, timeout=timeout)
            return int(low), int(high)
        except KafkaException:
            if time.monotonic() >= deadline:
                raise
            time.sleep(backoff.next())


def reconcile(
    current: dict[str, bytes], desired: dict[str, bytes]
) -> list[tuple[str, bytes | None]]:
    """The records that turn the topic's view ``current`` into ``desired`` (None: tombstone)."""
    out: list[tuple[str, bytes | None]] = [
        (ip, raw) for ip, raw in sorted(desired.items()) if current.get(ip) != raw
    ]
    out.extend((ip, None) for ip in sorted(current.keys() - desired.keys()))
    return out


class ClusterWatcher:
    """Runs one ResourceWatcher thread per resource against the Kubernetes API."""

    def __init__(self, settings: DiggerSettings, list_fns: dict[str, Any], publish: Any) -> None:
        self.table = IdentityTable()
        self.state = ClusterState(self.table, publish)
        self._stop = threading.Event()
        self._publisher = publish if isinstance(publish, PodsPublisher) else None
        self.watchers = [
            ResourceWatcher(
                resource,
                fn,
                self.state,
                stop=self._stop,
                timeout_seconds=settings.watch_timeout_seconds,
                inactivity_seconds=settings.watch_inactivity_seconds,
                backoff_initial=settings.watch_backoff_initial_seconds,
                backoff_max=settings.watch_backoff_max_seconds,
            )
            for resource, fn in list_fns.items()
        ]
        self._threads = [
            threading.Thread(target=w.run, name=f"watch-{w.resource}", daemon=True)
            for w in self.watchers
        ]

    @classmethod
    def from_settings(cls, settings: DiggerSettings, runtime: Runtime) -> ClusterWatcher:
        """Load the in-cluster (or kubeconfig) credentials and build the watches."""
        from kubernetes import client, config

        if settings.kubeconfig:
            config.load_kube_config(config_file=settings.kubeconfig)  # type: ignore[no-untyped-call]
        else:
            config.load_incluster_config()  # type: ignore[no-untyped-call]
        core, apps, batch = client.CoreV1Api(), client.AppsV1Api(), client.BatchV1Api()
        list_fns = {
            "replicasets": apps.list_replica_set_for_all_namespaces,
            "jobs": batch.list_job_for_all_namespaces,
            "services": core.list_service_for_all_namespaces,
            "pods": core.list_pod_for_all_namespaces,
        }
        # the service makes it active when this replica holds partition 0 (set_publishing)
        publish = PodsPublisher(settings, active=False) if settings.publish_pods else None
        watcher = cls(settings, list_fns, publish)
        runtime.health.add_readiness("kubernetes", watcher.synced)
        return watcher

    def set_publishing(self, publish: bool) -> None:
        """Called with True when this replica becomes the ``sieve.pods`` publisher, False when
        it stops being it (see the module docstring)."""
        if self._publisher is None:
            return
        if publish:
            with self.state.lock:  # no event is published half-way through the takeover
                self._publisher.take_over(self.state.published())
        else:
            self._publisher.step_down()

    def synced(self) -> bool:
        """True once every resource was listed at least once."""
        return all(w.synced.is_set() for w in self.watchers)

    def start(self) -> None:
        """Start the watch threads."""
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop the watches and flush the publisher."""
        self._stop.set()
        for watcher in self.watchers:
            watcher.interrupt()
        for thread in self._threads:
            thread.join(timeout=2)
        if self._publisher is not None:
            self._publisher.flush()
