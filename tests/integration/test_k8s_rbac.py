"""The digger's RBAC from the chart, judged by the real API server's authorizer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kubernetes import client
from kubernetes.client.exceptions import ApiException

from scripts import k8s_dev
from tests.charts.digger_access import VERBS, watched_resources
from tests.charts.helm import requires_helm
from tests.k8s import chart
from tests.k8s.cluster import api_client, token_for

pytestmark = [pytest.mark.integration, requires_helm]

READ = ("get", "list", "watch")
WRITE = ("create", "update", "patch", "delete", "deletecollection")
#: what the digger does not read: workload names come from ownerReferences
UNUSED = [
    ("", "namespaces"),
    ("", "nodes"),
    ("apps", "deployments"),
    ("apps", "statefulsets"),
    ("apps", "daemonsets"),
    ("batch", "cronjobs"),
]


@pytest.fixture(scope="module")
def needed() -> list[tuple[str, str]]:
    """(API group, resource) the digger's code lists and watches."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        found = sorted(watched_resources(monkeypatch))
    assert not set(found) & set(UNUSED)
    return found


@pytest.fixture(scope="module")
def installed(
    k8s_cluster: k8s_dev.Cluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The chart installed with defaults: (namespace, digger ServiceAccount name)."""
    namespace = f"sieve-rbac-{uuid.uuid4().hex[:6]}"
    done, docs = chart.install(
        k8s_cluster.kubeconfig, "sieve", namespace, {}, tmp_path_factory.mktemp("rbac")
    )
    assert done.returncode == 0, done.stderr
    accounts = [
        doc["metadata"]["name"]
        for doc in docs
        if doc["kind"] == "ServiceAccount"
        and doc["metadata"]["labels"].get("app.kubernetes.io/component") == "digger"
    ]
    assert len(accounts) == 1, accounts
    try:
        yield namespace, accounts[0]
    finally:
        chart.helm(k8s_cluster.kubeconfig, "uninstall", "sieve", "--namespace", namespace)


def allowed(
    api: client.ApiClient, user: str, namespace: str, verb: str, group: str, resource: str
) -> bool:
    """The authorizer's answer to a SubjectAccessReview for a service account ``user``."""
    sa_namespace = user.split(":")[2]
    review = client.V1SubjectAccessReview(
        spec=client.V1SubjectAccessReviewSpec(
            user=user,
            groups=[
                "system:serviceaccounts",
                f"system:serviceaccounts:{sa_namespace}",
                "system:authenticated",
            ],
            resource_attributes=client.V1ResourceAttributes(
                namespace=namespace, verb=verb, group=group, resource=resource
            ),
        )
    )
    answer: Any = client.AuthorizationV1Api(api).create_subject_access_review(review)
    return bool(answer.status.allowed)


def test_digger_may_list_and_watch_what_its_code_watches_and_nothing_more(
    installed: tuple[str, str], k8s_admin: client.ApiClient, needed: list[tuple[str, str]]
):
    namespace, account = installed
    user = f"system:serviceaccount:{namespace}:{account}"
    for where in ("", "default", "shop"):  # cluster-wide lists and single namespaces
        for group, resource in needed:
            for verb in READ:
                assert allowed(k8s_admin, user, where, verb, group, resource) == (verb in VERBS), (
                    f"{verb} {group}/{resource} in {where!r}"
                )
        for group, resource in UNUSED:
            for verb in READ:
                assert not allowed(k8s_admin, user, where, verb, group, resource), (
                    f"{verb} {group}/{resource} in {where!r} allowed but never used"
                )


def test_digger_may_change_nothing_nor_read_secrets(
    installed: tuple[str, str], k8s_admin: client.ApiClient, needed: list[tuple[str, str]]
):
    namespace, account = installed
    user = f"system:serviceaccount:{namespace}:{account}"
    denied = [
        *((verb, group, resource) for group, resource in needed for verb in WRITE),
        *((verb, "", "secrets") for verb in (*READ, *WRITE)),
        *((verb, "", "configmaps") for verb in READ),
        ("create", "", "pods/exec"),
        ("get", "", "pods/log"),
        ("create", "", "serviceaccounts/token"),
        ("create", "rbac.authorization.k8s.io", "clusterrolebindings"),
        ("escalate", "rbac.authorization.k8s.io", "clusterroles"),
        ("impersonate", "", "users"),
    ]
    wrongly = [
        f"{verb} {group}/{resource} in {where!r}"
        for where in ("", namespace, "default")
        for verb, group, resource in denied
        if allowed(k8s_admin, user, where, verb, group, resource)
    ]
    assert wrongly == []


def test_digger_token_is_refused_writes_and_secrets_by_the_api(
    installed: tuple[str, str],
    k8s_cluster: k8s_dev.Cluster,
    k8s_admin: client.ApiClient,
    tmp_path: Path,
):
    """The same verdicts through real requests authenticated by the account's bound token."""
    namespace, account = installed
    token = token_for(k8s_admin, namespace, account)
    kubeconfig = k8s_dev.write_kubeconfig(
        tmp_path / "digger.kubeconfig", k8s_cluster.server, k8s_cluster.ca_file, token, account
    )
    core = client.CoreV1Api(api_client(kubeconfig))
    assert core.list_pod_for_all_namespaces(limit=1).kind == "PodList"
    assert client.AppsV1Api(core.api_client).list_replica_set_for_all_namespaces(limit=1)
    for call in (
        lambda: core.list_namespaced_secret(namespace),
        core.list_secret_for_all_namespaces,
        lambda: core.create_namespaced_config_map(
            namespace, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="x"))
        ),
        lambda: core.delete_collection_namespaced_pod(namespace),
    ):
        with pytest.raises(ApiException) as refused:
            call()
        assert refused.value.status == 403
