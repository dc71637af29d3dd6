"""Install the Sieve chart with the real helm into the test API server and read it back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import yaml
from kubernetes import client
from kubernetes.client.exceptions import ApiException
from kubernetes.dynamic import DynamicClient

from tests.charts.helm import CHART, helm_binary

Manifest = dict[str, Any]


def helm(kubeconfig: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``helm <args> --kubeconfig <kubeconfig>``; never raises on a non-zero exit."""
    binary = helm_binary()
    assert binary is not None
    home = kubeconfig.parent / "helm-home"
    env = {
        **os.environ,
        "HELM_CACHE_HOME": str(home / "cache"),
        "HELM_CONFIG_HOME": str(home / "config"),
        "HELM_DATA_HOME": str(home / "data"),
    }
    return subprocess.run(
        [binary, *args, "--kubeconfig", str(kubeconfig)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


def install(
    kubeconfig: Path, release: str, namespace: str, values: dict[str, Any], tmp: Path
) -> tuple[subprocess.CompletedProcess[str], list[Manifest]]:
    """``helm install`` (no wait: nothing schedules pods); the run and the release's manifests."""
    values_file = tmp / f"{release}-{namespace}-values.yaml"
    values_file.write_text(yaml.safe_dump(values))
    done = helm(
        kubeconfig,
        *("install", release, str(CHART), "--namespace", namespace, "--create-namespace"),
        *("--wait=false", "--timeout", "60s", "-f", str(values_file)),
    )
    if done.returncode != 0:
        return done, []
    manifest = helm(kubeconfig, "get", "manifest", release, "--namespace", namespace)
    assert manifest.returncode == 0, manifest.stderr
    return done, [doc for doc in yaml.safe_load_all(manifest.stdout) if doc]


def live_object(dynamic: DynamicClient, doc: Manifest, namespace: str) -> Any | None:
    """The server's copy of the manifest ``doc``, None when it does not exist."""
    resource = dynamic.resources.get(api_version=doc["apiVersion"], kind=doc["kind"])
    try:
        if resource.namespaced:
            return resource.get(name=doc["metadata"]["name"], namespace=namespace)
        return resource.get(name=doc["metadata"]["name"])
    except ApiException as exc:
        if exc.status == 404:
            return None
        raise


def dynamic_client(api: client.ApiClient) -> DynamicClient:
    """A discovery-backed client for any kind."""
    return DynamicClient(api)  # type: ignore[no-untyped-call]
