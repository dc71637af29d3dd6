"""Build ``data/v31/real.jsonl``: API documentation examples that publishers not used by v1 to
v29 released under permissive licences (health care: pharmacy benefit eligibility and claims,
radiology and imaging appointments, medical bills and insurance, a care platform's patients;
couriers and parcel shipping), labelled by the rules of `make_v31_rules` and then by hand
decisions (``data/v31/overrides.json``), under the one convention of the data README ("One
convention, from v16 on").

``python -m detector.eval.make_v31 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v31`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import sys

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v31_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v31")

#: Slate pages where a repository writes its index as ``index.md``.
_SLATE_PAGES_MD = (*real_sets.SLATE_PAGES, "source/index.md")

SOURCES: dict[str, Source] = {
    "withme": Source(
        "withmehealth/api-base-doc",
        "e23ee9eec987e1cda1e92b3aac8630a084d6958a",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of WithMe Health's (pharmacy benefits and medication "
        "adherence) API documentation: members' eligibility, prescription claims",
    ),
    "stroll": Source(
        "TeamStroll/apidoc",
        "62378b6dba4d87706b1fc793bb42719f51a8fdfc",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Stroll Health's (radiology and imaging referrals: "
        "prices, facilities, patients, appointments, fax requests) API documentation",
    ),
    "bauxy": Source(
        "bauxy/slate",
        "8e1664ab77a67decfcc91fe3de67ee4b599f7162",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md.erb", "source/index.html.md.erb"),
        "the request and response examples of Bauxy's (medical bills and health insurance for "
        "patients: patients, addresses, bills, items, insurance, plan information, providers, "
        "users) API documentation",
    ),
    "easyparcel": Source(
        "easyparcel/OpenAPI",
        "6a103d47dee88ad2c3e55a349437a8f80e4fe01d",
        "Apache-2.0",
        ("source/includes/2026-06/*.md", "source/includes/_*.md", "source/index.html.md"),
        "the request and response examples of EasyParcel's (couriers and parcel shipping, "
        "Malaysia and South-East Asia) Open API documentation, its newest version (2026-06): "
        "quotations, orders, shipments, pick-ups, drop-off points, wallet, webhooks",
    ),
    "inxite": Source(
        "inxitehealth/slate",
        "c30e9ee049abb8351f2057c534552dd5327e5ce7",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of INXITE Health's (a care management platform: "
        "patients, providers, records) API documentation",
    ),
    "mevia": Source(
        "Mevia/slate",
        "985721a928e4ff61529ec5af723fbdd8be8e8aca",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Mevia's (medication adherence: smart pill "
        "packaging, prescriptions, patients' intake events) API documentation",
    ),
    "vega": Source(
        "getvega/slate",
        "2d6d043618599a13024dc28b51db5ba6ad1b9e62",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Vega's (parcel shipping for shops: orders, "
        "shipments, users) API documentation",
    ),
    "sparkweb": Source(
        "sparkweb/slate",
        "8008760bad96319b1a3acf02d2b609b911f0ee24",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Sparkweb's (order fulfilment and shipping for "
        "online stores: orders, order items, inventory, shipments) API documentation",
    ),
    "jinnial": Source(
        "Jinnial/Interns_API_Docs",
        "443a12ec025231ff30bc3cfac1c4dae94996958b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Jinnial's (school administration: students, "
        "teachers, requests) API documentation",
    ),
    "instalocate": Source(
        "teaminstalocate/apidocs",
        "5a952545cb78d2df7de223e647a7a31abfeff4ab",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Instalocate's (air travel assistance for "
        "delayed and cancelled flights: passengers' bookings, partners) API documentation",
    ),
    "miora": Source(
        "miora/slate",
        "2d6e472f5109d7e8e7bb7415c39ad4d9f934cb80",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Miora's (travel bookings: users, bookings, "
        "cities, countries) API documentation",
    ),
    "hng": Source(
        "hnginterns/Project-Api",
        "ccbddeaee8a89c56ed4f7a296444772ad8b7120b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the HNG Internship's hotel booking project API "
        "documentation: hotels, rooms, rates, bookings, reviews, locations",
    ),
    "kkche": Source(
        "kkche/slate",
        "e5fc217daa15253460856be82eaef5983d294a32",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of kkche's (car dealers: stores and vehicles) API "
        "documentation",
    ),
    "webstreak": Source(
        "webstreak/api-docs",
        "47c46615702705b345e6042ab60e18158e75cd58",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Webstreak's (automotive dealers' inventory and "
        "leads) API documentation",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v31<source>/<family>``): as v17's to v29's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v31", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a staff member's name and address at the publisher's domain as a patient
    "bauxy": frozenset({"d3678455ecf15ba2686954697bd3460108b7cdf40196177b33ff70e2b446e519"}),
    # a staff member's name and address at the publisher's domain as sender and receiver
    "easyparcel": frozenset({"aa838ba978e63ff9894141ba2d5eed3a93471cab7a0544f4ebdad1f8aff715f0"}),
    # a staff member's name and address at the publisher's domain as a patient; a patient
    # record with a test account's address whose name reads as a real person's
    "stroll": frozenset(
        {
            "a198a864224db5124bd08994631ff53fc97a328b0cfd2b6cdccddbc78e41b19d",
            "082968e1da9cf580682e99ae94d78688d89684c0872e901c8b60cde135cd5369",
        }
    ),
    # a real prescriber's name beside his national provider number and practice phone
    "withme": frozenset({"44d6279776484fc67e58947e144792b8921f2a82d79f5fbbb7cf6b5026e206fd"}),
    # a teacher's name with a personal mail address and phone (the author's or a colleague's)
    "jinnial": frozenset({"82c74ecd82b7df0249a9755cc8a105fbd3e382067afa16995ac2f58d32960c9d"}),
}

#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`).
_EXTRACTORS: dict[str, Extractor] = {name: make_v24._sections(name) for name in SOURCES}

EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v31", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
