"""The interceptor service capturing pods (network namespaces on routed veths) live and
writing their JSON exchanges to the real Kafka broker: each exactly once, nothing else;
pods added and removed while it runs."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from confluent_kafka import Consumer, Producer

from protos.sieve.v1 import exchange_pb2, identity_pb2
from tests.conftest import requires_root
from tests.interceptor.netns import Pod, PodNet
from tests.interceptor.pod_server import large_doc
from tests.metrics_scrape import wait_metric
from tests.ports import free_port

pytestmark = [pytest.mark.integration, pytest.mark.netns, requires_root]

HERE = Path(__file__).resolve().parent.parent / "interceptor"
NODE = "node-a"


@pytest.fixture
def podnet() -> Iterator[PodNet]:
    net = PodNet(subnet=10 + int.from_bytes(os.urandom(1), "big") % 100)
    try:
        yield net
    finally:
        net.close()


def _publish_pods(bootstrap: str, topic: str, pods: dict[str, str | None]) -> None:
    """ip → node name (None: tombstone)."""
    producer = Producer({"bootstrap.servers": bootstrap})
    for ip, node in pods.items():
        value = None
        if node is not None:
            value = identity_pb2.PodIdentity(
                ip=ip,
                node_name=node,
                namespace="t",
                pod_name=f"p-{ip}",
                workload_kind=identity_pb2.WORKLOAD_KIND_POD,
                workload_name=f"p-{ip}",
            ).SerializeToString()
        producer.produce(topic, value, ip.encode())
    assert producer.flush(30) == 0


def _server(pod: Pod) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(pod.exec_argv(sys.executable, str(HERE / "pod_server.py"), "8080"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        probe = subprocess.run(
            pod.exec_argv("curl", "-s", "-o", "/dev/null", "http://127.0.0.1:8080/none"),
            check=False,
        )
        if probe.returncode == 0:
            return proc
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("pod server did not start")


def _run(pod: Pod, *argv: str) -> None:
    subprocess.run(pod.exec_argv(*argv), check=True, timeout=60, capture_output=True)


Key = tuple[str, str, str, str, int, bytes, bytes]


def _key(ex: exchange_pb2.HttpExchange) -> Key:
    return (
        ex.client.ip,
        ex.server.ip,
        ex.request.method,
        ex.request.target,
        ex.response.status,
        ex.request.body,
        ex.response.body,
    )


class Collector:
    """Reads exchanges from the topic as they arrive."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.consumer = Consumer(
            {
                "bootstrap.servers": bootstrap,
                "group.id": topic + ".check",
                "auto.offset.reset": "earliest",
            }
        )
        self.consumer.subscribe([topic])
        self.got: list[exchange_pb2.HttpExchange] = []
        self.keys: list[bytes] = []

    def until(
        self, n: int, timeout: float = 40, settle: float = 3
    ) -> list[exchange_pb2.HttpExchange]:
        deadline = time.monotonic() + timeout
        while len(self.got) < n and time.monotonic() < deadline:
            self._poll(0.5)
        end = time.monotonic() + settle  # anything extra shows up here
        while time.monotonic() < end:
            self._poll(0.2)
        return self.got

    def _poll(self, t: float) -> None:
        msg = self.consumer.poll(t)
        if msg is None or msg.error():
            return
        self.keys.append(msg.key() or b"")
        self.got.append(exchange_pb2.HttpExchange.FromString(msg.value() or b""))

    def close(self) -> None:
        self.consumer.close()


