"""Build ``data/v18/real.jsonl``: client test fixtures, mock and demonstration data and the
examples of published API descriptions and standards that publishers not used by v1 to v17
released under permissive licences (health claims and eligibility, teacher training and other
public services, telecom standards, telephony, identity servers, mobile money), labelled by
`make_v18_rules` and then by hand decisions (``data/v18/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v18 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v18`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256 digests
of words they hold (``REAL_PEOPLE``, the digest function `make_v17.marks`), so that no name is
written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from detector.eval import make_v8, make_v17, real_sets
from detector.eval.make_v18_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files

DATA, OUT, OVERRIDES = real_sets.set_files("v18")

_TMF = "Apache-2.0"
_TMF_WHAT = (
    "the examples of TM Forum's Open API description (the telecom industry's standard APIs) "
)

SOURCES: dict[str, Source] = {
    "changehealth": Source(
        "WeInfuse/change_health",
        "48bdaa0ff3a63d804a78659d156342f4b6e3d396",
        "MIT",
        ("test/samples/*.json",),
        "the Change Healthcare (US health-insurance clearinghouse) eligibility, claim submission, "
        "claim report and trading-partner responses WeInfuse's Ruby client's tests read: "
        "subscribers and dependents with names, birth dates, addresses, member ids, payers",
    ),
    "changehealthelig": Source(
        "SonderMindOrg/change_healthcare-eligibility",
        "9070a245628191ec1096407287f511e055bb08a4",
        "MIT",
        ("spec/example_docs/*.json",),
        "Change Healthcare's second repository: the sandbox eligibility responses of its "
        "trading partners SonderMind's Ruby gem's tests read: subscribers with names, birth "
        "dates, genders, SSNs, addresses, benefits",
    ),
    "dfe_register": Source(
        "DFE-Digital/register-trainee-teachers",
        "ce1126541c2107c9fbfce47b18c794b0973aaac1",
        "MIT",
        ("public/openapi/*.yaml", "tech_docs/source/api-docs/*.md*"),
        "the examples of the Register trainee teachers API description and of its API "
        "documentation, every version (England's Department for Education): trainees with "
        "names, birth dates, e-mail addresses, sex codes, ethnicity, degrees, placements",
    ),
    "dfe_npq": Source(
        "DFE-Digital/npq-registration",
        "9e9784a85c9120a39c70e99c10153837d294eb7a",
        "MIT",
        ("public/api/docs/*/swagger.yaml",),
        "the examples of the Department for Education's National Professional Qualifications "
        "lead-provider API description: participants with names, e-mail addresses, teacher "
        "reference numbers, applications, outcomes, declarations",
    ),
    "dfe_ecf": Source(
        "DFE-Digital/early-careers-framework",
        "8d84d7d65630e18fc180e49faed76cec2ff7b57b",
        "MIT",
        ("swagger/*/api_spec.json",),
        "the examples of the Department for Education's early-career framework lead-provider "
        "API descriptions: participants with names, e-mail addresses, birth dates, schools, "
        "declarations, partnerships",
    ),
    "mef_sonata": Source(
        "MEF-GIT/MEF-LSO-Sonata-SDK",
        "057d523ca045b76793ffe94cdc9d56a2da7975be",
        "Apache-2.0",
        ("documentation/*.json", "productApi/*.api.yaml"),
        "the example requests and API descriptions of MEF Forum's LSO Sonata (inter-operator "
        "ordering of telecom services): quotes, orders, product offerings, sites, contacts",
    ),
    "mef_legato": Source(
        "MEF-GIT/MEF-LSO-Legato-SDK",
        "3cb0c637cc0a818af9e8d6282d1e8b5f14d8f6e7",
        "Apache-2.0",
        ("serviceApi/*.yaml",),
        "MEF's second repository: the API descriptions of LSO Legato (telecom service "
        "orchestration): service orders, inventory, catalog, performance monitoring",
    ),
    "ocds": Source(
        "open-contracting/standard",
        "0871878dcc894e311b90c41f98974f33e77e2baa",
        "Apache-2.0",
        ("docs/examples/*.json",),
        "the worked examples of the Open Contracting Data Standard (public procurement): "
        "releases and records with buyers', suppliers' and tenderers' contact points (names, "
        "e-mail addresses, phones, addresses), tenders, awards, contracts, beneficial owners",
    ),
    "signalwire": Source(
        "signalwire/signalwire-python",
        "82537182386813aee92f4e4a3d83c1b4b3a73391",
        "MIT",
        ("signalwire/signalwire/schema.json",),
        "objects assembled from the property examples of the JSON schema of SignalWire's SWML "
        "(a US cloud telephony and messaging platform's call-flow language) its Python SDK "
        "bundles: calls, connections with phone numbers, SIP credentials, recordings, AI agents",
    ),
    "gsma": Source(
        "gsmainclusivetechlab/mobilemoneyapi-devportal",
        "c9af377114d6d8ea04de26ac4fa9dd73939dd927",
        "MIT",
        ("docs/.vuepress/public/swagger-files/mobile-money-api-specification-1.2.0-master_0.yaml",),
        "objects assembled from the property examples of the GSMA Mobile Money API description "
        "(mobile money in Africa and Asia): accounts, transactions, KYC subjects, links",
    ),
    "tmf632": Source(
        "tmforum-apis/TMF632_PartyManagement",
        "11c6a0ecf2b9a7007f43e86601b37e45d9f39b1e",
        _TMF,
        ("TMF632-Party_Management-v5.0.0.oas.yaml",),
        _TMF_WHAT + "TMF632 Party Management: individuals and organizations with names, birth "
        "dates, genders, contact media, identifications",
    ),
    "tmf629": Source(
        "tmforum-apis/TMF629_CustomerManagement",
        "1eae32ff68230c0cb7969d69fb9711d1fff77b39",
        _TMF,
        ("TMF629-Customer_Management-v5.0.1.oas.yaml",),
        _TMF_WHAT + "TMF629 Customer Management: customers, contact media, accounts",
    ),
    "tmf622": Source(
        "tmforum-apis/TMF622_ProductOrder",
        "1dda858d8b74613a2c8e5ec7448d44cf1e859d9a",
        _TMF,
        ("TMF622-ProductOrdering-v5.0.0.oas.yaml",),
        _TMF_WHAT + "TMF622 Product Ordering: orders with related parties and places",
    ),
    "tmf683": Source(
        "tmforum-apis/TMF683_PartyInteraction",
        "49f577534bdb343fae5a06c58bc046f50f6c4c81",
        _TMF,
        ("TMF683-Party_Interaction-v5.0.0.oas.yaml",),
        _TMF_WHAT + "TMF683 Party Interaction: interactions with parties and channels",
    ),
    "tmf670": Source(
        "tmforum-apis/TMF670_PaymentMethods",
        "b4451e9d73f6f397f94dbb20f4479970421c4d64",
        _TMF,
        ("TMF670-PaymentMethod-v4.0.0.swagger.json",),
        _TMF_WHAT + "TMF670 Payment Methods: bank cards, accounts, vouchers",
    ),
    "tmf681": Source(
        "tmforum-apis/TMF681_Communication",
        "520a621680cde0e2cbc2c11f572c6b17759dbf8b",
        _TMF,
        ("TMF681-Communication-v4.0.0.swagger.json",),
        _TMF_WHAT + "TMF681 Communication: messages with senders and receivers",
    ),
    "tmf720": Source(
        "tmforum-apis/TMF720_DigitalIdentity",
        "fd7a62a514519f28f8f3bb87bae4df0a879be9d0",
        _TMF,
        ("TMF720-DigitalIdentity-v4.0.0.swagger.json",),
        _TMF_WHAT + "TMF720 Digital Identity: identities, credentials, resources",
    ),
    "nava": Source(
        "navapbc/wic-participant-recertification-portal",
        "9c6aba3a3261d243c84c54621fc4ff941cb669f2",
        "Apache-2.0",
        ("participant/public/data/submissions.not-prod.json",),
        "the demonstration submissions of Nava PBC's WIC (the US nutrition programme for women, "
        "infants and children) recertification portal built with the state of Montana: "
        "participants and household members with names, birth dates, phones",
    ),
    "nava_api": Source(
        "navapbc/wic-mt-demo-project-mock-api",
        "5b8c185fdb3334d3ddf140874606f269338c8264",
        "Apache-2.0",
        ("app/openapi.yml",),
        "Nava PBC's second repository: objects assembled from the property examples of its WIC "
        "eligibility screener's mock API description: applicants with names, phones",
    ),
    "nava_clinics": Source(
        "navapbc/wic-mt-demo-project-eligibility-screener",
        "52e5057a7699f36959813b44c9d0852b3ce3bfd4",
        "Apache-2.0",
        ("app/public/data/clinics.json", "app/public/clinic-output/*.json"),
        "Nava PBC's third repository: the WIC clinic lookups its Montana eligibility screener "
        "serves (by ZIP code): local agencies and clinics with addresses and phones",
    ),
    "availity": Source(
        "Availity/availity-mock-data",
        "47cbc465bcdcb45bf6f81257e2fe23ab782fee3e",
        "MIT",
        ("data/*.json",),
        "the mock responses Availity (a US health-insurance portal and clearinghouse) published "
        "for its web applications' development: users, organizations with addresses and "
        "phones, providers with NPIs, regions, permissions",
    ),
    **{
        f"tmf{n}": Source(f"tmforum-apis/{repo}", commit, _TMF, (path,), _TMF_WHAT + what)
        for n, repo, commit, path, what in (
            (
                669,
                "TMF669_PartyRole",
                "e09271e0ded05460d7b7806c2a4659dacb95bb5b",
                "TMF669-Party_Role_Management-v5.0.0.oas.yaml",
                "TMF669 Party Role: roles of parties with contact media and accounts",
            ),
            (
                678,
                "TMF678_CustomerBill",
                "eb90402dc362a602225476245398887ce484f9cb",
                "TMF678-CustomerBill-v5.0.0.oas.yaml",
                "TMF678 Customer Bill: bills, bill cycles, applied charges, related parties",
            ),
            (
                621,
                "TMF621_TroubleTicket",
                "f5b8ffb5975f523b17d8d55c25537d5d3533ecdb",
                "TMF621-Trouble_Ticket-v5.0.1.oas.yaml",
                "TMF621 Trouble Ticket: tickets with notes, related parties, channels",
            ),
            (
                663,
                "TMF663_ShoppingCart",
                "90ec0a11fffd3fa2138ddea7746022163cae7aee",
                "TMF663-Shopping_Cart-v5.0.0.oas.yaml",
                "TMF663 Shopping Cart: carts with items, contact media, related parties",
            ),
            (
                637,
                "TMF637_ProductInventory",
                "29d0ef17db906c26a6b34e06c78263ef3e0dfb1f",
                "TMF637-ProductInventory-v5.0.0.oas.yaml",
                "TMF637 Product Inventory: products with places, related parties",
            ),
            (
                648,
                "TMF648_QuoteManagement",
                "b0bd1a00a6c49de90ca6d17840c41b12f81eda0e",
                "TMF648-Quote-v4.0.0.swagger.json",
                "TMF648 Quote: quotes with contact media, related parties, notes",
            ),
            (
                644,
                "TMF644_Privacy",
                "c14f0cae1775b90fa22aafc556424942f631b59e",
                "TMF644-Privacy-v5.0.0.oas.yaml",
                "TMF644 Privacy: parties' privacy agreements and consents",
            ),
            (
                666,
                "TMF666_AccountManagement",
                "8c85948d31c73ad7408595dd485cf7f00573f59f",
                "TMF666-Account_Management-v5.0.0.oas.yaml",
                "TMF666 Account: party and billing accounts with contacts and payment plans",
            ),
            (
                679,
                "TMF679_ProductOfferingQualification",
                "3b3ed90df675731b417e42722506c0a55a7ed2bd",
                "TMF679-Product_Offering_Qualification-v5.0.0.oas.yaml",
                "TMF679 Product Offering Qualification: qualifications with parties and places",
            ),
        )
    },
    "candid": Source(
        "candidhealth/candid-csharp",
        "6bcebe1707a8691e53aabc8961b59d5a09728732",
        "Apache-2.0",
        ("src/Candid.Net.Test/Unit/MockServer/*.cs",),
        "the Candid Health (US medical billing) request and response bodies its C# SDK's "
        "mock-server tests hold (JSON in raw strings): patients, coverages, encounters, "
        "providers, claims, eligibility checks; mostly the field name repeated as the value",
    ),
    "wso2_server": Source(
        "wso2/identity-api-server",
        "c2446d9c7688473d5ecc4d95fb0b035f6aa0bb19",
        "Apache-2.0",
        ("components/*.yaml",),
        "the examples of the WSO2 Identity Server (Sri Lankan identity and access management) "
        "server API descriptions: applications, identity providers, user stores, "
        "notification senders, tenants, organizations, with few personal fields",
    ),
    "wso2_user": Source(
        "wso2/identity-api-user",
        "d06ea7fd01c363cbe2f6668daec3be8fb492459c",
        "Apache-2.0",
        ("components/*.yaml",),
        "WSO2's second repository: the examples of its user API descriptions: self sign-up, "
        "password recovery, sessions, consents, authorized apps, TOTP and backup codes",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v18<source>/<family>``): as v11 to v17's, with
#: per-source caps so that no publisher supplies more than a fifth of the labels.
SOURCE_CAP: dict[str, int] = {
    "v18changehealth": 32,
    "v18dfe": 60,
    "v18wso2": 90,
    "v18tmforum": 100,
}
CAPS = real_sets.Caps("v18", min_density=0.01, per_family=20, per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_slug, _words_family, _stem_words = real_sets.slug, real_sets.words_family, real_sets.stem_words

#: SHA-256 digests (of the lower-case word, `make_v17.marks`) of marks of real people's data: a
#: document holding a word with one of these digests is left out whole.
REAL_PEOPLE: dict[str, frozenset[str]] = {
    "ocds": frozenset(
        {
            # public officials' and a beneficial owner's surnames, and a mobile number, in the
            # examples drawn from real procurement and ownership publications
            "b24782705bd030cc8c2f64ae8364d21a4f1db9d51353d450fff4591dc5df81b8",
            "18c15381653670de57bdac791ac67f17c97ddf522e2bea094bbaa465422ef0e5",
            "b38358fb17f1cfbb7f7a7305d779e9d5457cde5cf134017f4c3530184efe4f5d",
            "2d8c482556cd678a4e51716aff955e9adc3e62c009fbad163c78d485a28b93ae",
            "dee37c14b774a1ddd64c2c66fe7dba16993568fb53f3b6142f9be9563bcb6144",
            "8b9b28baf5f711d6490548a84f7fee1a591d9557891122fda745c6a9cde8a226",
            "9f8166f38191df0ebc03570f8389c1538e6642c8234993c8ac74b5b7141cf592",
        }
    ),
    "tmforum": frozenset(
        {
            # public figures' surnames as individuals' names
            "5380b4faddb75750e020755413bd44fa783bd0a7c7c6bb09ee03c6944bbe881b",
            "d3bad2cc418ac3b09e3c4020c59fd312a6f54eb55bb080e1ab817edc10f12dea",
        }
    ),
    "wso2": frozenset(
        {
            # a login in an e-mail's form that looks like a developer's own first name
            "9c70f0cfc6fca8543b5a73f8512843a2f7c17f2716493e9a2db18fd4153b92a9",
        }
    ),
    "availity": frozenset(
        {
            # a public figure's surname as the mock user's name
            "1a49bfba8f876f00a50aebea5a851f346c7c5ecb409f592f2b0f9ac08bba5f85",
        }
    ),
}


def _path_family(drop: int) -> Callable[[str], str]:
    """The words of a file's path below its first ``drop`` folders, without its extension
    (``test/samples/claim/report/list.example.response.json`` → ``claim_report_list``)."""

    def family(rel: str) -> str:
        parts = rel.split("/")[drop:]
        parts[-1] = parts[-1].split(".")[0]
        return _words_family("_".join(parts), r"-data$")

    return family


def _fixed(family: str) -> Callable[[str], str]:
    """One family for every file of a source (``tmf632``)."""
    return lambda rel: family


def _chained(*extractors: Extractor) -> Extractor:
    """The documents of one publisher's repositories in turn (they share families)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for one in extractors:
            yield from one(cache)

    return extract


