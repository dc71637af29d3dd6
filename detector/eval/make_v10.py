"""Build ``data/v10/real.jsonl``: real SDK fixtures, mock data, recorded responses and
API-description examples that publishers not used by v1 to v9 released under permissive
licences, labelled by the rules below and then by hand decisions (``data/v10/overrides.json``).

``python -m detector.eval.make_v10 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v10`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

The v10 rules read the key words v10's sources add (Norwegian, Polish, Spanish and German key
words, name/value and type/value pairs, Polish, Norwegian and Mexican number checks, India's
health ids, vehicle positions, session tokens), then v9's rules (``make_v9.rule_label``, which
end in v8's).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stdnum.br import cnpj as br_cnpj
from stdnum.br import cpf as br_cpf
from stdnum.eu import vat as eu_vat
from stdnum.ie import pps as ie_pps
from stdnum.mx import curp as mx_curp
from stdnum.mx import rfc as mx_rfc
from stdnum.no import fodselsnummer as no_fnr
from stdnum.pl import nip as pl_nip
from stdnum.pl import pesel as pl_pesel

from detector.eval import make_v8, make_v9, real_sets
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import rel as _rel

DATA, OUT, OVERRIDES = real_sets.set_files("v10")

_UHI_DOCS = "src/apps/backend"
SOURCES: dict[str, Source] = {
    "facturapi": Source(
        "FacturAPI/facturapi-docs",
        "dcbdc849dfef27f81b10d6ba4b1d113a091430a4",
        "Apache-2.0",
        ("website/openapi_v2.yaml", "website/openapi_v1.yaml"),
        "the API descriptions (v2 in Spanish, v1) of Facturapi, a Mexican e-invoicing (CFDI) "
        "service: examples and objects assembled from its schemas' examples (customers with "
        "RFC tax ids and addresses, invoices, receipts, organizations, retentions)",
    ),
    "ksef": Source(
        "CIRFMF/ksef-docs",
        "d92d285b928896258afdb27f7150f9127ee18ada",
        "MIT",
        ("open-api.json",),
        "the API description of KSeF, the Polish Ministry of Finance's national e-invoicing "
        "system: examples of sessions, invoices' metadata, permissions granted to persons "
        "and entities by NIP and PESEL, certificates, tokens",
    ),
    "upcloud": Source(
        "UpCloudLtd/upcloud-python-api",
        "a1aed6ebf8a5fc5825bc8c43bf2f79f889ccfc48",
        "MIT",
        ("test/json_data/*.json",),
        "the UpCloud (Finnish cloud provider) API responses the client's tests replay: "
        "account, servers, storages, IP addresses, firewall rules, networks, load balancers, "
        "object storage, managed databases, Kubernetes clusters, tags",
    ),
    "uhi": Source(
        "NHA-ABDM/UHI",
        "a1c471437551d33b84174158c837258ce5708d29",
        "CC0-1.0",
        (
            "specification/core.yml",
            f"{_UHI_DOCS}/eua-backend/euaService/EUAclient/src/main/resources/static/"
            "swagger-docs/v1.0.0/EUA.yml",
            f"{_UHI_DOCS}/eua-backend/euaBookingservice/EUA-BookingService/src/main/resources/"
            "static/swagger-docs/v1.0.0/BookingService.yaml",
            f"{_UHI_DOCS}/hspa-backend/hspaAdapter/HSPA/src/main/resources/static/swagger-docs/"
            "v1.0.0/Hspa.yaml",
            "src/gateway/Gateway/src/main/resources/static/swagger-docs/v1.0.7/Gateway.yaml",
        ),
        "the Unified Health Interface (India's National Health Authority, ABDM) specification "
        "and its reference services' API descriptions: examples of searches, bookings and "
        "fulfilments of teleconsultations with patients' and doctors' ABHA ids, names, "
        "genders, phones and e-mail addresses",
    ),
    "opensrp": Source(
        "opensrp/opensrp-server-web",
        "df68a7fe9b580a77df08adfa108ff29969bbc6b0",
        "Apache-2.0",
        ("src/test/resources/form/*/form_submission*.json",),
        "the OpenSRP (community health records, used in Bangladesh, Indonesia, Kenya and "
        "elsewhere) server's test form submissions: household registrations as name/value "
        "field lists with sub-forms for the household's members",
    ),
    "nav": Source(
        "navikt/sosialhjelp-soknad-api",
        "8f490826549f8be081a8e5f64b9632b1c1ed811a",
        "MIT",
        ("src/test/resources/*/*.json",),
        "the responses Nav's (the Norwegian Labour and Welfare Administration) social-assistance "
        "application service's tests replay: the population register (PDL: persons, spouses, "
        "children, addresses), employments (Aa-registeret), income and tax, housing benefit",
    ),
    "cdr": Source(
        "ConsumerDataStandardsAustralia/mock-data-holder-java",
        "e7e6335c2ee6a3de5133678d850dd103e7f12514",
        "MIT",
        ("payloads/banking/*/*.json", "payloads/energy/accounts/*.json"),
        "the payloads of the Australian Consumer Data Right's mock data holder: bank "
        "accounts, balances, a customer, products, a transaction with payer and payee, energy "
        "accounts",
    ),
    "onfido": Source(
        "onfido/onfido-python",
        "04baf27433ba2b4dbc48480f8a753f87d7d70967",
        "MIT",
        ("tests/media/studio_*.json",),
        "the Onfido (identity verification) Studio webhook events the client's tests verify: "
        "document checks with the document's holder, number and type",
    ),
    "bamboohr": Source(
        "smeggingsmegger/PyBambooHR",
        "57aead9030e170ddb04698223a6f03805dac50b9",
        "MIT",
        ("tests/test_*.py",),
        "the BambooHR (HR platform) employee and report bodies a third-party client's tests "
        "mock, written as Python literals: employees with names, work contacts, addresses",
    ),
    "renault": Source(
        "hacf-fr/renault-api",
        "1a811837b5ee7d7c85f088d82f10c1e4fac25b57",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Renault (Kamereon and Gigya) API responses a third-party client's tests replay: "
        "accounts, vehicles with VINs and registration plates, battery, charge and cockpit "
        "data, GPS locations, logins and their JWTs",
    ),
    "bmw": Source(
        "bimmerconnected/bimmer_connected",
        "d4e40fb7e745b04eb2d5686a6bd317d02be8473d",
        "Apache-2.0",
        ("bimmer_connected/tests/responses/*.json",),
        "the BMW ConnectedDrive responses a third-party client's tests replay: OAuth and token "
        "responses, vehicle lists, vehicle states with positions, charging profiles, remote "
        "services, points of interest",
    ),
    "smartthings": Source(
        "andrewsayre/pysmartthings",
        "b6e622565c449d59216345f4bb07bef9f9a6b70d",
        "Apache-2.0",
        ("tests/json/*.json",),
        "the Samsung SmartThings API responses a third-party client's tests replay: "
        "locations with coordinates, rooms, devices, apps with OAuth settings, installed "
        "apps, subscriptions, scenes",
    ),
    "efi": Source(
        "efipay/sdk-python-apis-efi",
        "9a91cff56ad7d0443b2d587c897157d0e21ba01d",
        "MIT",
        tuple(
            f"examples/{d}/*.py"
            for d in ("charges", "pix", "open-finance", "payments", "exclusives", "statements")
        ),
        "the request bodies of the Efí Bank (formerly Gerencianet, Brazil) Python SDK's "
        "examples, written as Python literals: charges, billets, carnets, card payments and "
        "subscriptions with customers (CPF, names, birth dates, phones, addresses), Pix "
        "charges, keys and transfers, Open Finance payments, statements",
    ),
    "bods": Source(
        "openownership/data-standard",
        "d97e79829b3bbdc759bc35c814b002c65ff75e95",
        "Apache-2.0 (schema and test data; the documentation, GFDL, is not taken)",
        ("tests/data/valid-statements/*.json",),
        "the valid test statements of Open Ownership's Beneficial Ownership Data Standard: "
        "persons with names, birth dates, nationalities, addresses and identifiers (tax, "
        "passport and company numbers), entities, ownership-or-control relationships",
    ),
    "mojaloop": Source(
        "mojaloop/api-snippets",
        "6b102d6c2ab40f0d35f979db54ffe4476437c01d",
        "Apache-2.0",
        ("docs/*-openapi3-snippets.yaml",),
        "the Mojaloop (open-source instant-payment switch for mobile money, Mojaloop "
        "Foundation) FSPIOP, SDK scheme adapter and third-party API descriptions: examples "
        "and objects assembled from schema examples (parties by MSISDN and personal ids, "
        "names, birth dates, quotes, transfers, consents)",
    ),
    "navmodia": Source(
        "navikt/modiapersonoversikt-api",
        "18bfe20ef09861369afe356da1f14dd482608e6f",
        "MIT",
        ("web/src/test/resources/snapshots/*", "proxy/src/test/resources/snapshots/*.json"),
        "the snapshots the tests of Nav's case-worker person overview (Modia) compare: merged "
        "person data (names, national identity numbers, addresses, contact details, "
        "guardianships, bank accounts), person searches, third parties, benefit contracts",
    ),
    "fhircore": Source(
        "opensrp/fhircore",
        "2f0806059d9495ce962e71c8da17ea900ae82f88",
        "Apache-2.0",
        (
            "docs/engineering/app/configuring/writing-fhir/sample-fhir-resources/*.json",
            "android/quest/src/test/resources/content/eir/*.json",
            "android/quest/src/test/resources/patient-registration-questionnaire/*.json",
        ),
        "OpenSRP's FHIR Core documentation's sample resources (antenatal care, COVID-19, "
        "tutorial) and its app's test content: patients, practitioners, related persons, "
        "encounters, questionnaire responses of patient registration and immunization",
    ),
    "myinfo": Source(
        "GovTechSG/singpass-myinfo-oidc-helper",
        "fcb7a386e540e7aec220e0e4220b6dfa4389583f",
        "MIT",
        ("src/types/swagger-reference.json",),
        "the MyInfo (Singapore government's personal data platform, GovTech) API description "
        "the helper's types are generated from: person examples (NRIC/FIN, names, birth "
        "dates, sex, nationality, registered addresses, mobile numbers, e-mail addresses, "
        "CPF contributions, vehicles, household members) as value/source objects",
    ),
    "upcloudgo": Source(
        "UpCloudLtd/upcloud-go-api",
        "f64673e83662d4d5a1ed2694b63732ad4cfe186b",
        "MIT",
        ("upcloud/service/fixtures/*.yaml",),
        "the recorded traffic (go-vcr cassettes) of the UpCloud Go SDK's tests: request and "
        "response bodies of accounts and sub-accounts, servers, storages, IP addresses, "
        "networks, routers, gateways and VPNs, load balancers, managed databases and object "
        "storage with their users and access keys, Kubernetes clusters",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v10<source>/<family>``): as v9's, but per
#: family at most 16 documents.
SOURCE_CAP: dict[str, int] = {"v10uhi": 22, "v10mojaloop": 20, "v10upcloudgo": 35}
CAPS = real_sets.Caps("v10", per_family=16, per_source=50, source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem, _words_family = real_sets.slug, real_sets.stem, real_sets.words_family
_stem_words = real_sets.stem_words


def _opensrp(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each form submission's fields, three at a time (``{"fields": [...]}``, so that cutting
    arrays keeps every field), and each sub-form's instances the same way; family: the form."""
    for p in _files(cache, "opensrp"):
        body = real_sets.load_json(p.read_text(encoding="utf-8"))
        if not isinstance(body, dict):
            continue
        form = (body.get("formInstance") or {}).get("form") or {}
        family = _slug(_rel(cache, "opensrp", p).split("/")[-2])
        fields = form.get("fields") or []
        for i in range(0, len(fields), CAPS.array_items):
            yield family, {"fields": fields[i : i + CAPS.array_items]}
        for sub in form.get("sub_forms") or []:
            for instance in sub.get("instances") or []:
                if isinstance(instance, dict):
                    items = list(instance.items())
                    for i in range(0, len(items), 4 * CAPS.array_items):
                        part = dict(items[i : i + 4 * CAPS.array_items])
                        yield _slug(f"{family}_{sub.get('name', 'sub')}"), part


