"""Build ``data/v30/real.jsonl``: API documentation examples that publishers not used by v1 to
v29 released under permissive licences (identity verification and KYC, banking as a service,
card payments, payouts and wallets), labelled by the rules of `make_v30_rules` and then by hand
decisions (``data/v30/overrides.json``), under the one convention of the data README ("One
convention, from v16 on").

``python -m detector.eval.make_v30 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v30`` rebuilds the committed file from the cache and prints the
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

from detector.eval import (
    make_v8,
    make_v16,
    make_v17,
    make_v21,
    make_v22,
    make_v23,
    make_v24,
    real_sets,
)
from detector.eval.make_v30_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v30")

#: Slate pages where a repository writes its index as ``index.md``.
_SLATE_PAGES_MD = (*real_sets.SLATE_PAGES, "source/index.md")

SOURCES: dict[str, Source] = {
    "dataspike": Source(
        "dataspike-io/docs-public",
        "5785cf34a297276a277c965c9d881853c518b93a",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Dataspike's (identity verification, KYC and AML "
        "screening) API documentation: applicants, verifications, documents, AML searches, "
        "webhooks",
    ),
    "railsbank": Source(
        "HarrisonSmith99/Railsbank-Developer-Docs",
        "fb4669ea958077e5b8423dcb0fba9a3727795570",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Railsbank's (banking as a service: end users, "
        "ledgers with IBANs and UK accounts, beneficiaries, payments, debit cards, compliance) "
        "developer documentation",
    ),
    "youpay": Source(
        "YouPayDigital/YoupayDocs",
        "faa9f7490b8940a583034c8a54308bbda708d8f7",
        "Apache-2.0",
        _SLATE_PAGES_MD,
        "the request and response examples of Youpay's (card and Pix payments, Brazil) core API "
        "documentation: authorization, charges, payments, cards",
    ),
    "quaypay": Source(
        "QuayPay/slate",
        "5e2ee5423c2dec75c2bdf40aff299ba4e1e9d014",
        real_sets.SLATE_LICENCE,
        ("source/includes/_[!p]*.md", "source/index.md"),
        "the request and response examples of QuayPay's (stored cards, charges and loyalty "
        "points for merchants) API documentation (all pages but the points page, the Slate "
        "template's kittens)",
    ),
    "slydo": Source(
        "paybayuk/slate",
        "d785d3e6a0ebfe0cc6fbec2b9822ba6326d2a4b9",
        "Apache-2.0",
        _SLATE_PAGES_MD,
        "the request and response examples of Slydo's (Paybay; mobile payments and payment "
        "requests for merchants, UK) API documentation",
    ),
    "payhub": Source(
        "payhub/slate",
        "77f8e2cae23f715d6d100fb0ad6a8882e7fd9eff",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of PayHub's (card processing for merchants: sales, "
        "voids, refunds, recurring billing) API documentation",
    ),
    "yoyo": Source(
        "yoyowallet/slate",
        "1491116ddc46dcefd019d261adda2dd24dd193b2",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Yoyo Wallet's (mobile payments and loyalty "
        "wallet) API documentation: consumers, users, dashboard, EPOS transactions",
    ),
    "paymey": Source(
        "PAYMEY/api-doc",
        "63fe1db61daed72b698d9cc8dab56514cb0a849c",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of PAYMEY's (mobile payments, Germany) API "
        "documentation: accounts, transactions, authentication",
    ),
    "emites": Source(
        "Nexaas-Tax/emites-server-api-docs",
        "5347e11c1962bfd226dac01997b5a6e7dbbcc91d",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Emites' (Nexaas; issuing electronic tax invoices, "
        "NF-e and NFC-e, Brazil) API documentation: accounts, organizations, notes, terminals, "
        "users, tax calculation",
    ),
    "spaceinvoices": Source(
        "space-invoices/si-api-docs",
        "8dc6135855c241042dc3554e8557593cb5421a19",
        "Apache-2.0",
        ("source/includes/*.md", "source/includes/*.md.erb", "source/index.html.md"),
        "the request and response examples of Space Invoices' (invoicing, tax and payments for "
        "businesses, Slovenia) API documentation: organizations, clients, documents, payments, "
        "taxes, users",
    ),
    "cobrato": Source(
        "myfreecomm/cobrato-api-docs",
        "af8eb1bd7b4cd21d19c51cd3961ed592c223d046",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Cobrato's (Nexaas, formerly myfreecomm, the "
        "publisher of Emites above; bank slips, card charges and payments for businesses, "
        "Brazil) API documentation: bank accounts, payees, payers, people, charges, payments, "
        "remittance files",
    ),
    "dompetkilat": Source(
        "rizalreza/slate",
        "074511d8421b32b8d9e9c26406e2e00f294c6de7",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Dompet Kilat's (peer-to-peer lending, Indonesia) "
        "middleware API documentation: borrowers, loans, mapping",
    ),
    "stratifi": Source(
        "StratiFi/api-docs",
        "0f050e42558ddec6391244faba3bc9a1de921c00",
        "Apache-2.0",
        ("source/includes/*.md", "source/includes/*.md.erb", "source/includes/partials/*.md.erb"),
        "the request and response examples of StratiFi's (risk analytics for financial "
        "advisors: investors, households, accounts, positions, advisors) API documentation",
    ),
    "transferzero": Source(
        "transferzero/api-documentation",
        "aee857117d1209d4c77ed2a7334da7ac6b1e5b1b",
        "MIT",
        ("_docs/*.md", "_includes/corridors/*.md"),
        "the request and response examples of TransferZero's (AZA Finance; cross-border "
        "payments and remittances into African and other currencies) API documentation: "
        "transactions, senders, recipients, payout methods of each corridor, KYC, account "
        "validation",
    ),
    "payswitch": Source(
        "sbpipb/switch-api-docs",
        "9d49e1cc5dde155724392215dca920d23a17a632",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Payswitch's (mobile payments and merchant "
        "receipts through agents and branches) API documentation: users, transactions, "
        "merchants, branches, agents, receipts",
    ),
    "lunchmoney": Source(
        "lunch-money/developers",
        "4e8142b7e30e7c8a980973d3c148520832ec0d1e",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Lunch Money's (personal finance and budgeting: "
        "bank and manual accounts, transactions, budgets, crypto balances) developer API "
        "documentation",
    ),
    "noncents": Source(
        "gcweeks/noncents-api-docs",
        "97e664c42df540a1d865f11e25d18ffea7c984fa",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Noncents' (rounding up card purchases into "
        "donations: users, linked bank accounts, transactions, charities) API documentation",
    ),
    "pooul": Source(
        "pooul/devdocs",
        "c8a7c09c54fdcc00dba8fb8c2c40dad0a859d04c",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Pooul's (payment processing for merchants, China: "
        "merchant onboarding with their owners' identity and bank card details, payments, "
        "refunds, settlements) developer documentation",
    ),
    "qbitpay": Source(
        "PalmDrive/qbitpay_api_doc",
        "c88c9b335131d0ebf8f592abcb4f2a08e8deaedc",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Qbit Pay's (Qbit Network; cross-border "
        "collections, balances and payouts to bank accounts) API documentation: accounts, "
        "balances, payment methods, payouts, webhooks",
    ),
    "flowfinance": Source(
        "FlowFinance/slate",
        "89f16c6a85f471986b719d09e8207ec50da4bf40",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Flow Finance's (lending to small businesses "
        "through partners: prequalification, loan previews, loans, accounts) API documentation",
    ),
    "subscriptionbase": Source(
        "subscriptionbase/api-reference",
        "42ab04878fef1f12d3ec71396bd649c5d4324344",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SubscriptionBase's (recurring billing: customers, "
        "their payment methods and cards, subscriptions) API documentation",
    ),
    "huione": Source(
        "huione-institution/apidocs",
        "6b247a424d3486b5a299f4989ff1626fa450bcae",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Huione's (an institution's payment and digital "
        "token accounts: recharges, transfers, withdrawals, token issue) API documentation",
    ),
    "nexway": Source(
        "chreble/slate",
        "98a2806d1bb505876e8103b09a0e5c5890935a20",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Nexway's N3 AppStore (selling software and apps: "
        "catalogue, customers, credit and wallet, purchases, children's accounts) API "
        "documentation",
    ),
    "safecrow": Source(
        "safecrow/api-docs",
        "790c6e22566f919c12ee5223da94d66e06e4857a",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SafeCrow's (escrow for deals between private "
        "persons and shops, Russia: users, orders, billing information, payouts to cards and "
        "accounts) API documentation",
    ),
    "mimospay": Source(
        "MimosPay/Rest-API",
        "79f276c151047d5b5f5d2fb34e61f22d121670a9",
        "Apache-2.0",
        ("source/includes/*.md", "source/localizable/index.html.md"),
        "the request and response examples of MimosPay's (card and wallet charges for merchants) "
        "REST API documentation: charges, currencies, resources, webhooks",
    ),
    "coinberry": Source(
        "Coinberry/slate",
        "16a63f64035421118c126780cbd6c74d768f9523",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Coinberry's (buying and selling crypto for Canadian "
        "dollars: registration, account details, funding, withdrawals to bank accounts, orders) "
        "API documentation",
    ),
    "cryptoprocessing": Source(
        "CryptoProcessing/api-docs",
        "16d9411878c86b9c3dc52acac353a52c3bdb66d4",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of CryptoProcessing's (crypto payment processing for "
        "merchants: accounts, addresses, deposits, withdrawals, invoices, exchanges) API "
        "documentation",
    ),
    "buttercoin": Source(
        "buttercoin/slate",
        "02f5a8b26208b6abaa8c61617a6c07e5acec8930",
        real_sets.SLATE_LICENCE,
        _SLATE_PAGES_MD,
        "the request and response examples of Buttercoin's (a bitcoin exchange: accounts, "
        "balances, deposits and withdrawals, orders, transactions) API documentation",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v30<source>/<family>``): as v17's to v29's, per
#: source at most 60 documents with rule labels (TransferZero's capped so that it supplies no more
#: than a fifth of the labels), and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v30transferzero": 23}
CAPS = real_sets.Caps("v30", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a living head of government's screening record (an AML search's real hit)
    "dataspike": frozenset({"f4385182d166d5cbe59c9b4108f32fcae787e73a3591b688457afe6be46f6722"}),
    # a person's own name and personal address among the demo merchant's agents
    "payswitch": frozenset(
        {
            "7838749b8ac65d9da4cabfbe8cb4ce6b2fbabfd79ce624a7846306a5c30338dd",
            "5eeb72a167d9bfe7425e166b305c25f4d99ce926214ab128c9bcde85d064ae6b",
        }
    ),
    # the owners' names beside a real company's registration and bank details
    "pooul": frozenset(
        {
            "8d006266dc9013b61a154dd9b8005e8ed8d77a6c9a45404e78b5f91aeee3dbaa",
            "7f872e008161f7123b6fd149ec8bd6b2281daba18ab7f792b3631dc30e060f7b",
        }
    ),
    # the documentation's author, a staff member, with his addresses at the publisher's domains;
    # another staff member's surname; a reviewer's full name in recorded store reviews
    "nexway": frozenset(
        {
            "8b84c1759a59659a7300ac0c4bdb85a82621af383a8d46d15dea0a31817831ea",
            "7d2a3311764a03da528f0d71848d222d65ac0aa0221aaffe92d16d3bfcab7fad",
            "16f051dc38cf05a5e88c8ce15e107ca48e38a444435f1a8089d234a398d28e1f",
            "e65474e399c7930039e83ceea35d3aa13959eeab2374b4697a204c7dde90064d",
            "76446760150f82f9789d74e995fc5f4c0ad68b88c4cb6863f37262dab5a6069d",
            "ff5fc1008c857f5db0b881d9985ce72d88a24dd6ab1ccb150809235d339b0415",
        }
    ),
    # a living musician's name among famous stand-ins (v29's case of the Beatles' names)
    "stratifi": frozenset(
        {
            "f1c2c4f450042b1b3e90a838ff88423e028035a9e626476d36792f73af087c65",
            "03a37801dfc1db3be560ec230e718a7ab917064f0cb8ddac9c9b610370937fd0",
        }
    ),
}

#: A fenced block of any language (Railsbank writes its JSON bodies in ``shell`` blocks and
#: blocks without a language, after the request's line).
_ANY_FENCE = re.compile(r"```[A-Za-z]*[ \t]*\n(.*?)\n[ \t]*```", re.S)
#: The first line of a block that opens a JSON value.
_JSON_START = re.compile(r"^[ \t]*[\{\[][ \t]*$|^[ \t]*\{[ \t]*\"", re.M)


def _any_fence_sections(name: str) -> Extractor:
    """v24's reading (`make_v24._sections`) widened to pages whose JSON bodies stand in fenced
    blocks of any language (Railsbank's, Emites', PayHub's): each block's text from its first
    line opening a JSON value, and each ``curl`` body, in the family of its page and the
    first-level heading above it."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0
            ]
            for block in _ANY_FENCE.finditer(text):
                start = _JSON_START.search(block.group(1))
                if start:
                    body = block.group(1)[start.start() :]
                    yield from make_v24._bodies(page, cuts, block.start(), body)
            for block in make_v22._CURL_BODY.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))

    return extract


