"""Policies that name clusters, and the cross-cluster rule: parsing, matching, and through
the store with two clusters that use the same namespace and workload names (both backends)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from collector.policies import (
    NoCrossClusterSensitivity,
    OnlyNamespaceMayReceive,
    PolicyError,
    Transfer,
    WorkloadMayNotSend,
    WorkloadRef,
    parse_policies,
)
from collector.store import Store
from protos.sieve.v1 import identity_pb2, ingest_pb2, metadata_pb2
from tests.collector.factories import batch, field, report, workload

DEPLOYMENT = identity_pb2.WORKLOAD_KIND_DEPLOYMENT
EXTERNAL = identity_pb2.WORKLOAD_KIND_EXTERNAL
STORED = ingest_pb2.ACK_STATUS_STORED


def _ref(name: str, namespace: str = "shop", cluster: str = "east") -> WorkloadRef:
    return WorkloadRef(DEPLOYMENT, namespace, name, cluster)


def _card(sender: WorkloadRef, receiver: WorkloadRef, sensitivity: int = 3) -> Transfer:
    return Transfer(sender, receiver, "credit_card", sensitivity, cluster=receiver.cluster)


def test_cluster_and_clusters_parse_like_namespace_and_namespaces() -> None:
    policies = parse_policies(
        """
