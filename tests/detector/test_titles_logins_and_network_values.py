"""Classes read on v11dev (session 12): names with a title or under a key that holds a
person, middle initials under any middle-name key, directory logins, legal forms written
last, coordinates printed by decimal columns, Cisco-notation numbers, resource locations
under key-named keys, seven bare digits in a company's name and IP addresses under keys that
say nothing of them."""

from __future__ import annotations

from typing import Any

import pytest

from detector import name_rules as nr
from detector import value_rules as vr
from detector.engine import DetectionEngine
from detector.name_lexicon import titled_name
from tests.detector.findings import found


@pytest.mark.parametrize(
    ("text", "titled"),
    [
        ("Dr. Chang", True),
        ("Mrs Emily Park", True),
        ("Prof. Rodriguez", True),
        ("Dr. Facility", False),  # no known name after the title
        ("Dr.", False),
        ("Chang", False),
        ("Dr. emily chang", False),
    ],
)
def test_titled_name(text: str, titled: bool) -> None:
    assert titled_name(text) is titled


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (
            {"fields": {"refering_facility_contact_name": "Dr. Chang"}},
            "$.fields.refering_facility_contact_name",
        ),
        ({"authorizedSignatory": "John Doe"}, "$.authorizedSignatory"),
        ({"officer": {"firstName": "Joe", "middleName": "P"}}, "$.officer.middleName"),
        ({"officer": {"prevMiddleInitial": "G"}}, "$.officer.prevMiddleInitial"),
    ],
)
def test_names_by_title_holder_key_and_middle_initial(
    engine: DetectionEngine, body: dict[str, Any], path: str
) -> None:
    assert (path, "person_name") in found(engine, body)


@pytest.mark.parametrize(
    "body",
    [
        {"signatory": {"givenName": "test", "familyName": "test"}},
        {"firstName": "Patch John AB"},
        {"stakeholder": {"firstName": "Nordic Shipping ASA"}},
    ],
)
def test_test_alone_and_companies_by_their_legal_form_are_no_names(
    engine: DetectionEngine, body: dict[str, Any]
) -> None:
    assert not {t for _, t in found(engine, body)} & {"person_name"}


def test_directory_logins_keep_their_case_but_not_an_organisations(
    engine: DetectionEngine,
) -> None:
    assert ("$.adAccount", "username") in found(engine, {"adAccount": "KalleAnka"})
    assert ("$.sAMAccountName", "username") in found(engine, {"sAMAccountName": "JSmith"})
    assert nr.login_by_key("adAccount", "KalleAnka")
    assert not nr.login_by_key("adAccount", "Put-Organization-AD")
    assert not nr.login_by_key("adAccount", "AD-1")


def test_a_coordinate_printed_with_sixteen_decimals(engine: DetectionEngine) -> None:
    body = {"fields": {"latitude": "18.2774285038890340", "longitude": "75.2139014820876600"}}
    assert found(engine, body) == {
        ("$.fields.latitude", "geo_location"),
        ("$.fields.longitude", "geo_location"),
    }


def test_ciscos_notation_in_digits_is_a_mac_only_under_a_mac_key(engine: DetectionEngine) -> None:
    assert vr.digits_in_fours("5550.0369.6888")
    assert not vr.digits_in_fours("00a0.c914.c829")
    assert not found(engine, {"processing": {"shortId": "5550.0369.6888"}})
    assert ("$.mac", "mac_address") in found(engine, {"mac": "5550.0369.6888"})
    assert ("$.id", "mac_address") in found(engine, {"id": "00a0.c914.c829"})


def test_a_location_under_a_key_named_key_is_no_secret(engine: DetectionEngine) -> None:
    assert not found(engine, {"api_key_uri": "/api_key/AKQErTmwedQqCLpCjeZG8sJQ"})
    url = "postgres://admin:s3cretP4ss@db.internal:5432/app"
    assert ("$.database_url", "secret_key") in found(engine, {"database_url": url})


