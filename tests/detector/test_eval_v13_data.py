"""The v13 evaluation data (detector/eval/data/v13): SDK and client test fixtures and API
documentation examples of publishers that v1 to v12 did not use, labelled by rules plus hand
decisions. Format, coverage, the labelling rules, the split, and that ``make_v13`` rewrites the
committed file from the cached sources. No detector code runs on this data (v13 is sealed: its
errors are never read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from detector.eval.dataset import (
    V13_PARTS,
    V13_SOURCES,
    V13_SPLIT_FILE,
    V13_SPLIT_SEED,
    make_v13_split,
)
from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import (
    check_error_lister,
    check_hand_decisions,
    check_names_are_not_v1s,
    check_providers_are_new,
    check_publisher_share,
    check_rebuild,
    check_size_families_and_types,
    check_split,
)
from tests.detector.eval_leaves import (
    assert_labels_name_leaves,
    labelled_and_unlabelled,
    read_set,
)

V13 = Path(__file__).resolve().parents[2] / "detector" / "eval" / "data" / "v13"
DATA = V13.parent
#: Family prefix → a string naming the provider, checked against the families of v1 to v12.
PROVIDERS = {
    "v13arrow/": "arrowpayments",
    "v13automower/": "automower",  # Husqvarna
    "v13beddit/": "beddit",
    "v13besepa/": "besepa",
    "v13billogram/": "billogram",
    "v13billwerk/": "billwerk",
    "v13bsblan/": "bsblan",
    "v13canvas/": "canvasapi",  # Instructure's Canvas LMS
    "v13chappointments/": "chappointments",  # Companies House
    "v13chargepoint/": "chargepoint",
    "v13choverseas/": "choverseas",  # Companies House
    "v13chprofile/": "chprofile",  # Companies House
    "v13chpsc/": "chpsc",  # Companies House
    "v13colorme/": "colorme",  # GMO Pepabo's Color Me Shop
    "v13commercetools/": "commercetools",
    "v13curdbee/": "curdbee",
    "v13ecwid/": "ecwid",
    "v13fastbill/": "fastbill",
    "v13frank/": "frankenergie",
    "v13harvest/": "harvestapp",
    "v13hyundai/": "hyundai",
    "v13kounta/": "kounta",
    "v13lago/": "lago",
    "v13mealie/": "mealie",
    "v13octopus/": "octopus",
    "v13pagarme/": "pagarme",
    "v13skybell/": "skybell",
    "v13solidus/": "solidus",
    "v13soracom/": "soracom",
    "v13spree/": "spree",
    "v13stellar/": "stellar",
    "v13teamwork/": "teamwork",
    "v13veeqo/": "veeqo",
    "v13vend/": "vendhq",
    "v13wotc/": "wotc",
    "v13yalexs/": "yalexs",  # August and Yale locks
}
#: Repositories of one publisher (the rest are one publisher each): Companies House wrote the
#: appointments, PSC, overseas-entities and company-profile APIs.
PUBLISHER = {
    "v13chpsc": "v13chappointments",
    "v13choverseas": "v13chappointments",
    "v13chprofile": "v13chappointments",
}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "bank_account": 6,
    "credit_card": 3,
    "iban": 5,
    "ip_address": 6,
    "jwt": 9,
    "mac_address": 6,
    "national_id": 1,
    "password": 2,
    "tax_id": 3,
    "username": 5,
    "us_ssn": 0,
    "drivers_license": 0,
    "passport_number": 0,
}
#: Labels the hand decisions change (``make_v13`` prints it; the README states it).
HAND_CHANGES = 387
#: No publisher supplies more than this share of the labels.
MAX_PUBLISHER_SHARE = 0.2


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return read_set(V13 / "real.jsonl")


def test_every_label_names_a_leaf_of_its_body_with_a_known_type(
    docs: list[dict[str, Any]],
) -> None:
    assert_labels_name_leaves(docs, tuple(PROVIDERS))


def test_size_families_and_type_support(docs: list[dict[str, Any]]) -> None:
    assert len(set(PROVIDERS) - {f"{k}/" for k in PUBLISHER}) >= 10  # publishers
    assert len({d["family"] for d in docs}) >= 120
    assert sum(len(d["labels"]) for d in docs) >= 800
    check_size_families_and_types(docs, PROVIDERS, MIN_PER_TYPE, per_family=13, per_source=76)


def test_no_publisher_dominates_the_labels(docs: list[dict[str, Any]]) -> None:
    check_publisher_share(docs, PUBLISHER, MAX_PUBLISHER_SHARE)


def test_negatives_outnumber_labels(docs: list[dict[str, Any]]) -> None:
    labelled, unlabelled = labelled_and_unlabelled(docs)
    assert 3 * labelled <= unlabelled <= 12 * labelled


def test_providers_are_new_to_v1_to_v12() -> None:
    check_providers_are_new(
        DATA,
        (
            "openapi.jsonl",
            "v2/openapi.jsonl",
            *(f"v{i}/real.jsonl" for i in range(3, 13)),
        ),
        PROVIDERS,
        by_prefix=True,
    )


def test_split_is_by_family_fixed_and_reproducible() -> None:
    check_split("v13", V13_SPLIT_FILE, V13_SOURCES, V13_SPLIT_SEED, V13_PARTS, make_v13_split)


def test_v13_names_are_not_taken_for_v1s() -> None:
    check_names_are_not_v1s("v13", V13_SOURCES)


def test_the_error_lister_refuses_what_is_not_read() -> None:
    check_error_lister("v13", sealed=True)


def test_every_hand_decision_has_a_reason_and_applies(docs: list[dict[str, Any]]) -> None:
    check_hand_decisions("make_v13", docs, PROVIDERS)


def test_rules_label_keys_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v13 import rule_labels

    def one(key: str, value: Any) -> set[str]:
        return {t for _, t in rule_labels({key: value})}

    assert one("email", "jane.doe@example.com") == {"email"}
    assert one("iban", "ES7620770024003102575766") == {"iban"}
    assert one("iban", "ES7620770024003102575767") == set()  # check digits fail
    assert one("nationality", "British") == set()


def test_make_v13_rewrites_the_committed_file_from_the_cache() -> None:
    check_rebuild("make_v13", V13 / "real.jsonl", HAND_CHANGES)
