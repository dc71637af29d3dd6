"""Build ``data/v14/real.jsonl``: real SDK and client test fixtures, recorded traffic and API
documentation examples that publishers not used by v1 to v13 released under permissive
licences, labelled by the rules below and then by hand decisions (``data/v14/overrides.json``).

``python -m detector.eval.make_v14 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v14`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

v14's rules are v12's (``make_v12._leaf_types``, which end in v11's, v10's, v9's and v8's)
under a few key words of its own sources (WeChat's and Smile ID's); what they miss or mislabel
is set right by the hand decisions.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v12, real_sets
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files

DATA, OUT, OVERRIDES = real_sets.set_files("v14")

SOURCES: dict[str, Source] = {
    "wechat": Source(
        "wechatpy/wechatpy",
        "5b8502e3bc4abfee3abae77983e01633ed47cebf",
        "MIT",
        ("tests/fixtures/*.json", "tests/fixtures/*/*.json", "tests/fixtures/*/*/*.json"),
        "the WeChat (Tencent's Chinese messaging platform) official-account, WeCom (enterprise "
        "WeChat), mini-program, open-platform and WeChat Pay API responses a third-party "
        "Python client's tests replay: users and followers with open ids, nicknames, cities, "
        "WeCom members with names, mobiles, e-mail addresses, departments, external contacts, "
        "customer-service sessions, payments and merchants",
    ),
    "rakuten": Source(
        "rakuten-ws/rws-ruby-sdk",
        "acc7c88dbb872928940f9340563395a6273af084",
        "MIT",
        ("spec/fixtures/*/*.json",),
        "the Rakuten Web Service (Japanese e-commerce, travel, books, golf and recipe "
        "portal) API responses Rakuten's Ruby client's tests replay, in Japanese: items and "
        "shops, books, hotels with addresses, phones and coordinates, golf courses, recipes",
    ),
    "workable": Source(
        "rwojsznis/workable",
        "15b1410e97dd25ef28f6a0938f21efbb168f0ad2",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Workable (Greek-British applicant tracking, recruiting) API responses a "
        "third-party Ruby client's tests replay, taken from Workable's documentation: jobs, "
        "candidates with names, e-mail, phones, addresses, education and experience, "
        "recruiters and members",
    ),
    "breathe": Source(
        "dxw/breathe_ruby",
        "a891d191641f480f97f78300d03e04e3f969cbfd",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Breathe HR (British HR software) API responses dxw's Ruby client's tests "
        "replay: employees with names, e-mail addresses, job titles and departments, "
        "absences, sicknesses, training courses",
    ),
    "yoti": Source(
        "getyoti/yoti-node-sdk",
        "6b4da4605ce189d2b8093f596a0be0d98c0b85b4",
        "MIT",
        ("tests/sample-data/*/*.json",),
        "the Yoti (British digital identity and age verification) sample data its Node "
        "client's tests read: shared profile attributes as name/value pairs (names, birth "
        "date, gender, nationality, phone, e-mail, address, document details), AML checks, "
        "share URLs, encrypted messages",
    ),
    "odk": Source(
        "getodk/central-backend",
        "4f5943d13dd775fcecd2e21f9b8957db885d1ca3",
        "Apache-2.0",
        ("docs/api.yaml",),
        "the examples of the API description of ODK Central (the server of Open Data Kit, "
        "field data collection used by health and humanitarian programmes): users and "
        "actors with e-mail addresses and display names, projects, forms, submissions, "
        "entities, app users, audits, sessions with tokens",
    ),
    "vodafone": Source(
        "chemelli74/aiovodafone",
        "8bb369141ef67b7333c1b3b7bd28fd9d16200bcd",
        "Apache-2.0",
        ("tests/fixtures/*/*.json",),
        "the Vodafone Station and Ultra Hub (home routers of the telecom operator) responses a "
        "third-party Python client's tests read: router status, connected devices with MAC "
        "and IP addresses and host names, Wi-Fi settings",
    ),
    "smileid": Source(
        "smileidentity/smile-identity-core-js",
        "aef10c75165fc753309824a934377bbabc88bf33",
        "MIT (its package.json; no licence file)",
        ("test/fixtures/*.json",),
        "the Smile ID (Nigerian-founded identity verification, KYC/KYB across Africa) "
        "business verification response its Node client's tests read: the company, its "
        "directors and beneficial owners with names, id numbers, phones and addresses",
    ),
    "discourse": Source(
        "discourse/discourse_api",
        "6e5e71b692bbf86e9d052506e7647cb9aa5a84c2",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Discourse (community forum and messaging platform) API responses its Ruby "
        "client's tests replay: users with user names, names, e-mail addresses and IP "
        "addresses, groups and members, topics, posts, private messages, API keys, invites",
    ),
    "groupme": Source(
        "dwradcliffe/groupme",
        "a306dbcf38cc4d9ed219e010783799b2ccb4f9a2",
        "MIT",
        ("spec/fixtures/*.json",),
        "the GroupMe (group messaging) API responses a third-party Ruby client's tests "
        "replay: the user (name, e-mail, phone), groups and members, messages, direct "
        "messages with locations, bots",
    ),
    "plangrade": Source(
        "plangrade/plangrade-ruby",
        "fe7240753825358c9b3c6887b51b5858a984c5f8",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Plangrade (US retirement-plan notices for employers, HR benefits) API responses "
        "its Ruby client's tests replay: the user, companies, plan participants with names, "
        "e-mail addresses, employee ids, phones and addresses",
    ),
    "alma": Source(
        "tulibraries/alma_rb",
        "5e00e4d199f9e6d70a40e35e6887c43e94eb19bd",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Ex Libris Alma (university library services platform) API responses Temple "
        "University Libraries' Ruby client's tests replay: library users with names, "
        "identifiers, e-mail addresses, phones and addresses, loans, fines, requests, "
        "items, courses, libraries and locations",
    ),
    "netology": Source(
        "teachbase/netologiest",
        "2905ac659585ad81d2560c630f58668aa52eae6a",
        "MIT",
        ("spec/fixtures/*.json",),
        "the Netology (Russian online education) API responses Teachbase's Ruby client's "
        "tests replay: courses with lessons and authors, lesson tokens, authentication",
    ),
    "edfi": Source(
        "Ed-Fi-Alliance-OSS/Ed-Fi-ODS",
        "24fe66cfc04459ad6d6cac09d635d3c149b24669",
        "Apache-2.0",
        ("Postman Test Suite/*.postman_collection.json",),
        "the request and example response bodies of the Postman test suites of the Ed-Fi ODS "
        "API (the US K-12 education data standard's reference API, used by state education "
        "agencies and school districts): students, parents, staff and contacts with names, "
        "birth dates, addresses, e-mail addresses, phones and identification codes, schools, "
        "sections, enrolments, grades, assessments",
    ),
    "free5gc": Source(
        "free5gc/webconsole",
        "1b916d227eabdf55b5478cd5c4b2efdf1077b33a",
        "Apache-2.0",
        ("free5gc-Webconsole.postman_collection.json",),
        "the request and response bodies of the Postman collection of free5GC's web console "
        "(the open-source 5G core network's subscriber management, Taiwan): subscribers with "
        "IMSI/SUPI and MSISDN/GPSI, authentication keys (K, OPc), slices, tenants and users",
    ),
    "validic": Source(
        "Validic/ValidicNodeJS",
        "bd0c9430ef788c31ac88db077a9eb01fbde386e2",
        "MIT (its licence file; Apache-2.0 in its package.json)",
        ("test/fixtures/*.json",),
        "the Validic (US digital-health data platform: wearables and home medical devices) "
        "API responses its Node client's tests replay: users and profiles with gender, "
        "birth year, height, weight, location, biometrics, diabetes, fitness, nutrition, "
        "sleep, weight and tobacco-cessation records, organisations, synced apps",
    ),
    "cdusers": Source(
        "CoderDojo/cp-users-service",
        "182bc4367ddabf0045f16dbe2ee7e159100e98c7",
        "MIT",
        ("test/fixtures/*.json", "test/fixtures/e2e/*.json"),
        "the test fixtures of the CoderDojo Foundation's (Irish free coding clubs for young "
        "people) users service: parents, mentors and youth members with names, e-mail "
        "addresses, passwords, birth dates, phones and addresses, agreements",
    ),
    "cddojos": Source(
        "CoderDojo/cp-dojos-service",
        "3b4f6e796085728e2770c00f6a968ce92407fa56",
        "MIT",
        ("test/fixtures/*.json", "test/fixtures/e2e/*.json"),
        "the test fixtures of the CoderDojo Foundation's dojos service: dojos (clubs) with "
        "addresses, coordinates, contact e-mail addresses and phones, dojo leads with their "
        "champions' details, members, polls",
    ),
    "inferno": Source(
        "onc-healthit/inferno-community",
        "8ea9018a92f21824951fdc953de803cd065e2266",
        "Apache-2.0",
        ("test/fixtures/*.json", "lib/modules/*/test/fixtures/*.json"),
        "the test fixtures of Inferno, the US Office of the National Coordinator for Health "
        "IT's FHIR conformance testing tool: US Core and Argonaut patients (synthetic, with "
        "names, birth dates, addresses, phones and identifiers), observations, conditions, "
        "medications, encounters, practitioners, organisations, SMART and bulk-data "
        "configurations",
    ),
    "chatwork": Source(
        "chobie/chatwork-api-client",
        "caea9f6ac192e39eb8e92d9565aecab57f408715",
        "MIT (its composer.json; no licence file)",
        ("tests/fixtures/*.json",),
        "the Chatwork (Japanese business chat) API responses a third-party PHP client's tests "
        "replay: the account (name, chatwork id, organisation, e-mail, phones, address), "
        "contacts, rooms and members, messages, tasks, files",
    ),
    "resumator": Source(
        "julianduque/node-resumator",
        "36e752e298b5f51e7501623d4261c5f57ab14186",
        "MIT (its package.json; no licence file)",
        ("tests/fixtures/*.json",),
        "The Resumator (now JazzHR, US recruiting software) API responses a third-party Node "
        "client's tests replay: applicants with names, e-mail addresses, phones and "
        "addresses, contacts, users, jobs, activities, tasks",
    ),
    "uc4": Source(
        "upb-uc4/ui-web",
        "9fc71612f9aba667565418a6137f10e387bed016",
        "Apache-2.0",
        ("tests/fixtures/*.json", "tests/fixtures/logins/*.json"),
        "the test fixtures of University Credits 4.0's web interface (Paderborn University's "
        "blockchain-based student records project, Germany): students, lecturers and admins "
        "with user names, names, addresses, e-mail addresses, birth dates, phones and "
        "passwords, courses, examination regulations",
    ),
    "docusign": Source(
        "docusign/passport-docusign",
        "26beb24fd151c17ed26b050d7cf225355f23fbf8",
        "MIT",
        ("test/fixtures/*.json",),
        "the user-info response DocuSign's (US e-signature service) OAuth strategy's tests "
        "read: the user with names, e-mail address and accounts",
    ),
    "fhirkit": Source(
        "Vermonster/fhir-kit-client",
        "3b36f30f29f5bbeac356feed0db6ce3be3eeb711",
        "MIT",
        ("test/fixtures/*.json",),
        "the FHIR server responses Vermonster's (US health-software consultancy) FHIR client's "
        "tests replay: patients (synthetic, with names, birth dates, addresses, phones and "
        "identifiers) in searches, histories, batches and transactions, capability statements",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v14<source>/<family>``): as v13's, but a
#: document needs rule labels on 1 % of its leaves (2 % in v13: the hotel and book listings are
#: long) and Ed-Fi, the largest source, is capped at 55.
SOURCE_CAP: dict[str, int] = {"v14edfi": 55}
CAPS = real_sets.Caps("v14", min_density=0.01, source_cap=SOURCE_CAP)


# ---------------------------------------------------------------------------- extraction

_slug, _stem, _words_family = real_sets.slug, real_sets.stem, real_sets.words_family
_stem_words = real_sets.stem_words


def _openapi(name: str) -> Extractor:
    """The object examples of source ``name``'s API descriptions (family: the last word of the
    API path, ``/v1/projects/{id}/forms`` → ``forms``, or the first of the component) and one
    object per component schema assembled from its property examples."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            spec = real_sets.load_yaml(p)
            if isinstance(spec, dict):
                yield from real_sets.openapi_examples(spec, _url_family)
                yield from real_sets.schema_objects(spec)

    return extract


