"""Features of a leaf: the normalised key context (for the key model) and value features."""

from __future__ import annotations

import re
import string
from functools import lru_cache

from detector import validators as v
from detector.name_lexicon import name_evidence
from detector.walker import Leaf

#: Word boundaries inside camelCase keys, Latin, Greek and Cyrillic (``ДатаРождения``).
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u03ac-\u03ce\u0430-\u045f"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0386-\u03ab\u0400-\u042f"
_CAMEL = re.compile(rf"(?<=[{_LOWER}0-9])(?=[{_UPPER}])|(?<=[{_UPPER}])(?=[{_UPPER}][{_LOWER}])")
_SPLIT = re.compile(r"[^0-9a-zA-Z\u00c0-\uffff]+")
_UNINFORMATIVE = re.compile(
    r"^(?:field|custom|f|col|column|attr|prop|c|x|param|extra)?_?\d+$"
    r"|^(?:value|val|v|data|content|text|raw|input|attr|item|entry|body|payload)$"
)

#: Keys that say what kind of thing their value is (a number, an id) but not whose or which;
#: a sibling's hint (``"documentType": "PASSPORT"``) is read beside them.
_GENERIC = frozenset({"number", "id", "code", "identifier", "no", "num", "nr", "nummer", "numero",
                      "número", "numéro"})  # fmt: skip


#: The token every data key (an id, e-mail or date used as a key) becomes.
DATA_KEY = "{*}"


def is_data_key(key: str) -> bool:
    """Keys that are values (``{"4f1c…-uuid": …}``, ``{"ann@x.org": …}``, dates, long ids).

    Their characters are random as far as the model is concerned: read as text they would
    make a leaf's verdict depend on which id happens to be the key.
    """
    return "@" in key or sum(c.isdigit() for c in key) >= 6 or v.is_uuid(key)


@lru_cache(maxsize=65_536)
def key_tokens(key: str) -> str:
    """``firstName``/``first_name``/``FIRST-NAME`` → ``first name``; digits-only keys → ``#``;
    data keys → `DATA_KEY`."""
    if is_data_key(key):
        return DATA_KEY
    spaced = _CAMEL.sub(" ", key)
    words = [w.lower() for w in _SPLIT.split(spaced) if w]
    if not words:
        return ""
    return " ".join("#" if w.isdigit() else w for w in words)


@lru_cache(maxsize=65_536)
def is_uninformative(key: str) -> bool:
    """Keys that say nothing about their value (``value``, ``field_7``, ``f29``)."""
    return bool(_UNINFORMATIVE.match(key.lower()))


def key_context(leaf: Leaf) -> str:
    """The text the key model reads: the key, its hint when uninformative or generic, the parent."""
    return _key_context(leaf.key, leaf.parent, leaf.hint)


@lru_cache(maxsize=65_536)
def _key_context(key: str, parent_key: str, hint: str) -> str:
    own = key_tokens(key)
    if is_uninformative(key):
        own = f"_u {key_tokens(hint)}" if hint else "_u"
    elif hint and key.lower() in _GENERIC:
        own = f"{own} _h {key_tokens(hint)}"
    parent = key_tokens(parent_key)
    if parent:
        parent = " ".join(f"p_{w}" for w in parent.split())
    return f"{own} | {parent}"


_DEL_DIGITS = str.maketrans("", "", string.digits)
_DEL_UPPER = str.maketrans("", "", string.ascii_uppercase)
_DEL_LOWER = str.maketrans("", "", string.ascii_lowercase)
_DEL_SPACE = str.maketrans("", "", " ")
_DEL_PUNCT = str.maketrans("", "", "-_.:/@+()#,")
_HEXCHARS = frozenset("0123456789abcdefABCDEF")
_SECRET_PREFIXES = ("sk_", "pk_", "rk_", "ghp_", "gho_", "github_pat_", "xox", "AKIA", "ASIA",
                    "whsec_", "AIza", "SG.", "glpat-", "shpat_", "-----BEGIN")  # fmt: skip
