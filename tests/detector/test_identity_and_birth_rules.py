"""Rules for identity numbers whose layout names their kind and for birth dates given in parts
or as timestamps (both directions: what is found, and the look-alikes that are not)."""

from __future__ import annotations

from typing import Any

from detector import value_rules as vr
from detector.engine import DetectionEngine
from detector.validators import is_cnpj, is_cpf, is_dashed_ein
from detector.value_rules import birth_date_part, birth_date_part_range


def _found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


def test_cpf_and_cnpj_check_digits() -> None:
    assert is_cpf("123.456.789-09")
    assert is_cpf("12345678909")
    assert not is_cpf("123.456.789-08")  # check digit fails
    assert not is_cpf("1234567890")  # too short
    assert not is_cpf("14154009186")  # a US phone number's digits: check digits fail
    assert is_cnpj("11.222.333/0001-81")
    assert is_cnpj("11222333000181")
    assert not is_cnpj("11.222.333/0001-82")
    assert not is_cnpj("123.456.789-09")


def test_a_cpf_is_a_national_id_even_under_a_tax_document(engine: DetectionEngine) -> None:
    for number in ("255.328.259-12", "78994193600"):
        body = {"holder": {"taxDocument": {"type": "CPF", "number": number}}}
        found = _found(engine, body)
        assert ("$.holder.taxDocument.number", "national_id") in found
        assert ("$.holder.taxDocument.number", "tax_id") not in found


def test_a_cnpj_is_a_tax_id(engine: DetectionEngine) -> None:
    found = _found(engine, {"company": {"taxDocument": {"number": "11.222.333/0001-81"}}})
    assert ("$.company.taxDocument.number", "tax_id") in found
    assert ("$.company.taxDocument.number", "national_id") not in found


def test_a_printed_cpf_needs_no_key_but_bare_digits_do(engine: DetectionEngine) -> None:
    assert ("$.x", "national_id") in _found(engine, {"x": "123.456.789-09"})
    assert ("$.x", "national_id") not in _found(engine, {"x": "123.456.789-08"})  # check fails
    # eleven bare digits that pass the check under a key that names no identity number
    assert not any(t == "national_id" for _, t in _found(engine, {"order_total": "12345678909"}))


def test_a_dashed_ein() -> None:
    assert is_dashed_ein("12-3456789")
    assert not is_dashed_ein("123456789")  # bare digits: an SSN's layout too
    assert not is_dashed_ein("00-0000000")  # no IRS prefix
    assert not is_dashed_ein("123-45-6789")


def test_birth_date_parts_by_key() -> None:
    assert birth_date_part_range("day", "dob") == (1, 31)
    assert birth_date_part_range("year", "dateOfBirth") is not None
    assert birth_date_part_range("yearOfBirth", "person") is not None
    assert birth_date_part_range("DOB_Month", "") == (1, 12)
    assert birth_date_part_range("day", "schedule") is None  # no birth date named
    assert birth_date_part_range("year", "birthPlace") is None  # the place, not the date
    assert birth_date_part_range("count", "dob") is None  # no date part
    assert birth_date_part(27, "day", "dob")
    assert birth_date_part("05", "month", "dob")
    assert not birth_date_part(13, "month", "dob")  # out of the part's range
    assert not birth_date_part(1850, "year", "dob")
    assert not birth_date_part(True, "day", "dob")


def test_a_birth_date_in_parts_is_found(engine: DetectionEngine) -> None:
    body = {
        "entity": {"dob": {"day": 27, "month": 5, "year": 1978}},
        "yearOfBirth": 1985,
        "window": {"day": 3, "month": 4, "year": 2024},
        "birthPlace": {"year": 1990},
    }
    found = _found(engine, body)
    for part in ("day", "month", "year"):
        assert (f"$.entity.dob.{part}", "date_of_birth") in found
        assert (f"$.window.{part}", "date_of_birth") not in found
    assert ("$.yearOfBirth", "date_of_birth") in found
    assert ("$.birthPlace.year", "date_of_birth") not in found


