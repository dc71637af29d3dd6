"""Validators: checksums, ranges and grammars, with near-miss negatives."""

from __future__ import annotations

import pytest

from detector import validators as v
from detector.engine import DetectionEngine


@pytest.mark.parametrize(
    "number",
    [
        "4111111111111111",  # Visa 16
        "4222222222222",  # Visa 13
        "4000000000000000006",  # Visa 19
        "5555555555554444",  # Mastercard 51-55
        "2223003122003222",  # Mastercard 2-series
        "378282246310005",  # Amex
        "6011111111111117",  # Discover
        "3530111333300000",  # JCB
        "6759649826438453",  # Maestro
        "6304000000000000",  # Maestro 6304
        "5018000000000009",  # Maestro 5018
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
    ],
)
def test_card_numbers_accepted(number: str) -> None:
    assert v.is_credit_card(number)


@pytest.mark.parametrize(
    "number",
    [
        "4111111111111112",  # Luhn fails
        "1234567812345670",  # Luhn ok, no card range
        "9111111111111111",
        "411111111111",  # too short for Visa
        "41111111111111111",  # Visa length 17 does not exist
        "0000000000000000",
        "4111 1111 1111 111a",
    ],
)
def test_card_numbers_rejected(number: str) -> None:
    assert not v.is_credit_card(number)


def test_card_brands() -> None:
    assert v.card_brand("2720990000000007") == "mastercard"
    assert v.card_brand("2721000000000000") is None
    assert v.card_brand("6759649826438453") == "maestro"
    assert v.card_brand("4000000000000000006") == "visa"


def test_luhn() -> None:
    assert v.luhn_ok("79927398713")
    assert not v.luhn_ok("79927398710")


@pytest.mark.parametrize(
    "iban",
    [
        "DE89370400440532013000",
        "GB82 WEST 1234 5698 7654 32",
        "NO9386011117947",
        "fr1420041010050500013m02606",
    ],
)
def test_iban_accepted(iban: str) -> None:
    assert v.is_iban(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "DE89370400440532013001",  # mod-97 fails
        "DE8937040044053201300",  # wrong length for DE
        "XX89370400440532013000",  # unknown country
        "GB82WEST1234569876543",
        "DE",
    ],
)
def test_iban_rejected(iban: str) -> None:
    assert not v.is_iban(iban)


def test_iban_mod97_value() -> None:
    assert v.iban_mod97("DE89370400440532013000") == 1


def test_aba_routing() -> None:
    assert v.is_aba_routing("011000015")
    assert v.is_aba_routing("021000021")
    assert not v.is_aba_routing("011000016")  # checksum
    assert not v.is_aba_routing("991000015")  # no Federal Reserve prefix 99
    assert not v.is_aba_routing("01100001")


@pytest.mark.parametrize("ssn", ["123-45-6780", "001 01 0001", "536225041", "899-99-9999"])
def test_ssn_accepted(ssn: str) -> None:
    assert v.is_us_ssn(ssn)


@pytest.mark.parametrize(
    "ssn",
    ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000", "078-05-1120",
     "123-45 6789", "12-345-6789", "123456789"],
)  # fmt: skip
def test_ssn_rejected(ssn: str) -> None:
    assert not v.is_us_ssn(ssn)


JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


def test_jwt() -> None:
    assert v.is_jwt(JWT)
    assert not v.is_jwt(JWT.replace(".", "", 1))  # two parts
    assert not v.is_jwt("eyJub3RhbGciOjF9.eyJzdWIiOjF9.sig")  # header without alg
    assert not v.is_jwt("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig")  # payload not JSON
    assert not v.is_jwt("abc.def.ghi")


def test_ip_addresses() -> None:
    assert v.is_ip_address("192.168.1.20")
    assert v.is_ip_address("2001:db8::1")
    assert v.is_ip_address("::1")
    assert not v.is_ip_address("256.1.1.1")
    assert not v.is_ip_address("1.2.3")
    assert not v.is_ip_address("10.0.0.0/8")
    assert not v.is_ip_address("12:30")


