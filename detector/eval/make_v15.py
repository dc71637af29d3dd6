"""Build ``data/v15/real.jsonl``: recorded API traffic (VCR cassettes) and SDK and client test
fixtures that publishers not used by v1 to v13 released under permissive licences, labelled by
the rules below and then by hand decisions (``data/v15/overrides.json``).

``python -m detector.eval.make_v15 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v15`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

v15's rules are v12's (``make_v12._leaf_types``, which end in v11's to v8's) with one key of its
own: Chilean RUTs and Mexican RFCs under Fintoc's ``holder_id``; what they miss or mislabel in
v15's sources is set right by the hand decisions. Documents holding real people's data (a
developer's own name or address) are left out (``REAL_PEOPLE``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from stdnum.cl import rut
from stdnum.exceptions import ValidationError
from stdnum.mx import rfc

from detector.eval import make_v8, make_v12, real_sets
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files

DATA, OUT, OVERRIDES = real_sets.set_files("v15")

SOURCES: dict[str, Source] = {
    "fintoc": Source(
        "fintoc-com/fintoc-ruby",
        "b4c624495dd3114d44c16a94e6b4f40372be12ad",
        "BSD-3-Clause",
        ("spec/vcr/*.yml",),
        "the Fintoc (Chilean open-banking and payments API) test-mode traffic its Ruby client's "
        "tests replay (VCR cassettes): links with bank logins and holders' RUTs, accounts with "
        "numbers and holder names, movements with senders and recipients, transfers, entities",
    ),
    "quaderno": Source(
        "quaderno/quaderno-ruby",
        "936027d2abd1accb88c3d7656f76cf4a71734754",
        "MIT",
        ("spec/fixtures/quaderno_cassettes/*.yml",),
        "the Quaderno (Spanish tax-compliance and invoicing service) sandbox traffic its Ruby "
        "client's tests replay (VCR cassettes): contacts with names, e-mail addresses, tax ids "
        "and addresses, invoices, receipts, credits, expenses, tax calculations, webhooks",
    ),
    "mailerlite": Source(
        "mailerlite/mailerlite-python",
        "f86dba82495eacf52291ad5ebaf8d9d7844f9a97",
        "MIT",
        ("tests/vcr_cassettes/*.yml",),
        "the MailerLite (Lithuanian e-mail marketing service) traffic its Python SDK's tests "
        "replay (VCR cassettes): subscribers with e-mail addresses, groups, segments, fields, "
        "forms, campaigns, automations, webhooks",
    ),
    "scaleway": Source(
        "scaleway/scaleway-cli",
        "c2d470d86b4e7a1f7be7627658caff8558397db1",
        "Apache-2.0",
        ("internal/namespaces/*.cassette.yaml",),
        "the Scaleway (French cloud provider) API traffic its command-line client's end-to-end "
        "tests replay (go-vcr cassettes): instances, volumes, IPs, security groups, databases "
        "and their users, Kubernetes clusters, load balancers, registries, IAM, object storage",
    ),
    "desk": Source(
        "Talkdesk/desk",
        "4444b123a0efab89d1b172e50cc9113319765b3f",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Desk.com (customer-support help desk) API responses a Ruby client's tests replay "
        "(Talkdesk's fork of Chris Warren's gem): customers with names, e-mail addresses, "
        "phones and addresses, cases, interactions, users, groups, topics, articles, macros",
    ),
    "prestashop": Source(
        "rem42/scraper-prestashop",
        "3707c08811cae1e1492b376dfc0ec252f13581b1",
        "MIT",
        ("tests/fixtures/*.json",),
        "the PrestaShop (French open-source e-commerce platform) webservice responses a PHP "
        "client's tests replay: customers, addresses, orders, carts, employees, carriers, "
        "products, stocks, stores",
    ),
    "digicert": Source(
        "riboseinc/digicert",
        "1b619212ee225fe3b4f2776287fd87a6908d8d1e",
        "MIT",
        ("spec/fixtures/*.json",),
        "the DigiCert (certificate authority) API responses Ribose's Ruby client's tests "
        "replay: certificate orders with organisation contacts (names, e-mail addresses, "
        "phones, job titles), organisations with addresses, domains, users, containers",
    ),
    "contactually": Source(
        "railslove/contactually-api",
        "5ae68e96f9823bdb8cbdf287f71a78313d5d77a5",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Contactually (real-estate CRM) API responses Railslove's Ruby client's tests "
        "replay: contacts with names, e-mail addresses, phones, addresses and social handles, "
        "accounts, buckets, notes, tasks",
    ),
    "expedia": Source(
        "advalley/eps-rapid",
        "f7f5cdd08c0a21a5c4ef544c8279f4320d337d8e",
        "Unlicense (public domain; its gemspec says MIT)",
        ("spec/fixtures/*",),
        "the Expedia Partner Solutions Rapid (hotel booking) API responses and requests a Ruby "
        "client's tests replay: itineraries with guests' names, e-mail, phones and billing "
        "addresses, payments, availability, property content, regions",
    ),
    "fareharbor": Source(
        "tatemae-consultancy/fareharbor-ruby",
        "654140014aa6b26b99157b5e945e50c5009dfe3a",
        "MIT (the licence its gemspec states; no licence file)",
        ("spec/fixtures/*.json",),
        "the FareHarbor (tour and activity booking) API responses a Ruby client's tests replay: "
        "companies, items, availabilities, a booking with its contact, agents, desks, lodgings",
    ),
    "postmates": Source(
        "O-I/postmates",
        "511de086960774d24db9f829a27f6de0a9ec98e2",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Postmates (on-demand delivery) API responses a Ruby client's tests replay: "
        "delivery quotes and deliveries with pickup and drop-off names, phones, addresses and "
        "positions, couriers",
    ),
    "constantcontact": Source(
        "constantcontact/ruby-sdk",
        "460fe9df2aeecab6cecb77c8eabf2333cc763783",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Constant Contact (e-mail marketing) API responses its official Ruby SDK's tests "
        "replay: contacts with names, e-mail addresses, phones, addresses and job titles, "
        "lists, campaigns with senders, tracking reports, events with registrants, the account",
    ),
    "spark": Source(
        "sparkapi/spark_api",
        "1d673c83a8fa746d4550915a8ebed8eabba7985b",
        "Apache-2.0",
        ("spec/fixtures/*.json",),
        "the Spark API (FBS's flexmls real-estate listing service) responses its Ruby client's "
        "tests replay: listings with agents and offices (names, e-mail, phones, addresses, "
        "positions), contacts, accounts, saved searches, messages, notes",
    ),
    "clientsuccess": Source(
        "LawKick/client_success_ruby_client",
        "3cee9b9c2083c07816d9bd872ed9909f7b6f5712",
        "MIT",
        ("spec/fixtures/*.json",),
        "the ClientSuccess (customer-success CRM) API responses a Ruby client's tests replay: "
        "clients with contacts (names, e-mail, phones, titles), pulses, to-dos, subscriptions",
    ),
    "promoter": Source(
        "thechrisoshow/promoter",
        "cd6f85bb598b01d51d2b7e2a2f6bdcad6936ba02",
        "MIT",
        ("spec/fixtures/*/*.json",),
        "the Promoter.io (NPS customer surveys) API responses a Ruby client's tests replay: "
        "contacts with names and e-mail addresses, campaigns, feedback, e-mail templates, "
        "contact lists, metrics",
    ),
    "surveygizmo": Source(
        "ample/surveygizmo",
        "2b0e8d6f3c0b049b4a5fc09a29b6cd31451d5750",
        "MIT",
        ("spec/fixtures/*.json",),
        "the SurveyGizmo (online surveys, now Alchemer) API responses a Ruby client's tests "
        "replay: accounts and users with names and e-mail addresses, contacts, surveys, "
        "campaigns, responses",
    ),
    "whatconverts": Source(
        "neeaagh/whatconverts",
        "60a52188d7888eb9a3203362899f5c26bc042a7a",
        "MIT",
        ("spec/fixtures/*.json",),
        "the WhatConverts (marketing lead tracking) API responses a Ruby client's tests "
        "replay: leads with callers' names, phones, e-mail addresses, addresses and IP "
        "addresses, accounts, profiles",
    ),
    "zip": Source(
        "Jyaasa/zipmoney-ruby-sdk",
        "29267550ef7d719c12f95706f79f66f1162a9537",
        "MIT",
        ("spec/fixtures/*.json",),
        "the zipMoney (Australian buy-now-pay-later, now Zip) API requests, responses and "
        "webhooks a Ruby SDK's tests replay: checkouts and charges with shoppers' names, "
        "e-mail addresses, phones, birth dates and billing and shipping addresses",
    ),
    "xendit": Source(
        "galliani/xendit_api",
        "9b27cb696eb5a4c61569f539e75587cd6fd17d56",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Xendit (Indonesian payments and disbursements) API responses a Ruby client's "
        "tests replay: invoices with payers' e-mail addresses, virtual accounts, "
        "disbursements to bank accounts, card charges",
    ),
    "artsy": Source(
        "artsy/artsy-ruby-client",
        "024ec771f63468a7fd824022a25d71da9276507e",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Artsy (online art marketplace) API responses its Ruby client's tests replay: "
        "artworks, artists with names and birthdays, partners (galleries) with locations, "
        "shows, users, sales",
    ),
    "cirro": Source(
        "test-IO/cirro-ruby-client",
        "3096e1899a7ef67a347843ba33cf9fb58760a107",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Cirro (crowd-work gig platform by Test IO) API responses and requests a Ruby "
        "client's tests replay: users with names, e-mail addresses, countries and birth "
        "dates, gigs, invitations, payouts, notifications",
    ),
    "weebly": Source(
        "jamespeerless/weebly_api",
        "f63295a8769ae8702bb18d420fe34f52fae18811",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Weebly (website builder with an online store, by Square) store API responses a "
        "Ruby client's tests replay: orders with billing and shipping names, e-mail "
        "addresses, phones and addresses, products, the site",
    ),
    "unfuddle": Source(
        "LeoAdamek/Unfuddled",
        "e7a4d700f5a676828a7111bf9ebcfa43b8a46b6e",
        "MIT (the licence its gemspec states; no licence file)",
        ("spec/fixtures/*.json",),
        "the Unfuddle (hosted source control and bug tracking) API responses a Ruby client's "
        "tests replay: the account with its people (names, e-mail addresses, user names), "
        "projects, repositories, tickets",
    ),
    "gauges": Source(
        "emrekilinc/gauges-api-gem",
        "4cf2a823ae71dda1f10c27ebee2904d3e7edc0cd",
        "MIT",
        ("test/fixtures/*.json",),
        "the Gauges (real-time web analytics) API responses a Ruby client's tests replay: "
        "the user, gauges (sites), clients, traffic, referrers, locations",
    ),
    "electio": Source(
        "krisquigley/electio",
        "3a1e72946bc4039f594eaeae2c46fac564c364fd",
        "MIT (the licence its gemspec states; no licence file)",
        ("spec/fixtures/*.json",),
        "the Electio (British multi-carrier shipping platform by Sorted) API requests and "
        "responses a Ruby client's tests replay: consignments with sender and recipient "
        "names, e-mail addresses, phones and addresses, packages, carrier services, labels",
    ),
    "cloudlayer": Source(
        "cloudlayerio/cloudlayerio-ruby",
        "8357118d46a0c096f7333ace1b4eec0db4e98519",
        "MIT",
        ("spec/fixtures/*.json",),
        "the CloudLayer.io (document and image generation API) responses its Ruby SDK's tests "
        "replay: the account, jobs, assets, storage, templates, errors",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v15<source>/<family>``): as v13's, but per
#: source at most 90 documents (Scaleway 100).
SOURCE_CAP: dict[str, int] = {"v15scaleway": 100}
CAPS = real_sets.Caps("v15", per_source=90, source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem, _words_family = real_sets.slug, real_sets.stem, real_sets.words_family
_stem_words = real_sets.stem_words

#: Marks of real people's data (a developer's or employee's own name, domain or handle) and of a
#: security tester's payload naming a handle: documents holding one are left out.
REAL_PEOPLE: dict[str, tuple[str, ...]] = {
    "mailerlite": ("hrcek", "igor", "xss.report"),
    "desk": ("suriel", "jrmey", "zencoder", "chris warren", "@desk.com"),
    "promoter": ("o'sullivan", "lexoo"),
    "prestashop": ("bruyere",),
    "scaleway": ("rleone", "leila", "lmarabese"),
    "cirro": ("singhinther", "inderpal", "mjk@"),
    "zip": ("sagar",),
    "electio": ("lfe.com", "mpd-group", "mcdermott"),
    "quaderno": ("manso bermudez",),
}


def _cassettes(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The JSON request and response bodies of each VCR cassette of source ``name`` (Python's
    and Go's ``interactions``, Ruby's ``http_interactions``); family: ``family_of(path in the
    repository)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            try:
                tape = _load_tape(p)
            except yaml.YAMLError:
                continue
            if not isinstance(tape, dict):
                continue
            tape = {"interactions": tape.get("interactions") or tape.get("http_interactions")}
            for body in real_sets.cassette_bodies(tape):
                yield family_of(real_sets.rel(cache, name, p)), body

    return extract


#: The C safe loader where PyYAML has it (the cassettes are many and large), else the Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Old Ruby cassettes tag base64 text ``!binary`` (a local tag) where YAML's own is ``!!binary``.
_RUBY_BINARY = re.compile(rb"(?<!!)!binary\b")


def _load_tape(p: Path) -> Any:
    """A cassette file's value, Ruby's ``!binary`` read as YAML's binary type."""
    return yaml.load(_RUBY_BINARY.sub(b"!!binary", p.read_bytes()), Loader=_LOADER)  # noqa: S506


