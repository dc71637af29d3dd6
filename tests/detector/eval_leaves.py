"""Test helpers for the evaluation sets: reading a set, the scalar leaves of a document as the
labels name them, label checks, hand decisions."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from detector.eval.dataset import leaf_values
from detector.types import TYPE_IDS


def read_set(path: Path) -> list[dict[str, Any]]:
    """The documents of one JSON-lines evaluation file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def assert_labels_name_leaves(
    docs: list[dict[str, Any]], families: tuple[str, ...], *, sorted_labels: bool = True
) -> None:
    """Every document has exactly ``family``, ``body`` and ``labels``, its family starts with
    one of ``families``, and every label is unique, of a known type and names a leaf of the
    body (kept sorted unless ``sorted_labels`` is False)."""
    for i, d in enumerate(docs):
        assert set(d) == {"family", "body", "labels"}, i
        assert d["family"].startswith(families), d["family"]
        leaves = leaf_values(d["body"])
        pairs = [tuple(x) for x in d["labels"]]
        assert len(pairs) == len(set(pairs)), (i, "duplicate label")
        if sorted_labels:
            assert pairs == sorted(pairs), (i, "labels are kept sorted")
        for path, type_id in pairs:
            assert type_id in TYPE_IDS, (i, type_id)
            assert path in leaves, (i, path)


def labelled_and_unlabelled(docs: list[dict[str, Any]]) -> tuple[int, int]:
    """How many leaves of ``docs`` carry a label and how many do not (the negatives)."""
    labelled = unlabelled = 0
    for d in docs:
        marked = {p for p, _ in d["labels"]}
        for path in leaf_values(d["body"]):
            if path in marked:
                labelled += 1
            else:
                unlabelled += 1
    return labelled, unlabelled


def hand_decisions_used(
    maker: ModuleType, docs: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], Counter[int]]:
    """A set's hand decisions (``maker.OVERRIDES``) and how many leaves of ``docs`` each one
    decides, read with the set's own ``leaves`` and ``_decision``."""
    overrides = json.loads(maker.OVERRIDES.read_text(encoding="utf-8"))
    used: Counter[int] = Counter()
    for d in docs:
        for path, _, _, value, siblings in maker.leaves(d["body"]):
            for i, one in enumerate(overrides["decisions"]):
                only = {"decisions": [one]}
                if maker._decision(only, d["family"], path, value, siblings) is not None:
                    used[i] += 1
    return overrides["decisions"], used
