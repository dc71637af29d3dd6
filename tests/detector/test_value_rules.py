"""What a value proves by itself: vendor secrets, strong validators, free text."""

from __future__ import annotations

import pytest

from detector import value_rules as vr
from detector.engine import DetectionEngine
from detector.value_rules import (
    LIKELY,
    PROVEN,
    coarse_coordinate,
    in_text,
    is_vendor_secret,
    key_says_identifier,
    key_says_not_secret,
    key_says_partial,
    key_says_phone_number,
    key_says_phone_part,
    key_says_thing,
    not_personal_shape,
    street_line,
    whole_value,
)

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


@pytest.mark.parametrize(
    "text",
    [
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_" + "a1B2" * 9,
        "xoxb-1234-5678-abcdefABCDEF",
        "sk_live_" + "x" * 24,
        "rk_test_" + "Y" * 24,
        "SG." + "a" * 22 + "." + "b" * 43,
        "AIza" + "c" * 35,
        "glpat-" + "d" * 20,
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
        "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "postgres://app:S3cret@db:5432/orders",
        "Server=tcp:sql,1433;Database=crm;User Id=sa;Password=Passw0rd!;",
        "DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=Xk3p9QvB2mN7sL4dF8gH1jK5==",
        "Endpoint=sb://bus.example.net/;SharedAccessKeyName=app;SharedAccessKey=abc123XYZ=",
        "otpauth://totp/Acme:ann%40example.com?secret=HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF&issuer=Acme",
        "https://hooks.slack.com/services/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",
        "Fe26.2*1*94c26c1812d382d29f0210c276b7d795*lbN3rPAurOL7DSpnNiApdA*IetTiAxy0Bq9vCmE7ZkPq**"
        "f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5*Qx9Yz8Wv7",
    ],
)
def test_vendor_secret_shapes(text: str) -> None:
    assert is_vendor_secret(text)


@pytest.mark.parametrize(
    "text",
    [
        "AKIA",
        "ghp_short",
        "https://example.com/path",
        "postgres://db:5432/orders",  # no password
        "Basic realm",
        "Server=sql;Database=crm;Integrated Security=true",
        "sk_live",
        "pk_live_51PqR2sT3uV4wX5yZ6aB7cD8eF",  # a publishable key is public by design
        "SK2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e",  # a Twilio API key's SID, not its secret
        "otpauth://totp/Acme:ann?issuer=Acme",  # no secret in it
        "otpauth://totp/Acme:ann?secret=short",
    ],
)
def test_not_secrets(text: str) -> None:
    assert not is_vendor_secret(text)


def test_strong_validators_find_values_under_opaque_keys() -> None:
    assert whole_value("GB82WEST12345698765432", "value", True) == ("iban", 0.95)
    assert whole_value(JWT, "data", True) == ("jwt", 0.95)
    assert whole_value("3c:22:fb:12:9a:0e", "field_7", True) == ("mac_address", 0.95)
    assert whole_value("4111 1111 1111 1111", "custom1", True) == ("credit_card", 0.8)
    assert whole_value("536-22-8741", "val", True) == ("us_ssn", 0.8)
    assert whole_value("203.0.113.77", "v", True) == ("ip_address", 0.8)


def test_identifier_keys_keep_chance_passes_out() -> None:
    # a 16-digit order number in a card range passing Luhn; a version that parses as IPv4
    assert key_says_identifier("order_number")
    assert key_says_identifier("trackingId")
    assert whole_value("4000000000000002", "order_number", False) is None
    assert whole_value("1.4.12.3", "version", False) is None
    # outside card ranges nothing passes, whatever the key
    assert whole_value("1000000000000008", "value", True) is None
    # the proofs that never pass by chance hold under any key
    assert whole_value("GB82WEST12345698765432", "reference", False) == ("iban", 0.95)


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Please send it to jonas.berg@telia.se instead", ["email"]),
        ("Call me at +44 20 7946 0958 after 5pm", ["phone"]),
        ("I paid with 4111 1111 1111 1111 but it failed", ["credit_card"]),
        ("Applicant SSN 401-72-1188 was wrong", ["us_ssn"]),
        ("Refund to DE89 3704 0044 0532 0130 00, thanks", ["iban"]),
        (f"token {JWT} expired", ["jwt"]),
        ("Contact: a.obi@gmail.com or +234 803 123 4567", ["email", "phone"]),
        ("Your order 77812 has shipped and arrives Tuesday.", []),
        ("Build 2024.11.3 passed 1,284 tests in 312 s.", []),
        ("timeout after 30000 ms contacting 10.0.3.7:8443", []),
        ("short", []),
        ("jonas.berg@telia.se", []),  # a whole value is not a sentence
    ],
)
def test_findings_inside_free_text(text: str, types: list[str]) -> None:
    assert in_text(text) == types


