"""Classes read on v16dev and v17dev (session 14, the first sets under the one labelling
convention): the login of the user who made or changed a record, the person's name in a
mailbox (``Joe Smith <joe@example.com>``), an organisation's own number for a person that
fits an SSN's layout, and ledger account codes."""

from __future__ import annotations

import pytest

from detector import name_rules as nr
from detector import validators as v
from detector import value_rules as vr
from detector.engine import DetectionEngine
from tests.detector.findings import found


@pytest.mark.parametrize(
    "key", ["createdby", "created_by", "lastModifiedBy", "assigneduser", "regist_user_code"]
)
def test_a_login_under_a_key_of_who_acted_on_the_record(key: str) -> None:
    assert nr.login_by_key(key, "johnsmith")
    assert nr.login_by_key(key, "jdoe5")
    for not_a_login in ("system", "import", "9f86d081884c7d65", "usr_8f3a21c9", "John Smith"):
        assert not nr.login_by_key(key, not_a_login), not_a_login


@pytest.mark.parametrize("key", ["created", "updated_at", "createdAt", "modified", "by"])
def test_a_time_or_a_bare_word_is_no_actor_key(key: str) -> None:
    assert not nr.login_by_key(key, "johnsmith")


def test_the_engine_reports_the_acting_users_login(engine: DetectionEngine) -> None:
    body = {
        "notes": [{"noteid": 12, "createdby": "johnsmith", "notetext": "Called back"}],
        "regist_user_code": "yamakawa",
        "created_at": "2024-01-01T00:00:00Z",
        "createdBy": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    }
    got = found(engine, body)
    assert ("$.notes[*].createdby", "username") in got
    assert ("$.regist_user_code", "username") in got
    assert not any(p == "$.createdBy" for p, _ in got)  # a UUID is the user's id, not a login


def test_a_mailbox_display_name() -> None:
    assert v.mailbox_display_name("Joe Smith <joe@example.com>") == "Joe Smith"
    assert v.mailbox_display_name('"Bob Sacamano" <bob@example.com>') == "Bob Sacamano"
    for other in ("joe@example.com", "Joe <not an address>", "a <b> c@d.org", "<joe@example.com>"):
        assert v.mailbox_display_name(other) is None, other


def test_the_engine_reads_a_persons_name_in_a_mailbox(engine: DetectionEngine) -> None:
    body = {
        "Recipient": "Joe Smith <joesmith@example.com>",
        "From": "Acme Billing <billing@acme.example>",
        "To": ["Jane Doe <jane@example.org>", "ops@example.org"],
    }
    got = found(engine, body)
    assert {("$.Recipient", "email"), ("$.Recipient", "person_name")} <= got
    assert {("$.To[*]", "email"), ("$.To[*]", "person_name")} <= got
    assert ("$.From", "email") in got
    assert ("$.From", "person_name") not in got  # a company's name is no person's


def test_an_organisations_own_number_is_no_ssn(engine: DetectionEngine) -> None:
    assert vr.key_says_membership_number("student_number")
    assert vr.key_says_membership_number("employeeNo")
    assert not vr.key_says_membership_number("employee_ssn")
    assert not vr.key_says_membership_number("ssn")
    body = {
        "student": {"student_number": "119622134", "sis_id": "1"},
        "applicant": {"ssn": "219-09-9999"},
    }
    got = found(engine, body)
    assert ("$.student.student_number", "us_ssn") not in got
    assert ("$.applicant.ssn", "us_ssn") in got


def test_ledger_account_codes_are_no_bank_accounts(engine: DetectionEngine) -> None:
    assert vr.key_says_ledger_code("account_code")
    assert vr.key_says_ledger_code("AccountCodes")
    assert not vr.key_says_ledger_code("account_number")
    assert not vr.key_says_ledger_code("bank_code")
    body = {
        "journal": [{"debit": {"account_code": "135~999"}, "credit": {"account_code": "500"}}],
        "payee": {"account_number": "12345678", "sort_code": "60-16-13"},
    }
    got = found(engine, body)
    assert not any(t == "bank_account" and "journal" in p for p, t in got)
    assert ("$.payee.account_number", "bank_account") in got


def test_the_parts_of_a_name_object_are_the_persons(engine: DetectionEngine) -> None:
    body = {
        "data": [{"name": {"first": "Ann", "middle": "Q", "last": "Trantow"}, "sis_id": "7"}],
        "school": {"name": "Lincoln High", "low_grade": "9"},
        "grade": {"name": {"middle": "B"}},  # one part alone is no name object
    }
    got = found(engine, body)
    for part in ("first", "middle", "last"):
        assert (f"$.data[*].name.{part}", "person_name") in got
    assert not any("school" in p or "grade" in p for p, _ in got)


def test_a_contacts_bare_name_is_the_persons(engine: DetectionEngine) -> None:
    body = {
        "partyContactDetails": [{"name": "Henrik", "email": "henrik@example.com"}],
        "carrierContactInformation": {"name": "Diane Larsen", "phone": "+4533333333"},
        "party": {"partyName": "Nordic Freight A/S", "contactMethod": {"name": "Email"}},
    }
    got = found(engine, body)
    assert ("$.partyContactDetails[*].name", "person_name") in got
    assert ("$.carrierContactInformation.name", "person_name") in got
    assert not any(p.startswith("$.party.") and t == "person_name" for p, t in got)


def test_fused_keys_are_read_by_the_personal_word_they_end_with(engine: DetectionEngine) -> None:
    from detector.key_novelty import known_context

    assert known_context("insurancepolicyholderfirstname", "") == "firstname | "
    assert known_context("guarantordob", "") == "dob | "
    assert known_context("hostname", "") == " | "  # no personal word: nothing is kept
    body = {
        "insurancepolicyholderfirstname": "DORIS",
        "insurancepolicyholderlastname": "EBERT",
        "insurancepolicyholderdob": "05/15/1975",
        "insurancepackagecity": "BOSTON",
        "insuranceplanname": "Medicaid Basic",
    }
    got = found(engine, body)
    assert ("$.insurancepolicyholderfirstname", "person_name") in got
    assert ("$.insurancepolicyholderlastname", "person_name") in got
    assert ("$.insurancepolicyholderdob", "date_of_birth") in got
    assert not any(p in ("$.insurancepackagecity", "$.insuranceplanname") for p, _ in got)


@pytest.mark.parametrize(
    "value", ["Nome Sobrenome", "First Last", "Vorname Nachname", "Prénom Nom", "Name Surname"]
)
def test_a_name_fields_words_describe_it(value: str) -> None:
    assert nr.never_a_name(value)


def test_a_name_made_of_one_field_word_and_a_name_stands(engine: DetectionEngine) -> None:
    assert not nr.never_a_name("Nome")  # one word alone: a Portuguese surname too
    assert not nr.never_a_name("Maria Nome")
    got = found(engine, {"insureds": [{"name": "Nome Sobrenome"}, {"name": "Maria Souza"}]})
    assert ("$.insureds[*].name", "person_name") in got  # Maria Souza's
    assert found(engine, {"insureds": [{"name": "Nome Sobrenome"}]}) == set()


def test_a_pan_layouts_template_is_no_tax_id(engine: DetectionEngine) -> None:
    template = {"taxLegalReferences": [{"type": "PAN", "countryCode": "IN", "value": "AAAAA0000A"}]}
    assert found(engine, template) == set()
    real = {"taxLegalReferences": [{"type": "PAN", "countryCode": "IN", "value": "AAACL1234C"}]}
    assert ("$.taxLegalReferences[*].value", "tax_id") in found(engine, real)
