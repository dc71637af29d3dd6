"""A client pod calls a Service ClusterIP and its LoadBalancer ingress IP, which the host
DNATs to a server pod of the same node, as kube-proxy does: the client's veth sees the
Service address, the server's veth the pod IP. The digger's real `ClusterState` publishes
the pods and the Service on a real ``sieve.pods`` topic; the interceptor (discovering its
interfaces and the cluster addresses from it) writes each exchange to Kafka exactly once,
on the server's veth."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from digger.cluster import PodsPublisher
from digger.cluster_state import ClusterState
from digger.settings import DiggerSettings
from tests.conftest import requires_root
from tests.digger.test_kube import pod, service
from tests.integration.test_interceptor_live import Collector
from tests.interceptor.netns import Pod, PodNet, make_routed_pod, sh
from tests.metrics_scrape import metric
from tests.ports import free_port

pytestmark = [
    pytest.mark.integration,
    pytest.mark.netns,
    requires_root,
    pytest.mark.skipif(
        shutil.which("nft") is None,
        reason="needs nft (Debian package nftables) to DNAT the Service IP as kube-proxy does",
    ),
]

POD_SERVER = Path(__file__).resolve().parent.parent / "interceptor" / "pod_server.py"
NODE = "node-a"


class SibPodNet(PodNet):
    """`PodNet` with this test's names (``sib-*``) and addresses (10.249.<subnet>.n)."""

    def add_pod(self, n: int) -> Pod:
        """Create pod number ``n`` (1..250)."""
        ns, host_if, ip = f"sib-{self.tag}-{n}", f"sib{self.tag}{n}", f"10.249.{self.subnet}.{n}"
        self.pods[n] = Pod(ns, ip, host_if)
        make_routed_pod(ns, host_if, ip)
        return self.pods[n]


@pytest.fixture
def podnet() -> Iterator[SibPodNet]:
    net = SibPodNet(subnet=random.randrange(1, 250))
    try:
        yield net
    finally:
        net.close()


@pytest.fixture
def service_ip(podnet: SibPodNet) -> Iterator[tuple[str, str, str]]:
    """(ClusterIP, LoadBalancer ingress IP, nft table): no rule until the test adds its DNAT."""
    vip = f"10.248.0.{random.randrange(1, 255)}"
    lb_ip = f"10.246.0.{random.randrange(1, 255)}"
    table = f"sib_{podnet.tag}"
    sh("nft", "add", "table", "ip", table)
    try:
        yield vip, lb_ip, table
    finally:
        sh("nft", "delete", "table", "ip", table, check=False)


def _dnat(table: str, vips: list[str], server: str) -> None:
    """kube-proxy's job for one Service: each VIP:80 → server:8080, in the host's prerouting."""
    sh(
        "nft",
        "add chain ip",
        table,
        "prerouting { type nat hook prerouting priority dstnat; policy accept; }",
    )
    for vip in vips:
        sh(
            "nft",
            "add rule ip",
            table,
            "prerouting",
            f"ip daddr {vip} tcp dport 80 dnat to {server}:8080",
        )


def _wait_server(pod: Pod) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(pod.exec_argv(sys.executable, str(POD_SERVER), "8080"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        probe = pod.exec_argv("curl", "-s", "-o", "/dev/null", "http://127.0.0.1:8080/none")
        if subprocess.run(probe, check=False).returncode == 0:
            return proc
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("pod server did not start")


def test_service_ip_exchanges_reported_once(
    podnet: SibPodNet,
    service_ip: tuple[str, str, str],
    kafka_bootstrap: str,
    unique_topic: str,
    tmp_path: Path,
) -> None:
    vip, lb_ip, table = service_ip
    srv, cli = podnet.add_pod(1), podnet.add_pod(2)
    _dnat(table, [vip, lb_ip], srv.ip)
    web = service("web", vip, kind="LoadBalancer")
    web["status"] = {"loadBalancer": {"ingress": [{"ip": lb_ip, "ipMode": "VIP"}]}}
    elsewhere = pod("web-9", f"10.249.{podnet.subnet}.200")
    elsewhere["spec"]["nodeName"] = "node-b"

    # the digger's own code publishes what its Kubernetes watch would see
    settings = DiggerSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_exchanges_topic=unique_topic,
        kafka_pods_topic=unique_topic + ".pods",
    )
    publisher = PodsPublisher(settings)
    state = ClusterState(publish=publisher)
    state.replace("pods", [pod("web-1", srv.ip), pod("client-1", cli.ip), elsewhere])
    state.replace("services", [web])
    publisher.flush()

    server = _wait_server(srv)
    ops_port = free_port()
    env = {
        **os.environ,
        "SIEVE_INTERCEPTOR_NODE_NAME": NODE,
        "SIEVE_INTERCEPTOR_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SIEVE_INTERCEPTOR_KAFKA_EXCHANGES_TOPIC": unique_topic,
        "SIEVE_INTERCEPTOR_KAFKA_PODS_TOPIC": unique_topic + ".pods",
        "SIEVE_INTERCEPTOR_KAFKA_LINGER_MS": "5",
        "SIEVE_INTERCEPTOR_DISCOVERY_INTERVAL_SECONDS": "0.3",
        "SIEVE_INTERCEPTOR_OPS_HOST": "127.0.0.1",
        "SIEVE_INTERCEPTOR_OPS_PORT": str(ops_port),
    }
    log_path = tmp_path / "interceptor.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "interceptor"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
    collector = Collector(kafka_bootstrap, unique_topic)
    try:
        deadline = time.monotonic() + 30
        while (
            metric(ops_port, "sieve_interceptor_interfaces") != 2
            or metric(ops_port, "sieve_interceptor_cluster_addresses") != 3
        ):
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            assert proc.poll() is None, log_path.read_text()[-3000:]
            time.sleep(0.2)
        time.sleep(0.5)
        # one keep-alive connection through the Service, then two more connections
        urls = [f"http://{vip}/users/{n}" for n in range(1, 5)]
        subprocess.run(
            cli.exec_argv("curl", "-sf", "-o", "/dev/null", *urls), check=True, timeout=30
        )
        for url in (f"http://{vip}/gzip", f"http://{vip}/chunked", f"http://{lb_ip}/users/5"):
            subprocess.run(
                cli.exec_argv("curl", "-sf", "-o", "/dev/null", url), check=True, timeout=30
            )
        got = collector.until(7)
    finally:
        collector.close()
        proc.terminate()
        proc.wait(20)
        server.terminate()
        server.wait(10)
        publisher.flush()

    targets = Counter(ex.request.target for ex in got)
    assert targets == Counter([f"/users/{n}" for n in range(1, 6)] + ["/gzip", "/chunked"])
    assert {(ex.interface, ex.client.ip, ex.server.ip, ex.server.port) for ex in got} == {
        (srv.host_if, cli.ip, srv.ip, 8080)
    }
    assert {ex.response.status for ex in got} == {200}
    text = log_path.read_text()
    assert "cluster addresses changed" in text
    assert "Traceback" not in text
