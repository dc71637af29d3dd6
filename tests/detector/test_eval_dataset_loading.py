"""What a split holds when it is scored (``detector/eval/dataset.py``): labels on leaves
without data are left out, the data files and their splits are not changed."""

from __future__ import annotations

import pytest

from detector.eval.dataset import V15_SOURCES, EvalDoc, empty, load, load_all, with_data


@pytest.mark.parametrize("value", [None, "", "   ", True, False, [], {}])
def test_empty_values(value: object) -> None:
    assert empty(value)


@pytest.mark.parametrize("value", [0, "0", "x", "N/A", [None], {"a": None}])
def test_values_with_something_in_them(value: object) -> None:
    assert not empty(value)


def test_a_label_stays_while_one_value_of_its_path_holds_data() -> None:
    body = {"street": None, "people": [{"name": "Ann Lee"}, {"name": None}], "n": [None, ""]}
    labels = {("$.street", "street_address"), ("$.people[*].name", "person_name")}
    labels |= {("$.n[*]", "phone")}
    doc = EvalDoc("f", "s", body, frozenset(labels))
    assert with_data(doc).labels == {("$.people[*].name", "person_name")}
    clean = EvalDoc("f", "s", {"name": "Ann"}, frozenset({("$.name", "person_name")}))
    assert with_data(clean) is clean


def test_scored_splits_drop_v15s_labels_on_nulls_and_keep_the_file() -> None:
    raw = load_all(V15_SOURCES)
    scored = load("v15")
    assert [d.family for d in raw] == [d.family for d in scored]
    dropped = sum(len(a.labels) - len(b.labels) for a, b in zip(raw, scored, strict=True))
    assert dropped == 37  # Quaderno's `street_line_1: null` and the like (data README)
    assert len(load("v15dev")) + len(load("v15test")) == len(scored)
