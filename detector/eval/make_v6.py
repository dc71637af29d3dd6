"""Build ``data/v6/real.jsonl``: real example payloads, SDK fixtures and recorded traffic that
fifteen API publishers released under permissive licences, none used by v1 to v5, labelled by
the rules below and then by hand decisions (``data/v6/overrides.json``).

``python -m detector.eval.make_v6 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v6`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.
"""

from __future__ import annotations

import base64
import gzip
import ipaddress
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cnpj as br_cnpj
from stdnum.br import cpf as br_cpf
from stdnum.us import ein as us_ein
from stdnum.us import ssn as us_ssn

from detector.eval import real_sets
from detector.eval.real_sets import Source, words
from detector.eval.real_sets import camel_head as _camel_head
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import load_json as _json
from detector.eval.real_sets import load_yaml as _yaml
from detector.eval.real_sets import openapi_examples as _openapi_examples
from detector.eval.real_sets import rel as _rel
from detector.eval.real_sets import schema_objects as _schema_objects

#: The data tests read a set's leaves and hand decisions through its builder.
leaves = real_sets.leaves
_decision = real_sets.decision

DATA = Path(__file__).resolve().parent / "data" / "v6"
OUT = DATA / "real.jsonl"
OVERRIDES = DATA / "overrides.json"