def test_a_birth_date_stored_as_a_timestamp(engine: DetectionEngine) -> None:
    body = {
        "dob": "1991-03-08T08:00:00Z",
        "individual": {"dob": "1991-03-08 08:00:00"},
        "created_at": "1991-03-08T08:00:00Z",
        "person": {"birthdate": "2025-10-15T13:50:00Z"},  # a record's own time, no birth date
    }
    found = _found(engine, body)
    assert ("$.dob", "date_of_birth") in found
    assert ("$.individual.dob", "date_of_birth") in found
    assert ("$.created_at", "date_of_birth") not in found
    assert ("$.person.birthdate", "date_of_birth") not in found


def test_keys_that_name_a_tax_number() -> None:
    from detector.value_rules import key_names_organisation_id, key_names_tax_id

    for key in ("business_tax_id", "taxNumber", "company_ein", "vat", "TaxpayerId", "taxnr"):
        assert key_names_tax_id(key), key
    for key in ("vatno", "ust_id", "ust_idnr"):  # fused, and Germany's USt-IdNr
        assert key_names_tax_id(key), key
    for key in ("tax_id_type", "tax_rate", "tax", "syntax_id", "taxes", "taxonomy", "ust"):
        assert not key_names_tax_id(key), key
    assert key_names_organisation_id("government_id", "business_entity")
    assert key_names_organisation_id("employer_number", "")
    assert not key_names_organisation_id("order_id", "cart")
    assert not key_names_organisation_id("business_name", "")


def test_tax_numbers_by_key_and_organisation_eins(engine: DetectionEngine) -> None:
    found = _found(
        engine,
        {
            "entity": {"business_tax_id": "123456789", "tax_id_type": "EIN"},
            "business_entity": {"government_id": "12-3456789"},
            "cart": {"order_id": "12-3456789"},
        },
    )
    assert ("$.entity.business_tax_id", "tax_id") in found
    assert ("$.business_entity.government_id", "tax_id") in found
    assert not any(p.startswith("$.cart") for p, _ in found)
    assert not any(p == "$.entity.tax_id_type" for p, _ in found)


def test_nordic_organisation_numbers_are_tax_ids_by_key_and_check(engine: DetectionEngine) -> None:
    from detector.validators import is_nordic_org_number
    from detector.value_rules import key_names_org_number

    for key in ("orgNumber", "organization_number", "orgnr", "organisationsnummer", "y_tunnus"):
        assert key_names_org_number(key), key
    for key in ("organizationId", "org", "number", "organization_name"):
        assert not key_names_org_number(key), key
    # Sweden, Norway, Finland's business id, Denmark's CVR; a Swedish one with a wrong check
    for text in ("556036-0793", "974760673", "2077474-0", "13585628"):
        assert is_nordic_org_number(text), text
    assert not is_nordic_org_number("556036-0794")
    found = _found(
        engine,
        {
            "customer": {"orgNumber": "559089-4308", "organizationId": "556036-0793"},
            "supplier": {"organization_number": "12345678"},  # no check passes: no type
        },
    )
    assert ("$.customer.orgNumber", "tax_id") in found
    assert not any(
        p in ("$.customer.organizationId", "$.supplier.organization_number") for p, _ in found
    )


def test_numbers_of_zeros_are_stand_ins(engine: DetectionEngine) -> None:
    from detector.value_rules import all_zero_number

    assert all_zero_number("00-0000000")
    assert all_zero_number("0000")
    assert not all_zero_number("000")  # too short to say
    assert not all_zero_number("00-0000001")
    body = {
        "ein": "00-0000000",
        "documentData": {"documentType": "Passport", "documentNumber": "000000000"},
        "company": {"ein": "12-3456789"},
    }
    found = _found(engine, body)
    assert not any(p in ("$.ein", "$.documentData.documentNumber") for p, _ in found)
    assert ("$.company.ein", "tax_id") in found


def test_phone_numbers_by_their_notation() -> None:
    from detector.value_rules import phone_by_notation, phone_in_e164

    assert phone_in_e164("+15557890123")  # a fictional 555 number: the notation says it
    assert not phone_in_e164("+1555")  # too short for its country code
    assert not phone_in_e164("15557890123")  # no plus
    assert phone_by_notation("+15557890123", "number", "")
    assert not phone_by_notation("+15557890123", "order_id", "")
    assert phone_by_notation("14154009186", "number", "numbers")
    assert phone_by_notation("14154009186", "fallback_number", "")
    assert not phone_by_notation("14154009186", "account_number", "")
    assert not phone_by_notation("12345678901", "number", "taxInformation")  # no line's parent
    assert not phone_by_notation("19119119100", "number", "identification")
    assert not phone_by_notation("11234567890", "number", "")  # no area code starts with 1


