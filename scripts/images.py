"""The service images built for real, on this machine, with no Docker engine.

* ``tools``: buildah and the OCI distribution registry, built with the Go toolchain from the
  wrapper modules in ``scripts/images_go/`` (Debian bookworm's buildah 1.28 cannot parse the
  Dockerfiles' ``RUN <<EOF`` heredocs) and cached under ``$SIEVE_CACHE/images/bin``.
* ``base``: a Debian bookworm root filesystem made by ``mmdebstrap`` with what the pinned
  ``python:3.11.14-slim-bookworm`` gives the Dockerfiles (``python`` 3.11 on PATH, venv and
  pip, the C headers mypyc compiles against, CA certificates, useradd), imported into
  buildah's storage as :data:`BASE_IMAGE`.
* ``build``: the four ``Dockerfile.<service>`` unchanged, ``--build-arg BASE_IMAGE=`` the local
  base (their default stays the public pin), chroot isolation, overlay storage.
* ``pause``: a static pause binary (``scripts/images_pause/pause.c``) in a scratch image.
* ``kafka``: a broker image for the chart's StatefulSet (``scripts/images_kafka``): Kafka's
  jars and kafka-tools from Maven, Debian's JRE, the ``/opt/kafka/bin`` scripts the chart calls.
* ``registry start|stop``: ``registry`` on 127.0.0.1:35000, storage under
  ``$SIEVE_CACHE/registry``; ``push``: the images there, plain HTTP (loopback only).
* ``smoke``: each image's root filesystem run by ``runc`` in a network namespace made here,
  as the image's user, with a read-only root like the chart; ``/healthz`` must answer (the
  broker: the chart's rendered command and configuration, its port must open).
* ``sizes``: each image's size against ``scripts/images_sizes.json`` (fails past +10%).

Usage: ``scripts/images tools|base|build [--source DIR]|pause|kafka|registry start|stop|push|
smoke|sizes [--record-sizes]|all`` (services as further arguments; default all four).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.kafka_dev import KAFKA_VERSION

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve"))
IMAGES = CACHE / "images"
BIN = IMAGES / "bin"
BUILDAH_VERSION = "v1.41.5"
REGISTRY_VERSION = "v3.1.2"
BUILDAH = BIN / f"buildah-{BUILDAH_VERSION}"
REGISTRY_BIN = BIN / f"registry-{REGISTRY_VERSION}"
GO_MODULES = ROOT / "scripts" / "images_go"
STORAGE = IMAGES / "storage"
# buildah's run state, one per storage (two storages must not share it).
RUNROOT = Path("/run") / f"sieve-images-{hashlib.sha256(bytes(STORAGE)).hexdigest()[:8]}"
STORAGE_DRIVER = "overlay"
SERVICES = ("interceptor", "digger", "detector", "collector")
REGISTRY_HOST = "127.0.0.1"
REGISTRY_PORT = 35000
REGISTRY = f"{REGISTRY_HOST}:{REGISTRY_PORT}"
REGISTRY_DIR = CACHE / "registry"
PAUSE_VERSION = "3.10"
PAUSE_IMAGE = f"{REGISTRY}/pause:{PAUSE_VERSION}"
PAUSE_SOURCE = ROOT / "scripts" / "images_pause" / "pause.c"
KAFKA_CONTEXT = ROOT / "scripts" / "images_kafka"
SIZES_FILE = ROOT / "scripts" / "images_sizes.json"
SIZE_TOLERANCE = 1.10
PUSHED_FILE = IMAGES / "pushed.json"
TIMES_FILE = IMAGES / "build-times.json"
SMOKE_NETNS_PREFIX = "sieve-img-"

# The base: Debian's python3.11 where the slim image has its own build of 3.11. The headers
# come out of libpython3.11-dev unpacked (not installed): installing it drags libc6-dev and
# friends into every final image, while the slim image ships the headers alone.
DEBIAN_SUITE = "bookworm"
DEBIAN_MIRRORS = (
    "deb http://deb.debian.org/debian bookworm main",
    "deb http://deb.debian.org/debian bookworm-updates main",
    "deb http://deb.debian.org/debian-security bookworm-security main",
)
BASE_PACKAGES = (
    "python3.11",
    "python3.11-venv",
    "python3-pip",
    "python-is-python3",
    "ca-certificates",
    "netbase",
    "tzdata",
)
HEADERS_HOOK = (
    'chroot "$1" sh -ec "cd /tmp && apt-get download -q libpython3.11-dev'
    " && dpkg-deb -x libpython3.11-dev_*.deb /tmp/dev"
    " && cp -a /tmp/dev/usr/include/. /usr/include/"
    ' && rm -rf /tmp/dev /tmp/libpython3.11-dev_*.deb"'
)
MMDEBSTRAP_OPTIONS = (
    "--variant=minbase",
    "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
    '--aptopt=APT::Install-Recommends "false"',
    "--dpkgopt=path-exclude=/usr/share/doc/*",
    "--dpkgopt=path-include=/usr/share/doc/*/copyright",
    "--dpkgopt=path-exclude=/usr/share/man/*",
    "--dpkgopt=path-exclude=/usr/share/locale/*",
    f"--include={','.join(BASE_PACKAGES)}",
    f"--customize-hook={HEADERS_HOOK}",
)
BASE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
}


def base_key() -> str:
    """Names the base by everything that makes it, so a change builds a new one."""
    recipe = json.dumps([DEBIAN_SUITE, DEBIAN_MIRRORS, MMDEBSTRAP_OPTIONS, BASE_ENV])
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


BASE_IMAGE = f"localhost/sieve/base-python:3.11-bookworm-{base_key()}"


def app_version() -> str:
    """The chart's appVersion: the images' tag."""
    match = re.search(
        r'^appVersion:\s*"?([^"\s]+)"?', (ROOT / "charts/sieve/Chart.yaml").read_text(), re.M
    )
    if not match:
        raise SystemExit("charts/sieve/Chart.yaml has no appVersion")
    return match.group(1)


def image_ref(service: str) -> str:
    """Where the image of ``service`` is tagged and pushed."""
    return f"{REGISTRY}/sieve/{service}:{app_version()}"


def log(message: str) -> None:
    print(f"images: {message}", file=sys.stderr, flush=True)


def run(cmd: Sequence[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` (checked); its output is returned when captured."""
    return subprocess.run([str(c) for c in cmd], check=True, text=True, **kwargs)


