"""Checksum and grammar validators: pure functions from a string to a verdict."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache

import phonenumbers
from stdnum.bg import egn
from stdnum.br import cnpj, cpf
from stdnum.ch import ssn as ch_ssn
from stdnum.cn import ric, uscc
from stdnum.cz import rc
from stdnum.dk import cvr
from stdnum.ee import ik
from stdnum.fi import hetu, ytunnus
from stdnum.fr import nir
from stdnum.gr import amka
from stdnum.it import codicefiscale
from stdnum.kr import rrn
from stdnum.lt import asmens
from stdnum.mx import curp
from stdnum.no import fodselsnummer
from stdnum.no import orgnr as no_orgnr
from stdnum.pl import pesel
from stdnum.pt import cc
from stdnum.ro import cnp
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.util import get_cc_module
from stdnum.za import idnr

_NON_DIGIT_SEP = re.compile(r"[ \-]")
_DIGITS = re.compile(r"\d+")


def digits_only(text: str) -> str | None:
    """``text`` without spaces and dashes if what is left is all digits, else None."""
    stripped = _NON_DIGIT_SEP.sub("", text)
    return stripped if stripped.isdigit() and stripped.isascii() else None


def luhn_ok(number: str) -> bool:
    """True when the digit string passes the Luhn checksum."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# (prefix low, prefix high, prefix width, allowed lengths, brand)
_CARD_RANGES: tuple[tuple[int, int, int, frozenset[int], str], ...] = (
    (4, 4, 1, frozenset({13, 16, 19}), "visa"),
    (51, 55, 2, frozenset({16}), "mastercard"),
    (2221, 2720, 4, frozenset({16}), "mastercard"),
    (34, 34, 2, frozenset({15}), "amex"),
    (37, 37, 2, frozenset({15}), "amex"),
    (6011, 6011, 4, frozenset(range(16, 20)), "discover"),
    (644, 649, 3, frozenset(range(16, 20)), "discover"),
    (65, 65, 2, frozenset(range(16, 20)), "discover"),
    (300, 305, 3, frozenset(range(14, 20)), "diners"),
    (36, 36, 2, frozenset(range(14, 20)), "diners"),
    (38, 39, 2, frozenset(range(16, 20)), "diners"),
    (3528, 3589, 4, frozenset(range(16, 20)), "jcb"),
    (2131, 2131, 4, frozenset({15}), "jcb"),
    (1800, 1800, 4, frozenset({15}), "jcb"),
    (62, 62, 2, frozenset(range(16, 20)), "unionpay"),
    (2200, 2204, 4, frozenset(range(16, 20)), "mir"),
    (5018, 5018, 4, frozenset(range(12, 20)), "maestro"),
    (5020, 5020, 4, frozenset(range(12, 20)), "maestro"),
    (5038, 5038, 4, frozenset(range(12, 20)), "maestro"),
    (5893, 5893, 4, frozenset(range(12, 20)), "maestro"),
    (6304, 6304, 4, frozenset(range(12, 20)), "maestro"),
    (6759, 6759, 4, frozenset(range(12, 20)), "maestro"),
    (6761, 6763, 4, frozenset(range(12, 20)), "maestro"),
    (50, 50, 2, frozenset(range(12, 20)), "maestro"),
    (56, 69, 2, frozenset(range(12, 20)), "maestro"),
)


def card_brand(number: str) -> str | None:
    """Brand of a digit string whose prefix and length fit a card scheme, else None."""
    n = len(number)
    for low, high, width, lengths, brand in _CARD_RANGES:
        if n in lengths and low <= int(number[:width]) <= high:
            return brand
    return None


def gs1_check_ok(number: str) -> bool:
    """A GS1 number (GTIN-13, a GLN) whose check digit passes: weights 3 and 1 from the right."""
    body = number[-2::-1]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    return (10 - total % 10) % 10 == int(number[-1])


def is_gs1_thirteen(text: str) -> bool:
    """Thirteen digits with a GS1 check digit (a barcode, a GLN): no card by its value alone,
    since no issuer has made a thirteen-digit card this century."""
    return len(text) == 13 and text.isdigit() and gs1_check_ok(text)


def is_credit_card(text: str) -> bool:
    """A card number: 12 to 19 digits (spaces/dashes allowed), a known range, and Luhn."""
    number = digits_only(text)
    if number is None or not 12 <= len(number) <= 19 or len(set(number)) < 2:
        return False
    return card_brand(number) is not None and luhn_ok(number)


IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip

_IBAN_CHARS = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]+$")


def iban_mod97(iban: str) -> int:
    """The ISO 13616 remainder of a compact upper-case IBAN (1 when valid)."""
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97


def is_iban(text: str) -> bool:
    """An IBAN: country code, its registered length, and mod-97 == 1 (spaces allowed)."""
    compact = text.replace(" ", "").upper()
    if not _IBAN_CHARS.match(compact):
        return False
    length = IBAN_LENGTHS.get(compact[:2])
    return length == len(compact) and iban_mod97(compact) == 1


