"""The generated Python matches the .proto sources, and the drift check notices an edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from protos import codegen


def test_committed_code_is_current():
    assert codegen.stale_files() == []


def test_drift_is_detected_when_a_proto_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "protos"
    shutil.copytree(codegen.PROTO_ROOT, root)
    source = root / "sieve" / "v1" / "identity.proto"
    source.write_text(
        source.read_text().replace(
            "bool host_network = 7;", "bool host_network = 7;\n  // New.\n  string zone = 9;"
        )
    )
    monkeypatch.setattr(codegen, "PROTO_ROOT", root)
    monkeypatch.setattr(codegen, "SOURCE_DIR", root / "sieve" / "v1")
    assert codegen.stale_files() == ["identity_pb2.py", "identity_pb2.pyi"]
    assert codegen.main(["--check"]) == 1
