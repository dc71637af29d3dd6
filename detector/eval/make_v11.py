"""Build ``data/v11/real.jsonl``: real SDK fixtures, recorded traffic, example data and mock
responses that publishers not used by v1 to v10 released under permissive licences, labelled by
the rules below and then by hand decisions (``data/v11/overrides.json``).

``python -m detector.eval.make_v11 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v11`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

The v11 rules read the key words v11's sources add (Swedish, Spanish, Polish and Indonesian key
words, Mexican bank and identity numbers, Django user records, WireMock stubs), then v10's rules
(``make_v10.rule_label``, which end in v9's and v8's).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from stdnum.mx import curp as mx_curp
from stdnum.mx import rfc as mx_rfc
from stdnum.se import personnummer as se_pnr

from detector.eval import make_v8, make_v10, real_sets
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import rel as _rel

DATA, OUT, OVERRIDES = real_sets.set_files("v11")

SOURCES: dict[str, Source] = {
    "bcgov": Source(
        "bcgov/business-schemas",
        "d30c9eb9333f875eb916c5b4c1f083d13998d931",
        "Apache-2.0",
        ("src/registry_schemas/example_data/*.py",),
        "the example filings of the Province of British Columbia's business registry schemas, "
        "written as Python literals: incorporations, annual reports, changes of directors and "
        "officers, registrations of firms with their parties (names, e-mail addresses, "
        "delivery and mailing addresses), court orders, business documents",
    ),
    "smsapi": Source(
        "smsapi/smsapi-python-client",
        "36cfbcca00d2054a1b1920afdda311d83bc21426",
        "Apache-2.0",
        ("tests/unit/*/fixtures/*.json",),
        "the SMSAPI (Polish SMS and voice gateway) responses the client's tests replay: "
        "contacts with names, phones, e-mail addresses, birthdays and genders, groups, "
        "sent messages, MMS and voice messages, sender names, HLR lookups, short URLs, users",
    ),
    "tenable": Source(
        "tenable/pyTenable",
        "9674fac2af9275beffbbe424ee096d42fd067f28",
        "MIT",
        ("tests/io/cassettes/*.yaml", "tests/sc/cassettes/*.yaml", "tests/ot/cassettes/*.yaml"),
        "the recorded traffic (VCR cassettes) of the Tenable (vulnerability management) "
        "client's tests: scans, assets with IP and MAC addresses and host names, agents, "
        "credentials, users, policies, networks, exclusions, repositories, audit logs",
    ),
    "cuenca": Source(
        "cuenca-mx/cuenca-python",
        "eef879c6c8eff5df17b77fa93cfd69ec2f180945",
        "MIT",
        ("tests/resources/cassettes/*.yaml", "tests/http/cassettes/*.yaml"),
        "the recorded traffic (VCR cassettes) of the Cuenca (Mexican bank) client's tests: "
        "users with CURP, RFC, names, birth dates, addresses, phones and e-mail addresses, "
        "accounts with CLABEs, transfers, card transactions, cards, API keys, sessions",
    ),
    "mati": Source(
        "cuenca-mx/mati-python",
        "5e6fded27e61af4ac9488d2a745dc755a16ac56f",
        "MIT",
        ("tests/resources/cassettes/*.yaml", "tests/cassettes/*.yaml"),
        "the recorded traffic (VCR cassettes) of Cuenca's client for Mati (MetaMap, identity "
        "verification): verifications with the data read from Mexican voter cards (INE) and "
        "passports (names, CURP, birth dates, addresses, document numbers), liveness checks",
    ),
    "unzer": Source(
        "unzerdev/php-sdk",
        "d9ef83069d8bfafacc2735315e530f1b01903959",
        "Apache-2.0",
        ("test/Fixtures/jsonData/*.json",),
        "the Unzer (German payment provider, formerly Heidelpay) responses and requests the "
        "PHP SDK's tests read: customers, payments, pay pages, Google Pay, Click to Pay and "
        "open-banking resources",
    ),
    "midtrans": Source(
        "Midtrans/midtrans-python-client",
        "72883f5b47132e50632346b46c5af37c50c27f49",
        "MIT",
        ("tests/*.py", "examples/*.py"),
        "the request parameters of the Midtrans (Indonesian payment gateway) Python client's "
        "tests and examples, written as Python literals: charges with customer details "
        "(names, e-mail addresses, phones, billing and shipping addresses), card tokens, "
        "bank transfers, subscriptions",
    ),
    "care": Source(
        "ohcnetwork/care",
        "69c2b831457ba1e47b68ada0eae9582d3c32b865",
        "MIT",
        ("data/dummy/users.json", "data/dummy/facility.json"),
        "the dummy data the Open Healthcare Network's CARE (Indian public-health facility "
        "management, used by Kerala's COVID-19 response) loads for development: users with "
        "usernames, password hashes, names, phones, e-mail addresses, birth dates, genders; "
        "facilities with phone numbers and pin codes",
    ),
    "sundsvall": Source(
        "Sundsvallskommun/api-service-case-data",
        "2717b5941a6d1e806de19895b831b530675a05a9",
        "MIT",
        ("src/integration-test/resources/*.json",),
        "the request and response bodies of the integration tests (WireMock stubs and "
        "expected responses) of Sundsvall municipality's (Sweden) case-data service: errands "
        "with stakeholders (names, personal numbers, addresses, contact details), decisions, "
        "notes, messages, conversations, attachments, facilities",
    ),
    "simplisafe": Source(
        "bachya/simplisafe-python",
        "d9a974e5ba06d52787942f2fb081cc62d9392967",
        "MIT",
        ("tests/fixtures/*.json",),
        "the SimpliSafe (US home security) API responses a third-party client's tests replay: "
        "the user and its subscriptions with the monitored location's address, systems, "
        "sensors, locks, cameras, PINs, events, settings",
    ),
    "tile": Source(
        "bachya/pytile",
        "442a2ac3a20237f654cabee3acab0de4e4751ef7",
        "MIT",
        ("tests/fixtures/*.json",),
        "the Tile (Bluetooth trackers) API responses a third-party client's tests replay "
        "(the same author as the SimpliSafe client): the session and user, tiles with their "
        "last positions, tile details",
    ),
    "overkiz": Source(
        "iMicknl/python-overkiz-api",
        "a6474ffe082ed58871eab3ef37ca0c481fca1116",
        "MIT",
        (
            "tests/fixtures/setup/*.json",
            "tests/fixtures/endpoints/*.json",
            "tests/fixtures/action_groups/*.json",
        ),
        "the Overkiz (Somfy TaHoma, Atlantic Cozytouch, Hitachi Hi Kumo, Nexity: French home "
        "automation platform) responses a third-party client's tests replay: setups with "
        "gateways, locations (addresses, coordinates, owner's e-mail), devices and their "
        "states, action groups",
    ),
    "vicare": Source(
        "openviess/PyViCare",
        "0f9e31f01a55296295bf64ff781cabff9017b69f",
        "Apache-2.0",
        ("tests/response/*.json",),
        "the Viessmann ViCare (German heating systems) API responses a third-party client's "
        "tests replay: installations, gateways and devices with their features (temperatures, "
        "burners, heating circuits, hot water, photovoltaics)",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v11<source>/<family>``): as v10's, but per
#: family at most 12 documents, per source 60 or its ``SOURCE_CAP``.
SOURCE_CAP: dict[str, int] = {
    "v11bcgov": 34,
    "v11care": 80,
    "v11cuenca": 40,
    "v11sundsvall": 52,
    "v11tenable": 80,
}
CAPS = real_sets.Caps("v11", source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem, _words_family = real_sets.slug, real_sets.stem, real_sets.words_family
_stem_words = real_sets.stem_words


def _bcgov(cache: Path) -> Iterator[tuple[str, Any]]:
    """Every dict constant of the example data (names other constants define resolved);
    family: the constant's name (``CHANGE_OF_DIRECTORS``)."""
    for _, name, value in make_v8._python_literals(_files(cache, "bcgov")):
        if isinstance(value, dict) and name:
            yield _slug(re.sub(r"_(TEMPLATE|MAILING)$", "", name).lower()), value