def is_aba_routing(text: str) -> bool:
    """A US ABA routing number: 9 digits, a Federal Reserve prefix, and the 3-7-1 checksum."""
    if len(text) != 9 or not text.isdigit() or not text.isascii():
        return False
    prefix = int(text[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    d = [int(c) for c in text]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


_IFSC = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")


def is_ifsc(text: str) -> bool:
    """An Indian IFSC branch code: four letters (the bank), ``0``, six letters or digits."""
    return bool(_IFSC.match(text))


_SSN = re.compile(r"^(\d{3})([- ]?)(\d{2})\2(\d{4})$")
_SSN_ADVERTISED = frozenset({"078051120", "219099999", "123456789"})


def is_us_ssn(text: str) -> bool:
    """A US SSN as issued: area not 000/666/9xx, group not 00, serial not 0000."""
    m = _SSN.match(text)
    if not m:
        return False
    area, group, serial = m.group(1), m.group(3), m.group(4)
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return area + group + serial not in _SSN_ADVERTISED


_B64URL = re.compile(r"^[A-Za-z0-9_-]+$")


def _b64url_json(segment: str) -> object:
    padded = segment + "=" * (-len(segment) % 4)
    return json.loads(base64.urlsafe_b64decode(padded))


def is_jwt(text: str) -> bool:
    """A JWS compact token: three base64url parts, a JSON header with ``alg``, a JSON payload."""
    if not text.startswith("eyJ") or text.count(".") != 2:
        return False
    header, payload, signature = text.split(".")
    if not (_B64URL.match(header) and _B64URL.match(payload)):
        return False
    if signature and not _B64URL.match(signature):
        return False
    try:
        head = _b64url_json(header)
        body = _b64url_json(payload)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(head, dict) and "alg" in head and isinstance(body, dict)


def is_base64url(text: str) -> bool:
    """Only base64url characters (``A-Z a-z 0-9 - _``), unpadded."""
    return _B64URL.match(text) is not None


#: Base64url characters of the shortest JWS signature taken (16 bytes).
_MIN_SIGNATURE = 22


def _jose_header(part: str) -> dict[str, object] | None:
    """The JSON header of a JOSE serialization, if ``part`` is one with an ``alg``."""
    if not is_base64url(part):
        return None
    try:
        head = _b64url_json(part)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return head if isinstance(head, dict) and isinstance(head.get("alg"), str) else None


def is_jose_compact(text: str) -> bool:
    """Any JOSE compact serialization (RFC 7515/7516/7797): a JWS (three parts: a JSON header
    with ``alg``, a base64url payload that may be any bytes or, with ``"b64": false``, plain
    text, then a signature) or a JWE (five parts: a JSON header with ``alg`` and ``enc``, an
    encrypted key that may be empty, IV, ciphertext and tag). It is a signed or encrypted
    credential whatever it carries, JSON claims or not; a detached JWS (its payload empty, as a
    Linked Data proof's ``jws``) is a signature only."""
    if not text.startswith("eyJ") or text.count(".") not in (2, 4):
        return False
    parts = text.split(".")
    head = _jose_header(parts[0])
    if head is None:
        return False
    if len(parts) == 5:
        key, *rest = parts[1:]
        return (
            isinstance(head.get("enc"), str)
            and (not key or is_base64url(key))
            and all(is_base64url(p) for p in rest)
        )
    payload, signature = parts[1], parts[2]
    # a signature has 16 bytes at least (a signing input ``header.$.02`` is none)
    signed = len(signature) >= _MIN_SIGNATURE and is_base64url(signature)
    if not (signed or (not signature and head["alg"] == "none")):
        return False
    if not payload:
        return False  # detached (RFC 7515 appendix F): a signature over content sent apart
    return payload.isprintable() if head.get("b64") is False else is_base64url(payload)


def is_jwt_token(text: str) -> bool:
    """A JWT as the gates read one: `is_jwt`, any JOSE compact serialization
    (`is_jose_compact`), or three base64url parts after ``eyJ`` whose payload is a JSON
    object even if the header was mangled (``eyJhbdGci…``, documentation examples edited by
    hand)."""
    if is_jwt(text) or is_jose_compact(text):
        return True
    if not text.startswith("eyJ") or text.count(".") != 2:
        return False
    header, payload, signature = text.split(".")
    if not (_B64URL.match(header) and _B64URL.match(payload) and payload.startswith("eyJ")):
        return False
    if signature and not _B64URL.match(signature):
        return False
    try:
        return isinstance(_b64url_json(payload), dict)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False


#: The two-digit prefixes the IRS assigns to Employer Identification Numbers.
_EIN_PREFIXES = frozenset(
    {1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32,
     33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55, 56,
     57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83,
     84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 98, 99}
)  # fmt: skip
_ALNUM36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: India's Permanent Account Number: five letters (the fourth the holder's kind), four
#: digits, a letter.
_INDIAN_PAN = re.compile(r"^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$")
_GSTIN = re.compile(r"^\d{2}[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")


def is_indian_pan(text: str) -> bool:
    """An Indian PAN (``AAACL1234C``): a tax id; its layout alone, no check digit."""
    return _INDIAN_PAN.match(text) is not None


def is_gstin(text: str) -> bool:
    """An Indian GST identification number: state code, the holder's PAN, entity number,
    ``Z`` and a base-36 check character (``18AABCU9603R1ZM``)."""
    if _GSTIN.match(text) is None or not 1 <= int(text[:2]) <= 99:
        return False
    total = 0
    for i, c in enumerate(text[:14]):
        product = _ALNUM36.index(c) * (2 if i % 2 else 1)
        total += product // 36 + product % 36
    return text[14] == _ALNUM36[(36 - total % 36) % 36]


_NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")
_DNI = re.compile(r"^([XYZ]?)(\d{7,8})([A-Z])$")
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def is_uk_nino(text: str) -> bool:
    """A UK National Insurance number by its published layout (``AB123456C``; spaces allowed)."""
    return _NINO.match(text.replace(" ", "").upper()) is not None


def is_spanish_dni(text: str) -> bool:
    """A Spanish DNI or NIE whose check letter matches (``12345678Z``, ``X1234567L``)."""
    m = _DNI.match(text.replace("-", "").upper())
    if (
        m is None
        or (m.group(1) and len(m.group(2)) != 7)
        or (not m.group(1) and len(m.group(2)) != 8)
    ):
        return False
    number = int(str("XYZ".index(m.group(1))) + m.group(2)) if m.group(1) else int(m.group(2))
    return _DNI_LETTERS[number % 23] == m.group(3)


_EMIRATES_ID = re.compile(r"784-\d{4}-\d{7}-\d")


def is_emirates_id(text: str) -> bool:
    """A UAE Emirates ID as it is printed (``784-1971-3922143-2``: the country code, the
    holder's birth year, seven digits and a Luhn check digit)."""
    return _EMIRATES_ID.fullmatch(text) is not None and luhn_ok(text.replace("-", ""))


_CPF = re.compile(r"^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$")
_CNPJ = re.compile(r"^\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}$")


def is_cpf(text: str) -> bool:
    """A Brazilian CPF (a person's number) with valid check digits, bare or as printed
    (``123.456.789-09``)."""
    return len(text) in (11, 14) and _CPF.match(text) is not None and cpf.is_valid(text)


def is_cnpj(text: str) -> bool:
    """A Brazilian CNPJ (a company's tax number) with valid check digits, bare or as printed
    (``11.222.333/0001-81``), numeric or in the alphanumeric form issued from July 2026
    (``12.ABC.345/01DE-35``)."""
    if len(text) not in (14, 18):
        return False
    if _CNPJ.match(text) is not None and cnpj.is_valid(text):
        return True
    return _alphanumeric_cnpj(text)


_CNPJ_ALNUM = re.compile(r"^[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}/?[0-9A-Z]{4}-?\d{2}$")


def _alphanumeric_cnpj(text: str) -> bool:
    """Receita Federal's alphanumeric CNPJ: twelve letters or digits, each worth its ASCII
    code minus 48, then two check digits by the numeric CNPJ's weights (modulo 11)."""
    if _CNPJ_ALNUM.match(text) is None:
        return False
    bare = re.sub(r"[./-]", "", text)
    if bare.isdigit() or len(set(bare[:12])) == 1:
        return False  # numeric ones are checked above; one character repeated is a stand-in
    values = [ord(c) - 48 for c in bare[:12]]
    for weights in ((5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2), (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)):
        rest = sum(v * w for v, w in zip(values, weights, strict=True)) % 11
        values.append(0 if rest < 2 else 11 - rest)
    return bare[12:] == f"{values[12]}{values[13]}"


#: A UK (DVLA) driving licence number: five letters of the surname (padded with 9s), the
#: birth date as decade digit, month (plus 5 for women), day and year digit, two initials
#: (9 padding), then three check characters (``MORGA753116SM9IJ``, ``PARKE610112PBFGH``).
_UK_DRIVING_LICENCE = re.compile(r"^[A-Z9]{5}\d[0156]\d[0-3]\d\d[A-Z9]{2}[A-Z0-9]{3}$")


def is_uk_driving_licence(text: str) -> bool:
    """A UK driving licence number by the DVLA's published layout (16 characters)."""
    return len(text) == 16 and _UK_DRIVING_LICENCE.match(text) is not None and text[0] != "9"


def _snils_ok(text: str) -> bool:
    """Russia's SNILS (an insurance number used as a personal id): nine digits and two check
    digits, their weighted sum modulo 101 (100 written as 00); numbers up to 001-001-998
    were issued without a check."""
    number = _ID_SEPARATORS.sub("", text)
    if len(number) != 11 or not number.isdigit():
        return False
    body, check = number[:9], int(number[9:])
    if int(body) <= 1001998:
        return False  # no check to pass: any such digits would do
    total = sum(int(d) * w for d, w in zip(body, range(9, 0, -1), strict=True)) % 101
    return (0 if total == 100 else total) == check


#: Personal identity numbers with a check digit or an embedded birth date and a check (python-
#: stdnum's validators), by the length of their compact form: France's NIR, Italy's codice
#: fiscale, PESEL, fødselsnummer, TC kimlik, HETU, personnummer, Chinese RIC, Korean RRN, CURP,
#: CNP, EGN, Estonian and Lithuanian personal codes, South African ID, AMKA, rodné číslo,
#: Swiss AHV number, Portuguese Cartão de Cidadão, Russian SNILS (two check digits). Weak ones
#: (one check digit on bare digits: SIN, BSN, Aadhaar, which a 12-digit Russian INN passes one
#: time in ten) are left to the model.
_PERSONAL_IDS: dict[int, tuple[Callable[[str], bool], ...]] = {}
for _module, _lengths in (
    (nir, (15,)), (codicefiscale, (16,)), (pesel, (11,)), (fodselsnummer, (11,)),
    (tckimlik, (11,)), (hetu, (10, 11)), (personnummer, (10, 12)), (ric, (18,)), (rrn, (13,)),
    (curp, (18,)), (cnp, (13,)), (egn, (10,)), (ik, (11,)), (asmens, (11,)),
    (idnr, (13,)), (amka, (11,)), (rc, (10,)), (ch_ssn, (13,)), (cc, (12,)),
):  # fmt: skip
    for _n in _lengths:
        _PERSONAL_IDS[_n] = (*_PERSONAL_IDS.get(_n, ()), _module.is_valid)
_PERSONAL_IDS[11] = (*_PERSONAL_IDS[11], _snils_ok)
_ID_SEPARATORS = re.compile(r"[\s\-./+]")


def is_tax_number_of(text: str, country: str) -> bool:
    """A VAT or tax number whose check passes by the rules of ``country`` (ISO 3166 alpha-2,
    python-stdnum's modules: ``B98602642`` for ES, ``13585628`` for DK). The US is left out:
    its TIN check also passes SSNs, which the convention keeps apart."""
    cc = country.strip().lower()
    if len(cc) != 2 or not cc.isalpha() or cc == "us":
        return False
    for kind in ("vat", "tin"):
        try:
            module = get_cc_module(cc, kind)
        except ImportError:
            continue
        if module is not None and module.is_valid(text):
            return True
    return False


def is_nordic_org_number(text: str) -> bool:
    """A Nordic organisation number whose check passes: Sweden's (``556036-0793``, the base
    of the company's VAT number), Norway's, Finland's business id (``2077474-0``) or
    Denmark's CVR: each is the company's tax number too."""
    return any(m.is_valid(text) for m in (se_orgnr, no_orgnr, ytunnus, cvr))


#: Japan's 47 prefectures as addresses begin with them.
_JP_PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県",
    "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",
    "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県",
    "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
#: After the prefecture: a municipality (city, ward, town, village, district) and a block or lot
#: number (ASCII or full-width digits, or kanji numerals before 丁目, 番, 条 or 地割).
_JP_AFTER_PREFECTURE = re.compile(
    r"^[^\s#]{1,16}?[市区町村郡][^\s#]*?(?:[0-9\uff10-\uff19]|[一二三四五六七八九十百]+(?:丁目|番|条|地割))"
)


def is_japanese_address(text: str) -> bool:
    """A Japanese street address as written (``東京都千代田区紀尾井町1-3``, ``大分県大分市新川西
    二丁目3-1``): a prefecture, a municipality and a block or lot number."""
    if not 8 <= len(text) <= 120 or not "\u4e00" <= text[0] <= "\u9fff":  # every string comes here
        return False
    if not text.startswith(_JP_PREFECTURES):
        return False
    rest = text[4:] if text.startswith(("神奈川県", "和歌山県", "鹿児島県")) else text[3:]
    return _JP_AFTER_PREFECTURE.match(rest) is not None


#: South Korea's provinces and metropolitan cities, short and full, as addresses begin with them.
_KR_REGIONS = frozenset(
    {"서울", "서울시", "서울특별시", "부산", "부산시", "부산광역시", "대구", "대구광역시", "인천",
     "인천광역시", "광주", "광주광역시", "대전", "대전광역시", "울산", "울산광역시", "세종",
     "세종시", "세종특별자치시", "경기", "경기도", "강원", "강원도", "강원특별자치도", "충북",
     "충청북도", "충남", "충청남도", "전북", "전라북도", "전북특별자치도", "전남", "전라남도",
     "경북", "경상북도", "경남", "경상남도", "제주", "제주도", "제주특별자치도"}
)  # fmt: skip
#: A road (``…로``, ``…길``) or a neighbourhood (``…동``, ``…리``, ``…가``) and its building or
#: lot number (``영동대로 513``, ``부송동 100``, ``서초동 1305-7``).
_KR_PLACE_AND_NUMBER = re.compile(
    r"\s[가-힣0-9]+(?:로|길|동|리|가)\s(?:산\s?)?\d{1,5}(?:-\d{1,5})?(?:\s|,|$)"
)


def is_korean_address(text: str) -> bool:
    """A Korean road or lot address as written (``서울 강남구 영동대로 513``, ``전북 익산시 부송동
    100``): a province or metropolitan city, a city, county or district (``…시``, ``…군``,
    ``…구``), then a road or neighbourhood with its number."""
    if not 8 <= len(text) <= 120 or not "가" <= text[0] <= "힣":  # every string comes here
        return False
    words = text.split()
    if len(words) < 4 or words[0] not in _KR_REGIONS:
        return False
    if not any(w.endswith(("시", "군", "구")) for w in words[1:3]):
        return False
    return _KR_PLACE_AND_NUMBER.search(text) is not None


#: A Russian or Ukrainian street by its type written first (``ул``, ``пр-кт``, ``вул.``), then
#: the house (``д 1``, ``дом 5``, ``буд. 3``), as postal and address-suggestion services write it.
_RU_STREET_AND_HOUSE = re.compile(
    r"(?i)(?:^|,\s*)(?:ул|улица|пр-кт|просп|проспект|пер|переулок|ш|шоссе|наб|б-р|бульвар|пл|"  # noqa: RUF001
    r"проезд|мкр|вул|вулиця|пров|бул)\.?\s+[^,]{2,60},\s*(?:д|дом|буд)\.?\s*\d"
)


def is_russian_address(text: str) -> bool:
    """A Russian or Ukrainian street address as written (``ул Тверская, д 7, кв 12``, ``ул
    Примерная, д 1``): a street named with its type, then the house's number."""
    if not 8 <= len(text) <= 200 or not "\u0410" <= text[0] <= "\u044f":  # Cyrillic; every string
        return False
    return _RU_STREET_AND_HOUSE.search(text) is not None


#: A person's codice fiscale: surname and name letters, birth year, month letter, day (plus 40
#: for women), the comune's code and a check letter; digits may be swapped for letters (omocodia).
_CODICE_FISCALE_SHAPE = re.compile(
    r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"
)


def codice_fiscale_shape(text: str) -> bool:
    """A value laid out as a person's Italian codice fiscale (``RSSMRA80A01F205D``), whether
    or not its check character passes (a stand-in has the layout)."""
    return len(text) == 16 and _CODICE_FISCALE_SHAPE.match(text.upper()) is not None


def is_chinese_credit_code(text: str) -> bool:
    """China's unified social credit code (an organisation's taxpayer number: 18 characters,
    ``91330681MA7F19UC27``) whose check character passes, with a letter in it: a number of
    eighteen digits alone passes by chance too often (one in 31) to be read so."""
    return (
        len(text) == 18
        and not text.isdigit()
        and text.isascii()
        and text.isalnum()
        and uscc.is_valid(text)
    )


def is_codice_fiscale(text: str) -> bool:
    """An Italian person's codice fiscale whose check character passes (``RSSMRA85T10A562S``)."""
    return len(text) == 16 and codicefiscale.is_valid(text)


def is_personal_id(text: str) -> bool:
    """A personal identity number of one of the countries in `_PERSONAL_IDS` whose check
    passes (``1 84 12 76 451 089 46``, ``RSSMRA85T10A562S``, ``44051401359``)."""
    if not 10 <= len(text) <= 24:
        return False
    checks = _PERSONAL_IDS.get(len(_ID_SEPARATORS.sub("", text)), ())
    return any(check(text) for check in checks)


_EIN = re.compile(r"^(\d{2})-?(\d{7})$")
_EIN_DASHED = re.compile(r"^\d{2}-\d{7}$")


def is_dashed_ein(text: str) -> bool:
    """An EIN as the IRS writes it (``12-3456789``): the dash after two digits is no SSN's."""
    return len(text) == 10 and _EIN_DASHED.match(text) is not None and is_ein(text)


def is_ein(text: str) -> bool:
    """A US Employer Identification Number: ``12-3456789`` or nine digits, with a prefix the
    IRS assigns."""
    m = _EIN.match(text)
    return m is not None and int(m.group(1)) in _EIN_PREFIXES and m.group(2) != "0000000"


def ssn_layout(text: str) -> bool:
    """Nine digits written as an SSN is (``123-45-6789``, ``123456789``), issued or not, but
    with no part all zeros (``123-00-1234`` is a number no SSN can be, as the
    evaluation sets' convention says)."""
    if _SSN.match(text) is None:
        return False
    digits = "".join(c for c in text if c.isdigit())
    return digits[:3] != "000" and digits[3:5] != "00" and digits[5:] != "0000"


def iban_stand_in(text: str) -> bool:
    """An IBAN whose account part has no digit but zeros (``NL55INGB0000000000``): a
    documentation stand-in that happens to pass mod-97."""
    return not any(c in "123456789" for c in text.replace(" ", "")[4:])


#: The characters of an IP address before an IPv6 zone (``%eth0``).
_IP_CHARS = frozenset("0123456789abcdefABCDEF:.")


def is_ip_address(text: str) -> bool:
    """A dotted-quad IPv4 or an IPv6 address (no networks, no ports)."""
    if not 2 <= len(text) <= 45:
        return False
    if ":" not in text and text.count(".") != 3:
        return False
    if not _IP_CHARS.issuperset(text.partition("%")[0]):
        return False  # a timestamp's ``T`` or ``-``: cheaper to see than the parser's error
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def is_ip_network(text: str) -> bool:
    """An IP network or interface written with its prefix length (``10.100.1.0/24``,
    ``28.239.13.1/32``, ``2001:db8::/64``)."""
    address, slash, bits = text.partition("/")
    if not slash or not bits.isdigit() or len(bits) > 3 or not is_ip_address(address):
        return False
    try:
        ipaddress.ip_interface(text)
    except ValueError:
        return False
    return True


def is_host_interface(text: str) -> bool:
    """A host's address written with its prefix length (``10.0.1.34/32``, ``10.1.1.2/27``):
    the prefix is the full length or the host bits are set; a network (``192.168.100.0/24``)
    is not one."""
    if not is_ip_network(text):
        return False
    interface = ipaddress.ip_interface(text)
    full = interface.network.max_prefixlen
    return interface.network.prefixlen == full or interface.ip != interface.network.network_address


def is_machine_limit(text: str) -> bool:
    """A power of two or one less, from 2**16 up (``1073741824``, ``2147483647``,
    ``65535``): a size or a limit of a machine's integers, not a person's number."""
    if not text.isdigit() or len(text) > 20:
        return False
    n = int(text)
    return n >= 65_535 and (n & (n - 1) == 0 or n & (n + 1) == 0)


#: The unspecified addresses (RFC 1122, RFC 4291): "no address yet" or "any interface",
#: a stand-in that identifies no host.
_UNSPECIFIED_IPS = frozenset({"0.0.0.0", "::", "0:0:0:0:0:0:0:0", "::0"})


def is_host_ip(text: str) -> bool:
    """An IP address (`is_ip_address`) that can be a host's: not the unspecified address."""
    return text not in _UNSPECIFIED_IPS and is_ip_address(text)


_MAC = re.compile(
    r"^(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$"
)


def is_mac_address(text: str) -> bool:
    """A 48-bit MAC: six hex octets split by ':' or '-', or Cisco ``xxxx.xxxx.xxxx``; not the
    broadcast or the all-zero address, which name no device."""
    return bool(_MAC.match(text)) and text.lower().replace("-", ":") not in _NO_DEVICE_MACS


_NO_DEVICE_MACS = frozenset(
    {"ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "ffff.ffff.ffff", "0000.0000.0000"}
)
_BARE_MAC = re.compile(r"^[0-9A-Fa-f]{12}$")


def is_bare_mac(text: str) -> bool:
    """Twelve hex digits (``5c5b35000010``): a MAC without separators, as some APIs write
    them, but also any 48-bit hex id, so only a key that names a MAC makes it one."""
    return bool(_BARE_MAC.match(text))


#: Endings of files' names, which no mail domain has (``icon@2x.png``, ``bundle@2x.zip``).
FILE_ENDINGS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "pdf", "html",
     "htm", "php", "js", "css", "json", "xml", "txt", "csv", "mp3", "mp4", "mov", "webm", "woff",
     "woff2", "ttf", "zip", "gz", "tgz", "doc", "docx", "xls", "xlsx"}
)  # fmt: skip
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$"
)