def test_mac_addresses() -> None:
    assert v.is_mac_address("00:1a:2B:3c:4D:5e")
    assert v.is_mac_address("00-1A-2B-3C-4D-5E")
    assert v.is_mac_address("001a.2b3c.4d5e")
    assert not v.is_mac_address("00:1a:2b:3c:4d")
    assert not v.is_mac_address("00:1a-2b:3c:4d:5e")  # mixed separators
    assert not v.is_mac_address("00:1a:2b:3c:4d:5g")
    assert not v.is_mac_address("5c5b35000010")  # bare: only a key naming a MAC makes it one
    assert v.is_bare_mac("5c5b35000010")
    assert v.is_bare_mac("02000111D2DC")
    assert not v.is_bare_mac("5c5b3500001")
    assert not v.is_bare_mac("5c5b3500001g")


def test_phones() -> None:
    assert v.is_phone("+49 30 901820")
    assert v.is_phone("+1 415-555-2671") or v.is_phone("+1 650-253-0000")
    assert v.is_phone("(650) 253-0000")
    assert v.is_phone("+44 20 7946 0958")
    assert not v.is_phone("12345")
    assert not v.is_phone("+1 000-000-0000")
    assert not v.phone_shape("SKU-12345-BL")


def test_emails() -> None:
    assert v.is_email("anna.schmidt@example.org")
    assert v.is_email("x+tag@sub.example.co.uk")
    assert not v.is_email("anna@localhost")
    assert not v.is_email("anna..b@example.org")
    assert not v.is_email(".anna@example.org")
    assert not v.is_email("Anna <anna@example.org>")
    assert not v.is_email("@example.org")


def test_geo() -> None:
    assert v.is_latitude(52.520008)
    assert not v.is_latitude(95.12345)
    assert not v.is_latitude(19.99)  # a price, not a coordinate
    assert v.is_longitude(-122.41942)
    assert v.is_geo_pair("52.5200,13.4050")
    assert not v.is_geo_pair("95.5200,13.4050")


def test_constant_names_and_label_words_are_placeholders() -> None:
    for text in ("BASIC_AUTH_PASSWORD", "KEY_PASSPHRASE", "BASIC_AUTH_USERNAME", "API_KEY",
                 "Firstname Lastname", "FirstName"):  # fmt: skip
        assert v.is_placeholder(text), text
    for text in ("ADMIN", "NEW_YORK", "SE_NL_01", "Hunter2_Secret!", "Ann Lee"):
        assert not v.is_placeholder(text), text


def test_ifsc() -> None:
    assert v.is_ifsc("HDFC0000123")
    assert v.is_ifsc("SBIN0RRXYZ1")
    assert not v.is_ifsc("ISP935214268")
    assert not v.is_ifsc("HDFC1000123")


def test_partial_dates() -> None:
    assert v.parse_year_month("1963") == (1963, 1, 1)
    assert v.parse_year_month("1963-05") == (1963, 5, 1)
    assert v.parse_year_month("1963-13") is None
    assert v.parse_year_month("19630") is None
    assert v.parse_year_month("1963-05-01") is None


def test_coordinate_text() -> None:
    assert v.is_coordinate_text("38.803076")
    assert v.is_coordinate_text("-77.085951")
    assert v.is_coordinate_text("151.2093")
    assert not v.is_coordinate_text("19.99")  # two decimals: a price
    assert not v.is_coordinate_text("19.990")  # three decimals, trailing zero: 19.99
    assert not v.is_coordinate_text("181.12345")  # out of range
    assert not v.is_coordinate_text("1.2.3")
    assert not v.is_coordinate_text("38.803076 ")
    assert not v.is_coordinate_text("1234.56789")


def test_dates() -> None:
    assert v.parse_date("1985-04-12") == (1985, 4, 12)
    assert v.parse_date("12.04.1985") == (1985, 4, 12)
    assert v.parse_date("04/12/1985") == (1985, 4, 12)
    assert v.parse_date("25/12/1990") == (1990, 12, 25)
    assert v.parse_date("1985-13-12") is None
    assert v.parse_date("2024-01-15T10:00:00Z") is None


