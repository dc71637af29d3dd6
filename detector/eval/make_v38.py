"""Build ``data/v38/real.jsonl``: the examples that publishers not used by v1 to v37 keep in
their own repositories as Postman collections (saved example responses and request bodies) and
OpenAPI or Swagger descriptions (``example`` and ``examples`` values, Amazon's sandbox cases)
under permissive licences (boleto and Pix payments in Brazil, a marketplace's orders and
shipments, collaboration and calling, customer engagement, a corporate messenger, astrology and
numerology, fundraising, a learning platform, analytics and network devices), labelled by the
rules of `make_v38_rules` and then by hand decisions (``data/v38/overrides.json``), under the
one convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v38 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v38`` rebuilds the committed file from the cache and prints the
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

from detector.eval import make_v8, make_v16, make_v17, make_v23, real_sets
from detector.eval.make_v38_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v38")

SOURCES: dict[str, Source] = {
    "kobana": Source(
        "universokobana/kobana-api-specs",
        "965711f3b58e14bbf1c075015a0cbd554cef8f15",
        "MIT",
        (
            "swagger/v1_0/kobana-api-v1_0-openapi-3_1.yaml",
            "swagger/v2_0/kobana-api-v2_0-openapi-3_1.yaml",
        ),
        "the examples of Kobana's (boletos, Pix charges and payments, Brazil: customers and "
        "payers with CPF and CNPJ numbers, bank accounts, webhooks, in Portuguese) OpenAPI "
        "descriptions, versions 1 and 2",
    ),
    "amazon": Source(
        "amzn/selling-partner-api-models",
        "34dc93fe45f37c9a0b2e56823c808f68b4f81754",
        "Apache-2.0",
        ("models/*/*.json",),
        "the examples and sandbox cases (request bodies and responses) of the Swagger and "
        "OpenAPI models of Amazon's Selling Partner API (a marketplace's orders with buyers and "
        "shipping addresses, fulfilment, shipping, vendors' orders and invoices, finances)",
    ),
    "webex": Source(
        "webex/webex-openapi-specs",
        "1be8332652c7c3dd34ea8148848c44ddf109a200",
        "CC-BY-4.0",
        tuple(
            f"public-spec/webex-{part}.json"
            for part in (
                "admin",
                "broadworks",
                "contact-center",
                "device",
                "meeting",
                "messaging",
                "ucm",
                "wholesale",
            )
        ),
        "the examples of Webex's (Cisco's collaboration platform: people, organizations, "
        "messaging, meetings and registrants, calling, contact center, devices, wholesale "
        "customers) OpenAPI descriptions",
    ),
    "cloudbeds": Source(
        "cloudbeds/openapi-specs",
        "f6c4b9a77566cf9722c61723299a1cab40135d35",
        "MIT",
        ("src/*.yaml",),
        "the examples of Cloudbeds' (hotel property management: guest profiles, group "
        "profiles, reservations, fiscal documents, channel connections of properties) OpenAPI "
        "descriptions",
    ),
    "apideck": Source(
        "apideck-libraries/openapi-specs",
        "fc186f740c8effdafc16f3a76af38ef0a500f6d1",
        "MIT",
        tuple(
            f"{api}.yml"
            for api in (
                "accounting",
                "ats",
                "crm",
                "customer-support",
                "ecommerce",
                "hris",
                "lead",
                "pos",
                "sms",
            )
        ),
        "the examples of Apideck's unified APIs' OpenAPI descriptions (accounting: customers, "
        "suppliers, invoices, bank accounts, ledgers; CRM, HRIS, ATS, e-commerce, POS, support "
        "and SMS) and objects assembled from their schemas' property examples",
    ),
    "roxy": Source(
        "RoxyAPI/postman-collections",
        "1c7a9d17e01ccf0492baddb658e3a72da7524f4c",
        "MIT",
        ("collections/*.json",),
        "the request bodies and saved example responses of RoxyAPI's (astrology, numerology, "
        "birth charts with birth dates, places and coordinates, tarot) Postman collections",
    ),
    "pachca": Source(
        "pachca/openapi",
        "ec42fa414045dc7673d793fa2af73ce8fe327c4b",
        "MIT",
        ("packages/spec/openapi.yaml", "apps/docs/public/pachca.postman_collection.json"),
        "the examples of Pachca's (a corporate messenger, Russia: users, chats, messages, "
        "tasks, bots) OpenAPI description and Postman collection",
    ),
    "unblu": Source(
        "unblu/openapi",
        "48438c2939aae84175d24a6f523d7628badf9d50",
        "Apache-2.0",
        ("openapi.yaml",),
        "the examples of Unblu's (customer engagement for banks and insurers: persons, agents, "
        "visitors, conversations, accounts) OpenAPI description",
    ),
    "gofundmepro": Source(
        "classy-org/postman-collections",
        "48b010cc49f6efcde3d6d23edd82655049663274",
        "MIT",
        ("*/*.postman_collection.json",),
        "the request bodies and saved example responses of GoFundMe Pro's (formerly Classy: "
        "fundraising campaigns, transactions with items) Postman collections",
    ),
    "brightspace": Source(
        "Brightspace/Postman-Collections",
        "af1153065afd04224291ebcb1c1e27efe381a6f5",
        "Apache-2.0",
        ("*/*.postman_collection.json",),
        "the request bodies and saved example responses of D2L's Brightspace (a learning "
        "platform: courses, enrollments, quizzes, content, data exports) Postman collections",
    ),
    "adobe": Source(
        "AdobeDocs/analytics-cja-postman-collections",
        "41359cc7bb322b1e2d79040034abb366cc79d562",
        "Apache-2.0",
        ("apis/*.json",),
        "the request bodies and saved example responses of Adobe's Customer Journey Analytics "
        "(reports, dimensions, metrics, data views, filters) Postman collection",
    ),
    "aruba": Source(
        "aruba/aruba-postman-collections",
        "7f28fef8f646a9286abd07afb52dbc9ec781860e",
        "MIT",
        ("Central/msp_api.json", "Central/oauth_token_management.json"),
        "the request bodies and saved example responses of Aruba's (a Hewlett Packard "
        "Enterprise company: Aruba Central network management for managed service providers) "
        "Postman collections",
    ),
    "netgate": Source(
        "Netgate/tnsr-postman-collections",
        "f6669a2f2930078a8f30a1aecb1513b49a1557e3",
        "Apache-2.0",
        ("*.postman_collection.json",),
        "the request bodies and saved example responses of Netgate's TNSR (a software router: "
        "interfaces, routes, NAT, ACLs, BGP) Postman collection",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v38<source>/<family>``): as v17's to v37's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v38kobana": 28, "v38cloudbeds": 46, "v38webex": 56, "v38roxy": 110}
CAPS = real_sets.Caps("v38", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a payer's name in capitals beside his CPF on what reads as a real boleto's barcode and
    # digitable line (by judgement, copied from a real response)
    "kobana": frozenset({"974e1c8fcee4cf9f93ee598632e9c9f9e139791c19adeb4da8abb6ffa7bc7d7f"}),
    # a famous entrepreneur's name, nickname and mail addresses as the example employee, contact,
    # lead, applicant and customer (v27's and v35's case of famous names)
    "apideck": frozenset(
        {
            "8b64d09d9a7290a3876504cdb0a64379c807c83bc45aa8e71eb46c5b0c772e07",
            "4db16eb962f33f6faf2a43403ca8266f327d5f36ff78a75e130141d395aff681",
            "301799ce7ea69a4ee8bfd89d00558fc6e6352e071d4d47b91c75e2d254d45cfe",
            "0092b4c8027b148f055ebbcc559ff30b698902a9cd7ccfc0c727d757097bc92c",
            "7cac89a56bbf998c996f33e0b2d3bad578e05f3af8d64793c0bcac46b8c260dc",
            "b36bae619a5d0af23d6d4399f4751aa68f5ef494857b1f790c5cddf68816192c",
            "ddf4559b142cfca2c3daca6b9a3180a22edf963715302e0b719a91aa46e69e49",
            "6b29ecb9d6837c9563d16e2c2d92bf456983354d8828c16fc00a93912c971a63",
            "725316a8f0b6866284d13595e1c3d86d07dda05f32cfdcc1588f3cc6eeb10786",
        }
    ),
    # famous footballers' names as a recording's participants, voters and chat senders, and a
    # famous actor's name and mail address as a guest's (v27's and v35's case of famous names)
    "webex": frozenset(
        {
            "151937a59da4ecc107d9a7610e0791b8bf4ea8bc9341afbe8fec1d652156e3ae",
            "b27d33b2866a44aadb15a974c6271dc61b7991dd117f932b68dd4c6967b4651d",
            "7947dd2c28f6952eaaee56bbca214c216c11d12d3128f0b5dbbb5ce162a91bce",
            "f5be0f9086992eb4fc7276857b43d3a6066a94ec8dc5636adaae6fafbf9b72d0",
        }
    ),
}

# ---------------------------------------------------------------------------- OpenAPI examples


def spec_bodies(node: Any) -> Iterator[Any]:
    """Every example body under ``node`` of an OpenAPI or Swagger description: an object or
    array ``example``, each ``examples`` entry (its ``value`` in OpenAPI 3, the body itself under
    its media type in Swagger 2), and the request bodies and responses of Amazon's sandbox cases
    (``x-amzn-api-sandbox``)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "example" and isinstance(v, dict | list):
                yield v
            elif k == "examples" and isinstance(v, dict):
                for one in v.values():
                    if isinstance(one, dict) and "value" in one:
                        if isinstance(one["value"], dict | list):
                            yield one["value"]
                    elif isinstance(one, list) or (
                        isinstance(one, dict) and not {"$ref", "summary", "externalValue"} & {*one}
                    ):
                        yield one
            elif k == "x-amzn-api-sandbox" and isinstance(v, dict):
                yield from _sandbox_bodies(v)
            else:
                yield from spec_bodies(v)
    elif isinstance(node, list):
        for v in node:
            yield from spec_bodies(v)


