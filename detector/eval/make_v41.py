"""Build ``data/v41/real.jsonl``: the JSON fixtures (mocked API responses and requests) that the
tests of client libraries of publishers not used by v1 to v39 read, released under permissive
licences, from publishers in Japan, Russia, the Netherlands, France, Korea, Tanzania and
Australia, labelled by the rules of `make_v41_rules` and then by hand decisions
(``data/v41/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v41 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v41`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v23, real_sets
from detector.eval.make_v41_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v41")

SOURCES: dict[str, Source] = {
    "smaregi": Source(
        "nombre-premier/sumarejidump",
        "a7ea3d349a75e81c4f82a068b5375f817cb0c7e1",
        "Apache-2.0 (LICENSE.txt)",
        ("testdata/*.json",),
        "the API responses the tests of a client of Smaregi's (point of sale for shops, Japan: "
        "customers, stores, products, stock, transactions, shipments) POS API read, Japanese "
        "values",
    ),
    "nalogo": Source(
        "AlexZzz/nalogo-go",
        "b854fdd272e0c319ac368254c5f8e95ab1424526",
        "MIT",
        ("testdata/*.json",),
        "the API responses the tests of a Go client of Moy Nalog's (the Russian tax service's "
        "app for the self-employed: profile with its taxpayer number, receipts, incomes, taxes) "
        "API read, Russian values",
    ),
    "laposta": Source(
        "mrk-j/laposta",
        "46a905f5a47e1e468e240bc5bd7aaf8d424df41f",
        "MIT (LICENSE.md)",
        ("tests/fixtures/*.json",),
        "the API responses the tests of a PHP client of Laposta's (newsletters and mailing "
        "lists, the Netherlands: lists, members with their custom fields) API read",
    ),
    "mylight": Source(
        "acesyde/python-mylight-systems-api-client",
        "d6c6c5d229cf446f637d3c47bc1d0832743c2846",
        "MIT (.github/LICENSE.md)",
        ("tests/fixtures/*.json",),
        "the API responses the tests of a Python client of MyLight Systems' (home solar energy "
        "management, France: user, maintainer and installer profiles, devices, measures) API "
        "read",
    ),
    "dart": Source(
        "StatPan/dart-api-client",
        "9e6b095feea24d224d6b0030c69789f808797a9d",
        "MIT",
        ("tests/fixtures/*.json",),
        "the API responses the tests of a Python client of DART's (the Financial Supervisory "
        "Service's electronic disclosure system, Korea: companies, filings, financial "
        "statements, shareholdings) Open API read, Korean values",
    ),
    "dawasco": Source(
        "CodeTanzania/majifix-int-dawasco",
        "8d613b8e0a5cd9be23c3cbd3c5719fb3453ec89a",
        "MIT",
        ("test/fixtures/*.json",),
        "the API responses the tests of CodeTanzania's MajiFix integration with DAWASCO's (the "
        "Dar es Salaam water utility, Tanzania: customer accounts, bills, meter readings) "
        "billing API read",
    ),
    "payway": Source(
        "napper1/python-payway",
        "b0a65a521c7a5b8b23d8c1711ad12ac33be192a5",
        "MIT",
        ("tests/data/*.json",),
        "the API responses the tests of a Python client of PayWay's (Westpac's payment gateway, "
        "Australia: customers with their contacts and addresses, card transactions, refunds, "
        "merchants' settlement accounts) API read",
    ),
    "payrex": Source(
        "byrcsc/laravel-payrex",
        "db5a185ad6e560580e030d93202fc76a62aa836e",
        "MIT (LICENSE.md)",
        ("tests/Fixtures/*.json",),
        "the API responses the tests of a Laravel client of PayRex's (online payments, the "
        "Philippines: customers with their billing details and addresses, payment intents, "
        "payment methods, billing statements, payouts, webhooks) API read",
    ),
    "tap": Source(
        "rickeysxhemz/tappay-laravel-tap-payment",
        "4bd9f6e3295242287804f9b6e7d9a02df9b9bfaa",
        "MIT",
        ("tests/Fixtures/*.json",),
        "the API responses the tests of a Laravel client of Tap Payments' (online payments, "
        "Kuwait, Saudi Arabia and the Gulf: customers, charges, cards, tokens, invoices, "
        "subscriptions, refunds) API read",
    ),
    "energa": Source(
        "vincentto13/energa24-api",
        "2077e0fe677ab2f863393888326d1aa9db105e12",
        "MIT",
        ("tests/fixtures/*.json",),
        "the API responses the tests of a Python client of Energa's (an electricity supplier, "
        "Poland: the customer portal's clients, accounts, metering points and their addresses, "
        "balances, invoices) API read, Polish values",
    ),
    "awork": Source(
        "timkley/awork-php-sdk",
        "7d93aab0d3519b5a879b1fd16500885c8b769e47",
        "MIT (LICENSE.md)",
        ("tests/Fixtures/*.json",),
        "the API responses the tests of a PHP client of awork's (work and project management, "
        "Germany: users with their contact details, teams, companies, projects, tasks, time "
        "entries, absences) API read, some German values",
    ),
    "tbank": Source(
        "icyberdeveloper/tbank-mcp",
        "5ce0d818355447a3db35c02ae5820966e4c25070",
        "MIT",
        ("tests/fixtures/*.json",),
        "the request and response bodies of T-Bank's (a bank, Russia: transfers to phones and "
        "companies, recipients, groceries, tickets, travel bookings) mobile app API that the "
        "tests of an MCP server read, captured and scrubbed (synthetic personal values), Russian "
        "values",
    ),
    "helloasso": Source(
        "bebenlebricolo/HelloAssoDotnet",
        "cd487803bacde8ea1a2c6a75d767bf2687a6da86",
        "MIT",
        ("HelloAssoDotnetTest/Static/*.json",),
        "the API responses the tests of a .NET client of HelloAsso's (payments, memberships and "
        "event registrations for non-profit associations, France: forms, orders, payers) API "
        "read",
    ),
    "famly": Source(
        "shanegriffiths/famly-cli",
        "54749196c907661d86106cc314728ef722729528",
        "MIT",
        ("tests/fixtures/*.json",),
        "the API responses the tests of a command-line client of Famly's (a platform for "
        "nurseries and their parents, Denmark and the UK: the parent's profile, children, "
        "conversations with staff, the news feed, observations) API read",
    ),
    "brightbox": Source(
        "brightbox/gobrightbox",
        "6974d2afa9f915b23d81423bb57035e1054ecbec",
        "MIT (LICENSE.txt)",
        ("testdata/*.json",),
        "the API responses the tests of Brightbox's (cloud servers and hosting, the UK: accounts "
        "with their addresses, VAT numbers and telephones, users, collaborations, API clients, "
        "servers, database servers, cloud IPs, firewalls) Go client read",
    ),
    "tado": Source(
        "erwindouna/python-tado",
        "0e7f92b5f0b0807432f2254f61fb5e16e8043225",
        "MIT (LICENSE.md)",
        ("tests/fixtures/*.json", "tests/fixtures/*/*.json"),
        "the API responses the tests of a Python client of tado's (smart thermostats and home "
        "climate control, Germany: the user and homes, mobile devices and their locations, "
        "zones, devices, meter readings) API read",
    ),
    "sharesies": Source(
        "deividfortuna/sharesies",
        "c313aabc217634ff83f4fb895cf6c95ddf2f20ea",
        "MIT",
        ("testdata/*.json",),
        "the API responses the tests of a Go client of Sharesies' (retail investing, New "
        "Zealand: sign-in with its session token, the user's profile, instruments, costs of "
        "buying and selling) API read",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v41<source>/<family>``): as v17's to v39's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v41", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a listed company's real chief executive, and the real family members and executives among
    # its shareholders (public figures, v27's case of famous names)
    "dart": frozenset(
        {
            "49ee0f300c463721571f960d4d7aeab9f37a2c24db4fdd9673bffaa1c344e0ec",
            "39a0579cceacc13049c9d474c502eb501a864d5c51e497f24a2d0994d107bec3",
        }
    ),
    # a water customer's account, meter, plot, phone and coordinates with the name replaced by
    # a stand-in: by judgement a real customer's billing record
    "dawasco": frozenset(
        {
            "e7f2e8646fbb0352c656883cebdce816eb79471151704dd67a70c119012d393c",
        }
    ),
    # a developer's company's real staff mail addresses as a demo user's contact details (by
    # judgement, real)
    "awork": frozenset(
        {
            "3b538a370d15a3634a045dbbebb6af8dfa2ee792441bb5dc536b80f2f310a14b",
            "19b25b96908cde563a2645d6b7f93726fc3f57c499df2e20af760de250125ae0",
        }
    ),
}

_EXTRACTORS: dict[str, Extractor] = {
    name: real_sets.json_files(name, real_sets.stem_words) for name in SOURCES
}

EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: At most this many families without any rule label a source give a negative (v16's step
#: takes 30): fixture folders hold many documents of ids, amounts and settings only, and fewer of
#: them keep the set nearer the brief's ratio of unlabelled to labelled leaves.
NEGATIVE_FAMILIES = 10


class _Builder(make_v16._Builder):
    """v16's builder with at most `NEGATIVE_FAMILIES` negative families a source."""

    def select(self, cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """`real_sets.select`'s documents and the first document of each family without any
        rule label (at most `NEGATIVE_FAMILIES` a source), in the candidates' order."""
        keep = {id(body) for _, body in real_sets.select(cands, self.rule_labels, self.caps)}
        labelled = {f for f, body in cands if self.rule_labels(body)}
        taken: set[str] = set()
        per_source: Counter[str] = Counter()
        for family, body in cands:
            source = family.split("/")[0]
            if family in labelled or family in taken or per_source[source] >= NEGATIVE_FAMILIES:
                continue
            taken.add(family)
            per_source[source] += 1
            keep.add(id(body))
        return [(f, body) for f, body in cands if id(body) in keep]


#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = _Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v41", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