def test_non_personal_shapes() -> None:
    assert not_personal_shape("national_id", "123e4567-e89b-12d3-a456-426614174000")
    assert not_personal_shape("national_id", "41d064eb2195891e12d0413f63227ea7")
    assert not_personal_shape("drivers_license", "MDc6TGljZW5zZW1pdA==")
    assert not_personal_shape("passport_number", "https://api.example.com/v2/widgets/10")
    assert not_personal_shape("national_id", "2025-10-15T13:51:55.171Z")
    assert not not_personal_shape("national_id", "12345678Z")
    assert not not_personal_shape("secret_key", "41d064eb2195891e12d0413f63227ea7")
    # organisations, rooms and form labels are not people; people with titles are
    for thing in ("Octo Business", "Baxter Ltd", "Noordzee Logistiek B.V.", "Customer Name",
                  "Due Date", "conference room", "Maple Foods"):  # fmt: skip
        assert not_personal_shape("person_name", thing), thing
    for person in ("Ms Priya Raman", "Dr. Aiyana Whitehorse", "Anneke van der Berg", "Codeine Ng"):
        assert not not_personal_shape("person_name", person), person
    # titles and post-nominals alone, places and things are not names either
    for thing in ("MD", "Dr.", "PhD, MD", "Example Trust", "Guest Wi-Fi", "Acme Healthcare",
                  "South Wing, second floor", "Bedroom Speaker"):  # fmt: skip
        assert not_personal_shape("person_name", thing), thing
    assert not not_personal_shape("person_name", "Mary Ward")
    # a login has no spaces and at least a letter; a timestamp is no secret
    for not_login in ("1234", "The Awesome Company", "this is nick name"):
        assert not_personal_shape("username", not_login), not_login
    assert not not_personal_shape("username", "notice_user_all")
    assert not_personal_shape("secret_key", "2025-10-15T13:51:03.347Z")
    assert not_personal_shape("password", "2025-10-15 13:51")


def test_keys_of_partial_numbers() -> None:
    for key in ("account_number_ending", "last4", "cardLastFour", "maskedPan", "iban_suffix"):
        assert key_says_partial(key), key
    for key in ("accountNumber", "sortCode", "iban", "card_number"):
        assert not key_says_partial(key), key


def test_device_identifiers_are_identifiers() -> None:
    assert key_says_identifier("iccid")
    assert whole_value("6006491286999921374", "iccid", False) is None


@pytest.mark.parametrize(
    "track",
    [
        ";4111111111111111=25121010000012300000?",  # track 2
        "%B4111111111111111^DOE/JANE^2512101000000000000000123000000?",  # track 1
    ],
)
def test_swiped_card_track_data_is_a_card_whatever_the_key(track: str) -> None:
    assert whole_value(track, "card_swipe", False) == ("credit_card", PROVEN)
    assert whole_value(track, "order_number", False) == ("credit_card", PROVEN)


@pytest.mark.parametrize(
    "text",
    [
        ";4111111111111112=25121010000012300000?",  # fails Luhn
        ";12=34",
        "%Bnot a track",
    ],
)
def test_track_lookalikes_are_not_cards(text: str) -> None:
    assert whole_value(text, "card_swipe", False) is None


