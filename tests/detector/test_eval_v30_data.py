"""The v30 evaluation data (detector/eval/data/v30): API documentation examples of publishers v1
to v29 did not use (identity verification and KYC, banking as a service, card and Pix payments,
payouts and wallets, remittances, peer-to-peer and small-business lending, electronic tax
invoices and bank slips in Brazil, escrow, personal finance, advisers' risk analytics), labelled
by v30's own rules (`make_v30_rules`: v29's rules with v30's key words layered on top) under the
one convention of the data README, plus hand decisions. Format, coverage, the convention (no
label on a leaf without data), the rules, the split, that the error lister refuses v30 whole, its
dev half and its test half (it is sealed) and that ``make_v30`` rewrites the committed file from
the cached sources."""

from __future__ import annotations

import functools
from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, rule_types

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v30buttercoin/": "buttercoin",
    "v30cobrato/": "cobrato",  # Cobrato (Nexaas)
    "v30coinberry/": "coinberry",
    "v30cryptoprocessing/": "cryptoprocessing",
    "v30dataspike/": "dataspike",
    "v30dompetkilat/": "dompetkilat",  # Dompet Kilat
    "v30emites/": "v30emites",  # Emites (Nexaas)
    "v30flowfinance/": "flowfinance",  # Flow Finance
    "v30huione/": "huione",
    "v30lunchmoney/": "lunchmoney",  # Lunch Money
    "v30mimospay/": "mimospay",
    "v30nexway/": "nexway",  # Nexway's N3 AppStore
    "v30noncents/": "noncents",
    "v30payhub/": "payhub",
    "v30paymey/": "paymey",
    "v30payswitch/": "payswitch",
    "v30pooul/": "pooul",
    "v30qbitpay/": "qbitpay",  # Qbit Pay (Qbit Network)
    "v30quaypay/": "quaypay",
    "v30railsbank/": "railsbank",
    "v30safecrow/": "safecrow",
    "v30slydo/": "slydo",  # Slydo (Paybay)
    "v30spaceinvoices/": "spaceinvoices",  # Space Invoices
    "v30stratifi/": "stratifi",
    "v30subscriptionbase/": "subscriptionbase",
    "v30transferzero/": "transferzero",  # TransferZero (AZA Finance)
    "v30youpay/": "youpay",
    "v30yoyo/": "v30yoyo",  # Yoyo Wallet (the word alone is generic)
}
#: Source prefixes of one publisher's other repositories → the publisher's.
PUBLISHER = {"v30cobrato": "v30emites"}
#: Labels per type at least: 5 where the real sources have that many; for the types they lack,
#: the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 5) | {
    "credit_card": 4,
    "username": 4,
    "password": 4,
    "mac_address": 0,
    "geo_location": 0,
    "us_ssn": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "jwt": 0,
}
#: Labels the hand decisions change (``make_v30`` prints it; the README states it).
HAND_CHANGES = 113


def test_identity_document_numbers_by_their_kind() -> None:
    one = functools.partial(rule_types, "make_v30")

    assert one("identity_card_id", "AB12345678", identity_card_type="PP") == {"passport_number"}
    assert one("identity_card_id", "12345678", identity_card_type="ID") == {"national_id"}
    assert one("identification_number", "AB12345678", identification_type="OT") == {"national_id"}
    assert one("number", "X1234567", type="passport") == {"passport_number"}
    assert one("number", "12345", type="invoice") == set()


def test_brazilian_documents_by_their_digits() -> None:
    one = functools.partial(rule_types, "make_v30")

    assert one("cpf_cnpj", "68763591669") == {"national_id"}
    assert one("cnpj_cpf", "81043396000156") == {"tax_id"}
    assert one("national_identifier", "444.023.930-78") == {"national_id"}
    assert one("customer_document", "69441700436", customer_document_type="CPF") == {"national_id"}
    assert one("inscricao_estadual", "0736913700156") == {"tax_id"}
    assert one("npwp", "123456789012345") == {"tax_id"}


def test_account_parts_and_masked_values() -> None:
    one = functools.partial(rule_types, "make_v30")

    assert one("account", "91000", bank_code="001") == {"bank_account"}
    assert one("account_digit", "7", agency="1606") == {"bank_account"}
    assert one("account", "91000") == set()  # no bank beside it: not an account's part
    assert one("uk_sort_code", "040052") == {"bank_account"}
    assert one("uk_account_number", "134598XX") == set()  # masked: partial
    assert one("iban", "GB29LOYD60161331926819") == {"iban"}
    assert one("beneficiaryiban", "GB47PAYR040052123397XX") == set()
    assert one("mother_maiden_name", "Shizuka") == {"person_name"}
    assert one("emergency_contact_number", "6281234567892") == {"phone"}


def test_rules_leave_leaves_without_data_unlabelled() -> None:
    from detector.eval.make_v30 import rule_labels

    for empty in ("", "   ", None, True, False):
        body = {"identity_card_id": empty, "cpf_cnpj": empty, "uk_sort_code": empty}
        assert rule_labels(body) == set()


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v30 import REAL_PEOPLE, marks

    text = (DATA / "v30" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v30

    source = Path(make_v30.__file__).read_text(encoding="utf-8").lower()
    assert not make_v30.marks(source) & frozenset().union(*make_v30.REAL_PEOPLE.values())


class TestV30Data(ConventionChecks):
    name = "v30"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 27
    # short of the 800 labels asked of a set: the publishers found in the time given supply no
    # more (the README says so)
    min_labels = 485
    sealed = False  # scored once in session 20, as tables; its dev half read since
