"""ClusterState from canned objects: owner chains, Services, tombstones, what is published."""

from __future__ import annotations

from typing import Any

from digger.cluster_state import ClusterState
from protos.sieve.v1 import identity_pb2 as idp


def pod(
    name: str,
    ip: str | None,
    *,
    ns: str = "shop",
    owner: tuple[str, str] | None = None,
    rv: str = "1",
    host_network: bool = False,
    phase: str = "Running",
    labels: dict[str, str] | None = None,
    ports: list[int] | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "name": name,
        "namespace": ns,
        "resourceVersion": rv,
        "labels": labels or {},
    }
    if owner:
        meta["ownerReferences"] = [{"kind": owner[0], "name": owner[1], "controller": True}]
    return {
        "metadata": meta,
        "spec": {
            "nodeName": "node-a",
            "hostNetwork": host_network,
            "containers": [{"ports": [{"containerPort": p} for p in ports or []]}],
        },
        "status": {"podIP": ip, "hostIP": "192.168.1.10", "phase": phase},
    }


def owned(name: str, owner: tuple[str, str] | None, ns: str = "shop") -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "namespace": ns, "resourceVersion": "1"}
    if owner:
        meta["ownerReferences"] = [{"kind": owner[0], "name": owner[1], "controller": True}]
    return {"metadata": meta}


Published = list[tuple[str, idp.PodIdentity | None]]


def recording_state() -> tuple[ClusterState, Published]:
    """A ClusterState and the (ip, identity or tombstone) records it publishes, in order."""
    published: Published = []
    state = ClusterState(publish=lambda ip, ident: published.append((ip, ident)))
    return state, published


def test_pod_workloads_through_owner_chains_and_publishing():
    state, published = recording_state()
    state.replace("replicasets", [owned("web-7d9f", ("Deployment", "web"))])
    state.replace("jobs", [owned("report-28391", ("CronJob", "report"))])
    state.replace(
        "pods",
        [
            pod("web-7d9f-abc", "10.0.0.1", owner=("ReplicaSet", "web-7d9f")),
            pod("report-28391-x", "10.0.0.2", owner=("Job", "report-28391")),
            pod("db-0", "10.0.0.3", owner=("StatefulSet", "db")),
            pod("agent-q", "10.0.0.4", owner=("DaemonSet", "agent")),
            pod("bare", "10.0.0.5"),
            pod(
                "api-5c4b-zz",
                "10.0.0.6",
                owner=("ReplicaSet", "api-5c4b"),
                labels={"pod-template-hash": "5c4b"},
            ),
            pod("pending", None),
        ],
    )
    t = state.table
    expect = {
        "10.0.0.1": (idp.WORKLOAD_KIND_DEPLOYMENT, "web"),
        "10.0.0.2": (idp.WORKLOAD_KIND_CRON_JOB, "report"),
        "10.0.0.3": (idp.WORKLOAD_KIND_STATEFUL_SET, "db"),
        "10.0.0.4": (idp.WORKLOAD_KIND_DAEMON_SET, "agent"),
        "10.0.0.5": (idp.WORKLOAD_KIND_POD, "bare"),
        "10.0.0.6": (idp.WORKLOAD_KIND_DEPLOYMENT, "api"),  # RS not seen: template hash
    }
    for ip, (kind, name) in expect.items():
        assert t.resolve(ip) == idp.Workload(kind=kind, namespace="shop", name=name), ip
    assert {ip for ip, _ in published} == set(expect)
    ident = dict(published)["10.0.0.1"]
    assert ident is not None
    assert (ident.pod_name, ident.node_name, ident.workload_name) == (
        "web-7d9f-abc",
        "node-a",
        "web",
    )
    assert t.resolve("192.168.1.10") == idp.Workload(kind=idp.WORKLOAD_KIND_NODE, name="node-a")

    published.clear()
    state.apply("pods", "DELETED", pod("bare", "10.0.0.5"))
    state.apply(
        "pods", "MODIFIED", pod("db-0", "10.0.0.3", owner=("StatefulSet", "db"), phase="Failed")
    )
    assert published == [("10.0.0.5", None), ("10.0.0.3", None)]  # tombstones
    assert t.resolve("10.0.0.5") is None


