"""Which capture point owns a TCP connection, so that each exchange is reported once.

With routed CNIs a packet between two pods of the same node crosses both pods' host-side
veths, and both are captured; a connection between pods of two nodes is seen by both
nodes' interceptors. The rule: **a connection belongs to the interface of its server pod
when the server is a local pod; else, when the server is another cluster address (a pod
of another node, captured there, or a Service address that kube-proxy translates on the
node: ClusterIP, external IP or load-balancer ingress IP, whose traffic reaches a pod's
veth after DNAT), to nobody on this node; else (an address outside the cluster) to the
interface of its client pod.** Packets of the connection seen on any other interface are
ignored. Hence a Service whose endpoints are not pods with an interceptor in front of them
(external endpoints, nodes without the DaemonSet) is not seen from the client side.

Other cluster addresses come as single addresses (pods of other nodes and Service
addresses, from ``sieve.pods``) and as networks (the pod and service CIDRs configured by
hand): addresses are a set lookup, networks are merged into sorted ranges searched by
bisection, so a few thousand of either cost one lookup per new connection. A network
must not be relied on with interfaces listed without IPs: their local pods are unknown,
so connections to them would fall in the network and be left to nobody.

A connection keeps the owner it got when first seen: a change of the addresses applies to
new connections (a pod IP moving between nodes or a Service created while a connection to
its address is open is rare, and the interceptor starts capturing only once ``sieve.pods``
is read to its end).

An interface listed without IPs (by hand, or every interface of a capture file without a
map) accepts any connection; among several such interfaces the first that sees a
connection owns it. Connections with no local pod on an interface that has IPs are not
ours (e.g. other traffic on a CNI bridge) and are ignored.
"""

from __future__ import annotations

import ipaddress
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import Final

from interceptor.frames import ip_packed

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_VERDICTS_MAX: Final = 65_536


def split_cluster_addresses(
    items: Iterable[str],
) -> tuple[frozenset[bytes], list[IpNetwork]]:
    """Packed single addresses and networks from ``items`` (``10.0.0.1``, ``10.96.0.0/12``).

    A network of one address counts as that address. ValueError names a malformed item.
    """
    addresses: set[bytes] = set()
    networks: list[IpNetwork] = []
    for item in items:
        if "/" not in item:
            addresses.add(ip_packed(item))
            continue
        net = ipaddress.ip_network(item, strict=False)
        if net.num_addresses == 1:
            addresses.add(net.network_address.packed)
        else:
            networks.append(net)
    return frozenset(addresses), networks


class _Ranges:
    """Merged networks as sorted (first, last) packed addresses, per address length."""

    def __init__(self, networks: Iterable[IpNetwork]) -> None:
        self.count = 0
        self.starts: dict[int, list[bytes]] = {}
        self.ends: dict[int, list[bytes]] = {}
        by_version: dict[int, list[IpNetwork]] = {}
        for net in networks:
            by_version.setdefault(net.version, []).append(net)
        for nets in by_version.values():
            for net in ipaddress.collapse_addresses(nets):  # type: ignore[type-var]
                first = net.network_address.packed
                self.starts.setdefault(len(first), []).append(first)
                self.ends.setdefault(len(first), []).append(net.broadcast_address.packed)
                self.count += 1

    def __contains__(self, packed: object) -> bool:
        if not isinstance(packed, bytes):
            return False
        starts = self.starts.get(len(packed))
        if starts is None:
            return False
        i = bisect_right(starts, packed) - 1  # packed bytes of one length sort as numbers
        return i >= 0 and packed <= self.ends[len(packed)][i]


class Attribution:
    """The interface → local pod IPs map and the ownership rule above."""

    def __init__(
        self,
        mapping: Mapping[str, Iterable[str]] | None = None,
        cluster_ips: Iterable[str] = (),
    ) -> None:
        self.cluster_ips, networks = split_cluster_addresses(cluster_ips)
        self.cluster_networks = _Ranges(networks)
        self._has_networks = self.cluster_networks.count > 0
        self._network_verdicts: dict[bytes, bool] = {}  # server → in a network (bounded)
        self.max_verdicts = _VERDICTS_MAX
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
        if self._has_networks:
            inside = self._network_verdicts.get(server)
            if inside is None:
                inside = self._network_verdict(server)
            if inside:
                return None
        owner = self.owner_of_ip.get(client)
        if owner is not None:
            return owner
        if self.accept_all or seen_on in self.open_interfaces:
            return seen_on
        return None

    def _network_verdict(self, server: bytes) -> bool:
        # packets of connections left to other nodes ask again: remember recent answers
        if len(self._network_verdicts) >= self.max_verdicts:
            self._network_verdicts.clear()
        inside = server in self.cluster_networks
        self._network_verdicts[server] = inside
        return inside