def buildah(*args: str | Path, capture: bool = False) -> str:
    """Run the built buildah on this module's storage; its stdout when ``capture``."""
    cmd = [
        BUILDAH,
        "--root",
        STORAGE,
        "--runroot",
        RUNROOT,
        "--storage-driver",
        STORAGE_DRIVER,
        *args,
    ]
    if capture:
        return run(cmd, stdout=subprocess.PIPE).stdout
    run(cmd)
    return ""


def buildah_unchecked(*args: str | Path) -> int:
    """Run buildah on this module's storage, output discarded; its exit status."""
    cmd = [BUILDAH, "--root", STORAGE, "--runroot", RUNROOT, "--storage-driver", STORAGE_DRIVER]
    return subprocess.run(
        [str(c) for c in (*cmd, *args)], capture_output=True, check=False
    ).returncode


def image_exists(ref: str) -> bool:
    return buildah_unchecked("inspect", "--type", "image", ref) == 0


def image_config(ref: str) -> dict[str, Any]:
    """The OCI image config of ``ref`` (User, Env, Entrypoint, Cmd, WorkingDir)."""
    info = json.loads(buildah("inspect", "--type", "image", ref, capture=True))
    config: dict[str, Any] = info["OCIv1"].get("config") or {}
    return config


def record_time(name: str, seconds: float) -> None:
    times = json.loads(TIMES_FILE.read_text()) if TIMES_FILE.exists() else {}
    times[name] = round(seconds, 1)
    TIMES_FILE.write_text(json.dumps(times, indent=2, sort_keys=True) + "\n")


