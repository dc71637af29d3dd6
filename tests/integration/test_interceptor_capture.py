"""LiveCapture in-process on routed veths and on a bridge; route discovery through netlink."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.settings import load_settings
from interceptor.discovery import route_interfaces
from interceptor.live import LiveCapture
from interceptor.settings import InterceptorSettings
from protos.sieve.v1 import exchange_pb2
from tests.conftest import requires_root
from tests.interceptor.netns import PodNet, sh

pytestmark = [pytest.mark.integration, pytest.mark.netns, requires_root]

SERVER = Path(__file__).resolve().parent.parent / "interceptor" / "pod_server.py"


@pytest.fixture
def podnet() -> Iterator[PodNet]:
    net = PodNet(subnet=110 + int.from_bytes(os.urandom(1), "big") % 100)
    try:
        yield net
    finally:
        net.close()


def _wait(cond: object, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_live_capture_in_process_add_remove_and_kernel_filter(podnet: PodNet) -> None:
    srv, cli = podnet.add_pod(1), podnet.add_pod(2)
    assert route_interfaces([srv.ip, cli.ip, "127.0.0.1"]) == (
        {srv.host_if: {srv.ip}, cli.host_if: {cli.ip}},
        ["127.0.0.1"],
    )
    server = subprocess.Popen(srv.exec_argv(sys.executable, str(SERVER), "8080"))
    got: list[exchange_pb2.HttpExchange] = []
    live = LiveCapture(
        load_settings(InterceptorSettings, discover_pods=False), lambda rec: got.append(rec.parse())
    )
    try:
        live.set_interfaces({srv.host_if: {srv.ip}, cli.host_if: {cli.ip}})
        live.start()
        _wait(lambda: len(live.interfaces) == 2)
        _wait(
            lambda: (
                subprocess.run(
                    cli.exec_argv(
                        "curl", "-sf", "-o", "/dev/null", f"http://{srv.ip}:8080/users/1"
                    ),
                    check=False,
                ).returncode
                == 0
            )
        )
        # UDP never reaches user space: the kernel filter passes TCP only
        subprocess.run(
            cli.exec_argv(
                sys.executable,
                "-c",
                "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                f"for _ in range(50): s.sendto(b'x' * 100, ('{srv.ip}', 9999))",
            ),
            check=True,
        )
        _wait(lambda: len(got) >= 1)
        time.sleep(0.5)
        assert {(ex.request.target, ex.response.status, ex.interface) for ex in got} == {
            ("/users/1", 200, srv.host_if)
        }
        assert live.core.dropped["not_tcp"] == 0
        assert live.core.dropped["other_capture_point"] > 0  # the copy on the client's veth
        # removing an interface closes its capture; adding it back reopens it
        live.set_interfaces({srv.host_if: {srv.ip}})
        _wait(lambda: live.interfaces == [srv.host_if])
        live.set_interfaces({})
        _wait(lambda: live.interfaces == [])
        assert live.running
    finally:
        live.stop()
        server.kill()
        server.wait()
    assert not live.running
    assert sum(live.kernel_drops.values()) == 0


def test_bridge_cni_routes_to_the_bridge(podnet: PodNet) -> None:
    br = f"svib{podnet.tag}"
    sub = podnet.subnet
    ns = f"svi-{podnet.tag}-br"
    sh("ip", "link", "add", br, "type", "bridge")
    try:
        sh("ip", "addr", "add", f"10.251.{sub}.254/24", "dev", br)
        sh("ip", "link", "set", br, "up")
        sh("ip", "netns", "add", ns)
        sh("ip", "link", "add", f"{br}p", "type", "veth", "peer", "name", "eth0", "netns", ns)
        sh("ip", "link", "set", f"{br}p", "master", br, "up")
        sh("ip", "-n", ns, "addr", "add", f"10.251.{sub}.20/24", "dev", "eth0")
        sh("ip", "-n", ns, "link", "set", "eth0", "up")
        mapping, missing = route_interfaces([f"10.251.{sub}.20"])
        assert mapping == {br: {f"10.251.{sub}.20"}}
        assert missing == []
    finally:
        sh("ip", "netns", "del", ns, check=False)
        sh("ip", "link", "del", br, check=False)
