"""The failure classes of issue 13, each on documents written for this test."""

from __future__ import annotations

from detector.engine import DetectionEngine
from tests.detector.findings import found


def test_opaque_keys_the_value_decides(engine: DetectionEngine) -> None:
    body = {
        "value": "5555 5555 5555 4444",
        "custom1": "GB82WEST12345698765432",
        "field_7": "00:1A:2B:3C:4D:5E",
        "attributes": {"x": "lena@example.org"},
        "fields": [{"name": "ssn", "value": "536-22-8741"}],
    }
    got = found(engine, body)
    assert ("$.value", "credit_card") in got
    assert ("$.custom1", "iban") in got
    assert ("$.field_7", "mac_address") in got
    assert ("$.attributes.x", "email") in got
    assert ("$.fields[*].value", "us_ssn") in got


def test_order_numbers_that_pass_luhn_are_not_cards(engine: DetectionEngine) -> None:
    # 4000000000000002 is in the Visa range and passes Luhn; the key says it is an order
    got = found(engine, {"order_number": "4000000000000002", "tracking_id": "4242424242424242"})
    assert not {t for _, t in got} & {"credit_card"}


def test_free_text_findings_at_the_fields_path(engine: DetectionEngine) -> None:
    body = {
        "message": "Please write to ana.lima@example.com about the refund",
        "note": "ring +44 20 7946 0958 when outside",
        "error": {"message": "card 4111 1111 1111 1111 declined"},
        "comment": "Great product, arrived on time.",
    }
    got = found(engine, body)
    assert ("$.message", "email") in got
    assert ("$.note", "phone") in got
    assert ("$.error.message", "credit_card") in got
    assert not [p for p, _ in got if p == "$.comment"]


def test_keys_in_other_languages_and_casings(engine: DetectionEngine) -> None:
    body = {
        "Nachname": "Schmidt",
        "prénom": "Élodie",
        "telefono": "+39 06 6982 1234",
        "FIRST_NAME": "Ana",
        "first-name": "Bo",
        "$email": "bo@example.org",
        "dob": "1980-02-03",
        "電話番号": "03-1234-5678",
        "hasło": "Wawa#83kw",
    }
    got = found(engine, body)
    for path, t in [
        ("$.Nachname", "person_name"),
        ("$.prénom", "person_name"),
        ("$.telefono", "phone"),
        ("$.FIRST_NAME", "person_name"),
        ("$.first-name", "person_name"),
        ("$.$email", "email"),
        ("$.dob", "date_of_birth"),
        ("$.電話番号", "phone"),
        ("$.hasło", "password"),
    ]:
        assert (path, t) in got, (path, t, got)


def test_identifiers_that_are_not_personal(engine: DetectionEngine) -> None:
    body = {
        "next_cursor": "eyJwYWdlIjozLCJsaW1pdCI6MjV9",
        "trace_id": "0af7651916cd43dd8448eb211c80319c",
        "span_id": "b7ad6b7169203331",
        "request_id": "9b2e4c1a-6f0d-4e7b-8a3c-1d2e3f4a5b6c",
        "invoice_number": "INV-2023-000441",
        "application_id": "APP-55120-2025",
        "sku": "MUG-WHT-350",
        "version": "4.2.17",
        "sha1": "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
        "created_at": "2025-03-01T12:00:00Z",
    }
    assert found(engine, body) == set()


def test_secrets_and_vendor_keys(engine: DetectionEngine) -> None:
    body = {
        "aws": {"key": "AKIAI44QH8DHBEXAMPLE"},
        "gh": "ghp_" + "Zx9" * 12,
        "slack_hook_token": "xoxp-2222-3333-4444-abcdefabcdef",
        "stripe": "sk_test_" + "Q" * 24,
        "pem": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
        "auth": "Basic dXNlcjpwYXNz",
        "db": "mysql://root:toor@10.0.0.5:3306/app",
    }
    got = found(engine, body)
    for path in ("$.aws.key", "$.gh", "$.slack_hook_token", "$.stripe", "$.pem", "$.auth", "$.db"):
        assert (path, "secret_key") in got, (path, got)


def test_bank_details_beyond_iban(engine: DetectionEngine) -> None:
    body = {
        "routing_number": "026009593",
        "account_number": "000123456789",
        "sort_code": "20-00-00",
        "bsb": "062-000",
        "clabe": "032180000118359719",
    }
    got = found(engine, body)
    for path in body:
        assert (f"$.{path}", "bank_account") in got, (path, got)


def test_a_sibling_names_what_a_number_is(engine: DetectionEngine) -> None:
    body = {
        "identity": {"documentType": "PASSPORT", "number": "K7204519", "issuingCountry": "FR"},
        "licence": {"idType": "DRIVERS_LICENSE", "value": "D4471-20193-55021"},
        "ticket": {"documentType": "INVOICE", "number": "INV-2025-77310"},
    }
    got = found(engine, body)
    assert ("$.identity.number", "passport_number") in got
    assert ("$.licence.value", "drivers_license") in got
    assert not [p for p, _ in got if p.startswith("$.ticket")]


def test_people_under_parents_of_any_name(engine: DetectionEngine) -> None:
    body = {
        "approver": {"name": "Mr Femi Adebayo", "login": "fadebayo"},
        "co_borrower": {"name": "Saoirse Ní Bhriain"},
        "vendor": {"name": "Harbour Freight Ltd"},
        "report": {"displayName": "Quarterly Sales Total"},
    }
    got = found(engine, body)
    assert ("$.approver.name", "person_name") in got
    assert ("$.approver.login", "username") in got
    assert ("$.co_borrower.name", "person_name") in got
    assert not [p for p, t in got if p in ("$.vendor.name", "$.report.displayName")]


def test_an_ssn_under_a_tax_id_key_is_an_ssn(engine: DetectionEngine) -> None:
    got = found(engine, {"payee": {"tin": "512-44-9087"}, "company": {"tin": "51-2449087"}})
    assert ("$.payee.tin", "us_ssn") in got
    assert ("$.payee.tin", "tax_id") not in got
    assert ("$.company.tin", "tax_id") in got


def test_bare_mac_and_json_dates_under_their_keys(engine: DetectionEngine) -> None:
    got = found(engine, {"device": {"mac": "a4c3f0851e02"}, "birthDate": "/Date(481939200000)/"})
    assert ("$.device.mac", "mac_address") in got
    assert ("$.birthDate", "date_of_birth") in got
    # twelve hex digits under an id key stay an id
    assert not found(engine, {"build_id": "a4c3f0851e02"})