def test_a_card_behind_a_test_mode_prefix_and_a_routing_account_pair() -> None:
    assert whole_value("test_5101180000000007", "encryptedCardNumber", False) == (
        "credit_card",
        LIKELY,
    )
    assert whole_value("121042882-38381234567890", "address", False) == ("bank_account", LIKELY)
    assert whole_value("121042883-38381234567890", "address", False) is None  # no ABA
    assert whole_value("121042882-38381234567890", "order_id", False) is None


@pytest.mark.parametrize(
    "text",
    ["test-access-token", "test-client_secret", "refresh_token", "flex_chat_channels",
     "tok_ubfj2q76miwundwlk72vxt2i7q", "pm_1PqR2sT3uV4wX5yZ", "2024-04-27T10:00:00Z"],
)  # fmt: skip
def test_stand_ins_and_public_ids_are_no_secret(text: str) -> None:
    assert not_personal_shape("secret_key", text)


@pytest.mark.parametrize(
    "text", ["9a87huiufe94r8", "bc125c212a4b03a9a188a858be5a163f379e878a", "sk_test_abc123XYZ"]
)
def test_secrets_keep_their_shape(text: str) -> None:
    assert not not_personal_shape("secret_key", text)


def test_hex_ids_are_no_identity_document() -> None:
    for text in ("0B6022D1", "F875B463", "26AD6B9D"):
        assert not_personal_shape("tax_id", text)
        assert not_personal_shape("national_id", text)
    for text in ("DE123456789", "1234567FA", "B12345678", "12345678"):
        assert not not_personal_shape("tax_id", text)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("signature", True),
        ("cert_fingerprint", True),
        ("nonce", True),
        ("public_key", True),
        ("publishable_key", True),
        ("api_key_sid", True),
        ("client_id", True),
        ("AIRIDs", True),
        ("session_id", False),  # a session id is a credential
        ("access_token_id", False),
        ("api_key", False),
        ("client_secret", False),
    ],
)
def test_keys_that_hold_no_secret(key: str, expected: bool) -> None:
    assert key_says_not_secret(key) is expected


@pytest.mark.parametrize(
    ("key", "parent", "expected"),
    [
        ("citationNumber", "", True),
        ("license_plate", "accidents", True),
        ("value", "referral_user_payer_id", True),  # the parent names what the value is
        ("host_ids", "data", True),
        ("bankIdentificationNumber", "", True),  # a card's BIN
        ("id_number", "order", False),  # the parent of an informative key does not decide
        ("national_tax_id", "merchant", False),
        ("driver_license_number", "order", False),
    ],
)
def test_keys_that_number_a_thing(key: str, parent: str, expected: bool) -> None:
    assert key_says_thing(key, parent) is expected


def test_keys_of_phone_numbers() -> None:
    assert key_says_phone_part("national_number", "phones")
    assert key_says_phone_part("national_number", "phone_number_details")
    assert key_says_phone_part("international_format_number", "")
    assert not key_says_phone_part("national_number", "")  # Belgium's national number
    assert not key_says_phone_part("phone_id", "")
    assert key_says_phone_number("mobile", "")
    assert not key_says_phone_number("national_id", "person")


def test_a_calendar_date_is_no_account_but_a_zero_padded_number_may_be() -> None:
    assert not_personal_shape("bank_account", "20240427")
    assert not_personal_shape("bank_account", "2024-04-27")
    assert not not_personal_shape("bank_account", "00000123")  # year 0: a number


def test_coordinates_with_few_decimals_need_a_key_that_names_one() -> None:
    assert coarse_coordinate("38.00", "lat")
    assert coarse_coordinate("-78.25", "lon")
    assert coarse_coordinate("2.55", "longitude")
    assert coarse_coordinate("-29.5", "latitude")
    assert coarse_coordinate("-45.8", "startLng")
    # out of range for the axis the key names, nothing located, or not the shape
    assert not coarse_coordinate("120.5", "lat")
    assert coarse_coordinate("120.5", "lng")
    assert not coarse_coordinate("0.00", "lat")
    assert not coarse_coordinate("0", "lat")
    assert not coarse_coordinate("-91", "lat")
    # whole degrees are a coordinate too (the one labelling convention: any precision)
    assert coarse_coordinate("38", "lat")
    assert coarse_coordinate("-180", "longitude")
    assert not coarse_coordinate("38.000001x", "lat")
    # a price, a score or a version is no coordinate whatever its decimals
    assert not coarse_coordinate("38.00", "amount")
    assert not coarse_coordinate("2.55", "value")
    assert not coarse_coordinate("1.5", "latency")


