"""Names, salutations, birth dates and street lines as unseen vendors write them: a FHIR
name's prefix, a child's birth date, one given name under a key that says whose, names in CJK
script, and the values no person's name is (host names, countries, kinship words, companies by
their CJK legal form, run-together stand-ins)."""

from __future__ import annotations

from typing import Any

import pytest

from detector import engine as engine_module
from detector import name_rules as nr
from detector import value_rules as vr
from detector.engine import DetectionEngine
from detector.walker import walk
from tests.detector.findings import found


@pytest.mark.parametrize(
    ("value", "key", "gender"),
    [
        ("Mrs", "prefix", True),
        ("MR", "prefix", True),
        ("Miss", "namePrefix", True),
        ("Frau", "Anrede", True),
        ("Dr", "prefix", False),
        ("Mr", "title", False),  # a title is as often a job's: the model decides there
        ("+44", "prefix", False),
    ],
)
def test_salutation_by_key(value: str, key: str, gender: bool) -> None:
    assert vr.salutation_by_key(value, key) is gender


def test_a_fhir_patient_prefix_and_a_childs_birth_date(engine: DetectionEngine) -> None:
    body = {
        "resourceType": "Patient",
        "birthDate": "2014-06-01",
        "name": [{"family": "Smith", "given": ["Ann"], "prefix": ["Mrs"]}],
    }
    got = found(engine, body)
    assert ("$.name[*].prefix[*]", "gender") in got
    assert ("$.birthDate", "date_of_birth") in got


@pytest.mark.parametrize(
    ("body", "dob"),
    [
        ({"birthDate": "2026-01-02"}, True),  # a record made at birth
        ({"birthday": "2023-10-24 11:00:00"}, True),  # a day stored as a time, at a whole hour
        ({"dob": "2999-06-01"}, False),  # after today
        ({"birthDate": "2025-10-15T13:52:11Z"}, False),  # a record's own time
        ({"created_at": "2023-10-24 11:00:00"}, False),  # a whole hour, not a birth key
    ],
)
def test_birth_dates_up_to_today_under_a_key_that_names_one(
    engine: DetectionEngine, body: dict[str, str], dob: bool
) -> None:
    key = next(iter(body))
    assert ((f"$.{key}", "date_of_birth") in found(engine, body)) is dob


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("hkminorshort.weixin.qq.com", True),
        ("株式会社サンプル", True),
        ("father", True),
        ("Notarealname", True),
        ("Madeup", True),
        ("France", True),
        ("Germany", True),
        ("Georgia", False),
        ("Jordan", False),
        ("Dominique", False),
        ("Alice", False),
        ("Anne-Marie O'Neil", False),
        ("田中太郎", False),
    ],
)
def test_never_a_name(text: str, never: bool) -> None:
    assert nr.never_a_name(text) is never


@pytest.mark.parametrize(
    ("key", "company"),
    [("denominacao_social", True), ("razão_social", True), ("nomeFantasia", True),
     ("nome", False), ("social_name", False)],
)  # fmt: skip
def test_company_name_keys(key: str, company: bool) -> None:
    assert nr.key_names_company(key) is company


def test_companies_countries_and_hosts_under_name_keys_are_no_people(
    engine: DetectionEngine,
) -> None:
    body = {
        "denominacao_social": "FUNDO APLIC. QUOTAS DE F.I. SANTANDER CURTO PRAZO",
        "customer": {"name": "株式会社サンプル"},
        "identifier": {"assigner": {"display": "France"}},
        "http": {"hostname": "api.weixin.qq.com"},
        "employee_profile_rule": {"householder": "father"},
    }
    assert not {t for _, t in found(engine, body)} & {"person_name", "username"}


def test_one_given_name_under_a_key_that_says_whose(engine: DetectionEngine) -> None:
    body = {
        "ticket": {"requester_name": "Rachel", "responder_name": "William", "status": "open"},
        "taxRateRef": {"displayName": "Name"},
        "product_name": "Rachel",
    }
    assert found(engine, body) == {
        ("$.ticket.requester_name", "person_name"),
        ("$.ticket.responder_name", "person_name"),
    }


