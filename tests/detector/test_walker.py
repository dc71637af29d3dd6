"""The JSON walker: paths, array sampling, sibling hints, limits."""

from __future__ import annotations

import json

import pytest

from detector.engine import DetectionEngine
from detector.walker import WalkLimitError, WalkStats, walk


def test_paths_of_members_and_arrays() -> None:
    doc = {"customer": {"emails": ["a@x.io", "b@x.io"], "address": {"street": "Main St 1"}}}
    leaves = walk(doc)
    assert [(leaf.path, leaf.value) for leaf in leaves] == [
        ("$.customer.emails[*]", "a@x.io"),
        ("$.customer.emails[*]", "b@x.io"),
        ("$.customer.address.street", "Main St 1"),
    ]
    assert leaves[2].key == "street"
    assert leaves[2].parent == "address"


def test_scalar_root_and_array_root() -> None:
    assert [(leaf.path, leaf.value) for leaf in walk("x")] == [("$", "x")]
    assert [leaf.path for leaf in walk([{"a": 1}, {"a": 2}])] == ["$[*].a", "$[*].a"]
    assert [leaf.path for leaf in walk([[1], [2, 3]])] == ["$[*][*]"] * 3


def test_empty_containers_have_no_leaves() -> None:
    assert walk({}) == []
    assert walk({"a": [], "b": {}}) == []


def test_array_sampling() -> None:
    skipped = [0]
    leaves = walk({"ids": list(range(100)), "x": [1, 2]}, array_sample=5, skipped=skipped)
    assert [leaf.value for leaf in leaves] == [0, 1, 2, 3, 4, 1, 2]
    assert skipped == [95]


def test_sibling_hint_for_uninformative_keys() -> None:
    leaves = walk({"attributes": [{"name": "email", "value": "a@x.io"}]})
    value = next(leaf for leaf in leaves if leaf.key == "value")
    assert value.hint == "email"
    assert value.path == "$.attributes[*].value"


def test_hint_must_look_like_a_field_name() -> None:
    for sibling in ("Baxter Ltd", "TXN-2024-52007", "123e4567-e89b", "x"):
        leaves = walk({"name": sibling, "value": "10.0.0.1"})
        assert leaves[1].hint == "", sibling
    assert walk({"type": "phone_number", "v": 1})[1].hint == "phone_number"
    assert walk({"name": "ip", "value": "10.0.0.1"})[1].hint == "ip"


def test_hint_from_a_document_type_sibling() -> None:
    for kind_key in ("documentType", "document_type", "DOC-TYPE", "idType", "identifier_type"):
        leaves = walk({kind_key: "PASSPORT", "number": "X1234567"})
        assert leaves[1].hint == "PASSPORT", kind_key
    # other keys, and over-long ones, name nothing
    assert walk({"documentStatus": "VALID", "number": "X1234567"})[1].hint == ""
    assert walk({"issuing_document_type_x": "PASSPORT", "number": "X1"})[1].hint == ""


def test_a_records_own_id_beside_its_documents_number_takes_no_kind() -> None:
    profile = {"id": "123456788", "documentType": "driver_licence", "documentNumber": "D1"}
    hints = {leaf.key: leaf.hint for leaf in walk(profile)}
    assert hints == {"id": "", "documentType": "driver_licence", "documentNumber": "driver_licence"}
    # with no number of its own the id is the document's number
    assert walk({"type": "SSN", "id": "123-45-6789"})[1].hint == "SSN"


def test_hint_from_the_last_part_of_a_system_uri() -> None:
    """An identifier's kind named by a URI (FHIR's ``Identifier.system``) or by a word."""
    ssn = {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "123456789"}
    assert walk({"identifier": [ssn]})[1].hint == "us-ssn"
    assert walk({"type": "https://schema.org/email#", "value": "x"})[1].hint == "email"
    assert walk({"system": "phone", "value": "+1 555 0100"})[1].hint == "phone"
    # an OID names nothing a reader knows; nor does an over-long URI
    assert walk({"system": "urn:oid:2.16.840.1.113883.2.4.6.3", "value": "1"})[1].hint == ""
    assert walk({"system": "http://x.org/" + "a" * 300 + "/ssn", "value": "1"})[1].hint == ""


