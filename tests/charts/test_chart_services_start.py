"""The detector and the collector start with exactly the environment the chart gives them,
answer their probes, and pass the chart's own `helm test` script.

Ports are moved to free ones on 127.0.0.1 and file paths into a temporary directory; every
other variable is the rendered one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.charts.helm import ROOT, render, requires_helm
from tests.charts.test_chart_settings import stand_in
from tests.ports import free_port

pytestmark = [requires_helm, pytest.mark.integration]


def get(url: str, deadline: float) -> int:
    """GET ``url`` until it answers 200 or ``deadline`` passes; the last status (0: none)."""
    status = 0
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                status = int(response.status)
                if status == 200:
                    return status
        except urllib.error.HTTPError as exc:
            status = int(exc.code)
        except OSError:
            pass
        time.sleep(0.3)
    return status


def local_env(component: str, tmp: Path) -> tuple[dict[str, str], dict[str, int]]:
    """The rendered env of ``component`` with free ports and local files; (env, port by name)."""
    rendered = render()
    container = rendered.container(component)
    env = {name: stand_in(entry) for name, entry in rendered.env(component).items()}
    for name, entry in rendered.env(component).items():
        field_ref = entry.get("valueFrom", {}).get("fieldRef", {})
        if field_ref.get("fieldPath") == "status.podIP":
            env[name] = "127.0.0.1"  # the pod's own IP, here the loopback
    prefix = f"SIEVE_{component.upper()}_"
    ports: dict[str, int] = {}
    for port in container["ports"]:
        name = port["name"]
        assert env[f"{prefix}{name.upper()}_PORT"] == str(port["containerPort"])
        ports[name] = free_port()
        env[f"{prefix}{name.upper()}_PORT"] = str(ports[name])
    if component == "collector":
        assert env[f"{prefix}DATABASE_URL"].startswith("sqlite:////var/lib/sieve/")
        env[f"{prefix}DATABASE_URL"] = f"sqlite:///{tmp / 'collector.db'}"
        (tmp / "token").write_text("a-token\n")
        env[f"{prefix}TOKENS_FILE"] = str(tmp / "token")
    return env, ports


@pytest.fixture
def service(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, dict[str, int]]]:
    component = request.param
    env, ports = local_env(component, tmp_path)
    log = (tmp_path / "service.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", component],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path), **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield component, ports
        assert process.poll() is None, (tmp_path / "service.log").read_text()[-2000:]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


@pytest.mark.parametrize("service", ["detector", "collector"], indirect=True)
def test_service_answers_its_probes_and_the_helm_test(service: tuple[str, dict[str, int]]) -> None:
    component, ports = service
    container: dict[str, Any] = render().container(component)
    deadline = time.monotonic() + 120
    for probe in ("readinessProbe", "livenessProbe"):
        http = container[probe]["httpGet"]
        url = f"http://127.0.0.1:{ports[http['port']]}{http['path']}"
        assert get(url, deadline) == 200, url

    # The chart's helm-test script, pointed at this machine.
    (check,) = render().workload("test")["spec"]["containers"]
    script, *urls = check["args"]
    svc_ports = render().named("Service", f"sieve-{component}")["spec"]["ports"]
    local_urls = []
    for url in urls:
        if f"sieve-{component}:" not in url:
            continue
        host_port, _, path = url.removeprefix("http://").partition("/")
        port = int(host_port.rpartition(":")[2])
        name = next(p["targetPort"] for p in svc_ports if p["port"] == port)
        local_urls.append(f"http://127.0.0.1:{ports[name]}/{path}")
    assert local_urls
    done = subprocess.run(
        [sys.executable, "-c", script, *local_urls],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all checks passed" in done.stdout
