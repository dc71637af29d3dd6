"""The whole suite on one machine, every part its own process, as in a cluster.

`Stack` builds pods (network namespaces ``sve-*`` on routed veths, 10.253.0.0/16, via the
interceptor tests' `PodNet`), runs the demo application (`tests.e2e.app`) in them, and
starts sieve-interceptor (capturing the host-side veths, given by hand, one per "node",
the pod CIDR given by hand as the other cluster addresses), sieve-detector,
sieve-collector (SQLite in a temp dir, a token) and sieve-digger (static identities, a
short window), each with its JSON log in a file. The digger reaches the collector through
`RecordingProxy`, which keeps every byte the digger sent (plain gRPC: no TLS).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.e2e.app import ROLES, SERVERS, luhn_card
from tests.interceptor.netns import Pod, PodNet, make_routed_pod
from tests.metrics_scrape import metric
from tests.ports import free_port

PREFIX = "sve-"
TOKEN = "e2e-token-" + "7" * 8
NAMESPACES = {
    "frontend": "web",
    "users": "accounts",
    "orders": "shop",
    "payments": "payments",
    "notifications": "messaging",
    "inventory": "shop",
}


class E2ePodNet(PodNet):
    """`PodNet` with this suite's names (``sve-*``) and addresses (10.253.<subnet>.n)."""

    @property
    def cidr(self) -> str:
        """The network of this stack's pods."""
        return f"10.253.{self.subnet}.0/24"

    def add_pod(self, n: int) -> Pod:
        """Create pod number ``n`` (1..250): namespace, veth, /32 address and routes."""
        ns, host_if, ip = (
            f"{PREFIX}{self.tag}-{n}",
            f"{PREFIX}{self.tag}{n}",
            f"10.253.{self.subnet}.{n}",
        )
        self.pods[n] = Pod(ns, ip, host_if)
        make_routed_pod(ns, host_if, ip)
        return self.pods[n]


def make_canaries() -> dict[str, str]:
    """Values unique to this run, placed everywhere the pipeline must never copy from."""
    tag = secrets.token_hex(4)
    serial = int.from_bytes(os.urandom(6), "big")
    return {
        "first": f"Cnryfirst{tag}",
        "last": f"Cnrylast{tag}",
        "name": f"Cnryfirst{tag} Cnrylast{tag}",
        "email": f"canary.{tag}@example.org",
        "phone": f"+44 20 7946 {serial % 10_000:04d}",
        "card": luhn_card("4539", serial),
        "header": f"hdrcanary{tag}",
        "query": f"qrycanary{tag}",
        "path_id": str(uuid.uuid4()),
        "key_uuid": str(uuid.uuid4()),
        "key_email": f"keycanary.{tag}@example.org",
    }


def canary_needles(canaries: dict[str, str]) -> dict[str, bytes]:
    """The byte strings that must not appear anywhere Sieve writes (name → needle)."""
    out = {k: v.encode() for k, v in canaries.items() if k not in ("phone",)}
    out["phone"] = canaries["phone"].replace(" ", "").encode()
    out["phone_spaced"] = canaries["phone"].encode()
    out["card_tail"] = canaries["card"][-10:].encode()
    return out


class RecordingProxy:
    """A TCP proxy on 127.0.0.1 that forwards to ``target`` and records the client's bytes."""

    def __init__(self, target_port: int, record: Path) -> None:
        self.target_port = target_port
        self.record = record
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.lock = threading.Lock()
        self.bytes_up = 0
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=2)
            except OSError:
                client.close()  # the collector is down: the digger sees a refused stream
                continue
            upstream.settimeout(None)
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, record: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if record:
                    with self.lock, self.record.open("ab") as fh:
                        fh.write(data)
                        self.bytes_up += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        """Stop accepting (open streams end when either side closes)."""
        self.closed = True
        self.sock.close()


