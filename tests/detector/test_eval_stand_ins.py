"""Leaves the sets' labellers called stand-ins, and scoring with them left out."""

from __future__ import annotations

from detector.eval.__main__ import scores_without_stand_ins
from detector.eval.dataset import EvalDoc, load
from detector.eval.stand_ins import stand_in_paths


def _mati(body: object) -> EvalDoc:
    return EvalDoc("v11mati/verification", "v11/real", body, frozenset())


def test_a_hand_decided_stand_in_is_named_and_never_labelled() -> None:
    docs = load("v11")
    named = [(d, p) for d in docs for p in stand_in_paths(d)]
    assert any(p.endswith(".streetAddress") and d.family.startswith("v11bcgov/") for d, p in named)
    assert all(p not in {lp for lp, _ in d.labels} for d, p in named)


def test_a_path_is_left_out_only_when_every_value_on_it_is_a_stand_in() -> None:
    # v11's labeller called ``FIRST LAST`` under a full name a stand-in without a name's shape
    alone = {"items": [{"fullName": {"value": "FIRST LAST"}}]}
    assert stand_in_paths(_mati(alone)) == {"$.items[*].fullName.value"}
    mixed = {"items": [{"fullName": {"value": "FIRST LAST"}}, {"fullName": {"value": "Ana Souza"}}]}
    assert stand_in_paths(_mati(mixed)) == frozenset()


def test_a_stand_in_relabelled_by_the_one_convention_is_scored() -> None:
    # ``+919876543219`` (counting digits under a phone key) has a phone's shape: a label now
    shaped = {"items": [{"phone_number": "+919876543219"}]}
    doc = EvalDoc("v11care/users_user", "v11/real", shaped, frozenset())
    assert stand_in_paths(doc) == frozenset()


def test_a_set_without_hand_decisions_has_no_stand_ins() -> None:
    doc = load("v2dev")[0]
    assert stand_in_paths(doc) == frozenset()


def test_a_finding_on_a_stand_in_is_neither_a_hit_nor_a_false_alarm() -> None:
    body = {"fullName": {"value": "FIRST LAST"}, "name": "Order 7", "email": "a@b.org"}
    doc = EvalDoc("v11mati/verification", "v11/real", body, frozenset({("$.email", "email")}))
    found = {("$.fullName.value", "person_name", 0.95), ("$.name", "person_name", 0.8)}
    found |= {("$.email", "email", 0.99)}
    scores = scores_without_stand_ins([doc], [found])
    assert scores.fp == {"person_name": 1}
    assert scores.tp == {"email": 1}
    assert not scores.fn
