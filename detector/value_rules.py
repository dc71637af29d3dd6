"""What a value proves by itself: vendor secrets, strong validators, findings inside free text.

Pure functions from a scalar to verdicts; the engine combines them with the models. A value
that passes a strong validator (IBAN mod-97, JWT structure, MAC, a vendor key's published
prefix and length) is found whatever its key; a value that passes one by chance now and then
(a 16-digit order number passes Luhn and a card range about once in thirty) is found only
when its key does not say it is an identifier of something else. Sentences are scanned for
e-mail addresses, phone numbers, card numbers, SSNs, IBANs and JWTs.
"""

from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache

import phonenumbers

from detector import validators as v
from detector.features import key_tokens

#: Confidence of a finding the value proves (one sample is enough: `common.field_evidence`).
PROVEN = 0.95
#: Confidence of a finding a value can pass by chance (many samples decide).
LIKELY = 0.8

_SECRET_SHAPES = re.compile(
    "|".join(
        (
            r"(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}",  # AWS key ids
            r"gh[pousr]_[A-Za-z0-9]{36,}",  # GitHub tokens
            r"github_pat_[A-Za-z0-9_]{40,}",
            r"xox[abposr]-[A-Za-z0-9-]{10,}",  # Slack
            r"(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}",  # Stripe
            r"whsec_[A-Za-z0-9+/=]{24,}",
            r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",  # SendGrid
            r"AIza[0-9A-Za-z_-]{35}",  # Google API keys
            r"glpat-[A-Za-z0-9_-]{20,}",  # GitLab
            r"npm_[A-Za-z0-9]{36}",
            r"shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}",  # Shopify
            r"SK[0-9a-fA-F]{32}",  # Twilio API key SIDs
            r"sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}",
            r"key-[0-9a-z]{32}",  # Mailgun
            r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*",
        )
    )
)
_BASIC = re.compile(r"^Basic ([A-Za-z0-9+/]{6,}={0,2})$")
_URL_PASSWORD = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:[^@\s/]+@[^\s]+$")
_KV_PASSWORD = re.compile(r"(?i)(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s][^;]*")


