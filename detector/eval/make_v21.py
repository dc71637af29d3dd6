"""Build ``data/v21/real.jsonl``: SDK and client test fixtures, recorded API traffic, test data sets
and the examples of published API descriptions and specifications that publishers not used by v1
to v20 released under permissive licences, labelled by the rules of `make_v21_rules` and then by
hand decisions (``data/v21/overrides.json``), under the one convention of the data README ("One
convention, from v16 on").

``python -m detector.eval.make_v21 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v21`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from detector.eval import make_v8, make_v16, make_v17, make_v19, real_sets
from detector.eval.make_v21_rules import leaf_types
from detector.eval.real_sets import Extractor, Source
from detector.eval.real_sets import files as _files

DATA, OUT, OVERRIDES = real_sets.set_files("v21")

SOURCES: dict[str, Source] = {
    "calendly": Source(
        "koshilife/calendly-api-ruby-client",
        "fcdb320f389ed39ab729e8a568807f3593528a36",
        "MIT",
        ("test/testdata/*.json",),
        "the Calendly (scheduling) API responses a Ruby client's tests replay: users, event "
        "types, scheduled events and their invitees with names, e-mail addresses, answers and "
        "text-reminder numbers, routing forms, organisation memberships and invitations, "
        "webhooks",
    ),
    "line": Source(
        "line/line-openapi",
        "6e4c2a2a1b7b059ea3920456d4f88d03fd8ef0bb",
        "Apache-2.0",
        (
            "messaging-api.yml",
            "webhook.yml",
            "insight.yml",
            "liff.yml",
            "manage-audience.yml",
            "membership.yml",
            "module.yml",
            "module-attach.yml",
            "shop.yml",
            "channel-access-token.yml",
        ),
        "the examples of the LINE (Japanese messaging app, LY Corporation) Messaging API "
        "descriptions: messages, webhook events with user, group and room ids, profiles, "
        "audiences, insights, LIFF apps, memberships, channel access tokens",
    ),
    "linebot": Source(
        "line/line-bot-sdk-python",
        "e1fa9338a3230ef4912aa387778641a505cf7372",
        "Apache-2.0",
        ("tests/text/webhook.json", "tests/v3/text/webhook.json"),
        "LINE's second repository: the webhook events its official Python SDK's tests parse "
        "(messages, follows, joins, postbacks, beacons, account links, things, video views)",
    ),
    "instamojo": Source(
        "Instamojo/instamojo-py",
        "61992864e9612fe81179179d3e9cfbad111caabc",
        "MIT",
        ("tests/payloads/*.py", "tests/products_payload.py"),
        "the Instamojo (Indian payments) request and response bodies its official Python "
        "client's tests send and read (Python literals): payment requests with buyers' names, "
        "e-mail addresses and phones, refunds, products",
    ),
    "doist": Source(
        "Doist/todoist-api-python",
        "daa3df97eee90affbf15c2a3283eea08453d6781",
        "MIT",
        ("tests/data/*.py",),
        "the Todoist (task manager, Doist) API responses its official Python SDK's tests read "
        "(Python literals): tasks, projects, sections, comments, labels, collaborators, "
        "reminders, with few personal fields",
    ),
    "chargebee": Source(
        "chargebee/chargebee-python",
        "0160344c543382bf6a582e1c6353f4568fcf3ee3",
        "MIT",
        ("tests/test_response.py", "tests/test_http_request.py", "tests/test_model.py"),
        "the Chargebee (subscription billing, founded in India) API responses and requests "
        "its official Python library's tests parse (Python literals): customers with names, "
        "e-mail addresses, phones and billing addresses, subscriptions, lists",
    ),
    "jmap": Source(
        "jmapio/jmap",
        "ff3e012024141d34bb83726a33d38bd4bd21cb8a",
        "Apache-2.0",
        ("spec/*/*.mdown",),
        "the JSON examples of the JMAP specifications (the IETF's JSON Meta Application "
        "Protocol for mail, contacts, calendars and tasks, maintained by Fastmail): method "
        "calls and responses with e-mails, mailboxes, identities, contact cards with names, "
        "addresses, phones and e-mail addresses, calendar events with participants, quotas, "
        "push subscriptions",
    ),
    "moby": Source(
        "moby/moby",
        "b985e2313a8676e18072b442911fc8f64f17d440",
        "Apache-2.0",
        ("api/swagger.yaml",),
        "the examples of the Docker Engine API description (Moby): containers, networks with "
        "IP and MAC addresses, images, volumes, swarm nodes, services, tasks, secrets, configs, "
        "plugins, system info, with few personal fields",
    ),
    "uber": Source(
        "uber/rides-python-sdk",
        "76ecd75ab5235d792ec1010e36eca679ba285127",
        "MIT",
        ("tests/fixtures/*",),
        "the Uber (ride hailing) API traffic its official Python SDK's tests replay (VCR "
        "cassettes against the sandbox): rider and driver profiles, ride requests and "
        "estimates with positions, home and work addresses, payment methods, receipts, trips, "
        "products, tokens",
    ),
    "hl7au": Source(
        "hl7au/au-fhir-test-data",
        "7da337862ffc43953c12bc880dec474194365ba9",
        "CC0-1.0",
        ("au-fhir-test-data-set/*/*.json",),
        "HL7 Australia's FHIR test data for AU Core, AU eRequesting and AU Patient Summary: "
        "patients with names, Medicare numbers, IHIs, DVA numbers, birth dates, genders, "
        "addresses and contacts, practitioners, organisations, encounters, observations, "
        "medications, service requests",
    ),
    "zaim": Source(
        "toshiwo/zaim",
        "5eb04cb357f1059be9b09bb977bcbdc37bb9952e",
        "MIT",
        ("spec/fixtures/*.json", "spec/fixtures/*/*.json"),
        "the Zaim (Japanese household accounting app) API responses a Ruby client's tests read "
        "(JSON with comments): the user, accounts, categories, genres, currencies, money "
        "records, with few personal fields",
    ),
    "kuveytturk": Source(
        "KuveytTurk/ktpay-postman",
        "febeb49ccbd94af4cb00bc06b037771cd4b862bb",
        "MIT",
        ("KTPay.postman_collection.json",),
        "the request bodies of the KT Pay (virtual POS of Kuveyt Türk, a Turkish participation "
        "bank) Postman collection: card payments with the customer's name, phone, e-mail "
        "address, identity number and billing and shipping addresses, provisions, reversals, "
        "queries",
    ),
    "nebras": Source(
        "Nebras-Open-Finance/api-specs",
        "ad5bb21d691fafb421708f34001b6563f170dcf8",
        "MIT",
        (
            "dist/standards/v2.1-errata2/*.yaml",
            "dist/ozone-connect/v2.1.x/*.yaml",
            "dist/api-hub/v2.1.x/*.yaml",
        ),
        "the examples of the UAE Open Finance API descriptions (Nebras, for the Central Bank "
        "of the UAE; latest version of each family): accounts, balances, transactions, "
        "parties, payments, confirmation of payee, consents, insurance policies, the API hub",
    ),
    "nebraspostman": Source(
        "Nebras-Open-Finance/postman",
        "b22e82f104b51fa301e3e4ceba5fa829bff48b11",
        "MIT",
        ("insurance.postman_collection.json",),
        "Nebras' second repository: the request bodies and example responses of the UAE Open "
        "Finance insurance Postman collection: policyholders with names, Emirates ID numbers, "
        "passports, e-mail addresses, mobiles and birth dates, quotes, policies, claims",
    ),
    "signnow": Source(
        "signnow/SignNowPHPSDK",
        "0cab51c7500e672d8ecc7d19f83238b845fa2fcb",
        "MIT (LICENSE.md)",
        ("tests/_data/.phiremock/expectations/*.json",),
        "the signNow (e-signature, airSlate) API responses its official PHP SDK's tests read "
        "from a mock server (Phiremock expectations, generated test values): users, documents "
        "with fields, signers and invites, document groups, templates, routing details, event "
        "subscriptions, tokens",
    ),
    "pinterest": Source(
        "pinterest/api-description",
        "c05b18971472342ebdf4bafc15fea8a91c78bf79",
        "MIT",
        ("v5/openapi.json",),
        "the examples of the Pinterest (consumer social app) REST API v5 description: user "
        "accounts, boards, pins, ad accounts, campaigns, audiences, catalogs, conversions with "
        "hashed and plain user data, with few personal fields",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v21<source>/<family>``): as v17's and v19's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v21hl7au": 20}
CAPS = real_sets.Caps("v21", per_source=60, source_cap=SOURCE_CAP)

# ---------------------------------------------------------------------------- extraction

_stem_words, _words_family, _slug = real_sets.stem_words, real_sets.words_family, real_sets.slug

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    "moby": frozenset(
        {
            # an image's history naming its real maintainer with his e-mail address
            "a7b6193ce22e3d36422b641c01c98aef95d9afa27173ef803b1ae0e0dc8f1213",
        }
    ),
    "instamojo": frozenset(
        {
            # a buyer named as a public figure (a journalist shares the stand-in's name)
            "a746222f09d85605c52d4e636788d6ffdc274698b98b8c5f3244c06958683a69",
        }
    ),
}

marks = make_v17.marks

#: A ``// comment`` after a JSON value (Zaim's fixtures annotate their fields).
_LINE_COMMENT = re.compile(r"(?<=[\s,\[{])//[^\n]*|(?<=[\d\"el,])\s+//[^\n]*")
#: A comma before a closing bracket (JMAP's examples leave some).
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
#: A line that elides the rest of an object or array (``...``).
_ELISION = re.compile(r"^\s*(\.\.\.|…)\s*,?\s*$", re.M)
#: A value ending a line and a member starting the next without the comma between them.
_MISSING_COMMA = re.compile(r'([\d"\]}el])([ \t]*\n\s*)(["{\[])')


def _lenient_json(text: str) -> Any:
    """The JSON value of an example written by hand: elisions (``...``) dropped, missing and
    trailing commas mended; ``None`` where it still does not parse."""
    text = _MISSING_COMMA.sub(r"\1,\2\3", _ELISION.sub("", text.replace("\t", "    ")))
    return real_sets.load_json(_TRAILING_COMMA.sub(r"\1", text))


def _commented_json(name: str) -> Extractor:
    """Each JSON file of source ``name`` with its ``//`` comments removed; family: its folder and
    stem below ``spec/fixtures``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            text = _LINE_COMMENT.sub("", p.read_text(encoding="utf-8"))
            body = real_sets.load_json(text)
            if isinstance(body, dict | list):
                rel = real_sets.rel(cache, name, p).rsplit(".", 1)[0]
                yield _words_family("_".join(rel.split("/")[2:])), body

    return extract