def _sandbox_bodies(sandbox: dict[str, Any]) -> Iterator[Any]:
    """The request bodies (parameters whose value is an object) and responses of one
    operation's static and dynamic sandbox cases."""
    for case in [*(sandbox.get("static") or []), *(sandbox.get("dynamic") or [])]:
        if not isinstance(case, dict):
            continue
        for param in ((case.get("request") or {}).get("parameters") or {}).values():
            if isinstance(param, dict) and isinstance(param.get("value"), dict | list):
                yield param["value"]
        if isinstance(case.get("response"), dict | list):
            yield case["response"]


def _load_spec(p: Path) -> Any:
    """A description file's value: JSON where it starts as JSON, else YAML."""
    text = p.read_text(encoding="utf-8")
    return real_sets.load_json(text) if text.lstrip()[:1] in "{[" else real_sets.load_yaml(p)


_VERSION = re.compile(r"v\d+(\.\d+)*|\d{4}-\d{2}-\d{2}|api|rest")


def path_words(path: str, depth: int = 1) -> str:
    """The first ``depth`` words of an API path that are neither versions nor parameters
    (``/v2/charge/pix/{uid}`` → ``charge``)."""
    parts = [
        s
        for s in path.strip("/").split("/")
        if s and not s.startswith(("{", ":")) and not _VERSION.fullmatch(s.lower())
    ]
    return real_sets.slug("_".join(parts[:depth]))


