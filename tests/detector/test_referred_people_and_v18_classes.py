"""Classes read on v18dev and v19dev in session 15 (after both sets were scored sealed): the
``name`` of a reference to an individual (TM Forum's ``relatedParty[*].partyOrPartyRole``
with ``"@referredType": "Individual"``)."""

from __future__ import annotations

from typing import Any

from detector.engine import DetectionEngine
from detector.walker import walk


def found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


def _party(name: str, kind: str) -> dict[str, Any]:
    return {"role": "user", "partyOrPartyRole": {"id": "9", "name": name, "@referredType": kind}}


def test_the_walker_hints_a_reference_to_an_individual() -> None:
    leaves = walk({"party": {"name": "Louise", "@referredType": "Individual", "id": "9"}})
    assert {leaf.hint for leaf in leaves} == {"Person"}


def test_the_name_of_a_referred_individual_is_a_persons(engine: DetectionEngine) -> None:
    body = {"relatedParty": [_party("Rian Muray", "Individual"), _party("Louise", "Individual")]}
    assert ("$.relatedParty[*].partyOrPartyRole.name", "person_name") in found(engine, body)


def test_the_name_of_a_referred_organisation_is_not(engine: DetectionEngine) -> None:
    body = {"relatedParty": [_party("Jean Pontus", "Organization")], "note": "Visit to store"}
    assert ("$.relatedParty[*].partyOrPartyRole.name", "person_name") not in found(engine, body)


def test_a_thing_named_under_a_referred_individual_stays_a_thing(engine: DetectionEngine) -> None:
    body = {"party": {"name": "Premium Support Plan", "@referredType": "Individual"}}
    assert ("$.party.name", "person_name") not in found(engine, body)
