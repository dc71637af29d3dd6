"""Bank codes a key names and the value's shape confirms (`detector.bank_codes`)."""

from __future__ import annotations

import pytest

from detector.bank_codes import (
    STRONG,
    WEAK,
    account_beside_bank_code,
    bank_code_shape,
    bank_key,
    is_bank_detail,
)
from detector.engine import DetectionEngine


@pytest.mark.parametrize(
    "key",
    [
        "routing_number",
        "RoutingNumber",
        "aba",
        "sortCode",
        "sort_code",
        "bsb",
        "clabe",
        "RDFIIdentification",
        "ODFIIdentification",
        "DFIAccountNumber",
        "originalDFI",
        "institutionNumber",
        "transit_number",
        "bban",
        "Bankleitzahl",
        "branch_code",
        "nrb",  # Poland's domestic account number
        "rib",
        "cbu",
        "agencyNumber",
    ],
)
def test_keys_that_name_a_bank_code(key: str) -> None:
    assert bank_key(key) == STRONG


@pytest.mark.parametrize("key", ["immediateOrigin", "immediate_destination"])
def test_ach_header_fields_are_weak_keys(key: str) -> None:
    assert bank_key(key) == WEAK


@pytest.mark.parametrize(
    "key",
    [
        "routing_key",  # a message broker's routing key
        "bank_name",
        "routing_number_type",
        "sort_order",
        "companyIdentification",
        "transit_time",
        "bank_code_verified",
        "swift_bank_code",
        "account_number",  # the model's call, not a code's
        "agency_name",
        "travel_agency",
        "",
    ],
)
def test_keys_that_do_not(key: str) -> None:
    assert bank_key(key) == 0


@pytest.mark.parametrize(
    "text", ["12104288", "121042882", "010", "20-00-00", "81967038518      ", "SBIN0001234"]
)
def test_bank_code_shapes(text: str) -> None:
    assert bank_code_shape(text, STRONG)


@pytest.mark.parametrize("text", ["000", "12", "ABCD1234", "12345678901234567890123456789012345"])
def test_not_bank_code_shapes(text: str) -> None:
    assert not bank_code_shape(text, STRONG)


def test_weak_keys_need_the_aba_checksum() -> None:
    assert bank_code_shape("121042882", WEAK)
    assert bank_code_shape("A121042882", WEAK)  # NACHA's 10-character field
    assert not bank_code_shape("121042883", WEAK)  # checksum fails
    assert not bank_code_shape("000000000", WEAK)  # passes the checksum, a stand-in
    assert not bank_code_shape("12104288", WEAK)


def test_is_bank_detail_takes_strings_and_integers_only() -> None:
    assert is_bank_detail("23138010", "RDFIIdentification")
    assert is_bank_detail(121042882, "immediateOrigin")
    assert not is_bank_detail(True, "routing_number")
    assert not is_bank_detail(None, "routing_number")
    assert not is_bank_detail("121042882", "companyIdentification")


def test_digits_counting_up_from_one_are_no_bank_code() -> None:
    from detector.bank_codes import counting_digits, is_bank_detail

    assert counting_digits("12345")
    assert not counting_digits("12")
    assert not counting_digits("010")
    assert not is_bank_detail("12345", "BranchCode")
    assert is_bank_detail("010", "institutionNumber")
    assert is_bank_detail("12346", "BranchCode")


def test_compe_code_names_a_bank_code() -> None:
    assert is_bank_detail("001", "compeCode")
    assert not is_bank_detail("001", "competitionCode")  # a word that only starts alike


@pytest.mark.parametrize("value", ["24550245", "0012345-6", 94088392])
def test_account_number_shapes_under_a_bare_number(value: object) -> None:
    assert account_beside_bank_code("number", value)


@pytest.mark.parametrize(
    ("key", "value"),
    [("number", "1234"), ("number", "12345678"), ("number", "AB-12-CD-34"),
     ("number", "00000000"), ("order_number", "24550245"), ("number", True)],
)  # fmt: skip
def test_account_number_shapes_refused(key: str, value: object) -> None:
    assert not account_beside_bank_code(key, value)


def test_engine_finds_the_account_beside_its_bank_codes(engine: DetectionEngine) -> None:
    account = {"compeCode": "001", "branchCode": "6272", "number": "24550245", "checkDigit": "4"}
    got = {(d.path, d.type) for d in engine.detect({"accounts": [account]})}
    assert ("$.accounts[*].number", "bank_account") in got
    assert ("$.accounts[*].compeCode", "bank_account") in got
    # the same number beside no bank code: an order's, a ticket's
    other = {"orders": [{"number": "24550245", "status": "paid", "total": 10}]}
    got = {(d.path, d.type) for d in engine.detect(other)}
    assert ("$.orders[*].number", "bank_account") not in got


def test_brazils_branch_and_ispb_codes_and_the_account_beside_them(engine: DetectionEngine) -> None:
    body = {"recebedor": {"agencia": "0001", "conta": "012345", "ispb": "91193552", "nome": "Loja"}}
    got = {p for p, t in ((d.path, d.type) for d in engine.detect(body)) if t == "bank_account"}
    assert {"$.recebedor.agencia", "$.recebedor.ispb"} <= got
    assert bank_key("agencia") == STRONG
    assert bank_key("agencia_name") == 0
