"""Build ``data/v5/real.jsonl``: real example payloads, SDK fixtures, recorded traffic and
contract-test bodies that API vendors, GOV.UK One Login, the CAMARA project and the IETF JOSE
working group published, none used by v1 to v4, labelled by the rules below and then by hand
decisions (``data/v5/overrides.json``).

``python -m detector.eval.make_v5 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v5`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.
"""

from __future__ import annotations

import ast
import datetime
import hashlib
import ipaddress
import json
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.in_ import pan as in_pan
from stdnum.us import ssn as us_ssn

from detector.eval import real_sets
from detector.eval.real_sets import Source, words
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import load_json as _json
from detector.eval.real_sets import rel as _rel

DATA = Path(__file__).resolve().parent / "data" / "v5"
OUT = DATA / "real.jsonl"
OVERRIDES = DATA / "overrides.json"


SOURCES: dict[str, Source] = {
    "duffel": Source(
        "duffelhq/duffel-api-python",
        "48b4b55454434ae584dd1d25e9e244ea004c4db2",
        "MIT",
        ("tests/fixtures/*.json",),
        "response bodies of the client's test fixtures (flights: offers, orders, passengers)",
    ),
    "easypost": Source(
        "EasyPost/easypost-python",
        "8fcf5e4b354fc652c95ec21d6c5495bb67f781a1",
        "MIT",
        ("tests/cassettes/*.yaml",),
        "recorded traffic (VCR cassettes): every JSON request and response body",
    ),
    "lob": Source(
        "lob/lob-openapi",
        "539ed451fc9f3af0d4b1ee01348c095126c64df3",
        "MIT",
        ("dist/lob-api-bundled.yml",),
        "object examples of the bundled OpenAPI description",
    ),
    "razorpay": Source(
        "razorpay/razorpay-python",
        "b56ac018bf023e2b244a73a4bda2ea861115edcf",
        "MIT",
        ("tests/mocks/*.json",),
        "API response mocks of the client's tests",
    ),
    "cartography": Source(
        "lyft/cartography",
        "fd9b0e9afb531be57506ded152cb374cad117d30",
        "Apache-2.0",
        tuple(
            f"tests/data/{p}/*.py"
            for p in (
                "azure",
                "bigfix",
                "crowdstrike",
                "duo",
                "jamf",
                "kandji",
                "lastpass",
                "oci",
                "semgrep",
                "snipeit",
            )
        ),
        "API responses of Azure, BigFix, CrowdStrike, Duo, Jamf, Kandji, LastPass, OCI, Semgrep "
        "and Snipe-IT as the project's tests hold them (Python literals)",
    ),
    "mangopay": Source(
        "Mangopay/mangopay2-python-sdk",
        "23007a0002b3b9bf0384bdbfdf4585d284f236ce",
        "MIT",
        ("tests/fixtures/*.json", "tests/test_*.py"),
        "response fixtures and the JSON bodies the client's tests mock (Python literals)",
    ),
    "nylas": Source(
        "nylas/nylas-python",
        "9a187c696f508c61cfcf465a8c6a38e0b0d864f2",
        "MIT",
        ("tests/conftest.py", "tests/resources/test_*.py"),
        "the API response bodies the client's tests hold (Python literals)",
    ),
    "braintree": Source(
        "braintree/braintree_python",
        "80b03f49e8923e30bdaeeace2acacfcfa7a517cb",
        "MIT",
        ("tests/integration/test_*.py",),
        "the gateway request parameters of the client's integration tests (Python literals; the "
        "gateway's field names, sent as XML)",
    ),
    "unifi": Source(
        "Kane610/aiounifi",
        "4ba00ff5b219b84cc21340ef5be817caf7fcc754",
        "MIT",
        ("tests/fixtures.py", "tests/test_*.py"),
        "UniFi Network controller responses the client's tests replay (Python literals)",
    ),
    "clerk": Source(
        "clerk/openapi-specs",
        "7987d1b776258d5ddd9163e1a03d256b5ac4d64a",
        "MIT",
        ("webhooks/2025-04-15.yml",),
        "object examples of the webhook events' OpenAPI description",
    ),
    "mercadopago": Source(
        "mercadopago/sdk-python",
        "2365940966625e7ccbccb99a283ffaaf266546aa",
        "MIT",
        ("tests/resources/mocks/*.json",),
        "API response mocks of the client's tests (payments, customers, cards, orders)",
    ),
    "govuk": Source(
        "govuk-one-login/ipv-core-back",
        "2c4c24e3ee5f85addcf67f23be2cfd6b571b6db5",
        "MIT",
        (
            "*/pact/*.java",
            "*/fixtures/TestFixtures.java",
            "api-tests/data/*.json",
            "*/src/test/resources/*.json",
        ),
        "the JSON bodies (identity credentials of passport, driving licence, NINO, address, "
        "fraud and bank-account checks; token responses) in the contract tests' Java text blocks, "
        "and the JSON test data (audit events, JAR requests, credentials)",
    ),
    "camara": Source(
        "camaraproject/KnowYourCustomer",
        "9ee657d2a579699674f52df73fa1dc1e39896170",
        "Apache-2.0",
        ("code/API_definitions/*.yaml",),
        "object examples of the CAMARA (Linux Foundation / GSMA Open Gateway) KYC Match, Fill-in "
        "and Age Verification API descriptions",
    ),
    "jose": Source(
        "ietf-jose/cookbook",
        "13692b68bfc18b99557a5b1ed311fd5077bfff04",
        "Unlicense (public domain)",
        ("jwk/*.json", "jws/*.json", "jwe/*.json", "curve25519/*.json", "rfc7797/*.json"),
        "the RFC 7520 (JOSE cookbook) examples as JSON: keys, JWS and JWE objects",
    ),
}
#: Family prefix of each source (``v5<source>/<family>``).
PREFIX = "v5"
#: Selection: arrays cut to their first items; documents of this many leaves; per family at
#: most this many documents with rule labels (richest first) and one without; per source at
#: most ``PER_SOURCE`` documents.
ARRAY_ITEMS = 3
MIN_LEAVES, MAX_LEAVES = 4, 200
#: Documents with rule labels on fewer than this share of their leaves are left out.
MIN_DENSITY = 0.05
PER_FAMILY = 10
PER_SOURCE = 80