def test_microsoft_json_dates() -> None:
    assert v.parse_json_date("/Date(322560000000+0000)/") == (1980, 3, 22)
    assert v.parse_json_date("/Date(0)/") == (1970, 1, 1)
    assert v.parse_json_date("/Date(-86400000)/") == (1969, 12, 31)
    assert v.parse_json_date("/Date(999999999999999)/") is None  # past year 9999
    assert v.parse_json_date("Date(322560000000)") is None
    assert v.parse_json_date("/Date(abc)/") is None


def test_hex_and_uuid() -> None:
    assert v.is_hex("deadBEEF00")
    assert not v.is_hex("xyz")
    assert v.is_uuid("123e4567-e89b-12d3-a456-426614174000")
    assert not v.is_uuid("123e4567e89b12d3a456426614174000")


def test_placeholders_are_not_data() -> None:
    for text in ("N/A", "null", " unknown ", "[REDACTED]", "<your-api-key>", "{{token}}",
                 "${DB_PASSWORD}", "********", "****1234", "•••• 4242", "-"):  # fmt: skip
        assert v.is_placeholder(text), text
    for text in ("Jane", "XXL", "x-large", "*Bob", "2001:db8::1", "Summer2024!", "na1"):
        assert not v.is_placeholder(text), text


@pytest.mark.parametrize(
    ("type_id", "text"),
    [
        ("national_id", "AB123456C"),  # UK NINO
        ("national_id", "12345678Z"),  # Spanish DNI
        ("national_id", "123.456.789-09"),  # Brazilian CPF
        ("national_id", "2345 6789 0123"),  # Aadhaar
        ("national_id", "RSSMRA85T10A562S"),  # codice fiscale
        ("national_id", "A123456(7)"),  # HKID
        ("national_id", "11010519491231002X"),  # Chinese resident id
        ("passport_number", "C01X00T47"),
        ("passport_number", "AB1234567"),
        ("drivers_license", "A1234567"),
        ("drivers_license", "MORGA657054SM9IJ"),  # UK licence
        ("drivers_license", "WDLUINTN4ZNI"),  # Washington: WDL and nine characters
        ("tax_id", "12-3456789"),  # EIN
        ("tax_id", "DE123456789"),  # VAT id
        ("tax_id", "ABCPE1234F"),  # Indian PAN
        ("tax_id", "12/345/67890"),  # German Steuernummer
    ],
)
def test_document_numbers_of_their_layout(type_id: str, text: str) -> None:
    assert v.document_number_shape(type_id, text)


@pytest.mark.parametrize(
    ("type_id", "text"),
    [
        ("national_id", "auth0"),  # a provider's name
        ("national_id", "831505"),  # a six-digit customer number
        ("national_id", "ABCDEFGHJ"),  # letters only (a German card ends in a check digit)
        ("national_id", "1234_5678_9012"),  # not a separator a document uses
        ("tax_id", "ATY932"),  # an airline booking reference (PNR)
        ("tax_id", "1257L"),  # a UK tax code, not a taxpayer's number
        ("passport_number", "12345678901"),  # too long for ICAO 9303
        ("drivers_license", "X12"),
        ("national_id", "١٢٣٤٥٦٧٨٩"),  # Arabic-Indic digits are no document layout
    ],
)
def test_values_outside_document_layouts(type_id: str, text: str) -> None:
    assert not v.document_number_shape(type_id, text)


@pytest.mark.parametrize(
    "text", ["F", "m", "MALE", "Female", "GENDER_FEMALE", "Non_Binary", "Mme", "Herr", "M.",
             "weiblich", "kadın", "女性", "prefer not to say", "2"]  # noqa: RUF001
)  # fmt: skip
def test_gender_words(text: str) -> None:
    assert v.is_gender_word(text)


@pytest.mark.parametrize("text", ["ab", "Jo", "Hack", "public", "0000", "maleware", "Mrs Smith"])
def test_not_gender_words(text: str) -> None:
    assert not v.is_gender_word(text)


def test_a_jwt_token_with_a_mangled_header_but_a_json_payload() -> None:
    payload = "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    mangled = f"eyJhbdGciOiIUzI1NiIsInR5cCI6IkpXVCJ9.{payload}.SflKxwRJSMeKKF2QT4fw"
    assert not v.is_jwt(mangled)
    assert v.is_jwt_token(mangled)
    assert not v.is_jwt_token("eyJhbGciOiJSUzI1Ni.IsInR5cCIgOiAiSldUIiwia2lk.2MXJQMjRy")
    assert not v.is_jwt_token(f"eyJhbdGci.{payload}")  # two parts


