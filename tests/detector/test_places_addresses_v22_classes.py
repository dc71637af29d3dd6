"""Classes read on v22dev (session 16): Japanese street addresses by their value, places named
under Spanish and Portuguese keys, second address lines spelled out, servers' addresses, and a
gender question declined."""

from __future__ import annotations

from detector.engine import DetectionEngine
from detector.validators import is_japanese_address
from detector.value_rules import key_says_extra_line, key_says_place_name, not_personal_shape
from tests.detector.findings import found


def test_a_japanese_address_by_its_prefecture_municipality_and_number() -> None:
    for text in ("東京都千代田区紀尾井町1-3", "大分県大分市新川西二丁目3-1",
                 "岩手県八幡平市大更第35地割", "北海道雨竜郡秩父別町１５３６番地",
                 "神奈川県横浜市中区山下町1"):  # fmt: skip
        assert is_japanese_address(text), text
    # a prefecture and a city alone, a sentence, a place without its prefecture: no address
    for text in ("東京都千代田区", "東京都の天気は晴れ", "千代田区紀尾井町1-3", "Tokyo 1-3"):
        assert not is_japanese_address(text), text


def test_a_japanese_address_under_an_opaque_key(engine: DetectionEngine) -> None:
    body = {"query": {"input": "東京都千代田区紀尾井町1-3"}, "city": "東京都千代田区"}
    assert found(engine, body) == {("$.query.input", "street_address")}


def test_places_named_under_spanish_and_portuguese_keys() -> None:
    assert key_says_place_name("nombre", "provincia")
    assert key_says_place_name("nombre", "localidad_censal")
    assert key_says_place_name("nome", "cidade")
    assert key_says_place_name("name", "province")
    assert not key_says_place_name("nombre", "cliente")
    assert not key_says_place_name("nombre_cliente", "provincia")


def test_a_georef_record_names_places_not_people(engine: DetectionEngine) -> None:
    body = {
        "provincia": {"id": "82", "nombre": "Santa Fe"},
        "departamento": {"id": "82084", "nombre": "Rosario"},
        "localidad_censal": {"id": "82084010", "nombre": "Granadero Baigorria"},
        "cliente": {"nombre": "María González"},
    }
    assert found(engine, body) == {("$.cliente.nombre", "person_name")}


def test_a_second_line_spelled_out_and_a_servers_address_are_no_street(
    engine: DetectionEngine,
) -> None:
    assert key_says_extra_line("street_address_two")
    assert key_says_extra_line("addressLineThree")
    assert not key_says_extra_line("two_factor")
    assert not_personal_shape("street_address", "foo.bar.com:5555")
    assert not not_personal_shape("street_address", "10 Main St")
    body = {
        "dropoff": {"street_address": "7 Union Street", "street_address_two": "Apt. 558"},
        "server": {"address": "foo.bar.com:5555"},
    }
    assert found(engine, body) == {("$.dropoff.street_address", "street_address")}


def test_a_gender_question_declined_is_no_gender(engine: DetectionEngine) -> None:
    for text in ("prefer_not_to_say", "Prefer not to say", "not specified", "undisclosed"):
        assert not_personal_shape("gender", text), text
    assert not not_personal_shape("gender", "female")
    got = found(engine, {"person": {"gender": "prefer_not_to_say"}, "guest": {"gender": "female"}})
    assert got == {("$.guest.gender", "gender")}
