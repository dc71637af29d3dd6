"""The v2 independent evaluation data (detector/eval/data/v2): format, coverage, and that
its generators rewrite the committed files exactly. No detector code runs on this data."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from detector.eval.dataset import leaf_values
from detector.types import TYPE_IDS

V2 = Path(__file__).resolve().parents[2] / "detector" / "eval" / "data" / "v2"
V1_OPENAPI = V2.parent / "openapi.jsonl"
SOURCES = {"mimesis": "v2mimesis/", "openapi": "v2openapi/", "hand": "v2hand/"}
#: Per source: (documents, families) at least.
MIN_SIZE = {"mimesis": (600, 20), "openapi": (250, 50), "hand": (150, 10)}
#: Labels per type over the three sources, at least (the counts met when the set was made).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 30)


def _load(source: str) -> list[dict[str, Any]]:
    with (V2 / f"{source}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def docs() -> dict[str, list[dict[str, Any]]]:
    return {source: _load(source) for source in SOURCES}


@pytest.mark.parametrize("source", list(SOURCES))
def test_every_label_names_a_leaf_of_its_body_with_a_known_type(
    docs: dict[str, list[dict[str, Any]]], source: str
) -> None:
    for i, d in enumerate(docs[source]):
        assert set(d) == {"family", "body", "labels"}, (source, i)
        assert d["family"].startswith(SOURCES[source]), (source, i, d["family"])
        leaves = leaf_values(d["body"])
        pairs = [tuple(x) for x in d["labels"]]
        assert len(pairs) == len(set(pairs)), (source, i, "duplicate label")
        for path, type_id in pairs:
            assert type_id in TYPE_IDS, (source, i, type_id)
            assert path in leaves, (source, i, path)
            assert any(v is not None for v in leaves[path]), (source, i, path)


@pytest.mark.parametrize("source", list(SOURCES))
def test_each_source_has_its_documents_and_families(
    docs: dict[str, list[dict[str, Any]]], source: str
) -> None:
    n_docs, n_families = MIN_SIZE[source]
    assert len(docs[source]) >= n_docs
    assert len({d["family"] for d in docs[source]}) >= n_families


def test_every_type_has_support(docs: dict[str, list[dict[str, Any]]]) -> None:
    counts = Counter(t for ds in docs.values() for d in ds for _, t in d["labels"])
    short = {t: counts[t] for t, n in MIN_PER_TYPE.items() if counts[t] < n}
    assert not short, short


def test_mimesis_has_about_three_negative_leaves_per_label(
    docs: dict[str, list[dict[str, Any]]],
) -> None:
    labelled = unlabelled = 0
    for d in docs["mimesis"]:
        marked = {p for p, _ in d["labels"]}
        for path, values in leaf_values(d["body"]).items():
            if path in marked:
                labelled += len(values)
            else:
                unlabelled += len(values)
    assert unlabelled >= 2.5 * labelled


def test_openapi_providers_are_new_and_capped(docs: dict[str, list[dict[str, Any]]]) -> None:
    with V1_OPENAPI.open(encoding="utf-8") as fh:
        v1 = {json.loads(line)["family"].split("/", 1)[1].removeprefix("api.") for line in fh}
    per = Counter[str]()
    for d in docs["openapi"]:
        provider = d["family"].split("/", 1)[1]
        assert provider.removeprefix("api.") not in v1, provider
        per[provider] += 1
    # three documents with rule labels and one without; the hand check may label the fourth
    assert max(per.values()) <= 4


def test_openapi_documents_are_the_frozen_selection(
    docs: dict[str, list[dict[str, Any]]],
) -> None:
    decisions = json.loads((V2 / "openapi_overrides.json").read_text(encoding="utf-8"))
    got: dict[str, list[str]] = {}
    for d in docs["openapi"]:
        digest = hashlib.sha256(json.dumps(d["body"], sort_keys=True).encode()).hexdigest()[:12]
        got.setdefault(d["family"].split("/", 1)[1], []).append(digest)
    assert got == decisions["selection"]
    assert all(r["provider"] in got for r in decisions["labels"])


_CARD = re.compile(r"^[\d ]{13,23}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9 ]{10,40}$")


@pytest.mark.parametrize("source", ["mimesis", "hand"])
def test_checksummed_values_are_valid(docs: dict[str, list[dict[str, Any]]], source: str) -> None:
    pytest.importorskip("stdnum")
    from stdnum import iban, luhn
    from stdnum.us import ssn

    checked = Counter[str]()
    for d in docs[source]:
        leaves = leaf_values(d["body"])
        for path, type_id in d["labels"]:
            for value in leaves[path]:
                text = str(value)
                if type_id == "credit_card" and _CARD.match(text):
                    assert luhn.is_valid(text.replace(" ", "")), text
                elif type_id == "iban" and _IBAN.match(text):
                    assert iban.is_valid(text), text
                elif type_id == "us_ssn" and re.fullmatch(r"\d{3}-?\d{2}-?\d{4}", text):
                    assert ssn.is_valid(text), text
                else:
                    continue
                checked[type_id] += 1
    assert set(checked) == {"credit_card", "iban", "us_ssn"}


def test_make_mimesis_rewrites_the_committed_file() -> None:
    pytest.importorskip("mimesis")
    pytest.importorskip("stdnum")
    from detector.eval import make_mimesis

    lines = (V2 / "mimesis.jsonl").read_text(encoding="utf-8").splitlines()
    assert [make_mimesis.dumps(d) for d in make_mimesis.build()] == lines


def test_hand_docs_rewrite_the_committed_file() -> None:
    pytest.importorskip("stdnum")
    from detector.eval import hand_docs_v2

    lines = (V2 / "hand.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.dumps(d, ensure_ascii=False) for d in hand_docs_v2.generate()] == lines
