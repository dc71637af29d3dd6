"""Classes read on v39dev (session 22): Korean road and lot addresses by their value, also
under a key the key model reads as a name's, and dates that are no secrets under
credential-sounding keys."""

from __future__ import annotations

from detector.engine import GATES, DetectionEngine
from detector.validators import is_korean_address
from tests.detector.findings import found


def test_a_korean_address_by_its_region_district_and_number() -> None:
    for text in (
        "서울 강남구 영동대로 513",
        "전북 익산시 부송동 100",
        "서울 서초구 서초동 1305-7",
        "경기 성남시 분당구 판교역로 166",
        "제주특별자치도 제주시 첨단로 242",
    ):
        assert is_korean_address(text), text
    # a region and a district alone, a road without its number, a place's name, no region
    for text in (
        "서울 강남구",
        "서울 강남구 삼성동",
        "한국경제TV",
        "강남구 영동대로 513",
        "Seoul 513",
    ):
        assert not is_korean_address(text), text


def test_a_korean_address_stands_against_a_name_key(engine: DetectionEngine) -> None:
    body = {
        "documents": [
            {
                "address_name": "서울 강남구 삼성동 159",
                "road_address_name": "서울 강남구 영동대로 513",
                "place_name": "코엑스",
                "region_1depth_name": "서울",
            }
        ]
    }
    assert found(engine, body) == {
        ("$.documents[*].address_name", "street_address"),
        ("$.documents[*].road_address_name", "street_address"),
    }


def test_a_date_is_no_secret(engine: DetectionEngine) -> None:
    assert not GATES["secret_key"]("30/01/2019")
    assert not GATES["secret_key"]("2019-01-30")
    assert GATES["secret_key"]("sk_live_4eC39HqLyjWDarjtT1zdp7dc")
    body = {"Donation": {"AuthorizationDate": "30/01/2019", "Authorization": "5051"}}
    assert not any(t == "secret_key" for _, t in found(engine, body))