def test_names_in_cjk_script_under_a_persons_key(engine: DetectionEngine) -> None:
    body = {
        "charge_employee": {"id": 1, "display_name": "田中太郎"},
        "partner_bank_account_attributes": {
            "bank_name": "サンプル銀行",
            "account_name": "フリータロウ",
        },
    }
    got = found(engine, body)
    assert ("$.charge_employee.display_name", "person_name") in got
    assert ("$.partner_bank_account_attributes.account_name", "person_name") in got
    assert ("$.partner_bank_account_attributes.account_name", "username") not in got


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"charge_employee": {"display_name": "田中太郎"}}, True),
        ({"item": {"display_name": "東京"}}, False),  # no word says whose: the model decides
        ({"customer": {"name": "株式会社サンプル"}}, False),
        ({"ticket": {"requester_name": "Rachel"}}, True),
        ({"ticket": {"requester_name": "Leather"}}, False),
        ({"store": {"product_name": "Rachel"}}, False),
    ],
)
def test_named_person_rule(body: dict[str, Any], named: bool) -> None:
    (leaf,) = walk(body)
    assert engine_module._named_person(leaf) is named


@pytest.mark.parametrize(
    ("body", "street"),
    [
        ({"address": {"line1": "Rose Cottage", "postcode": "AB1 2CD"}}, True),
        ({"billingAddress": {"street": "Avenue", "city": "Paris"}}, False),
        (
            {"address_attributes": {"street_name1": "丸の内1-1", "street_name2": "freeeビル 10F"}},
            False,
        ),
    ],
)
def test_street_lines_house_names_and_stand_ins(
    engine: DetectionEngine, body: dict[str, Any], street: bool
) -> None:
    got = {p for p, t in found(engine, body) if t == "street_address"}
    if street:
        assert got
    else:
        assert not any(p.endswith(("street", "street_name2")) for p in got)


def test_a_medicare_beneficiary_identifier_by_its_fhir_system(engine: DetectionEngine) -> None:
    body = {
        "identifier": [{"system": "http://hl7.org/fhir/sid/us-mbi", "value": "1S00E00DC37"}],
        "other": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}],
    }
    got = found(engine, body)
    assert ("$.identifier[*].value", "national_id") in got
    assert ("$.other[*].value", "national_id") not in got


@pytest.mark.parametrize(
    ("key", "parent", "other"),
    [
        ("data_registro", "", True),
        ("data_inicio_situacao", "", True),
        ("bills_on", "", True),
        ("issued_at", "passport", True),
        ("data_nascimento", "", False),
        ("dateOfBirth", "", False),
        ("start", "birth", False),  # the parent speaks of the birth
        ("fecha_nac", "", False),
        ("value", "", False),
    ],
)
def test_date_keys_that_name_another_event(key: str, parent: str, other: bool) -> None:
    assert vr.key_names_other_event(key, parent) is other


def test_company_dates_in_portuguese_are_no_birth_dates(engine: DetectionEngine) -> None:
    body = {
        "cnpj": "00000000000191",
        "data_registro": "1997-12-05",
        "data_inicio_situacao": "1998-02-10",
        "socio": {"data_nascimento": "1961-03-02"},
    }
    got = {p for p, t in found(engine, body) if t == "date_of_birth"}
    assert got == {"$.socio.data_nascimento"}


def test_middle_initials_and_schema_enums(engine: DetectionEngine) -> None:
    body = {
        "filers": [{"firstName": "Ann", "middleInitial": "L", "lastName": "Svensen"}],
        "definitions": {"Student": {"properties": {"gender": {"enum": ["Male", "Female"]}}}},
        "entity": {"gender": "Undecided"},
    }
    got = found(engine, body)
    assert ("$.filers[*].middleInitial", "person_name") in got
    assert not any(p.startswith("$.definitions") for p, _ in got)
    assert ("$.entity.gender", "gender") in got


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"nameOnSchoolRecord": {"lastName": "Saxena"}}, True),  # a name part under any parent
        ({"first_name": {"label": "First name", "value": "Alan"}}, True),  # a label/value pair
        ({"order": {"first_name": "Demo"}}, False),  # a role word stands in
        ({"contact": {"firstName": "Foo"}}, False),  # a metasyntactic word
        ({"neighbor_name": "Musa"}, True),
    ],
)
def test_name_parts_whatever_their_parent(body: dict[str, Any], named: bool) -> None:
    leaves = [leaf for leaf in walk(body) if leaf.key != "label"]
    assert engine_module._named_person(leaves[-1]) is named


