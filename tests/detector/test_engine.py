"""The engine on hand-written API bodies: what it must find and what it must not flag."""

from __future__ import annotations

import random
import uuid
from typing import Any

from detector.engine import DetectionEngine, FieldDetection
from detector.settings import DetectorSettings
from tests.detector.findings import found

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


def test_customer_profile(engine: DetectionEngine) -> None:
    body = {
        "customer": {
            "firstName": "Margaret",
            "lastName": "Hughes",
            "email": "m.hughes@example.co.uk",
            "phone": "+44 20 7946 0958",
            "dateOfBirth": "1979-03-14",
            "address": {"line1": "221 Baker Street", "city": "London", "postcode": "NW1 6XE"},
        },
        "orderId": 20231104123,
        "createdAt": "2024-05-01T10:22:03Z",
        "total": 129.99,
    }
    got = found(engine, body)
    assert {
        ("$.customer.firstName", "person_name"),
        ("$.customer.lastName", "person_name"),
        ("$.customer.email", "email"),
        ("$.customer.phone", "phone"),
        ("$.customer.dateOfBirth", "date_of_birth"),
        ("$.customer.address.line1", "street_address"),
    } <= got
    flagged = {path for path, _ in got}
    for negative in ("$.orderId", "$.createdAt", "$.total", "$.customer.address.city"):
        assert negative not in flagged


def test_payment_and_secrets(engine: DetectionEngine) -> None:
    body = {
        "card": {"number": "5555 5555 5555 4444", "holder": "Ana Lopez"},
        "payout": {"iban": "DE89370400440532013000"},
        "auth": {"access_token": JWT, "token_type": "Bearer", "expires_in": 3600},
        "api_key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "checksum": "9e107d9d372bb6826bd81d3542a419d6",
        "etag": "d41d8cd98f00b204e9800998ecf8427e",
    }
    got = found(engine, body)
    assert ("$.card.number", "credit_card") in got
    assert ("$.payout.iban", "iban") in got
    assert ("$.auth.access_token", "jwt") in got
    assert ("$.api_key", "secret_key") in got
    flagged = {path for path, _ in got}
    assert "$.checksum" not in flagged  # hashes are not secrets
    assert "$.etag" not in flagged
    assert "$.auth.token_type" not in flagged


def test_numbers_that_look_like_cards_or_phones(engine: DetectionEngine) -> None:
    body = {
        "order_id": 4111111111111111,
        "tracking_number": "1Z999AA10123456784",
        "reference": "4111111111111112",
        "sku": "ABC-12345-BL",
        "invoice_number": "20240115001",
    }
    assert found(engine, body) == set()


def test_arrays_report_one_path(engine: DetectionEngine) -> None:
    body = {"contacts": [{"email": f"user{i}@example.org"} for i in range(20)]}
    dets = engine.detect(body)
    assert [(d.path, d.type) for d in dets] == [("$.contacts[*].email", "email")]


def test_uninformative_keys(engine: DetectionEngine) -> None:
    body = {
        "field_7": "jane.doe@example.com",
        "attributes": [{"name": "phone_number", "value": "+33 1 42 68 53 00"}],
    }
    got = found(engine, body)
    assert ("$.field_7", "email") in got
    assert ("$.attributes[*].value", "phone") in got


def test_foreign_keys(engine: DetectionEngine) -> None:
    body = {"kunde": {"vorname": "Jürgen", "nachname": "Krüger", "geburtsdatum": "12.03.1961"}}
    got = found(engine, body)
    assert ("$.kunde.vorname", "person_name") in got
    assert ("$.kunde.geburtsdatum", "date_of_birth") in got


def test_detections_are_typed_and_bounded(engine: DetectionEngine) -> None:
    dets = engine.detect({"ssn": "536-22-5041", "ip": "10.1.2.3", "mac": "00:1a:2b:3c:4d:5e"})
    assert {d.type for d in dets} == {"us_ssn", "ip_address", "mac_address"}
    for d in dets:
        assert isinstance(d, FieldDetection)
        assert 0.5 <= d.confidence <= 1.0
        assert d.sensitivity in ("low", "medium", "high")


def test_sensitivity_override(engine: DetectionEngine) -> None:
    settings = DetectorSettings(sensitivity_overrides={"email": "high"})
    custom = DetectionEngine(engine.models, settings, engine.meta)
    (det,) = custom.detect({"email": "a.b@example.org"})
    assert det.sensitivity == "high"
    (det,) = engine.detect({"email": "a.b@example.org"})
    assert det.sensitivity == "medium"


def test_detect_many_matches_detect(engine: DetectionEngine) -> None:
    bodies: list[Any] = [{"email": "a@example.org"}, [], None, "text", {"ip": "10.0.0.1"}]
    assert engine.detect_many(bodies) == [engine.detect(b) for b in bodies]


