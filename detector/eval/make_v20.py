"""Build ``data/v20/real.jsonl``: the example records of standards bodies and open data
standards (e-invoicing, sports booking, learning records, open payments, verifiable credentials
and decentralised identity, air cargo, SCIM provisioning, FHIR health records) and a public
sector's API documentation (Ukraine's public procurement), that publishers not used by v1 to v19
released under permissive licences, labelled by the rules of `make_v20_rules` and then by hand
decisions (``data/v20/overrides.json``), under the one convention of the data README ("One
convention, from v16 on").

``python -m detector.eval.make_v20 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v20`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v19, real_sets
from detector.eval.make_v20_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files

DATA, OUT, OVERRIDES = real_sets.set_files("v20")

SOURCES: dict[str, Source] = {
    "gobl": Source(
        "invopop/gobl",
        "7a4ad62243fedec6ae3157e0a354cfa22a349af4",
        "Apache-2.0",
        ("examples/*/*.json", "examples/*/*.yaml"),
        "the example documents of GOBL (Invopop's Go Business Language, an open e-invoicing "
        "format with tax regimes of many countries): invoices, credit notes, deliveries, orders "
        "and payments with suppliers and customers, their tax ids, addresses, e-mail addresses, "
        "phones, people and bank accounts (Spain, Argentina, Poland, Italy, Germany, Greece, "
        "Singapore, Norway, France, Colombia, and others)",
    ),
    "openactive": Source(
        "openactive/data-models",
        "9f200e694a73814c9e66720448e307d5ed909769",
        "MIT",
        ("versions/2.x/examples/*.json", "versions/2.x/examples/*/*.json"),
        "the examples of the OpenActive data models (the UK's open data standard for sport and "
        "physical activity): sessions, events, facilities and places with organisers, leaders "
        "and positions, and the Open Booking API's orders with customers and brokers",
    ),
    "xapi": Source(
        "adlnet/xAPI-Spec",
        "ca782a1129bc6ae848640ff4e8e262334bdd0ba5",
        "Apache-2.0",
        ("*.md",),
        "the JSON examples of the Experience API specification (xAPI, Advanced Distributed "
        "Learning): learning-record statements with actors (names, mailto addresses, accounts), "
        "verbs, activities, results, agent profiles, documents",
    ),
    "openpayments": Source(
        "interledger/open-payments",
        "c61c5fa18460d83076b32d9bf8ca6b22e5ee0906",
        "Apache-2.0",
        ("docs/src/content/docs/*.mdx", "docs/src/content/docs/*/*.mdx"),
        "the JSON examples of the Open Payments standard's documentation (Interledger "
        "Foundation; English and Spanish): wallet addresses, grants, incoming and outgoing "
        "payments, quotes, with few personal fields",
    ),
    "dif": Source(
        "decentralized-identity/presentation-exchange",
        "7cbe949c95fe1e19413b24c9b49dc34f76f5d76a",
        "Apache-2.0",
        ("test/*/*.json", "test/*/*/*.json", "sample-implementation/src/__fixtures__/*/*.json"),
        "the test vectors of the Decentralized Identity Foundation's Presentation Exchange "
        "specification: presentation definitions and submissions with verifiable credentials, "
        "their subjects and proofs",
    ),
    "onerecord": Source(
        "IATA-Cargo/ONE-Record",
        "be3ea121e5cf6d25f91053c3ef3424d054466448",
        "MIT",
        ("Documentation_website/docs/*/examples*/*.json",),
        "the examples of IATA's ONE Record standard (air cargo data sharing): logistics objects, "
        "access delegations, action requests, audit trails, subscriptions, notifications, "
        "parties and their contacts",
    ),
    "aries": Source(
        "hyperledger/aries-rfcs",
        "fa3b46636568465d5a784c1a0ba3d0b4000aeae2",
        "Apache-2.0",
        ("features/*/README.md", "concepts/*/README.md"),
        "the JSON examples of Hyperledger Aries' RFCs (decentralised identity agents, DIDComm): "
        "connection invitations, credential offers and issues with attributes, presentation "
        "requests and proofs, basic messages, routing, DID documents",
    ),
    "elimity": Source(
        "elimity-com/scim",
        "8c2ba6dc89f14ead4d2637141ce7a9576607968d",
        "MIT",
        ("internal/idp_test/testdata/*/*.json", "testdata/*/*/*.json", "schema/testdata/*.json"),
        "the SCIM 2.0 (RFC 7643/7644 identity provisioning) requests Elimity's Go server "
        "library tests replay, written as Okta and Azure AD send them: users with names, "
        "e-mail addresses, user names and groups, patch operations",
    ),
    "prozorro": Source(
        "ProzorroUKR/openprocurement.api",
        "344fdc78b707dd3a28a8f1d78be8bef89328b6c8",
        "Apache-2.0",
        ("docs/source/*.http",),
        "the HTTP examples of the documentation of Prozorro (Ukraine's public e-procurement "
        "system, State Enterprise Prozorro): tenders, bids, awards, complaints, contracts and "
        "plans with procuring entities and suppliers, their contact points (names, e-mail "
        "addresses, phones), EDRPOU codes and addresses, mostly in Ukrainian",
    ),
    "aehrc": Source(
        "aehrc/smart-forms",
        "0a84f1e722a98a1685d8b1ba957c12e5650d2bca",
        "Apache-2.0",
        ("resources/EHR_Transaction.json",),
        "the FHIR R4 transaction bundle of test health records CSIRO's Australian e-Health "
        "Research Centre ships with SMART Forms: patients, practitioners, related persons with "
        "names, birth dates, genders, addresses, phones and Australian health identifiers, "
        "and their observations, conditions, encounters and medications",
    ),
    "beda": Source(
        "beda-software/fhir-emr",
        "2ea133e7fec916e724d4c2b839d2352c9ed61a72",
        "MIT",
        ("resources/demo-seeds/*/*.yaml",),
        "the FHIR demo records Beda Software's open-source EMR seeds its server with: patients, "
        "practitioners, appointments, encounters, consents, invoices, charge items, "
        "medications, questionnaire responses, users",
    ),
    "gematik": Source(
        "gematik/eRezept-Examples",
        "515e5b28cebf4777f82d80043c911eb20b3c18bc",
        "Apache-2.0",
        (
            "Standalone-Examples/eRezept_KBV/1.3.2/json/*.json",
            "API-Examples/2025-01-15/*/*.json",
        ),
        "the examples of Germany's electronic prescription (E-Rezept) published by gematik "
        "(the national agency for the health telematics infrastructure): the KBV's "
        "prescription bundles with patients (names, birth dates, addresses, health insurance "
        "numbers), practitioners, practices, coverage and medications, and the API's tasks, "
        "communications, consents, charge items and insured persons' requests, in German",
    ),
    "hropen": Source(
        "MagnumOpuses/common-cv-model",
        "dc5136451ad50cff0e93fc4daf8e82e7d4b29d28",
        "Apache-2.0",
        ("HROpen-v4.2-1/*/json/samples/*.json", "envelope/example_*.json"),
        "the HR Open Standards 4.2 samples (recruiting, interviewing, screening, assessments, "
        "timecards, payroll, benefits, compensation) and the CV envelope examples of the common "
        "CV model of JobTech (the Swedish Public Employment Service's development unit): "
        "candidates with names, addresses, e-mail addresses, phones and positions, employers, "
        "position openings, interviews, screenings, pay",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v20<source>/<family>``): as v19's, per source at
#: most 60 documents with rule labels (fewer where one source would supply more than a fifth of
#: the labels), and v16's step (`make_v16._Builder`): the first document of each family without
#: any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v20gobl": 36, "v20prozorro": 40, "v20hropen": 29}
CAPS = real_sets.Caps("v20", per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_stem_words, _words_family, _slug = real_sets.stem_words, real_sets.words_family, real_sets.slug

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    "prozorro": frozenset(
        {
            # three contact persons of the documentation's tenders, with a webmail address or a
            # real school's phone: they look like the people of the real tender copied
            "aad04405ae8bde2b003043baafd0a2978492c750d80b921958c8b8b9b1c7e59c",
            "949855d1814183981210896a2c6baaca8eb1e8f6df59907c6ac4771e1a73f4bd",
            "b6e28ecdacfa735b450f7b9716b8905d927f32d0fe5c40dd19b1d63bc9211fd5",
            "043ea2b9a703707ff5fe5cb3570f6733e2685a51d416e2222bb3a9820ea893e9",
            "0a9a7f372e7376ef1a69bd061eee0f7aad3d7dbf8c988e7c040fea22423bc55c",
        }
    ),
    "xapi": frozenset(
        {
            # the names of members of the specification's community as statement actors
            "0ba9b50b8e13fe506bd4578924d9f5d6634cb6220b6e92790bbb99ff1f90c55e",
            "91fff11aacc879a20de14b6d34ad61e80011eb286c6c033973f724c42e2852ba",
            "2102e4b1f9c6da89831a6f4e0caec9638fdccad51b3c6248024464f9e5fccdbf",
            "6c7adc1f0cba6da6fde065d70004998b2f922cc0bddfe24b4980f3a3350ef220",
            # a public figure's name (an actor) as a statement's actor
            "93c62dc703b7f558cbaa7a544d9320332094e2a3c47f2c8b1792b2f931c1aa44",
        }
    ),
    "hropen": frozenset(
        {
            # a job seeker's full record with a personal identity number (the CV envelope's
            # example) that may be a real person's
            "ff42edd105350b49de7770ef8cff77c5a00b193a6b5c7621a89a14cecb858fb8",
            "72d019b13e8d75fd6d48c8aa25f529f3a4b959bbfe8112ce8d457898a5bd4226",
            # the authors of a real publication cited in an assessment sample
            "af7d2c990b5c77e0884751c0366f0ef1ba01948b8c4c9544ef837f9c1f267b6f",
            "cb2791c98658351829409b1e5e1e14b7832f2637e998861d458b99bd16d54e85",
        }
    ),
    "openactive": frozenset(
        {
            # a public figure's name (a sportsman) as a customer's, and his example address
            "6244fdbb3bcfbeb520911486a0cba47faff4b73ba68244404c4172faaa35e52d",
            "9c602d42ecb799913e95424175fc932f7079a6de70eeded371af9c167e5783cf",
        }
    ),
    "aehrc": frozenset(
        {
            # a public figure's name (a singer) as a practitioner's
            "a5822a8c8b00deb97c29a1e397b34b4d85877265e533fd6e55e836f5fafb167f",
        }
    ),
}

marks = make_v17.marks

#: A fenced code block of a markdown file (any info string: ``json``, ``JSON wrap``, none).
_FENCED = re.compile(r"```[A-Za-z]*(?: [A-Za-z]+)*[ \t]*\n(.*?)\n\s*```", re.S)


def _fenced_json(name: str, family_of: Callable[[str], str]) -> Extractor:
    """v19's reader of markdown's JSON code blocks (`make_v19._markdown_json`), with any info
    string of words (``_FENCED``) and MDX files read too."""
    return make_v19._markdown_json(name, family_of, _FENCED, (".md", ".mdx"))


def _documents(name: str, family_of: Callable[[str], str]) -> Extractor:
    """Every JSON or YAML file of source ``name`` whole; family: ``family_of(path)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            if "out" in p.parent.parts[-1:]:
                continue  # (GOBL's computed envelopes of the examples beside them)
            text = p.read_text(encoding="utf-8")
            body = real_sets.load_json(text) if p.suffix == ".json" else real_sets.load_yaml(p)
            if isinstance(body, dict | list):
                yield family_of(real_sets.rel(cache, name, p)), body

    return extract


