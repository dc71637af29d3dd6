"""A real Kubernetes node on this machine, joined to the ``scripts/k8s_dev.py`` API server.

Every binary is built from the Go module proxy and cached under ``$SIEVE_CACHE/node``:
containerd (with its CRI plugin) and its runc shim, runc (cgo, libseccomp), the CNI plugins,
CoreDNS, and from ``k8s.io/kubernetes`` (wrapper module ``scripts/k8s/node``, same version
as the API server, so the Go build cache is shared) the kubelet, kube-scheduler,
kube-controller-manager, kube-proxy and kubectl.

The node runs in this machine's network namespace, as a cloud VM's node does. Its address
(``NODE_IP``: the kubelet's InternalIP, the API server's advertised address behind the
``kubernetes`` Service, and CoreDNS) sits on ``lo``, labelled ``lo:sieve-node`` (this kernel
has no dummy-link module). Pods get
addresses from ``POD_CIDR`` through the ``ptp`` CNI plugin: one veth per pod and a /32 route
to it, the layout the interceptor captures. Everything the node writes lives under
``/var/lib/sieve-node`` and ``/run/sieve-node``; ``stop`` removes pods, mounts, cgroups,
the address and kube-proxy's iptables chains.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scripts import k8s_dev, node_images

CONTAINERD_VERSION = "v2.4.2"
RUNC_VERSION = "v1.5.3"
CNI_VERSION = "v1.10.0"
COREDNS_VERSION = "v1.15.0"
NODE_CACHE = k8s_dev.CACHE / "node"
CONTAINERD_BIN = NODE_CACHE / f"containerd-{CONTAINERD_VERSION}"
RUNC_BIN = NODE_CACHE / f"runc-{RUNC_VERSION}"
CNI_BIN = NODE_CACHE / f"cni-{CNI_VERSION}"
COREDNS_BIN = NODE_CACHE / f"coredns-{COREDNS_VERSION}"
K8S_BIN = NODE_CACHE / f"k8s-{k8s_dev.K8S_VERSION}"
BUILD_COMMAND = "python -m scripts.k8s_dev node build"
GO_LOCK = os.environ.get("SIEVE_GO_BUILD_LOCK", "")

NODE_NAME = "sieve-node"
NODE_IP = "10.240.1.1"
NODE_LINK = "lo:sieve-node"  # label of NODE_IP on lo
POD_CIDR = "10.240.0.0/24"
CLUSTER_DOMAIN = "cluster.local"
SANDBOX_IMAGE = os.environ.get("SIEVE_NODE_SANDBOX_IMAGE", "127.0.0.1:35000/pause:3.10")
REGISTRY = "127.0.0.1:35000"
VAR = Path("/var/lib/sieve-node")
RUN = Path("/run/sieve-node")
CONTAINERD_SOCKET = RUN / "containerd" / "containerd.sock"
CGROUP_ROOT = "/sieve-node"
CGROUP_FS = Path("/sys/fs/cgroup")


@dataclass(frozen=True)
class GoBuild:
    """One cached directory of binaries built by one ``go`` command."""

    directory: Path
    binaries: tuple[str, ...]
    packages: tuple[str, ...]
    tags: str = ""
    ldflags: str = "-s -w"
    cgo: bool = False
    module_dir: Path | None = None  # None: ``go install pkg@version`` outside any module

    def missing(self) -> list[Path]:
        """The binaries of this build not in the cache yet."""
        paths = [self.directory / name for name in self.binaries]
        return [path for path in paths if not os.access(path, os.X_OK)]


def _k8s_packages() -> tuple[str, ...]:
    names = ("kubelet", "kube-scheduler", "kube-controller-manager", "kube-proxy", "kubectl")
    return tuple(f"k8s.io/kubernetes/cmd/{name}" for name in names)


CNI_PLUGINS = ("main/ptp", "main/bridge", "ipam/host-local", "main/loopback", "meta/portmap")
BUILDS = (
    GoBuild(
        CNI_BIN,
        tuple(p.split("/")[1] for p in CNI_PLUGINS),
        tuple(
            f"github.com/containernetworking/plugins/plugins/{p}@{CNI_VERSION}" for p in CNI_PLUGINS
        ),
    ),
    GoBuild(
        RUNC_BIN,
        ("runc",),
        (f"github.com/opencontainers/runc@{RUNC_VERSION}",),
        tags="seccomp urfave_cli_no_docs",
        ldflags=f"-s -w -X main.version={RUNC_VERSION.lstrip('v')}",
        cgo=True,
    ),
    GoBuild(
        CONTAINERD_BIN,
        ("containerd", "containerd-shim-runc-v2", "ctr"),
        tuple(
            f"github.com/containerd/containerd/v2/cmd/{name}@{CONTAINERD_VERSION}"
            for name in ("containerd", "containerd-shim-runc-v2", "ctr")
        ),
        tags="no_btrfs no_devmapper no_zfs",
        ldflags="-s -w -X github.com/containerd/containerd/v2/version.Version="
        + CONTAINERD_VERSION,
    ),
    GoBuild(COREDNS_BIN, ("coredns",), (f"github.com/coredns/coredns@{COREDNS_VERSION}",)),
    GoBuild(
        K8S_BIN,
        tuple(p.rsplit("/", 1)[1] for p in _k8s_packages()),
        _k8s_packages(),
        ldflags=k8s_dev.version_ldflags(),
        module_dir=k8s_dev.MODULES / "node",
    ),
)


def missing_binaries() -> list[Path]:
    """Every node binary not built yet."""
    return [path for build in BUILDS for path in build.missing()]


def build(jobs: int = 2) -> None:
    """Build every missing binary into the cache, printing each cold build's time."""
    for target in BUILDS:
        if not target.missing():
            continue
        partial = target.directory.with_name(target.directory.name + ".partial")
        partial.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "CGO_ENABLED": "1" if target.cgo else "0",
            "GOFLAGS": "-mod=mod -buildvcs=false" if target.module_dir else "-buildvcs=false",
        }
        command = [k8s_dev.go_binary(), "install" if target.module_dir is None else "build"]
        command += ["-p", str(jobs), "-trimpath", "-ldflags", target.ldflags]
        if target.tags:
            command += ["-tags", target.tags]
        if target.module_dir is None:
            env["GOBIN"] = str(partial)
        else:
            command += ["-o", f"{partial}/"]
        command = ["nice", "-n", "10", *command, *target.packages]
        if GO_LOCK:  # shared machines: one big Go build at a time
            command = ["flock", GO_LOCK, *command]
        started = time.monotonic()
        subprocess.run(command, cwd=target.module_dir or NODE_CACHE, env=env, check=True)
        names = ", ".join(target.binaries)
        print(f"built {names} in {time.monotonic() - started:.0f}s", file=sys.stderr)
        if target.directory.exists():
            shutil.rmtree(target.directory)
        partial.rename(target.directory)


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def client_certificate(pki: Path, name: str, common_name: str, organization: str) -> None:
    """``name``.crt/.key: a client certificate signed by the dev cluster's CA."""
    if (pki / f"{name}.crt").exists():
        return
    (pki / f"{name}.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=clientAuth\n"
    )
    subject = f"/O={organization}/CN={common_name}"
    _openssl(
        *("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key"),
        *("-out", f"{name}.csr", "-subj", subject),
        cwd=pki,
    )
    _openssl(
        *("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key"),
        *("-CAcreateserial", "-days", "3650", "-extfile", f"{name}.ext", "-out", f"{name}.crt"),
        cwd=pki,
    )


