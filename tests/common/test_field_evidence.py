"""A field's types from many samples: one odd value does not flip a field."""

from __future__ import annotations

from common.field_evidence import MIN_SAMPLES, FieldEvidence, holds


def test_one_sample_is_judged_alone():
    ev = FieldEvidence()
    ev.add([("credit_card", 0.8)])
    assert ev.verdict() == {"credit_card": 0.8}


def test_an_odd_chance_value_does_not_make_the_field():
    # a 16-digit order number passes Luhn and a card range now and then
    ev = FieldEvidence()
    for i in range(20):
        ev.add([("credit_card", 0.8)] if i == 7 else [])
    assert ev.verdict() == {}
    # ... while a field of card numbers, some of them unrecognised, stays a card field
    cards = FieldEvidence()
    for i in range(20):
        cards.add([("credit_card", 0.8)] if i % 4 else [])
    assert set(cards.verdict()) == {"credit_card"}


def test_a_proven_finding_holds_from_one_sample():
    # one leaked e-mail address in a comment field is a finding whatever surrounds it
    ev = FieldEvidence()
    for i in range(20):
        ev.add([("email", 0.95)] if i == 3 else [])
    assert set(ev.verdict()) == {"email"}


def test_detections_of_one_sample_count_once():
    ev = FieldEvidence()
    ev.add([("phone", 0.6), ("phone", 0.7)])
    assert ev.types["phone"].hits == 1
    assert ev.types["phone"].max_confidence == 0.7


def test_holds_edges():
    assert not holds(0, 1.0, 10)
    assert holds(1, 0.6, MIN_SAMPLES - 1)
    assert not holds(1, 0.6, MIN_SAMPLES)
    assert holds(5, 0.6, 10)
    assert not holds(4, 0.6, 10)
