"""Build ``data/v25/real.jsonl``: API documentation examples that publishers not used by v1 to
v24 released under permissive licences (field service, inspections and construction supply,
freight forwarding, rail freight and parcel shipping, school and team fundraising, heart-rate
training in gyms and schools, trade fairs, car repair, public communications, invoicing, payroll
and payments in Spain, the Americas and the Philippines, custom clothing, research and open-data
portals and cluster management as negatives), labelled by the rules of `make_v25_rules` and
then by hand decisions (``data/v25/overrides.json``), under the one convention of the data
README ("One convention, from v16 on").

``python -m detector.eval.make_v25 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v25`` rebuilds the committed file from the cache and prints the
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

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v25_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v25")


SOURCES: dict[str, Source] = {
    "dispatch": Source(
        "DispatchMe/slate",
        "0fa3c17fbc4e0b56e61f43f372fcc32582733fbd",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Dispatch's (field service jobs for networks of "
        "service providers) REST API documentation: jobs, appointments, customers, "
        "organizations, technicians, attachments",
    ),
    "shipamax": Source(
        "softdev15/slate",
        "fa1bfbaf91a6e50cc6b549db984a86b1af755c6e",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Shipamax's (freight forwarding document "
        "extraction, UK) API documentation: bills of lading, invoices, parties, containers",
    ),
    "accelo": Source(
        "Accelo/docs",
        "e03ca14f516cf6da22d4350fce684ab388067ba7",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Accelo's (professional services and field work "
        "management, Australia) API documentation: companies, contacts, jobs, issues, "
        "activities, timers, assets, addresses",
    ),
    "dbcargo": Source(
        "3Mand/cpc-dbcargo-api-docs",
        "76e96134fe264c73b48947903141fe44d545ffb1",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of DB Cargo's customer portal API documentation "
        "(rail freight, Germany): orders, wagons, consignments",
    ),
    "cendr": Source(
        "AndersenLab/cendr-api-docs",
        "d6c845daae0cac919a9ccb115228997063097141",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the response examples of CeNDR's (Andersen Lab's C. elegans natural diversity "
        "resource, research data) API documentation: strains, isotypes, genes",
    ),
    "omniship": Source(
        "qdservices/shipping_doc",
        "729cef8d97f0c9c535ed36280d0b948b20440ac2",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Omniship's (parcel shipping labels, pickups and "
        "tracking across couriers, EU) API documentation: rates, shipments, labels, pickups",
    ),
    "snapraise": Source(
        "Snapraise/slate",
        "8f0eeea0ac10ce15b6825ba1a9fa89c255e7a6e0",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Snap Advance's (Snapraise, fundraising for "
        "school teams and clubs) API documentation: campaigns, users, donations, webhooks",
    ),
    "lumiform": Source(
        "lumiform/slate",
        "f8289c793516d3d57359635788b60a9d559e4d2a",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Lumiform's (inspections and audits for field "
        "teams, Germany) API documentation: inspections, forms, issues, sites, users, groups",
    ),
    "profairs": Source(
        "webcontact/profairs-api-docs",
        "6cf4b1541bd868bdccee3c01cdc63edb1b7c3d8f",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of profairs' (webcontact, trade fair exhibitor "
        "management, Switzerland) API documentation: fairs, exhibitors, contacts, booths, "
        "users, publications, in German",
    ),
    "stackpoint": Source(
        "StackPointCloud/stackpoint-api-docs",
        "f612c5f568137cd16ef93c88ac651139eac7a019",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of StackPoint Cloud's (Kubernetes cluster "
        "management) API documentation: organizations, clusters, node pools, nodes, keysets, "
        "users",
    ),
    "cinx": Source(
        "HPH-Fabrication-Addins/cinx-api-docs",
        "ca54cb107d145ff51e15a6d824a454b35e9a8353",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of CINX's (construction MEP supply chain: catalogs, "
        "requisitions, purchase orders, deliveries, job costing) API documentation",
    ),
    "autobutler": Source(
        "autobutler/mechanics_api_docs",
        "4275a69317c2978e71579457ccc8d6bb9245100d",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Autobutler's (car repair marketplace, Denmark) "
        "API documentation for mechanics' workshops: jobs, bids, conversations, campaigns",
    ),
    "opendatasoft": Source(
        "opendatasoft/ods-documentation-explore-api",
        "eb543fe84f588068da42f8c6e452ac9dbf1577cc",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/*.html.md"),
        "the response examples of Opendatasoft's (public open-data portals of cities and "
        "agencies, France) Explore API documentation: catalog, datasets, records",
    ),
    "whispir": Source(
        "whispir/api",
        "69300dbf872220d4fb75d2bdd4615c7b232b066f",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Whispir's (critical and citizen communications "
        "for government agencies and enterprises, Australia) API documentation: contacts, "
        "messages, events, scenarios, distribution lists, users, workspaces",
    ),
    "shore": Source(
        "shore-gmbh/docs.shore.com",
        "ee751b0d9a39406c5ebc6e48f387154fe979ebc3",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.md"),
        "the request and response examples of Shore's (appointment booking for salons, "
        "studios and practices, Germany) API documentation: customers, appointments",
    ),
    "musskema": Source(
        "traels/mus_api_doc",
        "76cb7000cf8ed2be75428e6dbbf16c3cb8a9d708",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Musskema's (employee development talks and "
        "sickness absence, Denmark) API documentation: departments, employees, teams, sickness",
    ),
    "heartzones": Source(
        "thevalyreangroup/slate",
        "a3218eb3c1ac5045ed67621c445047d8ce68a4f2",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of HeartZones' (heart-rate training for gyms and "
        "school physical education; The Valyrean Group) API documentation: users, classes, "
        "facilities, districts, sensor sets",
    ),
    "dineoncampus": Source(
        "roaringskyinc/api-docs",
        "dda9a3aa90d7cbde162c804aa4e3f40a5d3c5775",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the response examples of Dine On Campus' (university dining, Roaring Sky) API "
        "documentation: events, specials, staff, locations",
    ),
    "apunto": Source(
        "apunto-io/api-docs",
        "d64c932764b8c0d170e7f2bb77ccd69a806ed230",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Apunto's (freight forwarding operations, Mexico "
        "and Latin America) API documentation: operations, services, cost centres, contacts, "
        "addresses, invoices and bills, messages, to-dos, in Spanish",
    ),
    "aonsolutions": Source(
        "aonsolutions/apidoc",
        "e71325bcc7e3f20cfb6026d64a9cea4c4f17d4c4",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of AON Solutions' (accounting, payroll and fiscal "
        "documents, Spain) API documentation: customers, invoices, sales, accounting, payroll, "
        "in Spanish",
    ),
    "quipu": Source(
        "quipuapp/api-v1-docs",
        "36a645de479c889ad0c5505ef775bc95b91bbd96",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Quipu's (invoicing and accounting for "
        "freelancers and small firms, Spain) API documentation: contacts, invoices, tickets, "
        "payments, accounting categories",
    ),
    "nutcache": Source(
        "Nutcache/apidocs",
        "013afe65b2b4c84f2a9a7f1dc7c47cde59610cba",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Nutcache's (project management, time tracking "
        "and invoicing, Canada) API documentation: clients, members, projects, invoices, "
        "timesheets, expenses",
    ),
    "rebill": Source(
        "rebillto/api-docs",
        "35bd74b57cceccbc3c265543227c046b16b196d6",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Rebill's (subscription billing, Argentina) API "
        "documentation: customers, subscriptions, payments, plans, in Spanish",
    ),
    "trinity": Source(
        "idesignpbp/public-api-documentation",
        "e05a1741047b50a5ae49fc199882e2f158e00917",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Trinity Apparel's (custom clothing made to "
        "measure; iDesign PBP) API documentation: customers, orders, measurements, dealers",
    ),
    "rotessa": Source(
        "Rotessa/api-docs-client-old",
        "44095d92c7be6af7300b4f6da41e3ca947bdb59d",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Rotessa's (pre-authorized debit payments, "
        "Canada) API documentation: customers, transaction schedules",
    ),
    "posko": Source(
        "neume/posko-api-docs",
        "b47f71eb9186265c1c1ed2be42a1091d9521334c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of POSko's (point of sale, Philippines) API "
        "documentation: companies, users, customers, products, sales",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v25<source>/<family>``): as v17's to v24's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v25dispatch": 20}
CAPS = real_sets.Caps("v25", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # staff members' names and addresses at the publisher's own domain and its parent's
    "cinx": frozenset(
        {
            "eb2f06883957d808f2e649868eb563406313733a8369397a55affd62444c08ef",
            "ffc466979e77aa6b1c48857546de8c5e519d98176fbc8277c47975127d0e9ea6",
            "0ab0024f46e8cf3fe9f5215d4120712a43bcbd5d3aaf6af3c770a24b4a3a50b4",
            "f7762e7eb2f539f0dcdba506fad78290539cd578407c96427e4b47df60a90206",
            "b1f560347e6080dcad5f4770e10c5a01ac369398e252b095ee3c7319a148966b",
            "dc3d50da8dac041f660e4ba85339928995e771d99c33cc868f5829800829e382",
        }
    ),
    # a car owner's personal webmail address with his name; a tester's own name as a test
    # workshop's
    "autobutler": frozenset(
        {
            "af5c74dafbc4e9a0ae618e82127552551a06777764a17f439058e1b44487359f",
            "1d363a93278f2d16050de6a0f562af1e52eb629eb3c4683bdda6d39041270ed4",
            "6a952fe696e6791e82b50dcd9abc8817f819e44a8007373607ec9f96c6700b5e",
        }
    ),
    # a famous musician's name and address as an approver's
    "lumiform": frozenset(
        {
            "0dacb6e9038d026f47b34b54e91acd71ad035f2c81d0913e4044bb42d32a209d",
            "067d8d89ab26e0aca509958945432c210ca711c12ec83bbca11374aea9e6cef2",
        }
    ),
    # a pickup contact's name and work address at a real company
    "omniship": frozenset(
        {
            "1f713e5f751f4b58f97de6fa89b6a15c7dc2be5e98d795ea28f5bd9c4b47cb92",
            "b61866dcd2206312a80cb16c8d46cf69afc523644d841e77a03421454a17a133",
        }
    ),
    # a staff member's address at the publisher's own domain
    "profairs": frozenset(
        {
            "376114d889bddebc3ac669d030dba797953682e0ed518bfae35a2154b2ba0a2b",
        }
    ),
    # personal webmail addresses of a resource file's rows; a famous film director's name as a
    # user's login
    "whispir": frozenset(
        {
            "148d72bccc3d6412a5b8f6da271e9039cb72df0a08535e8b6a417d256c8bc8b7",
            "bf412c988a3f634859be12a7ac67fd083bcd34a473beafd990985b1a9b527602",
            "ad36aac591bd7c0d6660de3892052ad5bc3d1d2467e9bc291b72e4feecfd6454",
        }
    ),
    # staff members' names and addresses at the publisher's own domain and at its software
    # partner's; famous people's names (a tennis player, an actor) as users'
    "heartzones": frozenset(
        {
            "103bcb29df196fc3b80d5dd9eb06e2def70b129e34271729b9690b30a910a464",
            "1636b0d1698161134d7d4a94fe133883b3b49d23fe2d519656906f352788adf2",
            "9c0bd99de56a1cd8b5db1d9ab43535d6247e24b1b2506624508fd73018d5520c",
            "b1b10a68d1180343fc1acb077c1e6351dc1fa1273e5c0e84ebd4c54db5794b4d",
            "7dcaf293b8d648d70ec6fc385678b25f96eb096fb8cdc194c11562797f0fe2f8",
            "a53a30be6bfb73b6c301136cfc23e0a64e15f4bfa0c2e01bd70005866421baaf",
            "7cb0877aa1463df62b8775ebd3d60aa0a4f75bdac6fc7deaaca6dd52aab914a7",
        }
    ),
    # a famous singer's name as an invoice's issuer
    "quipu": frozenset({"b2ba95a42423cbb53873ddfe194ceb84cbb14bbad9cb4204949ce59ebebf2497"}),
    # a customer's personal webmail address; a staff member's address at the publisher's domain;
    # shipping contacts of the publisher's own warehouse and of a real supplier (recorded data)
    "trinity": frozenset(
        {
            "0a7b2906092e163da4cd510ae85aa849be584cc36d79bab0c13094d30080751e",
            "b06c09e631403a159fa3809450d3f321c13f0fe6ef572293d6dda60ff19a315b",
            "5cc68f1eb39d189567a5d21f726c9510044e9f5908d24e8f05bc6f4ffbf6bf51",
            "46889ae899ef7b5a86d91b55e0d6e226242f777d4e47e347e20905c9d2227703",
        }
    ),
    # a staff member's address at the publisher's parent's domain
    "stackpoint": frozenset(
        {
            "f8b321cd3c4b6449174480aaec6f2ae064413afd410c851c1ff55625bf147631",
        }
    ),
}

#: A fenced block under another language tab that two of v25's sources print their JSON
#: bodies in (Whispir's ``go``, Shore's ``language-javascript``), its HTTP header lines above the
#: body left out, or a block without a language or under ``shell`` that opens with a JSON value
#: (Quipu's).
_OTHER_FENCE = re.compile(
    r"```(?:(?:go|language-javascript)[ \t]*\n(?:[^{\[\n][^\n]*\n|\n)*"
    r"|(?:shell)?[ \t]*\n(?=[ \t]*[{\[]))(.*?)\n```",
    re.S,
)


def _other_fences(name: str) -> Extractor:
    """The JSON bodies of the `_OTHER_FENCE` blocks of each markdown page of source ``name``,
    in the family of their page and first-level heading as `make_v24._sections` gives its JSON
    blocks."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0
            ]
            for block in _OTHER_FENCE.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))

    return extract


#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`); Whispir's and Shore's bodies by their fences.
_EXTRACTORS: dict[str, Extractor] = {
    name: _other_fences(name) if name in {"whispir", "shore", "quipu"} else make_v24._sections(name)
    for name in SOURCES
}

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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v25", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
