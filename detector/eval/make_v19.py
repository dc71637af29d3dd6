"""Build ``data/v19/real.jsonl``: SDK and client test fixtures, recorded API traffic and the
examples of published API descriptions and documentation that publishers not used by v1 to v17
released under permissive licences, labelled by the rules of `make_v19_rules` and then by hand
decisions (``data/v19/overrides.json``), under the one convention of the data README ("One
convention, from v16 on").

``python -m detector.eval.make_v19 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v19`` rebuilds the committed file from the cache and prints the
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

from detector.eval import make_v8, make_v15, make_v16, make_v17, real_sets
from detector.eval.make_v19_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files

DATA, OUT, OVERRIDES = real_sets.set_files("v19")

SOURCES: dict[str, Source] = {
    "fattureincloud": Source(
        "fattureincloud/openapi-fattureincloud",
        "362e3fe524ca5a8cd8b79efdf036c464c16c5c42",
        "MIT",
        ("openapi.yaml",),
        "the examples of the Fatture in Cloud (Italian online invoicing and bookkeeping, "
        "TeamSystem) API description: clients and suppliers with names, tax codes (codice "
        "fiscale), VAT numbers, addresses, e-mail and certified e-mail addresses, phones and "
        "IBANs, issued and received documents, receipts, F24 tax payments, cashbook, users",
    ),
    "stackit": Source(
        "stackitcloud/stackit-api-specifications",
        "b7d1b614138d667d378a5fd45e2a91539a7fb02e",
        "Apache-2.0",
        ("services/*.json",),
        "the examples of the STACKIT (German cloud of the Schwarz group) API descriptions: "
        "servers, networks and IP addresses, managed databases and their users, DNS, load "
        "balancers, object storage, observability, IAM, with few personal fields",
    ),
    "klaviyo": Source(
        "klaviyo/openapi",
        "f0a30ba41254904dc410d84ca497df68f8872276",
        "MIT",
        ("openapi/stable.json",),
        "the property examples of the Klaviyo (e-mail and SMS marketing) API description: "
        "profiles with names, e-mail addresses, phones, addresses and positions, lists, "
        "segments, campaigns, flows, catalogs, events, coupons, reviews",
    ),
    "epages": Source(
        "ePages-de/beyond_api-ruby_client",
        "bafd0d6b312d6eeda179d319d763cc827a8dfd64",
        "MIT",
        ("spec/vcr_cassettes/*.yml",),
        "the ePages Beyond (German e-commerce platform) API traffic its official Ruby client's "
        "tests replay (VCR cassettes, branch wip-v2): carts with billing and shipping addresses, "
        "customers, orders, payment methods, pickup options, locations, products, shop, users, "
        "webhooks, tokens",
    ),
    "epagesnow": Source(
        "ePages-de/epages-rest-ruby",
        "6335a43193c7f2c7bddaccabbac6413f7e3257c4",
        "MIT",
        ("spec/fixtures/*.json",),
        "ePages' second repository: the ePages Now REST API responses its Ruby client's tests "
        "read: orders with billing addresses, products, categories, shipping methods",
    ),
    "stancer": Source(
        "wearestancer/lib-php",
        "01ff7f8b99dfb2b4fac16e89a97b6a1164ef6a65",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Stancer (French payment service provider, Iliad group) API responses its PHP "
        "library's tests read: customers with names, e-mail addresses and mobiles, cards, SEPA "
        "mandates with IBANs and birth dates, payments, payment intents, refunds, disputes, "
        "payouts",
    ),
    "paynow": Source(
        "pay-now/paynow-php-sdk",
        "4e9244687347acf2b0566c44251c451a2e57e616",
        "MIT",
        ("tests/resources/*.json",),
        "the Paynow (mBank's Polish payment gateway) requests, responses and notifications "
        "its PHP SDK's tests read: payments with buyers' names, e-mail addresses and phones, "
        "payment methods, refunds, shop configuration",
    ),
    "openpay": Source(
        "open-pay/slate",
        "f9ca7fe5567853f8a703eb93436461605952eef7",
        "Apache-2.0 (its LICENSE, Slate's, covers the repository)",
        ("source/includes/es/*.md",),
        "the JSON examples of the Openpay (Mexican payment gateway, BBVA) API reference in "
        "Spanish (Slate markdown): customers with names, e-mail addresses, phones, addresses "
        "and CLABE accounts, cards, bank accounts, charges, payouts, plans, subscriptions, "
        "stores, webhooks",
    ),
    "tflow": Source(
        "RJFryman/tflow_api",
        "609262ec376b23a0318cc2c21ac9178ab9adfd4e",
        "MIT",
        ("spec/fixtures/*.json",),
        "the TFlow (print production workflow and ordering) API responses a Ruby client's tests "
        "read: clients, users, orders, jobs, workgroups, roles, webhooks",
    ),
    "mds": Source(
        "openmobilityfoundation/mobility-data-specification",
        "fb4d24e19066a41c091cea8d5a5f76a864263f69",
        "CC-BY-4.0",
        ("*/examples/*.json", "*.md"),
        "the examples of the Mobility Data Specification (the Open Mobility Foundation's "
        "standard between cities and shared-mobility operators): trips, vehicles and events "
        "with positions, geographies, policies, jurisdictions, metrics, agency requests",
    ),
    "wise": Source(
        "transferwise/public-api-postman-collection",
        "032ec3a052c0f42acfa061eb5f198aac1ee4cb46",
        "MIT",
        ("*.postman_collection.json",),
        "the request bodies and example responses of the Wise (TransferWise; international "
        "money transfers and payouts) public API's Postman collections: recipients with "
        "account holders' names, addresses and bank details (sort codes, ABA, IBANs), quotes, "
        "transfers, balances, cards, profiles",
    ),
    "resend": Source(
        "resend/resend-openapi",
        "fd6f395f2114e13806025f0c330921c901d62bb1",
        "MIT",
        ("resend.json",),
        "the examples of the Resend (e-mail sending for developers) API description: e-mails "
        "with senders and recipients, contacts and audiences, domains with their DNS records, "
        "API keys, broadcasts, webhooks",
    ),
    "zenvia": Source(
        "zenvia/zenvia-openapi-spec",
        "56b6f78cd39b8363566b061455ac7703a305c1d6",
        "MIT",
        ("test/contract/cases/*.json",),
        "the request and response bodies of the contract tests of the Zenvia (Brazilian "
        "customer-communication platform) API description: WhatsApp, Instagram, Telegram, "
        "voice and business messages with senders and recipients, templates, subscriptions, "
        "batches",
    ),
    "geoapify": Source(
        "geoapify/geoapify-openapi-specs",
        "f07140d5ea718718fd9f0fed1d020187fc22d28c",
        "MIT",
        ("api-specs/*.yaml",),
        "the examples of the Geoapify (German maps, geocoding and routing) API descriptions: "
        "geocoded addresses with positions, places, routes, isolines, IP geolocation",
    ),
    "ratepay": Source(
        "ratepay/postman-collections",
        "d7b4295682e3851bdd5009884577f8780e813cba",
        "MIT",
        ("*.postman_collection.json",),
        "the request bodies and example responses of the Ratepay (German buy-now-pay-later "
        "and invoice payments) Payment API's Postman collections: buyers with names, birth "
        "dates, e-mail addresses, phones, billing and delivery addresses and bank accounts, "
        "shopping baskets, payments, refunds",
    ),
    "attentive": Source(
        "attentive-sales-engineering/attentive-api-postman-collections",
        "6a07a12736a8514ec3013f821306028804d00bdc",
        "MIT",
        ("*.postman_collection.json",),
        "the request bodies and example responses of the Attentive (SMS and e-mail marketing) "
        "API's Postman collections: subscribers with phones and e-mail addresses, custom "
        "events and attributes, products, webhooks",
    ),
    "gemfury": Source(
        "gemfury/gemfury",
        "dc1d17216f913f5910aa9b04967962892cdf17e3",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Gemfury (private package hosting) API responses its official Ruby client's tests "
        "read: accounts, collaborators, packages, versions, uploads, with few personal fields",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v19<source>/<family>``): as v17's, per source at
#: most 60 documents with rule labels (fewer where one source would supply more than a fifth of
#: the labels), and v16's step (`make_v16._Builder`): the first document of each family without
#: any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v19stackit": 120, "v19epages": 12}
CAPS = real_sets.Caps("v19", per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_stem_words, _words_family, _slug = real_sets.stem_words, real_sets.words_family, real_sets.slug

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    "epages": frozenset(
        {
            # a staff member's own e-mail address as the shop's address in the recorded traffic
            "f467ac367159dee78c800acc6a6825575b8150533753fdd4718345f9c236de67",
        }
    ),
    "resend": frozenset(
        {
            # a public figure's surname as a contact's name and a webmail address
            "6a68e051cada3d69868d1fdf595d9a2f4a76af80db4f2b722260a8c500b25261",
            "c005019524506b918f70dd05a829c5e7f5c1435d7c737fda3ad936b12242a6f9",
        }
    ),
    "openpay": frozenset(
        {
            # a webmail address under a customer's name that may be a real customer's
            "cebd04530f164db9da3fb7cf98ec166013e497f3ae8f2758406a7e2cef71e539",
        }
    ),
}

marks = make_v17.marks


def _specs(
    name: str,
    family_of: Callable[[str], str],
    path_family: Callable[[str], str] = make_v17._api_path_family,
) -> Extractor:
    """`make_v17._specs` with the API path's family chosen (``path_family``) and descriptions
    written in JSON read as JSON (a YAML reader takes minutes on the largest)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = p.read_text(encoding="utf-8")
            is_json = p.suffix == ".json"
            spec = real_sets.load_json(text) if is_json else real_sets.load_yaml(p)
            if isinstance(spec, dict):
                head = family_of(real_sets.rel(cache, name, p))
                for fam, body in real_sets.openapi_examples(spec, path_family):
                    yield _slug(f"{head}_{fam}"), body
                for fam, body in real_sets.schema_objects(spec, list_examples=True):
                    yield _slug(f"{head}_{fam}"), body

    return extract