def _bamboohr(cache: Path) -> Iterator[tuple[str, Any]]:
    """The dictionaries the test methods assign to ``body`` and the JSON strings they register
    as responses (parsed, nothing executed); family: the test module."""
    for p in _files(cache, "bamboohr"):
        family = _slug(p.stem.removeprefix("test_"))
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                try:
                    value = make_v8._literal(node.value, {})
                except (ValueError, TypeError):
                    continue
                if value:
                    yield family, value
    yield from make_v9._python_json_strings(
        "bamboohr", lambda rel, name: _slug(_stem(rel).removeprefix("test_"))
    )(cache)


def _efi(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each example's ``body`` (and ``params`` where it is an object of several members);
    family: the example's directory and what it does (``charges_billet_one_step_billet``)."""
    for p, name, value in make_v8._python_literals(_files(cache, "efi")):
        if name in {"body", "params"} and isinstance(value, dict | list) and value:
            rel = _rel(cache, "efi", p)
            head = "_".join(rel.split("/")[1:-1])
            what = re.sub(
                r"^(pix_|of_)?(create|update|detail|list|get|send|cancel|define)_", "", p.stem
            )
            yield _slug(f"{head}_{what}"), value


def _upcloud_family(rel: str) -> str:
    return _words_family(_stem(rel), r"^(get|post|put|delete|patch|create|modify)_?")


def _upcloudgo(cache: Path) -> Iterator[tuple[str, Any]]:
    """The JSON request and response bodies of each cassette; family: the cassette's name
    without the verbs (``modifydeleteserver`` → ``server``)."""
    for p in _files(cache, "upcloudgo"):
        family = re.sub(r"^(get|create|modify|delete|attach|detach|release|_)+", "", p.stem)
        for body in real_sets.cassette_bodies(real_sets.load_yaml(p)):
            yield _slug(family or p.stem), body


def _renault_family(rel: str) -> str:
    """The API and the endpoint (``kamereon_vehicle_data_battery_status``)."""
    parts = rel.split("/")[2:-1]
    return _slug("_".join([*parts, _words_family(_stem(rel))]))


def _bmw_family(rel: str) -> str:
    """The endpoint, without the vehicle model directory and VINs (``vcs_v4_vehicles_state``)."""
    return _words_family(Path(rel).name.rsplit(".", 1)[0], r"^bmw-eadrax-")


def _myinfo(cache: Path) -> Iterator[tuple[str, Any]]:
    """The description's examples, and one person assembled from the examples of its data-item
    schemas (each lower-case schema is a person attribute: ``name``, ``dob``, ``regadd``),
    twelve attributes a document in the description's order; family: ``person``."""
    yield from make_v8._openapi("myinfo", lambda rel: "")(cache)
    for p in _files(cache, "myinfo"):
        spec = real_sets.load_json(p.read_text(encoding="utf-8"))
        schemas = ((spec or {}).get("components") or {}).get("schemas") or {}
        items = [n for n in schemas if n.islower() and "-" not in n]
        for i in range(0, len(items), 12):
            ref = {n: {"$ref": f"#/components/schemas/{n}"} for n in items[i : i + 12]}
            person = {"type": "object", "properties": ref}
            whole = {"components": {"schemas": {**schemas, "PersonAttributes": person}}}
            for name, body in real_sets.schema_objects(whole, max_depth=4, list_examples=True):
                if name == "person" and set(body) <= set(ref):
                    yield "person", body


def _fhircore(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each resource (a bundle's entries one by one); family: the resource type."""
    for p in _files(cache, "fhircore"):
        for resource in real_sets.bundle_resources(real_sets.load_json(p.read_text("utf-8"))):
            yield _slug(str(resource.get("resourceType", "resource")).lower()), resource


_EXTRACTORS: dict[str, Extractor] = {
    "facturapi": make_v8._openapi("facturapi", lambda rel: ""),
    "ksef": make_v8._openapi("ksef", lambda rel: ""),
    "uhi": make_v8._openapi("uhi", lambda rel: _slug(_stem(rel).lower())),
    "upcloud": _json_files("upcloud", _upcloud_family),
    "upcloudgo": _upcloudgo,
    "opensrp": _opensrp,
    "nav": _json_files(
        "nav", lambda rel: _words_family(_stem(rel), r"(ToMaaneder|ToArbeidsgivere|Tom)+")
    ),
    "cdr": _json_files("cdr", lambda rel: _slug("_".join(rel.split("/")[1:-1]))),
    "onfido": _json_files("onfido", lambda rel: "studio_webhook_event"),
    "bamboohr": _bamboohr,
    "efi": _efi,
    "navmodia": _json_files(
        "navmodia", lambda rel: _words_family(Path(rel).name.split("-")[0].rsplit(".", 1)[-1])
    ),
    "fhircore": _fhircore,
    "myinfo": _myinfo,
    "bods": _json_files("bods", _stem_words),
    "mojaloop": make_v8._openapi("mojaloop", lambda rel: ""),
    "renault": _json_files("renault", _renault_family),
    "bmw": _json_files("bmw", _bmw_family),
    "smartthings": _json_files(
        "smartthings",
        lambda rel: _words_family(_stem(rel), r"_(get|post|put|delete|request|response|generate)"),
    ),
}
EXTRACTORS = {name: make_v8._members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules


#: Words of a pair's ``type``, ``scheme`` or ``partyIdType`` that name the kind of number its
#: value holds (KSeF's ``{"type": "Nip", "value": …}``, BODS's identifier schemes, Mojaloop's
#: party id types, Nav's identity ``gruppe``).
ID_KIND_WORDS = {
    "nip": "tax_id",
    "taxid": "tax_id",
    "tin": "tax_id",
    "vat": "tax_id",
    "rfc": "tax_id",
    "pesel": "national_id",
    "folkeregisterident": "national_id",
    "nationalid": "national_id",
    "personalid": "national_id",
    "ppsn": "national_id",
    "passport": "passport_number",
    "drivinglicense": "drivers_license",
    "drivinglicence": "drivers_license",
    "driverslicense": "drivers_license",
    "msisdn": "phone",
    "email": "email",
    "iban": "iban",
}
#: The members of a MyInfo data item besides its value.
MYINFO_ITEM_KEYS = {"value", "source", "lastupdated", "classification", "unavailable"}
#: A URL or connection string that carries a password (``postgres://user:pass@host``).
URL_WITH_PASSWORD = re.compile(r"^[a-z][\w+.-]*://[^/:@\s]+:[^@\s/]{4,}@[^\s]+$")
#: India's health-id addresses (``name@abdm``, ``name@hpr.ndhm``, ``name@sbx``).
ABDM_ADDRESS = re.compile(r"^[\w.-]+@(hpr\.|hfr\.)?(ndhm|abdm|sbx)$")
#: MyInfo's data items and the type of their values.
MYINFO_ITEMS = {
    "name": "person_name",
    "aliasname": "person_name",
    "hanyupinyinname": "person_name",
    "hanyupinyinaliasname": "person_name",
    "marriedname": "person_name",
    "passportnumber": "passport_number",
    "nric": "national_id",
    "uinfin": "national_id",
    "birthcertno": "national_id",
    "nbr": "phone",
}
#: Keys of a pair's kind and of its value.
KIND_KEYS = (
    "type",
    "scheme",
    "schemeName",
    "partyIdType",
    "partySubIdOrType",
    "idType",
    "gruppe",
)
PAIR_VALUE_KEYS = {"value", "id", "ident", "partyIdentifier", "identifier"}
#: Norwegian, Polish, Spanish, Portuguese and German key words (joined, lower case).
NAME_KEYS = {
    "fornavn",
    "mellomnavn",
    "etternavn",
    "sammensattnavn",
    "imie",
    "nazwisko",
    "nombre",
    "apellido",
    "apellidos",
    "nombrecompleto",
    "nombrealumno",
    "nome",
    "nomecompleto",
    "vorname",
    "nachname",
    "payer",
    "payee",
}
BIRTH_KEYS = {"foedselsdato", "fodselsdato", "foedselsaar", "fechanacimiento", "birth"}
GENDER_KEYS = {"kjoenn", "kjonn", "sexo", "geschlecht"}
PHONE_KEYS = {"telefonnummer", "mobilnummer", "telefon", "celular", "telefono"}
STREET_KEYS = {"adressenavn", "gatenavn", "calle", "ulica", "strasse"}
NATIONAL_KEYS = {
    "uinfin",
    "fnr",
    "foedselsnummer",
    "fodselsnummer",
    "personident",
    "offentligident",
    "folkeregisteridentifikator",
    "pesel",
}
#: OpenSRP's field codes (``FWHOHFNAME``: the head of household's first name) end in these.
OPENSRP_CODES = (
    (re.compile(r"(F|L)NAME$|^FWHUSNAME$|_names?$"), "person_name"),
    (re.compile(r"BIRTHDATE$|DOB$"), "date_of_birth"),
    (re.compile(r"GENDER$"), "gender"),
    (re.compile(r"NID$|BID$"), "national_id"),
    (re.compile(r"GPS$"), "geo_location"),
    (re.compile(r"(MOBILE|PHONE)(NO|NUM)?$"), "phone"),
)


def rule_label(  # noqa: PLR0911 (one table of rules, top to bottom)
    parents: list[str], key: str, value: Any, sib: dict[str, Any]
) -> str | None:
    """The type of one scalar leaf: v10's key words and pairs first, then v9's rules."""
    if isinstance(value, bool) or value is None:
        return None
    if key in PAIR_VALUE_KEYS and ("name" in sib or any(k in sib for k in KIND_KEYS)):
        found = _pair(key, value, sib)
        if found is not False:
            return found if isinstance(found, str) else None
    if key == "value" and parents and set(sib) <= MYINFO_ITEM_KEYS:
        # a MyInfo data item (``{"value": …, "source": "1", "lastupdated": …}``): the item's
        # key says what the value is
        item = MYINFO_ITEMS.get(parents[-1])
        if item:
            return _checked(item, str(value).strip())
        return rule_label(parents[:-1], parents[-1], value, {})
    if key in {"code", "desc"} and parents and parents[-1] == "sex":
        return _checked("gender", str(value).strip())
    v = str(value).strip()
    if URL_WITH_PASSWORD.match(v):
        return "secret_key"  # a connection string with its password (as v4)
    abdm = ABDM_ADDRESS.match(v)
    if abdm:
        # an ABDM address (a patient's ABHA address, a professional's HPR address) is a login
        # handle, not a mailbox; a facility's (HFR) is a negative
        return None if abdm.group(1) == "hfr." else "username"
    ws = real_sets.words(key)
    joined = "".join(ws)
    up = [w for p in parents[-3:] for w in real_sets.words(p)]
    own = _own_words(ws, joined, up, v)
    if own is not False:
        return own if isinstance(own, str) else None
    return make_v9.rule_label(parents, key, value, sib)


def _pair(key: str, value: Any, sib: dict[str, Any]) -> str | bool | None:
    """A value whose pair names its kind: OpenSRP's ``{"name": code, "value": …}`` by its code,
    a type, scheme or party-id type by the kind it names; ``False`` where the pair names none."""
    v = str(value).strip()
    if key == "value" and isinstance(sib.get("name"), str) and "source" in sib:
        for code, t in OPENSRP_CODES:
            if code.search(sib["name"]):
                return _checked(t, v)
        return None
    kind = " ".join(str(sib.get(k, "")) for k in KIND_KEYS if k in sib)
    kind_words = "".join(real_sets.words(kind.replace("_", " ")))
    for word, t in ID_KIND_WORDS.items():
        if word in kind_words:
            return _checked(t, v)
    return False


def _checked(t: str, v: str) -> str | None:
    """``t`` where the value has the shape or passes the check its kind needs."""
    digits = re.sub(r"\D", "", v)
    checks = {
        "phone": lambda: bool(make_v8.PHONE.match(v)) and len(digits) >= 7,
        "email": lambda: bool(make_v8.EMAIL.match(v)),
        "date_of_birth": lambda: bool(make_v8.DATE.match(v)),
        "person_name": lambda: make_v8._person(v),
        "gender": lambda: 0 < len(v) <= 12,
        "geo_location": lambda: bool(re.fullmatch(r"-?\d+(\.\d+)?([ ,]+-?\d+(\.\d+)?){1,3}", v)),
        "national_id": lambda: _national(v),
        "tax_id": lambda: _tax(v),
    }
    ok = checks.get(t, lambda: len(v) >= 5 and bool(re.search(r"\d", v)))()
    return t if ok and not _stand_in_number(v) else None


def _stand_in_number(v: str) -> bool:
    """v9's placeholders, and counting digits with check digits appended (``12345678909``)."""
    digits = re.sub(r"\D", "", v)
    return make_v9._placeholder(v) or (len(digits) >= 10 and digits.startswith("123456789"))


def _national(v: str) -> bool:
    """A personal number by the check of a country it fits (Norway, Poland, Mexico's CURP,
    Ireland's PPSN), or any other number of six or more digits."""
    compact = re.sub(r"[\s.-]", "", v).upper()
    if re.fullmatch(r"\d{11}", compact):
        return no_fnr.is_valid(compact) or pl_pesel.is_valid(compact)
    if re.fullmatch(r"[A-Z]{4}\d{6}[A-Z0-9]{8}", compact):
        return mx_curp.is_valid(compact)
    if re.fullmatch(r"\d{7}[A-W][A-IW]?", compact):
        return ie_pps.is_valid(compact)
    if re.fullmatch(r"[STFGM]\d{7}[A-Z]", compact):
        return True  # Singapore's NRIC or FIN
    return len(re.sub(r"\D", "", v)) >= 6 and len(set(re.sub(r"\D", "", v))) > 2


def _tax(v: str) -> bool:
    """A tax number by the check of the country it fits (Poland's NIP, Mexico's RFC, an EU VAT
    number), or any other number of eight or more digits."""
    compact = re.sub(r"[\s.-]", "", v).upper()
    if re.fullmatch(r"\d{10}", compact):
        return pl_nip.is_valid(compact)
    if re.fullmatch(r"[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}", compact):
        return mx_rfc.is_valid(compact)
    if re.fullmatch(r"[A-Z]{2}[0-9A-Z]{8,12}", compact):
        return eu_vat.is_valid(compact)
    digits = re.sub(r"\D", "", v)
    return len(digits) >= 8 and len(set(digits)) > 2


def _own_words(  # noqa: PLR0911, PLR0912 (one table of rules, top to bottom)
    ws: list[str], joined: str, up: list[str], v: str
) -> str | bool | None:
    """v10's key words: names, birth dates, genders, phones, streets and personal numbers in
    the sources' languages, tax numbers, India's health ids, session cookies, full addresses;
    ``False`` for other keys."""
    last = ws[-1] if ws else ""
    if joined in NAME_KEYS or (last == "navn" and len(ws) > 1):
        return _checked("person_name", v)
    if joined in BIRTH_KEYS:
        return "date_of_birth" if re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", v) else None
    if joined in GENDER_KEYS:
        return _checked("gender", v)
    if joined in PHONE_KEYS:
        return _checked("phone", v)
    if joined in STREET_KEYS:
        return "street_address" if re.search(r"[^\W\d_]{3}", v) else None
    if joined in NATIONAL_KEYS:
        return _checked("national_id", v)
    if joined in {"nip", "rfc", "rfcpago", "subjectnip", "vatueidentifier"} or (
        joined == "taxid" and re.fullmatch(r"[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}", v)
    ):
        return _checked("tax_id", v)
    if joined == "curp":
        return _checked("national_id", v)
    if ws[-2:] == ["health", "id"] or joined in {"abha", "abhanumber", "healthidnumber"}:
        return "national_id" if re.fullmatch(r"\d{2}-?\d{4}-?\d{4}-?\d{4}", v) else None
    if ws[-2:] == ["phr", "address"] or joined == "abhaaddress":
        return "username" if re.fullmatch(r"[\w.-]+@\w+", v) else None
    if joined in {"conta", "agencia", "codigobanco", "ispbparticipante"}:
        # Brazil: an account, agency, bank (COMPE) or ISPB code names the account (as v5)
        return "bank_account" if re.fullmatch(r"\d{3,12}(-\d)?", v) else None
    if joined in {"documento", "chave"} and re.fullmatch(r"\d{11}|\d{14}", v):
        # a holder's document or a Pix key of digits: a CPF or a CNPJ by its check digits
        if _stand_in_number(v):
            return None
        return "national_id" if br_cpf.is_valid(v) else "tax_id" if br_cnpj.is_valid(v) else None
    if ws[-1:] in (["latitude"], ["longitude"]) and re.fullmatch(r"[+-]\d{1,3}\.\d{2,}", v):
        return "geo_location"
    if joined in {"cookievalue", "sessiontoken", "sessionsecret"}:
        return "secret_key" if len(v) >= 16 and not make_v8._stand_in(v, joined) else None
    if last == "secret" and make_v8.UUID.match(v):
        return "secret_key"
    if joined in {"formatted", "formattedaddress"} and "address" in up + ws:
        return "street_address" if re.search(r"\d", v) and re.search(r"[^\W\d_]{3}", v) else None
    return False


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The rule types of one leaf: its rule label, plus what free text carries besides; a JSON
    document written as a string (Mojaloop's ``kycInformation``) carries the types of its
    members."""
    if isinstance(value, str) and value.lstrip().startswith(("{", "[")):
        inner = real_sets.load_json(value)
        if isinstance(inner, dict | list):
            found: set[str] = set()
            for _, ps, k, v, sb in real_sets.leaves(inner):
                if not _counting_digits(v):
                    found |= _leaf_types(ps, k, v, sb)
            return found
    t = rule_label(parents, key, value, sib)
    out = {t} if t else set()
    if out and isinstance(value, str) and len(value) > 20 and " " in value:
        out |= make_v8._in_text(value)
    return out


def _counting_digits(v: Any) -> bool:
    """A value whose digits are a counting run of six or more (``AB1234567``): a stand-in."""
    digits = re.sub(r"\D", "", str(v))
    return len(digits) >= 6 and (digits in "01234567890123456789" or digits in "9876543210")


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(make_v9.SUSPECT.pattern + r"|navn|ident|fnr|nip|pesel|abha|vin", re.I)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v10", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