def test_a_second_address_line_holding_a_street() -> None:
    assert street_line("90 Tottenham Court Road")
    assert street_line("12 Rolfson Alley")
    assert street_line("Calle Bailen 41")
    # a unit, floor or building line, or a street with no house number, is not one
    assert not street_line("Apt 1")
    assert not street_line("Suite 200")
    assert not street_line("Floor 3")
    assert not street_line("Building 43, 1 Main St")
    assert not street_line("#504")
    assert not street_line("Brannan Street")


def test_a_low_ipv4_under_an_opaque_key_needs_context_saying_address() -> None:
    # every part under 32: a version may look like this, so the context decides
    assert whole_value("8.8.8.8", "value", True, "assets") == ("ip_address", LIKELY)
    assert whole_value("1.2.3.4", "value", True, "remote_ip attributes") == ("ip_address", LIKELY)
    assert whole_value("1.2.3.4", "value", True) is None
    assert whole_value("1.2.3.4", "value", True, "build") is None
    assert whole_value("8.8.8.8", "value", True, "gateway") is None  # the network's own
    assert whole_value("0.0.0.0", "value", True, "client") is None
    assert whole_value("1.4.12", "value", True, "host") is None  # three parts: a version
    # parts above 31 were an address already, context or not
    assert whole_value("203.0.113.77", "value", True) == ("ip_address", LIKELY)


@pytest.mark.parametrize(
    ("key", "parent"),
    [
        ("name", "geo"),  # ECS: client.geo.name "boston-dc"
        ("continent_name", "geo"),
        ("cityName", "address"),
        ("country_name", ""),
        ("name", "airports"),
    ],
)
def test_place_names_by_key(key: str, parent: str) -> None:
    assert vr.key_says_place_name(key, parent)


@pytest.mark.parametrize(
    ("key", "parent"),
    [
        ("name", "user"),
        ("full_name", "geo"),  # a person's name key under a place stays a person's
        ("first_name", "geo"),
        ("location_manager_name", ""),  # whose name: the manager's
        ("name", "geography_teacher"),
    ],
)
def test_person_keys_are_no_place_names(key: str, parent: str) -> None:
    assert not vr.key_says_place_name(key, parent)


def test_engine_keeps_place_names_from_people(engine: DetectionEngine) -> None:
    body = {"client": {"geo": {"name": "boston-dc", "continent_name": "North America"},
                       "user": {"full_name": "Albert Einstein"}}}  # fmt: skip
    got = {(d.path, d.type) for d in engine.detect(body)}
    assert ("$.client.geo.continent_name", "person_name") not in got
    assert ("$.client.geo.name", "person_name") not in got
    assert ("$.client.user.full_name", "person_name") in got


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("_download_permissions_granted", True),
        ("_order_stock_reduced", True),
        ("5-Minute-Production-App", True),
        ("testy-mc-testerton-the-8th", True),
        ("qeY8UVRisx9y3Loxo1scLxFuRxYcgeX3sxsdrpP_fR3Loq4xyg", False),
        ("kKDdjXa1g9tKNs0-_yOwLyALC9gydEWP6gr9sHabuK1vuofjhQDDnlOclJe", False),
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", False),
        ("ab_cd", False),
    ],
)
def test_joined_words(text: str, joined: bool) -> None:
    assert vr.joined_words(text) is joined


