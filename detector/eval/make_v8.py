"""Build ``data/v8/real.jsonl``: real example payloads, SDK fixtures, mock-server stubs, recorded
traffic and test configurations that twenty-two publishers released under permissive licences, none
used by v1 to v7, labelled by the rules below and then by hand decisions
(``data/v8/overrides.json``).

``python -m detector.eval.make_v8 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v8`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.
"""

from __future__ import annotations

import ast
import ipaddress
import itertools
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cnpj as br_cnpj
from stdnum.br import cpf as br_cpf
from stdnum.gb import nhs as gb_nhs
from stdnum.gb import utr as gb_utr
from stdnum.us import ssn as us_ssn

from detector.eval import real_sets
from detector.eval.real_sets import Extractor, Source, words
from detector.eval.real_sets import files as _files
from detector.eval.real_sets import json_files as _json_files
from detector.eval.real_sets import load_json as _json
from detector.eval.real_sets import load_yaml as _yaml
from detector.eval.real_sets import openapi_examples as _openapi_examples
from detector.eval.real_sets import rel as _rel
from detector.eval.real_sets import schema_objects as _schema_objects

DATA, OUT, OVERRIDES = real_sets.set_files("v8")


SOURCES: dict[str, Source] = {
    "nhspds": Source(
        "NHSDigital/personal-demographics-service-api",
        "f57f5839b956fedb708555227ef2f9aefcc0cc37",
        "MIT",
        (
            "specification/components/examples/*.json",
            "karate-tests/src/test/java/mocks/stubs/*.json",
            "karate-tests/src/test/java/patients/*.json",
        ),
        "the NHS Personal Demographics Service's (England) FHIR examples, mock-server stubs and "
        "test request bodies: patients with NHS numbers, names, addresses, telecom, GPs, "
        "related persons, searches, patches",
    ),
    "hmrc": Source(
        "hmrc/individuals-if-api-stub",
        "220f419caeb8f38357e6aaab095c745ba1982467",
        "Apache-2.0",
        (
            "conf/resouces/stubs-json-payloads/*.json",
            "resources/public/api/conf/*/examples/*.json",
        ),
        "HM Revenue & Customs' stub of its Integration Framework individuals API: the stub "
        "payloads and examples (contact details, residences, employments with employers and PAYE "
        "references, PAYE and self-assessment income, benefits and credits)",
    ),
    "freee": Source(
        "freee/freee-api-schema",
        "0f6b621abe4fb4d5e928b6db5dc73d16b90960f1",
        "MIT",
        (
            "hr/open-api-3/api-schema.json",
            "iv/open-api-3/api-schema.yml",
            "sm/open-api-3/api-schema.yml",
            "v2020_06_15/open-api-3/api-schema.json",
        ),
        "freee's (Japan) API descriptions of its HR and payroll, invoicing, sales and "
        "accounting APIs: object examples and objects assembled from the schemas' property "
        "examples (employees with names in kanji and kana, bank accounts, partners, invoices)",
    ),
    "bluebutton": Source(
        "CMSgov/bluebutton-web-server",
        "ba0c6856a51c13bd849da2fcc0d6e44eed08dc73",
        "Apache-2.0",
        (
            "apps/fhir/bluebutton/tests/fhir_resources/*.json",
            "apps/fhir/bluebutton/tests/sample_requests/*.json",
            "apps/fhir/bluebutton/tests/sample_responses/*.json",
        ),
        "the FHIR responses of the US Medicare Blue Button 2.0 API its tests replay (patients, "
        "coverage, explanations of benefit, userinfo, patient matching, audit events); "
        "bundles also give their entries' resources",
    ),
    "netbox": Source(
        "netbox-community/pynetbox",
        "fc3053006a22624761db20dbf83754aafee471ed",
        "Apache-2.0",
        ("tests/fixtures/*.json",),
        "NetBox API response fixtures of the client's tests (devices, interfaces with MAC "
        "addresses, IP addresses and prefixes, circuits, virtual machines, users and tokens)",
    ),
    "strava": Source(
        "stravalib/stravalib",
        "96d8ef63c7c80d2ebcb241ed6c20b814eaaad82d",
        "Apache-2.0",
        ("src/stravalib/tests/resources/*.json",),
        "Strava API responses of the client's tests (athletes, activities with start and end "
        "points, routes, zones) and the examples of the Strava API description it ships",
    ),
    "line": Source(
        "line/line-openapi",
        "6e4c2a2a1b7b059ea3920456d4f88d03fd8ef0bb",
        "Apache-2.0",
        ("*.yml",),
        "LINE's (Japan) Messaging, webhook, LIFF, insight, audience, shop and channel-token API "
        "descriptions: object examples and objects assembled from the schemas' examples",
    ),
    "jambonz": Source(
        "jambonz/jambonz-api-server",
        "dd755f8746c4ccf283685179f63b086530ffa698",
        "MIT",
        ("lib/swagger/swagger.yaml", "test/data/*.json"),
        "the jambonz (voice and SIP platform) REST API description: objects assembled from its "
        "schemas' examples (accounts, SIP gateways, carriers, phone numbers, users, API keys, "
        "calls) and a subscription test payload",
    ),
    "atlassian": Source(
        "atlassian-api/atlassian-python-api",
        "4a025e87bfd122a5a6078e943cf7f99ae7ca2ef4",
        "Apache-2.0",
        ("tests/responses/*",),
        "the mocked Jira, Jira Service Management, Confluence and Bitbucket (Cloud and Server) "
        "responses of the client's tests (users, customers, organisations, issues, pull "
        "requests, repositories, projects), written as Python literals",
    ),
    "alertmanager": Source(
        "prometheus/alertmanager",
        "68fb2d5759b3a92c0bb2a1a13d4ef7ff5b06256d",
        "Apache-2.0",
        ("config/testdata/*.yml", "notify/email/testdata/*.yml"),
        "Prometheus Alertmanager's test configurations (receivers for e-mail, Slack, "
        "OpsGenie, PagerDuty, Telegram, WeChat, webhooks … with their credentials, routes and "
        "inhibition rules)",
    ),
    "aftership": Source(
        "AfterShip/aftership-sdk-python",
        "738dbb47ddd9c5e2981e041396b7eaed96a3bfb1",
        "MIT",
        ("tests/fixtures/cassettes/*.yaml",),
        "recorded traffic of AfterShip's shipment-tracking API (VCR cassettes, gzip bodies "
        "decoded): couriers, trackings with checkpoints, notifications, delivery estimates",
    ),
    "brasilapi": Source(
        "BrasilAPI/BrasilAPI",
        "0104c49c94017e47560615c8713ba7686ae2e381",
        "MIT",
        ("pages/docs/doc/*.json",),
        "BrasilAPI's (Brazil) API descriptions, in Portuguese: the response examples of its "
        "public-data lookups (companies by CNPJ with their partners, postcodes, banks, PIX "
        "participants, brokers, hospitals, vehicles, elections, holidays, rates)",
    ),
    "icloud": Source(
        "picklepete/pyicloud",
        "622cd160d8a259db644c8b3f3c96f76795a12f74",
        "MIT",
        ("tests/const*.py",),
        "the iCloud web-service responses of the client's tests, written as Python constants "
        "(account and family members, devices with their owners and locations, login, "
        "drive listings)",
    ),
    "freshdesk": Source(
        "sjkingo/python-freshdesk",
        "87ccfb3d945c5867bfa92d55aad03dc98466a2aa",
        "BSD-2-Clause",
        ("freshdesk/*/tests/sample_json_data/*.json",),
        "Freshdesk (help desk) API v1 and v2 responses of the client's tests: tickets, "
        "conversations, contacts, agents, companies, groups, roles, time entries, solutions",
    ),
    "freshbooks": Source(
        "freshbooks/freshbooks-python-sdk",
        "bfa0c091a6cfc4a449a3eacbeae0665401ee3167",
        "MIT",
        ("tests/fixtures/*.json",),
        "FreshBooks (accounting) API response fixtures of the client's tests: the signed-in "
        "identity, clients, projects, time entries, callbacks, ledger accounts, uploads",
    ),
    "sylius": Source(
        "Sylius/Sylius",
        "3466cbab1098367b7107e756714f9390bf5e4bf6",
        "MIT",
        ("tests/Api/Responses/*.json",),
        "the expected responses of Sylius's (e-commerce, Poland) API tests, admin and shop: "
        "customers, addresses, orders, carts and checkouts, payments, shipments, admin users, "
        "products, promotions, taxes, channels (matcher patterns such as `@string@` as values)",
    ),
    "authelia": Source(
        "authelia/authelia",
        "23572030b4048922a377ca40d59e804e0ed25fd7",
        "Apache-2.0",
        (
            "internal/suites/*.yml",
            "examples/compose/*/authelia/*.yml",
            "internal/authentication/users_database.template.yml",
        ),
        "Authelia's (single sign-on portal) integration-suite and example configurations "
        "(session, storage, SMTP, LDAP, OpenID Connect clients with their secrets, access "
        "rules) and user databases (display names, e-mail addresses, password hashes), "
        "compose files skipped",
    ),
    "telegraf": Source(
        "influxdata/telegraf",
        "b27263146617cefe16c0b300107b58b111a7fa57",
        "MIT",
        (
            "plugins/inputs/redfish/testdata/*.json",
            "plugins/inputs/rabbitmq/testdata/*.json",
            "plugins/inputs/suricata/testdata/*.json",
            "plugins/inputs/ravendb/testdata/*.json",
            "plugins/inputs/amd_rocm_smi/testdata/*.json",
            "plugins/inputs/couchbase/testdata/*.json",
            "plugins/inputs/burrow/testdata/*.json",
            "plugins/inputs/zipkin/testdata/*.json",
            "plugins/inputs/fibaro/testdata/*.json",
            "plugins/inputs/influxdb/testdata/*.json",
            "plugins/inputs/xtremio/testdata/*.json",
            "plugins/inputs/vault/testdata/*.json",
            "plugins/inputs/phpfpm/testdata/*.json",
            "plugins/inputs/nomad/testdata/*.json",
            "plugins/inputs/kapacitor/testdata/*.json",
            "plugins/inputs/jolokia2_agent/testdata/*.json",
            "plugins/inputs/intel_powerstat/testdata/*.json",
            "plugins/inputs/fritzbox/testdata/*.json",
            "plugins/inputs/consul_agent/testdata/*.json",
        ),
        "the test data of Telegraf's input plugins that read monitoring APIs of servers and "
        "services (Redfish server inventories, RabbitMQ, Suricata events, Couchbase, Consul, "
        "Nomad, Vault, Fibaro, FRITZ!Box …); plugins of vendors earlier sets used (Docker, "
        "Google, AWS, webhooks) are left out",
    ),
    "bandwidth": Source(
        "Bandwidth/python-sdk",
        "ba8d15700c4a9a1f947e49568e694c8107cf33db",
        "MIT",
        ("bandwidth.yml",),
        "Bandwidth's (US carrier) voice, messaging, multi-factor, phone-number lookup and "
        "insights API description the SDK is generated from: object examples and objects "
        "assembled from its schemas' examples (messages and calls between numbers, callbacks, "
        "recordings, conferences, lookups)",
    ),
    "ingenico": Source(
        "Ingenico-ePayments/connect-sdk-python3",
        "23ae7bbd76f29dd32419c87eff4a2f3798761848",
        "MIT",
        ("tests/resources/*.json", "tests/resources/webhooks/valid-body"),
        "the request, response and logging bodies of the Ingenico (Worldline) Connect payment "
        "SDK's tests: payments with card and bank details, customers with billing addresses, "
        "refusals, webhooks, bodies before and after the SDK's log obfuscation",
    ),
    "napalm": Source(
        "napalm-automation/napalm",
        "ee70e634555f6d1f9d32369f2151dde526ad6dfd",
        "Apache-2.0",
        (
            "test/*/mocked_data/test_get_mac_address_table/*/expected_result.json",
            "test/*/mocked_data/test_get_arp_table/*/expected_result.json",
            "test/*/mocked_data/test_get_arp_table_with_vrf/*/expected_result.json",
            "test/*/mocked_data/test_get_interfaces/*/expected_result.json",
            "test/*/mocked_data/test_get_interfaces_ip/*/expected_result.json",
            "test/*/mocked_data/test_get_facts/*/expected_result.json",
            "test/*/mocked_data/test_get_users/*/expected_result.json",
            "test/*/mocked_data/test_get_snmp_information/*/expected_result.json",
            "test/*/mocked_data/test_get_lldp_neighbors_detail/*/expected_result.json",
            "test/*/mocked_data/test_get_ipv6_neighbors_table/*/expected_result.json",
        ),
        "the expected results of NAPALM's network-device getters in its driver tests (EOS, IOS, "
        "IOS-XR, Junos, NX-OS): ARP, IPv6-neighbour and MAC-address tables, interfaces and their "
        "addresses, device facts, local users with password hashes and SSH keys, SNMP "
        "communities, LLDP neighbours",
    ),
    "waltid": Source(
        "walt-id/waltid-identity",
        "b19fda24510c7543f3c3dcad1daf2d77f4a168d1",
        "Apache-2.0",
        (
            "waltid-services/waltid-integration-tests/src/main/resources/issuance/*.json",
            "waltid-services/waltid-e2e-tests/src/test/resources/issuance/*.json",
            "waltid-applications/waltid-cli/src/jvmTest/resources/vc/*.json",
            "waltid-libraries/crypto/waltid-crypto/src/jvmTest/resources/jwk/*.json",
        ),
        "walt.id's (verifiable credentials) test data: credential issuance requests (identity "
        "credentials, a Swiss passport, mortgage eligibility, open badges, university degrees) "
        "with the issuer's keys, signed and unsigned credentials, and the JWKs of its crypto "
        "tests",
    ),
}
#: Selection (`real_sets.Caps`, family prefix ``v8<source>/<family>``): arrays cut to their
#: first 3 items; documents of 4 to 120 leaves with rule labels on at least 2 % of them; per
#: family at most 10 documents with rule labels (richest first) and one without; per source at
#: most 60 documents.
CAPS = real_sets.Caps("v8", per_family=10)


