"""The committed model: its sha256 matches its metadata; loading refuses bad files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import skops.io as sio

from detector import model
from detector.model import DEFAULT_DIR, META_FILE, MODEL_FILE, ModelLoadError


def test_artifact_sha256_matches_metadata() -> None:
    meta = json.loads((DEFAULT_DIR / META_FILE).read_text())
    digest = hashlib.sha256((DEFAULT_DIR / MODEL_FILE).read_bytes()).hexdigest()
    assert digest == meta["sha256"]
    assert (DEFAULT_DIR / MODEL_FILE).stat().st_size < 5 * 1024 * 1024
    assert model.compatible(meta["versions"], model.versions())
    assert isinstance(meta["seed"], int)
    assert meta["heldout"]["micro"]["precision"] >= 0.97


def test_loads_and_predicts() -> None:
    models, meta = model.load()
    probs = models.key_probabilities(["email | p_customer"])
    assert model.CLASSES[int(probs.argmax())] == "email"
    assert meta["classes"] == list(model.CLASSES)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "m"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def test_refuses_altered_file(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    with (target / MODEL_FILE).open("ab") as f:
        f.write(b"x")
    with pytest.raises(ModelLoadError, match="sha256"):
        model.load(target)


def test_refuses_version_mismatch(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    meta = json.loads((target / META_FILE).read_text())
    meta["versions"]["scikit-learn"] = "0.0.1"
    (target / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match="retrain"):
        model.load(target)


def test_refuses_untrusted_types(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    # a file holding a type outside the allowlist, with a matching sha256
    sio.dump({"key_vectorizer": Path("/etc/passwd")}, target / MODEL_FILE)
    meta = json.loads((target / META_FILE).read_text())
    meta["sha256"] = hashlib.sha256((target / MODEL_FILE).read_bytes()).hexdigest()
    (target / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match=r"Untrusted types .*pathlib\.PosixPath"):
        model.load(target)


def test_version_rule() -> None:
    running = {"scikit-learn": "1.9.1", "skops": "0.16.0", "numpy": "2.4.6", "scipy": "1.16.2"}
    assert model.compatible(dict(running), running)
    assert model.compatible({**running, "scikit-learn": "1.9.3", "numpy": "2.5.0"}, running)
    assert not model.compatible({**running, "scikit-learn": "1.8.1"}, running)
    assert not model.compatible({**running, "skops": "0.15.0"}, running)
    assert not model.compatible({**running, "numpy": "1.26.4"}, running)
    assert not model.compatible(None, running)


def test_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="cannot read"):
        model.load(tmp_path)