def _postman(name: str) -> Extractor:
    """The JSON request bodies and saved example responses of each Postman collection's
    requests; family: the request URL's last word that is not a variable or an id
    (``{{ApiBaseUrl}}/ed-fi/students/{{id}}`` → ``students``)."""

    def walk(node: Any) -> Iterator[tuple[str, Any]]:
        if not isinstance(node, dict):
            return
        request = node.get("request")
        if isinstance(request, dict):
            family = _url_family(request.get("url"))
            raw = request.get("body")
            if isinstance(raw, dict) and isinstance(raw.get("raw"), str):
                yield family, real_sets.load_json(raw["raw"])
            for response in node.get("response") or []:
                if isinstance(response, dict) and isinstance(response.get("body"), str):
                    yield family, real_sets.load_json(response["body"])
        for item in node.get("item") or []:
            yield from walk(item)

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            for family, body in walk(real_sets.load_json(p.read_text(encoding="utf-8"))):
                if isinstance(body, dict | list):
                    yield family, body

    return extract


def _url_family(url: Any) -> str:
    """The last path word of a Postman request URL or an API path that is neither a
    ``{{variable}}``, a ``{parameter}`` nor an id."""
    raw = url.get("raw", "") if isinstance(url, dict) else str(url or "")
    path = re.split(r"[?#]", raw)[0]
    words = [w for w in path.split("/") if re.fullmatch(r"[A-Za-z][A-Za-z_-]*", w)]
    return _slug(words[-1].lower()) if words else "root"