# ---------------------------------------------------------------------------- extraction


_slug = real_sets.slug


def _api_path_family(path: str) -> str:
    """The first word of an API path that is neither a version nor a parameter."""
    for part in path.strip("/").split("/"):
        if part and not part.startswith("{") and not re.fullmatch(r"v\d+(\.\d+)?|api|bot", part):
            return _slug(part)
    return "root"


def _fhir_parts(body: Any) -> Iterator[Any]:
    """A FHIR body, or where it is a bundle too large for a document, its entries' resources."""
    entries = body.get("entry") if isinstance(body, dict) else None
    size = sum(1 for _ in real_sets.leaves(real_sets.cut(body, CAPS.array_items)))
    if isinstance(entries, list) and size > CAPS.max_leaves:
        for entry in entries:
            res = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(res, dict):
                yield res
    elif isinstance(body, dict | list):
        yield body


def _nhspds_family(rel: str) -> str:
    parts = rel.split("/")
    stem = re.sub(r"[_-]?\d{6,}", "", Path(rel).stem)
    if parts[0] == "specification":
        return _slug(stem)
    if "stubs" in parts:
        kind = parts[-2].removesuffix("Responses")
        return _slug(kind if kind != "search" else f"search_{stem}")
    return _slug(parts[-2])


def _nhspds(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "nhspds"):
        body = _json(p.read_text(encoding="utf-8"))
        family = _nhspds_family(_rel(cache, "nhspds", p))
        for part in _fhir_parts(body):
            yield family, part