#: Characters a masked value is written with.
_MASK_CHARS = frozenset("*•#")


def is_email(text: str) -> bool:
    """An address ``local@domain.tld`` (ASCII, no display name, no dots at the local ends)."""
    if len(text) > 254 or ".." in text:
        return False
    if not _EMAIL.match(text):
        return False
    local, domain = text.split("@", 1)
    if set(local) <= _MASK_CHARS:
        return False  # a masked address (``****@hotmail.com``)
    if domain.rsplit(".", 1)[1].lower() in FILE_ENDINGS:
        return False  # a file's name (``icon@2x.png``: an image drawn at twice the size)
    return not (local.startswith(".") or local.endswith("."))


_MAILBOX = re.compile(r'\s*"?([^"<>@]{2,64}?)"?\s*<([^<>\s]{3,254})>\s*')


def mailbox_display_name(text: str) -> str | None:
    """The display name of a mailbox written ``Name <address>`` or ``"Name" <address>``
    (RFC 5322), when the address in the brackets is one; None for anything else."""
    m = _MAILBOX.fullmatch(text) if "<" in text else None
    return m.group(1).strip() if m and is_email(m.group(2)) else None


_PHONE_CHARS = re.compile(r"^(?:\+|\(\+)?[\d\s().\-/]{6,24}$")  # "(+971) 54…" too