def test_depth_limit() -> None:
    doc: object = "x"
    for _ in range(10):
        doc = {"a": doc}
    assert walk(doc, max_depth=10)[0].path == "$" + ".a" * 10
    with pytest.raises(WalkLimitError, match="deeper"):
        walk(doc, max_depth=9)


def test_leaf_limit() -> None:
    doc = {f"k{i}": i for i in range(50)}
    assert len(walk(doc, max_leaves=50)) == 50
    with pytest.raises(WalkLimitError, match="leaves"):
        walk(doc, max_leaves=49)


def test_non_string_keys_and_values() -> None:
    leaves = walk({"a": None, "b": True, "c": 1.5})
    assert [leaf.value for leaf in leaves] == [None, True, 1.5]


def test_decimal_strings_stay_strings() -> None:
    """Only the geo decision reads a decimal string as a coordinate; a price or version
    written with three decimals (``"19.990"``) is still the string it was."""
    doc = {"lat": "38.803076", "v": "1.2.3", "p": "12.5", "price": "19.990"}
    leaves = {leaf.path: leaf.value for leaf in walk(doc)}
    assert leaves == {"$.lat": "38.803076", "$.v": "1.2.3", "$.p": "12.5", "$.price": "19.990"}


def test_a_json_string_is_walked_at_its_own_path_when_asked() -> None:
    inner = json.dumps({"name": "Jane Doe", "contact": {"email": "jane@example.com"}, "n": [1, 2]})
    doc = {"kyc": inner, "note": "[not json", "list": "[]", "word": '"quoted"'}
    plain = walk(doc)
    assert [leaf.path for leaf in plain] == ["$.kyc", "$.note", "$.list", "$.word"]
    stats = WalkStats()
    leaves = walk(doc, json_strings=True, stats=stats)
    inside = [leaf for leaf in leaves if leaf.path == "$.kyc" and leaf.key != "kyc"]
    assert {(leaf.key, leaf.parent, leaf.value) for leaf in inside} == {
        ("name", "kyc", "Jane Doe"),
        ("email", "contact", "jane@example.com"),
        ("n", "kyc", 1),
        ("n", "kyc", 2),
    }
    assert stats.json_strings == 1  # "[]" and the broken text are not walked
    assert any(leaf.path == "$.kyc" and leaf.value == inner for leaf in leaves)


def test_json_strings_count_against_the_leaf_limit_and_nest() -> None:
    many = json.dumps(list(range(30)))
    with pytest.raises(WalkLimitError):
        walk({"a": many}, json_strings=True, max_leaves=10, array_sample=100)
    twice = json.dumps({"outer": json.dumps({"email": "a@example.com"})})
    leaves = walk({"x": twice}, json_strings=True)
    assert ("$.x", "email", "a@example.com") in {(lf.path, lf.key, lf.value) for lf in leaves}


def test_the_engine_reports_types_inside_a_json_string(engine: DetectionEngine) -> None:
    kyc = json.dumps({"data": {"dob": "1980-05-15", "email": "johndoe@example.com"}})
    found = {(d.path, d.type) for d in engine.detect({"from": {"kycInformation": kyc}})}
    assert {("$.from.kycInformation", "date_of_birth"), ("$.from.kycInformation", "email")} <= found


def test_a_json_api_persons_attributes_are_read_under_its_type() -> None:
    doc = {
        "data": [{"type": "customers", "id": "1", "attributes": {"name": "John Doe"}}],
        "included": [{"type": "products", "id": "2", "attributes": {"name": "Widget"}}],
    }
    parents = {leaf.path: leaf.parent for leaf in walk(doc)}
    assert parents["$.data[*].attributes.name"] == "customers"
    assert parents["$.included[*].attributes.name"] == "attributes"  # no person's kind
    assert walk({"type": "users", "attributes": "x"})[1].parent == ""  # not a resource object


def test_a_json_api_customers_name_is_a_persons(engine: DetectionEngine) -> None:
    person = {"included": [{"type": "customers", "id": "7", "attributes": {"name": "John Doe"}}]}
    product = {"included": [{"type": "products", "id": "7", "attributes": {"name": "John Deere"}}]}
    assert [(d.path, d.type) for d in engine.detect(person)] == [
        ("$.included[*].attributes.name", "person_name")
    ]
    assert engine.detect(product) == []
