"""The built service images (``scripts/images``): each starts its service under runc and
answers /healthz as the user the chart runs it as; the interceptor's per-packet modules are
the compiled ones; no image grew by more than 10%; the registry serves them by digest.

The images are built by ``.ci/setup.d/75-images.sh``; without them (or without root) these
tests are skipped with the command that builds them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from scripts import images, images_smoke

VALUES = yaml.safe_load((images.ROOT / "charts/sieve/values.yaml").read_text())
CHART_UID = int(VALUES["podSecurityContext"]["runAsUser"])

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="runc, network namespaces and storage: root"),
    pytest.mark.skipif(
        not os.access(images.BUILDAH, os.X_OK)
        or not all(images.image_exists(images.image_ref(s)) for s in images.SERVICES),
        reason="images not built: sudo scripts/images all",
    ),
]


@pytest.mark.parametrize("service", images.SERVICES)
def test_image_starts_answers_healthz_as_the_charts_user(service: str) -> None:
    result = images_smoke.smoke(service)
    assert result.ready, "\n".join([result.answer, *result.log_lines[-20:]])
    # The interceptor runs as root (raw capture); every other service as the chart's user.
    expected = 0 if service == "interceptor" else CHART_UID
    assert (result.uid, result.gid) == (expected, expected)
    starting = [
        json.loads(line)
        for line in result.log_lines
        if line.startswith("{") and '"starting"' in line
    ]
    assert starting
    assert starting[0]["service"] == service
    if service == "interceptor":
        assert result.compiled.endswith(".so"), result.compiled


@pytest.mark.skipif(
    not images.image_exists(images.kafka_image()), reason="sudo scripts/images kafka"
)
@pytest.mark.skipif(
    not (shutil.which("helm") or (images.CACHE / "bin" / "helm").exists()), reason="no helm"
)
def test_kafka_image_runs_the_charts_broker_command_and_configuration() -> None:
    spec = images_smoke.kafka_smoke()
    assert spec.args[:2] == ("/bin/sh", "-ec")
    result = images_smoke.smoke("kafka", ref=images.kafka_image(), spec=spec)
    assert result.ready, "\n".join(result.log_lines[-20:])
    broker_user = VALUES["kafka"]["podSecurityContext"]["runAsUser"]
    assert (result.uid, result.gid) == (broker_user, broker_user)
    if spec.ready_log:
        # Kafka security on: ready included the chart's setup script setting the users and
        # ACLs with the image's kafka-configs.sh and kafka-acls.sh over SASL.
        assert spec.ready_log in "\n".join(result.log_lines)
        return
    # The admin tools the chart's broker setup calls reach the broker: configs answers; acls
    # gets the broker's own refusal (this configuration has no authorizer).
    (configs_status, configs_out), (_, acls_out) = result.execs.values()
    assert configs_status == 0, configs_out[-2000:]
    assert "Default configs for brokers" in configs_out
    assert "No Authorizer is configured on the broker" in acls_out, acls_out[-2000:]


def test_the_image_user_is_numeric_and_the_charts() -> None:
    for service in images.SERVICES:
        user = str(images.image_config(images.image_ref(service)).get("User", ""))
        expected = "" if service == "interceptor" else f"{CHART_UID}:{CHART_UID}"
        assert user == expected, service


def test_no_image_grew_more_than_ten_percent() -> None:
    measured = images.sizes()
    recorded = json.loads(images.SIZES_FILE.read_text())["bytes"]
    assert set(recorded) == set(measured)
    assert images.check_sizes(measured) == []
    # The check itself: an image 11% over its record is reported.
    assert images.check_sizes({"pause": int(recorded["pause"] * 1.11)})


def _manifest(ref_name: str, reference: str) -> tuple[bytes, dict[str, object]]:
    request = urllib.request.Request(
        f"http://{images.REGISTRY}/v2/{ref_name}/manifests/{reference}",
        headers={
            "Accept": "application/vnd.oci.image.manifest.v1+json,"
            "application/vnd.docker.distribution.manifest.v2+json"
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return body, json.loads(body)


@pytest.fixture
def registry() -> Iterator[None]:
    """The local registry, stopped afterwards unless it was already running."""
    was_up = images.registry_up()
    images.registry_start()
    yield
    if not was_up:
        images.registry_stop()


@pytest.mark.usefixtures("registry")
def test_registry_serves_the_pushed_images_by_digest() -> None:
    # What the setup step pushed (the tags may have moved since: a manifest stays by digest).
    refs = [images.image_ref(s) for s in images.SERVICES] + [images.PAUSE_IMAGE]
    pushed = json.loads(images.PUSHED_FILE.read_text())
    assert set(refs) <= set(pushed), "push first: sudo scripts/images push"
    for ref in refs:
        digest = pushed[ref]
        name = ref.split("/", 1)[1].rsplit(":", 1)[0]
        body, manifest = _manifest(name, digest)
        assert "sha256:" + hashlib.sha256(body).hexdigest() == digest
        assert manifest["layers"]
    # A real pull by digest into empty storage: the same image comes back.
    ref = images.image_ref("digger")
    by_digest = f"{ref.rsplit(':', 1)[0]}@{pushed[ref]}"

    with tempfile.TemporaryDirectory(prefix="sieve-pull-") as tmp:
        store = ["--root", f"{tmp}/root", "--runroot", f"{tmp}/run", "--storage-driver", "vfs"]
        try:
            subprocess.run(
                [str(images.BUILDAH), *store, "pull", "--quiet", "--tls-verify=false", by_digest],
                check=True,
                capture_output=True,
                text=True,
            )
            pulled = json.loads(
                subprocess.run(
                    [str(images.BUILDAH), *store, "inspect", "--type", "image", by_digest],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
        finally:
            subprocess.run(
                [str(images.BUILDAH), *store, "rmi", "--all", "--force"],
                check=False,
                capture_output=True,
            )
            shutil.rmtree(Path(tmp) / "root", ignore_errors=True)
    assert pulled["FromImageDigest"] == pushed[ref]
    assert pulled["OCIv1"]["config"]["Entrypoint"] == ["sieve-digger"]
    assert pulled["OCIv1"]["config"]["User"] == f"{CHART_UID}:{CHART_UID}"


def test_pause_image_is_static_and_exits_on_term() -> None:
    with images_smoke.mounted_image(images.PAUSE_IMAGE) as rootfs:
        assert sorted(p.name for p in rootfs.iterdir()) == ["pause"]
        binary = rootfs / "pause"
        version = subprocess.run([binary, "-v"], check=True, capture_output=True, text=True)
        assert version.stdout.strip() == "sieve-pause-1.0"
        process = subprocess.Popen([binary], stderr=subprocess.DEVNULL)
        try:
            # Signal only once the handlers are installed (SigCgt holds SIGTERM's bit).
            for _ in range(1000):
                status = Path(f"/proc/{process.pid}/status").read_text()
                caught = int(status.split("SigCgt:")[1].split()[0], 16)
                if caught & (1 << (15 - 1)):
                    break
                time.sleep(0.01)
            process.terminate()
            assert process.wait(timeout=10) == 0
        finally:
            process.kill()