def test_seven_bare_digits_in_a_company_name_are_no_phone(engine: DetectionEngine) -> None:
    assert not found(engine, {"legalName": "0870788 B.C. LTD."})
    note = {"note": "Call the office on +44 20 7946 0958 after nine"}
    assert ("$.note", "phone") in found(engine, note)


@pytest.mark.parametrize(
    ("body", "ip"),
    [
        ({"members": "127.0.0.1"}, True),
        ({"targets": ["192.168.10.40"]}, True),
        ({"dnsserver": "192.168.10.1"}, False),  # the network's own, fused words too
        ({"subnetmask": "255.255.255.0"}, False),
        ({"nexthop": "172.24.3.99"}, False),
        ({"members": "10.1.2.3"}, False),  # every part under 32: a version as often
    ],
)
def test_an_ip_address_by_its_value_under_a_key_that_says_nothing_of_it(
    engine: DetectionEngine, body: dict[str, Any], ip: bool
) -> None:
    assert any(t == "ip_address" for _, t in found(engine, body)) is ip


@pytest.mark.parametrize(
    ("text", "describes"),
    [
        ("mailing_address - address line one", True),
        ("Dummy Facility Address 2", True),
        ("Calle Dirección 5", True),
        ("3950 Helen Rd", False),
        ("Addressee Lane 4", False),
    ],
)
def test_a_line_that_describes_an_address_field_is_no_street(text: str, describes: bool) -> None:
    assert vr.not_personal_shape("street_address", text) is describes


def test_name_parts_under_other_languages_keys_whatever_stands_beside(
    engine: DetectionEngine,
) -> None:
    body = {"metadata": {"segundo_apellido": "Hegel", "apellido_materno": "Gómez"}}
    assert found(engine, body) == {
        ("$.metadata.segundo_apellido", "person_name"),
        ("$.metadata.apellido_materno", "person_name"),
    }
    # "child", a role word in a given name's slot: the convention's stand-in, as v10 labels it
    # (session 21; it was read as a kin word before)
    assert found(engine, {"navn": [{"fornavn": "BARN"}]}) == {("$.navn[*].fornavn", "person_name")}


def test_a_user_id_is_a_login_only_when_people_read_it() -> None:
    """Backlog's ``userId`` is the login. Sessions 12 and 13 kept ``userId`` an identifier's
    key, as v13 labels it; the one labelling convention (session 14) calls a readable login
    under any key a username, so session 15 follows it: the value decides."""
    assert nr.login_by_key("userId", "test_admin")
    assert not nr.login_by_key("userId", "user-456")
    assert not nr.login_by_key("userId", "deleted")


@pytest.mark.parametrize(
    ("value", "type_id"),
    [
        ("PNOEE-40504040001-MOCK-Q", "national_id"),
        ("PNOLT-30303039914", "national_id"),
        ("PASSE-AA1234567", "passport_number"),
        ("PNO-12345", None),  # no country
    ],
)
def test_etsi_natural_person_identifiers(value: str, type_id: str | None) -> None:
    found = vr.whole_value(value, "documentNumber", key_uninformative=False)
    assert (found[0] if found else None) == type_id


def test_a_place_is_no_person_but_a_role_in_a_names_parts_is_one(
    engine: DetectionEngine,
) -> None:
    """A role written in a name's parts (``Office Assistant``) was a stand-in until session 14;
    under the one labelling convention a test value in a name's shape is a name (session 15)."""
    assert not found(engine, {"jobs": [{"offices": [{"name": "New York", "id": 5}]}]})
    body = {"name": [{"family": "Assistant", "given": ["Office"]}]}
    assert ("$.name[*].family", "person_name") in found(engine, body)


def test_role_and_test_words_in_kana_are_no_names(engine: DetectionEngine) -> None:
    assert nr.never_a_name("あどみにさん")  # "Mr Admin"
    assert nr.never_a_name("テストユーザー")
    assert not nr.never_a_name("田中太郎")
    assert not found(engine, {"createdUser": {"id": 1, "name": "あどみにさん"}})
    assert found(engine, {"createdUser": {"id": 1, "name": "田中太郎"}}) == {
        ("$.createdUser.name", "person_name")
    }
