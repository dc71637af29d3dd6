"""False alarms of shapes real API bodies hold and nobody labels sensitive (public OpenAPI
examples and recorded traffic), and the true findings beside them that must stay."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine
from detector.value_rules import (
    address_line_by_key,
    bare_id_not_secret,
    elided,
    key_says_error_code,
    key_says_false_credential,
    key_says_measure,
    key_says_slug,
    not_personal_shape,
    wallet_address,
)


def _types(engine: DetectionEngine, body: Any) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for d in engine.detect(body):
        out.setdefault(d.path, set()).add(d.type)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "0xd446089cf19C3D3Eb1743BeF3A852293Fd2C7775",  # Ethereum
        "bc1qka0gpenex558g8gpxmpx247mwhw695k6a7yhs4",  # bech32
        "12c6DSiU4Rq3P4ZxziKxzrL5LmMBrzjrJX",  # Bitcoin base58
        "TNDFkiSmBQorNFacb3735q8MnT29sn8BLn",  # Tron
    ],
)
def test_crypto_addresses_are_recognised(text: str) -> None:
    assert wallet_address(text)
    for type_id in ("street_address", "secret_key", "username", "national_id"):
        assert not_personal_shape(type_id, text), type_id


@pytest.mark.parametrize(
    "text",
    [
        "0xd446089cf19C3D3Eb1743BeF3A852293Fd2C7775d446089cf19C3D3Eb1743BeF",  # 64 hex: a key
        "Wilhelm-Leuschner-Strasse",
        "1600 Amphitheatre Parkway",
        "abcdefghijklmnopqrstuvwxyzabcdef",  # letters only
    ],
)
def test_what_is_no_crypto_address(text: str) -> None:
    assert not wallet_address(text)


def test_a_street_with_a_long_word_is_still_a_street() -> None:
    assert not not_personal_shape("street_address", "Wilhelm-Leuschner-Strasse 12")
    assert not not_personal_shape("street_address", "Voordijk")


@pytest.mark.parametrize(
    "text",
    [
        "/api/v2/orgs/1/secrets",
        "/osdb/api/v1/actions/:service_id",
        "templates/tpl_eGc5CmFbPnCCmerqsx/sub_gzYpKDYFqEHxzca4kK.pdf",
        "propertyKey",
        "WorkflowKey",
        "VATEXCODE222",
        "peertube-plugin-auth-saml2",
        "max-age=31536000",
        "max-age=31536000; includeSubDomains; preload",
        "AvDjs4...SjfRf",
    ],
)
def test_shapes_no_random_credential_has(text: str) -> None:
    assert not_personal_shape("secret_key", text)


@pytest.mark.parametrize(
    "text",
    [
        "d6ea27703957b69939b8104ed4524595e210cd2e79af587744a7eb6e58f5b3d2",
        "live/ce29d1cb5da48a564d2c9f62be7ade06",  # an RTMP stream key
        "qNahlSrEaduQ",  # random letters in both cases
        "/Xk3Jf8s2LqPz0vY7Rw9Tn4bHc6Ue1GaD",  # base64 may start with a slash
        "K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ],
)
def test_random_credentials_keep_their_shape(text: str) -> None:
    assert not not_personal_shape("secret_key", text)


def test_an_elided_value_is_a_stand_in() -> None:
    assert elided("AvDjs4...SjfRf")
    assert elided("eyJhbG…")
    assert not elided("Wait... what")  # a sentence
    assert not elided("abc.def")
    assert not_personal_shape("username", "AvDjs4...SjfRf")
    assert not not_personal_shape("username", "john.doe")


def test_random_ids_are_no_login_but_chosen_names_are() -> None:
    assert not_personal_shape("username", "t1hqYcQITCFX-AObjs_t4Q")
    assert not_personal_shape("username", "qzkshdh94vhdcyuejjf8ltcy2cl246hw0c68t36z69")
    for login in ("JoeCool4000", "octokit-fixture-user-a", "john_smith_1985_london", "seriksson"):
        assert not not_personal_shape("username", login), login


def test_keys_that_only_look_like_a_credential() -> None:
    for key in ("keyword", "adx_keywords", "KeyWords", "passthrough", "passengers", "Author",
                "phrases"):  # fmt: skip
        assert key_says_false_credential(key), key
    for key in ("password", "passphrase", "authorization", "Authorisation", "auth_token",
                "pass_phrase", "api_key"):  # fmt: skip
        assert not key_says_false_credential(key), key


def test_error_codes_and_slugs_by_key() -> None:
    assert key_says_error_code("code", "errors")
    assert key_says_error_code("errorCode", "warning")
    assert not key_says_error_code("code", "bank")
    assert not key_says_error_code("sortCode", "account")
    assert key_says_slug("slug", "my-post")
    assert key_says_slug("handle", "synergistic-silk-chair")
    assert not key_says_slug("handle", "eva-jonsson")  # a person's handle
    assert not key_says_slug("twitter_handle", "@benjamin-franklin")
    assert not key_says_slug("login", "octokit-fixture-user-a")


def test_real_api_negatives_are_not_reported(engine: DetectionEngine) -> None:
    body = {
        "tokenTransfers": [
            {"from": "0xd446089cf19C3D3Eb1743BeF3A852293Fd2C7775",
             "to": "0x3B685307C8611AFb2A9E83EBc8743dc20480716E"}
        ],
        "vout": [{"addresses": ["12c6DSiU4Rq3P4ZxziKxzrL5LmMBrzjrJX"]}],
        "secrets": "/api/v2/orgs/1/secrets",
        "strict-transport-security": "max-age=31536000",
        "keywords": "cow,moon",
        "passthrough": "English",
        "errors": [{"code": "20503", "message": "Service unavailable"}],
        "cardAccount": {"otherAccountIdentification": "90-100100-0"},
        "person": {"address": {"street": "street"}},
        "products": [{"handle": "synergistic-silk-chair", "title": "Chair"}],
        "sell": {"max": 10000000},
    }  # fmt: skip
    found = _types(engine, body)
    for path, types in found.items():
        assert not types & {"secret_key", "password", "street_address", "username", "tax_id",
                            "bank_account", "phone"}, (path, types)  # fmt: skip


def test_true_findings_beside_them_stay(engine: DetectionEngine) -> None:
    body = {
        "access_token": "dbaf9757982a9e738f05d249b7b5b4a266b3a139049317c4909f2f263572c781",
        "client_secret": "d6ea27703957b69939b8104ed4524595e210cd2e79af587744a7eb6e58f5b3d2",
        "user": {"username": "joecool4000", "twitter_handle": "@benjamin-franklin"},
        "Password": "azerty",
        "address": {"street": "Voordijk", "city": "Utrecht"},
        "contact_phone": "206-728-7777",
    }
    found = _types(engine, body)
    assert "secret_key" in found["$.access_token"]
    assert "secret_key" in found["$.client_secret"]
    assert "username" in found["$.user.username"]
    assert "password" in found["$.Password"]
    assert "street_address" in found["$.address.street"]
    assert "phone" in found["$.contact_phone"]


def test_code_vectors_property_paths_and_file_names() -> None:
    assert not_personal_shape("secret_key", "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H")
    assert not_personal_shape("secret_key", "instances[0].analysis_key")
    for name in ("Barbaz.txt", "path/to/file_one.txt", ".git-blame-ignore-revs"):
        assert not_personal_shape("street_address", name), name
        assert not_personal_shape("username", name), name
    for login in ("john.doe", "j.smith", "dependabot[bot]"):
        assert not not_personal_shape("username", login), login
    for street in ("Voordijk", "Hauptstr.5", "St.Gallen"):
        assert not not_personal_shape("street_address", street), street


def test_digits_glued_to_an_address_are_no_phone(engine: DetectionEngine) -> None:
    payload = (
        "tree aba22fc2dfab898cd919434b22781a68854388a8\n"
        "author dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com> "
        "1757311264 +0000\n\nBump actions/setup-python from 5 to 6"
    )
    assert "phone" not in _types(engine, {"payload": payload}).get("$.payload", set())
    note = "Call me on +44 20 7946 0958 after five, thanks"
    assert "phone" in _types(engine, {"note": note})["$.note"]


@pytest.mark.parametrize(
    "text",
    [
        "00000000-0000-0000-0000-000000000000",
        "TestUpdateConfluentaccountreturnsOKresponse1665090166",
        "test-feature-flag-Test-Create_a_feature_flag_returns_Created_response-1776888950",
        "attribute_a058b510f096c932",
        "DDFC-98826",
    ],
)
def test_stand_ins_and_object_ids_are_no_secret(text: str) -> None:
    assert not_personal_shape("secret_key", text)


@pytest.mark.parametrize(
    "text",
    [
        "fasjyydbcgwwc2uc-e45981fc09294b85d655016fc6109985",
        "secret_a058b510f096c932a058",  # the word names a credential
        "TestingRh2nx664kUy5dIApvM54T4AtO",
        "1072250532645998596-GLDgUASI6CnhZeLx75GGpUtbVe2eQ0",
    ],
)
def test_tokens_with_a_random_part_stay_secrets(text: str) -> None:
    assert not not_personal_shape("secret_key", text)


def test_bare_ids_measures_and_times_by_key() -> None:
    assert bare_id_not_secret("id", "data")
    assert not bare_id_not_secret("id", "session")
    assert not bare_id_not_secret("secret", "data")
    for key in ("max_size", "date_access", "created_ts", "timeout", "buffer_bytes"):
        assert key_says_measure(key), key
    for key in ("account_number", "tax_id", "phone", "sizeCode"):
        assert not key_says_measure(key), key


def test_quantities_times_and_stand_ins_in_real_bodies(engine: DetectionEngine) -> None:
    body = {
        "data": {
            "id": "6ada9c44-0b7f-4e35-826b-ccecd6d358d5",
            "attributes": {
                "opsgenie_api_key": "00000000-0000-0000-0000-000000000000",
                "buffer": {"max_size": 1073741824},
                "date_access": 1649757115000,
                "fullscreen_paused": "false",
                "address": "server.request.query",
                "name": "[synthetics] app name 0123456789",
            },
        }
    }
    for path, types in _types(engine, body).items():
        assert not types & {"secret_key", "tax_id", "bank_account", "username",
                            "street_address", "phone"}, (path, types)  # fmt: skip


def test_values_the_key_names_and_the_shape_confirms(engine: DetectionEngine) -> None:
    body = {
        "addresses": ["192.168.0.1", "10.1.2.3"],
        "monitors": [{"target": "1.1.1.1"}],
        "IPv6Gateway": "2001:db8:2::100",
        "browser_ip_gateway": "0.0.0.0",
        "destination": {"address": "123 Main St, Anytown, CA"},
        "customer": {"contact": "9123456780"},
        "support": {"contact": "help desk"},
    }
    found = _types(engine, body)
    assert "ip_address" in found["$.addresses[*]"]
    assert "ip_address" in found["$.monitors[*].target"]
    assert "ip_address" not in found.get("$.IPv6Gateway", set())
    assert "street_address" in found["$.destination.address"]
    assert not address_line_by_key("Room 4", "address")
    assert address_line_by_key("CALLE BAILEN 41 1A", "address")
    assert address_line_by_key("2450 Washington Avenue", "facility_address_1")  # a line's number
    assert not address_line_by_key("2450 Washington Avenue", "facility_1")
    assert not address_line_by_key("jane@example.com", "email_address")
    assert "phone" in found["$.customer.contact"]
    assert "phone" not in found.get("$.support.contact", set())


def test_an_identifier_whose_system_names_an_identity_number(engine: DetectionEngine) -> None:
    body = {
        "resourceType": "Practitioner",
        "identifier": [
            {"use": "usual", "system": "urn:oid:2.16.840.1.113883.2.4.6.3", "value": "938273695"}
        ],
    }
    assert "national_id" in _types(engine, body)["$.identifier[*].value"]
    passport = {
        "identifier": [
            {
                "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                     "code": "PPN"}]},
                "value": "X5627193",
            }
        ]
    }  # fmt: skip
    assert "passport_number" in _types(engine, passport)["$.identifier[*].value"]
    other = {"identifier": [{"system": "http://www.acme.org/practitioners", "value": "23"}]}
    assert not _types(engine, other)


def test_identity_systems_and_type_codes() -> None:
    from detector.value_rules import identifier_type_code, identity_system_type

    assert identity_system_type("urn:oid:2.16.840.1.113883.4.1") == "us_ssn"
    assert identity_system_type("urn:oid:2.16.840.1.113883.4.3.25") == "drivers_license"
    assert identity_system_type("http://hl7.org/fhir/sid/passport-NLD") == "passport_number"
    assert identity_system_type("http://hl7.org/fhir/sid/us-npi") is None
    assert identity_system_type("urn:oid:2.16.840.1.113883.4.10") is None
    assert identifier_type_code("NNNLD") == "national_id"
    assert identifier_type_code("DL") == "drivers_license"
    assert identifier_type_code("MR") is None  # a medical record number


@pytest.mark.parametrize(
    "text",
    [
        "1.2.3-beta.4+build.5",
        'W/"deebfe47f0039427b39ec010749014f6"',
        "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5E",
    ],
)
def test_versions_etags_signature_headers_and_files_are_no_secret(text: str) -> None:
    assert not_personal_shape("secret_key", text)


def test_a_quoted_secret_is_still_one() -> None:
    # a strong ETag has this shape too, but so has a quoted client secret: the key decides
    assert not not_personal_shape("secret_key", '"1d4b2097ac622ba702d19de498f005747a8b21d3"')


def test_cursors_and_key_prefixes_are_no_secret(engine: DetectionEngine) -> None:
    token = "Xk3Jf8s2LqPz0vY7Rw9Tn4bHc6Ue1GaD"
    body = {"pagination_token": token, "sync_token": token, "api_key_prefix": token,
            "reset_token": token}  # fmt: skip
    found = _types(engine, body)
    assert "secret_key" in found["$.reset_token"]
    for path in ("$.pagination_token", "$.sync_token", "$.api_key_prefix"):
        assert "secret_key" not in found.get(path, set()), path


def test_a_documents_attributes_and_a_cheques_number(engine: DetectionEngine) -> None:
    from detector.value_rules import key_says_cheque, key_says_document_attribute

    for key in ("tax_rate", "vat_rate", "passport_photo", "licence_key", "license_url",
                "tax_category"):  # fmt: skip
        assert key_says_document_attribute(key), key
    for key in ("tax_id", "passport_number", "license", "tax_code", "national_code"):
        assert not key_says_document_attribute(key), key
    assert key_says_cheque("check_number")
    assert not key_says_cheque("checking_account_number")
    body = {"vat_rate": "48213907", "licence_key": "X7K2P9Q4M", "check_number": "4821390712",
            "tax_code": "RSSMRA85T10A562S", "passport_number": "X7K2P9Q4M"}  # fmt: skip
    found = _types(engine, body)
    assert "passport_number" in found["$.passport_number"]
    # a codice fiscale: a national id under a tax key too (the convention, settled in session 16)
    assert found["$.tax_code"] == {"national_id"}
    for path in ("$.vat_rate", "$.licence_key", "$.check_number"):
        assert not found.get(path), path


def test_an_ssn_layout_has_no_part_of_zeros() -> None:
    from detector.validators import ssn_layout

    assert ssn_layout("123-45-6789")
    assert ssn_layout("666666666")  # never issued, but a test value in a field of SSNs
    for text in ("123-00-1234", "000-12-3456", "123-45-0000"):
        assert not ssn_layout(text), text


def test_licences_to_practise_are_no_driving_licence(engine: DetectionEngine) -> None:
    from detector.value_rules import key_says_other_licence

    assert key_says_other_licence("professional_license", "")
    assert key_says_other_licence("licenseNo", "pharmacist")
    assert not key_says_other_licence("drivers_license_number", "medical")
    assert not key_says_other_licence("license_number", "driver")
    found = _types(engine, {"medical_license": "48213907", "drivers_license": "X7K2P9Q4M"})
    assert "drivers_license" in found["$.drivers_license"]
    assert "drivers_license" not in found.get("$.medical_license", set())


def test_an_emirates_id_as_printed_is_a_national_id_whatever_its_key() -> None:
    from detector.validators import is_emirates_id

    assert is_emirates_id("784-1971-3922143-2")
    assert not is_emirates_id("784-1971-3922143-3")  # Luhn fails
    assert not is_emirates_id("784197139221432")  # not as printed: the key must say it
    engine = DetectionEngine.load_default()
    found = {(d.path, d.type) for d in engine.detect({"رقم_الهوية": "784-1971-3922143-2"})}
    assert ("$.رقم_الهوية", "national_id") in found
    assert not any(d.type == "national_id" for d in engine.detect({"x": "784-1971-3922143-3"}))
