"""The v5 evaluation data (detector/eval/data/v5): example payloads, SDK fixtures and recorded
traffic that sources v1 to v4 did not use published, labelled by rules plus hand decisions.
Format, coverage, the labelling rules, the split, and that ``make_v5`` rewrites the committed
file from the cached sources. No detector code runs on this data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from detector.eval.dataset import (
    V5_PARTS,
    V5_SOURCES,
    V5_SPLIT_FILE,
    V5_SPLIT_SEED,
    make_v5_split,
)
from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import (
    check_hand_decisions,
    check_providers_are_new,
    check_rebuild,
    check_size_families_and_types,
    check_split,
)
from tests.detector.eval_leaves import (
    assert_labels_name_leaves,
    labelled_and_unlabelled,
    read_set,
)

V5 = Path(__file__).resolve().parents[2] / "detector" / "eval" / "data" / "v5"
DATA = V5.parent
#: Family prefix → a string naming the provider, checked against the families of v1 to v4
#: (``lob.com``, not ``lob``: v4 has a ``global_watchlist`` family).
PROVIDERS = {
    "v5braintree/": "braintree",
    "v5camara/": "camara",
    "v5cartography/": "cartography",
    "v5clerk/": "clerk",
    "v5duffel/": "duffel",
    "v5easypost/": "easypost",
    "v5govuk/": "govuk",
    "v5jose/": "jose",
    "v5lob/": "lob.com",
    "v5mangopay/": "mangopay",
    "v5mercadopago/": "mercadopago",
    "v5nylas/": "nylas",
    "v5razorpay/": "razorpay",
    "v5unifi/": "unifi",
}
#: Labels per type at least: 15 where the real sources have that many; for the types they
#: lack, the count they had when the set was made.
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 15) | {
    "tax_id": 14,
    "passport_number": 14,
    "gender": 13,
    "jwt": 12,
    "iban": 8,
    "username": 4,
    "password": 2,
    "us_ssn": 0,
}
#: Labels the hand decisions change (``make_v5`` prints it; the README states it).
HAND_CHANGES = 113


def _load() -> list[dict[str, Any]]:
    return read_set(V5 / "real.jsonl")


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return _load()


def test_every_label_names_a_leaf_of_its_body_with_a_known_type(
    docs: list[dict[str, Any]],
) -> None:
    assert_labels_name_leaves(docs, tuple(PROVIDERS))


def test_size_families_and_type_support(docs: list[dict[str, Any]]) -> None:
    check_size_families_and_types(docs, PROVIDERS, MIN_PER_TYPE, per_family=11, per_source=80)


def test_negatives_outnumber_labels(docs: list[dict[str, Any]]) -> None:
    labelled, unlabelled = labelled_and_unlabelled(docs)
    assert 2 * labelled <= unlabelled <= 6 * labelled


def test_providers_are_new_to_v1_to_v4() -> None:
    check_providers_are_new(
        DATA, ("openapi.jsonl", "v2/openapi.jsonl", "v3/real.jsonl", "v4/real.jsonl"), PROVIDERS
    )


def test_split_is_by_family_fixed_and_reproducible() -> None:
    check_split("v5", V5_SPLIT_FILE, V5_SOURCES, V5_SPLIT_SEED, V5_PARTS, make_v5_split)


def test_every_hand_decision_has_a_reason_and_applies(docs: list[dict[str, Any]]) -> None:
    check_hand_decisions("make_v5", docs, PROVIDERS)


def test_rules_read_keys_parents_siblings_and_values_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v5 import rule_label

    assert rule_label(["passengers"], "given_name", "Amelia", {}) == "person_name"
    assert rule_label(["to"], "name", "Harry", {}) == "person_name"
    assert rule_label(["to"], "name", "Recipient", {}) is None
    assert rule_label(["data"], "name", "Heathrow", {}) is None
    assert rule_label([], "FirstName", "UpdatedFirstName", {}) is None
    assert rule_label(["passengers"], "gender", "f", {}) == "gender"
    assert rule_label(["passengers"], "title", "mrs", {}) == "gender"
    assert rule_label(["passengers"], "born_on", "1987-07-24", {}) == "date_of_birth"
    assert rule_label(["address"], "phone", "5555555555", {}) == "phone"
    assert rule_label(["address"], "phone", "<REDACTED>", {}) is None
    assert rule_label(["phone"], "primary", "9000090000", {}) == "phone"
    assert rule_label(["customer"], "contact", "+918220722114", {}) == "phone"
    assert rule_label([], "address", "703 Jeramy Parkway Apt. 582", {}) == "street_address"
    assert rule_label([], "AddressLine1", "AddressLine1", {}) is None
    assert rule_label([], "IBAN", "FR7630004000031234567890143", {}) == "iban"
    assert rule_label(["BankAccount"], "BIC", "FR70 3000 2005 5000 0015 7845 Z02", {}) == "iban"
    assert rule_label([], "ifsc", "HDFC0000053", {}) == "bank_account"
    assert rule_label(["bank_account"], "account_number", "11214311215411", {}) == "bank_account"
    assert rule_label(["card"], "number", "4854980604708430", {}) == "credit_card"
    assert rule_label(["card"], "number", "4854980604708431", {}) is None
    assert rule_label(["kyc"], "pan", "AVOPB1111K", {}) == "tax_id"
    assert rule_label(["legal_info"], "gst", "18AABCU9603R1ZM", {}) == "tax_id"
    assert rule_label([], "ip_address", "127.0.0.1", {}) == "ip_address"
    assert rule_label([], "ip_address", "0.0.0.0", {}) is None
    assert rule_label(["users"], "username", "kenyatta_oconnell", {}) == "username"
    assert rule_label(["key"], "d", "AAhRON2r9cqXX1hg-RoI6R1tX5p2", {"kty": "EC"}) == "secret_key"
    assert rule_label(["key"], "x", "AAhRON2r9cqXX1hg-RoI6R1tX5p2", {"kty": "EC"}) is None
    assert rule_label([], "token", "jMRvtPNxrn3crTAGukpZ", {}) == "secret_key"
    assert rule_label([], "token_type", "Bearer", {}) is None
    assert rule_label(["data"], "latitude", 64.068865, {}) == "geo_location"
    assert rule_label(["x"], "message", "Mail jane.doe@example.org please", {}) == "email"


def test_make_v5_rewrites_the_committed_file_from_the_cache() -> None:
    check_rebuild("make_v5", V5 / "real.jsonl", HAND_CHANGES)
