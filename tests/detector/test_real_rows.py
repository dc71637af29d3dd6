"""Key-model rows from the evaluation's dev halves (detector/real_rows.py): only tuned-on dev
halves are read, stand-ins are left out, labels follow the set's, and the bundled model was
trained without them (the option is off by default)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from detector.eval.dataset import load
from detector.eval.errors import READABLE
from detector.eval.stand_ins import stand_in_paths
from detector.model import CLASSES
from detector.real_rows import REAL_SPLITS, doc_rows, real_key_counts
from detector.settings import DetectorSettings
from detector.train import train

MAX_CHARS = DetectorSettings().max_value_chars


def test_only_the_real_sets_readable_dev_halves_are_read() -> None:
    assert "v2dev" in REAL_SPLITS
    assert "dev" not in REAL_SPLITS  # v1's dev half is partly generated (Faker)
    for split in REAL_SPLITS:
        assert split.endswith("dev"), split
        assert split in READABLE, split  # a sealed set's dev half is not training data
        assert f"{split.removesuffix('dev')}test" not in READABLE


def test_rows_leave_stand_ins_out_and_keep_the_sets_labels() -> None:
    docs = [d for d in load("v11dev") if stand_in_paths(d)]
    assert docs
    for doc in docs:
        stand_ins = stand_in_paths(doc)
        rows = doc_rows(doc, MAX_CHARS)
        assert not {leaf.path for leaf, _ in rows} & stand_ins
        for leaf, label in rows:
            types = {t for p, t in doc.labels if p == leaf.path}
            assert label in types if types else label == "none"


def test_counts_cover_the_types_with_real_keys() -> None:
    counts = real_key_counts(["v12dev"], MAX_CHARS)
    labels = {label for _, label in counts}
    assert labels <= set(CLASSES)
    assert {"none", "person_name", "email", "phone"} <= labels
    # mostly negatives, as in real payloads
    assert sum(n for (_, lbl), n in counts.items() if lbl == "none") > sum(counts.values()) / 2


def test_the_bundled_model_learned_no_real_keys_as_training_does_by_default() -> None:
    meta_file = Path(__file__).resolve().parents[2] / "detector" / "model" / "model.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    assert meta.get("real_splits", []) == []
    assert inspect.signature(train).parameters["real"].default is False