@pytest.mark.parametrize("text", ["No", "yes", "bgp-peer"])
def test_answers_and_joined_lower_words_are_no_names(text: str) -> None:
    assert nr.never_a_name(text) or nr.lower_word_unowned("name", text, "bgp_peer")


@pytest.mark.parametrize(
    ("text", "pair"),
    [("23.7984 90.4019 0 25", True), ("+45.4215,+75.6972", True), ("45.4215, 75.6972", True),
     ("123.4567 12.3456", False), ("1.5 2.5", False), ("23.7984 90.4019 0 25 7", False)],
)  # fmt: skip
def test_geo_pairs_with_signs_and_odk_geopoints(text: str, pair: bool) -> None:
    from detector import validators as v

    assert v.is_geo_pair(text) is pair


def test_kin_words_of_other_languages_are_no_names() -> None:
    for word in ("EKTEFELLE", "Ehefrau", "cónyuge", "hija"):
        assert nr.never_a_name(word), word


@pytest.mark.parametrize(
    "record",
    [
        {"name": "Bilbo Bolseiro", "email": "bilbo@lotr.com"},  # the address repeats a word
        {"name": "Leia Organa", "email": "leia.organa@sw.com"},
        {"EmailAddress": "person@example.com", "Name": "Person One"},  # a test person
        {"name": "Admin One", "email": "admin1@example.com"},
    ],
)
def test_a_contact_records_name_is_its_owners(engine: DetectionEngine, record: Any) -> None:
    key = next(k for k in record if "mail" not in k.lower())
    assert (f"$.{key}", "person_name") in found(engine, record)


@pytest.mark.parametrize(
    "record",
    [
        {"name": "Support Team", "email": "support@acme.com"},
        {"name": "Signer", "email": "signer@example.com"},  # a role alone
        {"name": "Demo Openpay", "email": "demo@example.com"},  # a stand-in word repeated
        {"name": "Acme Widgets", "email": "sales@acme.com"},  # the domain is no owner
    ],
)
def test_no_owners_name_beside_an_e_mail(engine: DetectionEngine, record: Any) -> None:
    assert {t for _, t in found(engine, record)} == {"email"}


@pytest.mark.parametrize(
    "value",
    ["Summer Party", "Gold Members", "Daily Schedule", "Operating Area", "Welcome Bonus",
     "General Agreement Specification", "Accident Site"],
)  # fmt: skip
def test_an_events_plans_or_areas_name_is_no_persons(engine: DetectionEngine, value: str) -> None:
    assert vr.not_personal_shape("person_name", value)
    assert found(engine, {"events": [{"name": value}]}) == set()
    assert not vr.not_personal_shape("person_name", "Jonathan Party-Smith")


def test_an_addresss_value_and_a_redacted_one_are_no_persons_names(engine: DetectionEngine) -> None:
    assert nr.key_names_place_part("claimantAddress")
    assert found(engine, {"claimant": {"claimantAddress": "Tanjung Duren"}}) == set()
    assert found(engine, {"card_holder_name": "EXAMPLE REDACTED"}) == set()
    assert found(engine, {"card_holder_name": "Jane Redd"}) == {
        ("$.card_holder_name", "person_name")
    }


def test_a_persons_name_key_and_an_addressees_name(engine: DetectionEngine) -> None:
    # the key model reads the parent's ``charge payment`` and gives the key to no one
    assert found(engine, {"chargePayment": {"customer_name": "Frodo Bolseiro"}}) == {
        ("$.chargePayment.customer_name", "person_name")
    }
    assert ("$.pickup_address.name", "person_name") in found(
        engine, {"pickup_address": {"name": "John Doe", "line_1": "711 Nulla St."}}
    )
    assert found(engine, {"pickup_address": {"name": "Main Warehouse"}}) == set()