def _joined(head: str, words: str) -> str:
    """A family from a file's head and a path's or component's words."""
    return f"{head}_{words}" if head else words


def _openapi(
    name: str, file_family: Callable[[str], str], depth: int = 1, suffix: str = ""
) -> Extractor:
    """The example bodies of each description file of source ``name`` (those whose names end
    with ``suffix``): under each API path in the family of the file (``file_family`` of its path
    in the repository) and the path's first ``depth`` words, under the components in the family
    of the file and the component's first word."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            if not p.name.endswith(suffix):
                continue
            spec = _load_spec(p)
            if not isinstance(spec, dict):
                continue
            head = file_family(real_sets.rel(cache, name, p))
            for path, item in (spec.get("paths") or {}).items():
                for body in spec_bodies(item):
                    yield _joined(head, path_words(str(path), depth) or "root"), body
            for kind in ("components", "definitions"):
                parts = spec.get(kind) or {}
                groups = parts.values() if kind == "components" else [parts]
                for group in groups:
                    if isinstance(group, dict):
                        for comp, node in group.items():
                            for body in spec_bodies(node):
                                yield _joined(head, real_sets.camel_head(str(comp))), body

    return extract


def _amazon_model(rel: str) -> str:
    """A Selling Partner API model's family: its folder's words (``orders-api-model`` →
    ``orders``)."""
    folder = rel.split("/")[1]
    return real_sets.words_family(re.sub(r"-(api-)?models?$", "", folder))


def _webex_spec(rel: str) -> str:
    """A Webex description's family head: its file's words (``webex-admin.json`` → ``admin``)."""
    return real_sets.words_family(real_sets.stem(rel).removeprefix("webex-"))


def _file_words(rel: str) -> str:
    """A description's family head: its file's words (``customer-support.yml`` →
    ``customer_support``)."""
    return real_sets.words_family(real_sets.stem(rel))


def _schema_objects(name: str, file_family: Callable[[str], str]) -> Extractor:
    """One object per component schema of each description file of source ``name``, assembled
    from its properties' examples (`real_sets.schema_objects`), in the family of the file and
    the schema's first word."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            spec = _load_spec(p)
            if isinstance(spec, dict):
                head = file_family(real_sets.rel(cache, name, p))
                for family, body in real_sets.schema_objects(spec, max_depth=4, list_examples=True):
                    yield f"{head}_{family}", body

    return extract