def _scaleway_family(rel: str) -> str:
    """The product namespace and the test's words (``iam_create_rule_simple``)."""
    return _slug(f"{rel.split('/')[2]}_{_words_family(_stem(rel), r'^test-')}")


def _folder_words(rel: str) -> str:
    """The words of the path below the fixtures folder (``listings/with_documents``)."""
    return _words_family("_".join(rel.split("/")[2:]).rsplit(".", 1)[0])


_EXTRACTORS: dict[str, Extractor] = {
    "fintoc": _cassettes("fintoc", _stem_words),
    "quaderno": _cassettes("quaderno", _stem_words),
    "mailerlite": _cassettes("mailerlite", _stem_words),
    "scaleway": _cassettes("scaleway", _scaleway_family),
    "desk": _json_files("desk", _stem_words),
    "prestashop": _json_files("prestashop", _stem_words),
    "digicert": _json_files("digicert", _stem_words),
    "contactually": _json_files("contactually", _stem_words),
    "expedia": _json_files("expedia", _stem_words),
    "fareharbor": _json_files("fareharbor", _stem_words),
    "postmates": _json_files("postmates", _stem_words),
    "constantcontact": _json_files("constantcontact", _stem_words),
    "spark": _json_files("spark", _folder_words),
    "clientsuccess": _json_files("clientsuccess", _stem_words),
    "promoter": _json_files("promoter", _folder_words),
    "surveygizmo": _json_files("surveygizmo", _stem_words),
    "whatconverts": _json_files("whatconverts", _stem_words),
    "zip": _json_files("zip", _folder_words),
    "xendit": _json_files("xendit", _stem_words),
    "artsy": _json_files("artsy", _folder_words),
    "cirro": _json_files("cirro", _folder_words),
    "weebly": _json_files("weebly", _stem_words),
    "unfuddle": _json_files("unfuddle", _stem_words),
    "gauges": _json_files("gauges", _stem_words),
    "electio": _json_files("electio", _stem_words),
    "cloudlayer": _json_files("cloudlayer", _folder_words),
}


