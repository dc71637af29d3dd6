# ruff: noqa: RUF001
"""The given-name and surname lexicon, its value features and the person-name gates."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import numpy as np
import pytest

from detector import name_lexicon as nl
from detector import synth
from detector.engine import DetectionEngine, _lexicon_person, _unknown_name
from detector.features import N_VALUE_FEATURES, value_features
from detector.model import CLASSES
from detector.name_fold import COUNTRY_NAMES_FILE, LEXICON_FILE, ORDINARY_WORDS_FILE, fold
from detector.name_lists import (
    read,
    read_country_names,
    read_ordinary_words,
    render,
    render_words,
)
from detector.synth_locales import HELDOUT_LOCALES, LOCALES, TRAIN_LOCALES
from detector.walker import Leaf

NAME_FEATURES = slice(N_VALUE_FEATURES - 4, N_VALUE_FEATURES)


def test_lists_are_broad_and_folded() -> None:
    assert len(nl.GIVEN_NAMES) > 50_000
    assert len(nl.SURNAMES) > 80_000
    for given in ("james", "gareth", "sunil", "federica", "mehmet", "krzysztof", "ingrid"):
        assert given in nl.GIVEN_NAMES, given
    for surname in ("smith", "zhang", "kumar", "nowak", "garcia", "andersson"):
        assert surname in nl.SURNAMES, surname
    assert all(w == fold(w) for w in list(nl.GIVEN_NAMES)[:2000])
    for word in ("microsoft", "headquarters", "passenger", "supervisor", "marketing"):
        assert word not in nl.GIVEN_NAMES, word
        assert word not in nl.SURNAMES, word


def test_fold() -> None:
    assert fold("Sørensen") == "sorensen"
    assert fold("Şahin Yılmaz") == "sahin yilmaz"
    assert fold("Ｆｅｄｅｒｉｃａ") == "federica"
    assert fold("Łukasz Müller") == "lukasz muller"


def test_name_words_only_for_what_could_be_a_name() -> None:
    assert nl.name_words("Ciaran5 Lee") == ["ciaran", "lee"]
    assert nl.name_words("LUIS GARCIA BAQUERO") == ["luis", "garcia", "baquero"]
    for value in ("ann@example.org", "https://x.io/a", "user_name", "2024-05-01", "a b c d e f g"):
        assert nl.name_words(value) == [], value


def test_name_evidence_and_features() -> None:
    assert nl.name_evidence("Harry Zhang") == (0.5, 1.0, 1.0, 1.0)
    assert nl.name_evidence("Microsoft Windows") == (0.0, 0.0, 0.0, 0.0)
    assert value_features("Harry Zhang")[NAME_FEATURES] == [0.5, 1.0, 1.0, 1.0]
    assert value_features(12345678)[NAME_FEATURES] == [0.0, 0.0, 0.0, 0.0]
    assert value_features("ORD-2024-00017-ab")[NAME_FEATURES] == [0.0, 0.0, 0.0, 0.0]


def test_full_names_and_unknown_words() -> None:
    for value in ("Harry Zhang", "LUIS GARCIA BAQUERO", "Federica Sanchez Arjona", "Gareth Bale"):
        assert nl.reads_as_full_name(value), value
    for value in ("harry zhang", "Harry", "Direct Sender", "West Corporation", "Mithril Shirt"):
        assert not nl.reads_as_full_name(value), value
    assert nl.known_words("HQ US") == 0  # two-letter words prove nothing
    assert nl.known_words("Tarjeta Crédito") == 0
    assert nl.known_words("Jack Napier") == 2
    assert nl.known_words("https://x.io") is None


def test_words_far_more_often_ordinary_do_not_count_as_names() -> None:
    """The lexicon holds ``leather``, ``valley``, ``cluster`` (rare surnames); the gates do
    not count them, but names that are also words and common as names still count."""
    for word in ("leather", "valley", "cluster", "rocket", "league", "check"):
        assert word in nl.GIVEN_NAMES | nl.SURNAMES, word
        assert word in nl.ORDINARY_WORDS, word
        assert not nl.counts_as_name(word), word
    for name in ("rose", "page", "hunter", "baker", "bill", "lee", "zhang", "ming", "bhat"):
        assert name not in nl.ORDINARY_WORDS, name
        assert nl.counts_as_name(name), name
    for value in ("Leather Shoes", "Silicon Valley", "Development Cluster", "Compliance Check"):
        assert nl.known_words(value) == 0, value
    assert nl.known_words("Rose Page") == 2
    assert not nl.reads_as_full_name("Rocket League")  # ``rocket`` is a given name, rarely
    for value in ("Bill Baker", "Hunter Rose", "Gareth Bale", "John Test"):
        assert nl.reads_as_full_name(value), value
    # the model's features still see the lexicon as it was trained on
    assert nl.name_evidence("Leather Shoes") == (0.5, 0.5, 1.0, 0.0)


def test_engine_leaves_things_named_with_ordinary_words() -> None:
    engine = DetectionEngine.load_default()
    for thing in ("Leather Shoes", "Silicon Valley", "Rocket League"):
        found = {d.type for d in engine.detect({"name": thing, "id": 7})}
        assert "person_name" not in found, thing
    for person in ("Bill Baker", "Rose Hunter"):
        found = {d.type for d in engine.detect({"name": person, "id": 7})}
        assert "person_name" in found, person
        found = {d.type for d in engine.detect({"customer": {"name": person}})}
        assert "person_name" in found, person


def _krow(person: float) -> np.ndarray:
    row = np.zeros(len(CLASSES))
    row[CLASSES.index("person_name")] = person
    row[0] = 1 - person
    return row


def _leaf(key: str, value: str, parent: str = "") -> Leaf:
    return Leaf(path=f"$.{key}", key=key, parent=parent, value=value, hint="")


def test_unknown_name_gate() -> None:
    assert _unknown_name(_leaf("name", "Microsoft Windows"), "Microsoft Windows", 0.4)
    assert _unknown_name(_leaf("Name", "Headquarters", "data"), "Headquarters", 0.4)
    # a known word, a key sure of a person, a key that is not name-like: the gate stays out
    assert not _unknown_name(_leaf("name", "Jack Napier"), "Jack Napier", 0.4)
    assert not _unknown_name(_leaf("name", "Tavrok Sheimaduk"), "Tavrok Sheimaduk", 0.95)
    assert not _unknown_name(_leaf("holder", "Tavrok Sheimaduk"), "Tavrok Sheimaduk", 0.4)
    # a key or parent that says whose name it is: a person's, known or not
    assert not _unknown_name(_leaf("holderName", "Berend Nollee"), "Berend Nollee", 0.7)
    assert not _unknown_name(_leaf("name", "Tabea Trubin", "debtor"), "Tabea Trubin", 0.7)
    assert _unknown_name(_leaf("name", "Comcast", "isp"), "Comcast", 0.7)


def test_lexicon_person_rule() -> None:
    assert _lexicon_person(_leaf("name", "Harry Zhang"), _krow(0.7))
    assert _lexicon_person(_leaf("name", "LUIS GARCIA BAQUERO", parent="customer"), _krow(0.6))
    # some support and a parent that says whose name it is
    assert _lexicon_person(_leaf("name", "Dan Schulman", parent="full_name"), _krow(0.45))
    assert not _lexicon_person(_leaf("name", "Dan Schulman", parent="full_name"), _krow(0.1))
    # a key that does not lean to a person: a team or product named after people
    assert not _lexicon_person(_leaf("name", "Justice League", parent="items"), _krow(0.3))
    assert not _lexicon_person(_leaf("name", "Harry Zhang", parent="airport"), _krow(0.7))
    assert not _lexicon_person(_leaf("note", "Harry Zhang"), _krow(0.7))
    assert not _lexicon_person(_leaf("name", "John Smith Ltd"), _krow(0.7))


def test_training_names_include_names_no_lexicon_lists() -> None:
    """The training must not learn "person ⇔ lexicon hit": a share of its names are made up
    and unknown; the held-out locales keep their own names only."""
    rng = random.Random(5)
    train = [synth.last_name(rng, LOCALES[c]) for c in TRAIN_LOCALES for _ in range(200)]
    unknown = sum(nl.known_words(n) == 0 for n in train) / len(train)
    assert 0.15 <= unknown <= 0.5, unknown
    held = [synth.last_name(rng, LOCALES[c]) for c in HELDOUT_LOCALES for _ in range(200)]
    assert {*held} <= {n for c in HELDOUT_LOCALES for n in LOCALES[c].last}


def test_made_up_names_leave_the_documents_as_they_were() -> None:
    """The replacements have their own generator: a corpus's other values do not move."""
    one, two = synth.training_corpus(3, 5), synth.training_corpus(3, 5)
    assert [d.body for d in one] == [d.body for d in two]
    assert [sorted(d.labels) for d in one] == [sorted(d.labels) for d in two]