def default_cache() -> Path:
    """Where the sources are kept: ``$SIEVE_CACHE/eval-v5`` (outside the repository)."""
    return real_sets.default_cache("eval-v5")


def fill(mirrors: Path, cache: Path) -> None:
    """Copy every source file at its recorded commit out of local git mirrors."""
    real_sets.fill(SOURCES, mirrors, cache)


# ---------------------------------------------------------------------------- extraction


def _duffel(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "duffel"):
        text = p.read_text(encoding="utf-8").strip()
        if not text:
            continue
        stem = re.sub(r"^(create|get|update|confirm|ping)-", "", p.stem)
        stem = re.sub(r"(-by-id|-without-iata-code|-with-null-payment-requirements)$", "", stem)
        stem = re.sub(r"^(hold|instant|partial)-", "", stem).removesuffix("s")
        stem = stem.replace("-by-order-change-request-id", "").removesuffix("s")
        yield stem, json.loads(text)


def _easypost(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "easypost"):
        family = p.stem.removeprefix("test_").split("_")[0]
        tape = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        for one in tape.get("interactions", []):
            bodies = [one.get("request", {}).get("body")]
            bodies.append((one.get("response", {}).get("body") or {}).get("string"))
            for body in bodies:
                if isinstance(body, str) and body.lstrip()[:1] in "{[" and body.strip():
                    try:
                        yield family, json.loads(body)
                    except json.JSONDecodeError:
                        continue


