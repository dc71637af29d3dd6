"""Build ``data/v44/real.jsonl``: the webhook, callback and event payload samples (with the request
and response examples around them) that publishers not used by v1 to v41 keep in their own public
documentation repositories under permissive licences (shipping and returns in India, HR and payroll
in Canada, insurance in Thailand and the UK, identity checks in Spain, dental referrals in the UK,
a call centre in Brazil, payment disputes, leak detection for homes and insurers), labelled by the
rules of `make_v44_rules` and then by hand decisions (``data/v44/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v44 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v44`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v22, make_v23, make_v24, real_sets
from detector.eval.make_v44_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v44")

SOURCES: dict[str, Source] = {
    "clickpost": Source(
        "zupta/slate",
        "2174d60fb9d9e9e1f7292b6257cd423adb80b230",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request, response and webhook examples of Clickpost's (shipping and returns "
        "automation, India: orders with pickup and drop addresses, tracking webhooks, pickups, "
        "failed-delivery actions, customer feedback) API documentation",
    ),
    "humi": Source(
        "Humi-HR/partners-api",
        "d12363223733bcbdbda6dc6b0eb8704c1a0a890b",
        "ISC (package.json)",
        ("v1/*.md",),
        "the response and webhook payload examples of Humi's (HR and payroll, Canada: employees, "
        "time off, additional incomes, time worked; webhooks when employees and companies are "
        "created, updated, terminated and deleted) Partners API documentation",
    ),
    "acrosure": Source(
        "Acrosure/documentation",
        "a196141f70b8802c01222899572143d7f0f36e25",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request, response and webhook examples of Acrosure's (an insurance distribution "
        "platform, Thailand: applications with the insured's details, policies, products, "
        "teams; a webhook when a policy can be renewed) API documentation, some Thai values",
    ),
    "paymentshield": Source(
        "Paymentshield/api-docs",
        "dac86cb8c0e42f83e19e1f0f098e0fa658fdd400",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request, response and webhook examples of Paymentshield's (home and protection "
        "insurance sold by mortgage advisers, the UK: quotes with the applicants' answers, "
        "documents, policy history, webhooks) API documentation",
    ),
    "ibercheck": Source(
        "Ibercheck/api-docs",
        "4d509c98b847dba2a61fae75a367a520b94f7ede",
        "MIT (LICENSE)",
        real_sets.SLATE_PAGES,
        "the HTTP request, response and webhook examples of Ibercheck's (vehicle and identity "
        "reports, Spain: users with their national identity numbers, sales, report requests, the "
        "webhook when a report request changes) API documentation",
    ),
    "dentalreferrals": Source(
        "dentalreferrals/dentalreferrals",
        "ab6b1a73cc7447a7882d6d1e6b905d9ab8d62391",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request, response and webhook examples of Dental Referrals' (REACT4R: referrals "
        "of dental patients between practices, the UK: referrals, patients, practices, "
        "webhooks) API documentation",
    ),
    "atendesimples": Source(
        "atendesimples/api-docs",
        "8fb6f01c1554acfd6027e7464138977db2c24d6c",
        real_sets.SLATE_LICENCE,
        ("source/*.md",),
        "the request, response and webhook examples of Atende Simples' (cloud telephony and "
        "call centre, Brazil: calls, agents, recordings, webhooks) API documentation, "
        "Portuguese values",
    ),
    "chargehound": Source(
        "chargehound/chargehound-slate",
        "25910e1ec512b639e5f2b3c24a161da701902143",
        "Apache-2.0 (LICENSE)",
        real_sets.SLATE_PAGES,
        "the request, response and webhook examples of Chargehound's (responses to payment "
        "disputes: disputes with the customer's and the order's details, evidence, webhooks) "
        "API documentation",
    ),
    "herolabs": Source(
        "hero-laboratories/public-api-docs",
        "7e7fbc67e0e5473301830133fdcc46fe113f0128",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request, response and webhook examples of Hero Labs' (water leak detection for "
        "homes and their insurers, the UK: users, properties, signals, incidents, telemetry, "
        "webhooks) API documentation",
    ),
    "sobot": Source(
        "EffCode/sobot-api-doc",
        "b6909296561405ead15ac582b6f6c4ce3fc814a2",
        "Apache-2.0 (LICENSE)",
        ("source/includes/*.md",),
        "the request and response examples of Sobot's (a WhatsApp team inbox for customer "
        "support and marketing, India: customers with their profiles, templates, messages) API "
        "documentation",
    ),
    "cabital": Source(
        "digi-trade/connect",
        "5fb50897c458c854475a8c2a511026ad7dcfb54e",
        "Apache-2.0 (LICENSE)",
        ("source/includes/*.md", "source/localizable/*.md"),
        "the request, response and webhook examples of Cabital Connect's (transfers between a "
        "crypto wallet and its partners: accounts, users linked by their identity, balances, "
        "transfers, webhooks) API documentation, Chinese and English pages",
    ),
    "lexer": Source(
        "lexerdev/documentation",
        "816f1a5ea2df7b35af54299a4b0df04211204f58",
        real_sets.SLATE_LICENCE,
        (*real_sets.SLATE_PAGES, "source/index.md"),
        "the request, response and event examples of Lexer's (a customer data platform, "
        "Australia: customer identities and their attributes, activity, events, content, "
        "chatbots) API documentation",
    ),
    "adp": Source(
        "adpllc/marketplace-sample-payloads",
        "3c8cd235cb17556b60361ff5e309c33a0731b44b",
        "Apache-2.0 (LICENSE)",
        (
            "*EventNotification*.json",
            "*event-notification*.json",
            "*event notification*.json",
            "*eventNotification*.json",
        ),
        "the sample event notifications (and the requests and responses beside them) of ADP's "
        "marketplace APIs (HR, payroll, benefits, time, talent and staffing of Workforce Now, "
        "RUN, Vantage and Recruiting Management, the US: workers hired, terminated, on leave, "
        "their names, addresses, contacts, dependants and beneficiaries, pay instructions, job "
        "requisitions and applications): the JSON files of its folders of event notifications",
    ),
    "visma": Source(
        "payroll-no/employee-public-api-docs",
        "4b5fe3e60687298950041127a680b6b8624a9a6a",
        "MIT (LICENSE)",
        ("*.md",),
        "the request examples of the documentation of Visma's Employee API (Visma.net Payroll, "
        "Norway: employees with their names, national identity numbers, birth dates, addresses "
        "and positions): its questions and answers and its changelog",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v44<source>/<family>``): as v17's to v41's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v44adp": 45, "v44clickpost": 11}
CAPS = real_sets.Caps("v44", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # staff members' names and mail addresses at the publisher's domain (and one's own mail
    # address at a mail provider) as a job applicant's, a worker's, a dependant's and a
    # beneficiary's (by judgement, real people, v35's case)
    "adp": frozenset(
        {
            "a36c2b0ff71007c182584b8cb3bb0930453d8979ddf9dbcebbd9374f373a96ea",
            "eec47d9891bc884ad0ca788dc063b9e0daedaf625591df82f28342ccc52eea9d",
            "d1e2f35361c41eceb5cd0266c3a6f7a006bc4b946e3b0b63450220d4e48ef80a",
            "7e273acbaef67b740925fa4202016beedf81ebce5bfa5e1bf276edc46ed83d88",
        }
    ),
    # a personal mail address at a mail provider, a shopper's mail address, name and number in
    # Saudi Arabia, and a mobile number that looks real with the name beside it (by judgement)
    "clickpost": frozenset(
        {
            "bd2cb8c2288c20b8cc1d9b6662c31f897d554e158cd876c54a8e9215cf89848b",
            "ddff8e6b99a8560e04adfdbe07c6108cfd4863a5534187f7be0a8a28fbeeb4fe",
            "c2979cc5112906a03e09bc5db3e2592acfab261ef60ceb95502481bb5c210177",
            "da42d6e93508c4a706722e94b67b34f7a8fdd38e3e8e0c1a9f83f1e63121a0ab",
        }
    ),
    # a referring dentist's name that reads as a real person's (by judgement)
    "dentalreferrals": frozenset(
        {"b32f52bf59a62214b66a6d6769611b7e7c2c5361cb940d54874c64a4189692e9"}
    ),
}

#: A JSON example (``json`` fences, their closing fence indented as in a list item) and an HTTP
#: message written as an example (``http`` fences): its JSON body follows the headers.
_JSON_BLOCK = re.compile(r"```json[ \t]*\n(.*?)\n[ \t]*```", re.S)
_HTTP_BLOCK = re.compile(r"```http[ \t]*\n(.*?)\n[ \t]*```", re.S)
_BODY_START = re.compile(r"\n\s*\n(?=\s*[\[{])")


def _humi_family(rel: str) -> str:
    """A Humi page's family: its path's words below ``v1`` (``webhooks_employees_created``)."""
    return real_sets.words_family("_".join(rel.split("/")[1:]).rsplit(".", 1)[0])


def _pages(name: str, page_of: Callable[[str], str]) -> Extractor:
    """The JSON examples, ``curl`` request bodies and HTTP message bodies of each markdown page
    of source ``name``, each in the family of its page (``page_of``) and the first-level heading
    above it (v24's reading, `make_v24._sections`, with the bodies of ``http`` examples)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = page_of(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0  # not a comment in a code block
            ]
            for block in _JSON_BLOCK.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))
            for block in make_v22._CURL_BODY.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))
            for block in _HTTP_BLOCK.finditer(text):
                split = _BODY_START.search(block.group(1))
                if split:
                    body = block.group(1)[split.end() :]
                    yield from make_v24._bodies(page, cuts, block.start(), body)

    return extract


#: The words of an ADP file name that say which side of an exchange it is, not what it is about.
_ADP_SIDE = r"(?i)request|response|payload|success|sample|example|json|\d+"


def _adp_family(rel: str) -> str:
    """An ADP sample's family: its product (the first folder) and the words of its file's name
    without the side of the exchange (``vantage_worker_businesscommunication_email_add``), so
    that an event's request and its response stay together."""
    return real_sets.words_family(f"{rel.partition('/')[0]}_{real_sets.stem(rel)}", _ADP_SIDE)


_EXTRACTORS: dict[str, Extractor] = {
    name: (
        real_sets.json_files(name, _adp_family)
        if name == "adp"
        else _pages(name, _humi_family if name == "humi" else make_v23._page_family)
    )
    for name in SOURCES
}


def _kittens(text: str) -> bool:
    """Whether a document is the Slate template's kittens (left out, as v29 to v35 left them
    out)."""
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v44", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
