"""The rules of the v5dev round on whole documents (the committed model): a card under a bare
``number``, JOSE compact serializations, JSON Web Key members, tax ids by their kind."""

from __future__ import annotations

from typing import Any

from detector.engine import DetectionEngine
from detector.eval.errors import READABLE


def _found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


def test_the_error_lister_reads_v5dev_and_refuses_every_test_split() -> None:
    assert "v5dev" in READABLE
    assert not [s for s in READABLE if "test" in s]


def test_a_card_under_a_bare_number_key_is_a_card(engine: DetectionEngine) -> None:
    body = {"number": "4111111111111111", "expiration_date": "05/2029", "cvv": "123"}
    found = _found(engine, body)
    assert ("$.number", "credit_card") in found
    assert ("$.number", "national_id") not in found