def test_ssn_layout_and_stand_in_ibans() -> None:
    assert v.ssn_layout("666666666")
    assert not v.is_us_ssn("666666666")
    assert v.ssn_layout("123-45-6789")
    assert not v.ssn_layout("1234567890")
    assert v.is_iban("NL55INGB0000000000")
    assert v.iban_stand_in("NL55INGB0000000000")
    assert not v.iban_stand_in("NL91ABNA0417164300")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("12-3456789", True),
        ("602214076", True),
        ("07-1234567", False),
        ("00-0000000", False),
        ("60-0000000", False),
        ("1234567890", False),
    ],
)
def test_employer_identification_numbers(text: str, ok: bool) -> None:
    assert v.is_ein(text) is ok


def test_a_sure_key_allows_shorter_document_numbers() -> None:
    assert not v.document_number_shape("tax_id", "123456")
    assert v.document_number_shape("tax_id", "123456", sure_key=True)
    assert not v.document_number_shape("tax_id", "234.57", sure_key=True)  # 5 digits
    assert not v.document_number_shape("tax_id", "1257L", sure_key=True)


@pytest.mark.parametrize("text", ["0.0.0.0", "::", "0:0:0:0:0:0:0:0"])
def test_the_unspecified_address_is_no_hosts(text: str) -> None:
    assert v.is_ip_address(text)
    assert not v.is_host_ip(text)


@pytest.mark.parametrize("text", ["10.0.0.1", "0.0.0.1", "::1", "2001:db8::1", "1.0.0.0"])
def test_host_addresses_stay(text: str) -> None:
    assert v.is_host_ip(text)


def test_engine_reports_no_unspecified_customer_ip(engine: DetectionEngine) -> None:
    got = {(d.path, d.type) for d in engine.detect({"customer_ip_address": "0.0.0.0"})}
    assert not got
    got = {(d.path, d.type) for d in engine.detect({"customer_ip_address": "203.0.113.7"})}
    assert ("$.customer_ip_address", "ip_address") in got


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("10.100.1.0/24", True),
        ("28.239.13.1/32", True),
        ("2001:db8::/64", True),
        ("10.0.0.1", False),
        ("(555) 123/4567", False),
        ("10.0.0.0/333", False),
    ],
)
def test_ip_network(text: str, network: bool) -> None:
    assert v.is_ip_network(text) is network


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("1073741824", True),
        ("2147483647", True),
        ("4294967295", True),
        ("65535", True),
        ("2147483648", True),
        ("2147483646", False),
        ("4155550132", False),
        ("1024", False),
    ],
)
def test_machine_limit(text: str, limit: bool) -> None:
    assert v.is_machine_limit(text) is limit


def test_masked_url_credentials_are_a_stand_in_but_a_real_password_is_not() -> None:
    assert v.is_placeholder("https://*****:*****@gitlab.com/group/project.git")
    assert v.is_placeholder("postgres://app:xxxxxx@db.internal:5432/app")
    assert not v.is_placeholder("postgres://app:Tr0ub4dor3@db.internal:5432/app")


def test_masked_addresses_and_broadcast_macs_are_no_data() -> None:
    assert not v.is_email("****@hotmail.com")
    assert v.is_email("x@hotmail.com")
    assert not v.is_mac_address("ff:ff:ff:ff:ff:ff")
    assert not v.is_mac_address("00-00-00-00-00-00")
    assert v.is_mac_address("aa:12:34:56:78:90")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Jun 11, 1986", (1986, 6, 11)),
        ("June 11 1986", (1986, 6, 11)),
        ("11 June 1986", (1986, 6, 11)),
        ("3rd Sept 1990", (1990, 9, 3)),
        ("Foo 11, 1986", None),
        ("Jun 41, 1986", None),
    ],
)
def test_dates_with_the_months_name(text: str, date: tuple[int, int, int] | None) -> None:
    assert v.parse_month_name_date(text) == date
