# ruff: noqa: RUF001
"""Classes read on v40dev and v41dev (session 23): Russian street addresses by their value,
thirteen-digit GS1 numbers that are no cards, facilities named as such (``Warehouse A``), a
street named a ``Mount`` and an identity governance account's login under ``identity.name``."""

from __future__ import annotations

from typing import Any

from detector.engine import GATES, PROOFS, DetectionEngine
from detector.validators import gs1_check_ok, is_russian_address
from detector.value_rules import street_line
from tests.detector.findings import found


def test_a_russian_address_by_its_street_type_and_house() -> None:
    for text in (
        "ул Примерная, д 1, кв 1",
        "г Москва, ул Тверская, д 7, кв 12",
        "Улица Ленина, д. 5",
        "Россия, 123456, Москва, пр-кт Мира, дом 10",
        "м. Київ, вул. Хрещатик, буд. 22",
    ):
        assert is_russian_address(text), text
    # a street without its house, a city alone, a house number alone, Latin letters
    for text in ("ул Примерная", "г Москва", "д 1, кв 1", "ul Tverskaya, d 7", "Иван Иванов"):
        assert not is_russian_address(text), text


def test_a_russian_address_is_found_under_an_opaque_key(engine: DetectionEngine) -> None:
    body = {"deliveryInfo": {"address": {"value": "г Москва, ул Тверская, д 7, кв 12"}}}
    assert found(engine, body) == {("$.deliveryInfo.address.value", "street_address")}


def test_a_gs1_number_is_no_card_by_its_value_alone(engine: DetectionEngine) -> None:
    gln = "4062396000008"  # passes Luhn and the GS1 check: a location number
    assert gs1_check_ok(gln)
    assert not gs1_check_ok("4062396000009")
    assert not GATES["credit_card"](gln)
    body: dict[str, Any] = {"orderingParty": {"standardIds": [{"value": gln, "type": "GLN"}]}}
    assert not any(t == "credit_card" for _, t in found(engine, body))
    # a thirteen-digit test card that also passes the GS1 check, where the key says card
    assert PROOFS["credit_card"]("4012888888881")
    body = {"payment": {"cardNumber": "4012888888881", "cvv": "123"}}
    assert ("$.payment.cardNumber", "credit_card") in found(engine, body)
    # sixteen digits under an opaque key stay a card
    assert found(engine, {"data": {"value": "4111111111111111"}}) == {
        ("$.data.value", "credit_card")
    }


def test_a_facility_is_named_no_person(engine: DetectionEngine) -> None:
    body = {"ship_from": {"name": "Warehouse A", "phone": "+1 512-555-0147"}}
    assert ("$.ship_from.name", "person_name") not in found(engine, body)
    body = {"ship_to": {"name": "Amanda Miller", "phone": "+1 512-555-0147"}}
    assert ("$.ship_to.name", "person_name") in found(engine, body)


def test_a_street_named_a_mount(engine: DetectionEngine) -> None:
    assert street_line("21 Savile Mount")
    assert not street_line("Savile Mount")  # no house number: not a second line's street
    body = {"address_1": "Leeds Media Centre", "address_2": "21 Savile Mount", "city": "Leeds"}
    assert ("$.address_2", "street_address") in found(engine, body)


def test_an_identitys_name_written_as_a_login(engine: DetectionEngine) -> None:
    ident = "2c9180857182305e0171993735622948"
    assert found(engine, {"identity": {"name": "john.doe", "id": ident}}) == {
        ("$.identity.name", "username")
    }
    assert found(engine, {"identity": {"name": "John Doe", "id": ident}}) == {
        ("$.identity.name", "person_name")
    }
