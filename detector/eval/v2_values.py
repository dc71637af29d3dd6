"""Checksummed identifiers and hard-negative identifiers for the v2 evaluation set.

Written for the v2 set from the public definitions of each number (checked with
python-stdnum); draws come from the caller's seeded ``random.Random``.
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.cn import ric
from stdnum.cz import rc
from stdnum.dk import cpr
from stdnum.fi import hetu
from stdnum.gr import amka
from stdnum.gr import vat as gr_vat
from stdnum.kr import rrn
from stdnum.mx import curp, rfc
from stdnum.no import fodselsnummer
from stdnum.pt import nif
from stdnum.ru import inn
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.us import ein, rtn, ssn

Rng = random.Random
MAX_TRIES = 500


def digits(rng: Rng, n: int) -> str:
    """``n`` random decimal digits (leading zeros allowed)."""
    return "".join(rng.choice(string.digits) for _ in range(n))


def _until(rng: Rng, make: Callable[[Rng], str], ok: Callable[[str], bool]) -> str:
    for _ in range(MAX_TRIES):
        value = make(rng)
        if ok(value):
            return value
    raise RuntimeError("no valid value drawn")  # pragma: no cover (every maker converges)


def luhn_number(rng: Rng, prefix: str, length: int) -> str:
    """A Luhn-valid number of ``length`` digits starting with ``prefix``."""
    body = prefix + digits(rng, length - len(prefix) - 1)
    return str(body + luhn.calc_check_digit(body))


CARD_PREFIXES: tuple[tuple[str, int], ...] = (
    ("4", 16),
    ("51", 16),
    ("53", 16),
    ("55", 16),
    ("2221", 16),
    ("2720", 16),
    ("34", 15),
    ("37", 15),
    ("6011", 16),
    ("3530", 16),
    ("65", 16),
)


def card_number(rng: Rng, spaced: bool = False) -> str:
    """A Luhn-valid card number in a real IIN range (Visa, Mastercard, Amex, Discover, JCB)."""
    prefix, length = rng.choice(CARD_PREFIXES)
    n = luhn_number(rng, prefix, length)
    if not spaced:
        return n
    if length == 15:
        return f"{n[:4]} {n[4:10]} {n[10:]}"
    return " ".join(n[i : i + 4] for i in range(0, 16, 4))


def luhn_order_number(rng: Rng) -> str:
    """A Luhn-valid 16-digit number outside every card IIN range (an order or invoice number)."""
    return luhn_number(rng, rng.choice(("10", "70", "80", "90", "00")), 16)


IBAN_BBAN = {"SE": "n20", "TR": "n5 n17", "PT": "n21", "DK": "n14", "NO": "n11", "FI": "n14"}
IBAN_BBAN |= {"CZ": "n20", "GR": "n23", "DE": "n18", "BE": "n12", "AT": "n16", "IE": "a4 n14"}


def iban(rng: Rng, country: str, grouped: bool = False) -> str:
    """A valid IBAN of ``country`` (python-stdnum checks the national part too)."""

    def make(r: Rng) -> str:
        bban = ""
        for part in IBAN_BBAN[country].split():
            n = int(part[1:])
            bban += (
                digits(r, n)
                if part[0] == "n"
                else "".join(r.choice(string.ascii_uppercase) for _ in range(n))
            )
        return str(country + std_iban.calc_check_digits(country + "00" + bban) + bban)

    value = _until(rng, make, std_iban.is_valid)
    return std_iban.format(value) if grouped else value


def us_ssn(rng: Rng, dashed: bool = True) -> str:
    """A US SSN that follows the SSA's rules (no 000/666/9xx area, 00 group, 0000 serial)."""
    value = _until(rng, lambda r: digits(r, 9), ssn.is_valid)
    return ssn.format(value) if dashed else value


def us_ein(rng: Rng) -> str:
    return str(ein.format(_until(rng, lambda r: digits(r, 9), ein.is_valid)))


def aba_routing(rng: Rng) -> str:
    """An ABA routing number with a valid check digit."""
    body = rng.choice(("0", "1", "2", "3")) + digits(rng, 7)
    return str(body + rtn.calc_check_digit(body))


def _date6(rng: Rng, y0: int = 1950, y1: int = 2004) -> tuple[int, int, int]:
    return rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)


def se_personnummer(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r)
        body = f"{y % 100:02d}{m:02d}{d:02d}{digits(r, 3)}"
        return f"{y}{m:02d}{d:02d}-{body[6:]}{luhn.calc_check_digit(body)}"

    return _until(rng, make, personnummer.is_valid)