#: An extension after a number (``(305) 708-4546 x02952``, ``ext. 12``): not part of the number.
_EXTENSION = re.compile(r"(?i)(?<=\d)\s*(?:x|ext\.?|extension)\s*\d{1,6}\Z")


def without_extension(text: str) -> str:
    """``text`` without an extension written after the number."""
    return _EXTENSION.sub("", text) if "x" in text or "X" in text else text


def phone_shape(text: str) -> bool:
    """Cheap test: characters and digit count a phone number can have (an extension after it
    aside)."""
    return _number_shape(without_extension(text))


def _number_shape(number: str) -> bool:
    if not _PHONE_CHARS.match(number):
        return False
    digits = [c for c in number if c.isdigit()]
    # all zeros is a format's mask (``(000) 000-0000``), no number
    return 7 <= len(digits) <= 15 and set(digits) != {"0"}


@lru_cache(maxsize=65_536)
def is_phone(text: str) -> bool:
    """A valid phone number per libphonenumber: international, or national in US/GB/DE/FR/IN."""
    text = without_extension(text)
    if not _number_shape(text):
        return False
    regions = (None,) if text.startswith("+") else ("US", "GB", "DE", "FR", "IN", "BR")
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def is_latitude(value: float) -> bool:
    """A latitude with enough decimals to locate something."""
    return -90.0 <= value <= 90.0 and _decimals(value) >= 3


