"""The rules after the model for bank codes, phone-number parts, identifiers of things and
credentials, on whole documents (the committed model)."""

from __future__ import annotations

from typing import Any

from detector.engine import DetectionEngine


def _found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


def test_an_ach_file_reports_its_routing_numbers_and_account(engine: DetectionEngine) -> None:
    body = {
        "fileHeader": {"immediateOrigin": "121042882", "immediateDestination": "231380104"},
        "batches": [
            {
                "batchHeader": {
                    "companyIdentification": "121042882",  # the originator's own id
                    "ODFIIdentification": "12104288",
                },
                "entryDetails": [
                    {
                        "RDFIIdentification": "23138010",
                        "DFIAccountNumber": "81967038518      ",
                        "traceNumber": "121042880000001",
                    }
                ],
            }
        ],
    }
    found = _found(engine, body)
    for path in (
        "$.fileHeader.immediateOrigin",
        "$.fileHeader.immediateDestination",
        "$.batches[*].batchHeader.ODFIIdentification",
        "$.batches[*].entryDetails[*].RDFIIdentification",
        "$.batches[*].entryDetails[*].DFIAccountNumber",
    ):
        assert (path, "bank_account") in found, path
    assert not {p for p, _ in found} & {
        "$.batches[*].batchHeader.companyIdentification",
        "$.batches[*].entryDetails[*].traceNumber",
    }
    assert ("$.batches[*].entryDetails[*].DFIAccountNumber", "phone") not in found


def test_bank_codes_under_keys_that_name_them(engine: DetectionEngine) -> None:
    body = {
        "payout": {"sortCode": "20-00-00", "bban": "3704 0044 0532 0130 00", "bsb": "062-000"},
        "receiver": {"address": "121042882-38381234567890"},
        "routing_key": "orders.created",
    }
    found = _found(engine, body)
    for path in ("$.payout.sortCode", "$.payout.bban", "$.payout.bsb", "$.receiver.address"):
        assert (path, "bank_account") in found, path
    assert not [p for p, _ in found if p == "$.routing_key"]


def test_a_phone_numbers_national_number_is_a_phone_not_a_national_id(
    engine: DetectionEngine,
) -> None:
    body = {"phones": [{"country_code": "1", "national_number": "6692478833"}]}
    found = _found(engine, body)
    assert ("$.phones[*].national_number", "national_id") not in found
    assert ("$.phones[*].national_number", "phone") in found


def test_numbers_of_things_are_no_identity_documents(engine: DetectionEngine) -> None:
    body = {
        "citationNumber": "CA373145249",
        "accidents": [{"license_plate": "6UM6938"}],
        "member": {"accessCardUid": "0B6022D1"},
    }
    types = {t for _, t in _found(engine, body)}
    assert not types & {"national_id", "drivers_license", "tax_id", "passport_number"}


def test_stand_ins_and_public_ids_are_no_secrets(engine: DetectionEngine) -> None:
    body = {
        "access_token": "test-access-token",
        "refresh_token": "refresh_token",
        "client_secret": "test-client_secret",
        "token": "tok_ubfj2q76miwundwlk72vxt2i7q",
        "publishable_key": "pk_live_51PqR2sT3uV4wX5yZ6aB7cD8eF",
        "token_data": {"signature": "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkq"},
    }
    assert not [p for p, t in _found(engine, body) if t == "secret_key"]


def test_credentials_by_shape(engine: DetectionEngine) -> None:
    body = {
        "barcode_uri": "otpauth://totp/Acme:ann%40example.com?secret=HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF",
        "azure": "DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=Xk3p9QvB2mN7sL4dF8==",
        "card": {"encryptedCardNumber": "test_5101180000000007"},
    }
    found = _found(engine, body)
    assert ("$.barcode_uri", "secret_key") in found
    assert ("$.azure", "secret_key") in found
    assert ("$.card.encryptedCardNumber", "credit_card") in found


def test_a_key_sure_of_an_ssn_takes_a_test_value(engine: DetectionEngine) -> None:
    body = {"social_security_number": "123456789", "ticket": "666666666"}
    found = _found(engine, body)
    assert ("$.social_security_number", "us_ssn") in found
    assert ("$.ticket", "us_ssn") not in found


def test_a_stand_in_iban_is_not_reported(engine: DetectionEngine) -> None:
    body = {"details": {"consumerAccount": "NL55INGB0000000000", "iban": "NL91ABNA0417164300"}}
    found = _found(engine, body)
    assert ("$.details.iban", "iban") in found
    assert ("$.details.consumerAccount", "iban") not in found


def test_a_bare_generic_key_needs_the_parent_to_say_its_kind(engine: DetectionEngine) -> None:
    rows = {"value": [{"Code": "798034904", "Description": "Catalogue item"}]}
    assert not [t for _, t in _found(engine, rows) if t == "bank_account"]


def test_an_iban_in_a_sentence_is_no_card(engine: DetectionEngine) -> None:
    body = {"note": "Refund to IBAN DK50 0040 0440 1162 43 (account holder confirmed)"}
    assert _found(engine, body) == {("$.note", "iban")}


def test_an_ein_under_a_tax_identifier_key(engine: DetectionEngine) -> None:
    found = _found(engine, {"corporation": {"tax_identifier": "602214076"}})
    assert ("$.corporation.tax_identifier", "tax_id") in found


def test_a_key_sure_of_a_tax_id_takes_a_six_digit_one(engine: DetectionEngine) -> None:
    found = _found(
        engine, {"tax_id": "123456", "tax": "234.57", "bankIdentificationNumber": "411111"}
    )
    assert ("$.tax_id", "tax_id") in found
    assert not [p for p, _ in found if p in ("$.tax", "$.bankIdentificationNumber")]


def test_bank_codes_written_as_numbers_and_russian_bank_and_tax_numbers(
    engine: DetectionEngine,
) -> None:
    found = {
        (d.path, d.type)
        for d in engine.detect(
            {
                "bankInfo": {"bankCode": 461},
                "payment_params": {"bik": "042202603", "inn": "0238526872"},
                "person": {"itn": "330500938709"},
                "other": {"inn": "1234567890", "count": 461},  # the check fails; no bank's key
            }
        )
    }
    assert found == {
        ("$.bankInfo.bankCode", "bank_account"),
        ("$.payment_params.bik", "bank_account"),
        ("$.payment_params.inn", "tax_id"),
        ("$.person.itn", "tax_id"),
    }


def test_routes_public_keys_and_validation_messages_are_no_data(engine: DetectionEngine) -> None:
    body = {
        "advertisedRoutes": ["10.0.0.0/16", "192.168.1.0/24"],
        "value": {"public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5"},
        "errors": {"password": ["can't be blank"], "street": ["não pode ficar em branco"]},
        "user": {"password": "is too short (minimum is 8 characters)"},
    }
    assert engine.detect(body) == []
    # a password key's value that names itself is a password all the same
    assert [(d.path, d.type) for d in engine.detect({"password": "mySecretPassword"})] == [
        ("$.password", "password")
    ]
