"""Build ``data/v17/real.jsonl``: SDK and client test fixtures, recorded API traffic and the
examples of published API descriptions and standards that publishers not used by v1 to v15
released under permissive licences, labelled by the rules below and then by hand decisions
(``data/v17/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v17 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v17`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

The rules are v17's own (`make_v17_rules`), wrapped in `real_sets.data_only` so that no leaf
without data is labelled. Documents holding a real person's data are left out: they are
recognised by the SHA-256 digests of words they hold (``REAL_PEOPLE``), so that no name is
written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v15, real_sets
from detector.eval.make_v17_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files

DATA, OUT, OVERRIDES = real_sets.set_files("v17")

SOURCES: dict[str, Source] = {
    "moneybird": Source(
        "web-mine/moneybird",
        "5f8d82e2bb359c476c6c2992a04b9d2d983d5704",
        "MIT",
        ("spec/fixtures/responses/*.json",),
        "the Moneybird (Dutch online invoicing and bookkeeping) API responses a Ruby client's "
        "tests replay: administrations, contacts with names, e-mail addresses, phones, "
        "addresses, tax numbers and bank accounts, invoices, estimates, financial mutations, "
        "ledger accounts, users, webhooks",
    ),
    "fakturownia": Source(
        "wooyek/fakturownia-python",
        "d95a629e6849c619bb63dda98c9e5ccec27e2ebd",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Fakturownia (Polish online invoicing, InvoiceOcean abroad) API requests, responses "
        "and webhooks a Python client's tests replay: clients and invoices with buyers' and "
        "sellers' names, tax numbers (NIP), addresses, e-mail addresses and bank accounts",
    ),
    "dnsimple": Source(
        "dnsimple/dnsimple-ruby",
        "e1764d89170e6eae5dbc2b07809ecc1d7c574ca5",
        "MIT",
        ("test/fixtures.http/*/*.http",),
        "the DNSimple (domain registrar and DNS hosting) API responses its official Ruby "
        "client's tests replay (raw HTTP): accounts and users, registrant contacts with names, "
        "e-mail addresses, phones and addresses, domains, zone records with IP addresses, "
        "certificates and their private keys, webhooks, templates, services",
    ),
    "bol": Source(
        "picqer/bol-retailer-php-client",
        "50d8cf6e3e0ffede1fec013ee6d31787ad63d7da",
        "MIT",
        ("tests/Fixtures/http/*",),
        "the bol.com (Dutch and Belgian online marketplace) Retailer API responses Picqer's PHP "
        "client's tests replay (raw HTTP): orders with shipment and billing details (names, "
        "addresses, e-mail addresses, VAT and chamber-of-commerce numbers), delivery options, "
        "offers, shipments, tokens",
    ),
    "mailjet": Source(
        "mailjet/mailjet-gem",
        "dd22b912e7a1e1447ea025d8a566a21d8774bb74",
        "MIT",
        ("spec/cassettes/*.yml",),
        "the Mailjet (French e-mail delivery and marketing service) API traffic its official "
        "Ruby gem's tests replay (VCR cassettes): contacts and contact lists with e-mail "
        "addresses and names, messages sent, API keys, senders, templates, statistics",
    ),
    "dcsa": Source(
        "dcsaorg/DCSA-OpenAPI",
        "5d0f8337a994e25d4605754339e14eb6bf2d1d08",
        "Apache-2.0",
        ("*/v*/*.yaml", "domain/*/*.yaml"),
        "the examples in the Digital Container Shipping Association's API descriptions "
        "(ocean-freight standards): bookings and electronic bills of lading with shippers', "
        "consignees' and notify parties' names, addresses, e-mail addresses and phones, "
        "arrival notices, track-and-trace events, vessel schedules, locations",
    ),
    "tomp": Source(
        "TOMP-WG/TOMP-API",
        "df3cc43419a0f3cab4591689f13d8d6b4fc3701f",
        "Apache-2.0",
        ("wiki/examples/objects/*.json", "wiki/examples/responses/*.json"),
        "the example objects of the Transport Operator MaaS Provider API (a Dutch-led "
        "mobility-as-a-service standard): travellers with licences, bookings, legs, assets "
        "(bikes, cars, scooters) with positions, stations, fares, payments, notifications",
    ),
    "osdm": Source(
        "UnionInternationalCheminsdeFer/OSDM",
        "36216f4030b736d6399b078d2da5586645464e6f",
        "Apache-2.0",
        ("mock/__files/responses/*.json",),
        "the mock responses of the Open Sales and Distribution Model (the International Union "
        "of Railways' rail ticketing API): offers, bookings and passengers with names, birth "
        "dates, e-mail addresses and phones, trips, places, fares, fulfilments",
    ),
    "opin": Source(
        "br-openinsurance/areadesenvolvedor",
        "49d4f72f9e49caf42b81a68b180d228c11d5c368",
        "Apache-2.0 (documentation/LICENSE, the folder taken)",
        ("documentation/source/files/swagger/current/*.yaml",),
        "the examples of Open Insurance Brasil's API descriptions (the Brazilian insurance "
        "open-data standard): customers with names, CPFs, CNPJs, birth dates, e-mail "
        "addresses, phones and addresses, policies of auto, home, life, rural and transport "
        "insurance with insured parties and beneficiaries, claims, quotes, consents",
    ),
    "exoscale": Source(
        "exoscale/python-exoscale",
        "0875327bcfd2db7d19b61065efac6f1a9a4e6a49",
        "ISC",
        ("exoscale/openapi.json",),
        "the property examples of the Exoscale (Swiss cloud provider) API description its "
        "Python client bundles: instances, managed databases and their settings, DNS, "
        "load balancers, IAM, with few personal fields",
    ),
    "packlink": Source(
        "packlink-dev/ecommerce_module_core",
        "1c91a3d005c0767bd744a3b8fec6806269dfc3d7",
        "Apache-2.0",
        ("tests/BusinessLogic/Common/ApiResponses/*.json",),
        "the Packlink PRO (Spanish multi-carrier shipping platform) API responses its "
        "e-commerce modules' shared core replays in tests: users, warehouses with names, "
        "e-mail addresses, phones and addresses, drop-off points with positions, shipments, "
        "parcels, tracking, customs, shipping services",
    ),
    "retailcrm": Source(
        "retailcrm/api-client-php",
        "8946611ce3db5f2c1382b17f377c28a0dce56ddc",
        "MIT",
        ("tests/src/ResourceGroup/*.php",),
        "the RetailCRM (Simla.com; e-commerce CRM of Russian origin) API responses and requests "
        "its official PHP client's tests replay (JSON in the tests' heredocs): customers and "
        "corporate customers with names, patronymics, e-mail addresses, phones and addresses, "
        "orders with deliveries, payments, users, segments, tasks, telephony, loyalty",
    ),
    "campaignmonitor": Source(
        "campaignmonitor/createsend-ruby",
        "a2f2ddbbd0845c6cbf1d20443000f0d319e9cc47",
        "MIT",
        ("test/fixtures/*.json",),
        "the Campaign Monitor (Australian e-mail marketing service) API responses its official "
        "Ruby library's tests replay: clients, lists and subscribers with e-mail addresses, "
        "names and IP addresses, campaigns, segments, templates, people, administrators, "
        "journeys, transactional messages",
    ),
    "campaignmonitorpy": Source(
        "campaignmonitor/createsend-python",
        "e78c132da58087c000bd4128b90de8e4feec9347",
        "MIT",
        ("test/fixtures/*.json",),
        "Campaign Monitor's second repository: the API responses its official Python library's "
        "tests replay (the Ruby library's fixtures, some of them changed, and more: journeys, "
        "transactional messages, segments); exact duplicates of the Ruby library's are left out",
    ),
    "chartmogul": Source(
        "chartmogul/chartmogul-ruby",
        "2e79dc55b9f4efae83d1036f080bc902928d5bda",
        "MIT",
        ("spec/fixtures/vcr_cassettes/*.yml",),
        "the ChartMogul (subscription analytics and CRM, London and Berlin) API traffic its "
        "official Ruby client's tests replay (VCR cassettes): customers with names, e-mail "
        "addresses, phones and addresses, contacts, notes, tasks, opportunities, plans, "
        "subscriptions, invoices, data sources, metrics",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v17<source>/<family>``): as v11 to v15's, but per
#: source at most 45 documents, so that no publisher supplies more than a fifth of the labels.
SOURCE_CAP: dict[str, int] = {"v17dcsa": 47, "v17opin": 40, "v17campaignmonitor": 54}
CAPS = real_sets.Caps("v17", per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_slug, _stem_words, _words_family = real_sets.slug, real_sets.stem_words, real_sets.words_family

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    "osdm": frozenset(
        {
            # a railway employee's surname, e-mail address and phone in the mock responses
            "a1b93f3514dadd215a3ec6ec1e5f29f1a587aa0edc033d46344b01777a677f96",
            "133273568b444c3e8d02778f38ca7da102d4ba7183107c89af303c30bc8f6b5a",
            "20fdb2262075b6a126504d9414a7a41126e3b5e1ab1d585e1078a146012ecec8",
        }
    ),
    "retailcrm": frozenset(
        {
            # a developer's e-mail address and surname, and mobile numbers that look real
            "77c9d40665820ee41cd29881c2b29809bbed611069500652bf444c65665a5ce0",
            "1a81d9b44ae8faedf11d817c35c4dd19060e5d32a4dc58ce42f3149cc516ef5a",
            "593b38766e1a2fea7b439042edac1da0b9c2006b000dcccb4b1bcdde12c9a36e",
            "7d31800527c7c50c6405f902e1b405601de398af1565984039f66a24188e10b5",
            "20211b765c1987979b6677091628c7b819e8ea39c9d548aa1c2767fa501e7f54",
            "9909d518064347356c586360873182e79bd6b9af2ad0c5e360a00bc0bf22371e",
            # a sole trader's surname beside a valid tax number, and an account's host name
            "d1ede457344df16fe3818a58411566e1cdd429085e5e645edc9a179480a7976a",
            "a5346304ea597a7d3d656fb2eb1526b7f183aa2e2ac1d7c1e5c6682eb2bb54f8",
        }
    ),
    "chartmogul": frozenset(
        {
            # the vendor's staff members' own e-mail addresses in the recorded traffic
            "191c53e49c53bf07c6712b0ed9891ac43397bbaa7d7b48b563225c23e5c08ee4",
            "9e904c816866f7d7a999332f98b9bc2d3073b1eb78c2e6ec4f9da801de5e91bf",
            "c7bdd57c0139f85f685e0fb0a1a48ae39ff7d989d6c1d598dbf0533742b773b4",
            "78063a388cc206895f1741b32043342b857242b3beae2da8a3dfa7b463bff3de",
            # a public figure's surname as a customer's name
            "981f966a392cf349784081395799a400e09133aa8ccec690878761498c97a892",
        }
    ),
    "fakturownia": frozenset(
        {
            # the client library author's own surname in a webhook fixture
            "3873c9d593f1bc51b2cba4c08f4d81f14d79d0864d2f309a000e521ad03cf467",
        }
    ),
    "campaignmonitor": frozenset(
        {
            # a developer's own host name in preview links
            "8ddab2b5f8a8eb8ec53a56ccd16b41f6c07512d1ed695ffd2d72198bed432430",
        }
    ),
    "packlink": frozenset(
        {
            # the sender's and recipient's surnames of a shipment that looks like a real order
            "873fc42a5952181eea451cee3681747710ae38f7c901a1d38c198eb1da473d1a",
            "509b5e55be7058d6f33b9848a8b5f7d2c8f2adc8e5de4dd3d32ec7803e94c8d9",
        }
    ),
}

marks = real_sets.marks


def _http_bodies(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The JSON body of each raw HTTP response file (status line, headers, a blank line, the
    body) of source ``name``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = p.read_text(encoding="utf-8").replace("\r\n", "\n")
            body = real_sets.load_json(text.split("\n\n", 1)[1] if "\n\n" in text else "")
            if isinstance(body, dict | list):
                yield family_of(real_sets.rel(cache, name, p)), body

    return extract


_PHP_METHOD = re.compile(r"function (\w+)\(")
_HEREDOC = re.compile(r"<<<'?EOF'?\n(.*?)\n\s*EOF;", re.S)


def _php_heredocs(name: str) -> Extractor:
    """The JSON written in the heredocs of each PHP test file of source ``name``; the family is
    the test method's words (``testCustomersList`` → ``customers_list``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            parts = _PHP_METHOD.split(p.read_text(encoding="utf-8"))
            for method, code in zip(parts[1::2], parts[2::2], strict=True):
                family = _words_family(re.sub(r"(?<!^)([A-Z])", r"_\1", method), r"^test_?")
                for block in _HEREDOC.findall(code):
                    body = real_sets.load_json(block)
                    if isinstance(body, dict | list):
                        yield family, body

    return extract


