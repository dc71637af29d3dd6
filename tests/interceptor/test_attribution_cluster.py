"""Each exchange once across nodes and through Service ClusterIPs, external IPs and
LoadBalancer ingress IPs (attribution with the other cluster addresses, single or as
networks)."""

from __future__ import annotations

import dataclasses

import pytest

from common.settings import load_settings
from digger.cluster_state import ClusterState
from interceptor.attribution import Attribution, split_cluster_addresses
from interceptor.core import Core
from interceptor.discovery import PodDirectory
from interceptor.frames import ip_packed
from interceptor.settings import InterceptorSettings
from protos.sieve.v1 import identity_pb2
from tests.interceptor.conversation import frames, summary
from tests.interceptor.test_core_limits import CONV, EXPECTED

CLIENT_IP, SERVER_IP, VIP = "10.251.1.1", "10.251.1.2", "10.248.0.7"
LB_IP, EXTERNAL_IP = "203.0.113.9", "198.51.100.9"


def _node(local: dict[str, list[str]], cluster: list[str]) -> Core:
    core = Core()
    core.set_local_ips(local, cluster)
    return core


def _reported(core: Core) -> list[tuple[object, ...]]:
    core.close_all()
    return [(ex.interface, *summary(ex)) for ex in core.take()]


@pytest.mark.parametrize("by_hand", [False, True], ids=["sieve.pods addresses", "pod CIDR"])
def test_pods_of_two_nodes_reported_once_by_the_servers_node(by_hand: bool) -> None:
    node_a = _node({"veth-client": [CLIENT_IP]}, ["10.251.0.0/16"] if by_hand else [SERVER_IP])
    node_b = _node({"veth-server": [SERVER_IP]}, ["10.251.0.0/16"] if by_hand else [CLIENT_IP])
    for ts, f in frames(CONV, "shuffled", 5):
        node_a.feed("veth-client", 1, ts, f)
        node_b.feed("veth-server", 1, ts + 0.001, f)
    assert _reported(node_a) == []
    assert _reported(node_b) == [("veth-server", *e) for e in EXPECTED]
    assert node_a.dropped["not_local"] > 0


def test_service_ip_dnat_reported_once_on_the_server_veth() -> None:
    # the client's veth sees dst=VIP; the host DNATs; the server's veth sees dst=pod IP
    to_vip = dataclasses.replace(CONV, server=(VIP, 80))
    to_pod = CONV
    core = _node({"veth-client": [CLIENT_IP], "veth-server": [SERVER_IP]}, [VIP])
    for (ts, f_vip), (_ts, f_pod) in zip(
        frames(to_vip, "whole"), frames(to_pod, "whole"), strict=True
    ):
        core.feed("veth-client", 1, ts, f_vip)
        core.feed("veth-server", 1, ts + 0.00001, f_pod)
    assert _reported(core) == [("veth-server", *e) for e in EXPECTED]


def test_without_the_service_ip_the_dnat_is_reported_twice() -> None:
    # the bug the cluster addresses fix, kept as a check that the scenario is real
    to_vip = dataclasses.replace(CONV, server=(VIP, 80))
    core = _node({"veth-client": [CLIENT_IP], "veth-server": [SERVER_IP]}, [])
    for (ts, f_vip), (_ts, f_pod) in zip(
        frames(to_vip, "whole"), frames(CONV, "whole"), strict=True
    ):
        core.feed("veth-client", 1, ts, f_vip)
        core.feed("veth-server", 1, ts + 0.00001, f_pod)
    assert [r[0] for r in _reported(core)] == ["veth-client", "veth-server"] * 2


def _lb_cluster_addresses(ip_mode: str | None) -> frozenset[str]:
    """The digger's sieve.pods records for a LoadBalancer Service, read as an interceptor."""
    ingress: dict[str, str] = {"ip": LB_IP}
    if ip_mode is not None:
        ingress["ipMode"] = ip_mode
    svc = {
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {"type": "LoadBalancer", "clusterIP": VIP, "externalIPs": [EXTERNAL_IP]},
        "status": {"loadBalancer": {"ingress": [ingress]}},
    }
    pods = PodDirectory(load_settings(InterceptorSettings, node_name="node-a"))

    def publish(ip: str, identity: identity_pb2.PodIdentity | None) -> None:
        pods.apply(ip.encode(), identity.SerializeToString() if identity else None)

    ClusterState(publish=publish).apply("services", "ADDED", svc)
    return pods.cluster_ips()


