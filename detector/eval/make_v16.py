"""Build ``data/v16/real.jsonl``: recorded API traffic (VCR cassettes), client and SDK test
fixtures and API reference examples that publishers not used by v1 to v15 released under
permissive licences (health and care, education, HR and recruiting, identity checks, telecom
network APIs, Japanese, Kenyan and Saudi services), labelled by the rules below and then by hand
decisions (``data/v16/overrides.json``).

``python -m detector.eval.make_v16 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v16`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

v16 is the first set labelled by the one convention of the data README ("One convention, from
v16 on"): its rules (`v16_rules`) are its own and run under `real_sets.data_only`, so no leaf
without data is labelled; shaped stand-ins are the type, shapeless ones are not. Documents holding
a real person's data are left out (`REAL_PEOPLE`, compared as SHA-256 digests).
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from detector.eval import make_v15, real_sets, v16_rules
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v16")

SOURCES: dict[str, Source] = {
    "clever": Source(
        "Clever/clever-ruby",
        "7088093b6a547f47bfe276a2b0e301e25aa81916",
        "Apache-2.0 (its LICENSE; an older LICENSE.txt beside it is MIT)",
        ("test/data/vcr_cassettes/*.yml",),
        "the Clever (US school rostering API) demo-district traffic its Ruby client's tests "
        "replay (VCR cassettes): districts, schools with principals and addresses, teachers and "
        "students with names, e-mail addresses, birth dates, genders, student numbers and "
        "home addresses, sections, district and school admins, events",
    ),
    "tsubaiso": Source(
        "tsubaiso/tsubaiso-sdk-ruby",
        "7abb6f6638328f3112072f7d438b76b48b12826f",
        "MIT",
        ("test/stubbings/fixtures/*.json",),
        "the Tsubaiso (Japanese cloud accounting and payroll) API requests and responses its "
        "Ruby SDK's tests stub: staff with names, addresses, phones, birth dates and bank "
        "details, customers and partners, sales and purchase entries, bank accounts, journals "
        "(partly in Japanese)",
    ),
    "athena": Source(
        "eleanorhealth/go-athenahealth",
        "b79cedba8dd33af458f4b281f89f26790173016a",
        "MIT",
        ("athenahealth/resources/*.json",),
        "the athenahealth (US electronic health records and practice management) API responses "
        "Eleanor Health's Go client's tests read: patients with names, birth dates, genders, "
        "addresses, phones, e-mail addresses, guarantors, emergency contacts and insurances, "
        "appointments, providers, departments, claims, documents",
    ),
    "redox": Source(
        "patient-discovery/redox-client",
        "137d33098445400080a126ed5cb63f462a50bd26",
        "MIT",
        ("spec/cassettes/*.yml", "spec/data/*.json"),
        "the Redox (US health-data integration network) sandbox traffic Patient Discovery's "
        "Ruby client's tests replay (VCR cassettes) and its sample messages: patient searches "
        "with demographics (names, birth dates, sex, addresses, phones, e-mail addresses, "
        "identifiers), scheduling visits, orders, admissions, media uploads",
    ),
    "tidepool": Source(
        "tidepool-org/TidepoolApi",
        "2171c091a0333d840c4264fb0f4f5ace109e2822",
        "BSD-2-Clause",
        ("reference/*.yaml",),
        "the examples of the Tidepool (non-profit diabetes data platform) API reference: "
        "users and profiles, clinics with clinicians and patients (names, e-mail addresses, "
        "birth dates, medical record numbers), prescriptions, device data (glucose, insulin), "
        "confirmations, tasks, auth (Redox models in its folders are left out)",
    ),
    "jumio": Source(
        "JuulLabs-OSS/jumio",
        "d01a0bbd6419b1f94b9ae76d8c50071735b3ba9c",
        "MIT",
        ("spec/fixtures/vcr_cassettes/*.yml",),
        "the Jumio (identity-document verification, KYC) Netverify traffic JUUL Labs' Ruby "
        "client's tests replay (VCR cassettes): verification transactions, scan statuses and "
        "scan details with document data (names, birth dates, document numbers, addresses), "
        "verification results",
    ),
    "kopokopo": Source(
        "kopokopo/k2-connect-node",
        "71470681264721159ccfbe846373e0808e338db9",
        "MIT",
        ("test/response/*.js",),
        "the Kopo Kopo (Kenyan M-Pesa payments) webhook and API responses its Node SDK's tests "
        "read: buy-goods and B2B receipts with senders' names and phone numbers, customers "
        "created, STK push results, transfers, reversals, payment links, external recipients",
    ),
    "pokitdok": Source(
        "pokitdok/pokitdok-ruby",
        "5be064177a54926a93530e30a2f82c497b1c65cd",
        "MIT",
        ("spec/fixtures/*.json",),
        "the PokitDok (US health-insurance eligibility and claims API) requests its Ruby "
        "client's tests send: an enrollment with its subscriber (name, birth date, SSN, phones), "
        "identity matching (its claims, referrals and authorizations name real physicians by "
        "their NPIs and are left out)",
    ),
    "smartrecruiters": Source(
        "davejcameron/smartrecruiters",
        "3d13b9ec7656851fa833fa01e42aa62661e70c29",
        "MIT",
        ("test/fixtures/*.json",),
        "the SmartRecruiters (recruiting and applicant tracking) API responses a Ruby client's "
        "tests stub: candidates with names, e-mail addresses, phones and locations, "
        "applications, offers, interviews, reviews, jobs and hiring teams, users, webhooks",
    ),
    "aeries": Source(
        "derekpovah/aeries-api",
        "8319a2d3d59f584aba3428ef884bb172109f5af8",
        "MIT",
        ("spec/support/fixtures/*.json",),
        "the Aeries (Californian student information system) demo-district responses a Ruby "
        "client's tests stub: students with names, birth dates, genders, home phones and "
        "mailing addresses, contacts (parents) with names, phones, e-mail addresses and "
        "employers, staff, schools, programs, groups",
    ),
    "teamtailor": Source(
        "Teamtailor/teamtailor-rb",
        "193277194af9e70f6e2bb0d04cb92e4817bf3a6d",
        "MIT",
        ("spec/fixtures/v1/*.json",),
        "the Teamtailor (Swedish recruiting and applicant tracking) API responses its Ruby "
        "client's tests read (JSON:API): candidates with names, e-mail addresses and phones, "
        "job applications, jobs, users with usernames, departments, locations, referrals, "
        "requisitions, custom fields",
    ),
    "canvasmedical": Source(
        "canvas-medical/open-source-sdk",
        "5a9072d2ee428495e86e6e96d56fe1a34517a968",
        "Apache-2.0",
        ("canvas_workflow_helpers/tests/mock_data/*.json",),
        "the Canvas Medical (US electronic health records) patient data its workflow SDK's "
        "tests read: patients with names, birth dates, sex, addresses, phones, e-mail addresses "
        "and contacts, appointments, conditions, medications, allergies, immunizations, lab "
        "and imaging reports, referrals, vital signs, messages, billing line items",
    ),
    "nokia": Source(
        "nokia/network-as-code-py",
        "acaaf76ddd2f291013837f8955a01345a4fbcfa9",
        "Apache-2.0",
        ("tests/*.py",),
        "the Nokia Network as Code (telecom network APIs after GSMA CAMARA) requests and "
        "responses its Python SDK's tests mock (literals in the test code): devices with phone "
        "numbers and IP addresses, location retrieval and verification, geofencing, SIM swap, "
        "number verification, device status, call forwarding, QoS sessions, network slices",
    ),
    "moyasar": Source(
        "moyasar/moyasar-python",
        "159e308ce8c1b21027d82d0c11336229404f0f6d",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Moyasar (Saudi payment gateway) API responses its Python library's tests read: "
        "payments by card and SADAD with payers' IP addresses and masked cards, invoices",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v16<source>/<family>``): as v15's, per source at
#: most 60 documents with rule labels (fewer for the sources richest in labels, so that no
#: publisher supplies more than a fifth of them), and (v16's own, `select`) the first document
#: of each family without any rule label as a negative, at most `NEGATIVE_FAMILIES` a source.
SOURCE_CAP: dict[str, int] = {"v16clever": 30, "v16redox": 14, "v16aeries": 22, "v16nokia": 40}
CAPS = real_sets.Caps("v16", per_source=60, source_cap=SOURCE_CAP)
NEGATIVE_FAMILIES = 30


# ---------------------------------------------------------------------------- extraction

_stem_words = real_sets.stem_words
_json_files = real_sets.json_files

#: SHA-256 digests of the lower-cased marks of real people's data (a developer's own e-mail
#: address in recorded traffic): a document holding a word with one of these digests is left
#: out. Digests, not the marks, so that no real person is named in the code.
REAL_PEOPLE: frozenset[str] = frozenset(
    {
        "06bebc5c5efabedcf649e7630f21a741d92e9541325844882dda57f2c2a7dfe9",  # clever staff
        "00d220df4677adec2673fdfb71ae4b01500a4a5c84b5d30a5efa8c5935144c69",  # clever staff
        "451f25c6adaff44c0e53fc2b5382ec1fd90d969d944e00550623d4112ffc7e4f",  # clever staff
        "fbdb7bb56eaff5a81bbcc42e4e286bb0ed87b384387707bcfe478317a6edc413",  # canvas staff
        "678b61374557a6cc9fb4177f8c112360ec766642b6ee5549258fa33b88c2cf2c",  # canvas staff
        "5e991b2040a10b9869c013163b65a9002ef58936845c06d8699ac7cb4979b40b",  # a scanned id
        "c7eb7a47915459f92e5fa4cdaaefd9d9cfdfeaf51520ca1de40dd1fd327e8e84",  # athena login
        "085078a617434ccf4093ba62ee010648296b86a9b6b4d4951533147c92d85e00",  # athena login
        "59c1c4e1d66123137a4fc96b3633aad2d077e168f03d4983ff0e191d005e74d5",  # athena staff
        "ce86c36486d36d875e95b8945f04ed1e86626cf769415fb9405194f092ffda37",  # athena staff
        "67fe35f70792560ee54eb83fc9f63aa9c2e7d4aa3f15dfd5033b385d5b0e8e56",  # athena staff
        "4a3fd88bc1b9ee1c3c61785ef7260a7615f66fb6f96023e62a24e5a30e5ac510",  # teamtailor login
        "c7d154010d795059d5a0587b7fc99ba97da013a36bbe46a4d35b93d5bab13f7f",  # a real provider
        "6507c36c71bc8b69888dde1e586557ba967ccaa5a94ddcbeeeededafc12eba07",  # a real provider
        "eda52cf3ca228848e31fdfb11062ab1b544399febfba3866ac289cace113f191",  # a real provider
        "323211363e46140552f89e035ca35bf4966acddd8fb1030338e003b2c5031129",  # a real provider
        "df4da01dd7128849a60a29e45009149e1cb3f1bb25fafba2ecd04fb298907b61",  # canvas provider
    }
)
_WORD = re.compile(r"[\w.@+'-]+")


def marks_of(text: str) -> set[str]:
    """The SHA-256 digests of the lower-cased words (e-mail addresses whole, without the dots
    and dashes around them) of ``text``."""
    words = (w.strip(".'-+") for w in _WORD.findall(text.lower()))
    return {hashlib.sha256(w.encode()).hexdigest() for w in words}


def _below(depth: int) -> Callable[[str], str]:
    """The family of a fixture: the words of its path below its first ``depth`` folders
    (``get_scan_status/initiate_scan``, ``candidates/list``)."""

    def family(rel: str) -> str:
        return real_sets.words_family("_".join(rel.split("/")[depth:]).rsplit(".", 1)[0])

    return family


def _clever_family(rel: str) -> str:
    """The kind of object a Clever cassette reads (``finds_a_single_student`` → ``student``)."""
    words = real_sets.words_family(real_sets.stem(rel)).split("_")
    kinds = ("district", "school", "section", "student", "teacher", "event", "admin")
    found = [w.rstrip("s") for w in words if w.rstrip("s") in kinds]
    return "_".join(found) or "_".join(words)


def _tsubaiso_family(rel: str) -> str:
    """The resource of a Tsubaiso fixture (``staff_data_create_request`` → ``staff_data``)."""
    stem = real_sets.stem(rel)
    return real_sets.slug(re.sub(r"_(request|response)$", "", stem))


def _js_modules(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The object each ``module.exports = {…}`` file of source ``name`` exports, read as JSON
    (files that are not plain JSON after the assignment are skipped)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8").strip()
            body = real_sets.load_json(re.sub(r"^module\.exports\s*=\s*", "", text).rstrip(";"))
            if isinstance(body, dict | list):
                yield family_of(real_sets.rel(cache, name, p)), body

    return extract


def _python_literals(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The outermost dict literals (and lists of them) in the Python test code of source
    ``name`` that evaluate as plain values (the mocked request and response bodies)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            tree = ast.parse(p.read_text(encoding="utf-8"))
            for body in real_sets.dict_literals(tree):
                yield family_of(real_sets.rel(cache, name, p)), body

    return extract


def _test_words(rel: str) -> str:
    """The family of a test module: its words without ``test`` and ``mock``."""
    return real_sets.words_family(real_sets.stem(rel), r"^test_|_mock$")


def _reference_examples(name: str, skip: re.Pattern[str]) -> Extractor:
    """The object examples (``example`` and ``examples.*.value``, read by the shared OpenAPI
    walker) of every YAML file of source ``name`` whose path ``skip`` does not match; family: the
    file's folder and stem."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            rel = real_sets.rel(cache, name, p)
            if skip.search(rel):
                continue
            try:
                spec = real_sets.load_yaml(p)
            except yaml.YAMLError:
                continue
            family = real_sets.slug("_".join([*rel.split("/")[1:2], real_sets.stem(rel)]))
            for _, body in real_sets.openapi_examples({"paths": {rel: spec}}, str):
                yield family, body

    return extract


