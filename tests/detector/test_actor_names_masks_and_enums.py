"""Rules from the errors two labellers agreed on: the set's own labels and a second labeller's,
on the dev halves. Names of who sent, received, made or changed a record; keys of things and
places; legal forms and help-desk words; a format's all-zero mask, a time after a date, answer
words, enumeration values and lone numbers where the key names no such type."""

from __future__ import annotations

import pytest

from detector import validators as v
from detector import value_rules as vr
from detector.engine import DetectionEngine
from detector.name_rules import key_names_place_part, key_names_thing
from tests.detector.findings import found


@pytest.mark.parametrize(
    "key", ["createdByName", "updated_by_name", "lastModifiedByName", "from_name", "FromName",
            "to_name", "replyToName", "ccName", "shipto_name", "account_name", "bank_account_name"]
)  # fmt: skip
def test_a_full_name_under_an_actors_or_partys_name_key_is_a_person(
    engine: DetectionEngine, key: str
) -> None:
    assert found(engine, {key: "Jane Doe"}) == {(f"$.{key}", "person_name")}


@pytest.mark.parametrize("value", ["Klaviyo Demo", "Acme Newsletter", "Support Team"])
@pytest.mark.parametrize("key", ["from_name", "bank_account_name"])
def test_a_brand_under_a_senders_or_accounts_name_key_is_no_person(
    engine: DetectionEngine, key: str, value: str
) -> None:
    assert found(engine, {key: value}) == set()


def test_a_name_compound_key_the_training_keys_lack_still_names_a_person(
    engine: DetectionEngine,
) -> None:
    assert found(engine, {"realname": "王小明"}) == {("$.realname", "person_name")}


@pytest.mark.parametrize(
    ("key", "thing"),
    [("category", True), ("label", True), ("tag", True), ("cat_name", True),
     ("bank_name", True), ("name", False), ("customer_label_name", False),
     ("bank_account_name", False), ("service_account_name", True)],
)  # fmt: skip
def test_keys_of_things(key: str, thing: bool) -> None:
    assert key_names_thing(key) is thing


@pytest.mark.parametrize(
    ("key", "place"), [("nome_uf", True), ("estado", True), ("territory", True), ("nome", False)]
)
def test_keys_of_places(key: str, place: bool) -> None:
    assert key_names_place_part(key) is place


def test_a_category_and_a_label_are_no_persons_names(engine: DetectionEngine) -> None:
    body = {"trigger": {"label": "Completes a Lesson", "category": "LearnDash"}}
    assert found(engine, body) == set()


@pytest.mark.parametrize(
    "value",
    ["ACME SA DE CV", "Aduanas México SA", "RAYSON CORPORATION", "T. Boito e Rigolton ME",
     "Suporte", "Acme Logistics", "Marketing & PR", "ACDC+ RACF"],
)  # fmt: skip
def test_organisations_and_help_desks_have_no_persons_shape(value: str) -> None:
    assert vr.not_personal_shape("person_name", value)


@pytest.mark.parametrize("value", ["Jane Doe", "María José García", "Mees van Roijen"])
def test_persons_names_keep_their_shape(value: str) -> None:
    assert not vr.not_personal_shape("person_name", value)


@pytest.mark.parametrize(
    ("text", "phone"),
    [("(000) 000-0000", False), ("000 - 00 00 00", False), ("+44 20 7946 0000", True),
     ("0301234567", True)],
)  # fmt: skip
def test_an_all_zero_mask_has_no_phones_shape(text: str, phone: bool) -> None:
    assert v.phone_shape(text) is phone


@pytest.mark.parametrize(
    ("text", "phone"),
    [("September, 09 2021 00:00:00", False), ("Call us on 0301 234567 today", True)],
)
def test_a_time_after_a_date_is_no_phone_in_text(text: str, phone: bool) -> None:
    assert ("phone" in vr.in_text(text)) is phone


@pytest.mark.parametrize("word", ["yes", "No", "fname", "fname lname"])
def test_answers_and_field_words_are_placeholders(word: str) -> None:
    assert v.is_placeholder(word)


def test_answers_and_enumerations_are_no_credentials(engine: DetectionEngine) -> None:
    assert found(engine, {"shared": "yes"}) == set()
    assert found(engine, {"lists": [{"access": "ByApproval"}]}) == set()
    assert found(engine, {"client_secret": "s3cr3tV4lu3-9f8e7d6c"}) == {
        ("$.client_secret", "secret_key")
    }


def test_a_lone_number_is_a_coordinate_only_where_the_key_says_so(engine: DetectionEngine) -> None:
    assert found(engine, {"orders": [{"length": "4.5"}]}) == set()
    assert found(engine, {"latitude": 52.52, "longitude": 13.405}) == {
        ("$.latitude", "geo_location"),
        ("$.longitude", "geo_location"),
    }


@pytest.mark.parametrize("key", ["inscricao_estadual", "inscricaoMunicipal"])
def test_brazils_state_and_municipal_registrations_are_tax_keys(key: str) -> None:
    assert vr.key_names_tax_id(key)