class Service:
    """One Sieve process with its env and its log file; restartable."""

    def __init__(self, name: str, module: str, env: dict[str, str], log: Path) -> None:
        self.name = name
        self.module = module
        self.env = env
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self.peak_rss_kib = 0

    def start(self) -> None:
        """Start the process (its log is appended to)."""
        with self.log.open("ab") as fh:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", self.module],
                env={**os.environ, **self.env},
                stdout=fh,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[2],
            )

    def sample_rss(self) -> int:
        """Peak RSS (VmHWM, KiB) of the running process so far; remembered."""
        if self.proc is None or self.proc.poll() is not None:
            return self.peak_rss_kib
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_rss_kib = max(self.peak_rss_kib, int(line.split()[1]))
        except OSError:
            pass
        return self.peak_rss_kib

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int | None:
        """Stop with ``sig`` (SIGKILL: no clean-up) and return the exit code."""
        if self.proc is None:
            return None
        self.sample_rss()
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def wait_http(url: str, timeout: float = 60, what: str = "", svc: Service | None = None) -> None:
    """Until ``url`` answers 200 (failing at once when ``svc`` exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if svc is not None and not svc.running:
            raise AssertionError(f"{svc.name} exited: {svc.log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what or url} not ready within {timeout}s")


class Stack:
    """Pods, the demo application and the four Sieve services of one test."""

    def __init__(
        self,
        workdir: Path,
        bootstrap: str,
        window_seconds: float = 2.0,
        nodes: dict[str, list[str]] | None = None,
    ) -> None:
        self.dir = workdir
        self.nodes = nodes or {"node-a": list(ROLES)}
        self.node_of = {role: node for node, roles in self.nodes.items() for role in roles}
        self.interceptor_ports: dict[str, int] = {}
        self.bootstrap = bootstrap
        self.topic = f"e2e.{uuid.uuid4().hex[:10]}"
        self.canaries = make_canaries()
        self.net = E2ePodNet(subnet=1 + int.from_bytes(os.urandom(1), "big") % 250)
        self.pods: dict[str, Pod] = {}
        self.app: dict[str, subprocess.Popen[bytes]] = {}
        self.app_out = workdir / "app"
        self.app_out.mkdir(exist_ok=True)
        self.grpc_record = workdir / "grpc-digger-to-collector.bin"
        self.db = workdir / "collector.db"
        self.window_seconds = window_seconds
        self.ports = {
            k: free_port()
            for k in (
                "detector_http",
                "detector_ops",
                "collector_grpc",
                "collector_http",
                "collector_ops",
                "digger_ops",
                "interceptor_ops",
            )
        }
        self.proxy: RecordingProxy | None = None
        self.services: dict[str, Service] = {}
        self.client = httpx.Client(
            base_url=f"http://127.0.0.1:{self.ports['collector_http']}", timeout=10
        )

    # --- pods and the application ------------------------------------------------------
    def build_pods(self) -> None:
        """One pod per role, routed like a node."""
        for n, role in enumerate(ROLES, start=1):
            self.pods[role] = self.net.add_pod(n)
        topo = {
            "pods": {
                role: {"ip": pod.ip, "port": 8080, "namespace": NAMESPACES[role]}
                for role, pod in self.pods.items()
            },
            "canaries": self.canaries,
        }
        (self.dir / "topology.json").write_text(json.dumps(topo))
        identities = {
            "pods": [
                {
                    "ip": pod.ip,
                    "namespace": NAMESPACES[role],
                    "pod": f"{role}-5f7c9-{i:05d}",
                    "kind": "deployment",
                    "workload": role,
                    "node": self.node_of[role],
                }
                for i, (role, pod) in enumerate(self.pods.items())
            ]
        }
        (self.dir / "identities.yaml").write_text(yaml.safe_dump(identities))

    def _app_argv(self, role: str, *extra: str) -> list[str]:
        return self.pods[role].exec_argv(
            sys.executable,
            "-m",
            "tests.e2e.app",
            role,
            "--topology",
            str(self.dir / "topology.json"),
            "--out",
            str(self.app_out),
            *extra,
        )

    def start_servers(self) -> None:
        """The five servers of the application, each in its pod."""
        root = Path(__file__).resolve().parents[2]
        for role in SERVERS:
            self.app[role] = subprocess.Popen(self._app_argv(role), cwd=root)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if all((self.app_out / f"{r}.ready").exists() for r in SERVERS):
                return
            time.sleep(0.1)
        raise AssertionError("application servers did not start")

    def drive(self, visits: int, rate: float, threads: int = 1, timeout: float = 120) -> None:
        """Run the frontend for ``visits`` visits and check they all succeeded."""
        root = Path(__file__).resolve().parents[2]
        done = self.app_out / "frontend.done.json"
        done.unlink(missing_ok=True)
        proc = subprocess.run(
            self._app_argv(
                "frontend", "--visits", str(visits), "--rate", str(rate), "--threads", str(threads)
            ),
            cwd=root,
            timeout=timeout,
            check=True,
        )
        assert proc.returncode == 0
        result = json.loads(done.read_text())
        assert result["visits"] == visits, result
        assert result["bad"] == 0, result

    def stop_servers(self) -> Counter[tuple[str, str, str, str]]:
        """Stop the servers; what they served: (source, destination, method, template) → n."""
        for proc in self.app.values():
            proc.send_signal(signal.SIGTERM)
        served: Counter[tuple[str, str, str, str]] = Counter()
        for role, proc in self.app.items():
            proc.wait(20)
            counts = json.loads((self.app_out / f"{role}.counts.json").read_text())
            for key, n in counts.items():
                src, dst, method, template = key.split(" ")
                served[(src, dst, method, template)] += n
        self.app.clear()
        return served

    # --- the Sieve services --------------------------------------------------------------
    def _common(self, prefix: str, ops: str) -> dict[str, str]:
        return {
            f"{prefix}OPS_HOST": "127.0.0.1",
            f"{prefix}OPS_PORT": str(self.ports[ops]),
            f"{prefix}LOG_LEVEL": "INFO",
        }

    def configure(self, **digger_env: str) -> None:
        """Define the four services (not started)."""
        log = self.dir
        self.services["detector"] = Service(
            "detector",
            "detector",
            {
                **self._common("SIEVE_DETECTOR_", "detector_ops"),
                "SIEVE_DETECTOR_HTTP_HOST": "127.0.0.1",
                "SIEVE_DETECTOR_HTTP_PORT": str(self.ports["detector_http"]),
            },
            log / "detector.log",
        )
        self.services["collector"] = Service(
            "collector",
            "collector",
            {
                **self._common("SIEVE_COLLECTOR_", "collector_ops"),
                "SIEVE_COLLECTOR_DATABASE_URL": f"sqlite:///{self.db}",
                "SIEVE_COLLECTOR_TOKENS": TOKEN,
                "SIEVE_COLLECTOR_GRPC_HOST": "127.0.0.1",
                "SIEVE_COLLECTOR_GRPC_PORT": str(self.ports["collector_grpc"]),
                "SIEVE_COLLECTOR_HTTP_HOST": "127.0.0.1",
                "SIEVE_COLLECTOR_HTTP_PORT": str(self.ports["collector_http"]),
            },
            log / "collector.log",
        )
        self.proxy = RecordingProxy(self.ports["collector_grpc"], self.grpc_record)
        self.services["digger"] = Service(
            "digger",
            "digger",
            {
                **self._common("SIEVE_DIGGER_", "digger_ops"),
                "SIEVE_DIGGER_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
                "SIEVE_DIGGER_KAFKA_EXCHANGES_TOPIC": self.topic,
                "SIEVE_DIGGER_KAFKA_PODS_TOPIC": self.topic + ".pods",
                "SIEVE_DIGGER_KAFKA_GROUP_ID": self.topic + ".digger",
                "SIEVE_DIGGER_KAFKA_EXCHANGES_PARTITIONS": "3",
                "SIEVE_DIGGER_KAFKA_SESSION_TIMEOUT_MS": "6000",
                "SIEVE_DIGGER_IDENTITY_SOURCE": "static",
                "SIEVE_DIGGER_IDENTITIES_FILE": str(self.dir / "identities.yaml"),
                "SIEVE_DIGGER_WINDOW_SECONDS": str(self.window_seconds),
                "SIEVE_DIGGER_DETECTOR_URL": f"http://127.0.0.1:{self.ports['detector_http']}",
                "SIEVE_DIGGER_INGEST_TARGET": f"127.0.0.1:{self.proxy.port}",
                "SIEVE_DIGGER_INGEST_INSECURE": "true",
                "SIEVE_DIGGER_INGEST_TOKEN": TOKEN,
                "SIEVE_DIGGER_INGEST_BACKOFF_MAX_SECONDS": "2",
                "SIEVE_DIGGER_INGEST_ACK_TIMEOUT_SECONDS": "10",
                **{f"SIEVE_DIGGER_{k.upper()}": v for k, v in digger_env.items()},
            },
            log / "digger.log",
        )
        for i, (node, roles) in enumerate(self.nodes.items()):
            name = "interceptor" if len(self.nodes) == 1 else f"interceptor-{node}"
            port = self.ports["interceptor_ops"] if i == 0 else free_port()
            self.interceptor_ports[name] = port
            self.services[name] = Service(
                name,
                "interceptor",
                {
                    **self._common("SIEVE_INTERCEPTOR_", "interceptor_ops"),
                    "SIEVE_INTERCEPTOR_OPS_PORT": str(port),
                    "SIEVE_INTERCEPTOR_NODE_NAME": node,
                    "SIEVE_INTERCEPTOR_DISCOVER_PODS": "false",
                    "SIEVE_INTERCEPTOR_INTERFACES": json.dumps(
                        {self.pods[r].host_if: [self.pods[r].ip] for r in roles}
                    ),
                    # the pods of other nodes: each node reports only its servers' side
                    "SIEVE_INTERCEPTOR_CLUSTER_CIDRS": json.dumps([self.net.cidr]),
                    "SIEVE_INTERCEPTOR_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
                    "SIEVE_INTERCEPTOR_KAFKA_EXCHANGES_TOPIC": self.topic,
                    "SIEVE_INTERCEPTOR_KAFKA_PODS_TOPIC": self.topic + ".pods",
                    "SIEVE_INTERCEPTOR_KAFKA_LINGER_MS": "10",
                },
                log / f"{name}.log",
            )

    def _start_and_wait(self, name: str, port_key: str, path: str, timeout: float) -> None:
        self.services[name].start()
        url = f"http://127.0.0.1:{self.ports[port_key]}{path}"
        wait_http(url, timeout, name, self.services[name])

    def start_detector(self) -> None:
        self._start_and_wait("detector", "detector_ops", "/readyz", 90)
        # the ops port answering does not prove the API port was bound: wait for both
        url = f"http://127.0.0.1:{self.ports['detector_http']}/readyz"
        wait_http(url, 30, "detector API", self.services["detector"])

    def start_collector(self) -> None:
        self._start_and_wait("collector", "collector_http", "/healthz", 60)

    def start_digger(self) -> None:
        self._start_and_wait("digger", "digger_ops", "/healthz", 60)

    def start_interceptor(self) -> None:
        """Every node's interceptor, each capturing all of its pods' veths."""
        for name, port in self.interceptor_ports.items():
            svc = self.services[name]
            svc.start()
            node = svc.env["SIEVE_INTERCEPTOR_NODE_NAME"]
            deadline = time.monotonic() + 60
            while metric(port, "sieve_interceptor_interfaces") != len(self.nodes[node]):
                assert time.monotonic() < deadline, f"{name} did not capture every veth"
                assert svc.running, svc.log.read_text()[-2000:]
                time.sleep(0.2)
        time.sleep(0.5)

    def start_all(self, **digger_env: str) -> None:
        """Pods, servers, then every service, each ready."""
        self.build_pods()
        self.configure(**digger_env)
        self.start_detector()
        self.start_collector()
        self.start_digger()
        self.start_interceptor()
        self.start_servers()

    def sample_rss(self) -> dict[str, int]:
        return {name: svc.sample_rss() for name, svc in self.services.items()}

    # --- the collector's view --------------------------------------------------------
    def endpoints(self) -> dict[tuple[str, str, str, str], dict[str, Any]]:
        """(source, destination, method, template) → the API's endpoint summary."""
        out: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for ep in self.client.get("/api/v1/endpoints").raise_for_status().json():
            key = (
                ep["source"]["name"],
                ep["destination"]["name"],
                ep["method"],
                ep["path_template"],
            )
            out[key] = ep
        return out

    def wait_counts(
        self, served: Counter[tuple[str, str, str, str]], timeout: float = 60
    ) -> dict[tuple[str, str, str, str], dict[str, Any]]:
        """Until every served endpoint has at least its served count in the collector."""
        deadline = time.monotonic() + timeout
        got: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        while time.monotonic() < deadline:
            try:
                got = self.endpoints()
            except httpx.HTTPError:
                got = {}
            if all(k in got and got[k]["exchange_count"] >= n for k, n in served.items()):
                time.sleep(self.window_seconds * 2)  # anything extra would arrive now
                return self.endpoints()
            time.sleep(0.5)
        counts = {k: v["exchange_count"] for k, v in got.items()}
        raise AssertionError(f"collector never reached the served counts: {served} vs {counts}")

    def close(self) -> None:
        """Stop everything this stack started and remove its pods (always)."""
        for proc in self.app.values():
            proc.kill()
            proc.wait(10)
        self.app.clear()
        for name in (*self.interceptor_ports, "digger", "collector", "detector"):
            svc = self.services.get(name)
            if svc is not None:
                svc.stop()
        if self.proxy is not None:
            self.proxy.close()
        self.client.close()
        self.net.close()
