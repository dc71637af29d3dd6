"""Build ``data/v36/real.jsonl``: documentation examples and staging payloads that publishers not
used by v1 to v35 released under permissive licences (French public services' staging data for
benefits, family allowances, students, tax and companies; energy-market business objects;
insurance for solar plants; a charity CRM's donation webhooks), labelled by the rules of
`make_v36_rules` and then by hand decisions (``data/v36/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v36 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v36`` rebuilds the committed file from the cache and prints the
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
from detector.eval.make_v36_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v36")

SOURCES: dict[str, Source] = {
    "siade": Source(
        "etalab/siade_staging_data",
        "2045a4bdce9915c5ff68aa3442ccca50eebef23a",
        "MIT",
        ("payloads/*.yaml",),
        "the staging payloads of API Particulier and API Entreprise (France: the parameters and "
        "responses of family allowances, solidarity health cover, students' and pupils' status, "
        "scholarships, jobseekers' status, national service, vehicle registration, income tax "
        "notices, companies' registry, tax and social security certificates, associations)",
    ),
    "sunereum": Source(
        "insillion/sunereum",
        "dc5f0d02cf7431ffb00c36003f8a96d86db3996f",
        "MIT",
        ("api/*.md",),
        "the request and response examples of Insillion's Sunereum API documentation "
        "(insurance of solar plants for brokers and underwriters: quotes, proposals, documents, "
        "payments, claims)",
    ),
    "bo4e": Source(
        "Hochfrequenz/BO4E-dotnet",
        "a2ea4f603bb33301b4f0d7f63f1fb1317ba5fb6f",
        "MIT",
        ("BO4ETestProject/*.json",),
        "the example business objects of Hochfrequenz' BO4E library (Business Objects for "
        "Energy, Germany: business partners, contracts, invoices, market and metering "
        "locations, meters, market participants)",
    ),
    "n3o": Source(
        "n3oltd/support",
        "522c478021f8e6315865b8eb83c382b7d51f3833",
        "MIT",
        ("docs/*.md",),
        "the webhook and integration examples of N3O's Engage documentation (a charity CRM, UK: "
        "single and regular donations, sponsorships, pledges, Gift Aid)",
    ),
    "hmcts": Source(
        "hmcts/sscs-track-your-appeal-notifications",
        "b49a116a91de7fc0c1bc0610c6253d5dce289cf4",
        "MIT",
        ("src/e2e/resources/*.json", "src/test/resources/json/*.json"),
        "the example case callbacks of HM Courts & Tribunals Service's notifications service for "
        "Social Security and Child Support tribunal appeals (UK: appellants, appointees, "
        "representatives, joint parties and other parties with their contacts, addresses and "
        "National Insurance numbers; hearings, evidence, directions)",
    ),
    "dwp": Source(
        "dwp/dwp-health",
        "ee87f0b745e1c9c17372db4d4a0e8a647f471c24",
        "MIT (LICENCE.txt, the GOV.UK prototype kit's)",
        ("app/views/*/data/*.js",),
        "the example records of the Department for Work and Pensions' health assessment "
        "prototype (UK: claimants referred for assessments with their National Insurance "
        "numbers, contacts and addresses; appointments, assessment centres, health "
        "professionals)",
    ),
    "efile": Source(
        "SuffolkLITLab/EfileProxyServer",
        "efd1857400d07f16d9daa6036677aa5905b9c4af",
        "MIT",
        (
            "proxyserver/src/test/resources/*.json",
            "proxyserver/src/main/resources/examples/*.json",
            "docs/*.md",
        ),
        "the example filings, people and case lists of the Suffolk LIT Lab's e-filing proxy "
        "server for state courts (US: court filings from guided interviews with their parties, "
        "addresses and documents) and the examples of its REST guide",
    ),
    "cra": Source(
        "cds-snc/cra-claim-tax-benefits",
        "adc3e39a8db69e03f0061a590d1ecc3332401bfc",
        "MIT",
        ("api/*.json", "cypress/fixtures/user*.json", "db/*.json"),
        "the example taxpayers and answers of the Canadian Digital Service's prototype for "
        "claiming tax benefits with the Canada Revenue Agency (Canada: taxpayers with their "
        "social insurance numbers, birth dates and addresses; deductions and benefits)",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v36<source>/<family>``): as v17's to v35's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {
    "v36hmcts": 26,
    "v36dwp": 12,
    "v36siade": 17,
    "v36efile": 16,
}
CAPS = real_sets.Caps("v36", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a developer's own surname and his own mail address (with a tag) as a self-represented
    # filer's in the e-filing proxy's test filings
    "efile": frozenset(
        {
            "8e020cf7af836f4c2c31f128c7814a68e2bf738ff4a655cfcc51038d06c173ca",
            "502f37a4ae114dc13dcf8f6918fb8fce82a59efb5a24ddcf1ea727087de76a73",
        }
    ),
}

#: A fenced block of JSON, JavaScript or no language, its fence indented or not.
_FENCED = re.compile(
    r"^[ \t]*```[ \t]*(?:json|javascript|js|JSON)?[ \t]*\n(.*?)\n[ \t]*```", re.S | re.M
)


#: A bracketed note written into an example after a value (``true, [This will only be true
#: if …],``, over one line or more): dropped with the comma it leaves doubled.
_NOTE = re.compile(r"[ \t]*\[[A-Z][a-z]+ [^\[\]]*\]")
_DOUBLED_COMMA = re.compile(r",([ \t]*),")


def _md_pages(name: str) -> Extractor:
    """The JSON examples (fenced blocks of JSON, JavaScript or no language, read leniently as
    v22 to v24 read them, ``//`` comments and bracketed notes removed) and ``curl`` bodies of each
    markdown page of source ``name``, each in the family of its page and the first-level heading
    above it (`make_v24._bodies`)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            rel = real_sets.rel(cache, name, p)
            parts = rel.split("/")
            page = real_sets.words_family(parts[-2] if parts[-1] == "index.md" else parts[-1])
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0
            ]
            for block in _FENCED.finditer(text):
                body = _NOTE.sub("", make_v21._LINE_COMMENT.sub("", block.group(1)))
                body = _DOUBLED_COMMA.sub(r",\1", body)
                if body.lstrip().startswith('"'):  # a member written alone (``"Stripe": {…}``)
                    body = "{" + body + "}"
                yield from make_v24._bodies(page, cuts, block.start(), body)
            for block in make_v22._CURL_BODY.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))

    return extract