def _lenient(node: ast.AST) -> Any:
    """The literal parts of a Python expression: constants, dicts, lists and tuples, members
    whose values are not literals left out (``None`` for the whole where nothing is)."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Dict):
        out = {}
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant) and isinstance(k.value, str):
                value = _lenient(v)
                if value is not None:
                    out[k.value] = value
        return out or None
    if isinstance(node, ast.List | ast.Tuple):
        items = [x for x in (_lenient(v) for v in node.elts) if x is not None]
        return items or None
    return None


def _midtrans(cache: Path) -> Iterator[tuple[str, Any]]:
    """The outermost dict literals of the tests and examples (parameters and expected
    responses; non-literal members left out); family: the module and the function."""
    for p in _files(cache, "midtrans"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        module = p.stem.removeprefix("test_")
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.Module):
                continue
            where = fn.name if isinstance(fn, ast.FunctionDef) else "module"
            where = re.sub(r"^(test_)?(generate_)?|_(valid|invalid|fail\w*|\d+)$", "", where)
            for node in ast.iter_child_nodes(fn):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Dict) and not _inside_dict(inner, node):
                        value = _lenient(inner)
                        if isinstance(value, dict) and len(value) >= 2:
                            yield _slug(f"{module}_{where}"), value


def _inside_dict(target: ast.Dict, root: ast.AST) -> bool:
    """Whether ``target`` is nested inside another dict literal under ``root``."""
    for node in ast.walk(root):
        if isinstance(node, ast.Dict) and node is not target:
            for child in ast.walk(node):
                if child is target:
                    return True
    return False


def _cassettes(name: str, family_of: Callable[[str], str]) -> Extractor:
    """The JSON request and response bodies of each VCR cassette; family:
    ``family_of(path in the repository)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            try:
                tape = real_sets.load_yaml(p)
            except yaml.YAMLError:  # a cassette holding binary YAML tags is skipped
                continue
            for body in real_sets.cassette_bodies(tape):
                yield family_of(_rel(cache, name, p)), body

    return extract