def _company_path_family(path: str) -> str:
    """Fatture in Cloud's API path below its company (``/c/{company_id}/entities/clients/{id}``
    → ``entities_clients``): the words that are not parameters, at most two."""
    parts = [p for p in path.split("/") if p and "{" not in p]
    if parts[:1] == ["c"]:
        parts = parts[1:]
    return _slug("_".join(parts[:2])) if parts else "root"


_JSON_BLOCK = re.compile(r"```json\s*\n(.*?)\n```", re.S)


def _markdown_json(
    name: str,
    family_of: Callable[[str], str] = _stem_words,
    blocks: re.Pattern[str] = _JSON_BLOCK,
    suffixes: tuple[str, ...] = (".md",),
) -> Extractor:
    """The JSON code blocks (``blocks``) of each markdown file (``suffixes``) of source
    ``name``; family: ``family_of(path)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            if p.suffix not in suffixes:
                continue
            family = family_of(real_sets.rel(cache, name, p))
            for block in blocks.findall(p.read_text(encoding="utf-8")):
                body = real_sets.load_json(block)
                if isinstance(body, dict | list):
                    yield family, body

    return extract


#: Postman variables (``{{profile-id}}``) and placeholders (``<your profile id>``) written
#: where a JSON value belongs, not quoted: they are quoted so that the body parses.
_BARE_TEMPLATE = re.compile(r'(?<!")(\{\{[^{}"\n]*\}\}|<[^<>"\n]+>)(?!")')


def _postman(name: str) -> Extractor:
    """The raw JSON request bodies and example responses of each Postman collection of source
    ``name``; family: the collection's folder and the request's words."""

    def items(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if isinstance(node.get("request"), dict):
                yield node
            for v in node.values():
                yield from items(v)
        elif isinstance(node, list):
            for v in node:
                yield from items(v)

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            collection = real_sets.load_json(p.read_text(encoding="utf-8"))
            folder = real_sets.rel(cache, name, p).split("/")[0].split(".postman_")[0]
            for item in items(collection):
                family = _words_family(f"{folder}_{item.get('name', '')}")
                raw = (item["request"].get("body") or {}).get("raw")
                texts = [raw, *(r.get("body") for r in item.get("response") or [])]
                for text in texts:
                    if isinstance(text, str):
                        body = real_sets.load_json(_BARE_TEMPLATE.sub(r'"\1"', text))
                        if isinstance(body, dict | list):
                            yield family, body

    return extract


def _contract_cases(name: str) -> Extractor:
    """The request and response bodies of each contract-test case of source ``name``
    (``{"request": {"body": …}, "response": {"body": …}}``); family: its folder and stem."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            case = real_sets.load_json(p.read_text(encoding="utf-8"))
            if not isinstance(case, dict):
                continue
            family = _below(3)(real_sets.rel(cache, name, p))
            for side in ("request", "response"):
                body = (case.get(side) or {}).get("body")
                if isinstance(body, dict | list):
                    yield family, body

    return extract