def _staging_payloads(name: str) -> Extractor:
    """The parameters and the response of each staging payload file (YAML: ``params`` and a
    JSON ``payload``), in the family of the endpoint's folder."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            one = real_sets.load_yaml(p)
            if not isinstance(one, dict):
                continue
            family = real_sets.slug(real_sets.rel(cache, name, p).split("/")[1])
            params = one.get("params")
            if isinstance(params, dict):
                yield family, params
            payload = one.get("payload")
            body = real_sets.load_json(payload) if isinstance(payload, str) else payload
            if isinstance(body, dict | list):
                yield family, body

    return extract


def _parts(body: Any, most: int = CAPS.max_leaves) -> Iterator[Any]:
    """``body`` whole if it has at most ``most`` leaves, else each of its object and array
    members (and an array's items) the same way, under the keys that lead to them: a tribunal
    case callback (``{"case_details": {"case_data": {…}}}``) gives its parts at their own
    paths."""
    if sum(1 for _ in real_sets.leaves(real_sets.cut(body, CAPS.array_items))) <= most:
        yield body
    elif isinstance(body, dict):
        for k, v in body.items():
            if isinstance(v, dict | list):
                for part in _parts(v, most):
                    yield {k: part}
    elif isinstance(body, list):
        for item in body[: CAPS.array_items]:
            yield from _parts(item, most)


def _callbacks(name: str, most: int = CAPS.max_leaves) -> Extractor:
    """Each JSON file of source ``name`` by its parts of at most ``most`` leaves (`_parts`), in
    the family of its file's stem."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in real_sets.json_files(name, real_sets.stem_words)(cache):
            for part in _parts(body, most):
                yield family, part

    return extract


#: A JavaScript module that exports a JSON literal (``module.exports = [ … ];``).
_MODULE_EXPORTS = re.compile(r"^\s*module\.exports\s*=\s*(.*?);?\s*$", re.S)


def _exported_records(name: str) -> Extractor:
    """The records each JavaScript data module of source ``name`` exports (an array: each item
    a document), in the family of its area and file (``app/views/appoint/v12/data/staff.js``
    → ``appoint_staff``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            m = _MODULE_EXPORTS.match(p.read_text(encoding="utf-8"))
            body = make_v21._lenient_json(m.group(1)) if m else None
            parts = real_sets.rel(cache, name, p).split("/")
            family = real_sets.slug(f"{parts[2]}_{real_sets.stem(parts[-1])}")
            for item in body if isinstance(body, list) else [body]:
                if isinstance(item, dict):
                    yield family, item

    return extract


def _records(name: str) -> Extractor:
    """Each JSON file of source ``name`` whole, or each of its items if it is an array of
    records, in the family of its file's stem."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in real_sets.json_files(name, real_sets.stem_words)(cache):
            for item in body if isinstance(body, list) else [body]:
                if isinstance(item, dict | list):
                    yield family, item

    return extract


def _efile() -> Extractor:
    """The e-filing proxy's JSON files by their parts of at most 30 leaves (`_callbacks`) and its
    guide's pages' examples (`_md_pages`)."""
    files, pages = _callbacks("efile", 30), _md_pages("efile")

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in files(cache):
            yield family, body
        for family, body in pages(cache):
            yield family, body

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    "siade": _staging_payloads("siade"),
    "sunereum": _md_pages("sunereum"),
    "bo4e": real_sets.json_files("bo4e", real_sets.stem_words),
    "n3o": _md_pages("n3o"),
    # a tribunal case callback's parts of at most 12 leaves (an appellant's name, address,
    # contact or identity, a hearing …): smaller documents than a whole case, so that the cap on
    # HMCTS' share of the labels keeps more of its families
    "hmcts": _callbacks("hmcts", 12),
    "dwp": _exported_records("dwp"),
    "efile": _efile(),
    "cra": _records("cra"),
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v36", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