# ---- tools ---------------------------------------------------------------------------


def build_tools() -> None:
    """buildah and registry from their wrapper modules (once; cached)."""
    BIN.mkdir(parents=True, exist_ok=True)
    wanted = (
        (
            BUILDAH,
            "buildah",
            "github.com/containers/buildah/cmd/buildah",
            "containers_image_openpgp exclude_graphdriver_btrfs "
            "exclude_graphdriver_devicemapper seccomp",
        ),
        (REGISTRY_BIN, "registry", "github.com/distribution/distribution/v3/cmd/registry", ""),
    )
    for target, module, package, tags in wanted:
        if os.access(target, os.X_OK):
            continue
        log(f"building {target.name} (cached afterwards)")
        t0 = time.monotonic()
        partial = target.with_name(target.name + ".partial")
        run(
            [
                "nice",
                "-n",
                "10",
                "go",
                "build",
                "-trimpath",
                "-tags",
                tags,
                "-ldflags",
                "-s -w",
                "-o",
                partial,
                package,
            ],
            cwd=GO_MODULES / module,
            env={**os.environ, "GOFLAGS": "-mod=mod"},
        )
        partial.rename(target)
        record_time(f"go-build-{module}", time.monotonic() - t0)


# ---- base ----------------------------------------------------------------------------


def build_base() -> None:
    """The mmdebstrap root filesystem (cached tar), imported as :data:`BASE_IMAGE`."""
    if image_exists(BASE_IMAGE):
        return
    tar = IMAGES / "base" / f"bookworm-python3.11-{base_key()}.tar"
    if not tar.exists():
        log(f"making the base root filesystem with mmdebstrap: {tar}")
        tar.parent.mkdir(parents=True, exist_ok=True)
        partial = tar.with_name(tar.name + ".partial")
        t0 = time.monotonic()
        run(
            [
                "nice",
                "-n",
                "10",
                "mmdebstrap",
                "--mode=root",
                "--quiet",
                *MMDEBSTRAP_OPTIONS,
                DEBIAN_SUITE,
                partial,
                *DEBIAN_MIRRORS,
            ]
        )
        partial.rename(tar)
        record_time("base-rootfs", time.monotonic() - t0)
    container = buildah("from", "scratch", capture=True).strip()
    try:
        buildah("add", container, tar, "/")
        env_flags = [f"--env={k}={v}" for k, v in BASE_ENV.items()]
        buildah("config", *env_flags, "--cmd", "python3", container)
        buildah("commit", "--quiet", "--rm", container, BASE_IMAGE, capture=True)
    except BaseException:
        buildah_unchecked("rm", container)
        raise
    log(f"base image {BASE_IMAGE}")


# ---- service images ------------------------------------------------------------------


HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
BUILD_PIP_CONF = IMAGES / "build-pip.conf"


def build_trust_mounts() -> list[str]:
    """RUN steps trust what this machine trusts: its CA bundle is mounted over the image's
    and pip (which otherwise reads its own bundle) is pointed at it. Mounts of RUN steps
    only, so the images keep Debian's bundle. Needed where egress TLS is re-signed by a
    local CA (this sandbox); harmless elsewhere."""
    if not HOST_CA_BUNDLE.exists():
        return []
    BUILD_PIP_CONF.parent.mkdir(parents=True, exist_ok=True)
    BUILD_PIP_CONF.write_text(f"[global]\ncert = {HOST_CA_BUNDLE}\n")
    return [
        f"--volume={HOST_CA_BUNDLE}:{HOST_CA_BUNDLE}:ro",
        f"--volume={BUILD_PIP_CONF}:/etc/pip.conf:ro",
    ]


