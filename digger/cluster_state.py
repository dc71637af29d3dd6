"""Cluster state, sans-IO: Pods, Services, ReplicaSets and Jobs in, identities out.

`ClusterState`: it takes raw API objects (dicts) from lists and watch events and
keeps an `IdentityTable` up to date, naming each pod by its top-level owner (ReplicaSet →
Deployment, Job → CronJob, StatefulSet, DaemonSet, else the pod), and reports every change
of an IP's `PodIdentity` (a tombstone when the IP has no pod any more).

Service addresses that kube-proxy DNATs on the client's node are reported too, as
identities of kind SERVICE without pod or node: interceptors need them to leave
connections through a Service to the server pod's node, where the server veth sees them
after the DNAT. They are every ClusterIP (both families when dual-stack; headless and
ExternalName Services have none), every ``spec.externalIPs`` entry and every
``status.loadBalancer.ingress[].ip`` whose ``ipMode`` is ``VIP`` or unset. An ingress IP
with ``ipMode: Proxy`` is not reported: its traffic really leaves the node for the load
balancer and comes back from it, so the client side keeps it. An external or ingress IP
that is a node's address (some bare-metal load balancers) is not a Service address here
at all: node IPs also serve host-network pods, like NodePorts. A pod wins an address that
a Service also claims. The identity table names every Service address (also Proxy
ones) as the Service; an address several Services share (external IPs may be) is resolved
by port.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from digger.identities import IdentityTable, PodRecord
from protos.sieve.v1 import identity_pb2

log = logging.getLogger(__name__)

Obj = dict[str, Any]
PublishFn = Callable[[str, identity_pb2.PodIdentity | None], None]

_KIND = {
    "StatefulSet": identity_pb2.WORKLOAD_KIND_STATEFUL_SET,
    "DaemonSet": identity_pb2.WORKLOAD_KIND_DAEMON_SET,
    "ReplicaSet": identity_pb2.WORKLOAD_KIND_REPLICA_SET,
    "Deployment": identity_pb2.WORKLOAD_KIND_DEPLOYMENT,
    "Job": identity_pb2.WORKLOAD_KIND_JOB,
    "CronJob": identity_pb2.WORKLOAD_KIND_CRON_JOB,
}


def object_meta(obj: Obj) -> Obj:
    meta = obj.get("metadata") or {}
    return meta if isinstance(meta, dict) else {}


def _key(obj: Obj) -> str:
    meta = object_meta(obj)
    return f"{meta.get('namespace', '')}/{meta.get('name', '')}"


def _controller(obj: Obj) -> tuple[str, str] | None:
    refs = object_meta(obj).get("ownerReferences") or []
    for ref in refs:
        if ref.get("controller"):
            return str(ref.get("kind", "")), str(ref.get("name", ""))
    if refs:
        return str(refs[0].get("kind", "")), str(refs[0].get("name", ""))
    return None


class ClusterState:
    """Raw objects by resource, and the identities they imply."""

    RESOURCES = ("pods", "services", "replicasets", "jobs")

    def __init__(
        self, table: IdentityTable | None = None, publish: PublishFn | None = None
    ) -> None:
        self.table = table or IdentityTable()
        self._publish = publish
        self._lock = threading.RLock()
        self._objects: dict[str, dict[str, Obj]] = {r: {} for r in self.RESOURCES}
        self._records: dict[str, PodRecord] = {}  # pod key → record in the table
        # Service address → Service key → (how it is claimed, Service ports)
        self._claims: dict[str, dict[str, tuple[str, frozenset[int]]]] = {}
        self._node_ips: set[str] = set()
        self._published: dict[str, bytes] = {}  # IP → serialized PodIdentity

    # --- events --------------------------------------------------------------------------
    def apply(self, resource: str, event_type: str, obj: Obj) -> None:
        """One watch event (ADDED, MODIFIED, DELETED) of ``resource``."""
        with self._lock:
            key = _key(obj)
            previous = self._objects[resource].get(key)
            if event_type == "DELETED":
                self._objects[resource].pop(key, None)
                self._changed(resource, key, previous, None)
            else:
                self._objects[resource][key] = obj
                self._changed(resource, key, previous, obj)

    def replace(self, resource: str, items: Iterable[Obj]) -> None:
        """The result of a (re)list: objects missing from it were deleted meanwhile."""
        with self._lock:
            fresh = {_key(obj): obj for obj in items}
            for key in [k for k in self._objects[resource] if k not in fresh]:
                self.apply(resource, "DELETED", self._objects[resource][key])
            for obj in fresh.values():
                self.apply(resource, "MODIFIED", obj)

    # --- what is published ------------------------------------------------------------
    @property
    def lock(self) -> threading.RLock:
        """Held while an event is applied (and its records published)."""
        return self._lock

    def published(self) -> dict[str, bytes]:
        """IP → serialized PodIdentity: what ``sieve.pods`` should hold now."""
        with self._lock:
            return dict(self._published)

    # --- derivation ----------------------------------------------------------------------
    def _changed(self, resource: str, key: str, old: Obj | None, new: Obj | None) -> None:
        if resource == "pods":
            self._update_pod(key, new)
        elif resource == "services":
            self._update_service(key, old, new)
        else:  # an owner changed: re-derive the pods it controls
            namespace = key.partition("/")[0]
            kind = "ReplicaSet" if resource == "replicasets" else "Job"
            name = key.partition("/")[2]
            for pod_key, pod in list(self._objects["pods"].items()):
                if pod_key.startswith(namespace + "/") and _controller(pod) == (kind, name):
                    self._update_pod(pod_key, pod)

    def _workload(self, pod: Obj) -> tuple[int, str]:  # noqa: PLR0911
        meta = object_meta(pod)
        namespace = str(meta.get("namespace", ""))
        owner = _controller(pod)
        if owner is None:
            return identity_pb2.WORKLOAD_KIND_POD, str(meta.get("name", ""))
        kind, name = owner
        if kind == "ReplicaSet":
            rs = self._objects["replicasets"].get(f"{namespace}/{name}")
            if rs is not None:
                parent = _controller(rs)
                if parent and parent[0] == "Deployment":
                    return identity_pb2.WORKLOAD_KIND_DEPLOYMENT, parent[1]
                return identity_pb2.WORKLOAD_KIND_REPLICA_SET, name
            # ReplicaSet not seen (yet): a Deployment's is named <deployment>-<pod-template-hash>
            template_hash = (meta.get("labels") or {}).get("pod-template-hash")
            if template_hash and name.endswith("-" + template_hash):
                return identity_pb2.WORKLOAD_KIND_DEPLOYMENT, name[: -len(template_hash) - 1]
            return identity_pb2.WORKLOAD_KIND_REPLICA_SET, name
        if kind == "Job":
            job = self._objects["jobs"].get(f"{namespace}/{name}")
            parent = _controller(job) if job is not None else None
            if parent and parent[0] == "CronJob":
                return identity_pb2.WORKLOAD_KIND_CRON_JOB, parent[1]
            return identity_pb2.WORKLOAD_KIND_JOB, name
        if kind in _KIND:
            return _KIND[kind], name
        return identity_pb2.WORKLOAD_KIND_POD, str(meta.get("name", ""))

    def _record(self, pod: Obj) -> PodRecord | None:
        status = pod.get("status") or {}
        spec = pod.get("spec") or {}
        ip = status.get("podIP")
        if not ip or status.get("phase") in ("Succeeded", "Failed"):
            return None  # no address, or a finished pod whose IP may be reused
        meta = object_meta(pod)
        kind, name = self._workload(pod)
        ports = {
            int(port["containerPort"])
            for container in spec.get("containers") or []
            for port in container.get("ports") or []
            if "containerPort" in port
        }
        return PodRecord(
            ip=str(ip),
            namespace=str(meta.get("namespace", "")),
            pod_name=str(meta.get("name", "")),
            workload_kind=kind,
            workload_name=name,
            node_name=str(spec.get("nodeName", "")),
            host_network=bool(spec.get("hostNetwork", False)),
            ports=frozenset(ports),
        )

    def _update_pod(self, key: str, pod: Obj | None) -> None:
        record = self._record(pod) if pod is not None else None
        previous = self._records.get(key)
        if record == previous:
            return
        self.table.set_pod(key, record, previous)
        if record is None:
            self._records.pop(key, None)
        else:
            self._records[key] = record
            host_ip = ((pod or {}).get("status") or {}).get("hostIP")
            if host_ip and record.node_name:
                self.table.set_node(str(host_ip), record.node_name)
                self._learn_node_ip(str(host_ip))
        for ip in {r.ip for r in (previous, record) if r is not None}:
            self._republish(ip)

    def _learn_node_ip(self, ip: str) -> None:
        if ip in self._node_ips:
            return
        self._node_ips.add(ip)
        if ip in self._claims:  # an external or ingress IP turned out to be a node's
            self._refresh_service_address(ip)

    def _update_service(self, key: str, old: Obj | None, new: Obj | None) -> None:
        old_ips = _service_addresses(old) if old is not None else {}
        new_ips = _service_addresses(new) if new is not None else {}
        ports = _service_ports(new) if new is not None else frozenset()
        for ip in old_ips.keys() - new_ips.keys():
            claims = self._claims.get(ip, {})
            claims.pop(key, None)
            if not claims:
                self._claims.pop(ip, None)
        for ip, how in new_ips.items():
            self._claims.setdefault(ip, {})[key] = (how, ports)
        for ip in sorted(old_ips.keys() | new_ips.keys()):
            self._refresh_service_address(ip)

    def _service_claims(self, ip: str) -> list[tuple[str, str, frozenset[int]]]:
        """(how, Service key, ports) of the Services claiming ``ip``, preferred first."""
        node = ip in self._node_ips
        return sorted(
            (how, key, ports)
            for key, (how, ports) in self._claims.get(ip, {}).items()
            if how == _CLUSTER_IP or not node
        )

    def _refresh_service_address(self, ip: str) -> None:
        claims = [(_service_workload(key), ports) for _how, key, ports in self._service_claims(ip)]
        self.table.set_services(ip, claims)
        self._republish(ip)

    def _republish(self, ip: str) -> None:
        holders = sorted(
            (r for r in self._records.values() if r.ip == ip),
            key=lambda r: (r.host_network, r.namespace, r.pod_name),
        )
        identity = holders[0].to_proto() if holders else None
        if identity is None:
            for how, key, _ports in self._service_claims(ip):
                if how != _LB_PROXY:
                    namespace, _, name = key.partition("/")
                    identity = identity_pb2.PodIdentity(
                        ip=ip,
                        namespace=namespace,
                        workload_kind=identity_pb2.WORKLOAD_KIND_SERVICE,
                        workload_name=name,
                    )
                    break
        raw = identity.SerializeToString() if identity is not None else None
        if self._published.get(ip) == raw:
            return
        if raw is None:
            self._published.pop(ip, None)
        else:
            self._published[ip] = raw
        if self._publish is not None:
            self._publish(ip, identity)


# How a Service claims an address; the sort order is the preference among claims.
_CLUSTER_IP, _EXTERNAL_IP, _LB_VIP, _LB_PROXY = "1-cluster", "2-external", "3-lb", "4-lb-proxy"


def _service_workload(key: str) -> identity_pb2.Workload:
    namespace, _, name = key.partition("/")
    return identity_pb2.Workload(
        kind=identity_pb2.WORKLOAD_KIND_SERVICE, namespace=namespace, name=name
    )


def _service_addresses(service: Obj) -> dict[str, str]:
    """A Service's addresses and how each is claimed (see the module docstring)."""
    out: dict[str, str] = {}
    spec = service.get("spec") or {}
    if not isinstance(spec, dict) or spec.get("type") == "ExternalName":
        return out
    ingress = _dict(_dict(service.get("status")).get("loadBalancer")).get("ingress") or []
    claimed = [
        *(
            (_LB_VIP if i.get("ipMode") in (None, "", "VIP") else _LB_PROXY, i.get("ip"))
            for i in (ingress if isinstance(ingress, list) else [])
            if isinstance(i, dict)
        ),
        *((_EXTERNAL_IP, ip) for ip in _list(spec.get("externalIPs"))),
        *((_CLUSTER_IP, ip) for ip in [*_list(spec.get("clusterIPs")), spec.get("clusterIP")]),
    ]
    for how, ip in claimed:  # a later, preferred claim of the same address wins
        if not ip or ip == "None":
            continue
        try:
            out[str(ipaddress.ip_address(str(ip)))] = how
        except ValueError:
            log.debug("service with a malformed address", extra={"service": _key(service)})
    return out


def _dict(value: Any) -> Obj:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _service_ports(service: Obj) -> frozenset[int]:
    out: set[int] = set()
    for port in _list(_dict(service.get("spec")).get("ports")):
        try:
            out.add(int(port["port"]))
        except (KeyError, TypeError, ValueError):
            continue
    return frozenset(out)