def _folder_family(rel: str) -> str:
    """The words of the file's folder (``test/fixtures.http/getContact/success.http`` →
    ``getcontact``)."""
    return _words_family(rel.split("/")[-2])


def _cassette_family(rel: str) -> str:
    """The words of a cassette's first folder below ``spec/cassettes`` (``Mailjet_Contact``)."""
    return _words_family(rel.split("/")[2].rsplit(".", 1)[0])


def _chained(*extractors: Extractor) -> Extractor:
    """The documents of several extractors in turn (one publisher's repositories: their fixtures
    share families, so that a fixture both hold lands in one half of the split)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for one in extractors:
            yield from one(cache)

    return extract


def _class_and_test(rel: str) -> str:
    """A cassette's class folder below ``vcr_cassettes`` and its test's words
    (``ChartMogul_Customer/API_Actions/creates.yml`` → ``chartmogul_customer_creates``)."""
    parts = rel.split("/")
    return _slug(f"{parts[3].rsplit('.', 1)[0]}_{_words_family(real_sets.stem(rel))}")


def _specs(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The examples of each API description of source ``name``: object examples under each
    path and component, then one object per component schema assembled from its properties'
    examples; the family is the description's (``family_of(path)``) and the example's own."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            rel = real_sets.rel(cache, name, p)
            spec = real_sets.load_yaml(p)
            if not isinstance(spec, dict):
                continue
            head = family_of(rel)
            for fam, body in real_sets.openapi_examples(spec, _api_path_family):
                yield _slug(f"{head}_{fam}"), body
            for fam, body in real_sets.schema_objects(spec, list_examples=True):
                yield _slug(f"{head}_{fam}"), body

    return extract


def _api_path_family(path: str) -> str:
    """An API path's first word that is not a version or a parameter (``/v3/bookings/{id}``
    → ``bookings``)."""
    parts = [p for p in path.split("/") if p and "{" not in p and not re.fullmatch(r"v\d+", p)]
    return _slug(parts[0]) if parts else "root"


def _spec_folder(rel: str) -> str:
    """DCSA's standard and version folder (``bkg/v2/...`` → ``bkg``, ``domain/dcsa/...`` →
    ``domain_dcsa``)."""
    first, second = rel.split("/")[:2]
    return _slug(f"{first}_{second}" if first == "domain" else first)


def _spec_stem(rel: str) -> str:
    """An API description's file stem without its version (``insurance-auto``)."""
    return _words_family(real_sets.stem(rel))


