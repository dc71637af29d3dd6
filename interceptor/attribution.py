"""Which capture point owns a TCP connection, so that each exchange is reported once.

With routed CNIs a packet between two pods of the same node crosses both pods' host-side
veths, and both are captured; a connection between pods of two nodes is seen by both
nodes' interceptors. The rule: **a connection belongs to the interface of its server pod
when the server is a local pod; else, when the server is another cluster address (a pod
of another node, captured there, or a Service ClusterIP, whose traffic reaches a pod's
veth after DNAT), to nobody on this node; else (an address outside the cluster) to the
interface of its client pod.** Packets of the connection seen on any other interface are
ignored. Hence a Service whose endpoints are not pods with an interceptor in front of them
(external endpoints, nodes without the DaemonSet) is not seen from the client side.

An interface listed without IPs (by hand, or every interface of a capture file without a
map) accepts any connection; among several such interfaces the first that sees a
connection owns it. Connections with no local pod on an interface that has IPs are not
ours (e.g. other traffic on a CNI bridge) and are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from interceptor.frames import ip_packed


class Attribution:
    """The interface → local pod IPs map and the ownership rule above."""

    def __init__(
        self,
        mapping: Mapping[str, Iterable[str]] | None = None,
        cluster_ips: Iterable[str] = (),
    ) -> None:
        self.cluster_ips = frozenset(ip_packed(ip) for ip in cluster_ips)
        self.owner_of_ip: dict[bytes, str] = {}
        self.open_interfaces: set[str] = set()
        self.interfaces: dict[str, frozenset[str]] = {}
        for iface, ips in (mapping or {}).items():
            ip_set = frozenset(ips)
            self.interfaces[iface] = ip_set
            if not ip_set:
                self.open_interfaces.add(iface)
            for ip in ip_set:
                self.owner_of_ip[ip_packed(ip)] = iface
        self.accept_all = mapping is None

    def owner(self, client: bytes, server: bytes, seen_on: str) -> str | None:
        """The interface that owns a connection first seen on ``seen_on``; None: not ours."""
        owner = self.owner_of_ip.get(server)
        if owner is not None:
            return owner
        if server in self.cluster_ips:
            return None  # captured where the server pod runs
        owner = self.owner_of_ip.get(client)
        if owner is not None:
            return owner
        if self.accept_all or seen_on in self.open_interfaces:
            return seen_on
        return None
