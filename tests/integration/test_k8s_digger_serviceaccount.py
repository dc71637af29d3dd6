"""The digger's watch authenticated as the chart's digger ServiceAccount (not admin)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from kubernetes import client

from protos.sieve.v1 import identity_pb2 as idp
from scripts import k8s_dev
from tests.charts.helm import requires_helm
from tests.k8s import chart, objects
from tests.k8s.cluster import eventually, token_for
from tests.k8s.digger_watch import watching

pytestmark = [pytest.mark.integration, requires_helm]


def test_digger_watches_with_the_charts_service_account_token(
    k8s_cluster: k8s_dev.Cluster,
    k8s_admin: client.ApiClient,
    k8s_namespace: str,
    kafka_bootstrap: str,
    tmp_path: Path,
):
    release_ns = f"sieve-sa-{uuid.uuid4().hex[:6]}"
    done, docs = chart.install(k8s_cluster.kubeconfig, "sieve", release_ns, {}, tmp_path)
    assert done.returncode == 0, done.stderr
    try:
        digger_env = next(
            doc
            for doc in docs
            if doc["kind"] == "Deployment"
            and doc["metadata"]["labels"].get("app.kubernetes.io/component") == "digger"
        )["spec"]["template"]["spec"]
        account = digger_env["serviceAccountName"]
        token = token_for(k8s_admin, release_ns, account)
        kubeconfig = k8s_dev.write_kubeconfig(
            tmp_path / "digger.kubeconfig", k8s_cluster.server, k8s_cluster.ca_file, token, account
        )
        review = client.AuthenticationV1Api(k8s_admin).create_token_review(
            client.V1TokenReview(spec=client.V1TokenReviewSpec(token=token))
        )
        assert review.status is not None
        assert review.status.user is not None
        assert review.status.user.username == f"system:serviceaccount:{release_ns}:{account}"

        with watching(str(kubeconfig), kafka_bootstrap) as (watcher, topic):
            _, rs = objects.deployment_with_replicaset(k8s_admin, k8s_namespace, "api")
            objects.create_pod(
                k8s_admin, k8s_namespace, "api-5d8f7c-q", owned_by=objects.owner("ReplicaSet", rs)
            )
            objects.set_pod_ip(k8s_admin, k8s_namespace, "api-5d8f7c-q", "10.245.3.4")
            eventually(
                lambda: (
                    watcher.table.resolve("10.245.3.4")
                    == idp.Workload(
                        kind=idp.WORKLOAD_KIND_DEPLOYMENT, namespace=k8s_namespace, name="api"
                    )
                )
            )
            topic.wait_for(lambda seen: seen.get("10.245.3.4") is not None)
            # No list or watch was refused (a 403 would show as an http_403 restart).
            assert all("http_403" not in w.restarts for w in watcher.watchers), [
                w.restarts for w in watcher.watchers
            ]
    finally:
        chart.helm(k8s_cluster.kubeconfig, "uninstall", "sieve", "--namespace", release_ns)
