"""Build ``data/v35/real.jsonl``: API documentation examples that publishers not used by v1 to
v33 released under permissive licences (construction and field work, health and safety on
building sites, court filings, a city's building records, volunteers at an event, and beside
them relationship management, a lab notebook and location-based audio), labelled by the rules of
`make_v35_rules` and then by hand decisions (``data/v35/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v35 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v35`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v35_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v35")

#: Slate pages where a repository writes its index as ``index.md``.
_SLATE_PAGES_MD = (*real_sets.SLATE_PAGES, "source/index.md")

SOURCES: dict[str, Source] = {
    "handshq": Source(
        "handshq/handshq_docs",
        "7636e720526e5434562410cf42967b0af293c820",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of HandsHQ's (health and safety documents for "
        "construction work, UK: projects, method statements, risk assessments, personnel, "
        "training records) API documentation",
    ),
    "fieldwire": Source(
        "Fieldwire/fieldwire_api_docs",
        "899b64a69c17524dede0d05dbb3f97f79041e92a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Fieldwire's (construction field management: "
        "projects, tasks, sheets, users) API documentation",
    ),
    "beitostolen": Source(
        "Beitostolen-Live/docs",
        "3b10378e85e50335c7a11a6ec6a90e960040cb02",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Beitostølen Live's (a sports event in Norway: "
        "volunteers, shifts) API documentation",
    ),
    "affinity": Source(
        "affinity-team/slate",
        "2826cda4e2908d2c24997edeedbcd2b165fa5efa",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Affinity's (relationship management: persons, "
        "organizations, lists, notes, interactions) API documentation",
    ),
    "cognation": Source(
        "IgnationFR/cognation-documentation",
        "9a8cbf5f22607547e1638052a83e9ffd33632689",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of "
        "IgnationFR/cognation-documentation (Cognation)",
    ),
    "scinote": Source(
        "scinote-eln/scinote-api-docs",
        "ec6b8fb0ac18dc0adbd4e657dbc2ef3db3c6aced",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of SciNote's (an electronic lab notebook: teams, "
        "projects, experiments, tasks, inventories, users) API documentation",
    ),
    "roundware": Source(
        "roundware/roundware-api-docs",
        "28f22f692e3e765400e1299d384ff47904d161b4",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Roundware's (location-based contributory audio: "
        "projects, assets, sessions, speakers, users) API documentation",
    ),
    "nycbuildings": Source(
        "maxmcd/nyc-buildings-api-docs",
        "cdf097c46f19fb69aab62bd3c573fa4c35143539",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of "
        "maxmcd/nyc-buildings-api-docs (New York City's buildings, complaints and violations)",
    ),
    "adamo": Source(
        "snake03/slate",
        "5f757071082277f10ecf8985f9b8a4bff821964f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Adamo Gestionale's (business management, Italy: "
        "contacts, invoices, products, arrivals, e-mails) API documentation",
    ),
    "swapay": Source(
        "innfocus/nft-swap-pay-docs",
        "c030366c93fc25b9c76cdbeda977ea9a166c057f",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of SWAPAY's (NFT payments: members, wallets, "
        "orders) API documentation",
    ),
    "salesforceiq": Source(
        "kterusaki/slate",
        "a9e67e719ec269f2f3f616c36df3827d1f78c710",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of kterusaki/slate "
        "(SalesforceIQ API Documentation: accounts, contacts, lists, events)",
    ),
    "pelias": Source(
        "pelias/documentation",
        "435103d44051755ad56858e5f98fb5c669ac4b13",
        "CC-BY-4.0",
        ("*.md",),
        "the request and response examples of Pelias' (an open geocoder: search, reverse and "
        "structured geocoding of places and addresses worldwide) documentation: its pages",
    ),
    "traceability": Source(
        "w3c-ccg/traceability-vocab",
        "961fb742f18ad088ee753f9138c82f12e6d2d919",
        "W3C Software and Document License",
        ("docs/openapi/components/schemas/*/*.yml",),
        "the examples of the W3C Credentials Community Group's traceability vocabulary "
        "(credentials for supply chains: agricultural inspections and activities, customs and "
        "trade documents, shipments, organizations, people and places): each schema's example",
    ),
    "citizenship": Source(
        "w3c-ccg/citizenship-vocab",
        "50a3689e39103b30de6c5b6c92e7230ea924980a",
        "W3C Software and Document License",
        ("examples/*.jsonld",),
        "the example credentials of the W3C Credentials Community Group's citizenship vocabulary "
        "(certificates of citizenship, permanent resident cards, employment authorization "
        "documents)",
    ),
    "vaccination": Source(
        "w3c-ccg/vaccination-vocab",
        "282f48b1180a47202cfc6bca876f106a7041d9f5",
        "W3C Software and Document License",
        ("__fixtures__/inputs/*.json",),
        "the example credentials of the W3C Credentials Community Group's vaccination vocabulary "
        "(vaccination certificates)",
    ),
    "vcexamples": Source(
        "w3c-ccg/vc-examples",
        "4cdb60860dd6b62877324f170f98f7385c98497a",
        "W3C Software and Document License",
        (
            "docs/chapi-http-edu/*.json",
            "docs/cmtr/examples/*.json",
            "docs/covid-19/v*/*.json",
            "docs/crude/examples/*.json",
            "docs/edu/*.json",
            "docs/prc/*.json",
        ),
        "the example credentials of the W3C Credentials Community Group's examples repository "
        "(mill test reports for steel, COVID-19 test results and travel badges, crude oil "
        "inspections and bills of lading, a university degree, a permanent resident card)",
    ),
    "wallet": Source(
        "w3c-ccg/universal-wallet-interop-spec",
        "ff8528c25585e1a6a94badc0c847500a2760957f",
        "W3C Software and Document License",
        ("docs/examples/*.json",),
        "the examples of the W3C Credentials Community Group's universal wallet specification "
        "(a resolution response, a ledger request and response, a credential, a flat JWT)",
    ),
    "attensa": Source(
        "Attensadev/attensa-api-docs",
        "235afda96c092ced310b03ad39aa9c8dfb82d3c9",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Attensa's API documentation",
    ),
    "practitest": Source(
        "PractiTest/API-V2",
        "5f63e17b16962cacbeaf925290fd3b2fe0941e0c",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of PractiTest's (test management: projects, tests, "
        "runs, users) API documentation",
    ),
    "twist": Source(
        "WillCao68/twist-api",
        "9a6a2f77d20065159ba0e8a9231dc5b5c94ae3af",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of "
        "WillCao68/twist-api (Twist API reference)",
    ),
    "pagertree": Source(
        "PagerTree/apidocs",
        "c2f389386ebc179779f4174a74a8a6ad88c1a6c8",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of PagerTree's (on-call schedules and alerts: users, "
        "teams, incidents) API documentation",
    ),
    "prophet": Source(
        "ProphetDigits/slate",
        "6cc367acbcaca86151c321e5b2263e2d41568fc1",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of ProphetDigits/slate",
    ),
    "workersurvey": Source(
        "subtapuk/worker-survey-docs",
        "c203f576d1d140d7ef59185a20c2912e363c39ec",
        "Apache-2.0",
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of "
        "subtapuk/worker-survey-docs (a survey of workers)",
    ),
    "letlife": Source(
        "AD2014/docs-brand",
        "3eb20af9fb0e80f1fbf8f5f174eee562c96a82cc",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of LetLife's Brand API documentation",
    ),
    "lovelyads": Source(
        "Blog-Ecommerce/lovelyads_docs",
        "bfe180c026c33842376f12c7e29275cae3c6bfdc",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of LovelyAds' API documentation",
    ),
    "cube": Source(
        "cube3ts/apidoc",
        "95dc2695427f5bf54894dd9d9260eced1f9fa175",
        "Apache-2.0",
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of cube3ts/apidoc "
        "(Cube API: clients, companies and their listings, Korea)",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v35<source>/<family>``): as v17's to v33's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {
    "v35prophet": 22,
    "v35traceability": 3,
    "v35citizenship": 3,
    "v35vcexamples": 2,
}
CAPS = real_sets.Caps("v35", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a Korean mobile number that looks real beside a name, and a living actress's name as a
    # user's (v27's case of a famous name), by judgement
    "cube": frozenset(
        {
            "4337883e453e595e4d4422570f0c20705e1ff5b5dcb40f283eaac38464b6b99e",
            "bbae62bfb6a4b06f25e72f92f5cd3654b6636174591b497098ece475f334b433",
        }
    ),
    # a staff member's mail address at the publisher's domain and a notification's recipient
    # number (by judgement, real)
    "pagertree": frozenset(
        {
            "b1bbf52cc4d82bdb3ceea84c3eaf5e074796390203bec80b3fae7afc7baf859f",
            "85dbf191d0763c09c32b50890da32707dadfdb543b9b582792d5646ccb7ea57f",
        }
    ),
    # a staff member's name and mail address (with a tag) at the publisher's domain as a user's
    "practitest": frozenset({"9c0a979a02bbc4384ca36510935b89520fe06316dc0a0adec09f44d0d4be8e5a"}),
    # a standards author's own mail address at his company (with a tag) as a steel company's
    "vcexamples": frozenset({"3e58a3280702a351e73b1dce332fc45ac0c82851781fd243c3c9685380648402"}),
    # developers' and testers' own names, mail addresses and a mobile number as users, payers
    # and merchants (by judgement: real people, not stand-ins)
    "swapay": frozenset(
        {
            "d10884ac89fb19b0a93eb4598d976a561c89c37d815deab18ef9a32dfb4611d7",
            "cb83aea2a76c47853d1bad74f3ee82157afb34c62dd1e0a37a1f03fdcec520c9",
            "1a800f23a6007dbe75dfd67f68aaa726feca50d4534e3b40c415b33065d4e5f3",
            "1fc555ae60b91a0e66e2ada12099f47dc59827c29f1b1f3427bee53e5773d9de",
            "272aeb70fb4d2193a7d91aa389e4bdc2aea004542da66e0183f0a18612a4ed96",
            "afc8e16842061ea3dbb023bf5f08d1bc3a728429313fab0cba30f60954ff9064",
            "dd7e8769e259e1e4750a8448151bbe805394d23f3db245333647d9b52ffc8340",
            "f93ccadfa9ca3c877e9dc0e32097dfb9adcac15ede19e3010dfb4ba54ea09e92",
        }
    ),
}

#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`).
_JSON_FILES = ("citizenship", "vaccination", "wallet")


def _credential_kind(rel: str) -> str:
    """An example credential's family: the first word of its file's name, so that a credential
    and its signed copy (``prc-full``, ``prc-full-signed``) stay together."""
    return real_sets.words_family(real_sets.stem(rel).split("-")[0])


def _schema_examples(name: str) -> Extractor:
    """The ``example`` of each schema file of source ``name`` (a JSON text in YAML), in the
    family of its folder and file name."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            schema = real_sets.load_yaml(p)
            example = schema.get("example") if isinstance(schema, dict) else None
            body = real_sets.load_json(example) if isinstance(example, str) else None
            if isinstance(body, dict | list):
                yield real_sets.stem_words(real_sets.rel(cache, name, p)), body

    return extract


def _example_folder(rel: str) -> str:
    """An example's family: its folder under ``docs`` (``cmtr``, ``crude``, ``prc``)."""
    return real_sets.words_family(rel.split("/")[1])


_EXTRACTORS: dict[str, Extractor] = {
    name: (
        _schema_examples(name)
        if name == "traceability"
        else real_sets.json_files(name, _example_folder)
        if name == "vcexamples"
        else real_sets.json_files(name, _credential_kind)
        if name in _JSON_FILES
        else make_v24._sections(name)
    )
    for name in SOURCES
}


def _kittens(text: str) -> bool:
    """Whether a document is the Slate template's kittens (left out, as v29 and v31 left them
    out)."""
    return '"fluffiness"' in text or "meowmeowmeow" in text


EXTRACTORS = {
    name: real_sets.without(
        real_sets.without_marked(
            make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
        ),
        _kittens,
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v35", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
