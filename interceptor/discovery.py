"""Which interfaces to capture: the node's pods from ``sieve.pods``, matched to routes.

`PodDirectory` follows the compacted topic from its beginning and keeps the pods of this
node (by ``NODE_NAME``), without host networking, and the other cluster addresses: pods
of other nodes (without host networking) and Service addresses, whose connections are
left to the server's node (see `interceptor.attribution`), and the partition of
``sieve.exchanges`` the digger placed each pod IP on (`placements`, read by the sink).
`route_interfaces` asks the kernel
(netlink, through pyroute2) which interface routes to each pod IP: a veth for routed
CNIs (Calico, Cilium, kindnet, AWS VPC CNI), the bridge for bridge CNIs (flannel's
``cni0``) where the IP list then acts as the filter. IPs routed through a gateway are not
on this node and are skipped.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import uuid
from collections.abc import Iterable, Mapping

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, TopicPartition

from common.kafka_config import client_config
from interceptor.settings import InterceptorSettings
from protos.sieve.v1 import identity_pb2

log = logging.getLogger(__name__)


def route_interfaces(ips: Iterable[str]) -> tuple[dict[str, set[str]], list[str]]:
    """Interface → IPs it routes to directly, and the IPs without such a route."""
    from pyroute2 import IPRoute

    mapping: dict[str, set[str]] = {}
    missing: list[str] = []
    with IPRoute() as ipr:
        names: dict[int, str] = {}
        for ip in ips:
            try:
                routes = ipr.route("get", dst=ip)
            except Exception:  # netlink errors: no route, bad address
                missing.append(ip)
                continue
            if not routes or routes[0].get_attr("RTA_GATEWAY") or routes[0]["type"] != 1:
                missing.append(ip)  # through a gateway or local/unreachable: not a pod here
                continue
            oif = routes[0].get_attr("RTA_OIF")
            if oif not in names:
                links = ipr.link("get", index=oif)
                names[oif] = str(links[0].get_attr("IFLA_IFNAME")) if links else ""
            name = names[oif]
            if not name or name == "lo":
                missing.append(ip)
                continue
            mapping.setdefault(name, set()).add(ip)
    return mapping, missing


class PodDirectory:
    """The pod IPs of one node and the other cluster addresses, from the pods topic.

    A record of kind SERVICE (key: a ClusterIP, external IP or load-balancer ingress IP) is
    a cluster address of no node. A record for an IP already known replaces it (an IP may
    move between nodes or kinds); a tombstone forgets it. Host-network pods are neither:
    their IP is a node's.
    """

    def __init__(self, settings: InterceptorSettings, topic: str | None = None) -> None:
        self.node_name = settings.node_name
        self.topic = topic or settings.kafka_pods_topic
        self._settings = settings
        self._ips: dict[str, identity_pb2.PodIdentity] = {}
        self._cluster: dict[str, identity_pb2.PodIdentity] = {}  # other nodes' pods, Services
        self._placed: dict[bytes, int] = {}  # pod IP (any node, host network too) → partition
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.records = 0
        self.bad_records = 0
        self._warned = False
        self.version = 0
        self.caught_up = threading.Event()  # the topic was read up to its end at assignment
        self._behind: dict[int, int] = {}  # partition → end offset still to reach

    def ips(self) -> set[str]:
        """IPs of this node's pods (host-network pods excluded)."""
        with self._lock:
            return set(self._ips)

    def cluster_ips(self) -> frozenset[str]:
        """Pod IPs of other nodes (host-network pods excluded) and Service addresses."""
        with self._lock:
            return frozenset(self._cluster)

    def placements(self) -> Mapping[bytes, int]:
        """Pod IP (bytes, as in the record key) → its partition of ``sieve.exchanges``.

        The live table, for the sink's lookups from the capture thread: it is changed only
        by single item assignments and deletions (atomic under the GIL), never iterated.
        """
        return self._placed

    def cluster_counts(self) -> dict[str, int]:
        """How many of the cluster addresses are services and pods of other nodes."""
        with self._lock:
            services = sum(
                1
                for p in self._cluster.values()
                if p.workload_kind == identity_pb2.WORKLOAD_KIND_SERVICE
            )
            return {"services": services, "other_nodes_pods": len(self._cluster) - services}

    def apply(self, key: bytes | None, value: bytes | None) -> None:
        """One record of the topic: a pod or Service identity, or a tombstone for ``key``."""
        self.records += 1
        ip = (key or b"").decode("utf-8", "replace")
        with self._lock:
            if not value:
                self._placed.pop(ip.encode(), None)
                was_mine = self._ips.pop(ip, None)
                was_other = self._cluster.pop(ip, None)
                if was_mine is not None or was_other is not None:
                    self.version += 1
                return
            try:
                pod = identity_pb2.PodIdentity.FromString(value)
                ip = str(ipaddress.ip_address(pod.ip or ip))
            except Exception:  # protobuf DecodeError, not an address: count and skip
                self.bad_records += 1
                return
            service = pod.workload_kind == identity_pb2.WORKLOAD_KIND_SERVICE
            if pod.HasField("exchanges_partition") and not service:
                self._placed[ip.encode()] = pod.exchanges_partition
            else:
                self._placed.pop(ip.encode(), None)
            routed = not service and not pod.host_network
            mine = routed and pod.node_name == self.node_name
            other = service or (routed and bool(pod.node_name) and not mine)
            self._keep(self._ips, ip, pod if mine else None)
            self._keep(self._cluster, ip, pod if other else None)

    def _keep(
        self,
        table: dict[str, identity_pb2.PodIdentity],
        ip: str,
        pod: identity_pb2.PodIdentity | None,
    ) -> None:
        if pod is None:
            if table.pop(ip, None) is not None:
                self.version += 1
        elif table.get(ip) != pod:
            table[ip] = pod
            self.version += 1

    def start(self) -> None:
        """Follow the topic in a background thread."""
        self._thread = threading.Thread(target=self._run, name="pods", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop following."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        conf = client_config(
            self._settings,
            **{
                "group.id": f"sieve-interceptor-{self.node_name or 'local'}-{uuid.uuid4().hex}",
                "enable.auto.commit": False,
                "auto.offset.reset": "earliest",
                "logger": log,
            },
        )
        consumer = Consumer(conf)
        try:
            assigned = False
            while not self._stop.is_set():
                if not assigned:
                    assigned = self._assign(consumer)
                    if not assigned:
                        self._stop.wait(2.0)
                        continue
                msg = consumer.poll(0.5)
                if msg is None:
                    continue
                if msg.error():
                    log.debug("pods topic: %s", msg.error())
                    continue
                self.apply(msg.key(), msg.value())
                self.consumed(msg.partition() or 0, msg.offset() or 0)
        finally:
            consumer.close()

    def behind(self, ends: dict[int, int]) -> None:
        """The end offsets of the partitions at assignment, to be read before `caught_up`."""
        self._behind = {p: end for p, end in ends.items() if end > 0}
        if not self._behind:
            self.caught_up.set()

    def consumed(self, partition: int, offset: int) -> None:
        """A record at ``offset`` of ``partition`` was applied."""
        end = self._behind.get(partition)
        if end is not None and offset + 1 >= end:
            del self._behind[partition]
            if not self._behind:
                log.info(
                    "pods topic read", extra={"records": self.records, **self.cluster_counts()}
                )
                self.caught_up.set()

    def _warn_once(self, msg: str, detail: str) -> None:
        level = logging.DEBUG if self._warned else logging.WARNING
        self._warned = True
        log.log(level, msg, extra={"detail": detail, "topic": self.topic})

    def _assign(self, consumer: Consumer) -> bool:
        try:
            meta = consumer.list_topics(self.topic, timeout=5)
        except KafkaException as exc:
            self._warn_once("pods topic not readable", str(exc))
            return False
        topic = meta.topics.get(self.topic)
        if topic is None or topic.error is not None or not topic.partitions:
            self._warn_once("pods topic not found yet", self.topic)
            return False
        ends: dict[int, int] = {}
        for p in topic.partitions:
            try:
                low, high = consumer.get_watermark_offsets(TopicPartition(self.topic, p), timeout=5)
            except KafkaException as exc:
                self._warn_once("pods topic offsets not readable", str(exc))
                return False
            if high > low:
                ends[p] = high
        consumer.assign([TopicPartition(self.topic, p, OFFSET_BEGINNING) for p in topic.partitions])
        self.behind(ends)
        return True