def _webhook_events(name: str) -> Extractor:
    """The events of each webhook file of source ``name`` one by one; family: ``webhook_`` and
    the event's type."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            body = real_sets.load_json(p.read_text(encoding="utf-8"))
            for event in (body or {}).get("events") or []:
                if isinstance(event, dict):
                    yield _slug(f"webhook_{event.get('type', 'event')}"), event

    return extract


def _python_fixtures(name: str) -> Extractor:
    """The dict literals (and lists of them) of the Python test files of source ``name``: a
    module-level assignment's family is its name's words, a literal inside a test its
    function's words (``test_``, ``default_`` and ``_payload`` dropped)."""

    def family_of(ident: str) -> str:
        return _words_family(ident.lower(), r"^(test_|default_)|_(payload|response|data)$")

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            tree = ast.parse(p.read_text(encoding="utf-8"))
            for stmt in tree.body:
                if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                    ident = stmt.targets[0].id
                elif isinstance(stmt, ast.FunctionDef | ast.ClassDef):
                    ident = stmt.name
                else:
                    continue
                for value in real_sets.dict_literals(stmt):
                    yield family_of(ident), value

    return extract


#: A block of lines indented by four spaces or more (a markdown code block).
_INDENTED = re.compile(r"(?:^(?: {4}|\t).*\n|^[ \t]*\n)+", re.M)
_FENCED = re.compile(r"```(?:json)?\s*\n(.*?)\n```", re.S)


