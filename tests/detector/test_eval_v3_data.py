"""The v3 evaluation data (detector/eval/data/v3): real example payloads published by API
vendors and HL7, labelled by rules plus hand decisions. Format, coverage, the labelling
rules, and that ``make_v3`` rewrites the committed file from the cached sources. No detector
code runs on this data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from detector.types import TYPE_IDS
from tests.detector.eval_leaves import (
    assert_labels_name_leaves,
    hand_decisions_used,
    labelled_and_unlabelled,
    read_set,
)

V3 = Path(__file__).resolve().parents[2] / "detector" / "eval" / "data" / "v3"
DATA = V3.parent
SOURCES = ("v3adyen/", "v3stripe/", "v3gocardless/", "v3fhir/")
#: Labels per type at least: 15 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (passport numbers and JWTs: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 15) | {
    "secret_key": 13,
    "username": 8,
    "geo_location": 8,
    "drivers_license": 4,
    "password": 4,
    "mac_address": 3,
    "passport_number": 0,
    "jwt": 0,
}


def _load() -> list[dict[str, Any]]:
    return read_set(V3 / "real.jsonl")


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return _load()


def test_every_label_names_a_leaf_of_its_body_with_a_known_type(
    docs: list[dict[str, Any]],
) -> None:
    assert_labels_name_leaves(docs, SOURCES, sorted_labels=False)


def test_size_families_and_type_support(docs: list[dict[str, Any]]) -> None:
    assert len(docs) >= 300
    families = Counter(d["family"] for d in docs)
    assert len(families) >= 25
    assert all(f.startswith(s) for f in families for s in SOURCES if f.startswith(s))
    assert len({f.split("/")[0] for f in families}) == len(SOURCES)
    counts = Counter(t for d in docs for _, t in d["labels"])
    short = {t: counts[t] for t, n in MIN_PER_TYPE.items() if counts[t] < n}
    assert not short, short


def test_negatives_outnumber_labels(docs: list[dict[str, Any]]) -> None:
    labelled, unlabelled = labelled_and_unlabelled(docs)
    assert 2 * labelled <= unlabelled <= 8 * labelled


def test_providers_are_new_to_v1_and_v2() -> None:
    seen: set[str] = set()
    for name in ("openapi.jsonl", "v2/openapi.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            seen |= {json.loads(line)["family"].split("/", 1)[1] for line in fh}
    for provider in ("adyen", "stripe", "gocardless", "hl7", "fhir"):
        assert not any(provider in s for s in seen), provider


def test_every_hand_decision_has_a_reason_and_applies(docs: list[dict[str, Any]]) -> None:
    pytest.importorskip("stdnum")
    from detector.eval import make_v3

    decisions, used = hand_decisions_used(make_v3, docs)
    for i, one in enumerate(decisions):
        assert one["reason"].strip(), one
        assert one["type"] in (*TYPE_IDS, "none"), one
        assert used[i], f"decision {i} matches no leaf: {one}"


def test_rules_read_siblings_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v3 import rule_label

    assert rule_label(["telecom"], "value", "+31715269111", {"system": "phone"}) == "phone"
    assert rule_label(["telecom"], "value", "2329", {"system": "phone"}) is None
    ssn_system = {"system": "http://hl7.org/fhir/sid/us-ssn"}
    assert rule_label(["identifier"], "value", "444222222", ssn_system) == "us_ssn"
    assert rule_label(["x"], "number", "L-1234", {"type": "driversLicense"}) == "drivers_license"
    assert rule_label(["name"], "firstName", "Simone", {}) == "person_name"
    assert rule_label(["organization"], "legalName", "Explorer Company BV", {}) is None
    assert rule_label(["x"], "username", "YOUR_USERNAME_1", {}) is None
    assert rule_label(["x"], "password", "******", {}) is None
    assert rule_label(["x"], "accountNumber", "######6852", {}) is None
    assert rule_label(["x"], "accountNumber", "GB60BARC20000055779911", {}) == "iban"
    assert rule_label(["card"], "number", "4111111111111111", {}) == "credit_card"
    assert rule_label(["card"], "number", "4111111111111112", {}) is None
    assert rule_label(["bank_account"], "bank_code", "example bank_code 101", {}) is None
    assert rule_label(["mandate"], "payer_ip_address", "127.0.0.1", {}) == "ip_address"
    assert rule_label(["x"], "shopperIP", "61.294.12.12", {}) is None


def test_make_v3_rewrites_the_committed_file_from_the_cache() -> None:
    """Skipped where the cached sources are absent (CI has no copy of them; the commits are
    in make_v3.SOURCES)."""
    pytest.importorskip("stdnum")
    from detector.eval import make_v3

    cache = make_v3.default_cache()
    missing = [s for s in make_v3.SOURCES if not (cache / s).is_dir()]
    if missing:
        pytest.skip(f"cached sources absent under {cache}: {missing}")
    docs, _ = make_v3.build(cache)
    assert make_v3.write(docs) == (V3 / "real.jsonl").read_text(encoding="utf-8")
