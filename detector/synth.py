# ruff: noqa: E501, PLR0911, PLR0912, S311
"""Synthetic labelled JSON documents shaped like API bodies, for training and evaluation.

Every document comes with its labels: the set of (path, type id) pairs that hold sensitive
data. Values are generated (valid checksums where the type has one); nothing is real data.
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import phonenumbers

from detector.synth_locales import HELDOUT_LOCALES, LOCALES, TRAIN_LOCALES, Locale, made_up_name
from detector.synth_vocab import MULTILINGUAL, NON_PERSONAL_ID_KEYS
from detector.validators import IBAN_LENGTHS, card_brand, iban_mod97, is_aba_routing, luhn_ok

Value = Any
Gen = Callable[[random.Random, Locale], Value]


@dataclass(frozen=True)
class Labelled:
    """A document and its sensitive (path, type) labels."""

    body: Any
    labels: frozenset[tuple[str, str]]


# ---------------------------------------------------------------- key styles


def style_key(rng: random.Random | None, tokens: tuple[str, ...], style: str) -> str:
    """Render key tokens in one style: snake, camel, pascal, kebab, upper, flat."""
    if len(tokens) == 1 and tokens[0] != tokens[0].lower():
        return tokens[0]
    low = [t.lower() for t in tokens]
    if style == "snake":
        return "_".join(low)
    if style == "camel":
        return low[0] + "".join(t.capitalize() for t in low[1:])
    if style == "pascal":
        return "".join(t.capitalize() for t in low)
    if style == "kebab":
        return "-".join(low)
    if style == "upper":
        return "_".join(low).upper()
    return "".join(low)


STYLES = ("snake", "camel", "pascal", "kebab", "upper", "flat")
STYLE_WEIGHTS = (35, 35, 10, 6, 5, 9)


def _k(*names: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(n.split()) for n in names)


# ---------------------------------------------------------------- value generators


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _alnum(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _clean(word: str) -> str:
    return word.replace("_", " ")


#: Share of a training locale's given names and surnames replaced by made-up ones (0.25 was
#: tried: lower dev figures): real
#: traffic carries names no lexicon lists (`detector.name_lexicon`), so the training must not
#: let a lexicon hit be the only sign of a person's name. Held-out locales keep their names.
MADE_UP_SHARE = 0.15
#: Draws the replacements, apart from a corpus's own generator so the documents stay the same
#: but for the names (`corpus` seeds it).
_made_up = random.Random(0)


def _or_made_up(name: str, loc: Locale, syllables: tuple[int, int]) -> str:
    if loc.code not in TRAIN_LOCALES or _made_up.random() >= MADE_UP_SHARE:
        return name
    return made_up_name(_made_up, _made_up.randint(*syllables))


def first_name(rng: random.Random, loc: Locale) -> str:
    """A first name of the locale (in training locales, now and then a made-up one)."""
    return _or_made_up(_clean(rng.choice(loc.first)), loc, (2, 3))


def last_name(rng: random.Random, loc: Locale) -> str:
    """A family name of the locale (in training locales, now and then a made-up one)."""
    return _or_made_up(_clean(rng.choice(loc.last)), loc, (2, 4))


def full_name(rng: random.Random, loc: Locale) -> str:
    """A full name in one of a few layouts."""
    f, last = first_name(rng, loc), last_name(rng, loc)
    r = rng.random()
    if r < 0.65:
        return f"{f} {last}"
    if r < 0.75:
        return f"{last}, {f}"
    if r < 0.85:
        return f"{f} {rng.choice(string.ascii_uppercase)}. {last}"
    if r < 0.92:
        return f"{f} {first_name(rng, loc)} {last}"
    return f"{f} {last}".upper() if rng.random() < 0.5 else f"{f} {last}".lower()


def email(rng: random.Random, loc: Locale) -> str:
    """An e-mail address built from a name."""
    f = first_name(rng, loc).lower().replace(" ", "")
    last = last_name(rng, loc).lower().replace(" ", "")
    ascii_f = f.encode("ascii", "ignore").decode() or "user"
    ascii_l = last.encode("ascii", "ignore").decode() or "x"
    local = rng.choice(
        [f"{ascii_f}.{ascii_l}", f"{ascii_f}{rng.randint(1, 99)}", f"{ascii_f[0]}{ascii_l}",
         f"{ascii_l}_{ascii_f}", f"{ascii_f}+{rng.choice(['shop', 'news', 'x'])}"]
    )  # fmt: skip
    domain = rng.choice(
        ["gmail.com", "yahoo.com", "outlook.com", "example.org", "mail.de", "orange.fr",
         "corp.example.com", "uni-x.edu", "web.de", "proton.me", "acme.io", "libero.it"]
    )  # fmt: skip
    return f"{local}@{domain}"


_PHONE_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "BR", "NL", "JP", "IN", "PL", "SE", "TR")


#: Phone regions and IBAN countries of the held-out locales: training documents never use
#: them, held-out documents use nothing else, so held-out scores are about unseen formats.
_HELDOUT_REGIONS = tuple(sorted({LOCALES[c].phone_region for c in HELDOUT_LOCALES}))
_HELDOUT_IBAN = tuple(sorted({LOCALES[c].iban_country for c in HELDOUT_LOCALES}))
_TRAIN_REGIONS = tuple(r for r in _PHONE_REGIONS if r not in _HELDOUT_REGIONS)
_TRAIN_IBAN = tuple(c for c in sorted(IBAN_LENGTHS) if c not in _HELDOUT_IBAN)


def _phone_pool(loc: Locale) -> tuple[str, ...]:
    return _HELDOUT_REGIONS if loc.code in HELDOUT_LOCALES else _TRAIN_REGIONS


def _iban_pool(loc: Locale) -> tuple[str, ...]:
    return _HELDOUT_IBAN if loc.code in HELDOUT_LOCALES else _TRAIN_IBAN


def phone(rng: random.Random, loc: Locale) -> str:
    """A valid phone number of the locale's region (or another), in a common format."""
    region = loc.phone_region if rng.random() < 0.7 else rng.choice(_phone_pool(loc))
    kind = rng.choice(
        [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
    )
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None:
        example = phonenumbers.example_number(region)
    assert example is not None, region
    nsn = str(example.national_number)
    for _ in range(20):
        cand = nsn[:-4] + _digits(rng, 4)
        num = phonenumbers.parse(f"+{example.country_code}{cand}")
        if phonenumbers.is_valid_number(num):
            break
    else:
        num = example
    assert num is not None
    fmt = rng.choice(
        [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164,
         phonenumbers.PhoneNumberFormat.NATIONAL]
    )  # fmt: skip
    if region not in ("US", "GB", "DE", "FR", "IN", "BR"):
        fmt = rng.choice(
            [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164]
        )
    return phonenumbers.format_number(num, fmt)


def street_line(rng: random.Random, loc: Locale) -> str:
    """A street line: street and house number in the locale's order."""
    n = str(rng.randint(1, 250)) + (rng.choice(["", "", "", "a", "B"]))
    return loc.street_format.format(n=n, s=rng.choice(loc.streets))


def street_address(rng: random.Random, loc: Locale) -> str:
    """A street line, sometimes with postal code and city."""
    line = street_line(rng, loc)
    if rng.random() < 0.4:
        city = _clean(rng.choice(loc.cities))
        line = f"{line}, {_digits(rng, 5)} {city}"
    return line


def _date(rng: random.Random, year: int) -> str:
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    fmt = rng.choice(["iso", "iso", "iso", "dot", "us", "eu"])
    if fmt == "iso":
        return f"{year:04d}-{m:02d}-{d:02d}"
    if fmt == "dot":
        return f"{d:02d}.{m:02d}.{year}"
    if fmt == "us":
        return f"{m:02d}/{d:02d}/{year}"
    return f"{d:02d}/{m:02d}/{year}"


def date_of_birth(rng: random.Random, loc: Locale) -> str:
    """A birth date between 1930 and 2008."""
    return _date(rng, rng.randint(1930, 2008))


def recent_date(rng: random.Random, loc: Locale) -> str:
    """A date of business (orders, deliveries, validity)."""
    return _date(rng, rng.randint(2012, 2031))


def old_date(rng: random.Random, loc: Locale) -> str:
    """A historic date that is not a birth date (founding, release)."""
    return _date(rng, rng.randint(1900, 2011))


def gender(rng: random.Random, loc: Locale) -> str:
    """A gender word of the locale or English."""
    words = (*loc.gender_words, "male", "female", "MALE", "FEMALE", "Male", "Female")
    return rng.choice(words)


def username(rng: random.Random, loc: Locale) -> str:
    """A login handle."""
    f = first_name(rng, loc).lower().encode("ascii", "ignore").decode() or "user"
    last = last_name(rng, loc).lower().encode("ascii", "ignore").decode().replace(" ", "") or "x"
    word = rng.choice(["tiger", "ninja", "coder", "pixel", "wolf", "star", "gamer", "blue"])
    return rng.choice(
        [f"{f}{last[:1]}{rng.randint(1, 999)}", f"{f}.{last}", f"{f}_{word}", f"{word}{f}",
         f"{f[0]}{last}", f"@{f}{last}", f"{word}_{rng.randint(10, 9999)}", f"{f}-{last}"]
    )  # fmt: skip


def password(rng: random.Random, loc: Locale) -> str:
    """A password as users choose them, or generated ones."""
    r = rng.random()
    if r < 0.35:
        return _alnum(rng, rng.randint(10, 24), string.ascii_letters + string.digits + "!@#$%^&*-_")
    if r < 0.7:
        word = rng.choice(["Summer", "winter", "Password", "dragon", "Sunshine", "monkey", "Hallo"])
        return f"{word}{rng.randint(1, 2025)}{rng.choice(['!', '?', '#', '', '$'])}"
    return _HASH_PREFIX + _alnum(rng, 53, string.ascii_letters + string.digits + "./")


def ip_address(rng: random.Random, loc: Locale) -> str:
    """An IPv4 or IPv6 address."""
    if rng.random() < 0.75:
        first = rng.choice([10, 172, 192, rng.randint(1, 223)])
        return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    groups = [f"{rng.randint(0, 65535):x}" for _ in range(8)]
    if rng.random() < 0.5:
        return f"2001:db8::{groups[0]}:{groups[1]}"
    return ":".join(groups)


def mac_address(rng: random.Random, loc: Locale) -> str:
    """A MAC address in colon, dash or Cisco layout."""
    octets = [f"{rng.randint(0, 255):02x}" for _ in range(6)]
    r = rng.random()
    if r < 0.6:
        text = ":".join(octets)
    elif r < 0.85:
        text = "-".join(octets)
    else:
        h = "".join(octets)
        text = f"{h[:4]}.{h[4:8]}.{h[8:]}"
    return text.upper() if rng.random() < 0.4 else text


def _coordinate(rng: random.Random, bound: float) -> float:
    """A coordinate with 4 to 7 decimals, the last one not 0 (rounding must not shorten it)."""
    value = round(rng.uniform(-bound, bound), rng.randint(4, 7))
    while "e" in repr(value) or len(repr(value).split(".")[1]) < 4:
        value = round(rng.uniform(-bound, bound), rng.randint(4, 7))
    return value


def latitude(rng: random.Random, loc: Locale) -> float:
    """A latitude with 4 to 7 decimals."""
    return _coordinate(rng, 80)


def longitude(rng: random.Random, loc: Locale) -> float:
    """A longitude with 4 to 7 decimals."""
    return _coordinate(rng, 179)


def geo_pair(rng: random.Random, loc: Locale) -> str:
    """A "lat,lon" string."""
    return f"{latitude(rng, loc)},{rng.choice(['', ' '])}{longitude(rng, loc)}"


_CARD_PREFIXES = (
    ("4", 16), ("4", 16), ("4", 13), ("4", 19), ("51", 16), ("55", 16), ("2221", 16),
    ("2720", 16), ("23", 16), ("34", 15), ("37", 15), ("6011", 16), ("65", 16), ("36", 14),
    ("3530", 16), ("62", 16), ("62", 19), ("6759", 16), ("6304", 18), ("5018", 16),
    ("5020", 12), ("50", 19), ("58", 16), ("6761", 19), ("2200", 16),
)  # fmt: skip


def card_number(rng: random.Random, prefix: str, length: int) -> str:
    """A Luhn-valid number with ``prefix`` and ``length``."""
    body = prefix + _digits(rng, length - len(prefix) - 1)
    for check in string.digits:
        if luhn_ok(body + check):
            return body + check
    raise AssertionError("unreachable")


def credit_card(rng: random.Random, loc: Locale) -> str | int:
    """A valid card number of any scheme, with or without separators."""
    prefix, length = rng.choice(_CARD_PREFIXES)
    number = card_number(rng, prefix, length)
    assert card_brand(number) is not None, number
    r = rng.random()
    if r < 0.15:
        return int(number)
    if r < 0.4 and length == 16:
        sep = rng.choice([" ", "-"])
        return sep.join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def iban(rng: random.Random, loc: Locale) -> str:
    """A valid IBAN, mostly of the locale's country."""
    country = loc.iban_country if rng.random() < 0.6 else rng.choice(_iban_pool(loc))
    n = IBAN_LENGTHS[country] - 4
    bban = (
        _digits(rng, n)
        if rng.random() < 0.7
        else _alnum(rng, 4, string.ascii_uppercase) + _digits(rng, n - 4)
    )
    check = 98 - iban_mod97(f"{country}00{bban}")
    compact = f"{country}{check:02d}{bban}"
    if rng.random() < 0.3:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def aba_routing(rng: random.Random) -> str:
    """A valid ABA routing number."""
    while True:
        cand = rng.choice(["0", "1", "2", "3"]) + _digits(rng, 8)
        if is_aba_routing(cand):
            return cand


def bank_account(rng: random.Random, loc: Locale) -> str | int:
    """A domestic account number."""
    r = rng.random()
    if r < 0.2:
        return int(_digits(rng, 1).replace("0", "7") + _digits(rng, rng.randint(8, 11)))
    if r < 0.6:
        return _digits(rng, rng.randint(8, 12))
    if r < 0.8:
        return f"{_digits(rng, 3)}-{_digits(rng, 6)}-{_digits(rng, 2)}"
    return f"{_digits(rng, 2)}-{_digits(rng, 2)}-{_digits(rng, 2)} {_digits(rng, 8)}"


def us_ssn(rng: random.Random, loc: Locale) -> str:
    """A US SSN that passes the issuance rules."""
    area = rng.choice([a for a in range(1, 900) if a != 666])
    text = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    if rng.random() < 0.7:
        return f"{text[:3]}-{text[3:5]}-{text[5:]}"
    return text


def national_id(rng: random.Random, loc: Locale) -> str:
    """A national id number in one of several national layouts."""
    r = rng.randint(0, 7)
    if r == 0:  # UK NINO
        return f"{_alnum(rng, 2, 'ABCEGHJKLMNPRSTWXYZ')}{_digits(rng, 6)}{rng.choice('ABCD')}"
    if r == 1:  # Spanish DNI
        num = rng.randint(10_000_000, 99_999_999)
        return f"{num}{'TRWAGMYFPDXBNJZSQVHLCKE'[num % 23]}"
    if r == 2:  # Brazilian CPF layout
        return f"{_digits(rng, 3)}.{_digits(rng, 3)}.{_digits(rng, 3)}-{_digits(rng, 2)}"
    if r == 3:  # Indian Aadhaar layout
        return f"{rng.randint(2, 9)}{_digits(rng, 3)} {_digits(rng, 4)} {_digits(rng, 4)}"
    if r == 4:  # PESEL-like
        return _digits(rng, 11)
    if r == 5:  # German ID card
        return _alnum(rng, 9, "CFGHJKLMNPRTVWXYZ0123456789")
    if r == 6:  # Italian codice fiscale layout
        up = string.ascii_uppercase
        return f"{_alnum(rng, 6, up)}{_digits(rng, 2)}{rng.choice(up)}{_digits(rng, 2)}{rng.choice(up)}{_digits(rng, 3)}{rng.choice(up)}"
    return f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 3)}"


