"""Build ``data/v29/real.jsonl``: API documentation examples that publishers not used by v1 to
v27 released under permissive licences (fleet telematics and GPS tracking, pet health records,
insurance and risk, public-sector and civic open data, municipal services, energy and real
estate data, marketing automation, e-mail marketing, sales outreach, surveys, local marketing,
fundraising, smart home and IoT, TV subscriptions, crypto payments), labelled by the rules of
`make_v29_rules` and then by hand decisions (``data/v29/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v29 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v29`` rebuilds the committed file from the cache and prints the
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

from detector.eval import make_v8, make_v16, make_v17, make_v22, make_v23, make_v24, real_sets
from detector.eval.make_v29_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v29")

#: Slate pages where a repository writes its index as ``index.md``.
_SLATE_PAGES_MD = (*real_sets.SLATE_PAGES, "source/index.md")

SOURCES: dict[str, Source] = {
    "navixy": Source(
        "SquareGPS/navixy-api",
        "9c0cc750565c6a3fd599adc7e7693252a098a03d",
        "Apache-2.0",
        ("docs/*.md",),
        "the request and response examples of Navixy's (SquareGPS; GPS tracking, fleet "
        "telematics and field service) API documentation: trackers, vehicles, employees, "
        "places, tasks, geofences, reports, users, dealers (panel API)",
    ),
    "pawprint": Source(
        "getpawprint/slate",
        "21fc31f5caf5b477275cc932c2eaa3842d87abf8",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Pawprint's (pet health records: pets, owners, "
        "vets and clinics, vaccinations, reminders) API documentation: users, pets, vets, "
        "records, claims",
    ),
    "onramp": Source(
        "on-ramp/api-doc",
        "47222baaf9dc7ba4f17393271e0f303b2a4dd74c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of ON/RAMP's (Coinweb; card and bank payments into "
        "and out of crypto for merchants) payment API documentation: ingress, egress, quotes, "
        "crypto flows",
    ),
    "apollo": Source(
        "apolloio/apollo-api-docs",
        "e95d6bb030c1eb9124528ba8cb50e5648f8f9e1c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Apollo.io's (sales intelligence and engagement: "
        "people and organisations search, contacts, accounts, sequences) API documentation",
    ),
    "mailnode": Source(
        "mailnode/api",
        "ae9ba750436e62d16ffb5977c5a406b2b30b4aba",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Mailnode's (e-mail marketing: lists, subscribers, "
        "campaigns) API documentation",
    ),
    "ohana": Source(
        "codeforamerica/ohana-api-docs",
        "f53446cfafd2865a4927c3afff96c65efa043350",
        "BSD-3-Clause (Code for America; Slate's parts Apache-2.0)",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Ohana API's (Code for America; an open data "
        "directory of public and community social services: organizations, locations, services, "
        "contacts, phones) documentation",
    ),
    "questionr": Source(
        "questionr/api-docs",
        "9d313dbbaa75be2e7468acbf43a2daddb751d762",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Questionr's (surveys and customer feedback) API "
        "documentation: surveys, questions, responses, contacts",
    ),
    "convertkit": Source(
        "ConvertKit/developers-documentation",
        "6ca918eacce053628c99e393f1b59ad3dc4fd140",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of ConvertKit's (e-mail marketing for creators) API "
        "documentation: forms, sequences, tags, subscribers, broadcasts, purchases, webhooks",
    ),
    "brightlocal": Source(
        "BrightLocal/ApiDocs",
        "692e8d4cc8d7c4dd40bff6a8ed241a78b3f64bad",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of BrightLocal's (local search marketing) API "
        "documentation: clients, locations, rankings, citations, reviews, listings",
    ),
    "cognicity": Source(
        "urbanriskmap/cognicity-api-docs",
        "240b968d5ef0fff2235b2e08735f31a5dc32c214",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of CogniCity's (Urban Risk Map, PetaBencana: public "
        "flood reports and infrastructure open data) API documentation: reports, cards, floods, "
        "infrastructure, cities",
    ),
    "copo": Source(
        "earlymarket/copo-docs",
        "349df00b49c74d9c69d1671772f181a8501108da",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Coposition's (Early Market; sharing a person's "
        "device locations with apps under their control) API documentation: users, devices, "
        "checkins, approvals",
    ),
    "salesseek": Source(
        "lspacagna/salesseek-api",
        "29c404dfe198b5238f5ecf2058d20b0df65e77a7",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SalesSeek's (CRM and marketing automation) API "
        "documentation: individuals, organizations, opportunities, activities, groups",
    ),
    "contactdynamix": Source(
        "contactdynamix/slate",
        "9a8729096e45426c0b4d7d457a01ef35dc68420e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Contact Dynamix's (survey and contact campaigns) "
        "API documentation: contacts, surveys, responses",
    ),
    "checkbox": Source(
        "PrezzaTechnologies/slate",
        "98265069d58b8fc3601f32d2d1618f2b6d2da66a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Checkbox Survey's (Prezza Technologies; online "
        "surveys) API documentation: surveys, users, contacts, responses, invitations",
    ),
    "segmetrics": Source(
        "segmetrics/segmetrics-dev-docs",
        "4ff542a4f3be2b8a263b86d0bbcce3b81a966890",
        real_sets.SLATE_LICENCE,
        (  # all pages but the Slate template's kittens (``rest/_example.md``)
            "source/includes/_*.md",
            "source/includes/js/*.md",
            "source/includes/reporting/*.md",
            "source/includes/rest/_[!e]*.md",
            "source/index.html.md",
        ),
        "the request and response examples of SegMetrics' (marketing attribution and analytics) "
        "developer documentation: contacts, invoices, subscriptions, ads, tags",
    ),
    "siera": Source(
        "evoraglobal/sieraapi-docs",
        "33d2ec55bc562f9cef3056e945b44fbd22d61719",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Evora Global's SIERA (sustainability data for "
        "real estate: assets, meters, consumption) API documentation",
    ),
    "squadrun": Source(
        "squadrun/api-docs",
        "342d6d7d2ad4e01fc418be228c6ec27b1a9f456a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SquadRun's SquadIQ (outsourced calling and lead "
        "qualification) API documentation: leads, responses",
    ),
    "quantum": Source(
        "socialmetrix/quantum-api-docs",
        "159472594faea4a64f9b10a8137f92311c1636db",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Socialmetrix Quantum's (social media analytics) "
        "API documentation: accounts, profiles, posts, users",
    ),
    "allphins": Source(
        "AllphinsPilot/slate",
        "4fa5c157edc4b745eb6210337935259697255530",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Allphins' (insurance and reinsurance risk "
        "exposure: assets, policies, programs) API documentation",
    ),
    "connctd": Source(
        "connctd/slate",
        "5dc08307591f235e0dfc0d4a2ba2f61d7b10f5b9",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of connctd's (smart home and building IoT platform: "
        "things, components, properties, actions) API documentation",
    ),
    "surco": Source(
        "surcoseguros/api-docs",
        "acddd869018a17a86148056d498b43ae130a699b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Surco Seguros' (insurance for brokers' customers, "
        "Peru) API documentation: quotes, policies, subscriptions",
    ),
    "lamah": Source(
        "lamah-co/mun-api-doc",
        "f6eb4d0dfd2869470baecd6d793402814bea2620",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Lamah's Municipality Dashboard (municipal "
        "services: municipalities, buildings, members, citizens' requests, subscriptions) API "
        "documentation",
    ),
    "paket": Source(
        "paket-tv/paket-api-docs",
        "223175c72fe50f636b9b7f481763492e1fa6c8c4",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Paket's (TV streaming subscriptions and bundles "
        "for publishers) API documentation",
    ),
    "wcsubs": Source(
        "woocommerce/subscriptions-rest-api-docs",
        "7e664e513b6396034f5c6ffc773e9698b05df838",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of WooCommerce Subscriptions' (Automattic; recurring "
        "billing of shop subscriptions) REST API documentation: subscriptions, subscription "
        "orders, notes, statuses",
    ),
    "rfds": Source(
        "juanvillegas/rfds-docs",
        "df1c578409cc795e2103f66ebb0da53d1a7f4f6b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the RFDS (Royal Flying Doctor Service) HALO "
        "portal's API documentation: incidents, patients, audit logs, news",
    ),
    "blast": Source(
        "jacobmeltzer/blastapi",
        "b50538c2240abd89448286c1ee9f8fefd9f8ba79",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Blast's (incoming and outgoing call and message "
        "campaigns) API documentation: campaigns, contact lists, contacts",
    ),
    "wufoo": Source(
        "wufoo/docs",
        "612f2b9fed8e4a68b28d73b6fbd0b5c49a196dd1",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Wufoo's (online forms and surveys) API "
        "documentation: forms, entries, reports, users, webhooks, login",
    ),
    "patreon": Source(
        "Patreon/platform-documentation",
        "46077b3ec8c60c004271966e6026c565ee051f47",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Patreon's (memberships and crowdfunding for "
        "creators) platform API documentation: identity, campaigns, members, pledges, webhooks",
    ),
    "bboxrouter": Source(
        "bertrandmartel/bboxapi-router",
        "36d6cdbf46d769dd21d282f6967f8b4079050f34",
        "MIT",
        ("bboxapi-router/src/test/resources/*.json",),
        "the response bodies a client library of the Bbox router's API (Bouygues Telecom's "
        "internet box, France) is tested with: call log, hosts, VoIP lines, Wi-Fi, WAN, "
        "access lists, tokens (recorded from a router with its addresses masked)",
    ),
    "igloo": Source(
        "namnguyen-igloo/apidoc",
        "f82364dec514ceffb7ba2ec01eb47f2760fbd529",
        "Apache-2.0",
        ("source/includes/_[!k]*.md", "source/index.html.md"),
        "the request and response examples of Igloo's (insurance for mobile phone screens sold "
        "with a telecom operator's plans, Myanmar) API documentation: configs, plans, quotes, "
        "authentication (all pages but the Slate template's kittens)",
    ),
    "openchirp": Source(
        "OpenChirp/api_doc",
        "3db51bde0b99a51ea909a3fb76fd6d665506f4ee",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of OpenChirp's (an IoT platform for LoRaWAN sensors "
        "and devices, Carnegie Mellon University) API documentation: devices, locations, "
        "services, transducers, commands, users",
    ),
    "woo": Source(
        "woocommerce/woocommerce-rest-api-docs",
        "13d61967911cb312a27be2dc57b12d5949f40016",
        real_sets.SLATE_LICENCE,
        ("source/includes/wp-api-v3/*.md",),
        "the request and response examples of WooCommerce's (Automattic; the publisher of "
        "WooCommerce Subscriptions above) REST API documentation, its current version "
        "(wp-api-v3): customers, orders, refunds, coupons, products, settings, webhooks",
    ),
    "nextplease": Source(
        "dylanfeltus/nextplease-docs",
        "79ef6803f09a843dc4d3ab409588b20d6744b39d",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Next Please's (customer feature requests and "
        "public roadmaps) API documentation: requests, people, comments, roadmaps, users",
    ),
    "derby": Source(
        "derby-developers/api_doc",
        "d09172fcff3e96304ee299610c01dd5366c5fa1f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of DerbyGames' (horse race wagering and instant "
        "racing games) API documentation: users, profiles, accounts, wagers, tournaments",
    ),
    "paketdocs": Source(
        "paket-tv/paket-docs",
        "fc49930765a8ae04edda682406a94137987130d9",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Paket's (TV streaming subscriptions and bundles; "
        "Paket's second repository) API documentation: core, license, TVaaS and up next APIs, "
        "webhooks",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v29<source>/<family>``): as v17's to v27's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v29navixy": 40, "v29pawprint": 45, "v29wcsubs": 26, "v29woo": 6}
CAPS = real_sets.Caps("v29", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # staff members at the publisher's own domain with their names, and the chief executive's
    # name and profile address
    "apollo": frozenset(
        {
            "337dc0c1aad74f93af086dcf7dc0289f141c8ef5f44c3f104f07b0f03050ff49",
            "aab0e62c910e889c38da5c80b68868d38469c7a91a21805c1debfedf028d7d5f",
            "446bf8221f9cd4157cd8d599cc11da91e9270b8273e16bca2bd775150b777bfb",
            "36ec802741da416653c5550b3b340adc2ab2f71d32f489431279f5228afb264f",
            "ee0b84e78cab1a7f079a6edd98418b8d04b2c3b8fe7dc2ff97b9a2a97060beb7",
            "01380046d1d8e2162c4da19af3749b5078881de44f2bf7fc354b12649274bed8",
            "e78caa1fcd97ee1930d6452da49e79d29c33a6d80a6a3e1163560cb918184523",
            "7c5c93c7026ba5032f27f19148247974579b0da7bc07f3721b245937e1f414f9",
        }
    ),
    # a staff member's addresses at the publisher's domains and his surname beside them; a
    # person's own name, personal domain address and phone number; veterinarians' names on real
    # practices' listings; users' surnames in the administrators' portal (recorded data); a
    # living musician's name among famous stand-ins (v27's case of a famous actor's name)
    "pawprint": frozenset(
        {
            "e3a642a13dc3ebbc6a11e9b36fd127f5fe6f0b8b3054297cc94fd6ab2d2f0383",
            "296e7e5d990ff7bb35d3e458eaa80300bee32557c0170bbb70a9bdeff1d72163",
            "acd76ea46a9b9896a0f752cc77b35cba087f54d9bd7316a8b66eb8db2c44aadc",
            "dfddb3bb2fda34f40185f44b2b69399a41662d32cf93fc4ef71c5034a4706757",
            "4b720447de25e09bb096a19c5c595f0f591a338911d4ff576036fcaf547fe484",
            "4100250f93d1ab137ca0740bfd15a1687dc9b472b5eebb2b44f83d496a08fac6",
            "f5b6ca6bc3753ce8e93b377a6f05cd8a378c0a17c7777a531a61f249de2f74a3",
            "c37ea070bd51273d54e6cbd600940c641fecec838e14f34e7bd08fb3d223e519",
            "1ff69c405a41cda970cf36c6c8192247650ea952227fa1df8048e707bf7e8d7a",
            "80c0fcbbfa9d03d861b22230e67c380afb545c12de43094f3985128625858361",
            "80cf088cb79e23b83d5d103e19b7adc6248394e881b08d2da251da6d6f720738",
        }
    ),
    # staff names of real public services listed in the directory (a library branch's contact, a
    # senior centre's contacts, marked by their first names)
    "ohana": frozenset(
        {
            "ac79719a0caef1e361a524ba7430dd07edef7add28054530834b7f1f8ba742cd",
            "b78469618fb15871b9508defd1ff70014747c1f918e4185425c5f2bbea2a4e5d",
            "93c6b09e0fc292a99a2d60d862f484b66c8709f78fd3a30ceaec6422a2197824",
        }
    ),
    # the author's own surname as a patient's and an emergency contact's (RFDS)
    "rfds": frozenset({"4c282b0c59220ddae3215ae0f5e883ccc17244e6d3b26522c60035d8313e245f"}),
    # staff members' addresses at the publishers' own domains, and one's surname beside them
    "wcsubs": frozenset(
        {
            "9d64fd3c42989e55d38a5e95baa4ce3c7bf94aa8c61c56c421b897798c466e60",
            "4f48a9e80d16107836b3315660b4374eeede9f3271c99543bf5ffadcca7e1e04",
            "5fd726bc56c3e86906cba8814a9b97d97f2ab209c48d2441ca5ac9e52b09e630",
        }
    ),
}


def _path_sections(name: str, root: str) -> Extractor:
    """The JSON examples and ``curl`` request bodies of each markdown page of source ``name``
    (v24's reading), each in the family of its page's path below ``root`` (a documentation
    tree of many folders: ``resources/tracking/tracker/README.md`` → ``tracking_tracker``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            rel = real_sets.rel(cache, name, p).removeprefix(root).removesuffix(".md")
            parts = [w for w in rel.split("/") if w.lower() not in {"readme", "index", ""}]
            page = real_sets.slug("_".join(parts[-3:]))
            for block in (
                *make_v22._FENCED_JSON.finditer(text),
                *make_v22._CURL_BODY.finditer(text),
            ):
                yield from make_v24._bodies(page, [], block.start(), block.group(1))

    return extract


#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`); Navixy's tree of pages by their paths; the
#: Bbox client's JSON files whole, each in the family of its name.
_EXTRACTORS: dict[str, Extractor] = {
    name: _path_sections(name, "docs/") if name == "navixy" else make_v24._sections(name)
    for name in SOURCES
} | {"bboxrouter": real_sets.json_files("bboxrouter", real_sets.stem_words)}

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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v29", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