SOURCES: dict[str, Source] = {
    "matrix": Source(
        "matrix-org/matrix-spec",
        "d0ba2aaef801e0134a4e5c6054a2c2f41bb55531",
        "Apache-2.0",
        ("data/api/*.yaml", "data/event-schemas/examples/*"),
        "object examples of the Matrix client-server, server-server, identity, application-service "
        "and push-gateway API descriptions, and the event examples",
    ),
    "lithic": Source(
        "lithic-com/lithic-openapi",
        "225e0708c9248e9b5051b98ad6f8a6cdc0b1eff0",
        "Apache-2.0",
        ("lithic-openapi.yml",),
        "object examples of Lithic's card-issuing API description (account holders, KYC/KYB, "
        "cards, external bank accounts)",
    ),
    "plivo": Source(
        "plivo/plivo-python",
        "a0cd3237d2ce1dc46434572997f9ccf380502af0",
        "MIT",
        ("tests/resources/fixtures/*.json",),
        "API response fixtures of the client's tests (accounts, calls, messages, numbers, "
        "identities, brands, campaigns)",
    ),
    "workos": Source(
        "workos/workos-node",
        "fd885bccd2949a1f8fa90305db424ab1eb394e6f",
        "MIT",
        ("src/*/fixtures/*.json",),
        "API response fixtures of the client's tests (users, organizations, directory sync, "
        "vault, connect applications)",
    ),
    "paddle": Source(
        "PaddleHQ/paddle-python-sdk",
        "48c8cc04ecd5eb87b1861731bc56f7ec1abfe284",
        "Apache-2.0",
        ("tests/*/_fixtures/*.json",),
        "request and response bodies and notification payloads of the client's tests",
    ),
    "mailgun": Source(
        "mailgun/mailgun-ruby",
        "0cd4c77bc4211eaf6822d2c9462647dd76ea908a",
        "Apache-2.0",
        ("vcr_cassettes/*.yml",),
        "recorded traffic (VCR cassettes): every JSON response body",
    ),
    "dwolla": Source(
        "Dwolla/dwolla-openapi",
        "d4901e43af48d302fc8ff611d15f9510e06841cf",
        "MIT",
        ("openapi.yml",),
        "object examples of the bundled API description and objects assembled from its schemas' "
        "property examples",
    ),
    "mx": Source(
        "mxenabled/openapi",
        "61085cf486f5ab774eb15f3b8c85102d94481815",
        "MIT",
        ("openapi/v20250224.yml",),
        "objects assembled from the MX Platform API schemas' property examples",
    ),
    "truelayer": Source(
        "TrueLayer/truelayer-java",
        "d4173ee2f1a2da4b5b77c7af1eb4e81d882b14eb",
        "MIT",
        ("src/test/resources/__files/*.json",),
        "the mocked API responses of the client's tests (payments, mandates, payouts, merchant "
        "accounts, Signup+ user data)",
    ),
    "sinch": Source(
        "sinch/sinch-sdk-java",
        "d747cc303ef2f06b0f221f01017ebddad346df9f",
        "Apache-2.0",
        ("openapi-contracts/src/test/resources/domains/*.json",),
        "the DTO test bodies of the SDK's contracts (conversation, numbers, SMS, voice, "
        "verification, number lookup)",
    ),
    "currencycloud": Source(
        "CurrencyCloud/currencycloud-python",
        "a72d32a27ab345871e99ff9ececcc5e6728f9bec",
        "MIT",
        ("tests/fixtures/vcr_cassettes/*.json",),
        "recorded traffic (VCR cassettes): every JSON response body (gzip bodies decoded): "
        "accounts, contacts, beneficiaries, payments, conversions",
    ),
    "netatmo": Source(
        "jabesq/pyatmo",
        "8bf11a0a400dfc18ba8c8c1c75cdf19b4d185c4b",
        "MIT",
        ("fixtures/*.json",),
        "Netatmo API responses the client's tests replay (weather stations, cameras, homes, "
        "thermostats, OAuth tokens)",
    ),
    "finix": Source(
        "finix-payments/finix-python",
        "ecacb7736bf217bd43d4c14ff7feedb37ad2f70f",
        "Apache-2.0",
        ("spec/finix_openapi.yaml",),
        "object examples of Finix's payments API description (identities, merchants, payment "
        "instruments, transfers, disputes)",
    ),
    "moip": Source(
        "wirecardBrasil/moip-sdk-java",
        "c8bfac1df4b99cf9b474a387101927dd22ea4368",
        "MIT",
        ("src/test/resources/plays/*.yaml",),
        "recorded traffic of Moip (Wirecard Brasil) the client's tests replay: every JSON request "
        "and response body (customers, accounts, orders, payments, transfers)",
    ),
    "logingov": Source(
        "18F/identity-idp",
        "e4407766eb797428a21ff226f935d7ee0950ecff",
        "CC0-1.0 (public domain)",
        (
            "spec/fixtures/proofing/lexis_nexis/*.json",
            "spec/fixtures/socure_docv/*.json",
            "spec/fixtures/ial2_test_*.yml",
            "spec/fixtures/passport_*.yml",
            "spec/fixtures/puerto_rico_resident.yml",
        ),
        "login.gov's fixtures of its identity-proofing vendors' API bodies (LexisNexis "
        "InstantVerify, PhoneFinder, TrueID and ThreatMetrix, Socure DocV) and of the document "
        "data its mock document-authentication vendor returns",
    ),
}
#: Family prefix of each source (``v6<source>/<family>``).
PREFIX = "v6"
#: Selection: arrays cut to their first items; documents of this many leaves; per family at
#: most ``PER_FAMILY`` documents with rule labels (richest first) and one without; per source at
#: most ``PER_SOURCE`` documents.
ARRAY_ITEMS = 3
MIN_LEAVES, MAX_LEAVES = 4, 200
#: Documents with rule labels on fewer than this share of their leaves are left out.
MIN_DENSITY = 0.05
PER_FAMILY = 6
PER_SOURCE = 60
CAPS = real_sets.Caps(
    PREFIX, ARRAY_ITEMS, MIN_LEAVES, MAX_LEAVES, MIN_DENSITY, PER_FAMILY, PER_SOURCE
)


def default_cache() -> Path:
    """Where the sources are kept: ``$SIEVE_CACHE/eval-v6`` (outside the repository)."""
    return real_sets.default_cache("eval-v6")


# ---------------------------------------------------------------------------- extraction


def _path_family(path: str) -> str:
    """The first word of an API path that is neither a version nor a parameter."""
    for part in path.strip("/").split("/"):
        if part and not part.startswith("{") and not re.fullmatch(r"v\d+(\.\d+)?|r\d+|api", part):
            return part.replace(".", "_")
    return "root"


def _constant(family: str) -> Callable[[str], str]:
    """A family function that names one family whatever the API path."""
    return lambda _path: family