def test_line_numbers_of_a_telephony_api(engine: DetectionEngine) -> None:
    body = {
        "numbers": [{"number": "14154009186", "fallback_number": "14154009187"}],
        "lookup": {"number": "+15557890123"},
        "payer": {"identification": {"type": "CPF", "number": "19119119100"}},
        "order_number": "14154009186",
    }
    found = _found(engine, body)
    assert ("$.numbers[*].number", "phone") in found
    assert ("$.numbers[*].fallback_number", "phone") in found
    assert ("$.lookup.number", "phone") in found
    assert ("$.payer.identification.number", "phone") not in found
    assert ("$.payer.identification.number", "national_id") in found  # a valid CPF
    assert ("$.order_number", "phone") not in found


def test_a_resource_token_a_text_word_and_a_document_number_by_key() -> None:
    from detector.value_rules import (
        key_names_birth_date,
        key_says_document_number,
        key_says_false_credential,
        key_says_resource_token,
    )

    assert key_says_resource_token("account_token", "")
    assert key_says_resource_token("account_holder_token", "data")
    assert key_says_resource_token("token", "orders")  # an order's token (Shopify's)
    for key in ("token", "access_token", "redemptionToken", "reset_token", "api_token"):
        assert not key_says_resource_token(key, ""), key
    assert not key_says_resource_token("token", "session")
    assert key_says_false_credential("first_word")
    assert key_says_false_credential("second_word")
    assert not key_says_false_credential("pass_word")
    assert not key_says_false_credential("password")
    assert key_says_document_number("documentNumber")
    assert key_says_document_number("identity_number")
    assert not key_says_document_number("authentic_documents")
    assert not key_says_document_number("dda_number")
    assert key_names_birth_date("dob")
    assert key_names_birth_date("dateOfBirth")
    assert not key_names_birth_date("birthPlace")
    assert not key_names_birth_date("birth_year")  # a part: `birth_date_part`


def test_guesses_the_key_rules_out_or_lets_through(engine: DetectionEngine) -> None:
    body = {
        "account_token": "732f7328-a2d7-4281-a264-e8cb5af8d392",
        "access_token": "732f7328-a2d7-4281-a264-e8cb5af8d392",
        "data": [{"token": "msg_1srOrx2ZWZBpBUvZwXKQmoEYga1"}],
        "remove": {"first_word": "remove 1st keyword", "second_word": "2ndKeyword"},
        "login": {"pass_word": "S3cure!pass"},
        "owners": [{"dob": "1991-03-08T08:00:00Z", "first_name": "Al"}],
    }
    found = _found(engine, body)
    assert ("$.account_token", "secret_key") not in found
    assert ("$.access_token", "secret_key") in found
    assert ("$.data[*].token", "secret_key") not in found
    assert not any(p.startswith("$.remove") for p, _ in found)
    assert ("$.login.pass_word", "password") in found
    assert ("$.owners[*].dob", "date_of_birth") in found


def test_a_document_number_whose_kind_the_final_model_tells(engine: DetectionEngine) -> None:
    body = {"documentData": {"documentNumber": "1234567890", "type": "Drivers License"}}
    assert ("$.documentData.documentNumber", "drivers_license") in _found(engine, body)
    assert not _found(engine, {"documentData": {"documentNumber": "00000000"}})


def test_a_uk_driving_licence_by_its_layout(engine: DetectionEngine) -> None:
    from detector.validators import is_uk_driving_licence

    assert is_uk_driving_licence("MORGA753116SM9IJ")
    assert is_uk_driving_licence("PARKE610112PBFGH")
    assert not is_uk_driving_licence("MORGA793116SM9IJ")  # no month digit 9
    assert not is_uk_driving_licence("ABCDE123456AB12")  # 15 characters
    body = {"drivingPermit": [{"personalNumber": "PARKE610112PBFGH"}]}
    found = _found(engine, body)
    assert ("$.drivingPermit[*].personalNumber", "national_id") not in found