def _cloudbeds_spec(rel: str) -> str:
    """A Cloudbeds description's family head: its file's words without the version
    (``src/guest-profiles-v1.0-openapi.yaml`` → ``guest_profiles``)."""
    return real_sets.words_family(re.sub(r"-v\d.*$", "", real_sets.stem(rel)))


# ---------------------------------------------------------------------------- Postman collections


def _postman_items(node: Any, folder: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(top-level folder, request item) of every request of a Postman collection (v2 format)."""
    for item in node.get("item") or [] if isinstance(node, dict) else []:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("item"), list):
            yield from _postman_items(item, folder or str(item.get("name") or ""))
        elif isinstance(item.get("request"), dict):
            yield folder, item


#: Postman variables (``{{userId}}``) written where a JSON value belongs, not quoted: they are
#: quoted so that the body parses (as v19 read them).
_BARE_VARIABLE = re.compile(r'(?<!")(\{\{[^{}"\n]*\}\})(?!")')


def _postman(name: str, suffix: str = "") -> Extractor:
    """The raw JSON request bodies and saved example responses of each Postman collection of
    source ``name`` (those whose names end with ``suffix``), in the family of the collection's
    file and its top-level folder."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            if not p.name.endswith(suffix):
                continue
            collection = real_sets.load_json(p.read_text(encoding="utf-8"))
            if not isinstance(collection, dict):
                continue
            stem = real_sets.words_family(real_sets.stem(real_sets.rel(cache, name, p)))
            for folder, item in _postman_items(collection):
                family = f"{stem}_{real_sets.slug(folder)}" if folder else stem
                body = item["request"].get("body")
                texts = [body.get("raw") if isinstance(body, dict) else None]
                texts += [r.get("body") for r in item.get("response") or [] if isinstance(r, dict)]
                for text in texts:
                    if isinstance(text, str) and text.strip():
                        value = real_sets.load_json(_BARE_VARIABLE.sub(r'"\1"', text))
                        if isinstance(value, dict | list):
                            yield family, value

    return extract


def _both(*extractors: Extractor) -> Extractor:
    """The documents of several extractors of one source, in turn."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for one in extractors:
            yield from one(cache)

    return extract


_POSTMAN = ("roxy", "gofundmepro", "brightspace", "adobe", "aruba", "netgate")

_EXTRACTORS: dict[str, Extractor] = {
    "kobana": _openapi("kobana", lambda rel: "", depth=1),
    "amazon": _openapi("amazon", _amazon_model, depth=0),
    "webex": _openapi("webex", _webex_spec, depth=1),
    "pachca": _both(
        _openapi("pachca", lambda rel: "", depth=1, suffix=".yaml"),
        _postman("pachca", suffix=".json"),
    ),
    "unblu": _openapi("unblu", lambda rel: "", depth=1),
    "cloudbeds": _openapi("cloudbeds", _cloudbeds_spec, depth=1),
    "apideck": _both(
        _openapi("apideck", _file_words, depth=1), _schema_objects("apideck", _file_words)
    ),
    **{name: _postman(name) for name in _POSTMAN},
}

EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v38", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