def _matrix(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "matrix"):
        rel = _rel(cache, "matrix", p)
        if rel.startswith("data/event-schemas/"):
            body = _json(p.read_text(encoding="utf-8")) if p.suffix == ".json" else _yaml(p)
            if isinstance(body, dict):
                kind = str(body.get("type") or p.stem).split(".")
                yield "events_" + (kind[1] if len(kind) > 2 else kind[-1]), body
            continue
        spec = _yaml(p)
        if isinstance(spec, dict):
            api = rel.split("/")[2].replace("-", "_")
            yield from _openapi_examples(spec, _constant(f"{api}.{p.stem}"))


def _lithic(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "lithic"):
        yield from _openapi_examples(_yaml(p), _path_family)


def _dwolla(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "dwolla"):
        spec = _yaml(p)
        yield from _openapi_examples(spec, _path_family)
        yield from _schema_objects(spec)


def _mx(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "mx"):
        spec = _yaml(p)
        yield from _openapi_examples(spec, _path_family)
        yield from _schema_objects(spec)


def _plivo_family(rel: str) -> str:
    stem = Path(rel).stem
    for long in ("multiPartyCalls", "maskingSession", "liveCall", "verifyCallerid", "tollfree"):
        if stem.startswith(long):
            return long.lower()
    return _camel_head(stem)


def _paddle_family(rel: str) -> str:
    parts = rel.split("/")
    if parts[1] == "Functional":
        return parts[3].lower()
    return Path(rel).stem.split(".")[0].replace("-", "_") if "entity" in parts else "notification"


def _sinch_family(rel: str) -> str:
    parts = rel.split("/")[4:-1]  # after openapi-contracts/src/test/resources/domains
    return ".".join(p for p in parts if not re.fullmatch(r"v\d+", p))[:60]


def _mailgun(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "mailgun"):
        tape = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        for one in tape.get("http_interactions") or []:
            for side in ("request", "response"):
                text = ((one.get(side) or {}).get("body") or {}).get("string") or ""
                body = _json(text)
                if isinstance(body, dict | list):
                    yield p.stem.replace(".todo", ""), body


def _currencycloud(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "currencycloud"):
        tape = _json(p.read_text(encoding="utf-8")) or {}
        for one in tape.get("http_interactions") or []:
            raw = (one.get("response") or {}).get("body") or {}
            text = raw.get("string") or ""
            if raw.get("base64_string"):
                data = base64.b64decode(raw["base64_string"])
                text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode()
            body = _json(text)
            if isinstance(body, dict | list):
                yield _rel(cache, "currencycloud", p).split("/")[3], body


def _finix(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "finix"):
        yield from _openapi_examples(_yaml(p), _path_family)


def _moip(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "moip"):
        text = p.read_text(encoding="utf-8").replace("!play", "", 1)
        tape = yaml.safe_load(text) or {}
        for one in tape.get("interactions") or []:
            for side in ("request", "response"):
                raw = (one.get(side) or {}).get("body")
                body = _json(raw) if isinstance(raw, str) else None
                if isinstance(body, dict | list):
                    yield _rel(cache, "moip", p).split("/")[4], body


def _logingov(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "logingov"):
        rel = _rel(cache, "logingov", p)
        if p.suffix == ".json":
            body = _json(p.read_text(encoding="utf-8"))
            parts = rel.split("/")[2:-1]
            family = ".".join(x for x in parts if x != "proofing")
        else:
            body = _yaml(p)
            family = "document_credentials"
        if isinstance(body, dict | list):
            yield family, body


NETATMO_FAMILIES = ("camera", "home_coach", "home_data", "home_status", "public_data")


def _netatmo_family(rel: str) -> str:
    stem = Path(rel).stem
    return next((f for f in NETATMO_FAMILIES if stem.startswith(f)), stem.split("_")[0])


EXTRACTORS: dict[str, Callable[[Path], Iterator[tuple[str, Any]]]] = {
    "matrix": _matrix,
    "lithic": _lithic,
    "plivo": _json_files("plivo", _plivo_family),
    "workos": _json_files("workos", lambda rel: rel.split("/")[1].replace("-", "_")),
    "paddle": _json_files("paddle", _paddle_family),
    "mailgun": _mailgun,
    "dwolla": _dwolla,
    "mx": _mx,
    "truelayer": _json_files("truelayer", lambda rel: rel.split("/")[4]),
    "sinch": _json_files("sinch", _sinch_family),
    "currencycloud": _currencycloud,
    "netatmo": _json_files("netatmo", _netatmo_family),
    "finix": _finix,
    "moip": _moip,
    "logingov": _logingov,
}

