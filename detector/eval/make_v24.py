"""Build ``data/v24/real.jsonl``: API documentation examples that publishers not used by v1 to
v23 released under permissive licences (clinics, care management and patient scheduling,
events and ticketing, restaurant reservations and food delivery, recruiting, property
management, SMS gateways, payments and core banking outside the US, cab booking), labelled by
the rules of `make_v24_rules` and then by hand decisions (``data/v24/overrides.json``), under
the one convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v24 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v24`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v21, make_v22, make_v23, real_sets
from detector.eval.make_v24_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v24")


SOURCES: dict[str, Source] = {
    "performanceimmo": Source(
        "PerformanceIMMO/API",
        "88d9e27862d9a2d95934cd5bf2fc613c8a6ff7c8",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Performance IMMO's (real estate agency "
        "software, France) API documentation: properties, mandates, owners and buyers, "
        "agencies, negotiators, visits, in French",
    ),
    "totalvoice": Source(
        "totalvoice/totalvoice-docs",
        "87e382ed2e8c4d89ef9fc4b0d1548dd37efe0e57",
        "MIT",
        real_sets.SLATE_PAGES,
        "the request and response examples of TotalVoice's (SMS, voice and two-factor "
        "gateway, Brazil) API documentation: SMS, calls, audio messages, conferences, "
        "accounts, numbers, webhooks, in Portuguese",
    ),
    "welkin": Source(
        "welkincloud-io/slate",
        "14ccdfd6a2d78bab32164bc2ac848c57b907c24e",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Welkin Health's (care management and patient "
        "scheduling) API documentation: patients, care plans, calendar events, work hours, "
        "assessments, conversations, workers",
    ),
    "invitepeople": Source(
        "invitepeople/slate",
        "451809964c5daf584badce4b5ce3f768ae4b6ceb",
        "Apache-2.0",
        ("source/includes/*.md.erb", "source/includes/*.md", "source/index.html.md"),
        "the request and response examples of InvitePeople's (event registration and "
        "ticketing, Sweden) API documentation: events, tickets, contacts, companies, "
        "e-mails, registrations",
    ),
    "xon": Source(
        "X-on/surgeryconnect-patient-api-docs",
        "d6d8a02d193a54f6cfd4568b3b58b143eebca151",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of X-on's Surgery Connect patient API "
        "documentation (telephony for GP practices, UK): patients, callbacks, appointments, "
        "practices",
    ),
    "labsaude": Source(
        "zeropay/lab-saude-docs-public",
        "0fcc7311873cb457698f52bc2163146effb30faa",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of zeropay's Lab Saúde (clinic and laboratory "
        "appointments, Brazil) API documentation: patients, appointments, clinics, exams, "
        "in Portuguese",
    ),
    "billplz": Source(
        "Billplz/api_slate",
        "d724145b1c093916f59135a98bee49c426085991",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Billplz's (payment bills and payouts, "
        "Malaysia) API documentation: collections, bills, payment orders, bank accounts, "
        "webhooks",
    ),
    "heysummit": Source(
        "heysummit/api-docs",
        "f8031e38880505aebd3adb72f718c27e71a5b466",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of HeySummit's (virtual events and summits) API "
        "documentation: events, talks, speakers, attendees, tickets",
    ),
    "bantotal": Source(
        "Bantotal/BDEV_API_DOC",
        "b2783307abb0930fe8dd2b1ab342e1bb0d8a384c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Bantotal's (core banking, Uruguay and Latin "
        "America) developer API documentation: clients, accounts, loans, in Spanish",
    ),
    "artsvp": Source(
        "BOOKSVP/api-docs",
        "dac2f682965f4adfab3fa264e3971d2c65f7899a",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of ARTSVP's (artist and event booking) API "
        "documentation: events, bookings, guests",
    ),
    "libro": Source(
        "libroreserve/api-documentation",
        "173e4a124d7004719fcdc8fc919291c748ec8b88",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Libro's (restaurant reservations, Canada) API "
        "documentation: restaurants, reservations, customers, tables, shifts, webhooks",
    ),
    "mrdelivery": Source(
        "mrdelivery/slate",
        "8cd428a3014d123e7dc4da5bd45876451c548c67",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.md"),
        "the request and response examples of Mr Delivery's (food delivery) API "
        "documentation: restaurants, orders, deliveries, customers",
    ),
    "firstbird": Source(
        "firstbirdtech/api-docs",
        "df53e95829e2f3573ec8afced4043912e5fcabd3",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Firstbird's (employee referral recruiting, "
        "Austria) API documentation: jobs, referrals, candidates, talent pool, users, rewards",
    ),
    "opencabs": Source(
        "opencabs/slate",
        "719260569c358eb5fabd7ea8e962f332e291ef64",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Opencabs' (cab booking and dispatch, examples "
        "in London) API documentation: bookings, pricing, tracking, coverage, customers",
    ),
    "runara": Source(
        "Runara/api",
        "aba5ec1586988ce7f34e7df6191fdc989e25f5d9",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Runara's (studio class and appointment "
        "bookings) API documentation: accounts, clients, appointments, bookings, classes, "
        "passes, locations, check-ins",
    ),
    "gotable": Source(
        "go-table-app/api-docs",
        "7a7d3ff7153c895a56028dba4ad06b0619183ab9",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of GoTable's (restaurant reservations, Portugal) "
        "API documentation: restaurants, tables, availabilities, reservations",
    ),
    "trakstar": Source(
        "Aplopio/public_api_docs",
        "f2603dd764838c2742b44a83f7f64077f7868200",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Trakstar Hire's (applicant tracking, formerly "
        "Recruiterbox; Aplopio) public API documentation: openings, candidates",
    ),
    "ando": Source(
        "Andolatam/api-docs",
        "b909ab573dd9b2b54a09ef71e55c5176433f3cc3",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Ando's (shipping quotes, shipments and "
        "tracking, Latin America) API documentation: quotes, shipments, addresses, tracking",
    ),
    "letom": Source(
        "OtroEspacio/letom-api-docs",
        "08d90df0cea6206a8239eb3610ba00dcce0fd980",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Letom's (reservations, Spain) API "
        "documentation: reservations, customers, venues",
    ),
    "honeydew": Source(
        "honeydew-health/API-docs",
        "fde14b98a1b7d6ae39847a099d0eac98d3f7c90c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Honeydew Health's Engage (care team) API "
        "documentation: patients, staff, job titles",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v24<source>/<family>``): as v17's to v23's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v24", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a customer's four-part name and the e-mail address made of it (looks like a real person's)
    "bantotal": frozenset({"d1ce7bc8e30dae68de0b13c7ceaa0cd496913034236d27ce954bf865614abd20"}),
    # a candidate's personal webmail address with a birth year; a staff member's name at the
    # publisher's own domain
    "firstbird": frozenset(
        {
            "649f53a4f5cda84f2d2c6ddb130dbaa031bc4820d88f06593d1d8aac7dc7b751",
            "e0196f5be43c8e6ca9e684833c20f92816d618af4141c70e8e6d2fbe00befeb7",
        }
    ),
    # public figures' names (musicians) as users'
    "labsaude": frozenset(
        {
            "9344b1d1292feb5c37c42dcd20c66e1c8c05336752b3e2b0f342eed2fde61a17",
            "9075f9c1d042a2849365e96e03599d4c5281333aa616e029e4b910ddad917184",
        }
    ),
    # a staff member's name and address at the publisher's own domain; a requester's own
    # webmail address and surname of recorded data
    "performanceimmo": frozenset(
        {
            "618e83003759bfd90cc8131430e82586e1512b5776b1b7ccb0d3a5fd3f49b734",
            "912d1d29e9978e81c84c7c7339386fecbca81f0af9a46e4859591aba7862650b",
            "3f8aba3c3cfaa6ac99a153834438bc43e595e62c59c4385b4c1f9e31ed495eaa",
        }
    ),
    # a restaurant contact's work address and a team's members' names of recorded data
    "mrdelivery": frozenset(
        {
            "c55479e1607c6d48e0711ac2ed026bc2ae74585bbd600f4da7d9eb6e3075144e",
            "4ba6f99c2bd4eefa567aadc3b3656347ddf808844146eaa1da236c1366b2b53b",
        }
    ),
    # a developer's own webmail addresses and surname as clients' of recorded data
    "runara": frozenset(
        {
            "a66af7cc220fccc9d99eae20e531968ebd568650223ed2a310f2e11457ed818e",
            "616bb57b69b9004060f20d50af79a7150d884826ca024dcaecc49112ada52230",
            "9033e27d92ad07f592d1298267d8363fea16f87596dcb3f994f6f1ab564106ec",
            "5a997bcffb87abbb1e7b558f55c74833c6f2e0fa106035c9721a0b0c53aef247",
        }
    ),
    # a tester's own name typed as a customer's (lower case, not a stand-in)
    "opencabs": frozenset({"e00b5bad02e9d8d2f9f3268252e97b8a2cec3417249a61c342ee603969d544b6"}),
    # a test restaurant's street whose record gives a personal mobile number
    "gotable": frozenset({"ccf175bee381cf1c7a4c64979a9b631fc8b7480b065e90238267ca398c61a817"}),
    # a staff member's name as a record's author; a sender's address at the publisher's domain
    "welkin": frozenset(
        {
            "3df2e6d54a58c4c4efcbd64c8e03f46c6a68131639864a34e0930c7a3b9068d7",
            "02c3f09b686285344cbc9385a9cc7dbfe42ff3c6510ea95e5af57b69c4288456",
        }
    ),
}

#: A markdown heading of the first level (``# Bookings``), where a page's resource starts.
_TOP_HEADING = re.compile(r"^#[ \t]*([^#\n][^\n]*)$", re.M)


def _sections(name: str) -> Extractor:
    """The JSON examples and ``curl`` request bodies of each markdown page of source ``name``
    (v23's reading, `make_v23._pages`), each in the family of its page and the first-level
    heading above it (``index_bookings``): single-page documentation gets one family per
    resource, not one for the whole API."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in _TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0  # not a comment in a code block
            ]
            for block in make_v22._FENCED_JSON.finditer(text):
                yield from _bodies(page, cuts, block.start(), block.group(1))
            for block in make_v22._CURL_BODY.finditer(text):
                yield from _bodies(page, cuts, block.start(), block.group(1))

    return extract


def _bodies(
    page: str, cuts: list[tuple[int, str]], at: int, block: str
) -> Iterator[tuple[str, Any]]:
    """The JSON value of one example block, in the family of its page and the heading above."""
    above = [heading for start, heading in cuts if start < at]
    family = f"{page}_{above[-1]}" if above and above[-1] != page else page
    body = make_v21._lenient_json(make_v23._QUOTED_LINE.sub("", block))
    if isinstance(body, dict | list):
        yield family, body


_EXTRACTORS: dict[str, Extractor] = {name: _sections(name) for name in SOURCES}

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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v24", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