def _without_real_people(name: str, extract: Extractor) -> Extractor:
    """The extractor's documents except those holding a mark of ``REAL_PEOPLE[name]``."""
    marks = REAL_PEOPLE.get(name, ())
    return real_sets.without(extract, lambda text: any(m in text.lower() for m in marks))


EXTRACTORS = {
    name: _without_real_people(name, make_v8._members_of_large(extract))
    for name, extract in _EXTRACTORS.items()
}

# ---------------------------------------------------------------------------- rules

#: Keys holding a Chilean RUT or a Mexican RFC (Fintoc's account, link and counterparty holders).
HOLDER_KEYS = {"holderid"}
#: Chilean RUTs from 50 million on are given to companies, those below to people.
COMPANY_RUT = 50_000_000


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """v15's key words: under ``holder_id`` a RUT is a person's ``national_id`` or a company's
    ``tax_id`` (by its number), an RFC whose check digit holds a ``tax_id``; ``False`` for other
    keys."""
    del parents, ws, sib  # (the shared signature of the per-set key rules)
    if joined in HOLDER_KEYS:
        if rut.is_valid(v) and len(set(rut.compact(v))) >= 3:
            return "tax_id" if int(rut.compact(v)[:-1]) >= COMPANY_RUT else "national_id"
        return "tax_id" if _rfc(v) else None
    return False


def _rfc(v: str) -> bool:
    """A Mexican RFC with a valid check digit."""
    try:
        rfc.validate(v, validate_check_digits=True)
    except ValidationError:
        return False
    return True


#: The rule types of one leaf: v15's key words decide a scalar they name; everything else goes
#: through v12's leaf rules.
_leaf_types = real_sets.layered(_own_words, make_v12._leaf_types)


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    make_v12.SUSPECT.pattern + r"|holder|guest|customer|contact|dropoff|pickup|owner", re.I
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v15", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