def passport_number(rng: random.Random, loc: Locale) -> str:
    """A passport number layout."""
    r = rng.randint(0, 3)
    if r == 0:
        return _digits(rng, 9)
    if r == 1:
        return f"{_alnum(rng, 2, string.ascii_uppercase)}{_digits(rng, 7)}"
    if r == 2:
        return _alnum(rng, 9, "CFGHJKLMNPRTVWXYZ0123456789")
    return f"{rng.choice(string.ascii_uppercase)}{_digits(rng, 8)}"


def drivers_license(rng: random.Random, loc: Locale) -> str:
    """A driving licence number layout."""
    r = rng.randint(0, 3)
    up = string.ascii_uppercase
    if r == 0:
        return f"{rng.choice(up)}{_digits(rng, rng.randint(7, 12))}"
    if r == 1:
        return f"{rng.choice(up)}{_digits(rng, 3)}-{_digits(rng, 4)}-{_digits(rng, 4)}"
    if r == 2:
        return f"{_alnum(rng, 5, up)}{_digits(rng, 6)}{_alnum(rng, 2, up)}{_digits(rng, 1)}{_alnum(rng, 2, up)}"
    return _digits(rng, rng.randint(8, 9))


def tax_id(rng: random.Random, loc: Locale) -> str:
    """A tax number: EIN, VAT ids, national tax ids."""
    r = rng.randint(0, 4)
    if r == 0:
        return f"{_digits(rng, 2)}-{_digits(rng, 7)}"
    if r == 1:
        cc = rng.choice(["DE", "FR", "IT", "ES", "NL", "PL", "SE", "GB", "AT", "BE"])
        return f"{cc}{_digits(rng, rng.randint(9, 11))}"
    if r == 2:
        return _digits(rng, 11)
    if r == 3:
        return f"{_digits(rng, 2)}/{_digits(rng, 3)}/{_digits(rng, 5)}"
    return f"{_alnum(rng, 4, string.ascii_uppercase)}{_digits(rng, 6)}{_alnum(rng, 3)}".upper()