def test_owner_arriving_later_renames_pods_and_relist_deletes_missing():
    state, published = recording_state()
    state.apply("pods", "ADDED", pod("x-1", "10.0.0.9", owner=("ReplicaSet", "x")))
    assert state.table.resolve("10.0.0.9").kind == idp.WORKLOAD_KIND_REPLICA_SET  # type: ignore[union-attr]
    state.apply("replicasets", "ADDED", owned("x", ("Deployment", "xd")))
    assert state.table.resolve("10.0.0.9") == idp.Workload(
        kind=idp.WORKLOAD_KIND_DEPLOYMENT, namespace="shop", name="xd"
    )
    assert len(published) == 2
    state.replace("pods", [])
    assert state.table.resolve("10.0.0.9") is None
    assert published[-1] == ("10.0.0.9", None)


def test_services_and_host_network_pods():
    state = ClusterState()
    svc = {
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {"clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"]},
    }
    headless = {"metadata": {"name": "db", "namespace": "shop"}, "spec": {"clusterIP": "None"}}
    state.replace("services", [svc, headless])
    assert state.table.resolve("10.96.0.10") == idp.Workload(
        kind=idp.WORKLOAD_KIND_SERVICE, namespace="shop", name="web"
    )
    state.apply("services", "DELETED", svc)
    assert state.table.resolve("10.96.0.10") is None
    state.apply(
        "pods",
        "ADDED",
        pod(
            "exp", "192.168.1.10", host_network=True, owner=("DaemonSet", "exporter"), ports=[9100]
        ),
    )
    exporter = state.table.resolve("192.168.1.10", 9100)
    node = state.table.resolve("192.168.1.10", 22)
    assert exporter is not None
    assert exporter.name == "exporter"
    assert node is not None
    assert node.kind == idp.WORKLOAD_KIND_NODE


def service(
    name: str, *ips: str, ns: str = "shop", kind: str = "ClusterIP", headless: bool = False
) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": kind}
    if headless:
        spec.update(clusterIP="None", clusterIPs=["None"])
    elif ips:
        spec.update(clusterIP=ips[0], clusterIPs=list(ips))
    return {"metadata": {"name": name, "namespace": ns, "resourceVersion": "1"}, "spec": spec}


def test_service_cluster_ips_published_and_tombstoned():
    state, published = recording_state()
    state.replace(
        "services",
        [
            service("web", "10.96.0.10"),
            service("dual", "10.96.0.11", "fd00:96::b"),
            service("db", headless=True),
            service("ext", kind="ExternalName"),
            service("bad", "10.96.0.999"),
        ],
    )
    web = idp.PodIdentity(
        ip="10.96.0.10",
        namespace="shop",
        workload_kind=idp.WORKLOAD_KIND_SERVICE,
        workload_name="web",
    )
    got = dict(published)
    assert set(got) == {"10.96.0.10", "10.96.0.11", "fd00:96::b"}
    assert got["10.96.0.10"] == web
    assert not web.pod_name
    assert not web.node_name
    assert got["fd00:96::b"] is not None
    assert got["fd00:96::b"].workload_name == "dual"
    assert state.table.resolve("fd00:96::b") == idp.Workload(
        kind=idp.WORKLOAD_KIND_SERVICE, namespace="shop", name="dual"
    )

    published.clear()
    state.apply("services", "MODIFIED", service("web", "10.96.0.10"))  # unchanged: silent
    state.apply("services", "MODIFIED", service("dual", "10.96.0.11"))  # single-stack now
    state.apply("services", "MODIFIED", service("web", "10.96.0.12"))  # ClusterIP changed
    assert published == [
        ("fd00:96::b", None),
        ("10.96.0.10", None),
        ("10.96.0.12", idp.PodIdentity(**{**_fields(web), "ip": "10.96.0.12"})),
    ]
    assert state.table.resolve("10.96.0.10") is None

    published.clear()
    state.apply("services", "DELETED", service("dual", "10.96.0.11"))
    state.replace("services", [])  # relist: web is gone too
    assert published == [("10.96.0.11", None), ("10.96.0.12", None)]
    assert state.table.resolve("10.96.0.12") is None