def _hmrc(cache: Path) -> Iterator[tuple[str, Any]]:
    """Stub payloads (``{"summary", "value"}``: the value) by kind and consumer; examples by
    file name."""
    for p in _files(cache, "hmrc"):
        body = _json(p.read_text(encoding="utf-8"))
        rel = _rel(cache, "hmrc", p)
        if isinstance(body, dict) and "value" in body and "summary" in body:
            body = body["value"]
        parts = rel.split("/")
        if parts[0] == "conf":
            family = "_".join(parts[2:-1]) if len(parts) > 4 else f"{parts[2]}_{Path(rel).stem}"
        else:
            family = re.sub(r"^create-|-(request|response)$", "", Path(rel).stem)
        if isinstance(body, dict | list):
            yield _slug(family), body


def _swagger_as_openapi(spec: dict[str, Any]) -> dict[str, Any]:
    """A Swagger 2 description's definitions where an OpenAPI 3 one keeps its schemas."""
    if "definitions" in spec and "components" not in spec:
        return {**spec, "components": {"schemas": spec["definitions"]}}
    return spec


def _openapi(name: str, label: Callable[[str], str]) -> Callable[[Path], Iterator[tuple[str, Any]]]:
    """Object examples and objects assembled from schema examples of every API description of
    source ``name``; ``label(path in the repository)`` heads each family."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in _files(cache, name):
            rel = _rel(cache, name, p)
            spec = _json(p.read_text(encoding="utf-8")) if p.suffix == ".json" else _yaml(p)
            if not isinstance(spec, dict) or not (
                {"paths", "components", "definitions"} & set(spec)
            ):
                continue
            spec = _swagger_as_openapi(spec)
            head = label(rel)
            for family, body in _openapi_examples(spec, _api_path_family):
                yield (f"{head}_{family}" if head else family), body
            for family, body in _schema_objects(spec, max_depth=4, list_examples=True):
                yield (f"{head}_{family}" if head else family), body

    return extract


def _bluebutton(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "bluebutton"):
        body = _json(p.read_text(encoding="utf-8"))
        family = _slug(re.sub(r"_v\d$", "", p.stem))
        for part in _fhir_parts(body):
            yield family, part


def _netbox_family(rel: str) -> str:
    parts = rel.split("/")
    stem = re.sub(r"_\d+$", "", Path(rel).stem)
    return _slug(f"{parts[-2]}_{re.sub(r'(?<=ss)es$|(?<!s)s$', '', stem)}")


def _strava(cache: Path) -> Iterator[tuple[str, Any]]:
    swagger = _openapi("strava", lambda rel: "api")
    for p in _files(cache, "strava"):
        if p.name == "strava_swagger.json":
            continue
        body = _json(p.read_text(encoding="utf-8"))
        if isinstance(body, dict | list):
            yield _slug(p.stem.split(".")[0].removeprefix("example_")), body
    yield from swagger(cache)


def _literal(node: ast.AST, env: dict[str, Any]) -> Any:  # noqa: PLR0911 (one case a node kind)
    """The value of a Python literal whose names are earlier constants (``"a" + NAME``
    joined); ``ValueError`` where it is not one."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        raise ValueError(node.id)
    if isinstance(node, ast.Dict):
        return {
            str(_literal(k, env)): _literal(v, env)
            for k, v in zip(node.keys, node.values, strict=True)
            if k is not None
        }
    if isinstance(node, ast.List | ast.Tuple):
        return [_literal(v, env) for v in node.elts]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_literal(node.operand, env)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left, env) + _literal(node.right, env)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"lower", "upper"}
        and not node.args
    ):
        text = _literal(node.func.value, env)
        if isinstance(text, str):
            return text.lower() if node.func.attr == "lower" else text.upper()
    raise ValueError(type(node).__name__)