def test_metadata_names_network_prefixes_and_limits_are_not_reported(
    engine: DetectionEngine,
) -> None:
    """Probe classes: a metadata pair's key, an IP network as a phone, an integer limit."""
    body = {
        "meta_data": [{"id": 7, "key": "_download_permissions_granted", "value": "yes"}],
        "route": {"destination": "10.100.1.0/24", "gateway": "10.100.1.1"},
        "quota": {"maximum": 2147483647},
        "webhook": {"token": "qeY8UVRisx9y3Loxo1scLxFuRxYcgeX3sxsdrpP_fR3Loq4xyg"},
        "contact": {"phone": "+1 415 555 0132"},
    }
    got = {(d.path, d.type) for d in engine.detect(body)}
    assert not {t for p, t in got if p.startswith(("$.meta_data", "$.route", "$.quota"))}
    assert ("$.webhook.token", "secret_key") in got
    assert ("$.contact.phone", "phone") in got


@pytest.mark.parametrize(
    ("key", "about"),
    [
        ("password_encryption", True),
        ("sharegroup_label", True),
        ("pwa_icon", True),
        ("tip", True),
        ("password", False),
        ("root_password", False),
        ("client_secret", False),
    ],
)
def test_a_key_about_a_credential_is_no_credential(key: str, about: bool) -> None:
    assert vr.key_says_false_credential(key) is about


def test_a_password_setting_is_no_password_but_the_password_is(engine: DetectionEngine) -> None:
    body = {
        "engine_config": {"pg": {"password_encryption": "scram-sha-256"}},
        "root_user": {"username": "linroot", "password": "5dEr33smkSYauMmRWusNFk9HpweL5CevpnFr"},
    }
    got = {(d.path, d.type) for d in engine.detect(body)}
    assert not [p for p, _ in got if p.startswith("$.engine_config")]
    assert ("$.root_user.password", "password") in got


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("Forgot your password?", True),
        ("Enter your e-mail address:", True),
        ("Your account was deleted.", True),
        ("Reset your password now", True),
        ("Full name of the card holder", True),
        ("password", False),
        ("First Name", False),
        ("Date of birth", False),
        ("Account holder name", False),
        ("Passport No.", False),
        ("first_name", False),
    ],
)
def test_a_key_of_text_is_no_fields_name(key: str, text: bool) -> None:
    assert vr.key_is_text(key) is text


def test_under_a_key_of_text_only_what_the_value_proves_is_found(engine: DetectionEngine) -> None:
    """A translation table served as JSON: the keys are sentences, no field's name."""
    body = {
        "Forgot your password?": "Passwort vergessen?",
        "Full name of the card holder": "Vollständiger Name des Karteninhabers",
        "Write to us at:": "support@example.org",
        "Pay with this card:": "4111 1111 1111 1111",
        "Transfer to this IBAN:": "DE89370400440532013000",
        "First Name": "Jane",
    }
    got = {(d.path, d.type) for d in engine.detect(body)}
    assert not [p for p, _ in got if p.startswith(("$.Forgot", "$.Full name"))]
    assert ("$.Write to us at:", "email") in got
    assert ("$.Pay with this card:", "credit_card") in got
    assert ("$.Transfer to this IBAN:", "iban") in got
    assert ("$.First Name", "person_name") in got  # a field's name written out


def test_a_table_of_texts_gives_no_key_evidence(engine: DetectionEngine) -> None:
    """Short keys beside sentences in a translation file (``Users``, ``Password``) are text
    too; an object of fields with one sentence among them keeps its fields."""
    table = {
        "Users": "Benutzer",
        "Password": "Passwort",
        "Confirm Password": "Passwort bestätigen",
        "+ last name": "+ Nachname",
        "Nickname": "Spitzname",
        "Forgot your password?": "Passwort vergessen?",
        "Enter your e-mail address:": "E-Mail-Adresse eingeben:",
        "Contact": "kontakt@example.org",
    }
    got = {(d.path, d.type) for d in engine.detect(table)}
    assert got == {("$.Contact", "email")}
    fields = {
        "first_name": "Jane",
        "last_name": "Doe",
        "password": "s3cur3P@ssw0rd",
        "city": "Berlin",
        "country": "DE",
        "status": "active",
        "plan": "pro",
        "How did you hear about us?": "A friend",
    }
    got = {(d.path, d.type) for d in engine.detect(fields)}
    assert {("$.first_name", "person_name"), ("$.password", "password")} <= got
