"""Issue 15 row 9 in the rendered chart: least privilege for the interceptor, listen addresses,
and authentication of the collector's dashboard whenever it is exposed beyond the cluster."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest

from collector.http_auth import HttpAuth
from tests.charts.helm import ROOT, Rendered, render, requires_helm, template

pytestmark = requires_helm

SECRET_NAME = "sieve-dashboard-auth"
AUTH_MOUNT = "/etc/sieve/dashboard-auth"


def _env_value(rendered: Rendered, component: str, name: str) -> Any:
    entry = rendered.env(component)[name]
    if "value" in entry:
        return entry["value"]
    return entry["valueFrom"]["fieldRef"]["fieldPath"]


def test_interceptor_code_needs_no_host_pid() -> None:
    """hostPID is off by default because nothing in the interceptor enters another process's
    namespaces; should that change, this test asks for the chart to follow."""
    pattern = re.compile(r"/proc/\S*/ns|setns|nsenter|CLONE_NEW|pidfd_open")
    users = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "interceptor").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert users == []
    assert render().workload("interceptor")["spec"]["template"]["spec"]["hostPID"] is False


def test_privileged_interceptor_is_an_opt_in() -> None:
    ctx = render({"interceptor": {"privileged": True}}).container("interceptor")["securityContext"]
    assert ctx["privileged"] is True
    assert "capabilities" not in ctx
    default = render().container("interceptor")["securityContext"]
    assert default["privileged"] is False
    assert default["capabilities"]["add"] == ["NET_RAW", "NET_ADMIN"]


def test_listeners_reached_through_services_bind_the_pod_ip() -> None:
    rendered = render()
    for component in ("interceptor", "digger", "detector", "collector"):
        ops = f"SIEVE_{component.upper()}_OPS_HOST"
        assert _env_value(rendered, component, ops) == "status.podIP", component
    assert _env_value(rendered, "collector", "SIEVE_COLLECTOR_GRPC_HOST") == "status.podIP"
    assert _env_value(rendered, "detector", "SIEVE_DETECTOR_HTTP_HOST") == "status.podIP"
    # The dashboard also listens on the pod's loopback, where kubectl port-forward connects.
    assert _env_value(rendered, "collector", "SIEVE_COLLECTOR_HTTP_HOST") == "0.0.0.0"
    everywhere = render({"listenOnPodIP": False})
    assert _env_value(everywhere, "collector", "SIEVE_COLLECTOR_GRPC_HOST") == "0.0.0.0"
    assert _env_value(everywhere, "interceptor", "SIEVE_INTERCEPTOR_OPS_HOST") == "0.0.0.0"


def _auth(rendered: Rendered) -> dict[str, Any]:
    env = rendered.env("collector")
    container = rendered.container("collector")
    pod = rendered.workload("collector")["spec"]["template"]["spec"]
    return {
        "mode": env["SIEVE_COLLECTOR_HTTP_AUTH"]["value"],
        "file": env.get("SIEVE_COLLECTOR_HTTP_AUTH_FILE", {}).get("value"),
        "header": env.get("SIEVE_COLLECTOR_HTTP_AUTH_HEADER", {}).get("value"),
        "mounted": any(m["mountPath"] == AUTH_MOUNT for m in container["volumeMounts"]),
        "secret": next(
            (v["secret"]["secretName"] for v in pod["volumes"] if v["name"] == "dashboard-auth"),
            None,
        ),
        "generated": [
            s for s in rendered.of_kind("Secret") if s["metadata"]["name"] == SECRET_NAME
        ],
    }


def test_dashboard_inside_the_cluster_only_is_open_by_default() -> None:
    auth = _auth(render())
    assert (auth["mode"], auth["mounted"], auth["generated"]) == ("none", False, [])


@pytest.mark.parametrize(
    "values",
    [
        {"collector": {"service": {"type": "LoadBalancer"}}},
        {"collector": {"service": {"type": "NodePort"}}},
        {"collector": {"ingress": {"enabled": True, "host": "sieve.example.org"}}},
    ],
    ids=["load-balancer", "node-port", "ingress"],
)
def test_exposed_dashboard_asks_for_a_password_by_default(
    values: dict[str, Any], tmp_path: Path
) -> None:
    rendered = render(values)
    auth = _auth(rendered)
    assert auth["mode"] == "basic"
    assert auth["file"] == f"{AUTH_MOUNT}/credentials"
    assert auth["mounted"]
    assert auth["secret"] == SECRET_NAME
    (secret,) = auth["generated"]
    credentials = base64.b64decode(secret["data"]["credentials"]).decode()
    user, _, password = credentials.partition(":")
    assert user == "admin"
    assert len(password) == 32
    # The collector accepts exactly what the chart generated.
    path = tmp_path / "credentials"
    path.write_text(credentials)
    check = HttpAuth("basic", path)
    good = {"authorization": "Basic " + base64.b64encode(credentials.encode()).decode()}
    assert check.check("/api/v1/flows", good) is None
    assert check.check("/api/v1/flows", {}) is not None


def test_ingress_serves_only_the_dashboard_port() -> None:
    rendered = render({"collector": {"ingress": {"enabled": True, "className": "nginx"}}})
    (ingress,) = rendered.of_kind("Ingress")
    assert ingress["spec"]["ingressClassName"] == "nginx"
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert path["backend"]["service"] == {"name": "sieve-collector", "port": {"name": "http"}}


def test_explicit_modes() -> None:
    header = _auth(
        render(
            {"collector": {"dashboardAuth": {"mode": "header", "header": "X-Auth-Request-User"}}}
        )
    )
    assert (header["mode"], header["header"], header["mounted"]) == (
        "header",
        "X-Auth-Request-User",
        False,
    )
    opted_out = _auth(
        render(
            {"collector": {"service": {"type": "LoadBalancer"}, "dashboardAuth": {"mode": "none"}}}
        )
    )
    assert (opted_out["mode"], opted_out["generated"]) == ("none", [])
    existing = _auth(
        render(
            {
                "collector": {
                    "dashboardAuth": {
                        "mode": "token",
                        "existingSecret": "my-dash",
                        "existingSecretKey": "tokens",
                    }
                }
            }
        )
    )
    assert existing["mode"] == "token"
    assert existing["file"] == f"{AUTH_MOUNT}/tokens"
    assert (existing["secret"], existing["generated"]) == ("my-dash", [])


@pytest.mark.parametrize(
    "args",
    [
        ["--set", "collector.dashboardAuth.mode=oauth"],
        ["--set", "collector.dashboardAuth.header=X Bad"],
        ["--set", "interceptor.privileged=yes"],
        ["--set", "listenOnPodIP=sometimes"],
    ],
)
def test_schema_rejects_wrong_hardening_values(args: list[str]) -> None:
    done = template({}, *args)
    assert done.returncode != 0
    assert "values don't meet the specifications of the schema" in done.stderr
