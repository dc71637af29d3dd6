"""Build ``data/v39/real.jsonl``: API bodies that publishers not used by v1 to v37 released
under permissive licences, publishers writing in languages other than English (an order
management platform for online shops in Germany, e-invoicing in Mexico, payments and marketplace
accounts in Brazil), labelled by the rules of `make_v39_rules` and then by hand decisions
(``data/v39/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v39 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v39`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, real_sets
from detector.eval.make_v39_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v39")

SOURCES: dict[str, Source] = {
    "billbee": Source(
        "billbeeio/billbee-php-sdk",
        "ad5c72dc93797a3050dff68a59b29d4f04d50805",
        "MIT",
        ("tests/fixtures/*.json",),
        "the request and response fixtures of Billbee's (order management for online shops, "
        "Germany: orders, customers and their addresses, invoices, shipments, products) PHP "
        "client's tests, German values",
    ),
    "facturama": Source(
        "Facturama/facturama-python-sdk",
        "c61890cd37191314cfc6827f21fb04f9915729fb",
        "MIT",
        ("tests/*.py", "test_*.py"),
        "the request bodies of Facturama's (electronic invoices, CFDI, Mexico: customers with "
        "their RFC and fiscal addresses, invoices, payment complements, withholdings, branch "
        "offices) Python client's tests, Spanish values",
    ),
    "iugu": Source(
        "iugu/iugu-ruby",
        "ac2985783591e36863ae78a1d5294aa39f5ef014",
        "MIT (LICENSE.txt)",
        ("spec/cassettes/*.yml",),
        "the recorded traffic iugu's (payments, subscriptions and marketplace sub-accounts, "
        "Brazil: customers with CPF or CNPJ and addresses, invoices, bank details of accounts) "
        "Ruby client's tests replay: every JSON request and response body, Portuguese values",
    ),
    "billimatic": Source(
        "Myfc-github/billimatic-api-docs",
        "eee3d1a4b5c9b09e42552c083da8f05eb68b3afc",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.html.md"),
        "the request and response examples of Billimatic's (billing, Brazil: companies with "
        "their CNPJ, contacts and addresses, contracts, invoices, service invoices, payout "
        "accounts) API documentation, in Portuguese",
    ),
    "placetopay": Source(
        "placetopay/web-checkout-api-docs",
        "841971b2a08385c84e1c48951ee7cb97af166315",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md", "source/index.html.md.erb"),
        "the request and response examples of PlacetoPay's (Evertec; web checkout payments, "
        "Colombia and Ecuador: sessions, payers and buyers with their documents, cash and PSE "
        "payments) Web Checkout API documentation, in Spanish",
    ),
    "kakao": Source(
        "kakao/kakao_flutter_sdk",
        "d7e64c07af45c16cc209205342082d6b3ff51ee1",
        "Apache-2.0",
        ("test_resources/*.json",),
        "the API responses Kakao's (Korea: login and user profiles, friends, KakaoTalk messages "
        "and profiles, KakaoStory, local search of addresses and places, push, vision) Flutter "
        "SDK's tests read, at the last commit holding them (its test data was removed the same "
        "day), Korean values",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v39<source>/<family>``): as v17's to v37's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {
    "v39billbee": 14,
    "v39billimatic": 14,
    "v39iugu": 11,
    "v39kakao": 6,
}
CAPS = real_sets.Caps("v39", max_leaves=70, per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a receiver's name with his personal tax number, coded from that name and a birth date, in
    # the issuing software company's test invoices (by judgement, a real person's)
    "facturama": frozenset({"b31d8d12e9eb7379e919bd6b9a31018a0036765a7ddf23f2c5056bfc99a665ee"}),
    # a staff member's tagged mail address at the publisher's domain and his surname, as a
    # customer's (by judgement, real)
    "iugu": frozenset(
        {
            "bdf63e4f3ecd01f6d175ffd1e9ff2b22d11f6a64ba02cf4bdc4b7267834681ed",
            "ec8c3a5eff22fb5daa3e98df2cc73e95c2e48aba7cb34badc4705a24b653b688",
        }
    ),
    # a staff member's mail address at the publisher's domain as a payer's, and a developer's
    # public handle at a disposable mail service as a buyer's (by judgement, real)
    "placetopay": frozenset(
        {
            "1f05f2d75106cd5ebf906b19f736daa546483de8e353d3cf1d6a937da36dfdbe",
            "94b21c9c2fb5df74ff43f097310096198de90010b4447fe8fa9fcbeba8d5976f",
        }
    ),
    # search results of real web content naming living people: a blogger, book authors,
    # entertainers and a singer's biography (real people, v27's case of famous names)
    "kakao": frozenset(
        {
            "bacb61cd81129b40fcae27baf4c081ac485ea81ddd251fd170f7942bd66f5d60",
            "dffb2066e11def81319ed39e5fd19490944aa51328f3b12ae16533cb02d46ff9",
            "4167a6a949d5d367de247cfe41bb285af2768c126bfe2c950239951b01630fe1",
            "58154ebb399fc35ac8cfe84a21a64577507c3bdde6808572ffab93aab19fe321",
            "f399644c799f19d8fe305df31f3b0096a15bb8265f44f5aabb485693f3d79b91",
        }
    ),
}


def _python_literals(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The outermost dict literals (and lists of them) in the Python test code of source
    ``name`` that evaluate as plain values (the request bodies the tests send)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            try:
                tree = ast.parse(p.read_text(encoding="utf-8"))
            except SyntaxError:  # a test module that does not parse (``def f(self){``)
                continue
            for body in real_sets.dict_literals(tree):
                yield family_of(real_sets.rel(cache, name, p)), body

    return extract


#: A fenced code block of any language (``json``, ``shell``, none).
_FENCED = re.compile(r"```[^\n]*\n(.*?)\n[ \t]*```", re.S)
#: Where a block's JSON starts: its first line opening an object or an array (a request line
#: such as ``POST /api/session`` above it is dropped).
_JSON_START = re.compile(r"^[ \t]*[\[{]", re.M)


def _fenced_sections(name: str) -> Extractor:
    """The JSON of every fenced block of each markdown page of source ``name`` (whatever the
    block's language: some pages fence their JSON as ``shell``), from the block's first line
    opening an object or array, elisions dropped; family: its page and the first-level heading
    above it (v24's reading, `make_v24._sections`, for every fence)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = make_v23._page_family(real_sets.rel(cache, name, p).removesuffix(".erb"))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0  # not a comment in a code block
            ]
            for block in _FENCED.finditer(text):
                start = _JSON_START.search(block.group(1))
                if start is not None:
                    body = block.group(1)[start.start() :]
                    yield from make_v24._bodies(page, cuts, block.start(), body)

    return extract


def _test_words(rel: str) -> str:
    """The family of a test module: its words without ``test``."""
    return real_sets.words_family(real_sets.stem(rel), r"^test_|^__init__$") or "tests"


def _cassettes(name: str) -> Extractor:
    """The JSON request and response bodies of each VCR cassette of source ``name``; family:
    the resource and the action of its folders (``iugu_customer_create``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            folders = real_sets.rel(cache, name, p).split("/")[2:-1]
            family = real_sets.words_family("_".join(folders))
            tape = real_sets.load_yaml(p)
            # Ruby's VCR writes ``http_interactions`` where VCR.py writes ``interactions``
            plays = {"interactions": tape.get("http_interactions")} if tape else {}
            for body in real_sets.cassette_bodies(plays):
                yield family, body

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    "billbee": real_sets.json_files("billbee", real_sets.stem_words),
    "facturama": _python_literals("facturama", _test_words),
    "iugu": _cassettes("iugu"),
    "billimatic": _fenced_sections("billimatic"),
    "placetopay": _fenced_sections("placetopay"),
    "kakao": real_sets.json_files("kakao", real_sets.stem_words),
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v39", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
