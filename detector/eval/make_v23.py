"""Build ``data/v23/real.jsonl``: API documentation examples, sample data and test bodies that
publishers not used by v1 to v22 released under permissive licences (retail and marketplaces,
loyalty and coupons, insurance, cars and EV charging, energy, media, newsletters and CRMs),
labelled by the rules of `make_v23_rules` and then by hand decisions (``data/v23/overrides.json``),
under the one convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v23 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v23`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v21, make_v22, real_sets
from detector.eval.make_v23_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files

DATA, OUT, OVERRIDES = real_sets.set_files("v23")


SOURCES: dict[str, Source] = {
    "zego": Source(
        "Zegocover/documentation",
        "0cd08f77b7ebb3e8174e9b7d9a7a94f387162f6e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Zego's (motor insurance for gig-economy "
        "drivers and riders, UK) partner API documentation: customers with names, birth "
        "dates, addresses and phones, occupations, policies, shifts, webhooks",
    ),
    "autoscout": Source(
        "AutoScout24/api",
        "ff53e50b7b0920c0cb2fbbcea2c1e79e8f215560",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of AutoScout24's (car marketplace, Germany) "
        "listing API documentation: vehicle listings, makes and models, dealers' contacts and "
        "customer details, images, financing offers",
    ),
    "aplazame": Source(
        "aplazame/slate",
        "65e699d61aa76d95447bdf683f910e072527284c",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Aplazame's (instalment payments at e-commerce "
        "checkouts, Spain) API documentation: checkouts, orders, customers with names, "
        "e-mail addresses, phones, addresses and birth dates, merchants, campaigns",
    ),
    "booqable": Source(
        "booqable/api-documentation",
        "44d6db9249810a80a449e6b3478ca99fa0a6b48d",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Booqable's (rental shop software, the "
        "Netherlands) API documentation: customers with names, e-mail addresses and addresses, "
        "orders, lines, products, planning",
    ),
    "flowplayer": Source(
        "flowplayer/api-docs",
        "f74bf51f5aeab91e2b62ea49e26fc1af18023256",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Flowplayer's (online video platform, Sweden) "
        "API documentation: video analytics and platform resources, with few personal fields",
    ),
    "receiptful": Source(
        "Receiptful/receiptful-api-docs",
        "d6528a42ec9746be94ea17550230ebdea28edf67",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Receiptful's (e-commerce receipts, coupons, "
        "abandoned carts and reviews; Conversio) API documentation: receipts and customers "
        "with e-mail addresses and names, coupons, products, newsletters",
    ),
    "fluentcrm": Source(
        "FluentCRM/rest-api-doc",
        "de5dd8c3726ad441b1f97ba930b372ac82c9f4d0",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of FluentCRM's (e-mail marketing CRM for "
        "WordPress, WPManageNinja) REST API documentation: contacts with names, e-mail "
        "addresses, phones, addresses and birth dates, companies, lists, tags, campaigns",
    ),
    "sellf": Source(
        "Sellf/docs",
        "51d5b40d29eac6918cd0570e85d2ee73a44bbd9d",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Sellf's (sales CRM, Italy) API documentation: "
        "people and companies with names, e-mail addresses, phones and addresses, deals, "
        "appointments, calls, check-ins with coordinates",
    ),
    "mailwizz": Source(
        "ems-api/docs",
        "443d43d394de39be14a1279677c2760c6b8e4e75",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of MailWizz's (self-hosted e-mail marketing and "
        "newsletters, Romania) API documentation: lists, subscribers with e-mail addresses "
        "and names, campaigns, bounces, customers, templates, transactional e-mails",
    ),
    "pavo": Source(
        "OMSMasterSystem/pavob2b-rest-docs",
        "5927e7be980a59ab57c03876573120c7b058fbf7",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of OMS Master System's PAVO B2B (wholesale "
        "ordering) REST API documentation: products, shopping carts, orders with buyers' "
        "addresses, events",
    ),
    "portify": Source(
        "cjbutcher/portify-client-api-docs",
        "155ae053492ff9af4b3cd57defc1e88b6840e1d4",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md",),
        "the request and response examples of Portify's (money management and perks for "
        "freelancers, UK) client API documentation: access tokens, bank connections, perk "
        "redemptions, users",
    ),
    "talkable": Source(
        "talkable/talkable-docs",
        "53da907786ffc69fd5ccefcef95273ece613d00f",
        "MIT",
        ("source/api_v2/*.rst",),
        "the sample requests and responses of Talkable's (referral and loyalty marketing) "
        "documentation: origins (purchases, events), people and loyalty members with e-mail "
        "addresses and names, rewards, coupons, shares",
    ),
    "capillary": Source(
        "Capillary/api-documentation",
        "f377ac0361c83f2d04dea632aa3da2d2ec34a83d",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Capillary Technologies' (loyalty programmes "
        "and retail CRM, India) API documentation: customers with names, e-mail addresses, "
        "mobile numbers and custom fields, transactions, points, coupons, rewards, stores, "
        "requests",
    ),
    "vitamojo": Source(
        "vita-mojo/slate",
        "355ab7cb856bbe21d1ac9e1f3e6866c8f6492be5",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Vita Mojo's (restaurant ordering, payments "
        "and loyalty platform, UK) VMOS API documentation: users, orders, loyalty, payments, "
        "catalogue, tenants",
    ),
    "ktfootball": Source(
        "KTFootball/dev-doc",
        "129da2b71215a74d7f3a795e10ee09bb463f9a56",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of KT Football's (football club and amateur "
        "league app, China) API documentation: users, clubs, games, activities, "
        "assessments, merchandise, with Chinese names and places",
    ),
    "lemlist": Source(
        "l3mpire/lemlist-developer",
        "c02d79d239174c5ec100da9189e5d0fa2d29b570",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of lemlist's (sales e-mail outreach, France) API "
        "documentation: campaigns, leads with names, e-mail addresses and companies, "
        "activities, hooks, team, unsubscribes",
    ),
    "booqable4": Source(
        "booqable/boomerang-api-documentation",
        "6df3912485ad6a96b70fb9d57a18f9dc2e355fc6",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Booqable's API v4 documentation (the same "
        "publisher's newer API): customers, orders, documents, payments, inventory, employees, "
        "locations, with names, e-mail addresses, phones and addresses",
    ),
    "simicart": Source(
        "Simicart/magento_docs",
        "5d2d7d0e2230e62857a08f149f9ca36c46913878",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of SimiCart's (mobile shopping apps for Magento "
        "stores, Vietnam) API documentation: customers and addresses with names, e-mail "
        "addresses and phones, orders, quotes, products, gift cards, payment methods",
    ),
    "nexopos": Source(
        "Blair2004/nexopos-slate",
        "ca77192f7a81a55dbfb02dc3fbe9b2f38790df78",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of NexoPOS's (retail point of sale and inventory, "
        "Cameroon) API documentation, kept by its author: customers, orders, products, "
        "providers, procurements, registers, users",
    ),
    "crmplatform": Source(
        "webaccess/crmplatform-docs",
        "42712e922d35fad98f1401ef6b48cea735d665c9",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of webaccess's CRM Platform API documentation: "
        "contacts, leads, companies, users, countries, states and districts",
    ),
    "directiq": Source(
        "ardabasoglu/DirectIQSlateSource",
        "11b571c74cae4c0347c7c8541859aea27bdd8ac1",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of DirectIQ's (e-mail marketing) API "
        "documentation: contacts with e-mail addresses and names, lists, campaigns, reports",
    ),
    "sise": Source(
        "Cloudblue-us/sise-api",
        "76fc27637c2e468182c2b22911bd695a9f27b37c",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Cloudblue's SISE integration API documentation "
        "(insurance policy administration, Latin America): insured parties with names, "
        "identity document numbers, birth dates, addresses and phones, policies, coverages, "
        "claims causes, in Spanish",
    ),
    "ganadero": Source(
        "Cloudblue-us/ganadero",
        "41a8bfc945f3f089e26d9d9b0900072d8c83526f",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Cloudblue's Banco Ganadero integration API "
        "documentation (the same publisher's bancassurance, Bolivia): clients, accounts, "
        "financing, flat files, in Spanish",
    ),
    "focusnfe": Source(
        "FocusNFe/pdv-api-doc",
        "efd076946d9dbeb287c92e066197b4508ad91b30",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Focus NFe's Focus Lojas (retail point of sale "
        "and fiscal documents, Brazil) API documentation: clients with CPF and CNPJ numbers, "
        "names, addresses and phones, suppliers, cards, departments, in Portuguese",
    ),
    "loadingplay": Source(
        "loadingplay/slate",
        "9ef88e619aabb862d419d8a46379fb4e16172769",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Loading Play's (e-commerce platform, Chile) API "
        "documentation: customers, carts, orders, discounts, products, shippings, in Spanish",
    ),
    "kem": Source(
        "KEMSolutions/slate",
        "65e9ea14c91e58e8758069596c460eee1e205579",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of KEM Solutions' (e-commerce store API, Canada) "
        "documentation: customers, addresses, orders, products, brands, store, contracts",
    ),
    "bboxx": Source(
        "BBOXX/slate",
        "e2baa73d1f32ecb59950d45e22cd537c6c8aad54",
        "Apache-2.0",
        ("source/includes/*.md",),
        "the response examples of BBOXX's (off-grid solar home systems and pay-as-you-go "
        "energy, UK and Africa) SMART API documentation: products, customers, repairs, "
        "alerts, anomalies, payment tokens, with few personal fields",
    ),
    "saleor": Source(
        "saleor/saleor",
        "723cd4eba87dfc72822ade45dc08a3caa548428d",
        "BSD-3-Clause",
        ("saleor/static/populatedb_data.json",),
        "the sample shop data of Saleor (headless e-commerce platform, Poland): products, "
        "variants, attributes, categories, collections, menus, pages, channels, warehouses, "
        "shipping zones, with few personal fields",
    ),
    "ocpp": Source(
        "mobilityhouse/ocpp",
        "b0e0b07fd77652a586b0b6aba1bac77b6683573a",
        "MIT",
        ("tests/*.py",),
        "the OCPP messages of The Mobility House's OCPP library tests (EV charge point and "
        "central system protocol): boot notifications, transactions, meter values, charging "
        "profiles, with few personal fields",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v23<source>/<family>``): as v17's to v22's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v23capillary": 40}
CAPS = real_sets.Caps("v23", per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_stem_words, _slug = real_sets.stem_words, real_sets.slug

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # public figures' names (jazz musicians) as a customer's
    "aplazame": frozenset(
        {
            "97a22fa048ba039c7b0ba574b61caf4546eee22b0049b2df0f0b26b3ce7e70ee",
            "9493e6dd982fd8297cb6c3ee8ccb0cf9fcc4dd611706136a6fcfd2dee5dd1afa",
            "3dac2672d71c1a13d9c8d07b6c7dc96fcb289f787877587ab31ad840c59c29b0",
        }
    ),
    # a public figure's name (a musician) as a customer's
    "zego": frozenset(
        {
            "6ad60cfce102c62c2152843dfae1672810c699ed7744dd290767fdf79b5326c1",
            "c84b1a7ebd6382772c39fbf013084bce3227ba1d0d50e0dc8407ebfca539b70c",
        }
    ),
    # a public figure's name (an actor) as an enrolled user's
    "portify": frozenset({"3091895dc812ed35ad41bfad245170418edbd7883772d98dcc94f9e0e863ac5e"}),
    # a staff member's personal address at the publisher's own domain
    "bboxx": frozenset({"c8b55a06c3c0c67196b0970a30dce6c86244817f4852132fd15939bd6a48ca88"}),
    # staff members' and subscribers' own names and addresses (personal, at the publisher's)
    "fluentcrm": frozenset(
        {
            "c8fc20bea59b07fd4a62e655f9e5cf11fd52f2a41ee6ee25927aec9bd449777c",
            "c4caf37249178df0aa7140af2899f1b8608d8cec8180f938afb3f4cd797e1694",
            "5a5437a099a68f3ffb3de6f382a4fddc31a5e74f3df257d30c4fff92a81ab565",
            "d3dd4e84af9558e4d6a7a7d37e1a0d8918508d008f70920cd398fd11669021c0",
        }
    ),
    # a user's own e-mail address and mobile numbers of recorded data
    "ktfootball": frozenset(
        {
            "9ebb3db2e08c112e7ddc9eeecb0785d4574dbc7bed0b115f2843550d68afaf93",
            "8046968e8be2c98801a8235418c9953222f3bab49075001641791c7ff48c959a",
            "9086757efc8a7f93369a4eac8b73be56d32ed2175a50220dc1794f08faf1d010",
        }
    ),
    # the author's own personal address
    "mailwizz": frozenset({"3a5ba101a7639ddfaeee04b0a1c29356d73b783b876997c37afbb9ee5d00b41c"}),
    # staff members' names and addresses at the publisher's own domain
    "sellf": frozenset(
        {
            "2262a1075905b5725a29078379e7a48fbe1cb42250860834f19dd08af48ebe62",
            "42c77da61ad1e2a3943e977ed2e04d3a1ce404644cd267421715a896a479de61",
            "eade4d8a9c7adaab99712cd3a20ea06776f6ee0f46bed6206b171f793c108f4b",
            "44645e2bb67c1178bdca4b65e4c2c96dd7e5e66fd300fc6f96ae731584e449f8",
            "345b68c0f00ee70fa25d5cec51c0288a4a26483fd37d953f8335e1e7745cedd4",
        }
    ),
    # the author's own name and the account he shows (the project's own address)
    "nexopos": frozenset(
        {
            "fa479f6c67fa7dee534c4419d2c9707b640e709093dff66afb69b965591e90bc",
            "c5c84d5dba91111738af4ee2c62736f660bab2d44e497a1b7c34b347d52e7834",
        }
    ),
    # a staff member's name and addresses at the publisher's own domain, a personal address
    "simicart": frozenset(
        {
            "5f761acdc3b790a7bc2e24e9e55e44e17c3534f89585b6fc769f88ac8e55ac76",
            "d0800e9cfb0e2f96089b5580c4ba6bfd3d238a2a607da53db128867b719507a0",
            "da44c5ec5bb59c4d56a3d852bf4e9d75119c28c2c89f2cf43e72c63ac34e05f7",
        }
    ),
    # a customer's personal address and IP address of recorded data
    "talkable": frozenset({"a0e87e1dd7b682e3a17948d63c45dbe9a3352a0a3cfd01f919434819e60f5e20"}),
}


def _page_family(rel: str) -> str:
    """A documentation page's family: its folder below ``includes`` and its stem's words
    (``includes/access_tokens/_create.md`` → ``access_tokens_create``)."""
    parts = rel.split("/")
    below = parts[parts.index("includes") + 1 : -1] if "includes" in parts else []
    page = re.sub(r"([a-z])([A-Z])", r"\1_\2", real_sets.stem(parts[-1]))
    return _slug("_".join([*below, page]))


#: A markdown quotation line written inside a code block (``> "Response status code: 200"``).
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*$", re.M)


def _pages(name: str, family_of: Callable[[str], str] = _page_family) -> Extractor:
    """The JSON examples (fenced ``json`` blocks) and ``curl`` request bodies of each markdown
    page of source ``name``, read leniently (v22's reading); family: ``family_of(path)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = p.read_text(encoding="utf-8")
            family = family_of(real_sets.rel(cache, name, p))
            for block in make_v22._FENCED_JSON.findall(text) + make_v22._CURL_BODY.findall(text):
                body = make_v21._lenient_json(_QUOTED_LINE.sub("", block))
                if isinstance(body, dict | list):
                    yield family, body

    return extract


#: An RST code block of JavaScript or JSON: the directive, then its indented lines.
_RST_BLOCK = re.compile(
    r"\.\. code-block:: (?:javascript|json)[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)+)", re.S
)


def _rst_examples(name: str) -> Extractor:
    """The JSON values of the ``javascript`` and ``json`` code blocks of each RST page of
    source ``name``; family: the page's folder and stem words."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            rel = real_sets.rel(cache, name, p)
            family = _slug("_".join(rel.rsplit(".", 1)[0].split("/")[1:]))
            for block in _RST_BLOCK.findall(p.read_text(encoding="utf-8")):
                body = make_v21._lenient_json(textwrap.dedent(block).strip())
                if isinstance(body, dict | list):
                    yield family, body

    return extract


#: A Python session's printed response (``r.json()`` then ``>>> {…}``) up to its block's end.
_PRINTED = re.compile(r"r\.json\(\)\s*\n\s*>>> (\{.*?)\n```", re.S)
#: Python's words and an unquoted timestamp where JSON wants its own.
_PY_WORDS = (
    (re.compile(r"\bNone\b"), "null"),
    (re.compile(r"\bTrue\b"), "true"),
    (re.compile(r"\bFalse\b"), "false"),
    (re.compile(r"\bu'([^'\n]*)'"), r'"\1"'),
    (re.compile(r"(?<=: )(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d)"), r'"\1"'),
)


def _printed_responses(name: str) -> Extractor:
    """The responses an interactive Python session prints in each markdown page of source
    ``name`` (Python's ``None``, ``u''`` strings and bare timestamps made JSON, then read
    leniently); family: the page's stem words."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            family = _page_family(real_sets.rel(cache, name, p))
            for printed in _PRINTED.findall(p.read_text(encoding="utf-8")):
                block = printed
                for pattern, json_word in _PY_WORDS:
                    block = pattern.sub(json_word, block)
                body = make_v21._lenient_json(block.strip())
                if isinstance(body, dict):
                    yield family, body

    return extract


def _fixture_records(name: str) -> Extractor:
    """Each record of a Django fixture file of source ``name`` (``{"model", "pk", "fields"}``)
    one by one; family: the record's model."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            records = real_sets.load_json(p.read_text(encoding="utf-8"))
            for one in records if isinstance(records, list) else []:
                if isinstance(one, dict) and isinstance(one.get("fields"), dict):
                    yield _slug(str(one.get("model", "record"))), one

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    **{
        name: _pages(name)
        for name in (
            "zego",
            "autoscout",
            "aplazame",
            "booqable",
            "flowplayer",
            "receiptful",
            "fluentcrm",
            "sellf",
            "mailwizz",
            "pavo",
            "portify",
            "capillary",
            "vitamojo",
            "ktfootball",
            "lemlist",
            "booqable4",
            "simicart",
            "nexopos",
            "crmplatform",
            "directiq",
            "sise",
            "ganadero",
            "focusnfe",
            "loadingplay",
            "kem",
        )
    },
    "talkable": _rst_examples("talkable"),
    "bboxx": _printed_responses("bboxx"),
    "saleor": _fixture_records("saleor"),
    "ocpp": make_v21._python_fixtures("ocpp"),
}


EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|mail|phone|tel|fax|mobil|cell|addr|street|line|birth|gender|sex|user|login|pass|"
    r"secret|token|key|iban|account|bank|tax|vat|document|passport|licen|ssn|lat|lon|coord|"
    r"ip|mac|contact|person|holder|owner|customer|member|buyer|driver|client|card|nif|dni|"
    r"cf|fiscal|identifier|value",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v23", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