def _python_literals(paths: list[Path]) -> Iterator[tuple[Path, str, Any]]:
    """(file, name, value) of every literal assigned in the files (names another file defines
    are resolved too: the files are read until no new constant appears)."""
    trees = [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in paths]
    env: dict[str, Any] = {}
    found: dict[tuple[Path, int], tuple[str, Any]] = {}
    grew = True
    while grew:
        grew = False
        for p, tree in trees:
            for i, node in enumerate(tree.body):
                if not isinstance(node, ast.Assign) or (p, i) in found:
                    continue
                try:
                    value = _literal(node.value, env)
                except (ValueError, TypeError):
                    continue
                target = node.targets[0]
                name = target.id if isinstance(target, ast.Name) else ""
                if name:
                    env[name] = value
                found[p, i] = (name, value)
                grew = True
    for (p, _), (name, value) in sorted(found.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        yield p, name, value


def _atlassian(cache: Path) -> Iterator[tuple[str, Any]]:
    """Every literal assigned in the mocked responses (``responses[None] = {...}``); family: the
    product and the last resource word of the URL path that is not an id or a method."""
    for p, _, value in _python_literals(_files(cache, "atlassian")):
        parts = _rel(cache, "atlassian", p).split("/")[2:]
        kept = [
            w
            for w in parts[1:-1]
            if re.fullmatch(r"[a-z][a-z-]+", w) and w not in {"rest", "api", "latest", "cloud"}
        ]
        if isinstance(value, dict | list):
            yield _slug(f"{parts[0]}_{kept[-1] if kept else 'root'}"), value


def _icloud(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each dict constant of the test modules; family: the constant's name without its
    outcome words (``ACCOUNT_DEVICES_WORKING`` → ``account_devices``)."""
    for _, name, value in _python_literals(_files(cache, "icloud")):
        if isinstance(value, dict):
            family = re.sub(r"_(working|ok|success|failure|failed|\d+)$", "", name.lower())
            yield _slug(family), value


def _alertmanager(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each configuration whole; family: the receiver or feature the file tests."""
    for p in _files(cache, "alertmanager"):
        body = _yaml(p)
        stem = p.stem.removeprefix("conf.")
        family = re.split(r"[-.]", stem)[0] if "email" not in str(p) else "email_auth"
        if isinstance(body, dict):
            yield _slug(family), body


def _authelia(cache: Path) -> Iterator[tuple[str, Any]]:
    """Each configuration and user database; family: its suite or example."""
    for p in _files(cache, "authelia"):
        rel = _rel(cache, "authelia", p)
        if p.name.startswith("compose"):
            continue
        try:
            body = _yaml(p)
        except (yaml.YAMLError, TypeError):  # a template with Go template markers
            continue
        parts = rel.split("/")
        family = parts[2] if parts[0] in {"internal", "examples"} and len(parts) > 3 else "template"
        if isinstance(body, dict):
            yield _slug(family), body


class _TapeLoader(yaml.SafeLoader):
    """YAML of VCR cassettes (``!!binary`` bodies are bytes)."""


def _aftership(cache: Path) -> Iterator[tuple[str, Any]]:
    for p in _files(cache, "aftership"):
        tape = yaml.load(p.read_text(encoding="utf-8"), Loader=_TapeLoader)  # noqa: S506
        family = _slug(p.stem.split("TestCase")[0])
        for body in real_sets.cassette_bodies(tape):
            # the envelope's meta is the same in every response: its data is the document
            data = body.get("data") if isinstance(body, dict) else None
            yield family, data if isinstance(data, dict) else body


def _jambonz(cache: Path) -> Iterator[tuple[str, Any]]:
    yield from _openapi("jambonz", lambda rel: "")(cache)
    yield from _json_files("jambonz", lambda rel: "subscription")(cache)


def _members_of_large(extract: Extractor) -> Extractor:
    """The extractor's documents, each too large for a document taken by its top-level members
    that are objects or arrays (``{"member": value}``), or by its items if it is an array."""

    def wrapped(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in extract(cache):
            size = sum(1 for _ in real_sets.leaves(real_sets.cut(body, CAPS.array_items)))
            if size > CAPS.max_leaves and isinstance(body, dict):
                for k, v in body.items():
                    if isinstance(v, dict | list):
                        yield family, {k: v}
            elif size > CAPS.max_leaves and isinstance(body, list):
                for item in body:
                    yield family, item
            else:
                yield family, body

    return wrapped


_EXTRACTORS: dict[str, Extractor] = {
    "waltid": _json_files(
        "waltid",
        lambda rel: _slug(
            rel.split("/")[-2]
            + "_"
            + re.split(r"[-_.]", Path(rel).name)[0].removesuffix("credential")
        ),
    ),
    "napalm": _json_files("napalm", lambda rel: _slug(rel.split("/")[3].removeprefix("test_"))),
    "bandwidth": _openapi("bandwidth", lambda rel: ""),
    "ingenico": _json_files(
        "ingenico",
        lambda rel: _slug(
            re.sub(r"(Original|Obfuscated|CustomObfuscated)$", "", Path(rel).name.split(".")[0])
        ),
    ),
    "nhspds": _nhspds,
    "hmrc": _hmrc,
    "freee": _openapi("freee", lambda rel: rel.split("/")[0].replace("v2020_06_15", "acc")),
    "bluebutton": _bluebutton,
    "netbox": _json_files("netbox", _netbox_family),
    "strava": _strava,
    "line": _openapi("line", lambda rel: _slug(Path(rel).stem.removesuffix("-api"))),
    "jambonz": _jambonz,
    "atlassian": _atlassian,
    "alertmanager": _alertmanager,
    "aftership": _aftership,
    "brasilapi": _openapi("brasilapi", lambda rel: ""),
    "icloud": _icloud,
    "freshdesk": _json_files(
        "freshdesk", lambda rel: _slug(re.sub(r"(_\d+|_updated|_fr|s)$", "", Path(rel).stem))
    ),
    "sylius": _json_files(
        "sylius", lambda rel: _slug("_".join(rel.split("/")[3:-1]) or Path(rel).stem)
    ),
    "authelia": _authelia,
    "telegraf": _json_files(
        "telegraf",
        lambda rel: _slug(rel.split("/")[2] + "_" + re.split(r"[_.-]", rel.split("/")[-1])[0]),
    ),
    "freshbooks": _json_files(
        "freshbooks",
        lambda rel: _slug(re.sub(r"^(get|list|create)_|_response.*$|s$", "", Path(rel).stem)),
    ),
}
EXTRACTORS = {name: _members_of_large(extract) for name, extract in _EXTRACTORS.items()}

# ---------------------------------------------------------------------------- rules

EMAIL = re.compile(r"^(mailto:)?[\w.%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
EMAIL_IN = re.compile(r"[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
JWT_IN = re.compile(r"eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")
MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$")
UUID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$", re.IGNORECASE)
PHONE = re.compile(r"^(tel:)?\+?[0-9][0-9 ().-]{5,18}[0-9]$")
NINO = re.compile(r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]?$")
PAYE_REF = re.compile(r"^\d{3}/[A-Z0-9]{1,10}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{2}[/.-]\d{2}[/.-]\d{4}$|^\d{8}$")
#: Documentation stand-ins: ``string``, the field named, masks, templates, digit runs.
STAND_IN = re.compile(
    r"^(string|str|text|example|sample|test|null|none|n/?a|undefined|x{3,}.*|\*{3,}.*|"
    r"<[^>]*>|\{\{.*\}\}|\$\{.*\}|your[ _-].*|my[ _-]?(secret|password|token|key).*|"
    r"changeme|foo|bar|baz|abc|abc123|secret|password|token|dummy.*|placeholder.*|"
    r"redacted|hidden|masked|street|town|city|county|"
    r"@\w+@.*|#[#(\[\w].*)$",
    re.IGNORECASE,
)
#: Keys of a person's name and parents whose ``name`` is a person's (any language).
NAME_WORDS = {
    "firstname",
    "lastname",
    "givenname",
    "familyname",
    "surname",
    "forename",
    "forenames",
    "middlename",
    "fullname",
    "displayname",
    "nickname",
    "maidenname",
    "fname",
    "lname",
}
NAME_HEADS = {
    "first",
    "last",
    "given",
    "family",
    "middle",
    "full",
    "display",
    "maiden",
    "nick",
    "requester",
    "responder",
    "agent",
    "contact",
    "householder",
    "holder",
    "customer",
}
PERSON_PARENTS = {
    "user",
    "users",
    "author",
    "assignee",
    "reporter",
    "creator",
    "owner",
    "customer",
    "customers",
    "employee",
    "employees",
    "athlete",
    "patient",
    "person",
    "contact",
    "contacts",
    "recipient",
    "sender",
    "reviewer",
    "reviewers",
    "participant",
    "participants",
    "actor",
    "approver",
    "lead",
    "requester",
    "watcher",
    "holder",
    "insured",
    "beneficiary",
}
NOT_PERSON = re.compile(
    r"\b(inc|ltd|llc|limited|plc|corp|company|group|team|bank|services?|industries|"
    r"gmbh|k\.?k|co|project|repository|repo|bot|admin(istrator)?|"
    r"system|service|app|api|test|default|demo|example|anonymous|unknown|everyone|"
    r"organi[sz]ation|department|office|branch|store|shop|hospital|surgery|practice|nhs|"
    r"trust|council|board|agency|ministry|support|desk|sales|billing|accounting|banco|s\.a|"
    r"ltda|universidade|university|federal|channel|updated|account)\b|株式会社|有限会社|合同会社|"
    r"銀行|商店|商品|[\uff08(]",
    re.IGNORECASE,
)
NAME_VALUE = re.compile(r"^[^\W\d_][^\W\d_ '\u2019.-]*([ '\u2019.-]{1,2}[^\W\d_]+){0,4}\.?$")
STREET = re.compile(
    r"^\d+[A-Za-z]?,? \S|\b(street|st\.?|road|rd\.?|lane|avenue|ave\.?|drive|way|close|"
    r"square|place|court|terrace|crescent|gardens|grove|boulevard|blvd|avenida|av\.|rua|calle|"
    r"via|quadra|stra(ss|ß)e|weg|丁目|番地|町)\b|\d+-\d+",
    re.IGNORECASE,
)
SECRET_LAST = {"secret", "password", "passwd", "pwd", "passphrase", "apikey", "token"}
SECRET_PAIRS = {
    ("api", "key"),
    ("access", "token"),
    ("refresh", "token"),
    ("auth", "token"),
    ("bot", "token"),
    ("app", "token"),
    ("private", "key"),
    ("secret", "key"),
    ("service", "key"),
    ("routing", "key"),
    ("client", "secret"),
    ("api", "secret"),
    ("channel", "secret"),
    ("webhook", "secret"),
    ("signing", "secret"),
}
#: Siblings that make an object a person's record.
CONTACT_KEYS = {"email", "first_name", "firstName", "last_name", "lastName", "login", "username"}
NOT_IP_KEYS = {"netmask", "mask", "gateway", "dns", "subnet", "prefix", "network", "broadcast"}


#: Values that describe themselves: words and underscores naming a credential
#: (``a_very_important_secret``, ``my_refresh_token``), masks and elisions.
WORDY_SECRET = re.compile(
    r"^[a-z]+([_-][a-z]+)*[_-]?(secret|token|key|password)s?$|^[a-z_]*secret[a-z_]*$"
)
FIELD_NAMED = re.compile(r"^[A-Za-z]+\d*(Name|NickName|Nickname|DisplayName|Id|Email)$")


def _stand_in(value: str, key: str) -> bool:
    v = value.strip()
    if not v or STAND_IN.match(v) or re.fullmatch(r"(.)\1{3,}|0123456789?|1234567890?", v):
        return True
    if re.search(r"X{6,}|x{6,}|\.{4,}|abcdefghij", v) or FIELD_NAMED.match(v):
        return True
    squeezed = re.sub(r"[^a-z]", "", v.lower())
    kq = re.sub(r"[^a-z]", "", key.lower())
    named = len(kq) >= 6 and len(squeezed) <= len(kq) + 16 and squeezed.endswith(kq)
    return bool(squeezed) and (squeezed == kq or named)


def _ip(value: str) -> bool:
    """An IPv4 or IPv6 address, also with its prefix length (an interface's address)."""
    text = value.strip()
    try:
        if "/" in text:
            iface = ipaddress.ip_interface(text)
            host = iface.network.prefixlen == iface.max_prefixlen
            return (
                host or iface.ip != iface.network.network_address
            ) and not iface.ip.is_unspecified
        return not ipaddress.ip_address(text).is_unspecified
    except ValueError:
        return False


def _card(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits) and digits[0] in "23456"


def _person(value: str) -> bool:
    v = value.strip()
    if NOT_PERSON.search(v) or len(v) > 60:
        return False
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", v):  # names in kanji (kana: see _kana)
        bare = v.replace(" ", "").replace("\u3000", "")
        return len(bare) <= 8 and bool(re.search(r"[\u4e00-\u9fff]", bare))
    return bool(NAME_VALUE.match(v))


def _in_text(value: str) -> set[str]:
    """Types found inside free text."""
    out = set()
    if EMAIL_IN.search(value):
        out.add("email")
    if JWT_IN.search(value):
        out.add("jwt")
    for m in re.finditer(r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b", value):
        if std_iban.is_valid(m.group()):
            out.add("iban")
    return out


def _pairs(ws: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(ws))


def _fhir_system(sib: dict[str, Any]) -> str:
    return str(sib.get("system", "")).lower() if isinstance(sib, dict) else ""


def rule_label(  # noqa: PLR0911, PLR0912, PLR0915 (one table of rules, top to bottom)
    parents: list[str], key: str, value: Any, sib: dict[str, Any]
) -> str | None:
    """The type of one scalar leaf from its key, its parents' keys, its siblings and its value,
    or ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    ws = words(key)
    last = ws[-1] if ws else ""
    joined = "".join(ws)
    up = [w for p in parents[-3:] for w in words(p)]
    parent = "".join(words(parents[-1])) if parents else ""
    if isinstance(value, int | float):
        if last in {"lat", "latitude", "lng", "lon", "longitude", "latlng"}:
            return "geo_location" if value else None
        if len(str(value)) < 7:
            return None
        value = str(value)
    v = str(value).strip()
    if last in {"lat", "latitude", "lng", "lon", "longitude"}:
        return "geo_location" if re.fullmatch(r"-?\d{1,3}\.\d{2,}", v) else None
    digits = re.sub(r"\D", "", v)
    compact = re.sub(r"[\s-]", "", v)
    system = _fhir_system(sib)
    # --- values that decide by themselves (an e-mail address is one even in a stand-in)
    if EMAIL.match(v):
        return "email"
    if _stand_in(v, key):
        return None
    if re.fullmatch(r"(Bearer )?eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*", v) or JWT_IN.search(v):
        return "jwt"
    if MAC.match(v):
        return "mac_address"
    if re.fullmatch(r"\+[1-9]\d{9,14}", v) and last != "sid" and (last != "id" or "caller" in ws):
        return "phone"
    if _ip(v) and not set(ws + up[-1:]) & NOT_IP_KEYS:
        return "ip_address"
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact) and std_iban.is_valid(compact):
        return "iban"
    if "PRIVATE KEY-----" in v or re.match(r"^\$(2[aby]|argon2\w*|[156]|pbkdf2[\w-]*)\$", v):
        return "secret_key"
    # --- a JWK's private members (its public members and key id are negatives)
    if "kty" in sib and key in {"d", "p", "q", "dp", "dq", "qi", "k"}:
        return "secret_key" if len(v) >= 16 else None
    # --- FHIR: an identifier or telecom entry says what it holds in its ``system``
    if key == "value" and system:
        if "nhs-number" in system or system.endswith(("us-mbi", "/mbi")):
            return "national_id"
        if system in {"phone", "fax", "sms"}:
            return "phone" if len(digits) >= 7 else None
        if system == "email":
            return "email" if "@" in v else None
    # --- secrets
    if last not in {"id", "ids", "type", "file", "path", "expires", "length"} and (
        last in SECRET_LAST or _pairs(ws) & SECRET_PAIRS or joined.endswith(("apikey", "apisecret"))
    ):
        if WORDY_SECRET.match(v):
            return None
        if last in {"password", "passwd", "pwd", "passphrase"}:
            return "password" if len(v) >= 4 and "file" not in ws else None
        if len(v) >= 10 and not UUID.match(v) and " " not in v and "file" not in ws:
            return "secret_key"
        return None
    if "url" in ws and re.search(
        r"hooks\.slack\.com/services/\w+/\w+/\w+|[?&](token|key)=\w{8,}", v
    ):
        return "secret_key"
    # --- identity, tax and bank numbers
    if last in {"nino"} or _has_seq(ws, "national", "insurance"):
        return "national_id" if NINO.match(v.upper()) else None
    if joined in {"nhsnumber", "nhsno"} or (last == "nhs" and digits):
        return "national_id" if gb_nhs.is_valid(digits) else None
    if last in {"ssn"} or _has_seq(ws, "social", "security"):
        return "us_ssn" if us_ssn.is_valid(digits) else None
    if last == "cnpj":
        return "tax_id" if br_cnpj.is_valid(digits) else None
    if last == "cpf":
        return "national_id" if br_cpf.is_valid(digits) else None
    if last in {"utr", "sautr", "ctutr"} or _has_seq(ws, "tax", "reference"):
        return "tax_id" if gb_utr.is_valid(digits) else None
    if _has_seq(ws, "paye", "reference") or joined.endswith("payeref") or last == "empref":
        return "tax_id" if PAYE_REF.match(v) else None
    if (
        _has_seq(ws, "tax", "id")
        or _has_seq(ws, "vat", "number")
        or _has_seq(ws, "invoice", "registration", "number")
        or _has_seq(ws, "qualified", "invoice", "issuer", "number")
        or last in {"tin", "ein", "abn", "vat"}
    ):
        return "tax_id" if len(digits) >= 8 else None
    if "passport" in ws and last in {"passport", "number", "no", "id"}:
        return "passport_number" if re.search(r"\d", v) and len(v) >= 6 else None
    if _has_seq(ws, "driver", "license") or _has_seq(ws, "drivers", "license") or "licence" in ws:
        return "drivers_license" if re.search(r"\d", v) else None
    if joined in {"mynumber", "individualnumber", "basepensionnum", "pensionnumber"}:
        return "national_id" if len(digits) >= 10 else None
    if (
        _has_seq(ws, "account", "number")
        or _has_seq(ws, "bank", "code")
        or _has_seq(ws, "branch", "code")
        or _has_seq(ws, "routing", "number")
        or last in {"bsb"}
        or (last in {"number", "no"} and {"bank", "account"} & set(up))
    ):
        if len(digits) >= 3 and digits == compact:
            return "bank_account"
        return None
    if ("card" in ws or "card" in up) and last in {"number", "pan"} and _card(digits):
        return "credit_card" if digits == compact else None
    # --- contact data
    if (
        last
        in {
            "phone",
            "mobile",
            "tel",
            "telephone",
            "fax",
            "msisdn",
            "smses",
            "sms",
            "tn",
            "phones",
            "telefone",
            "telefono",
            "celular",
        }
        or _has_seq(ws, "phone", "number")
        or (key == "detail" and "TELEPHONE" in str(sib.get("type", "")).upper())
        or (last == "number" and "phone" in "".join(up))
    ):
        return "phone" if PHONE.match(v) and len(digits) >= 7 else None
    if joined in {"birthdate", "dateofbirth", "dob", "birthday"}:
        return "date_of_birth" if DATE.match(v) else None
    if last in {"gender", "sex", "salutation"} or (key == "prefix" and "name" in up):
        return "gender" if len(v) <= 12 else None
    if last in {"username", "login", "handle", "nickname"} and "name" not in up and not _person(v):
        return "username" if re.fullmatch(r"[\w.@+-]{2,64}", v) else None
    if last in {"username", "login"}:
        return "username"
    if (
        last in {"line1", "street", "street1", "address1", "streetaddress", "addr1"}
        or joined in {"streetname", "streetname1", "logradouro"}
        or _has_seq(ws, "address", "line", "1")
        or _has_seq(ws, "street", "name")
        or (key == "line" and "address" in up)
        or (last == "address" and STREET.search(v) and not _ip(v))
    ):
        return "street_address" if re.search(r"\d|[^\W\d_]{3}", v) else None
    # --- names
    personal = set(up[-2:]) & PERSON_PARENTS or bool(set(sib) & CONTACT_KEYS)
    if last == "kana" and set(ws) & {"first", "last", "given", "family"}:
        return "person_name" if re.fullmatch(r"[\u30a0-\u30ff\u3040-\u309f ]{2,12}", v) else None
    if joined == "displayname" or (last == "name" and ws[-2:-1] == ["display"]):
        return "person_name" if _person(v) and (personal or "by" in up) else None
    if (
        joined in NAME_WORDS
        or (last == "name" and len(ws) > 1 and ws[-2] in NAME_HEADS)
        or (key in {"given", "family", "text"} and "name" in up and parent == "name")
        or (key == "name" and (set(up[-2:]) & PERSON_PARENTS or set(sib) & CONTACT_KEYS))
    ):
        return "person_name" if _person(v) else None
    if len(v) > 20 and " " in v:
        found = _in_text(v)
        if found:
            return sorted(found)[0]
    return None


def _has_seq(ws: list[str], *seq: str) -> bool:
    """``seq`` occurs as consecutive words of ``ws``."""
    n = len(seq)
    return any(tuple(ws[i : i + n]) == seq for i in range(len(ws) - n + 1))


def _leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The rule types of one leaf: its rule label, plus what free text carries besides."""
    t = rule_label(parents, key, value, sib)
    out = {t} if t else set()
    if out and isinstance(value, str) and len(value) > 20 and " " in value:
        out |= _in_text(value)
    return out


# ---------------------------------------------------------------------------- the builder

SUSPECT = re.compile(
    r"name|mail|phone|mobile|tel|fax|addr|street|line|birth|dob|gender|sex|user|login|pass|"
    r"secret|token|key|auth|cred|ssn|nino|nhs|utr|paye|tax|vat|tin|passport|licen|national|"
    r"ident|iban|account|bank|branch|bsb|routing|card|pan|ip|mac|lat|lng|lon|geo|msisdn|"
    r"number|holder|owner|contact|value|detail|text|description|note|message|url|family|given",
    re.IGNORECASE,
)

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = real_sets.Builder(CAPS, EXTRACTORS, OVERRIDES, _leaf_types, "v8", SOURCES, SUSPECT)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision

if __name__ == "__main__":
    main(sys.argv[1:])