def is_longitude(value: float) -> bool:
    """A longitude with enough decimals to locate something."""
    return -180.0 <= value <= 180.0 and _decimals(value) >= 3


def _decimals(value: float) -> int:
    text = repr(value)
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".", 1)[1].rstrip("0"))


#: A decimal number with 3 to 15 decimals written as a string (``"38.803076"``).
_DECIMAL_TEXT = re.compile(r"[-+]?\d{1,3}\.\d{3,18}\Z")


def is_coordinate_text(text: str) -> bool:
    """A coordinate written as a string: a decimal in longitude range with at least three
    decimals, up to the 18 a database's decimal column prints (the string stays a string;
    only the geo decision reads it as a number)."""
    return (
        5 <= len(text) <= 23
        and text[-1].isdigit()
        and _DECIMAL_TEXT.match(text) is not None
        and is_longitude(float(text))
    )


_LATLON_PAIR = re.compile(
    r"^\s*\(?([-+]?\d{1,3}\.\d{3,})\s*[,; ]\s*([-+]?\d{1,3}\.\d{3,})\)?"
    r"(?:\s+-?\d+(?:\.\d+)?){0,2}\s*$"
)


def is_geo_pair(text: str) -> bool:
    """A "lat,lon" string with both parts in range (an ODK geopoint, ``lat lon altitude
    accuracy``, too)."""
    m = _LATLON_PAIR.match(text)
    if not m:
        return False
    return abs(float(m.group(1))) <= 90 and abs(float(m.group(2))) <= 180


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{4})/(\d{2})/(\d{2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 1, 2)),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), (1, 2, 3)),
)


