"""Wires the Kubernetes watches to the API server and the pods publisher to Kafka.

One digger replica publishes ``sieve.pods``: the one that holds partition 0 of
``sieve.exchanges`` (the consumer group's coordinator hands that partition to exactly one
member at a time; cooperative-sticky assignment revokes it before it is assigned again).
Every replica watches the API and keeps the same state; on becoming the publisher a replica
reads the compacted topic to its end and publishes only the difference between it and its
own state (changed identities, and tombstones for addresses it does not know), so whatever
its predecessor did or did not write, the topic converges on the current state.

The publisher also places each pod IP on a partition of ``sieve.exchanges``
(`PodIdentity.exchanges_partition`, `digger.placement`), so that the interceptors' records
spread the replicas' load evenly. A new publisher keeps the placements it finds in the
topic for the IPs that still exist and places only the others; it reads the partition
count of ``sieve.exchanges`` when it takes over and again at most every
``PARTITIONS_CHECK_SECONDS`` while it places new IPs.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer, TopicPartition

from common.backoff import Backoff
from common.kafka_config import client_config, partition_count
from common.service import Runtime
from digger import metrics
from digger.cluster_state import ClusterState
from digger.identities import IdentityTable
from digger.placement import PartitionPlacement, WorkloadKey
from digger.settings import DiggerSettings
from digger.watch import ResourceWatcher
from protos.sieve.v1 import identity_pb2

log = logging.getLogger(__name__)

PARTITIONS_CHECK_SECONDS = 60.0
"""How often (at most) the publisher re-reads the partition count of sieve.exchanges."""


def workload_key(identity: identity_pb2.PodIdentity) -> WorkloadKey:
    """The workload whose pods share a Service's load."""
    return identity.namespace, int(identity.workload_kind), identity.workload_name


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
        self.placement = PartitionPlacement() if settings.place_exchanges else None
        self._identities: dict[str, identity_pb2.PodIdentity] = {}  # placed IP → unplaced
        self._partitions_checked = -PARTITIONS_CHECK_SECONDS
        self._exported_partitions = 0

    def __call__(self, ip: str, identity: identity_pb2.PodIdentity | None) -> None:
        """Publish ``identity`` for ``ip``, or a tombstone when it is None (if active)."""
        if not self.active:
            return
        if identity is None:
            self._unplace(ip)
        else:
            self._check_partitions()
            identity = self._placed(ip, identity)
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
        current = self.read_topic(timeout)
        if self.placement is not None:
            desired = self._place_all(current, desired, timeout)
        changes = reconcile(current, desired)
        for ip, value in changes:
            self._produce(ip, value, "tombstone" if value is None else "reconciled")
        self.flush(timeout)
        self.active = True
        log.info("publishing sieve.pods", extra={"reconciled": len(changes)})
        return len(changes)

    def step_down(self) -> None:
        """Stop publishing (another replica takes over)."""
        self.active = False
        if self.placement is not None:  # the next takeover starts from the topic
            self.placement = PartitionPlacement()
            self._identities.clear()
            self._export_placement()
        self.flush()
        log.info("no longer publishing sieve.pods")

    # --- placement on sieve.exchanges ----------------------------------------------------
    def _place_all(
        self, current: dict[str, bytes], desired: dict[str, bytes], timeout: float
    ) -> dict[str, bytes]:
        """``desired`` with placements: those in the topic kept, the other IPs placed."""
        count = self.exchange_partitions(timeout)
        if count is None:  # placing without it would drop the topic's placements
            raise TimeoutError(f"partition count of sieve.exchanges not read in {timeout:.0f} s")
        self.placement = PartitionPlacement(count)
        self._partitions_checked = time.monotonic()
        self._identities.clear()
        wanted = {ip: identity_pb2.PodIdentity.FromString(raw) for ip, raw in desired.items()}
        kept = 0
        for ip, identity in sorted(wanted.items()):
            found = _placement_in(current.get(ip))
            if found is not None and _placeable(identity):
                kept += self.placement.adopt(ip, workload_key(identity), found)
        out = {  # new IPs placed in address order: the same state gives the same placements
            ip: self._placed(ip, identity).SerializeToString()
            for ip, identity in sorted(wanted.items())
        }
        log.info(
            "exchange placements",
            extra={
                "kept": kept,
                "placed": len(self.placement),
                "partitions": self.placement.partitions,
            },
        )
        return out

    def _placed(self, ip: str, identity: identity_pb2.PodIdentity) -> identity_pb2.PodIdentity:
        """``identity`` with its IP's partition of sieve.exchanges (placed now if new)."""
        if self.placement is None:
            return identity
        if not _placeable(identity):
            self._unplace(ip)
            return identity
        partition = self.placement.place(ip, workload_key(identity))
        if partition is None:
            metrics.PODS_UNPLACED.inc()
            return identity
        self._identities[ip] = identity
        self._export_placement()
        placed = identity_pb2.PodIdentity()
        placed.CopyFrom(identity)
        placed.exchanges_partition = partition
        return placed

    def _unplace(self, ip: str) -> None:
        if self.placement is not None and self.placement.partition_of(ip) is not None:
            self.placement.release(ip)
            self._identities.pop(ip, None)
            self._export_placement()

    def _check_partitions(self) -> None:
        """Re-read the partition count now and then; re-place the IPs that no longer fit."""
        if self.placement is None:
            return
        now = time.monotonic()
        if now - self._partitions_checked < PARTITIONS_CHECK_SECONDS:
            return
        self._partitions_checked = now
        count = self.exchange_partitions(timeout=2.0)
        if count is None or count == self.placement.partitions:
            return
        log.info(
            "sieve.exchanges partition count changed",
            extra={"before": self.placement.partitions, "now": count},
        )
        for ip in self.placement.resize(count):
            identity = self._identities.pop(ip, None)
            if identity is not None:
                self._produce(ip, self._placed(ip, identity).SerializeToString(), "replaced")

    def exchange_partitions(self, timeout: float) -> int | None:
        """Partitions of sieve.exchanges (0: no such topic; None: Kafka did not answer)."""
        count = partition_count(self._producer, self.settings.kafka_exchanges_topic, timeout)
        if count is None:
            log.warning("partition count of sieve.exchanges not read")
        return count

    def _export_placement(self) -> None:
        if self.placement is None:
            return
        counts = self.placement.pods_per_partition()
        if len(counts) != self._exported_partitions:  # no stale partitions (or publisher)
            metrics.PLACED_PODS.clear()
            self._exported_partitions = len(counts)
        for partition, pods in enumerate(counts):
            metrics.PLACED_PODS.labels(partition=str(partition)).set(pods)

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


def _placeable(identity: identity_pb2.PodIdentity) -> bool:
    """Pods are placed (also host-network ones, per node IP); Service addresses are not:
    interceptors see the server pod's IP after the DNAT."""
    return identity.workload_kind != identity_pb2.WORKLOAD_KIND_SERVICE


def _placement_in(raw: bytes | None) -> int | None:
    """The placement a record of the topic holds, None if none (or unreadable)."""
    if raw is None:
        return None
    try:
        identity = identity_pb2.PodIdentity.FromString(raw)
    except Exception:  # protobuf DecodeError: a record reconcile rewrites anyway
        return None
    return identity.exchanges_partition if identity.HasField("exchanges_partition") else None


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