STREET_WORDS = re.compile(
    r"(?i)\b(?:st|street|str|straße|strasse|road|rd|ave|avenue|av|avenida|blvd|boulevard|lane|"
    r"ln|drive|dr|way|rue|calle|via|viale|corso|piazza|plaza|place|platz|weg|gasse|allee|"
    r"laan|straat|gracht|gatan|vägen|ul|al|sokak|caddesi|bulvarı|marg|nagar|road|terrace|"  # noqa: RUF001
    r"court|ct|crescent|rua|travessa|paseo|chemin|allée|dori|machi|no)\b\.?|"
    r"(?:straße|strasse|str\.|weg|gasse|straat|gatan|vägen|laan|allee)\b"
)

N_VALUE_FEATURES = 51


def may_validate(value: str | int | float | bool | None) -> bool:
    """Cheap superset test: False only when no validator verdict can be set for ``value``."""
    if isinstance(value, float):
        return True
    text = str(value)
    n = len(text)
    if "@" in text or ":" in text or text.startswith("eyJ") or 14 <= n <= 17:
        return True
    return n - len(text.translate(_DEL_DIGITS)) >= 4


#: Indices of the validator verdicts among the value features (any set → worth the model).
FLAG_INDICES = (25, 27, 29, 31, 32, 33, 34, 35, 36, 37, 38, 39)


def has_validator_flag(
    value: str | int | float | bool | None, check_phone: bool = True, weak: bool = True
) -> bool:
    """Whether `value_features` would set any verdict of `FLAG_INDICES` (much cheaper).

    ``weak=False`` leaves out the verdicts that fit many ordinary values: a date, and a
    float in the longitude range.
    """
    is_float = isinstance(value, float)
    text = repr(value) if is_float else str(value)
    n = len(text)
    digits = n - len(text.translate(_DEL_DIGITS))
    return bool(
        (weak and _lat_like(value, text))
        or ("@" in text and v.is_email(text))
        or (text.startswith("eyJ") and v.is_jwt(text))
        or (2 <= n <= 45 and (":" in text or "." in text) and v.is_ip_address(text))
        or (14 <= n <= 17 and v.is_mac_address(text))
        or (("," in text or " " in text) and v.is_geo_pair(text))
        or (n >= 15 and text[:2].isalpha() and v.is_iban(text))
        or (digits >= 6 and v.digits_only(text) and v.is_credit_card(text))
        or (weak and digits >= 6 and 8 <= n <= 10 and v.parse_date(text) is not None)
        or (n == 9 and v.is_aba_routing(text))
        or (9 <= n <= 11 and v.is_us_ssn(text))
        or (check_phone and not is_float and v.phone_shape(text) and v.is_phone(text))
    )


