"""Value features: the cheap validator-flag test agrees with the full feature row."""

from __future__ import annotations

from detector.engine import worth_inspecting
from detector.features import (
    DATA_KEY,
    FLAG_INDICES,
    N_VALUE_FEATURES,
    has_validator_flag,
    is_data_key,
    key_context,
    key_tokens,
    value_features,
)
from detector.synth import heldout_corpus, training_corpus
from detector.walker import Leaf, walk


def test_has_validator_flag_matches_value_features() -> None:
    values: list[str | int | float | bool | None] = [
        -73.98, 1e9, "10.0.0.1", "1.4.12", "2001:db8::1", "a@b.io", "1985-04-12",
        "4111 1111 1111 1111",
    ]  # fmt: skip
    for doc in [*training_corpus(11, 60), *heldout_corpus(12, 60)]:
        values += [leaf.value for leaf in walk(doc.body) if worth_inspecting(leaf.value, 4096)]
    flagged = 0
    for value in values:
        for check_phone in (True, False):
            row = value_features(value, check_phone)
            assert len(row) == N_VALUE_FEATURES
            expected = any(row[j] for j in FLAG_INDICES)
            assert has_validator_flag(value, check_phone) == expected, (value, check_phone)
            flagged += expected
    assert flagged > 50


def test_version_against_ipv4_features() -> None:
    dotted = slice(44, 46)  # how many dot-separated numbers, and the largest of them
    parts, largest = value_features("1.4.12")[dotted]
    assert parts == 3.0
    assert largest == 12 / 255
    assert value_features("10.200.3.4")[dotted] == [4.0, 200 / 255]
    assert value_features("a.b.c")[dotted] == [0.0, 0.0]


def test_data_keys_read_as_one_token() -> None:
    for key in ("3f2b9c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b", "ann.lee@example.org", "2024-05-01",
                "20240501T1200", "507f1f77bcf86cd799439011"):  # fmt: skip
        assert is_data_key(key), key
        assert key_tokens(key) == DATA_KEY
    for key in ("firstName", "address_line_2", "sha256", "iso3166", "ipv4"):
        assert not is_data_key(key), key
    assert key_tokens("address_line_2") == "address line #"


def test_generic_keys_read_a_siblings_hint() -> None:
    def leaf(key: str, hint: str) -> Leaf:
        return Leaf(path=f"$.doc.{key}", key=key, parent="doc", value="X1234567", hint=hint)

    assert key_context(leaf("number", "PASSPORT")) == "number _h passport | p_doc"
    assert key_context(leaf("ID", "driversLicense")) == "id _h drivers license | p_doc"
    assert key_context(leaf("docNumber", "NATIONAL_ID")) == "doc number | p_doc"
    assert key_context(leaf("number", "")) == "number | p_doc"
    # a key that says what it holds keeps its own words only
    assert key_context(leaf("phoneNumber", "mobile")) == "phone number | p_doc"
    assert key_context(leaf("value", "email")) == "_u email | p_doc"