- {name: one, rule: no_external_sensitivity, min_sensitivity: high, cluster: prod-eu}
- {name: two, rule: no_external_sensitivity, min_sensitivity: high, clusters: [a, b]}
- {name: three, rule: no_external_sensitivity, min_sensitivity: high}
- {name: four, rule: no_cross_cluster_sensitivity, min_sensitivity: medium}
"""
    )
    one, two, three, four = policies.policies
    assert (one.clusters, two.clusters, three.clusters) == (["prod-eu"], ["a", "b"], None)
    assert isinstance(four, NoCrossClusterSensitivity)
    assert policies.needs_links
    assert not parse_policies(
        "- {name: x, rule: no_external_sensitivity, min_sensitivity: high}"
    ).needs_links
    # A rule without clusters keeps the key it had before the language knew clusters.
    plain = parse_policies("- {name: n, rule: no_external_sensitivity, min_sensitivity: high}")
    scoped = parse_policies(
        "- {name: n, rule: no_external_sensitivity, min_sensitivity: high, cluster: a}"
    )
    canonical = {"name": "n", "rule": "no_external_sensitivity", "min_sensitivity": "high"}
    digest = hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()[:32]
    assert plain.policies[0].key == digest
    assert plain.policies[0].key != scoped.policies[0].key


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('cluster: ""', "policies.0.no_external_sensitivity.clusters.0"),
        ("clusters: []", "policies.0.no_external_sensitivity.clusters"),
        ("cluster: 5", "policies.0.no_external_sensitivity.clusters.0"),
        ('clusters: [a, ""]', "policies.0.no_external_sensitivity.clusters.1"),
        ("clusters: {a: b}", "policies.0.no_external_sensitivity.clusters"),
    ],
    ids=["empty", "empty-list", "number", "empty-item", "mapping"],
)
def test_an_empty_or_mistyped_cluster_is_a_one_line_error(extra: str, expected: str) -> None:
    text = f"- name: n\n  rule: no_external_sensitivity\n  min_sensitivity: high\n  {extra}\n"
    with pytest.raises(PolicyError) as raised:
        parse_policies(text, "p.yaml")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"p.yaml: invalid policy at {expected}:")


def test_an_empty_cluster_stops_the_collector_at_start_with_one_line(tmp_path: Path) -> None:
    policies = tmp_path / "policies.yaml"
    policies.write_text(
        "- {name: n, rule: no_external_sensitivity, min_sensitivity: high, cluster: ''}\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SIEVE_COLLECTOR_")}
    done = subprocess.run(
        [sys.executable, "-m", "collector"],
        env={
            **clean,
            "SIEVE_COLLECTOR_TOKENS": "t",
            "SIEVE_COLLECTOR_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}",
            "SIEVE_COLLECTOR_OPS_PORT": "0",
            "SIEVE_COLLECTOR_GRPC_PORT": "0",
            "SIEVE_COLLECTOR_HTTP_PORT": "0",
            "SIEVE_COLLECTOR_POLICIES_FILE": str(policies),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("sieve-collector: ")
    assert "invalid policy at policies.0.no_external_sensitivity.clusters.0" in line


def test_a_workload_selector_of_four_parts_is_an_error() -> None:
    with pytest.raises(PolicyError, match="cluster/namespace/name"):
        parse_policies(
            "- {name: n, rule: workload_may_not_send, workload: a/b/c/d, data_type: us_ssn}"
        )


@pytest.mark.parametrize(
    ("selector", "matched"),
    [
        ("frontend", {"east:shop", "west:shop", "east:web"}),
        ("shop/frontend", {"east:shop", "west:shop"}),
        ("east/shop/frontend", {"east:shop"}),
        ("north/shop/frontend", set()),
        ("east/shop/api", set()),
    ],
)
def test_workload_selector_may_name_the_cluster(selector: str, matched: set[str]) -> None:
    rule = parse_policies(
        f"- {{name: n, rule: workload_may_not_send, workload: {selector}, data_type: us_ssn}}"
    ).policies[0]
    assert isinstance(rule, WorkloadMayNotSend)
    candidates = [_ref("frontend"), _ref("frontend", cluster="west"), _ref("frontend", "web")]
    assert {f"{w.cluster}:{w.namespace}" for w in candidates if rule.matches(w)} == matched


def test_a_rule_with_clusters_judges_only_endpoints_in_them() -> None:
    rule = parse_policies(
        "- {name: n, rule: only_namespace_may_receive, cluster: east, namespace: payments,"
        " data_type: credit_card}"
    ).policies[0]
    assert isinstance(rule, OnlyNamespaceMayReceive)
    east = _card(_ref("frontend"), _ref("orders"))
    west = _card(_ref("frontend", cluster="west"), _ref("orders", cluster="west"))
    assert rule.applies(east)
    assert rule.violation(east) is not None
    assert not rule.applies(west)


def test_a_sender_rule_with_clusters_judges_the_senders_cluster() -> None:
    rule = parse_policies(
        "- {name: n, rule: workload_may_not_send, workload: frontend, cluster: east,"
        " data_type: credit_card}"
    ).policies[0]
    # A response: the endpoint's server is in west, the sender (the server) too.
    west_sender = Transfer(_ref("frontend", cluster="west"), _ref("x"), "credit_card", 3,
                           cluster="west")  # fmt: skip
    east_sender = Transfer(_ref("frontend"), _ref("x", cluster="west"), "credit_card", 3,
                           cluster="west")  # fmt: skip
    assert not rule.applies(west_sender)
    assert rule.applies(east_sender)
    assert rule.violation(east_sender) is not None


def test_cross_cluster_rule_compares_the_clusters_the_parties_run_in() -> None:
    rule = parse_policies(
        "- {name: n, rule: no_cross_cluster_sensitivity, min_sensitivity: high}"
    ).policies[0]
    client = _ref("frontend", cluster="a")
    unlinked = WorkloadRef(EXTERNAL, "", "api.b.example", "a")
    linked = WorkloadRef(EXTERNAL, "", "api.b.example", "a", linked_cluster="b")
    assert rule.violation(_card(client, unlinked)) is None  # external, but no other cluster
    assert rule.violation(_card(client, _ref("orders", cluster="a"))) is None
    assert rule.violation(_card(client, linked, sensitivity=2)) is None  # below the level
    message = rule.violation(_card(client, linked))
    assert message == (
        "shop/frontend in cluster 'a' sent credit_card (high) to api.b.example in cluster 'b'"
    )
    # A response from the linked server back to the client crosses too.
    assert rule.violation(_card(linked, client)) is not None


# --- through the store --------------------------------------------------------------------


def _named(
    sequence: int, cluster: str, *reports: metadata_pb2.EndpointReport
) -> ingest_pb2.MetadataBatch:
    out = batch(sequence, *reports, agent=f"agent-{cluster}")
    out.cluster_name = cluster
    return out


def _cards(source: str, destination: str, sensitivity: str = "high") -> metadata_pb2.EndpointReport:
    dest_kind = "external" if "." in destination else "deployment"
    return report(
        workload(source),
        workload(destination, kind=dest_kind),
        "POST",
        "/orders",
        request=[field("$.card", detect=[("credit_card", sensitivity, 0.99, 10)])],
    )


def _seen(store: Store) -> set[tuple[str, str, str]]:
    return {(v.policy, v.sender.label, v.receiver.label) for v in store.violations()}


def _store(url: str, text: str) -> Store:
    store = Store(url, policies=parse_policies(text))
    store.migrate()
    return store


def test_same_names_in_two_clusters_one_cluster_is_judged(store_url: str) -> None:
    store = _store(
        store_url,
        """
