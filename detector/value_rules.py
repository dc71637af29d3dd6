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
from datetime import UTC, datetime
from functools import lru_cache
from itertools import pairwise
from urllib.parse import parse_qs, urlsplit

import phonenumbers

from detector import validators as v
from detector.features import STREET_WORDS, is_uninformative, key_tokens

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
            r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}",  # Stripe (pk_: publishable, public)
            r"whsec_[A-Za-z0-9+/=]{24,}",
            r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",  # SendGrid
            r"AIza[0-9A-Za-z_-]{35}",  # Google API keys
            r"glpat-[A-Za-z0-9_-]{20,}",  # GitLab
            r"npm_[A-Za-z0-9]{36}",
            r"shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}",  # Shopify
            r"sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}",
            r"key-[0-9a-z]{32}",  # Mailgun
            r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*",
            r"Fe26\.2\*[^\s*]*\*[A-Za-z0-9*_-]{40,}",  # a sealed (iron) token
            r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}",
        )
    )
)
_BASE32 = re.compile(r"^[A-Za-z2-7]+=*$")
_BASIC = re.compile(r"^Basic ([A-Za-z0-9+/]{6,}={0,2})$")
_URL_PASSWORD = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:[^@\s/]+@[^\s]+$")
_KV_PASSWORD = re.compile(
    r"(?i)(?:^|;)\s*(?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*="
    r"\s*[^;\s][^;]*"
)


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
    if text.startswith("otpauth://"):  # a TOTP/HOTP shared secret (the Key URI format)
        secret = parse_qs(urlsplit(text).query).get("secret", [""])[0]
        return len(secret) >= 16 and _BASE32.match(secret) is not None
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


#: Key words of the number an organisation gives its members, staff, customers or records
#: (``student_number``, ``employeeNo``, ``member_id``): nine digits there are its own, not an SSN.
_MEMBERSHIP_WORDS = frozenset(
    {"student", "pupil", "employee", "staff", "member", "membership", "customer", "client",
     "patient", "account", "badge", "loyalty", "order", "invoice", "ticket", "case", "claim",
     "policy", "booking", "reservation"}
)  # fmt: skip
_SSN_WORDS = frozenset({"ssn", "social", "sin", "nino", "itin", "tin", "taxpayer"})


@lru_cache(maxsize=65_536)
def key_says_membership_number(key: str) -> bool:
    """``student_number``, ``employee_no``: an organisation's own number for a person or a
    record, unless the key also says social security or tax (``employee_ssn``)."""
    words = set(key_tokens(key).split())
    return bool(words & _MEMBERSHIP_WORDS) and not words & _SSN_WORDS


@lru_cache(maxsize=65_536)
def key_says_ledger_code(key: str) -> bool:
    """``account_code``, ``ar_account_code``, ``AccountCodes``: a ledger account of a chart
    of accounts (accounting APIs number them ``200``, ``135~999``), not a bank account."""
    words = key_tokens(key).split()
    return any(a == "account" and b in ("code", "codes") for a, b in pairwise(words))


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
    word names an outcome or a kind, or the key asks a yes-or-no question (``isOnHold``,
    ``has_ssn``), so the value is not the personal data itself."""
    words = key_tokens(key).split()
    return len(words) >= 2 and (words[-1] in _OUTCOME_WORDS or words[0] in _QUESTION_WORDS)


#: First words of a key that asks a yes-or-no question: its value is a flag.
_QUESTION_WORDS = frozenset({"is", "has", "can", "should", "was", "did", "does", "are"})


#: Last words of a parent that is a place: its ``name`` is the place's.
_PLACE_WORDS = frozenset(
    {"airport", "airports", "station", "stations", "city", "cities", "venue", "venues",
     "country", "region", "origin", "destination", "terminal", "stadium", "port", "geo",
     "continent", "province", "provinces", "municipality", "municipalities", "district",
     "districts", "county", "counties", "locality", "localities", "settlement", "settlements",
     "town", "towns", "village", "villages", "street", "streets"}
)  # fmt: skip
#: The same words in Spanish, Portuguese, Italian and French, first in their keys
#: (``localidad_censal``, Argentina's Georef): the ``nombre`` under them is a place's.
_PLACE_WORDS_FIRST = frozenset(
    {"provincia", "provincias", "departamento", "departamentos", "municipio", "municipios",
     "localidad", "localidades", "asentamiento", "asentamientos", "calle", "calles", "ciudad",
     "ciudades", "comuna", "comunas", "distrito", "distritos", "barrio", "barrios", "pais",
     "cidade", "cidades", "bairro", "bairros", "rua", "comune", "comuni", "regione", "citta",
     "ville", "villes", "commune", "communes", "departement", "pays"}
)  # fmt: skip
#: A bare name's key in English, Spanish, Portuguese, Italian and French.
_NAME_WORDS = (["name"], ["nombre"], ["nome"], ["nom"])
#: Words before ``name`` in a key that name a kind of place (``continent_name``,
#: ``city_name``): the name is the place's.
_PLACE_KIND_WORDS = frozenset(
    {"city", "country", "continent", "region", "state", "province", "county", "airport",
     "station", "venue", "geo", "place", "location"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_place_name(key: str, parent: str) -> bool:
    """``origin.name``, ``airports[*].name``, ``geo.name``, ``continent_name``, a geocoder's
    ``address_components[*].long_name``: the name of a place, not a person's or a login."""
    own = key_tokens(key).split()
    if len(own) == 2 and own[1] == "name" and own[0] in _PLACE_KIND_WORDS:
        return True
    words = key_tokens(parent).split()
    if own[-1:] == ["name"] and words[-2:] == ["address", "components"]:
        return True
    return (
        own in _NAME_WORDS
        and bool(words)
        and (words[-1] in _PLACE_WORDS or words[0] in _PLACE_WORDS_FIRST)
    )


@lru_cache(maxsize=65_536)
def key_says_partial(key: str) -> bool:
    """``account_number_ending``, ``last4``, ``card_last_four``: a part of a number."""
    return any(w in _PARTIAL_WORDS for w in key_tokens(key).split())


#: An address key of a second, third or fourth line (``line2``, ``address_2``,
#: ``streetAddress2``, ``address_line_3``, ``addressComplement``): suite, floor, building,
#: district or "city, state zip" — the street line is line 1.
_EXTRA_LINE = re.compile(r"(?:line|address|addr|street|streetname|adr|direccion|adresse)[234]$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_EXTRA_LINE_WORDS = frozenset(
    {
        "complement",
        "complemento",
        "supplement",
        "adresszusatz",
        "zusatz",
        "addition",
        "extra",
        "additional",
        "secondary",
        "two",
        "three",
    }
)


#: First words of a unit, floor or building line (``Apt 1``, ``Suite 200``, ``Floor 3``).
_UNIT_FIRST = re.compile(
    r"(?i)\s*(?:apt|apartment|suite|ste|unit|floor|fl|flat|room|rm|bldg|building|block|"
    r"level|lvl|dept|department|po box|p\.o\.|c/o|#)(?:\b|\s|\d|$)"
)
#: Street words `features` does not list (``12 Rolfson Alley``).
_MORE_STREET_WORDS = re.compile(
    r"(?i)\b(?:alley|close|row|parkway|pkwy|highway|hwy|square|cottage|farm|lodge|manor|barn|"
    r"mill|villa|mews|grange|mount|grove|rise|crescent|parade|walk)\b"
)


def street_line(text: str) -> bool:
    """A street line (``90 Tottenham Court Road``): a house number and a street word, and no
    unit, floor or building word first — what a second address line holds when it is the
    street, not ``Apt 1`` or ``Suite 200`` (nor a bare ``Brannan Street``, which v3's Adyen
    payloads write in ``line2`` beside the number)."""
    if len(text) > 120 or not any(c.isdigit() for c in text) or _UNIT_FIRST.match(text):
        return False
    return bool(STREET_WORDS.search(text) or _MORE_STREET_WORDS.search(text))


