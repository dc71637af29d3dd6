"""A real Kubernetes API server (kube-apiserver + etcd) on 127.0.0.1 for tests.

Both binaries are built once with the Go toolchain from the wrapper modules in
``scripts/k8s/`` (``apiserver``: ``k8s.io/kubernetes`` with every staging module replaced
by its tagged release; ``etcd``: ``go.etcd.io/etcd/server/v3``) and cached outside the
repository (``$SIEVE_CACHE``, default ``~/.cache/sieve``). No controller, scheduler or
kubelet runs: objects are stored and validated, pods stay Pending. Usage::

    scripts/k8s-dev build            # build and cache the binaries (slow the first time)
    scripts/k8s-dev start            # start etcd + kube-apiserver, print the kubeconfig path
    scripts/k8s-dev stop             # stop what `start` started
    scripts/k8s-dev node build|start|stop   # a real node besides (scripts/k8s_node.py)
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

K8S_VERSION = "v1.36.3"
ETCD_VERSION = "v3.6.16"
MODULES = Path(__file__).resolve().parent / "k8s"
CACHE = Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve"))
BIN = CACHE / "k8s" / f"bin-{K8S_VERSION}-etcd-{ETCD_VERSION}"
APISERVER = BIN / "kube-apiserver"
ETCD = BIN / "etcd"
STATE = CACHE / "k8s" / "dev"
BUILD_COMMAND = "python -m scripts.k8s_dev build"
SERVICE_CIDR = "10.96.0.0/16"
ISSUER = "https://kubernetes.default.svc.cluster.local"
ADMIN_USER = "sieve-admin"


def missing_binaries() -> list[Path]:
    """The cached binaries that are not built yet."""
    return [path for path in (APISERVER, ETCD) if not os.access(path, os.X_OK)]


def version_ldflags() -> str:
    major, minor, _ = K8S_VERSION.lstrip("v").split(".")
    values = {
        "gitVersion": K8S_VERSION,
        "gitMajor": major,
        "gitMinor": minor,
        "gitTreeState": "clean",
        "buildDate": "1970-01-01T00:00:00Z",
    }
    flags = ["-s", "-w"]
    for package in ("k8s.io/component-base/version", "k8s.io/client-go/pkg/version"):
        flags += [f"-X {package}.{name}={value}" for name, value in values.items()]
    return " ".join(flags)


def go_binary() -> str:
    go = shutil.which("go") or (
        "/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None
    )
    if go is None:
        raise RuntimeError("go not found: install a Go toolchain (1.26+) to build kube-apiserver")
    return go


def build(jobs: int = 2) -> Path:
    """Build kube-apiserver and etcd into the cache (no-op when built); the bin directory."""
    if not missing_binaries():
        return BIN
    partial = BIN.with_name(BIN.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GOFLAGS": "-mod=mod", "CGO_ENABLED": "0"}
    targets = [
        ("apiserver", "k8s.io/kubernetes/cmd/kube-apiserver", "kube-apiserver", version_ldflags()),
        ("etcd", "go.etcd.io/etcd/server/v3", "etcd", "-s -w"),
    ]
    for module, package, name, ldflags in targets:
        if os.access(partial / name, os.X_OK):
            continue
        started = time.monotonic()
        flags = ["-p", str(jobs), "-trimpath", "-ldflags", ldflags]
        subprocess.run(
            [go_binary(), "build", *flags, "-o", str(partial / name), package],
            cwd=MODULES / module,
            env=env,
            check=True,
        )
        print(f"built {name} in {time.monotonic() - started:.0f}s", file=sys.stderr)
    if BIN.exists():
        shutil.rmtree(BIN)
    partial.rename(BIN)
    return BIN


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(process: subprocess.Popen[bytes] | None, timeout: float = 20.0) -> None:
    """SIGTERM, then SIGKILL if ``process`` does not exit in time."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_pki(pki: Path) -> None:
    """A CA, the API server's serving certificate for 127.0.0.1, a service-account key pair."""
    pki.mkdir(parents=True, exist_ok=True)
    if (pki / "apiserver.crt").exists():
        return
    _openssl(
        *("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650"),
        *("-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=sieve-dev-ca"),
        cwd=pki,
    )
    (pki / "apiserver.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        # 10.96.0.1: the kubernetes Service; 10.240.1.1: the dev node's address (k8s_node.py).
        "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,IP:10.240.1.1,DNS:localhost,"
        "DNS:kubernetes.default.svc\n"
    )
    _openssl(
        *("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "apiserver.key"),
        *("-out", "apiserver.csr", "-subj", "/CN=kube-apiserver"),
        cwd=pki,
    )
    _openssl(
        *("x509", "-req", "-in", "apiserver.csr", "-CA", "ca.crt", "-CAkey", "ca.key"),
        *("-CAcreateserial", "-days", "3650", "-extfile", "apiserver.ext", "-out", "apiserver.crt"),
        cwd=pki,
    )
    _openssl("genrsa", "-out", "sa.key", "2048", cwd=pki)
    _openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub", cwd=pki)


def write_kubeconfig(path: Path, server: str, ca_file: Path, token: str, user: str) -> Path:
    """A kubeconfig (JSON is valid YAML) for ``server`` authenticating with a bearer token."""
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": "sieve-dev",
                "cluster": {"server": server, "certificate-authority": str(ca_file)},
            }
        ],
        "users": [{"name": user, "user": {"token": token}}],
        "contexts": [{"name": user, "context": {"cluster": "sieve-dev", "user": user}}],
        "current-context": user,
    }
    path.write_text(json.dumps(config, indent=2))
    path.chmod(0o600)
    return path


