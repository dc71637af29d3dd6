"""Classes read on v10dev, v14dev, v16dev and v17dev in session 15: an identifier whose
sibling names its kind by a shared stem (``identificationType: "CPF"`` beside
``identification``), phone numbers under keys that end with a phone's word (``pager`` too), tax
keys that put ``number`` after the tax word (``cnpjNumber``) and EORI numbers, names under staff
and supervisors' keys, fused ``username`` keys, coordinates in whole degrees, a full name beside
an e-mail in a contact record, readable logins under user-id keys, a year under a year-of-birth
word, and a key repeated with a counter (``street: "street1"``) as a stand-in."""

from __future__ import annotations

import pytest

from detector import value_rules as vr
from detector.engine import DetectionEngine
from tests.detector.findings import found


def test_an_identifier_takes_the_kind_its_stem_sibling_names(engine: DetectionEngine) -> None:
    body = {
        "principals": [
            {
                "identification": "39053344705",
                "identificationType": "CPF",
                "name": "Maria Souza",
                "postCode": "01310100",
            }
        ],
        "insured": {"documentType": "PASSPORT", "documentNumber": "FX1234567"},
    }
    result = found(engine, body)
    assert ("$.principals[*].identification", "national_id") in result
    assert ("$.insured.documentNumber", "passport_number") in result


def test_a_stem_pairs_only_with_its_own_value(engine: DetectionEngine) -> None:
    # the scheme names a CPF, but the order's number shares no stem with it
    body = {"identificationType": "CPF", "orderNumber": "39053344705", "vehicleType": "car"}
    assert ("$.orderNumber", "national_id") not in found(engine, body)


def test_a_kind_the_scheme_does_not_know_decides_nothing(engine: DetectionEngine) -> None:
    body = {"identificationType": "REGISTRATION", "identification": "39053344705"}
    assert ("$.identification", "national_id") not in found(engine, body)


@pytest.mark.parametrize("key", ["phoneNumber", "mobile", "tel_no", "customerPhone"])
def test_a_key_that_ends_with_a_phones_word(key: str) -> None:
    assert vr.key_ends_with_phone(key)


@pytest.mark.parametrize("key", ["phone_id", "PhoneMaskingCode", "phoneVerified", "phone_type"])
def test_a_key_about_a_phone_is_no_phones_key(key: str) -> None:
    assert not vr.key_ends_with_phone(key)


def test_a_national_phone_number_under_a_phone_key_inside_another_object(
    engine: DetectionEngine,
) -> None:
    body = {"loyaltyAccount": {"phoneNumber": "89226234577", "cardNumber": "5000123"}}
    assert ("$.loyaltyAccount.phoneNumber", "phone") in found(engine, body)


@pytest.mark.parametrize("key", ["cnpjNumber", "businesscnpjNumber", "vatNumber", "ein_no"])
def test_a_tax_words_number_is_a_tax_key(key: str) -> None:
    assert vr.key_names_tax_id(key)


@pytest.mark.parametrize("key", ["cnpjType", "vat_rate", "taxNumberType", "number"])
def test_an_attribute_of_a_tax_number_is_not(key: str) -> None:
    assert not vr.key_names_tax_id(key)


def test_a_company_registry_number_under_a_qualified_key(engine: DetectionEngine) -> None:
    body = {"companyInfo": {"cnpjNumber": "01773247000563", "name": "Seguradora Modelo"}}
    assert ("$.companyInfo.cnpjNumber", "tax_id") in found(engine, body)


def test_a_pagers_number_is_a_phone(engine: DetectionEngine) -> None:
    assert ("$.Pager", "phone") in found(engine, {"Pager": "7772581479", "Grade": 9})


@pytest.mark.parametrize(
    ("key", "value"),
    [("staff_name", "山川 太郎"), ("MilitarySupervisorName", "John Brown")],
)
def test_a_name_under_a_key_of_a_staff_member_or_supervisor(
    engine: DetectionEngine, key: str, value: str
) -> None:
    assert (f"$.{key}", "person_name") in found(engine, {key: value, "code": "A01"})


def test_a_login_under_a_fused_username_key(engine: DetectionEngine) -> None:
    body = {"providers": [{"providerid": 12, "supervisingproviderusername": "jsmith"}]}
    assert ("$.providers[*].supervisingproviderusername", "username") in found(engine, body)
    assert ("$.providers[*].providerid", "username") not in found(engine, body)


