# ruff: noqa: RUF002
"""Given names and surnames people carry (`detector.name_lists`), loaded once at import.

US lists, but of a country of immigrants: they hold most common Turkish, Polish, Indian,
Swedish or Spanish given names and many surnames, not all (``Yılmaz``, ``Nwosu``). A miss is
weak evidence, a hit under a name-like key strong evidence. Words are compared lower-cased
with accents folded (``Sørensen`` → ``sorensen``).
"""

from __future__ import annotations

import gzip
import re

from detector.name_fold import LEXICON_FILE, SEPARATOR, fold


def _load() -> tuple[frozenset[str], frozenset[str]]:
    """The lists from `LEXICON_FILE` (built by ``python -m detector.name_lists``)."""
    try:
        text = gzip.decompress(LEXICON_FILE.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ImportError(
            f"the name lexicon {LEXICON_FILE} could not be read ({exc}): rebuild it with"
            " python -m detector.name_lists"
        ) from exc
    if SEPARATOR not in text:
        raise ImportError(f"the name lexicon {LEXICON_FILE} is damaged: rebuild it")
    given, surnames = text.split(SEPARATOR)
    return frozenset(given.split("\n")), frozenset(surnames.split("\n"))


GIVEN_NAMES, SURNAMES = _load()

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
    """How many words of three letters or more of ``text`` are known given names or surnames
    (two-letter words such as ``US``, ``HQ`` are names as rarely as they are not); None when
    ``text`` does not look like a name at all (`name_words`)."""
    words = name_words(text)
    if not words:
        return None
    return sum(len(w) >= 3 and (w in GIVEN_NAMES or w in SURNAMES) for w in words)


def reads_as_full_name(text: str) -> bool:
    """Two to four capitalised words (or all capitals), the first a known given name and the
    last a known surname (``Harry Zhang``, ``LUIS GARCIA BAQUERO``)."""
    parts = text.split()
    if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts):
        return False
    words = name_words(text)
    return len(words) == len(parts) and words[0] in GIVEN_NAMES and words[-1] in SURNAMES