def test_live_pods_to_kafka_exactly_once(
    podnet: PodNet, kafka_bootstrap: str, unique_topic: str, tmp_path: Path
):
    srv, srv2, cli = podnet.add_pod(1), podnet.add_pod(2), podnet.add_pod(3)
    pods_topic = unique_topic + ".pods"
    other_ip = f"10.251.{podnet.subnet}.99"
    _publish_pods(
        kafka_bootstrap, pods_topic, {srv.ip: NODE, srv2.ip: NODE, cli.ip: NODE, other_ip: "node-b"}
    )
    servers = [_server(srv), _server(srv2)]
    ops_port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "SIEVE_INTERCEPTOR_NODE_NAME": NODE,
            "SIEVE_INTERCEPTOR_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
            "SIEVE_INTERCEPTOR_KAFKA_EXCHANGES_TOPIC": unique_topic,
            "SIEVE_INTERCEPTOR_KAFKA_PODS_TOPIC": pods_topic,
            "SIEVE_INTERCEPTOR_KAFKA_LINGER_MS": "5",
            "SIEVE_INTERCEPTOR_DISCOVERY_INTERVAL_SECONDS": "0.3",
            "SIEVE_INTERCEPTOR_OPS_PORT": str(ops_port),
            "SIEVE_INTERCEPTOR_OPS_HOST": "127.0.0.1",
        }
    )
    log_path = tmp_path / "interceptor.log"
    log = open(log_path, "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "interceptor"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    collector = Collector(kafka_bootstrap, unique_topic)
    try:
        wait_metric(ops_port, "sieve_interceptor_interfaces", 3)
        time.sleep(0.5)
        base = f"http://{srv.ip}:8080"
        post_body = json.dumps({"blob": "x" * 2000, "email": "curl@example.org"}).encode()
        (tmp_path / "post.json").write_bytes(post_body)
        # curl: one keep-alive connection for several URLs; Expect: 100-continue on a POST
        _run(
            cli,
            "curl",
            "-sf",
            "-o",
            "/dev/null",
            "-o",
            "/dev/null",
            "-o",
            "/dev/null",
            f"{base}/users/c1",
            f"{base}/gzip",
            f"{base}/chunked",
        )
        _run(
            cli,
            "curl",
            "-sf",
            "-o",
            "/dev/null",
            "-H",
            "Content-Type: application/json",
            "-H",
            "Expect: 100-continue",
            "--data-binary",
            f"@{tmp_path / 'post.json'}",
            f"{base}/echo",
        )
        _run(
            cli,
            "curl",
            "-sf",
            "-I",
            "-o",
            "/dev/null",
            "-o",
            "/dev/null",
            f"{base}/users/h1",
            f"{base}/users/h2",
        )
        _run(cli, "curl", "-sf", "-o", "/dev/null", f"{base}/page")  # not JSON: must not appear
        _run(cli, sys.executable, str(HERE / "pod_py_client.py"), srv.ip)
        _run(cli, "node", str(HERE / "pod_node_client.js"), srv2.ip, "8080", "3")

        c, s, s2 = cli.ip, srv.ip, srv2.ip

        def user(i: str) -> bytes:
            return json.dumps({"id": i, "email": "a@example.org"}).encode()

        expected: list[Key] = [
            (c, s, "GET", "/users/c1", 200, b"", user("c1")),
            (c, s, "GET", "/gzip", 200, b"", b'{"zipped": true}'),
            (c, s, "GET", "/chunked", 200, b"", b'{"chunked": true}'),
            (
                c,
                s,
                "POST",
                "/echo",
                201,
                post_body,
                json.dumps({"got": json.loads(post_body)}).encode(),
            ),
            (c, s, "HEAD", "/users/h1", 200, b"", b""),
            (c, s, "HEAD", "/users/h2", 200, b"", b""),
            (c, s, "GET", "/users/py1", 200, b"", user("py1")),
            (
                c,
                s,
                "POST",
                "/echo",
                201,
                b'{"email": "py@example.org"}',
                b'{"got": {"email": "py@example.org"}}',
            ),
            (c, s, "DELETE", "/users/py2", 204, b"", b""),
            (c, s, "GET", "/large", 200, b"", large_doc()),
            (c, s, "PUT", "/users/py3", 201, b'{"name": "x"}', b'{"got": {"name": "x"}}'),
        ]
        for i in range(3):
            expected.append((c, s2, "GET", f"/users/node{i}", 200, b"", user(f"node{i}")))
            expected.append(
                (c, s2, "POST", "/echo", 201, b'{"node":%d}' % i, b'{"got": {"node": %d}}' % i)
            )
        got = collector.until(len(expected))
        assert Counter(_key(ex) for ex in got) == Counter(expected)
        # attributed to the server pod's veth (both ends are local), keyed by server endpoint
        assert {ex.interface for ex in got if ex.server.ip == s} == {srv.host_if}
        assert {ex.interface for ex in got if ex.server.ip == s2} == {srv2.host_if}
        assert set(collector.keys) == {f"{s}:8080".encode(), f"{s2}:8080".encode()}
        assert all(ex.node_name == NODE for ex in got)
        gz = next(ex for ex in got if ex.request.target == "/gzip")
        assert gz.response.decoded_content_coding == exchange_pb2.CONTENT_CODING_GZIP
        assert gz.response.body_wire_size == len(gzip.compress(b'{"zipped": true}'))

        # a pod added while running is captured without restart
        new = podnet.add_pod(4)
        servers.append(_server(new))
        _publish_pods(kafka_bootstrap, pods_topic, {new.ip: NODE})
        wait_metric(ops_port, "sieve_interceptor_interfaces", 4)
        time.sleep(0.5)
        _run(cli, "curl", "-sf", "-o", "/dev/null", f"http://{new.ip}:8080/users/late")
        more = collector.until(len(expected) + 1)
        assert [_key(ex) for ex in more[len(expected) :]] == [
            (c, new.ip, "GET", "/users/late", 200, b"", user("late"))
        ]
        assert more[-1].interface == new.host_if

        # a pod removed frees its capture
        servers.pop().kill()
        _publish_pods(kafka_bootstrap, pods_topic, {new.ip: None})
        podnet.remove_pod(4)
        wait_metric(ops_port, "sieve_interceptor_interfaces", 3)
        deadline = time.monotonic() + 20
        while "capture stopped" not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert f'"capture stopped", "interface": "{new.host_if}"' in log_path.read_text()
        assert proc.poll() is None
    finally:
        collector.close()
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        for p in servers:
            p.kill()
            p.wait()
    text = log_path.read_text()
    assert '"level": "error"' not in text
    assert proc.returncode == 0