@pytest.mark.parametrize("ip_mode", [None, "VIP"], ids=["ipMode unset", "ipMode VIP"])
@pytest.mark.parametrize("dst", [LB_IP, EXTERNAL_IP], ids=["LB ingress", "externalIP"])
def test_lb_and_external_ip_dnat_reported_once_on_the_server_veth(
    ip_mode: str | None, dst: str
) -> None:
    cluster = _lb_cluster_addresses(ip_mode)
    assert cluster == {VIP, LB_IP, EXTERNAL_IP}
    core = _node({"veth-client": [CLIENT_IP], "veth-server": [SERVER_IP]}, sorted(cluster))
    to_lb = dataclasses.replace(CONV, server=(dst, 80))
    for (ts, f_lb), (_ts, f_pod) in zip(frames(to_lb, "whole"), frames(CONV, "whole"), strict=True):
        core.feed("veth-client", 1, ts, f_lb)  # kube-proxy DNATs dst on the client's node
        core.feed("veth-server", 1, ts + 0.00001, f_pod)
    assert _reported(core) == [("veth-server", *e) for e in EXPECTED]


def test_lb_ingress_in_proxy_mode_keeps_the_client_leg() -> None:
    # the traffic really goes to the load balancer, which opens its own connection
    cluster = _lb_cluster_addresses("Proxy")
    assert cluster == {VIP, EXTERNAL_IP}
    core = _node({"veth-client": [CLIENT_IP], "veth-server": [SERVER_IP]}, sorted(cluster))
    to_lb = dataclasses.replace(CONV, server=(LB_IP, 80))
    from_lb = dataclasses.replace(CONV, client=(LB_IP, 40_000))
    for (ts, f_in), (_ts, f_out) in zip(
        frames(to_lb, "whole"), frames(from_lb, "whole"), strict=True
    ):
        core.feed("veth-client", 1, ts, f_in)
        core.feed("veth-server", 1, ts + 0.001, f_out)
    assert sorted(str(r[0]) for r in _reported(core)) == ["veth-client"] * 2 + ["veth-server"] * 2


def test_external_server_still_reported_on_the_client_veth() -> None:
    external = dataclasses.replace(CONV, server=("192.0.2.10", 443))
    core = _node({"veth-client": [CLIENT_IP]}, ["10.251.0.0/16", "10.248.0.0/24"])
    for ts, f in frames(external, "whole"):
        core.feed("veth-client", 1, ts, f)
    assert [r[0] for r in _reported(core)] == ["veth-client", "veth-client"]


def test_networks_merged_and_searched_at_their_edges() -> None:
    att = Attribution(
        {"veth-c": ["10.0.0.5"]},
        [
            *("10.96.0.0/12", "10.96.0.0/16", "10.244.0.0/24", "10.244.1.0/24", "fd00:10::/64"),
            *("10.9.9.9", "10.8.0.1/32", "fd00:99::1"),
        ],
    )
    assert att.cluster_networks.count == 3  # /16 inside /12; two /24s merge into a /23
    assert att.cluster_ips == {ip_packed(ip) for ip in ("10.9.9.9", "10.8.0.1", "fd00:99::1")}
    client = ip_packed("10.0.0.5")
    inside = ["10.96.0.0", "10.111.255.255", "10.244.0.0", "10.244.1.255", "fd00:10::ffff"]
    outside = ["10.95.255.255", "10.112.0.0", "10.243.255.255", "10.244.2.0", "fd00:11::1"]
    for ip in [*inside, "10.9.9.9", "10.8.0.1", "fd00:99::1"]:
        assert att.owner(client, ip_packed(ip), "veth-c") is None, ip
    for ip in [*outside, "0.0.0.0", "255.255.255.255", "::"]:
        assert att.owner(client, ip_packed(ip), "veth-c") == "veth-c", ip
    # a local server wins over any network that holds it
    att2 = Attribution({"veth-s": ["10.96.0.9"]}, ["10.96.0.0/12"])
    assert att2.owner(client, ip_packed("10.96.0.9"), "veth-c") == "veth-s"


def test_split_cluster_addresses_rejects_garbage() -> None:
    for bad in ("10.0.0.0/33", "not-an-ip", "10.0.0.300", ""):
        with pytest.raises(ValueError, match=r"not an IP address|does not appear"):
            split_cluster_addresses([bad])
    addresses, networks = split_cluster_addresses(["10.1.2.3/24"])  # host bits: tolerated
    assert addresses == frozenset()
    assert [str(n) for n in networks] == ["10.1.2.0/24"]


def test_network_answers_remembered_within_a_bound() -> None:
    att = Attribution({"veth-c": ["10.0.0.5"]}, ["10.96.0.0/12"])
    att.max_verdicts = 3
    client = ip_packed("10.0.0.5")
    for _ in range(2):  # the second pass answers from memory, or after a clear
        for n in range(10):
            inside, outside = ip_packed(f"10.96.0.{n}"), ip_packed(f"10.95.0.{n}")
            assert att.owner(client, inside, "veth-c") is None
            assert att.owner(client, outside, "veth-c") == "veth-c"
    assert len(att._network_verdicts) <= 3
