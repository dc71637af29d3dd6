"""The v41 evaluation data (detector/eval/data/v41): the JSON fixtures that the tests of SDKs and
client libraries of publishers v1 to v39 did not use read (point of sale in Japan, the Russian tax
app for the self-employed and a Russian bank's app, newsletters in the Netherlands, home solar in
France, company disclosures in Korea, a water utility in Tanzania, payments in Australia, the
Philippines and the Gulf, an electricity supplier in Poland, project management and thermostats in
Germany, non-profit payments in France, nurseries, cloud hosting in the UK, investing in New
Zealand), labelled by v41's own rules (`make_v41_rules`: v35's rules, a Russian INN and an
Australian BSB) under the one convention of the data README, plus hand decisions. Format,
coverage, the convention (no label on a leaf without data), the split, that the error lister
reads v41dev and refuses v41test (v41 was scored once, sealed) and that ``make_v41`` rewrites the
committed file from the cached sources."""

from __future__ import annotations

from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import (
    DATA,
    ConventionChecks,
    check_providers_are_new,
    rule_types,
)

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v41awork/": "v41awork",
    "v41brightbox/": "v41brightbox",
    "v41dart/": "v41dart",
    "v41dawasco/": "v41dawasco",
    "v41energa/": "v41energa",
    "v41famly/": "v41famly",
    "v41helloasso/": "v41helloasso",
    "v41laposta/": "v41laposta",
    "v41mylight/": "v41mylight",
    "v41nalogo/": "v41nalogo",
    "v41payrex/": "v41payrex",
    "v41payway/": "v41payway",
    "v41sharesies/": "v41sharesies",
    "v41smaregi/": "v41smaregi",
    "v41tado/": "v41tado",
    "v41tap/": "v41tap",
    "v41tbank/": "v41tbank",
}
#: Labels per type at least: the count each type had when the set was made (0: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 0) | {
    "person_name": 89,
    "email": 47,
    "street_address": 27,
    "ip_address": 25,
    "bank_account": 23,
    "phone": 21,
    "tax_id": 11,
    "username": 10,
    "date_of_birth": 7,
    "secret_key": 6,
    "mac_address": 5,
    "gender": 3,
    "national_id": 3,
    "jwt": 1,
    "password": 1,
}
#: Labels the hand decisions change (``make_v41`` prints it; the README states it).
HAND_CHANGES = 64


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v41 import REAL_PEOPLE, marks

    text = (DATA / "v41" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v41

    source = Path(make_v41.__file__).read_text(encoding="utf-8").lower()
    assert not make_v41.marks(source) & frozenset().union(*make_v41.REAL_PEOPLE.values())


def test_the_rules_and_hand_decisions_give_the_kinds_the_convention_names() -> None:
    # a Russian taxpayer number, an Australian BSB and the account beside it the hand check
    # added, a Russian internal passport's number, a Japanese address, a MAC without separators
    text = DATA.joinpath("v41", "real.jsonl").read_text(encoding="utf-8")
    for path, kind in (
        ("$.inn", "tax_id"),
        ("$.merchant.settlementBsb", "bank_account"),
        ("$.merchant.settlementAccountNumber", "bank_account"),
        ("$.flight_pay_request.seats[*].passenger.documentNumber", "national_id"),
        ("$.result[*].address", "street_address"),
        ("$.devices[*].masterMac", "mac_address"),
    ):
        assert f'["{path}", "{kind}"]' in text, (path, kind)


def test_v41s_own_words_read_the_numbers_by_their_shape() -> None:
    assert rule_types("make_v41", "inn", "123456789012") == {"tax_id"}
    assert rule_types("make_v41", "inn", "7700000000") == {"tax_id"}
    assert rule_types("make_v41", "inn", "12345") == set()
    assert rule_types("make_v41", "settlementBsb", "133-605") == {"bank_account"}
    assert rule_types("make_v41", "bsb", "not a number") == set()


class TestV41Data(ConventionChecks):
    name = "v41"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 70  # 60 documents with rule labels and up to 10 negatives a source
    min_documents = 150  # short of the 300 of earlier sets: see the data README's v41 section
    min_families = 140
    min_labels = 275  # short of the 800 asked: see the data README's v41 section
    sealed = False  # scored once at the end of session 22, as tables; its dev half read since

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        # v40 is made beside v41, apart from it: its file is checked once it is merged in
        later = (f"v{i}/real.jsonl" for i in range(3, 41))
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        present = [name for name in earlier if (DATA / name).is_file()]
        assert len(present) >= len(earlier) - 2
        check_providers_are_new(DATA, present, self.providers, by_prefix=True)
