"""Build ``data/v13/real.jsonl``: real SDK and client test fixtures and API documentation
examples that publishers not used by v1 to v12 released under permissive licences, labelled by
the rules below and then by hand decisions (``data/v13/overrides.json``).

``python -m detector.eval.make_v13 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v13`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

v13 adds no rule of its own: its rules are v12's (``make_v12._leaf_types``, which end in v11's,
v10's, v9's and v8's); what they miss or mislabel in v13's sources is set right by the hand
decisions.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v12, real_sets
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files

DATA, OUT, OVERRIDES = real_sets.set_files("v13")

SOURCES: dict[str, Source] = {
    "soracom": Source(
        "soracom/soracom-cli",
        "bad112d56663775d2cb1302986016dcaa60b9261",
        "MIT",
        ("generators/assets/soracom-api.en.yaml", "generators/assets/sandbox/*.en.yaml"),
        "the examples of the SORACOM (Japanese IoT mobile carrier) API descriptions its "
        "command-line client is generated from: subscribers and SIMs (IMSI, ICCID, MSISDN), "
        "operators, users, credentials, groups, billing, orders with shipping addresses",
    ),
    "stellar": Source(
        "stellar/java-stellar-anchor-sdk",
        "49f9cbc88485d137d79ec96cd6eb34cb3fdabb2b",
        "Apache-2.0",
        (
            "core/src/test/resources/*.json",
            "platform/src/test/resources/*.json",
            "platform/src/test/resources/*/*.json",
            "platform/src/test/resources/*/*/*.json",
            "platform/src/test/resources/*/*/*/*.json",
        ),
        "the test resources of the Stellar Development Foundation's anchor platform (payouts "
        "and deposits on the Stellar network): Circle wire and wallet transfers with bank "
        "details and addresses, Stellar payments with account keys, client configurations",
    ),
    "automower": Source(
        "Thomas55555/aioautomower",
        "bbf2906667370f94d812796c45a390e64c9349a6",
        "MIT",
        ("tests/fixtures/*.json", "tests/fixtures/events/*.json"),
        "the Husqvarna Automower Connect (Swedish robotic mower) API responses and websocket "
        "events a third-party client's tests replay: mowers with serial numbers, positions, "
        "calendars, work areas, messages, an access token",
    ),
    "mealie": Source(
        "joostlek/python-mealie",
        "2a3ef07d27f312095bc8aac4945643304686113d",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Mealie (self-hosted recipe manager) API responses a client's tests replay: the "
        "user (user name, full name, e-mail), households, meal plans, recipes, shopping lists",
    ),
    "skybell": Source(
        "tkdrob/aioskybell",
        "89a555a75cc6146f9af6ad5b7c39f049012f0259",
        "MIT",
        ("tests/fixtures/*.json",),
        "the SkyBell (video doorbell) API responses a client's tests replay: login with an "
        "access token, the user (names, e-mail), devices with MAC and IP addresses, activities",
    ),
    "hyundai": Source(
        "Hyundai-Kia-Connect/hyundai_kia_connect_api",
        "a47d77c9a807ce1a2faf66b1171b32dabe99157c",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Hyundai and Kia connected-car API responses (Europe, USA, Canada, Australia, "
        "Brazil, China) a third-party client's tests replay: vehicle states with VINs and "
        "locations, user profiles",
    ),
    "bsblan": Source(
        "liudger/python-bsblan",
        "df7eaff99860c6681ea141424638c867b7734149",
        "MIT",
        ("tests/fixtures/*.json",),
        "the BSB-LAN (German heating-controller bus adapter) states a client's tests read: "
        "device information, heating circuits, hot water, sensors",
    ),
    "yalexs": Source(
        "bdraco/yalexs",
        "d431a9c534a999ce12e49e41da0e299b38be22fa",
        "MIT",
        ("tests/fixtures/*.json",),
        "the August and Yale (ASSA ABLOY smart locks) API responses a client's tests replay: "
        "locks and doorbells with serial numbers, MAC addresses and house names, users with "
        "names and identifiers, lock and door activities, PIN codes",
    ),
    "chappointments": Source(
        "companieshouse/company-appointments.api.ch.gov.uk",
        "69cc249607ccdf60219bef5bd9ad5b6efc395a02",
        "MIT",
        ("src/test/resources/*.json", "src/test/resources/*/*.json"),
        "the test resources of Companies House's (the UK register of companies) appointments "
        "API: company officers with names, birth months, nationalities, occupations, service "
        "addresses, identification of corporate officers",
    ),
    "chpsc": Source(
        "companieshouse/psc-data-api",
        "ae5ca95a968a4be208a4ff4efed5771a0b4d764e",
        "MIT",
        ("src/test/resources/*.json", "src/itest/resources/json/*/*.json"),
        "the test resources of Companies House's persons-with-significant-control API: "
        "individuals and legal entities with names, birth months, nationalities, residences, "
        "addresses and natures of control",
    ),
    "choverseas": Source(
        "companieshouse/overseas-entities-api",
        "ff0b7f7ef1041856ae005f50f611ac3be2be1864",
        "MIT",
        ("src/test/resources/*.json",),
        "the test resources of Companies House's register of overseas entities API: entities, "
        "presenters, beneficial owners and managing officers with names, birth dates, "
        "addresses and e-mail addresses",
    ),
    "chprofile": Source(
        "companieshouse/company-profile-api",
        "cbd6bbe2bddb6ba53dd7629f4a27683d41668bd4",
        "MIT",
        ("src/test/resources/*.json", "src/itest/resources/json/*/*.json"),
        "the test resources of Companies House's company profile API: companies with "
        "registered office addresses, accounts and confirmation statement dates, links",
    ),
    "spree": Source(
        "spree/spree",
        "cee28a23d9965d3c873955f2a567212450e4b335",
        "BSD-3-Clause",
        ("docs/api-reference/*.yaml",),
        "the examples of Spree Commerce's (by Vendo, Polish-American) storefront, store, "
        "admin and platform API descriptions: customers and accounts with names, e-mail "
        "addresses, phones, addresses, orders, payments, shipments, gift cards, stores",
    ),
    "solidus": Source(
        "solidusio/solidus",
        "1f5bf5c638f5fe9fbda4d480bdb7ebcfa39a9a5e",
        "BSD-3-Clause (the Spree licence)",
        ("api/openapi/solidus-api.oas.yml",),
        "the examples of the Solidus (community-maintained e-commerce platform, a fork of "
        "Spree) API description: users, addresses, orders, payments, credit cards, shipments",
    ),
    "commercetools": Source(
        "commercetools/commercetools-api-reference",
        "5867aa22abcab5a521bd5bf0bd3b332c5ad763ae",
        "MIT (the licence its package.json states; no licence file)",
        ("api-specs/*/examples/*/*.json", "api-specs/*/examples/*.json"),
        "the example bodies of commercetools' (German headless commerce platform) API "
        "specifications: customers with names, e-mail addresses, birth dates, VAT ids and "
        "addresses, carts, orders, payments, business units, imports, checkout, history",
    ),
    "lago": Source(
        "getlago/lago-python-client",
        "f943162b2830aa8a6af63d75f53de204b70a74d3",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Lago (French open-source usage billing) responses its Python client's tests "
        "replay: customers with names, e-mail addresses, phones, addresses and tax "
        "identification numbers, invoices, subscriptions, wallets, credit notes, webhooks",
    ),
    "canvas": Source(
        "ucfopen/canvasapi",
        "5104eb64e69191e784ec516408b90cc94abb0708",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Canvas LMS (Instructure's learning platform) responses the University of Central "
        "Florida's Python client's tests replay: users with names, login and SIS ids and "
        "e-mail addresses, courses, enrolments, submissions, accounts, conversations",
    ),
    "frank": Source(
        "DCSBL/python-frank-energie",
        "3df56e8c0aa04095b21f5eb1319402e96663d97f",
        "Apache-2.0",
        ("tests/fixtures/*.json",),
        "the Frank Energie (Dutch energy supplier) GraphQL responses a third-party client's "
        "tests replay: the user (names, e-mail, phone, address, bank details), delivery "
        "sites, prices, invoices, consumption",
    ),
    "octopus": Source(
        "darrylcauldwell/aiooctopusenergy",
        "de66742ced27de0c60f7b0fa8b47e16bd79640ff",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Octopus Energy (British energy supplier) API responses a third-party client's "
        "tests replay: accounts with properties' addresses and meter points, consumption, "
        "tariffs, products",
    ),
    "beddit": Source(
        "giginet/beddit-python",
        "c6fde02abb8c79f4a3824929fa98f1531c7c756a",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Beddit (Finnish sleep tracker) API responses a third-party client's tests "
        "replay: the user (name, e-mail, birthday, sex, height, weight), sleeps, sessions",
    ),
    "chargepoint": Source(
        "musicbender/node-chargepoint",
        "11b7f7705f41daf3b9bd4a2faeaa8b6ef9da996f",
        "MIT",
        ("tests/fixtures/*.json",),
        "the ChargePoint (EV charging network) API responses a third-party client's tests "
        "replay: the account (names, e-mail, phone, address), chargers, charging sessions "
        "with locations",
    ),
    "besepa": Source(
        "besepa/besepa-ruby",
        "73a5e78d4669ba9b33f2c51321fa07f296b6322e",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Besepa (Spanish SEPA direct-debit service) API responses its Ruby client's tests "
        "replay: customers with names, tax ids (NIF), e-mail addresses, phones, bank accounts "
        "(IBAN), mandates, debits",
    ),
    "billogram": Source(
        "mbirman/billogram",
        "77dab11f0b5c5a0a7d34add6513aeb1abce43e9f",
        "MIT",
        ("spec/support/fixtures/*.json",),
        "the Billogram (Swedish invoicing service) API responses a third-party Ruby client's tests "
        "replay: customers with names, organisation numbers, e-mail addresses, phones, addresses, "
        "invoices",
    ),
    "billwerk": Source(
        "shipcloud/billwerk",
        "0811edcc6580dbfa7466601d858d6630b123a274",
        "MIT",
        ("spec/fixtures/*.json",),
        "the billwerk (German subscription billing) API responses shipcloud's Ruby client's tests "
        "replay: customers with names, addresses, e-mail, VAT ids, contracts, orders, payment "
        "bearers",
    ),
    "harvest": Source(
        "wearerequired/harvest-api-php-client",
        "05137f24f825c4d6dad7e1d442d47e9885aa2f77",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Harvest (time-tracking and invoicing SaaS, harvestapp) API responses a third-party "
        "PHP client's tests replay: users, contacts, clients with addresses, invoices, time "
        "entries",
    ),
    "pagarme": Source(
        "rafaeljesus/pagarme-node",
        "bd4f32e5f62bce0dd71797fb5589151395d420cf",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Pagar.me (Brazilian payment service) API responses a third-party Node client's tests "
        "replay: customers with names, CPF documents, e-mail, phones, addresses, cards, bank "
        "accounts, transactions",
    ),
    "kounta": Source(
        "TandaHQ/Kounta",
        "4911d340300f562e901182093a1aabe942a44db2",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Kounta (Australian point-of-sale, now Lightspeed) API responses a Ruby client's tests "
        "replay: customers and staff with names, e-mail, phones, addresses, sites, orders",
    ),
    "teamwork": Source(
        "100yrs/teamwork_api",
        "57e2cc9579c4bc5a8c6b7050a34e60198571b695",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Teamwork (Irish project-management SaaS) API responses a third-party Ruby "
        "client's tests replay: people with names, e-mail addresses, phones and user names, "
        "companies with addresses, projects, tasks, time entries",
    ),
    "wotc": Source(
        "helloworld1812/wotc-ruby-gem",
        "60e76e57ed6e7fc464327c3c4712ebe02fa49582",
        "MIT",
        ("spec/fixtures/*.json", "spec/fixtures/*/*.json"),
        "the WOTC.com (US Work Opportunity Tax Credit screening, HR) API responses its Ruby "
        "client's tests replay: employees with names, birth dates, SSNs, addresses, phones, "
        "company settings",
    ),
    "fastbill": Source(
        "ubilabs/fastbillr",
        "8906ca9337e326db30970ede6cdc13a8c98a3104",
        "MIT",
        ("test/fixtures/*.json",),
        "the FastBill (German invoicing service) API responses a third-party Ruby client's tests "
        "replay, with German keys: customers with names, addresses, phones, e-mail, bank details, "
        "invoices",
    ),
    "colorme": Source(
        "tsuchikazu/colorme-js",
        "6c20ad02b274da9587c366e493bd5ae6e5c9217a",
        "MIT (its package.json; no licence file)",
        ("test/fixtures/*.json",),
        "the Color Me Shop (Japanese e-commerce platform by GMO Pepabo) API responses a third- "
        "party JavaScript client's tests replay: the shop, customers with Japanese names, kana, "
        "addresses and phones, sales, products",
    ),
    "veeqo": Source(
        "abunashir/veeqo",
        "7a0b3f06998ccf978f8a11ba1b58456985a247e0",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Veeqo (British inventory and shipping platform) API responses a third-party Ruby "
        "client's tests replay: customers with names, e-mail, phones and addresses, orders, "
        "shipments, purchase orders, suppliers",
    ),
    "vend": Source(
        "crossroads/vend-sync",
        "d2a57613ca37139868384e4eca1d4b46df84939c",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Vend (New Zealand point-of-sale, now Lightspeed) API responses a Ruby sync tool's "
        "tests replay: customers, users, outlets with addresses, registers, sales",
    ),
    "curdbee": Source(
        "vesess/curdbee",
        "ccd24a0f8881f99c4353c937038b300e57dcd64a",
        "MIT",
        ("spec/fixtures/*.json",),
        "the CurdBee (Sri Lankan online invoicing service by Vesess) API responses its Ruby "
        "client's tests replay: clients with names, e-mail, phones, addresses, invoices, "
        "estimates, payments",
    ),
    "ecwid": Source(
        "davidbiehl/ecwid_api",
        "b43b87bd636e5f2c29c5d085accb69294cb2a39c",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Ecwid (e-commerce platform) API responses a third-party Ruby client's tests replay: "
        "customers, orders with billing and shipping people, products, categories",
    ),
    "arrow": Source(
        "sosedoff/arrow_payments",
        "0b92bfe00d28d3e264b22be153630069e34386fe",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Arrow Payments (US card payment gateway) API responses a third-party Ruby "
        "client's tests replay: customers with names, e-mail, phones, billing addresses and "
        "payment methods, transactions",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v13<source>/<family>``): as v12's.
SOURCE_CAP: dict[str, int] = {"v13spree": 41, "v13commercetools": 76}
CAPS = real_sets.Caps("v13", source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem, _words_family = real_sets.slug, real_sets.stem, real_sets.words_family
_stem_words = real_sets.stem_words


def _openapi(name: str) -> Extractor:
    """The object examples of source ``name``'s API descriptions (family: the first word of
    the API path, ``subscribers``, or of the component) and one object per component schema
    assembled from its property examples."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            spec = real_sets.load_yaml(p)
            if isinstance(spec, dict):
                yield from real_sets.openapi_examples(spec, make_v8._api_path_family)
                yield from real_sets.schema_objects(spec)

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    "soracom": _openapi("soracom"),
    "stellar": _json_files("stellar", _stem_words),
    "automower": _json_files("automower", _stem_words),
    "mealie": _json_files("mealie", _stem_words),
    "skybell": _json_files("skybell", _stem_words),
    "hyundai": _json_files("hyundai", lambda rel: _slug("_".join(_stem(rel).split("_")[:2]))),
    "bsblan": _json_files("bsblan", _stem_words),
    "spree": _openapi("spree"),
    "solidus": _openapi("solidus"),
    "commercetools": _json_files(
        "commercetools",
        lambda rel: _slug(rel.split("/")[-2] if rel.count("/") > 3 else _stem(rel)),
    ),
    "lago": _json_files("lago", _stem_words),
    "canvas": _json_files("canvas", _stem_words),
    "frank": _json_files("frank", _stem_words),
    "octopus": _json_files("octopus", _stem_words),
    "beddit": _json_files("beddit", _stem_words),
    "chargepoint": _json_files("chargepoint", _stem_words),
    "besepa": _json_files("besepa", _stem_words),
    "billogram": _json_files("billogram", _stem_words),
    "billwerk": _json_files("billwerk", _stem_words),
    "harvest": _json_files("harvest", _stem_words),
    "pagarme": _json_files("pagarme", _stem_words),
    "kounta": _json_files("kounta", _stem_words),
    "teamwork": _json_files("teamwork", _stem_words),
    "wotc": _json_files("wotc", _stem_words),
    "fastbill": _json_files("fastbill", _stem_words),
    "colorme": _json_files("colorme", _stem_words),
    "veeqo": _json_files("veeqo", _stem_words),
    "vend": _json_files("vend", _stem_words),
    "curdbee": _json_files("curdbee", _stem_words),
    "ecwid": _json_files("ecwid", _stem_words),
    "arrow": _json_files("arrow", _stem_words),
    "yalexs": _json_files("yalexs", _stem_words),
    "chappointments": _json_files("chappointments", _stem_words),
    "chpsc": _json_files("chpsc", _stem_words),
    "choverseas": _json_files("choverseas", _stem_words),
    "chprofile": _json_files("chprofile", _stem_words),
}
EXTRACTORS = {name: make_v8._members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The rule types of one leaf: v12's leaf rules, unchanged."""
    return make_v12._leaf_types(parents, key, value, sib)


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(make_v12.SUSPECT.pattern + r"|imsi|iccid|imei|serial|vin", re.I)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v13", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
