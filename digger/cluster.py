"""Wires the Kubernetes watches to the API server and the pods publisher to Kafka."""

from __future__ import annotations

import logging
import threading
from typing import Any

from confluent_kafka import KafkaError, Message, Producer

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

    def __init__(self, settings: DiggerSettings) -> None:
        self.topic = settings.kafka_pods_topic
        self._producer = Producer(
            client_config(
                settings,
                **{
                    "compression.type": settings.kafka_compression,
                    "enable.idempotence": True,
                    "linger.ms": 50,
                },
            )
        )

    def __call__(self, ip: str, identity: identity_pb2.PodIdentity | None) -> None:
        """Publish ``identity`` for ``ip``, or a tombstone when it is None."""
        value = identity.SerializeToString() if identity is not None else None
        kind = "tombstone" if identity is None else "pod"
        if identity is not None and identity.workload_kind == identity_pb2.WORKLOAD_KIND_SERVICE:
            kind = "service"
        try:
            self._producer.produce(self.topic, value, ip.encode(), on_delivery=self._delivered)
            metrics.PODS_PUBLISHED.labels(kind=kind).inc()
        except BufferError:
            self._producer.poll(1.0)
            self._producer.produce(self.topic, value, ip.encode(), on_delivery=self._delivered)
        self._producer.poll(0)

    @staticmethod
    def _delivered(err: KafkaError | None, _msg: Message) -> None:
        if err is not None:
            metrics.PODS_PUBLISH_ERRORS.inc()
            log.warning("pod identity not delivered", extra={"error": err.str()})

    def flush(self, timeout: float = 10.0) -> None:
        """Wait for outstanding records."""
        self._producer.flush(timeout)


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
        publish = PodsPublisher(settings) if settings.publish_pods else None
        watcher = cls(settings, list_fns, publish)
        runtime.health.add_readiness("kubernetes", watcher.synced)
        return watcher

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
