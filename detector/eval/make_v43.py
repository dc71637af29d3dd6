"""Build ``data/v43/real.jsonl``: API bodies that publishers not used by v1 to v41 released under
permissive licences, publishers writing in languages other than English, German, Spanish,
Portuguese and Korean (expense management in China, an ERP in Turkey, point of sale for bicycle
shops in the Netherlands, the e-services of universities in Italy), labelled by the rules of
`make_v43_rules` and then by hand decisions (``data/v43/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v43 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v43`` rebuilds the committed file from the cache and prints the
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
from detector.eval.make_v43_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v43")

SOURCES: dict[str, Source] = {
    "ekuaibao": Source(
        "ekuaibao/open-platform-docs",
        "b2212a8824c90fecc5fbd91f1dfece9e3e54cde0",
        "MIT",
        ("docs/*.md", "docs/*.mdx", "inside/*.md"),
        "the request and response examples of Ekuaibao's (Hose; expense management and "
        "reimbursement, China: staff and departments, expense and loan documents, invoices, "
        "payees' bank accounts, budgets, custom dimensions) open platform documentation, "
        "Chinese values",
    ),
    "aaro": Source(
        "AaroYazilim/ApiDocumentation",
        "db23032f789132961497d752f75c5c928ab0323c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of AARO's (an ERP, Turkey: stock, warehouses, "
        "customers and suppliers with their addresses, contacts and bank accounts, cash, bank "
        "accounts, receipts) API documentation, Turkish keys and values",
    ),
    "cyclesoftware": Source(
        "CycleSoftware/cyclesoftware.github.io",
        "9bfb5c6c644a7bc8bdd5067ca713dbcaa2ee921e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of CycleSoftware's (point of sale and workshop "
        "software for bicycle shops, the Netherlands: customers, sales and sales orders, "
        "repairs, stock, leads, warehouse deliveries) API documentation, Dutch values",
    ),
    "pllano": Source(
        "avantis-ua/APIS",
        "e80f5e7c52dd01a8c1867bf4ff8feb2f934a35dd",
        "MIT (LICENSE.md)",
        ("resource/*.md", "structure/*.md", "doc/*.md"),
        "the request and response examples of PLLANO's APIS (an API standard for online shops and "
        "marketplaces, Ukraine: users with their surnames, given names and patronymics, "
        "addresses, orders, carts, sellers, deliveries) documentation in Russian, Russian keys "
        "and values",
    ),
    "unifam": Source(
        "italia/api-padigitale2026-misura1.3.1-uni-afam",
        "b34782d5a075fa43996161411829d30174463739",
        "CC0-1.0",
        ("doc/03_analysis/io_schema/*.json", "src/*.yaml"),
        "the example requests and responses and the OpenAPI descriptions' examples of the "
        "e-services Italy's universities and AFAM institutes publish under the PNRR measure "
        "1.3.1 (Dipartimento per la trasformazione digitale: courses, enrolments, degrees and "
        "their corrections), Italian values",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v43<source>/<family>``): as v17's to v41's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v43", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # staff members' full names beside mobile numbers and a personal mailbox that look real (a
    # named employee's second account, travellers and a CRM record's owner), by judgement
    "ekuaibao": frozenset(
        {
            "b464b0d38310a01fe6e5dafa24cc9cadda5474fd5a59d6ebb325c0dcae853799",
            "f7ce81bd0a5303e0d1733f70d5a14199d111e47a711b24d555479b45663ef050",
            "33834fd0db2282faf78b97ef52d18a3505fdf6d95afa455fabd9f821db190fa5",
            "30bf665652a1e3d99a41f0ac897dff09dbf2f396281ee05037402484663788e4",
            "6b6768d1f9a17a69e640e7a169b3ab48c51ee6ee3c0ded4be27526ea2731c26f",
            "449697ed43c295b422b2df7b84c08e2e92bba73d38ce97691fef8fb31e125017",
            "ec709f89b6dff937e9126bb9c46e1f2b23ec42d4646697e7599f1ef888c64f9e",
        }
    ),
}

#: A fenced code block: its language and its text.
_FENCE = re.compile(r"```([^\n`]*)\n(.*?)\n[ \t]*```", re.S)
#: Where a block's JSON starts: its first line opening an object or an array (an HTTP status
#: line and headers above it are dropped).
_JSON_START = re.compile(r"^[ \t]*[\[{]", re.M)
#: The languages of blocks that hold a JSON body (an HTTP exchange's body below its headers).
_JSON_FENCES = frozenset({"", "json", "json5", "http", "text", "javascript", "js"})
#: A ``/* … */`` comment (the documentation's notes inside its examples).
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _uncommented(text: str) -> str:
    """An example's text without its ``/* … */`` and ``//`` comments."""
    return make_v21._LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text))


