"""Training-only vendor layouts (detector/synth_vendor.py)."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from detector import validators as v
from detector.features import value_features
from detector.synth import heldout_corpus, training_corpus
from detector.synth_locales import LOCALES
from detector.synth_vendor import (
    VENDOR_SHAPES,
    e164_phone,
    national_phone,
    phone_objects,
    salutations,
    thing_names,
)

GENDER_FEATURE = 46  # the gender-word verdict (the lexicon's four come after it)


def _at(body: Any, parts: list[str]) -> Any:
    node = body
    for p in parts:
        node = node[0] if p == "[*]" else node[p]
    return node


@pytest.mark.parametrize(("shape", "share"), VENDOR_SHAPES)
def test_each_shape_labels_only_what_it_wrote(shape: Any, share: float) -> None:
    rng = random.Random(7)
    assert 0 < share < 1
    for code in ("en_US", "de_DE", "ja_JP", "fr_FR"):
        for style in ("snake", "camel", "pascal"):
            body, labels = shape(rng, LOCALES[code], style)
            for parts, type_id in labels:
                value = _at(body, parts)
                assert value not in (None, ""), (parts, type_id)
                if type_id == "phone":
                    assert v.phone_shape(str(value)), value
                if type_id == "gender":
                    assert v.is_gender_word(value), value


def test_phones_of_every_layout() -> None:
    rng = random.Random(3)
    loc = LOCALES["en_US"]
    e164 = [e164_phone(rng, loc) for _ in range(300)]
    assert all(v.phone_shape(p) for p in e164)
    assert any(p.startswith("+") and v.is_phone(p) for p in e164)
    assert any(not p.startswith("+") for p in e164)  # international digits without the plus
    assert any(p.startswith("+") and not v.is_phone(p) for p in e164)  # test ranges
    national = [national_phone(rng, loc) for _ in range(300)]
    assert all(v.phone_shape(p) for p in national)
    assert any(len(p) == 11 and p.count(" ") == 3 for p in national)  # "77 88 72 02"


def test_a_phone_object_labels_the_number_not_its_country_code() -> None:
    rng = random.Random(1)
    for _ in range(50):
        body, labels = phone_objects(rng, LOCALES["nl_NL"], "snake")
        assert len(labels) == 1
        parts, type_id = labels[0]
        assert type_id == "phone"
        holder = _at(body, parts[:-1])
        unlabelled = [k for k in holder if k != parts[-1]]
        assert any("code" in k or k == "cc" or "prefix" in k for k in unlabelled)


def test_salutations_are_gender_and_job_titles_are_not() -> None:
    rng = random.Random(4)
    seen_job = False
    for _ in range(200):
        body, labels = salutations(rng, LOCALES["de_DE"], "camel")
        labelled = {tuple(p) for p, _ in labels}
        (parent,) = body
        obj = body[parent][0] if isinstance(body[parent], list) else body[parent]
        for key, value in obj.items():
            if not v.is_gender_word(str(value)) and key.lower().endswith("title"):
                seen_job = True
                assert not any(p[-1] == key for p in labelled)
    assert seen_job


def test_names_of_things_are_never_labelled_nor_under_a_bare_name() -> None:
    rng = random.Random(6)
    for _ in range(200):
        body, labels = thing_names(rng, LOCALES["en_US"], "snake")
        assert labels == []
        assert '"name"' not in json.dumps(body)
        assert '"displayName"' not in json.dumps(body)


def test_vendor_shapes_are_in_training_documents_only() -> None:
    train = json.dumps([d.body for d in training_corpus(5, 400)], ensure_ascii=False)
    held = json.dumps([d.body for d in heldout_corpus(5, 400)], ensure_ascii=False)
    marks = ('"national_number"', '"nationalNumber"', '"friendly_name"', '"friendlyName"')
    assert any(m in train for m in marks)
    assert not any(m in held for m in marks)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Mme", 1.0), ("Dhr.", 1.0), ("female", 1.0), ("MRS", 1.0), ("D.", 0.0), ("M", 0.0),
     ("Senior Engineer", 0.0), ("Jane", 0.0), (1990, 0.0)],
)  # fmt: skip
def test_gender_word_feature(value: Any, expected: float) -> None:
    assert value_features(value)[GENDER_FEATURE] == expected
