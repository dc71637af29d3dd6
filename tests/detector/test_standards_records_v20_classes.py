"""Classes read on v20dev and v21dev (session 16): mailboxes written as URIs, FHIR identifier
systems of health and insurance numbers, HR Open's formatted names, FHIR's extensions of name
and address parts, and tax numbers checked by the country written beside them."""

from __future__ import annotations

from detector.engine import DetectionEngine
from detector.validators import is_tax_number_of
from detector.value_rules import fhir_extension_type, identity_system_type
from tests.detector.findings import found


def test_a_mailbox_written_as_a_uri_is_an_email(engine: DetectionEngine) -> None:
    body = {
        "actor": {"mbox": "mailto:joe@example.com", "objectType": "Agent"},
        "participant": {"sendTo": {"imip": "MAILTO:ann@example.org?subject=Invite"}},
        "link": {"href": "mailto:not an address"},
    }
    got = found(engine, body)
    assert ("$.actor.mbox", "email") in got
    assert ("$.participant.sendTo.imip", "email") in got
    assert not [p for p, _ in got if p.startswith("$.link")]


def test_identifier_systems_of_health_and_insurance_numbers() -> None:
    assert identity_system_type("http://fhir.de/sid/gkv/kvid-10") == "national_id"
    assert identity_system_type("http://ns.electronichealth.net.au/id/hi/ihi/1.0") == "national_id"
    assert identity_system_type("http://hl7.org.au/id/abn") == "tax_id"
    # a practitioner's or an organisation's registry number is nobody's identity document
    assert identity_system_type("http://ns.electronichealth.net.au/id/hi/hpii/1.0") is None
    assert identity_system_type("https://gematik.de/fhir/sid/telematik-id") is None


def test_an_identifier_whose_system_names_an_insurance_number(engine: DetectionEngine) -> None:
    body = {
        "subject": {"identifier": {"system": "http://fhir.de/sid/gkv/kvid-10", "value": "X12345"}},
        "performer": {"identifier": {"system": "https://gematik.de/fhir/sid/telematik-id",
                                     "value": "3-SMC-B-Testkarte-883110000116873"}},
    }  # fmt: skip
    got = found(engine, body)
    assert ("$.subject.identifier.value", "national_id") in got
    assert not [p for p, _ in got if p.startswith("$.performer")]


def test_a_formatted_name_beside_its_parts_is_the_persons(engine: DetectionEngine) -> None:
    body = {
        "person": {"name": {"formattedName": "Mary Life-Event", "given": "Mary"}},
        "recruiter": {"recruiterName": {"formattedName": "Gregory L. Meyers",
                                        "given": "Gregory", "family": "Meyers"}},
        "product": {"planName": {"formattedName": "Gold Plan", "code": "G1"}},
    }  # fmt: skip
    got = found(engine, body)
    assert ("$.person.name.formattedName", "person_name") in got
    assert ("$.recruiter.recruiterName.formattedName", "person_name") in got
    assert not [p for p, _ in got if p.startswith("$.product")]  # no name part beside it


def test_fhir_extensions_of_name_and_address_parts() -> None:
    family = "$.name[*]._family.extension[*].valueString"
    line = "$.address[*]._line[*].extension[*].valueString"
    own = "http://hl7.org/fhir/StructureDefinition/humanname-own-name"
    prefix = "http://hl7.org/fhir/StructureDefinition/humanname-own-prefix"
    street = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetName"
    number = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber"
    assert fhir_extension_type(family, own, "Schaumberg") == "person_name"
    assert fhir_extension_type(family, prefix, "von") == "person_name"
    assert fhir_extension_type(line, street, "Siegburger Str.") == "street_address"
    assert fhir_extension_type(line, number, "155") == "street_address"
    # the extension's own words and codes in capitals hold no one's name
    assert fhir_extension_type(family, own, "Own") is None
    assert fhir_extension_type(family, prefix, "SpousePrefix") is None
    assert fhir_extension_type(family, prefix, "VV") is None
    assert fhir_extension_type(family, own, "Surname From Partner/Spouse") is None  # HL7 v2 FN.5
    # an extension the URL does not name as a part, or under another primitive, decides nothing
    census = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-censusTract"
    assert fhir_extension_type(line, census, "Tract 1234") is None
    assert fhir_extension_type(line, own, "Becker") is None  # a name's extension on a street
    assert fhir_extension_type("$.code._display.extension[*].valueString", own, "Becker") is None