def _tenable_family(rel: str) -> str:
    """The product (``io``, ``sc``, ``ot``) and the cassette's words without verbs and
    outcomes (``sc_asset_lists``)."""
    words = _words_family(
        _stem(rel),
        r"^test_|_(success|fail\w*|typeerror|unexpectedvalueerror|notfound\w*|permission\w*)"
        r"|_(create|delete|edit|details|list|update|get|export|import|launch|copy)\b",
    )
    return _slug(f"{rel.split('/')[1]}_{words}")


def _cuenca_family(rel: str) -> str:
    """The resource the test exercises (``test_transfers_create`` → ``transfers``)."""
    stem = re.sub(r"^test_", "", _stem(rel))
    return _slug(stem.split("_")[0] if stem else "root")


def _care(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each Django fixture record (``{"model": …, "fields": …}``) on its own; family: its
    model."""
    for p in _files(cache, "care"):
        body = real_sets.load_json(p.read_text(encoding="utf-8"))
        for record in body if isinstance(body, list) else []:
            if isinstance(record, dict):
                yield _slug(str(record.get("model", p.stem)).replace(".", "_")), record


def _sundsvall(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each WireMock stub's request and response bodies, and every other JSON file whole;
    family: the integration test class and the resource the file names."""
    for p in _files(cache, "sundsvall"):
        body = real_sets.load_json(p.read_text(encoding="utf-8"))
        rel = _rel(cache, "sundsvall", p)
        it = rel.split("/")[3].removesuffix("IT").lower()
        what = _words_family(_stem(rel), r"^(test\d+_)?|^(request|response|mock)_?")
        family = _slug(f"{it}_{what}")
        if isinstance(body, dict) and ("request" in body or "response" in body):
            for pattern in (body.get("request") or {}).get("bodyPatterns") or []:
                inner = pattern.get("equalToJson") if isinstance(pattern, dict) else None
                if isinstance(inner, str):
                    inner = real_sets.load_json(inner)
                if isinstance(inner, dict | list):
                    yield family, inner
            reply = (body.get("response") or {}).get("jsonBody")
            if isinstance(reply, dict | list):
                yield family, reply
        elif isinstance(body, dict | list):
            yield family, body


_EXTRACTORS: dict[str, Extractor] = {
    "bcgov": _bcgov,
    "smsapi": _json_files(
        "smsapi", lambda rel: _slug(f"{rel.split('/')[2]}_{_words_family(_stem(rel))}")
    ),
    "tenable": _cassettes("tenable", _tenable_family),
    "cuenca": _cassettes("cuenca", _cuenca_family),
    "mati": _cassettes("mati", _cuenca_family),
    "simplisafe": _json_files("simplisafe", lambda rel: _words_family(_stem(rel), r"_response$")),
    "tile": _json_files("tile", lambda rel: _words_family(_stem(rel), r"_response$")),
    "overkiz": _json_files(
        "overkiz",
        lambda rel: _slug(f"{rel.split('/')[2]}_{_words_family(_stem(rel), r'^(setup|local)_')}"),
    ),
    "vicare": _json_files("vicare", _stem_words),
    "unzer": _json_files("unzer", _stem_words),
    "midtrans": _midtrans,
    "care": _care,
    "sundsvall": _sundsvall,
}
EXTRACTORS = {name: make_v8._members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules

#: Swedish, Spanish, Polish and Indonesian key words (joined, lower case).
NAME_KEYS = {
    "fornamn",
    "efternamn",
    "givenname",
    "lastname",
    "nombres",
    "primerapellido",
    "segundoapellido",
    "apellidopaterno",
    "apellidomaterno",
    "nombre",
    "fullname",
    "namalengkap",
    "names",
    "recipientname",
    "alternatename",
    "ambulancedrivername",
    "authorizedsignatory",
    "createdbyfullname",
    "ownerfullname",
}
#: A middle initial is a part of a name (as v9).
INITIAL_KEYS = {"middleinitial", "prevmiddleinitial"}
#: Logins of a directory (Active Directory account, login and mail nickname).
LOGIN_KEYS = {"adaccount", "loginname", "mailnickname"}
PHONE_KEYS = {"telefon", "telefonnummer", "mobilnummer", "telefono", "phonenumber"}
NATIONAL_KEYS = {"personnummer", "personalnumber", "personnr", "curp", "nik"}
BANK_KEYS = {"clabe", "cuentaclabe"}
BIRTH_KEYS = {"fechanacimiento", "fechadenacimiento", "birthday", "birthdaydate", "fodelsedatum"}


def rule_label(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> str | None:
    """The type of one scalar leaf: v11's key words first, then v10's rules."""
    if isinstance(value, bool) or value is None:
        return None
    v = str(value).strip()
    ws = real_sets.words(key)
    joined = "".join(ws)
    own = _own_words(parents, ws, joined, v, sib)
    if own is not False:
        return own if isinstance(own, str) else None
    return make_v10.rule_label(parents, key, value, sib)


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """v11's key words under the one convention: numbers of zeros alone are no data."""
    return _key_words(parents, ws, joined, v, sib, _zeros)


def _own_words_as_made(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """v11's key words as the set was made (counting and repeated digits dropped): they chose
    its documents."""
    return _key_words(parents, ws, joined, v, sib, _counting)


def _key_words(  # noqa: PLR0911, PLR0917 (one table of rules, top to bottom)
    parents: list[str],
    ws: list[str],
    joined: str,
    v: str,
    sib: dict[str, Any],
    no_number: Callable[[str], bool],
) -> str | bool | None:
    """v11's key words: Swedish personal numbers, Mexican CURP, RFC and CLABE, names, phones
    and birthdays in the sources' languages, Django password hashes and user names; ``False``
    for other keys. ``no_number`` tells the digits that are no number of the type."""
    if joined in NATIONAL_KEYS or ws[-1:] == ["curp"]:
        return "national_id" if _personal_number(v, no_number) else None
    if joined in BANK_KEYS:
        return "bank_account" if re.fullmatch(r"\d{18}", v) and not no_number(v) else None
    if ws[-1:] == ["rfc"]:
        compact = v.upper().replace("-", "")
        return "tax_id" if mx_rfc.is_valid(compact) and not no_number(v) else None
    if joined in NAME_KEYS:
        return "person_name" if make_v8._person(v) else None
    if joined in INITIAL_KEYS:
        return "person_name" if re.fullmatch(r"[A-Z]\.?", v) else None
    if joined in LOGIN_KEYS:
        return "username" if re.fullmatch(r"[\w.\\@+-]{3,}", v) else None
    if joined == "yearofbirth":
        return "date_of_birth" if re.fullmatch(r"(19|20)\d\d", v) else None
    if joined in PHONE_KEYS:
        ok = make_v8.PHONE.match(v) and len(re.sub(r"\D", "", v)) >= 7
        return "phone" if ok and not no_number(v) else None
    if joined in BIRTH_KEYS:
        return "date_of_birth" if make_v8.DATE.match(v) else None
    if joined == "password" and re.match(r"^(pbkdf2_sha256|argon2|bcrypt|\$2[aby]\$)", v):
        return "secret_key"  # a password hash (as v7)
    if joined == "username" and parents[-1:] == ["fields"] and re.fullmatch(r"[\w.@+-]{3,}", v):
        return "username"
    return False


def _personal_number(v: str, no_number: Callable[[str], bool]) -> bool:
    """A Swedish personnummer or a Mexican CURP by its check, or an Indonesian NIK (16
    digits)."""
    compact = re.sub(r"[\s-]", "", v).upper()
    if re.fullmatch(r"\d{10}|\d{12}", compact):
        return se_pnr.is_valid(compact) and not no_number(compact)
    if re.fullmatch(r"[A-Z]{4}\d{6}[A-Z0-9]{8}", compact):
        return mx_curp.is_valid(compact)
    return bool(re.fullmatch(r"\d{16}", compact)) and not no_number(compact)


def _counting(v: str) -> bool:
    """Counting or repeated digits (``1234567890``, ``000000000000000000``): the stand-ins v11
    dropped when it was made."""
    digits = re.sub(r"\D", "", v)
    return make_v10._counting_digits(v) or len(set(digits)) <= 2


def _zeros(v: str) -> bool:
    """Digits that are zeros alone (``000000000000000000``): no data. Counting and repeated
    digits keep their type's shape under a key naming it (the one convention, session 15)."""
    digits = re.sub(r"\D", "", v)
    return not digits.strip("0")


#: The rule types of one leaf: v11's key words decide a scalar they name; everything else
#: goes through v10's leaf rules.
_leaf_types = real_sets.layered(_own_words, make_v10._leaf_types)
#: The rule types as v11 was made: they chose its documents.
_leaf_types_as_made = real_sets.layered(_own_words_as_made, make_v10._leaf_types)


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    make_v10.SUSPECT.pattern + r"|namn|nummer|curp|rfc|clabe|nik|ine|mac|host|user|login",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(
    CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v11", SOURCES, SUSPECT, chosen_by=_leaf_types_as_made
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
