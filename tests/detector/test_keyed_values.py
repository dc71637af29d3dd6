"""Values a key names in forms the model's value features do not read: gender codes, password
hashes, bare street names, people under role keys, logins of a record's actor."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine
from detector.keyed_values import (
    actor_key,
    animals_field,
    bare_street_by_key,
    degrees_minutes_by_key,
    gender_code_by_key,
    key_names_gender,
    localised_name_part,
    login_by_key_end,
    name_part_key,
    password_hash_by_key,
    role_key,
    shaped_name_stand_in,
    tax_amount_key,
    titled_person,
)
from tests.detector.findings import found


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine.load_default()


@pytest.mark.parametrize("key", ["gender", "sex", "genderCode", "cliente_sexo", "Geschlecht"])
def test_gender_keys(key: str) -> None:
    assert key_names_gender(key)


@pytest.mark.parametrize("key", ["genders", "gender_ratio", "sex_offender_flag", "count", "sexy"])
def test_keys_that_name_no_gender(key: str) -> None:
    assert not key_names_gender(key)


def test_gender_code_is_a_small_integer_under_a_gender_key() -> None:
    assert gender_code_by_key(1, "sex")
    assert gender_code_by_key(0, "gender")
    assert not gender_code_by_key(12, "gender")
    assert not gender_code_by_key(True, "gender")
    assert not gender_code_by_key(1, "count")


def test_gender_codes_are_found(engine: DetectionEngine) -> None:
    body = {"user": {"sex": 1, "age_bracket": 2}, "gender": 0, "items": 2}
    assert found(engine, body) == {("$.user.sex", "gender"), ("$.gender", "gender")}


@pytest.mark.parametrize(
    "value",
    [
        "$2y$10$3q81nABSmQzwiGaWUBD6Y.UHguEtBJ2PGH/l4Sy5FPW9FfPV5Lx0a",
        "$argon2id$v=19$m=65536,t=3,p=4$iXZMAhHdjgNaOEZYErSQNA$tDz6aVwWp80xfuTEFOa",
        "pbkdf2_sha256$12000$zaz1v370q51a$ipNrjQCWNOAmdFsHWPHHZ1i1+5hxF5LxHZ+VfFZ9mrM=",
        "$6$rounds=5000$saltsalt$Zm9vYmFyYmF6cXV4",
    ],
)
def test_password_hashes_under_password_keys(engine: DetectionEngine, value: str) -> None:
    assert password_hash_by_key(value, "password_hash")
    assert found(engine, {"password": value}) == {("$.password", "password")}


def test_a_hash_under_another_key_is_no_password() -> None:
    assert not password_hash_by_key("$2y$10$3q81nABSmQzwiGaWUBD6Y.UHguEtBJ2PGH/l4Sy5FPW", "etag")
    assert not password_hash_by_key("hunter2", "password")


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Croydon Rd", "address"),
        ("Little Portland Street", "destinationAddress"),
        ("Hauptstraße", "street"),
        ("Rue de Rivoli", "shipping_address"),
    ],
)
def test_bare_streets_under_address_keys(value: str, key: str) -> None:
    assert bare_street_by_key(value, key)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Main Street", "email_address"),
        ("Green Gardens", "address"),
        ("Croydon Rd", "city"),
        ("12 Croydon Rd", "address"),  # a street line: `address_line_by_key` reads it
        ("Acme Road Haulage Limited Partnership Group", "address"),
    ],
)
def test_no_bare_street(value: str, key: str) -> None:
    assert not bare_street_by_key(value, key)


def test_bare_street_is_found(engine: DetectionEngine) -> None:
    body = {"destination": {"address": "Hillside Avenue", "city": "London"}}
    assert found(engine, body) == {("$.destination.address", "street_address")}


@pytest.mark.parametrize(
    "key", ["instructor", "serviceAdvisor", "finance_manager", "salesRep", "reportedBy", "PIC"]
)
def test_role_keys(key: str) -> None:
    assert role_key(key)


@pytest.mark.parametrize("key", ["manager_id_list_of_all", "status", "standby", "by", "sortBy"])
def test_keys_that_hold_no_role(key: str) -> None:
    assert not role_key(key)


def test_actor_keys() -> None:
    assert actor_key("lastUpdatedBy")
    assert actor_key("approved_by")
    assert not actor_key("groupBy")
    assert not actor_key("by")


def test_full_names_under_role_keys(engine: DetectionEngine) -> None:
    body = {
        "workshop": {"serviceAdvisor": "David Eko", "financeManager": "Kate Austin"},
        "instructor": "Emily Davis",
        "reportedBy": "Nico Natalie",
    }
    assert found(engine, body) == {
        ("$.workshop.serviceAdvisor", "person_name"),
        ("$.workshop.financeManager", "person_name"),
        ("$.instructor", "person_name"),
        ("$.reportedBy", "person_name"),
    }


def test_things_under_role_keys_are_no_names(engine: DetectionEngine) -> None:
    body = {
        "owner": "Acme Inc",
        "contact": "Support Team",
        "agent": "Mozilla/5.0",
        "manager": "Resource Manager",
        "driver": "nvidia",
    }
    assert {t for _, t in found(engine, body)} <= {"username"}
    assert ("$.owner", "person_name") not in found(engine, body)


def test_logins_of_a_records_actor(engine: DetectionEngine) -> None:
    body = {"attribution": {"createdBy": {"name": "bukl.till"}, "lastUpdatedBy": {"name": "j_doe"}}}
    assert found(engine, body) == {
        ("$.attribution.createdBy.name", "username"),
        ("$.attribution.lastUpdatedBy.name", "username"),
    }


@pytest.mark.parametrize(
    "key", ["firstName", "last_name", "customer_full_name", "Nachname", "apellido", "LNAME"]
)
def test_name_part_keys(key: str) -> None:
    assert name_part_key(key)


@pytest.mark.parametrize("key", ["name", "corp_full_name", "company_name", "file_name", "first"])
def test_keys_of_no_name_part(key: str) -> None:
    assert not name_part_key(key)


@pytest.mark.parametrize(
    "value", ["Demo User", "Foo", "Testy 2", "McTester 2", "asdasd", "Admin", "champ1 One"]
)
def test_stand_ins_written_as_names_in_a_name_slot(value: str) -> None:
    assert shaped_name_stand_in(value, "firstName")


@pytest.mark.parametrize(
    "value",
    ["firstName", "First Name", "My First Name", "My String", "xxx", "N/A", "Unknown",
     "FN1476935164020", "{{first_name}}", "Moip Sandbox", "fname lname", "x", "API",
     "API User", "Test", "Nordic Shipping ASA", "Dummy"],
)  # fmt: skip
def test_values_of_a_name_slot_that_name_no_one(value: str) -> None:
    assert not shaped_name_stand_in(value, "firstName")


def test_stand_ins_in_name_slots_are_found(engine: DetectionEngine) -> None:
    body = {
        "recipient": {"first_name": "Testy 2", "last_name": "McTester 2"},
        "data": {"firstName": "Demo User", "lastName": "My Last Name", "fullName": "N/A"},
    }
    assert found(engine, body) == {
        ("$.recipient.first_name", "person_name"),
        ("$.recipient.last_name", "person_name"),
        ("$.data.firstName", "person_name"),
    }


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("64 54.500", "lat"),
        ("-23 04.000", "lng"),
        ("40°26'46\"N", "latitude"),
        ("40° 26.7' N", "lat"),
    ],
)
def test_coordinates_in_degrees_and_minutes(value: str, key: str) -> None:
    assert degrees_minutes_by_key(value, key)


@pytest.mark.parametrize(
    ("value", "key"),
    [("64 54.500", "amount"), ("95 10.0", "lat"), ("40 75.0", "lng"), ("N 40", "lat")],
)
def test_no_coordinate_in_degrees_and_minutes(value: str, key: str) -> None:
    assert not degrees_minutes_by_key(value, key)


@pytest.mark.parametrize(
    "value", ["Dr. Estranho", "Mr T. McTester", "Mrs Okonkwo-Bell", "Sr. Pérez"]
)
def test_titled_people(value: str) -> None:
    assert titled_person(value)


@pytest.mark.parametrize(
    "value", ["Dr.", "Mr T", "Drive Thru", "Mrs smith", "Dr. Pepper is a drink"]
)
def test_no_titled_person(value: str) -> None:
    assert not titled_person(value)


def test_titled_names_under_person_keys(engine: DetectionEngine) -> None:
    body = {"calendar": {"doctorName": "Dr. Estranho"}, "note": [{"author": "Mr. N. Bene"}]}
    assert found(engine, body) == {
        ("$.calendar.doctorName", "person_name"),
        ("$.note[*].author", "person_name"),
    }


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Doe", "createdByUsername"),
        ("max.mustermann", "customer_user_name"),
        ("jgarcia", "login_name"),
    ],
)
def test_logins_under_compound_login_keys(value: str, key: str) -> None:
    assert login_by_key_end(value, key)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("portal_username", "portal_username"),
        ("mySecretUsername", "fallbackUsername"),
        ("user", "createdByUsername"),
        ("Doe", "username"),  # a bare key: the model and `name_rules.login_by_key` decide
        ("john smith", "createdByUsername"),
        ("3f2a9c1e7b", "ownerUsername"),
    ],
)
def test_no_login_under_compound_login_keys(value: str, key: str) -> None:
    assert not login_by_key_end(value, key)


def test_name_parts_written_per_language(engine: DetectionEngine) -> None:
    body = {"first_name": {"en": "Tarou", "ja": "太郎"}, "last_name": {"ja": "山田"}}
    assert found(engine, body) == {
        ("$.first_name.en", "person_name"),
        ("$.first_name.ja", "person_name"),
        ("$.last_name.ja", "person_name"),
    }
    assert localised_name_part("太郎", "ja", "first_name")
    assert not localised_name_part("Tokyo", "ja", "city")
    assert not localised_name_part("Nombre", "es", "first_name")


def test_a_name_under_an_actor_by_user_key(engine: DetectionEngine) -> None:
    assert actor_key("chargedByUser")
    assert ("$.chargedByUser", "person_name") in found(engine, {"chargedByUser": "Freddy Muggins"})


def test_an_animals_name_birth_date_and_sex_are_no_persons(engine: DetectionEngine) -> None:
    body = {
        "owner": {"first_name": "Anna", "last_name": "Bell", "gender": "f"},
        "pets": [{"name": "Milo", "gender": "m", "birthdate": "2018-06-02"}],
        "pet": {"name": "Pumpkin", "sex": "f", "date_of_birth": "2012-01-05"},
    }
    assert found(engine, body) == {
        ("$.owner.first_name", "person_name"),
        ("$.owner.last_name", "person_name"),
        ("$.owner.gender", "gender"),
    }
    assert animals_field("pets")
    assert not animals_field("owner")


def test_a_tax_as_an_amount_is_no_tax_number(engine: DetectionEngine) -> None:
    body = {"VAT": 252500, "registration_tax": 200000, "vat_number": "DE123456789"}
    assert found(engine, body) == {("$.vat_number", "tax_id")}
    assert tax_amount_key("VAT", 252500)
    assert not tax_amount_key("VAT", "DE123456789")


def test_coordinates_of_a_geojson_geometry(engine: DetectionEngine) -> None:
    body = {"geometry": {"type": "Point", "coordinates": [-80.0, 25.0]}}
    assert found(engine, body) == {("$.geometry.coordinates[*]", "geo_location")}


def test_headings_and_field_words_in_name_slots_are_no_names(engine: DetectionEngine) -> None:
    body = {
        "structured_info": {"good_to_know": {"name": "Good To Know"}},
        "where": {"name": "Where Do I Go"},
        "user": {"first_name": "Nombre", "last_name": "Apellido Factura"},
    }
    assert not {t for _, t in found(engine, body)} & {"person_name"}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"postanschrift": "Musterstraße 1"}, "$.postanschrift"),
        ({"Lieferadresse": "Hauptstraße"}, "$.Lieferadresse"),
        ({"rechnungsanschrift": "Hauptstraße 5"}, "$.rechnungsanschrift"),
        (
            {"address": {"full": "880 Harrison St., San Francisco, 94107, CA, United States"}},
            "$.address.full",
        ),
        (
            {"billing_address": {"formatted": "Piccadilly Circus, London, UK"}},
            "$.billing_address.formatted",
        ),
    ],
)
def test_fused_postal_keys_and_an_address_written_out_under_one(
    engine: DetectionEngine, body: dict[str, Any], path: str
) -> None:
    assert found(engine, body) == {(path, "street_address")}


def test_no_fused_postal_key(engine: DetectionEngine) -> None:
    assert found(engine, {"Mailadresse": "Hauptstrasse 1"}) == set()  # an e-mail's key
    assert found(engine, {"ipadresse": "Hauptstrasse"}) == set()
    assert found(engine, {"product": {"full": "880 Harrison St., San Francisco, CA, US"}}) == set()


def test_a_name_part_in_a_script_and_a_written_name_under_a_full_name_key(
    engine: DetectionEngine,
) -> None:
    assert name_part_key("first_name_furi")
    assert name_part_key("lastNameKana")
    assert not name_part_key("company_name_kana")
    assert found(engine, {"first_name_furi": {"ja": "たろう"}, "last_name_kana": "ヤマダ"}) == {
        ("$.first_name_furi.ja", "person_name"),
        ("$.last_name_kana", "person_name"),
    }
    # the key model reads a login in ``user``; the key names a full name
    assert found(engine, {"user_full_name": "Test User"}) == {("$.user_full_name", "person_name")}
    assert found(engine, {"user_name": "Test User"}) == set()
    assert role_key("bank_account_holder")
