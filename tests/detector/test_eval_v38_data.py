"""The v38 evaluation data (detector/eval/data/v38): the examples publishers v1 to v37 did not use
keep in their own repositories as Postman collections and OpenAPI descriptions (boleto and Pix
payments in Brazil, a marketplace's orders and shipments, collaboration and calling, hotel
guests, unified accounting, HR and CRM APIs, astrology and birth charts, customer engagement, a
corporate messenger, fundraising, a learning platform, analytics and network devices), labelled
by v38's own rules (`make_v38_rules`: v35's rules with v38's key words) under the one convention
of the data README, plus hand decisions. Format, coverage, the convention (no label on a leaf
without data), the split, that the error lister reads v38dev and refuses v38test (v38 was
scored once, sealed) and that ``make_v38`` rewrites the committed file from
the cached sources."""

from __future__ import annotations

from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, rule_types

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v38adobe/": "v38adobe",
    "v38amazon/": "v38amazon",
    "v38apideck/": "v38apideck",
    "v38aruba/": "v38aruba",
    "v38brightspace/": "v38brightspace",
    "v38cloudbeds/": "v38cloudbeds",
    "v38gofundmepro/": "v38gofundmepro",
    "v38kobana/": "v38kobana",
    "v38netgate/": "v38netgate",
    "v38pachca/": "v38pachca",
    "v38roxy/": "v38roxy",
    "v38unblu/": "v38unblu",
    "v38webex/": "v38webex",
}
#: Labels per type at least: the count each type had when the set was made (0: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 0) | {
    "email": 182,
    "person_name": 171,
    "phone": 124,
    "street_address": 95,
    "geo_location": 86,
    "bank_account": 46,
    "secret_key": 34,
    "tax_id": 29,
    "date_of_birth": 28,
    "password": 25,
    "ip_address": 19,
    "national_id": 18,
    "iban": 15,
    "username": 8,
    "jwt": 4,
    "gender": 2,
    "mac_address": 2,
}
#: Labels the hand decisions change (``make_v38`` prints it; the README states it).
HAND_CHANGES = 234


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v38 import REAL_PEOPLE, marks

    text = (DATA / "v38" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v38

    source = Path(make_v38.__file__).read_text(encoding="utf-8").lower()
    assert not make_v38.marks(source) & frozenset().union(*make_v38.REAL_PEOPLE.values())


def test_v38s_own_words_read_brazilian_documents_by_their_shape() -> None:
    # a CPF is a person's number, a CNPJ (numeric or alphanumeric) a company's tax number, and a
    # number whose check digits fail is neither
    assert rule_types("make_v38", "document_number", "111.444.777-35") == {"national_id"}
    assert rule_types("make_v38", "cnpj_cpf", "05.813.794/0001-26") == {"tax_id"}
    assert rule_types("make_v38", "business_cnpj", "12.ABC.345/01DE-35") == {"tax_id"}
    assert rule_types("make_v38", "taxpayer_number", "12345678901") == set()
    assert rule_types("make_v38", "mother_name", "Lenadra Simões Gonçalo") == {"person_name"}
    assert rule_types("make_v38", "customer_address", "Av. Presidente Vargas") == {"street_address"}
    assert rule_types("make_v38", "paid_bank", "001") == {"bank_account"}


def test_the_rules_and_hand_decisions_give_the_kinds_the_convention_names() -> None:
    # a payer's CPF, a beneficiary's CNPJ, an IBAN, a SIP address, a name the hand check added
    text = DATA.joinpath("v38", "real.jsonl").read_text(encoding="utf-8")
    for path, kind in (
        ("$.data.payer.document_number", "national_id"),
        ("$.beneficiary_cnpj_cpf", "tax_id"),
        ("$.data.target_account_number", "iban"),
        ("$.primarySipUrl", "email"),
        ("$.payload.primaryContact.name", "person_name"),
        ("$.shared_secret", "secret_key"),
    ):
        assert f'["{path}", "{kind}"]' in text, (path, kind)


class TestV38Data(ConventionChecks):
    name = "v38"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 13
    min_documents = 500
    min_families = 360
    min_labels = 880
    sealed = False  # scored once in session 22, as tables; its dev half read since
