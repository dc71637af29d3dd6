"""The node's own small images, made here without a registry or a container engine.

A one-layer OCI archive is written directly (``oci_archive``) from static binaries: the pod
sandbox's pause program (``scripts/k8s/pause/pause.c``, compiled with ``gcc -static``; used
only while the local registry does not serve the sandbox image) and Debian's static busybox
(smoke pods in ``tests/node``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

from scripts import k8s_dev

PAUSE_SOURCE = k8s_dev.MODULES / "pause" / "pause.c"
BUSYBOX = Path("/bin/busybox")  # Debian's busybox-static
BUSYBOX_IMAGE = "sieve.local/busybox:1"


def registry_has(reference: str) -> bool:
    """True when the plain-HTTP registry in ``reference`` (host:port/name:tag) serves it."""
    registry, _, rest = reference.partition("/")
    name, _, tag = rest.rpartition(":")
    request = urllib.request.Request(
        f"http://{registry}/v2/{name}/manifests/{tag}",
        method="HEAD",
        headers={
            "Accept": "application/vnd.oci.image.index.v1+json, "
            "application/vnd.oci.image.manifest.v1+json, "
            "application/vnd.docker.distribution.manifest.v2+json"
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def oci_archive(
    path: Path, reference: str, files: dict[str, Path], entrypoint: list[str], user: str = "0"
) -> Path:
    """A one-layer OCI image archive of ``files`` (path in image: file here) for ``ctr import``.

    The node's smoke images are made this way from static binaries (a pause program,
    busybox), so the node can be tested before any registry holds an image.
    """

    blobs: dict[str, bytes] = {}

    def add(media_type: str, data: bytes) -> dict[str, object]:
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        return {"mediaType": media_type, "digest": digest, "size": len(data)}

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as layer:
        for target, source in sorted(files.items()):
            info = layer.gettarinfo(str(source), arcname=target.lstrip("/"))
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            with source.open("rb") as content:
                layer.addfile(info, content)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {"Entrypoint": entrypoint, "User": user, "Env": ["PATH=/bin"]},
        "rootfs": {
            "type": "layers",
            "diff_ids": ["sha256:" + hashlib.sha256(raw.getvalue()).hexdigest()],
        },
    }
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": add("application/vnd.oci.image.config.v1+json", json.dumps(config).encode()),
        "layers": [
            add(
                "application/vnd.oci.image.layer.v1.tar+gzip",
                gzip.compress(raw.getvalue(), 6, mtime=0),
            )
        ],
    }
    descriptor = add("application/vnd.oci.image.manifest.v1+json", json.dumps(manifest).encode())
    descriptor["annotations"] = {
        "io.containerd.image.name": reference,
        "org.opencontainers.image.ref.name": reference.rsplit(":", 1)[1],
    }
    index = {"schemaVersion": 2, "manifests": [descriptor]}
    with tarfile.open(path, "w") as archive:

        def put(name: str, data: bytes) -> None:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))

        put("oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
        put("index.json", json.dumps(index).encode())
        for digest, data in blobs.items():
            put(f"blobs/sha256/{digest.split(':')[1]}", data)
    return path


def local_images(workdir: Path, sandbox_image: str) -> list[tuple[str, Path]]:
    """(reference, OCI archive) of the sandbox image (unless the registry serves it) and busybox."""
    images = []
    if not registry_has(sandbox_image):
        pause = workdir / "pause"
        subprocess.run(
            ["gcc", "-Os", "-static", "-s", "-o", str(pause), str(PAUSE_SOURCE)],
            check=True,
            capture_output=True,
        )
        archive = workdir / "pause.tar"
        images.append(
            (
                sandbox_image,
                oci_archive(archive, sandbox_image, {"/pause": pause}, ["/pause"], "65535"),
            )
        )
    if BUSYBOX.exists():
        archive = workdir / "busybox.tar"
        files = {"/bin/busybox": BUSYBOX}
        images.append((BUSYBOX_IMAGE, oci_archive(archive, BUSYBOX_IMAGE, files, ["/bin/busybox"])))
    return images
