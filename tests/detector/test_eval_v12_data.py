"""The v12 evaluation data (detector/eval/data/v12): SDK fixtures, test resources, form examples
and documentation examples of publishers that v1 to v11 did not use, labelled by rules plus hand
decisions. Format, coverage, the labelling rules, the split, and that ``make_v12`` rewrites the
committed file from the cached sources. v12 was sealed for its scorings (session 12); since then
v12dev is tuned on and v12test is scored as tables only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from detector.eval.dataset import (
    V12_PARTS,
    V12_SOURCES,
    V12_SPLIT_FILE,
    V12_SPLIT_SEED,
    make_v12_split,
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

V12 = Path(__file__).resolve().parents[2] / "detector" / "eval" / "data" / "v12"
DATA = V12.parent
#: Family prefix → a string naming the provider, checked against the families of v1 to v11.
PROVIDERS = {
    "v12backlog/": "backlog",  # Nulab's Backlog
    "v12divoc/": "divoc",
    "v12fakturoid/": "fakturoid",
    "v12gios/": "gios",  # Poland's Chief Inspectorate of Environmental Protection
    "v12greenhouse/": "greenhouse",
    "v12healthcards/": "healthcards",  # SMART Health Cards
    "v12librelinkup/": "librelink",
    "v12mobileid/": "mobileid",  # SK ID Solutions' Mobile-ID
    "v12n26/": "n26",
    "v12nubank/": "nubank",
    "v12omh/": "mhealth",  # Open mHealth
    "v12prison/": "prison",  # the UK Ministry of Justice's prison API
    "v12reportstream/": "reportstream",  # the CDC's ReportStream
    "v12skoda/": "skoda",
    "v12smartid/": "smartid",  # SK ID Solutions' Smart-ID
    "v12toyota/": "toyota",
    "v12va/": "veteran",  # the US Department of Veterans Affairs
    "v12wled/": "wled",
}
#: Repositories of one publisher (the rest are one publisher each): SK ID Solutions wrote the
#: Smart-ID and Mobile-ID clients.
PUBLISHER = {"v12mobileid": "v12smartid"}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "iban": 2,
    "ip_address": 3,
    "jwt": 4,
    "secret_key": 8,
    "drivers_license": 1,
    "us_ssn": 2,
    "mac_address": 0,
    "credit_card": 0,
    "password": 0,
    "passport_number": 0,
    "tax_id": 0,
    "bank_account": 0,
}
#: Labels the hand decisions change (``make_v12`` prints it; the README states it).
HAND_CHANGES = 145
#: No publisher supplies more than this share of the labels.
MAX_PUBLISHER_SHARE = 0.2


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return read_set(V12 / "real.jsonl")


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


def test_providers_are_new_to_v1_to_v11() -> None:
    check_providers_are_new(
        DATA,
        (
            "openapi.jsonl",
            "v2/openapi.jsonl",
            *(f"v{i}/real.jsonl" for i in range(3, 12)),
        ),
        PROVIDERS,
        by_prefix=True,
    )


def test_split_is_by_family_fixed_and_reproducible() -> None:
    check_split("v12", V12_SPLIT_FILE, V12_SOURCES, V12_SPLIT_SEED, V12_PARTS, make_v12_split)


def test_v12_names_are_not_taken_for_v1s() -> None:
    check_names_are_not_v1s("v12", V12_SOURCES)


def test_the_error_lister_refuses_what_is_not_read() -> None:
    check_error_lister("v12", sealed=False)


def test_every_hand_decision_has_a_reason_and_applies(docs: list[dict[str, Any]]) -> None:
    check_hand_decisions("make_v12", docs, PROVIDERS)


def test_rules_read_keys_and_values_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v12 import rule_labels

    def one(key: str, value: Any) -> set[str]:
        return {t for _, t in rule_labels({key: value})}

    assert one("documentNumber", "PNOEE-40504040001-MOCK-Q") == {"national_id"}
    assert one("documentNumber", "PNOEE-40504040002-MOCK-Q") == set()  # check digit fails
    assert one("ssnOrTin", "789787893") == {"us_ssn"}
    assert one("ssnOrTin", "123456789") == set()  # counting digits
    assert one("ssnOrTin", "666123456") == set()  # never issued
    assert one("userId", "test_admin") == {"username"}
    assert one("userId", "1234") == set()  # a numeric id
    assert one("nationalIdentityNumber", "60001019906") == {"national_id"}
    assert one("nationalIdentityNumber", "60001019907") == set()  # check digit fails


def test_make_v12_rewrites_the_committed_file_from_the_cache() -> None:
    check_rebuild("make_v12", V12 / "real.jsonl", HAND_CHANGES)
