"""Is a string a value (an id, e-mail, date, token …) rather than a name? Used for path
segments, query parameter names and JSON keys, so that no value is ever reported as a name."""

from __future__ import annotations

import re
from functools import lru_cache

_UUID = re.compile(r"^[0-9a-fA-F]{8}(-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}$")
_NUMERIC = re.compile(r"^[+-]?\d+([.,]\d+)*$")
_HEX = re.compile(r"^(0x)?[0-9a-fA-F]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$")
_B64 = re.compile(r"^[A-Za-z0-9+/_=-]+$")
_DIGIT_RUN = re.compile(r"\d{4,}")
# What a name may look like: starts with a letter (any script), `_`, `$` or `@`, then word
# characters and a few separators. Anything else (spaces, quotes, %, /, …) reads as a value.
_NAME = re.compile(r"^[^\W\d]|^[_$@]")
_NAME_BODY = re.compile(r"^[\w.:$@\[\]-]+$")

MAX_NAME_LENGTH = 64
# Keys and segments repeat a lot: memoize (bounded) the answers.
_CACHE_SIZE = 65_536


@lru_cache(maxsize=_CACHE_SIZE)
def is_value_like(text: str) -> bool:  # noqa: PLR0911
    """True when ``text`` looks like data (numbers, UUIDs, hex, base64, e-mails, dates …)."""
    if not text:
        return False
    if len(text) > MAX_NAME_LENGTH:
        return True
    if _NUMERIC.match(text) or _UUID.match(text) or _EMAIL.match(text) or _DATE.match(text):
        return True
    digits = sum(ch.isdigit() for ch in text)
    if _HEX.match(text) and len(text) >= 6 and digits >= 2:
        return True
    if _DIGIT_RUN.search(text):
        return True
    if len(text) >= 16 and _B64.match(text) and _looks_random(text, digits):
        return True
    # Mostly digits with a few letters or separators: "A123-45", "x9876"
    return len(text) >= 4 and digits * 2 > len(text)


def _looks_random(text: str, digits: int) -> bool:
    upper = sum(ch.isupper() for ch in text)
    lower = sum(ch.islower() for ch in text)
    if digits >= 2 and (upper or lower):
        return True
    # camelCase words have few capitals; random base64 letters are ~half capitals
    return upper >= 4 and lower >= 4 and upper * 4 >= len(text)


@lru_cache(maxsize=_CACHE_SIZE)
def is_name(text: str) -> bool:
    """True when ``text`` can be reported as a name (a key, a parameter, a path segment)."""
    return (
        bool(text)
        and len(text) <= MAX_NAME_LENGTH
        and bool(_NAME.match(text))
        and bool(_NAME_BODY.match(text))
        and not is_value_like(text)
    )