#: A Liquid tag or output (``{{ recipient_name }}``, ``{% endcapture %}``) on a line of its own.
_LIQUID = re.compile(r"^[ \t]*\{[{%][^\n]*[}%]\}[ \t]*,?[ \t]*$", re.M)


def _fragment_sections(name: str) -> Extractor:
    """TransferZero's pages (Jekyll, not Slate): each fenced block of any language with its
    ``//`` comments and Liquid lines removed, a fragment written as an object's members
    (``"details": {…}``) read as that object; the family is the page and the heading above."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in _HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0
            ]
            for block in _ANY_FENCE.finditer(text):
                body = make_v21._LINE_COMMENT.sub("", _LIQUID.sub("", block.group(1))).strip()
                if body.startswith('"'):
                    body = "{" + body + "}"
                if body.startswith(("{", "[")):
                    yield from make_v24._bodies(page, cuts, block.start(), body)

    return extract


#: A heading of the first or second level (TransferZero's pages put each corridor under ``##``).
_HEADING = re.compile(r"^#{1,2}[ \t]*([^#\n][^\n]*)$", re.M)


#: Each page's JSON bodies in fenced blocks of any language (a JSON block's whole text, another
#: block's from its first line opening a JSON value) and ``curl`` bodies, in the family of its
#: page and first-level heading (v24's reading, `make_v24._sections`, widened); TransferZero's
#: Jekyll pages by `_fragment_sections`.
_EXTRACTORS: dict[str, Extractor] = {
    name: _fragment_sections(name) if name == "transferzero" else _any_fence_sections(name)
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v30", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