def _openapi_examples(spec: Any) -> Iterator[tuple[str, Any]]:
    """Object examples of an OpenAPI description, each with its first path word (or the
    component's name) as family."""

    def walk(node: Any, family: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "example" and isinstance(v, dict | list):
                    yield family, v
                elif k == "examples" and isinstance(v, dict):
                    for e in v.values():
                        if isinstance(e, dict) and isinstance(e.get("value"), dict | list):
                            yield family, e["value"]
                else:
                    yield from walk(v, family)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, family)

    routes = {**(spec.get("paths") or {}), **(spec.get("webhooks") or spec.get("x-webhooks") or {})}
    for route, item in routes.items():
        words = [w for w in re.split(r"[/.]", route) if w and not w.startswith("{")]
        yield from walk(item, (words[0] if words else "root").lower())
    for kind, items in (spec.get("components") or {}).items():
        for cname, item in (items or {}).items():
            word = re.split(r"[^A-Za-z]|(?<=[a-z])(?=[A-Z])", cname)[0].lower() or kind
            yield from walk(item, word)


def _lob(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "lob"):
        yield from _openapi_examples(yaml.safe_load(p.read_text(encoding="utf-8")))


def _razorpay(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "razorpay"):
        text = p.read_text(encoding="utf-8").strip()
        if not text:
            continue
        try:
            body = json.loads(text)
        except json.JSONDecodeError:  # a few mocks are not JSON (trailing commas): skipped
            continue
        entity = body.get("entity") if isinstance(body, dict) else None
        if entity == "collection":
            items = body.get("items") or [{}]
            entity = items[0].get("entity") if isinstance(items[0], dict) else None
        stem = re.sub(r"^(fake|init|edit)_", "", p.stem)
        stem = re.sub(
            r"_(collection.*|json|detail_payment|cancel|edit|delete|notify_by)$", "", stem
        )
        yield str(entity or stem), body


def _parse(p: Path) -> ast.Module:
    """A cached Python file's syntax tree (their odd string escapes are not our warnings)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        return ast.parse(p.read_text(encoding="utf-8"))


def _literals(tree: ast.AST) -> Iterator[Any]:
    """The outermost dict and list literals of a Python module (``ast.literal_eval``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Dict | ast.List):
            try:
                value = ast.literal_eval(node)
            except (ValueError, SyntaxError, TypeError):
                yield from _literals(node)
                continue
            if isinstance(value, dict) or (value and all(isinstance(v, dict) for v in value)):
                yield value
            else:
                yield from _literals(node)
        else:
            yield from _literals(node)


def _cartography(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "cartography"):
        provider, module = _rel(cache, "cartography", p).split("/")[2], p.stem
        if module != "__init__":
            for value in _literals(_parse(p)):
                yield f"{provider}.{module}", value


def _mangopay(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "mangopay"):
        if p.suffix == ".json":
            family = re.sub(r"(_wallet)?(_\d+)?(_list.*|_update|_submit)?$", "", p.stem)
            yield family.removeprefix("list_"), _json(p.read_text(encoding="utf-8"))
        else:
            family = p.stem.removeprefix("test_")
            for value in _literals(_parse(p)):
                yield family, value


def _python_tests(name: str, cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, name):
        family = p.stem.removeprefix("test_")
        for value in _literals(_parse(p)):
            yield family, value


def _braintree(cache: Path) -> Iterator[tuple[str, Any]]:
    return _python_tests("braintree", cache)