def _markdown_examples(name: str) -> Extractor:
    """The JSON code blocks (indented or fenced) of each markdown file of source ``name``: a
    JMAP method call (``["Email/get", {…}, "0"]``) gives its arguments, family: the file's
    folder and the method's name; any other object is taken whole, family: the file's folder
    and stem."""

    def blocks(text: str) -> Iterator[Any]:
        found = [textwrap.dedent(b) for b in _INDENTED.findall(text)] + _FENCED.findall(text)
        for block in found:
            body = _lenient_json(block.strip())
            if isinstance(body, dict | list):
                yield body

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            folder = real_sets.rel(cache, name, p).split("/")[1]
            for body in blocks(p.read_text(encoding="utf-8")):
                calls = body if isinstance(body, list) else []
                if calls and all(_is_call(c) for c in calls):
                    for method, args, _ in calls:
                        yield _slug(f"{folder}_{method.split('/')[0]}"), args
                elif isinstance(body, dict):
                    yield _slug(f"{folder}_{real_sets.stem(p.name)}"), body

    return extract


def _is_call(item: Any) -> bool:
    """A JMAP method call or response: ``[name, arguments, call id]``."""
    return (
        isinstance(item, list)
        and len(item) == 3
        and isinstance(item[0], str)
        and isinstance(item[1], dict)
    )


_MEDIA_TYPE = re.compile(r"[a-z]+/[\w.+-]+")