def _http_bodies(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The JSON bodies of each recorded HTTP exchange (a request's and a response's headers,
    a blank line, the body) of source ``name``; family: ``family_of(path)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            family = family_of(real_sets.rel(cache, name, p))
            for part in re.split(r"\n\s*\n", p.read_text(encoding="utf-8")):
                if part.lstrip().startswith(("{", "[")):
                    body = real_sets.load_json(part)
                    if isinstance(body, dict | list):
                        yield family, body

    return extract


def _fhir_resources(name: str, family_of: Callable[[str], str] | None = None) -> Extractor:
    """The resources of each FHIR bundle (or the resource a file is, JSON or YAML) of source
    ``name``, without their narratives; family: ``family_of(path)`` (a bundle's resources
    share it) or else the resource's type."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for rel, body in _documents(name, str)(cache):
            for resource in real_sets.bundle_resources(body):
                kind = str(resource.get("resourceType", "resource"))
                family = family_of(rel) if family_of else _slug(kind)
                yield family, _without_narrative(resource)

    return extract


def _without_narrative(resource: dict[str, Any]) -> dict[str, Any]:
    """A FHIR resource without its generated narrative (``text``: an HTML rendering of the
    resource's own fields and of the resources it references), which the hand check would have
    had to label type by type inside the markup."""
    return {k: v for k, v in resource.items() if k != "text"}


def _folder_and_stem(rel: str) -> str:
    """A family from a file's folder and stem words (``examples/es/invoice-es-es.yaml`` →
    ``es_invoice_es_es``)."""
    return _words_family(f"{Path(rel).parent.name}_{real_sets.stem(rel)}")


def _rfc_family(rel: str) -> str:
    """An RFC's title words (``features/0036-issue-credential/README.md`` →
    ``issue_credential``)."""
    return _words_family(rel.split("/")[1])


def _procedure_and_stem(rel: str) -> str:
    """Prozorro's procedure folder and the example's words
    (``docs/source/tendering/openua/http/tender-post.http`` → ``openua_tender_post``)."""
    folders = [f for f in rel.split("/")[2:-1] if f not in {"http", "tutorial", "tendering"}]
    return _words_family("_".join([*folders[:1], real_sets.stem(rel)]))


_EXTRACTORS: dict[str, Extractor] = {
    "gobl": _documents("gobl", _folder_and_stem),
    "openactive": _documents("openactive", _stem_words),
    "xapi": _fenced_json("xapi", _stem_words),
    "openpayments": _fenced_json("openpayments", _stem_words),
    "dif": _documents("dif", _folder_and_stem),
    "onerecord": _documents("onerecord", _stem_words),
    "aries": _fenced_json("aries", _rfc_family),
    "elimity": _documents("elimity", _folder_and_stem),
    "prozorro": _http_bodies("prozorro", _procedure_and_stem),
    "aehrc": _fhir_resources("aehrc"),
    "gematik": _fhir_resources("gematik", _folder_and_stem),
    "hropen": _documents(
        "hropen", lambda rel: _words_family(rel.split("/")[1] + "_" + real_sets.stem(rel))
    ),
    "beda": _fhir_resources("beda", lambda rel: _slug(rel.split("/")[2])),
}


EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|nom|mail|mbox|phone|tel|fax|mobil|cell|addr|street|line|birth|gender|sex|salut|"
    r"user|login|pass|secret|token|key|iban|account|bank|tax|vat|fiscal|nif|cif|document|"
    r"passport|licen|ssn|lat|lon|coord|ip|mac|contact|person|holder|owner|customer|buyer|"
    r"client|recipient|sender|member|given|family|actor|agent|subject|identifier|value|code",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v20", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