# ---------------------------------------------------------------------------- rules

EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
EMAIL_IN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
JWT = re.compile(r"^(Bearer )?eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$")
JWT_IN = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}")
MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MXID = re.compile(r"^@[a-z0-9._=/+-]+:[A-Za-z0-9.-]+(:\d+)?$")
PHONE = re.compile(r"^\+?\(?[0-9][0-9 ().-]{6,18}[0-9]$")
STAND_IN = re.compile(
    r"^(string|text|null|none|n/?a|test|example|sample|placeholder|redacted|value|xxx+|\*+|"
    r"your[ _-].*|<.*>|\{\{.*\}\}|\$\{.*\}|.*(\*{3,}|x{4,}|X{4,}|•{3,}).*)$",
    re.IGNORECASE,
)
#: Parents (or their last word) whose ``name`` is a person's.
PERSON_PARENTS = {
    "user",
    "users",
    "customer",
    "individual",
    "individuals",
    "contact",
    "contacts",
    "owner",
    "holder",
    "account_holder",
    "beneficiary",
    "beneficial_owner",
    "beneficial_owners",
    "beneficial_owner_individuals",
    "control_person",
    "controller",
    "cardholder",
    "payer",
    "payee",
    "remitter",
    "sender",
    "recipient",
    "member",
    "members",
    "person",
    "profile",
    "identity",
    "representative",
    "signatory",
    "agent",
    "end_user",
    "participant",
}
NAME_WORDS = {
    ("first", "name"),
    ("last", "name"),
    ("given", "name"),
    ("family", "name"),
    ("middle", "name"),
    ("full", "name"),
    ("firstname",),
    ("lastname",),
    ("givenname",),
    ("surname",),
    ("sur", "name"),
    ("forename",),
    ("nickname",),
    ("fullname",),
    ("pseudo",),
    ("holder", "name"),
    ("owner", "name"),
    ("cardholder", "name"),
    ("beneficiary", "name"),
    ("contact", "name"),
    ("legal", "name"),
    ("displayname",),
    ("display", "name"),
    ("person", "name"),
    ("account", "holder", "name"),
    ("customer", "name"),
    ("user", "name"),
}
NAME_WORD = re.compile(
    r"^[^\W\d_a-z][^\W\d_]*(['\u2019-][^\W\d_]+)*\.?$|^(van|de|der|da|das|do|dos|di|du|von|del|la|le)$"
)
NOT_NAMES = {
    "admin",
    "user",
    "customer",
    "test",
    "bank",
}
COMPANY = re.compile(
    r"\b(inc|llc|ltd|limited|gmbh|corp|co|company|bank|plc|sa|bv|group|business|store|shop)\b\.?",
    re.IGNORECASE,
)
CARD_IIN = re.compile(r"^(4|5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|35|30|36|38|62)")
STREET = re.compile(
    r"\b(st|street|road|rd|ave|avenue|lane|ln|way|drive|dr|blvd|boulevard|court|ct|place|pl|"
    r"square|sq|parkway|pkwy|terrace|highway|hwy|circle|row|close|crescent|strasse|straße|"
    r"rue|calle|via|weg|gata|katu)\b",
    re.IGNORECASE,
)


#: Words of keys whose numbers are not phone numbers (``systems_trace_audit_number``).
NOT_PHONE = {
    "trace",
    "audit",
    "reference",
    "order",
    "invoice",
    "transaction",
    "account",
    "card",
    "tax",
    "company",
    "registration",
    "loan",
    "check",
    "sequence",
    "vehicle",
    "tracking",
    "serial",
}


def _stand_in(value: str, key: str) -> bool:
    v = value.strip()
    if not v or STAND_IN.match(v):
        return True
    if v.replace("_", "").lower() == key.replace("_", "").lower():
        return True
    digits = re.sub(r"\D", "", v)
    return bool(digits) and set(digits) == {"0"} and len(digits) >= 4


