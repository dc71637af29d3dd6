"""The key vocabulary, a key's novelty, and the engine's rule for keys the model never learned."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine
from detector.key_novelty import KEY_WORDS_FILE, Novelty, key_novelty, known_context, known_word
from detector.key_vocab import read, render


def test_the_shipped_key_words_are_what_the_generator_gives() -> None:
    assert render(read()) == KEY_WORDS_FILE.read_bytes()


@pytest.mark.parametrize(
    "key",
    ["first_name", "firstName", "FIRST-NAME", "FirstName", "firstname", "address1",
     "addressLine2", "email_addresses", "Telefones", "cities", "Geburtsdatum", "geburtsdátum",
     "date_de_naissance", "Führerschein", "fuehrerschein", "field_7", "4f1c2a9e-0c1b-4e8e-9a3b-"
     "5d2f7c1e8a90", "ann@example.org", "12"],
)  # fmt: skip
def test_keys_of_learned_words_in_any_casing_number_or_spelling_are_known(key: str) -> None:
    assert key_novelty(key) is Novelty.KNOWN
    assert known_context(key, "") is None


@pytest.mark.parametrize(
    ("key", "novelty"),
    [("samu", Novelty.NONE_KNOWN), ("hostname", Novelty.NONE_KNOWN),
     ("disqueIntoxicacao", Novelty.NONE_KNOWN), ("denominacao_social", Novelty.SOME_KNOWN),
     ("data_registro", Novelty.SOME_KNOWN), ("public_nick_name", Novelty.SOME_KNOWN)],
)  # fmt: skip
def test_keys_with_words_the_training_never_emitted_are_novel(key: str, novelty: Novelty) -> None:
    assert key_novelty(key) is novelty


def test_known_context_keeps_only_learned_words_of_key_and_parent() -> None:
    assert known_context("denominacao_social", "data") == "social | p_data"
    assert known_context("samu", "emergencia") == " | "
    assert known_context("hostname", "http_request") == " | p_request"
    assert not known_word("samu")
    assert known_word("#")


def _types(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


@pytest.mark.parametrize(
    "body",
    [{"emergencia": {"samu": "192"}},
     {"emergencia": {"disque_intoxicacao": "0800 722 6001"}},
     {"http": {"hostname": "mailrelay.example.com"}},
     {"denominacao_social": "FUNDO DE INVESTIMENTO EXEMPLO"}],
)  # fmt: skip
def test_a_guess_resting_on_unlearned_words_is_not_reported(
    engine: DetectionEngine, body: Any
) -> None:
    assert _types(engine, body) == set()


@pytest.mark.parametrize(
    ("body", "found"),
    [({"samu": "ann@example.org"}, ("$.samu", "email")),  # proven by its value
     ({"zorblax": "4111111111111111"}, ("$.zorblax", "credit_card")),
     ({"samu": "+14155552671"}, ("$.samu", "phone")),
     ({"hostname": "10.0.0.1"}, ("$.hostname", "ip_address")),
     ({"first_name": "Maria"}, ("$.first_name", "person_name")),  # a learned key
     ({"signatory": "John Doe"}, ("$.signatory", "person_name")),  # the lexicon's full name
     ({"passport": {"qwerty": "X1234567"}}, ("$.passport.qwerty", "passport_number")),
     ({"date_of_birth": {"qwerty": "1984-05-12"}}, ("$.date_of_birth.qwerty", "date_of_birth"))],
)  # fmt: skip
def test_proven_values_learned_keys_and_naming_parents_stand(
    engine: DetectionEngine, body: Any, found: tuple[str, str]
) -> None:
    assert found in _types(engine, body)
