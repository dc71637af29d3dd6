"""`python -m detector.train` rewrites MODEL.md only for the bundled model: a trial model
written elsewhere (``--out``) must not change the page that describes the shipped one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from detector import train as tr
from detector.evaluation import Scores


@pytest.fixture
def page_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """Training, scoring and saving stubbed out: only main's own decisions run."""
    writes: list[dict[str, Any]] = []
    monkeypatch.setattr(tr, "train", lambda *a, **k: (object(), {}))
    monkeypatch.setattr(tr, "DetectionEngine", lambda *a, **k: object())
    monkeypatch.setattr(tr, "heldout_corpus", lambda *a, **k: [])
    monkeypatch.setattr(tr, "evaluate", lambda *a, **k: Scores())
    monkeypatch.setattr(tr, "save", lambda models, out, meta: {"sha256": "0" * 64})
    monkeypatch.setattr(tr, "_rewrite_model_md", lambda full, table: writes.append(full))
    monkeypatch.setattr(tr, "DEFAULT_DIR", tmp_path / "bundled")
    return writes


def test_a_trial_model_elsewhere_leaves_model_md(
    page_writes: list[dict[str, Any]], tmp_path: Path
) -> None:
    assert tr.main(["--out", str(tmp_path / "trial")]) == 0
    assert page_writes == []


def test_the_bundled_model_rewrites_model_md(page_writes: list[dict[str, Any]]) -> None:
    assert tr.main([]) == 0
    assert len(page_writes) == 1
