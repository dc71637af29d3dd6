# ruff: noqa: RUF001, RUF002
"""How the name lexicon compares words (`fold`) and where its file lies: shared by the detector
(`detector.name_lexicon`) and the file's builder (`detector.name_lists`)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

#: Between the given names and the surnames in `LEXICON_FILE`.
SEPARATOR = "\0"
#: The folded lists as the detector reads them (given names, `SEPARATOR`, surnames; sorted).
LEXICON_FILE = Path(__file__).resolve().parent / "model" / "name_lexicon.txt.gz"
#: Lexicon words that are far more often ordinary words (``leather``, ``valley``), one a line,
#: sorted: the gates do not count them as names (the model's features still do).
ORDINARY_WORDS_FILE = Path(__file__).resolve().parent / "data" / "ordinary_words.txt.gz"
#: Countries' and regions' names in many languages, lower case, one a line, sorted: no
#: person's name (``france``, ``deutschland``), unless also a common given name.
COUNTRY_NAMES_FILE = Path(__file__).resolve().parent / "data" / "country_names.txt.gz"

#: Letters NFKD does not take apart.
_SPECIAL = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
     "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th"}
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents (``Ｆｅｄｅｒｉｃａ`` → ``federica``, ``Şahin`` → ``sahin``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