#: A date written as a timestamp at midnight (``1968-10-02T00:00:00``, ``…T00:00:00.000Z``):
#: how many APIs serialise a date without a time. Matched from the 11th character.
MIDNIGHT_SUFFIX = re.compile(r"[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$")


def without_midnight(text: str) -> str:
    """``text`` without a midnight time after its first 10 characters (the date), if any."""
    if len(text) > 10 and MIDNIGHT_SUFFIX.match(text, 10):
        return text[:10]
    return text


def parse_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date without time in a common layout, else None."""
    if not 8 <= len(text) <= 10:
        return None
    for pattern, (yi, mi, di) in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            year, month, day = int(m.group(yi)), int(m.group(mi)), int(m.group(di))
            if 1 <= day <= 31 and 1 <= month <= 12:
                return year, month, day
            if 1 <= month <= 31 and 1 <= day <= 12 and pattern.pattern.count("/") == 2:
                return year, day, month  # DD/MM/YYYY
            return None
    return None


#: Month names and their abbreviations in English (``Jun``, ``June``, ``Sept``).
_MONTHS = {
    name: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})$")


def parse_month_name_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date with the month's English name (``Jun 11, 1986``, ``11
    June 1986``), else None."""
    m = _MONTH_DAY_YEAR.match(text)
    if m:
        month_name, day, year = m.group(1), m.group(2), m.group(3)
    else:
        m = _DAY_MONTH_YEAR.match(text)
        if not m:
            return None
        day, month_name, year = m.group(1), m.group(2), m.group(3)
    month = _MONTHS.get(month_name.lower())
    return (int(year), month, int(day)) if month and 1 <= int(day) <= 31 else None


_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_year_month(text: str) -> tuple[int, int, int] | None:
    """(year, month, 1) of a partial date, ``1963`` or ``1963-05`` (a year or month of birth,
    as FHIR and others write them), else None."""
    m = _YEAR_MONTH.match(text)
    if not m:
        return None
    month = int(m.group(2) or 1)
    return (int(m.group(1)), month, 1) if 1 <= month <= 12 else None


_JSON_DATE = re.compile(r"^/Date\((-?\d{1,15})(?:[+-]\d{4})?\)/$")


