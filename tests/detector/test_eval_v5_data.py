"""The v5 evaluation data (detector/eval/data/v5): example payloads, SDK fixtures and recorded
traffic that sources v1 to v4 did not use published, labelled by rules plus hand decisions.
Format, coverage, the labelling rules, the split, and that ``make_v5`` rewrites the committed
file from the cached sources. No detector code runs on this data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from detector.eval.dataset import (
    V5_PARTS,
    V5_SOURCES,
    V5_SPLIT_FILE,
    V5_SPLIT_SEED,
    family_source,
    load,
    load_all,
    make_split,
    make_v5_split,
)
from detector.types import TYPE_IDS
from tests.detector.eval_leaves import (
    assert_labels_name_leaves,
    hand_decisions_used,
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
    assert len(docs) >= 300
    families = Counter(d["family"] for d in docs)
    assert len(families) >= 30
    assert {f.split("/")[0] + "/" for f in families} == set(PROVIDERS)
    assert max(families.values()) <= 11  # ten with labels and one without
    per_source = Counter(d["family"].split("/")[0] for d in docs)
    assert max(per_source.values()) <= 80  # no vendor dominates
    counts = Counter(t for d in docs for _, t in d["labels"])
    short = {t: counts[t] for t, n in MIN_PER_TYPE.items() if counts[t] < n}
    assert not short, short


def test_negatives_outnumber_labels(docs: list[dict[str, Any]]) -> None:
    labelled, unlabelled = labelled_and_unlabelled(docs)
    assert 2 * labelled <= unlabelled <= 6 * labelled


def test_providers_are_new_to_v1_to_v4() -> None:
    seen: set[str] = set()
    for name in ("openapi.jsonl", "v2/openapi.jsonl", "v3/real.jsonl", "v4/real.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            seen |= {json.loads(line)["family"].lower() for line in fh}
    for provider in PROVIDERS.values():
        assert not any(provider in s for s in seen), provider


def test_split_is_by_family_fixed_and_reproducible() -> None:
    split = json.loads(V5_SPLIT_FILE.read_text(encoding="utf-8"))
    docs = load_all(V5_SOURCES)
    # made once by `python -m detector.eval.dataset v5`: the same procedure gives the same split
    assert make_v5_split() == split
    assert make_split(docs, V5_SPLIT_SEED, V5_PARTS, family_source) == split
    assert make_split(docs, V5_SPLIT_SEED + 1, V5_PARTS, family_source) != split
    assert not set(split["dev"]) & set(split["test"])
    assert {d.family for d in docs} == set(split["dev"]) | set(split["test"])
    assert {family_source(d) for d in docs} == set(V5_PARTS)
    dev, test = load("v5dev"), load("v5test")
    assert len(dev) + len(test) == len(docs) == len(load("v5"))
    assert {d.family for d in dev} == set(split["dev"])
    assert {d.family for d in test} == set(split["test"])


def test_every_hand_decision_has_a_reason_and_applies(docs: list[dict[str, Any]]) -> None:
    pytest.importorskip("stdnum")
    from detector.eval import make_v5

    decisions, used = hand_decisions_used(make_v5, docs)
    for i, one in enumerate(decisions):
        assert one["reason"].strip(), one
        assert one["type"] in (*TYPE_IDS, "none"), one
        assert one["family"].startswith(tuple(PROVIDERS)), one
        assert used[i], f"decision {i} matches no leaf: {one}"


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
    """Skipped where the cached sources are absent (CI has no copy of them; their
    repositories and commits are in make_v5.SOURCES, ``make_v5 fill`` copies them)."""
    pytest.importorskip("stdnum")
    from detector.eval import make_v5

    cache = make_v5.default_cache()
    missing = [s for s in make_v5.SOURCES if not (cache / s).is_dir()]
    if missing:
        pytest.skip(f"cached v5 sources absent under {cache}: {missing}")
    docs, changed = make_v5.build(cache)
    assert make_v5.write(docs) == (V5 / "real.jsonl").read_text(encoding="utf-8")
    assert changed == HAND_CHANGES
