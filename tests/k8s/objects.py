"""Workload objects created through the API as controllers and kubelets would, and a
Kafka reader following the compacted `sieve.pods` topic."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from confluent_kafka import Consumer
from kubernetes import client

from protos.sieve.v1 import identity_pb2


def owner(kind: str, obj: Any) -> client.V1OwnerReference:
    """A controller ownerReference to the stored object ``obj``."""
    api_version = "apps/v1" if kind in ("Deployment", "ReplicaSet") else "batch/v1"
    return client.V1OwnerReference(
        api_version=api_version,
        kind=kind,
        name=obj.metadata.name,
        uid=obj.metadata.uid,
        controller=True,
    )


def deployment_with_replicaset(
    api: client.ApiClient, namespace: str, name: str, template_hash: str = "5d8f7c"
) -> tuple[Any, Any]:
    """A Deployment and the ReplicaSet its controller would make (owned by it)."""
    labels = {"app": name}
    template = client.V1PodTemplateSpec(
        metadata=client.V1ObjectMeta(labels=labels),
        spec=client.V1PodSpec(containers=[client.V1Container(name="app", image="app:1")]),
    )
    apps = client.AppsV1Api(api)
    deployment = apps.create_namespaced_deployment(
        namespace,
        client.V1Deployment(
            metadata=client.V1ObjectMeta(name=name),
            spec=client.V1DeploymentSpec(
                replicas=1, selector=client.V1LabelSelector(match_labels=labels), template=template
            ),
        ),
    )
    rs_labels = {**labels, "pod-template-hash": template_hash}
    replicaset = apps.create_namespaced_replica_set(
        namespace,
        client.V1ReplicaSet(
            metadata=client.V1ObjectMeta(
                name=f"{name}-{template_hash}",
                labels=rs_labels,
                owner_references=[owner("Deployment", deployment)],
            ),
            spec=client.V1ReplicaSetSpec(
                replicas=1,
                selector=client.V1LabelSelector(match_labels=rs_labels),
                template=client.V1PodTemplateSpec(
                    metadata=client.V1ObjectMeta(labels=rs_labels), spec=template.spec
                ),
            ),
        ),
    )
    return deployment, replicaset


def create_pod(
    api: client.ApiClient,
    namespace: str,
    name: str,
    *,
    owned_by: client.V1OwnerReference | None = None,
    labels: dict[str, str] | None = None,
    node: str = "node-a",
    port: int = 8080,
) -> Any:
    """A pod bound to ``node`` (no scheduler runs), without an IP yet."""
    return client.CoreV1Api(api).create_namespaced_pod(
        namespace,
        client.V1Pod(
            metadata=client.V1ObjectMeta(
                name=name,
                labels=labels or {},
                owner_references=[owned_by] if owned_by else None,
            ),
            spec=client.V1PodSpec(
                node_name=node,
                containers=[
                    client.V1Container(
                        name="app",
                        image="app:1",
                        ports=[client.V1ContainerPort(container_port=port)],
                    )
                ],
            ),
        ),
    )


def set_pod_ip(
    api: client.ApiClient, namespace: str, name: str, ip: str, host_ip: str = "192.168.77.10"
) -> Any:
    """What a kubelet reports once the sandbox runs (phase, IPs), via the status subresource."""
    # A JSON patch replaces the IP lists (a strategic merge would append to them).
    status: list[dict[str, Any]] = [
        {"op": "add", "path": "/status/phase", "value": "Running"},
        {"op": "add", "path": "/status/podIP", "value": ip},
        {"op": "add", "path": "/status/podIPs", "value": [{"ip": ip}]},
        {"op": "add", "path": "/status/hostIP", "value": host_ip},
        {"op": "add", "path": "/status/hostIPs", "value": [{"ip": host_ip}]},
    ]
    return client.CoreV1Api(api).patch_namespaced_pod_status(name, namespace, status)


def delete_pod(api: client.ApiClient, namespace: str, name: str) -> None:
    """Delete at once (grace 0: no kubelet would confirm a graceful deletion)."""
    client.CoreV1Api(api).delete_namespaced_pod(name, namespace, grace_period_seconds=0)


def create_service(api: client.ApiClient, namespace: str, name: str, app: str) -> Any:
    """A ClusterIP Service; the server allocates its IP from the service CIDR."""
    return client.CoreV1Api(api).create_namespaced_service(
        namespace,
        client.V1Service(
            metadata=client.V1ObjectMeta(name=name),
            spec=client.V1ServiceSpec(
                selector={"app": app}, ports=[client.V1ServicePort(port=80, target_port=8080)]
            ),
        ),
    )


class PodsTopic:
    """Follows a compacted `sieve.pods` topic from the beginning: latest value per IP."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self._consumer = Consumer(
            {
                "bootstrap.servers": bootstrap,
                "group.id": f"k8s-test-{uuid.uuid4().hex[:8]}",
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
            }
        )
        self._consumer.subscribe([topic])
        self.latest: dict[str, identity_pb2.PodIdentity | None] = {}

    def wait_for(
        self,
        check: Callable[[dict[str, identity_pb2.PodIdentity | None]], bool],
        timeout: float = 15.0,
    ) -> None:
        """Consume until ``check(latest)`` holds; fail with what was seen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self.latest):
                return
            msg = self._consumer.poll(0.2)
            if msg is None or msg.error():
                continue
            key = (msg.key() or b"").decode()
            value = msg.value()
            self.latest[key] = identity_pb2.PodIdentity.FromString(value) if value else None
        raise AssertionError(f"sieve.pods did not follow within {timeout:.0f}s: {self.latest}")

    def close(self) -> None:
        """Leave the group."""
        self._consumer.close()
