"""Build ``data/v9/real.jsonl``: real SDK fixtures, mock-server data, API-reference samples,
converter test outputs and configurations that publishers not used by v1 to v8 released under
permissive licences, labelled by the rules below and then by hand decisions
(``data/v9/overrides.json``).

``python -m detector.eval.make_v9 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v9`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

The v9 rules read what v8's rules read (``make_v8.rule_label``: e-mail, IBAN, card, SSN and
national-number checks, names, addresses, secrets) after the key words v9's sources add: label
and value pairs, US tax identifiers, HL7 identifier systems and type codes, Japanese readings,
kin names, mobile and landline numbers, name servers.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from stdnum.in_ import aadhaar as in_aadhaar
from stdnum.in_ import gstin as in_gstin
from stdnum.in_ import pan as in_pan
from stdnum.tr import tckimlik as tr_tckimlik
from stdnum.us import ein as us_ein
from stdnum.us import ssn as us_ssn

from detector.eval import make_v8, real_sets
from detector.eval.real_sets import Extractor, Source, words
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import load_json as _json
from detector.eval.real_sets import rel as _rel

DATA, OUT, OVERRIDES = real_sets.set_files("v9")

_DHIS2_DIRS = (
    "trackedentity",
    "user",
    "organisationunit",
    "event",
    "enrollment",
    "relationship",
    "tracker",
    "sms",
    "systeminfo",
    "note",
    "imports",
)

SOURCES: dict[str, Source] = {
    "directfile": Source(
        "IRS-Public/direct-file",
        "e0d5c84451cc52b72d20d04652e306bf4af1a43c",
        "public domain (US government work; CC0 outside the US)",
        (
            "direct-file/backend/src/main/resources/dataimportservice/mocks/*.json",
            "direct-file/backend/src/test/resources/scenarios/state-api-exported-data-snapshots/"
            "*.json",
        ),
        "the US Internal Revenue Service's Direct File: the data-import service's mock "
        "taxpayer records (biographical data, W-2s with employers' EINs, 1099s, IP PINs) and "
        "the filer data exported to state tax systems in its scenario tests",
    ),
    "cbv": Source(
        "DSACMS/iv-cbv-payroll",
        "e6346af64bcbe01215d3a0a7b009d956f2a84911",
        "CC0-1.0 (US government work)",
        ("app/spec/support/fixtures/*.json",),
        "the payroll-API responses (Argyle, Pinwheel) and National Student Clearinghouse "
        "insights that the US CMS income-verification service's tests replay: identities with "
        "SSNs, employments, paystubs, shifts, gigs, accounts",
    ),
    "redfish": Source(
        "DMTF/Redfish-Mockup-Server",
        "9a86585f5e93a6b102d5f32bcc20a6cd9fbe9474",
        "BSD-3-Clause",
        ("public-rackmount1/*index.json",),
        "DMTF's Redfish (server management standard) mockup of a rack-mount server: "
        "accounts, managers, network interfaces with MAC and IP addresses, systems, chassis, "
        "sessions, event subscriptions",
    ),
    "dex": Source(
        "dexidp/dex",
        "ab64ed778070e983cbb10cfc07ea4bb397d14312",
        "Apache-2.0",
        ("examples/*config*.yaml", "examples/k8s/dex.yaml", "config.*.yaml", "config.yaml.dist"),
        "the Dex (OpenID Connect identity provider) example and development configurations: "
        "static clients with secrets, static users with bcrypt hashes, LDAP, GitHub and OIDC "
        "connectors with their credentials, storage and web settings",
    ),
    "personio": Source(
        "at-gmbh/personio-py",
        "a4710d6c396707c51fa6655a6050a700bb41581c",
        "Apache-2.0",
        ("tests/*.py",),
        "the Personio (German HR platform) API responses the client's tests mock, as JSON "
        "strings: employees with label and value pairs, absences, attendances, projects",
    ),
    "smarthr": Source(
        "nogic1008/SmartHR.NET",
        "d456d98b84c6c59cb8bf5032cfa3668fd327916a",
        "MIT",
        ("test/SmartHR.NET.Tests/*.cs",),
        "the SmartHR (Japanese HR and labour-procedures platform) API sample responses the "
        "client's tests deserialise, as C# string constants: users, departments, payrolls, "
        "payslips, bank-account settings, webhooks",
    ),
    "dhis2": Source(
        "dhis2/dhis2-android-sdk",
        "c4c2542d782b216a051ea23eec552006d469eb92",
        "BSD-3-Clause",
        tuple(f"core/src/sharedTest/resources/{d}/*.json" for d in _DHIS2_DIRS),
        "the DHIS2 (health information system, University of Oslo) server responses the "
        "Android SDK's tests parse: tracked entities with attributes, enrollments, events, "
        "users, organisation units with contacts, relationships, tracker imports, system info",
    ),
    "keystone": Source(
        "openstack/keystone",
        "30ef2ffa65a3486ef882f00538e20f2253c57d4c",
        "Apache-2.0",
        ("api-ref/source/*.json",),
        "the OpenStack Identity (Keystone) API reference's request and response samples: "
        "users with passwords, credentials, application credentials with secrets, tokens, "
        "projects, domains, federation, OAuth 1 and trusts",
    ),
    "neutron": Source(
        "openstack/neutron-lib",
        "6cd671a8c4614b5ac798fb858d5d32add3419d88",
        "Apache-2.0",
        ("api-ref/source/v2/samples/*.json",),
        "the OpenStack Networking (Neutron) API reference's samples: ports with MAC and fixed "
        "IP addresses, networks, subnets, routers, floating IPs, firewalls, VPN, BGP, QoS",
    ),
    "fhirconv": Source(
        "microsoft/FHIR-Converter",
        "70fd328e05019142f616a660cf65c6034baaa3c9",
        "MIT",
        (
            "src/Microsoft.Health.Fhir.Liquid.Converter.FunctionalTests/TestData/Expected/"
            "Hl7v2/*.json",
            "src/Microsoft.Health.Fhir.Liquid.Converter.FunctionalTests/TestData/Expected/"
            "Ccda/*.json",
        ),
        "the FHIR bundles the converter's functional tests expect from HL7 v2 messages (ADT, "
        "ORU, ORM, SIU, VXU …) and C-CDA documents: patients with SSNs, driver's licences, "
        "names, addresses and telecom, related persons, practitioners, encounters",
    ),
    "sunbird": Source(
        "Sunbird-RC/sunbird-rc-core",
        "ca50a5b20558ae0e8521a7df66f620451c89e046",
        "MIT",
        (
            "java/apitest/src/test/java/e2e/registry/*.json",
            "java/registry/src/test/resources/*.json",
        ),
        "Sunbird RC's (India, electronic registries and verifiable credentials) API test "
        "requests and registry test records: birth certificates, students, teachers, "
        "institutes",
    ),
    "messagebird": Source(
        "messagebird/python-rest-api",
        "2371520004eab2a2d9ff5c0d2e098626a07f8e35",
        "BSD-2-Clause",
        ("tests/test_*.py",),
        "the MessageBird (Dutch telecom platform) API responses the client's tests mock, as "
        "JSON strings: messages, voice messages, contacts, groups, conversations, calls, "
        "number lookups, verifications, balance",
    ),
    "iyzico": Source(
        "iyzico/iyzipay-python",
        "ee1992c2a04cca34c00ab40d27c11a10eef882cf",
        "MIT",
        ("samples/*.py",),
        "the request bodies of iyzico's (Turkish payment provider) Python client samples, "
        "written as Python literals: payments with cards, buyers with TC identity numbers, GSM "
        "numbers and IP addresses, addresses, sub-merchants with IBANs and tax numbers",
    ),
    "dojah": Source(
        "dojah-inc/dojah-sdks",
        "42a7bd782834571d8e974d09caf63f4892d55f7f",
        "MIT",
        ("api.yaml",),
        "Dojah's (identity verification for Nigeria, Ghana, Kenya, Uganda, South Africa …) API "
        "description the SDKs are generated from: response examples and objects assembled from "
        "its schemas' examples (BVN, NIN, voter card, passport and driver's licence lookups, "
        "phone, e-mail and IP checks, bank account lookups, company searches)",
    ),
    "ibanity": Source(
        "ibanity/ibanity-java",
        "9057d34e9284cb0b15a39d0b7e96d7f4d3dc4c7e",
        "MIT",
        ("src/test/resources/json/*.json",),
        "the Ibanity (Belgium: XS2A, Ponto Connect, Isabel Connect) API responses the Java "
        "client's tests parse: accounts with IBANs and holder names, transactions with "
        "counterparts, payment requests, synchronisations, user info, tokens",
    ),
    "setu": Source(
        "SetuHQ/docs",
        "b658beecd43d88d92552de0be08d62e51a52c8b3",
        "MIT",
        ("api-references/data/*.json", "api-playground/json/data/*.json"),
        "Setu's (India) data-API references and playground requests: PAN, GSTIN, Aadhaar "
        "(offline e-KYC), DigiLocker documents (driving licences), bank-account verification "
        "(penny drop), e-sign, account-aggregator consents and financial data, name match",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v9<source>/<family>``): as v8's, but per
#: family at most 8 documents, per source 50 or its ``SOURCE_CAP``.
SOURCE_CAP: dict[str, int] = {"v9directfile": 40, "v9fhirconv": 32, "v9iyzico": 12}
CAPS = real_sets.Caps("v9", per_family=8, per_source=50, source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem = real_sets.slug, real_sets.stem
_members_of_large = make_v8._members_of_large


def _directfile(cache: Path) -> Iterator[tuple[str, Any]]:
    """Import mocks by the section each top-level member holds (``aboutYouBasic``, ``w2s``);
    exported filer data by the form the scenario tests (its file name's first word)."""
    for p in _files(cache, "directfile"):
        body = _json(p.read_text(encoding="utf-8"))
        rel = _rel(cache, "directfile", p)
        if "mocks" in rel and isinstance(body, dict):
            inner = body.get("data")
            data: dict[str, Any] = inner if isinstance(inner, dict) else body
            for section, value in data.items():
                if isinstance(value, dict | list):
                    yield _slug(f"import_{section}"), {section: value}
        elif isinstance(body, dict | list):
            head = re.split(r"[-_ ]", _stem(rel).lower())[0]
            yield _slug(f"export_{head}"), body


def _cbv_family(rel: str) -> str:
    """The provider and the kind of response (``argyle_identity``, ``pinwheel_paystubs``)."""
    parts = rel.split("/")
    provider = parts[3]
    kind = re.sub(r"^(request_)?(end_user_)?|_response.*$|_page_\d+$", "", _stem(rel))
    kind = re.sub(r"_(with|no|multiple|null|gig|bug).*$", "", kind)
    return _slug(f"{provider}_{kind}")


def _redfish_family(rel: str) -> str:
    """The service and the last path word that is not an id (``Managers_EthernetInterfaces``)."""
    parts = rel.split("/")[1:-1]
    kept = [w for w in parts[1:] if re.fullmatch(r"[A-Z][A-Za-z]+", w)]
    return _slug(f"{parts[0] if parts else 'root'}_{kept[-1] if kept else 'root'}")


def _yaml_docs(name: str) -> Extractor:
    """Every YAML document of every file (a file may hold several); family: the file's stem."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = p.read_text(encoding="utf-8")
            try:
                bodies = list(yaml.safe_load_all(text))
            except yaml.YAMLError:
                continue
            family = _slug(_stem(_rel(cache, name, p)).removeprefix("config-"))
            for body in bodies:
                if isinstance(body, dict):
                    yield family, real_sets.plain(body)

    return extract


def _python_json_strings(name: str, family_of: Callable[[str, str], str]) -> Extractor:
    """Every string constant of the Python test modules that is a JSON object or array
    (parsed, nothing executed); family: ``family_of(path, name the string is assigned to or
    "")``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            tree = ast.parse(p.read_text(encoding="utf-8"))
            named: dict[int, str] = {}
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                    named[id(node.value)] = node.targets[0].id
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    text = node.value.strip()
                    if not text.startswith(("{", "[")):
                        continue
                    body = _json(text)
                    if isinstance(body, dict | list) and body:
                        yield family_of(_rel(cache, name, p), named.get(id(node), "")), body

    return extract


_CS_CONST = re.compile(r'const string (\w*Json)\s*=\s*((?:\s*\+?\s*"(?:[^"\\]|\\.)*")+)\s*;')
_CS_PART = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _csharp_json(name: str) -> Extractor:
    """The JSON string constants (``const string Json = "{" + "…" …;``) of C# test files;
    family: the entity the file tests."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = p.read_text(encoding="utf-8-sig")
            for m in _CS_CONST.finditer(text):
                joined = "".join(_CS_PART.findall(m.group(2)))
                body = _json(json.loads(f'"{joined}"')) if joined else None
                family = p.name.split(".")[0] + ("" if m.group(1) == "Json" else m.group(1))
                if isinstance(body, dict | list):
                    yield _slug(re.sub(r"(?<=[a-z])(?=[A-Z])", "_", family)), body

    return extract


def _fhirconv(cache: Path) -> Iterator[tuple[str, Any]]:
    """The resources of each expected bundle, one document each (a message's patient comes
    after its header, beyond the first items an array keeps); family: the message type or
    document kind (``ADT_A01``, ``CCD``)."""
    for p in _files(cache, "fhirconv"):
        body = _json(p.read_text(encoding="utf-8"))
        family = _slug(_rel(cache, "fhirconv", p).split("/")[-2])
        entries = body.get("entry") if isinstance(body, dict) else None
        for entry in entries if isinstance(entries, list) else [{"resource": body}]:
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(resource, dict):
                yield family, resource


def _dhis2_family(rel: str) -> str:
    parts = rel.split("/")
    stem = re.sub(r"(_\d+|_(empty|complete|all|with|without|one|two|new|old).*)$", "", _stem(rel))
    return _slug(f"{parts[4]}_{stem}" if parts[4] not in stem else stem)


def _keystone_family(rel: str) -> str:
    """The resource a sample is about: its file name without the verb and direction."""
    stem = re.sub(r"-(request|response|req|resp)$", "", _stem(rel))
    words_ = [w for w in re.split(r"[-_]", stem) if w not in real_sets.VERBS and w != "show"]
    return _slug("_".join(words_[:2]) or stem)


def _setu(cache: Path) -> Iterator[tuple[str, Any]]:
    """The API references' examples and assembled objects (family: the API and path word) and
    the playground's request headers and bodies (family: the API)."""
    yield from make_v8._openapi("setu", lambda rel: _slug(_stem(rel)) if "api-ref" in rel else "")(
        cache
    )
    for p in _files(cache, "setu"):
        rel = _rel(cache, "setu", p)
        body = _json(p.read_text(encoding="utf-8"))
        if rel.startswith("api-playground/") and isinstance(body, dict | list):
            yield _slug("playground_" + rel.split("/")[-2]), body


def _iyzico(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each sample's ``request`` literal (the buyer, card and addresses it names resolved);
    family: the sample's file name."""
    for p, name, value in make_v8._python_literals(_files(cache, "iyzico")):
        if name == "request" and isinstance(value, dict):
            yield _slug(p.stem), value


_EXTRACTORS: dict[str, Extractor] = {
    "iyzico": _iyzico,
    "setu": _setu,
    "dojah": make_v8._openapi("dojah", lambda rel: ""),
    "ibanity": _json_files(
        "ibanity",
        lambda rel: _slug(
            "_".join(rel.split("/")[4:-1])
            + "_"
            + re.sub(
                r"(?<=[a-z])(?=[A-Z])", "_", re.sub(r"^(create|delete|find|list)_?", "", _stem(rel))
            )
            .lower()
            .removesuffix("s")
        ),
    ),
    "directfile": _directfile,
    "cbv": _json_files("cbv", _cbv_family),
    "redfish": _json_files("redfish", _redfish_family),
    "dex": _yaml_docs("dex"),
    "personio": _python_json_strings(
        "personio",
        lambda rel, name: _slug(
            re.sub(r"^json_string_|_(dict|json|response)$", "", name) or _stem(rel)
        ),
    ),
    "smarthr": _csharp_json("smarthr"),
    "dhis2": _json_files("dhis2", _dhis2_family),
    "keystone": _json_files("keystone", _keystone_family),
    "neutron": _json_files("neutron", lambda rel: _slug(rel.split("/")[-2])),
    "fhirconv": _fhirconv,
    "sunbird": _json_files(
        "sunbird", lambda rel: _slug(re.sub(r"(Request|Schema|ForRevokeFlow)+$", "", _stem(rel)))
    ),
    "messagebird": _python_json_strings(
        "messagebird", lambda rel, name: _slug(_stem(rel).removeprefix("test_"))
    ),
}
EXTRACTORS = {name: _members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules

#: HL7 identifier type codes (v2 table 0203) and the type of the number they name.
HL7_ID_TYPES = {
    "SS": "us_ssn",
    "SB": "us_ssn",
    "DL": "drivers_license",
    "PPN": "passport_number",
    "TAX": "tax_id",
    "NI": "national_id",
    "NH": "national_id",
}
#: HL7 identifier systems (URLs and OIDs) and the type of the number they name.
HL7_SYSTEMS = {
    "us-ssn": "us_ssn",
    "2.16.840.1.113883.4.1": "us_ssn",
    "driver": "drivers_license",
    "passport": "passport_number",
}
SSN_SHAPE = re.compile(r"^\d{3}-?\d{2}-?\d{4}$")
EIN_SHAPE = re.compile(r"^\d{2}-\d{7}$")
#: Placeholder MAC addresses (octets counting up, ``AA:BB:CC:DD:EE:..``, all zero).
PLACEHOLDER_MAC = re.compile(
    r"^(aa[:-]bb[:-]cc[:-]dd[:-]ee[:-]..|0a[:-]1b[:-]2c[:-]3d[:-]4e[:-]5f|00([:-]00){5}|"
    r"01[:-]23[:-]45[:-]67[:-]89[:-]ab)$",
    re.IGNORECASE,
)


def _placeholder(v: str) -> bool:
    """A stand-in of any type: a placeholder MAC address, or a run of counting digits
    (``123456789``, ``987654321``) with nothing else but separators."""
    if PLACEHOLDER_MAC.match(v):
        return True
    digits = re.sub(r"\D", "", v)
    counting = digits in "01234567890123456789" or digits in "98765432109876543210"
    return len(digits) >= 6 and counting and not re.sub(r"[\d\s().+-]", "", v)


PHONE_HEADS = {"mobile", "landline", "tel", "phone", "telephone", "cell", "fax", "contact"}
KIN = {"mother", "father", "spouse", "guardian", "parent"}
NAME_SERVER_WORDS = {"nameservers", "nameserver", "dns", "ntp", "servers", "nexthop"}
#: Keys (words joined) of personal id numbers: Nigeria's BVN, NIN and its virtual NIN, voter
#: cards, Ghana's SSNIT, and numbers whose document the payload does not name.
NATIONAL_ID_KEYS = {
    "bvn",
    "nin",
    "ninnumber",
    "vnin",
    "votersidentificationnumber",
    "voteridentificationnumber",
    "ssnit",
    "idnumber",
    "identitynumber",
    "nationalid",
    "nationalidnumber",
    "centralid",
}
TAX_KEYS = {"universaltaxidentitynumber", "jittin", "firstin", "taxnumber", "krapin"}
#: Heads of a ``…Name`` key whose value is a person's (payment counterparts, next of kin).
NAME_HEADS = {"counterpart", "payer", "payee", "debtor", "creditor", "nok", "taxpayer", "card"}


def _hl7_type(sib: dict[str, Any]) -> str | None:
    """The type an HL7 FHIR identifier names by its ``type`` code or its ``system``."""
    codes = []
    kind = sib.get("type")
    if isinstance(kind, dict):
        for coding in kind.get("coding") or []:
            if isinstance(coding, dict):
                codes.append(str(coding.get("code", "")))
    for code in codes:
        if code in HL7_ID_TYPES:
            return HL7_ID_TYPES[code]
    system = str(sib.get("system", "")).lower()
    for part, t in HL7_SYSTEMS.items():
        if part in system:
            return t
    return None


def _typed_number(t: str, v: str) -> str | None:
    """``t`` where the value has the shape its type needs (an SSN its check)."""
    if t == "us_ssn":
        return t if SSN_SHAPE.match(v) and us_ssn.is_valid(re.sub(r"\D", "", v)) else None
    return t if re.search(r"\d", v) and len(v) >= 5 else None


def rule_label(  # noqa: PLR0911 (one table of rules, top to bottom)
    parents: list[str], key: str, value: Any, sib: dict[str, Any]
) -> str | None:
    """The type of one scalar leaf from its key, its parents' keys, its siblings and its value,
    or ``None``: v9's key words first, then v8's rules."""
    if isinstance(value, bool) or value is None:
        return None
    # a label and value pair (``{"label": "First name", "value": "Ada"}``, DHIS2's
    # ``displayName``): the label, or failing that the pair's key, says what the value is
    if key == "value" and parents and ("label" in sib or "displayName" in sib):
        named = str(sib.get("label") or sib.get("displayName") or "")
        by_label = rule_label(parents[:-1], named, value, {}) if named else None
        return by_label or rule_label(parents[:-1], parents[-1], value, {})
    v = str(value).strip()
    ws = words(key)
    last = ws[-1] if ws else ""
    up = [w for p in parents[-3:] for w in words(p)]
    if _placeholder(v) or "serial" in ws:
        return None
    if key == "value" and "identifier" in up:
        t = _hl7_type(sib)
        if t:
            return _typed_number(t, v)
    if last in {"ein", "tin", "ssn"}:
        found = _us_tax_number(ws + up[-1:], v)
        if found is not False:
            return found if isinstance(found, str) else None
    if key == "value" and "telecom" in up[-1:] and not sib.get("system"):
        digits = re.sub(r"\D", "", v)
        return "phone" if make_v8.PHONE.match(v) and 7 <= len(digits) <= 15 else None
    return _name_and_contact_rules(ws, up, parents, key, value, sib)


def _name_and_contact_rules(  # noqa: PLR0911, PLR0917 (one table of rules, top to bottom)
    ws: list[str], up: list[str], parents: list[str], key: str, value: Any, sib: dict[str, Any]
) -> str | None:
    """Name, reading, birth-date, phone and name-server keys, then the identity rules."""
    v = str(value).strip()
    last = ws[-1] if ws else ""
    if last in {"surname", "forename"} and len(ws) > 1:
        return "person_name" if make_v8._person(v) else None
    if last in {"yomi", "kana"} and set(ws) & {"first", "last", "given", "family", "name"}:
        return "person_name" if re.fullmatch(r"[\u30a0-\u30ff\u3040-\u309f ]{1,16}", v) else None
    if joined_in(ws, {"birthat", "birthdt"}):
        return "date_of_birth" if make_v8.DATE.match(v) else None
    if (ws[:1] == ["name"] and set(ws) & KIN) or (set(ws) & KIN and last == "name"):
        return "person_name" if make_v8._person(v) else None
    if set(ws) & PHONE_HEADS and last in {"number", "no", "contact"} | PHONE_HEADS:
        digits = re.sub(r"\D", "", v)
        if make_v8.PHONE.match(v) and 7 <= len(digits) <= 15 and not make_v8.EMAIL.match(v):
            return "phone"
    if set(ws + up[-1:]) & NAME_SERVER_WORDS and make_v8._ip(v):
        return None
    return _identity_rules(ws, parents, key, value, sib)


def _us_tax_number(ws: list[str], v: str) -> str | bool | None:
    """An EIN (a payer's or employer's nine digits, or ``12-3456789``) is ``tax_id`` and an SSN
    ``us_ssn``, each only where issued; ``False`` where the value has neither shape."""
    payer = bool({"payer", "employer", "payers", "employers", "ein"} & set(ws))
    if EIN_SHAPE.match(v) or (payer and re.fullmatch(r"\d{9}", v)):
        return "tax_id" if us_ein.is_valid(re.sub(r"\D", "", v)) else None
    if SSN_SHAPE.match(v):
        return "us_ssn" if us_ssn.is_valid(re.sub(r"\D", "", v)) else None
    return False


def _indian_number(joined: str, v: str) -> str | bool | None:
    """India: a PAN or GSTIN is ``tax_id``, an Aadhaar number ``national_id``, an IFSC or a
    UPI address ``bank_account``, each where its check holds; ``False`` for other keys."""
    compact = re.sub(r"[\s-]", "", v).upper()
    if joined in {"pan", "pannumber", "panno"}:
        return "tax_id" if in_pan.is_valid(compact) else None
    if joined in {"gstin", "gst", "gstnumber"}:
        return "tax_id" if in_gstin.is_valid(compact) else None
    if joined in {"aadhaar", "aadhaarnumber", "aadhar", "aadharnumber", "uid"}:
        return "national_id" if in_aadhaar.is_valid(compact) else None
    if joined in {"ifsc", "ifsccode"} or joined.endswith("ifsc"):
        return "bank_account" if re.fullmatch(r"[A-Z]{4}0[A-Z0-9]{6}", compact) else None
    if joined in {"vpa", "upiid", "payeevpa", "payervpa"}:
        return "bank_account" if re.fullmatch(r"[\w.-]{2,}@[a-zA-Z]{2,}", v) else None
    return False


def _identity_rules(  # noqa: PLR0911 (one table of rules, top to bottom)
    ws: list[str], parents: list[str], key: str, value: Any, sib: dict[str, Any]
) -> str | None:
    """Identity, tax, licence and contact keys v9's sources add, then v8's rules."""
    v = str(value).strip()
    joined = "".join(ws)
    last = ws[-1] if ws else ""
    digits = re.sub(r"\D", "", v)
    if joined in {"identitynumber", "tckimlikno", "tckn"} and tr_tckimlik.is_valid(digits):
        return "national_id"
    if joined in NATIONAL_ID_KEYS and not make_v8.EMAIL.match(v):
        stand_in = make_v8._stand_in(v, key) or len(set(digits)) <= 2
        return "national_id" if len(digits) >= 6 and not stand_in else None
    indian = _indian_number(joined, v)
    if indian is not False:
        return indian if isinstance(indian, str) else None
    if joined in TAX_KEYS or ws[-2:] == ["tax", "number"]:
        return "tax_id" if len(digits) >= 8 and len(set(digits)) > 2 else None
    if "license" in ws and last in {"no", "number", "id"} and not {"business", "trade"} & set(ws):
        return "drivers_license" if re.search(r"\d", v) and len(v) >= 5 else None
    if last in {"gsm"} or ws[-2:] in (
        ["gsm", "number"],
        ["phone", "number1"],
        ["phone", "number2"],
    ):
        return "phone" if make_v8.PHONE.match(v) and len(digits) >= 7 else None
    if (last == "name" and len(ws) > 1 and ws[-2] in NAME_HEADS) or joined in {
        "nameoncard",
        "nokfirstname",
        "noksurname",
        "mothermaidenname",
        "othernames",
        "othername",
    }:
        return "person_name" if make_v8._person(v) else None
    if key == "coordinates" and str(sib.get("type", "")).lower() == "point":
        return "geo_location" if isinstance(value, int | float) else None
    street_key = (last == "address" or ws[-2:] == ["address", "1"]) and "ip" not in ws
    street_key = street_key and not make_v8._stand_in(v, key)
    wordy = bool(re.search(r"\d", v) and re.search(r"[^\W\d_]{3}", v))
    if street_key and wordy and not make_v8._ip(v):
        return "street_address" if not make_v8.EMAIL.match(v) else "email"
    return make_v8.rule_label(parents, key, value, sib)


def joined_in(ws: list[str], names: set[str]) -> bool:
    """The key's words, joined, are one of ``names``."""
    return "".join(ws) in names


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The rule types of one leaf: its rule label, plus what free text carries besides."""
    t = rule_label(parents, key, value, sib)
    out = {t} if t else set()
    if out and isinstance(value, str) and len(value) > 20 and " " in value:
        out |= make_v8._in_text(value)
    return out


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    make_v8.SUSPECT.pattern + r"|yomi|kana|ssn|tin|ein|pin|msisdn|originator|recipient|"
    r"mother|father|attribute|storedby|host|subject",
    re.IGNORECASE,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v9", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