def _b64url(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(rng: random.Random, loc: Locale) -> str:
    """A signed JWT (fake signature), sometimes with a Bearer prefix."""
    head = {"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    if rng.random() < 0.3:
        head["kid"] = _alnum(rng, 8)
    body = {"sub": _alnum(rng, 10), "iat": rng.randint(1_600_000_000, 1_800_000_000)}
    if rng.random() < 0.6:
        body["email"] = email(rng, loc)
        body["roles"] = rng.choice([["user"], ["admin", "user"]])
    sig = _alnum(rng, rng.choice([43, 86, 342]), string.ascii_letters + string.digits + "-_")
    return f"{_b64url(head)}.{_b64url(body)}.{sig}"


def secret_key(rng: random.Random, loc: Locale) -> str:
    """An API key or secret in a vendor or generic layout."""
    r = rng.randint(0, 6)
    b62 = string.ascii_letters + string.digits
    if r == 0:
        return f"sk_{rng.choice(['live', 'test'])}_{_alnum(rng, 24)}"
    if r == 1:
        return f"AKIA{_alnum(rng, 16, string.ascii_uppercase + string.digits)}"
    if r == 2:
        return f"ghp_{_alnum(rng, 36)}"
    if r == 3:
        return _alnum(rng, 40, b62 + "/+")
    if r == 4:
        return f"xoxb-{_digits(rng, 11)}-{_digits(rng, 12)}-{_alnum(rng, 24)}"
    if r == 5:
        return _alnum(rng, rng.choice([32, 48, 64]), b62)
    return f"whsec_{_alnum(rng, 32, b62)}"


# ---------------------------------------------------------------- negatives


def _hex(rng: random.Random, n: int) -> str:
    return _alnum(rng, n, "0123456789abcdef")


def uuid(rng: random.Random, loc: Locale) -> str:
    """A random UUID."""
    h = _hex(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def numeric_id(rng: random.Random, loc: Locale) -> int | str:
    """An order/customer id: integers, sometimes strings, often phone- or card-length."""
    n = rng.choice([6, 8, 9, 10, 11, 12, 13, 16])
    value = str(rng.randint(1, 9)) + _digits(rng, n - 1)
    return int(value) if rng.random() < 0.5 else value


def prefixed_id(rng: random.Random, loc: Locale) -> str:
    """An id like ``ord_8f7a6b2c`` or ``INV-2024-00123``."""
    p = rng.choice(["ord", "cus", "inv", "pi", "ch", "txn", "evt", "req", "usr", "prod"])
    if rng.random() < 0.5:
        return f"{p}_{_alnum(rng, rng.randint(8, 24))}"
    return f"{p.upper()}-{rng.randint(2015, 2030)}-{_digits(rng, 5)}"


def sku(rng: random.Random, loc: Locale) -> str:
    """A stock keeping unit code."""
    return f"{_alnum(rng, 3, string.ascii_uppercase)}-{_digits(rng, 5)}-{rng.choice(['BL', 'RD', 'XL', 'S'])}"


def price(rng: random.Random, loc: Locale) -> float | int | str:
    """A money amount."""
    r = rng.random()
    v = round(rng.uniform(0.5, 5000), 2)
    if r < 0.6:
        return v
    if r < 0.8:
        return int(v * 100)
    return f"{v:.2f}"


def timestamp(rng: random.Random, loc: Locale) -> str | int:
    """An ISO date-time or epoch timestamp."""
    r = rng.random()
    y = rng.randint(2015, 2030)
    if r < 0.5:
        return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
    if r < 0.75:
        return rng.randint(1_500_000_000, 1_900_000_000) * (1000 if rng.random() < 0.5 else 1)
    return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def sha_hash(rng: random.Random, loc: Locale) -> str:
    """A hex digest (md5, sha1, sha256) or a base64 digest."""
    r = rng.random()
    if r < 0.8:
        return _hex(rng, rng.choice([32, 40, 64]))
    return "sha256-" + _alnum(rng, 43, string.ascii_letters + string.digits + "+/") + "="


def tracking_number(rng: random.Random, loc: Locale) -> str:
    """A parcel tracking number."""
    r = rng.randint(0, 3)
    if r == 0:
        return f"1Z{_alnum(rng, 6, string.ascii_uppercase + string.digits)}{_digits(rng, 10)}"
    if r == 1:
        return _digits(rng, rng.choice([12, 15, 20, 22]))
    if r == 2:
        return f"{_alnum(rng, 2, string.ascii_uppercase)}{_digits(rng, 9)}{rng.choice(['DE', 'US', 'GB', 'CN'])}"
    return f"JD{_digits(rng, 18)}"


def luhn_failing(rng: random.Random, loc: Locale) -> str:
    """A 16-digit number in a card range that fails Luhn (or a valid-Luhn non-card)."""
    prefix, length = rng.choice(_CARD_PREFIXES)
    number = card_number(rng, prefix, length)
    last = str((int(number[-1]) + rng.randint(1, 9)) % 10)
    return number[:-1] + last


def opaque_id(rng: random.Random, loc: Locale) -> str | int:
    """A non-personal identifier: numbers, codes, UUIDs, hex, paging cursors (base64)."""
    r = rng.randint(0, 6)
    if r == 0:
        return numeric_id(rng, loc)
    if r == 1:
        return uuid(rng, loc)
    if r == 2:
        return prefixed_id(rng, loc)
    if r == 3:
        return _hex(rng, rng.choice([16, 24, 32]))
    if r == 4:
        raw = json.dumps({"page": rng.randint(2, 90), "after": _alnum(rng, 6)}).encode()
        return base64.b64encode(raw).decode()
    if r == 5:
        return f"{rng.choice(string.ascii_uppercase)}-{_digits(rng, rng.randint(4, 8))}"
    return f"{_digits(rng, 4)}-{_digits(rng, 4)}"


def product_name(rng: random.Random, loc: Locale) -> str:
    """A product or company name."""
    adj = rng.choice(["Blue", "Classic", "Ultra", "Organic", "Smart", "Deluxe", "Mini", "Pro"])
    noun = rng.choice(["Cotton Shirt", "Coffee Beans", "Headphones", "Desk Lamp", "Backpack",
                       "Water Bottle", "Running Shoes", "Notebook", "Tea Set", "Router"])  # fmt: skip
    r = rng.random()
    if r < 0.2:
        return f"{last_name(rng, loc)} {rng.choice(['GmbH', 'Ltd', 'Inc.', 'S.A.', '& Co'])}"
    if r < 0.5:  # venues, teams, groups, projects
        words = ["Harbor", "Summit", "Golden", "North", "River", "Open", "Bright", "Silver",
                 "Urban", "Maple", "Justice", "Encore", "Beach", "Cedar", "Lunar", "Iron",
                 "Velvet", "Coral", "Atlas", "Nova", "Pine", "Echo", "Orbit", "Prairie"]  # fmt: skip
        kinds = ["Club", "Hall", "Cafe", "Center", "Team", "Group", "Project", "League",
                 "Studio", "Labs", "Arena", "Park", "Bar", "Works", "Collective", "Owners",
                 "Guild", "Society", "Market", "Theater"]  # fmt: skip
        return " ".join(rng.sample(words, rng.randint(1, 2))) + " " + rng.choice(kinds)
    if r < 0.6:  # repositories, slugs
        return f"{rng.choice(['hello', 'api', 'web', 'data', 'infra'])}-{rng.choice(['world', 'gateway', 'tools', 'service', 'sdk'])}"
    return f"{adj} {noun}"


def sentence(rng: random.Random, loc: Locale) -> str:
    """A short free-text description."""
    words = ["fast", "delivery", "please", "leave", "at", "door", "great", "product", "works",
             "fine", "size", "fits", "the", "order", "was", "late", "thanks", "gift", "wrap"]  # fmt: skip
    return " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))).capitalize() + "."


def bic(rng: random.Random, loc: Locale) -> str:
    """A bank's BIC (SWIFT) code: it names a bank, not a person."""
    up = string.ascii_uppercase
    code = f"{_alnum(rng, 4, up)}{rng.choice(['DE', 'GB', 'FR', 'NL', 'US', 'ES', 'IT'])}{_alnum(rng, 2, up + '0123456789')}"
    return code + (_alnum(rng, 3, up + "0123456789") if rng.random() < 0.5 else "")


def infra_ip(rng: random.Random, loc: Locale) -> str:
    """A netmask or an infrastructure address (gateway, DNS server, subnet)."""
    r = rng.random()
    if r < 0.4:
        return rng.choice(["255.255.255.0", "255.255.0.0", "255.255.255.128", "255.255.252.0"])
    if r < 0.7:
        return f"{rng.choice(['10', '192.168', '172.16'])}.{rng.randint(0, 9)}.0/{rng.choice([16, 24])}"
    return rng.choice(["8.8.8.8", "1.1.1.1", "9.9.9.9", "192.168.1.1", "10.0.0.1"])


def enum_word(rng: random.Random, loc: Locale) -> str:
    """A status-like enum value."""
    return rng.choice(["active", "pending", "shipped", "cancelled", "PAID", "FAILED", "draft",
                       "open", "closed", "standard", "express", "card", "sepa", "primary"])  # fmt: skip


def url(rng: random.Random, loc: Locale) -> str:
    """A URL."""
    return f"https://{rng.choice(['cdn', 'api', 'www', 'img'])}.example.com/{_alnum(rng, 8).lower()}/{rng.randint(1, 999)}"


def city(rng: random.Random, loc: Locale) -> str:
    """A city name (not a street address on its own)."""
    return _clean(rng.choice(loc.cities))


def country(rng: random.Random, loc: Locale) -> str:
    """A country code or name."""
    return rng.choice(["US", "DE", "FR", "ES", "Germany", "France", "GB", "IT", "NL", "BR"])


def postal_code(rng: random.Random, loc: Locale) -> str:
    """A postal code."""
    r = rng.random()
    if r < 0.6:
        return _digits(rng, 5)
    up = string.ascii_uppercase
    if r < 0.75:  # UK outward + inward code
        outward = f"{_alnum(rng, rng.randint(1, 2), up)}{rng.randint(1, 99)}{_alnum(rng, rng.randint(0, 1), up)}"
        return f"{outward} {rng.randint(0, 9)}{_alnum(rng, 2, up)}"
    if r < 0.83:  # Canada
        return f"{rng.choice(up)}{rng.randint(0, 9)}{rng.choice(up)} {rng.randint(0, 9)}{rng.choice(up)}{rng.randint(0, 9)}"
    if r < 0.9:  # Netherlands
        return f"{rng.randint(1000, 9999)} {_alnum(rng, 2, up)}"
    return rng.choice(
        [
            f"{_digits(rng, 2)}-{_digits(rng, 3)}",
            f"{_digits(rng, 3)}-{_digits(rng, 4)}",
            f"{_digits(rng, 5)}-{_digits(rng, 3)}",
            f"{_digits(rng, 4)}-{_digits(rng, 3)}",
        ]
    )


def version(rng: random.Random, loc: Locale) -> str:
    """A version string: semantic, dotted quads (they look like IPv4), browser or year builds."""
    r = rng.random()
    if r < 0.45:
        return f"{rng.randint(0, 20)}.{rng.randint(0, 40)}.{rng.randint(0, 60)}"
    if r < 0.8:
        return ".".join(str(rng.randint(0, 20)) for _ in range(4))
    if r < 0.9:
        return f"{rng.randint(60, 140)}.0.{rng.randint(1000, 22000)}.{rng.randint(0, 300)}"
    return f"{rng.randint(2015, 2026)}.{rng.randint(1, 12)}.{rng.randint(0, 9)}"


def small_int(rng: random.Random, loc: Locale) -> int:
    """A count, quantity, age or page."""
    return rng.randint(0, 500)


def boolean(rng: random.Random, loc: Locale) -> bool:
    """A flag."""
    return rng.random() < 0.5


def float_metric(rng: random.Random, loc: Locale) -> float:
    """A measurement with decimals (looks like a coordinate)."""
    return round(rng.uniform(-100, 100), rng.randint(2, 6))


def token_type(rng: random.Random, loc: Locale) -> str:
    """Words that sit next to secrets but are not secrets."""
    return rng.choice(["Bearer", "bearer", "refresh", "basic", "api_key", "HS256", "RS256"])


def color(rng: random.Random, loc: Locale) -> str:
    """A colour, as a word or a hex code."""
    return rng.choice(["red", "navy", "#1a2b3c", "#FFFFFF", "green", "black"])


def locale_code(rng: random.Random, loc: Locale) -> str:
    """A locale or time zone."""
    return rng.choice(["en-US", "de-DE", "fr_FR", "Europe/Berlin", "America/New_York", "UTC"])


def user_agent(rng: random.Random, loc: Locale) -> str:
    """A browser user agent."""
    return f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/{rng.randint(90, 130)}.0.{rng.randint(1000, 6000)}.{rng.randint(10, 200)}"


def masked(rng: random.Random, loc: Locale) -> str:
    """A masked value: not the data itself."""
    return rng.choice(
        ["****" + _digits(rng, 4), "XXX-XX-" + _digits(rng, 4), "********", "[REDACTED]"]
    )


# ---------------------------------------------------------------- field specs


@dataclass(frozen=True)
class FieldSpec:
    """A kind of field: its type (or none), key vocabularies and a value generator."""

    type_id: str | None
    keys: tuple[tuple[str, ...], ...]
    gen: Gen
    #: literal keys used as they are (abbreviations, other languages)
    literal: tuple[str, ...] = ()


SENSITIVE: tuple[FieldSpec, ...] = (
    FieldSpec("person_name", _k("full name", "customer name", "contact name", "first name",
              "last name", "given name", "family name", "surname", "display name", "holder name",
              "cardholder name", "recipient name", "billing name", "patient name", "employee name",
              "passenger name", "beneficiary name"),
              full_name, ("fname", "lname", "vorname", "nachname", "nom", "prenom", "prénom",
                          "nombre", "apellido", "apellidos", "cognome", "nome", "sobrenome",
                          "voornaam", "achternaam", "name_full", "custName", "nm_cliente")),
    FieldSpec("email", _k("email", "email address", "contact email", "user email", "billing email",
              "mail", "e mail", "notification email", "reply to", "customer email", "to", "from",
              "cc", "bcc", "sender", "recipient", "recipients", "assignee", "invitee"),
              email, ("correo", "courriel", "eMail", "emailAddr", "correo_electronico")),
    FieldSpec("phone", _k("phone", "phone number", "mobile", "mobile number", "telephone", "cell",
              "contact phone", "msisdn", "home phone", "work phone", "fax", "phone mobile"),
              phone, ("tel", "ph", "telefono", "telefon", "handy", "portable", "telefone",
                      "celular", "telnr", "mob_no", "téléphone")),
    FieldSpec("street_address", _k("address", "street", "street address", "address line1",
              "address line 1", "line1", "billing address", "shipping address", "home address",
              "address1", "street line"),
              street_address, ("addr", "addr1", "strasse", "straße", "adresse", "direccion",
                               "dirección", "indirizzo", "endereco", "rue", "calle", "adres")),
    FieldSpec("date_of_birth", _k("date of birth", "birth date", "birthday", "birthdate",
              "dob", "born on", "born"),
              date_of_birth, ("DOB", "geburtsdatum", "geb_datum", "fecha_nacimiento",
                              "date_naissance", "data_nascita", "data_nascimento",
                              "geboortedatum", "bday")),
    FieldSpec("gender", _k("gender", "sex", "gender identity"),
              gender, ("geschlecht", "sexe", "genero", "género", "sesso", "geslacht", "sexo")),
    FieldSpec("username", _k("username", "user name", "login", "handle", "screen name",
              "nickname", "login name", "user login", "account name"),
              username, ("uname", "benutzername", "usuario", "pseudo", "utente", "gebruikersnaam",
                         "nick", "userName", "user_handle")),
    FieldSpec("password", _k("password", "new password", "current password", "old password",
              "password confirmation", "passphrase", "user password", "password hash"),
              password, ("pwd", "passwd", "pass", "passwort", "kennwort", "contrasena",
                         "contraseña", "mot_de_passe", "senha", "wachtwoord", "pw")),
    FieldSpec("ip_address", _k("ip", "ip address", "client ip", "remote addr", "source ip",
              "x forwarded for", "ipv4", "ipv6", "last login ip", "remote ip", "peer address"),
              ip_address, ("ipaddr", "ip_addr", "src_ip", "dst_ip", "direccion_ip", "adresse_ip")),
    FieldSpec("mac_address", _k("mac", "mac address", "hw address", "device mac", "bssid",
              "hardware address", "wifi mac"),
              mac_address, ("macaddr", "mac_addr", "hwaddr", "eth_mac")),
    FieldSpec("geo_location", _k("lat", "lng", "latitude", "longitude", "lon", "coordinates",
              "geo", "location", "position", "gps", "geo point", "last location"),
              geo_pair, ("breitengrad", "laengengrad", "latitud", "longitud", "coords", "geoloc")),
    FieldSpec("credit_card", _k("card number", "credit card", "pan", "cc number", "card no",
              "payment card", "credit card number", "card num", "primary account number"),
              credit_card, ("ccnum", "cc_no", "kartennummer", "numero_carte", "numero_tarjeta",
                            "numero_carta", "cartao", "kaartnummer", "cardNo")),
    FieldSpec("iban", _k("iban", "account iban", "payout iban", "bank iban", "debtor iban",
              "creditor iban"),
              iban, ("IBAN", "iban_code", "IBANnummer", "cuenta_iban")),
    FieldSpec("bank_account", _k("account number", "bank account", "bank account number",
              "acct no", "routing number", "aba", "checking account", "savings account",
              "payout account"),
              bank_account, ("acct", "kontonummer", "konto", "numero_compte", "numero_cuenta",
                             "conto_corrente", "rekeningnummer", "conta")),
    FieldSpec("us_ssn", _k("ssn", "social security number", "social security", "ss number",
              "social security no"),
              us_ssn, ("SSN", "socsec", "ssn_number")),
    FieldSpec("national_id", _k("national id", "national id number", "id number", "personal id",
              "citizen id", "identity number", "nin", "national insurance number"),
              national_id, ("dni", "nif_personal", "personalausweis", "ausweisnummer", "bsn", "cpf",
                            "aadhaar", "pesel", "codice_fiscale", "nie", "insee", "curp")),
    FieldSpec("passport_number", _k("passport", "passport number", "passport no", "passport id",
              "travel document number"),
              passport_number, ("reisepass", "reisepassnummer", "pasaporte", "passeport",
                                "passaporto", "paspoort", "num_passeport")),
    FieldSpec("drivers_license", _k("drivers license", "driver license number", "dl number",
              "licence number", "driving licence", "driver license", "license number"),
              drivers_license, ("fuehrerschein", "führerschein", "permis_conduire", "licencia",
                                "patente", "rijbewijs", "dl_no")),
    FieldSpec("tax_id", _k("tax id", "tin", "vat number", "ein", "tax number", "vat id",
              "tax identification number", "taxpayer id"),
              tax_id, ("steuer_id", "steuernummer", "ustid", "nif", "partita_iva", "rfc",
                       "numero_fiscal", "btw_nummer", "siret")),
    FieldSpec("jwt", _k("token", "access token", "id token", "jwt", "refresh token",
              "authorization", "bearer token", "auth token", "session token"),
              jwt, ("accessToken", "idToken", "jeton", "authToken")),
    FieldSpec("secret_key", _k("api key", "secret", "client secret", "secret key", "private key",
              "aws secret access key", "access key", "webhook secret", "signing secret",
              "api secret", "app secret", "api token"),
              secret_key, ("apikey", "x_api_key", "clave_api", "geheimnis", "cle_secrete",
                           "apiKey", "secretKey")),
)  # fmt: skip

NEGATIVE: tuple[FieldSpec, ...] = (
    FieldSpec(None, _k("receipt number", "confirmation number", "employee number",
              "customer number", "case number", "member id", "cursor", "trace id", "span id",
              "node id", "payroll id", "creditor id"), opaque_id, NON_PERSONAL_ID_KEYS),
    FieldSpec(None, _k("id", "order id", "customer id", "user id", "account id", "invoice number",
              "reference", "external id", "order number", "merchant id", "session id", "phone id",
              "card id", "address id", "contact id", "ticket number"), numeric_id),
    FieldSpec(None, _k("id", "request id", "trace id", "uuid", "correlation id", "device id",
              "idempotency key", "payment id", "token id", "key id"), uuid),
    FieldSpec(None, _k("id", "order ref", "invoice id", "charge", "object id", "customer"),
              prefixed_id),
    FieldSpec(None, _k("sku", "product code", "item code", "article number"), sku),
    FieldSpec(None, _k("price", "amount", "total", "subtotal", "tax amount", "balance", "fee",
              "unit price", "discount", "account balance", "card fee"), price),
    FieldSpec(None, _k("created at", "updated at", "timestamp", "expires at", "last login",
              "paid at", "shipped at", "password changed at", "email verified at", "birthday sent at"),
              timestamp),
    FieldSpec(None, _k("delivery date", "due date", "valid until", "start date", "end date",
              "order date", "expiry date", "card expiry date", "issue date", "date", "from", "to"),
              recent_date),
    FieldSpec(None, _k("founded", "release date", "established", "since", "first release"),
              old_date),
    FieldSpec(None, _k("checksum", "hash", "etag", "sha", "commit", "digest", "md5", "fingerprint",
              "content hash", "integrity", "file hash", "password hash algorithm"), sha_hash),
    FieldSpec(None, _k("tracking number", "tracking id", "shipment number", "waybill",
              "parcel id", "consignment"), tracking_number),
    FieldSpec(None, _k("reference number", "transaction number", "batch number", "serial number",
              "gift card number", "loyalty number", "membership number", "barcode"), luhn_failing),
    FieldSpec(None, _k("name", "product name", "title", "company name", "brand", "category",
              "company", "merchant name", "store name", "plan name"), product_name),
    FieldSpec(None, _k("description", "comment", "note", "message", "notes", "review"), sentence),
    FieldSpec(None, _k("bic", "swift", "swift code", "bic code", "bank bic"), bic),
    FieldSpec(None, _k("netmask", "subnet mask", "subnet", "gateway", "dns server", "dns"), infra_ip),
    FieldSpec(None, _k("status", "state", "type", "method", "tier", "shipping method",
              "payment method", "address type", "phone type", "email status", "card brand",
              "gender preference"), enum_word),
    FieldSpec(None, _k("url", "avatar url", "image", "link", "callback url", "website"), url),
    FieldSpec(None, _k("city", "town", "billing city"), city),
    FieldSpec(None, _k("country", "country code", "nationality", "region"), country),
    FieldSpec(None, _k("zip", "postal code", "postcode", "zip code"), postal_code),
    FieldSpec(None, _k("version", "app version", "os version", "firmware", "api version"),
              version),
    FieldSpec(None, _k("quantity", "count", "page", "limit", "age", "retries", "score",
              "phone count", "login count", "password strength"), small_int),
    FieldSpec(None, _k("active", "verified", "email verified", "phone verified", "has password",
              "is admin", "mfa enabled", "opt in"), boolean),
    FieldSpec(None, _k("temperature", "weight", "rating", "ratio", "percent", "exchange rate",
              "humidity", "cpu load"), float_metric),
    FieldSpec(None, _k("token type", "auth type", "grant type", "algorithm", "key type",
              "scheme"), token_type),
    FieldSpec(None, _k("color", "colour", "theme"), color),
    FieldSpec(None, _k("locale", "language", "timezone", "time zone", "lang"), locale_code),
    FieldSpec(None, _k("user agent", "browser", "client"), user_agent),
    FieldSpec(None, _k("card last4", "masked pan", "ssn masked", "masked card", "password mask"),
              masked),
)  # fmt: skip

SENSITIVE = tuple(
    FieldSpec(s.type_id, s.keys, s.gen, s.literal + MULTILINGUAL.get(str(s.type_id), ()))
    for s in SENSITIVE
)

_BY_TYPE = {s.type_id: s for s in SENSITIVE}

#: Types recognisable from the value alone, used under uninformative keys.
VALUE_EVIDENT = ("email", "phone", "ip_address", "mac_address", "credit_card", "iban", "jwt")
UNINFORMATIVE_KEYS = ("value", "val", "data", "v", "content", "text", "attr", "raw", "input")

PARENTS_PERSON = ("customer", "user", "contact", "billing", "shipping", "owner", "patient",
                  "employee", "account", "profile", "recipient", "sender", "payer", "holder",
                  "kunde", "cliente", "utilisateur", "member", "debtor", "creditor",
                  "beneficiary", "payee", "guarantor", "signer", "traveler", "passenger",
                  "driver", "author", "requester", "applicant", "insured", "cardholder",
                  "klant", "klient", "kund", "müşteri", "顧客", "客户", "고객", "клиент")  # fmt: skip
PARENTS_OTHER = ("order", "product", "item", "payment", "meta", "data", "result", "details",
                 "shipment", "device", "session", "request", "settings", "company", "store",
                 "attributes", "payload", "info", "venue", "place", "event", "team",
                 "organization", "org", "group", "project", "repo", "repository", "channel",
                 "workspace", "branch", "label", "category", "bank", "merchant", "brand",
                 "plan", "app", "service", "club", "room", "location", "license")  # fmt: skip


# ---------------------------------------------------------------- document builder


def _key(rng: random.Random, spec: FieldSpec, style: str) -> str:
    if spec.literal and rng.random() < 0.4:
        return rng.choice(spec.literal)
    return style_key(rng, rng.choice(spec.keys), style)


def _field(
    rng: random.Random, loc: Locale, spec: FieldSpec, style: str
) -> tuple[str, Any, str | None]:
    """(key, value, label) for one field; geo fields may become a lat/lon object or pair."""
    key = _key(rng, spec, style)
    if spec.type_id == "geo_location":
        r = rng.random()
        if r < 0.4:
            lat_key = rng.choice(["lat", "latitude", "Lat", "breitengrad"])
            lon_key = rng.choice(["lng", "lon", "longitude", "Long", "laengengrad"])
            return key, {lat_key: latitude(rng, loc), lon_key: longitude(rng, loc)}, "geo_location"
        if r < 0.55:
            return key, [longitude(rng, loc), latitude(rng, loc)], "geo_location"
    if (spec.type_id == "bank_account" and "routing" in key.lower()) or key.lower() == "aba":
        return key, aba_routing(rng), "bank_account"
    if spec.type_id == "person_name" and rng.random() < 0.2:
        key = rng.choice(["name", "Name", "nombre", "nom"])
    if spec.type_id == "email" and rng.random() < 0.15:  # recipients lists
        return key, [spec.gen(rng, loc) for _ in range(rng.randint(1, 3))], "email"
    return key, spec.gen(rng, loc), spec.type_id


def _object(  # noqa: PLR0917
    rng: random.Random, loc: Locale, style: str, n_sens: int, n_neg: int, depth: int
) -> tuple[dict[str, Any], list[tuple[list[str], str]]]:
    """An object with fields; returns it and label suffixes (relative key paths, type)."""
    obj: dict[str, Any] = {}
    labels: list[tuple[list[str], str]] = []
    specs: list[FieldSpec] = [rng.choice(SENSITIVE) for _ in range(n_sens)]
    specs += [rng.choice(NEGATIVE) for _ in range(n_neg)]
    rng.shuffle(specs)
    for spec in specs:
        key, value, label = _field(rng, loc, spec, style)
        if key in obj:
            continue
        obj[key] = value
        if label is not None:
            labels.extend(_label_value(key, value, label))
    # uninformative keys: field_N / value with value-evident types, or attribute lists
    r = rng.random()
    if r < 0.25:
        t = rng.choice(VALUE_EVIDENT)
        k = rng.choice([f"field_{rng.randint(1, 30)}", f"custom{rng.randint(1, 9)}",
                        rng.choice(UNINFORMATIVE_KEYS), f"f{rng.randint(1, 99)}"])  # fmt: skip
        if k not in obj:
            obj[k] = _BY_TYPE[t].gen(rng, loc)
            labels.append(([k], t))
    elif r < 0.35:
        k = rng.choice([f"field_{rng.randint(1, 30)}", rng.choice(UNINFORMATIVE_KEYS)])
        if k not in obj:
            obj[k] = rng.choice(NEGATIVE).gen(rng, loc)
    elif r < 0.5:
        attrs: list[dict[str, Any]] = []
        attr_types: set[str] = set()
        for spec in [*rng.sample(SENSITIVE, 2), rng.choice(NEGATIVE)]:
            name = style_key(rng, rng.choice(spec.keys), style)
            attrs.append({"name": name, "value": spec.gen(rng, loc)})
            if spec.type_id is not None and spec.type_id != "geo_location":
                attr_types.add(spec.type_id)
            elif spec.type_id == "geo_location":
                attrs[-1]["value"] = geo_pair(rng, loc)
                attr_types.add("geo_location")
        key = rng.choice(["attributes", "custom_fields", "fields", "properties"])
        if key not in obj:
            obj[key] = attrs
            # elements differ in type: the path [*].value carries all of them
            labels.extend(([key, "[*]", "value"], t) for t in sorted(attr_types))
    if depth < 2 and rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            parent = rng.choice(PARENTS_PERSON if rng.random() < 0.5 else PARENTS_OTHER)
            pkey = style_key(rng, (parent,), style)
            if pkey in obj:
                continue
            child, child_labels = _object(
                rng, loc, style, rng.randint(0, 3), rng.randint(1, 4), depth + 1
            )
            if rng.random() < 0.3:
                items = [child] + [_regen(rng, loc, child) for _ in range(rng.randint(0, 3))]
                obj[pkey] = items
                labels.extend(([pkey, "[*]", *p], t) for p, t in child_labels)
            else:
                obj[pkey] = child
                labels.extend(([pkey, *p], t) for p, t in child_labels)
    return obj, labels


def _regen(rng: random.Random, loc: Locale, template: dict[str, Any]) -> dict[str, Any]:
    """Another array element with the same keys; values re-drawn of the same kind."""
    out: dict[str, Any] = {}
    for k, v in template.items():
        out[k] = _redraw(rng, loc, v)
    return out


def _redraw(rng: random.Random, loc: Locale, v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _redraw(rng, loc, x) for k, x in v.items()}
    if isinstance(v, list):
        return [_redraw(rng, loc, x) for x in v]
    return v  # keeping the value keeps the label right; variety comes from other documents


def _label_value(key: str, value: Any, label: str) -> list[tuple[list[str], str]]:
    if isinstance(value, dict):
        return [([key, k], label) for k in value]
    if isinstance(value, list):
        return [([key, "[*]"], label)]
    return [([key], label)]


def _path(parts: list[str]) -> str:
    out = "$"
    for p in parts:
        out += "[*]" if p == "[*]" else f".{p}"
    return out


def _name_context(
    rng: random.Random, loc: Locale, style: str
) -> tuple[dict[str, Any], list[tuple[list[str], str]]]:
    """Objects where `name` means a person or a thing, decided by the parent key."""
    person = rng.random() < 0.5
    parent = rng.choice(PARENTS_PERSON if person else PARENTS_OTHER)
    value = full_name(rng, loc) if person else product_name(rng, loc)
    child: dict[str, Any] = {"name": value, "id": numeric_id(rng, loc)}
    pkey = style_key(rng, (parent,), style)
    return {pkey: child}, ([([pkey, "name"], "person_name")] if person else [])


#: More parents for the training-only shapes below (kept apart so the held-out corpus of
#: seed 777 stays the documents it always was).
PARENTS_PERSON_MORE = ("traits", "billing details", "target user", "reviewer", "requested reviewer",
                       "assignee", "creator", "actor", "committer", "organizer", "attendee", "host",
                       "speaker", "agent", "manager", "buyer", "seller", "tenant", "guest",
                       "candidate", "student", "subscriber", "referrer", "emergency contact",
                       "spouse", "person", "individual", "identity", "inviter", "approver",
                       "submitter", "reporter", "uploader", "doctor", "landlord", "witness",
                       "requester", "review requester", "bypassed by", "sender info", "persona",
                       "persoon", "osoba", "kişi", "mitarbeiter", "empleado", "dipendente",
                       "titular", "inhaber", "client", "lead", "prospect", "user profile",
                       "created by", "updated by", "owner user", "primary contact")  # fmt: skip
PARENTS_THING_MORE = ("properties", "fields", "options", "columns", "metadata", "schema", "field",
                      "column", "option", "sort options", "filter", "stop", "route", "step", "tag",
                      "flair tag", "role", "permission", "nonprofit", "vendor", "supplier",
                      "currency", "tax rate", "category ref", "tracking category", "line item",
                      "status", "dataset", "report", "template", "widget", "menu", "section",
                      "page", "topic", "playlist", "album", "course", "integration", "connector",
                      "network", "site", "zone", "queue", "pipeline", "workflow")  # fmt: skip
_FIELD_WORDS = ("Issue", "Date", "Currency", "Exchange", "Rate", "Customer", "Reference", "Line",
                "Item", "Quantity", "Unit", "Amount", "Tax", "Note", "Status", "Identifier",
                "Name", "Submitted", "Draft", "Total", "Credit", "Note Number", "Account",
                "Balance", "Due", "Type", "Code", "Description", "Category", "Created", "Owner",
                "Region", "Price", "Discount", "Shipping", "Billing", "Period", "Payment")  # fmt: skip


def field_label(rng: random.Random, loc: Locale) -> str:
    """A form or schema label (``Issue Date``, ``Unit Amount``): words, not a person."""
    return " ".join(rng.sample(_FIELD_WORDS, rng.randint(1, 3)))


def _parent_key(rng: random.Random, parents: tuple[str, ...], style: str) -> str:
    return style_key(rng, tuple(rng.choice(parents).split()), style)


def _named_object(
    rng: random.Random, loc: Locale, style: str
) -> tuple[dict[str, Any], list[tuple[list[str], str]]]:
    """`name`/`displayName`/`login` under many parents: a person's or a thing's, by parent."""
    person = rng.random() < 0.5
    pkey = _parent_key(rng, PARENTS_PERSON_MORE if person else PARENTS_THING_MORE, style)
    child: dict[str, Any] = {}
    labels: list[tuple[list[str], str]] = []
    if person:
        r = rng.random()
        if r < 0.55:
            key, value, label = "name", full_name(rng, loc), "person_name"
        elif r < 0.75:
            key = style_key(rng, rng.choice(_k("display name", "full name", "legal name")), style)
            value, label = full_name(rng, loc), "person_name"
        else:
            key = rng.choice(["login", "handle", "username", "screen_name"])
            value, label = username(rng, loc), "username"
        if rng.random() < 0.3:  # a title in front, as billing forms write them
            value = f"{rng.choice(['Mr', 'Ms', 'Mrs', 'Dr', 'Miss', 'Prof.'])} {value}"
        child[key] = value
        labels.append(([key], label))
    else:
        key = rng.choice(["name", "displayName", "display_name", "label", "title", "sortName"])
        child[key] = field_label(rng, loc) if rng.random() < 0.6 else product_name(rng, loc)
    child["id"] = rng.choice([numeric_id, uuid, prefixed_id])(rng, loc)
    if rng.random() < 0.4:
        child[rng.choice(["type", "kind", "status"])] = enum_word(rng, loc)
    return {pkey: child}, [([pkey, *p], t) for p, t in labels]


#: (sibling value naming the kind, type) for a number whose kind a sibling names
_DOC_KINDS: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (("PASSPORT", "passport", "Passport", "PASSPORT_NUMBER", "reisepass", "pasaporte"),
     "passport_number"),
    (("DRIVERS_LICENSE", "drivers_license", "DRIVING_LICENCE", "driverLicense", "DL",
      "fuehrerschein"), "drivers_license"),
    (("NATIONAL_ID", "national_id", "ID_CARD", "idCard", "NATIONAL_IDENTITY_CARD", "DNI",
      "personalausweis", "CPF", "PESEL"), "national_id"),
    (("TAX_ID", "tax_id", "TIN", "VAT", "taxNumber", "EIN", "NIF"), "tax_id"),
    (("SSN", "ssn", "SOCIAL_SECURITY_NUMBER", "socialSecurity"), "us_ssn"),
    (("ORDER", "INVOICE", "TICKET", "RECEIPT", "BOOKING", "MEMBERSHIP", "LOYALTY", "SHIPMENT",
      "CONTRACT", "CASE", "order_number", "invoice"), None),
)  # fmt: skip


def _typed_number(
    rng: random.Random, loc: Locale, style: str
) -> tuple[dict[str, Any], list[tuple[list[str], str]]]:
    """``{"documentType": "PASSPORT", "number": …}``: the sibling names what the number is."""
    words, type_id = rng.choice(_DOC_KINDS)
    kind_key = style_key(rng, rng.choice(_k("document type", "type", "kind", "id type", "doc type",
                                            "identifier type")), style)  # fmt: skip
    num_key = rng.choice(["number", "value", "id", "identifier", "code", "numero", "nummer"])
    value = (
        _BY_TYPE[type_id].gen(rng, loc)
        if type_id
        else rng.choice([opaque_id, luhn_failing])(rng, loc)
    )
    child: dict[str, Any] = {kind_key: rng.choice(words), num_key: value}
    if rng.random() < 0.5:
        child[style_key(rng, ("issuing", "country"), style)] = country(rng, loc)
    if rng.random() < 0.4:
        child[style_key(rng, ("expiry", "date"), style)] = recent_date(rng, loc)
    pkey = style_key(rng, tuple(rng.choice(["document", "identity document", "identification",
                                             "id document", "documents", "identifiers",
                                             "reference", "ids", "doc"]).split()), style)  # fmt: skip
    labels = [([num_key], type_id)] if type_id else []
    if pkey.lower().endswith("s") and rng.random() < 0.7:
        return {pkey: [child]}, [([pkey, "[*]", *p], t) for p, t in labels]
    return {pkey: child}, [([pkey, *p], t) for p, t in labels]


def _hex_reference(
    rng: random.Random, loc: Locale, style: str
) -> tuple[dict[str, Any], list[tuple[list[str], str]]]:
    """Hex digests under token-like keys that name no credential (``checkout_token``)."""
    words = rng.choice(_k("checkout token", "cart token", "cart id", "basket token",
                          "checkout id", "order token", "data connection key", "cache key"))  # fmt: skip
    return {style_key(rng, words, style): rng.choice([sha_hash, uuid])(rng, loc)}, []


def document(rng: random.Random, loc: Locale, more_shapes: bool = False) -> Labelled:
    """One labelled document; ``more_shapes`` adds the training-only shapes above."""
    style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
    body, rel = _object(rng, loc, style, rng.randint(0, 5), rng.randint(2, 8), 0)
    if rng.random() < 0.3:
        extra, extra_rel = _name_context(rng, loc, style)
        for k, v in extra.items():
            if k not in body:
                body[k] = v
                rel.extend(extra_rel)
    if more_shapes:
        from detector.synth_shapes import TRAINING_SHAPES  # it builds on this module
        from detector.synth_vendor import VENDOR_SHAPES

        for maker, share in (
            (_named_object, 0.35),
            (_typed_number, 0.2),
            (_hex_reference, 0.1),
            *TRAINING_SHAPES,
            *VENDOR_SHAPES,
        ):
            if rng.random() < share:
                extra, extra_rel = maker(rng, loc, style)
                added = [k for k in extra if k not in body]
                for k in added:
                    body[k] = extra[k]
                rel.extend((p, t) for p, t in extra_rel if p[0] in added)
    labels = frozenset((_path(p), t) for p, t in rel)
    if rng.random() < 0.25:  # list endpoints: the body is an array, or wrapped in "data"
        wrap = rng.choice(["data", "items", "results", None])
        items = [body] + [_regen(rng, loc, body) for _ in range(rng.randint(0, 2))]
        if wrap is None:
            return Labelled(items, frozenset((p.replace("$", "$[*]", 1), t) for p, t in labels))
        return Labelled(
            {wrap: items, "page": rng.randint(1, 9), "total": rng.randint(0, 999)},
            frozenset((p.replace("$", f"$.{wrap}[*]", 1), t) for p, t in labels),
        )
    return Labelled(body, labels)


def corpus(
    seed: int, n: int, locales: tuple[str, ...], more_shapes: bool = False
) -> list[Labelled]:
    """``n`` labelled documents from ``seed`` using only ``locales``."""
    rng = random.Random(seed)
    _made_up.seed(seed)
    return [
        _hashes_as_secrets(document(rng, LOCALES[rng.choice(locales)], more_shapes))
        for _ in range(n)
    ]


#: How `password` writes a stored hash.
_HASH_PREFIX = "$2b$12$"


def _hashes_as_secrets(doc: Labelled) -> Labelled:
    """Relabel a password field that holds bcrypt hashes ``secret_key``: the independent
    sets' convention (a stored hash is credential material, not the password typed), which
    the detector's rules follow."""
    if not any(t == "password" for _, t in doc.labels):
        return doc
    from detector.walker import walk  # the walker imports nothing of synth; keep load light

    values: dict[str, list[bool]] = {}
    for leaf in walk(doc.body):
        if isinstance(leaf.value, str):
            values.setdefault(leaf.path, []).append(leaf.value.startswith(_HASH_PREFIX))
    labels: set[tuple[str, str]] = set()
    for path, t in doc.labels:
        hashed = values.get(path, [])
        if t == "password" and any(hashed):
            labels.add((path, "secret_key"))
        else:
            labels.add((path, t))
    return Labelled(doc.body, frozenset(labels))


def training_corpus(seed: int, n: int) -> list[Labelled]:
    """Documents for training: training locales only, with the training-only shapes."""
    return corpus(seed, n, TRAIN_LOCALES, more_shapes=True)


def heldout_corpus(seed: int, n: int) -> list[Labelled]:
    """Documents for evaluation: held-out locales only (use seeds other than training's)."""
    return corpus(seed, n, HELDOUT_LOCALES)
