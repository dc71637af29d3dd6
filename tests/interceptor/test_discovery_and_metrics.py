"""Pod directory from sieve.pods records, settings, and the metrics exported."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry, generate_latest

from common.settings import ConfigError, load_settings
from interceptor.discovery import PodDirectory
from interceptor.live import LiveCapture
from interceptor.metrics import InterceptorCollector
from interceptor.settings import InterceptorSettings
from interceptor.synthetic import tcp_frame
from protos.sieve.v1 import identity_pb2


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


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NODE_NAME", "node-7")
    monkeypatch.setenv("SIEVE_INTERCEPTOR_INTERFACES", '{"veth1": ["10.251.0.1"], "cni0": []}')
    monkeypatch.setenv("SIEVE_INTERCEPTOR_EXCLUDED_PORTS", "[9090]")
    s = load_settings(InterceptorSettings)
    assert s.node_name == "node-7"
    assert s.interfaces == {"veth1": ["10.251.0.1"], "cni0": []}
    assert s.excluded_ports == [9090]
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
