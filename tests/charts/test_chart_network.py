"""The NetworkPolicies select the right pods, and let in only the right peers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.charts import scenarios
from tests.charts.helm import COMPONENT, Rendered, pod_spec, render, requires_helm, selector_matches

pytestmark = requires_helm


def policy_for(rendered: Rendered, component: str) -> dict[str, Any]:
    """The one policy whose podSelector selects ``component``'s pods (and only those)."""
    targets = []
    for policy in rendered.of_kind("NetworkPolicy"):
        selected = {
            rendered.pod_labels(doc)[COMPONENT]
            for doc, _ in rendered.pod_specs()
            if selector_matches(policy["spec"]["podSelector"], rendered.pod_labels(doc))
        }
        assert len(selected) == 1, f"{policy['metadata']['name']} selects {selected}"
        if selected == {component}:
            targets.append(policy)
    assert len(targets) == 1, f"{component}: {len(targets)} policies"
    return targets[0]


def peers_components(rendered: Rendered, peers: list[dict[str, Any]]) -> set[str]:
    """Components whose pods the podSelector peers select."""
    out = set()
    for peer in peers:
        if "podSelector" not in peer:
            continue
        assert "namespaceSelector" not in peer  # same namespace only
        for doc, _ in rendered.pod_specs():
            if selector_matches(peer["podSelector"], rendered.pod_labels(doc)):
                out.add(rendered.pod_labels(doc)[COMPONENT])
    return out


def rules_by_port(rendered: Rendered, component: str) -> dict[int, list[dict[str, Any]] | None]:
    """Container port number → the ``from`` peers of the rule opening it (None: anyone)."""
    container = rendered.container(component)
    named = {p["name"]: p["containerPort"] for p in container["ports"]}
    policy = policy_for(rendered, component)
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    out: dict[int, list[dict[str, Any]] | None] = {}
    for rule in policy["spec"]["ingress"]:
        for port in rule["ports"]:
            number = named[port["port"]] if isinstance(port["port"], str) else port["port"]
            assert number not in out, f"port {number} opened twice"
            out[number] = rule.get("from")
    return out


def port(rendered: Rendered, component: str, name: str) -> int:
    ports = rendered.container(component)["ports"]
    return int(next(p["containerPort"] for p in ports if p["name"] == name))


def test_default_policies() -> None:
    r = render()
    kafka = rules_by_port(r, "kafka")
    assert set(kafka) == {port(r, "kafka", "kafka")}
    assert peers_components(r, kafka[port(r, "kafka", "kafka")] or []) == {"interceptor", "digger"}

    detector = rules_by_port(r, "detector")
    assert peers_components(r, detector[port(r, "detector", "http")] or []) == {"digger"}
    assert peers_components(r, detector[port(r, "detector", "ops")] or []) == {"test"}
    assert set(detector) == {port(r, "detector", "http"), port(r, "detector", "ops")}

    collector = rules_by_port(r, "collector")
    assert peers_components(r, collector[port(r, "collector", "grpc")] or []) == {"digger"}
    assert collector[port(r, "collector", "http")] is None  # the dashboard is open
    assert peers_components(r, collector[port(r, "collector", "ops")] or []) == {"test"}

    digger = rules_by_port(r, "digger")
    assert set(digger) == {port(r, "digger", "ops")}
    # Every peer of every policy is a pod of this release (nothing cluster-wide by default).
    for policy in r.of_kind("NetworkPolicy"):
        for rule in policy["spec"]["ingress"]:
            for peer in rule.get("from") or []:
                assert set(peer) == {"podSelector"}
                assert peer["podSelector"]["matchLabels"]["app.kubernetes.io/instance"] == "sieve"


def test_interceptor_is_host_network_so_node_cidrs_open_kafka() -> None:
    r = render(scenarios.TUNED)
    assert pod_spec(r.workload("interceptor"))["hostNetwork"] is True
    peers = rules_by_port(r, "kafka")[port(r, "kafka", "kafka")] or []
    blocks = [p["ipBlock"]["cidr"] for p in peers if "ipBlock" in p]
    assert blocks == ["10.0.0.0/16", "192.168.10.0/24"]
    collector = rules_by_port(r, "collector")
    grpc_peers = collector[port(r, "collector", "grpc")] or []
    assert {"ipBlock": {"cidr": "172.20.0.0/16"}} in grpc_peers
    assert peers_components(r, grpc_peers) == {"digger"}
    assert collector[port(r, "collector", "http")] == [
        {"namespaceSelector": {"matchLabels": {"name": "ops"}}}
    ]
    metrics = {"namespaceSelector": {"matchLabels": {"name": "monitoring"}}}
    for component in ("detector", "digger", "collector"):
        assert metrics in (rules_by_port(r, component)[port(r, component, "ops")] or [])


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("network-policies-off", set()),
        ("external-kafka-sasl-tls", {"detector", "digger", "collector"}),
        ("collector-off-cloud-token", {"kafka", "detector", "digger"}),
    ],
)
def test_policies_follow_the_components(scenario: str, expected: set[str]) -> None:
    r = render(scenarios.SCENARIOS[scenario])
    got = {p["metadata"]["labels"][COMPONENT] for p in r.of_kind("NetworkPolicy")}
    assert got == expected
