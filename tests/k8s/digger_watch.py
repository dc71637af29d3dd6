"""The digger's cluster watch against the test API server, publishing to a real pods topic."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from common.service import Runtime
from digger.cluster import ClusterWatcher
from digger.settings import DiggerSettings
from digger.topics import ensure_topics
from tests.k8s import objects
from tests.k8s.cluster import eventually


def digger_settings(kubeconfig: str, kafka_bootstrap: str) -> DiggerSettings:
    """Digger settings for the test API server and a pods topic of the test's own."""
    name = uuid.uuid4().hex[:10]
    return DiggerSettings(
        kubeconfig=kubeconfig,
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_exchanges_topic=f"test.{name}.exchanges",
        kafka_pods_topic=f"test.{name}.pods",
        watch_timeout_seconds=10,  # the shortest allowed: the threads stop sooner
        watch_backoff_initial_seconds=0.2,
        watch_backoff_max_seconds=2.0,
    )


@contextmanager
def watching(
    kubeconfig: str, kafka_bootstrap: str
) -> Iterator[tuple[ClusterWatcher, objects.PodsTopic]]:
    """A started `ClusterWatcher` (synced) and a reader of its pods topic; both stopped after."""
    settings = digger_settings(kubeconfig, kafka_bootstrap)
    ensure_topics(settings)
    watcher = ClusterWatcher.from_settings(settings, Runtime())
    watcher.start()
    topic = objects.PodsTopic(kafka_bootstrap, settings.kafka_pods_topic)
    try:
        eventually(watcher.synced, timeout=30)
        watcher.set_publishing(True)  # as the service does when it holds partition 0
        yield watcher, topic
    finally:
        watcher.stop()
        topic.close()
