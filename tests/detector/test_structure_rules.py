"""Names found by a published structure: the EU DCC's name group, SCIM's formatted name."""

from __future__ import annotations

from typing import Any

import pytest

from detector import name_rules as nr
from detector.engine import DetectionEngine
from tests.detector.findings import found

# the EU DCC specification's own example person
_DCC = {
    "ver": "1.3.0",
    "nam": {
        "fn": "Musterfrau-Gößinger",
        "fnt": "MUSTERFRAU<GOESSINGER",
        "gn": "Gabriele",
        "gnt": "GABRIELE",
    },
    "dob": "1998-02-26",
}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("fnt", "MUSTERFRAU<GOESSINGER"),
        ("gnt", "PETER<PAUL<MARIA"),
        ("fn", "Musterfrau-Gößinger"),
        ("gn", "Peter Paul Maria"),
        ("fn", "D'Arcy"),
    ],
)
def test_dcc_name_values_as_the_schema_writes_them(key: str, value: str) -> None:
    assert nr.dcc_name_value(key, value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("fnt", "Musterfrau"),  # not transliterated: lower case
        ("gnt", "GABRIELE 2"),
        ("fn", "handler_42"),
        ("gn", "x"),
        ("dob", "1998-02-26"),
        ("fn", 7),
    ],
)
def test_dcc_name_values_refused(key: str, value: object) -> None:
    assert not nr.dcc_name_value(key, value)


def test_dcc_name_group_is_a_persons_name(engine: DetectionEngine) -> None:
    got = found(engine, {"JSON": _DCC})
    for key in ("fn", "fnt", "gn", "gnt"):
        assert (f"$.JSON.nam.{key}", "person_name") in got


def test_lookalike_keys_without_the_schemas_group_are_no_names(engine: DetectionEngine) -> None:
    # ``fn``/``gn`` without the required ``fnt`` beside them: a function's and a group's name
    assert not found(engine, {"job": {"fn": "Transform", "gn": "Nightly"}})
    # the group's keys with values the schema does not write (code, lower case)
    body = {"nam": {"fn": "fn_7", "fnt": "transform.py", "gn": "step-1"}}
    assert not {p for p, t in found(engine, body) if t == "person_name"}


def test_scim_formatted_name_beside_its_parts(engine: DetectionEngine) -> None:
    # RFC 7643's example user
    body = {
        "name": {
            "formatted": "Ms. Barbara J Jensen, III",
            "familyName": "Jensen",
            "givenName": "Barbara",
        },
        "addresses": [{"formatted": "100 Universal City Plaza", "type": "work"}],
        "meta": {"formatted": "Release notes", "version": "2"},
    }
    got = found(engine, body)
    assert ("$.name.formatted", "person_name") in got
    assert ("$.addresses[*].formatted", "person_name") not in got
    assert ("$.meta.formatted", "person_name") not in got


def test_whatsapp_formatted_name_beside_its_parts(engine: DetectionEngine) -> None:
    body = {"contacts": [{"name": {"formatted_name": "John Smith", "first_name": "John"}}]}
    assert ("$.contacts[*].name.formatted_name", "person_name") in found(engine, body)
    # a formatted name with no name part beside it is left to the model and the key
    plain = {"file": {"formatted_name": "report-2024.pdf", "size": 10}}
    assert ("$.file.formatted_name", "person_name") not in found(engine, plain)


def test_a_relations_name_is_named_by_the_object_above(engine: DetectionEngine) -> None:
    team = {"requested_team": {"name": "Justice League", "parent": {"name": "Justice League"}}}
    got = found(engine, team)
    assert ("$.requested_team.parent.name", "person_name") not in got
    person = {"student": {"parent": {"full_name": "Harry Zhang"}}}
    assert ("$.student.parent.full_name", "person_name") in found(engine, person)


@pytest.mark.parametrize(
    ("body", "path", "type_id"),
    [
        ({"partyIdInfo": {"partyIdType": "MSISDN", "partyIdentifier": "16135551212"}},
         "$.partyIdInfo.partyIdentifier", "phone"),
        ({"grant": {"type": "Nip", "value": "7762811692"}}, "$.grant.value", "tax_id"),
        ({"contact": {"type": "EMAIL", "value": "a@b.example"}}, "$.contact.value", "email"),
    ],
)  # fmt: skip
def test_a_pairs_scheme_names_its_values_type(
    engine: DetectionEngine, body: dict[str, Any], path: str, type_id: str
) -> None:
    assert (path, type_id) in found(engine, body)


def test_a_pair_whose_scheme_names_no_type_stays_silent(engine: DetectionEngine) -> None:
    assert (
        found(engine, {"item": {"type": "product", "id": "A-1234", "value": "7762811692"}}) == set()
    )