def bud_options() -> list[str]:
    """``buildah bud`` options of every build here. buildah raises RLIMIT_NOFILE and
    RLIMIT_NPROC to 1048576 for RUN steps, which this sandbox refuses (its hard limits are
    lower): keep the current hard limits."""
    _, files = resource.getrlimit(resource.RLIMIT_NOFILE)
    _, processes = resource.getrlimit(resource.RLIMIT_NPROC)
    return [
        *build_trust_mounts(),
        "--isolation",
        "chroot",
        "--layers",
        "--force-rm",  # no working container left behind by a failed step
        "--pull-never",
        f"--ulimit=nofile={files}:{files}",
        f"--ulimit=nproc={processes}:{processes}",
        "--build-arg",
        f"BASE_IMAGE={BASE_IMAGE}",
    ]


def build_images(services: Sequence[str], source: Path = ROOT) -> None:
    """Each ``Dockerfile.<service>`` of the tree ``source`` on the local base, tagged
    :func:`image_ref`."""
    build_tools()
    build_base()
    for service in services:
        log(f"building {image_ref(service)}")
        t0 = time.monotonic()
        buildah(
            "bud",
            *bud_options(),
            "-f",
            source / f"Dockerfile.{service}",
            "-t",
            image_ref(service),
            source,
        )
        record_time(f"image-{service}", time.monotonic() - t0)
    # No `rmi --prune` here: the untagged intermediate images are the --layers cache.


def kafka_image() -> str:
    return f"{REGISTRY}/sieve/kafka:{KAFKA_VERSION}"


def fetch_kafka() -> Path:
    """The image's jars (``scripts/images_kafka/pom.xml``: broker and kafka-tools), fetched
    with Maven once into ``$SIEVE_CACHE/images/kafka-libs-<version>-<pom hash>``."""
    pom = KAFKA_CONTEXT / "pom.xml"
    libs = IMAGES / f"kafka-libs-{KAFKA_VERSION}-{hashlib.sha256(pom.read_bytes()).hexdigest()[:8]}"
    if (libs / ".complete").exists():
        return libs
    libs.mkdir(parents=True, exist_ok=True)
    run(
        [
            "mvn",
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            pom,
            "dependency:copy-dependencies",
            f"-DoutputDirectory={libs}",
            f"-Dkafka.version={KAFKA_VERSION}",
        ]
    )
    (libs / ".complete").touch()
    return libs


def build_kafka() -> None:
    """A broker image for the chart's Kafka StatefulSet: the jars of :func:`fetch_kafka` and the
    start and admin scripts of ``scripts/images_kafka`` on the local base with a Debian JRE."""
    build_tools()
    build_base()
    libs = fetch_kafka()
    with tempfile.TemporaryDirectory(prefix="sieve-kafka-image-") as tmp:
        context = Path(tmp)
        for item in KAFKA_CONTEXT.iterdir():
            shutil.copy2(item, context / item.name)
        shutil.copytree(libs, context / "libs", ignore=shutil.ignore_patterns(".complete"))
        t0 = time.monotonic()
        buildah(
            "bud",
            *bud_options(),
            "-f",
            context / "Containerfile",
            "-t",
            kafka_image(),
            context,
        )
        record_time("image-kafka", time.monotonic() - t0)


def build_pause() -> None:
    """The static pause binary in a scratch image, tagged :data:`PAUSE_IMAGE`."""
    build_tools()
    source_hash = hashlib.sha256(PAUSE_SOURCE.read_bytes()).hexdigest()
    if image_exists(PAUSE_IMAGE):
        labels = image_config(PAUSE_IMAGE).get("Labels") or {}
        if labels.get("sieve.pause.source-sha256") == source_hash:
            return  # the same program: keep the image (and its digest) as it is
    with tempfile.TemporaryDirectory(prefix="sieve-pause-") as tmp:
        binary = Path(tmp) / "pause"
        run(["gcc", "-Os", "-static", "-s", "-Wall", "-Werror", "-o", binary, PAUSE_SOURCE])
        container = buildah("from", "scratch", capture=True).strip()
        try:
            buildah("copy", "--chmod", "0755", container, binary, "/pause")
            buildah(
                "config",
                "--entrypoint",
                '["/pause"]',
                "--user",
                "65535:65535",
                "--label",
                f"sieve.pause.source-sha256={source_hash}",
                container,
            )
            buildah("commit", "--quiet", "--rm", container, PAUSE_IMAGE, capture=True)
        except BaseException:
            buildah_unchecked("rm", container)
            raise
    log(f"pause image {PAUSE_IMAGE}")