- name: cards stay in payments in east
  rule: only_namespace_may_receive
  cluster: east
  namespace: payments
  data_type: credit_card
- name: west frontend sends no cards
  rule: workload_may_not_send
  workload: west/shop/frontend
  data_type: credit_card
""",
    )
    try:
        assert store.ingest_batch(_named(1, "east", _cards("frontend", "orders"))) == STORED
        assert store.ingest_batch(_named(1, "west", _cards("frontend", "orders"))) == STORED
        assert _seen(store) == {
            ("cards stay in payments in east", "east:shop/frontend", "east:shop/orders"),
            ("west frontend sends no cards", "west:shop/frontend", "west:shop/orders"),
        }
        # Re-evaluation (a policies reload) judges the stored workloads' clusters alike.
        store.set_policies(
            parse_policies(
                """
- name: cards stay in payments in west
  rule: only_namespace_may_receive
  clusters: [west, not-reported-yet]
  namespace: payments
  data_type: credit_card
"""
            )
        )
        assert _seen(store) == {
            ("cards stay in payments in west", "west:shop/frontend", "west:shop/orders")
        }
    finally:
        store.close()


CROSS = """
- name: no high data across clusters
  rule: no_cross_cluster_sensitivity
  min_sensitivity: high
"""


def _into_b() -> metadata_pb2.EndpointReport:
    """Cluster b's view of the call: from outside into shop/api, addressed as api.b.example."""
    out = report(workload("203.0.113.7", kind="external"), workload("api"), "POST", "/orders")
    out.entry_hosts.append("api.b.example")
    return out


def test_cross_cluster_rule_fires_on_a_linked_flow_once_both_sides_report(
    store_url: str,
) -> None:
    store = _store(store_url, CROSS)
    try:
        calls = [_cards("frontend", "api.b.example"), _cards("checkout", "api.b.example", "low")]
        assert store.ingest_batch(_named(1, "a", *calls)) == STORED
        assert _seen(store) == set()  # b has not reported: nothing links api.b.example
        # b reports its entry host: a's endpoint is judged again in the same ingest.
        assert store.ingest_batch(_named(1, "b", _into_b())) == STORED
        (violation,) = store.violations()
        assert (violation.sender.label, violation.receiver.label) == (
            "a:shop/frontend",
            "a:api.b.example",
        )
        assert "in cluster 'a'" in violation.message
        assert "in cluster 'b'" in violation.message
        # A full re-evaluation keeps it.
        store.set_policies(parse_policies(CROSS))
        assert len(store.violations()) == 1
        # A third cluster claiming the host makes it ambiguous: its ingest clears the link.
        assert store.ingest_batch(_named(1, "c", _into_b())) == STORED
        assert store.violations() == []
    finally:
        store.close()


def test_a_clusters_own_entry_host_is_not_a_crossing(store_url: str) -> None:
    store = _store(store_url, CROSS)
    try:
        assert store.ingest_batch(_named(1, "b", _into_b(), _cards("frontend", "api.b.example")))
        assert store.violations() == []
    finally:
        store.close()