def test_scalars_and_odd_values(engine: DetectionEngine) -> None:
    assert engine.detect(None) == []
    assert engine.detect(True) == []
    assert engine.detect({"x": "\u0000\udcff", "y": 1e308, "z": -0.0, "w": "   "}) == []


def test_document_over_limits_is_skipped_not_fatal(engine: DetectionEngine) -> None:
    small = DetectionEngine(engine.models, DetectorSettings(max_leaves=3), engine.meta)
    wide = {f"k{i}": i for i in range(10)}
    assert small.detect_many([wide, {"email": "a.b@example.org"}]) == [
        [],
        small.detect({"email": "a.b@example.org"}),
    ]
    assert small.detect({"email": "a.b@example.org"})


def test_email_found_whatever_the_key(engine: DetectionEngine) -> None:
    body = {
        "message": {"to": "ann.lee@mail.example.org", "subject": "Your order", "from": "a@x.org"},
        "notify": ["ops@corp.example", "b.c+alerts@example.com"],
        "field_7": "jo@shop.example.de",
        "username": "sam@example.net",
        "period": {"from": "2024-01-01", "to": "2024-02-01"},
    }
    got = found(engine, body)
    for path in ("$.message.to", "$.message.from", "$.notify[*]", "$.field_7", "$.username"):
        assert (path, "email") in got, path
    assert not any(path.startswith("$.period") for path, _ in got)
    assert ("$.message.subject", "email") not in got


def test_ip_under_uninformative_keys_or_named_ip(engine: DetectionEngine) -> None:
    body = {
        "custom3": "28f9:f473:d8cd:c6b4:c853:ce20:3816:f280",
        "raw": "66.120.215.161",
        "attributes": [{"name": "ip", "value": "10.211.73.176"}, {"name": "plan", "value": "pro"}],
        "kind": "draft",
        "f51": "117.38.232.137",
    }
    got = found(engine, body)
    for path in ("$.custom3", "$.raw", "$.attributes[*].value", "$.f51"):
        assert (path, "ip_address") in got, path
    assert ("$.appVersion", "ip_address") not in found(engine, {"appVersion": "4.12.3.1"})


def test_placeholders_under_sensitive_keys_are_not_reported(engine: DetectionEngine) -> None:
    body = {
        "firstName": "[REDACTED]",
        "password": "********",
        "username": "N/A",
        "address": "n/a",
        "apiKey": "<your-api-key-here>",
        "lastName": "Kowalski",
    }
    assert found(engine, body) == {("$.lastName", "person_name")}


def test_verdicts_do_not_depend_on_which_id_is_the_key(engine: DetectionEngine) -> None:
    """Maps keyed by ids or e-mails: the key's random characters must not make a type up
    (a short role under one uuid in thirty once came out as a street address)."""
    rng = random.Random(5)

    def key(i: int) -> str:
        return (
            str(uuid.UUID(int=rng.getrandbits(128)))
            if i % 2
            else f"u{rng.getrandbits(40):x}@corp.example"
        )

    bodies = [
        {"byUser": {key(i): {"role": "x", "note": f"n{rng.getrandbits(64):x}"}}} for i in range(300)
    ]
    found = [d for doc in engine.detect_many(bodies) for d in doc]
    assert found == []


def test_values_written_unusually(engine: DetectionEngine) -> None:
    """Coordinates as strings, birth dates as midnight timestamps, "(+971) …" phones; a
    timestamp with a time of day is no birth date, a calendar date no account number."""
    body = {
        "venue": {"lat": "38.803076", "lon": "-77.085951"},
        "birthDate": "1968-10-02T00:00:00Z",
        "updatedAt": "1968-10-02T13:22:05Z",
        "mobile": "(+971) 5469580167",
        "bankAccount": "2024-04-27",
        "version": "1.2.3",
    }
    assert found(engine, body) == {
        ("$.venue.lat", "geo_location"),
        ("$.venue.lon", "geo_location"),
        ("$.birthDate", "date_of_birth"),
        ("$.mobile", "phone"),
    }


def test_keys_in_more_scripts(engine: DetectionEngine) -> None:
    body = {
        "επισκέπτης": {"επώνυμο": "Παπαδοπούλου", "ημερομηνία_γέννησης": "1985-03-12"},
        "المريض": {"الاسم_الكامل": "ليلى حداد", "الجنس": "أنثى"},
        "ДатаРождения": "1971-06-30",
    }
    assert found(engine, body) == {
        ("$.επισκέπτης.επώνυμο", "person_name"),
        ("$.επισκέπτης.ημερομηνία_γέννησης", "date_of_birth"),
        ("$.المريض.الاسم_الكامل", "person_name"),
        ("$.المريض.الجنس", "gender"),
        ("$.ДатаРождения", "date_of_birth"),
    }