# ---- registry ------------------------------------------------------------------------


def registry_up() -> bool:
    try:
        with urllib.request.urlopen(f"http://{REGISTRY}/v2/", timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def registry_start() -> None:
    """The distribution registry on 127.0.0.1:35000 (idempotent)."""
    if registry_up():
        return
    build_tools()
    REGISTRY_DIR.mkdir(parents=True, exist_ok=True)
    config = REGISTRY_DIR / "config.yml"
    config.write_text(
        "version: 0.1\n"
        "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
        "storage:\n"
        f"  filesystem:\n    rootdirectory: {REGISTRY_DIR / 'data'}\n"
        "  delete:\n    enabled: true\n"
        "http:\n"
        f"  addr: {REGISTRY}\n"
        "  debug:\n    addr: ''\n"
    )
    logfile = (REGISTRY_DIR / "registry.log").open("ab")
    process = subprocess.Popen(
        [str(REGISTRY_BIN), "serve", str(config)],
        stdout=logfile,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "OTEL_TRACES_EXPORTER": "none"},
    )
    (REGISTRY_DIR / "registry.pid").write_text(f"{process.pid}\n")
    deadline = time.monotonic() + 30
    while not registry_up():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"registry did not start; see {REGISTRY_DIR / 'registry.log'}")
        time.sleep(0.2)
    log(f"registry on http://{REGISTRY} (pid {process.pid})")


def registry_stop() -> None:
    """Stop the registry ``registry_start`` started (by its recorded pid, if it is still ours)."""
    pidfile = REGISTRY_DIR / "registry.pid"
    if not pidfile.exists():
        return
    pid = int(pidfile.read_text())
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        # A recycled pid is somebody else's process: only ours is signalled.
        if REGISTRY_BIN.name.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
            os.kill(pid, 15)
            for _ in range(50):
                with contextlib.suppress(ChildProcessError):  # reaped if it is our child
                    os.waitpid(pid, os.WNOHANG)
                os.kill(pid, 0)
                time.sleep(0.1)
            os.kill(pid, 9)
    pidfile.unlink()


def push(refs: Sequence[str]) -> dict[str, str]:
    """Push ``refs`` to the registry; returns and records ref → manifest digest."""
    registry_start()
    pushed = json.loads(PUSHED_FILE.read_text()) if PUSHED_FILE.exists() else {}
    for ref in refs:
        with tempfile.NamedTemporaryFile("r", prefix="sieve-digest-") as digest:
            buildah(
                "push",
                "--quiet",
                "--tls-verify=false",
                "--digestfile",
                digest.name,
                ref,
                f"docker://{ref}",
            )
            pushed[ref] = digest.read().strip()
        log(f"pushed {ref}@{pushed[ref]}")
    PUSHED_FILE.write_text(json.dumps(pushed, indent=2, sort_keys=True) + "\n")
    return dict(pushed)


# ---- smoke ---------------------------------------------------------------------------


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


CHART = ROOT / "charts" / "sieve"
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


# ---- sizes ---------------------------------------------------------------------------


