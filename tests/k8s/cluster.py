"""Session fixtures for a real kube-apiserver + etcd (scripts/k8s_dev.py) and API helpers.

The fixtures are registered through ``tests/integration/conftest.py``. Without the built
binaries every test using them is skipped with the build command in the reason.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from kubernetes import client, config

from scripts import k8s_dev

T = TypeVar("T")


@pytest.fixture(scope="session")
def k8s_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[k8s_dev.Cluster]:
    """etcd + kube-apiserver on 127.0.0.1 for the whole session (RBAC, admin token)."""
    missing = k8s_dev.missing_binaries()
    if missing:
        pytest.skip(
            f"{missing[0].name} not built ({missing[0]}): run `{k8s_dev.BUILD_COMMAND}` "
            "(CI: .ci/setup.d/70-k8s.sh)"
        )
    cluster = k8s_dev.start(tmp_path_factory.mktemp("k8s"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def k8s_admin(k8s_cluster: k8s_dev.Cluster) -> client.ApiClient:
    """An API client authenticated as the admin user (group system:masters)."""
    return api_client(k8s_cluster.kubeconfig)


@pytest.fixture
def k8s_namespace(k8s_admin: client.ApiClient) -> Iterator[str]:
    """A fresh namespace (with its `default` ServiceAccount, as a controller would make)."""
    name = f"sieve-t-{uuid.uuid4().hex[:8]}"
    core = client.CoreV1Api(k8s_admin)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name)))
    core.create_namespaced_service_account(
        name, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="default"))
    )
    try:
        yield name
    finally:
        delete_namespace_contents(k8s_admin, name)


def api_client(kubeconfig: Path) -> client.ApiClient:
    """An ApiClient for ``kubeconfig``."""
    api: client.ApiClient = config.new_client_from_config(  # type: ignore[no-untyped-call]
        config_file=str(kubeconfig)
    )
    return api


def delete_namespace_contents(api: client.ApiClient, namespace: str) -> None:
    """Delete ``namespace``'s pods (no kubelet finalizes them) and the namespace object.

    Without the namespace controller the namespace stays Terminating; its objects are gone
    from the tests' view because every test uses its own namespace.
    """
    core = client.CoreV1Api(api)
    core.delete_collection_namespaced_pod(namespace, grace_period_seconds=0)
    core.delete_namespace(namespace)


def token_for(api: client.ApiClient, namespace: str, service_account: str) -> str:
    """A bound token of ``service_account`` from the TokenRequest API (1 hour)."""
    request = client.AuthenticationV1TokenRequest(
        spec=client.V1TokenRequestSpec(audiences=[], expiration_seconds=3600)
    )
    answer = client.CoreV1Api(api).create_namespaced_service_account_token(
        service_account, namespace, request
    )
    assert answer.status is not None
    return str(answer.status.token)


def eventually(check: Callable[[], T | None], timeout: float = 10.0, every: float = 0.1) -> T:
    """Poll ``check`` until it returns something truthy; fail with its last value."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        last = value
        time.sleep(every)
    raise AssertionError(f"not true within {timeout:.0f}s (last: {last!r})")