def prepare_pki(workdir: Path) -> None:
    """The dev cluster's PKI plus the kubelet's and the API server's kubelet-client certs."""
    pki = workdir / "pki"
    k8s_dev.make_pki(pki)
    client_certificate(pki, "kubelet", f"system:node:{NODE_NAME}", "system:nodes")
    client_certificate(
        pki, "apiserver-kubelet-client", "kube-apiserver-kubelet-client", "system:masters"
    )


def apiserver_args(workdir: Path) -> list[str]:
    """Flags that let the API server authenticate the kubelet and reach it (logs, exec)."""
    pki = workdir / "pki"
    return [
        # Pods reach the API server through the kubernetes Service (DNAT to NODE_IP).
        "--bind-address=0.0.0.0",
        f"--advertise-address={NODE_IP}",
        f"--client-ca-file={pki / 'ca.crt'}",
        "--authorization-mode=Node",  # appended to the dev cluster's RBAC
        "--enable-admission-plugins=NodeRestriction",
        f"--kubelet-client-certificate={pki / 'apiserver-kubelet-client.crt'}",
        f"--kubelet-client-key={pki / 'apiserver-kubelet-client.key'}",
        "--kubelet-preferred-address-types=InternalIP",
    ]


def start_cluster(workdir: Path) -> k8s_dev.Cluster:
    """The dev API server configured for a node (PKI made first, node flags added)."""
    workdir.mkdir(parents=True, exist_ok=True)
    prepare_pki(workdir)
    return k8s_dev.start(workdir, extra_args=apiserver_args(workdir))


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), check=check, capture_output=True, text=True)


