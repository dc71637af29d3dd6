"""Classes read on v43dev (session 23): a person's Italian codice fiscale is a national id
under a tax key, China's unified social credit code is a tax number by its check character,
a nickname written in CJK script is a person's name, a stored file's name is no secret, and a
Dutch chamber of commerce number is no identity document."""

from __future__ import annotations

from detector.engine import DetectionEngine
from detector.validators import codice_fiscale_shape, is_chinese_credit_code
from tests.detector.findings import found


def test_a_codice_fiscale_is_a_national_id_under_a_tax_key(engine: DetectionEngine) -> None:
    assert codice_fiscale_shape("RSSMRA80A01F205D")  # the layout, check letter wrong
    assert codice_fiscale_shape("rssmra80a01f205x")
    assert not codice_fiscale_shape("IT12345678901")
    assert not codice_fiscale_shape("RSSMRA80Z01F205D")  # no month Z
    body = {"personal_data": {"tax_code": "RSSMRA80A01F205D", "first_name": "Mario"}}
    assert ("$.personal_data.tax_code", "national_id") in found(engine, body)
    # a company's eleven-digit number under the same key stays a tax id
    assert found(engine, {"vat_number": "IT12345678901"}) == {("$.vat_number", "tax_id")}


def test_a_chinese_credit_code_by_its_check_character(engine: DetectionEngine) -> None:
    assert is_chinese_credit_code("91330681MA7F19UC27")
    assert not is_chinese_credit_code("91330681MA7F19UC28")  # the check fails
    assert not is_chinese_credit_code("911100001000013437")  # digits alone: chance passes
    assert found(engine, {"payerNo": "91330681MA7F19UC27", "payerName": "x"}) == {
        ("$.payerNo", "tax_id")
    }
    assert not found(engine, {"orderNo": "91330681MA7F19UC28"})


def test_a_cjk_nickname_is_a_persons_name(engine: DetectionEngine) -> None:
    assert found(engine, {"nickName": "老三", "id": "x1"}) == {("$.nickName", "person_name")}
    assert found(engine, {"staffList": [{"nickName": "老5", "id": "x1"}]}) == {
        ("$.staffList[*].nickName", "person_name")
    }
    # a handle typed in Latin letters stays a login
    assert found(engine, {"nickName": "jdoe77", "id": "x1"}) == {("$.nickName", "username")}


def test_a_stored_files_name_is_no_secret(engine: DetectionEngine) -> None:
    body = {"icon": {"key": "applet-ekb-web2-1556186636163-817-.png", "url": "x"}}
    assert not found(engine, body)
    body = {"api": {"key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}}
    assert found(engine, body) == {("$.api.key", "secret_key")}


def test_a_chamber_of_commerce_number_is_no_identity_document(engine: DetectionEngine) -> None:
    body = {"coc_number": "64356582", "vat_number": "NL123456789B01"}
    assert found(engine, body) == {("$.vat_number", "tax_id")}
