"""Classes read on v14dev and v15dev (session 13): a login or name key keeps its type under a
parent that turns the key model away, address families are no surnames, phone numbers with an
extension, a reference's display name of a person (FHIR), authors, also written surname first,
and the number of a payment account."""

from __future__ import annotations

import pytest

from detector import name_rules as nr
from detector import validators as v
from detector.engine import DetectionEngine, _forward_name
from tests.detector.findings import found


def test_a_login_key_keeps_its_type_under_an_action_parent(engine: DetectionEngine) -> None:
    body = {
        "post_action_users": [{"id": 1, "username": "john_smith", "username_lower": "john_smith"}],
        "user_actions": [{"acting_username": "testuser", "target_username": "fuzzy"}],
    }
    got = found(engine, body)
    for path in (
        "$.post_action_users[*].username",
        "$.post_action_users[*].username_lower",
        "$.user_actions[*].acting_username",
        "$.user_actions[*].target_username",
    ):
        assert (path, "username") in got


def test_generic_keys_stay_with_their_parent(engine: DetectionEngine) -> None:
    body = {
        "blog": {"handle": "test-blog", "title": "News"},
        "invoice": {"number": "LAG-1234-001-002"},
        "entities": {"otherUser": "deleted"},
    }
    assert found(engine, body) == set()


@pytest.mark.parametrize("family", ["inet", "inet6", "IPv4", "AF_INET6"])
def test_an_address_family_is_no_surname(engine: DetectionEngine, family: str) -> None:
    assert nr.never_a_name(family)
    body = {"server": {"public_ip": {"address": "51.15.10.2", "family": family}}}
    assert found(engine, body) == {("$.server.public_ip.address", "ip_address")}


def test_a_fhir_family_name_stands(engine: DetectionEngine) -> None:
    body = {"name": [{"use": "official", "family": "Shaw", "given": ["Amy"]}]}
    assert ("$.name[*].family", "person_name") in found(engine, body)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("(305) 708-4546 x02952", True),
        ("952.326.8481 x331", True),
        ("+1 415 555 2671 ext. 12", True),
        ("415-555-2671", True),
        ("12345 x1", False),  # too few digits before the extension
        ("x123", False),
    ],
)
def test_an_extension_after_a_number(text: str, phone: bool) -> None:
    assert v.is_phone(text) is phone


def test_a_phone_with_an_extension_is_found(engine: DetectionEngine) -> None:
    body = {"telecom": [{"system": "phone", "value": "(305) 708-4546 x02952", "use": "home"}]}
    assert found(engine, body) == {("$.telecom[*].value", "phone")}


def test_a_references_display_name_of_a_person(engine: DetectionEngine) -> None:
    body = {
        "subject": {"reference": "Patient/123", "display": "Amy V. Shaw"},
        "performer": [{"reference": "Practitioner/9", "display": "Brenda Jennings"}],
        "encounter": {"reference": "Encounter/5", "display": "Office Visit"},
        "location": {"reference": "Location/2", "display": "Amy Shaw Clinic"},
    }
    assert found(engine, body) == {
        ("$.subject.display", "person_name"),
        ("$.performer[*].display", "person_name"),
    }


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        ("Quattrone, Frank D.", "Frank Quattrone"),
        ("Filak, Vincent F.,", "Vincent Filak"),
        ("Bretin Herrero, Constantino.", "Constantino Bretin Herrero"),
        ("Frank Quattrone", "Frank Quattrone"),
        ("a, b", "a, b"),
    ],
)
def test_a_catalogues_surname_first_name_reads_forward(text: str, forward: str) -> None:
    assert _forward_name(text) == forward


def test_authors_are_people(engine: DetectionEngine) -> None:
    body = {
        "bib_data": {"author": "Quattrone, Frank D.", "title": "A Book"},
        "post": {"author": "Jane Smith"},
        "commit": {"author": "octocat"},
        "city": {"name": "Paris, France"},
    }
    assert found(engine, body) == {
        ("$.bib_data.author", "person_name"),
        ("$.post.author", "person_name"),
    }


def test_a_payment_accounts_number_is_a_bank_account_not_an_ssn(engine: DetectionEngine) -> None:
    body = {
        "data": [
            {
                "recipient_account": {"holder_id": "404276727", "number": "420650469"},
                "sender_account": {"number": "590331532"},
            }
        ],
        "loyalty_account": {"number": "12901014"},
    }
    assert found(engine, body) == {
        ("$.data[*].recipient_account.number", "bank_account"),
        ("$.data[*].sender_account.number", "bank_account"),
    }