def is_vendor_secret(text: str) -> bool:
    """A credential recognisable by its shape: vendor key prefixes, PEM private keys,
    ``Basic`` credentials, connection strings that carry a password."""
    if _SECRET_SHAPES.fullmatch(text):
        return True
    m = _BASIC.match(text)
    if m:
        try:
            return ":" in base64.b64decode(m.group(1) + "==", validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
    if "://" in text and _URL_PASSWORD.match(text):
        return True
    return ";" in text and "=" in text and bool(_KV_PASSWORD.search(text))


#: Key words of identifiers that are not personal data: a value under such a key that passes
#: a chance validator (Luhn, IPv4 syntax, SSN layout) is not reported by value alone.
_ID_WORDS = frozenset(
    {
        "id",
        "ref",
        "reference",
        "order",
        "invoice",
        "receipt",
        "confirmation",
        "tracking",
        "shipment",
        "sku",
        "ean",
        "upc",
        "gtin",
        "isbn",
        "asin",
        "imei",
        "iccid",
        "imsi",
        "meid",
        "eid",
        "vin",
        "serial",
        "batch",
        "lot",
        "version",
        "build",
        "release",
        "ver",
        "semver",
        "count",
        "total",
        "amount",
        "sum",
        "price",
        "qty",
        "quantity",
        "trace",
        "span",
        "request",
        "correlation",
        "cursor",
        "token",
        "page",
        "offset",
        "job",
        "run",
        "ticket",
        "case",
        "claim",
        "policy",
        "transaction",
        "txn",
        "po",
        "protocol",
        "application",
        "timestamp",
        "time",
        "ts",
        "epoch",
        "created",
        "updated",
        "expires",
        "size",
        "bytes",
        "duration",
        "checksum",
        "hash",
    }
)


@lru_cache(maxsize=65_536)
def key_says_identifier(key: str) -> bool:
    """``order_number``, ``trackingId``, ``version`` …: the key names a non-personal id."""
    return any(w in _ID_WORDS for w in key_tokens(key).split())


#: Key words of a part or a mask of a number (``account_number_ending``, ``last4``,
#: ``maskedPan``): what the field holds is not the number itself.
_PARTIAL_WORDS = frozenset(
    {"ending", "last4", "last", "lastfour", "mask", "masked", "suffix", "truncated", "partial",
     "hint", "preview", "redacted", "tail", "endswith", "last4digits"}
)  # fmt: skip


#: Last key words of a field that holds an outcome, a state or a kind of personal data, not
#: the data (``payer_name_verification_result: "full"``, ``address_type: "home"``).
_OUTCOME_WORDS = frozenset(
    {"result", "results", "status", "outcome", "check", "checks", "match", "matching",
     "verification", "verified", "state", "type", "method", "mode", "policy", "enabled",
     "required", "available", "availability", "changeable", "visibility", "format"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_outcome(key: str) -> bool:
    """``name_match``, ``address_verification_result``, ``username_status``: the key's last
    word names an outcome or a kind, so the value is not the personal data itself."""
    words = key_tokens(key).split()
    return len(words) >= 2 and words[-1] in _OUTCOME_WORDS


@lru_cache(maxsize=65_536)
def key_says_partial(key: str) -> bool:
    """``account_number_ending``, ``last4``, ``card_last_four``: a part of a number."""
    return any(w in _PARTIAL_WORDS for w in key_tokens(key).split())


#: An address key of a second, third or fourth line (``line2``, ``address_2``,
#: ``streetAddress2``, ``address_line_3``, ``addressComplement``): suite, floor, building,
#: district or "city, state zip" — the street line is line 1.
_EXTRA_LINE = re.compile(r"(?:line|address|addr|street|adr|direccion|adresse)[234]$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_EXTRA_LINE_WORDS = frozenset(
    {"complement", "complemento", "supplement", "adresszusatz", "zusatz", "extra", "additional"}
)


@lru_cache(maxsize=65_536)
def key_says_extra_line(key: str) -> bool:
    """``line2``, ``address_line_3``, ``street2``: not the street line of an address."""
    if _EXTRA_LINE.search(_NOT_ALNUM.sub("", key.lower())):
        return True
    words = set(key_tokens(key).split())
    return bool(words & _EXTRA_LINE_WORDS) and bool(words & {"address", "addr", "line", "street"})


_SSN_DASHED = re.compile(r"^\d{3}-\d{2}-\d{4}$")
#: Magnetic-stripe track data (ISO/IEC 7813): track 1 ``%B<PAN>^<NAME>^<YYMM>…?``, track 2
#: ``;<PAN>=<YYMM>…?``; a swiped card is a card number whatever the key.
_CARD_TRACK = re.compile(r"^(?:%B(\d{12,19})\^[^^]{2,26}\^\d{4}|;(\d{12,19})=\d{4})")


def whole_value(  # noqa: PLR0911
    text: str, key: str, key_uninformative: bool
) -> tuple[str, float] | None:
    """The type a whole value proves, with its confidence, or None."""
    n = len(text)
    if n >= 16 and is_vendor_secret(text):
        return "secret_key", PROVEN
    if text.startswith(("eyJ", "Bearer eyJ")) and v.is_jwt(text.removeprefix("Bearer ")):
        return "jwt", PROVEN
    if n >= 15 and text[:2].isalpha() and v.is_iban(text):
        return "iban", PROVEN
    if 14 <= n <= 17 and v.is_mac_address(text):
        return "mac_address", PROVEN
    if n == 11 and _SSN_DASHED.match(text) and v.is_us_ssn(text):
        return "us_ssn", LIKELY
    track = _CARD_TRACK.match(text) if text[:1] in "%;" else None
    if track and v.is_credit_card(track.group(1) or track.group(2)):
        return "credit_card", PROVEN
    if not key_uninformative and key_says_identifier(key):
        return None
    if 13 <= n <= 23 and v.digits_only(text) and v.is_credit_card(text):
        return "credit_card", LIKELY
    if key_uninformative and 7 <= n <= 45 and v.is_ip_address(text) and _not_version(text):
        return "ip_address", LIKELY
    return None


def _not_version(text: str) -> bool:
    """IPv6, or an IPv4 address with a part above 31 (``3.2.10.4`` is a version)."""
    return ":" in text or max(int(p) for p in text.split(".")) > 31


_EMAIL_IN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")
_JWT_IN = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
_IBAN_IN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")
_CARD_IN = re.compile(r"(?<![\d.,])\d(?:[ -]?\d){11,18}(?![\d.,]?\d)")
_SSN_IN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
_PHONE_REGIONS = ("US", "GB", "DE", "FR")
_PHONE_RUN = re.compile(r"\+?\(?\d[\d ().\-/]{5,}\d")


def _iban_in(text: str) -> bool:
    for m in _IBAN_IN.finditer(text):
        compact = m.group(0).replace(" ", "")
        length = v.IBAN_LENGTHS.get(compact[:2])
        if length and len(compact) >= length and v.is_iban(compact[:length]):
            return True
    return False


def _phone_in(text: str, digits: int) -> bool:
    if digits < 7:
        return False
    runs = [m.group(0) for m in _PHONE_RUN.finditer(text)]
    if not any(sum(c.isdigit() for c in r) >= 7 for r in runs):
        return False  # libphonenumber's matcher is the costly part: only for a digit run
    regions = ("US",) if all(r.startswith("+") for r in runs) else _PHONE_REGIONS
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
            raw = match.raw_string
            before = text[match.start - 1] if match.start else " "
            if before in "/.:" or "." in raw or _SSN_IN.fullmatch(raw):
                continue  # a version (Chrome/92.0.5839.126) or an SSN, not a number to call
            if sum(c.isdigit() for c in raw) >= 7:
                return True
    return False


_WORD = re.compile(r"[^\W\d_]{2,}")


def in_text(text: str) -> list[str]:
    """Types found inside a sentence (e-mail, phone, card, SSN, IBAN, JWT); [] for non-text."""
    if len(text) < 12 or " " not in text.strip() or not _WORD.search(text):
        return []
    found = []
    if "@" in text and any(v.is_email(m.group(0)) for m in _EMAIL_IN.finditer(text)):
        found.append("email")
    if "eyJ" in text and any(v.is_jwt(m.group(0)) for m in _JWT_IN.finditer(text)):
        found.append("jwt")
    digits = sum(c.isdigit() for c in text)
    if digits >= 12 and _iban_in(text):
        found.append("iban")
    card = digits >= 12 and any(v.is_credit_card(m.group(0)) for m in _CARD_IN.finditer(text))
    if card:
        found.append("credit_card")
    if digits >= 9 and any(v.is_us_ssn(m.group(0)) for m in _SSN_IN.finditer(text)):
        found.append("us_ssn")
    if not card and "iban" not in found and _phone_in(text, digits):
        found.append("phone")
    return found


#: Types whose value is never an opaque identifier, a URL or a timestamp.
_ID_TYPES = frozenset(
    {"national_id", "passport_number", "drivers_license", "tax_id", "bank_account", "username",
     "person_name", "street_address", "phone", "date_of_birth"}
)  # fmt: skip
#: Types a calendar date never is (``2024-04-27`` is no account or document number).
_NOT_DATES = _ID_TYPES - {"date_of_birth", "phone", "street_address", "person_name"}
_NEVER_URL = _ID_TYPES | {"password", "secret_key", "gender", "email"}
_NOT_IN_NAMES = re.compile(r"[/_@#=<>{}|\\]|\d")
#: Whole words that make a "name" an organisation's or a thing's, not a person's: legal
#: forms, kinds of organisations and places, and the words of form and schema labels.
_NOT_A_PERSON = re.compile(
    r"(?i)(?<![\w.])(?:ltd|llc|inc|gmbh|plc|corp|co\.|company|b\.v\.|s\.a\.|s\.r\.l\.|pty|limited|"
    r"bv|nv|sarl|srl|ltda|kft|oyj|"
    r"team|group|club|foundation|association|society|university|school|college|hospital|"
    r"clinic|bank|store|shop|restaurant|café|cafe|hotel|services|solutions|systems|labs|"
    r"studio|agency|department|office|business|enterprise|holdings|partners|foods|sales|"
    r"support|room|network|project|committee|council|ministry|"
    r"trust|international|healthcare|health|institute|insurance|pharmacy|laboratory|centre|"
    r"center|campus|floor|building|package|bundle|collection|folder|profile|wi-fi|"
    r"wifi|speaker|printer|terminal|device|"
    r"name|date|amount|reference|status|total|item|type|code|identifier|number)(?!\w)"
)
#: A value made only of titles, honorifics and post-nominal letters (FHIR's ``prefix`` and
#: ``suffix``: ``Dr.``, ``MD``, ``PhD``): part of how a name is written, not a name.
_TITLES_ONLY = re.compile(
    r"(?i)^(?:(?:dr|prof|rev|mr|mrs|ms|mx|sir|dame|capt|md|phd|rn|dds|dvm|pharmd|cpa|esq|mba|"
    r"msc|bsc|ba|ma|mph|frcs|facp|lpn|np|pa-c|jr|sr|ii|iii|iv)\.?[\s,]*)+$"
)
_HEX = re.compile(r"^[0-9a-fA-F]{16,}$")
_B64_PADDED = re.compile(r"^[A-Za-z0-9+/_-]{6,}={1,2}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def not_personal_shape(type_id: str, text: str) -> bool:
    """A value of a shape no personal identifier or name has (UUID, long hex, padded base64,
    URL or path, ISO timestamp) given to a type that only context can decide."""
    if "://" in text and not _URL_PASSWORD.match(text) and type_id in _NEVER_URL:
        return True
    if type_id == "person_name" and (
        _NOT_IN_NAMES.search(text) or _NOT_A_PERSON.search(text) or _TITLES_ONLY.match(text)
    ):
        return True
    if type_id == "username" and (text.split() != [text] or not any(c.isalpha() for c in text)):
        return True  # a login has no spaces and a letter at least (a PIN, "The Awesome Co")
    if type_id in ("secret_key", "password") and _TIMESTAMP.match(text):
        return True
    if type_id not in _ID_TYPES:
        return False
    return bool(
        v.is_uuid(text)
        or (_HEX.match(text) and not text.isdigit())
        or _B64_PADDED.match(text)
        or "://" in text
        or (text.startswith("/") and type_id != "date_of_birth")
        or (
            _TIMESTAMP.match(text)
            and not (type_id == "date_of_birth" and v.MIDNIGHT_SUFFIX.match(text, 10))
        )
        or (type_id in _NOT_DATES and v.parse_date(text) is not None)
    )
