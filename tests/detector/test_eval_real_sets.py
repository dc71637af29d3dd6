"""The pieces the real sets' builders share (``detector/eval/real_sets.py``): family names from
file paths, and `Builder`, which binds one set's parts to building, reviewing and writing."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detector.eval import real_sets
from detector.eval.real_sets import Builder, Caps, slug, stem, stem_words, words_family


def test_family_names_from_file_paths() -> None:
    assert slug("Get User--Response") == "get_user_response"
    assert slug("***") == "root"
    assert stem("tests/fixtures/get-user.response.json") == "get-user"
    assert words_family("list_users_v2_123456") == "list_users"  # versions and numbers go
    assert words_family("ABCDEF123") == "abcdef123"  # only ids: the stem itself
    assert words_family("When_create_user_Then_ok", r"^When_|_Then\w*$") == "create_user"
    assert stem_words("spec/fixtures/customers_page_2.json") == "customers_page"


BODY = {"email": "jane.doe@example.com", "phone": "555-0100", "name": "Jane", "id": 1}


def _extract(cache: Path) -> Iterator[tuple[str, Any]]:
    del cache  # (a real extractor reads its source's cached files)
    yield "people", BODY
    yield "people", dict(BODY)  # a duplicate: dropped


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    del parents, value, sib
    return {key} if key in {"email", "phone"} else set()


@pytest.fixture
def builder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Builder:
    monkeypatch.setenv("SIEVE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(real_sets, "DATA_ROOT", tmp_path / "data")
    data, _, overrides = real_sets.set_files("v99")
    data.mkdir(parents=True)
    decision = {"family": "v99src/", "path": ".phone", "type": "none", "reason": "a stand-in"}
    overrides.write_text(json.dumps({"decisions": [decision]}), encoding="utf-8")
    suspect = re.compile("name")
    caps = Caps("v99", min_leaves=1)
    return Builder(caps, {"src": _extract}, overrides, _leaf_types, "v99", {}, suspect)


def test_builder_builds_with_hand_decisions_and_writes_its_file(
    builder: Builder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert builder.default_cache() == tmp_path / "cache" / "eval-v99"
    docs, changed = builder.build(builder.default_cache())
    assert docs == [{"family": "v99src/people", "body": BODY, "labels": [["$.email", "email"]]}]
    assert changed == 1  # the phone label the hand decision took away
    builder.main([])
    assert (tmp_path / "data" / "v99" / "real.jsonl").read_text(encoding="utf-8") == (
        real_sets.write(docs)
    )
    assert "1 documents, 1 families, 1" in capsys.readouterr().out


@pytest.mark.parametrize("width", [34, 30])
def test_builder_reviews_labels_and_suspect_keys_in_its_columns(
    builder: Builder, width: int, capsys: pytest.CaptureFixture[str]
) -> None:
    dataclasses.replace(builder, family_width=width).main(["review"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["email", "-"]  # a label, a personal-looking key
    assert [line.split()[2] for line in lines] == ["$.email", "$.name"]
    assert all(line.index("$.") == 16 + 1 + width + 1 for line in lines)


def test_leaves_without_data_have_no_type_under_the_v16_convention() -> None:
    def by_key(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
        return {"email"} if key == "email" else set()

    rules = real_sets.data_only(by_key)
    nothing: tuple[Any, ...] = (None, "", "  ", True, [], {})
    for empty in nothing:
        assert rules([], "email", empty, {}) == set()
    assert rules([], "email", "ann@example.org", {}) == {"email"}
    assert rules([], "city", "Oslo", {}) == set()
    body = {"email": None, "contacts": [{"email": "bo@example.org"}, {"email": ""}]}
    assert real_sets.rule_labels(body, rules) == {("$.contacts[*].email", "email")}
