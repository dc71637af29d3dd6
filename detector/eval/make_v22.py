"""Build ``data/v22/real.jsonl``: API documentation examples, Postman collections, API
descriptions, test data and contract templates that publishers not used by v1 to v21 released
under permissive licences, labelled by the rules of `make_v22_rules` and then by hand decisions
(``data/v22/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v22 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v22`` rebuilds the committed file from the cache and prints the
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

from detector.eval import make_v8, make_v16, make_v17, make_v19, make_v21, real_sets
from detector.eval.make_v22_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files

DATA, OUT, OVERRIDES = real_sets.set_files("v22")

SOURCES: dict[str, Source] = {
    "hostaway": Source(
        "Hostaway/api",
        "b782c7b267b2c585e0f89e8794f1ae5cb7da1708",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md",),
        "the request and response examples of the Hostaway (vacation-rental property "
        "management) API documentation: reservations with guests' names, e-mail addresses, "
        "phones, addresses and cards, listings, calendars, conversations, owners, tasks, "
        "webhooks",
    ),
    "donordrive": Source(
        "DonorDrive/PublicAPI",
        "a4638129d3f4ae33d17f8aa8f4fba4b83487de53",
        "MIT",
        ("resources/*.md",),
        "the response examples of the DonorDrive (charity fundraising platform) public API "
        "documentation: events, participants, teams, donors and donations with display names",
    ),
    "oracle": Source(
        "oracle/hospitality-api-docs",
        "335587bf2e89053da2f3cd3f94be26639bbbeccb",
        "UPL-1.0 (LICENSE.txt)",
        (
            "postman-collections/property/oracle-hospitality-property-workflows."
            "postman_collection.json",
            "postman-collections/nor1/*.postman_collection.json",
            "rest-api-specs/property/crm.json",
            "rest-api-specs/property/rsv.json",
        ),
        "the request bodies and examples of Oracle Hospitality's OPERA Cloud (hotel property "
        "management) workflow Postman collections and its guest-profile (CRM) and reservation "
        "API descriptions: guest and company profiles with names, addresses, e-mail addresses, "
        "phones and identity documents, reservations, room upgrades",
    ),
    "georef": Source(
        "datosgobar/georef-ar-api",
        "b1911b612214a52046f031bec922dd5cb5dd7fcf",
        "MIT",
        ("docs/open-api/spec/openapi.json",),
        "the examples of the Georef API description (Argentina's national geographic "
        "reference service, Dirección Nacional de Datos e Información Pública): provinces, "
        "departments, municipalities, localities, streets and normalised addresses with "
        "coordinates",
    ),
    "abrjp": Source(
        "digital-go-jp/abr-geocoder",
        "0ad3f412af62986ac720efc9e664b2f2a464b596",
        "MIT",
        ("e2e/test-data/*expects.json",),
        "the expected results of the address geocoder of Japan's Digital Agency (アドレス・"
        "ベース・レジストリ): addresses of schools, fire stations and public offices with "
        "their prefecture, city, town and block parts and coordinates, in Japanese",
    ),
    "magma": Source(
        "magma/magma",
        "a368d2096173e3bf49ddd99c36a787a6e7059267",
        "BSD-3-Clause",
        (
            "*/cloud/go/services/*/obsidian/models/swagger.v1.yml",
            "orc8r/cloud/go/models/swagger-common.yml",
        ),
        "the examples of the Swagger descriptions of Magma's orchestrator (open-source "
        "mobile core network for operators, Linux Foundation): LTE and carrier-WiFi "
        "networks, gateways, eNodeBs, subscribers with IMSIs and MSISDNs, APNs, policies, "
        "federation, tenants, events, with many network addresses",
    ),
    "accord": Source(
        "accordproject/cicero-template-library",
        "f1b93535c6779926630a742bd54d37d71930b583",
        "Apache-2.0",
        ("src/*/request*.json", "src/*/state*.json", "src/*/contract.json"),
        "the sample requests, states and contract data of the Accord Project's smart legal "
        "contract templates: late delivery and penalty, payment, supply, rental, "
        "acceptance-of-delivery and other clauses, with few personal fields",
    ),
    "otel": Source(
        "open-telemetry/opentelemetry-proto",
        "ac2c4b5d1f3a6079de62f9afec860158ecc8af09",
        "Apache-2.0",
        ("examples/*.json",),
        "the OTLP/JSON examples of the OpenTelemetry protocol (CNCF): a trace, metrics, logs "
        "and profiles with resource attributes, with few personal fields",
    ),
    "jaeger": Source(
        "jaegertracing/jaeger",
        "8498073ff809b1a3923521920a9b1b017ea97ecf",
        "Apache-2.0",
        (
            "internal/storage/integration/fixtures/traces/*.json",
            "internal/converter/thrift/jaeger/fixtures/*.json",
        ),
        "the trace fixtures of Jaeger's storage integration tests and converters (CNCF "
        "distributed tracing): spans with tags, process tags, logs and references, with few "
        "personal fields",
    ),
    "gigapay": Source(
        "gigapay/Documentation",
        "e67311682876a05ad2db8a9179f5831e953b48e1",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the Gigapay (Swedish payroll and payouts for "
        "freelancers and gig workers) API documentation: employees with names, e-mail "
        "addresses, phones and personal identity numbers, payouts, invoices, registrations, "
        "webhooks",
    ),
    "talentnest": Source(
        "talentnest/talentnest-api-docs",
        "2036fcdfdacbceaf43abbfa6730cb79f2cab380b",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the TalentNest (recruiting and HR, Canada) API "
        "documentation: applications and candidates with names, e-mail addresses and phones, "
        "employees, jobs, users",
    ),
    "rotaville": Source(
        "Rotaville/api-docs",
        "31f7ff3423abc113b08fa67ea45a11412db04729",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the Rotaville (staff rotas and workforce "
        "scheduling) API documentation: employees with names, e-mail addresses and phones, "
        "workplaces, rotas, shifts",
    ),
    "givewp": Source(
        "DevinWalker/give-io-documentation",
        "03464ca45dc48cc7579b0d17c22c8bec5feae3aa",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the response examples of the Give (GiveWP, WordPress donations plugin by Impress.org) "
        "REST API documentation: donors and donations with names, e-mail addresses and "
        "addresses, forms, statistics",
    ),
    "pakkelabels": Source(
        "pakkelabels/slate",
        "547ea962264b8aecd2c64e6bd2fc9c30c43a7cf0",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the request and response examples of the Pakkelabels (Danish shipping labels, now "
        "Shipmondo) API documentation: shipments with senders' and receivers' names, "
        "addresses, e-mail addresses and phones, service points, users",
    ),
    "seabookings": Source(
        "seabookings/api-docs",
        "d1a04104b010465eec3e5070137f3e28d5e528f6",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the request and response examples of the Seabookings (boat tours and sea activities "
        "booking) API documentation: bookings with customers' names, e-mail addresses and "
        "phones, activities, destinations, countries",
    ),
    "welcomekit": Source(
        "WTTJ/wk-api-docs",
        "feec0b6564953ac68f90682fb47ea7e192738226",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the request and response examples of the Welcome Kit (Welcome to the Jungle's "
        "recruiting software, France) API documentation: candidates with names, e-mail "
        "addresses, phones and addresses, jobs, organisations, users, comments, in French and "
        "English",
    ),
    "fooddrivr": Source(
        "RyanCCollins/food-drivr-api-documentation",
        "902f5d6407051ca7f9a4ab5d9e70b9a59f95c89b",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the request and response examples of the Food Drivr (food donation pickups by "
        "volunteer drivers) API documentation: donors, drivers, donations, users with names, "
        "e-mail addresses, phones and addresses",
    ),
    "joinup": Source(
        "we-are-Joinup/company-api-doc",
        "cbae34d6739d61e0b9641921266f5ea38a6c70dc",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the Joinup (corporate taxi and mobility, Spain) "
        "company API documentation: employees with names, e-mail addresses and phones, "
        "journeys with pickup and destination addresses and positions, cost centres",
    ),
    "eetnu": Source(
        "eet-nu/reservation-api-docs",
        "52343779bf02ec1220668fa862036348af558c55",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the eet.nu (restaurant guide and reservations, "
        "the Netherlands) reservation API documentation: reservations with guests' names, "
        "e-mail addresses and phones, availability, venues",
    ),
    "lecollectionist": Source(
        "LeCollectionist/slate",
        "75ccce285888ce003369846e811cb53fb85bfe09",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the request and response examples of the Le Collectionist (luxury villa rentals, "
        "France) partner API documentation: houses, availability, prices, bookings and quotes "
        "with clients' names, e-mail addresses and phones",
    ),
    "ezus": Source(
        "Ezus-Software/ezusAPIDocumentation",
        "569009a00e0618dc3e65ed6622496344bcaa7339",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the Ezus (travel agency and tour operator "
        "software, France) API documentation: trips, travellers and contacts with names, "
        "e-mail addresses, phones, addresses and birth dates, suppliers, quotes, invoices",
    ),
    "amitruck": Source(
        "amitruck-ltd/docs",
        "e31942f61feae67ecf47ccf558e4fa3b15383d06",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the Amitruck (trucking logistics, Kenya) API "
        "documentation: shipments with pickup and drop-off places, drivers, trucks, users",
    ),
    "monami": Source(
        "mes-amis/docs.monami.io",
        "d6c4be66d443721ec68fa661535ab4c52166f267",
        "Apache-2.0",
        ("source/*.md",),
        "the request and response examples of the Mon Ami (volunteer and social care services "
        "for older adults) API documentation: clients, volunteers, staff and visits with "
        "names, e-mail addresses, phones, addresses and birth dates",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v22<source>/<family>``): as v17's to v21's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v22abrjp": 25, "v22monami": 20}
CAPS = real_sets.Caps("v22", per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_stem_words, _words_family, _slug = real_sets.stem_words, real_sets.words_family, real_sets.slug

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    "gigapay": frozenset(
        {
            # staff members' names and addresses at the publisher's own domain (and their own
            # company's), written into the examples
            "9905ab0dd189fad289635b0e8506d85f895a0ec4a4d3fffdfe938ae78fb52e25",
            "78083a567e6f7891cb21ca94aeadd493f0d7e8abe85267623e67e7db395410ef",
            "296b0fcb8709a5eb94a37905a65731685f4fc539348403fe9c49f90cb76ed088",
            "56564e0fcfccb14ab0e095fb001d487083a9bba7050ddd36ec6a50e9e559116c",
            "1f618f19c5af39fb6d727ac3701c01c1f6d364252be867b178030694641a119f",
            "a418121e88cf7804938dc9a6522d9f982bd68412aabafbd471872249ab2febc7",
            "b91740ec04b3558fd3a9054d894bc0beda8ba878caf1399aca913f3c85dae881",
            "c7ee4d13aad982e059d3f98fb90db7245d965bdf0a2e02b495067aa04f7675a1",
        }
    ),
    "talentnest": frozenset(
        {
            # personal addresses at the publisher's own domain beside full names
            "672a95c1867ed851818be6d184d6381993fa500b109ee51bc7b8188919bd0387",
            "a3cb197426498e4328ad7a8373949157471a4ceb9feae4eb40fcaad382101b6a",
            "d95f232670f24f9c232c12ea50921ee220d1c949face6b7ab3b3e617e19a528c",
            "d7205f592e58bf77f50ff19d88dc402915c0e82e48682e79a6fe5054c898bad8",
            "8ad9ed29095bd98440e6f7672baf6354aabdbb9f19bb729132c34919deffa9bb",
            "d6c9dc15f5f73a7f3dd5c7e74fc267a887187ac1020c2e671ee7272d27d00b21",
            "5de2668ef9152191628ff982b228c692591f16f2e05a1498984e7bf5ae3b3af2",
            "4f0e4ebda1fd682b551cf51767e186c4be7ac975177389907bc02b56d1362650",
            "8791cf9292d31e0389a4d726f9a5b003355e3feb5d1ebf6f9bd345b3667412fe",
            "c1c8a514e8a61cf78792d7b48cb8b8c604e8e5b6a9754f28eed202f27db130dd",
        }
    ),
    # a staff member's personal address at the publisher's own domain
    "seabookings": frozenset({"e5ce9ba78847368614a2682cb9b86e9c826234409c6d530e3f20b9512a08317d"}),
    "hostaway": frozenset({"b7b66cdda1369bdd8064c93b75bf00e1e35326ba1c89e5ead0c2771f14b80276"}),
    "accord": frozenset({"21b4df6e7146ebd0fca02ddf134ebc537759281769bae973788cc6c1c572fbb1"}),
    # people's own names and addresses (personal and at their own companies' domains)
    "lecollectionist": frozenset(
        {
            "790d96b7189f9eb667cc52780bf05c478a282a9c30923ca4e535357f556eee46",
            "bcf22d58f3b4025e6e344b7ee9334655e421153d8868d42414257c654b4d31c3",
            "bba661a6ee9154bbf777b7573b3b5f4ee2806d04457bdb50a55320efe9c43f18",
            "bd39700e3c65bc405462a8d041588636864bae907ddbe4044abdd613a47ed3c0",
            "ae9bc537e3e6f975bee449afafebb4c9365de968a9927e5df3c9186b02b01dd6",
            "a5937aff1edb390bd1ddae75082a87ff8716f0feab51929e797cf5f73449ed7c",
        }
    ),
    # a staff member's personal address at the publisher's own domain
    "amitruck": frozenset({"3fed2b549701dd6f3ce52e739a7de0ffc55717f0d3f9ce6b668a0d79110fc3d4"}),
}

#: A fenced JSON code block and a ``curl -d '…'`` request body of a documentation page.
_FENCED_JSON = re.compile(r"```json\s*\n(.*?)\n```", re.S)
_CURL_BODY = re.compile(r"(?:-d|--data(?:-raw)?)\s+'(\{.*?\}|\[.*?\])'", re.S)


def _doc_page_bodies(name: str) -> Extractor:
    """The JSON response examples (fenced ``json`` blocks) and ``curl`` request bodies of each
    markdown page of source ``name`` (hand-written examples read leniently); family: the page's
    words (``_reservation_createReservation`` → ``reservation_create_reservation``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = p.read_text(encoding="utf-8")
            family = _slug(re.sub(r"([a-z])([A-Z])", r"\1_\2", real_sets.stem(p.name)))
            for block in _FENCED_JSON.findall(text) + _CURL_BODY.findall(text):
                body = make_v21._lenient_json(block)
                if isinstance(body, dict | list):
                    yield family, body

    return extract


def _geocoder_results(name: str) -> Extractor:
    """Each expected result of the geocoder's test cases of source ``name`` (a list of query
    and result pairs) one by one; family: the test case's folder."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            results = real_sets.load_json(p.read_text(encoding="utf-8"))
            folder = real_sets.rel(cache, name, p).split("/")[-2]
            for one in results if isinstance(results, list) else []:
                if isinstance(one, dict):
                    yield _slug(folder), one

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    "hostaway": _doc_page_bodies("hostaway"),
    "gigapay": _doc_page_bodies("gigapay"),
    "talentnest": _doc_page_bodies("talentnest"),
    "rotaville": _doc_page_bodies("rotaville"),
    "givewp": _doc_page_bodies("givewp"),
    "pakkelabels": _doc_page_bodies("pakkelabels"),
    "seabookings": _doc_page_bodies("seabookings"),
    "welcomekit": _doc_page_bodies("welcomekit"),
    "fooddrivr": _doc_page_bodies("fooddrivr"),
    "joinup": _doc_page_bodies("joinup"),
    "eetnu": _doc_page_bodies("eetnu"),
    "lecollectionist": _doc_page_bodies("lecollectionist"),
    "ezus": _doc_page_bodies("ezus"),
    "amitruck": _doc_page_bodies("amitruck"),
    "monami": _doc_page_bodies("monami"),
    "donordrive": make_v19._markdown_json("donordrive"),
    "oracle": make_v17._chained(
        make_v19._postman("oracle"),
        make_v19._specs("oracle", real_sets.stem),
    ),
    "georef": make_v19._specs("georef", lambda rel: "georef"),
    "abrjp": _geocoder_results("abrjp"),
    "magma": make_v21._swagger2("magma"),
    "accord": real_sets.json_files("accord", lambda rel: _slug(rel.split("/")[1])),
    "otel": real_sets.json_files("otel", _stem_words),
    "jaeger": real_sets.json_files("jaeger", _stem_words),
}


EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|mail|phone|tel|fax|mobil|cell|addr|street|line|birth|gender|sex|user|login|pass|"
    r"secret|token|key|iban|account|bank|tax|document|passport|licen|ssn|imsi|msisdn|lat|lon|"
    r"coord|ip|mac|contact|person|holder|owner|guest|donor|participant|client|staff|cc|card|"
    r"identifier|value|input|output",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v22", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
