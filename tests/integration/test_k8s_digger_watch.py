"""The digger's identity watch (digger.cluster, .cluster_state, .watch) on a real API server."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator

import pytest
from kubernetes import client

from common.service import Runtime
from digger.cluster import ClusterWatcher
from digger.cluster_state import ClusterState
from digger.topics import ensure_topics
from digger.watch import ResourceWatcher
from protos.sieve.v1 import identity_pb2 as idp
from scripts import k8s_dev
from tests.k8s import objects
from tests.k8s.cluster import eventually
from tests.k8s.digger_watch import digger_settings, watching

pytestmark = pytest.mark.integration


def subnet() -> str:
    """A 10.244.N prefix no other test of the session uses (probably)."""
    return f"10.244.{random.randrange(1, 250)}"


@pytest.fixture
def digger(
    k8s_cluster: k8s_dev.Cluster, kafka_bootstrap: str
) -> Iterator[tuple[ClusterWatcher, objects.PodsTopic]]:
    """The digger's cluster watch (admin kubeconfig) publishing to Kafka, and a topic reader."""
    with watching(str(k8s_cluster.kubeconfig), kafka_bootstrap) as running:
        yield running


def workload(kind: int, namespace: str, name: str) -> idp.Workload:
    return idp.Workload(kind=kind, namespace=namespace, name=name)  # type: ignore[arg-type]


def test_pods_owners_and_services_are_followed(
    digger: tuple[ClusterWatcher, objects.PodsTopic],
    k8s_admin: client.ApiClient,
    k8s_namespace: str,
):
    watcher, topic = digger
    ns, net = k8s_namespace, subnet()
    web_ip, solo_ip, moved_ip = f"{net}.5", f"{net}.6", f"{net}.7"

    _, rs = objects.deployment_with_replicaset(k8s_admin, ns, "web")
    objects.create_pod(
        k8s_admin,
        ns,
        "web-5d8f7c-x1",
        owned_by=objects.owner("ReplicaSet", rs),
        labels={"app": "web", "pod-template-hash": "5d8f7c"},
    )
    objects.create_pod(k8s_admin, ns, "solo", node="node-b")
    assert watcher.table.resolve(web_ip) is None
    objects.set_pod_ip(k8s_admin, ns, "web-5d8f7c-x1", web_ip)
    objects.set_pod_ip(k8s_admin, ns, "solo", solo_ip, host_ip="192.168.77.11")
    service = objects.create_service(k8s_admin, ns, "web", app="web")
    service_ip = service.spec.cluster_ip
    assert service_ip.startswith("10.96.")

    eventually(
        lambda: watcher.table.resolve(web_ip) == workload(idp.WORKLOAD_KIND_DEPLOYMENT, ns, "web")
    )
    eventually(
        lambda: watcher.table.resolve(solo_ip) == workload(idp.WORKLOAD_KIND_POD, ns, "solo")
    )
    eventually(
        lambda: watcher.table.resolve(service_ip) == workload(idp.WORKLOAD_KIND_SERVICE, ns, "web")
    )
    topic.wait_for(lambda seen: web_ip in seen and solo_ip in seen and service_ip in seen)
    svc = topic.latest[service_ip]
    assert svc is not None
    assert (svc.workload_kind, svc.namespace, svc.workload_name) == (
        idp.WORKLOAD_KIND_SERVICE,
        ns,
        "web",
    )
    assert (svc.pod_name, svc.node_name) == ("", "")
    web = topic.latest[web_ip]
    assert web is not None
    assert (web.namespace, web.pod_name, web.node_name) == (ns, "web-5d8f7c-x1", "node-a")
    assert (web.workload_kind, web.workload_name) == (idp.WORKLOAD_KIND_DEPLOYMENT, "web")

    # Changed: the pod gets a new sandbox IP; the old IP is tombstoned.
    objects.set_pod_ip(k8s_admin, ns, "web-5d8f7c-x1", moved_ip)
    eventually(lambda: watcher.table.resolve(moved_ip) is not None)
    assert watcher.table.resolve(web_ip) is None
    topic.wait_for(lambda seen: seen.get(web_ip, b"") is None and seen.get(moved_ip) is not None)

    # Deleted: pod and service disappear from the map and the topic.
    objects.delete_pod(k8s_admin, ns, "solo")
    client.CoreV1Api(k8s_admin).delete_namespaced_service("web", ns)
    eventually(
        lambda: watcher.table.resolve(solo_ip) is None and watcher.table.resolve(service_ip) is None
    )
    topic.wait_for(lambda seen: seen.get(solo_ip, b"") is None and seen[service_ip] is None)


