"""Build ``data/v37/real.jsonl``: API documentation examples that publishers not used by v1 to
v35 released under permissive licences (a mobile-network operator's SIM and device events, a
hotel and flight booking exchange, an education platform for circuits, customer service,
couriers and last-mile delivery, lending, e-signatures, an online shop platform in Brazil and
a few small APIs), labelled by the rules of `make_v37_rules` and then by hand decisions
(``data/v37/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v37 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v37`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import sys

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v37_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v37")

#: Slate pages where a repository writes its index as ``index.md``.
_SLATE_PAGES_MD = (*real_sets.SLATE_PAGES, "source/index.md")


def _slate(repo: str, commit: str, what: str, licence: str = real_sets.SLATE_LICENCE) -> Source:
    """A Slate documentation repository's pages."""
    return Source(repo, commit, licence, _SLATE_PAGES_MD, what)


SOURCES: dict[str, Source] = {
    "emnify": Source(
        "emnify/product-docs",
        "16bd335b787b397591ae0042fd015f505f85efbe",
        "MIT",
        ("docs/*.md", "docs/*.mdx"),
        "the JSON examples of emnify's (a mobile-network operator for IoT, Germany: SIM cards, "
        "endpoints, network and usage events, data streams) product documentation: its pages",
    ),
    "travelgatex": Source(
        "travelgateX/documentation-site",
        "558d594b3194abbe68a8ca12f8c1c8aa09aa432b",
        "MIT",
        ("content/*.md",),
        "the JSON examples of TravelgateX's (a hotel, flight and transfer booking exchange, "
        "Spain: searches, quotes, bookings with holders and passengers) documentation: its "
        "pages",
    ),
    "circuitverse": _slate(
        "Nitish145/slate",
        "a56c5f2c1d4e0db5de8fb92735b8c4d57d9a1211",
        "the request and response examples of CircuitVerse's (a learning platform for digital "
        "circuits: users, projects, groups of students, assignments, grades) API documentation",
    ),
    "atendimento": _slate(
        "lucasbersano/cr-api-doc",
        "0196356bdd040ea28486df9c03b10a3d4937a293",
        "the request and response examples of Atendimento Total's (customer service for hotels, "
        "Brazil: hotels, rooms, rates) API documentation, in Portuguese",
    ),
    "bex": _slate(
        "BEX-Express/BEX-API",
        "b96e50196198cf9920b631e1601b03e269c5cf6b",
        "the request and response examples of BEX Express' (a courier: shipments, tracking, "
        "labels) API documentation",
    ),
    "veho": _slate(
        "veho-technologies/api-basic-docs",
        "1b7140a3d6a6810e5935387ab18e867ca468a893",
        "the request and response examples of Veho's (last-mile package delivery: orders, "
        "packages, tracking) API documentation",
    ),
    "tray": _slate(
        "NelsonEspadoto/api-doc",
        "ce3e57196c40b24abf67ebd3d5f91fecdadeef65",
        "the request and response examples of the Slate API documentation of "
        "NelsonEspadoto/api-doc (Tray Developers: an online-shop platform's point of sale, "
        "Brazil)",
    ),
    "capitalfloat": _slate(
        "alwaysanirudh/cf-docs",
        "2f0f1b7020b425618914d271110801c53db12d9e",
        "the request and response examples of the Slate API documentation of "
        "alwaysanirudh/cf-docs (Capital Float's partner API: loan applications, India)",
    ),
    "dedoco": _slate(
        "tjwjoe/slate",
        "af48c4ab2794bca1a32b4a07bfdb15cad0ca51a2",
        "the request and response examples of the Slate API documentation of tjwjoe/slate "
        "(Dedoco's platform API: documents, signers and e-signatures, Singapore)",
    ),
    "lendet": _slate(
        "bbatalla92/slate",
        "71e358396897c3788404291d0fcf9f9af3887f73",
        "the request and response examples of the Slate API documentation of bbatalla92/slate "
        "(Lendet: lending things between people: users, items)",
    ),
    "taskplus": _slate(
        "anu-rag/slate",
        "981db95c3545c445867d27e17b25bdd2d67fc470",
        "the request and response examples of the Slate API documentation of anu-rag/slate "
        "(Taskplus: tasks, users and their addresses)",
    ),
    "postpone": _slate(
        "vincenzor/slate",
        "c1d7c8e374bcd3fd6467d7e31611b664f7f878e4",
        "the request and response examples of the Slate API documentation of vincenzor/slate "
        "(Postpone: scheduled posts, accounts, comments)",
    ),
    "spouser": _slate(
        "TheDevRay/slate",
        "861358fe2137e0511d1917bbb6f13d43d30358d3",
        "the request and response examples of the Slate API documentation of TheDevRay/slate "
        "(Spouser)",
    ),
    "amplo": _slate(
        "dmitrypol/slate",
        "3f2106be3bd2b007dc2b489ebe794ca6edd1be85",
        "the request and response examples of the Slate API documentation of dmitrypol/slate "
        "(Amplo)",
    ),
    "codesnippets": _slate(
        "amandeep511997/codesnippetsAPI",
        "f4c482725a3f768d1851dc98eb6013e1b87bd306",
        "the request and response examples of the Slate API documentation of "
        "amandeep511997/codesnippetsAPI (code snippets)",
    ),
    "remarq": _slate(
        "jagthedrummer/remarq_api_docs",
        "8dbd8bd1863ada1c9a6701b85f26308e362af64c",
        "the request and response examples of the Slate API documentation of "
        "jagthedrummer/remarq_api_docs (Remarq: reports, documents, styles, outputs)",
    ),
    "niklaskks": _slate(
        "niklaskks/api-docs",
        "7f1acb171526a15774b80768c444876753725ae7",
        "the request and response examples of the Slate API documentation of niklaskks/api-docs "
        "(generated text content for search engines: projects, objects, requests), in German",
    ),
    "footballclub": _slate(
        "CQBinh/slate",
        "bfa02f71ff79568a4d6893fa1c4daee46688abaf",
        "the request and response examples of the Slate API documentation of CQBinh/slate "
        "(a football club's API)",
    ),
    "licencerenewal": _slate(
        "jrbin/slate",
        "574fa4e6e13132c526d8960f1b4a4d2460588988",
        "the request and response examples of the Slate API documentation of jrbin/slate (a "
        "university assignment's API for renewing driving licences, Australia: licences, "
        "renewal notices, payments)",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v37<source>/<family>``): as v17's to v35's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v37emnify": 8}
CAPS = real_sets.Caps("v37", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # the developer's own name (the repository's owner) as the account holder's
    "postpone": frozenset(
        {
            "6ec8b1f0169607e8b382e71ae32bce2126ad970f77bfc3b51df0b0fa75f5373b",
            "2547887be5eaec9c95584fb892e5ca8d38b85e4265babb9c7c7f7b5256e0d635",
        }
    ),
    # a user's mail address at a webmail provider beside a first name matching the repository's
    # owner, a street and coordinates (by judgement, the developer's own)
    "lendet": frozenset({"d9d47ab6bdd5b0912fcf2dd8f021de73a7d64edd72ee8dd6b4739f4daea7619c"}),
    # a social-network page named by a person's handle with its numeric page id (by judgement,
    # real)
    "footballclub": frozenset({"d5d32513f78d67db7825bb7860cc7c4dd5c1ed928a124719e7d44f631443b9cb"}),
    # the developer's own name (the repository's owner) as a user's full name, and the house
    # address shown beside it (by judgement, his)
    "taskplus": frozenset(
        {
            "c30f3cfd3a437f9cf605c4a887f97d4090d906a1090b9d50befdcef7fc520fc0",
            "87bc017fe716af109052ee58b1cc2dc0293b0e3567f4885a6286dc3598a452b3",
        }
    ),
}


def _kittens(text: str) -> bool:
    """Whether a document is the Slate template's kittens (left out, as v29 to v35 left them
    out)."""
    return '"fluffiness"' in text or "meowmeowmeow" in text


#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`).
_EXTRACTORS: dict[str, Extractor] = {name: make_v24._sections(name) for name in SOURCES}

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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v37", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
