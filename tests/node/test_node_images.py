"""The node's one-layer OCI archives: every blob addressed by its digest, the file inside."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

from scripts import node_images


def test_archive_is_a_content_addressed_oci_image_of_the_files(tmp_path: Path):
    binary = tmp_path / "tool"
    binary.write_bytes(b"\x7fELF not really")
    binary.chmod(0o755)
    archive = node_images.oci_archive(
        tmp_path / "image.tar", "sieve.local/tool:1", {"/bin/tool": binary}, ["/bin/tool"]
    )
    with tarfile.open(archive) as tar:
        files = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
    assert json.loads(files["oci-layout"]) == {"imageLayoutVersion": "1.0.0"}
    for name, data in files.items():
        if name.startswith("blobs/sha256/"):
            assert hashlib.sha256(data).hexdigest() == name.rsplit("/", 1)[1]
    (entry,) = json.loads(files["index.json"])["manifests"]
    assert entry["annotations"]["io.containerd.image.name"] == "sieve.local/tool:1"
    manifest = json.loads(files[f"blobs/sha256/{entry['digest'].split(':')[1]}"])
    config = json.loads(files[f"blobs/sha256/{manifest['config']['digest'].split(':')[1]}"])
    assert config["config"]["Entrypoint"] == ["/bin/tool"]
    (layer,) = manifest["layers"]
    raw = gzip.decompress(files[f"blobs/sha256/{layer['digest'].split(':')[1]}"])
    assert config["rootfs"]["diff_ids"] == ["sha256:" + hashlib.sha256(raw).hexdigest()]
    with tarfile.open(fileobj=io.BytesIO(raw)) as inner:
        member = inner.getmember("bin/tool")
        assert member.mode & 0o111
        assert inner.extractfile(member).read() == b"\x7fELF not really"  # type: ignore[union-attr]


def test_the_same_files_give_the_same_image(tmp_path: Path):
    binary = tmp_path / "tool"
    binary.write_bytes(b"same")
    one = node_images.oci_archive(tmp_path / "1.tar", "a/b:1", {"/tool": binary}, ["/tool"])
    binary.touch()  # a newer mtime must not change the image
    two = node_images.oci_archive(tmp_path / "2.tar", "a/b:1", {"/tool": binary}, ["/tool"])
    assert one.read_bytes() == two.read_bytes()
