"""Session 21's classes, read from v34dev and v35dev: a person's record by its phone or identity
number, full names in Cyrillic and under a login's key, organisations by their short form or
trade word, a place with the areas around it, file names that look like e-mail addresses,
Russia's SNILS and netmasks written fused."""

from __future__ import annotations

import pytest

from detector import validators as v
from detector import value_rules as vr
from detector.engine import DetectionEngine
from detector.name_lexicon import cyrillic_full_name
from tests.detector.findings import found


@pytest.mark.parametrize(
    ("sibling", "value"),
    [("phone", "+14155550123"), ("ssn", "11223344595"), ("birthDate", "1984-03-02")],
)
def test_a_name_beside_a_persons_phone_or_id_is_the_persons(
    engine: DetectionEngine, sibling: str, value: str
) -> None:
    body = {"data": {"name": "John Smith", "id": 7, sibling: value}}
    assert ("$.data.name", "person_name") in found(engine, body)
    assert ("$.data.name", "person_name") not in found(engine, {"data": {"name": "John Smith"}})
    shop = {"data": {"name": "Acme Store", sibling: value}}
    assert ("$.data.name", "person_name") not in found(engine, shop)


def test_a_cyrillic_full_name_in_a_persons_record(engine: DetectionEngine) -> None:
    body = {"data": {"name": "Алексей Арсеньев", "ssn": "11223344595"}}
    assert found(engine, body) == {("$.data.name", "person_name"), ("$.data.ssn", "national_id")}
    assert cyrillic_full_name("Иван Петрович Сидоров")
    assert not cyrillic_full_name("Зимняя шина")  # a thing: only its first word capitalised
    assert not cyrillic_full_name("Имя Отправителя")  # a form's label: the sender's name
    assert not cyrillic_full_name("Алексей")  # one word


def test_a_full_name_under_a_logins_key_is_a_name(engine: DetectionEngine) -> None:
    assert found(engine, {"creator": {"Username": "John Doe", "id": 5}}) == {
        ("$.creator.Username", "person_name")
    }
    assert found(engine, {"username": "jdoe"}) == {("$.username", "username")}
    assert not found(engine, {"userName": "Boat Sales"})  # a business's display name


@pytest.mark.parametrize(
    "text",
    [
        "Gas Transmission Northwest (GTN)",
        "LYBIA SOFT",
        "Acme Digital Media",
        "Tajinan, Kabupaten Malang, Jawa Timur",
        "Wyndham Royal Garden",
    ],
)
def test_organisations_and_places_are_no_persons_name(text: str) -> None:
    assert vr.not_personal_shape("person_name", text)


@pytest.mark.parametrize("text", ["John Smith", "Doe, John", "Filak, Vincent F.,", "O'Neil Smith"])
def test_names_keep_their_shape(text: str) -> None:
    assert not vr.not_personal_shape("person_name", text)


def test_file_names_with_a_resolution_suffix_are_no_addresses(engine: DetectionEngine) -> None:
    assert not v.is_email("home-bg@2x.png")
    assert not v.is_email("project1-uielements@2x.zip")
    assert v.is_email("jane@example.com")
    body = {"file_name": "listen-bg@2x.jpg", "files_url": "/rwmedia/project1-uielements@2x.zip"}
    assert not found(engine, body)


def test_snils_by_its_check_digits(engine: DetectionEngine) -> None:
    assert v.is_personal_id("112-233-445 95")
    assert not v.is_personal_id("11223344596")  # check digits off by one
    assert not v.is_personal_id("00100199800")  # issued without a check: any digits would do
    assert found(engine, {"person": {"ssn": "11223344595"}}) == {("$.person.ssn", "national_id")}
    assert not found(engine, {"person": {"ssn": "11223344596"}})


def test_a_fused_netmask_is_the_networks_own(engine: DetectionEngine) -> None:
    body = {"data": [{"ipv4": "10.1.2.3", "ipv4_subnetmask": "255.255.255.0"}]}
    assert found(engine, body) == {("$.data[*].ipv4", "ip_address")}
    assert vr.key_says_network_own("ipv4_subnetmask")
    assert not vr.key_names_address_holder("ipv4_subnetmask")


def test_a_middle_name_by_schema_orgs_word(engine: DetectionEngine) -> None:
    body = {"credentialSubject": {"givenName": "JOHN", "additionalName": "JACOB"}}
    assert ("$.credentialSubject.additionalName", "person_name") in found(engine, body)
    assert not found(engine, {"credentialSubject": {"additionalName": "Urgent"}})


def test_names_of_sports_and_games_are_things(engine: DetectionEngine) -> None:
    body = {"sports": [{"id": 1, "name": "Football"}, {"id": 2, "name": "Tennis"}]}
    assert not found(engine, body)
    assert not found(engine, {"data": {"game": {"name": "TESIII Morrowind"}}})


def test_a_yes_or_no_keys_value_is_a_flag(engine: DetectionEngine) -> None:
    body = {"sresp": {"agentProfiles": [{"isOnHold": "Active", "agentId": 7}]}}
    assert not found(engine, body)
    assert vr.key_says_outcome("has_ssn")
    assert not vr.key_says_outcome("issuer_name")


def test_a_geocoders_address_components_are_places(engine: DetectionEngine) -> None:
    parts = [
        {"long_name": "Harrison Avenue", "short_name": "Harrison Ave"},
        {"long_name": "Boston"},
    ]
    assert not found(engine, {"geocode": {"address_components": parts}})
    assert not found(engine, {"insurer": {"name": "John Smith"}})  # an insurer is a company
