"""The node runs pods: routed veths, Service names through CoreDNS, ClusterIPs, logs."""

from __future__ import annotations

import ipaddress
import json
import subprocess
import time
import uuid
from typing import Any

import pytest

from scripts import k8s_dev, k8s_node, node_images

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _pod(name: str, namespace: str, args: list[str], labels: dict[str, str]) -> dict[str, object]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": {
            "terminationGracePeriodSeconds": 1,
            "containers": [
                {
                    "name": "main",
                    "image": node_images.BUSYBOX_IMAGE,
                    "imagePullPolicy": "Never",
                    "args": args,
                }
            ],
        },
    }


def _apply(node: k8s_node.Node, *docs: dict[str, object]) -> None:
    done = subprocess.run(
        [str(node.kubectl), f"--kubeconfig={node.cluster.kubeconfig}", "apply", "-f", "-"],
        input=json.dumps({"apiVersion": "v1", "kind": "List", "items": list(docs)}),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def _get(node: k8s_node.Node, *args: str) -> Any:
    done = node.kubectl_run("get", *args, "-o", "json")
    return json.loads(done.stdout)


def _wait_for(what: str, check: object, timeout: float = 120.0) -> None:
    assert callable(check)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def test_node_is_ready_with_its_version(k8s_node_up: k8s_node.Node):
    node = _get(k8s_node_up, "node", k8s_node.NODE_NAME)
    status = node["status"]
    assert status["nodeInfo"]["kubeletVersion"] == k8s_dev.K8S_VERSION
    runtime = f"containerd://{k8s_node.CONTAINERD_VERSION.lstrip('v')}"
    assert status["nodeInfo"]["containerRuntimeVersion"] == runtime
    addresses = {a["type"]: a["address"] for a in status["addresses"]}
    assert addresses["InternalIP"] == k8s_node.NODE_IP


def test_pods_on_veths_reach_each_other_by_service_name(k8s_node_up: k8s_node.Node):
    node = k8s_node_up
    ns = f"node-t-{uuid.uuid4().hex[:6]}"
    node.kubectl_run("create", "namespace", ns)
    # The controller-manager's service-account controller gives it a "default" account.
    _wait_for(
        "the namespace's default ServiceAccount",
        lambda: node.kubectl_run("get", "sa", "default", "-n", ns, check=False).returncode == 0,
        60,
    )
    try:
        page = "hello from the web pod"
        web = _pod(
            "web",
            ns,
            [
                "sh",
                "-c",
                f"mkdir -p /tmp/www && echo '{page}' > /tmp/www/index.html && "
                "exec busybox httpd -f -v -p 8080 -h /tmp/www",
            ],
            {"app": "web"},
        )
        service: dict[str, object] = {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "web", "namespace": ns},
            "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]},
        }
        _apply(node, web, service)

        def running(name: str) -> bool:
            pod = _get(node, "pod", name, "-n", ns)
            return bool(pod["status"].get("phase") == "Running")

        _wait_for("the web pod Running", lambda: running("web"))
        cluster_ip = _get(node, "service", "web", "-n", ns)["spec"]["clusterIP"]
        name = f"web.{ns}.svc.{k8s_node.CLUSTER_DOMAIN}"
        client = _pod(
            "client",
            ns,
            [
                "sh",
                "-c",
                f"busybox nslookup {name} && busybox wget -q -O - http://{cluster_ip}/ "
                "&& sleep 3600",
            ],
            {"app": "client"},
        )
        _apply(node, client)
        _wait_for("the client pod Running", lambda: running("client"))

        def fetched() -> bool:
            logs = node.kubectl_run("logs", "client", "-n", ns, check=False)
            return page in logs.stdout

        _wait_for("the page in the client's logs", fetched, 60)
        logs = node.kubectl_run("logs", "client", "-n", ns).stdout
        assert cluster_ip in logs or "Address" in logs  # nslookup's answer
        web_pod = _get(node, "pod", "web", "-n", ns)
        ip = web_pod["status"]["podIP"]
        assert ipaddress.ip_address(ip) in ipaddress.ip_network(k8s_node.POD_CIDR)
        # The pod's address is routed to its own host-side veth, as the interceptor expects.
        route = subprocess.run(
            ["ip", "-j", "route", "get", ip], capture_output=True, text=True, check=True
        )
        device = json.loads(route.stdout)[0]["dev"]
        link = subprocess.run(
            ["ip", "-j", "-d", "link", "show", device], capture_output=True, text=True, check=True
        )
        assert json.loads(link.stdout)[0]["linkinfo"]["info_kind"] == "veth"
        restarts = [
            c["restartCount"]
            for pod in ("web", "client")
            for c in _get(node, "pod", pod, "-n", ns)["status"]["containerStatuses"]
        ]
        assert restarts == [0, 0]
        served = node.kubectl_run("logs", "web", "-n", ns).stdout
        assert "GET /" in served or "response:200" in served, served
    finally:
        node.kubectl_run("delete", "namespace", ns, "--wait=true", "--timeout=90s", check=False)
