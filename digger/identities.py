"""Identity resolution: IP (and port) → `identity_pb2.Workload`.

`IdentityTable` holds what is known (pods, host-network pods, Services, nodes); the K8s
watch fills one (`digger.cluster_state`), `StaticIdentities` fills one from a YAML file or a dict
(tests, the standalone CLI). Anything unknown is EXTERNAL, named by the request's Host
authority when it is a DNS name, else by its IP.
"""

from __future__ import annotations

import ipaddress
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from protos.sieve.v1 import identity_pb2

KIND_BY_NAME: dict[str, int] = {
    "pod": identity_pb2.WORKLOAD_KIND_POD,
    "deployment": identity_pb2.WORKLOAD_KIND_DEPLOYMENT,
    "replicaset": identity_pb2.WORKLOAD_KIND_REPLICA_SET,
    "statefulset": identity_pb2.WORKLOAD_KIND_STATEFUL_SET,
    "daemonset": identity_pb2.WORKLOAD_KIND_DAEMON_SET,
    "job": identity_pb2.WORKLOAD_KIND_JOB,
    "cronjob": identity_pb2.WORKLOAD_KIND_CRON_JOB,
    "service": identity_pb2.WORKLOAD_KIND_SERVICE,
    "node": identity_pb2.WORKLOAD_KIND_NODE,
    "external": identity_pb2.WORKLOAD_KIND_EXTERNAL,
}

_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*$")


ServiceClaim = tuple[identity_pb2.Workload, frozenset[int]]
"""A Service claiming an address, and its ports (empty: unknown)."""


class IdentityResolver(Protocol):
    """Anything that names the workload behind an address."""

    def resolve(self, ip: str, port: int | None = None) -> identity_pb2.Workload | None:
        """The workload at ``ip`` (``port`` picks among host-network pods), None if unknown."""


@dataclass(frozen=True)
class PodRecord:
    """What the table keeps per pod."""

    ip: str
    namespace: str
    pod_name: str
    workload_kind: int
    workload_name: str
    node_name: str = ""
    host_network: bool = False
    ports: frozenset[int] = frozenset()

    @property
    def workload(self) -> identity_pb2.Workload:
        """The pod's workload."""
        return identity_pb2.Workload(
            kind=self.workload_kind,  # type: ignore[arg-type]
            namespace=self.namespace,
            name=self.workload_name,
        )

    def to_proto(self) -> identity_pb2.PodIdentity:
        """The `sieve.pods` record."""
        return identity_pb2.PodIdentity(
            ip=self.ip,
            node_name=self.node_name,
            namespace=self.namespace,
            pod_name=self.pod_name,
            workload_kind=self.workload_kind,  # type: ignore[arg-type]
            workload_name=self.workload_name,
            host_network=self.host_network,
        )


