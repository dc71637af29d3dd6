# ruff: noqa: RUF001, RUF002
"""Given names and surnames people carry (`detector.name_lists`), loaded once at import.

US lists, but of a country of immigrants: they hold most common Turkish, Polish, Indian,
Swedish or Spanish given names and many surnames, not all (``Yılmaz``, ``Nwosu``). A miss is
weak evidence, a hit under a name-like key strong evidence. Words are compared lower-cased
with accents folded (``Sørensen`` → ``sorensen``). The gates (`known_words`,
`reads_as_full_name`) do not count the lexicon's words that are far more often ordinary words
(``leather``, ``valley``: `ORDINARY_WORDS`); the model's features (`name_evidence`) do, as
the model was trained on them.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from detector.name_fold import (
    COUNTRY_NAMES_FILE,
    LEXICON_FILE,
    ORDINARY_WORDS_FILE,
    SEPARATOR,
    fold,
)


def _read(path: Path, what: str) -> str:
    """The text of a gzip list built by ``python -m detector.name_lists``; a clear error if not."""
    try:
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ImportError(
            f"{what} {path} could not be read ({exc}): rebuild it with"
            " python -m detector.name_lists"
        ) from exc


def _load() -> tuple[frozenset[str], frozenset[str]]:
    """The lists from `LEXICON_FILE` (built by ``python -m detector.name_lists``)."""
    text = _read(LEXICON_FILE, "the name lexicon")
    if SEPARATOR not in text:
        raise ImportError(f"the name lexicon {LEXICON_FILE} is damaged: rebuild it")
    given, surnames = text.split(SEPARATOR)
    return frozenset(given.split("\n")), frozenset(surnames.split("\n"))


GIVEN_NAMES, SURNAMES = _load()


def _load_ordinary_words() -> frozenset[str]:
    """The words of `ORDINARY_WORDS_FILE` (built by ``python -m detector.name_lists``)."""
    return frozenset(_read(ORDINARY_WORDS_FILE, "the ordinary-words list").split("\n"))


#: Lexicon words that are rare as names and ordinary dictionary words (``leather``,
#: ``cluster``, ``rocket``); ``rose``, ``page``, ``hunter``, ``baker``, ``bill`` are not here.
ORDINARY_WORDS = _load_ordinary_words()
#: Countries' and regions' names in many languages, lower case (``france``, ``deutschland``).
COUNTRY_NAMES = frozenset(_read(COUNTRY_NAMES_FILE, "the country-names list").split("\n"))


def counts_as_name(word: str) -> bool:
    """A folded word the gates take for a name: three letters or more, a given name or
    surname the lexicon knows, and not one far more often an ordinary word (``valley``)."""
    return (
        len(word) >= 3 and (word in GIVEN_NAMES or word in SURNAMES) and word not in ORDINARY_WORDS
    )


#: One capitalised word (``Rachel``, ``William``, ``José``).
_ONE_WORD = re.compile(r"^[^\W\d_][^\W\d_'-]{1,23}$")


def known_name(text: str) -> bool:
    """One capitalised word that is a given name or a surname the lexicon knows and not far
    more often an ordinary word (``Saxena``, ``Alan``; not ``Leather``)."""
    if not _ONE_WORD.match(text) or not text[0].isupper():
        return False
    return counts_as_name(fold(text))


def known_given_name(text: str) -> bool:
    """`known_name`, and a given name (``Rachel``; not ``Saxena``)."""
    return known_name(text) and fold(text) in GIVEN_NAMES


#: What a value must look like before it is looked up: short, a letter first, no character
#: that names never hold (``@``, ``/``, ``:``, ``=``, ``_``, brackets).
_NAMEISH = re.compile(r"[^\W\d_][^@/:=_{}<>\[\]|\\]{1,63}")
_MAX_WORDS = 6
_WORD = re.compile(r"[a-z]{2,}")


def name_words(text: str) -> list[str]:
    """The folded words (two letters or more) of a value that could be a person's name, else
    an empty list. Digits split words (``Ciaran5 Lee`` → ``ciaran``, ``lee``)."""
    if not _NAMEISH.fullmatch(text) or text.count(" ") >= _MAX_WORDS:
        return []
    return _WORD.findall(fold(text))


def name_evidence(text: str) -> tuple[float, float, float, float]:
    """Share of the words that are known given names, share that are known surnames, whether
    the first word is a given name, whether the last (of two words or more) is a surname."""
    words = name_words(text)
    if not words:
        return 0.0, 0.0, 0.0, 0.0
    n = len(words)
    given = sum(w in GIVEN_NAMES for w in words)
    family = sum(w in SURNAMES for w in words)
    return (
        given / n,
        family / n,
        float(words[0] in GIVEN_NAMES),
        float(n >= 2 and words[-1] in SURNAMES),
    )


def known_words(text: str) -> int | None:
    """How many words of ``text`` count as names (`counts_as_name`: two-letter words such as
    ``US``, ``HQ`` are names as rarely as they are not, ``Leather Shoes`` holds none); None
    when ``text`` does not look like a name at all (`name_words`)."""
    words = name_words(text)
    if not words:
        return None
    return sum(counts_as_name(w) for w in words)


#: Courtesy and academic titles written before a name (``Dr.``, ``Mrs``, ``Prof.``, Dutch
#: ``Dhr``), as a regular expression's alternatives.
TITLES = "Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Sir|Dame|Herr|Frau|Sr|Sra|Srta|Mme|Mlle|Dhr|Mevr"
_TITLE = re.compile(rf"^(?:{TITLES})\.?\s+")


def titled_name(text: str) -> bool:
    """A title and one to three capitalised words, the last a known surname or given name
    (``Dr. Chang``, ``Mrs Emily Park``): a title is only ever written before a person's name."""
    title = _TITLE.match(text)
    if title is None:
        return False
    rest = text[title.end() :]
    parts = rest.split()
    if not 1 <= len(parts) <= 3 or not all(p[:1].isupper() for p in parts):
        return False
    words = name_words(rest)
    return len(words) == len(parts) and (words[-1] in SURNAMES or words[-1] in GIVEN_NAMES)


