"""Identity resolution: pods, host-network pods, Services, nodes, external, filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from digger.identities import NamespaceFilter, StaticIdentities, external
from protos.sieve.v1 import identity_pb2 as idp

MAPPING = {
    "pods": [
        {
            "ip": "10.0.0.5",
            "namespace": "shop",
            "pod": "checkout-5d8f-x2",
            "kind": "deployment",
            "workload": "checkout",
            "node": "node-a",
        },
        {
            "ip": "10.0.0.6",
            "namespace": "shop",
            "pod": "db-0",
            "kind": "statefulset",
            "workload": "db",
        },
        {
            "ip": "192.168.1.10",
            "namespace": "monitoring",
            "pod": "exporter-abc",
            "kind": "daemonset",
            "workload": "exporter",
            "node": "node-a",
            "host_network": True,
            "ports": [9100],
        },
    ],
    "services": [{"ip": "10.96.0.20", "namespace": "shop", "name": "checkout"}],
    "nodes": [{"ip": "192.168.1.11", "name": "node-b"}],
}


def test_resolves_pods_services_host_network_and_nodes():
    ids = StaticIdentities.from_mapping(MAPPING)
    assert ids.resolve("10.0.0.5") == idp.Workload(
        kind=idp.WORKLOAD_KIND_DEPLOYMENT, namespace="shop", name="checkout"
    )
    db = ids.resolve("10.0.0.6")
    assert db is not None
    assert db.kind == idp.WORKLOAD_KIND_STATEFUL_SET
    assert ids.resolve("10.96.0.20") == idp.Workload(
        kind=idp.WORKLOAD_KIND_SERVICE, namespace="shop", name="checkout"
    )
    assert ids.resolve("192.168.1.10", 9100) == idp.Workload(
        kind=idp.WORKLOAD_KIND_DAEMON_SET, namespace="monitoring", name="exporter"
    )
    # another port on the node's IP is the node itself
    assert ids.resolve("192.168.1.10", 22) == idp.Workload(
        kind=idp.WORKLOAD_KIND_NODE, name="node-a"
    )
    assert ids.resolve("192.168.1.11") == idp.Workload(kind=idp.WORKLOAD_KIND_NODE, name="node-b")
    assert ids.resolve("8.8.8.8") is None


def test_from_file(tmp_path: Path):
    path = tmp_path / "ids.yaml"
    path.write_text("pods:\n  - {ip: 10.1.0.1, namespace: a, pod: web-1, kind: pod}\n")
    ids = StaticIdentities.from_file(path)
    assert ids.resolve("10.1.0.1") == idp.Workload(
        kind=idp.WORKLOAD_KIND_POD, namespace="a", name="web-1"
    )
    path.write_text("pods:\n  - {namespace: a}\n")
    with pytest.raises(ValueError, match="malformed"):
        StaticIdentities.from_file(path)
    path.write_text("pods:\n  - {ip: 1.2.3.4, kind: spaceship}\n")
    with pytest.raises(ValueError, match="unknown kind"):
        StaticIdentities.from_file(path)


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("api.example.com", "api.example.com"),
        ("API.Example.com:8443", "api.example.com"),
        ("user:pw@api.example.com:80", "api.example.com"),
        ("203.0.113.9:80", "203.0.113.9"),
        ("[2001:db8::1]:443", "203.0.113.9"),
        ("bad host!", "203.0.113.9"),
        (None, "203.0.113.9"),
    ],
)
def test_external_is_named_by_host_name_without_port_or_ip(host: str | None, name: str):
    w = external("203.0.113.9", host)
    assert w.kind == idp.WORKLOAD_KIND_EXTERNAL
    assert w.name == name
    assert w.namespace == ""


def test_namespace_filter():
    def w(ns: str) -> idp.Workload:
        return idp.Workload(kind=idp.WORKLOAD_KIND_DEPLOYMENT, namespace=ns, name="x")

    ext = external("1.1.1.1", None)
    f = NamespaceFilter(exclude=["kube-system", "sieve"])
    assert f.allows(w("shop"), w("shop"))
    assert not f.allows(w("shop"), w("kube-system"))
    assert not f.allows(w("sieve"), ext)
    g = NamespaceFilter(include=["shop"], exclude=["sieve"])
    assert g.allows(w("shop"), ext)
    assert not g.allows(w("blog"), ext)
    assert not g.allows(ext, ext)


def test_a_shared_service_address_resolves_by_port():
    ids = StaticIdentities.from_mapping(
        {
            "services": [
                {"ip": "203.0.113.7", "namespace": "shop", "name": "web", "ports": [80, 443]},
                {"ip": "203.0.113.7", "namespace": "shop", "name": "api", "ports": [8443]},
                {"ip": "203.0.113.8", "namespace": "shop", "name": "solo"},
            ]
        }
    )
    web = idp.Workload(kind=idp.WORKLOAD_KIND_SERVICE, namespace="shop", name="web")
    api = idp.Workload(kind=idp.WORKLOAD_KIND_SERVICE, namespace="shop", name="api")
    assert ids.resolve("203.0.113.7", 443) == web
    assert ids.resolve("203.0.113.7", 8443) == api
    assert ids.resolve("203.0.113.7", 9999) == web  # unknown port: the first listed
    assert ids.resolve("203.0.113.7") == web
    solo = ids.resolve("203.0.113.8", 8443)
    assert solo is not None
    assert solo.name == "solo"
    ids.set_services("203.0.113.7", [(api, frozenset({8443}))])  # web gone: not shared now
    assert ids.resolve("203.0.113.7", 443) == api
    ids.set_service("203.0.113.7", None)
    assert ids.resolve("203.0.113.7", 8443) is None
    with pytest.raises(ValueError, match="malformed"):
        StaticIdentities.from_mapping({"services": [{"ip": "203.0.113.7", "ports": [1]}]})