def _kubeconfig_with_cert(path: Path, server: str, pki: Path, name: str) -> Path:
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": "sieve-dev",
                "cluster": {"server": server, "certificate-authority": str(pki / "ca.crt")},
            }
        ],
        "users": [
            {
                "name": name,
                "user": {
                    "client-certificate": str(pki / f"{name}.crt"),
                    "client-key": str(pki / f"{name}.key"),
                },
            }
        ],
        "contexts": [{"name": name, "context": {"cluster": "sieve-dev", "user": name}}],
        "current-context": name,
    }
    path.write_text(json.dumps(config, indent=2))
    path.chmod(0o600)
    return path


def containerd_config() -> str:
    """containerd's config (version 3): CRI with runc under cgroupfs, the local registry."""
    cri = "plugins.'io.containerd.cri.v1.runtime'"
    images = "plugins.'io.containerd.cri.v1.images'"
    return f"""version = 3
root = '{VAR / "containerd"}'
state = '{RUN / "containerd"}'

[grpc]
  address = '{CONTAINERD_SOCKET}'

[ttrpc]
  address = '{RUN / "containerd" / "containerd.sock.ttrpc"}'

[plugins.'io.containerd.grpc.v1.cri']
  disable_tcp_service = true
  stream_server_address = '127.0.0.1'

[{cri}]
  # Pod network namespaces under the state dir, so `stop` finds every one of them.
  netns_mounts_under_state_dir = true
  # This sandbox withholds CAP_SYS_RESOURCE: an oom_score_adj below containerd's own is
  # refused, so clamp (the pause container asks for -998, Guaranteed pods for -997).
  restrict_oom_score_adj = true

[{cri}.containerd]
  default_runtime_name = 'runc'

[{cri}.containerd.runtimes.runc]
  runtime_type = 'io.containerd.runc.v2'

[{cri}.containerd.runtimes.runc.options]
  BinaryName = '{RUNC_BIN / "runc"}'
  SystemdCgroup = false

[{cri}.cni]
  bin_dirs = ['{CNI_BIN}']
  conf_dir = '{VAR / "cni" / "net.d"}'

[{images}]
  snapshotter = 'overlayfs'

[{images}.pinned_images]
  sandbox = '{SANDBOX_IMAGE}'

[{images}.registry]
  config_path = '{VAR / "containerd" / "certs.d"}'
"""


def cni_config() -> str:
    """A routed network: one veth per pod, host-local addresses, a /32 route to each pod."""
    return json.dumps(
        {
            "cniVersion": "1.0.0",
            "name": "sieve-node",
            "plugins": [
                {
                    "type": "ptp",
                    "ipMasq": False,
                    "mtu": 1500,
                    "ipam": {
                        "type": "host-local",
                        "ranges": [[{"subnet": POD_CIDR}]],
                        "routes": [{"dst": "0.0.0.0/0"}],
                        "dataDir": str(VAR / "cni" / "ipam"),
                    },
                }
            ],
        },
        indent=2,
    )