def _below(depth: int) -> Callable[[str], str]:
    """A family from the words of the path below its first ``depth`` folders
    (``tests/fixtures/payment/create-sepa.json`` at 2 → ``payment_create_sepa``)."""
    return lambda rel: _words_family("_".join(rel.rsplit(".", 1)[0].split("/")[depth:]))


def _cassette_class(rel: str) -> str:
    """A cassette's class folder and its test's words, as v17's ChartMogul families
    (``spec/vcr_cassettes/BeyondApi_Checkout_Cart/with_cart/_find/retrieves.yml`` →
    ``checkout_cart_find_retrieves``)."""
    parts = rel.rsplit(".", 1)[0].split("/")[2:]
    return _words_family("_".join(parts).removeprefix("BeyondApi_"), r"with_[a-z]+_")


_EXTRACTORS: dict[str, Extractor] = {
    "fattureincloud": _specs("fattureincloud", lambda rel: "api", _company_path_family),
    "stackit": _specs("stackit", lambda rel: rel.split("/")[1]),
    "klaviyo": _specs("klaviyo", lambda rel: "api"),
    "epages": make_v17._chained(
        make_v15._cassettes("epages", _cassette_class),
        real_sets.json_files("epagesnow", lambda rel: f"now_{_stem_words(rel)}"),
    ),
    "stancer": real_sets.json_files("stancer", _below(2)),
    "paynow": real_sets.json_files("paynow", _stem_words),
    "openpay": _markdown_json("openpay"),
    "tflow": real_sets.json_files("tflow", _stem_words),
    "gemfury": real_sets.json_files("gemfury", _stem_words),
    "wise": _postman("wise"),
    "ratepay": _postman("ratepay"),
    "attentive": _postman("attentive"),
    "zenvia": _contract_cases("zenvia"),
    "geoapify": _specs("geoapify", lambda rel: rel.split("/")[1]),
    "resend": _specs("resend", lambda rel: "api"),
    "mds": make_v17._chained(
        real_sets.json_files("mds", lambda rel: f"{rel.split('/')[0]}_{_stem_words(rel)}"),
        _markdown_json("mds", lambda rel: _words_family(rel.rsplit(".", 1)[0])),
    ),
}


EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|nome|nom|mail|phone|tel|fax|mobil|cell|addr|street|via|indirizzo|direccion|line|"
    r"birth|nascita|gender|sex|salut|user|login|pass|secret|token|key|iban|account|conto|cuenta|"
    r"clabe|bank|tax|vat|fiscal|piva|rfc|curp|cpf|document|passport|licen|ssn|lat|lon|coord|ip|"
    r"mac|contact|person|holder|owner|customer|buyer|client|recipient|sender|member",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v19", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
