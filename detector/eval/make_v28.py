"""Build ``data/v28/real.jsonl``: API documentation examples that publishers not used by v1 to
v27 released under permissive licences (event ticketing and venue booking, property management,
rentals and property transactions, a veterinary hospital's flowsheets, food ordering and food
deals, sports and wellness clubs, senior care, clinics' patients, recruiting of distributors,
shops and loyalty), labelled by the rules of `make_v28_rules` and then by hand decisions
(``data/v28/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v28 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v28`` rebuilds the committed file from the cache and prints the
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
from detector.eval.make_v28_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v28")

SOURCES: dict[str, Source] = {
    "guestmanager": Source(
        "jeffblake/api-docs",
        "996964ba15a2794dfda6819d327465c4f89f58be",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.html.md"),
        "the request and response examples of Guest Manager's (event ticketing, box office and "
        "guest lists) REST API documentation: events, venues, ticket types, orders, tickets, "
        "checkout",
    ),
    "wealthpark": Source(
        "zkaf-wp/slate",
        "98109839f16d1d3ea31ec354c9569a02fb4dda84",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of WealthPark's (rental property management for "
        "owners and agents, Japan) API documentation: owners, owners' banks, loans and "
        "incomes, properties, rooms, tenants, guarantors, rental contracts, cash flows",
    ),
    "roomeze": Source(
        "davidred/roomeze-api-explorer",
        "ff4946732a3c919bd57693cd5b45b06ee4b74c8b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Roomeze's (room rentals and renters' applications) "
        "API documentation: users, profiles, employers, incomes, previous residences, pets, "
        "properties, showing requests",
    ),
    "openkitchen": Source(
        "open-kitchen/slate",
        "c3c6acce2b7d39b13e77fa77ccf0a8101578bca5",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Open Kitchen's (restaurant ordering: dishes, "
        "woks, shopping carts, orders and card payments) API documentation",
    ),
    "nexme": Source(
        "NEXME/nexme-api-docs",
        "d0a1e2945505038af2be07b31f53708e50ec9102",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of NEXME's (real estate listings and agents) API "
        "documentation: agents, listings, messages, users",
    ),
    "inch": Source(
        "Inchdev/pinch-doc",
        "9cb05195e7b7cbef9a7d3641fb1f66880ed4bcdc",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Inch's (inchbase: building management tickets "
        "for property managers and residents, France) API for companies: tickets, logs, "
        "webhooks",
    ),
    "metastreet": Source(
        "everlution/metastreet-slate",
        "1b711363f49786c4ab4e1c4188bb96f167dcbfa4",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of MetaStreet's (property licensing data, UK) API "
        "documentation: properties, licences",
    ),
    "onboardflow": Source(
        "OnboardFlow/api-docs",
        "90200e936386b12314a5e0dadb155273bbfd5e12",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of OnboardFlow's (subscription onboarding) API "
        "documentation: customers, subscriptions, events",
    ),
    "smartflow": Source(
        "veterinarium/slate",
        "15e2e5154c87ff1edf8757eed49c278c05359840",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Smart Flow Sheet's (Veterinarium: veterinary "
        "hospital flowsheets) API documentation: patients' hospitalizations, treatments, "
        "medics, departments, inventory, forms, anesthetic sheets, events",
    ),
    "ingresso": Source(
        "ingresso-group/slate",
        "fe7895d36d60b6f437fc5a6d3d9e3d2ea7efa20a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Ingresso's (theatre and event ticket "
        "distribution, UK) API documentation: events, performances, availability, reservations, "
        "purchases, customers, transactions",
    ),
    "occasion": Source(
        "GetOccasion/occasion-apidocs",
        "847837088175eb302352e970eeb843f10e5dc853",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/*.html.md"),
        "the request and response examples of Occasion's (bookings and tickets for classes, "
        "tours and events) API and widget SDK documentation: merchants, venues, products, "
        "time slots, orders, customers, redeemables",
    ),
    "ordermentum": Source(
        "ordermentum/docs",
        "f78ab4ab068b489f830ec967abd91daec7dabe68",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Ordermentum's (wholesale food and beverage "
        "ordering for restaurants, cafes and suppliers, Australia) API documentation: "
        "purchasers, orders, invoices, products, webhooks",
    ),
    "vin65": Source(
        "Vin65/papi_documentation",
        "240d732d7928e7c46979291ade19fb0d8bf8071a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Vin65's (WineDirect: commerce for wineries) "
        "partner API documentation: orders, products",
    ),
    "leasecloud": Source(
        "LeaseCloud/API-Documentation",
        "075ac1b57a3d7457c9e319d0ef5e00d584957346",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of LeaseCloud's (leasing of equipment for "
        "businesses at checkout, Sweden) API documentation: orders, webhooks, configuration",
    ),
    "evocalize": Source(
        "Evocalize/slate",
        "e910166fc5d0ebc71120e72208b056a05316cc1f",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Evocalize's (local marketing programs for real "
        "estate agents and franchise networks) management API documentation: users and groups, "
        "orders, audiences, content, assets, webhooks",
    ),
    "caring": Source(
        "caring/docs.caring.com",
        "ed276c5e017f3e728be54239234065427ec6300b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Caring.com's (senior living and home care "
        "referrals) API documentation: leads, lead statuses, inquiries, reviews, resources",
    ),
    "epharmix": Source(
        "epx-darius/slate",
        "873be9d0e732d015090f31ada9588bf55c48c99e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Epharmix's (patient text-message check-ins for "
        "care teams) platform API documentation: patients, alerts, its Swagger reference",
    ),
    "incmty": Source(
        "zenbakiak/slate",
        "9008dcf7fad9db7ea571713cbd482e15f5cde45f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of INCMTY's (an entrepreneurship festival, Mexico) "
        "API documentation: venues, schedules, activities, themes",
    ),
    "tastytab": Source(
        "ghanshyam-fizzy/tasty_tab_api",
        "bcf92c7d8659ab0c948cf15a2d430f5110bc16cc",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Tasty Tab's (restaurant ordering and tabs from a "
        "phone) API documentation: customers, orders, search, app sync",
    ),
    "juvonno": Source(
        "globaloffice/juvonno-api",
        "6b9805138f64e236f8058fad5e2b46c6972b3809",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Juvonno's (clinic management for physiotherapy, "
        "massage, chiropractic and wellness clinics, Canada) API documentation: branches, "
        "customers",
    ),
    "fidelisa": Source(
        "fidelisa/slate",
        "c6e22a0802a05192fee3e1c54bd0bf864e302241",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Fidelisa's (loyalty programs and community "
        "forums for shops, France) API documentation: customers, shops, points, gifts, "
        "happenings, forums",
    ),
    "actiun": Source(
        "Actiun/actiun-api-documentation",
        "0d106a511fece07484bfd2eeaf68a5e926caf8d7",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md.erb", "source/index.html.md.erb"),
        "the request and response examples of Actiun's (invoicing for small businesses) API "
        "documentation: contacts, invoices, items",
    ),
    "sansiri": Source(
        "sansiriproject/digitalplatform-api",
        "7866c46722104f1837cd5d67ae1fad75e4a2da6b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Sansiri's (a property developer, Thailand) "
        "digital platform API documentation for residents' activities: activities, schedules, "
        "participants, questions and answers",
    ),
    "inviplay": Source(
        "inviplay/api-docs",
        "04a563143ed278a5f4e4039aed770710b710de44",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Inviplay's (amateur sports games and clubs' "
        "activities, the Netherlands) API documentation: users, events, activities, locations, "
        "payments, target groups",
    ),
    "yonodesperdicio": Source(
        "imaginabit/YoNoDesperdicio-web-api",
        "928a5a5f9a502c41db2ffe39cff5b42d08ada2df",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Yo No Desperdicio's (giving away surplus food "
        "between neighbours, Spain) web API documentation: users, ads, offers, conversations",
    ),
    "trendeo": Source(
        "Trendeo/slate",
        "54b28e30a347bf73458e351b929c8c60a29cb4bf",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Trendeo's (fashion shopping app) backend API "
        "documentation: authentication, addresses, credit cards, catalog, reviews, wishlists",
    ),
    "hiper": Source(
        "hiperperu/slate",
        "38ac359b80389d06708ebc9f3a58ebbb06e97972",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.html.md.erb"),
        "the request and response examples of Hiper's (BMATIC: queue tickets and appointment "
        "bookings at branches, Peru) API documentation: branches, bookings, tickets, services",
    ),
    "rundl": Source(
        "Rundl/slate",
        "ecbacadc97e8d90514a086dc81aad396d61e41af",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Rundl's (shared workflows for property "
        "transactions, settlements and moving house, Australia) API documentation: rundls, "
        "participants, messages, real estate, orders, checkouts, files",
    ),
    "dealgrocer": Source(
        "DealGrocer/dg-api-documentation",
        "2c6d8b92d4b641c5ccbbead5b8820d797c81617d",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.md"),
        "the request and response examples of DealGrocer's (restaurant and food deals, "
        "Malaysia) API documentation: sessions, deals, locations, checkouts, orders, cards, "
        "coupons",
    ),
    "kvass": Source(
        "kvassAI/slate",
        "38c03f9e99d1da05c93a31cf48901218ef723940",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of KVASS' (subscriptions, payments and invoicing "
        "for service businesses) API documentation: users, addresses, plans, subscriptions, "
        "orders, invoices, payments, providers",
    ),
    "providi": Source(
        "ChristianHoj/slate",
        "a15ca4c895443573ef126d2a0cfd022acc3edd74",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Providi's (a health and wellness products "
        "distributor network, Denmark and Slovenia) API documentation: user profiles, "
        "recruiting, orders, events, promotions, sponsors",
    ),
    "centry": Source(
        "CentryCL/centry-rest-api-docs",
        "351eefac1f14a5524e274cfad696e440784e4ec8",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Centry's (one catalogue and order book for "
        "online stores and marketplaces, Chile) REST API documentation: orders, products, "
        "variants, warehouses, webhooks, locations",
    ),
    "zipbooks": Source(
        "ZipBooks/api-docs",
        "6f3e04969c795ddce9211c106c7a03699f7e7da0",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of ZipBooks' (accounting and invoicing for small "
        "businesses) API documentation: contacts, estimates, invoices",
    ),
    "lossexpress": Source(
        "Fastlane-LLC/vendor-api-docs",
        "baa5f1eedbc6d274068b4325aabd323800605c07",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of LossExpress' (Fastlane: total-loss vehicle "
        "payoffs between insurers and lenders) vendor API documentation: orders, claims, "
        "payoff data, letters of guarantee, activity feeds",
    ),
    "openreza": Source(
        "GboItSolutions/slate",
        "648365418d2b687c5f362f5667971515cc962949",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of OpenReza's (event and venue booking: places, "
        "rooms, events, bookings, waiting lists, forms) API documentation",
    ),
    "captureproof": Source(
        "CPInc/CP_js_api-Doc",
        "c069608462c40c03a786ee8964f708b1acd00f2d",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of CaptureProof's (patients' video check-ins with "
        "their clinicians) API documentation: patients, clinicians, organizations, captures, "
        "proofs, protocols, surveys",
    ),
    "opentrip": Source(
        "opentripapp/documentation",
        "1131c5f51374f1c0fdda43c3df8505da1caccb62",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Open Trip's (shared group trips and activities, "
        "Indonesia) API documentation: accounts, profiles, trips, activities, bookings, chats",
    ),
    "avana": Source(
        "avanaone/slate",
        "4e4f8a7abce0dfa1866e3dd87812a4d0311bb43e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of AVANA's (online shops selling through social "
        "media, Indonesia and Malaysia) API documentation: registration, shops, products, "
        "orders, labels, taxes",
    ),
    "sirclo": Source(
        "sirclo-solution/slate",
        "d2d2b118c3c49acae2a4d9e48d7cce55ad324de1",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SIRCLO's (online stores for brands, Indonesia) "
        "public API documentation: orders, products, inventory",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v28<source>/<family>``): as v17's to v25's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v28", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # developers' and users' names, handles, personal webmail addresses and a mobile number
    # (recorded data)
    "opentrip": frozenset(
        {
            "66c34ce0b791b8020fdd598de79cc35bdd8a77cb5fe15e6fefe45ed91ff4464c",
            "937de4458c831a4538c47bd0bd48ad227bcb7bd108be48ffe6fc4e0711e03330",
            "550104e4cfe0bbedb6236f9f4026a0c05cc1d05fe16f99ec4cf1e5629f89c01d",
            "499e4e42f9a1be0a4d4c9374103b8d384965f531fa2e8c35be1c42f2479de75f",
            "210da34d74ce011693b939736b94d5b12ccd394a7e64bf2f6f0aaf1d54b8d20c",
            "df2c76a0aab0a04a3d1bd0dc92728f51f4529d7551ca93a9f761717f377f0891",
            "058185d580244a8c6532cefc8212f90fdb5edd74308998db152c3409b297042c",
            "d25b82cf0233fff4ad6581909f092c815ed4a4a454dc94b4bcf6bb830963d591",
            "f0db58752632b1b964c5055e600b5cec2977496afd8bbfb8bb942c808b332708",
        }
    ),
    # a tester's personal webmail address, staff addresses at the publisher's domain and a mobile
    # number that reads as a person's own (recorded data)
    "captureproof": frozenset(
        {
            "6977deca3c77189a6101b11650c9dfa3b333f33e01013fbcbce53b63a5d4490a",
            "b5e032629a76acddb67917dee14c726591fc10d1848a818afefcb93230d142f2",
            "51120bb1e23b72f3fa59ba0ca26c31712bb6cbf9a8257875413b214f7625566c",
            "858c9d314be73e44240abca27f03816382644eb2a14887503c4006be5621d6d5",
        }
    ),
    # a personal webmail address (a shop's customer's, recorded data)
    "avana": frozenset(
        {
            "dedd68063d405ce0ee63ff6df5c45235cfe9e3b9648eff9ee982686a073cf3c8",
        }
    ),
    # a participant's full name in Thai (recorded data from the platform's development server;
    # a call to confirm)
    "sansiri": frozenset({"27d715dd154c3ae3e47d00f031712af888519fc7d4dac0b18a400f86a00f8d14"}),
    # the author's (the publisher's founder's) own name and addresses, a staff address at the
    # publisher's domain, a famous musician's name among ticket holders, and a ticket holder's
    # full name beside a masked copy of the same person's address (recorded data)
    "guestmanager": frozenset(
        {
            "9fbb8412cdc93b8c5919da05fe115ab04af1b15acc0e14c91d025b249a88f268",
            "72e7f35066d20664796d88d2e98ec5a3008949afd30b5c7fb5f5f7014ce1f28d",
            "7c4811e85578f43cbcf876e44733388f26e82fe4f802bdd00a84fa44636feb5f",
            "df31e53330d5e177e7d9c135480ffd6ead3383dda0be99c4fa24197d2a5f471c",
            "136c67657614311f32238751044a0a3c0294f2a521e573afa8e496992d3786ba",
        }
    ),
    # the developers' own names, personal webmail address and address at the publisher's domain
    "tastytab": frozenset(
        {
            "7cd3239e109807ee7f63decc8213b26ea59b061fc038be3ebb8311e8e57ca3bf",
            "39ab9e0c464ec2d1b3db0aa8bdcd9a065e356a3f2746adf71e9e90d4c352e9c5",
            "08a6f339c7fc25e7d7120f161e74ed253f59a82e0710e9fe9e37c8eb5d8fc938",
            "05a00b11c6109549f5103df68651ef17e794c5849a7b54a7124a6e2daf57073a",
        }
    ),
    # staff members' names and addresses at the publisher's domain
    "inviplay": frozenset(
        {
            "6579a2f19ff7037078a61eb81c5b80beed3344a370ba42ce8724bfd879bd9d38",
            "c778e6bb2d60d4be1682bc3f9225468d44bbef0cd1984a444bb871c88e288049",
            "3bae4e8772f86da2238051b502094eba314e82c208238280f15ab414605c08f6",
        }
    ),
    # a staff member's name and address at the publisher's domain
    "trendeo": frozenset(
        {
            "4a089d03ca15b856eb0fd6111bbee02dd37e552d9f0359d55e3163ad7241ec66",
            "cb031aec545216dda87fecede035fab79527b0ae8095906ee8578d49dc82eef0",
        }
    ),
    # a developer's full name as a coupon's recipient
    "dealgrocer": frozenset(
        {
            "a04ee0e481607f0b75bd708a9bf2d23a81f72a4cf3ad43fdb79d006fee3f93e2",
        }
    ),
    # the author's own name, login and address, and a developer's full name with personal webmail
    # addresses
    "providi": frozenset(
        {
            "c482e20b375f8bdf1beb3405e0080dacd00f5e358abb37750aa79700b20f31a9",
            "0ab8be3c54ee6f6da56bef3f7f9a7553c8c17078284ae1c8dafa5e19ca75341d",
            "5d07cf697b251441ddf211a6a3dfbb314001ccc466f4fd3041f89bb2292c8e06",
            "814a38a47e77188a184028e676969f46bf7ca4d2b4ce0f327cc31a57515cadc8",
            "18a70821151ad0580409c900c4c6e62bdea35e1706f2a84242a90bd7ea0f79e0",
        }
    ),
}

#: Any fenced block (``json``, ``shell``, ``http``, ``javascript`` or none) and ``curl`` body,
#: where a publisher writes its JSON examples under other fences (Ingresso under ``shell``,
#: Roomeze under ``http`` after the status and headers) or opens a ``curl`` body on the line
#: after its quote (WealthPark).
_FENCED = re.compile(r"```[ \t]*([A-Za-z]*)[^\n]*\n(.*?)\n[ \t]*```", re.S)
_CURL_BODY = re.compile(r"(?:-d|--data(?:-raw|-binary)?)\s+'\s*(\{.*?\}|\[.*?\])\s*'", re.S)
#: Where a JSON value starts in a block that opens with other text (a status line, headers).
_JSON_START = re.compile(r"^[ \t]*[{\[]", re.M)


def _block_json(block: str) -> str | None:
    """The JSON text of one fenced block: the whole block where it opens with ``{`` or ``[``,
    else from the first line that does (an HTTP response after its status and headers)."""
    found = _JSON_START.search(block)
    return block[found.start() :] if found else None


def _sections(name: str) -> Extractor:
    """The JSON examples and ``curl`` bodies of each markdown page of source ``name``, each in
    the family of its page and the first-level heading above it (v24's reading,
    `make_v24._sections`, over any fenced block)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0  # not a comment in a code block
            ]
            for block in _FENCED.finditer(text):
                json_text = _block_json(block.group(2))
                if json_text is not None:
                    yield from make_v24._bodies(page, cuts, block.start(), json_text)
            for block in _CURL_BODY.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))

    return extract


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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v28", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