class IdentityTable:
    """Thread-safe maps from addresses to workloads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pods: dict[str, PodRecord] = {}  # pod IP → pod (not host network)
        self._pod_workloads: dict[str, identity_pb2.Workload] = {}  # built once per pod IP
        self._host_pods: dict[str, dict[str, PodRecord]] = {}  # node IP → pod key → pod
        self._services: dict[str, identity_pb2.Workload] = {}  # Service IP → first claim
        self._shared: dict[str, tuple[ServiceClaim, ...]] = {}  # IPs of several Services
        self._nodes: dict[str, str] = {}  # node IP → node name

    def set_pod(self, key: str, pod: PodRecord | None, previous: PodRecord | None) -> None:
        """Replace ``previous`` (if any) by ``pod`` (None deletes); ``key`` names the pod."""
        with self._lock:
            if previous is not None:
                if previous.host_network:
                    entries = self._host_pods.get(previous.ip)
                    if entries is not None:
                        entries.pop(key, None)
                        if not entries:
                            del self._host_pods[previous.ip]
                elif self._pods.get(previous.ip) == previous:
                    del self._pods[previous.ip]
                    self._pod_workloads.pop(previous.ip, None)
            if pod is not None and pod.ip:
                if pod.host_network:
                    self._host_pods.setdefault(pod.ip, {})[key] = pod
                    if pod.node_name:
                        self._nodes[pod.ip] = pod.node_name
                else:
                    self._pods[pod.ip] = pod
                    self._pod_workloads[pod.ip] = pod.workload

    def set_service(self, ip: str, workload: identity_pb2.Workload | None) -> None:
        """Map a Service address to its Service (None removes it)."""
        self.set_services(ip, [] if workload is None else [(workload, frozenset())])

    def set_services(self, ip: str, claims: Sequence[ServiceClaim]) -> None:
        """Map a Service address to the Services claiming it, first preferred (none: remove).

        Several Services may share an external or load-balancer IP on different ports:
        `resolve` then picks by port, else names the first.
        """
        with self._lock:
            if not claims:
                self._services.pop(ip, None)
                self._shared.pop(ip, None)
                return
            self._services[ip] = claims[0][0]
            if len(claims) > 1:
                self._shared[ip] = tuple(claims)
            else:
                self._shared.pop(ip, None)

    def set_node(self, ip: str, name: str) -> None:
        """Map a node IP to the node's name."""
        with self._lock:
            self._nodes[ip] = name

    def clear(self) -> None:
        """Forget everything (before a relist)."""
        with self._lock:
            self._pods.clear()
            self._pod_workloads.clear()
            self._host_pods.clear()
            self._services.clear()
            self._shared.clear()
            self._nodes.clear()

    def resolve(self, ip: str, port: int | None = None) -> identity_pb2.Workload | None:
        """Pod IP, then Service address (by port if shared), then host-network pod by port,
        then node.

        The message returned is shared: callers must not modify it.
        """
        workload = self._pod_workloads.get(ip)
        if workload is not None:
            return workload
        service = self._services.get(ip)
        if service is not None:
            return self._shared_by_port(ip, port, service) if self._shared else service
        host = self._host_pods.get(ip)
        if host:
            pods = list(host.values())
            if port is not None:
                for candidate in pods:
                    if port in candidate.ports:
                        return candidate.workload
            if len(pods) == 1 and not pods[0].ports:
                return pods[0].workload
        node = self._nodes.get(ip)
        if node is not None:
            return identity_pb2.Workload(kind=identity_pb2.WORKLOAD_KIND_NODE, name=node)
        return None

    def _shared_by_port(
        self, ip: str, port: int | None, first: identity_pb2.Workload
    ) -> identity_pb2.Workload:
        if port is None:
            return first
        for workload, ports in self._shared.get(ip, ()):
            if port in ports:
                return workload
        return first

    def pods(self) -> list[PodRecord]:
        """Every pod known (for publishing)."""
        with self._lock:
            out = list(self._pods.values())
            for entries in self._host_pods.values():
                out.extend(entries.values())
            return out


def external(ip: str, host_header: str | None) -> identity_pb2.Workload:
    """An EXTERNAL workload named by the Host authority's DNS name, else by the IP."""
    name = _host_name(host_header) if host_header else None
    return identity_pb2.Workload(kind=identity_pb2.WORKLOAD_KIND_EXTERNAL, name=name or ip)


def _authority_host(authority: str) -> tuple[str | None, bool]:
    """The host of a Host authority, lower-cased, without port or userinfo, and whether it is
    an IP literal; (None, False) when it is neither a DNS name nor an IP."""
    host = authority.strip().rpartition("@")[2].lower()
    if host.startswith("["):
        literal = host[1:].partition("]")[0]
    else:
        literal = host.partition(":")[0].rstrip(".") if host.count(":") <= 1 else host
    try:
        return ipaddress.ip_address(literal).compressed, True
    except ValueError:
        pass
    return (literal, False) if _HOSTNAME.match(literal) else (None, False)