def test_what_real_payloads_hold_beside_personal_fields(engine: DetectionEngine) -> None:
    """Second address lines, the last digits of an account, check results, placeholders
    naming a field, device ids that pass Luhn, titles alone: none is the data itself."""
    body = {
        "address": {"line1": "1600 Amphitheatre Parkway", "line2": "Building 43",
                    "street2": "11th floor", "addressLine3": "City of Westminster"},
        "bankAccount": {"accountNumberEnding": "1234", "accountNumber": "31926819",
                        "payerNameVerificationResult": "full"},
        "nexo": {"username": "BASIC_AUTH_USERNAME", "password": "BASIC_AUTH_PASSWORD"},
        "cellular": {"iccid": "6006491286999921374"},
        "practitioner": {"name": [{"family": "Chalmers", "given": ["Peter"],
                                   "prefix": ["Dr."], "suffix": ["MD"]}]},
        "legalName": "Adyen BV",
    }  # fmt: skip
    got = found(engine, body)
    assert ("$.address.line1", "street_address") in got
    assert ("$.bankAccount.accountNumber", "bank_account") in got
    assert ("$.practitioner.name[*].family", "person_name") in got
    reported = {path for path, _ in got}
    for path in (
        "$.address.line2",
        "$.address.street2",
        "$.address.addressLine3",
        "$.bankAccount.accountNumberEnding",
        "$.bankAccount.payerNameVerificationResult",
        "$.nexo.username",
        "$.nexo.password",
        "$.cellular.iccid",
        "$.practitioner.name[*].prefix[*]",
        "$.practitioner.name[*].suffix[*]",
        "$.legalName",
    ):
        assert path not in reported, path


def test_identifier_kind_from_its_system_uri_and_partial_birth_dates(
    engine: DetectionEngine,
) -> None:
    body = {
        "identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "222334444"}],
        "birthDate": "1963",
        "created": "2019",
    }
    got = found(engine, body)
    assert ("$.identifier[*].value", "us_ssn") in got
    assert ("$.birthDate", "date_of_birth") in got
    assert not any(path == "$.created" for path, _ in got)


def test_coordinates_street_lines_and_addresses_their_context_names(
    engine: DetectionEngine,
) -> None:
    body = {
        "weather": {"lat": "38.00", "lon": "-78.25", "temp": "21.50", "price": "38.00"},
        "billing_address": {"address_line1": "Checkout House",
                            "address_line2": "90 Tottenham Court Road"},
        "twilio": {"AddressStreetSecondary": "Apt 1"},
        "assets": [{"id": "3", "value": "8.8.8.8"}],
        "settings": {"value": "1.2.3.4"},
    }  # fmt: skip
    got = found(engine, body)
    assert ("$.weather.lat", "geo_location") in got
    assert ("$.weather.lon", "geo_location") in got
    assert ("$.billing_address.address_line2", "street_address") in got
    assert ("$.assets[*].value", "ip_address") in got
    reported = {p for p, _ in got}
    for path in ("$.weather.temp", "$.weather.price", "$.twilio.AddressStreetSecondary",
                 "$.settings.value"):  # fmt: skip
        assert path not in reported, path


def test_a_routing_key_is_no_phone_whether_or_not_the_checksum_passes(
    engine: DetectionEngine,
) -> None:
    for value, bank in (("091000019", True), ("091000000", False), ("000000000", False)):
        got = found(engine, {"fileHeader": {"immediateDestination": value}})
        assert ("$.fileHeader.immediateDestination", "phone") not in got, value
        assert (("$.fileHeader.immediateDestination", "bank_account") in got) is bank, value
    # a phone under a phone key is still one
    assert ("$.phone", "phone") in found(engine, {"phone": "+1 415 555 2671"})


def test_a_text_beside_a_structured_names_parts_is_the_full_name(engine: DetectionEngine) -> None:
    body = {
        "resourceType": "Practitioner",
        "name": [{"use": "official", "text": "Carla Espinosa"}],
        "contact": {"name": {"family": "Maas", "given": ["Luigi"], "text": "Luigi Maas"}},
        "product": {"name": {"text": "Garden Chair", "lang": "en"}},
        "code": {"coding": [{"code": "ORTHO"}], "text": "Orthopedic"},
    }
    got = found(engine, body)
    assert ("$.name[*].text", "person_name") in got
    assert ("$.contact.name.text", "person_name") in got
    reported = {p for p, _ in got}
    assert "$.product.name.text" not in reported  # a name of a thing: no name part beside it
    assert "$.code.text" not in reported