def tr_tckimlik(rng: Rng) -> str:
    def make(r: Rng) -> str:
        body = str(r.randint(1, 9)) + digits(r, 8)
        return str(body + tckimlik.calc_check_digits(body))

    return _until(rng, make, tckimlik.is_valid)


def pt_nif(rng: Rng) -> str:
    def make(r: Rng) -> str:
        body = r.choice("123") + digits(r, 7)
        return str(body + nif.calc_check_digit(body))

    return _until(rng, make, nif.is_valid)


def dk_cpr(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r)
        return f"{d:02d}{m:02d}{y % 100:02d}-{digits(r, 4)}"

    return _until(rng, make, cpr.is_valid)


def no_fodselsnummer(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r, 1955, 1999)
        body = f"{d:02d}{m:02d}{y % 100:02d}" + r.choice("0123") + digits(r, 2)
        c1 = fodselsnummer.calc_check_digit1(body)
        return str(body + c1 + fodselsnummer.calc_check_digit2(body + c1))

    return _until(rng, make, fodselsnummer.is_valid)


def fi_hetu(rng: Rng) -> str:
    chars = "0123456789ABCDEFHJKLMNPRSTUVWXY"

    def make(r: Rng) -> str:
        y, m, d = _date6(r, 2005, 2019)
        serial = f"{r.randint(2, 899):03d}"
        check = chars[int(f"{d:02d}{m:02d}{y % 100:02d}{serial}") % 31]
        return f"{d:02d}{m:02d}{y % 100:02d}A{serial}{check}"

    return _until(rng, make, hetu.is_valid)


def cz_rodne_cislo(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r, 1960, 2003)
        m += r.choice((0, 50))
        body = f"{y % 100:02d}{m:02d}{d:02d}{digits(r, 3)}"
        check = int(body) % 11 % 10
        return f"{body[:6]}/{body[6:]}{check}"

    return _until(rng, make, rc.is_valid)


def gr_amka(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r)
        body = f"{d:02d}{m:02d}{y % 100:02d}{digits(r, 4)}"
        return str(body + luhn.calc_check_digit(body))

    return _until(rng, make, amka.is_valid)


def gr_afm(rng: Rng) -> str:
    def make(r: Rng) -> str:
        body = r.choice("0123456789") + digits(r, 7)
        return str(body + gr_vat.calc_check_digit(body))

    return _until(rng, make, gr_vat.is_valid)


def kr_rrn(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r, 1960, 1999)
        body = f"{y % 100:02d}{m:02d}{d:02d}" + r.choice("12") + digits(r, 5)
        return f"{body[:6]}-{body[6:]}{rrn.calc_check_digit(body)}"

    return _until(rng, make, rrn.is_valid)


CN_AREAS = ("110101", "310104", "440305", "330106", "510107", "420111")


def cn_ric(rng: Rng) -> str:
    def make(r: Rng) -> str:
        y, m, d = _date6(r, 1965, 2002)
        body = f"{r.choice(CN_AREAS)}{y}{m:02d}{d:02d}{digits(r, 3)}"
        return str(body + ric.calc_check_digit(body))

    return _until(rng, make, ric.is_valid)


def ru_inn_personal(rng: Rng) -> str:
    def make(r: Rng) -> str:
        body = r.choice(("77", "78", "50", "66", "02")) + digits(r, 8)
        return str(body + inn.calc_personal_check_digits(body))

    return _until(rng, make, inn.is_valid)


def ru_snils(rng: Rng) -> str:
    """A Russian SNILS (insurance number, used as a national id) with its check number."""
    body = str(rng.randint(2, 9)) + digits(rng, 8)
    total = sum(int(c) * (9 - i) for i, c in enumerate(body))
    check = total % 101 % 100
    return f"{body[:3]}-{body[3:6]}-{body[6:]} {check:02d}"


def mx_curp(rng: Rng, paternal: str, maternal: str, given: str) -> str:
    """A CURP for the given names (consonant positions simplified, check digit real)."""

    def letters(s: str) -> str:
        return "".join(c for c in s.upper() if c in string.ascii_uppercase) or "X"

    def make(r: Rng) -> str:
        p, m, g = letters(paternal), letters(maternal), letters(given)
        vowel = next((c for c in p[1:] if c in "AEIOU"), "X")
        y, mo, d = _date6(r, 1960, 2003)
        cons = [next((c for c in s[1:] if c not in "AEIOU"), "X") for s in (p, m, g)]
        body = (
            f"{p[0]}{vowel}{m[0]}{g[0]}{y % 100:02d}{mo:02d}{d:02d}{r.choice('HM')}"
            f"{r.choice(('DF', 'JC', 'NL', 'MC', 'PL'))}{''.join(cons)}{'0' if y < 2000 else 'A'}"
        )
        return str(body + curp.calc_check_digit(body))

    return _until(rng, make, curp.is_valid)


