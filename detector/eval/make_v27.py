"""Build ``data/v27/real.jsonl``: API documentation examples that publishers not used by v1 to
v25 released under permissive licences (hotels and hotel booking, airport passenger services,
venue and table bookings, car insurance claims, trucking dispatch, supply chain management,
lending, bank transfers, earned-income payments), labelled by the rules of `make_v27_rules` and
then by hand decisions (``data/v27/overrides.json``), under the one convention of the data
README ("One convention, from v16 on").

``python -m detector.eval.make_v27 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v27`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import sys

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v27_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v27")

SOURCES: dict[str, Source] = {
    "slide": Source(
        "getslideapp/slate",
        "34eae853f8a5bd9f0d05fc0c374f53ddfb7ce343",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Slide's (Slide Link, bank account payments) API "
        "documentation: users, bank accounts, transfers, administration",
    ),
    "highline": Source(
        "Upwardfi/docs",
        "37476078fa6a0c65e2ef54dbe8316109f5728db0",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Highline's (Upward Financial; payments taken "
        "from users' income, payroll connections) API documentation: employers, enrollments, "
        "profiles, employments, bill payments, direct deposits, pay histories, bank accounts",
    ),
    "ulaap": Source(
        "ulaap/slate",
        "726b7d6cd6e1d3602500191e8cbee5bccc393d78",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Ulaap's (dispatching truckload drivers and mobile "
        "workers, Canada) API documentation: jobs, tasks, drivers, statuses",
    ),
    "gac": Source(
        "globalairportconcierge/apidocs-v2",
        "8ed55bf08f1c35b4fdfba5c09ba5c54a100484db",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Global Airport Concierge's (airport meet and "
        "assist, lounges and transfers) API documentation: airports, quotes, bookings, "
        "passengers",
    ),
    "tripisco": Source(
        "adamnoto/tripisco-api-docs",
        "929a98b7be3f65c0bcf974ae7a54ba90f534e4e4",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Tripisco's (hotel booking, Indonesia) API "
        "documentation: accounts, hotels, availability, bookings, payments",
    ),
    "nmicros": Source(
        "Wagambula/slate",
        "112b3b326c0d5e0f3d799fc4469b66492ee9288b",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Nmicros' SCM (supply chain management) API "
        "documentation: accounts, invoices, bills, products, suppliers, customers",
    ),
    "tabhub": Source(
        "breaktag/slate",
        "c2d6d2b402d4e320fbd86106f53cb1b8747fb1fb",
        "Apache-2.0",
        ("source/includes/*", "source/index.html.md.erb"),
        "the request and response examples of TabHub's (Breaktag; venue, bar and table "
        "bookings and tabs) public API documentation: activities, areas, availability, "
        "bookings, members, orders, tabs, tables",
    ),
    "bcainsurance": Source(
        "davideko/slate",
        "e6d0f593f95b2836f9a9596109468be440e2972f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of BCA Insurance's (motor vehicle insurance, "
        "Indonesia) API documentation: policies, vehicles, accidents and claims, banks",
    ),
    "plutus": Source(
        "jacques/plutus-public-api-docs",
        "dc2a8442eb59c42a76ff1276962a054e69103814",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Plutus' (transactional banking through platform "
        "partners, South Africa) API documentation: users, accounts, cards, transfers, SMS",
    ),
    "oneconnect": Source(
        "dtsakadze/slate",
        "f86c619cb3b68d85362414a9b4f9011af0fb0b20",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of OneConnect's (SMS campaigns, sender names and "
        "SMS authentication) API documentation: messages, campaigns, contacts, groups",
    ),
    "oy": Source(
        "oyindonesia/external-api-docs",
        "d4d697b68ac2b8928466b2e03968da1adb8f3c97",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of OY! Indonesia's (disbursements, virtual accounts, "
        "payment links and account linking for businesses, Indonesia) API documentation",
    ),
    "skyscanner": Source(
        "tudorscanner/slate",
        "5b159ed7a5c852a6fe5d802e3d413fdb88c10605",
        "Apache-2.0",
        ("source/includes/*.md.erb", "source/index.html.md.erb"),
        "the request and response examples of Skyscanner's travel partners API documentation "
        "(flights, hotels and car hire searches): browse quotes, live prices, places",
    ),
    "zarpay": Source(
        "irfreeway/merchants",
        "e9c937632797af020b1d48d9b1fecfc0751bcc45",
        "Apache-2.0",
        ("source/includes/*.md", "source/*.html.md"),
        "the request and response examples of Zarpay24's merchants guide (wallet payments, "
        "cards, balances and KYC for merchants)",
    ),
    "plutusapp": Source(
        "jacques/plutus-mobile-app-api-docs",
        "a6c0974e48dd83ea77f5dc95271e0cdb1cf1cea4",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Plutus' mobile app API documentation "
        "(transactional banking, South Africa; Plutus' second repository): users, accounts, "
        "cards, beneficiaries, payments",
    ),
    "fonestorm": Source(
        "fractel/slate",
        "0070f833f4ca115c06d1b16bc0da3a2d0838a813",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of FoneStorm's (FracTEL, phone numbers, calls, SMS "
        "and faxes, US) API documentation",
    ),
    "nebeus": Source(
        "Money4/slate",
        "7889c3868ff2e3d9eb0d8606e4a6d6986b25cf33",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Nebeus' (crypto-backed loans, accounts and "
        "transfers, EU) API documentation: users, accounts, loans, transfers",
    ),
    "qbilling": Source(
        "Nebo15/qbill.docs",
        "17270385629db6453c14b1c76f4edf16292d045b",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of QBilling's (Nebo15; accounts and money transfers "
        "for financial companies, Ukraine) API documentation: accounts, wallets, transfers",
    ),
    "hotelrunner": Source(
        "cloudarena/slate",
        "ccd7f181a26a8dd046637cf4b98e66487ba7d59f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of HotelRunner's (hotel channel management and "
        "booking, Turkey) Apps API documentation: properties, rooms, rates, reservations",
    ),
    "bankfrick": Source(
        "bankfrick/webapi-docs",
        "e2d4bf21b85d05041262cbdae9d4cd67f61bc8dd",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Bank Frick's (a bank in Liechtenstein) webAPI "
        "documentation: accounts, transactions, payments, customers",
    ),
    "gsmtasks": Source(
        "gsmvalve/gsmtasks-docs",
        "0aa6708a20f49a0cfb34795e7017a76c79b24050",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of GSMtasks' (delivery and field task dispatch for "
        "couriers and drivers, Estonia) API documentation: tasks, orders, contacts, workers, "
        "routes",
    ),
    "pazemo": Source(
        "Pazemo/docs",
        "19e3ff16d1a6070b883552c15707f263602c6e70",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Pazemo's (accounts, recipients and withdrawals "
        "for a money platform) API documentation: users, accounts, recipients, withdrawals",
    ),
    "partially": Source(
        "storestartup/partially-api",
        "e9368f11ce39d1f3b161568d95d54ab0dc703b9a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Partial.ly's (payment plans and instalment "
        "financing for merchants' customers) API documentation: customers, offers, payment "
        "plans, payments, disputes",
    ),
    "truelight": Source(
        "Truelightenergy/slate",
        "df1c21ddc6d62ac05c3c20b97c1948c4fd93cba3",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Truelight Energy's (solar energy accounts) API "
        "documentation: accounts, systems, readings",
    ),
    "carebnb": Source(
        "carebnb-app/apidocs",
        "041dcddea1dbbfec5c6fa1ea66e25d71baea362d",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Carebnb's (guest messaging and smart chatbot "
        "for vacation rental hosts) API documentation: hosts, properties, guests, bookings",
    ),
    "smso": Source(
        "smso/slate",
        "36228ff9764fced3f613e91a69af5939d8f10885",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SMSO's (SMS sending, Romania) API documentation: "
        "messages, senders, credit",
    ),
    "strivve": Source(
        "swch/slate_v2",
        "1c1ba61dc427ca75a577e7d28435743638b86c90",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Strivve's (CardSavr: placing a bank's new cards "
        "on file at merchants for its cardholders) API documentation: sessions, cardholders, "
        "cards, addresses, jobs, messages",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v27<source>/<family>``): as v17's to v25's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v27bcainsurance": 40}
CAPS = real_sets.Caps("v27", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a staff member's address at the publisher's own domain, with his name
    "slide": frozenset({"4e287a40b6d5fea58df04f61faf43f9e3c8b1cb002154def8809c36098636b5c"}),
    # the author's own name and personal webmail address, and a relative's name beside the
    # author's address at the publisher's domain
    "tripisco": frozenset(
        {
            "7ae596dbbbea11dfe73d207bdf4636619e057c27901cff960ed4e6a17f9d3500",
            "a8b43ebdc842495ff60e85098e69f654074142bb41893c32790c1949d0bb4d77",
        }
    ),
    # a person's name with card numbers and IBANs that pass their checks (recorded data)
    "zarpay": frozenset(
        {
            "d43c6b0babd6986e5e9960dd7842df5219bf0717ea2a2467706feee96882bb9e",
            "2560c41e51fdad7ec9275814e2053318a97ccee8b72d716066f64b3697ef3999",
            "0a0c94f7ed3360dff2a9b5900fe6a0ab0e08710ee32353042cff7c083a15d604",
        }
    ),
    # a staff member's address at the publisher's own domain; a personal webmail address
    "oy": frozenset(
        {
            "84b81e7c2affccea76853ea8d92ae254d976a32641fa1f0c995fec013540a091",
            "20ec0eeb0c90a9ba792508625c6232e775199b9e465d9110be28268ae995f478",
        }
    ),
    # the author's own card accounts with his name (marked by their account ids, as the name is
    # the repository owner's); a famous actor's name on identity documents; a user's full name
    # of a rare surname (recorded data, a call to confirm)
    "plutus": frozenset(
        {
            "38b49ff510d1373a8b423cfc3cdb83a13467f0197cb8f2877657682f6a5d6837",
            "13d5a5b61c71a6ea0c632a27d0e9c3e500af9764020dd566f202913dd2bcb296",
            "96d681848001d0eef05772a65594f52889f4b11c611e360bcb25b4c7663938a7",
            "9571c825147c71dbff04f732abc0b99860e6cc691a5126b0351106f9f70cfe4b",
        }
    ),
    # the author's own card accounts with his name (marked by their account ids) and a famous
    # actor's name on identity documents (Plutus' second repository)
    "plutusapp": frozenset(
        {
            "38b49ff510d1373a8b423cfc3cdb83a13467f0197cb8f2877657682f6a5d6837",
            "13d5a5b61c71a6ea0c632a27d0e9c3e500af9764020dd566f202913dd2bcb296",
            "96d681848001d0eef05772a65594f52889f4b11c611e360bcb25b4c7663938a7",
        }
    ),
    # a host's full name, the publisher's founder's or staff member's (a call to confirm)
    "carebnb": frozenset({"a5b0ae19e8d51e6552ff407cdfb04b36cbdb72e40357e019ff571cd062d4a1af"}),
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v27", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