def _lenient(text: str) -> Any:
    """The JSON value of an example written by hand, comments and elisions dropped (v22's
    reading); ``None`` where it does not parse."""
    return make_v21._lenient_json(make_v23._QUOTED_LINE.sub("", _uncommented(text)))


def _block_bodies(lang: str, block: str) -> Iterator[Any]:
    """The JSON bodies of one fenced block: the ``curl`` request bodies in it, or else (a block
    of JSON or of an HTTP exchange) the JSON from its first line opening an object or array."""
    if "curl" in block:
        for body in make_v22._CURL_BODY.findall(block):
            value = _lenient(body)
            if isinstance(value, dict | list):
                yield value
        return
    start = _JSON_START.search(block)
    if lang.strip().lower() in _JSON_FENCES and start is not None:
        value = _lenient(block[start.start() :])
        if isinstance(value, dict | list):
            yield value


def _doc_blocks(name: str, family_of: Callable[[str], str], *, by_heading: bool) -> Extractor:
    """The JSON bodies of every fenced block of each markdown page of source ``name``
    (`_block_bodies`), in the family ``family_of(path)`` of its page and, ``by_heading``, the
    first-level heading above the block (v24's reading, `make_v24._sections`)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = family_of(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if by_heading and text.count("```", 0, m.start()) % 2 == 0
            ]
            for block in _FENCE.finditer(text):
                above = [heading for at, heading in cuts if at < block.start()]
                family = f"{page}_{above[-1]}" if above and above[-1] != page else page
                for body in _block_bodies(block.group(1), block.group(2)):
                    yield family, body

    return extract


def _ekuaibao_page(rel: str) -> str:
    """An Ekuaibao page's family: its folders below ``docs/open-api`` and its file's words
    (``docs/open-api/contacts/add-staffs.md`` → ``contacts_add_staffs``)."""
    parts = rel.removeprefix("docs/").removeprefix("open-api/").split("/")
    return real_sets.slug("_".join([*parts[:-1], real_sets.stem(parts[-1])]))


def _interface(rel: str) -> str:
    """A university e-service's family: its interface's number (``IFS01.2-response.json`` and
    ``IFS01-offerta-formativa.yaml`` → ``ifs01``), so that an interface's examples and its
    description stay together."""
    return real_sets.slug(real_sets.stem(rel).split("-")[0])


def _unifam(cache: Path) -> Iterator[tuple[str, Any]]:
    """The example files (JSON with comments) and the OpenAPI descriptions' examples of the
    universities' e-services, in the family of their interface."""
    for p in real_sets.files(cache, "unifam"):
        rel = real_sets.rel(cache, "unifam", p)
        if rel.endswith(".json"):
            body = _lenient(p.read_text(encoding="utf-8"))
            if isinstance(body, dict | list):
                yield _interface(rel), body
        else:
            spec = real_sets.load_yaml(p)
            if isinstance(spec, dict):
                for _, body in real_sets.openapi_examples(spec, lambda path: ""):
                    yield _interface(rel), body


_EXTRACTORS: dict[str, Extractor] = {
    "ekuaibao": _doc_blocks("ekuaibao", _ekuaibao_page, by_heading=False),
    "aaro": _doc_blocks("aaro", make_v23._page_family, by_heading=True),
    "cyclesoftware": _doc_blocks("cyclesoftware", make_v23._page_family, by_heading=True),
    "pllano": _doc_blocks("pllano", real_sets.stem_words, by_heading=False),
    "unifam": _unifam,
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v43", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