def _swagger2(name: str) -> Extractor:
    """The examples of a Swagger 2 description of source ``name``: responses' examples by media
    type (``examples: {application/json: …}``) and object examples under each path (family:
    its first word), and one object per definition assembled from its properties' examples
    (family: the definition's first word)."""

    def response_examples(node: Any) -> Iterator[Any]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "examples" and isinstance(v, dict):
                    for media, body in v.items():
                        if _MEDIA_TYPE.fullmatch(str(media)) and isinstance(body, dict | list):
                            yield body
                elif k == "example" and isinstance(v, dict | list):
                    yield v
                else:
                    yield from response_examples(v)
        elif isinstance(node, list):
            for v in node:
                yield from response_examples(v)

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            spec = real_sets.load_yaml(p)
            if not isinstance(spec, dict):
                continue
            for path, item in (spec.get("paths") or {}).items():
                for body in response_examples(item):
                    yield make_v17._api_path_family(path), body
            as_v3 = {"components": {"schemas": spec.get("definitions") or {}}}
            yield from real_sets.schema_objects(as_v3, list_examples=True)

    return extract


class _PythonTagLoader(yaml.SafeLoader):
    """The safe loader reading Python 2's ``!!python/unicode`` strings (old VCR.py cassettes) as
    the strings they are."""


_PythonTagLoader.add_constructor(
    "tag:yaml.org,2002:python/unicode",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def _py2_cassettes(name: str) -> Extractor:
    """The JSON request and response bodies of each VCR.py cassette of source ``name`` (written
    by Python 2, strings tagged ``!!python/unicode``); family: the test's words."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            try:
                tape = yaml.load(p.read_text(encoding="utf-8"), Loader=_PythonTagLoader)  # noqa: S506
            except yaml.YAMLError:
                continue
            family = _words_family(p.name, r"^test_")
            for body in real_sets.cassette_bodies(tape if isinstance(tape, dict) else {}):
                yield family, body

    return extract


def _fhir_resources(name: str) -> Extractor:
    """The FHIR resources of each JSON file of source ``name`` (a bundle's entries one by one)
    without their generated XHTML narrative (``text``: markup repeating the resource's fields);
    family: the implementation guide's folder and the resource's type."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            body = real_sets.load_json(p.read_text(encoding="utf-8"))
            guide = real_sets.rel(cache, name, p).split("/")[1].removeprefix("au-")
            for resource in real_sets.bundle_resources(body):
                kind = str(resource.get("resourceType", "resource"))
                yield _slug(f"{guide}_{kind}"), {k: v for k, v in resource.items() if k != "text"}

    return extract


def _mock_expectations(name: str) -> Extractor:
    """The response body (JSON written as a string) of each Phiremock expectation of source
    ``name``; family: the expectation's words without its HTTP method
    (``get_user_info_get`` → ``get_user_info``)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            expectation = real_sets.load_json(p.read_text(encoding="utf-8"))
            response = ((expectation or {}).get("then") or {}).get("response") or {}
            raw = response.get("body")
            body = real_sets.load_json(raw) if isinstance(raw, str) else None
            if isinstance(body, dict | list):
                family = re.sub(r"_(get|post|put|patch|delete)$", "", real_sets.stem(p.name))
                yield _words_family(family), body

    return extract


def _nebras_family(stem: str) -> str:
    """A UAE Open Finance description's words without the issuer and ``openapi``
    (``uae-ozone-connect-insurance-openapi`` → ``ozone_connect_insurance``)."""
    return _slug(re.sub(r"^(uae|cbuae)-|-openapi$", "", stem))


_EXTRACTORS: dict[str, Extractor] = {
    "calendly": real_sets.json_files("calendly", _stem_words),
    "line": make_v17._chained(
        make_v19._specs("line", real_sets.stem),
        _webhook_events("linebot"),
    ),
    "instamojo": _python_fixtures("instamojo"),
    "doist": _python_fixtures("doist"),
    "chargebee": _python_fixtures("chargebee"),
    "jmap": _markdown_examples("jmap"),
    "moby": _swagger2("moby"),
    "uber": _py2_cassettes("uber"),
    "hl7au": _fhir_resources("hl7au"),
    "zaim": _commented_json("zaim"),
    "kuveytturk": make_v19._postman("kuveytturk"),
    "nebras": make_v17._chained(
        make_v19._specs("nebras", lambda rel: _nebras_family(real_sets.stem(rel))),
        make_v19._postman("nebraspostman"),
    ),
    "pinterest": make_v19._specs("pinterest", lambda rel: "api"),
    "signnow": _mock_expectations("signnow"),
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
    r"secret|token|key|iban|account|bank|tax|document|passport|licen|ssn|medicare|ihi|lat|lon|"
    r"coord|ip|mac|contact|person|holder|owner|customer|buyer|rider|driver|recipient|sender|"
    r"member|participant|identifier|value|telecom|answer|invitee",
    re.I,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v21", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