@dataclass
class Cluster:
    """etcd and kube-apiserver processes, their ports, credentials and files."""

    workdir: Path
    etcd_port: int
    peer_port: int
    api_port: int
    token: str
    etcd: subprocess.Popen[bytes] | None = None
    apiserver: subprocess.Popen[bytes] | None = None
    extra_args: list[str] = field(default_factory=list)

    @property
    def server(self) -> str:
        """The API server's URL."""
        return f"https://127.0.0.1:{self.api_port}"

    @property
    def etcd_url(self) -> str:
        """etcd's client URL."""
        return f"http://127.0.0.1:{self.etcd_port}"

    @property
    def ca_file(self) -> Path:
        """The CA that signed the API server's certificate."""
        return self.workdir / "pki" / "ca.crt"

    @property
    def kubeconfig(self) -> Path:
        """The admin kubeconfig (user in group system:masters)."""
        return self.workdir / "kubeconfig"

    def start_etcd(self, timeout: float = 60.0) -> None:
        """Start etcd on its ports (on existing data if any); wait until healthy."""
        peer = f"http://127.0.0.1:{self.peer_port}"
        args = [
            str(ETCD),
            "--name=sieve",
            f"--data-dir={self.workdir / 'etcd'}",
            f"--listen-client-urls={self.etcd_url}",
            f"--advertise-client-urls={self.etcd_url}",
            f"--listen-peer-urls={peer}",
            f"--initial-advertise-peer-urls={peer}",
            f"--initial-cluster=sieve={peer}",
            "--initial-cluster-state=new",
            "--unsafe-no-fsync",  # test data: durability across power loss is not needed
            "--log-level=warn",
        ]
        self.etcd = _spawn(args, self.workdir / "etcd.log")
        _wait(
            lambda: _get(f"{self.etcd_url}/health", None, None).get("health") == "true",
            self.etcd,
            timeout,
            f"etcd did not become healthy; see {self.workdir / 'etcd.log'}",
        )

    def start_apiserver(self, timeout: float = 120.0) -> None:
        """Start kube-apiserver (RBAC, token file, service-account keys); wait for /readyz."""
        pki = self.workdir / "pki"
        args = [
            str(APISERVER),
            f"--etcd-servers={self.etcd_url}",
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            f"--secure-port={self.api_port}",
            f"--cert-dir={self.workdir / 'certs'}",
            f"--tls-cert-file={pki / 'apiserver.crt'}",
            f"--tls-private-key-file={pki / 'apiserver.key'}",
            f"--token-auth-file={self.workdir / 'tokens.csv'}",
            "--authorization-mode=RBAC",
            f"--service-account-key-file={pki / 'sa.pub'}",
            f"--service-account-signing-key-file={pki / 'sa.key'}",
            f"--service-account-issuer={ISSUER}",
            f"--service-cluster-ip-range={SERVICE_CIDR}",
            "--allow-privileged=true",  # the interceptor DaemonSet is privileged, as in clusters
            # No controller-manager runs to lift the PVC-protection finalizer on deletion.
            "--disable-admission-plugins=StorageObjectInUseProtection",
            # On SIGTERM end open watches after 2s (clients reconnect) instead of holding
            # the shutdown until the HTTP server's timeout.
            "--shutdown-watch-termination-grace-period=2s",
            "--profiling=false",
            "--v=0",
            *self.extra_args,
        ]
        self.apiserver = _spawn(args, self.workdir / "apiserver.log")
        _wait(
            self.ready,
            self.apiserver,
            timeout,
            f"kube-apiserver not ready; see {self.workdir / 'apiserver.log'}",
        )

    def ready(self) -> bool:
        """True when /readyz answers ok."""
        try:
            return _get_text(f"{self.server}/readyz", self.ca_file, self.token) == "ok"
        except (OSError, urllib.error.URLError):
            return False

    def version(self) -> dict[str, str]:
        """The API server's /version."""
        return {
            k: str(v) for k, v in _get(f"{self.server}/version", self.ca_file, self.token).items()
        }

    def compact_etcd(self) -> int:
        """Compact etcd's history up to its current revision (old watches get 410 Gone)."""
        status = _post(f"{self.etcd_url}/v3/maintenance/status", {})
        revision = int(status["header"]["revision"])
        _post(f"{self.etcd_url}/v3/kv/compaction", {"revision": str(revision), "physical": True})
        return revision

    def stop_apiserver(self) -> None:
        """Stop kube-apiserver (graceful)."""
        stop_process(self.apiserver)
        self.apiserver = None

    def restart_apiserver(self) -> None:
        """Stop kube-apiserver and start it again on the same port and data."""
        self.stop_apiserver()
        self.start_apiserver()

    def stop(self) -> None:
        """Stop kube-apiserver, then etcd."""
        self.stop_apiserver()
        stop_process(self.etcd)
        self.etcd = None