def _packlink_family(rel: str) -> str:
    """The words of the path below ``ApiResponses`` (``shippingservices_...``)."""
    return _words_family("_".join(rel.split("/")[4:]).rsplit(".", 1)[0])


_EXTRACTORS: dict[str, Extractor] = {
    "moneybird": _json_files("moneybird", _stem_words),
    "fakturownia": _json_files("fakturownia", _stem_words),
    "dnsimple": _http_bodies("dnsimple", _folder_family),
    "bol": _http_bodies("bol", _stem_words),
    "mailjet": make_v15._cassettes("mailjet", _cassette_family),
    "dcsa": _specs("dcsa", _spec_folder),
    "tomp": _json_files("tomp", _stem_words),
    "osdm": _json_files("osdm", _stem_words),
    "opin": _specs("opin", _spec_stem),
    "exoscale": _specs("exoscale", lambda rel: "api"),
    "packlink": _json_files("packlink", _packlink_family),
    "retailcrm": _php_heredocs("retailcrm"),
    "campaignmonitor": _chained(
        _json_files("campaignmonitor", _stem_words), _json_files("campaignmonitorpy", _stem_words)
    ),
    "chartmogul": make_v15._cassettes("chartmogul", _class_and_test),
}


EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|mail|phone|tel|fax|mobil|addr|street|straat|strasse|line|birth|gender|sex|salut|"
    r"user|login|pass|secret|token|key|iban|account|konto|rekening|bank|tax|vat|nip|cpf|cnpj|"
    r"document|passport|licen|ssn|lat|lon|coord|ip|mac|contact|person|holder|owner|customer|"
    r"passenger|traveller|driver|insured|beneficiar|party|shipper|consignee|buyer|seller",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v17", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
