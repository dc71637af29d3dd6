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
    "tubman": Source(
        "TubmanProject/api_docs",
        "f5ba2420431271db45d9a7d9bfafe693914d79d1",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Tubman Project's (court filings and "
        "dispositions of criminal cases, for record expungement, US) API documentation",
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
    "salesap": Source(
        "sigra/slate",
        "5986ef78040155ce70f58bd3c7dfaae477e68623",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SalesAp's (a CRM, Russia: companies, contacts, "
        "deals, dictionaries) API documentation",
    ),
    "wiraya": Source(
        "par-wiraya/slate",
        "2c686392a02b7ae4dc9deba07e55af4094f39233",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Wiraya's (customer contact campaigns: contacts, "
        "events, metrics) API documentation",
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
}

#: Selection (`real_sets.Caps`, family prefix ``v35<source>/<family>``): as v17's to v33's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v35", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {}

#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`).
_EXTRACTORS: dict[str, Extractor] = {name: make_v24._sections(name) for name in SOURCES}


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
