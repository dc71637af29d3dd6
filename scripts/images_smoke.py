"""The built images run as the chart runs them, without a kubelet: each image's root
filesystem under ``runc`` in a network namespace made here, read-only, as the image's user,
with the chart's writable mounts as tmpfs; ``/healthz`` must answer. The broker runs the
chart's own rendered command, environment, configuration and secrets (``helm template``); its
port must open, and with the chart's Kafka security on its setup script must finish.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.images import (
    CACHE,
    CHART,
    buildah,
    buildah_unchecked,
    image_config,
    image_ref,
    kafka_image,
    run,
)

SMOKE_NETNS_PREFIX = "sieve-img-"


@dataclass(frozen=True)
class Smoke:
    """How one image is started for its smoke check."""

    port: int
    env: dict[str, str]
    capabilities: tuple[str, ...] = ()
    # Writable tmpfs mounts owned by the image's user (the chart's emptyDir volumes).
    tmpfs: tuple[str, ...] = ("/tmp",)  # noqa: S108 - a mount point inside the container
    files: tuple[tuple[str, str | bytes], ...] = ()
    # The command, when not the image's entrypoint (the chart's, for the broker).
    args: tuple[str, ...] = ()
    # GET this path must answer 200; None: a TCP connection to the port must open.
    http_path: str | None = "/healthz"
    # Commands run in the container once it answers (the chart's admin tools, for the broker).
    execs: tuple[tuple[str, ...], ...] = ()
    # Ready only once the output holds this line too.
    ready_log: str | None = None


SMOKES: dict[str, Smoke] = {
    "detector": Smoke(port=9090, env={}),
    "collector": Smoke(
        port=9090,
        env={"SIEVE_COLLECTOR_ALLOW_UNAUTHENTICATED": "true"},
        tmpfs=("/tmp", "/var/lib/sieve"),  # noqa: S108 - mount points inside the container
    ),
    "digger": Smoke(
        port=9090,
        env={
            "SIEVE_DIGGER_IDENTITY_SOURCE": "static",
            "SIEVE_DIGGER_IDENTITIES_FILE": "/etc/sieve/identities/identities.yaml",
            "SIEVE_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
        },
        files=(
            (
                "/etc/sieve/identities/identities.yaml",
                "pods:\n  - {ip: 10.240.0.10, namespace: shop, name: web}\n",
            ),
        ),
    ),
    "interceptor": Smoke(
        port=9695,
        env={
            "SIEVE_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
            "SIEVE_INTERCEPTOR_NODE_NAME": "smoke",
            "SIEVE_INTERCEPTOR_OPS_PORT": "9695",
        },
        capabilities=("CAP_NET_RAW", "CAP_NET_ADMIN"),
    ),
}


def _loopback_advertised(properties: str) -> str:
    """The one change to the chart's broker configuration: it advertises its Service name,
    which nothing resolves in the smoke's network namespace, so the admin tools (which
    reconnect to the advertised address) get 127.0.0.1."""
    lines = properties.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("advertised.listeners="):
            lines[i] = re.sub(r"://[^:,/]+:", "://127.0.0.1:", line)
    return "".join(lines)


def _volume_files(
    volume: dict[str, Any], objects: dict[tuple[str, str], dict[str, Any]]
) -> dict[str, bytes]:
    """The files a configMap or secret volume shows: key → content."""
    if "configMap" in volume:
        data = objects["ConfigMap", volume["configMap"]["name"]]
        return {k: v.encode() for k, v in (data.get("data") or {}).items()}
    secret = objects["Secret", volume["secret"]["secretName"]]
    out = {k: base64.b64decode(v) for k, v in (secret.get("data") or {}).items()}
    out.update({k: v.encode() for k, v in (secret.get("stringData") or {}).items()})
    return out


KAFKA_SETUP_DONE = "sieve: users and ACLs set"


def kafka_smoke(chart: Path = CHART) -> Smoke:
    """The broker as ``chart`` runs it: command, environment (secrets resolved), and the
    configMap and secret files it mounts, from ``helm template`` (needs helm). With the
    chart's Kafka security on, ready means its setup script created the users and ACLs."""
    helm = shutil.which("helm") or str(CACHE / "bin" / "helm")
    rendered = run([helm, "template", "sieve", chart, "-n", "sieve"], stdout=subprocess.PIPE).stdout
    documents = [d for d in yaml.safe_load_all(rendered) if d]
    objects = {(d["kind"], d["metadata"]["name"]): d for d in documents}
    statefulset = next(d for d in documents if d["kind"] == "StatefulSet")
    pod = statefulset["spec"]["template"]["spec"]
    container = pod["containers"][0]
    volumes = {v["name"]: v for v in pod["volumes"]}
    files: list[tuple[str, str | bytes]] = []
    tmpfs: list[str] = []
    for mount in container["volumeMounts"]:
        volume = volumes[mount["name"]]
        if "emptyDir" in volume:
            tmpfs.append(mount["mountPath"])
            continue
        for key, data in _volume_files(volume, objects).items():
            if key == "server.properties":
                data = _loopback_advertised(data.decode()).encode()  # noqa: PLW2901
            files.append((f"{mount['mountPath']}/{key}", data))
    env = {}
    for item in container["env"]:
        if "value" in item:
            env[item["name"]] = item["value"]
        else:
            ref = item["valueFrom"]["secretKeyRef"]
            secret = _volume_files({"secret": {"secretName": ref["name"]}}, objects)
            env[item["name"]] = secret[ref["key"]].decode()
    secured = any(path.endswith("/setup.sh") for path, _ in files)
    plain_tools = (
        (
            "/opt/kafka/bin/kafka-configs.sh",
            "--bootstrap-server",
            "127.0.0.1:9092",
            "--describe",
            "--entity-type",
            "brokers",
            "--entity-default",
        ),
        ("/opt/kafka/bin/kafka-acls.sh", "--bootstrap-server", "127.0.0.1:9092", "--list"),
    )
    return Smoke(
        port=9092,
        http_path=None,
        env=env,
        tmpfs=tuple(tmpfs),
        files=tuple(files),
        args=tuple(container["command"]),
        # Secured: its own setup script runs kafka-configs.sh and kafka-acls.sh (SASL on
        # loopback); plain: the tools are run here against the PLAINTEXT listener.
        execs=() if secured else plain_tools,
        ready_log=KAFKA_SETUP_DONE if secured else None,
    )


