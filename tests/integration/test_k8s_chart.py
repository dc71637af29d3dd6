"""The Sieve chart against a real kube-apiserver: installed, validated server-side, removed."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from kubernetes import client

from scripts import k8s_dev
from tests.charts.helm import CHART, requires_helm
from tests.charts.scenarios import SCENARIOS
from tests.k8s import chart

pytestmark = [pytest.mark.integration, requires_helm]

# One install per main option; the other scenarios differ only in env values.
MAIN_OPTIONS = [
    "default",
    "external-kafka-sasl-tls",
    "collector-off-cloud-existing-secret",
    "collector-postgres-secret",
    "collector-unauthenticated-ephemeral",
    "network-policies-off",
    "tuned",
]


@pytest.mark.parametrize("scenario", MAIN_OPTIONS)
def test_install_is_accepted_and_uninstall_removes_everything(
    scenario: str, k8s_cluster: k8s_dev.Cluster, k8s_admin: client.ApiClient, tmp_path: Path
):
    namespace = f"sieve-chart-{uuid.uuid4().hex[:6]}"
    done, docs = chart.install(
        k8s_cluster.kubeconfig, "sieve", namespace, SCENARIOS[scenario], tmp_path
    )
    assert done.returncode == 0, done.stderr
    # The server's field validation warns about fields its schema does not know.
    assert "unknown field" not in done.stderr, done.stderr
    assert "duplicate field" not in done.stderr, done.stderr
    kinds = {doc["kind"] for doc in docs}
    assert {"Deployment", "DaemonSet", "ClusterRole", "ClusterRoleBinding"} <= kinds

    dynamic = chart.dynamic_client(k8s_admin)
    for doc in docs:
        live = chart.live_object(dynamic, doc, namespace)
        assert live is not None, f"{doc['kind']}/{doc['metadata']['name']} not stored"
        assert live.metadata.labels["app.kubernetes.io/instance"] == "sieve"

    gone = chart.helm(
        k8s_cluster.kubeconfig, "uninstall", "sieve", "--namespace", namespace, "--wait"
    )
    assert gone.returncode == 0, gone.stderr
    left = [
        f"{doc['kind']}/{doc['metadata']['name']}"
        for doc in docs
        if chart.live_object(dynamic, doc, namespace) is not None
    ]
    assert left == []
    listed = chart.helm(k8s_cluster.kubeconfig, "list", "--namespace", namespace, "-q")
    assert listed.stdout.strip() == ""


def test_a_value_the_schema_rejects_is_refused_by_the_server(
    k8s_cluster: k8s_dev.Cluster, tmp_path: Path
):
    """Proves the server validates: a label key the chart's schema lets through is refused."""
    namespace = f"sieve-chart-{uuid.uuid4().hex[:6]}"
    done, _ = chart.install(
        k8s_cluster.kubeconfig,
        "sieve",
        namespace,
        {"commonLabels": {"bad label!": "x"}},
        tmp_path,
    )
    assert done.returncode != 0
    assert 'is invalid: metadata.labels: Invalid value: "bad label!"' in done.stderr, done.stderr


def test_generated_kafka_credentials_survive_an_upgrade(
    k8s_cluster: k8s_dev.Cluster, k8s_admin: client.ApiClient, tmp_path: Path
):
    """The CA, the broker key and the SCRAM passwords are made once (lookup), not per upgrade:
    a new CA would strand every client, a new password every stored SCRAM credential."""
    namespace = f"sieve-chart-{uuid.uuid4().hex[:6]}"
    done, _ = chart.install(k8s_cluster.kubeconfig, "sieve", namespace, {}, tmp_path)
    assert done.returncode == 0, done.stderr
    core = client.CoreV1Api(k8s_admin)
    names = [f"sieve-kafka-{n}" for n in ("tls", "ca", "admin", "interceptor", "digger")]

    def stored() -> dict[str, dict[str, Any]]:
        return {n: dict(core.read_namespaced_secret(n, namespace).data or {}) for n in names}

    before = stored()
    assert before["sieve-kafka-ca"]["ca.crt"] == before["sieve-kafka-tls"]["ca.crt"]
    assert len({before[n]["password"] for n in names[2:]}) == 3  # one password per user
    upgraded = chart.helm(
        k8s_cluster.kubeconfig,
        *("upgrade", "sieve", str(CHART), "--namespace", namespace),
        *("--wait=false", "--timeout", "60s", "--set", "digger.windowSeconds=30"),
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert stored() == before
    gone = chart.helm(k8s_cluster.kubeconfig, "uninstall", "sieve", "--namespace", namespace)
    assert gone.returncode == 0, gone.stderr
