"""Schema extraction: paths, JSON types, arrays, data-keyed objects, limits."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from digger.schema import (
    BOOLEAN,
    EMPTY_ARRAY,
    EMPTY_OBJECT,
    NULL,
    NUMBER,
    STRING,
    KeyLearner,
    SchemaLimits,
    ShapeMemo,
    extract,
    parse_json,
)


def test_leaves_with_types_and_arrays():
    doc = {
        "id": 7,
        "name": "Ann",
        "ok": True,
        "gone": None,
        "tags": [],
        "meta": {},
        "items": [{"sku": "a", "qty": 1}, {"sku": "b", "price": 2.5}],
        "matrix": [[1, 2], [3]],
    }
    s = extract(doc)
    assert s.leaves == {
        ("$.id", NUMBER),
        ("$.name", STRING),
        ("$.ok", BOOLEAN),
        ("$.gone", NULL),
        ("$.tags", EMPTY_ARRAY),
        ("$.meta", EMPTY_OBJECT),
        ("$.items[*].sku", STRING),
        ("$.items[*].qty", NUMBER),
        ("$.items[*].price", NUMBER),
        ("$.matrix[*][*]", NUMBER),
    }
    assert s.path_map["$.items[*].sku"] == "$.items[*].sku"


def test_root_scalars_and_arrays():
    assert extract("x").leaves == {("$", STRING)}
    assert extract([1, "a"]).leaves == {("$[*]", NUMBER), ("$[*]", STRING)}


def test_data_keys_collapse_and_never_leak():
    doc = {
        "users": {
            "alice@example.org": {"plan": "pro"},
            "3fa85f64-5717-4562-b3fc-2c963f66afa6": {"plan": "free"},
        },
        "byDay": {"2024-05-01": 3, "2024-05-02": 4},
    }
    s = extract(doc)
    assert s.leaves == {("$.users{*}.plan", STRING), ("$.byDay{*}", NUMBER)}
    text = repr(s.leaves)
    assert "alice" not in text
    assert "3fa85f64" not in text
    assert "2024" not in text
    # the detector's real-key path maps onto the collapsed one
    assert s.path_map["$.users.alice@example.org.plan"] == "$.users{*}.plan"


def test_objects_with_many_keys_are_data_maps():
    doc = {f"k{chr(97 + i % 26)}{chr(97 + i // 26)}": 1 for i in range(70)}
    assert extract(doc, SchemaLimits(data_key_min_keys=64)).leaves == {("${*}", NUMBER)}


def test_limits_depth_fields_array_items():
    deep: object = 1
    for _ in range(50):
        deep = {"a": deep}
    s = extract(deep, SchemaLimits(max_depth=5))
    assert s.truncated
    assert s.leaves == set()
    wide = {f"field{chr(97 + i % 26)}{chr(97 + i // 26)}": i for i in range(40)}
    s = extract(wide, SchemaLimits(max_fields=10, data_key_min_keys=1000))
    assert s.truncated
    assert len(s.leaves) == 10
    s = extract([{"a": 1}] * 5 + [{"b": 1}], SchemaLimits(max_array_items=5))
    assert s.leaves == {("$[*].a", NUMBER)}


def test_parse_json_rejects_non_json_large_and_invalid():
    assert parse_json(b'{"a": 1}', 100) == (True, {"a": 1})
    assert parse_json(b"", 100)[0] is False
    assert parse_json(b"hello", 100)[0] is False
    assert parse_json(b'{"a": ', 100)[0] is False
    assert parse_json(json.dumps({"a": "x" * 200}).encode(), 100)[0] is False
    assert parse_json(b"[" * 100_000, 1_000_000)[0] is False


def test_key_learner_collapses_name_like_data_keys_and_refines_older_paths():
    learner = KeyLearner(threshold=3)
    names = ["alice", "bob", "carol", "dave", "erin"]
    schemas = [extract({"byUser": {n: {"plan": "x"}}}, learner=learner, scope="ep") for n in names]
    assert schemas[0].leaves == {("$.byUser.alice.plan", STRING)}
    assert schemas[3].leaves == {("$.byUser{*}.plan", STRING)}
    assert schemas[4].leaves == {("$.byUser{*}.plan", STRING)}
    assert schemas[4].path_map["$.byUser.erin.plan"] == "$.byUser{*}.plan"
    # paths reported before the lesson are rewritten; other scopes are not affected
    assert learner.refine("ep", "$.byUser.alice.plan") == "$.byUser{*}.plan"
    assert learner.refine("ep", "$.byUser.bob") == "$.byUser{*}"
    assert learner.refine("ep", "$.other.alice") == "$.other.alice"
    assert learner.refine("ep2", "$.byUser.alice.plan") == "$.byUser.alice.plan"
    # a fixed set of field names never becomes a data map
    fixed = KeyLearner(threshold=3)
    for i in range(50):
        s = extract({"a": i, "b": i, "c": i}, learner=fixed, scope="ep")
    assert s.leaves == {("$.a", NUMBER), ("$.b", NUMBER), ("$.c", NUMBER)}


def test_key_learner_memory_is_bounded():
    learner = KeyLearner(threshold=3, max_objects=5)
    for i in range(50):
        extract({"x": {"k": 1}}, learner=learner, scope=i)
    assert len(learner._keys) <= 5
    assert learner.evicted > 0


# few key names and small containers, so that documents share shapes and the memo is hit
_KEYS = st.sampled_from(["id", "name", "user", "a1", "tags", "x", "42", "a b"])
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    docs=st.lists(st.tuples(st.sampled_from(["ep1", "ep2"]), _DOCS), min_size=1, max_size=25),
    limits=st.sampled_from(
        [SchemaLimits(), SchemaLimits(max_depth=3, max_fields=5, max_array_items=2)]
    ),
    memo_size=st.sampled_from([3, 1000]),
)
def test_shape_memo_changes_no_result(
    docs: list[tuple[str, Any]], limits: SchemaLimits, memo_size: int
) -> None:
    # same documents, same learner settings: with and without the memo, every schema and
    # everything learned are the same (small thresholds so that learning happens)
    plain, memoized = KeyLearner(threshold=2, max_objects=4), KeyLearner(2, 4)
    memo = ShapeMemo(memoized, max_entries=memo_size)
    for scope, doc in docs * 2:  # twice: the second time shapes are known
        want = extract(doc, limits, with_paths=False, learner=plain, scope=scope)
        got = extract(doc, limits, with_paths=False, learner=memoized, scope=scope, memo=memo)
        assert got == want
        assert memoized._keys == plain._keys
        assert memoized._maps == plain._maps


def test_shape_memo_is_used_and_bounded() -> None:
    learner = KeyLearner()
    memo = ShapeMemo(learner, max_entries=10)
    doc = {"user": {"id": 1, "email": "a@b.example"}, "items": [{"sku": "x"}, {"sku": "y"}]}
    first = extract(doc, with_paths=False, learner=learner, scope="ep", memo=memo)
    table = memo.table("ep")
    assert len(table) == 3  # $, $.user, $.items[*]
    again = extract(
        {"user": {"id": 2, "email": "c@d.example"}, "items": [{"sku": "z"}]},
        with_paths=False,
        learner=learner,
        scope="ep",
        memo=memo,
    )
    assert again == first
    assert len(memo.table("ep")) == 3
    for i in range(20):
        extract({f"k{chr(97 + i)}": 1}, with_paths=False, learner=learner, scope="ep", memo=memo)
    assert sum(len(memo.table(s)) for s in ("ep",)) <= 10
    assert memo.cleared >= 1


def test_detector_paths_stop_at_the_detectors_path_limit() -> None:
    """A 200 KB key above 500 leaves made 500 detector paths of 200 KB each (100 MB) in one
    walk; the detector inspects no leaf under a path that long (issue 15, row 2)."""
    from digger.schema import MAX_DETECTOR_PATH_CHARS

    doc = {"K" * 200_000: {f"f{i}": "x" for i in range(500)}, "email": "a@b.c"}
    schema = extract(doc, with_paths=True)
    assert sum(len(p) for p in schema.path_map) < 10 * MAX_DETECTOR_PATH_CHARS
    assert schema.path_map["$.email"] == "${*}"
    key = "k" * (MAX_DETECTOR_PATH_CHARS - 5)  # "$." + key: 2,045 characters
    paths = extract({key: {"a": 1, "bb": [2]}}, with_paths=True).path_map
    assert f"$.{key}.a" in paths  # 2,047 characters: kept
    assert not any(p.startswith(f"$.{key}.bb") for p in paths)  # "$.….bb[*]" 2,051: left out