def image_size(ref: str) -> int:
    """Uncompressed size in bytes of ``ref`` in local storage: the sum of its layers' diffs
    (``buildah images`` prints only a rounded figure)."""
    driver = STORAGE / f"{STORAGE_DRIVER}-images" / "images.json"
    layers = {
        layer["id"]: layer
        for layer in json.loads((STORAGE / f"{STORAGE_DRIVER}-layers" / "layers.json").read_text())
    }
    for image in json.loads(driver.read_text()):
        if ref in (image.get("names") or []):
            total, layer_id = 0, image.get("layer")
            while layer_id:
                total += int(layers[layer_id].get("diff-size", 0))
                layer_id = layers[layer_id].get("parent")
            return total
    raise SystemExit(f"no image {ref}")


def sizes() -> dict[str, int]:
    return {service: image_size(image_ref(service)) for service in SERVICES} | {
        "pause": image_size(PAUSE_IMAGE),
        "kafka": image_size(kafka_image()),
    }


def check_sizes(measured: dict[str, int]) -> list[str]:
    """Images grown by more than 10% over the recorded sizes."""
    recorded: dict[str, int] = json.loads(SIZES_FILE.read_text())["bytes"]
    return [
        f"{name}: {size} bytes, {size / recorded[name]:.2f} times the recorded {recorded[name]}"
        for name, size in measured.items()
        if name in recorded and size > recorded[name] * SIZE_TOLERANCE
    ]


# ---- command line --------------------------------------------------------------------


def _smoke_all(services: Sequence[str], chart: Path = CHART) -> int:
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


def _sizes(record: bool) -> int:
    measured = sizes()
    for name, size in measured.items():
        print(f"{name}: {size / 1e6:.1f} MB")
    if record:
        SIZES_FILE.write_text(json.dumps({"bytes": measured}, indent=2) + "\n")
    grown = check_sizes(measured)
    for line in grown:
        print(f"grew: {line}")
    return 1 if grown else 0


def _base() -> None:
    build_tools()
    build_base()


def _all(services: Sequence[str]) -> None:
    build_images(services)
    build_pause()
    build_kafka()
    push([image_ref(s) for s in services] + [PAUSE_IMAGE, kafka_image()])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/images", description=__doc__.split("\n")[0])
    parser.add_argument(
        "command",
        choices=[
            "tools",
            "base",
            "build",
            "pause",
            "kafka",
            "registry",
            "push",
            "smoke",
            "sizes",
            "all",
        ],
    )
    parser.add_argument("args", nargs="*", help="services (default: all), or start|stop")
    parser.add_argument("--record-sizes", action="store_true", help="sizes: write the file")
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT,
        help="build: the tree whose Dockerfiles and sources are built (default: this one)",
    )
    parser.add_argument(
        "--chart", type=Path, default=CHART, help="smoke kafka: the chart whose broker is run"
    )
    ns = parser.parse_args(argv)
    if os.geteuid() != 0:
        raise SystemExit("scripts/images needs root (mmdebstrap, buildah storage, runc, netns)")
    if ns.command == "registry":
        action = ns.args[0] if ns.args else "start"
        if action not in ("start", "stop"):
            raise SystemExit("scripts/images registry start|stop")
        registry_start() if action == "start" else registry_stop()
        return 0
    services = tuple(ns.args) or SERVICES
    known = [*SERVICES, "kafka"] if ns.command == "smoke" else list(SERVICES)
    unknown = set(services) - set(known)
    if unknown:
        raise SystemExit(f"unknown services: {sorted(unknown)}; known: {known}")
    commands: dict[str, Callable[[], int | None]] = {
        "tools": build_tools,
        "base": _base,
        "build": lambda: build_images(services, ns.source.resolve()),
        "pause": build_pause,
        "kafka": build_kafka,
        "push": lambda: len(push([image_ref(s) for s in services] + [PAUSE_IMAGE])) and None,
        "smoke": lambda: _smoke_all(services, ns.chart.resolve()),
        "sizes": lambda: _sizes(ns.record_sizes),
        "all": lambda: _all(services),
    }
    return commands[ns.command]() or 0


if __name__ == "__main__":
    sys.exit(main())