def _looks_name(value: str) -> bool:
    v = value.strip()
    if v.lower() in NOT_NAMES or COMPANY.search(v) or any(c.isdigit() for c in v):
        return False
    parts = v.split()
    return 1 <= len(parts) <= 4 and all(NAME_WORD.match(p) for p in parts)


def _is_ip(value: str) -> bool:
    if value in ("0.0.0.0", "::", "127.0.0.1/8") or "/" in value:
        return False
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return False
    return ip.version == 6 or value.count(".") == 3


def _card(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and bool(CARD_IIN.match(digits)) and luhn.is_valid(digits)


def _free_text(value: str) -> set[str]:
    """The types of the values found inside a sentence."""
    out = set()
    if EMAIL_IN.search(value):
        out.add("email")
    if JWT_IN.search(value):
        out.add("jwt")
    return out


def _has(ws: list[str], *seq: str) -> bool:
    """Whether ``seq`` occurs in ``ws`` as consecutive words."""
    n = len(seq)
    return any(tuple(ws[i : i + n]) == seq for i in range(len(ws) - n + 1))


def _parent_words(parents: list[str]) -> set[str]:
    return {w for p in parents[-2:] for w in words(p)} | {"_".join(words(p)) for p in parents[-2:]}


def rule_label(  # noqa: PLR0911, PLR0912, PLR0915 (one table of rules, read top to bottom)
    parents: list[str], key: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The type a leaf's key, its parents' and siblings' keys and its value suggest, or None."""
    ws = words(key)
    joined = "_".join(ws)
    pw = _parent_words(parents)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float | int):
        if joined in (
            "latitude",
            "longitude",
            "lat",
            "lng",
            "lon",
            "long",
            "location",
            "coordinates",
        ):
            return "geo_location" if isinstance(value, float) else None
        birth = {"dob", "birthdate", "birthday", "birth"} & pw
        if birth and joined in ("day", "month", "year") and isinstance(value, int):
            return "date_of_birth"
        if isinstance(value, int) and value >= 100000:
            value = str(value)
        else:
            return None
    if not isinstance(value, str):
        return None
    v = value.strip()
    if _stand_in(v, key):
        return None
    # values that are what they are under any key
    if JWT.match(v):
        return "jwt"
    if EMAIL.match(v):
        return "email"
    if MAC.match(v):
        return "mac_address"
    if MXID.match(v):
        return "username"
    compact = re.sub(r"[\s-]", "", v)
    if len(compact) >= 15 and compact[:2].isalpha() and std_iban.is_valid(compact):
        return "iban"
    digits = re.sub(r"\D", "", v)
    if _is_ip(v) and not ({"netmask", "gateway", "dns", "mask", "version"} & set(ws)):
        return "ip_address"
    if v.startswith("geo:") and re.match(r"^geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?", v):
        return "geo_location"
    if UUID.match(v):
        return None
    # secrets
    secretish = {"secret", "password", "passwd", "pwd", "passphrase"} & set(ws)
    not_secret = {"policy", "reset", "url", "hint", "expired", "type", "changed"}
    if secretish & {"password", "passwd", "pwd", "passphrase"} and not (not_secret & set(ws)):
        return "password" if len(v) < 64 else "secret_key"
    not_key = {"id", "name", "type", "hint", "last4", "preview"}
    keyish = "secret" in ws or joined in ("private_key", "api_key", "apikey", "signing_key")
    if keyish and len(v) >= 8 and not (not_key & set(ws)):
        return "secret_key"
    not_token = {"type", "id", "expires", "page", "next", "pagination", "batch"}
    if "token" in ws and len(v) >= 12 and " " not in v and not (not_token & set(ws)):
        bearer = _has(ws, "access", "token") or _has(ws, "refresh", "token") or ws == ["token"]
        if bearer or {"auth", "bearer", "api", "session", "id", "client"} & set(ws):
            return "secret_key"
    # identity numbers (a sibling may name the document)
    kind = " ".join(
        str(siblings.get(k, ""))
        for k in ("id_type", "document_type", "type", "Type", "document_type_received")
    ).lower()
    if "ssn" in kind and joined == "number" and len(digits) == 9:
        return "us_ssn" if us_ssn.is_valid(digits) else None
    if _has(ws, "state", "id", "number") and any(c.isdigit() for c in v):
        return "drivers_license" if "driv" in kind else "national_id"
    if joined in ("id_number", "document_number", "number") and any(c.isdigit() for c in v):
        if kind.strip() == "cpf":
            return "national_id" if br_cpf.is_valid(v) else None
        if kind.strip() == "cnpj":
            return "tax_id" if br_cnpj.is_valid(v) else None
        if kind.strip() in ("dni", "cc", "curp", "rg", "unknown") or "national" in kind:
            return "national_id"
        if kind.strip() in ("rfc", "ein", "tin", "nit", "ruc"):
            return "tax_id"
        if "passport" in kind:
            return "passport_number"
        if "driv" in kind and "licen" in kind:
            return "drivers_license"
    if ("ssn" in ws or _has(ws, "social", "security")) and "last" not in ws and len(digits) == 9:
        return "us_ssn" if us_ssn.is_valid(digits) else None
    if _has(ws, "government", "id") or joined in ("id_number", "identification_number"):
        if len(digits) == 9 and us_ssn.is_valid(digits):
            business = {"business", "entity", "business_entity", "company"} & pw
            return "tax_id" if business and us_ein.is_valid(digits) else "us_ssn"
        if len(digits) >= 6:
            return "national_id"
    if "passport" in ws and ({"number", "no", "num"} & set(ws) or ws == ["passport"]):
        return "passport_number" if len(v) >= 6 and any(c.isdigit() for c in v) else None
    if (
        _has(ws, "driver", "license")
        or _has(ws, "drivers", "license")
        or _has(ws, "driving", "licence")
        or _has(ws, "driving", "license")
    ) and not ({"state", "country", "expiry", "expiration", "type"} & set(ws)):
        return "drivers_license" if any(c.isdigit() for c in v) else None
    if (
        _has(ws, "tax", "id")
        or _has(ws, "tax", "identifier")
        or _has(ws, "tax", "number")
        or {"ein", "tin", "vat", "gst", "vatin"} & set(ws)
    ) and not ({"type", "exempt", "status", "rate", "amount", "mode", "category"} & set(ws)):
        return "tax_id" if sum(c.isdigit() for c in v) >= 5 else None
    if (
        _has(ws, "national", "id")
        or _has(ws, "national", "identification")
        or {"nino", "nin", "cpf", "personnummer"} & set(ws)
    ):
        return "national_id" if len(digits) >= 6 else None
    # money
    cardish = {"card", "pan"} & (set(ws) | pw) and ({"number", "pan"} & set(ws) or ws == ["card"])
    if cardish and len(digits) >= 13 and not set(v) - set("0123456789 -"):
        return "credit_card" if _card(digits) else None
    if {"iban"} & set(ws):
        return None  # a valid IBAN was taken above
    bankish = (
        _has(ws, "account", "number")
        or _has(ws, "routing", "number")
        or _has(ws, "sort", "code")
        or {"bsb", "aba", "clabe", "ifsc", "sortcode", "nrb"} & set(ws)
        or _has(ws, "routing", "code")
        or _has(ws, "bank", "code")
        or _has(ws, "agency", "number")
        or _has(ws, "agency", "check", "number")
        or _has(ws, "branch", "code")
        or _has(ws, "transit", "number")
        or _has(ws, "institution", "number")
        or (joined == "number" and {"account", "bank_account", "bank"} & pw)
        or (joined == "routing" and {"bank", "account", "ach"} & (pw | set(ws)))
    )
    if bankish and len(digits) >= 4 and not set(v) - set("0123456789 -"):
        if "last" in ws or {"mask", "masked"} & set(ws):
            return None
        return "bank_account"
    # contact data
    if {"phone", "mobile", "msisdn", "telephone", "tel", "fax", "cell"} & set(ws) or (
        {"phone", "phones", "phone_number", "phone_numbers"} & pw and ws in (["number"], ["value"])
    ):
        if PHONE.match(v) and len(digits) >= 7:
            return "phone"
        return None
    if (
        (
            joined in ("from", "to", "src", "dst", "caller_id", "caller", "callee", "destination")
            or joined in ("number", "alias", "source", "recipient", "sender")
            or joined.endswith(("_number", "_numbers"))
        )
        and PHONE.match(v)
        and (v.startswith("+") or len(digits) in (10, 11, 12))
        and not (NOT_PHONE & set(ws))
    ):
        numberish = {"phone", "numbers", "call", "calls", "message", "sms"}
        direct = ("from", "to", "src", "dst", "caller_id", "destination", "alias")
        ends = ("from", "to", "caller", "callee", "fallback", "forward", "destination", "source")
        if (
            joined in direct
            or numberish & (pw | set(ws))
            or "number" in pw
            or (joined == "number" and not pw)
            or (joined.endswith("_number") and ws[0] in ends)
        ):
            return "phone"
    birth_parent = {"dob", "birthdate", "birthday", "birth", "date_of_birth"} & pw
    if birth_parent and joined in ("day", "month", "year") and v.isdigit():
        return "date_of_birth"
    if (
        {"dob", "birthdate", "birthday"} & set(ws)
        or _has(ws, "birth", "date")
        or (_has(ws, "date", "of", "birth"))
    ):
        return "date_of_birth" if any(c.isdigit() for c in v) else None
    if {"gender", "sex"} & set(ws):
        return "gender" if len(v) <= 20 else None
    if joined in ("title", "salutation") and v.lower().rstrip(".") in ("mr", "mrs", "ms", "miss"):
        return "gender"
    if {"latitude", "longitude", "lat", "lng", "lon"} & set(ws) and re.fullmatch(
        r"-?\d{1,3}\.\d+", v
    ):
        return "geo_location"
    if (
        joined
        in ("address1", "address_1", "address_line1", "address_line_1", "line1", "line_1", "street")
        or joined in ("street_address", "street_line1", "addr1", "first_line", "street_name")
        or joined.endswith(("street1", "street_address1", "physical_address"))
        or (joined == "address" and STREET.search(v))
    ):
        return "street_address" if any(c.isalpha() for c in v) and len(v) >= 4 else None
    loginish = {"username", "login", "handle", "userid"} & set(ws) or joined in (
        "user_name",
        "user",
    )
    if loginish and " " not in v and 2 < len(v) <= 64 and not v.isdigit():
        return "username"
    # names
    wt = tuple(ws)
    name_key = any(_has(ws, *seq) for seq in NAME_WORDS) or wt in NAME_WORDS
    if name_key and not (
        {"company", "business", "file", "display", "bank"} & set(ws) - {"display"}
    ):
        if {"company", "business", "organization", "bank"} & set(ws):
            return None
        return "person_name" if _looks_name(v) else None
    if joined == "name" and (PERSON_PARENTS & pw) and _looks_name(v) and len(v.split()) >= 2:
        return "person_name"
    # free text
    if " " in v and len(v) > 20:
        found = _free_text(v)
        if found:
            return sorted(found)[0]
    return None


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The types the rules give one leaf (free text may give several)."""
    t = rule_label(parents, key, value, sib)
    out = set() if t is None else {t}
    if isinstance(value, str) and " " in value and len(value) > 20:
        out |= _free_text(value)
    return out


#: The shared steps bound to this set's caps, extractors, hand decisions and rules.
SET = real_sets.RealSet(CAPS, EXTRACTORS, OVERRIDES, _leaf_types)
rule_labels = SET.rule_labels
_labels = SET.labels
select = SET.select
build = SET.build
write = real_sets.write


# ---------------------------------------------------------------------------- review

SUSPECT = re.compile(
    r"name|mail|phone|mobile|addr|street|birth|dob|gender|sex|user|login|pass|secret|token|key|"
    r"ssn|tax|tin|ein|vat|passport|licen|national|govern|ident|iban|account|routing|sort|card|"
    r"pan|ip|mac|lat|lng|lon|geo|msisdn|from|to$|number|holder|owner|contact|auth|cred",
    re.IGNORECASE,
)


def review(docs: list[dict[str, Any]]) -> None:
    """Print every label and every unlabelled leaf that looks personal (for the hand check)."""
    real_sets.review(docs, SUSPECT)


def main(argv: list[str]) -> None:
    """``fill MIRRORS``, ``review`` or (no argument) rebuild the committed file."""
    real_sets.main(argv, default_cache(), OUT, build, SOURCES, review)


if __name__ == "__main__":
    main(sys.argv[1:])