def _api_path_family(path: str) -> str:
    """An API path's first two words that are not versions or parameters
    (``/api/v1.0/trainees/{id}/placements`` → ``trainees``)."""
    parts = [
        p
        for p in path.split("/")
        if p and "{" not in p and not re.fullmatch(r"v[\d.]+|api|tmf-api", p)
    ]
    return _slug(parts[0]) if parts else "root"


def _load_spec(p: Path) -> Any:
    """An API description read as JSON or YAML (``None`` where it is neither)."""
    if p.suffix == ".json":
        return real_sets.load_json(p.read_text(encoding="utf-8"))
    try:
        return real_sets.load_yaml(p)
    except yaml.YAMLError:
        return None


def _specs(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The examples of each API description of source ``name`` (OpenAPI 3, or Swagger 2 or a
    JSON schema, whose ``definitions`` or ``$defs`` are read as component schemas): object
    examples under each path and
    component, then one object per schema assembled from its properties' examples."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            if p.suffix not in {".json", ".yaml", ".yml"}:
                continue
            spec = _load_spec(p)
            if not isinstance(spec, dict):
                continue
            defs = spec.get("definitions") or spec.get("$defs")
            if defs and "components" not in spec:
                spec = {**spec, "components": {"schemas": defs}}
            head = family_of(real_sets.rel(cache, name, p))
            for fam, body in real_sets.openapi_examples(spec, _api_path_family):
                yield _slug(f"{head}_{fam}"), body
            named = (spec.get("components") or {}).get("examples") or {}
            for key, one in named.items() if isinstance(named, dict) else ():
                if isinstance(one, dict) and isinstance(one.get("value"), dict | list):
                    yield _slug(f"{head}_{key.split('_')[0]}"), one["value"]
            for fam, body in real_sets.schema_objects(spec, list_examples=True):
                yield _slug(f"{head}_{fam}"), body

    return extract


_PRE_JSON = re.compile(r'<pre class="json-code-sample">\s*(.*?)</pre>', re.S)


def _doc_samples(name: str) -> Extractor:
    """The JSON samples of each API documentation page of source ``name`` (``<pre
    class="json-code-sample">``); the family is the page's endpoint or object, whatever the
    API version (``v2026.1/endpoints/get-trainees.html.md.erb`` → ``docs_get_trainees``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            if ".md" not in p.name:
                continue
            rel = real_sets.rel(cache, name, p)
            page = real_sets.stem(rel)
            family = _slug(f"docs_{rel.split('/')[-2] if page == 'index' else page}")
            for block in _PRE_JSON.findall(p.read_text(encoding="utf-8")):
                body = real_sets.load_json(block)
                if isinstance(body, dict | list):
                    yield family, body

    return extract


_RAW_JSON = re.compile(r'const string \w+ = """\n(.*?)\n\s*""";', re.S)


def _csharp_raw_json(name: str) -> Extractor:
    """The JSON in the raw strings of each C# mock-server test of source ``name``; the family
    is the test's folders and name without versions (``PreEncounter/Patients/V1/GetTest.cs``
    → ``preencounter_patients_get``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            rel = real_sets.rel(cache, name, p)
            parts = [w for w in rel.split("/")[4:] if not re.fullmatch(r"V\d+", w)]
            parts[-1] = re.sub(r"Test\.cs$", "", parts[-1])
            family = _slug("_".join(parts))
            for block in _RAW_JSON.findall(p.read_text(encoding="utf-8")):
                body = real_sets.load_json(block)
                if isinstance(body, dict | list):
                    yield family, body

    return extract


#: TM Forum's Open APIs taken (their repositories share the publisher's prefix).
_TMF_APIS = (632, 629, 622, 683, 670, 681, 720, 669, 678, 621, 663, 637, 648, 644, 666, 679)


def _submissions(name: str) -> Extractor:
    """Each submission of each local agency in source ``name``'s demonstration data (a file of
    agency → submissions); the family is ``submission``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            data = real_sets.load_json(p.read_text(encoding="utf-8"))
            for agency in data.values() if isinstance(data, dict) else ():
                for one in agency if isinstance(agency, list) else ():
                    yield "submission", one

    return extract


_EXTRACTORS: dict[str, Extractor] = {
    "changehealth": _chained(
        _json_files("changehealth", _path_family(2)),
        _json_files("changehealthelig", _path_family(2)),
    ),
    "dfe": _chained(
        _specs("dfe_register", lambda rel: "register"),
        _doc_samples("dfe_register"),
        _specs("dfe_npq", lambda rel: f"npq_{rel.split('/')[-2]}"),
        _specs("dfe_ecf", lambda rel: f"ecf_{rel.split('/')[-2]}"),
    ),
    "mef": _chained(
        _json_files("mef_sonata", _path_family(1)),
        _specs("mef_sonata", _path_family(1)),
        _specs("mef_legato", _path_family(1)),
    ),
    "ocds": _json_files("ocds", _path_family(2)),
    "gsma": _specs("gsma", _fixed("mm")),
    "signalwire": _specs("signalwire", _fixed("swml")),
    "tmforum": _chained(*(_specs(f"tmf{n}", _fixed(f"tmf{n}")) for n in _TMF_APIS)),
    "nava": _chained(
        _submissions("nava"),
        _specs("nava_api", _fixed("wic_screener")),
        _json_files("nava_clinics", _path_family(2)),
    ),
    "availity": _json_files("availity", _path_family(1)),
    "candid": _csharp_raw_json("candid"),
    "wso2": _chained(
        _specs("wso2_server", _stem_words),
        _specs("wso2_user", _stem_words),
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
    r"name|mail|phone|tel|fax|mobil|msisdn|addr|street|line|birth|dob|gender|sex|salut|"
    r"user|login|pass|secret|token|key|iban|account|bank|routing|tax|vat|ssn|social|"
    r"national|nino|document|passport|licen|identif|lat|lon|coord|ip|mac|contact|person|"
    r"holder|owner|customer|patient|subscriber|insured|guarantor|trainee|participant|"
    r"candidate|party|individual|card|author|provider",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v18", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