def test_the_engine_reports_fhir_name_and_street_extensions(engine: DetectionEngine) -> None:
    own = "http://hl7.org/fhir/StructureDefinition/humanname-own-name"
    street = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetName"
    body = {
        "name": [{"family": "Schneider", "_family": {"extension": [
            {"url": own, "valueString": "Schneider"}]}}],
        "address": [{"line": ["Berliner Straße 1"], "_line": [{"extension": [
            {"url": street, "valueString": "Berliner Straße"}]}]}],
    }  # fmt: skip
    got = found(engine, body)
    assert ("$.name[*]._family.extension[*].valueString", "person_name") in got
    assert ("$.address[*]._line[*].extension[*].valueString", "street_address") in got


def test_a_tax_number_checked_by_the_country_beside_it() -> None:
    assert is_tax_number_of("B98602642", "ES")
    assert is_tax_number_of("54387763P", "es")  # a person's NIF
    assert is_tax_number_of("13585628", "DK")
    assert not is_tax_number_of("13585629", "DK")  # check fails
    assert not is_tax_number_of("123456789", "US")  # the US check passes SSNs too: left out
    assert not is_tax_number_of("13585628", "XX")
    assert not is_tax_number_of("13585628", "Denmark")


def test_a_tax_ids_code_beside_its_country(engine: DetectionEngine) -> None:
    body = {
        "customer": {"name": "Ana", "tax_id": {"country": "ES", "code": "54387763P"}},
        "supplier": {"tax_id": {"country": "DK", "code": "13585628"}},
        "bad": {"tax_id": {"country": "DK", "code": "13585629"}},
        "order": {"country": "DK", "number": "13585628"},
    }
    got = found(engine, body)
    assert ("$.customer.tax_id.code", "tax_id") in got
    assert ("$.customer.tax_id.code", "national_id") not in got  # a NIF, not a DNI, here
    assert ("$.supplier.tax_id.code", "tax_id") in got
    assert ("$.bad.tax_id.code", "tax_id") not in got
    assert not [p for p, _ in got if p.startswith("$.order")]  # no tax key: an order number


def test_a_formatted_name_alone_when_written_as_a_persons(engine: DetectionEngine) -> None:
    body = {
        "order": {"subject": {"name": {"formattedName": "Sandor Clegan"}}},
        "supplier": {"name": {"formattedName": "Executive Assessments Ltd"}},
    }
    got = found(engine, body)
    assert ("$.order.subject.name.formattedName", "person_name") in got
    assert ("$.supplier.name.formattedName", "person_name") not in got


def test_ukrainian_and_russian_organisations_are_no_people(engine: DetectionEngine) -> None:
    body = {
        "inspector": {"name": "Компанія Контролер",
                      "identifier": {"legalName": "Глобальний Фонд для боротьби зі СНІДом"}},
        "buyer": {"name": "ТОВ Прозорро"},  # noqa: RUF001
        "contactPoint": {"name": "Сергій Оніщенко"},
    }  # fmt: skip
    got = found(engine, body)
    assert ("$.contactPoint.name", "person_name") in got
    assert not [p for p, _ in got if p.startswith(("$.inspector", "$.buyer"))]


def test_a_birth_date_with_a_two_digit_year(engine: DetectionEngine) -> None:
    body = {
        "license": {"dob": "07/13/80", "expiry": "07/13/30"},
        "member": {"dob": "13.07.80"},
        "form": {"dob": "07/13/25", "version": "07/13/80"},
    }
    got = found(engine, body)
    assert ("$.license.dob", "date_of_birth") in got
    assert ("$.member.dob", "date_of_birth") in got
    assert ("$.license.expiry", "date_of_birth") not in got
    assert ("$.form.dob", "date_of_birth") not in got  # 2025: no adult's birth date
    assert ("$.form.version", "date_of_birth") not in got


def test_a_json_ld_type_says_whose_name_it_is(engine: DetectionEngine) -> None:
    body = {
        "organizer": {"@type": "Organization", "name": "Everyone Active"},
        "leader": [{"@type": "Person", "name": "Jane Smith"}],
        "offers": [{"@type": "Offer", "name": "Oxygen - Adult"}],
        "programme": {"@type": "Brand", "name": "Ride Social"},
    }
    assert found(engine, body) == {("$.leader[*].name", "person_name")}


def test_a_list_mixing_people_and_organisations_decides_nothing(engine: DetectionEngine) -> None:
    # the items of one list share a path: the written kinds disagree, so the names stand
    body = {"relatedParty": [
        {"name": "Jean Pontus", "@referredType": "Individual"},
        {"name": "Acme", "@referredType": "Organization"},
    ]}  # fmt: skip
    assert ("$.relatedParty[*].name", "person_name") in found(engine, body)
