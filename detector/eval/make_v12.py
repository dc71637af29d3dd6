"""Build ``data/v12/real.jsonl``: real SDK fixtures, test resources, form examples and API
documentation examples that publishers not used by v1 to v11 released under permissive
licences, labelled by the rules below and then by hand decisions (``data/v12/overrides.json``).

``python -m detector.eval.make_v12 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v12`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

The v12 rules read the key words and shapes v12's sources add (US SSNs under the VA forms' keys,
Estonian, Latvian and Lithuanian personal codes inside ETSI identifiers and under Mobile-ID's
keys, Backlog's login ids), then v11's rules (``make_v11._leaf_types``, which end in v10's, v9's
and v8's).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stdnum.ee import ik as ee_ik
from stdnum.lv import pvn as lv_pvn

from detector.eval import make_v8, make_v11, real_sets
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import rel as _rel

DATA, OUT, OVERRIDES = real_sets.set_files("v12")

SOURCES: dict[str, Source] = {
    "va": Source(
        "department-of-veterans-affairs/vets-json-schema",
        "ea08303608c47dc35ada003546bb43d7b8ba794b",
        "CC0-1.0",
        ("dist/*-example.json", "src/schemas/*/examples/*.json"),
        "the example submissions of the US Department of Veterans Affairs' form schemas "
        "(VA.gov): caregiver applications, pension and burial claims, decision reviews, with "
        "veterans' and claimants' names, SSNs, birth dates, addresses, phones, e-mail "
        "addresses, bank details and service histories",
    ),
    "prison": Source(
        "ministryofjustice/prison-api",
        "9acec794d7cbc7c8d001a38d77846f901b8aaae6",
        "MIT",
        ("src/test/resources/uk/gov/justice/hmpps/prison/api/*.json",),
        "the expected responses of the UK Ministry of Justice's prison API tests: offenders "
        "and bookings (names, birth dates, prisoner, PNC and CRO numbers), alerts, "
        "adjudications, transactions, visits, contacts, staff users, movements",
    ),
    "greenhouse": Source(
        "grnhse/greenhouse-api-docs",
        "0c37c31af6bbdd82fd6944d483b0440b6efb1803",
        "Apache-2.0",
        ("source/includes/*.md",),
        "the JSON examples of the Greenhouse (recruiting, HR) API documentation (Harvest, "
        "Job Board, candidate ingestion, onboarding and webhooks): candidates with names, "
        "e-mail addresses, phones, addresses and social profiles, applications, offers, "
        "users, interviews, EEOC and demographic data",
    ),
    "backlog": Source(
        "nulab/backlog4j",
        "4061bf2d71cffa2b02c53ede74a21c7a9e5548f5",
        "MIT",
        ("src/test/resources/json/*.json",),
        "the Backlog (Japanese project management SaaS by Nulab) responses the Java client's "
        "tests read: users with login ids, names and e-mail addresses, projects, issues, "
        "comments, pull requests, wikis, webhooks, activities (partly in Japanese)",
    ),
    "smartid": Source(
        "SK-EID/smart-id-java-client",
        "bc6157305aea08186e56e6484390ffa8065f5b65",
        "MIT",
        ("src/test/resources/requests/*.json", "src/test/resources/responses/*.json"),
        "the Smart-ID (Estonian, Latvian and Lithuanian electronic identity by SK ID "
        "Solutions) requests and responses the Java client's tests read: authentication "
        "and signing sessions with personal codes in ETSI semantics identifiers, "
        "certificates, signatures",
    ),
    "divoc": Source(
        "egovernments/DIVOC",
        "1c74fb0c4a23dd26dd0998176ce7bea0a8d6f409",
        "MIT",
        ("e2e/test_data/*.json",),
        "the end-to-end test data of DIVOC (India's open-source vaccination certificate "
        "platform by the eGovernments Foundation): certification requests with recipients' "
        "names, birth dates, genders, phones, identities and addresses, facilities",
    ),
    "healthcards": Source(
        "smart-on-fhir/health-cards",
        "5eb9aa8bca78a6ec4877db25a6e4bcb1f3d690ea",
        "MIT (code) / CC-BY-4.0 (documentation)",
        ("generate-examples/src/fixtures/*.json",),
        "the FHIR bundles the SMART Health Cards framework (Boston Children's Hospital) "
        "turns into its example cards: patients, immunizations, lab results, one resource "
        "a document",
    ),
    "omh": Source(
        "openmhealth/schemas",
        "36078a89e5e5efeba8dfc590a81cc42fd140c815",
        "Apache-2.0",
        ("test-data/*/shouldPass/*.json",),
        "the valid test data of the Open mHealth schemas (mobile health data points): "
        "blood pressure, heart rate, body weight, sleep, physical activity, medication "
        "prescriptions, surveys",
    ),
    "nubank": Source(
        "andreroggeri/pynubank",
        "3a35d90642e8ae4a515374f404f0047ccbe66890",
        "MIT",
        ("pynubank/utils/mocked_responses/*.json",),
        "the Nubank (Brazilian digital bank) responses a third-party client replays in its "
        "tests and mock mode: the customer (name, CPF, e-mail, phone, address, birth date), "
        "accounts, card bills and statements, PIX keys, money requests and receipts, boletos",
    ),
    "n26": Source(
        "femueller/python-n26",
        "b988aa021f89fa2d37764e3f01bd7e9980d4834d",
        "MIT",
        ("tests/api_responses/*.json",),
        "the N26 (German mobile bank) responses a third-party client's tests replay: account "
        "information (names, birth date, nationality, phone), addresses, IBANs, cards, "
        "contacts, spaces, standing orders, transactions, statistics",
    ),
    "fakturoid": Source(
        "farin/python-fakturoid",
        "556f59f42d70586ce6b0350fa0e24d9a86ab94d3",
        "MIT",
        ("tests/responses/*.json",),
        "the Fakturoid (Czech invoicing service) responses a third-party client's tests "
        "replay: the account, subjects (customers with names, e-mail addresses, company and "
        "VAT numbers, bank accounts), invoices, generators, events",
    ),
    "skoda": Source(
        "skodaconnect/myskoda",
        "e9ae5cd6c245ce30abcc4239881495a910e0d3ed",
        "MIT",
        ("tests/fixtures/*.json",),
        "the MySkoda (Škoda, Czech car maker) API responses a third-party client's tests "
        "replay: the user (names, e-mail, phone, birth date), vehicles, garage, charging, "
        "air conditioning, positions, trip statistics, loyalty programme, events",
    ),
    "toyota": Source(
        "pytoyoda/pytoyoda",
        "4d7cb14b4dae11a194dd5ca7fb606d649843b0e1",
        "MIT",
        ("tests/unit_tests/data/*.json", "tests/integration_tests/data/*.json"),
        "the Toyota connected-services API responses a third-party client's tests replay: "
        "vehicle lists, locations, trips, statuses, electric status, notifications",
    ),
    "mobileid": Source(
        "SK-EID/mid-rest-java-client",
        "cf04a090e7cd932633db5bd25b6ce174ab136042",
        "MIT",
        ("src/test/resources/requests/*.json", "src/test/resources/responses/*.json"),
        "the Mobile-ID (Estonian mobile electronic identity by SK ID Solutions, the Smart-ID "
        "publisher) requests and responses the Java client's tests read: authentication and "
        "signing requests with national identity numbers and phone numbers, session statuses",
    ),
    "reportstream": Source(
        "CDCgov/prime-reportstream",
        "5f58b4c574fa64a70b362f7881f035ec6110a933",
        "CC0-1.0",
        ("prime-router/src/*.fhir",),
        "the FHIR bundles of the US Centers for Disease Control and Prevention's ReportStream "
        "(public-health lab report routing) tests: patients, practitioners, organisations, "
        "specimens, observations, messages, one resource a document",
    ),
    "librelinkup": Source(
        "robberwick/pylibrelinkup",
        "2eceb4a790f259366d77ac790021b5efe6d308a0",
        "MIT",
        ("tests/data/*.json",),
        "the LibreLinkUp (Abbott's FreeStyle Libre glucose-sharing service) responses a "
        "third-party client's tests replay: logins, patients' connections with glucose "
        "readings, logbooks, consents",
    ),
    "wled": Source(
        "frenck/python-wled",
        "d8c56e288c0d6fbefddca7d44198682e04003d5b",
        "MIT",
        ("tests/fixtures/*.json",),
        "the WLED (open-source LED controller firmware) device states a client's tests "
        "read: device information with MAC and IP addresses, Wi-Fi, segments, presets",
    ),
    "gios": Source(
        "bieniu/gios",
        "b67b099ff5e3a06d063a9e43d5d57a6dabf100e2",
        "Apache-2.0",
        ("tests/fixtures/*.json",),
        "the responses of Poland's Chief Inspectorate of Environmental Protection (GIOŚ) air "
        "quality API a third-party client's tests replay, with Polish keys: stations with "
        "coordinates, addresses and communes, sensors, measurements, indexes",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v12<source>/<family>``): as v11's, the two
#: largest publishers capped so that none supplies more than 20 % of the labels.
SOURCE_CAP: dict[str, int] = {
    "v12greenhouse": 32,
    "v12reportstream": 76,
    "v12prison": 50,
}
CAPS = real_sets.Caps("v12", source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem, _words_family = real_sets.slug, real_sets.stem, real_sets.words_family
_stem_words = real_sets.stem_words


def _va_family(rel: str) -> str:
    """The form or schema an example belongs to (``21P-527EZ-KITCHEN_SINK-example`` and
    ``src/schemas/21P-527EZ/examples/…`` → ``21p_527ez``)."""
    parts = rel.split("/")
    if parts[0] == "src":
        return _slug(parts[2])
    stem = re.sub(r"(-(KITCHEN_SINK|SIMPLE|OVERFLOW))?(-cypress)?-example$", "", _stem(rel))
    return _slug(stem)


_JSON_BLOCK = re.compile(r"```json\s*\n(.*?)```", re.S)


def _greenhouse(cache: Path) -> Iterator[tuple[str, Any]]:
    """The JSON code blocks of the documentation's Markdown sections (blocks that are not
    JSON skipped); family: the API and the section (``harvest_candidates``)."""
    for p in _files(cache, "greenhouse"):
        rel = _rel(cache, "greenhouse", p)
        parts = rel.split("/")
        api = parts[2] if len(parts) > 3 else "general"
        family = _slug(f"{api}_{_stem(rel).lstrip('_')}")
        for block in _JSON_BLOCK.findall(p.read_text(encoding="utf-8")):
            body = real_sets.load_json(block)
            if isinstance(body, dict | list):
                yield family, body


def _fhir_resources(name: str, with_folder: bool) -> Extractor:
    """Each resource of each FHIR bundle of source ``name``; family: the resource type, and with
    ``with_folder`` the folder of the test file too (``patient_contact_point``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            body = real_sets.load_json(p.read_text(encoding="utf-8"))
            folder = _rel(cache, name, p).split("/")[-2]
            for resource in real_sets.bundle_resources(body):
                kind = str(resource.get("resourceType", "resource"))
                yield _slug(f"{kind}_{folder}" if with_folder else kind), resource

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    "va": _json_files("va", _va_family),
    "prison": _json_files(
        "prison", lambda rel: _words_family(_stem(rel), r"^When_|_Then\w*$|_\d+$")
    ),
    "greenhouse": _greenhouse,
    "backlog": _json_files("backlog", _stem_words),
    "smartid": _json_files(
        "smartid",
        lambda rel: _words_family(
            _stem(rel), r"-(all|only-required|invalid|same-device|qr-code|unknown-state)\S*$"
        ),
    ),
    "divoc": _json_files("divoc", _stem_words),
    "healthcards": _fhir_resources("healthcards", with_folder=False),
    "omh": _json_files("omh", lambda rel: _slug(rel.split("/")[2])),
    "nubank": _json_files("nubank", _stem_words),
    "n26": _json_files("n26", _stem_words),
    "fakturoid": _json_files("fakturoid", _stem_words),
    "skoda": _json_files(
        "skoda", lambda rel: _slug(f"{rel.split('/')[2]}_{_words_family(_stem(rel))}")
    ),
    "toyota": _json_files("toyota", _stem_words),
    "mobileid": _json_files("mobileid", lambda rel: _words_family(_stem(rel), r"When\w*$")),
    "reportstream": _fhir_resources("reportstream", with_folder=True),
    "librelinkup": _json_files("librelinkup", _stem_words),
    "wled": _json_files("wled", _stem_words),
    "gios": _json_files("gios", _stem_words),
}
EXTRACTORS = {name: make_v8._members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules

#: US social security numbers under the VA forms' keys (joined, lower case).
SSN_KEYS = {"ssnortin", "ssn", "veteranssn", "claimantssn", "socialsecuritynumber"}
#: Estonian national identity numbers (isikukood) under Mobile-ID's keys.
NATIONAL_KEYS = {"nationalidentitynumber", "personalcode", "isikukood"}
#: Login ids of Backlog and Nulab accounts.
LOGIN_KEYS = {"userid", "nulabid"}
#: An ETSI semantics identifier of a natural person (``PNOEE-40504040001``).
_ETSI = re.compile(r"\bPNO(EE|LT|LV)-(\d{6}-?\d{5})\b")


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """v12's key words and shapes: Baltic personal codes in ETSI identifiers and under Mobile-ID's
    keys, US SSNs under the VA forms' keys, Backlog login ids; ``False`` for other keys."""
    del parents, sib  # (the shared signature of the per-set key rules)
    m = _ETSI.search(v)
    if m:
        return "national_id" if _baltic_code(m.group(1), m.group(2)) else None
    if joined in NATIONAL_KEYS:
        return "national_id" if ee_ik.is_valid(v) else None
    if joined in SSN_KEYS:
        # counting and repeated digits keep an SSN's shape: the one convention labels them
        # (``123456789`` under an SSN key; session 15)
        digits = re.sub(r"[\s-]", "", v)
        ok = re.fullmatch(r"\d{9}", digits)
        return "us_ssn" if ok and not digits.startswith(("000", "666", "9")) else None
    if joined in LOGIN_KEYS:
        return "username" if re.fullmatch(r"[A-Za-z][\w.@+-]{2,}", v) else None
    return False


def _baltic_code(country: str, code: str) -> bool:
    """An Estonian or Lithuanian personal code by its check, or a Latvian one by its check."""
    if country == "LV":
        return bool(lv_pvn.is_valid(code.replace("-", "")))
    return bool(ee_ik.is_valid(code))


#: The rule types of one leaf: v12's key words decide a scalar they name; everything else
#: goes through v11's leaf rules.
_leaf_types = real_sets.layered(_own_words, make_v11._leaf_types)


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    make_v11.SUSPECT.pattern + r"|ssn|tin|pnc|cro|offender|booking|pno|recipient|identity",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v12", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
