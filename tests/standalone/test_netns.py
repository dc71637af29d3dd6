"""The demo's network: built routed like a node, and every leftover removed (root only)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from standalone.demo import netns
from standalone.demo.topology import Service
from tests.conftest import requires_root

pytestmark = [pytest.mark.netns, requires_root]

A = Service("a", "svd-unit-a", "svd-unit-a", "10.252.240.1", 8080, "t", "a", "a.t")
B = Service("b", "svd-unit-b", "svd-unit-b", "10.252.240.2", 8080, "t", "b", "b.t")


@pytest.fixture
def pair() -> Iterator[tuple[Service, Service]]:
    try:
        netns.create([A, B])
        yield A, B
    finally:
        netns.cleanup([A, B])


LISTEN = """
import socket
s = socket.socket()
s.bind(("{ip}", 8080))
s.listen()
c, peer = s.accept()
c.sendall(("hello " + peer[0]).encode())
"""
CONNECT = """
import socket, time
for _ in range(100):
    try:
        print(socket.create_connection(("{ip}", 8080), timeout=2).recv(100).decode())
        break
    except ConnectionRefusedError:
        time.sleep(0.05)
"""


def _sh(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, timeout=20)


def test_namespaces_reach_each_other_through_the_host(pair: tuple[Service, Service]) -> None:
    a, b = pair
    assert {a.netns, b.netns} <= set(netns.leftover_namespaces())
    assert {a.host_if, b.host_if} <= set(netns.leftover_links())
    assert f"{b.ip} dev {b.host_if}" in _sh("ip", "route", "show", f"{b.ip}/32").stdout
    server = subprocess.Popen(
        netns.exec_argv(b, sys.executable, "-c", LISTEN.format(ip=b.ip)),
    )
    try:
        proc = _sh(*netns.exec_argv(a, sys.executable, "-c", CONNECT.format(ip=b.ip)))
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == f"hello {a.ip}"
    finally:
        server.kill()
        server.wait(5)


def test_cleanup_removes_leftovers_and_their_processes() -> None:
    netns.create([A])
    sleeper = subprocess.Popen(netns.exec_argv(A, "sleep", "60"))
    try:
        # `ip netns exec` enters the namespace a moment after it starts; until then cleanup
        # cannot see it there (it failed that way once in CI, on a loaded machine)
        deadline = time.monotonic() + 10
        while str(sleeper.pid) not in _sh("ip", "netns", "pids", A.netns).stdout.split():
            assert time.monotonic() < deadline, "the sleeper never entered the namespace"
            time.sleep(0.05)
        removed = netns.cleanup([A])
        assert A.netns in removed
        assert sleeper.wait(10) != 0  # killed with its namespace
        assert A.netns not in netns.leftover_namespaces()
        assert A.host_if not in netns.leftover_links()
        assert _sh("ip", "route", "show", f"{A.ip}/32").stdout.strip() == ""
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
        netns.cleanup([A])
