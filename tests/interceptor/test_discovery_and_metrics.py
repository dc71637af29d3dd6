"""Pod directory from sieve.pods records, settings, and the metrics exported."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry, generate_latest

from common.settings import ConfigError, load_settings
from interceptor.discovery import PodDirectory
from interceptor.live import LiveCapture
from interceptor.metrics import InterceptorCollector
from interceptor.service import ClusterAddresses
from interceptor.settings import InterceptorSettings
from interceptor.synthetic import tcp_frame
from protos.sieve.v1 import identity_pb2
from tests.interceptor.conversation import Conversation, frames, request, response


def _pod(ip: str, node: str, host_network: bool = False) -> bytes:
    return identity_pb2.PodIdentity(
        ip=ip, node_name=node, namespace="ns", pod_name="p", host_network=host_network
    ).SerializeToString()


def test_pod_directory_keeps_this_nodes_pods() -> None:
    pods = PodDirectory(load_settings(InterceptorSettings, node_name="n1"))
    pods.apply(b"10.251.6.1", _pod("10.251.6.1", "n1"))
    pods.apply(b"10.251.6.2", _pod("10.251.6.2", "n2"))
    pods.apply(b"10.251.6.3", _pod("10.251.6.3", "n1", host_network=True))
    pods.apply(b"10.251.6.4", _pod("10.251.6.4", "n1"))
    pods.apply(b"10.251.6.5", b"\xff\xff not protobuf")
    assert pods.ips() == {"10.251.6.1", "10.251.6.4"}
    assert pods.bad_records == 1
    pods.apply(b"10.251.6.4", None)  # tombstone
    pods.apply(b"10.251.6.1", _pod("10.251.6.1", "n2"))  # the IP moved to another node
    assert pods.ips() == set()


def _service(ip: str) -> bytes:
    return identity_pb2.PodIdentity(
        ip=ip,
        namespace="ns",
        workload_kind=identity_pb2.WORKLOAD_KIND_SERVICE,
        workload_name="web",
    ).SerializeToString()


def test_pod_directory_keeps_the_other_cluster_addresses() -> None:
    pods = PodDirectory(load_settings(InterceptorSettings, node_name="n1"))
    pods.apply(b"10.251.6.1", _pod("10.251.6.1", "n1"))  # local
    pods.apply(b"10.251.6.2", _pod("10.251.6.2", "n2"))  # another node's pod
    pods.apply(b"10.251.6.3", _pod("10.251.6.3", "n2", host_network=True))  # a node IP
    pods.apply(b"10.248.0.1", _service("10.248.0.1"))
    pods.apply(b"fd00::1", _service("fd00::1"))  # dual stack
    pods.apply(b"10.248.0.2", _service("not an ip"))
    assert pods.ips() == {"10.251.6.1"}
    assert pods.cluster_ips() == {"10.251.6.2", "10.248.0.1", "fd00::1"}
    assert pods.cluster_counts() == {"services": 2, "other_nodes_pods": 1}
    assert pods.bad_records == 1
    version = pods.version
    pods.apply(b"10.251.6.2", _pod("10.251.6.2", "n2"))  # the same record again
    assert pods.version == version
    pods.apply(b"10.248.0.1", None)  # the Service deleted
    pods.apply(b"10.251.6.2", _pod("10.251.6.2", "n1"))  # the IP now a pod of this node
    pods.apply(b"10.251.6.1", _pod("10.251.6.1", "n3"))  # and this one of another node
    assert pods.ips() == {"10.251.6.2"}
    assert pods.cluster_ips() == {"10.251.6.1", "fd00::1"}
    pods.apply(b"10.251.6.1", None)
    pods.apply(b"fd00::1", None)
    assert pods.cluster_ips() == frozenset()
    assert pods.version > version


def _placed(ip: str, node: str, partition: int, host_network: bool = False) -> bytes:
    pod = identity_pb2.PodIdentity.FromString(_pod(ip, node, host_network))
    pod.exchanges_partition = partition
    return pod.SerializeToString()


def test_pod_directory_keeps_every_pods_placement_by_ip() -> None:
    """Placements of all nodes' pods (host network too: one per node IP), not of Services;
    a record without one, or a tombstone, forgets it."""
    pods = PodDirectory(load_settings(InterceptorSettings, node_name="n1"))
    pods.apply(b"10.251.6.1", _placed("10.251.6.1", "n1", 0))  # partition 0 is a placement
    pods.apply(b"10.251.6.2", _placed("10.251.6.2", "n2", 7))
    pods.apply(b"10.251.6.3", _placed("10.251.6.3", "n2", 3, host_network=True))
    pods.apply(b"fd00::0001", _placed("fd00::1", "n2", 5))  # the key of the text form
    pods.apply(b"10.251.6.4", _pod("10.251.6.4", "n1"))  # not placed
    service = identity_pb2.PodIdentity.FromString(_service("10.248.0.1"))
    service.exchanges_partition = 2
    pods.apply(b"10.248.0.1", service.SerializeToString())
    placements = pods.placements()
    assert dict(placements) == {
        b"10.251.6.1": 0,
        b"10.251.6.2": 7,
        b"10.251.6.3": 3,
        b"fd00::1": 5,
    }
    pods.apply(b"10.251.6.2", None)
    pods.apply(b"10.251.6.1", _pod("10.251.6.1", "n1"))  # republished without a placement
    assert dict(placements) == {b"10.251.6.3": 3, b"fd00::1": 5}  # the same live table


def test_cluster_addresses_merge_the_settings_and_follow_the_directory() -> None:
    settings = load_settings(InterceptorSettings, node_name="n1", cluster_cidrs=["10.96.0.0/12"])
    pods = PodDirectory(settings)
    cluster = ClusterAddresses(settings, pods)
    assert cluster.current == {"10.96.0.0/12"}
    assert cluster.refresh() is False  # nothing known yet: nothing changed
    pods.apply(b"10.251.6.2", _pod("10.251.6.2", "n2"))
    assert cluster.refresh() is True
    assert cluster.current == {"10.96.0.0/12", "10.251.6.2"}
    assert cluster.refresh() is False
    pods.apply(b"10.251.6.1", _pod("10.251.6.1", "n1"))  # a local pod: no cluster change
    assert cluster.refresh() is False
    assert ClusterAddresses(settings, None).refresh() is False


def test_pod_directory_caught_up_at_the_end_offsets_of_assignment() -> None:
    pods = PodDirectory(load_settings(InterceptorSettings, node_name="n1"))
    pods.behind({0: 3, 1: 0, 2: 1})  # partition 1 empty: nothing to wait for there
    pods.consumed(0, 1)
    pods.consumed(2, 0)
    assert not pods.caught_up.is_set()
    pods.consumed(0, 2)  # offset 2 is the last of partition 0 (end 3)
    assert pods.caught_up.is_set()
    empty = PodDirectory(load_settings(InterceptorSettings, node_name="n1"))
    empty.behind({0: 0})
    assert empty.caught_up.is_set()


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NODE_NAME", "node-7")
    monkeypatch.setenv("SIEVE_INTERCEPTOR_INTERFACES", '{"veth1": ["10.251.0.1"], "cni0": []}')
    monkeypatch.setenv("SIEVE_INTERCEPTOR_EXCLUDED_PORTS", "[9090]")
    s = load_settings(InterceptorSettings)
    assert s.node_name == "node-7"
    assert s.interfaces == {"veth1": ["10.251.0.1"], "cni0": []}
    assert s.excluded_ports == [9090]
    assert s.cluster_cidrs == []
    monkeypatch.setenv("SIEVE_INTERCEPTOR_CLUSTER_CIDRS", '["10.244.0.0/16", "10.96.0.0/12"]')
    assert load_settings(InterceptorSettings).cluster_cidrs == ["10.244.0.0/16", "10.96.0.0/12"]
    monkeypatch.setenv("SIEVE_INTERCEPTOR_CLUSTER_CIDRS", '["10.244.0.0/99"]')
    with pytest.raises(ConfigError, match="SIEVE_INTERCEPTOR_CLUSTER_CIDRS"):
        load_settings(InterceptorSettings)
    monkeypatch.delenv("SIEVE_INTERCEPTOR_CLUSTER_CIDRS")
    assert "/metrics" in s.excluded_paths
    monkeypatch.setenv("SIEVE_INTERCEPTOR_EXCLUDED_PATHS", '["metrics"]')
    with pytest.raises(ConfigError, match="SIEVE_INTERCEPTOR_EXCLUDED_PATHS"):
        load_settings(InterceptorSettings)


def test_metrics_export_core_counters() -> None:
    live = LiveCapture(load_settings(InterceptorSettings, discover_pods=False), lambda ex: None)
    live.core.set_local_ips({"veth9": []})
    live.core.feed("veth9", 1, 1.0, tcp_frame("10.251.7.1", "10.251.7.2", 1, 80, 0, 0, 2, b""))
    live.core.feed("veth9", 1, 1.0, b"\x00" * 12 + b"\x08\x00\x45")  # cut-short IPv4
    registry = CollectorRegistry()
    registry.register(InterceptorCollector(live, None))
    text = generate_latest(registry).decode()
    assert 'sieve_interceptor_packets_total{interface="veth9"} 2.0' in text
    assert "sieve_interceptor_active_connections 1.0" in text
    assert 'sieve_interceptor_dropped_total{reason="malformed"} 1.0' in text
    assert "sieve_interceptor_exchanges_total 0.0" in text
    assert "sieve_interceptor_interfaces 0.0" in text
    assert "sieve_interceptor_cluster_addresses 0.0" in text
    live.core.set_local_ips({"veth9": []}, ["10.251.7.9", "10.248.0.1", "10.96.0.0/12"])
    text = generate_latest(registry).decode()
    assert "sieve_interceptor_cluster_addresses 2.0" in text
    assert "sieve_interceptor_cluster_networks 1.0" in text


def test_metrics_show_loss_per_interface() -> None:
    live = LiveCapture(load_settings(InterceptorSettings, discover_pods=False), lambda ex: None)
    conv = Conversation(
        [
            (True, request("GET", "/a")),
            (False, response(200, b'{"a": 1}')),
            (True, request("GET", "/b")),
            (False, response(200, b'{"b": 2}')),
            (True, request("GET", "/c")),
            (False, response(200, b'{"c": 3}')),
        ]
    )
    live.core.set_local_ips({"veth9": []})
    fr = frames(conv, "whole")
    del fr[4]  # the first response is lost
    for ts, f in fr:
        live.core.feed("veth9", 1, ts, f)
    live.core.close_all()
    registry = CollectorRegistry()
    registry.register(InterceptorCollector(live, None))
    text = generate_latest(registry).decode()
    assert 'sieve_interceptor_gaps_total{interface="veth9"} 1.0' in text
    assert 'sieve_interceptor_resyncs_total{interface="veth9"} 1.0' in text
    # the first request is dropped, /b and /c are proven and reported: 1 of 3 lost
    assert 'sieve_interceptor_gap_lost_messages_total{interface="veth9"} 1.0' in text
    assert 'sieve_interceptor_gap_lost_share{interface="veth9"} 0.333' in text
    assert [ex.request.target for ex in live.core.take()] == ["/b", "/c"]
    assert live.core.dropped["unaligned_request"] == 1
