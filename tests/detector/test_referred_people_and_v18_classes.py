"""Classes read on v18dev and v19dev in session 15 (after both sets were scored sealed): the
``name`` of a reference to an individual (TM Forum's ``relatedParty[*].partyOrPartyRole``
with ``"@referredType": "Individual"``), a variable's name as a credential (``password:
"auth_password"``), one digit repeated as a phone, birth dates before 1900 and two-digit sex
codes under sure keys; and, with v7 to v15 relabelled by the one convention, test values
written as names under name keys (``Test Customer``) as names. From v19dev: templates in single
braces (``{access_token}``) as placeholders, an address addition as no street line, ``abartn``
as a routing number's key. And a lower-case name under a fused name-part key (``firstname:
"kim"``), a contact's name led by a given name, and a year or a short run of one digit as no
bank account."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine
from detector.walker import walk
from tests.detector.findings import found


def _party(name: str, kind: str) -> dict[str, Any]:
    return {"role": "user", "partyOrPartyRole": {"id": "9", "name": name, "@referredType": kind}}


def test_the_walker_hints_a_reference_to_an_individual() -> None:
    leaves = walk({"party": {"name": "Louise", "@referredType": "Individual", "id": "9"}})
    assert {leaf.hint for leaf in leaves} == {"Person"}


@pytest.mark.parametrize("name", ["Rian Muray", "Louise", "Jack Simion", "Mandy brown"])
def test_the_name_of_a_referred_individual_is_a_persons(engine: DetectionEngine, name: str) -> None:
    body = {"relatedParty": [_party(name, "Individual")]}
    assert ("$.relatedParty[*].partyOrPartyRole.name", "person_name") in found(engine, body)


def test_the_name_of_a_referred_organisation_is_not(engine: DetectionEngine) -> None:
    body = {"relatedParty": [_party("Jean Pontus", "Organization")], "note": "Visit to store"}
    assert ("$.relatedParty[*].partyOrPartyRole.name", "person_name") not in found(engine, body)


def test_a_thing_named_under_a_referred_individual_stays_a_thing(engine: DetectionEngine) -> None:
    body = {"party": {"name": "Premium Support Plan", "@referredType": "Individual"}}
    assert ("$.party.name", "person_name") not in found(engine, body)


@pytest.mark.parametrize(
    ("key", "value"),
    [("password", "auth_password"), ("portal_password", "portal_password"),
     ("username", "auth_username"), ("wifi_password", "main_password")],
)  # fmt: skip
def test_a_variables_name_is_no_credential(engine: DetectionEngine, key: str, value: str) -> None:
    assert found(engine, {"endpoint": {key: value, "uri": "https://example.org/hook"}}) == set()


def test_a_weak_password_is_still_one(engine: DetectionEngine) -> None:
    assert ("$.password", "password") in found(engine, {"password": "hunter2", "user": 1})


def test_one_digit_repeated_is_no_phone_unless_the_key_says_phone(
    engine: DetectionEngine,
) -> None:
    body = {"subscriber": {"groupNumber": "111111111111111", "planNumber": "1111111"}}
    assert not {t for _, t in found(engine, body)} & {"phone"}
    assert ("$.phone", "phone") in found(engine, {"phone": "5555555555"})


def test_a_birth_date_before_1900_under_a_sure_key(engine: DetectionEngine) -> None:
    body = {"subscriber": {"firstName": "Ann", "dateOfBirth": "1880-01-02"}}
    assert ("$.subscriber.dateOfBirth", "date_of_birth") in found(engine, body)
    assert ("$.founded", "date_of_birth") not in found(engine, {"founded": "1880-01-02"})


@pytest.mark.parametrize("code", ["10", "11", "12", "99", "1"])
def test_a_two_digit_sex_code_under_a_sure_key(engine: DetectionEngine, code: str) -> None:
    assert ("$.data.sex", "gender") in found(engine, {"data": {"sex": code, "id": 7}})


def test_two_digits_where_the_key_does_not_say_sex(engine: DetectionEngine) -> None:
    assert found(engine, {"index": "10", "count": "11"}) == set()


@pytest.mark.parametrize(
    ("key", "value"),
    [("first_name", "Test"), ("last_name", "Contact"), ("customer_name", "Test Customer"),
     ("lastName", "User"), ("full_name", "Person One")],
)  # fmt: skip
def test_a_stand_in_with_a_names_shape_under_a_name_key_is_a_name(
    engine: DetectionEngine, key: str, value: str
) -> None:
    """The one labelling convention: a test value written as a name is the field's type."""
    assert (f"$.{key}", "person_name") in found(engine, {key: value, "id": 7})


@pytest.mark.parametrize("value", ["Unknown", "First", "Name", "TEST", "API User", "Dummy"])
def test_a_value_that_names_no_one_or_the_field_is_not(engine: DetectionEngine, value: str) -> None:
    assert ("$.first_name", "person_name") not in found(engine, {"first_name": value})


def test_a_role_word_under_a_name_key_of_a_thing_is_not(engine: DetectionEngine) -> None:
    body = {"company_name": "Test Customer", "plan": {"name": "Test User", "price": 10}}
    assert not {t for _, t in found(engine, body)} & {"person_name"}


@pytest.mark.parametrize("value", ["{access_token}", "{refresh_token}", "{api.key}"])
def test_a_template_in_single_braces_is_a_placeholder(value: str) -> None:
    from detector.validators import is_placeholder

    assert is_placeholder(value)
    assert not is_placeholder("{not a template}")


def test_an_address_addition_is_no_street_line(engine: DetectionEngine) -> None:
    body = {"billing_address": {"street": "Schönhauser Allee 12", "street_addition": "Hinterhaus"}}
    result = found(engine, body)
    assert ("$.billing_address.street", "street_address") in result
    assert ("$.billing_address.street_addition", "street_address") not in result


def test_an_aba_routing_number_under_abartn(engine: DetectionEngine) -> None:
    body = {"details": {"abartn": "064000020", "accountNumber": "000123456789"}}
    assert ("$.details.abartn", "bank_account") in found(engine, body)


@pytest.mark.parametrize("key", ["firstname", "lastname", "middlename", "givenname"])
def test_a_lower_case_name_under_a_fused_name_part_key(engine: DetectionEngine, key: str) -> None:
    assert (f"$.{key}", "person_name") in found(engine, {key: "kim", "tenantDomain": "abc.com"})


def test_a_lower_case_word_under_a_things_name_is_not(engine: DetectionEngine) -> None:
    assert found(engine, {"dbname": "defaultdb", "winner": "white"}) == set()


def test_a_contacts_name_led_by_a_given_name(engine: DetectionEngine) -> None:
    body = {"relatedContactInformation": [{"name": "John Example", "role": "buyerContact"}]}
    assert ("$.relatedContactInformation[*].name", "person_name") in found(engine, body)
    thing = {"relatedContactInformation": [{"name": "Network Operations", "role": "noc"}]}
    assert found(engine, thing) == set()


@pytest.mark.parametrize(("key", "value"), [("cohort", "2021"), ("patientAccountNumber", "11111")])
def test_a_year_or_a_short_digit_run_is_no_bank_account(
    engine: DetectionEngine, key: str, value: str
) -> None:
    assert ("$.attributes." + key, "bank_account") not in found(
        engine, {"attributes": {key: value}}
    )


def test_an_account_number_is_still_one(engine: DetectionEngine) -> None:
    body = {"bank": {"account_number": "000123456789", "routing_number": "021000021"}}
    assert ("$.bank.account_number", "bank_account") in found(engine, body)