def value_features(value: str | int | float | bool | None, check_phone: bool = True) -> list[float]:
    """Numeric features of a scalar (see the list below); the validators' verdicts included.

    ``check_phone`` runs libphonenumber (the costliest check); callers skip it when the key
    gives no reason to expect a phone number.
    """
    is_num = isinstance(value, int | float) and not isinstance(value, bool)
    is_float = isinstance(value, float)
    text = repr(value) if is_float else str(value)
    n = len(text)
    digits = n - len(text.translate(_DEL_DIGITS))
    upper = n - len(text.translate(_DEL_UPPER))
    lower = n - len(text.translate(_DEL_LOWER))
    spaces = n - len(text.translate(_DEL_SPACE))
    punct = n - len(text.translate(_DEL_PUNCT))
    other = n - digits - upper - lower - spaces - punct
    inv = 1.0 / n if n else 0.0
    words = text.split()
    nw = len(words)
    cap_words = sum(1 for w in words if w[:1].isupper())
    compact = text.replace(" ", "").replace("-", "")
    dig_only = v.digits_only(text) if digits >= 6 else None
    hexy = n >= 16 and all(c in _HEXCHARS for c in text)
    date = v.parse_date(text) if 8 <= n <= 10 and digits >= 6 else None
    year = date[0] if date else 0
    phone_shape = (not is_float) and v.phone_shape(text)
    lat_like = _lat_like(value, text)
    dotted = _dotted_numbers(text) if 5 <= n <= 24 and "." in text else ()
    # the lexicon only for what could be a name: a short string of letters, few digits
    names = (
        name_evidence(text)
        if not is_num and n <= 64 and upper + lower >= 2 and digits <= 3
        else _NO_NAME
    )
    return [
        float(is_num),
        float(is_float),
        min(n, 200) / 200.0,
        float(n),
        digits * inv,
        upper * inv,
        lower * inv,
        spaces * inv,
        punct * inv,
        other * inv,
        float(digits),
        float(nw),
        cap_words / nw if nw else 0.0,
        float(text[:1].isupper()),
        float("@" in text),
        float(text.count(".")),
        float(text.count("-")),
        float(text.count(":")),
        float(text.count("/")),
        float("_" in text),
        len(set(text)) * inv,
        float(hexy),
        float(v.is_uuid(text)) if n == 36 else 0.0,
        float(text.startswith(_SECRET_PREFIXES)),
        float(n >= 20 and " " not in text and digits > 0 and upper > 0 and lower > 0),
        float(v.is_email(text)) if "@" in text else 0.0,
        float(phone_shape),
        float(v.is_phone(text)) if phone_shape and check_phone else 0.0,
        float(text.startswith("+")),
        float(v.is_credit_card(text)) if dig_only else 0.0,
        float(v.luhn_ok(dig_only)) if dig_only else 0.0,
        float(v.is_iban(text)) if n >= 15 and text[:2].isalpha() else 0.0,
        float(v.is_aba_routing(text)) if n == 9 else 0.0,
        float(v.is_us_ssn(text)) if 9 <= n <= 11 else 0.0,
        float(v.is_jwt(text)) if text.startswith("eyJ") else 0.0,
        float(v.is_ip_address(text)) if 2 <= n <= 45 and (":" in text or "." in text) else 0.0,
        float(v.is_mac_address(text)) if 14 <= n <= 17 else 0.0,
        float(lat_like),
        float(v.is_geo_pair(text)) if "," in text or " " in text else 0.0,
        float(date is not None),
        float(1915 <= year <= 2012),
        float(bool(nw >= 2 and digits and STREET_WORDS.search(text))),
        float(len(compact) if dig_only else 0),
        float("T" in text and digits >= 8 and ":" in text),
        # a version (1.4.12.3) against an IPv4 address: how many parts, how large
        float(len(dotted)),
        min(max(dotted, default=0), 1000) / 255.0,
        # a gender word or salutation (`Mme`, `Dhr.`, `female`): what a `title` beside a
        # person's name holds, against a job or product title. Not one letter: `D.` and `M.`
        # are initials as often as codes, and the key decides those
        float(not is_num and n <= 24 and upper + lower >= 2 and v.is_gender_word(text)),
        # known given names and surnames (`detector.name_lexicon`): share of the words that
        # are given names, that are surnames; first word a given name, last one a surname
        *names,
    ]


_NO_NAME = (0.0, 0.0, 0.0, 0.0)


def _lat_like(value: str | int | float | bool | None, text: str) -> bool:
    """A number in longitude range with 3+ decimals, or such a number written as a string."""
    if isinstance(value, float):
        return v.is_longitude(value)
    return isinstance(value, str) and v.is_coordinate_text(text)


def _dotted_numbers(text: str) -> tuple[int, ...]:
    """The numbers of ``1.4.12`` or ``10.0.0.1`` (three or four dot-separated), else ()."""
    parts = text.split(".")
    if 3 <= len(parts) <= 4 and all(p.isdigit() and p.isascii() and len(p) <= 5 for p in parts):
        return tuple(int(p) for p in parts)
    return ()