def test_a_resource_tokens_hex_id(engine: DetectionEngine) -> None:
    found = _found(engine, {"order": {"token": "b1946ac92492d2347c6235b4d2611184"}})
    assert ("$.order.token", "secret_key") not in found
    found = _found(engine, {"session": {"token": "b1946ac92492d2347c6235b4d2611184"}})
    assert ("$.session.token", "secret_key") in found


def test_a_birth_date_of_eight_digits_day_first(engine: DetectionEngine) -> None:
    assert ("$.dob", "date_of_birth") in _found(engine, {"dob": "31121970"})
    assert ("$.dob", "date_of_birth") not in _found(engine, {"dob": "31131970"})  # no month 13
    assert ("$.ref", "date_of_birth") not in _found(engine, {"ref": "31121970"})


def test_personal_id_checks_of_many_countries() -> None:
    from detector.validators import is_personal_id

    for number in ("1 84 12 76 451 089 46", "RSSMRA85T10A562S", "44051401359", "131052-308T"):
        assert is_personal_id(number), number
    for number in ("1 84 12 76 451 089 47", "44051401358", "14154009186", "662241586358"):
        assert not is_personal_id(number), number  # check fails; a 12-digit INN is no id


def test_a_codice_fiscale_is_a_national_id_under_a_tax_key(engine: DetectionEngine) -> None:
    # the convention (settled after v18 and v19): a person's codice fiscale is a national id,
    # also where it serves as the tax number
    body = {"client": {"tax_code": "RSSMRA85T10A562S", "vat_number": "IT05432181211"}}
    found = _found(engine, body)
    assert ("$.client.tax_code", "national_id") in found
    assert ("$.client.tax_code", "tax_id") not in found
    assert ("$.client.vat_number", "tax_id") in found
    # digits-only personal numbers under a tax key stay tax numbers: a Polish NIP passes as a
    # PESEL-length number by chance no more than an INN does
    assert ("$.client.tax_no", "national_id") not in _found(
        engine, {"client": {"tax_no": "9751031112"}}
    )


def test_a_personal_id_under_a_national_or_social_security_key(engine: DetectionEngine) -> None:
    body = {"client": {"numeroSecuriteSociale": "1 84 12 76 451 089 46"}}
    found = _found(engine, body)
    assert ("$.client.numeroSecuriteSociale", "national_id") in found
    assert ("$.client.numeroSecuriteSociale", "phone") not in found
    # the same digits with a failing check are not made a national id by this rule
    body = {"client": {"numeroSecuriteSociale": "1 84 12 76 451 089 47"}}
    assert ("$.client.numeroSecuriteSociale", "national_id") not in _found(engine, body)


def test_no_street_line_without_a_digit_or_a_street_word(engine: DetectionEngine) -> None:
    from detector.value_rules import no_street_line

    assert no_street_line("TEST BANK ADDRESS", "bank_address")
    assert no_street_line("Checkout.com", "address_line1")
    assert not no_street_line("Praia de Botafogo", "street")  # the key names the street
    assert not no_street_line("12 Rolfson Alley", "address_line1")
    assert not no_street_line("Rue du Commandant Guilbaud", "address")
    found = _found(engine, {"bank_address": ["TEST BANK ADDRESS", " NOT USING EXTERNAL SERVICE"]})
    assert ("$.bank_address[*]", "street_address") not in found
    found = _found(engine, {"billing": {"address_line1": "221B Baker Street"}})
    assert ("$.billing.address_line1", "street_address") in found


def test_a_cpf_or_cnpj_key_lets_the_check_digits_tell_the_kind(engine: DetectionEngine) -> None:
    # the registries' documentation examples, written as bare digits
    got = {(d.path, d.type) for d in engine.detect({"data": [{"companyCnpj": "11222333000181"}]})}
    assert ("$.data[*].companyCnpj", "tax_id") in got
    got = {(d.path, d.type) for d in engine.detect({"data": [{"cpfCnpj": "12345678909"}]})}
    assert ("$.data[*].cpfCnpj", "national_id") in got
    # a check digit off by one: no registry number
    got = {(d.path, d.type) for d in engine.detect({"data": [{"companyCnpj": "11222333000182"}]})}
    assert not {t for _, t in got} & {"tax_id", "national_id"}
    assert not vr.key_names_cpf_cnpj("cnpj_type")