def _unifi(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each module-level fixture of ``tests/fixtures.py`` (a family per fixture name) and the
    bodies in the tests (a family per test file)."""
    for p in _files(cache, "unifi"):
        if p.name != "fixtures.py":
            for value in _literals(_parse(p)):
                yield p.stem.removeprefix("test_"), value
            continue
        for node in _parse(p).body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id.lower()
                name = re.sub(r"^(event|message)_", "", name)
                for value in _literals(ast.Module(body=[ast.Expr(node.value)], type_ignores=[])):
                    yield name, value


def _nylas(cache: Path) -> Iterator[tuple[str, Any]]:
    return _python_tests("nylas", cache)


def _clerk(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "clerk"):
        for family, body in _openapi_examples(yaml.safe_load(p.read_text(encoding="utf-8"))):
            kind = body.get("type") if isinstance(body, dict) else None
            yield (str(kind).split(".")[0] if kind else family), body


def _mercadopago(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "mercadopago"):
        family = re.sub(
            r"_(create|get|search|update|delete|list|cancel|refund)(_all)?$", "", p.stem
        )
        body = _json(p.read_text(encoding="utf-8"))
        if body is not None:
            yield family, body


TEXT_BLOCK = re.compile(r'"""[ \t]*\n(.*?)"""', re.DOTALL)


def _govuk(cache: Path) -> Iterator[tuple[str, Any]]:
    """JSON in Java text blocks; a family per contract (the CRI the test talks to) or fixture."""
    for p in _files(cache, "govuk"):
        rel = _rel(cache, "govuk", p)
        family = p.parent.name if p.parent.name != "pact" else rel.split("/")[1]
        if p.suffix == ".json":
            parts = rel.split("/")
            folder = p.parent.name  # a stub request's family is its CRI, not its persona
            if "cri-stub-requests" in parts:
                folder = parts[parts.index("cri-stub-requests") + 1]
            elif "ticfVc" in parts:
                folder = "ticfVc"
            body = _json(p.read_text(encoding="utf-8"))
            if isinstance(body, dict | list):
                yield folder, body
            continue
        for block in TEXT_BLOCK.findall(p.read_text(encoding="utf-8")):
            body = _json(block.replace('\\"', '"'))
            if isinstance(body, dict | list):
                yield family, body


def _camara(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "camara"):
        for _, body in _openapi_examples(yaml.safe_load(p.read_text(encoding="utf-8"))):
            yield p.stem, body


def _jose(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "jose"):
        yield _rel(cache, "jose", p).split("/")[0], json.loads(p.read_text(encoding="utf-8"))


EXTRACTORS = {
    "duffel": _duffel,
    "easypost": _easypost,
    "lob": _lob,
    "razorpay": _razorpay,
    "cartography": _cartography,
    "mangopay": _mangopay,
    "nylas": _nylas,
    "braintree": _braintree,
    "unifi": _unifi,
    "mercadopago": _mercadopago,
    "govuk": _govuk,
    "camara": _camara,
    "clerk": _clerk,
    "jose": _jose,
}


def _cut(node: Any) -> Any:
    """Arrays cut to their first ``ARRAY_ITEMS`` items (a list keeps its shape, not its length)."""
    if isinstance(node, dict):
        return {str(k): _cut(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_cut(v) for v in node[:ARRAY_ITEMS]]
    if isinstance(node, datetime.date):  # YAML reads unquoted dates; JSON carries them as text
        return node.isoformat()
    if node is None or isinstance(node, str | int | float | bool):
        return node
    return str(node)


# ---------------------------------------------------------------------------- leaves


def leaves(body: Any) -> Iterator[tuple[str, list[str], str, Any, dict[str, Any]]]:
    """Every scalar leaf: path (arrays ``[*]``), the keys of its parents, its own key, value
    and the scalar siblings of its object."""

    def go(n: Any, path: str, parents: list[str], key: str, sib: dict[str, Any]) -> Iterator[Any]:
        if isinstance(n, dict):
            scalars = {k: v for k, v in n.items() if not isinstance(v, dict | list)}
            for k, v in n.items():
                yield from go(v, f"{path}.{k}", [*parents, key] if key else parents, k, scalars)
        elif isinstance(n, list):
            for v in n:
                yield from go(v, f"{path}[*]", parents, key, sib)
        else:
            yield path, parents, key, n, sib

    yield from go(body, "$", [], "", {})


# ---------------------------------------------------------------------------- rules


EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
EMAIL_IN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
JWT = re.compile(r"^(Bearer )?eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$")
JWT_IN = re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")
MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9a-fA-F]{4}\.){2}[0-9a-fA-F]{4}$")
STAND_IN = re.compile(
    r"^(<.*>|\{\{.*\}\}|redacted|x+|\*+.*|string|null|none|n/?a|test|example|sample|"
    r"your[_ -].*|.*placeholder.*|\+?number\d*|email\d*|user\d*|recipient|admin|administrator|"
    r"name|owner|customer|author|test user|fake user|.*\bname \d+|\w+name\d*|address ?line\d*|"
    r"updated\w*|true|false|[x*#\u2022]{2,}[-x*#\u2022 ]*\w{0,4})$",
    re.IGNORECASE,
)
PERSON_PARENTS = {
    "passenger",
    "passengers",
    "user",
    "users",
    "customer",
    "contact",
    "contacts",
    "owner",
    "recipient",
    "sender",
    "to",
    "from",
    "buyer",
    "holder",
    "cardholder",
    "stakeholder",
    "person",
    "employee",
    "member",
    "assignee",
    "requester",
    "responder",
    "agent",
    "billing",
    "shipping",
    "primary",
    "beneficiary",
    "payer",
    "payee",
    "subscriber",
    "author",
    "assignees",
    "reviewers",
    "merged",
    "closed",
    "organizer",
    "participants",
    "attendees",
    "guest",
    "cc",
    "bcc",
    "reply",
    "card",
}
NAME_KEYS = {
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
    ("fullname",),
    ("realname",),
    ("real", "name"),
    ("owner", "name"),
    ("holder", "name"),
    ("account", "holder", "name"),
    ("beneficiary", "name"),
    ("contact", "name"),
    ("cardholder", "name"),
    ("card", "holder", "name"),
    ("display", "name"),
    ("user", "name", "full"),
    ("customer", "name"),
    ("recipient", "name"),
}
NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'\u2019.-]*$|^(van|de|der|da|von|al|la)$")
#: Identity document kinds a sibling ``type`` names (Latin American payers and others).
ID_KINDS = {
    "CPF": "national_id",
    "DNI": "national_id",
    "CURP": "national_id",
    "RUT": "national_id",
    "CI": "national_id",
    "CC": "national_id",
    "NIE": "national_id",
    "PASSPORT": "passport_number",
    "CNPJ": "tax_id",
    "RFC": "tax_id",
    "NIT": "tax_id",
    "CUIT": "tax_id",
    "SSN": "us_ssn",
}
CARD_IIN = re.compile(r"^(4|5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|35|30|36|38|62|50|56|57|58|6)")


def _stand_in(value: str) -> bool:
    v = value.strip()
    return not v or bool(STAND_IN.match(v)) or bool(re.fullmatch(r"[0xX*#\W]+", v))


def _name_word(part: str) -> bool:
    """A capitalised word of letters (any script's), apostrophes, dots and hyphens, or a
    lower-case particle (``van``, ``de``)."""
    if NAME_WORD.match(part):
        return True
    return part[:1].isupper() and all(c.isalpha() or c in "'\u2019.-" for c in part)


def _looks_name(value: str) -> bool:
    parts = value.split()
    return 1 <= len(parts) <= 4 and all(_name_word(p) for p in parts) and len(value) <= 40


def _is_ip(value: str) -> bool:
    try:
        ip = ipaddress.ip_address(
            value.split("/", maxsplit=1)[0] if value.count("/") == 1 else value
        )
    except ValueError:
        return False
    return not ip.is_unspecified


def _card(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits) and bool(CARD_IIN.match(digits))


def _free_text(value: str) -> str | None:
    if JWT_IN.search(value):
        return "jwt"
    if EMAIL_IN.search(value):
        return "email"
    for m in re.finditer(r"\b(?:\d[ -]?){13,19}\b", value):
        if _card(re.sub(r"\D", "", m.group())):
            return "credit_card"
    return None


def rule_label(  # noqa: PLR0911, PLR0912, PLR0915 (one table of rules, read top to bottom)
    parents: list[str], key: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The type a leaf holds by the rules (or ``None``): key words in any casing, the parents'
    and siblings' keys, and value checks."""
    w = words(key)
    ws = set(w)
    pw = {x for p in parents[-2:] for x in words(p)}
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if ws & {"latitude", "longitude", "lat", "lng", "lon"} and -180 <= value <= 180:
            return "geo_location"
        if isinstance(value, float) or value < 100_000:
            return None  # amounts, counts, flags; a long integer is read as its digits
    numeric_keys = {"ssn", "phone", "mobile", "account", "routing", "card", "tax", "ein", "tin"}
    numeric_keys |= {"contact", "msisdn", "fax", "sort", "passport", "licence", "license"}
    if isinstance(value, int) and not ws & numeric_keys:
        return None
    v = str(value).strip()
    if _stand_in(v):
        return None
    sib_words = {x for k in siblings for x in words(k)}
    if key.lower() in {"value", "val"}:  # an opaque value: its sibling or its parent names it
        for name_key in ("type", "name", "key", "field", "label"):
            named = siblings.get(name_key)
            if isinstance(named, str) and named.lower() not in {"value", "string"}:
                return rule_label(parents, named, value, {})
        if parents:
            return rule_label(parents[:-1], parents[-1], value, {})
    # Value shapes that decide alone.
    if JWT.match(v):
        return "jwt"
    if EMAIL.match(v):
        return "email"
    if MAC.match(v) and not ws & {"fingerprint", "hash"}:
        return "mac_address"
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}", v) and std_iban.is_valid(v):
        return "iban"
    if _is_ip(v) and not ws & {"version", "mask", "netmask", "gateway", "dns", "subnet"}:
        return "ip_address"
    # JOSE keys: private members of a JWK.
    if "kty" in siblings and key in {"d", "p", "q", "dp", "dq", "qi", "k"}:
        return "secret_key"
    if ws & {"latitude", "longitude", "lat", "lng", "lon"}:
        return "geo_location" if re.fullmatch(r"-?\d{1,3}\.\d+", v) else None
    digits = re.sub(r"[\s-]", "", v)
    if (ws & {"card", "pan"} or pw & {"card"}) and digits.isdigit() and _card(digits):
        return "credit_card"
    kind = str(siblings.get("type", "")).upper()
    if w == ["number"] and kind in ID_KINDS and re.search(r"\d", v):
        return ID_KINDS[kind]
    card_siblings = {"expiration", "cvv", "cvc", "cardholder", "exp", "expiry"}
    if w == ["number"] and sib_words & card_siblings and digits.isdigit() and _card(digits):
        return "credit_card"
    if ws & {"ssn"} or {"social", "security"} <= ws:
        return "us_ssn" if us_ssn.is_valid(digits) else None
    doc_number = ws & {"number", "no", "num"} or key in {"documentNumber", "personalNumber"}
    if ws & {"passport"} or (pw & {"passport"} and doc_number):
        return "passport_number" if re.search(r"\d", v) and len(v) >= 6 else None
    if pw & {"driving", "licence", "license"} and doc_number:
        return "drivers_license" if re.search(r"\d", v) and len(v) >= 6 else None
    identity_parent = (
        {"social", "security"} <= pw
        or {"id", "card"} <= pw
        or pw & {"national", "idcard", "permit"}
    )
    if identity_parent and doc_number:
        return "national_id" if re.search(r"\d", v) and len(v) >= 6 else None
    if ("driver" in ws or "drivers" in ws or "driving" in ws) and ws & {"license", "licence"}:
        return "drivers_license" if re.search(r"\d", v) and ws & {"number", "id", "no"} else None
    if "unique" in ws and "identifier" in ws and siblings.get("type") == "passport":
        return "passport_number"
    if ws & {"gstin", "gst", "vat", "tin", "ein", "itin"} or {"tax", "id"} <= ws or "pan" in ws:
        if "pan" in ws and not in_pan.is_valid(v):
            return None
        return "tax_id" if re.search(r"\d", v) and len(v) >= 6 else None
    if ws & {"iban"}:
        return "iban" if std_iban.is_valid(v) else None
    if ws & {"ifsc", "routing", "aba", "bsb", "clabe"} or {"sort", "code"} <= ws:
        return "bank_account" if re.search(r"\d", v) else None
    if {"account", "number"} <= ws and not pw & {"card"} and digits.isdigit() and len(digits) >= 6:
        return "bank_account"
    # Secrets: tokens, API keys, passwords.
    if ws & {"password", "passwd", "passphrase", "pwd"}:
        return "password" if " " not in v and len(v) >= 4 else None
    secretish = ws & {"secret", "token", "apikey", "private"} or {"api", "key"} <= ws
    if key == "key" and re.match(r"^(EZ[AT]K|sk_|rk_)", v):
        secretish = True
    if secretish and not ws & {"id", "type", "url", "expires", "name", "public", "truncated"}:
        if len(v) >= 16 and " " not in v and not v.startswith(("pk_", "http")):
            return "secret_key"
        return None
    if ws & {"username", "login"} or ({"user", "name"} <= ws and w[-1] == "name" and len(w) == 2):
        return "username" if " " not in v and len(v) >= 3 else None
    if ws & {"gender", "sex"}:
        return "gender" if v.lower() in {"m", "f", "male", "female", "x", "other"} else None
    if key.lower() == "title" and v.lower().rstrip(".") in {"mr", "mrs", "ms", "miss", "dr", "mx"}:
        return "gender"
    if ws & {"born", "birthday", "dob", "birthdate"} or {"birth", "date"} <= ws:
        return "date_of_birth" if re.search(r"\d{4}|\d{2}[/.-]\d{2}", v) else None
    phone_words = {"phone", "phones", "mobile", "telephone", "tel", "fax", "msisdn", "cell"}
    phone_shaped = bool(re.fullmatch(r"\+?[\d\s().-]{7,20}", v)) and sum(map(str.isdigit, v)) >= 7
    phone_parts = {"number", "primary", "secondary", "home", "work", "mobile"}
    if ws & phone_words or (pw & phone_words and ws & phone_parts):
        return "phone" if phone_shaped else None
    if ws & {"contact"} and phone_shaped:  # Razorpay's `contact` is the customer's phone
        return "phone"
    if ws & {"street", "street1"} and not ws & {"number", "2", "street2"}:
        return "street_address" if re.search(r"[A-Za-z]{3}", v) else None
    if (
        ws & {"line1", "address1"}
        or {"address", "line", "1"} <= ws
        or {"full", "address"} <= ws
        or (w == ["address"] and re.match(r"\d+[A-Za-z]? \w", v))
    ):
        return "street_address" if re.search(r"[A-Za-z]{2}", v) and re.search(r"\d", v) else None
    if w in (["first"], ["last"], ["middle"]) and {"full", "name"} <= pw:
        return "person_name" if _looks_name(v) else None
    if tuple(w) in NAME_KEYS or tuple(w[-2:]) in NAME_KEYS:
        return "person_name" if _looks_name(v) else None
    parent = set(words(parents[-1])) if parents else set()
    if w == ["name"] and parent & PERSON_PARENTS:
        return "person_name" if _looks_name(v) else None
    kind_of = str(siblings.get("type", ""))
    if (w == ["summary"] and kind_of.startswith("user")) or w == ["signatory"]:
        return "person_name" if _looks_name(v) and len(v.split()) >= 2 else None
    if w == ["name"] and sib_words & {"email", "phone", "birth", "username"}:
        return "person_name" if _looks_name(v) and len(v.split()) >= 2 else None
    if ws & {"message", "description", "note", "notes", "comment", "text", "body", "summary"}:
        return _free_text(v)
    return None


# ---------------------------------------------------------------------------- hand decisions


def _decision(
    overrides: dict[str, Any], family: str, path: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The hand decision for one leaf (a type or ``"none"``), or ``None`` where no decision
    names it. A decision names a family (exact, or a prefix ending in ``/``), a path (exact, or
    a suffix beginning with ``.`` or ``[``), optionally a value prefix."""
    del siblings
    for one in overrides["decisions"]:
        fam = one["family"]
        if not (family == fam or (fam.endswith("/") and family.startswith(fam))):
            continue
        p = one["path"]
        if not (path == p or (p[:1] in ".[" and path.endswith(p))):
            continue
        if "value" in one and not str(value).startswith(one["value"]):
            continue
        return str(one["type"])
    return None


def _labels(family: str, body: Any, overrides: dict[str, Any] | None) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for path, parents, key, value, sib in leaves(body):
        t = rule_label(parents, key, value, sib)
        if overrides is not None:
            hand = _decision(overrides, family, path, value, sib)
            if hand is not None:
                t = None if hand == "none" else hand
        if t is not None:
            out.add((path, t))
    return out


# ---------------------------------------------------------------------------- build


def _candidates(cache: Path) -> list[tuple[str, Any]]:
    """Every (family, body) of every source, cut, sized and without exact duplicates."""
    seen: set[str] = set()
    out = []
    for name, extract in EXTRACTORS.items():
        for fam, raw in extract(cache):
            body = _cut(raw)
            if isinstance(body, list):
                body = {"data": body} if body and isinstance(body[0], dict) else None
            if not isinstance(body, dict):
                continue
            n = sum(1 for _ in leaves(body))
            if not MIN_LEAVES <= n <= MAX_LEAVES:
                continue
            digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            out.append((f"{PREFIX}{name}/{fam}", body))
    return out


def select(cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Per family the ``PER_FAMILY`` documents with the most rule-label types (then the
    densest), and the first without a label; per source at most ``PER_SOURCE`` documents,
    families in turn. Families without a rule label are left out. Rule labels only, so the
    hand decisions cannot move the selection."""
    by_family: dict[str, list[tuple[int, Any]]] = {}
    for i, (fam, body) in enumerate(cands):
        by_family.setdefault(fam, []).append((i, body))
    chosen: dict[str, list[int]] = {}
    for fam, docs in by_family.items():
        ranked: list[tuple[int, float, int]] = []
        empty = None
        for i, body in docs:
            lab = _labels(fam, body, None)
            if lab:
                density = len(lab) / sum(1 for _ in leaves(body))
                if density < MIN_DENSITY:
                    continue
                ranked.append((-len({t for _, t in lab}), -density, i))
            elif empty is None:
                empty = i
        if not ranked:
            continue
        picked = [i for _, _, i in sorted(ranked)[:PER_FAMILY]]
        chosen[fam] = picked + ([empty] if empty is not None else [])
    keep: set[int] = set()
    for source in EXTRACTORS:
        fams = sorted(f for f in chosen if f.startswith(f"{PREFIX}{source}/"))
        queues = {f: list(chosen[f]) for f in fams}
        taken = 0
        while taken < PER_SOURCE and any(queues.values()):
            for f in fams:
                if queues[f] and taken < PER_SOURCE:
                    keep.add(queues[f].pop(0))
                    taken += 1
    return [c for i, c in enumerate(cands) if i in keep]


def build(cache: Path) -> tuple[list[dict[str, Any]], int]:
    """The documents with their final labels, and how many labels the hand decisions changed."""
    return real_sets.build(
        select(_candidates(cache)), OVERRIDES, lambda body: _labels("", body, None), _labels
    )


write = real_sets.write


SUSPECT = re.compile(
    r"name|mail|phone|mobile|address|street|line1|birth|born|dob|gender|sex|title|user|login|"
    r"pass|ip|mac|lat|lon|card|pan|iban|account|routing|sort|ifsc|ssn|passport|licen|tax|vat|"
    r"gst|national|secret|token|key|auth|credential|contact|holder|owner|identifier|number",
    re.IGNORECASE,
)


def review(docs: list[dict[str, Any]]) -> None:
    """Print every label and every unlabelled leaf that looks personal, grouped by source,
    key and type, with distinct values (for the hand check)."""
    groups: dict[tuple[str, str, str], Counter[str]] = {}
    for d in docs:
        lab = dict(d["labels"])
        src = d["family"].split("/")[0]
        for path, _, key, value, _ in leaves(d["body"]):
            t = lab.get(path)
            if t is None:
                sv = str(value)
                if not (SUSPECT.search(key) or "@" in sv or re.search(r"\d{6,}", sv)):
                    continue
                if isinstance(value, bool) or value is None:
                    continue
                t = "-"
            groups.setdefault((src, t, path), Counter())[str(value)[:70]] += 1
    for (src, t, path), vals in sorted(groups.items()):
        shown = " | ".join(v for v, _ in vals.most_common(4))
        print(f"{src}\t{t}\t{path}\t{sum(vals.values())}\t{shown}")


def main(argv: list[str]) -> None:
    cache = default_cache()
    if argv[:1] == ["fill"] and len(argv) == 2:
        fill(Path(argv[1]), cache)
        return
    docs, changed = build(cache)
    if argv[:1] == ["review"]:
        review(docs)
        return
    OUT.write_text(write(docs), encoding="utf-8")
    n = sum(len(d["labels"]) for d in docs)
    print(f"wrote {OUT}: {len(docs)} documents, {n} labels, {changed} changed by hand")


if __name__ == "__main__":
    main(sys.argv[1:])