#: Last key words of a message's or a call's identifier (``sipCallId``, ``Message-ID``,
#: ``in_reply_to``): written like an e-mail address, it names no mailbox.
_MESSAGE_ID_KEYS = frozenset(
    {"call id", "sip call id", "callid", "message id", "messageid", "msg id", "msgid",
     "in reply to", "references", "thread id"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_message_id(key: str) -> bool:
    """``sipCallId``, ``Message-ID``, ``in_reply_to``: an id written like an e-mail address."""
    return key_tokens(key) in _MESSAGE_ID_KEYS


@lru_cache(maxsize=65_536)
def key_says_extra_line(key: str) -> bool:
    """``line2``, ``address_line_3``, ``street2``: not the street line of an address."""
    if _EXTRA_LINE.search(_NOT_ALNUM.sub("", key.lower())):
        return True
    words = set(key_tokens(key).split())
    return bool(words & _EXTRA_LINE_WORDS) and bool(words & {"address", "addr", "line", "street"})


#: Last key words of a field that holds a proof or a name of something, not a credential
#: (``token_data.signature``, ``cert_fingerprint``, ``payload_hash``).
_NOT_SECRET_LAST = frozenset(
    {"signature", "sig", "fingerprint", "thumbprint", "hash", "digest", "checksum", "nonce",
     "prefix", "uri", "href"}
)  # fmt: skip
#: Key words of a page of results (``pagination_token``, ``sync_token``): a cursor.
_CURSOR_WORDS = frozenset(
    {"page", "pagination", "paging", "cursor", "continuation", "sync", "next", "prev",
     "previous"}
)  # fmt: skip
#: Key words of what is public by design (``public_key``, ``publishable_key``).
_PUBLIC_WORDS = frozenset({"public", "publishable", "pub"})
#: Last key words of an identifier (``api_key_sid``, ``client_id``, ``AIRIDs``) …
_ID_LAST = frozenset({"id", "ids", "sid", "uid", "identifier", "identifiers"})
_ENDS_IN_IDS = re.compile(r"(?:IDs|IDS|Ids)$")
#: … unless the key names a credential that is itself an id (``session_id``).
_CREDENTIAL_WORDS = frozenset(
    {"session", "secret", "password", "passwd", "access", "refresh", "auth", "bearer", "private"}
)


@lru_cache(maxsize=65_536)
def bare_id_not_secret(key: str, parent: str) -> bool:
    """A bare ``id``, ``uid`` or ``uuid``: an object's id, no credential, unless the parent
    names one (``session.id``)."""
    if key_tokens(key) not in ("id", "uid", "uuid", "guid"):
        return False
    return not _CREDENTIAL_WORDS.intersection(key_tokens(parent).split())


@lru_cache(maxsize=65_536)
def key_says_not_secret(key: str) -> bool:
    """``signature``, ``fingerprint``, ``nonce``, ``public_key``, ``api_key_sid``, ``AIRIDs``,
    ``api_key_uri``: the field holds a proof, a public key, an identifier or where a resource
    is, not a credential (``session_id`` still may be one; a URL with a password in it is
    found by its value)."""
    words = key_tokens(key).split()
    if not words:
        return False
    if (
        words[-1] in _NOT_SECRET_LAST
        or _PUBLIC_WORDS.intersection(words)
        or _CURSOR_WORDS.intersection(words)
    ):
        return True
    is_id = (len(words) >= 2 and words[-1] in _ID_LAST) or bool(_ENDS_IN_IDS.search(key))
    return is_id and not _CREDENTIAL_WORDS.intersection(words)


#: Key words of numbers of things (a traffic citation, a shipment, a device, a vehicle, a
#: company in the Dutch chamber of commerce's register): an identity-document guess under such a
#: key is wrong unless a document word is there too.
_THING_WORDS = frozenset(
    {"citation", "order", "invoice", "receipt", "confirmation", "tracking", "shipment", "sku",
     "ean", "upc", "gtin", "isbn", "asin", "imei", "iccid", "imsi", "meid", "serial", "batch",
     "lot", "version", "build", "trace", "span", "request", "correlation", "cursor", "job",
     "ticket", "case", "claim", "policy", "transaction", "txn", "booking", "reservation",
     "facility", "device", "host", "hosts", "payer", "merchant", "referral", "flight", "bank",
     "account", "accounts", "coc", "kvk"}
)  # fmt: skip
#: Key words of a vehicle's numbers: never a driving licence, whatever else the key says.
_VEHICLE_WORDS = frozenset({"plate", "vin", "chassis"})
_DOCUMENT_WORDS = frozenset(
    {"national", "passport", "license", "licence", "driver", "drivers", "driving", "tax", "ssn",
     "social", "identity", "citizen", "personal", "document", "documents", "nin", "tin", "vat"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_thing(key: str, parent: str) -> bool:
    """``citationNumber``, ``license_plate``, ``referral_user_payer_id.value``: the number of
    a thing (a ticket, a vehicle, an account at a company), not of a person's document."""
    words = set(key_tokens(key).split())
    if is_uninformative(key):  # ``payer_id.value``: the parent says what it numbers
        words |= set(key_tokens(parent).split())
    if words & _VEHICLE_WORDS:
        return True
    return bool(words & _THING_WORDS) and not words & _DOCUMENT_WORDS


#: Key words that merely look like a credential's (``keywords``, ``passthrough``,
#: ``passengers``, ``author``; not ``authorization``), on the key without separators.
_FALSE_CREDENTIAL = re.compile(
    r"keyword|passthrough|passenger|passage|bypass|compass|author(?!i[sz])"
)


#: Last key words of a setting or a form's text about a credential, not the credential
#: (``password_encryption``, ``sharegroup_label``, ``pwa_icon``, ``api_password.tip``).
_ABOUT_LAST = frozenset(
    {"encryption", "algorithm", "algorithms", "algo", "policy", "scheme", "strength",
     "complexity", "label", "tip", "hint", "placeholder", "icon", "description", "pattern",
     "title", "file", "path", "filename", "filepath", "dir"}
)  # fmt: skip


#: A sentence's last word and its punctuation: a question, an exclamation, a label's colon,
#: a full stop after a word of four letters or more (``Passport No.`` is an abbreviation).
_SENTENCE_END = re.compile(r"(?:[^\W\d_][?!:…]|[^\W\d_]{4}\.)$")
#: Words a key of text holds at least, when it ends in no punctuation (``Reset your password
#: now``); fewer are a field's name written out (``First Name``, ``Date of birth``).
_TEXT_KEY_WORDS = 4


@lru_cache(maxsize=65_536)
def key_is_text(key: str) -> bool:
    """A key that is a sentence or a phrase, not a field's name (the keys of a translation
    table or a form's labels served as JSON: ``"Forgot your password?": "Passwort
    vergessen?"``): words with spaces that end in sentence punctuation, or four words or more.
    It gives no evidence of a type; ``First Name``, ``Date of birth``, ``Passport No.`` are
    fields' names."""
    words = key.split()
    if len(words) < 2:
        return False
    return len(words) >= _TEXT_KEY_WORDS or bool(_SENTENCE_END.search(key))


@lru_cache(maxsize=65_536)
def key_says_false_credential(key: str) -> bool:
    """``adx_keywords``, ``KeyWords``, ``passthrough``, ``Author``, a bare ``phrases``, a
    text's ``first_word``: words that share letters with a password or an auth key and name
    something else; ``password_encryption``, ``pwa_icon``, ``tip``: a last word that names a
    setting or a form's text about a credential."""
    compact = _NOT_ALNUM.sub("", key.lower())
    words = key_tokens(key).split()
    return (
        compact in ("phrase", "phrases")
        or _FALSE_CREDENTIAL.search(compact) is not None
        or _other_word(key)
        or (bool(words) and words[-1] in _ABOUT_LAST)
    )


def _other_word(key: str) -> bool:
    """``first_word``, ``second_word``, ``word``: a word of a text or a keyword, not a
    pass-word (``pass_word`` is one)."""
    words = key_tokens(key).split()
    return bool(words) and words[-1] in ("word", "words") and words[-2:-1] != ["pass"]


#: Parents of an error or warning: its ``code``, ``id`` or ``number`` is the error's.
_ERROR_WORDS = frozenset(
    {"error", "errors", "warning", "warnings", "fault", "faults", "exception", "exceptions",
     "problem", "problems"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_error_code(key: str, parent: str) -> bool:
    """``errors[*].code``, ``error.number``: an error's code, no personal number."""
    words = key_tokens(key).split()
    return (
        bool(words)
        and words[-1] in ("code", "id", "number", "no", "status", "type")
        and bool(_ERROR_WORDS.intersection(key_tokens(parent).split()))
    )


#: Last key words of a quantity (``max_size``, ``timeout``) and words of a time
#: (``date_access``, ``created_ts``): a number there counts or dates something.
_QUANTITY_LAST = frozenset(
    {"size", "bytes", "count", "total", "max", "min", "maximum", "minimum", "limit", "length",
     "duration", "timeout",
     "ttl", "interval", "capacity", "offset", "port", "quantity", "qty", "amount", "price"}
)  # fmt: skip
_TIME_WORDS = frozenset(
    {"date", "time", "timestamp", "ts", "epoch", "created", "updated", "modified", "expires",
     "millis", "ms"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_measure(key: str) -> bool:
    """``buffer.max_size``, ``date_access``, ``created_ts``: a quantity or a time, no
    personal number or phone."""
    words = key_tokens(key).split()
    return bool(words) and (words[-1] in _QUANTITY_LAST or bool(_TIME_WORDS.intersection(words)))


#: Words joined by ``_`` or ``-``, maybe after a ``_`` (``_download_permissions_granted``,
#: ``5-Minute-Production-App``, ``testy-mc-testerton-the-8th``): each part a lower-case or
#: capitalised word or a short number.
_JOINED_WORDS = re.compile(
    r"^_?(?:[a-z]{1,16}|[A-Z][a-z]{1,15}|\d{1,3}[a-z]{0,2})"
    r"(?:[_-](?:[a-z]{1,16}|[A-Z][a-z]{1,15}|\d{1,3}[a-z]{0,2})){1,7}$"
)
_LETTERS = re.compile(r"[A-Za-z]{3,}")


def joined_words(text: str) -> bool:
    """An identifier written as words joined by ``_`` or ``-`` (a metadata field's name
    ``_order_stock_reduced``, a template's key, a label), two of them three letters or
    longer: a name, no secret, which would mix cases and digits within its parts."""
    return bool(_JOINED_WORDS.match(text)) and len(_LETTERS.findall(text)) >= 2


def key_says_slug(key: str, text: str) -> bool:
    """``slug``, ``permalink``, a ``handle`` of three hyphen-joined words or more
    (``synergistic-silk-chair``): a URL's name for a page or a product; people's handles are
    one or two words (``eva-jonsson``, ``@benjamin-franklin``)."""
    words = key_tokens(key).split()
    if not words:
        return False
    return words[-1] in ("slug", "slugs", "permalink") or (
        words[-1] == "handle" and text.count("-") >= 2 and "@" not in text
    )


#: Last key words of a document's attribute other than its number (``tax_rate``,
#: ``passport_photo``, ``licence_key``, ``license_url``, ``passport_expiry``).
_DOCUMENT_ATTRIBUTES = frozenset(
    {"rate", "rates", "percentage", "percent", "category", "categories", "photo", "photos",
     "image", "images", "picture", "scan", "file", "url", "uri", "link", "expiry",
     "expiration", "expires", "issued", "issuer", "class", "key", "status", "date", "level",
     "exempt", "exemption", "included", "inclusive", "authority", "front", "back", "amount"}
)  # fmt: skip
#: Key words of a cheque's number (no bank account).
_CHEQUE_WORDS = frozenset({"cheque", "cheques", "check", "checks"})


@lru_cache(maxsize=65_536)
def key_says_document_attribute(key: str) -> bool:
    """``tax_rate``, ``vat_rate``, ``passport_photo``, ``licence_key``: an attribute of a
    document or a rate, not the document's number."""
    words = key_tokens(key).split()
    return len(words) >= 2 and words[-1] in _DOCUMENT_ATTRIBUTES


@lru_cache(maxsize=65_536)
def key_says_cheque(key: str) -> bool:
    """``check_number``, ``cheque_no``: a cheque's serial number, not an account."""
    return bool(_CHEQUE_WORDS.intersection(key_tokens(key).split()))


#: Words of licences that are no driving licence (a profession's, a business's, a product's).
_OTHER_LICENCES = frozenset(
    {"professional", "medical", "business", "trade", "liquor", "software", "nursing",
     "nurse", "contractor", "broker", "pharmacy", "pharmacist", "physician", "doctor",
     "practitioner", "provider", "dealer", "firearm", "firearms", "fishing", "hunting",
     "marriage", "music", "media", "content", "api", "prescriber", "dea", "bar"}
)  # fmt: skip
_DRIVING_WORDS = frozenset({"driver", "drivers", "driving", "dl", "motor", "vehicle"})


@lru_cache(maxsize=65_536)
def key_says_other_licence(key: str, parent: str) -> bool:
    """``professional_license``, ``pharmacist.licenseNo``: a licence to practise or to trade,
    not a driving licence (unless the key also says driving)."""
    words = set(key_tokens(key).split()) | set(key_tokens(parent).split())
    return bool(words & _OTHER_LICENCES) and not words & _DRIVING_WORDS


_PHONE_WORDS = frozenset(
    {"phone", "phones", "telephone", "tel", "mobile", "msisdn", "e164", "fax", "cell", "pager"}
)


@lru_cache(maxsize=65_536)
def key_says_phone_number(key: str, parent: str) -> bool:
    """``phones[*].national_number``, ``international_format_number``, ``mobile``: a phone
    number's parts or formats, not a national id."""
    return bool(set(key_tokens(key).split()) & _PHONE_WORDS) or key_says_phone_part(key, parent)


#: Words a phone's key may end with after the phone word (``phoneNumber``, ``mobile_no``).
_NUMBER_WORDS = frozenset({"number", "no", "nr", "num"})


@lru_cache(maxsize=65_536)
def key_ends_with_phone(key: str) -> bool:
    """``phoneNumber``, ``mobile``, ``tel_no``: the key's last word is a phone's, or its
    number after a phone's word; ``phone_id`` and ``phoneMaskingCode`` are not."""
    words = key_tokens(key).split()
    if words and words[-1] in _NUMBER_WORDS:
        words = words[:-1]
    return bool(words) and words[-1] in _PHONE_WORDS


@lru_cache(maxsize=65_536)
def key_says_phone_part(key: str, parent: str) -> bool:
    """``phones[*].national_number``, ``international_format_number``: a phone number
    written in one of its formats (E.164's national or international number)."""
    words = set(key_tokens(key).split())
    if "number" not in words or not words & {"national", "international"}:
        return False
    return "format" in words or bool(set(key_tokens(parent).split()) & _PHONE_WORDS)


_SSN_DASHED = re.compile(r"^\d{3}-\d{2}-\d{4}$")
#: A US bank account written as ``<ABA routing>-<account>`` (``121042882-38381234567890``).
_ROUTING_ACCOUNT = re.compile(r"^\d{9}-\d{4,17}$")
#: Magnetic-stripe track data (ISO/IEC 7813): track 1 ``%B<PAN>^<NAME>^<YYMM>…?``, track 2
#: ``;<PAN>=<YYMM>…?``; a swiped card is a card number whatever the key.
_CARD_TRACK = re.compile(r"^(?:%B(\d{12,19})\^[^^]{2,26}\^\d{4}|;(\d{12,19})=\d{4})")


#: A natural person's identifier as ETSI EN 319 412-1 writes it in certificates and e-ID
#: APIs: ``PNO`` (national personal number), ``IDC`` (identity card) or ``PAS`` (passport),
#: the country, a hyphen, the number (``PNOEE-40504040001``, ``PASSE-…``).
_ETSI_IDENTITY = re.compile(r"^(PNO|IDC|PAS)[A-Z]{2}-(?=[0-9A-Z-]*\d{5})[0-9A-Z][0-9A-Z-]{4,}$")
#: Cisco's MAC notation written with digits only (``5550.0369.6888``): a reference number as
#: often as a MAC, so only a key that names a MAC makes it one.
_DIGITS_IN_FOURS = re.compile(r"^\d{4}\.\d{4}\.\d{4}$")


_LIST_SEPARATORS = re.compile(r"\s*[,;]\s*")


def _address_list_or_bracketed(text: str) -> bool:
    """E-mail addresses joined by commas or semicolons, or one in angle brackets."""
    if v.is_bracketed_email(text):
        return True
    parts = _LIST_SEPARATORS.split(text.strip(" ,;"))
    return len(parts) >= 2 and all(v.is_email(p) for p in parts)


def digits_in_fours(text: str) -> bool:
    """``5550.0369.6888``: a MAC in Cisco's notation only where the key says MAC."""
    return bool(_DIGITS_IN_FOURS.match(text))


def whole_value(  # noqa: PLR0911, PLR0912 (one table of value proofs, top to bottom)
    text: str, key: str, key_uninformative: bool, context: str = ""
) -> tuple[str, float] | None:
    """The type a whole value proves, with its confidence, or None (``context``: a sibling's
    hint and the parent's key, which may say what an opaque key holds)."""
    n = len(text)
    if n >= 16 and is_vendor_secret(text):
        return "secret_key", PROVEN
    if n >= 20 and is_password_hash(text):
        return "secret_key", PROVEN  # stored credential material, not the password typed
    if text.startswith(("eyJ", "Bearer eyJ")) and v.is_jwt_token(text.removeprefix("Bearer ")):
        return "jwt", PROVEN
    if text.startswith("eyJ") and ";" in text and v.is_jwt_token(text.split(";", 1)[0]):
        return "jwt", PROVEN  # a SIP Identity header: the PASSporT, then ``;info=<…>;ppt=…``
    if n >= 15 and text[:2].isalpha() and v.is_iban(text):
        return None if v.iban_stand_in(text) else ("iban", PROVEN)
    if 14 <= n <= 17 and v.is_mac_address(text) and not digits_in_fours(text):
        return "mac_address", PROVEN
    if n == 11 and _SSN_DASHED.match(text) and v.is_us_ssn(text):
        return "us_ssn", LIKELY
    if (
        text[:1] in "mM"
        and text[:7].lower() == "mailto:"
        and v.is_email(text[7:].split("?", maxsplit=1)[0])
    ):
        return "email", PROVEN  # a mailbox as a URI (xAPI's ``mbox``, iCalendar's attendees)
    if "@" in text and n <= 640 and _address_list_or_bracketed(text):
        return "email", PROVEN  # ``a@x.com,b@x.com``, a mail header's ``<me@here.com>``
    etsi = _ETSI_IDENTITY.match(text) if text[:3] in ("PNO", "PAS", "IDC") else None
    if etsi is not None:  # ETSI EN 319 412-1's natural-person identifier (``PNOEE-3860…``)
        return ("passport_number" if etsi.group(1) == "PAS" else "national_id"), LIKELY
    track = _CARD_TRACK.match(text) if text[:1] in "%;" else None
    if track and v.is_credit_card(track.group(1) or track.group(2)):
        return "credit_card", PROVEN
    if v.is_japanese_address(text) or v.is_korean_address(text) or v.is_russian_address(text):
        # a prefecture or province, a municipality and a number, or a Russian street and its
        # house: no name's shape, so it stands against a key that reads as a name's (Kakao's
        # ``address_name``)
        return "street_address", PROVEN
    if not key_uninformative and key_says_identifier(key):
        return None
    card = text[5:] if text.startswith("test_") else text  # a PSP's test-mode card field
    if (
        13 <= len(card) <= 23
        and v.digits_only(card)
        and v.is_credit_card(card)
        and not v.is_gs1_thirteen(card)
    ):
        return "credit_card", LIKELY
    if 14 <= n <= 27 and _ROUTING_ACCOUNT.match(text) and v.is_aba_routing(text[:9]):
        return "bank_account", LIKELY
    if (
        7 <= n <= 45
        and v.is_host_ip(text)
        and (
            (_not_version(text) and (key_uninformative or not _network_key(key)))
            or (key_uninformative and _ip_by_context(text, context))
        )
    ):
        return "ip_address", LIKELY  # an address by its value (``members: "10.1.2.3"``)
    return None


#: Last key words of a coordinate, with the largest value each may hold.
_COORDINATE_LAST = {
    **dict.fromkeys(("lat", "latitude", "latitud", "latitudine", "breitengrad"), 90.0),
    **dict.fromkeys(
        ("lon", "lng", "longitude", "longitud", "longitudine", "laengengrad", "längengrad"),
        180.0,
    ),
    # GeoJSON's ``coordinates`` (longitude first) and other coordinate pairs
    **dict.fromkeys(("coordinates", "coordinate", "coords"), 180.0),
}
_SHORT_DECIMAL = re.compile(r"-?\d{1,3}(?:\.\d{1,2})?\Z")


@lru_cache(maxsize=65_536)
def coordinate_limit(key: str) -> float:
    """The range of the coordinate ``key`` names (``lat`` 90, ``geoCode.longitude`` 180), or 0."""
    words = key_tokens(key).split()
    return _COORDINATE_LAST.get(words[-1], 0.0) if words else 0.0


def coarse_coordinate(text: str, key: str) -> bool:
    """A coordinate written with two decimals at most (``"38.00"``, ``"-29.5"``, ``-90``)
    under a key that names a latitude or longitude: the three decimals the gate asks of a
    value alone are not needed where the key says it. ``"0.00"`` locates nothing."""
    if len(text) > 7 or _SHORT_DECIMAL.match(text) is None:
        return False
    limit = coordinate_limit(key)
    return limit > 0 and 0 < abs(float(text)) <= limit


#: Key words of what holds a network address (in a sibling's hint or the parent's key); not
#: a gateway's, DNS server's or netmask's, which are the network's own and not reported.
_ADDRESS_WORDS = frozenset(
    {"ip", "ips", "ipv4", "address", "addresses", "addr", "host", "hosts", "hostname", "asset",
     "assets", "target", "targets", "peer", "peers", "remote", "client", "source", "endpoint",
     "endpoints"}
)  # fmt: skip


#: Key words of what is the network's own (not reported) beside an address word.
_NETWORK_OWN = frozenset(
    {"gateway", "gw", "dns", "nameserver", "nameservers", "resolver", "netmask", "mask",
     "subnet", "broadcast", "network", "version", "range", "cidr", "prefix"}
)  # fmt: skip
_IP_KEY_WORDS = _ADDRESS_WORDS | {"fwd", "forward", "ps", "nat", "wan", "lan", "vip"}


@lru_cache(maxsize=65_536)
def key_names_address_holder(key: str) -> bool:
    """``addresses``, ``addresses_extra``, ``monitors[*].target``, ``LinkLocalIPs``, ``fwd``:
    the key says it holds a host's address (not a gateway's, DNS server's or netmask)."""
    words = set(key_tokens(key).split())
    return (
        bool(words & _IP_KEY_WORDS) and not words & _NETWORK_OWN and not key_says_network_own(key)
    )


_NETWORK_OWN_ONLY = _NETWORK_OWN - {"version", "range", "cidr", "prefix", "network"}


@lru_cache(maxsize=65_536)
def key_says_network_own(key: str) -> bool:
    """``gateway6``, ``IPv6Gateway``, ``dns_servers``, ``netmask``: the network's own address,
    not reported as a host's (the evaluation sets' convention)."""
    words = key_tokens(key).split()
    # ``ipv4_subnetmask``: a mask written fused too
    return any(w.rstrip("0123456789") in _NETWORK_OWN_ONLY or w.endswith("mask") for w in words)


def ip_by_key(text: str, key: str) -> bool:
    """An IP address under a key that names a host's address (`key_names_address_holder`);
    ``0.0.0.0`` and other addresses starting with 0 locate nothing."""
    return (
        7 <= len(text) <= 45
        and not text.startswith("0")
        and key_names_address_holder(key)
        and (v.is_ip_address(text) or v.is_host_interface(text))
    )


#: Last key words of an address written on one line (``destination.address``).
ADDRESS_LAST = frozenset(
    {"address", "addr", "adresse", "direccion", "dirección", "indirizzo", "endereco",
     "endereço", "adres", "adresa", "anschrift"}
)  # fmt: skip


def address_line_by_key(text: str, key: str) -> bool:
    """A street line written out (``123 Main St, Anytown, CA``, ``CALLE BAILEN 41 1A``) under a
    key whose last word is ``address``, a line's number after it allowed
    (``facility_address_1``): a house number and a street word, words apart."""
    if " " not in text or "@" in text or len(text) > 120:
        return False
    words = key_tokens(key).split()
    while words and words[-1] == "#":
        words.pop()
    return bool(words) and words[-1] in ADDRESS_LAST and street_line(text)


#: Key words of a way to reach someone (``customer.contact``): a number there is a phone.
_CONTACT_WORDS = frozenset({"contact", "contacts", "kontakt", "contacto", "contatto", "contato"})


@lru_cache(maxsize=65_536)
def key_says_contact(key: str) -> bool:
    """``contact``, ``customer_contact``: how to reach a person (the key's last word)."""
    words = key_tokens(key).split()
    return bool(words) and words[-1] in _CONTACT_WORDS


@lru_cache(maxsize=65_536)
def key_names_contact(key: str) -> bool:
    """``partyContactDetails``, ``contact_person``: a contact word anywhere in the key."""
    return not _CONTACT_WORDS.isdisjoint(key_tokens(key).split())


#: Parts of keys of a network's own addresses, written fused as often as apart
#: (``dnsserver``, ``subnetmask``, ``nexthop``).
_NETWORK_PARTS = ("dns", "mask", "gateway", "hop", "router", "subnet", "resolver", "nameserver")


def _network_key(key: str) -> bool:
    """A key of a network's own address (`key_says_network_own`), fused words included."""
    lower = key.lower()
    return key_says_network_own(key) or any(p in lower for p in _NETWORK_PARTS)


def _ip_by_context(text: str, context: str) -> bool:
    """An IPv4 address with every part under 32 (``1.2.3.4``, ``8.8.8.8``, which a version
    may also be) under an opaque key is an address where a sibling's hint or the parent's key
    names what holds one (``assets[*].value``); one starting with 0 locates nothing."""
    if not context or ":" in text or text.count(".") != 3 or text.startswith("0"):
        return False
    return bool(_ADDRESS_WORDS & set(key_tokens(context).split()))


def _not_version(text: str) -> bool:
    """IPv6, or an IPv4 address with a part above 31 (``3.2.10.4`` is a version)."""
    return ":" in text or max(int(p) for p in text.split(".")) > 31


#: An e-mail address inside a longer text (a sentence, a URL).
EMAIL_IN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")
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
    # libphonenumber's matcher is the costly part: only for seven digits or more without a
    # dot among them (a match with a dot is refused below: ``Chrome/121.0.5825.180``)
    if not any(sum(c.isdigit() for c in part) >= 7 for r in runs for part in r.split(".")):
        return False
    regions = ("US",) if all(r.startswith("+") for r in runs) else _PHONE_REGIONS
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
            raw = match.raw_string
            before = text[match.start - 1] if match.start else " "
            after = text[match.end] if match.end < len(text) else " "
            if before in "/.:" or "." in raw or _SSN_IN.fullmatch(raw):
                continue  # a version (Chrome/92.0.5839.126) or an SSN, not a number to call
            if after in "+@:" or after.isalnum() or before.isalnum():
                # part of an address, a word or a time (<49699333+bot@users.noreply…>,
                # ``September, 09 2021 00:00:00``)
                continue
            number = "".join(c for c in raw if c.isdigit())
            if "123456789" in number:
                continue  # digits counting up: a stand-in (``app name 0123456789``)
            if len(number) == 7 and raw == number:
                continue  # seven bare digits: a registry's number (``0870788 B.C. LTD.``)
            if len(number) >= 7:
                return True
    return False


_WORD = re.compile(r"[^\W\d_]{2,}")


def in_text(text: str) -> list[str]:
    """Types found inside a sentence (e-mail, phone, card, SSN, IBAN, JWT); [] for non-text."""
    if len(text) < 12 or " " not in text.strip() or not _WORD.search(text):
        return []
    found = []
    if "@" in text and any(v.is_email(m.group(0)) for m in EMAIL_IN.finditer(text)):
        found.append("email")
    if "eyJ" in text and any(v.is_jwt_token(m.group(0)) for m in _JWT_IN.finditer(text)):
        found.append("jwt")
    digits = sum(c.isdigit() for c in text)
    if digits >= 12 and _iban_in(text):
        found.append("iban")
    rest = _IBAN_IN.sub(" ", text) if "iban" in found else text  # an IBAN's digits are no card
    card = digits >= 12 and any(v.is_credit_card(m.group(0)) for m in _CARD_IN.finditer(rest))
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
_NOT_IN_NAMES = re.compile(r"[/_@#=<>{}|\\&+]|\d")
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
    r"wifi|speaker|printer|terminal|device|warehouse|depot|factory|fulfil?lment|"
    r"user|users|recipient|cardholder|customer|airways|airlines|airline|seat|forward|"
    r"corporation|incorporated|logistics|acme|soft|software|tech|technologies|technology|digital|"
    r"media|consulting|consultants|"
    # the same in Portuguese and Spanish (a help desk's ``Suporte``, ``Aduanas México SA``)
    r"suporte|soporte|atendimento|aduana|aduanas|empresa|loja|tienda|vendas|ventas|"
    r"name|date|amount|reference|status|total|item|type|code|identifier|number|"
    # the same in Ukrainian and Russian (Prozorro's buyers, funders and inspectors)
    r"тов|товариство|ооо|зао|пат|прат|фонд|компанія|компания|банк|управління|управление|"  # noqa: RUF001
    r"міністерство|министерство|департамент|служба|агентство|центр|комітет|комитет|рада|"
    r"адміністрація|администрация|лікарня|больница|школа|університет|университет)(?!\w)"
)
#: Head nouns English names of events, plans, areas, documents and offers end with (``Summer
#: Party``, ``Gold Members``, ``Daily Schedule``, ``Operating Area``, ``Welcome Bonus``):
#: a thing's name, whatever given name it starts with.
_THING_LAST = re.compile(
    r"(?i)\s(?:party|parties|event|events|meeting|conference|summit|festival|webinar|members|"
    r"membership|tier|site|area|zone|schedule|plan|plans|specification|agreement|contract|"
    r"policy|programme|program|course|lesson|session|report|template|survey|campaign|"
    r"incentive|bonus|reward|discount|alias|reconciliation|taxation|invoice|subscription|"
    r"segment|category|settings|configuration|workflow|pipeline|task|ticket|dispute|award|"
    r"awards|package|width|height|branch|register|garden|gardens|resort|lodge|suites|plaza|"
    r"mall|account|accounts|vendor)$"
)
#: A name written with its short form after it (``Gas Transmission Northwest (GTN)``): an
#: organisation's; people write no acronym of their own name so.
_ACRONYM_LAST = re.compile(r"\s\([A-Z][A-Z0-9&]{1,7}\)$")
#: Short legal forms written last in capitals as registries write them (Sweden's ``AB``,
#: Norway's ``ASA``, Denmark's ``ApS``, Germany's ``AG`` and ``KG``, Spain's ``SA`` and ``SL``,
#: Brazil's ``ME`` and ``EIRELI``, Mexico's ``SA DE CV``): an organisation.
_LEGAL_FORM_LAST = re.compile(
    r"\s(?:AB|ASA|AS|A/S|ApS|Oy|HB|KB|AG|KG|SE|SpA|S\.p\.A\.|e\.V\.|SA|SAS|SL|S\.L\.|ME|EPP|"
    r"EIRELI|(?:SA|S\.A\.) [Dd][Ee] C\.?V\.?)$"
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
#: Lower-case words joined by ``-``, ``_`` or ``.`` (``test-access-token``): a stand-in or a
#: name; a credential has digits or mixed case.
_WORDS_ONLY = re.compile(r"^[a-z]+(?:[-_.:][a-z]+)*$")
#: Words with short numbers between them (``APP_USR-001``, ``TG-001-test-refresh-token``): a
#: stand-in; a credential's random part is longer or mixes letters and digits.
_WORDS_AND_COUNTERS = re.compile(r"^[A-Za-z]+(?:[-_.:](?:[A-Za-z]+|\d{1,3}))+$")
#: Codes and format masks (``E.ADDRESS.NOT_FOUND``, ``YYYY``): no address or name.
_CODE_OR_MASK = re.compile(
    r"^(?:[A-Z][A-Z0-9]*(?:[._][A-Z0-9]+)+|Y{2,4}|(?:YYYY|MM|DD)(?:[-/.](?:YYYY|MM|DD))+)$"
)
#: Ids of public objects by their prefix (single-use card tokens, payment methods and
#: intents, sources, customers, charges, accounts, events, payments, instruments): an id to
#: look the object up with, not a credential.
_PUBLIC_ID = re.compile(
    r"^(?:tok|token|btok|pm|pi|seti|src|card|cus|ch|acct|ba|evt|req|txn|pay|ins|po|tr|sub|prod|price|"
    r"cs|mandate|dd|pr|msg|ep|org|usr)_[A-Za-z0-9]{8,}$"
)


def ends_with_legal_form(text: str) -> bool:
    """``Nordic Shipping ASA``, ``Acme SA de CV``: a short legal form last (`_LEGAL_FORM_LAST`)."""
    return bool(_LEGAL_FORM_LAST.search(text))


def echoes_key(key: str, text: str) -> bool:
    """A stand-in that repeats its own key (``AddressLine1: "AddressLine1"``, ``FirstName:
    "UpdatedFirstName"``): one word-run without spaces ending with (or equal to) a key of two
    words or more (a one-word key may be a surname: ``family: "Family"``), or with a counter
    after it (``street: "street1"``, ``address: "MyAddress2"``)."""
    if " " in text or len(text) > 64:
        return False
    own = _NOT_ALNUM.sub("", key.lower())
    written = _NOT_ALNUM.sub("", text.lower())
    counted = written.rstrip("0123456789")
    if len(own) >= 5 and len(written) - len(counted) in (1, 2) and counted.endswith(own):
        return True
    return len(own) >= 6 and written.endswith(own) and len(key_tokens(key).split()) >= 2


def not_personal_shape(type_id: str, text: str) -> bool:
    """A value of a shape no personal identifier or name has (UUID, long hex, padded base64,
    URL or path, ISO timestamp, a crypto-currency address, an elided stand-in) given to a
    type that only context can decide."""
    if _random_or_elided(type_id, text) or _declined_or_server(type_id, text):
        return True
    if "://" in text and not _URL_PASSWORD.match(text) and type_id in _NEVER_URL:
        return True
    if type_id == "person_name" and (
        _NOT_IN_NAMES.search(text)
        or _NOT_A_PERSON.search(text)
        or _TITLES_ONLY.match(text)
        or _LEGAL_FORM_LAST.search(text)
        or _THING_LAST.search(text)
        or _ACRONYM_LAST.search(text)
        # a place and the areas around it (``Tajinan, Malang, Jawa``); ``Filak, Vincent F.,``
        # is a catalogue's name with its trailing comma
        or text.rstrip(" ,.;").count(",") >= 2
    ):
        return True
    if type_id in _NOT_CODES and _CODE_OR_MASK.match(text):
        return True
    if type_id == "username" and (
        text.split() != [text]
        or not any(c.isalpha() for c in text)
        or self_describing_credential(text)
        or directory_schema_word(text)
    ):
        return True  # a login has no spaces and a letter at least (a PIN, "The Awesome Co")
    return _id_shape(type_id, text)


def _declined_or_server(type_id: str, text: str) -> bool:
    """A gender question declined (``prefer_not_to_say``); a server's ``foo.bar.com:5555``
    given as an address."""
    return bool(
        (type_id == "gender" and _NO_ANSWER.match(text))
        or (type_id == "street_address" and _HOST_PORT.match(text))
    )


#: A gender question declined or left open (``prefer_not_to_say``, ``not specified``).
_NO_ANSWER = re.compile(
    r"(?i)^(?:prefer[\s_-]*not[\s_-]*to[\s_-]*(?:say|answer|disclose)|not[\s_-]*(?:specified|"
    r"disclosed|stated|known|given|provided)|undisclosed|declined?(?:[\s_-]*to[\s_-]*answer)?)$"
)
#: A host name and a port (``foo.bar.com:5555``, ``localhost:8080``).
_HOST_PORT = re.compile(r"^(?:[a-z0-9-]+\.)*[a-z0-9-]+:\d{1,5}$", re.I)
#: Types a crypto-currency address (`wallet_address`) or a random id is not.
_NOT_RANDOM = frozenset(
    {"street_address", "username", "person_name", "national_id", "passport_number",
     "drivers_license", "tax_id"}
)  # fmt: skip
#: Types whose value is never cut short with dots (``AvDjs4...SjfRf``: a stand-in).
_NOT_ELIDED = frozenset(
    {"username", "street_address", "national_id", "passport_number", "drivers_license", "tax_id",
     "bank_account"}
)  # fmt: skip


def _random_or_elided(type_id: str, text: str) -> bool:
    """A crypto-currency address or a random id where a street, login, name or document
    number is guessed; a file's name or a street type alone where a street, login or name
    is, a stored file's name where a secret is; a line that describes an address field where
    a street is; a value cut short with dots where a login or a number is."""
    if type_id in _NOT_RANDOM and len(text) >= 20 and (wallet_address(text) or _opaque_token(text)):
        return True
    if (type_id in _NOT_FILES and " " not in text and _FILE_NAME.match(text)) or (
        type_id == "secret_key" and _STORED_FILE.match(text)  # ``applet-…-817-.png``
    ):
        return True
    if type_id == "street_address" and " " not in text and STREET_WORDS.fullmatch(text):
        return True  # a street type alone (``Avenue``): a stand-in
    if type_id == "street_address" and " " not in text and ("@" in text or _DOTTED.match(text)):
        return True  # an e-mail address, a dotted name (``server.request.query``)
    if type_id == "street_address" and _DESCRIBES_ADDRESS.search(text):
        return True  # ``mailing_address - address line one``, ``Dummy Facility Address 2``
    return type_id in _NOT_ELIDED and elided(text)


#: A word no street line holds but a line describing the field does: the word for address
#: itself (in the languages of `ADDRESS_LAST`) or a stand-in's (``dummy``, ``placeholder``).
_DESCRIBES_ADDRESS = re.compile(
    r"(?i)(?<![^\W_])(?:address|addr|adresse|direcci[oó]n|indirizzo|endere[cç]o|adres|adresa|"
    r"anschrift|dummy|placeholder)(?![^\W_])"
)


_DOTTED = re.compile(r"^[a-z_]+(?:\.[a-z_]+)+$")
#: A file's name or path (``Barbaz.txt``, ``path/to/file_one.txt``, ``.git-blame-ignore-revs``).
_FILE_EXTENSIONS = (
    r"txt|md|rst|json|ya?ml|toml|ini|cfg|conf|lock|log|csv|tsv|xml|html?|css|js|ts|py|rb|go|rs|"
    r"java|php|c|h|cpp|sh|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|svg|webp|mp[34]|wav|mov|zip|gz|"
    r"tgz|tar|exe|dll|so|bin|jar|whl"
)
_FILE_NAME = re.compile(rf"^(?:\.[\w.-]+|(?:[\w.-]+/)+[\w.-]+|[\w.-]+\.(?:{_FILE_EXTENSIONS}))$")
_NOT_FILES = frozenset({"street_address", "username", "person_name"})
#: A file's name without a path: a storage key, never a credential (a secret's base64 may hold
#: ``/``, so paths are not counted here).
_STORED_FILE = re.compile(rf"(?i)^[\w.-]+\.(?:{_FILE_EXTENSIONS})$")


def _opaque_token(text: str) -> bool:
    """A random id of 20 characters or more (``t1hqYcQITCFX-AObjs_t4Q``: base64url of 16
    bytes; ``qzkshdh94vhdcyuejjf8…``): letters and digits, changing kind at almost every other
    character; words people choose and type have longer runs (``JoeCool4000``)."""
    bare = text.replace("-", "").replace("_", "")
    if len(bare) < 20 or not bare.isascii() or not bare.isalnum():
        return False
    kinds = ["u" if c.isupper() else "l" if c.islower() else "d" for c in bare]
    if "d" not in kinds:
        return False
    runs = 1 + sum(a != b for a, b in pairwise(kinds))
    return runs >= 0.3 * len(bare)


#: Types whose value is never a code or a format mask (``E.ADDRESS.NOT_FOUND``, ``YYYY``).
_NOT_CODES = frozenset({"person_name", "street_address"})


def _id_shape(type_id: str, text: str) -> bool:
    """Shapes no secret, password or identifier of ``type_id`` has (`not_personal_shape`)."""
    if type_id in ("secret_key", "password"):
        return _not_a_credential(type_id, text)
    if type_id not in _ID_TYPES:
        return False
    return bool(
        (type_id in _DOCUMENTS and _hex_id(text))
        or v.is_uuid(text)
        or (_HEX.match(text) and not text.isdigit())
        or _B64_PADDED.match(text)
        or "://" in text
        or (text.startswith("/") and type_id != "date_of_birth")
        or (
            _TIMESTAMP.match(text)
            and not (type_id == "date_of_birth" and v.MIDNIGHT_SUFFIX.match(text, 10))
        )
        or (type_id in _NOT_DATES and _calendar_date(text))
    )


def _not_a_credential(type_id: str, text: str) -> bool:
    """A timestamp, a file's path (``/tmp/localuser1password``) and a credential that
    describes itself (`self_describing_credential`) are no secret or password; lower-case
    words (``test-access-token``, ``flex_chat_channels``) and public object ids
    (``tok_ubfj2q76…``) are no secret."""
    if _TIMESTAMP.match(text) or wallet_address(text) or _ABSOLUTE_PATH.match(text):
        return True
    if self_describing_credential(text) and type_id != "password":
        return True  # ``mySecretPassword`` under a password key is a password all the same
    return type_id == "secret_key" and bool(
        _WORDS_ONLY.match(text)
        or _PUBLIC_ID.match(text)
        or _WORDS_AND_COUNTERS.match(text)
        or _not_random(text)
    )


#: An absolute file path of short word segments (``/tmp/global``, ``/run/secrets/db``); base64
#: may start with ``/`` too but has long runs, ``+`` or ``=``.
_ABSOLUTE_PATH = re.compile(r"^(?:/[a-z0-9_.-]{1,32})+/?$")
#: Modular-crypt and LDAP password hashes (``$2b$12$…``, ``$6$rounds=…$…``, ``$argon2id$…``,
#: ``{SSHA}…``) and Django's (``pbkdf2_sha256$260000$…``).
_PASSWORD_HASH = re.compile(
    r"^(?:\$(?:1|2[abxy]?|5|6|7|y|gy|apr1|md5|sha1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?)"
    r"\$\S{8,}|\{(?:SSHA|SHA|SSHA256|SSHA512|CRYPT|PBKDF2|ARGON2)\}\S{8,}|"
    r"(?:pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt)\$\S{16,})$"
)


def is_password_hash(text: str) -> bool:
    """A stored password hash in one of the common formats (bcrypt, sha-crypt, Argon2, LDAP's
    ``{SSHA}``, Django's): credential material, a secret key by the sets' conventions."""
    return bool(_PASSWORD_HASH.match(text))


#: Words a documentation stand-in credential is made of (``mySecretPassword1!``,
#: ``a_very_important_secret``, ``redis-user-password``, ``plaintexttoken…``), longest first so
#: ``username`` is not read as ``user``.
_SELF_WORDS = re.compile(
    r"username|password|passwd|passphrase|plaintext|important|secret|example|sample|dummy|"
    r"token|super|your|fake|very|user|test|my"
)
_SELF_CREDENTIAL_WORDS = frozenset(
    {"username", "password", "passwd", "passphrase", "secret", "token"}
)


#: Names of LDAP and Active Directory attributes as identity providers' settings map them
#: (``attributes.username: "uid"``).
_DIRECTORY_ATTRIBUTES = frozenset(
    {"uid", "cn", "sn", "mail", "givenname", "displayname", "samaccountname",
     "userprincipalname", "memberof", "objectclass", "distinguishedname", "dn", "ou",
     "member", "uniquemember", "entryuuid", "objectguid", "objectsid"}
)  # fmt: skip
#: A directory name with no entry of a person or account (``ou=users``, ``dc=example,dc=com``).
_DN_PART = re.compile(r"^(?:ou|dc|o|c|l|st)=[^,=]+(?:,(?:ou|dc|o|c|l|st)=[^,=]+)*$", re.I)


def directory_schema_word(text: str) -> bool:
    """An LDAP attribute's name (``uid``, ``sAMAccountName``) or a directory name of
    organisational units and domain parts only (``ou=users``): settings of a directory, not
    an account's login (a bind DN with ``cn=`` or ``uid=`` is one)."""
    return text.lower() in _DIRECTORY_ATTRIBUTES or bool(_DN_PART.match(text))


def self_describing_credential(text: str) -> bool:
    """A credential made of words that say what it is plus another such word (``mysecret``,
    ``mySecretPassword1!``, ``mySecretUsername``): a stand-in. One such word with a
    user's digits (``Password2024!``) is a weak password people choose."""
    if len(text) > 64:
        return False
    found = _SELF_WORDS.findall(text.lower())
    return len(found) >= 2 and bool(_SELF_CREDENTIAL_WORDS.intersection(found))


#: A crypto-currency address (Ethereum's ``0x`` and 40 hex digits, Bitcoin's bech32
#: ``bc1…``, base58 addresses of Bitcoin, Litecoin, Dogecoin and Tron): public, where payments
#: go; no street, secret or login.
_WALLET = re.compile(
    r"^(?:0x[0-9a-fA-F]{40}|(?:bc1|tb1|ltc1)[02-9ac-hj-np-z]{11,87}|"
    r"[13LMDT][1-9A-HJ-NP-Za-km-z]{25,34})$"
)


def wallet_address(text: str) -> bool:
    """``0xd446…7775``, ``bc1qka0g…``, ``DDhUv8JZ…``: a crypto-currency address (base58 ones
    mix upper case, lower case and digits, as no word does)."""
    if not 26 <= len(text) <= 90 or _WALLET.match(text) is None:
        return False
    if text[:2] == "0x" or text[:3] in ("bc1", "tb1") or text[:4] == "ltc1":
        return True
    return (
        any(c.isdigit() for c in text)
        and any(c.isupper() for c in text)
        and any(c.islower() for c in text)
    )


#: What a random credential never looks like: a URL path of words (``/api/v2/orgs/1/secrets``),
#: a file path with an extension (``templates/tpl_x/sub_y.pdf``), words in camel case
#: (``propertyKey``), a word and a counter (``VATEXCODE222``), words with short counters and
#: versions (``peertube-plugin-auth-saml2``), a header directive (``max-age=31536000``), a value
#: elided with dots (``AvDjs4...SjfRf``).
_PATH_OF_WORDS = re.compile(r"^(?:/[a-z0-9:{}._-]*){2,}$")
_FILE_PATH = re.compile(r"^[^\s]*/[^\s/]+\.[a-z]{2,4}$")
_CAMEL_WORDS = re.compile(r"^(?:[a-z]{2,}|[A-Z][a-z]{2,})(?:[A-Z][a-z]{2,})+$")
_WORD_COUNTER = re.compile(r"^(?:[A-Z]{4,}|[A-Z]?[a-z]{3,})\d{1,4}$")
_WORDS_VERSIONS = re.compile(r"^[A-Za-z]+\d{0,2}(?:[-_.:](?:[A-Za-z]+\d{0,2}|\d+))+$")
#: Words run together with a counter or a timestamp after them
#: (``TestUpdateConfluentaccountreturnsOKresponse1665090166``: a test's stand-in).
_RUN_TOGETHER = re.compile(r"^[A-Za-z]{12,}\d{0,13}$")
#: An object's id: a word, an underscore and hex (``attribute_a058b510f096c932``), unless the
#: word names a credential.
_WORD_HEX_ID = re.compile(r"^([a-z]{3,12})_[0-9a-f]{12,32}$")
_CREDENTIAL_PREFIXES = frozenset(
    {"secret", "key", "token", "pat", "api", "auth", "access", "refresh", "private", "pass",
     "session", "sess", "bearer", "priv", "sk", "rk"}
)  # fmt: skip
#: A version (``1.2.3-beta.4+build.5``), an ETag (``W/"deebfe47…"``), a webhook signature
#: header (Stripe's ``t=…,v1=…``, Svix's ``v1,g0hM…``), a file's base64 content (PNG, JPEG,
#: GIF, PDF, ZIP): public values or proofs, no credential.
_VERSION = re.compile(r"^v?\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.+-]*)?$")
_ETAG = re.compile(r'^W/"[^"]*"$')
_SIGNATURE_HEADER = re.compile(r"^(?:t=\d+,v\d=[0-9a-f]{32,}|v1[,=][A-Za-z0-9+/=]{20,})")
_FILE_BASE64 = ("iVBORw0KGgo", "/9j/", "R0lGOD", "JVBERi0", "UEsDB")
#: An issue tracker's key (``DDFC-98826``, ``JIRA-123``).
_ISSUE_KEY = re.compile(r"^[A-Z]{2,10}-\d{1,8}$")
_DIRECTIVE = re.compile(r"(?i)^[a-z-]+(?:=\d+)?(?:;\s*[a-z-]+(?:=\d+)?)*$")
#: A vector of short codes (CVSS ``CVSS:3.1/AV:N/AC:H/PR:H``) or a property path with
#: indices (``instances[0].analysis_key``).
_CODE_VECTOR = re.compile(r"^[A-Z0-9.:]+(?:/[A-Z]{1,3}:[A-Z0-9]{1,3})+$")
_PROPERTY_PATH = re.compile(r"^[A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+(?:\[\d+\])?)+$")


#: What public keys and certificates start with: public, no credential (``ssh-rsa AAAA…``).
_PUBLIC_KEY_STARTS = (
    "-----BEGIN PUBLIC KEY-----",
    "-----BEGIN RSA PUBLIC KEY-----",
    "-----BEGIN CERTIFICATE-----",
    "-----BEGIN PGP PUBLIC KEY BLOCK-----",
    "ssh-rsa ",
    "ssh-ed25519 ",
    "ssh-dss ",
    "ecdsa-sha2-",
)


def public_key_text(text: str) -> bool:
    """A public key or a certificate, PEM or OpenSSH (``ssh-ed25519 AAAA…``)."""
    return text.lstrip().startswith(_PUBLIC_KEY_STARTS)


def elided(text: str) -> bool:
    """``AvDjs4...SjfRf``, ``eyJhbG…``: a value cut short with dots, a stand-in for one."""
    return ("..." in text or "…" in text) and " " not in text.strip()


def _not_random(text: str) -> bool:
    if len(text) >= 16 and len(set(text)) < 6:
        return True  # ``00000000-0000-0000-0000-000000000000``, ``xxxxxxxxxxxxxxxx``
    if _RUN_TOGETHER.match(text):
        letters = [c for c in text if c.isalpha()]
        if sum(c.isupper() for c in letters) <= len(letters) // 4:
            return True  # words; random letters are half upper case
    word_hex = _WORD_HEX_ID.match(text)
    if word_hex and word_hex.group(1) not in _CREDENTIAL_PREFIXES:
        return True
    if text.startswith(_FILE_BASE64):
        return True
    return bool(
        _VERSION.match(text)
        or _ETAG.match(text)
        or _SIGNATURE_HEADER.match(text)
        or _ISSUE_KEY.match(text)
        or _PATH_OF_WORDS.match(text)
        or _FILE_PATH.match(text)
        or _CAMEL_WORDS.match(text)
        or _WORD_COUNTER.match(text)
        or _WORDS_VERSIONS.match(text)
        or ("=" in text and _DIRECTIVE.match(text))
        or elided(text)
        or _CODE_VECTOR.match(text)
        or _PROPERTY_PATH.match(text)
    )


#: Identity-document types (a hex id such as an access card's UID is none of them).
_DOCUMENTS = frozenset({"national_id", "passport_number", "drivers_license", "tax_id"})
_DIGIT_HEX_DIGIT = re.compile(r"\d[A-Fa-f]+\d")


def _hex_id(text: str) -> bool:
    """Hexadecimal with a letter between digits (``0B6022D1``, ``F875B463``): a chip's or a
    system's id. Document numbers put their letters first or last (``DE123456789``,
    ``1234567FA``) or use letters beyond F."""
    return 6 <= len(text) <= 40 and v.is_hex(text) and bool(_DIGIT_HEX_DIGIT.search(text))


def _calendar_date(text: str) -> bool:
    """A date of a plausible year (``2024-04-27``, ``20240427``); ``00000123`` is a number."""
    date = v.parse_date(text)
    return date is not None and 1800 <= date[0] <= 2200


#: Identifier systems (FHIR ``identifier.system``: OIDs and URIs) that name a person's
#: identity document or number; a prefix ending with ``.`` covers a family of OIDs.
_IDENTITY_SYSTEMS: dict[str, str] = {
    "2.16.840.1.113883.4.1": "us_ssn",
    "http://hl7.org/fhir/sid/us-ssn": "us_ssn",
    "2.16.840.1.113883.2.4.6.3": "national_id",  # NL burgerservicenummer
    "1.2.208.176.1.2": "national_id",  # DK CPR
    "1.2.752.129.2.1.3.1": "national_id",  # SE personnummer
    "1.2.752.129.2.1.3.3": "national_id",  # SE samordningsnummer
    "2.16.578.1.12.4.1.4.1": "national_id",  # NO fødselsnummer
    "1.2.246.21": "national_id",  # FI henkilötunnus
    "2.16.756.5.32": "national_id",  # CH AHV number
    "1.2.250.1.213.1.4.8": "national_id",  # FR NIR
    "2.16.840.1.113883.2.1.4.1": "national_id",  # NHS number
    "https://fhir.nhs.uk/Id/nhs-number": "national_id",
    "2.16.840.1.113883.4.3.": "drivers_license",  # US state driver's licences
    "2.16.840.1.113883.4.330.": "passport_number",  # passports by country
    "http://hl7.org/fhir/sid/passport-": "passport_number",
    "http://hl7.org/fhir/sid/us-mbi": "national_id",  # US Medicare Beneficiary Identifier
    "http://hl7.org/fhir/sid/us-medicare": "national_id",
    "2.16.840.1.113883.4.927": "national_id",  # MBI
    "2.16.840.1.113883.4.572": "national_id",  # Medicare HICN
    "http://ns.electronichealth.net.au/id/hi/ihi/1.0": "national_id",  # AU health identifier
    "http://ns.electronichealth.net.au/id/medicare-number": "national_id",
    "http://fhir.de/sid/gkv/kvid-10": "national_id",  # DE health insurance number (KVNR)
    "http://fhir.de/sid/pkv/kvid-10": "national_id",
    "http://fhir.de/NamingSystem/gkv/kvid-10": "national_id",
    "http://fhir.nl/fhir/NamingSystem/bsn": "national_id",  # NL burgerservicenummer
    "https://standards.digital.health.nz/ns/nhi-id": "national_id",  # NZ health index
    "http://hl7.org.au/id/abn": "tax_id",  # Australian Business Number
}
#: HL7 v2 table 0203 identifier type codes (FHIR ``identifier.type.coding.code``).
_IDENTIFIER_TYPE_CODES: dict[str, str] = {
    "PPN": "passport_number",
    "DL": "drivers_license",
    "SS": "us_ssn",
    "SB": "national_id",
    "NI": "national_id",
    "NNxxx": "national_id",
    "CZ": "national_id",
    "TAX": "tax_id",
    "NIIP": "national_id",
}


def identity_system_type(system: str) -> str | None:
    """The identity type an identifier system names (``urn:oid:2.16.840.1.113883.4.1``: a US
    SSN; ``http://hl7.org/fhir/sid/passport-NLD``: a passport), or None."""
    uri = system.removeprefix("urn:oid:")
    found = _IDENTITY_SYSTEMS.get(uri)
    if found is not None:
        return found
    for prefix, type_id in _IDENTITY_SYSTEMS.items():
        if prefix[-1] in ".-" and uri.startswith(prefix):
            return type_id
    return None


def identifier_type_code(code: str) -> str | None:
    """The identity type an HL7 v2-0203 identifier type code names (``PPN``, ``DL``), or None;
    ``NN`` and a country code (``NNNLD``) is a national id."""
    if len(code) == 5 and code.startswith("NN") and code[2:].isupper():
        return "national_id"
    return _IDENTIFIER_TYPE_CODES.get(code)


#: Words that name a birth date (a key's or its parent's): its parts are a date of birth.
_BIRTH_WORDS = frozenset(
    {"dob", "birth", "birthday", "birthdate", "born", "geburtsdatum", "geburtstag",
     "nacimiento", "naissance", "nascita", "nascimento", "geboortedatum", "geboorte",
     "urodzenia", "fodelsedatum", "fødselsdato", "foedselsdato", "fodselsdato", "syntymaaika",
     "dogum", "doğum"}
)  # fmt: skip
#: Words for the year of birth written as one (``birthyear``, Norwegian ``foedselsaar``).
_BIRTH_YEAR_WORDS = frozenset(
    {"birthyear", "yob", "foedselsaar", "fodselsar", "fødselsår", "fodelsear", "födelseår",
     "geburtsjahr", "geboortejaar", "syntymavuosi"}
)  # fmt: skip
#: Years a living person's birth may fall in: up to this one (the process's start).
_BIRTH_YEARS = (1900, datetime.now(tz=UTC).year)
#: A birth date's part words and the values each may hold.
_DATE_PARTS: dict[str, tuple[int, int]] = {
    "day": (1, 31), "dd": (1, 31), "d": (1, 31), "tag": (1, 31), "dia": (1, 31),
    "jour": (1, 31), "giorno": (1, 31), "dag": (1, 31),
    "month": (1, 12), "mm": (1, 12), "m": (1, 12), "monat": (1, 12), "mes": (1, 12),
    "mois": (1, 12), "mese": (1, 12), "maand": (1, 12),
    "year": _BIRTH_YEARS, "yyyy": _BIRTH_YEARS, "y": _BIRTH_YEARS, "jahr": _BIRTH_YEARS,
    "ano": _BIRTH_YEARS, "año": _BIRTH_YEARS, "annee": _BIRTH_YEARS, "année": _BIRTH_YEARS,
    "anno": _BIRTH_YEARS, "jaar": _BIRTH_YEARS,
}  # fmt: skip
#: Words that make a birth key name something else than the date (``birthPlace.day``).
_NOT_BIRTH_DATE = frozenset({"place", "country", "city", "name", "state", "town", "certificate"})


@lru_cache(maxsize=65_536)
def birth_date_part_range(key: str, parent: str) -> tuple[int, int] | None:
    """The values a part of a birth date may hold when the key names one (``yearOfBirth``,
    ``birth_month``, ``DOB_Day``) or is a date part under a parent that names a birth date
    (``dob.day``, ``dateOfBirth.year``); else None."""
    words = key_tokens(key).split()
    if not words or len(words) > 4:
        return None
    if _BIRTH_YEAR_WORDS.intersection(words) and not _NOT_BIRTH_DATE.intersection(words):
        return _DATE_PARTS["year"]
    parts = [w for w in words if w in _DATE_PARTS]
    if len(parts) != 1:
        return None
    if len(words) == 1:
        birth = key_tokens(parent).split()
        if not birth or len(birth) > 4:
            return None
    else:
        birth = words
    if not _BIRTH_WORDS.intersection(birth) or _NOT_BIRTH_DATE.intersection(birth + words):
        return None
    return _DATE_PARTS[parts[0]]


def birth_date_part(value: object, key: str, parent: str) -> bool:
    """An integer (or its digits) that is a part of a birth date the key names, in the part's
    range: ``dob: {"day": 27, "month": 5, "year": 1978}``, ``yearOfBirth: 1985``."""
    if type(value) is int:
        number = value
    elif isinstance(value, str) and 1 <= len(value) <= 4 and value.isdigit():
        number = int(value)
    else:
        return False
    span = birth_date_part_range(key, parent)
    return span is not None and span[0] <= number <= span[1]


#: Last key words that name a tax number by themselves (``ein``, ``vat``, ``Steuernummer``).
_TAX_LAST = frozenset(
    {"ein", "fein", "tin", "itin", "vat", "vatin", "steuernummer", "steuerid", "nif", "rfc",
     "cuit", "abn", "utr", "gstin", "eori"}
)  # fmt: skip
#: Words after ``tax`` that make it a tax number (``business_tax_id``, ``taxNumber``).
_TAX_ID_WORDS = frozenset({"id", "number", "identifier", "no", "num", "nr", "code", "idnr"})
#: Words of a key or its parent that say an id is an organisation's (an EIN's holder).
_ORGANISATION_WORDS = frozenset(
    {"government", "tax", "employer", "business", "company", "federal", "entity", "corporate",
     "corporation", "organization", "organisation", "merchant", "legal"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_names_tax_id(key: str) -> bool:
    """A key whose last words name a tax number (``business_tax_id``, ``taxNumber``,
    ``company_ein``, ``vat``, ``vatNumber``, ``cnpjNumber``); not an attribute of one
    (``tax_id_type``, ``tax_rate``)."""
    words = key_tokens(key).split()
    if not words or len(words) > 5:
        return False
    if words[-1] in _TAX_LAST or " ".join(words[-2:]) in _TAX_REGISTRATIONS:
        return True
    last = words[-1]
    if last[:3] in ("tax", "vat", "ust") and last[3:] in _TAX_ID_WORDS:
        return True  # fused: ``taxnr``, ``vatno``, German ``ustid`` (USt-IdNr)
    return len(words) >= 2 and _names_tax_number(words[-2]) and last in _TAX_ID_WORDS


#: Keys of a Nordic organisation number (``orgNumber``, ``organisationsnummer``, ``cvr``).
_ORG_NUMBER_LAST = frozenset(
    {"orgnr", "orgno", "orgnummer", "organisationsnummer", "organisasjonsnummer", "ytunnus",
     "cvr"}
)  # fmt: skip
_ORG_WORDS = frozenset({"org", "organisation", "organization", "organisations", "cvr"})


@lru_cache(maxsize=65_536)
def key_names_org_number(key: str) -> bool:
    """A key of an organisation's registration number (``orgNumber``,
    ``organization_number``, ``orgnr``, ``y_tunnus``, ``cvrNumber``); not its id
    (``organizationId``), which is the system's."""
    words = key_tokens(key).split()
    if not words or len(words) > 4:
        return False
    if words[-1] in _ORG_NUMBER_LAST or words[-2:] == ["y", "tunnus"]:
        return True
    return len(words) >= 2 and words[-2] in _ORG_WORDS and words[-1] in ("number", "no", "nr")


#: Brazil's state and municipal tax registrations (``inscricao_estadual``), written without
#: ``tax`` or ``number``.
_TAX_REGISTRATIONS = frozenset(
    {"inscricao estadual", "inscrição estadual", "inscricao municipal", "inscrição municipal"}
)


def _names_tax_number(word: str) -> bool:
    """``tax``, ``vat``, ``cnpj`` (also fused: ``businesscnpj``), German ``ust`` (``USt-IdNr``):
    a word a tax number's key may put before ``number`` or ``id``."""
    return word in ("tax", "taxpayer", "ust") or word in _TAX_LAST or word.endswith("cnpj")


#: Key words of Brazil's registry numbers: a person's CPF, a company's CNPJ.
_CPF_CNPJ_WORDS = frozenset({"cpf", "cnpj", "cpfcnpj"})


@lru_cache(maxsize=65_536)
def key_names_cpf_cnpj(key: str) -> bool:
    """A key whose last word names a CPF or a CNPJ (``companyCnpj``, ``cpf_cnpj``; not
    ``cnpj_type``): its value's check digits tell which."""
    words = key_tokens(key).split()
    return bool(words) and words[-1] in _CPF_CNPJ_WORDS


@lru_cache(maxsize=65_536)
def key_names_organisation_id(key: str, parent: str) -> bool:
    """An id or number of an organisation (``business_entity.government_id``,
    ``employer_number``): where an EIN as the IRS writes it (``12-3456789``) is a tax id."""
    words = key_tokens(key).split()
    if not words or words[-1] not in ("id", "number", "identifier", "no"):
        return False
    return bool(_ORGANISATION_WORDS.intersection(words + key_tokens(parent).split()))


def all_zero_number(text: str) -> bool:
    """A number of four digits or more that are all zeros (``00-0000000``, ``00000000``): a
    stand-in, no document, account or tax number."""
    digits = 0
    for c in text:
        if c.isdigit():
            if c != "0":
                return False
            digits += 1
    return digits >= 4


#: A phone number in E.164 with its plus and nothing else (``+15557890123``).
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
#: A North American number written with its country code and no plus (``14154009186``):
#: ``1``, an area code and an exchange that start with 2 to 9, four more digits.
_NANP_WITH_CODE = re.compile(r"^1[2-9]\d{2}[2-9]\d{6}$")
#: Last key words under which a telephony API puts a line's number (``numbers[*].number``,
#: ``fallback_number``, ``to``, ``from``, ``msisdn``).
_LINE_LAST = frozenset({"number", "to", "from", "msisdn", "did", "tollfree", "caller", "callee"})
#: Key words of numbers that are no telephone line (``account_number``, ``card_number``).
_NOT_LINE_WORDS = frozenset(
    {"account", "card", "routing", "tax", "passport", "license", "licence", "document", "social",
     "ssn", "national", "identity", "id", "registration", "vat", "bank", "iban", "policy",
     "member", "customer", "employee", "student", "patient", "date", "time", "build", "port",
     "version", "sequence", "seq", "page", "house", "street", "building", "flat", "unit", "room",
     "apartment", "suite", "floor"}
)  # fmt: skip


def phone_in_e164(text: str) -> bool:
    """A phone number written in E.164 with its plus (``+15557890123``), of a length its
    country code allows (fictional ``555`` numbers too: the notation says what it is)."""
    if _E164.match(text) is None:
        return False
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(text, None))
    except phonenumbers.NumberParseException:
        return False


#: Parent words of an identity or tax number's object (``payer.identification.number``,
#: ``taxInformation[*].number``): its ``number`` is no telephone line.
_NOT_LINE_PARENT = _NOT_LINE_WORDS | {"identification", "information", "documents", "doc"}


@lru_cache(maxsize=65_536)
def key_says_line_number(key: str, parent: str) -> bool:
    """A key a telephony API puts a line's number under (``number``, ``fallback_number``,
    ``to``), not a number of another kind (``account_number``, ``order_number``,
    ``identification.number``)."""
    words = key_tokens(key).split()
    return (
        bool(words)
        and len(words) <= 3
        and words[-1] in _LINE_LAST
        and not _NOT_LINE_WORDS.intersection(words)
        and not _NOT_LINE_PARENT.intersection(key_tokens(parent).split())
        and not key_says_identifier(key)
    )


def phone_by_notation(text: str, key: str, parent: str) -> bool:
    """A phone number by its notation: E.164 with its plus under any key but an identifier's
    (``number: "+15557890123"``), or a North American number with its country code and no
    plus (``14154009186``) under a line's key (``numbers[*].number``, ``to``)."""
    if text.startswith("+"):
        return phone_in_e164(text) and not key_says_identifier(key)
    return (
        len(text) == 11
        and _NANP_WITH_CODE.match(text) is not None
        and key_says_line_number(key, parent)
    )


#: Resources whose id some APIs call a token (Lithic's ``account_token``, ``card_token``).
_RESOURCE_WORDS = frozenset(
    {"account", "card", "customer", "transaction", "event", "payment", "holder", "merchant",
     "program", "entity", "business", "individual", "owner", "document", "financial", "order",
     "product", "dispute", "transfer", "balance", "statement", "external", "parent", "funding"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_says_resource_token(key: str, parent: str) -> bool:
    """``account_token``, ``card_token``, an ``order``'s ``token``: a resource's id that an
    API calls a token (Lithic's, Shopify's), no credential; a bare ``token`` or an
    ``access_token``, ``reset_token``, ``redemptionToken`` may be one."""
    words = key_tokens(key).split()
    if not words or words[-1] != "token":
        return False
    if len(words) == 1:
        owner = key_tokens(parent).split()
        return len(owner) == 1 and owner[0].removesuffix("s") in _RESOURCE_WORDS
    return len(words) <= 4 and all(w in _RESOURCE_WORDS for w in words[:-1])


#: Words of a key that name an identity document's number whatever its kind.
_DOCUMENT_NUMBER_WORDS = frozenset({"document", "doc", "documento", "dokument", "identity"})


@lru_cache(maxsize=65_536)
def key_says_document_number(key: str) -> bool:
    """``documentNumber``, ``doc_no``, ``identity_number``: some identity document's number,
    the kind not said."""
    words = key_tokens(key).split()
    return (
        2 <= len(words) <= 3
        and words[-1] in ("number", "no", "num", "nr", "numero")
        and bool(_DOCUMENT_NUMBER_WORDS.intersection(words))
    )


#: Salutations that say a gender (``Mrs``, ``MR``, ``Miss``, ``Herr``); ``Dr`` and ``Prof`` do not.
_GENDERED_SALUTATIONS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "sir", "madam", "mme", "mlle", "monsieur", "madame",
     "herr", "frau", "sr", "sra", "srta", "señor", "señora", "sig", "sig.ra", "signor",
     "signora", "dhr", "mevr", "pan", "pani", "hr", "fru"}
)  # fmt: skip
#: Last key words of a name's prefix (FHIR's ``name[*].prefix``, ``namePrefix``, ``Anrede``);
#: not ``title``, which is as often a job's.
_PREFIX_KEY_WORDS = frozenset(
    {"prefix", "prefixes", "salutation", "honorific", "anrede", "civilite", "civility",
     "tratamiento", "saludo"}
)  # fmt: skip


def salutation_by_key(value: object, key: str) -> bool:
    """A gendered salutation (``Mrs``, ``MR``, ``Miss``) under a key that names a name's
    prefix or a salutation (FHIR's ``name[*].prefix[*]``): a gender, by the sets' labels."""
    if not isinstance(value, str) or len(value) > 8:
        return False
    words = key_tokens(key).split()
    return (
        bool(words)
        and words[-1] in _PREFIX_KEY_WORDS
        and value.strip().rstrip(".").lower() in _GENDERED_SALUTATIONS
    )


#: Stems of birth in the keys of many languages (``dateOfBirth``, ``geburtsdatum``,
#: ``data_nascimento``, ``生年月日``), found inside compound keys.
_BIRTH_STEMS = re.compile(
    r"birth|dob|bday|bdate|born|geburt|nasc|naiss|nacim|geboort|urodz|fodsel|foedsel|fødsel|syntym|"
    r"dogum|doğum|生年月日|誕生|생년월일|생일|出生"
)
#: Abbreviations of birth that are whole key words (``fecha_nac``, ``dt_nasc``).
_BIRTH_ABBREVIATIONS = frozenset({"nac", "dn", "fn", "geb", "nais"})


#: Words of a date key that name another event than a birth (``data_registro``,
#: ``data_inicio_situacao``, ``bills_on``, ``issued_at``), in English, Portuguese, Spanish,
#: French, German and Italian.
_EVENT_WORDS = frozenset(
    {"registro", "registration", "registered", "inicio", "start", "started", "begin",
     "cancelamento", "cancellation", "cancelled", "canceled", "constituicao", "incorporation",
     "incorporated", "founded", "foundation", "situacao", "status", "created", "creation",
     "updated", "modified", "issued", "issue", "expiry", "expires", "expiration", "valid",
     "validity", "bills", "billed", "billing", "due", "paid", "payment", "shipped", "delivered",
     "delivery", "opened", "closed", "since", "effective", "abertura", "emissao", "vencimento",
     "fim", "termino", "encerramento", "alta", "baja", "creacion", "emision", "expedicion",
     "debut", "fin", "beginn", "ende", "ausstellung", "gultig", "inizio", "scadenza",
     "order", "invoice", "contract", "hire", "hired", "joined", "termination", "last", "next"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_names_other_event(key: str, parent: str = "") -> bool:
    """A date key that names another event than a birth and no birth (``data_registro``,
    ``bills_on``, ``data_inicio_situacao``): what the key model makes of the unknown words
    beside ``data``/``date`` does not make it a birth date."""
    if _BIRTH_STEMS.search(f"{key} {parent}".lower()):
        return False
    words = key_tokens(key).split()
    return not _BIRTH_ABBREVIATIONS.intersection(words) and bool(_EVENT_WORDS.intersection(words))


def key_names_birth_date(key: str) -> bool:
    """A key whose words name a birth date (``dob``, ``date_of_birth``, ``birthdate``), not a
    place of birth or a part of the date."""
    words = key_tokens(key).split()
    return (
        0 < len(words) <= 4
        and bool(_BIRTH_WORDS.intersection(words))
        and not _NOT_BIRTH_DATE.intersection(words)
        and not any(w in _DATE_PARTS for w in words)
    )


#: Key words that name the street itself (``street``, ``streetName``, ``logradouro``): a
#: street's name without a number or street word (``Praia de Botafogo``) is one there.
_STREET_KEY_WORDS = frozenset(
    {"street", "streetname", "logradouro", "calle", "strasse", "straße", "rue", "via", "road",
     "straat", "gata", "gatan", "ulica", "sokak", "cadde", "rua", "thoroughfare"}
)  # fmt: skip


def no_street_line(text: str, key: str) -> bool:
    """A value with neither a digit nor a street word (``TEST BANK ADDRESS``, ``NOT USING
    EXTERNAL SERVICE``, ``Checkout.com``) under an address key that does not name the street
    itself (``bank_address``, ``address_line1``): no street line."""
    if any(c.isdigit() for c in text) or STREET_WORDS.search(text):
        return False
    if _MORE_STREET_WORDS.search(text):
        return False
    return not _STREET_KEY_WORDS.intersection(key_tokens(key).split())


#: A FHIR primitive's extension (``name[*]._family.extension[*].valueString``): German
#: profiles split a family name into its own part, nobility words and prefixes, and a street
#: line into street name and house number, each an extension of the primitive it refines.
_FHIR_PART_EXTENSION = re.compile(
    r"\.(name|address)(?:\[\*\])?\._(family|given|prefix|suffix|line)(?:\[\*\])?"
    r"\.extension\[\*\]\.valueString$"
)
#: The extensions (by their URL's last part) that hold a part of a person's name or of a
#: street line: HL7's core extensions and the German base profile's name addition.
_FHIR_PART_URLS: dict[str, str] = {
    "humanname-own-name": "person_name",
    "humanname-own-prefix": "person_name",
    "humanname-partner-name": "person_name",
    "humanname-partner-prefix": "person_name",
    "humanname-namenszusatz": "person_name",
    "iso21090-ADXP-streetName": "street_address",
    "iso21090-ADXP-streetNameBase": "street_address",
    "iso21090-ADXP-houseNumber": "street_address",
}
#: The words of the extensions and of HL7 v2's family-name components (``Own Surname
#: Prefix``, ``Surname From Partner/Spouse``), written as test values where a value should be
#: (``Own``, ``SpousePrefix``).
_FHIR_PART_WORDS = frozenset(
    {"own", "prefix", "partner", "spouse", "name", "family", "given", "surname", "from",
     "street", "house", "number", "line"}
)  # fmt: skip
_FIELD_WORDS_IN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def fhir_extension_type(path: str, url: str, value: str) -> str | None:
    """The type a FHIR extension of a name's or an address's part holds, by the extension's
    URL (``…/humanname-own-name``: a person's name; ``…/iso21090-ADXP-streetName``: a
    street) under the primitive it belongs to (``name[*]._family``, ``address[*]._line``),
    or None; not the extension's own words nor a code in capitals (``VV``)."""
    found = _FHIR_PART_EXTENSION.search(path)
    kind = _FHIR_PART_URLS.get(url.rstrip("/").rsplit("/", 1)[-1])
    if found is None or kind is None:
        return None
    text = value.strip()
    words = {w.lower() for w in _FIELD_WORDS_IN.findall(text)}
    if (words and words <= _FHIR_PART_WORDS) or (text.isupper() and len(text) <= 3):
        return None
    holder = found.group(1)
    return kind if (holder == "name") == (kind == "person_name") else None