def kubelet_config(pki: Path) -> dict[str, object]:
    """KubeletConfiguration for this machine (cgroup v1 via cgroupfs, no swap accounting)."""
    return {
        "apiVersion": "kubelet.config.k8s.io/v1beta1",
        "kind": "KubeletConfiguration",
        "address": NODE_IP,
        "port": 10250,
        "readOnlyPort": 0,
        "healthzBindAddress": "127.0.0.1",
        "healthzPort": 10248,
        "authentication": {
            "anonymous": {"enabled": False},
            "webhook": {"enabled": False},
            "x509": {"clientCAFile": str(pki / "ca.crt")},
        },
        # Only holders of a certificate from the dev CA reach the kubelet (the API server).
        "authorization": {"mode": "AlwaysAllow"},
        "cgroupDriver": "cgroupfs",
        "cgroupRoot": CGROUP_ROOT,
        # Kubernetes 1.35+ refuses cgroup v1 hosts unless told otherwise; this machine is v1.
        "failCgroupV1": False,
        "failSwapOn": False,
        "containerRuntimeEndpoint": f"unix://{CONTAINERD_SOCKET}",
        "clusterDNS": [NODE_IP],
        "clusterDomain": CLUSTER_DOMAIN,
        "resolvConf": "/etc/resolv.conf",
        "registerNode": True,
        "serializeImagePulls": False,
        "imageGCHighThresholdPercent": 95,
        "imageGCLowThresholdPercent": 90,
        "evictionHard": {
            "memory.available": "100Mi",
            "nodefs.available": "2%",
            "imagefs.available": "2%",
        },
        "protectKernelDefaults": False,
        "makeIPTablesUtilChains": False,
        "localStorageCapacityIsolation": True,
        "maxPods": 60,
        "shutdownGracePeriod": "0s",
    }


def corefile(kubeconfig: Path) -> str:
    """CoreDNS: the cluster's Service and pod names from the API server; nothing else."""
    return f""".:53 {{
    bind {NODE_IP}
    errors
    health 127.0.0.1:18080
    ready 127.0.0.1:18181
    kubernetes {CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {{
        kubeconfig {kubeconfig}
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }}
    cache 5
}}
"""


