"""Values a key names in forms the model's value features do not read: gender codes, password
hashes, bare street names, people under role keys, logins of a record's actor."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine
from detector.keyed_values import (
    actor_key,
    bare_street_by_key,
    gender_code_by_key,
    key_names_gender,
    password_hash_by_key,
    role_key,
)


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine.load_default()


def found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


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
