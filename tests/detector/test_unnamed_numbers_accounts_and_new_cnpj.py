"""Classes read on v38dev (session 22): a generic key at a body's top names no identity
document; Brazil's alphanumeric CNPJ (issued from July 2026) is a tax number by its check
digits; accounts and vendors named as such, and an address's complement, are no people; a
first name as a nickname is a name."""

from __future__ import annotations

from detector.engine import DetectionEngine
from detector.validators import is_cnpj
from tests.detector.findings import found


def test_a_top_level_number_is_the_resources_own(engine: DetectionEngine) -> None:
    # an invoice's, an estimate's and an order's own numbers, at the top and in an envelope
    for body in (
        {"number": "OIT00546", "total": 5},
        {"data": [{"number": "OMTH202011050019", "amount": 100}]},
        {"number": "GMH3P6G79VRKQJ"},
    ):
        assert not found(engine, body), body
    # a kind named beside it, or a value that proves itself, still decides
    assert ("$.identification.number", "passport_number") in found(
        engine, {"identification": {"type": "passport", "number": "X1234567"}}
    )
    assert ("$.number", "national_id") in found(engine, {"number": "123.456.789-09"})


def test_the_alphanumeric_cnpj_by_its_check_digits(engine: DetectionEngine) -> None:
    # the tax authority's own example, bare and printed, and two from a bank's API examples
    for text in ("12.ABC.345/01DE-35", "12ABC34501DE35", "2W.6JK.NZD/IVHU-64"):
        assert is_cnpj(text), text
    assert is_cnpj("11.222.333/0001-81")  # the numeric form still
    for text in ("12.ABC.345/01DE-36", "AA.AAA.AAA/AAAA-00", "12.abc.345/01de-35"):
        assert not is_cnpj(text), text
    body = {"data": {"business_cnpj": "HN.JT6.0C3/87OJ-62", "business_name": "Loja Exemplo"}}
    assert ("$.data.business_cnpj", "tax_id") in found(engine, body)


def test_accounts_vendors_and_complements_are_no_people(engine: DetectionEngine) -> None:
    body = {
        "recipient": {"displayName": "Main Account", "id": "acc_1"},
        "bank_accounts": [{"account_name": "Main Operating Account", "currency": "AUD"}],
        "payee": {"partnerName": "Example Vendor"},
        "address": {"complement": "West Wing", "street": "12 Main St"},
        "customer": {"displayName": "Jane Account-Holder"},
    }
    got = found(engine, body)
    assert not any(t == "person_name" and not p.startswith("$.customer") for p, t in got), got
    assert ("$.customer.displayName", "person_name") in got


def test_a_first_name_as_a_nickname_is_a_name(engine: DetectionEngine) -> None:
    got = found(engine, {"data": {"nickname": "Sebastian", "email": "s@example.com"}})
    assert ("$.data.nickname", "person_name") in got
    for handle in ("jdoe77", "marietto"):  # handles stay logins
        got = found(engine, {"user": {"nickname": handle}})
        assert ("$.user.nickname", "username") in got, handle
