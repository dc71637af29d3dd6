"""Training-only document shapes (detector/synth_shapes.py)."""

from __future__ import annotations

import json
import random

import pytest

from detector import validators as v
from detector.synth import heldout_corpus, training_corpus
from detector.synth_locales import LOCALES
from detector.synth_shapes import (
    TRAINING_SHAPES,
    company_name,
    loose_phone,
    name_part,
    reference_value,
)
from detector.walker import walk

ENVELOPE_KEYS = ('"_embedded"', '"@odata.context"', '"edges"', '"pageInfo"')


def test_every_label_names_a_leaf_of_its_document() -> None:
    for doc in training_corpus(11, 300):
        leaves = {leaf.path for leaf in walk(doc.body, array_sample=100)}
        for path, _ in doc.labels:
            assert path in leaves or any(p.startswith(path + ".") for p in leaves), path


@pytest.mark.parametrize(("shape", "share"), TRAINING_SHAPES)
def test_each_shape_labels_only_what_it_wrote(shape: object, share: float) -> None:
    rng = random.Random(5)
    assert 0 < share < 1
    for code in ("en_US", "de_DE", "ja_JP"):
        body, labels = shape(rng, LOCALES[code], "camel")  # type: ignore[operator]
        for parts, type_id in labels:
            node = body
            for p in parts:
                node = node[0] if p == "[*]" else node[p]
            assert node not in (None, ""), (parts, type_id)


def test_shapes_are_in_training_documents_only() -> None:
    train = json.dumps([d.body for d in training_corpus(3, 400)])
    held = json.dumps([d.body for d in heldout_corpus(3, 400)])
    assert any(k in train for k in ENVELOPE_KEYS)
    assert not any(k in held for k in ENVELOPE_KEYS)


def test_hard_negative_values() -> None:
    rng = random.Random(9)
    loc = LOCALES["en_US"]
    refs = [str(reference_value(rng, loc)) for _ in range(300)]
    # Luhn-valid 16-digit references outside card ranges are among them, never a card
    assert any(len(r) == 16 and r.isdigit() and v.luhn_ok(r) for r in refs)
    assert not any(v.is_credit_card(r) for r in refs if len(r) == 16 and r.isdigit())
    companies = [company_name(rng, loc) for _ in range(50)]
    assert all(" " in c or "-" in c for c in companies)


def test_loose_phones_have_phone_layout_and_name_parts_are_single_names() -> None:
    rng = random.Random(2)
    loc = LOCALES["de_DE"]
    phones = [loose_phone(rng, loc) for _ in range(200)]
    assert all(v.phone_shape(p) for p in phones)
    assert any(not v.is_phone(p) for p in phones)  # not only numbers a numbering plan accepts
    firsts = [name_part(rng, loc, "first") for _ in range(50)]
    assert sum(" " not in f for f in firsts) > 40