@dataclass
class SmokeResult:
    service: str
    ready: bool
    answer: str
    uid: int
    gid: int
    image_user: str
    log_lines: list[str]
    compiled: str = ""
    # Commands run inside the started container: command → (exit status, output).
    execs: dict[str, tuple[int, str]] = field(default_factory=dict)


def _user_ids(user: str) -> tuple[int, int]:
    if not user:
        return 0, 0
    uid, _, gid = user.partition(":")
    if not uid.isdigit() or (gid and not gid.isdigit()):
        raise SystemExit(f"image user {user!r} is not numeric")
    return int(uid), int(gid or uid)


def _runc_config(
    rootfs: Path,
    args: list[str],
    config: dict[str, Any],
    smoke: Smoke,
    *,
    netns: str,
    extra: Path,
) -> dict[str, Any]:
    uid, gid = _user_ids(str(config.get("User", "")))
    mounts: list[dict[str, Any]] = [
        {"destination": "/proc", "type": "proc", "source": "proc"},
        {
            "destination": "/dev",
            "type": "tmpfs",
            "source": "tmpfs",
            "options": ["nosuid", "strictatime", "mode=755", "size=65536k"],
        },
        {
            "destination": "/dev/pts",
            "type": "devpts",
            "source": "devpts",
            "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"],
        },
        {
            "destination": "/dev/shm",  # noqa: S108 - inside the container
            "type": "tmpfs",
            "source": "shm",
            "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        },
        {
            "destination": "/sys",
            "type": "sysfs",
            "source": "sysfs",
            "options": ["nosuid", "noexec", "nodev", "ro"],
        },
    ]
    for path in smoke.tmpfs:
        mounts.append(
            {
                "destination": path,
                "type": "tmpfs",
                "source": "tmpfs",
                "options": ["nosuid", "nodev", "mode=1777", f"uid={uid}", f"gid={gid}"],
            }
        )
    mounts.append(
        {
            "destination": "/etc/hosts",
            "type": "bind",
            "source": str(extra.parent / "hosts"),
            "options": ["rbind", "ro"],
        }
    )
    for path, _ in smoke.files:
        mounts.append(
            {
                "destination": str(Path(path).parent),
                "type": "bind",
                "source": str(extra / Path(path).parent.relative_to("/")),
                "options": ["rbind", "ro"],
            }
        )
    caps = list(smoke.capabilities)
    env = list(config.get("Env") or []) + [f"{k}={v}" for k, v in smoke.env.items()]
    return {
        "ociVersion": "1.0.2",
        "process": {
            "terminal": False,
            "user": {"uid": uid, "gid": gid},
            "args": args,
            "env": env,
            "cwd": config.get("WorkingDir") or "/",
            "capabilities": dict.fromkeys(("bounding", "effective", "permitted"), caps),
            "noNewPrivileges": True,
        },
        "root": {"path": str(rootfs), "readonly": True},
        "hostname": "smoke",
        "mounts": mounts,
        "linux": {
            "namespaces": [
                {"type": "pid"},
                {"type": "ipc"},
                {"type": "uts"},
                {"type": "mount"},
                {"type": "network", "path": f"/var/run/netns/{netns}"},
            ],
            "maskedPaths": ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"],
            "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys"],
        },
    }


