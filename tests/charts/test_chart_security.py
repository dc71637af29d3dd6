"""Least privilege in the rendered manifests: only the interceptor is privileged, every other
container is hardened and probed, and the digger's RBAC grants what its code watches only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.charts import scenarios
from tests.charts.digger_access import VERBS, watched_resources
from tests.charts.helm import (
    COMPONENT,
    Rendered,
    pod_spec,
    render,
    requires_helm,
    run_helm,
    values_args,
)

pytestmark = requires_helm

HOOK = "helm.sh/hook"


def effective(pod: dict[str, Any], container: dict[str, Any], key: str) -> Any:
    """A securityContext field as Kubernetes applies it (container wins over pod)."""
    own = container.get("securityContext") or {}
    if key in own:
        return own[key]
    return (pod.get("securityContext") or {}).get(key)


@pytest.mark.parametrize("scenario", sorted(scenarios.SCENARIOS))
def test_lint(scenario: str, tmp_path: Any) -> None:
    done = run_helm("lint", "--strict", *values_args(scenarios.SCENARIOS[scenario], tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_default_renders_every_component() -> None:
    rendered = render()
    assert rendered.components() == {
        "interceptor",
        "kafka",
        "digger",
        "detector",
        "collector",
        "test",
    }
    assert rendered.workload("interceptor")["kind"] == "DaemonSet"
    assert rendered.workload("kafka")["kind"] == "StatefulSet"
    for component in ("digger", "detector", "collector"):
        assert rendered.workload(component)["kind"] == "Deployment"
    test_pod = rendered.workload("test")
    assert test_pod["metadata"]["annotations"][HOOK] == "test"
    for doc in rendered.docs:
        labels = doc["metadata"]["labels"]
        assert labels["app.kubernetes.io/name"] == "sieve"
        assert labels["app.kubernetes.io/instance"] == "sieve"
        assert labels["app.kubernetes.io/managed-by"] == "Helm"
        assert labels["helm.sh/chart"] == "sieve-0.1.0"


@pytest.mark.parametrize("scenario", sorted(scenarios.SCENARIOS))
def test_only_the_interceptor_is_privileged(scenario: str) -> None:
    rendered = render(scenarios.SCENARIOS[scenario])
    for doc, pod in rendered.pod_specs():
        component = rendered.pod_labels(doc)[COMPONENT]
        containers = pod["containers"] + pod.get("initContainers", [])
        if component == "interceptor":
            assert pod["hostNetwork"] is True
            assert pod["dnsPolicy"] == "ClusterFirstWithHostNet"
            # No interceptor code enters another process's namespaces (issue 15 row 9).
            assert pod["hostPID"] is False
            assert pod["automountServiceAccountToken"] is False
            assert {"operator": "Exists"} in pod["tolerations"]
            (container,) = containers
            ctx = container["securityContext"]
            assert ctx["privileged"] is False
            assert ctx["allowPrivilegeEscalation"] is False
            assert ctx["capabilities"] == {"drop": ["ALL"], "add": ["NET_RAW", "NET_ADMIN"]}
            assert ctx["seccompProfile"] == {"type": "RuntimeDefault"}
            assert ctx["readOnlyRootFilesystem"] is True
            node = next(e for e in container["env"] if e["name"].endswith("NODE_NAME"))
            assert node["valueFrom"]["fieldRef"]["fieldPath"] == "spec.nodeName"
            assert container["resources"]["limits"]["memory"]
            assert container["resources"]["requests"]["cpu"]
            continue
        for key in ("hostNetwork", "hostPID", "hostIPC"):
            assert not pod.get(key), f"{component}: {key}"
        for container in containers:
            ctx = container.get("securityContext") or {}
            assert not ctx.get("privileged"), component
            assert not (ctx.get("capabilities") or {}).get("add"), component
    priority = rendered.workload("interceptor")["spec"]["template"]["spec"]
    if scenario == "tuned":
        assert priority["priorityClassName"] == "system-node-critical"
    else:
        assert "priorityClassName" not in priority


@pytest.mark.parametrize("scenario", sorted(scenarios.SCENARIOS))
def test_other_containers_are_hardened_probed_and_bounded(scenario: str) -> None:
    rendered = render(scenarios.SCENARIOS[scenario])
    for doc, pod in rendered.pod_specs():
        component = rendered.pod_labels(doc)[COMPONENT]
        if component == "interceptor":
            continue
        mounts_tmp = {v["name"] for v in pod.get("volumes", []) if "emptyDir" in v}
        for container in pod["containers"] + pod.get("initContainers", []):
            where = f"{component}/{container['name']}"
            assert effective(pod, container, "runAsNonRoot") is True, where
            assert isinstance(effective(pod, container, "runAsUser"), int), where
            assert effective(pod, container, "runAsUser") != 0, where
            ctx = container["securityContext"]
            assert ctx["readOnlyRootFilesystem"] is True, where
            assert ctx["allowPrivilegeEscalation"] is False, where
            assert ctx["capabilities"]["drop"] == ["ALL"], where
            seccomp = effective(pod, container, "seccompProfile")
            assert seccomp == {"type": "RuntimeDefault"}, where
            # A read-only root needs a writable /tmp.
            tmp = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
            assert tmp, where
            assert tmp[0]["name"] in mounts_tmp, where
            resources = container["resources"]
            assert resources["requests"]["cpu"], where
            assert resources["requests"]["memory"], where
            assert resources["limits"]["memory"], where
            if HOOK in doc["metadata"].get("annotations", {}):
                continue  # a one-shot test pod has no probes
            assert "livenessProbe" in container, where
            assert "readinessProbe" in container, where


@pytest.mark.parametrize("component", ["interceptor", "digger", "detector", "collector"])
def test_probes_hit_healthz_and_readyz_on_the_ops_port(component: str) -> None:
    container = render().container(component)
    ops = [p for p in container["ports"] if p["name"] == "ops"]
    assert len(ops) == 1
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "ops"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "ops"}


def test_digger_cluster_role_grants_exactly_what_the_code_watches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered = render()
    (role,) = rendered.of_kind("ClusterRole")
    assert not rendered.of_kind("Role")
    granted = set()
    for rule in role["rules"]:
        assert sorted(rule["verbs"]) == sorted(VERBS), rule
        assert set(rule) == {"apiGroups", "resources", "verbs"}, rule  # no names, no URLs
        for group in rule["apiGroups"]:
            for resource in rule["resources"]:
                assert "*" not in (group, resource)
                granted.add((group, resource))
    # fails when the code starts to watch something not granted, or stops using a grant
    assert granted == watched_resources(monkeypatch)
    (binding,) = rendered.of_kind("ClusterRoleBinding")
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "ClusterRole",
        "name": role["metadata"]["name"],
    }
    (subject,) = binding["subjects"]
    digger_pod = pod_spec(rendered.workload("digger"))
    assert subject == {
        "kind": "ServiceAccount",
        "name": digger_pod["serviceAccountName"],
        "namespace": "sieve-system",
    }
    # Nobody else gets a Kubernetes API token.
    for doc, pod in rendered.pod_specs():
        if rendered.pod_labels(doc)[COMPONENT] != "digger":
            assert pod["automountServiceAccountToken"] is False
            assert pod["serviceAccountName"] != subject["name"]


def test_rbac_can_be_left_out() -> None:
    rendered: Rendered = render({"digger": {"rbac": {"create": False}}})
    assert not rendered.of_kind("ClusterRole")
    assert not rendered.of_kind("ClusterRoleBinding")