def test_a_pod_wins_an_address_a_service_claims():
    state, published = recording_state()
    state.apply("services", "ADDED", service("web", "10.0.0.1"))
    state.apply("pods", "ADDED", pod("web-1", "10.0.0.1"))
    state.apply("pods", "DELETED", pod("web-1", "10.0.0.1"))
    kinds = [(ip, ident.workload_kind if ident else None) for ip, ident in published]
    assert kinds == [
        ("10.0.0.1", idp.WORKLOAD_KIND_SERVICE),
        ("10.0.0.1", idp.WORKLOAD_KIND_POD),
        ("10.0.0.1", idp.WORKLOAD_KIND_SERVICE),
    ]


def _fields(msg: idp.PodIdentity) -> dict[str, Any]:
    return {f.name: v for f, v in msg.ListFields()}


def lb_service(
    name: str,
    cluster_ip: str,
    *,
    external: list[str] | None = None,
    ingress: list[Any] | None = None,
    ports: list[int] | None = None,
    ns: str = "shop",
) -> dict[str, Any]:
    obj = service(name, cluster_ip, ns=ns, kind="LoadBalancer")
    obj["spec"]["ports"] = [{"port": p, "protocol": "TCP"} for p in ports or [80]]
    if external is not None:
        obj["spec"]["externalIPs"] = external
    if ingress is not None:
        obj["status"] = {"loadBalancer": {"ingress": ingress}}
    return obj


def svc_identity(ip: str, name: str, ns: str = "shop") -> idp.PodIdentity:
    return idp.PodIdentity(
        ip=ip, namespace=ns, workload_kind=idp.WORKLOAD_KIND_SERVICE, workload_name=name
    )


def svc_workload(name: str, ns: str = "shop") -> idp.Workload:
    return idp.Workload(kind=idp.WORKLOAD_KIND_SERVICE, namespace=ns, name=name)


def test_external_ips_and_lb_ingress_vip_or_unset_published_proxy_not():
    state, published = recording_state()
    state.apply(
        "services",
        "ADDED",
        lb_service(
            "web",
            "10.96.0.10",
            external=["198.51.100.7", "2001:db8::7", "not-an-ip"],
            ingress=[
                {"ip": "203.0.113.1"},  # ipMode unset: kube-proxy DNATs it like a ClusterIP
                {"ip": "203.0.113.2", "ipMode": "VIP"},
                {"ip": "203.0.113.3", "ipMode": "Proxy"},  # really goes out to the LB
                {"hostname": "lb.example.com"},  # no address to publish
                "garbage",
            ],
        ),
    )
    assert dict(published) == {
        ip: svc_identity(ip, "web")
        for ip in ("10.96.0.10", "198.51.100.7", "2001:db8::7", "203.0.113.1", "203.0.113.2")
    }
    # the identity table names every Service address, the Proxy one too
    for ip in ("198.51.100.7", "2001:db8::7", "203.0.113.1", "203.0.113.2", "203.0.113.3"):
        assert state.table.resolve(ip) == svc_workload("web"), ip


def test_lb_ingress_status_modified_adds_and_removes_ips_with_tombstones():
    state, published = recording_state()
    state.apply("services", "ADDED", lb_service("web", "10.96.0.10"))  # pending: no ingress
    assert published == [("10.96.0.10", svc_identity("10.96.0.10", "web"))]

    published.clear()  # the load balancer is provisioned: a status update
    state.apply(
        "services", "MODIFIED", lb_service("web", "10.96.0.10", ingress=[{"ip": "203.0.113.1"}])
    )
    assert published == [("203.0.113.1", svc_identity("203.0.113.1", "web"))]

    published.clear()  # a second address; the same again is silent
    two = [{"ip": "203.0.113.1"}, {"ip": "203.0.113.2", "ipMode": "VIP"}]
    state.apply("services", "MODIFIED", lb_service("web", "10.96.0.10", ingress=two))
    state.apply("services", "MODIFIED", lb_service("web", "10.96.0.10", ingress=two))
    assert published == [("203.0.113.2", svc_identity("203.0.113.2", "web"))]

    published.clear()  # the first address goes, the second switches to Proxy mode
    state.apply(
        "services",
        "MODIFIED",
        lb_service("web", "10.96.0.10", ingress=[{"ip": "203.0.113.2", "ipMode": "Proxy"}]),
    )
    assert published == [("203.0.113.1", None), ("203.0.113.2", None)]
    assert state.table.resolve("203.0.113.1") is None
    assert state.table.resolve("203.0.113.2") == svc_workload("web")

    published.clear()  # externalIPs removed from the spec, then the Service deleted
    state.apply("services", "MODIFIED", lb_service("web", "10.96.0.10", external=["198.51.100.7"]))
    state.apply("services", "MODIFIED", lb_service("web", "10.96.0.10"))
    state.apply("services", "DELETED", lb_service("web", "10.96.0.10"))
    assert published == [
        ("198.51.100.7", svc_identity("198.51.100.7", "web")),
        ("198.51.100.7", None),
        ("10.96.0.10", None),
    ]
    assert state.table.resolve("203.0.113.2") is None
    assert state.table.resolve("198.51.100.7") is None