@dataclass
class Node:
    """The node's processes (control-plane helpers included) and its files."""

    cluster: k8s_dev.Cluster
    workdir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)  # imported from local builds at start

    @property
    def kubectl(self) -> Path:
        """The kubectl binary built with the node."""
        return K8S_BIN / "kubectl"

    def kubectl_run(
        self, *args: str, check: bool = True, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """Run kubectl against the cluster as its admin."""
        return subprocess.run(
            [str(self.kubectl), f"--kubeconfig={self.cluster.kubeconfig}", *args],
            check=check,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def _spawn(self, name: str, args: list[str], env: dict[str, str] | None = None) -> None:
        log = self.workdir / f"{name}.log"
        with log.open("ab") as out:
            self.processes[name] = subprocess.Popen(
                args,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, **(env or {})},
            )

    def _wait(self, name: str, check: object, timeout: float) -> None:
        assert callable(check)
        k8s_dev._wait(
            check, self.processes[name], timeout, f"{name} not ready; see {self.workdir / name}.log"
        )

    def start(self) -> None:
        """Start everything the node needs; return once the Node is Ready."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        pki = self.cluster.workdir / "pki"
        admin = self.cluster.kubeconfig
        self._start_control_plane(pki, admin)
        self._start_network()
        self._start_containerd()
        self.images = load_local_images(self.workdir)
        self._start_kubelet(pki)
        self._spawn(
            "kube-proxy",
            [
                str(K8S_BIN / "kube-proxy"),
                f"--kubeconfig={admin}",
                "--proxy-mode=iptables",
                f"--hostname-override={NODE_NAME}",
                f"--cluster-cidr={POD_CIDR}",
                "--metrics-bind-address=127.0.0.1:10249",
                "--healthz-bind-address=127.0.0.1:10256",
                # Leave the machine's conntrack table size alone.
                "--conntrack-max-per-core=0",
            ],
        )
        (self.workdir / "Corefile").write_text(corefile(admin))
        self._spawn(
            "coredns", [str(COREDNS_BIN / "coredns"), "-conf", str(self.workdir / "Corefile")]
        )
        self._wait("coredns", lambda: _http_ok("http://127.0.0.1:18181/ready"), 60)
        self._wait("kube-proxy", lambda: _http_ok("http://127.0.0.1:10256/healthz"), 60)

    def _start_control_plane(self, pki: Path, admin: Path) -> None:
        common = [f"--kubeconfig={admin}", "--leader-elect=false", "--v=1"]
        self._spawn(
            "kube-controller-manager",
            [
                str(K8S_BIN / "kube-controller-manager"),
                *common,
                f"--authentication-kubeconfig={admin}",
                f"--authorization-kubeconfig={admin}",
                "--bind-address=127.0.0.1",
                "--secure-port=10257",
                f"--service-account-private-key-file={pki / 'sa.key'}",
                f"--root-ca-file={pki / 'ca.crt'}",
                "--use-service-account-credentials=true",
                f"--service-cluster-ip-range={k8s_dev.SERVICE_CIDR}",
                "--allocate-node-cidrs=false",
                f"--cert-dir={self.workdir / 'controller-manager-certs'}",
            ],
        )
        self._spawn(
            "kube-scheduler",
            [
                str(K8S_BIN / "kube-scheduler"),
                *common,
                f"--authentication-kubeconfig={admin}",
                f"--authorization-kubeconfig={admin}",
                "--bind-address=127.0.0.1",
                "--secure-port=10259",
                f"--cert-dir={self.workdir / 'scheduler-certs'}",
            ],
        )

    def _start_network(self) -> None:
        # No dummy link module here: the node's address sits on lo, labelled as the node's.
        _run("ip", "addr", "del", f"{NODE_IP}/32", "dev", "lo", check=False)
        _run("ip", "addr", "add", f"{NODE_IP}/32", "dev", "lo", "label", NODE_LINK)
        Path("/proc/sys/net/ipv4/ip_forward").write_text("1\n")
        net_d = VAR / "cni" / "net.d"
        net_d.mkdir(parents=True, exist_ok=True)
        (net_d / "10-sieve-node.conflist").write_text(cni_config())

    def _start_containerd(self) -> None:
        hosts = VAR / "containerd" / "certs.d" / REGISTRY
        hosts.mkdir(parents=True, exist_ok=True)
        # The local registry speaks plain HTTP on loopback.
        (hosts / "hosts.toml").write_text(
            f"server = 'http://{REGISTRY}'\n\n[host.'http://{REGISTRY}']\n"
            "  capabilities = ['pull', 'resolve']\n"
        )
        config = self.workdir / "containerd.toml"
        config.write_text(containerd_config())
        RUN.mkdir(parents=True, exist_ok=True)
        path = f"{CONTAINERD_BIN}:{RUNC_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"
        self._spawn(
            "containerd",
            [str(CONTAINERD_BIN / "containerd"), "--config", str(config)],
            {"PATH": path},
        )
        self._wait(
            "containerd",
            lambda: CONTAINERD_SOCKET.exists() and self.ctr("version").returncode == 0,
            60,
        )

    def ctr(self, *args: str) -> subprocess.CompletedProcess[str]:
        """containerd's own client on the node's socket, in the CRI namespace."""
        return ctr(*args)

    def _start_kubelet(self, pki: Path) -> None:
        _make_cgroup_root()
        kubeconfig = _kubeconfig_with_cert(
            self.workdir / "kubelet.kubeconfig", self.cluster.server, pki, "kubelet"
        )
        config = self.workdir / "kubelet-config.json"
        config.write_text(json.dumps(kubelet_config(pki), indent=2))
        (VAR / "kubelet").mkdir(parents=True, exist_ok=True)
        self._spawn(
            "kubelet",
            [
                str(K8S_BIN / "kubelet"),
                f"--config={config}",
                f"--kubeconfig={kubeconfig}",
                f"--root-dir={VAR / 'kubelet'}",
                f"--cert-dir={self.workdir / 'kubelet-certs'}",
                f"--hostname-override={NODE_NAME}",
                f"--node-ip={NODE_IP}",
                "--v=1",
            ],
        )
        self._wait("kubelet", self.ready, 180)

    def ready(self) -> bool:
        """True once the Node reports Ready."""
        done = self.kubectl_run(
            "get",
            "node",
            NODE_NAME,
            "-o",
            "jsonpath={.status.conditions[?(@.type=='Ready')].status}",
            check=False,
            timeout=20,
        )
        return done.returncode == 0 and done.stdout.strip() == "True"

    def pids(self) -> dict[str, int]:
        """The process id of each running piece (for ``scripts/k8s-dev node stop``)."""
        return {name: process.pid for name, process in self.processes.items()}

    def stop(self, timeout: float = 90.0) -> None:
        """Remove every pod from the node, stop every process, undo every change."""
        stop_node(self.cluster.kubeconfig, self.pids(), timeout)
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
            process.wait(10)
        self.processes.clear()


def ctr(*args: str) -> subprocess.CompletedProcess[str]:
    """containerd's own client on the node's socket, in the CRI namespace."""
    command = [str(CONTAINERD_BIN / "ctr"), "--address", str(CONTAINERD_SOCKET), "-n", "k8s.io"]
    return _run(*command, *args, check=False)


def terminate(pid: int, timeout: float = 20.0) -> None:
    """SIGTERM ``pid``, SIGKILL it when it is still there after ``timeout``."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not Path(f"/proc/{pid}").exists() or _zombie(pid):
                return
            time.sleep(0.2)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def stop_node(kubeconfig: Path, pids: dict[str, int], timeout: float = 90.0) -> None:
    """Delete the node's pods through its kubelet, then stop ``pids`` and clean up."""
    if "kube-controller-manager" in pids:  # nothing recreates the pods deleted next
        terminate(pids["kube-controller-manager"])
    kubelet = pids.get("kubelet")
    if kubelet is not None and Path(f"/proc/{kubelet}").exists():
        subprocess.run(
            [
                str(K8S_BIN / "kubectl"),
                f"--kubeconfig={kubeconfig}",
                "delete",
                "pods",
                "--all-namespaces",
                f"--field-selector=spec.nodeName={NODE_NAME}",
                "--grace-period=1",
                "--wait=false",
            ],
            capture_output=True,
            check=False,
            timeout=60,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            listed = ctr("tasks", "ls", "-q")  # no process left of any pod
            if listed.returncode != 0 or not listed.stdout.strip():
                break
            time.sleep(1)
    for name in ("kubelet", "kube-proxy", "coredns", "kube-scheduler", "containerd"):
        if name in pids:
            terminate(pids[name])
    cleanup()


def _http_ok(url: str) -> bool:
    import urllib.request

    with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310 (loopback)
        return bool(response.status == 200)


def _our_mounts() -> Iterator[str]:
    """Mount points under the node's directories, deepest first."""
    roots = (str(VAR), str(RUN))
    points = [line.split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()]
    for point in sorted(points, key=len, reverse=True):
        if point.startswith(roots):
            yield point


def _shim_pids() -> list[int]:
    """containerd shims (and their children are killed with them) of this node's containerd."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (
            cmdline
            and cmdline[0].endswith(b"containerd-shim-runc-v2")
            and str(CONTAINERD_SOCKET).encode() in b" ".join(cmdline)
        ):
            pids.append(int(entry.name))
    return pids


def cleanup() -> None:
    """Undo what a stopped node left: shims, mounts, cgroups, the address, iptables chains."""
    for pid in _shim_pids():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(os.getpgid(pid), 9)
    time.sleep(0.5)
    for point in _our_mounts():
        _run("umount", "-l", point, check=False)
    kube_proxy = K8S_BIN / "kube-proxy"
    if kube_proxy.exists():
        _run(str(kube_proxy), "--cleanup", check=False)
    for iptables in ("iptables", "ip6tables"):  # the kubelet's localnet guard
        for chain in ("INPUT", "OUTPUT"):
            while _run(iptables, "-D", chain, "-j", "KUBE-FIREWALL", check=False).returncode == 0:
                pass
        _run(iptables, "-F", "KUBE-FIREWALL", check=False)
        _run(iptables, "-X", "KUBE-FIREWALL", check=False)
    _run("ip", "addr", "del", f"{NODE_IP}/32", "dev", "lo", check=False)
    _remove_cgroups()
    shutil.rmtree(RUN, ignore_errors=True)
    shutil.rmtree(VAR / "kubelet", ignore_errors=True)
    shutil.rmtree(VAR / "cni", ignore_errors=True)


def _make_cgroup_root() -> None:
    """CGROUP_ROOT in every v1 hierarchy (the kubelet requires it to exist)."""
    for controller in CGROUP_FS.iterdir():
        if controller.name == "unified" or not (controller / "cgroup.procs").exists():
            continue
        top = controller / CGROUP_ROOT.lstrip("/")
        top.mkdir(exist_ok=True)
        for name in ("cpuset.cpus", "cpuset.mems"):  # v1 cpuset starts empty, not inherited
            if (top / name).exists() and not (top / name).read_text().strip():
                (top / name).write_text((controller / name).read_text())


def _remove_cgroups() -> None:
    if not CGROUP_FS.is_dir():
        return
    for controller in CGROUP_FS.iterdir():
        top = controller / CGROUP_ROOT.lstrip("/")
        if not top.is_dir():
            continue
        for path in sorted(
            (p for p in top.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True
        ):
            with contextlib.suppress(OSError):
                path.rmdir()
        with contextlib.suppress(OSError):
            top.rmdir()


def main(action: str) -> int:
    """``scripts/k8s-dev node build|start|stop``."""
    if action == "build":
        build()
        print(NODE_CACHE)
        return 0
    node_pids = k8s_dev.STATE / "node-pids.json"
    if action == "start":
        missing = missing_binaries() + k8s_dev.missing_binaries()
        if missing:
            print(f"{missing[0]} not built: run `{BUILD_COMMAND}` and `{k8s_dev.BUILD_COMMAND}`")
            return 1
        if os.geteuid() != 0:
            print("a node needs root (network links, mounts, cgroups)")
            return 1
        if node_pids.exists():
            main("stop")
        if k8s_dev.STATE.exists():
            shutil.rmtree(k8s_dev.STATE)
        cleanup()  # what a crashed run left
        cluster = start_cluster(k8s_dev.STATE)
        assert cluster.etcd is not None
        assert cluster.apiserver is not None
        (k8s_dev.STATE / "pids").write_text(f"{cluster.apiserver.pid}\n{cluster.etcd.pid}\n")
        node = Node(cluster, k8s_dev.STATE / "node")
        try:
            node.start()
        finally:
            node_pids.write_text(json.dumps(node.pids()))
        print(f"node {NODE_NAME} Ready; logs in {node.workdir}")
        print(f"kubectl: {node.kubectl} --kubeconfig {cluster.kubeconfig}")
        return 0
    if node_pids.exists():
        stop_node(k8s_dev.STATE / "kubeconfig", json.loads(node_pids.read_text()))
        node_pids.unlink()
    else:
        cleanup()
    return k8s_dev.main(["stop"])


def import_image(archive: Path) -> None:
    """Load an OCI archive into the node's containerd (the CRI namespace)."""
    done = ctr("images", "import", "--all-platforms", str(archive))
    if done.returncode != 0:
        raise RuntimeError(f"ctr import {archive}: {done.stderr.strip()}")


def load_local_images(workdir: Path) -> list[str]:
    """Import the node's own small images (node_images.local_images) into containerd."""
    imported = []
    for reference, archive in node_images.local_images(workdir, SANDBOX_IMAGE):
        import_image(archive)
        imported.append(reference)
    return imported


def leftovers() -> list[str]:
    """What a node left on this machine (empty after a clean ``stop``)."""
    found = [f"mount {point}" for point in _our_mounts()]
    found += [f"shim {pid}" for pid in _shim_pids()]
    routes = _run("ip", "-o", "route", "show", "to", "match", POD_CIDR, check=False).stdout
    found += [f"route {line}" for line in routes.splitlines() if "veth" in line]
    if NODE_IP in _run("ip", "-o", "addr", "show", "dev", "lo", check=False).stdout:
        found.append(f"address {NODE_IP} on lo")
    for iptables in ("iptables", "ip6tables"):
        rules = _run(f"{iptables}-save", check=False).stdout
        found += [f"{iptables} {line}" for line in rules.splitlines() if "KUBE-" in line]
    if CGROUP_FS.is_dir():
        found += [
            f"cgroup {controller / CGROUP_ROOT.lstrip('/')}"
            for controller in CGROUP_FS.iterdir()
            if (controller / CGROUP_ROOT.lstrip("/")).exists()
        ]
    return found
