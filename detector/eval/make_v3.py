"""Build the v3 evaluation set from real example payloads published by API vendors and a
standards body: ``python -m detector.eval.make_v3 [--cache DIR] [--check]``.

Sources (fetched once into the cache, outside the repository; see ``SOURCES``): Adyen's
OpenAPI descriptions (the ``examples`` of the newest version of each service), Stripe's
OpenAPI fixtures (one example object per resource) and the HL7 FHIR example resources.
Every document keeps the vendor's shape and key names. Labels come from the rules below
(key words in any casing + value checks with python-stdnum; no detector code is imported),
then from the hand decisions in ``data/v3/overrides.json`` (each with its reason).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cpf
from stdnum.us import ssn as us_ssn

OUT = Path(__file__).resolve().parent / "data" / "v3"
OVERRIDES = OUT / "overrides.json"

#: Cache folder → (repository, commit, licence, files taken). The cache is filled with
#: ``git --git-dir=<mirror of the repository> show <commit>:<path> > <cache>/<folder>/<name>``.
SOURCES: dict[str, tuple[str, str, str, str]] = {
    "adyen": (
        "Adyen/adyen-openapi",
        "aa014f0cbdb58ff5c44a2ff9d5fe734642210aff",
        "MIT",
        "json/<Service>-v<N>.json, newest N of each service",
    ),
    "stripe": (
        "stripe/openapi",
        "f6c2a48fbac2819d1feba8143d942ffc65e1c0d2",
        "MIT",
        "openapi/fixtures3.json",
    ),
    "gocardless": (
        "gocardless/gocardless-pro-python",
        "d5c83f375d8867d2980745ed1c510f264823d300",
        "MIT",
        "tests/fixtures/<resource>.json (the API's published example bodies)",
    ),
    "fhir": (
        "hl7-fhir/hl7-fhir.github.io",
        "c39c15d0b1f1733e71b2819fbbccfab4b05412ff",
        "CC0 (FHIR licence)",
        "<resource>-example*.json at the repository root (FHIR STU3 ballot, 2016)",
    ),
}

#: Documents per family at most: labelled ones first (file order), then unlabelled ones.
MAX_LABELLED = 40
MAX_UNLABELLED = 1
#: Leaves per document at most (a larger example is skipped: one body should not dominate).
MAX_LEAVES = 150


def default_cache() -> Path:
    base = os.environ.get("SIEVE_CACHE", str(Path.home() / ".cache" / "sieve"))
    return Path(os.environ.get("SIEVE_EVAL_V3_CACHE", str(Path(base) / "eval-v3")))


# ---------------------------------------------------------------- reading the sources


def _walk_examples(node: Any) -> Iterator[Any]:
    """Every ``examples.<name>.value`` object of an OpenAPI description, in document order."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "examples" and isinstance(v, dict):
                for ex in v.values():
                    if isinstance(ex, dict) and isinstance(ex.get("value"), dict | list):
                        yield ex["value"]
            else:
                yield from _walk_examples(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_examples(v)


def adyen_docs(cache: Path) -> Iterator[tuple[str, Any]]:
    for path in sorted((cache / "adyen").glob("*.json")):
        service = re.sub(r"-v\d+$", "", path.stem)
        spec = json.loads(path.read_text(encoding="utf-8"))
        for body in _walk_examples(spec):
            yield f"v3adyen/{service}", body


def _stripe_family(resource: str) -> str:
    if "." in resource:
        return resource.split(".", maxsplit=1)[0]
    return resource.removeprefix("deleted_")


def stripe_docs(cache: Path) -> Iterator[tuple[str, Any]]:
    fixtures = json.loads((cache / "stripe" / "fixtures3.json").read_text(encoding="utf-8"))
    for name, body in sorted(fixtures["resources"].items()):
        yield f"v3stripe/{_stripe_family(name)}", body


def gocardless_docs(cache: Path) -> Iterator[tuple[str, Any]]:
    for path in sorted((cache / "gocardless").glob("*.json")):
        actions = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(actions, dict):
            continue
        for action in actions.values():
            if isinstance(action, dict) and isinstance(action.get("body"), dict):
                yield f"v3gocardless/{path.stem}", action["body"]


def _drop_narrative(resource: Any) -> Any:
    """FHIR's generated XHTML narrative (``text.div``) repeats the resource as markup; it is
    dropped (the structured fields stay)."""
    if isinstance(resource, dict):
        return {
            k: _drop_narrative(v)
            for k, v in resource.items()
            if not (k == "text" and isinstance(v, dict) and "div" in v)
        }
    if isinstance(resource, list):
        return [_drop_narrative(v) for v in resource]
    return resource


#: FHIR resources about people, organisations, places, coverage and administration (the
#: clinical and conformance resources carry codes, not personal data).
FHIR_TYPES = {
    "Patient", "Practitioner", "PractitionerRole", "RelatedPerson", "Person", "Organization",
    "Location", "Coverage", "Claim", "Account", "Appointment", "Communication", "AuditEvent",
    "Provenance", "Consent", "Device", "EnrollmentRequest", "EligibilityRequest",
    "PaymentNotice", "ExplanationOfBenefit", "Contract", "Endpoint", "HealthcareService",
    "CareTeam", "Subscription", "Group", "Schedule", "Slot",
}  # fmt: skip


def fhir_docs(cache: Path) -> Iterator[tuple[str, Any]]:
    for path in sorted((cache / "fhir").glob("*.json")):
        res = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(res, dict):
            continue
        if res.get("resourceType") == "Bundle":
            for entry in res.get("entry", []):
                inner = entry.get("resource") if isinstance(entry, dict) else None
                if isinstance(inner, dict) and inner.get("resourceType") in FHIR_TYPES:
                    yield f"v3fhir/{inner['resourceType']}", _drop_narrative(inner)
            continue
        if res.get("resourceType") in FHIR_TYPES:
            yield f"v3fhir/{res['resourceType']}", _drop_narrative(res)


READERS = {
    "adyen": adyen_docs,
    "stripe": stripe_docs,
    "gocardless": gocardless_docs,
    "fhir": fhir_docs,
}


# ---------------------------------------------------------------- labelling rules


def norm(key: str) -> str:
    """``first_name``, ``FirstName``, ``first-name`` → ``firstname``."""
    return re.sub(r"[^a-z0-9]", "", key.lower())


EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
IPV4 = re.compile(r"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$")
MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$")
JWT = re.compile(r"^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
PHONE = re.compile(r"^\+?[0-9 ().-]{7,20}$")
CARD_PREFIXES = ("4", "51", "52", "53", "54", "55", "2", "34", "37", "36", "6011", "65", "35")

NAME_KEYS = {
    "firstname", "lastname", "givenname", "familyname", "surname", "middlename", "infix",
    "fullname", "holdername", "cardholdername", "accountholdername", "ownername",
    "given", "family", "maidenname", "legalname", "nameoncard",
}  # fmt: skip
PERSON_PARENTS = {
    "name", "shoppername", "individual", "person", "cardholder", "owner", "shipping",
    "billingdetails", "accountholder", "representative", "contact", "signatory",
    "verifiedoutputs", "customer", "accountowner", "ownership", "counterparty",
}  # fmt: skip
SECRET_KEYS = {
    "clientsecret", "secret", "hmackey", "apikey", "accesstoken", "refreshtoken",
    "privatekey", "webhooksecret", "signingsecret", "authtoken", "sharedsecret",
    "encryptionkey", "passphrase",
}  # fmt: skip
BANK_KEYS = {
    "accountnumber", "bankaccountnumber", "routingnumber", "sortcode", "bankcode",
    "branchcode", "bsbcode", "clabe", "institutionnumber", "transitnumber",
    "bankaccount", "banknumber", "clearingnumber",
}  # fmt: skip


def _ssn_like(value: str) -> bool:
    return us_ssn.is_valid(value)


#: Documentation stand-ins: a placeholder naming the field (``YOUR_USERNAME``,
#: ``BASIC_AUTH_PASSWORD``), masks (``******``, ``######6852``), zeros, words standing for a
#: value and GoCardless's ``example <field> 101``.
PLACEHOLDER = re.compile(r"^([A-Z][A-Z0-9]*(_[A-Z0-9]+)+|.*([#*]{3,}|X{4,}).*|0+)$")
STAND_IN_WORDS = {
    "string", "name", "infix", "ownername", "payername", "street", "clientsecret", "value",
    "firstname", "lastname",
}  # fmt: skip
COMPANY = re.compile(r"\b(company|bv|b\.v\.|ltd|inc|gmbh|llc)\b", re.IGNORECASE)


def rule_label(  # noqa: PLR0911 (one return per rule reads best)
    parents: list[str], key: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The type of one scalar leaf from its key, its parents' keys, its siblings and its value;
    documentation stand-ins are negatives."""
    t = _rule_type(parents, key, value, siblings)
    if t is None or not isinstance(value, str):
        return t
    v = value.strip()
    if PLACEHOLDER.match(v) or norm(v) in STAND_IN_WORDS or v.startswith("example "):
        return None
    if t == "person_name" and COMPANY.search(v):
        return None
    if t == "phone" and len(re.sub(r"\D", "", v)) < 7:
        return None
    if t == "street_address" and v.isdigit():
        return None
    if t == "bank_account" and len(v) > 14 and std_iban.is_valid(v):
        return "iban"
    return t


def _rule_type(  # noqa: PLR0911, PLR0912, PLR0915 (a flat list of rules, first match wins)
    parents: list[str], key: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    if not isinstance(value, str) or not value.strip():
        if isinstance(value, int | float) and not isinstance(value, bool):
            k = norm(key)
            if k in {"latitude", "longitude", "lat", "lng", "lon"}:
                return "geo_location"
            if k in {"year", "month", "day"} and parents and norm(parents[-1]) == "dob":
                return "date_of_birth"
        return None
    k, v = norm(key), value.strip()
    parent = norm(parents[-1]) if parents else ""
    grand = norm(parents[-2]) if len(parents) > 1 else ""
    if JWT.match(v):
        return "jwt"
    if EMAIL.match(v):
        return "email"
    # FHIR ContactPoint and Identifier: the sibling says what the value is.
    if k == "value" and "system" in siblings:
        system = str(siblings["system"]).lower()
        if system in {"phone", "fax", "sms", "pager"}:
            return "phone"
        if system == "email":
            return "email"
        if system.endswith("2.16.840.1.113883.4.1") or system.endswith("/us-ssn"):
            return "us_ssn"
        if system.startswith("urn:oid:2.16.840.1.113883.4.3."):
            return "drivers_license"
        if "2.16.840.1.113883.2.4.6.3" in system:
            return "national_id"
        codes = json.dumps(siblings.get("type", "")).upper()
        if '"DL"' in codes:
            return "drivers_license"
        if '"PPN"' in codes:
            return "passport_number"
        if '"SS"' in codes:
            return "us_ssn" if _ssn_like(v) else "national_id"
    if k == "number" and "type" in siblings:
        kind = norm(str(siblings["type"]))
        if kind == "passport":
            return "passport_number"
        if kind in {"driverslicense", "drivinglicence", "driverslicence"}:
            return "drivers_license"
        if kind in {"nationalidnumber", "identitycard", "nationalid", "id"}:
            return "national_id"
    if k in {"email", "shopperemail", "emailaddress"}:
        return "email"
    if k in NAME_KEYS or (k in {"name", "text", "displayname"} and parent in PERSON_PARENTS):
        return "person_name"
    if k in {"prefix", "salutation", "title"} and parent == "name":
        return "gender" if norm(v) in {"mr", "mrs", "ms", "miss", "mevr", "dhr"} else None
    if k in {"dateofbirth", "birthdate", "dob", "birthday"}:
        return "date_of_birth"
    if k in {"gender", "sex"}:
        return "gender"
    if k in {"line1", "street", "streetaddress", "addressline1", "address1"} or (
        k == "line" and parent == "address"
    ):
        return "street_address"
    if (
        k in {"phone", "telephonenumber", "phonenumber", "mobilenumber", "shopperphone", "fax"}
        and PHONE.match(v)
    ) or (k == "number" and parent in {"phone", "phonenumber"} and PHONE.match(v)):
        return "phone"
    if (k in {"ip", "shopperip", "clientip", "deviceip", "ipv4"} or k.endswith("ipaddress")) and (
        IPV4.match(v)
    ):
        return "ip_address"
    if MAC.match(v) or k in {"macaddress", "mac", "bssid"}:
        return "mac_address" if MAC.match(v) else None
    if k in {"latitude", "longitude", "lat", "lng", "lon"}:
        return "geo_location"
    if k in {"password", "passwd", "psk", "wpapassword"}:
        return "password"
    if k in {"username", "login", "userid"} and not v.isdigit():
        return "username" if "username" in k or k == "login" else None
    if "iban" in k or (len(v) > 14 and std_iban.is_valid(v)):
        return "iban" if std_iban.is_valid(v) else None
    card_like = v.isdigit() and 13 <= len(v) <= 19 and luhn.is_valid(v)
    if card_like and k in {"number", "cardnumber", "pan"} and v.startswith(CARD_PREFIXES):
        return "credit_card"
    if card_like and grand == "card":
        return "credit_card"
    if k in BANK_KEYS or k == "routingnumber" or (k == "number" and parent == "bankaccount"):
        return "bank_account"
    if k in {"socialsecuritynumber", "ssn", "taxpayerid"}:
        digits = re.sub(r"\D", "", v)
        if cpf.is_valid(digits):
            return "national_id"
        return "us_ssn" if _ssn_like(digits) else None
    if k in {"passportnumber", "passport"}:
        return "passport_number"
    if k in {"driverslicense", "driverslicensenumber", "drivinglicence"}:
        return "drivers_license"
    if k in {"nationalid", "nationalidnumber", "bsn", "personalnumber", "idnumber", "cpf"} or (
        k.endswith("identitynumber")
    ):
        return "national_id"
    if k in {"taxid", "vatnumber", "taxnumber", "tin", "ein", "vatid"} or (
        k == "value" and parent in {"taxid", "taxids"}
    ):
        return "tax_id"
    if k in SECRET_KEYS:
        return "secret_key"
    return None


# ---------------------------------------------------------------- labelling a document


def leaves(
    node: Any, path: str = "$", parents: tuple[str, ...] = ()
) -> Iterator[tuple[str, list[str], str, Any, dict[str, Any]]]:
    """(path, parent keys, key, value, siblings) of every scalar leaf."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, dict | list):
                yield from leaves(v, f"{path}.{k}", (*parents, k))
            else:
                yield f"{path}.{k}", list(parents), k, v, node
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, dict | list):
                yield from leaves(v, f"{path}[*]", parents)
            else:
                key = parents[-1] if parents else ""
                yield f"{path}[*]", list(parents[:-1]), key, v, {}


def value_digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:12]


def label_doc(
    family: str, body: Any, overrides: dict[str, Any]
) -> tuple[set[tuple[str, str]], int]:
    """The labels of one document, and how many of them a hand decision changed."""
    rule: dict[str, set[str]] = {}
    final: dict[str, set[str]] = {}
    changed = 0
    for path, parents, key, value, siblings in leaves(body):
        t = rule_label(parents, key, value, siblings)
        got = {t} if t else set()
        decision = _decision(overrides, family, path, value, siblings)
        if decision is not None:
            got = set() if decision == "none" else {decision}
        rule.setdefault(path, set()).update({t} if t else set())
        final.setdefault(path, set()).update(got)
    for path, by_rule in rule.items():
        changed += len(by_rule ^ final[path])
    return {(p, t) for p, ts in final.items() for t in ts}, changed


def _decision(
    overrides: dict[str, Any], family: str, path: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The first hand decision that matches the leaf: ``family`` (a family or a source prefix
    such as ``v3adyen``), ``path`` or ``path_suffix``, ``value`` (the literal) and
    ``sibling_system`` (the ``system`` beside a FHIR identifier's value), each optional."""
    for d in overrides["decisions"]:
        fam = d.get("family")
        if fam is not None and family != fam and not family.startswith(fam + "/"):
            continue
        if "path" in d and d["path"] != path:
            continue
        if "path_suffix" in d and not path.endswith(d["path_suffix"]):
            continue
        if "value" in d and d["value"] != value:
            continue
        if "sibling_system" in d and d["sibling_system"] != siblings.get("system"):
            continue
        return str(d["type"])
    return None


# ---------------------------------------------------------------- the whole set


def n_leaves(body: Any) -> int:
    return sum(1 for _ in leaves(body))


def build(cache: Path) -> tuple[list[dict[str, Any]], int]:
    overrides = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    drop = set(overrides.get("drop_documents", []))
    docs: list[dict[str, Any]] = []
    changed_total = 0
    for source, reader in READERS.items():
        seen: set[str] = set()
        per_family: dict[str, tuple[list[Any], list[Any]]] = {}
        for family, body in reader(cache):
            digest = value_digest(body)
            if digest in seen or digest in drop or not 3 <= n_leaves(body) <= MAX_LEAVES:
                continue
            seen.add(digest)
            labels, changed = label_doc(family, body, overrides)
            with_labels, without = per_family.setdefault(family, ([], []))
            if labels and len(with_labels) < MAX_LABELLED:
                with_labels.append((body, labels, changed))
            elif not labels and len(without) < MAX_UNLABELLED:
                without.append((body, labels, changed))
        del source
        for family in sorted(f for f, (with_labels, _) in per_family.items() if with_labels):
            for body, labels, changed in per_family[family][0] + per_family[family][1]:
                docs.append({"family": family, "body": body, "labels": sorted(labels)})
                changed_total += changed
    return docs, changed_total


def write(docs: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False, sort_keys=False) + "\n" for d in docs)


def summary(docs: list[dict[str, Any]]) -> str:
    types = Counter(t for d in docs for _, t in d["labels"])
    labelled = sum(len({p for p, _ in d["labels"]}) for d in docs)
    total = sum(n_leaves(d["body"]) for d in docs)
    fams = {d["family"] for d in docs}
    lines = [f"{len(docs)} documents, {len(fams)} families, {sum(types.values())} labels"]
    lines.append(
        f"unlabelled leaves per labelled leaf: {(total - labelled) / max(labelled, 1):.1f}"
    )
    lines += [f"  {t}: {n}" for t, n in sorted(types.items(), key=lambda x: -x[1])]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=default_cache())
    ap.add_argument("--check", action="store_true", help="compare with the committed file")
    args = ap.parse_args()
    docs, changed = build(args.cache)
    text = write(docs)
    target = OUT / "real.jsonl"
    if args.check:
        same = target.read_text(encoding="utf-8") == text
        raise SystemExit(0 if same else f"{target} differs from what the cache makes")
    target.write_text(text, encoding="utf-8")
    print(summary(docs))
    print(f"labels changed by hand: {changed}")


if __name__ == "__main__":
    main()