def test_a_shared_external_ip_stays_while_one_service_claims_it_and_resolves_by_port():
    state, published = recording_state()
    shared = ["198.51.100.7"]
    state.apply("services", "ADDED", lb_service("web", "10.96.0.10", external=shared, ports=[80]))
    state.apply("services", "ADDED", lb_service("api", "10.96.0.11", external=shared, ports=[8443]))
    assert state.table.resolve("198.51.100.7", 80) == svc_workload("web")
    assert state.table.resolve("198.51.100.7", 8443) == svc_workload("api")
    assert state.table.resolve("198.51.100.7") == svc_workload("api")  # first by name
    published.clear()
    state.apply("services", "DELETED", lb_service("api", "10.96.0.11", external=shared))
    assert published == [
        ("10.96.0.11", None),
        ("198.51.100.7", svc_identity("198.51.100.7", "web")),
    ]
    assert state.table.resolve("198.51.100.7", 8443) == svc_workload("web")
    published.clear()
    state.apply("services", "DELETED", lb_service("web", "10.96.0.10", external=shared))
    assert ("198.51.100.7", None) in published


def test_pods_win_lb_and_external_ips_and_node_addresses_are_never_services():
    state, published = recording_state()
    # a bare-metal load balancer announcing the node's own address (192.168.1.10)
    state.apply(
        "services",
        "ADDED",
        lb_service(
            "web",
            "10.96.0.10",
            external=["10.0.0.1"],
            ingress=[{"ip": "192.168.1.10"}, {"ip": "203.0.113.1"}],
        ),
    )
    assert ("192.168.1.10", svc_identity("192.168.1.10", "web")) in published
    published.clear()
    state.apply("pods", "ADDED", pod("web-1", "10.0.0.1"))  # hostIP 192.168.1.10: a node
    assert published == [
        ("192.168.1.10", None),
        ("10.0.0.1", _pod_identity(pod_name="web-1", ip="10.0.0.1")),
    ]
    node = state.table.resolve("192.168.1.10", 80)
    assert node == idp.Workload(kind=idp.WORKLOAD_KIND_NODE, name="node-a")
    assert state.table.resolve("10.0.0.1") == idp.Workload(
        kind=idp.WORKLOAD_KIND_POD, namespace="shop", name="web-1"
    )
    published.clear()  # the pod goes: its address is the Service's again
    state.apply("pods", "DELETED", pod("web-1", "10.0.0.1"))
    assert published == [("10.0.0.1", svc_identity("10.0.0.1", "web"))]
    published.clear()  # the node address stays the node's whatever the Service does
    state.apply(
        "services", "MODIFIED", lb_service("web", "10.96.0.10", ingress=[{"ip": "192.168.1.10"}])
    )
    assert [ip for ip, _ in published] == ["10.0.0.1", "203.0.113.1"]
    assert state.table.resolve("192.168.1.10", 80) == node


def _pod_identity(**fields: Any) -> idp.PodIdentity:
    return idp.PodIdentity(
        node_name="node-a",
        namespace="shop",
        workload_kind=idp.WORKLOAD_KIND_POD,
        workload_name=fields["pod_name"],
        **fields,
    )
