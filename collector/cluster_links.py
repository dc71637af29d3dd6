"""Calls from one cluster into another, linked from both clusters' reports.

A client in cluster A that calls cluster B's entry point (an Ingress host, a LoadBalancer
address) sees an EXTERNAL server, named by the Host authority's DNS name or by the IP it
dialled. B's digger sees the same call arriving from outside, and its report names the
host the client addressed (`EndpointReport.entry_hosts`, the Host authority's name or IP
literal). The rule: A's EXTERNAL destination named H is linked to B's endpoints whose entry
hosts include H, when B is the only other cluster with H among its entry hosts. Both sides
name H from the same Host header, so no payload, path or query value is compared; a name
several other clusters claim is ambiguous and left unlinked (listed, never guessed). Within
a link, endpoint pairs are those with the same method and path template on both sides.

Pure functions over stored rows (the read model loads them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from protos.sieve.v1 import identity_pb2

_EXTERNAL = identity_pb2.WORKLOAD_KIND_EXTERNAL


@dataclass
class Link:
    """One EXTERNAL workload of a client cluster resolved to another cluster's servers."""

    host: str
    client_cluster: str
    server_cluster: str
    # The client cluster's EXTERNAL workload named ``host``.
    external_id: int
    client_ids: set[int] = field(default_factory=set)
    server_ids: set[int] = field(default_factory=set)
    # (client endpoint id, server endpoint id): same method and path template.
    endpoint_pairs: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Links:
    """Every link, and the hosts left unlinked because several clusters claim them."""

    links: list[Link]
    ambiguous_hosts: list[str]


def find_links(
    workloads: Mapping[int, Any], endpoints: Iterable[Any], entry_hosts: Iterable[tuple[int, str]]
) -> Links:
    """Links from rows: workloads by id (cluster, kind, name), endpoint rows (id, source_id,
    destination_id, method, path_template) and (endpoint id, host) entry-host pairs."""
    ends = {end.id: end for end in endpoints}
    # host -> server cluster -> entry endpoints
    entries: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for endpoint_id, host in entry_hosts:
        end = ends.get(endpoint_id)
        if end is not None:
            server = workloads[end.destination_id]
            entries[host.lower()][server.cluster].append(end)
    found: dict[tuple[int, str], Link] = {}
    ambiguous: set[str] = set()
    for end in ends.values():
        dest = workloads[end.destination_id]
        if dest.kind != _EXTERNAL:
            continue
        host = dest.name.lower()
        clusters = {c: e for c, e in entries.get(host, {}).items() if c != dest.cluster}
        if not clusters:
            continue
        if len(clusters) > 1:
            ambiguous.add(host)
            continue
        ((server_cluster, servers),) = clusters.items()
        link = found.get((dest.id, server_cluster))
        if link is None:
            link = found[(dest.id, server_cluster)] = Link(
                host, dest.cluster, server_cluster, dest.id
            )
        link.client_ids.add(end.source_id)
        for server in servers:
            link.server_ids.add(server.destination_id)
            if (server.method, server.path_template) == (end.method, end.path_template):
                link.endpoint_pairs.add((end.id, server.id))
    links = sorted(found.values(), key=lambda k: (k.client_cluster, k.host, k.server_cluster))
    return Links(links, sorted(ambiguous))
