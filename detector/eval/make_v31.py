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
    "webstreak": Source(
        "webstreak/api-docs",
        "47c46615702705b345e6042ab60e18158e75cd58",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Webstreak's (automotive dealers' inventory and "
        "leads) API documentation",
    ),
    "autoids": Source(
        "AutoIds/slate",
        "12bbebb401bd8cf9873dfe19a5a8ba76fdf90efc",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of AutoIds' (accounts, domains, groups and users of a "
        "dealer and automotive web platform) API documentation",
    ),
    "transitlab": Source(
        "Transit-Lab/APIDocumentation",
        "4eccd616396b0be6f77e85981d5860b850293ea5",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Transit Lab's Transit API (wholesale orders, "
        "products and inventory with their delivery) documentation",
    ),
    "llzw": Source(
        "YanzheL/llzw-docs",
        "1c0b2d00335d0fbf7aae620740ce10850763ee13",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of LLZW's (an online shop's logistics: addresses, "
        "orders, products, stocks, users) API documentation",
    ),
    "zinc": Source(
        "zincio/apidocs",
        "8f573ce8d08fbe5eaa5749a7902420615f47e65d",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Zinc's (buying from online retailers by API: orders"
        " with shipping addresses, returns, cancellations, products) API documentation",
    ),
    "solon": Source(
        "SolonEDU/slate",
        "e7e8461b11dc523d4755f3e23a73c86a7791d3d4",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Solon's (a school community's student government: "
        "users, admins, events, attenders, proposals, votes, forum posts) API documentation",
    ),
    "pulse": Source(
        "PulseSoftwareInc/slate",
        "0d19fbfeac1ab43ae0b6048454162cc72e57f4ea",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Pulse Software's (tasks and resources of a work "
        "management platform) API documentation",
    ),
    "verisolutions": Source(
        "VeriSolutions/slate",
        "0a8c0844989156921a8c42963d5ab715f0d4d170",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of VeriSolutions' (temperature monitoring of coolers "
        "for food and medicines: accounts, hubs, sensors, readings, users, employees) API "
        "documentation",
    ),
    "airjob": Source(
        "air-job-manager/manager-api-docs",
        "78f250b122f1b8b3eca6ce098bb974b6d68b8180",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Air Job Manager's Manager API (users, roles, MFA, "
        "countries, states) documentation",
    ),
    "notihub": Source(
        "notihub-io/notihub-docs",
        "f2087f64eaf2335e47acdadca8d5d1c7f7121f1e",
        "MIT",
        real_sets.SLATE_PAGES,
        "the request and response examples of Notihub's (notifications by e-mail, SMS and push to"
        " customers: customers, contacts, preferences, messages) API documentation",
    ),
    "white": Source(
        "WhiteAccounting/slate",
        "ebd90fe373058ec2b9aad155f23d5d1a5dc10332",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of White's (accounting: contacts, organizations, "
        "invoices, items, jobs) API documentation",
    ),
    "karma": Source(
        "jnarowski/karma2_docs",
        "12ad4efb973f47f603583e7f20b4345d917ade1c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of KarmaCRM's (contacts, companies, deals, activities,"
        " calendars, e-mails) API documentation",
    ),
    "inquicker": Source(
        "InQuicker/slate",
        "0c6e18617ce176f901035d37fc560e45af2771df",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of InQuicker's (patients' online appointment booking "
        "for health systems: appointment types, health systems, insurance plans, locations, "
        "medical groups, providers, schedules, visits) API documentation",
    ),
    "gravitant": Source(
        "gravitant-developer/slate",
        "3fe649665dab9c7957a153222b81eebbbb93e015",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Gravitant's (cloud services brokerage: accounts, "
        "catalogs, carts, orders, fulfilments, members, policies) API documentation",
    ),
    "yigit": Source(
        "yigitbacakoglu/slate",
        "c36676973aad81d14a454c95b4a66621d963fdfd",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of a hotel channel manager's (rooms, reservations, "
        "availability updates) API documentation",
    ),
    "bookwhen": Source(
        "ramsov/slate",
        "f3589ddf1d13a64abd7722d5e70cb69de6d2dfe0",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Bookwhen's (bookings for classes and events: "
        "events, people, baskets) public API documentation",
    ),
    "engagio": Source(
        "jkhaykin2/slate",
        "6f76588c0e0e5c6fc91adf870674fc98eb5f9dc6",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Engagio's (account-based marketing: accounts, "
        "account lists, people, activities) API documentation",
    ),
    "fossa": Source(
        "rolodato/api-docs",
        "35a64aed950a8ac42ea5704f3186796504fd5dab",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of FOSSA's (open source licence compliance: "
        "organizations, projects, revisions, builds, policies, teams, users) API documentation",
    ),
    "gametize": Source(
        "prashnerd/slate",
        "3fec2cc53d3b69f5d4e2f835e55a06f2b337a85a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Gametize's (gamified engagement and training: "
        "users, games, challenges, claims, quests, teams) API documentation",
    ),
    "valiant": Source(
        "valiantfinance/docs",
        "4b8ea565625627b33b26f0921d0afb656e1f52f3",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Valiant Finance's (business loans marketplace: "
        "leads with applicants and businesses, options) API documentation",
    ),
    "basistheory": Source(
        "Basis-Theory/docs",
        "6cb564b756bb1d4eb2a083435ec593acce936847",
        "Apache-2.0",
        (
            "source/includes/api-reference/*.md",
            "source/includes/expressions/*.md",
            "source/index.html.md",
        ),
        "the request and response examples of Basis Theory's (tokenizing sensitive data: tokens "
        "of cards, bank accounts, social security numbers, proxies, reactors, tenants) API "
        "reference and expressions documentation",
    ),
    "tloger": Source(
        "tloger/api-documentation",
        "793b5b877fa14e856916d4792649f1f5b9e4d88b",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of tloger/api-"
        "documentation",
    ),
    "newsletter2go": Source(
        "newsletter2go/slate",
        "e835a460596f117d6cb875f3f8d766271a9ecad3",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of newsletter2go/slate "
        "(Newsletter2Go API Documentation)",
    ),
    "esbeee": Source(
        "esBeee/slate",
        "716441df429526ab959791753e994c1c5912b428",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of esBeee/slate",
    ),
    "talkpal": Source(
        "Talkpal/slate",
        "d6f29454b2ee34bb176ff52d3db65e3548195e39",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of Talkpal/slate",
    ),
    "bjuretic": Source(
        "bjuretic/slate",
        "a3756f0b74e2917f7741813fc076555b5124174e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of bjuretic/slate "
        "(Pencepay API reference)",
    ),
    "bvinsite": Source(
        "bvinsite/slate",
        "fb3fee23201fdac2738b69d4c16d76be492e024e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of bvinsite/slate "
        "(Exposit API (v3.1.20))",
    ),
    "jocoonopa": Source(
        "jocoonopa/slate",
        "6f9f090f20f8350636b151106d9ea9c9848f1ce8",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of jocoonopa/slate",
    ),
    "kdadler": Source(
        "kdadler/slate",
        "d197b113e3a875c6c847032621bef01fb4fad41f",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of kdadler/slate",
    ),
    "robwittman": Source(
        "robwittman/slate",
        "0405b245d112c95a95d27e58ac802fa0ce467f14",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of robwittman/slate",
    ),
    "mahsacharandab": Source(
        "MahsaCharandabi/slate",
        "393fb5a5b23a558d30a4ce053cd6a193d5483cf5",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of "
        "MahsaCharandabi/slate (Echonio API Reference)",
    ),
    "shevonj": Source(
        "ShevonJ/slate",
        "8cfb10af622a56d986e555a6088a52c82208259c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of ShevonJ/slate "
        "(3dcart REST API Reference)",
    ),
    "ajaysridharan": Source(
        "ajaysridharan/slate",
        "51e99ce073a8b43bcb48aa34d53b85379cbfcaf1",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of ajaysridharan/slate "
        "(FirstOfficer API Reference)",
    ),
    "andregarivay": Source(
        "andregarivay/slate",
        "7a7f03088570df9a8b5292f40316711cc8c314df",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of andregarivay/slate "
        "(Slate Test API Docs)",
    ),
    "wosigor": Source(
        "wosigor/slate",
        "b119fb184668ce5e13c8a3bfed13a2fcdefb94d8",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of wosigor/slate",
    ),
    "b2connectsvedh": Source(
        "B2Connect-Svedha/slate",
        "95a19e4cb09ee7d984928fdc6673062a621b39b1",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of B2Connect-"
        "Svedha/slate (Management API)",
    ),
    "amolbrid": Source(
        "amolbrid/slate",
        "223c3a6dfb42df054e1058b57a603c6213def33f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of amolbrid/slate (Toro"
        " API Reference)",
    ),
    "pabloco": Source(
        "pablo-co/slate",
        "3b925b3a452beadb5f093c354343c2e85cb6d441",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of pablo-co/slate",
    ),
    "jessethebuilde": Source(
        "jessethebuilder/slate",
        "f16207c6eb856d37670553a5fa19ea6dbdf29ebe",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of jessethebuilder/slate",
    ),
    "teezily": Source(
        "teezily/t4b_slate",
        "280a4ec9d63d846b1cabbd0845c613d438b652cd",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of teezily/t4b_slate",
    ),
    "dionno": Source(
        "dionno/apidocs",
        "e2384bb36b7c8571ba7644aebeb058ce83016c48",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of dionno/apidocs",
    ),
    "freaky3": Source(
        "freaky3/API-Documents",
        "fbfc33890a9a65d20f9d1fa619d07477bb567ffd",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of freaky3/API-Documents",
    ),
    "keenancandide": Source(
        "Keenan-Candide/marketplace-api-docs",
        "e342e1feace9919619e908b5c9a14f2e7f50733c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of Keenan-"
        "Candide/marketplace-api-docs",
    ),
    "merchantsbondi": Source(
        "MerchantsBonding/merchantsbonding.github.com",
        "080ea835b61336f2958c1152eb8520e2b239feb5",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of "
        "MerchantsBonding/merchantsbonding.github.com",
    ),
    "aruxsoftware": Source(
        "Arux-Software/tce-api-v1-docs",
        "0c94110aa47778963fffbcfd699dedf2ae1628cf",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of Arux-Software/tce-"
        "api-v1-docs",
    ),
    "hashtagbe": Source(
        "HashtagBe/slate",
        "30e298e3e6daa20073b40e44fd10b3e706c6d31c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of HashtagBe/slate (#be"
        " API Reference)",
    ),
    "jellytelly": Source(
        "JellyTelly/docs",
        "aa8b2c8cf5051c3f1c7d827e51ad93ca67bc44da",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of JellyTelly/docs",
    ),
    "newedgesolutio": Source(
        "NewEdgeSolutionsSoftware/api-docs",
        "1e95a6064752cef41ff69c5e619d01ac67fc9618",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of "
        "NewEdgeSolutionsSoftware/api-docs (Bucket API Reference)",
    ),
    "sengabplatform": Source(
        "Sengab-platform/API-docs",
        "59c82249700295f0a996be67cd6aa3a4488cc34c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of Sengab-platform/API-"
        "docs (Sengab REST API Reference)",
    ),
    "simplyprint": Source(
        "SimplyPrint/API-Documentation-slate",
        "f68db932a26babb77b171b49df69afe18f35d1e9",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of SimplyPrint/API-"
        "Documentation-slate (SimplyPrint API Reference)",
    ),
    "alheka": Source(
        "alheka/seventimeapi",
        "dc687ddcb37ec01405c36c840c90d14c09663898",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of alheka/seventimeapi "
        "(Seven Time API Reference)",
    ),
    "andyyluo": Source(
        "andy-y-luo/cs-api-docs",
        "934dce8ceb5b5ce6e27a7e7a11f7d905955483e2",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of andy-y-luo/cs-api-"
        "docs (CrowdShout API Reference)",
    ),
    "cultivatehfc": Source(
        "cultivate-hfc/gfc-api-docs",
        "91447580421214a88be2f94ac5bbae18d72c5af9",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of cultivate-hfc/gfc-"
        "api-docs (Cultivate Forecasts API Reference)",
    ),
    "dbs": Source(
        "db-s/xdforce-api-doc",
        "9032f6b3995cbf28960a8ad0c945edda9987494f",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of db-s/xdforce-api-doc"
        " (xDForce API Reference)",
    ),
    "dringorepo": Source(
        "dringo-repo/developers",
        "82b525cd04c2df874abb0a852f1e3b8e5b5e6ae3",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of dringo-"
        "repo/developers (Dringo API Reference)",
    ),
    "optimalbits": Source(
        "OptimalBits/adleria-api",
        "4ddba89d245b608c328afb03a3d142f960d0ae80",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of OptimalBits/adleria-"
        "api (Adleria API Docs)",
    ),
    "ccquadx": Source(
        "ccquadx/slate",
        "53216fa3ffd32e4b7cfb571bbadb1f86951d050c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of ccquadx/slate",
    ),
    "namespaceee": Source(
        "namespace-ee/slate",
        "9d43e1d1f277ced6ae7f79b1bbfe444bd9d60165",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of namespace-ee/slate",
    ),
    "sergej2705": Source(
        "sergej2705/slate",
        "03704aa240089b10d361ef9074422d2e49a6b0c1",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of sergej2705/slate "
        "(to.photo API Reference)",
    ),
    "wangzheng47166": Source(
        "wangzheng47166/slate",
        "8341b3d8ea9a3bf455ea82f7b839d65944b2a249",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of wangzheng47166/slate"
        " (Api接口说明 v1.0)",
    ),
    "tomyuetw": Source(
        "tomyueTW/iecosystem-api-doc",
        "a1ec89931daabd8b4b2906226c477c2ad052f951",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of the Slate API documentation of tomyueTW/iecosystem-"
        "api-doc (Iecosystem API Reference)",
    ),
    "joshuajfogg": Source(
        "JoshuaJFogg/slate",
        "2d168226ca6473d805b80e7efe67fb2dd5880d3b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of JoshuaJFogg/slate "
        "(eSuite API Reference)",
    ),
    "raviteq": Source(
        "Raviteq/adrapid-api",
        "7dd7241833132d66435c227d87c54a8ca7cf9228",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of Raviteq/adrapid-api",
    ),
    "jalagrange": Source(
        "jalagrange/slate",
        "a74de2c9708b262d86664d25983aafd9c8c5db9c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of jalagrange/slate",
    ),
    "rotorvideos": Source(
        "rotorvideos/developer-docs",
        "faa88c442f42421372b53437de79178539ef55be",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of the Slate API documentation of "
        "rotorvideos/developer-docs (Rotor Developer Docs (BETA))",
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
    # a staff member's name and address at the publisher's domain
    "airjob": frozenset(
        {
            "831c70078130dd2772fe4f8dab8bd6adc51873cffd400702c96ef4267a7972cd",
        }
    ),
    # a staff member's address at the publisher's domain
    "karma": frozenset(
        {
            "1287266a759386360fbb53b5725655f26ce33987aef217532515c6f8738048e7",
        }
    ),
    # a living actor's name as a contact (v27's case of a famous actor's name); a staff member's
    # name and address at the publisher's domain
    "kdadler": frozenset(
        {
            "4de47a3a3fcfce4afabe98b0084f1ac21058a9f41772c6c10d86bcfe659b0130",
            "60a0f78b507f6249a6e29eee34f3f2940188b0b995715a82a03469f5d1586275",
        }
    ),
    # the platform's own developers' names and a personal address
    "sengabplatform": frozenset(
        {
            "1d0f4b0ebb04c09abdc96e49584cc71c931a61674ce3a1a7b2a73ec83e17d036",
            "5cda14ff2dc1b8b16eeafc399719b9ed949fcab5eb354464db902b571cfb8b59",
            "cd51ac5ac190effc7847d2fbe09cf01df80312e358d27abf95cbd5920a39bd17",
        }
    ),
    # students' names with their school and personal addresses (the authors')
    "solon": frozenset(
        {
            "996ea5d4898316d843c423087fcfca689e8f1abde80c65305acb470d05b84d6e",
            "b6f7466949ec6794ca686a5d08a1d610c6d21ed07213458c72699e59f474d86b",
        }
    ),
    # a person's name written in pinyin as an address's recipient (a developer's own, by judgement)
    "talkpal": frozenset(
        {
            "7109fe6dfff314ce7bbdc0a35da022b0396be8f92e4af833aaf41bcb0a2e998e",
        }
    ),
    # staff members' names and addresses at the publisher's domain
    "freaky3": frozenset(
        {
            "03c5f04aabe5a98c404d9ade5e2bbecc09f3ec6e2f993c96dde1814be0f4b72a",
            "37b89d5ea2c7debcda52660a2cf37698596c5804a5b75db65bf65836a22bb1e7",
        }
    ),
    # real developers' names and addresses as a project's authors and a commit's author
    "fossa": frozenset(
        {
            "2348841b3fe2b8441743cb402fe0f641fe3c5871fa08fec758b857360458c748",
            "89ec9e1e58cf7a40cc1bbdbbe8e891ffebe9748bfcf9ca93dbabc180d72cf502",
        }
    ),
    # a living actor's name and a television character's address (v27's case)
    "dringorepo": frozenset(
        {
            "8808fa21bc7ebe439971a03a7ec3d7da0fceddcc64649c8895a6dc37ae94480b",
        }
    ),
    # a staff member's address at the marketplace's domain
    "ccquadx": frozenset(
        {
            "3dac4fd2584d8d65a8eac442f6221d6d17966f7bbb9fbfffa8738dc504ae40ba",
        }
    ),
    # staff members' names and addresses at the publisher's domains; the repository owner's own name
    "joshuajfogg": frozenset(
        {
            "921aaf6fbb765dfe0fc5559b03c6ddb670e1306a389e299534a7315ddf2c4bed",
            "9e4461d2537182d29df5ce6fd75d860490e0c8b342421f92706c9c5931c705fe",
            "ad5ec0d2e48459743ec4fd80572ae825903b1f02104848c6bcf71e1521486a9a",
        }
    ),
    # the author's own addresses
    "tomyuetw": frozenset(
        {
            "6456fab61567a5c8ecb6d01183f77567ce6d706dd4d303800584e337c6b8536d",
            "a33dba886fab3a3a3b0e4863dcc6eab84b3320cc8f0e0d391de5415545796179",
        }
    ),
}

#: Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
#: heading (v24's reading, `make_v24._sections`).
_EXTRACTORS: dict[str, Extractor] = {name: make_v24._sections(name) for name in SOURCES}


def _kittens(text: str) -> bool:
    """Whether a document is the Slate template's kittens (left out, as v29 left them out)."""
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v31", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