def _folder_and_stem(rel: str) -> str:
    """The file's folder (below the fixtures folder) and its stem's words
    (``spec/fixtures/travel/simple_hotel_search.json`` → ``travel_simple_hotel_search``)."""
    parts = rel.split("/")
    folders = [p for p in parts[2:-1] if p not in {"v3"}]
    return _slug("_".join([*folders, _words_family(_stem(rel))]))


_EXTRACTORS: dict[str, Extractor] = {
    "wechat": _json_files("wechat", _folder_and_stem),
    "rakuten": _json_files("rakuten", _folder_and_stem),
    "workable": _json_files("workable", _stem_words),
    "breathe": _json_files("breathe", _stem_words),
    "yoti": _json_files("yoti", _folder_and_stem),
    "odk": _openapi("odk"),
    "vodafone": _json_files("vodafone", _folder_and_stem),
    "smileid": _json_files("smileid", _stem_words),
    "discourse": _json_files("discourse", _stem_words),
    "groupme": _json_files("groupme", _stem_words),
    "plangrade": _json_files("plangrade", _stem_words),
    "alma": _json_files("alma", _stem_words),
    "netology": _json_files("netology", _stem_words),
    "edfi": _postman("edfi"),
    "free5gc": _postman("free5gc"),
    "validic": _json_files("validic", _stem_words),
    "cdusers": _json_files("cdusers", _folder_and_stem),
    "cddojos": _json_files("cddojos", _folder_and_stem),
    "inferno": make_v12._fhir_resources("inferno", with_folder=False),
    "fhirkit": make_v12._fhir_resources("fhirkit", with_folder=False),
    "chatwork": _json_files("chatwork", _stem_words),
    "resumator": _json_files("resumator", _stem_words),
    "uc4": _json_files("uc4", _folder_and_stem),
    "docusign": _json_files("docusign", _stem_words),
}
EXTRACTORS = {name: make_v8._members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules


#: Key words of v14's sources (joined, lower case) → the type their values are.
OWN_KEYS: dict[str, str] = {
    # Ed-Fi's people
    "lastsurname": "person_name",
    "maidenname": "person_name",
    "streetnumbername": "street_address",
    "electronicmailaddress": "email",
    "sexdescriptor": "gender",
    "personaltitleprefix": "gender",
    "loginid": "username",
    # WeChat and WeCom: nicknames are person names (v6's convention), phones and MACs
    "nickname": "person_name",
    "kfnick": "person_name",
    "englishname": "person_name",
    "purephonenumber": "phone",
    "remarkmobiles": "phone",
    "wifimac": "mac_address",
    "sessionkey": "secret_key",
    "authorizeraccesstoken": "secret_key",
    "authorizerrefreshtoken": "secret_key",
    # WeCom's (enterprise WeChat) member account ids, which are logins (``zhangsan``)
    "applyuserid": "username",
    "itemuserid": "username",
    "handoveruserid": "username",
    "operuserid": "username",
    "followuser": "username",
    "booker": "username",
    "owner": "username",
    "worker": "username",
    "kfaccount": "username",
    # free5GC's subscribers: MSISDNs are phones (v10's convention), the 5G authentication
    # keys are secrets
    "gpsis": "phone",
    "permanentkeyvalue": "secret_key",
    "opvalue": "secret_key",
    "opcvalue": "secret_key",
    "encryptedpassword": "secret_key",
    # Rakuten's books, music and hotels: authors and artists are people, in kanji and kana;
    # a hotel's second address line is its street line (prefecture and city are line one)
    "author": "person_name",
    "authorkana": "person_name",
    "artistname": "person_name",
    "artistnamekana": "person_name",
    "address2": "street_address",
    # Chatwork's account: its Chatwork id is a login, its phones are phones
    "chatworkid": "username",
    "loginmail": "email",
    "telorganization": "phone",
    "telextension": "phone",
    "telmobile": "phone",
    # Vodafone Station's Wi-Fi credentials
    "wifipassword": "password",
    "wifipassword5g": "password",
    "wifipasswordguest": "password",
    "wepmodepassphrase": "password",
    "wepmodepassphrase5g": "password",
}
#: A login: a word of letters, digits and ``_.@-`` (opaque ids of 20 characters or more, like
#: WeCom's external ``woAJ2GCA…``, are none).
_LOGIN = re.compile(r"[A-Za-z][A-Za-z0-9_.@-]{2,19}")
#: Japanese or Chinese script.
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: Values that are no data of a person: empty, a template marker, zeros alone, one repeated
#: letter or sign (a mask). A repeated non-zero digit (``5555555555``) keeps its shape: the one
#: convention labels it (session 15).
_NO_VALUE = re.compile(r"^(|\{\{.*\}\}|\$\w+\$|0+|(\D)\2*)$")


#: The shape a value of these types must have under v14's key words (other types: any value).
_SHAPES: dict[str, Callable[[str], bool]] = {
    "username": lambda v: bool(_LOGIN.fullmatch(v)),
    "phone": lambda v: 7 <= len(re.sub(r"\D", "", v)) <= 15,
    "mac_address": lambda v: bool(re.fullmatch(r"([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}", v)),
    "email": lambda v: bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", v)),
}


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """v14's key words (``OWN_KEYS``): the type of a value of the type's shape under one of
    them, nothing for an empty or template value or another shape; ``False`` for other keys
    (v12's rules decide)."""
    del parents, ws, sib  # (the shared signature of the per-set key rules)
    kind = OWN_KEYS.get(re.sub(r"\d+$", "", joined)) or OWN_KEYS.get(joined)
    if kind is None or (joined == "address2" and not _CJK.search(v)):
        return False  # (a Latin second address line is a suite or flat: v12's rules decide)
    shape = _SHAPES.get(kind)
    if _NO_VALUE.match(v) or (shape is not None and not shape(v)):
        return None
    return kind


#: The rule types of one leaf: v14's key words decide a scalar they name; everything else
#: goes through v12's leaf rules.
_leaf_types = real_sets.layered(_own_words, make_v12._leaf_types)


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    make_v12.SUSPECT.pattern + r"|openid|unionid|nick|mobile|mac|host|director|owner", re.I
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v14", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