def _spawn(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _context(ca_file: Path | None) -> ssl.SSLContext | None:
    return ssl.create_default_context(cafile=str(ca_file)) if ca_file else None


def _get_text(url: str, ca_file: Path | None, token: str | None) -> str:
    request = urllib.request.Request(url)  # noqa: S310 (loopback URLs built here)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=5, context=_context(ca_file)) as response:  # noqa: S310
        return str(response.read().decode())


def _get(url: str, ca_file: Path | None, token: str | None) -> dict[str, Any]:
    data = json.loads(_get_text(url, ca_file, token))
    assert isinstance(data, dict)
    return data


def _post(url: str, body: dict[str, object]) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (etcd's loopback gateway)
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        data = json.loads(response.read())
    assert isinstance(data, dict)
    return data


def _wait(
    check: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float, message: str
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {message}")
        try:
            if check():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(0.3)
    stop_process(process)
    raise RuntimeError(f"timed out after {timeout:.0f}s: {message}")


def start(workdir: Path | None = None, extra_args: list[str] | None = None) -> Cluster:
    """Generate credentials in ``workdir``, start etcd and kube-apiserver, write a kubeconfig."""
    missing = missing_binaries()
    if missing:
        raise RuntimeError(f"{missing[0]} not built: run `{BUILD_COMMAND}`")
    workdir = workdir or Path(tempfile.mkdtemp(prefix="sieve-k8s-"))
    workdir.mkdir(parents=True, exist_ok=True)
    make_pki(workdir / "pki")
    token = secrets.token_urlsafe(24)
    (workdir / "tokens.csv").write_text(f'{token},{ADMIN_USER},{ADMIN_USER},"system:masters"\n')
    cluster = Cluster(
        workdir=workdir,
        etcd_port=free_port(),
        peer_port=free_port(),
        api_port=free_port(),
        token=token,
        extra_args=list(extra_args or []),
    )
    write_kubeconfig(cluster.kubeconfig, cluster.server, cluster.ca_file, token, ADMIN_USER)
    try:
        cluster.start_etcd()
        cluster.start_apiserver()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Run kube-apiserver + etcd on 127.0.0.1.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build", help="build and cache kube-apiserver and etcd")
    sub.add_parser("start", help="start etcd + kube-apiserver in the background")
    sub.add_parser("stop", help="stop what `start` started")
    node = sub.add_parser("node", help="a real node joined to the API server (k8s_node.py)")
    node.add_argument("action", choices=["build", "start", "stop"])
    args = parser.parse_args(argv)
    if args.cmd == "node":
        from scripts import k8s_node

        return k8s_node.main(args.action)
    if args.cmd == "build":
        print(build())
        return 0
    pids = STATE / "pids"
    if args.cmd == "start":
        if STATE.exists():
            shutil.rmtree(STATE)
        cluster = start(STATE)
        assert cluster.etcd is not None
        assert cluster.apiserver is not None
        pids.write_text(f"{cluster.apiserver.pid}\n{cluster.etcd.pid}\n")
        print(cluster.kubeconfig)
        return 0
    if pids.exists():
        for pid in pids.read_text().split():
            try:
                os.kill(int(pid), signal.SIGTERM)
                time.sleep(1)
            except ProcessLookupError:
                pass
        pids.unlink()
        print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
