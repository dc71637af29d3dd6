"""Make the v4 evaluation set (``detector/eval/data/v4``) from example payloads that API
vendors published and none of v1, v2 or v3 used, labelled by the rules below plus the hand
decisions in ``v4/overrides.json``.

``python -m detector.eval.make_v4 fill MIRRORS`` copies each source's files at its recorded
commit out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache
(``$SIEVE_CACHE/eval-v4/<source>/``); ``python -m detector.eval.make_v4`` rebuilds
``v4/real.jsonl`` from the cache and prints the counts and how many labels the hand
decisions changed. No detector code is imported: the labels must not depend on it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

V4 = Path(__file__).resolve().parent / "data" / "v4"
OUT = V4 / "real.jsonl"
OVERRIDES = V4 / "overrides.json"
#: Per family: at most this many documents with labels (source order) and one without;
#: Twilio's 30 services would otherwise outweigh every other source.
PER_FAMILY = 12
PER_FAMILY_OF = {"twilio": 5}
#: Arrays are cut to their first few items (a list response keeps its shape, not its length).
ARRAY_ITEMS = 3
MIN_LEAVES, MAX_LEAVES = 3, 250


@dataclass(frozen=True, slots=True)
class Source:
    """One published repository: where its example payloads are and how they are read."""

    repo: str
    commit: str
    licence: str
    #: How its files are read (``_READERS``): "fixtures" (a JSON body per file), "openapi"
    #: (examples, a family per file), "openapi-api" (examples, a family per path), "markdown"
    #: (JSON in sample pages), "schemas" (objects from property examples), "keycloak" (realm
    #: exports), "cassette" (recorded HTTP traffic).
    kind: str
    paths: tuple[str, ...]  # regular expressions over the repository's file paths


SOURCES: dict[str, Source] = {
    "mollie": Source(
        "mollie/mollie-api-python",
        "32f57a18ac1bf22e502598989488283b1727d4c5",
        "BSD-2-Clause",
        "fixtures",
        (r"^tests/responses/[a-z_0-9]+\.json$",),
    ),
    "shopify": Source(
        "Shopify/shopify_python_api",
        "307fa92c92e08036f379bc039abc937fc20a1ebf",
        "MIT",
        "fixtures",
        (r"^test/fixtures/[a-z_]+\.json$",),
    ),
    "zendesk": Source(
        "nukosuke/go-zendesk",
        "cfe7c2f3969555054ea51b90b2a60a219e309a43",
        "MIT",
        "fixtures",
        (r"^fixture/(GET|POST|PUT)/[a-z_]+\.json$",),
    ),
    "amadeus": Source(
        "amadeus4dev/amadeus-open-api-specification",
        "d64e4c75f6f1a352824cddead504b3d582bc1b53",
        "MIT",
        "openapi",
        (r"^spec/json/[A-Za-z0-9_-]+\.json$",),
    ),
    "twilio": Source(
        "twilio/twilio-oai",
        "d50069b44ea8cd23141385bdb6db48f16ff75bb5",
        "MIT",
        "openapi",
        (r"^spec/json/twilio_[a-z0-9_]+\.json$",),
    ),
    "paypal": Source(
        "paypal/paypal-rest-api-specifications",
        "ec4d8f36a6ab0abcc3865e1072aaddc85ea14d5c",
        "Apache-2.0",
        "openapi",
        (r"^openapi/[a-z0-9_-]+\.json$",),
    ),
    "intercom": Source(
        "intercom/Intercom-OpenAPI",
        "8889625a7b931d8649e18726e7f872ff073520fc",
        "MIT",
        "openapi-api",
        (r"^descriptions/2\.14/api\.intercom\.io\.yaml$",),
    ),
    "checkout": Source(
        "checkout/checkout-api-reference",
        "2fc946cd22e9a6b8e3a33db3c5f4be4d3fe7d74c",
        "MIT",
        "schemas",
        (r"^(nas|abc)_spec/components/schemas/.+\.yaml$",),
    ),
    "checkr": Source(
        "checkr/checkr-ruby",
        "3d98c3685af1310305717a52e92c71a1b06b88c3",
        "Apache-2.0",
        "markdown",
        (r"^samples/[a-z_]+\.md$",),
    ),
    "moov": Source(
        "moov-io/ach",
        "c6bd2372ebf04eb513d0eb81c5b425aa191704a4",
        "Apache-2.0",
        "fixtures",
        (r"^test/testdata/[a-z0-9-]+\.json$",),
    ),
    "auth0": Source(
        "auth0/go-auth0",
        "d5be7536fe6990a6335134525f4353ec8ba863d0",
        "MIT",
        "cassette",
        (r"^test/data/recordings/authentication/.+\.yaml$",),
    ),
    "keycloak": Source(
        "keycloak/keycloak-quickstarts",
        "c93be9993a3029bae551d2daced1e6c386c56e27",
        "Apache-2.0",
        "keycloak",
        (r"realm[a-z-]*\.json$",),
    ),
}


def default_cache() -> Path:
    return Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve")) / "eval-v4"


# ---------------------------------------------------------------------------------------
# Reading the sources


def fill(mirrors: Path, cache: Path) -> None:
    """Copy every source file at its recorded commit from a git mirror into the cache."""
    for name, src in SOURCES.items():
        git = mirrors / src.repo.replace("/", "+") / "repo"
        listing = subprocess.run(
            ["git", "-C", str(git), "ls-tree", "-r", "--name-only", src.commit],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
        for path in listing:
            if path and any(re.search(p, path) for p in src.paths):
                blob = subprocess.run(
                    ["git", "-C", str(git), "show", f"{src.commit}:{path}"],
                    capture_output=True,
                    check=True,
                ).stdout
                target = cache / name / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(blob)


def _files(cache: Path, name: str) -> list[tuple[str, Path]]:
    root = cache / name
    out = []
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root).as_posix()
        if f.is_file() and any(re.search(p, rel) for p in SOURCES[name].paths):
            out.append((rel, f))
    return out


def _load(f: Path) -> Any:
    text = f.read_text(encoding="utf-8")
    if f.suffix in (".yaml", ".yml"):
        import yaml

        class _Loader(yaml.SafeLoader):
            """Dates stay the strings the description wrote."""

        _Loader.yaml_implicit_resolvers = {
            c: [r for r in rs if r[0] != "tag:yaml.org,2002:timestamp"]
            for c, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    return json.loads(text, strict=False)


def _cut(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _cut(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_cut(v) for v in node[:ARRAY_ITEMS]]
    return node


_VERSIONISH = re.compile(r"^(v\d+(\.\d+)?|\d{4}-\d{2}-\d{2}|\{.*\}|api|rest)$", re.I)


def _path_group(api_path: str) -> str:
    for part in api_path.split("/"):
        seg = part.split(".")[0]
        if seg and not _VERSIONISH.match(seg):
            return seg.lower().replace("-", "_")
    return "root"


def _openapi_examples(spec: Any) -> Iterator[tuple[str, Any]]:
    """(group, example body) for every object- or array-valued example, in file order:
    media-type ``examples.*.value`` (OpenAPI 3), response ``examples`` by MIME type
    (Swagger 2) and ``example`` objects of media types and schemas."""

    def walk(node: Any, group: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "example" and isinstance(v, dict | list):
                    yield group, v
                elif k == "examples" and isinstance(v, dict):
                    for ex in v.values():
                        if isinstance(ex, dict) and "value" in ex:
                            if isinstance(ex["value"], dict | list):
                                yield group, ex["value"]
                        elif isinstance(ex, dict | list):
                            yield group, ex
                else:
                    yield from walk(v, group)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, group)

    if not isinstance(spec, dict):
        return
    for api_path, item in (spec.get("paths") or {}).items():
        yield from walk(item, _path_group(api_path))
    for section in ("components", "definitions"):
        comps = spec.get(section) or {}
        for sub_name, sub in comps.items():
            if isinstance(sub, dict):
                for name, node in sub.items():
                    yield from walk({sub_name: node}, _name_group(str(name)))


_JSON_BLOCK = re.compile(r"JSON: (\{.*?\n\})\s*\n```", re.S)


def _markdown_bodies(text: str) -> Iterator[Any]:
    """The JSON responses printed in a client library's sample pages (``... JSON: {...}``);
    the pages elide long arrays with ``...``, which is dropped."""
    for m in _JSON_BLOCK.finditer(text):
        raw = re.sub(r",\s*\.\.\.\s*(?=[\]}])", "", m.group(1))
        try:
            yield json.loads(raw)
        except ValueError:
            continue


_SCHEMA_CACHE: dict[Path, dict[str, Path]] = {}


def _schema_files(root: Path) -> dict[str, Path]:
    """Schema name → file (``#/components/schemas/Name`` names a file ``Name.yaml``); the
    newer description (``nas_spec``) wins over the older one."""
    if root not in _SCHEMA_CACHE:
        out: dict[str, Path] = {}
        for spec in ("abc_spec", "nas_spec"):
            for f in sorted((root / spec / "components" / "schemas").rglob("*.yaml")):
                out[f.stem] = f
        _SCHEMA_CACHE[root] = out
    return _SCHEMA_CACHE[root]


def _assemble(node: Any, schemas: dict[str, Path], depth: int) -> Any:
    """An object built from a schema's own ``example`` or its properties' examples
    (references followed four levels deep, ``allOf`` merged); ``None`` where no example."""
    if not isinstance(node, dict) or depth > 4:
        return None
    if "example" in node:
        return node["example"]
    ref = node.get("$ref")
    if isinstance(ref, str):
        f = schemas.get(ref.rsplit("/", 1)[-1])
        return _assemble(_load(f), schemas, depth + 1) if f else None
    parts = node.get("allOf") or node.get("oneOf") or node.get("anyOf")
    if isinstance(parts, list):
        return _assemble_parts(parts, bool(node.get("allOf")), schemas, depth)
    return _assemble_members(node, schemas, depth)


def _assemble_members(node: dict[str, Any], schemas: dict[str, Path], depth: int) -> Any:
    """An object from its properties' examples, or a one-item array from its items'."""
    if isinstance(node.get("properties"), dict):
        obj = {}
        for k, sub in node["properties"].items():
            v = _assemble(sub, schemas, depth + 1)
            if v is not None:
                obj[str(k)] = v
        return obj or None
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        v = _assemble(node["items"], schemas, depth + 1)
        return [v] if v is not None else None
    return None


def _assemble_parts(parts: list[Any], all_of: bool, schemas: dict[str, Path], depth: int) -> Any:
    """``allOf``: the parts' objects merged; ``oneOf``/``anyOf``: the first part."""
    merged: dict[str, Any] = {}
    for part in parts:
        v = _assemble(part, schemas, depth + 1)
        if isinstance(v, dict):
            merged.update(v)
        elif v is not None and not merged:
            return v
        if not all_of:
            break
    return merged or None


def _name_group(name: str) -> str:
    words = _words(name)
    return words[0] + "s" if words else "components"


def _singular(stem: str) -> str:
    first = stem.split("_", maxsplit=1)[0]
    return first[:-1] if first.endswith("s") and not first.endswith("ss") else first


def raw_documents(cache: Path) -> Iterator[tuple[str, Any]]:
    """(family, body) of every candidate document, source by source, in file order."""
    for name, src in SOURCES.items():
        read = _READERS[src.kind]
        for rel, f in _files(cache, name):
            for group, body in read(rel, f, cache / name):
                yield f"v4{name}/{group}", body


def _fixture(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    """A recorded or hand-kept response body per file; the family is the file's first word."""
    del root
    try:
        body = _load(f)
    except ValueError:
        return  # a fixture of a broken response
    yield _singular(Path(rel).stem), body


def _openapi_by_file(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    """Examples of one description per service; the family is the service's file."""
    del root
    stem = re.sub(r"(_v\d+)?(_swagger_specification)?$", "", Path(rel).stem, flags=re.I)
    group = stem.removeprefix("twilio_").lower()
    for _, ex in _openapi_examples(_load(f)):
        yield group, ex


def _openapi_by_path(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    """Examples of one description of a whole API; the family is the path's first word."""
    del rel, root
    yield from _openapi_examples(_load(f))


def _markdown(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    del root
    for body in _markdown_bodies(f.read_text(encoding="utf-8")):
        yield Path(rel).stem, body


def _schema(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    """One object per schema file, assembled from its properties' examples; the family is
    the schema's folder (Payments, Instruments, ...)."""
    body = _assemble(_load(f), _schema_files(root), 0)
    group = rel.split("/")[3] if rel.count("/") > 3 else "core"
    if isinstance(body, dict):
        yield group.lower(), body


def _keycloak(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    """A realm export as the admin API returns its parts: the user list, each client and
    the mail settings."""
    del rel, root
    realm = _load(f)
    if isinstance(realm.get("users"), list):
        yield "users", realm["users"]
    for client in realm.get("clients") or []:
        yield "clients", client
    if isinstance(realm.get("smtpServer"), dict):
        yield "realm_settings", {"realm": realm.get("realm"), "smtpServer": realm["smtpServer"]}


def _cassette(rel: str, f: Path, root: Path) -> Iterator[tuple[str, Any]]:
    """Recorded HTTP traffic (go-vcr): every JSON request and response body; the family is
    the recorded test (TestDatabaseSignUp_WithEmail... -> databasesignup)."""
    del root
    test = rel.split("/")[4].removesuffix(".yaml").split("_")[0].removeprefix("Test")
    for interaction in _load(f).get("interactions") or []:
        for side in ("request", "response"):
            text = (interaction.get(side) or {}).get("body")
            if not isinstance(text, str) or not text.startswith(("{", "[")):
                continue
            try:
                body = json.loads(text)
            except ValueError:
                continue
            yield test.lower(), body


_READERS = {
    "fixtures": _fixture,
    "openapi": _openapi_by_file,
    "openapi-api": _openapi_by_path,
    "markdown": _markdown,
    "schemas": _schema,
    "keycloak": _keycloak,
    "cassette": _cassette,
}


# ---------------------------------------------------------------------------------------
# Leaves


def leaves(body: Any) -> Iterator[tuple[str, str, tuple[str, ...], Any, dict[str, Any]]]:
    """(path, key, parents' keys, value, scalar siblings) of every scalar leaf; arrays as
    ``[*]``, an array's items inherit the array's key."""

    def go(
        node: Any, path: str, key: str, parents: tuple[str, ...], siblings: dict[str, Any]
    ) -> Iterator[tuple[str, str, tuple[str, ...], Any, dict[str, Any]]]:
        if isinstance(node, dict):
            scal = {k: v for k, v in node.items() if not isinstance(v, dict | list)}
            for k, v in node.items():
                yield from go(v, f"{path}.{k}", k, (*parents, key) if key else parents, scal)
        elif isinstance(node, list):
            for v in node:
                yield from go(v, f"{path}[*]", key, parents, siblings)
        else:
            yield path, key, parents, node, siblings

    yield from go(body, "$", "", (), {})


# ---------------------------------------------------------------------------------------
# Labelling rules (key words in any casing + parents' and siblings' keys + value checks)


def _words(key: str) -> list[str]:
    key = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", key)
    key = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", key)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", key) if w]


def _joined(key: str) -> str:
    return "".join(_words(key))


_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_EMAIL_IN = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
_MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9a-fA-F]{4}\.){2}[0-9a-fA-F]{4}$")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_PHONEISH = re.compile(r"^[+(]?\d[\d ().-]{5,}\d$")
_STAND_IN = re.compile(
    r"^(string|text|value|null|none|n/?a|tbd|test|example|sample|xxx+|\*+|#+|-+|0+|"
    r"<[^>]*>|\{\{?[^}]*\}?\}|\$\{[^}]*\}|\[[^\]]*\])$",
    re.I,
)
_MASK = re.compile(r"[*•]{2,}|x{4,}|X{4,}|#{3,}")
_PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")  # YOUR_API_KEY, AUTH_TOKEN
_US_PHONE = re.compile(r"^\(\d{3}\) ?\d{3}-\d{4}$")
_LAT_LNG = re.compile(r"^-?\d{1,3}\.\d+, ?-?\d{1,3}\.\d+$")
_SALUTATIONS = {"mr", "mrs", "ms", "miss", "mx", "dr", "dhr", "mevr", "herr", "frau", "mme", "mlle"}
#: Field names that a name/value pair's ``key`` or ``name`` sibling can carry.
_PAIR_NAMES = {
    "email": "email",
    "phone": "phone",
    "phonenumber": "phone",
    "mobile": "phone",
    "firstname": "person_name",
    "lastname": "person_name",
    "fullname": "person_name",
    "dob": "date_of_birth",
    "dateofbirth": "date_of_birth",
    "ssn": "us_ssn",
}
_NAME_VALUE = re.compile(r"^[^\W\d_][^\d@/:=]{0,60}$")

_FIRST = {"firstname", "givenname", "fname", "forename", "first"}
_LAST = {"lastname", "surname", "familyname", "lname", "last"}
_NAME_KEYS = (
    _FIRST
    | _LAST
    | {
        "middlename",
        "fullname",
        "consumername",
        "cardholder",
        "cardholdername",
        "holdername",
        "accountholdername",
        "accountholder",
        "nameoncard",
        "ownername",
        "realname",
        "legalname",
        "contactname",
        "customername",
        "recipientname",
        "beneficiaryname",
        "payername",
        "authorname",
        "requestername",
        "billingname",
        "shippingname",
        "nickname",
        "individualname",
        "receivingcompanyname",
        "originatorname",
        "receivername",
    }
)
#: Parents (or the owner of a ``name``) that hold a person.
_PERSON_PARENTS = {
    "customer",
    "customers",
    "user",
    "users",
    "contact",
    "contacts",
    "payer",
    "payee",
    "traveler",
    "travelers",
    "traveller",
    "passenger",
    "passengers",
    "owner",
    "holder",
    "author",
    "requester",
    "submitter",
    "assignee",
    "admin",
    "admins",
    "teammate",
    "employee",
    "recipient",
    "applicant",
    "person",
    "people",
    "individual",
    "lead",
    "visitor",
    "agent",
    "member",
    "members",
    "subscriber",
    "guest",
    "guests",
    "consumer",
    "shopper",
    "buyer",
    "signer",
    "shareholder",
    "director",
    "driver",
    "cardholder",
    "billingaddress",
    "shippingaddress",
    "defaultaddress",
    "addresses",
    "address",
    "billing",
    "shipping",
    "sender",
    "from",
    "to",
    "participant",
    "participants",
    "teammates",
    "emergencycontact",
}
_PERSONISH_SIBLINGS = {"email", "emailaddress", "phone", "phonenumber", "firstname", "lastname"}


def _is_stand_in(key: str, s: str) -> bool:
    t = s.strip()
    if not t or _STAND_IN.match(t) or _MASK.search(t) or _PLACEHOLDER.match(t):
        return True
    j = _joined(t)
    if len(j) >= 4 and _joined(key).endswith(j):
        return True
    return j in {"yourpassword", "password", "secret", "token", "apikey", "anemail"}


def _valid_ip(s: str) -> bool:
    try:
        ip = ipaddress.ip_address(s)
    except ValueError:
        return False
    return not ip.is_unspecified


def _luhn_card(digits: str) -> bool:
    from stdnum import luhn

    return 13 <= len(digits) <= 19 and luhn.is_valid(digits) and len(set(digits)) > 1


def _iban(s: str) -> bool:
    from stdnum import iban

    return len(s) >= 15 and iban.is_valid(s)


def _ssn(s: str) -> bool:
    from stdnum.us import ssn

    return ssn.is_valid(s)


def _geo(key_j: str, parents: tuple[str, ...], value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        x = float(value)
    except ValueError:
        return False
    parent = _joined(parents[-1]) if parents else ""
    if key_j in {"latitude", "lat"}:
        return -90 <= x <= 90 and x != 0
    if key_j in {"longitude", "lng", "lon", "long"}:
        return -180 <= x <= 180 and x != 0
    return parent == "coordinates" and key_j == "coordinates" and -180 <= x <= 180


_ID_DOC_TYPES: dict[str, str] = {
    "passport": "passport_number",
    "driverslicense": "drivers_license",
    "driverlicense": "drivers_license",
    "drivinglicence": "drivers_license",
    "drivinglicense": "drivers_license",
    "ssn": "us_ssn",
    "socialsecuritynumber": "us_ssn",
    "nationalid": "national_id",
    "nationalidentitycard": "national_id",
    "identitycard": "national_id",
    "idcard": "national_id",
    "taxid": "tax_id",
    "tin": "tax_id",
    "ein": "tax_id",
    "vat": "tax_id",
}


def _doc_type_of(siblings: dict[str, Any]) -> str | None:
    for k in ("type", "documentType", "document_type", "idType", "id_type", "kind"):
        v = siblings.get(k)
        if isinstance(v, str):
            t = _ID_DOC_TYPES.get(_joined(v))
            if t:
                return t
    return None


@dataclass(frozen=True, slots=True)
class _Leaf:
    """What the rules read of one leaf: its key (joined and as words), its parents' keys,
    its scalar siblings and its text."""

    key: str
    kj: str
    kw: frozenset[str]
    parents: tuple[str, ...]
    last_parent: str
    siblings: dict[str, Any]
    s: str


#: A check's verdict: a type, ``NEGATIVE`` (stop: the leaf is a negative) or ``None`` (ask
#: the next check).
NEGATIVE = ""
_BANK_KEYS = {
    "accountnumber",
    "bankaccountnumber",
    "routingnumber",
    "sortcode",
    "bsb",
    "bankcode",
    "branchcode",
    "transitnumber",
    "institutionnumber",
    "clabe",
    "abanumber",
    "aba",
    "consumeraccount",
    "bankaccount",
    "wireroutingnumber",
    # NACHA file fields (routing numbers of the banks and the receiver's account)
    "dfiaccountnumber",
    "rdfiidentification",
    "odfiidentification",
    "immediatedestination",
    "immediateorigin",
    "adviceroutingnumber",
    "achoperatorroutingnumber",
    "gatewayoperatorrdfiidentification",
    "origindfiidentification",
    "receivingdfiidentification",
    "originatingdfiidentification",
}
_STREET_KEYS = {
    "line1",
    "addressline1",
    "address1",
    "street",
    "streetaddress",
    "streetline1",
    "addressline",
    "streetname",
    "lines",
    "address",
    "fulladdress",
    "formattedaddress",
}
_COMPANY = re.compile(r"\b(Inc|LLC|Ltd|GmbH|B\.?V|Company|Corp)\b")


def rule_label(
    parents: list[str] | tuple[str, ...], key: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The type a leaf's key, parents, siblings and value say it holds; ``None``: a negative.
    Free text is labelled with the first strong type it contains (e-mail, JWT)."""
    parents = tuple(parents)
    kj = _joined(key)
    if _geo(kj, parents, value):
        return "geo_location"
    if (
        isinstance(value, str)
        and _LAT_LNG.match(value.strip())
        and ("geo" in kj or "latlng" in kj or "coord" in kj or "location" in kj)
    ):
        return "geo_location"
    if value is None or isinstance(value, bool | int | float):
        return None
    s = str(value).strip()
    if _is_stand_in(key, s):
        return None
    leaf = _Leaf(
        key,
        kj,
        frozenset(_words(key)),
        parents,
        _joined(parents[-1]) if parents else "",
        siblings,
        s,
    )
    for check in _CHECKS:
        verdict = check(leaf)
        if verdict is not None:
            return verdict or None
    return None


def _by_value(leaf: _Leaf) -> str | None:
    """Values whose shape alone says the type (JWT, e-mail, MAC, IP, IBAN)."""
    s = leaf.s
    if _JWT.search(s):
        return "jwt"
    if _EMAIL.match(s) or (" " in s and _EMAIL_IN.search(s) and len(s) > 20):
        return "email"
    if _MAC.match(s):
        return "mac_address"
    if _valid_ip(s) and not leaf.kw & {"netmask", "gateway", "dns", "subnet", "mask"}:
        return "ip_address"
    if _iban(re.sub(r"[ -]", "", s)):
        return "iban"
    return None


def _by_sibling(leaf: _Leaf) -> str | None:
    """A ``value`` or ``number`` whose sibling names what it is (name/value pairs, a
    document's type)."""
    if leaf.kj == "value":
        for k in ("key", "name", "field", "type"):
            pair = leaf.siblings.get(k)
            if isinstance(pair, str) and _joined(pair) in _PAIR_NAMES:
                t = _PAIR_NAMES[_joined(pair)]
                if t != "email" or "@" in leaf.s:
                    return t
    doc = _doc_type_of(leaf.siblings)
    if doc and leaf.kj in {"value", "number", "idnumber", "documentnumber", "id", "identifier"}:
        return doc
    return None


def _secret(leaf: _Leaf) -> str | None:
    kj, kw, s = leaf.kj, leaf.kw, leaf.s
    if kw & {"password", "passwd", "pwd", "passphrase"} or (
        kj == "value" and str(leaf.siblings.get("type", "")).lower() == "password"
    ):
        return "password"
    if (
        kw & {"secret", "token", "apikey"}
        or kj in {"apikey", "authtoken", "accesstoken", "refreshtoken", "privatekey", "signingkey"}
    ) and len(s) >= 12:
        if kw & {"type", "expires", "expiry", "url", "uri", "id", "sid", "hint", "name"}:
            return NEGATIVE
        return "secret_key"
    if re.match(r"^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$|^(live|test)_[A-Za-z0-9]{20,}$", s):
        return "secret_key"
    return None


def _identity_document(leaf: _Leaf) -> str | None:
    kj, kw = leaf.kj, leaf.kw
    if "passport" in kj and not kw & {"country", "expiry", "expiration", "issuance", "type"}:
        return "passport_number"
    driver = "driv" in kj or "driver" in {_joined(p) for p in leaf.parents}
    if ("licence" in kj or "license" in kj) and driver:
        if kw & {"state", "country", "expiry", "expiration", "type", "class"}:
            return None
        return "drivers_license"
    if kj in {"ssn", "socialsecuritynumber", "ssnlast4"} or ("ssn" in kw and "last" not in kw):
        return "us_ssn" if _ssn(leaf.s) else NEGATIVE
    return None


def _tax_or_national_id(leaf: _Leaf) -> str | None:
    kj, kw = leaf.kj, leaf.kw
    if kj in {"taxid", "tin", "ein", "vat", "vatnumber", "vatid", "taxnumber", "vatregistration"}:
        return "tax_id"
    if kw & {"tax", "vat"} and kw & {"id", "number", "identifier", "code"}:
        return "tax_id"
    if kj in {"nationalid", "nationalidentifier", "nin", "nino", "personalnumber", "cpf", "bsn"}:
        return "national_id"
    return None


def _card_or_bank(leaf: _Leaf) -> str | None:
    kj = leaf.kj
    digits = re.sub(r"[ -]", "", leaf.s)
    if digits.isdigit() and _luhn_card(digits):
        cardish = (
            leaf.kw & {"card", "pan", "cc"} or "card" in leaf.last_parent or kj == "cardnumber"
        )
        if cardish and kj not in {"bin", "iin", "last4", "id", "token"}:
            return "credit_card"
    if kj in _BANK_KEYS and re.search(r"\d{4,}", leaf.s):
        return "bank_account"
    return None


def _birth_gender_login(leaf: _Leaf) -> str | None:
    kj, s = leaf.kj, leaf.s
    if leaf.kw & {"dob"} or any(w in kj for w in ("birthdate", "dateofbirth", "birthday")):
        return "date_of_birth" if re.search(r"\d", s) else NEGATIVE
    if kj in {"gender", "sex", "salutation"}:
        return "gender"
    if kj.endswith("title") and _joined(s) in _SALUTATIONS:
        return "gender"
    if kj in {"username", "userid", "login", "loginname", "screenname", "handle", "nickname"}:
        if kj == "userid" and not re.search(r"[a-z]", s):
            return NEGATIVE
        if (
            kj != "nickname"
            and re.match(r"^[\w.@+-]{3,64}$", s)
            and not re.match(r"^[0-9a-f-]{20,}$|^[A-Z]{2}[0-9a-f]{32}$", s)
        ):
            return "username"
    return None


def _phone(leaf: _Leaf) -> str | None:
    kj, kw, s = leaf.kj, leaf.kw, leaf.s
    if kj == "nationalformat" or _US_PHONE.match(s):
        return "phone"
    if (
        "phone" in leaf.last_parent
        and kj in {"number", "nationalnumber", "value"}
        and _PHONEISH.match(s)
    ):
        return "phone"
    phone_key = (
        kw & {"phone", "mobile", "telephone", "tel", "fax", "msisdn", "cell"}
        and _PHONEISH.match(s)
        and len(re.sub(r"\D", "", s)) >= 7
    )
    if (_E164.match(s) or phone_key) and not kw & {
        "sid",
        "id",
        "type",
        "country",
        "code",
        "verified",
        "extension",
    }:
        return "phone"
    return None


def _street(leaf: _Leaf) -> str | None:
    kj, s = leaf.kj, leaf.s
    streetish = (
        kj in _STREET_KEYS
        or (
            ("streetaddress" in kj or "streetandnumber" in kj or kj.endswith("street"))
            and not any(x in kj for x in ("secondary", "additional", "2", "3"))
        )
        or kj.endswith("addressline")
    )
    if streetish and re.search(r"\d", s) and re.search(r"[A-Za-z]{3}", s) and " " in s:
        return "street_address"
    return None


def _person_name(leaf: _Leaf) -> str | None:
    kj, s, parents = leaf.kj, leaf.s, leaf.parents
    if not _NAME_VALUE.match(s) or _COMPANY.search(s):
        return None
    if kj in _NAME_KEYS and kj not in {"first", "last"}:
        return "person_name"
    if any(kj.endswith(w) for w in ("firstname", "lastname", "givenname", "familyname")):
        return "person_name"
    if kj in {"first", "last"} and leaf.last_parent == "name":
        return "person_name"
    owner = _joined(parents[-2]) if leaf.last_parent == "name" and len(parents) > 1 else ""
    if kj in {"name", "displayname", "fullname"} and (
        leaf.last_parent in _PERSON_PARENTS
        or owner in _PERSON_PARENTS
        or {_joined(k) for k in leaf.siblings} & _PERSONISH_SIBLINGS
    ):
        return "person_name"
    return None


_CHECKS = (
    _by_value,
    _by_sibling,
    _secret,
    _identity_document,
    _tax_or_national_id,
    _card_or_bank,
    _birth_gender_login,
    _phone,
    _street,
    _person_name,
)


def _labels(family: str, body: Any, overrides: dict[str, Any] | None) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for path, key, parents, value, siblings in leaves(body):
        t = rule_label(parents, key, value, siblings)
        if overrides is not None:
            hand = _decision(overrides, family, path, value, siblings)
            if hand is not None:
                t = None if hand == "none" else hand
        if t:
            out.add((path, t))
    return out


def _decision(
    overrides: dict[str, Any], family: str, path: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The last hand decision matching this leaf: family (exact, or a prefix ending in
    ``/``), path (exact, or a suffix starting with ``.`` or ``[``), optional value prefix
    and optional sibling equality."""
    del siblings
    found: str | None = None
    text = "" if value is None else str(value)
    for d in overrides["decisions"]:
        fam = d.get("family", "")
        if fam and not (family == fam or (fam.endswith("/") and family.startswith(fam))):
            continue
        p = d["path"]
        if not (path == p or (p[0] in ".[" and path.endswith(p))):
            continue
        if "value" in d and not text.startswith(d["value"]):
            continue
        found = d["type"]
    return found


# ---------------------------------------------------------------------------------------
# Building the set


def _leaf_count(body: Any) -> int:
    return sum(1 for _ in leaves(body))


def build(cache: Path) -> tuple[list[dict[str, Any]], int]:
    """The documents with final labels, and the number of labels the hand decisions
    changed. The selection follows from the rules alone (so a hand decision cannot move
    it): per family the ``PER_FAMILY`` documents whose leaves the rules label most densely
    (ties: source order) and the first document without a rule label; families without
    any rule label are left out. Documents keep their source order."""
    overrides = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    seen: set[str] = set()
    candidates: dict[str, list[tuple[int, Any, set[tuple[str, str]], int]]] = {}
    for order, (family, raw) in enumerate(raw_documents(cache)):
        body = _cut(raw)
        n = _leaf_count(body)
        if not MIN_LEAVES <= n <= MAX_LEAVES:
            continue
        digest = json.dumps(body, sort_keys=True)
        if digest in seen:
            continue
        seen.add(digest)
        candidates.setdefault(family, []).append((order, body, _labels(family, body, None), n))
    chosen: list[tuple[int, str, Any, set[tuple[str, str]]]] = []
    for family, cands in candidates.items():
        with_labels = [c for c in cands if c[2]]
        if not with_labels:
            continue
        cap = PER_FAMILY_OF.get(family.split("/")[0].removeprefix("v4"), PER_FAMILY)
        richest = sorted(
            with_labels, key=lambda c: (-len({t for _, t in c[2]}), -len(c[2]) / c[3], c[0])
        )
        picked = richest[:cap] + [c for c in cands if not c[2]][:1]
        chosen += [(c[0], family, c[1], c[2]) for c in picked]
    docs: list[dict[str, Any]] = []
    changed = 0
    for _, family, body, rules in sorted(chosen, key=lambda c: c[0]):
        final = _labels(family, body, overrides)
        changed += len(rules ^ final)
        docs.append({"family": family, "body": body, "labels": sorted(final)})
    return docs, changed


def write(docs: list[dict[str, Any]]) -> str:
    return "".join(
        json.dumps(
            {"family": d["family"], "body": d["body"], "labels": d["labels"]}, ensure_ascii=False
        )
        + "\n"
        for d in docs
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["fill"]:
        fill(Path(argv[1]), default_cache())
        return
    docs, changed = build(default_cache())
    OUT.write_text(write(docs), encoding="utf-8")
    per_type = Counter(t for d in docs for _, t in d["labels"])
    fams = Counter(d["family"] for d in docs)
    print(f"{len(docs)} documents, {len(fams)} families, {sum(per_type.values())} labels")
    print(f"labels changed by hand: {changed}")
    for t, n in sorted(per_type.items(), key=lambda x: -x[1]):
        print(f"  {t}: {n}")


if __name__ == "__main__":
    main(sys.argv[1:])