def test_an_expired_watch_is_relisted_without_loss(
    k8s_cluster: k8s_dev.Cluster, k8s_admin: client.ApiClient, k8s_namespace: str
):
    """A watch resumed from a compacted resourceVersion gets 410 Gone; the relist catches up."""
    ns, net = k8s_namespace, subnet()
    published: dict[str, idp.PodIdentity | None] = {}
    state = ClusterState(publish=published.__setitem__)
    core = client.CoreV1Api(k8s_admin)

    def run(
        resource_version: str | None,
    ) -> tuple[ResourceWatcher, threading.Event, threading.Thread]:
        stop = threading.Event()
        watcher = ResourceWatcher(
            "pods",
            core.list_pod_for_all_namespaces,
            state,
            stop=stop,
            timeout_seconds=2,
            backoff_initial=0.2,
            backoff_max=2.0,
        )
        watcher.resource_version = resource_version
        thread = threading.Thread(target=watcher.run, daemon=True)
        thread.start()
        return watcher, stop, thread

    first, stop, thread = run(None)
    eventually(first.synced.is_set, timeout=15)
    for name, last in (("gone", 1), ("kept", 2)):
        objects.create_pod(k8s_admin, ns, name)
        objects.set_pod_ip(k8s_admin, ns, name, f"{net}.{last}")
    eventually(lambda: state.table.resolve(f"{net}.2") is not None)
    stop.set()
    thread.join(10)
    assert not thread.is_alive()
    old_version = first.resource_version
    assert old_version is not None

    # While the digger is away: a pod deleted, one added, history compacted, server restarted.
    objects.delete_pod(k8s_admin, ns, "gone")
    objects.create_pod(k8s_admin, ns, "new")
    objects.set_pod_ip(k8s_admin, ns, "new", f"{net}.3")
    k8s_cluster.compact_etcd()
    k8s_cluster.restart_apiserver()

    second, stop, thread = run(old_version)
    try:
        eventually(lambda: state.table.resolve(f"{net}.3") is not None, timeout=30)
        eventually(lambda: state.table.resolve(f"{net}.1") is None)
        assert state.table.resolve(f"{net}.2") == workload(idp.WORKLOAD_KIND_POD, ns, "kept")
        assert published[f"{net}.1"] is None  # tombstone for the pod deleted meanwhile
        assert second.restarts.get("gone", 0) + second.restarts.get("http_410", 0) >= 1, (
            second.restarts
        )
    finally:
        stop.set()
        thread.join(10)


def test_an_api_server_restart_is_survived(
    digger: tuple[ClusterWatcher, objects.PodsTopic],
    k8s_cluster: k8s_dev.Cluster,
    k8s_admin: client.ApiClient,
    k8s_namespace: str,
):
    watcher, topic = digger
    ns, net = k8s_namespace, subnet()
    objects.create_pod(k8s_admin, ns, "before")
    objects.set_pod_ip(k8s_admin, ns, "before", f"{net}.1")
    eventually(lambda: watcher.table.resolve(f"{net}.1") is not None)

    k8s_cluster.restart_apiserver()

    objects.create_pod(k8s_admin, ns, "after")
    objects.set_pod_ip(k8s_admin, ns, "after", f"{net}.2")
    objects.delete_pod(k8s_admin, ns, "before")
    eventually(
        lambda: watcher.table.resolve(f"{net}.2") == workload(idp.WORKLOAD_KIND_POD, ns, "after"),
        timeout=30,
    )
    eventually(lambda: watcher.table.resolve(f"{net}.1") is None)
    topic.wait_for(lambda seen: seen.get(f"{net}.1", b"") is None and f"{net}.2" in seen)
    assert watcher.synced()
    # Every watch saw the server go away (a failed reconnect), not only its own timeouts.
    failed = {w.resource: set(w.restarts) - {"timeout"} for w in watcher.watchers}
    assert all(failed.values()), failed


def test_stop_unblocks_idle_watches_at_once(k8s_cluster: k8s_dev.Cluster, kafka_bootstrap: str):
    import time

    settings = digger_settings(str(k8s_cluster.kubeconfig), kafka_bootstrap)
    settings = settings.model_copy(update={"watch_timeout_seconds": 300})
    ensure_topics(settings)
    watcher = ClusterWatcher.from_settings(settings, Runtime())
    watcher.start()
    eventually(watcher.synced, timeout=30)
    time.sleep(0.5)  # every thread is now blocked reading an idle watch
    started = time.monotonic()
    watcher.stop()
    assert time.monotonic() - started < 1.5
    assert not any(t.is_alive() for t in watcher._threads)