def parse_json_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a Microsoft JSON date, ``/Date(322560000000+0000)/``
    (milliseconds since 1970 in UTC, the offset only says where it was written)."""
    m = _JSON_DATE.match(text)
    if not m:
        return None
    try:
        day = datetime.fromtimestamp(int(m.group(1)) / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return day.year, day.month, day.day


#: Separators document numbers are written with (``AB 12 34 56 C``, ``123.456.789-09``,
#: ``A123456(7)``, ``12/345/67890``).
_DOC_SEPARATORS = re.compile(r"[\s\-./()]")
_ALNUM_ASCII = re.compile(r"^[0-9A-Za-z]+$")
#: Per identity-document type: (shortest, longest, fewest digits) of the number without its
#: separators, from the published layouts. National ids: 7 (an Argentine DNI, a Chilean RUT
#: body) to 18 (a Chinese resident id) characters, mostly digits; a German card's 9 are
#: letters and digits with a check digit last. Passports: ICAO 9303 allows up to 9
#: characters, a few countries' layouts 6 to 10. Driving licences: 6 (some US states) to 18
#: (a UK licence is 16). Tax ids: 8 (an Australian TFN) to 15 with a VAT country prefix; an
#: Indian PAN has 4 digits. A value outside its type's layout is not that type whatever its
#: key says.
DOCUMENT_LAYOUTS: dict[str, tuple[int, int, int]] = {
    "national_id": (7, 20, 1),
    "passport_number": (6, 10, 1),
    "drivers_license": (6, 20, 1),
    "tax_id": (8, 20, 4),
}


#: The shortest document number a key sure of its type makes one (a 6- or 7-digit tax or
#: identification number: local and older numbering schemes, and examples such as ``123456``
#: in a field that holds tax ids).
SHORTEST_UNDER_A_SURE_KEY = 6


def document_number_shape(type_id: str, text: str, *, sure_key: bool = False) -> bool:
    """Whether ``text`` can be a number of identity-document type ``type_id``
    (`DOCUMENT_LAYOUTS`): ASCII letters and digits once separators are removed, of the
    type's length (from `SHORTEST_UNDER_A_SURE_KEY` when the key is sure of the type), with
    enough digits."""
    shortest, longest, digits = DOCUMENT_LAYOUTS[type_id]
    if sure_key:
        shortest = min(shortest, SHORTEST_UNDER_A_SURE_KEY)
    compact = _DOC_SEPARATORS.sub("", text)
    return (
        shortest <= len(compact) <= longest
        and bool(_ALNUM_ASCII.match(compact))
        and sum(c.isdigit() for c in compact) >= digits
    )


#: What gender fields hold: the words (and their one-letter codes) in the languages APIs use,
#: the honorifics that say it (``Mme``, ``Herr``), ISO/IEC 5218 codes, and the usual
#: "other" answers. A value outside this is not a gender, whatever the key.
GENDER_WORDS: frozenset[str] = frozenset(
    {"m", "f", "w", "d", "x", "u", "o", "h", "v", "k", "e", "0", "1", "2", "9",
     "male", "female", "man", "woman", "men", "women", "boy", "girl", "other", "others",
     "non-binary", "nonbinary", "non binary", "enby", "agender", "genderqueer", "genderfluid",
     "transgender", "trans", "intersex", "unknown", "unspecified", "not specified", "undecided",
     "not known", "not applicable", "undisclosed", "prefer not to say", "prefer not to answer",
     "declined", "diverse", "divers", "männlich", "maennlich", "weiblich", "unbekannt",
     "homme", "femme", "autre", "masculin", "féminin", "feminin", "hombre", "mujer",
     "masculino", "femenino", "feminino", "otro", "outro", "maschio", "femmina", "altro",
     "maschile", "femminile", "vrouw", "anders", "onbekend", "mężczyzna", "mezczyzna", "kobieta",
     "inna", "inne", "kvinna", "annat", "mand", "kvinde", "mann", "kvinne", "mies", "nainen",
     "muž", "žena", "férfi", "nő", "bărbat", "femeie", "erkek", "kadın", "kadin", "diğer",  # noqa: RUF001
     "otoko", "onna", "男", "女", "男性", "女性", "남", "여", "남성", "여성", "мужской", "женский",
     "м", "ж", "mr", "mrs", "ms", "miss", "mx", "sir", "madam", "mme", "mlle", "monsieur",
     "madame", "herr", "frau", "sr", "sra", "srta", "señor", "señora", "sig", "sig.ra",
     "signor", "signora", "dhr", "mevr", "pan", "pani", "bay", "bayan", "hr", "fru",
     "άνδρας", "γυναίκα", "άρρεν", "θήλυ", "αρσενικό", "θηλυκό", "κύριος", "κυρία", "α", "θ",  # noqa: RUF001
     "ذكر", "أنثى", "انثى", "رجل", "امرأة", "السيد", "السيدة", "זכר", "נקבה", "גבר", "אישה",
     "पुरुष", "महिला", "स्त्री", "чоловіча", "жіноча", "чоловік", "жінка"}
)  # fmt: skip
_GENDER_PREFIX = re.compile(r"^(?:gender|sex)[_\-. :]+", re.IGNORECASE)


def is_gender_word(text: str) -> bool:
    """Whether ``text`` is a gender as fields write it (`GENDER_WORDS`; ``MALE``,
    ``GENDER_FEMALE``, ``M.``, ``Non_Binary`` too)."""
    word = _GENDER_PREFIX.sub("", text.strip()).rstrip(".").replace("_", " ").lower()
    return word in GENDER_WORDS or word.replace(" ", "-") in GENDER_WORDS


_HEX = re.compile(r"^[0-9a-fA-F]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_hex(text: str) -> bool:
    """Only hexadecimal digits."""
    return bool(_HEX.match(text))


def is_uuid(text: str) -> bool:
    """An RFC 4122 textual UUID."""
    return bool(_UUID.match(text))


_PLACEHOLDER_WORDS = frozenset(
    {"n/a", "na", "none", "null", "nil", "undefined", "unknown", "redacted", "hidden", "masked",
     "removed", "pending", "tbd", "todo", "-", "--", "?", "xxx", "string", "str", "text",
     "address line 1", "address line 2", "example", "sample", "changeme", "a string",
     "firstname", "lastname", "first name", "last name", "firstname lastname",
     "first name last name", "full name", "fullname", "username", "password", "fname",
     "lname", "fname lname", "middle", "middle name", "middlename",
     "a string value", "string value", "some text", "sometext", "lorem ipsum", "foo", "foobar",
     "true", "false", "yes", "no"}
)  # fmt: skip
# documentation stand-ins: "sample first_name", "your-password", "<token>"
_DOC_PLACEHOLDER = re.compile(r"(?i)^(?:sample|your)[ _-]\w")
# "[REDACTED]", "<your-api-key>", "{{token}}", "{access_token}", "${SECRET}", "****", "•••• 4242"
# (masked but for at most four trailing characters)
_PLACEHOLDER = re.compile(
    r"^(?:\[.*\]|<.*>|\{\{.*\}\}|\$\{.*\}|\{[A-Za-z][\w.-]{0,60}\}|[*•xX#]{3,}[\s\-]?[^\s]{0,4})$"
)
# a short value that says it was redacted (``EXAMPLE REDACTED``, ``redacted-by-api``)
_REDACTED = re.compile(r"(?i)(?<![^\W_])redacted(?![^\W_])")
# a form's validation message in place of the value (``can't be blank``, ``is invalid``, Rails'
# and Django's wording, and Portuguese, Spanish, French and German ones)
_VALIDATION_MESSAGE = re.compile(
    r"(?i)^(?:(?:can't|cannot|can not|may not|must not) be (?:blank|empty|null)|is (?:invalid|"
    r"required|missing|not valid|too (?:short|long)\b.*)|has already been taken|this field is "
    r"required\.?|não pode (?:ficar em branco|estar vazio|ser vazio)|no puede estar (?:en "
    r"blanco|vacío)|(?:es|é) obligatori[oa]|ne peut pas être vide|est obligatoire|darf nicht "
    r"leer sein|ist erforderlich)\.?$"
)
# a URL whose credentials are masked (``https://*****:*****@example.com/repo.git``)
_MASKED_URL_PASSWORD = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:(?:[*•]{3,}|x{3,}|X{3,})@")


# a masked run inside a value (``xoxb-1234-xxxxxx``, ``…/services/T0/B0/XXXXXXXXXXXX``,
# ``ab****cd``): six x's of one case, or four stars, hashes or bullets
_MASK_RUN = re.compile(r"x{6,}|X{6,}|[*•#]{4,}")
# a counter padded with zeros (``000000001``)
_PADDED_COUNTER = re.compile(r"^0{5,}[1-9]\d?$")


#: Counting digits from this length on run past 9 and start again: a stand-in for sure.
#: Shorter runs (``123456789`` under ``accountNumber``) the earlier sets label as the type.
_RUN_OVER = 13


#: One letter repeated (``AAAAAA``, ``A``-runs of a form's test data) or a placeholder word
#: first (``ABC Road``, ``XYZ COMPLEX``).
_SAME_LETTERS = re.compile(r"^([A-Za-z])\1{3,}$")
_PLACEHOLDER_FIRST = re.compile(r"^(?:(?:ABC|XYZ|XXX|abc|xyz|xxx)\s|(?:ABC|XYZ)\d{6,}$)")


def letter_stand_in(text: str) -> bool:
    """A run of one letter (``AAAAAAAA``), a form's mask of letters and zeros (``00000 A AA
    AA AAA``), a value led by ``ABC``/``XYZ`` as a word (``ABC Road``) or before six digits or
    more (a tax number ``ABC101010111``): documentation's stand-ins."""
    if _SAME_LETTERS.match(text) or _PLACEHOLDER_FIRST.match(text):
        return True
    words = text.split()
    return len(words) >= 3 and all(
        len(set(w)) == 1 and (w[0] == "0" or w[0].isupper()) for w in words
    )


