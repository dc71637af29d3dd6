"""The user's path on a real node: `helm install`, the shop's pods on the map, logs, test,
upgrade, uninstall.

Needs the node (tests/node/conftest.py), helm, and Sieve's images in the local registry
(127.0.0.1:35000, pushed by the image build step); skipped, naming what is missing, otherwise.
``SIEVE_NODE_CHART`` (a chart directory) and ``SIEVE_NODE_CHART_VALUES`` (JSON merged over the
test's values) run the same path against another copy of the chart.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import k8s_node, node_images
from standalone.demo.topology import SERVICES
from tests.node import shop_pods

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
CHART = Path(os.environ.get("SIEVE_NODE_CHART", REPO / "charts" / "sieve"))
# Extra values as JSON (e.g. '{"kafka": {"security": {"enabled": false}}}'), merged last.
EXTRA_VALUES = json.loads(os.environ.get("SIEVE_NODE_CHART_VALUES", "{}"))
APP_VERSION = yaml.safe_load((CHART / "Chart.yaml").read_text())["appVersion"]
REGISTRY = k8s_node.REGISTRY
COMPONENTS = ("interceptor", "digger", "detector", "collector")
KAFKA_IMAGE = os.environ.get("SIEVE_NODE_KAFKA_IMAGE", f"{REGISTRY}/sieve/kafka:4.1.1")
NAMESPACE = "sieve"
SHOP_DATA_TYPES = {"email", "credit_card", "person_name", "phone"}


def _images() -> list[str]:
    return [f"{REGISTRY}/sieve/{c}:{APP_VERSION}" for c in COMPONENTS] + [KAFKA_IMAGE]


def _helm() -> str | None:
    return os.environ.get("SIEVE_HELM") or shutil.which("helm")


def _values() -> dict[str, Any]:
    registry, _, rest = KAFKA_IMAGE.partition("/")
    repository, _, tag = rest.rpartition(":")
    # The node keeps its image store between runs: pull what the registry holds now.
    always = {"pullPolicy": "Always"}
    return {
        "imageRegistry": REGISTRY,
        "kafka": {"image": {"registry": registry, "repository": repository, "tag": tag, **always}},
        # The node has no storage provisioner: the database lives in an emptyDir.
        "collector": {
            "image": always,
            "database": {"sqlite": {"persistence": {"enabled": False}}},
        },
        "interceptor": {"image": always, "clusterCIDRs": [k8s_node.POD_CIDR, "10.96.0.0/16"]},
        "digger": {"image": always},
        "detector": {"image": always},
        "tests": {"image": always},
    }


def _merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        out[key] = (
            _merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return out


def _kubectl(node: k8s_node.Node, *args: str, check: bool = True) -> str:
    return node.kubectl_run(*args, check=check).stdout


def _pods(node: k8s_node.Node, namespace: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(
        _kubectl(node, "get", "pods", "-n", namespace, "-o", "json")
    )["items"]
    return items


def _ready(pod: dict[str, Any]) -> bool:
    conditions = pod.get("status", {}).get("conditions", [])
    return any(c["type"] == "Ready" and c["status"] == "True" for c in conditions)


def _restarts(pods: list[dict[str, Any]]) -> dict[str, int]:
    return {
        p["metadata"]["name"]: sum(
            c.get("restartCount", 0) for c in p.get("status", {}).get("containerStatuses", [])
        )
        for p in pods
    }


def _wait(what: str, check: Any, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def _helm_run(node: k8s_node.Node, *args: str, timeout: float = 600) -> str:
    helm = _helm()
    assert helm is not None
    done = subprocess.run(
        [helm, f"--kubeconfig={node.cluster.kubeconfig}", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert done.returncode == 0, f"helm {args[0]}: {done.stdout}\n{done.stderr}"
    return done.stdout


def _captured(node: k8s_node.Node) -> set[str]:
    """Pod IPs the interceptor says it captures (its "capture started" log lines)."""
    logs = _kubectl(node, "logs", "-n", NAMESPACE, "daemonset/sieve-interceptor", check=False)
    ips: set[str] = set()
    for line in logs.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("msg") == "capture started":
            ips.update(record.get("ips", []))
    return ips


def _collector_page(node: k8s_node.Node, path: str) -> str:
    return _collector_get(node, path).decode()


def _collector_api(node: k8s_node.Node, path: str) -> Any:
    return json.loads(_collector_get(node, path))


def _collector_get(node: k8s_node.Node, path: str) -> bytes:
    pods = [
        p
        for p in _pods(node, NAMESPACE)
        if p["metadata"]["labels"].get("app.kubernetes.io/component") == "collector"
        and p["status"].get("podIP")
    ]
    assert pods, "no collector pod"
    url = f"http://{pods[0]['status']['podIP']}:8080{path}"
    with urllib.request.urlopen(url, timeout=10) as response:
        body: bytes = response.read()
        return body


def test_helm_install_maps_the_shop_by_deployment_names(k8s_node_up: k8s_node.Node, tmp_path: Path):
    node = k8s_node_up
    if _helm() is None:
        pytest.skip("helm not built: .ci/setup.d/60-helm.sh")
    absent = [image for image in _images() if not node_images.registry_has(image)]
    if absent:
        pytest.skip(f"not in the local registry: {', '.join(absent)} (build and push the images)")
    started = time.monotonic()
    values = tmp_path / "values.json"
    values.write_text(json.dumps(_merged(_values(), EXTRA_VALUES)))
    shop = tmp_path / "shop.json"
    shop_image = f"{REGISTRY}/sieve/collector:{APP_VERSION}"
    shop.write_text(
        json.dumps(
            {
                "apiVersion": "v1",
                "kind": "List",
                "items": shop_pods.manifests(shop_image, frontend_replicas=0),
            }
        )
    )
    try:
        _helm_run(
            node,
            "install",
            "sieve",
            str(CHART),
            "-n",
            NAMESPACE,
            "--create-namespace",
            "-f",
            str(values),
            "--wait",
            "--timeout",
            "6m",
        )
        installed = time.monotonic() - started
        pods = _pods(node, NAMESPACE)
        components = {p["metadata"]["labels"]["app.kubernetes.io/component"] for p in pods}
        assert {"interceptor", "digger", "detector", "collector", "kafka"} <= components
        assert all(_ready(p) for p in pods), [p["metadata"]["name"] for p in pods if not _ready(p)]

        _kubectl(node, "apply", "-f", str(shop))
        for ns in {shop_pods.namespace_of(s) for s in SERVICES}:
            _kubectl(
                node,
                "wait",
                "--for=condition=Available",
                "deployment",
                "--all",
                "-n",
                ns,
                "--timeout=180s",
            )
        shop_ips = {
            p["status"]["podIP"]
            for ns in {shop_pods.namespace_of(s) for s in SERVICES}
            for p in _pods(node, ns)
            if p["status"].get("podIP")
        }
        _wait("capture on every shop pod's veth", lambda: shop_ips <= _captured(node), 120)
        _kubectl(node, "scale", "deployment", "frontend", "-n", "web", "--replicas=1")
        _kubectl(node, "rollout", "status", "deployment", "frontend", "-n", "web", "--timeout=120s")
        shop_ready = time.monotonic()

        expected = {(shop_pods.namespace_of(s), shop_pods.deployment_of(s)) for s in SERVICES}

        def mapped() -> bool:
            workloads = _collector_api(node, "/api/v1/workloads")
            seen = {(w["namespace"], w["name"]) for w in workloads if w["kind"] == "deployment"}
            return expected <= seen

        on_map = _wait("every shop Deployment on the collector's map", mapped, 180)
        flows = _collector_api(node, "/api/v1/flows")
        pairs = {(f["source"]["name"], f["destination"]["name"]) for f in flows}
        assert {("frontend", "users"), ("frontend", "orders"), ("orders", "payments")} <= pairs
        page = _collector_page(node, "/")
        assert "<html" in page.lower(), page[:200]  # the dashboard that reads this API
        types = {t["data_type"] for t in _collector_api(node, "/api/v1/data-types")}
        assert types >= SHOP_DATA_TYPES, types

        unreadable: dict[str, list[str]] = {}
        for pod in _pods(node, NAMESPACE):
            name = pod["metadata"]["name"]
            logs = _kubectl(node, "logs", name, "-n", NAMESPACE, "--all-containers")
            lines = [line for line in logs.splitlines() if line.strip()]
            assert lines, f"{name}: no log line"
            if pod["metadata"]["labels"]["app.kubernetes.io/component"] == "kafka":
                continue  # Apache Kafka's own log4j lines
            for line in lines:
                try:
                    record = json.loads(line)
                    assert {"ts", "level", "msg"} <= set(record)
                except (ValueError, AssertionError):
                    unreadable.setdefault(name, []).append(line[:200])
        assert unreadable == {}, unreadable

        _helm_run(node, "test", "sieve", "-n", NAMESPACE, "--timeout", "3m")

        before = {
            p["metadata"]["uid"]
            for p in _pods(node, NAMESPACE)
            if p["metadata"]["labels"]["app.kubernetes.io/component"] == "detector"
        }
        _helm_run(
            node,
            "upgrade",
            "sieve",
            str(CHART),
            "-n",
            NAMESPACE,
            "-f",
            str(values),
            "--set",
            "detector.logLevel=DEBUG",
            "--wait",
            "--timeout",
            "5m",
        )
        after = [
            p
            for p in _pods(node, NAMESPACE)
            if p["metadata"]["labels"]["app.kubernetes.io/component"] == "detector"
            and p["metadata"].get("deletionTimestamp") is None
        ]
        assert after
        assert not before & {p["metadata"]["uid"] for p in after}, "the detector did not roll"
        assert all(_ready(p) for p in after)

        restarts = _restarts(_pods(node, NAMESPACE))
        for ns in {shop_pods.namespace_of(s) for s in SERVICES}:
            restarts.update(_restarts(_pods(node, ns)))
        assert not any(restarts.values()), restarts
        print(
            f"node e2e: installed+Ready {installed:.0f}s, shop Ready at "
            f"{shop_ready - started:.0f}s, all shop Deployments on the map "
            f"{on_map:.0f}s after, total {time.monotonic() - started:.0f}s"
        )
    finally:
        _helm_run(node, "uninstall", "sieve", "-n", NAMESPACE, "--wait", "--timeout", "3m")
        kinds = "all,cm,secret,sa,role,rolebinding,networkpolicy,pvc"

        def leftover() -> list[str]:
            names = _kubectl(node, "get", kinds, "-n", NAMESPACE, "-o", "name", check=False)
            return [n for n in names.split() if not n.endswith(("/default", "/kube-root-ca.crt"))]

        # Pods go with their owners, through the garbage collector and their grace period.
        with contextlib.suppress(AssertionError):
            _wait("the release's objects gone", lambda: not leftover(), 180)
        left = leftover()
        cluster_wide = _kubectl(
            node,
            "get",
            "clusterrole,clusterrolebinding",
            "-o",
            "name",
            "-l",
            "app.kubernetes.io/instance=sieve",
        )
        _kubectl(node, "delete", "-f", str(shop), "--wait=true", "--timeout=120s", check=False)
        _kubectl(node, "delete", "namespace", NAMESPACE, "--wait=false", check=False)
    assert left == []
    assert cluster_wide.strip() == ""