def _size(body: Any) -> int:
    """A document's leaves once its arrays are cut as the selection cuts them."""
    return sum(1 for _ in real_sets.leaves(real_sets.cut(body, CAPS.array_items)))


def _parts(body: Any, most: int = CAPS.max_leaves) -> Iterator[Any]:
    """A document of at most ``most`` leaves whole; a larger array by its items, a larger
    object by its members that are containers and its remaining members in runs of at most
    ``most`` leaves (keys in their order): a wide flat record stays whole in parts."""
    if _size(body) <= most:
        yield body
    elif isinstance(body, list):
        for item in body:
            yield from _parts(item, most)
    elif isinstance(body, dict):
        run: dict[str, Any] = {}
        for k, v in body.items():
            if isinstance(v, dict | list) and _size(v) > most // 4:
                yield from _parts(v, most)
                continue
            if run and _size({**run, k: v}) > most:
                yield run
                run = {}
            run[k] = v
        if run:
            yield run


def _split_large(extract: Extractor) -> Extractor:
    """The extractor's documents, the large ones taken in parts (`_parts`)."""

    def wrapped(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in extract(cache):
            for part in _parts(body):
                yield family, part

    return wrapped


_EXTRACTORS: dict[str, Extractor] = {
    "clever": make_v15._cassettes("clever", _clever_family),
    "tsubaiso": _json_files("tsubaiso", _tsubaiso_family),
    "athena": _json_files("athena", _stem_words),
    "redox": make_v15._cassettes("redox", lambda rel: real_sets.slug(rel.split("/")[2])),
    "tidepool": _reference_examples("tidepool", re.compile(r"redox|^external/")),
    "jumio": make_v15._cassettes("jumio", _below(3)),
    "kopokopo": _js_modules("kopokopo", _stem_words),
    "pokitdok": _json_files("pokitdok", _stem_words),
    "moyasar": _json_files("moyasar", _stem_words),
    "nokia": _python_literals("nokia", _test_words),
    "smartrecruiters": _json_files("smartrecruiters", _below(2)),
    "aeries": _json_files("aeries", _stem_words),
    "teamtailor": _json_files("teamtailor", _stem_words),
    "canvasmedical": _json_files("canvasmedical", _stem_words),
}


def _redox_json(extract: Extractor) -> Extractor:
    """Redox's cassettes and its sample messages (``spec/data``, JSON files) together."""
    samples = _json_files("redox", lambda rel: real_sets.slug(real_sets.stem(rel)))

    def both(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in extract(cache):
            yield family, body
        for family, body in samples(cache):
            yield f"sample_{family}", body

    return both


_EXTRACTORS["redox"] = _redox_json(_EXTRACTORS["redox"])


def _without_real_people(extract: Extractor) -> Extractor:
    """The extractor's documents except those holding a mark of `REAL_PEOPLE`."""
    return real_sets.without(extract, lambda text: bool(marks_of(text) & REAL_PEOPLE))


EXTRACTORS = {
    name: _split_large(_without_real_people(extract)) for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- the builder

#: The rule types of one leaf: v16's own rules, no type for a leaf without data.
_leaf_types = real_sets.data_only(v16_rules.leaf_types)

SUSPECT = re.compile(
    r"name|mail|phone|tel|mobile|fax|addr|street|line1|birth|dob|sex|gender|user|login|pass|"
    r"secret|token|key|ssn|tax|tin|npi|member|passport|licen|card|bank|acc|iban|routing|ip|"
    r"lat|lon|geo|mrn|patient|guarantor|contact|id_?number|姓|名|住所|電話|口座|生年",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Builder(real_sets.Builder):
    """The shared builder with v16's selection: the shared one, plus one document of each family
    the rules give no label (real bodies without personal data, as negatives)."""

    def select(self, cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """`real_sets.select`'s documents and the first document of each family without any
        rule label (at most `NEGATIVE_FAMILIES` a source), in the candidates' order."""
        keep = {id(body) for _, body in real_sets.select(cands, self.rule_labels, self.caps)}
        labelled = {f for f, body in cands if self.rule_labels(body)}
        taken: set[str] = set()
        per_source: Counter[str] = Counter()
        for family, body in cands:
            source = family.split("/")[0]
            if family in labelled or family in taken or per_source[source] >= NEGATIVE_FAMILIES:
                continue
            taken.add(family)
            per_source[source] += 1
            keep.add(id(body))
        return [(f, body) for f, body in cands if id(body) in keep]


#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = _Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v16", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
