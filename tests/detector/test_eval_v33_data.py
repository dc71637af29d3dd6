"""The v33 evaluation data (detector/eval/data/v33): API documentation examples of publishers v1
to v31 did not use (subscription billing and invoicing, invoice financing, recognition at work,
accounts with cards, Brazilian credit notes, Chilean tax documents, Belgian payments, Dutch
ledgers, Russian wallets, investment accounts and many small SaaS APIs),
labelled by v33's own rules (`make_v33_rules`: v31's rules) under the one convention of the data
README, plus hand decisions. Format, coverage, the convention (no label on a leaf without data),
the split, that the error lister refuses v33 whole, its dev half and its test half (it is sealed)
and that ``make_v33`` rewrites the committed file from the cached sources."""

from __future__ import annotations

from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, check_providers_are_new

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v33alt36/": "v33alt36",
    "v33amrshakya/": "v33amrshakya",
    "v33anboto/": "v33anboto",
    "v33appia/": "v33appia",
    "v33bananatron/": "v33bananatron",
    "v33bindeo/": "v33bindeo",
    "v33briq/": "v33briq",
    "v33chillipharm/": "v33chillipharm",
    "v33clicksign/": "v33clicksign",
    "v33clickx/": "v33clickx",
    "v33coursemapper/": "v33coursemapper",
    "v33datalab/": "v33datalab",
    "v33decidento/": "v33decidento",
    "v33digiteal/": "v33digiteal",
    "v33duda/": "v33duda",
    "v33emma/": "v33emma",
    "v33enginer/": "v33enginer",
    "v33evilzorge/": "v33evilzorge",
    "v33gaelcloud/": "v33gaelcloud",
    "v33gymsales/": "v33gymsales",
    "v33hugobast/": "v33hugobast",
    "v33icemanoozj/": "v33icemanoozj",
    "v33intempt/": "v33intempt",
    "v33iworq/": "v33iworq",
    "v33jin56/": "v33jin56",
    "v33killbill/": "v33killbill",
    "v33lix/": "v33lix",
    "v33loomis/": "v33loomis",
    "v33manhattandev/": "v33manhattandev",
    "v33mitraman/": "v33mitraman",
    "v33neat/": "v33neat",
    "v33novicap/": "v33novicap",
    "v33onemt/": "v33onemt",
    "v33openguilds/": "v33openguilds",
    "v33phrenzi/": "v33phrenzi",
    "v33plate/": "v33plate",
    "v33ptrade/": "v33ptrade",
    "v33rcp/": "v33rcp",
    "v33rees46/": "v33rees46",
    "v33repconnex/": "v33repconnex",
    "v33reproconnect/": "v33reproconnect",
    "v33sfs/": "v33sfs",
    "v33sitcom/": "v33sitcom",
    "v33sixpark/": "v33sixpark",
    "v33swimtopia/": "v33swimtopia",
    "v33tanda/": "v33tanda",
    "v33todaysplan/": "v33todaysplan",
    "v33upwave/": "v33upwave",
    "v33workplacearcade/": "v33workplacearcade",
}
#: Labels per type at least: the count each type had when the set was made (0: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 5) | {
    "credit_card": 2,
    "drivers_license": 4,
    "jwt": 2,
    "mac_address": 0,
    "us_ssn": 0,
}
#: Labels the hand decisions change (``make_v33`` prints it; the README states it).
HAND_CHANGES = 197


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v33 import REAL_PEOPLE, marks

    text = (DATA / "v33" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v33

    source = Path(make_v33.__file__).read_text(encoding="utf-8").lower()
    assert not make_v33.marks(source) & frozenset().union(*make_v33.REAL_PEOPLE.values())


def test_the_rules_and_hand_decisions_give_the_kinds_the_convention_names() -> None:
    # tax numbers of companies, personal numbers and bank details that the hand check added
    text = DATA.joinpath("v33", "real.jsonl").read_text(encoding="utf-8")
    for path, kind in (
        ("$.data[*].rut", "tax_id"),
        ("$.proposal.document_data.issuer_cpf", "national_id"),
        ("$.proposal.document_data.issuer_cnh", "drivers_license"),
        ("$.data[*].BankInfo.BankAccNr", "iban"),
        ("$.data.passport_series_number", "passport_number"),
    ):
        assert f'["{path}", "{kind}"]' in text, (path, kind)


class TestV33Data(ConventionChecks):
    name = "v33"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 49
    min_documents = 500
    min_families = 300
    sealed = False  # scored once in session 20, as tables; its dev half read since

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        # v32 was made beside v33, apart from it: its file is checked once it is merged in
        later = (f"v{i}/real.jsonl" for i in range(3, 32))
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        present = [name for name in earlier if (DATA / name).is_file()]
        assert len(present) >= len(earlier) - 1
        check_providers_are_new(DATA, present, self.providers, by_prefix=True)