def mx_rfc_person(rng: Rng, curp_value: str) -> str:
    body = curp_value[:10] + "".join(
        rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ123456789") for _ in range(2)
    )
    value = body + rfc.calc_check_digit(body)
    if not rfc.is_valid(value):  # pragma: no cover (the first ten chars come from a valid CURP)
        return mx_rfc_person(rng, curp_value)
    return str(value)


def mx_clabe(rng: Rng) -> str:
    """An 18-digit CLABE with its weighted (3, 7, 1) check digit."""
    body = rng.choice(("002", "012", "014", "021", "072")) + digits(rng, 14)
    total = sum(int(c) * (3, 7, 1)[i % 3] % 10 for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def emirates_id(rng: Rng) -> str:
    body = f"784{rng.randint(1960, 2004)}" + digits(rng, 7)
    check = luhn.calc_check_digit(body)
    return f"{body[:3]}-{body[3:7]}-{body[7:]}-{check}"


def ca_sin(rng: Rng) -> str:
    n = luhn_number(rng, rng.choice("1234567"), 9)
    return f"{n[:3]} {n[3:6]} {n[6:]}"


def uk_nino(rng: Rng) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    return f"{rng.choice(first)}{rng.choice(second)}{digits(rng, 6)}{rng.choice('ABCD')}"


def uk_sort_code(rng: Rng) -> str:
    return f"{rng.randint(10, 99)}-{digits(rng, 2)}-{digits(rng, 2)}"


def uk_driving_licence(rng: Rng, surname: str) -> str:
    s = "".join(c for c in surname.upper() if c.isascii() and c.isalpha())[:5].ljust(5, "9")
    y, m, d = _date6(rng)
    mm = m + rng.choice((0, 50))
    initials = "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
    tail = f"{rng.randint(0, 9)}{''.join(rng.choice(string.ascii_uppercase) for _ in range(2))}"
    return f"{s}{(y % 100) // 10}{mm:02d}{d:02d}{y % 10}{initials}{tail}"


def us_drivers_license(rng: Rng) -> tuple[str, str]:
    """(state, licence number) in that state's published format."""
    state = rng.choice(("CA", "FL", "NY", "TX", "IL", "WA"))
    number = {
        "CA": lambda: rng.choice(string.ascii_uppercase) + digits(rng, 7),
        "FL": lambda: rng.choice(string.ascii_uppercase) + digits(rng, 12),
        "NY": lambda: digits(rng, 9),
        "TX": lambda: digits(rng, 8),
        "IL": lambda: rng.choice(string.ascii_uppercase) + digits(rng, 11),
        "WA": lambda: (
            "WDL" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(9))
        ),
    }[state]()
    return state, number


def passport_number(rng: Rng, country: str) -> str:
    """A passport number in the shape ``country`` issues."""
    up = string.ascii_uppercase
    if country == "GR":
        return "".join(rng.choice(up) for _ in range(2)) + digits(rng, 7)
    if country in ("US", "GB"):
        return digits(rng, 9)
    if country == "CN":
        return "E" + digits(rng, 8)
    if country == "KR":
        return "M" + digits(rng, 8)
    if country == "DE":
        return "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
    return "".join(rng.choice(up) for _ in range(2)) + digits(rng, 6)


def jwt(rng: Rng, claims: dict[str, object]) -> str:
    """A JWT (HS256 header, the given claims, a random signature)."""

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{b64(bytes(rng.getrandbits(8) for _ in range(32)))}"


def token(rng: Rng, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def hex_id(rng: Rng, n: int) -> str:
    return token(rng, n, "0123456789abcdef")


def cursor(rng: Rng) -> str:
    """An opaque paging cursor: base64 of a small JSON position."""
    raw = json.dumps(
        {"after": rng.randint(1, 10**6), "ts": rng.randint(1_700_000_000, 1_800_000_000)}
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def uuid4(rng: Rng) -> str:
    h = hex_id(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def sku(rng: Rng) -> str:
    up = string.ascii_uppercase
    head = "".join(rng.choice(up) for _ in range(3))
    return f"{head}-{digits(rng, 4)}-{rng.choice(up)}{digits(rng, 2)}"


def version(rng: Rng) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"
