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
* ``registry start|stop|gc``: ``registry`` on 127.0.0.1:35000, storage under
  ``$SIEVE_CACHE/registry``; ``gc`` (stopped) deletes what no tag reaches; ``push``: the images
  there, plain HTTP (loopback only).
* ``all`` builds every image, removes the untagged images no step of this build used (earlier
  builds' layers: each change to the sources leaves a set behind), and pushes; ``prune``
  removes every dangling image, the layer caches too (``.ci/run`` on a nearly full disk).
* ``smoke``: each image run by ``runc`` as the chart runs it (``scripts/images_smoke.py``).
* ``sizes``: each image's size against ``scripts/images_sizes.json`` (fails past +10%).

Usage: ``scripts/images tools|base|build [--source DIR]|pause|kafka|registry start|stop|gc|push|
smoke|sizes [--record-sizes]|all|prune`` (services as further arguments; default all four).
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
CHART = ROOT / "charts" / "sieve"
SIZES_FILE = ROOT / "scripts" / "images_sizes.json"
SIZE_TOLERANCE = 1.10
PUSHED_FILE = IMAGES / "pushed.json"
TIMES_FILE = IMAGES / "build-times.json"

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


def buildah_cmd(*args: str | Path) -> list[str]:
    """The built buildah's command line on this module's storage, then ``args``."""
    storage = (BUILDAH, "--root", STORAGE, "--runroot", RUNROOT, "--storage-driver")
    return [str(c) for c in (*storage, STORAGE_DRIVER, *args)]


def buildah(*args: str | Path, capture: bool = False) -> str:
    """Run the built buildah on this module's storage; its stdout when ``capture``."""
    cmd = buildah_cmd(*args)
    if capture:
        return run(cmd, stdout=subprocess.PIPE).stdout
    run(cmd)
    return ""


def buildah_unchecked(*args: str | Path) -> int:
    """Run buildah on this module's storage, output discarded; its exit status."""
    return subprocess.run(buildah_cmd(*args), capture_output=True, check=False).returncode


#: The image id each ``buildah bud`` step printed in this process, cached or new: the layer
#: cache of this build, which pruning keeps.
_BUILT: set[str] = set()
_STEP_ID = re.compile(r"^--> (?:Using cache )?([0-9a-f]{12,64})$")


def bud(*args: str | Path) -> None:
    """``buildah bud`` with :func:`bud_options`, its output shown as it comes, the image id of
    every step kept in ``_BUILT``."""
    cmd = buildah_cmd("bud", *bud_options(), *args)
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            step = _STEP_ID.match(line.strip())
            if step:
                _BUILT.add(step.group(1))
    sys.stdout.flush()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)


def stale_images(listing: Sequence[dict[str, Any]], built: set[str]) -> list[str]:
    """The untagged images of ``listing`` (``buildah images --all --json``) that no step of
    this build printed: earlier builds' layers. Each build of changed sources leaves its
    images untagged when the new ones take the tags; nothing else removes them."""
    return [
        image["id"]
        for image in listing
        if not image.get("names") and not any(image["id"].startswith(b) for b in built)
    ]


def prune_stale_images() -> int:
    """Remove :func:`stale_images` (after a build of every image: a partial build's ids would
    not cover the other images' caches); how many were removed."""
    listing = json.loads(buildah("images", "--all", "--json", capture=True) or "[]")
    removed = sum(
        buildah_unchecked("rmi", image_id) == 0 for image_id in stale_images(listing, _BUILT)
    )
    log(f"removed {removed} stale images of earlier builds")
    return removed


def prune_dangling() -> None:
    """``buildah rmi --prune`` (every untagged image without a child, builder stages' layer
    caches too): for a disk about to fill, when the next build's steps are not known yet."""
    if BUILDAH.exists() and STORAGE.exists():
        buildah_unchecked("rmi", "--prune")
        log("removed the dangling images")


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
        bud("-f", source / f"Dockerfile.{service}", "-t", image_ref(service), source)
        record_time(f"image-{service}", time.monotonic() - t0)
    # No `rmi --prune` here: a builder stage's last image is untagged and has no child, yet it
    # is the --layers cache of that stage (`prune_stale_images` keeps what this build used).


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
        bud("-f", context / "Containerfile", "-t", kafka_image(), context)
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


#: Where Linux keeps the ports it must not hand out as ephemeral ones.
RESERVED_PORTS = Path("/proc/sys/net/ipv4/ip_local_reserved_ports")


def reserve_port(port: int, reserved: Path = RESERVED_PORTS) -> bool:
    """Keep the kernel from handing ``port`` out as an ephemeral port: the registry's port
    lies in Linux's default ephemeral range (32768-60999), so an outgoing connection or a
    test's bind(0) could hold it and the registry's bind would fail (it did once, while a
    benchmark's broker ran). Root only; False when the list cannot be written."""
    try:
        current = reserved.read_text(encoding="ascii").strip()
        for part in filter(None, current.split(",")):
            low, _, high = part.partition("-")
            if int(low) <= port <= int(high or low):
                return True
        reserved.write_text(f"{current},{port}" if current else str(port), encoding="ascii")
    except (OSError, ValueError):
        return False
    return True


def registry_start() -> None:
    """The distribution registry on 127.0.0.1:35000 (idempotent). Its port is reserved from
    the ephemeral range first; if something still holds it, the start is retried for 30 s."""
    if registry_up():
        return
    build_tools()
    reserve_port(REGISTRY_PORT)
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
    deadline = time.monotonic() + 30
    while True:
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
        while not registry_up() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if registry_up():
            break
        if process.poll() is None or time.monotonic() >= deadline:
            process.kill()
            raise SystemExit(f"registry did not start; see {REGISTRY_DIR / 'registry.log'}")
        time.sleep(1.0)  # exited (its port held by another socket): try again
    log(f"registry on http://{REGISTRY} (pid {process.pid})")


def registry_gc() -> None:
    """Delete what no tag of the stopped registry reaches: pushing a tag again leaves its
    earlier manifest and layers behind."""
    if registry_up():
        raise SystemExit("stop the registry before collecting its garbage")
    config = REGISTRY_DIR / "config.yml"
    if not config.exists():
        return
    run([REGISTRY_BIN, "garbage-collect", "--delete-untagged", config], stdout=subprocess.DEVNULL)
    log("registry: garbage collected")


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


def _smoke(services: Sequence[str], chart: Path) -> int:
    from scripts.images_smoke import smoke_all  # imports this module: loaded on use

    return smoke_all(services, chart)


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
    if set(services) == set(SERVICES):
        prune_stale_images()
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
            "prune",
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
        actions = {"start": registry_start, "stop": registry_stop, "gc": registry_gc}
        if action not in actions:
            raise SystemExit("scripts/images registry start|stop|gc")
        actions[action]()
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
        "smoke": lambda: _smoke(services, ns.chart.resolve()),
        "sizes": lambda: _sizes(ns.record_sizes),
        "all": lambda: _all(services),
        "prune": prune_dangling,
    }
    return commands[ns.command]() or 0


if __name__ == "__main__":
    sys.exit(main())
