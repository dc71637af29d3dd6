"""Which capture point owns a TCP connection, so that each exchange is reported once.

With routed CNIs a packet between two pods of the same node crosses both pods' host-side
veths, and both are captured. The rule: **a connection belongs to the interface of its
server pod when the server is a local pod, else to the interface of its client pod.**
Packets of the connection seen on any other interface are ignored.

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

    def __init__(self, mapping: Mapping[str, Iterable[str]] | None = None) -> None:
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
        owner = self.owner_of_ip.get(server) or self.owner_of_ip.get(client)
        if owner is not None:
            return owner
        if self.accept_all or seen_on in self.open_interfaces:
            return seen_on
        return None