@contextlib.contextmanager
def mounted_image(ref: str) -> Iterator[Path]:
    """The root filesystem of a working container of ``ref``, removed afterwards."""
    container = buildah("from", "--pull-never", "--quiet", ref, capture=True).strip()
    try:
        yield Path(buildah("mount", container, capture=True).strip())
    finally:
        buildah_unchecked("rm", container)


@contextlib.contextmanager
def netns(name: str) -> Iterator[str]:
    """A network namespace with loopback up, deleted afterwards."""
    subprocess.run(["ip", "netns", "del", name], check=False, capture_output=True)
    run(["ip", "netns", "add", name])
    try:
        run(["ip", "-n", name, "link", "set", "lo", "up"])
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False, capture_output=True)


def _probe(ns: str, port: int, path: str) -> int:
    """HTTP status of GET ``path`` on 127.0.0.1:``port`` inside ``ns`` (0: no answer)."""
    code = (
        "import sys, urllib.request, urllib.error\n"
        "try:\n"
        f"    r = urllib.request.urlopen('http://127.0.0.1:{port}{path}', timeout=3)\n"
        "    print(r.status)\n"
        "except urllib.error.HTTPError as e:\n"
        "    print(e.code)\n"
        "except OSError:\n"
        "    print(0)\n"
    )
    done = subprocess.run(
        ["ip", "netns", "exec", ns, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    return int(done.stdout.strip() or 0)


def _tcp_open(ns: str, port: int) -> bool:
    """Whether a TCP connection to 127.0.0.1:``port`` inside ``ns`` opens."""
    code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3).close()"
    done = subprocess.run(
        ["ip", "netns", "exec", ns, sys.executable, "-c", code],
        capture_output=True,
        check=False,
        timeout=30,
    )
    return done.returncode == 0


def _runc(*args: str, root: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["runc", "--root", str(root), *args], text=True, check=False, **kwargs)


def _stopped(name: str, runc_root: Path) -> bool:
    state = _runc("state", name, root=runc_root, capture_output=True)
    return state.returncode != 0 or '"status": "stopped"' in state.stdout


def _ids(pid: int) -> tuple[int, int]:
    """Real uid and gid of a running process."""
    ids = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("Uid", "Gid"):
            ids[key] = int(value.split()[0])
    return ids["Uid"], ids["Gid"]


def _write_files(spec: Smoke, extra: Path) -> None:
    # What the kubelet gives a pod: its own name resolves.
    (extra.parent / "hosts").write_text("127.0.0.1\tlocalhost smoke\n")
    for path, content in spec.files:
        target = extra / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
        target.parent.chmod(0o755)
        target.chmod(0o644)


def _answers(ns: str, spec: Smoke, output: Path) -> tuple[bool, str]:
    """Whether the container answers as ``spec`` expects, and what it answered."""
    if spec.http_path is not None:
        status = _probe(ns, spec.port, spec.http_path)
        return status == 200, f"GET {spec.http_path} {status}"
    ready = _tcp_open(ns, spec.port)
    answer = f"TCP {spec.port} {'open' if ready else 'closed'}"
    if ready and spec.ready_log:
        ready = spec.ready_log in output.read_text()
        answer += f", {spec.ready_log!r} {'seen' if ready else 'not yet'}"
    return ready, answer


def smoke(
    service: str, *, ref: str | None = None, spec: Smoke | None = None, timeout: float = 240.0
) -> SmokeResult:
    """Start ``service``'s image under runc in its own network namespace; wait until it
    answers (``/healthz``, or its TCP port)."""
    ref = ref or image_ref(service)
    spec = spec or SMOKES[service]
    config = image_config(ref)
    args = list(spec.args) or (list(config.get("Entrypoint") or []) + list(config.get("Cmd") or []))
    name = f"{SMOKE_NETNS_PREFIX}{service}-{os.getpid()}"
    with contextlib.ExitStack() as stack:
        rootfs = stack.enter_context(mounted_image(ref))
        ns = stack.enter_context(netns(name))
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sieve-smoke-")))
        _write_files(spec, work / "files")
        bundle = work / "bundle"
        bundle.mkdir()
        runc_config = _runc_config(rootfs, args, config, spec, netns=ns, extra=work / "files")
        (bundle / "config.json").write_text(json.dumps(runc_config))
        runc_root = work / "runc"
        output = work / "output.log"
        with output.open("w") as out:
            started = _runc(
                "run",
                "--detach",
                "--pid-file",
                str(work / "pid"),
                "--bundle",
                str(bundle),
                name,
                root=runc_root,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        stack.callback(_runc, "delete", "--force", name, root=runc_root, capture_output=True)
        if started.returncode != 0:
            raise RuntimeError(f"runc could not start {ref}: {output.read_text()[-2000:]}")
        pid = int((work / "pid").read_text())
        ready, answer = False, "no answer"
        deadline = time.monotonic() + timeout
        while not ready and time.monotonic() < deadline:
            if _stopped(name, runc_root):
                raise RuntimeError(f"{ref} exited: {output.read_text()[-3000:]}")
            time.sleep(1)
            ready, answer = _answers(ns, spec, output)
        uid, gid = _ids(pid)
        compiled = ""
        if service == "interceptor":
            check = "import interceptor.core as c; print(c.__file__)"
            compiled = _runc(
                "exec", name, "python", "-c", check, root=runc_root, capture_output=True
            ).stdout.strip()
        execs = {}
        for command in spec.execs if ready else ():
            done = _runc("exec", name, *command, root=runc_root, capture_output=True)
            execs[" ".join(command)] = (done.returncode, done.stdout + done.stderr)
        _runc("kill", name, "TERM", root=runc_root, capture_output=True)
        for _ in range(60):
            if _stopped(name, runc_root):
                break
            time.sleep(0.5)
        lines = [line for line in output.read_text().splitlines() if line.strip()]
    return SmokeResult(
        service=service,
        ready=ready,
        answer=answer,
        uid=uid,
        gid=gid,
        image_user=str(config.get("User", "")),
        log_lines=lines,
        compiled=compiled,
        execs=execs,
    )


def smoke_all(services: Sequence[str], chart: Path = CHART) -> int:
    """Smoke-run ``services`` (and ``kafka``), print what each did; 1 when one failed."""
    failed = 0
    for service in services:
        if service == "kafka":
            result = smoke(service, ref=kafka_image(), spec=kafka_smoke(chart))
        else:
            result = smoke(service)
        failed += not result.ready
        print(
            f"{service}: {result.answer}, uid {result.uid} gid {result.gid} "
            f"(image user {result.image_user or 'root'}), {len(result.log_lines)} log lines"
            + (f", core module {result.compiled}" if result.compiled else "")
        )
    return 1 if failed else 0