def entry_host(authority: str) -> str | None:
    """The name a client addressed a server by: the Host authority's DNS name or IP literal,
    lower-cased, without port or userinfo; None when it is neither."""
    return _authority_host(authority)[0]


def _host_name(authority: str) -> str | None:
    """The Host authority's DNS name (None for an IP literal or anything else)."""
    host, is_ip = _authority_host(authority)
    return None if is_ip else host


class NamespaceFilter:
    """Drops exchanges touching an excluded namespace, or touching no included one."""

    def __init__(self, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
        self.include = frozenset(include)
        self.exclude = frozenset(exclude)

    def allows(self, source: identity_pb2.Workload, destination: identity_pb2.Workload) -> bool:
        """True when the exchange between these workloads may be reported."""
        return self.allows_namespaces(source.namespace, destination.namespace)

    def allows_namespaces(self, source: str, destination: str) -> bool:
        """`allows` by the two namespaces ("" for none, e.g. external)."""
        namespaces = [ns for ns in (source, destination) if ns]
        if any(ns in self.exclude for ns in namespaces):
            return False
        if self.include:
            return any(ns in self.include for ns in namespaces)
        return True


class StaticIdentities(IdentityTable):
    """Identities from a YAML file or a mapping, for tests and the standalone CLI.

    Format (every list optional)::

        pods:
          - {ip: 10.0.0.5, namespace: shop, pod: checkout-5d8f-x2, kind: deployment,
             workload: checkout, node: node-a, host_network: false, ports: [8080]}
        services:
          - {ip: 10.96.0.20, namespace: shop, name: checkout}
          - {ip: 203.0.113.7, namespace: shop, name: web, ports: [443]}
        nodes:
          - {ip: 192.168.1.10, name: node-a}

    ``kind`` is one of pod, deployment, replicaset, statefulset, daemonset, job, cronjob
    (default deployment); ``workload`` defaults to the pod name. A Service address listed
    for several Services (a shared external IP) is resolved by the Services' ``ports``.
    """

    @classmethod
    def from_file(cls, path: str | Path) -> StaticIdentities:
        """Load the YAML file at ``path``; raises ValueError when it is malformed."""
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        if not isinstance(data, Mapping):
            raise ValueError(f"{path}: expected a mapping with pods/services/nodes")
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> StaticIdentities:
        """Build from a mapping of the documented format; raises ValueError when malformed."""
        table = cls()
        try:
            for i, raw in enumerate(data.get("pods") or []):
                kind_name = str(raw.get("kind", "deployment")).lower()
                if kind_name not in KIND_BY_NAME:
                    raise ValueError(f"pods[{i}]: unknown kind {kind_name!r}")
                pod_name = str(raw.get("pod") or raw.get("workload") or "")
                record = PodRecord(
                    ip=str(raw["ip"]),
                    namespace=str(raw.get("namespace", "default")),
                    pod_name=pod_name,
                    workload_kind=KIND_BY_NAME[kind_name],
                    workload_name=str(raw.get("workload") or pod_name),
                    node_name=str(raw.get("node", "")),
                    host_network=bool(raw.get("host_network", False)),
                    ports=frozenset(int(p) for p in raw.get("ports") or []),
                )
                table.set_pod(f"{record.namespace}/{pod_name or i}", record, None)
            claims: dict[str, list[ServiceClaim]] = {}
            for raw in data.get("services") or []:
                workload = identity_pb2.Workload(
                    kind=identity_pb2.WORKLOAD_KIND_SERVICE,
                    namespace=str(raw.get("namespace", "default")),
                    name=str(raw["name"]),
                )
                ports = frozenset(int(p) for p in raw.get("ports") or [])
                claims.setdefault(str(raw["ip"]), []).append((workload, ports))
            for ip, ip_claims in claims.items():
                table.set_services(ip, ip_claims)
            for raw in data.get("nodes") or []:
                table.set_node(str(raw["ip"]), str(raw["name"]))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed identities: {exc!r}") from None
        return table