def test_engine_finds_full_names_under_a_bare_name() -> None:
    engine = DetectionEngine.load_default()
    found = {(d.path, d.type) for d in engine.detect({"name": "Harry Zhang", "id": "adr_1"})}
    assert ("$.name", "person_name") in found
    found = {(d.path, d.type) for d in engine.detect({"name": "Microsoft Windows", "id": 7})}
    assert ("$.name", "person_name") not in found


def test_a_missing_or_damaged_lexicon_stops_the_import_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(nl, "LEXICON_FILE", tmp_path / "absent.txt.gz")
    with pytest.raises(ImportError, match=r"could not be read .*rebuild it with"):
        nl._load()
    damaged = tmp_path / "damaged.txt.gz"
    damaged.write_bytes(b"not gzip")
    monkeypatch.setattr(nl, "LEXICON_FILE", damaged)
    with pytest.raises(ImportError, match="could not be read"):
        nl._load()
    damaged.write_bytes(gzip.compress(b"anna\nbob"))
    with pytest.raises(ImportError, match="is damaged"):
        nl._load()


def test_the_shipped_lexicon_is_what_the_name_lists_give() -> None:
    """The file in detector/model is rebuilt byte for byte from the pinned packages."""
    given, surnames = read()
    assert render(given, surnames) == LEXICON_FILE.read_bytes()
    assert frozenset(given) == nl.GIVEN_NAMES
    assert frozenset(surnames) == nl.SURNAMES
    words = read_ordinary_words(given, surnames)
    assert render_words(words) == ORDINARY_WORDS_FILE.read_bytes()
    assert frozenset(words) == nl.ORDINARY_WORDS


def test_the_shipped_country_names_are_what_phonenumbers_gives() -> None:
    countries = read_country_names()
    assert render_words(countries) == COUNTRY_NAMES_FILE.read_bytes()
    assert frozenset(countries) == nl.COUNTRY_NAMES
    assert {"france", "deutschland", "brasil", "japan"} <= nl.COUNTRY_NAMES
