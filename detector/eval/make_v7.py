"""Build ``data/v7/real.jsonl``: real example payloads, SDK fixtures, recorded traffic and test
data that fourteen publishers released under permissive licences, none used by v1 to v6, labelled by
the rules below and then by hand decisions (``data/v7/overrides.json``).

``python -m detector.eval.make_v7 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v7`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.
"""

from __future__ import annotations

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
from stdnum.mx import rfc as mx_rfc
from stdnum.us import ssn as us_ssn

from detector.eval import real_sets
from detector.eval.real_sets import Source, words
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import load_json as _json
from detector.eval.real_sets import load_yaml as _yaml
from detector.eval.real_sets import openapi_examples as _openapi_examples
from detector.eval.real_sets import plain as _plain
from detector.eval.real_sets import rel as _rel
from detector.eval.real_sets import schema_objects as _schema_objects

DATA, OUT, OVERRIDES = real_sets.set_files("v7")


SOURCES: dict[str, Source] = {
    "dgcert": Source(
        "eu-digital-green-certificates/dgc-testdata",
        "4a62c8d9a9a57c29b3b83ee6bf2b1e03d4d88e79",
        "Apache-2.0",
        ("*/2DCode/raw/*.json",),
        "the EU Digital COVID Certificate test files of the member states (the certificate's "
        "JSON payload beside its CBOR, COSE, Base45 and QR forms, the signer certificate and the "
        "expected results)",
    ),
    "scim": Source(
        "python-scim/scim2-models",
        "d5db17c56b10314c26c746113ab83fe1d1115fe1",
        "Apache-2.0 (the samples are the examples of RFC 7643 and RFC 7644)",
        ("samples/*.json",),
        "SCIM 2.0 users, enterprise users, groups, list responses, PATCH and bulk operations",
    ),
    "omise": Source(
        "omise/omise-ruby",
        "a0efda8b226c92943eb4541446e19aeb1c55194a",
        "MIT",
        ("test/fixtures/api.omise.co/*.json",),
        "Omise (Thailand, Japan) API response fixtures of the client's tests: account, charges, "
        "customers and cards, recipients with bank accounts, disputes, transfers, events",
    ),
    "mastodon": Source(
        "halcy/Mastodon.py",
        "b9f2effbb5a9f07ebca3807466f4130e69b1614c",
        "MIT",
        ("tests/cassettes/*.yaml",),
        "recorded traffic of a Mastodon server (VCR cassettes): every JSON request and response "
        "body (accounts, admin accounts and reports, statuses, apps, OAuth tokens, instance)",
    ),
    "obb": Source(
        "OpenBanking-Brasil/areadesenvolvedor",
        "d6770dfcb778e2e938c43455740b3f806a1efea8",
        "Apache-2.0",
        (
            "documentation/source/swagger/swagger_open_banking_apis.yml",
            "documentation/source/swagger/swagger_payments_apis.yaml",
            "documentation/source/swagger/swagger_insurances_apis.yaml",
        ),
        "Open Banking Brasil's API descriptions: object examples and objects assembled from the "
        "schemas' property examples (customers, accounts, credit cards, consents, payments)",
    ),
    "paystack": Source(
        "PaystackOSS/openapi",
        "9678dea922a900b2485969592055ccf634460352",
        "MIT",
        ("dist/paystack.yaml",),
        "object examples of Paystack's API description (customers, transactions, transfer "
        "recipients, dedicated accounts, verification) and objects assembled from its schemas",
    ),
    "taxjar": Source(
        "taxjar/taxjar-ruby",
        "5f8bbdb96c0c23dbcade807be1b66da276a1c5b4",
        "MIT",
        ("spec/fixtures/*.json",),
        "TaxJar API response fixtures of the client's tests (orders, refunds, customers, "
        "addresses, rates, taxes)",
    ),
    "conekta": Source(
        "conekta/openapi",
        "82ce68e7ce7727b0315f27c03322de80f9bf8976",
        "MIT",
        ("_build/api.yaml",),
        "object examples of Conekta's (Mexico) API description (customers, fiscal entities, "
        "orders, charges, payment methods, companies, webhooks) and objects assembled from its "
        "schemas",
    ),
    "kratos": Source(
        "ory/kratos",
        "b86338da04a040247a07f46100a86dcfb3875909",
        "Apache-2.0",
        ("persistence/sql/migratest/fixtures/*.json",),
        "Ory Kratos's migration-test fixtures: identities with traits and credentials, sessions, "
        "login, registration, recovery, settings and verification flows, courier messages",
    ),
    "shippo": Source(
        "goshippo/shippo-python-client",
        "6bca791787a158abc68f1537ec76de0a4ef9e808",
        "MIT",
        ("shippo/test/fixtures/*",),
        "recorded traffic of Shippo's shipping API (VCR cassettes): every JSON request and "
        "response body, gzip bodies decoded (addresses, shipments, parcels, customs, orders, "
        "batches, tracking)",
    ),
    "dropboxsign": Source(
        "hellosign/hellosign-openapi",
        "ad21451f222d4f21245d992b4e959f8d5100e3f9",
        "Apache-2.0",
        ("examples/json/*.json",),
        "the request, response and event-callback examples of Dropbox Sign's (HelloSign) API "
        "description (accounts, signature requests with signers, templates, teams, fax, API "
        "apps with OAuth settings)",
    ),
    "bunq": Source(
        "bunq/sdk_python",
        "8c17f6b320d2463054bdacd2f073cf8f3ec88611",
        "MIT",
        ("tests/assets/*/*.json",),
        "bunq's (Netherlands) notification callbacks and a joint-account response the client's "
        "tests parse (payments, mutations, requests, bunq.me tabs, card actions, shares)",
    ),
    "ecs": Source(
        "elastic/ecs",
        "b85f7573f0b48c03fddf90dad06fc743876f1b33",
        "Apache-2.0",
        ("generated/ecs/ecs_flat.yml",),
        "the Elastic Common Schema's field examples (`generated/ecs/ecs_flat.yml`), assembled into "
        "one nested event object per field set and sub-object (client, source, host, user, url, "
        "email, tls, file, process, threat, …)",
    ),
    "googleauth": Source(
        "googleapis/google-auth-library-python",
        "2ea24b03436765fa3cf279ce148482ff6332136b",
        "Apache-2.0",
        ("tests/data/*.json",),
        "the credential files of the client's tests (service accounts with private keys, "
        "authorized users with refresh tokens, OAuth client secrets, external and impersonated "
        "accounts)",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v7<source>/<family>``): documents of 4 to 80
#: leaves with rule labels on at least 6 % of them; per family at most 6 documents with rule
#: labels (richest first) and one without; per source at most 48 documents.
#: Sources whose documents are much alike get fewer (the member states' test certificates).
SOURCE_CAP = {"v7dgcert": 44, "v7mastodon": 16}
CAPS = real_sets.Caps(
    "v7", max_leaves=80, min_density=0.06, per_family=6, per_source=48, source_cap=SOURCE_CAP
)


# ---------------------------------------------------------------------------- extraction


def _path_family(path: str) -> str:
    """The first word of an API path that is neither a version nor a parameter."""
    for part in path.strip("/").split("/"):
        if (
            part
            and not part.startswith("{")
            and not re.fullmatch(r"v\d+(\.\d+)?|api|open-banking", part)
        ):
            return part.replace(".", "_").replace("-", "_")
    return "root"


def _dgcert(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "dgcert"):
        body = _json(p.read_text(encoding="utf-8", errors="replace"))
        if isinstance(body, dict):
            body.pop("2DCODE", None)  # a PNG image in Base64
            yield _rel(cache, "dgcert", p).split("/")[0].lower(), body


def _scim_family(rel: str) -> str:
    kind = Path(rel).stem.split("-")[2]
    return kind.split("_")[0] if kind.startswith("patch") else kind


def _omise_family(rel: str) -> str:
    first = rel.split("/")[3]
    return re.sub(r"-(get|post|patch|delete).*$", "", first).removesuffix(".json")


def _ecs(cache: Path) -> Iterator[tuple[str, Any]]:
    """One object per field set and sub-object (``client.geo.*`` → ``{"client": {"geo": …}}``),
    values the fields' examples (JSON-encoded examples decoded)."""
    for p in _files(cache, "ecs"):
        fields = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for name, spec in fields.items():
            if not isinstance(spec, dict) or "example" not in spec:
                continue
            value = spec["example"]
            if isinstance(value, str) and value[:1] in "[{":
                value = _json(value) if _json(value) is not None else value
            parts = str(name).split(".")
            group = (parts[0], parts[1] if len(parts) > 2 else "")
            node = groups.setdefault(group, {})
            for part in parts[:-1]:
                nxt = node.setdefault(part, {})
                if not isinstance(nxt, dict):
                    break
                node = nxt
            else:
                node[parts[-1]] = _plain(value)
        for (top, _), body in groups.items():
            yield top, body


def _dropboxsign_family(rel: str) -> str:
    parts = re.findall(r"[A-Z][a-z0-9]*|[A-Z]+(?![a-z])", Path(rel).stem)
    two = parts[0] in {"Api", "Event", "Bulk", "Signature", "Unclaimed", "Fax", "Embedded"}
    return "_".join(parts[:2] if two and len(parts) > 1 else parts[:1]).lower()


def _mastodon(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "mastodon"):
        tape = yaml.safe_load(p.read_text(encoding="utf-8"))
        family = p.stem.removeprefix("test_").split("_")[0].split("[")[0]
        for body in real_sets.cassette_bodies(tape):
            yield family, body


class _TapeLoader(yaml.SafeLoader):
    """YAML of VCR cassettes written by Python 2 (``!!python/unicode`` strings)."""


_TapeLoader.add_constructor(
    "tag:yaml.org,2002:python/unicode",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def _shippo(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "shippo"):
        tape = yaml.load(p.read_text(encoding="utf-8"), Loader=_TapeLoader)  # noqa: S506
        family = _rel(cache, "shippo", p).split("/")[3].replace("-", "_")
        for body in real_sets.cassette_bodies(tape):
            yield family, body


def _openapi_source(name: str, assemble: bool) -> Callable[[Path], Iterator[tuple[str, Any]]]:
    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            spec = _yaml(p)
            if not isinstance(spec, dict):
                continue
            yield from _openapi_examples(spec, _path_family)
            if assemble:
                yield from _schema_objects(spec, max_depth=4, list_examples=True)

    return extract


EXTRACTORS: dict[str, Callable[[Path], Iterator[tuple[str, Any]]]] = {
    "dgcert": _dgcert,
    "scim": _json_files("scim", _scim_family),
    "omise": _json_files("omise", _omise_family),
    "mastodon": _mastodon,
    "obb": _openapi_source("obb", True),
    "paystack": _openapi_source("paystack", True),
    "taxjar": _json_files("taxjar", lambda rel: Path(rel).stem.split("_")[0]),
    "conekta": _openapi_source("conekta", True),
    "kratos": _json_files("kratos", lambda rel: rel.split("/")[4]),
    "shippo": _shippo,
    "dropboxsign": _json_files("dropboxsign", _dropboxsign_family),
    "bunq": _json_files("bunq", lambda rel: Path(rel).stem.lower()),
    "ecs": _ecs,
    "googleauth": _json_files("googleauth", lambda rel: Path(rel).stem.split("_")[0].lower()),
}

# ---------------------------------------------------------------------------- rules

EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
EMAIL_IN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
JWT = re.compile(r"^(Bearer )?eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$")
JWT_IN = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}")
MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PHONE = re.compile(r"^(tel:)?\+?\(?[0-9][0-9 ().-]{6,18}[0-9]$")
#: Documentation stand-ins: the field named, ``string``, masks, all-zero numbers.
STAND_IN = re.compile(
    r"^(string|text|sample|example|test|null|none|n/?a|xxx+|\*+|[x*#]{3,}.*|0+|your[ _-].*|"
    r"<.*>|\{\{.*\}\}|abc|abc123|secret|password|token|foo|bar|lorem.*)$",
    re.IGNORECASE,
)
#: Parents whose ``name`` is a person's name.
PERSON_PARENTS = {
    "customer",
    "customers",
    "buyer",
    "payer",
    "payee",
    "holder",
    "cardholder",
    "owner",
    "contact",
    "contacts",
    "user",
    "users",
    "person",
    "persons",
    "individual",
    "recipient",
    "beneficiary",
    "signer",
    "member",
    "members",
    "manager",
    "admin",
    "account_holder",
    "shipping",
    "billing",
    "shipping_contact",
    "shipping_contacts",
    "customer_info",
    "representative",
    "legal_representative",
    "authorized",
    "employee",
    "nam",
    "creditor",
    "debtor",
    "payment_method",
    "card",
    "cards",
    "author",
    "reporter",
    "traits",
    "bank_account",
    "address_from",
    "address_to",
    "from",
    "to",
}
NAME_KEYS = {
    "first",
    "last",
    "given",
    "family",
    "surname",
    "middle",
    "fn",
    "gn",
    "fnt",
    "gnt",
    "forename",
    "lastname",
    "firstname",
    "surnames",
    "nome",
    "sobrenome",
    "apellido",
    "nombre",
    "civil",
    "social",
    "formatted",
    "maiden",
}
NOT_NAME_VALUES = re.compile(
    r"\b(inc\.?|ltd|llc|corp|company|bank|banco|s\.?a\.?|gmbh|group|store|shop|team|"
    r"co\.|plc|ltda|limited|services|account|checking|savings|test|example|default|"
    r"product|plan|app|string)\b",
    re.IGNORECASE,
)
NAME_VALUE = re.compile(r"^([^\W\d_]|['\u2019.<-])+(,? ([^\W\d_]|['\u2019.<-])+){0,4}$")
#: Words before ``name`` that make it a person's (``customer_name``, ``holderName``).
PERSON_NAME_HEADS = {
    "customer",
    "holder",
    "cardholder",
    "recipient",
    "buyer",
    "contact",
    "user",
    "beneficiary",
    "statement",
    "payer",
    "owner",
    "member",
    "legal",
    "full",
    "display",
    "first",
    "last",
    "given",
    "family",
    "middle",
    "civil",
    "social",
    "nick",
    "maiden",
    "sender",
    "receiver",
    "shipper",
    "consignee",
    "signer",
    "employee",
    "person",
    "representative",
    "mother",
    "father",
    "account",
}
CARD_IIN = re.compile(r"^(4|5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|35|30|36|38|62)")
STREET = re.compile(
    r"\d+[A-Za-z]?,? [A-Za-zÀ-ÿ .'-]{3,}|(rua|av\.?|avenida|calle|street|st\.|road|rd\.?|"
    r"lane|blvd|soi|moo|thanon|colonia)\b",
    re.IGNORECASE,
)
#: Siblings that make an object's ``name`` a person's (an address or contact record).
CONTACT_SIBLINGS = {"street1", "street_no", "phone", "email", "first_name", "last_name", "zip"}
SECRET_WORDS = {"secret", "password", "passwd", "pwd", "token", "apikey", "credential"}
NOT_IP_KEYS = {"netmask", "mask", "gateway", "dns", "subnet"}


def _stand_in(value: str, key: str) -> bool:
    v = value.strip()
    if STAND_IN.match(v) or not v:
        return True
    flat = re.sub(r"[^a-z]", "", v.lower())
    return flat == re.sub(r"[^a-z]", "", key.lower())


def _is_ip(value: str) -> bool:
    try:
        ip = ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return not ip.is_unspecified


def _card(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits) and bool(CARD_IIN.match(digits))


def _looks_name(value: str) -> bool:
    v = value.strip()
    return (
        bool(NAME_VALUE.match(v)) and not NOT_NAME_VALUES.search(v) and any(c.isalpha() for c in v)
    )


def _free_text(value: str) -> set[str]:
    """Types found inside a sentence."""
    out: set[str] = set()
    if EMAIL_IN.search(value):
        out.add("email")
    if JWT_IN.search(value):
        out.add("jwt")
    for m in re.finditer(r"\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b", value):
        if std_iban.is_valid(m.group()):
            out.add("iban")
    for m in re.finditer(r"\b(?:\d[ -]?){13,19}\b", value):
        if _card(re.sub(r"\D", "", m.group())):
            out.add("credit_card")
    return out


def _has(ws: list[str], *seq: str) -> bool:
    """``seq`` occurs as consecutive words of ``ws``."""
    n = len(seq)
    return any(tuple(ws[i : i + n]) == seq for i in range(len(ws) - n + 1))


def rule_label(  # noqa: PLR0911, PLR0912, PLR0915 (one table of rules, read top to bottom)
    parents: list[str], key: str, value: Any, sib: dict[str, Any]
) -> str | None:
    """The type of one scalar leaf from its key, its parents' keys, its siblings and its value,
    or ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    ws = words(key)
    pw = {w for p in parents[-3:] for w in words(p)}
    last_parent = parents[-1].lower() if parents else ""
    lp = words(parents[-1]) if parents else []
    if isinstance(value, int | float):
        if ws and ws[-1] in {"lat", "latitude", "lng", "lon", "longitude"}:
            return "geo_location"
        if ws and ws[-1] in {"year", "month", "day"} and pw & {"dob", "birth", "birthday"}:
            return "date_of_birth"
        value = str(value) if isinstance(value, int) and value > 99999 else None
        if value is None:
            return None
    text = str(value)
    v = text.strip()
    digits = re.sub(r"\D", "", v)
    if _stand_in(v, key):
        return None
    # --- values that decide by themselves
    if JWT.match(v):
        return "jwt"
    if EMAIL.match(v) or ("email" in ws and re.fullmatch(r"[^@\s]+@[^@\s]+", v)):
        return "email"
    if MAC.match(v):
        return "mac_address"
    if _is_ip(v) and not (set(ws) & NOT_IP_KEYS):
        return "ip_address"
    compact = re.sub(r"[ -]", "", v)
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact) and std_iban.is_valid(compact):
        return "iban"
    # --- secrets
    joined = "".join(ws)
    if v.startswith("otpauth://") or ("-----BEGIN" in v and "PRIVATE" in v):
        return "secret_key"
    if ws and (
        ws[-1] in {"secret", "password", "passwd", "pwd", "passphrase"}
        or _has(ws, "api", "key")
        or joined in {"apikey", "privatekey", "secretkey", "accesstoken", "refreshtoken"}
        or (
            ws[-1] == "token"
            and len(ws) > 1
            and ws[-2] in {"access", "refresh", "session", "auth", "bearer", "id"}
        )
    ):
        if ws[-1] in {"password", "passwd", "pwd", "passphrase"} and not v.startswith("$"):
            return "password" if len(v) >= 4 else None
        if len(v) >= 12 and not UUID.match(v) and not re.fullmatch(r"[a-z]+_[a-z]+", v):
            return "secret_key"
        return None
    if (
        ws == ["token"]
        and len(v) >= 24
        and not UUID.match(v)
        and re.search(r"\d", v)
        and re.search(r"[A-Za-z]", v)
        and not re.match(r"^(tokn|tok|ep|msg|id|cus|card)_", v)
        and "csrf" not in pw
    ):
        return "secret_key"
    if (
        (ws and ws[-1] == "hashed")
        or _has(ws, "hashed", "password")
        or v.startswith("$2a$")
        or v.startswith("$argon2")
    ):
        return "secret_key"
    # --- card numbers, bank details and identity numbers
    if (
        _card(digits)
        and len(digits) == len(compact)
        and (set(ws) & {"number", "card", "pan", "cc"} or pw & {"card", "cards"})
    ):
        return "credit_card"
    if "cpf" in ws or (joined.endswith("cpf") or "cpfnumber" in joined):
        if br_cpf.is_valid(digits):
            return "national_id"
        return "tax_id" if br_cnpj.is_valid(digits) else None
    if "document" in ws and len(digits) == 11 and digits == compact and br_cpf.is_valid(digits):
        return "national_id"
    if ws == ["value"] and last_parent == "ims":
        return "username"
    if "cnpj" in ws or "cnpjnumber" in joined:
        return "tax_id" if br_cnpj.is_valid(digits) else None
    if (
        (ws and ws[-1] in {"bvn", "nin"})
        or _has(ws, "national", "id")
        or (_has(ws, "id", "number") and pw & {"identification", "identity", "document"})
    ):
        return "national_id" if len(digits) >= 6 else None
    if ws[-1:] == ["passport"] or (
        ("passport" in ws or "passport" in pw) and ws[-1] in {"number", "no", "id"}
    ):
        return "passport_number" if len(v) >= 6 and re.search(r"\d", v) else None
    if (
        _has(ws, "driver", "license") or _has(ws, "drivers", "license") or "licence" in ws
    ) and re.search(r"\d", v):
        return "drivers_license"
    if ws and (ws[-1] == "ssn" or _has(ws, "social", "security")):
        return "us_ssn" if us_ssn.is_valid(digits) else None
    if ws and (
        _has(ws, "tax", "id")
        or ws[-1] in {"rfc", "tin", "ein", "vat", "vatin"}
        or _has(ws, "tax", "number")
        or _has(ws, "vat", "number")
        or _has(ws, "tax", "identification")
    ):
        if mx_rfc.is_valid(v.upper()) or len(digits) >= 8:
            return "tax_id"
        return None
    if (
        _has(ws, "account", "number")
        or _has(ws, "routing", "number")
        or ws[-1:] == ["clabe"]
        or _has(ws, "sort", "code")
        or _has(ws, "bank", "code")
        or _has(ws, "branch", "code")
        or _has(ws, "compe", "code")
        or ws[-1:] == ["ispb"]
        or (_has(ws, "bank", "account") and len(digits) >= 6)
        or (
            ws in (["number"], ["account"])
            and pw & {"account", "accounts", "bank", "bank_account", "creditor", "debtor"}
        )
    ):
        if len(digits) >= 3 and len(digits) == len(compact) and not re.fullmatch(r"0+", digits):
            return "bank_account"
        return None
    # --- contact data
    if (
        (
            ws
            and ws[-1]
            in {
                "phone",
                "mobile",
                "msisdn",
                "telephone",
                "tel",
                "fax",
                "cellphone",
                "celular",
                "telefone",
            }
        )
        or _has(ws, "phone", "number")
        or (ws == ["value"] and "phone" in "".join(lp))
        or ("phone" in "".join(lp) and ws and ws[-1] in {"number", "value"})
    ):
        if PHONE.match(v) and len(digits) >= 7:
            return "phone"
        return None
    if ws and (
        ws[-1] in {"dob", "birthdate", "birthday"}
        or _has(ws, "birth", "date")
        or _has(ws, "date", "of", "birth")
    ):
        return "date_of_birth" if re.search(r"\d{4}|\d{2}", v) else None
    if (ws and ws[-1] in {"gender", "sex", "salutation"}) or joined == "honorificprefix":
        return "gender" if len(v) <= 20 else None
    if (ws and ws[-1] in {"username", "login", "acct", "handle"}) or joined in {"username"}:
        return "username" if len(v) >= 2 else None
    if ws and (
        ws[-1] in {"street", "street1", "address1", "line1", "streetaddress"}
        or _has(ws, "street", "address")
        or _has(ws, "address", "line", "1")
        or _has(ws, "address", "line1")
        or _has(ws, "line", "1")
        or (ws[-1] in {"address", "logradouro", "endereco"} and STREET.search(v))
    ):
        return "street_address" if STREET.search(v) or re.search(r"\d", v) else None
    if ws and ws[-1] in {"latitude", "longitude", "lat", "lng", "lon"}:
        return "geo_location" if re.fullmatch(r"-?\d+\.\d+", v) else None
    # --- names
    if ws and (
        (ws[-1] == "name" and len(ws) > 1 and (ws[-2] in NAME_KEYS or ws[-2] in PERSON_NAME_HEADS))
        or (ws[-1] in NAME_KEYS and last_parent in {"nam", "name"})
        or ws[-1] in {"firstname", "lastname", "surname", "forename", "nickname"}
        or joined
        in {
            "givenname",
            "familyname",
            "displayname",
            "fullname",
            "holdername",
            "cardholdername",
            "civilname",
            "socialname",
            "accountname",
            "accountholdername",
        }
        or (ws == ["name"] and (set(lp) & PERSON_PARENTS or last_parent in PERSON_PARENTS))
        or (ws == ["name"] and set(sib) & CONTACT_SIBLINGS)
    ):
        return "person_name" if _looks_name(v) else None
    if len(v) > 20 and " " in v:
        found = _free_text(v)
        if found:
            return sorted(found)[0]
    return None


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The rule types of one leaf: its rule label, plus what free text carries besides."""
    t = rule_label(parents, key, value, sib)
    out = {t} if t else set()
    if isinstance(value, str) and len(value) > 20 and " " in value:
        out |= _free_text(value) if out else set()
    return out


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|mail|phone|mobile|addr|street|birth|dob|gender|sex|user|login|pass|secret|token|key|"
    r"ssn|tax|tin|rfc|cpf|cnpj|bvn|vat|passport|licen|national|govern|ident|iban|account|"
    r"routing|sort|branch|clabe|card|pan|ip|mac|lat|lng|lon|geo|msisdn|number|holder|owner|"
    r"contact|auth|cred|nam|^fn|^gn|value|note|text|description|message",
    re.IGNORECASE,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(
    CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v7", SOURCES, SUSPECT, family_width=30
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