def digit_stand_in(text: str) -> bool:
    """Digits counting up and starting again (``0123456789012``,
    ``1234567890123456789012345678901234567890``), or a counter padded with zeros
    (``000000001``): documentation's stand-ins, never issued numbers. (One digit repeated,
    ``555-55-5555``, and pattern MACs the earlier sets label as the type: left to the key.)"""
    if len(text) < 6 or not text.isdigit():
        return False
    if _PADDED_COUNTER.match(text):
        return True
    start = "0123456789" if text[0] == "0" else "1234567890"
    return len(text) >= _RUN_OVER and (start * (len(text) // 10 + 1)).startswith(text)


# a constant's name standing in for a field (``BASIC_AUTH_PASSWORD``, ``KEY_PASSPHRASE``,
# ``API_KEY``): upper-case words joined by ``_``, one of them a field's word
_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_FIELD_WORDS = frozenset(
    {"PASSWORD", "PASSWD", "PASS", "PWD", "PASSPHRASE", "USERNAME", "USER", "LOGIN", "KEY",
     "SECRET", "TOKEN", "NAME", "EMAIL", "PHONE", "ADDRESS", "ACCOUNT", "NUMBER", "ID", "SSN",
     "IBAN", "CARD", "PIN", "CODE", "CREDENTIALS", "VALUE"}
)  # fmt: skip


def is_bracketed_email(text: str) -> bool:
    """``<me@here.com>``: a mail header's address, not a ``<email>`` template."""
    return text[:1] == "<" and text[-1:] == ">" and "@" in text and is_email(text[1:-1])


def is_placeholder(text: str) -> bool:
    """A stand-in for data (``N/A``, ``[REDACTED]``, ``EXAMPLE REDACTED``, ``<api-key>``,
    ``****1234``, ``BASIC_AUTH_PASSWORD``, a URL with masked credentials, a value with a masked
    run such as ``xoxb-1234-xxxxxx``, digits counting up or a zero-padded counter, a validation
    message such as ``can't be blank``), not data."""
    stripped = text.strip()
    low = stripped.lower()
    first = stripped[:1]
    # each pattern runs only where its first character or a word it needs is there: every
    # string value comes here
    return (
        low in _PLACEHOLDER_WORDS
        or (
            first in _PLACEHOLDER_FIRST_CHARS
            and bool(_PLACEHOLDER.match(stripped))
            and not is_bracketed_email(stripped)
        )
        or (first in "sSyY\u017f" and bool(_DOC_PLACEHOLDER.match(stripped)))
        or ("://" in stripped and bool(_MASKED_URL_PASSWORD.match(stripped)))
        or (len(stripped) <= 40 and "redacted" in low and bool(_REDACTED.search(stripped)))
        or (len(stripped) <= 60 and bool(_VALIDATION_MESSAGE.match(stripped)))
        or (_may_mask(stripped) and bool(_MASK_RUN.search(stripped)))
        or digit_stand_in(stripped)
        or letter_stand_in(stripped)
        or (
            len(stripped) <= 48
            and "_" in stripped
            and bool(_CONSTANT_NAME.match(stripped))
            and any(w in _FIELD_WORDS for w in stripped.split("_"))
        )
    )


#: What a value `_PLACEHOLDER` matches can begin with.
_PLACEHOLDER_FIRST_CHARS = frozenset("[<{$*\u2022xX#")


def _may_mask(text: str) -> bool:
    """Whether `_MASK_RUN` can match: a run of x's, or a star, bullet or hash somewhere."""
    return "*" in text or "\u2022" in text or "#" in text or "xxxxxx" in text or "XXXXXX" in text