def test_whole_degrees_under_coordinate_keys(engine: DetectionEngine) -> None:
    body = {"center": {"latitude": -33, "longitude": 151}, "radius": 40, "zoom": 12}
    result = found(engine, body)
    assert ("$.center.latitude", "geo_location") in result
    assert ("$.center.longitude", "geo_location") in result
    assert not {p for p, _ in result} & {"$.radius", "$.zoom"}


def test_zero_degrees_and_out_of_range_numbers_locate_nothing(engine: DetectionEngine) -> None:
    assert found(engine, {"latitude": 0, "longitude": 0}) == set()
    assert found(engine, {"lat": 91, "lng": 200}) == set()


@pytest.mark.parametrize(
    ("key", "value"),
    [("street", "street1"), ("street_no", "street-no1"), ("address", "MyAddress2")],
)
def test_a_key_repeated_with_a_counter_is_a_stand_in(key: str, value: str) -> None:
    assert vr.echoes_key(key, value)


@pytest.mark.parametrize(("key", "value"), [("street", "Streeter 12"), ("address", "12 Main St")])
def test_an_address_that_shares_a_word_with_its_key_is_none(key: str, value: str) -> None:
    assert not vr.echoes_key(key, value)


def test_counted_stand_ins_are_no_address_but_a_weak_password_is_one(
    engine: DetectionEngine,
) -> None:
    body = {"street": "street1", "address": "MyAddress2", "password": "apassword1"}
    assert found(engine, body) == {("$.password", "password")}


def test_an_eori_number_is_a_tax_number(engine: DetectionEngine) -> None:
    body = {"receiver": {"eori_number": "GB123456789000", "company": "Acme Ltd"}}
    assert ("$.receiver.eori_number", "tax_id") in found(engine, body)


def test_a_full_name_in_a_contact_record_beside_an_e_mail(engine: DetectionEngine) -> None:
    body = {
        "entries": [
            {"uuid": "cus_1", "name": "Gavin Belson", "email": "gavin@example.com"},
            {"uuid": "cus_2", "name": "Ops Company", "email": "ops@example.com"},
        ],
        "plan": {"name": "Harry Zhang", "price": 10},
    }
    result = found(engine, body)
    assert ("$.entries[*].name", "person_name") in result
    # no e-mail beside it, and a thing's key: the plan's name stays unreported
    assert ("$.plan.name", "person_name") not in result


def test_a_company_beside_an_e_mail_is_no_person(engine: DetectionEngine) -> None:
    body = {"name": "Acme Widgets Ltd", "email": "sales@example.com", "vat": "GB123"}
    assert ("$.name", "person_name") not in found(engine, body)


@pytest.mark.parametrize("key", ["userid", "userId", "ApplyUserId", "oper_userid", "user_id"])
def test_a_readable_login_under_a_user_id_key(key: str) -> None:
    from detector.name_rules import login_by_key

    for login in ("zhangsan", "james", "LiQiJun", "testuser2"):
        assert login_by_key(key, login), (key, login)
    for system_id in ("8f14e45f-ceea-467f-a0e6-4ab0b8ce0c4a", "1234567", "usr_8f3a21c9",
                      "woAJ2GCAAAd1asdasdjO4wKmE8AabjBBB", "deleted", "mock-user-id", "xxxx",
                      "userid", "u12345678", "member_12"):  # fmt: skip
        assert not login_by_key(key, system_id), (key, system_id)


def test_the_engine_reports_a_members_user_id_login(engine: DetectionEngine) -> None:
    body = {"userlist": [{"userid": "zhangsan", "department": [1]}], "owner": {"userId": 42}}
    result = found(engine, body)
    assert ("$.userlist[*].userid", "username") in result
    assert ("$.owner.userId", "username") not in result


@pytest.mark.parametrize("key", ["foedselsaar", "birthyear", "geburtsjahr", "yob"])
def test_a_year_under_a_year_of_birth_word(key: str) -> None:
    assert vr.birth_date_part(1972, key, "")
    assert vr.birth_date_part("2000", key, "foedselsdato")
    assert not vr.birth_date_part(1850, key, "")


def test_a_year_word_of_something_else_is_no_birth_year() -> None:
    assert not vr.birth_date_part(1972, "modelyear", "")
    assert not vr.birth_date_part(1972, "year", "invoice")


def test_each_item_of_a_list_of_documents_takes_its_own_kind(engine: DetectionEngine) -> None:
    body = {
        "documents": [
            {"documentType": "DRIVERS_LICENSE", "documentNumber": "D12345678"},
            {"documentType": "PASSPORT", "documentNumber": "548723196"},
        ]
    }
    result = found(engine, body)
    assert ("$.documents[*].documentNumber", "drivers_license") in result
    assert ("$.documents[*].documentNumber", "passport_number") in result