def reads_as_full_name(text: str) -> bool:
    """Two to four capitalised words (or all capitals), the first a known given name and the
    last a known surname (``Harry Zhang``, ``LUIS GARCIA BAQUERO``), the first no word far
    more often an ordinary one (``Rocket League``; after a given name a surname may be one:
    ``Gareth Bale``, ``John Test``); or a full name in Cyrillic, which the lexicon cannot know
    (`cyrillic_full_name`)."""
    parts = text.split()
    if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts):
        return False
    if cyrillic_full_name(text):
        return True
    words = name_words(text)
    return (
        len(words) == len(parts)
        and words[0] in GIVEN_NAMES
        and words[-1] in SURNAMES
        and words[0] not in ORDINARY_WORDS
    )


#: A word of a name in Cyrillic, capitalised (``Алексей``, ``Арсеньев``, ``Анна-Мария``).
_CYRILLIC_NAME_WORD = re.compile(r"^[А-ЯЁІЇЄҐ][а-яёіїєґ'ʼ]+(?:-[А-ЯЁІЇЄҐ][а-яёіїєґ'ʼ]+)?$")


#: First words of a form's field labels written in capitals (``Имя Отправителя``: the
#: sender's name, ``Номер Телефона``), Russian and Ukrainian.
_CYRILLIC_FIELD_WORDS = frozenset(
    {"имя", "фамилия", "отчество", "номер", "название", "наименование", "дата", "адрес",
     "телефон", "счет", "счёт", "сумма", "код", "ім'я", "імʼя", "прізвище", "по", "назва"}
)  # fmt: skip


def cyrillic_full_name(text: str) -> bool:
    """Two or three capitalised words in Cyrillic (``Алексей Арсеньев``, ``Иван Петрович
    Сидоров``), which the US lexicon cannot know: Russian and Ukrainian write only a title's
    or an organisation's first word capitalised, a person's every name; not a form's field
    label (``Имя Отправителя``)."""
    parts = text.split()
    return (
        2 <= len(parts) <= 3
        and all(_CYRILLIC_NAME_WORD.match(p) for p in parts)
        and parts[0].lower() not in _CYRILLIC_FIELD_WORDS
    )
