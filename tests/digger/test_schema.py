"""Schema extraction: paths, JSON types, arrays, data-keyed objects, limits."""

from __future__ import annotations

import json

from digger.schema import (
    BOOLEAN,
    EMPTY_ARRAY,
    EMPTY_OBJECT,
    NULL,
    NUMBER,
    STRING,
    KeyLearner,
    SchemaLimits,
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
