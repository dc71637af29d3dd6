"""Build ``data/v32/real.jsonl``: API documentation examples that publishers not used by v1 to
v31 released under permissive licences (developer platforms and operations: e-mail sending, CI
and build agents, mesh VPNs and their peers, devices and keys, uptime monitoring), labelled by
the rules of `make_v32_rules` and then by hand decisions (``data/v32/overrides.json``), under the
one convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v32 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v32`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector.eval import (
    make_v8,
    make_v16,
    make_v17,
    make_v22,
    make_v23,
    make_v24,
    make_v31,
    real_sets,
)
from detector.eval.make_v32_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v32")

SOURCES: dict[str, Source] = {
    "sparkpost": Source(
        "SparkPost/developers.sparkpost.com",
        "88f24dc36139bdf09a801678b26b3e6d5c1a60c7",
        "MIT",
        ("content/api/*.apib",),
        "the request and response examples of SparkPost's (e-mail sending: transmissions, "
        "recipients, templates, sending domains and IPs, subaccounts, webhooks, events, "
        "suppressions) API documentation (API Blueprint pages)",
    ),
    "buildkite": Source(
        "buildkite/docs",
        "35cf0294c6ea68f41d90da114120d73278f6fc0b",
        "MIT",
        ("pages/apis/rest_api/*.md", "pages/apis/agent_api*.md"),
        "the request and response examples of Buildkite's (CI/CD: pipelines, builds, jobs, "
        "agents, clusters, agent tokens, organizations, members, teams, package registries, "
        "test suites) REST and agent API documentation",
    ),
    "netbird": Source(
        "netbirdio/docs",
        "d905fda2a3f04a2066746875d09e51a3fe62dfed",
        "BSD-3-Clause",
        ("src/pages/ipa/resources/*.mdx",),
        "the request and response examples of NetBird's (a WireGuard mesh VPN: peers, users, "
        "setup keys, tokens, groups, policies, routes, DNS, identity provider integrations, "
        "events) management API documentation",
    ),
    "healthchecks": Source(
        "healthchecks/healthchecks",
        "29b5ec251059034b79e0120e2ff0c3e35d7bd9f8",
        "BSD-3-Clause",
        ("templates/docs/api.md",),
        "the request and response examples of Healthchecks.io's (cron job and uptime "
        "monitoring: checks, pings, flips, notification channels, badges) management API "
        "documentation",
    ),
    "tailscale": Source(
        "tailscale/tailscale",
        "afec2d41b4f54158897b8dccf49dfd19eb8cbf10",
        "BSD-3-Clause",
        ("publicapi/*.md", "api.md"),
        "the request and response examples of Tailscale's (a mesh VPN: devices, routes, keys, "
        "ACLs, DNS, user and device invites, tailnet settings) API documentation, its last "
        "version in the repository (the pages moved to the vendor's site after this commit)",
    ),
    "desec": Source(
        "desec-io/desec-stack",
        "d7ccaf7c14dcb3f438acea91ee37c0eca1b3b6de",
        "MIT",
        ("docs/*.rst",),
        "the request and response examples of deSEC's (a free secure DNS hosting service: "
        "accounts, tokens and their policies, domains, resource record sets, dynamic DNS "
        "updates) API documentation (reStructuredText pages)",
    ),
    "balena": Source(
        "balena-io/docs",
        "1f9a4e4b44c1f8435b0769b58415b650cc8602df",
        "Apache-2.0",
        ("pages/external-docs/supervisor-api.md", "pages/.gitbook/includes/config-json.md"),
        "the request and response examples of balena's (IoT device fleets: the device "
        "supervisor's local API, a device's ``config.json``) documentation",
    ),
    "slicer": Source(
        "slicervm/docs.slicervm.com",
        "05085f9679ecd801c44e764428e2b4fac1604f27",
        "MIT",
        ("docs/reference/api.md",),
        "the request and response examples of Slicer's (micro-VMs on one's own hosts: nodes, "
        "host groups, images, disks, secrets, operations) REST API documentation",
    ),
    "thethings": Source(
        "TheThingsIndustries/lorawan-stack-docs",
        "a189a5255199ce9ac016abbcf66d69fd3a73fed9",
        "Apache-2.0",
        ("doc/content/*.md",),
        "the request and response examples of The Things Stack's (a LoRaWAN network server for "
        "IoT device fleets: gateways, end devices and their keys, applications, users, "
        "integrations, webhooks, uplink and downlink messages) documentation",
    ),
    "gocd": Source(
        "gocd/api.go.cd",
        "a7aee902fb073ae09ee0ff3cc3efc191d76d36d4",
        "Apache-2.0",
        ("source/includes/*.md.erb", "source/index.html.md.erb"),
        "the request and response examples of GoCD's (continuous delivery: pipelines, stages, "
        "jobs, agents, materials, users and roles, access tokens, secret and artifact stores, "
        "elastic agent profiles, config repositories, backups) API documentation (Slate pages)",
    ),
    "nautobot": Source(
        "nautobot/nautobot",
        "47325c5944aae3c19a821f22ccf91b7c65af703f",
        "Apache-2.0",
        ("nautobot/docs/user-guide/platform-functionality/rest-api/*.md",),
        "the request and response examples of Nautobot's (a network source of truth: devices, "
        "interfaces, IP addresses, prefixes, cables, users and tokens) REST API documentation",
    ),
    "fly": Source(
        "superfly/docs",
        "5c22c8cece71e1cf83fab3189c9f7301573f4d6e",
        "Apache-2.0",
        (
            "machines/*.markerb",
            "machines/*.md",
            "reference/machines/*.erb",
            "networking/*.markerb",
            "security/openid-connect.html.markerb",
        ),
        "the request and response examples of Fly.io's (hosting apps on micro-VMs: Machines, "
        "volumes, leases, private networks, request routing, OpenID Connect tokens) "
        "documentation",
    ),
    "morpheus": Source(
        "gomorpheus/morpheus-apidoc",
        "4f31538597b2268e0716b2dcf30dd023d1815500",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Morpheus Data's (hybrid cloud management: "
        "instances, servers, hosts, networks, users and roles, credentials, key pairs, "
        "integrations, monitoring checks and incidents, backups) API documentation (Slate pages)",
    ),
    "cloud66": Source(
        "cloud66/help-api",
        "b639c9e822f777779bab80f52b7e52fbc033bd0f",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Cloud 66's (hosting and deploying applications on "
        "one's cloud servers: stacks, servers, users, deployments, firewall rules, backups) API "
        "documentation (Slate pages, HTTP exchanges)",
    ),
    "smartcitizen": Source(
        "fablabbcn/smartcitizen-api-docs",
        "acd3ca82b35026ee06d0a746e9bfeacaefd9be9b",
        real_sets.SLATE_LICENCE,
        ("source/includes/*.md.erb", "source/index.html.md"),
        "the request and response examples of Smart Citizen's (Fab Lab Barcelona's environmental "
        "sensor kits: devices, readings, users, kits, sensors) API documentation (Slate pages)",
    ),
    "credhub": Source(
        "cloudfoundry/credhub-api-site",
        "4cac6b9c777b45489530b8418d30c8bfa9edc2f3",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of CredHub's (Cloud Foundry's credential manager: "
        "passwords, users, certificates, RSA and SSH keys, JSON and value credentials, "
        "permissions) API documentation (Slate pages), their last version before the site moved "
        "to versioned pages",
    ),
    "skeddly": Source(
        "eleven41/skeddly-slate",
        "55ad980351a021d594fd246081a36e5f64b0767e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Skeddly's (scheduled automation of cloud "
        "accounts: credentials, actions, executions, managed instances, users) API "
        "documentation (Slate pages)",
    ),
    "librato": Source(
        "librato/api-docs",
        "c4666f2a7cac3a1e8b7b63271e2c29cff6661425",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of Librato's (metrics and monitoring: measurements, "
        "metrics, alerts, services, annotations, spaces, charts, jobs, API tokens) API "
        "documentation (Slate pages)",
    ),
    "cloudca": Source(
        "cloud-ca/api-docs",
        "a4d6483295f049ab5ea34caca860b1965d33da3e",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of cloud.ca's (CloudOps' cloud platform: "
        "organizations, users, environments, instances, volumes, networks, public IPs, "
        "firewall and port forwarding rules, SSH keys, VPN users) API documentation (Slate "
        "pages)",
    ),
    "etintel": Source(
        "EmergingThreats/query-api-docs",
        "74238c3d44680bba12b44d44296cacc58449d924",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of ET Intelligence's (Proofpoint Emerging Threats' "
        "threat intelligence: domains, IP addresses, samples and their hashes, signatures, "
        "reputation, geolocation) API documentation (Slate pages)",
    ),
    "rpzdb": Source(
        "rpzdb/docs",
        "bfda7589bc4c5bf65b2bf40d29366ebcb956a9ed",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of RPZdb's (a DNS firewall's response policy zones: "
        "zones, records, accounts) API documentation (Slate pages)",
    ),
    "mailsac": Source(
        "mailsac/api-docs",
        "68ef53af61c185a91b02b5623fe47b642e733ab5",
        "MIT",
        real_sets.SLATE_PAGES,
        "the request and response examples of Mailsac's (disposable and private inboxes for "
        "testing e-mail: addresses, messages, attachments, forwarding, domains, API keys) API "
        "documentation (Slate pages)",
    ),
    "audiobookshelf": Source(
        "audiobookshelf/audiobookshelf-api-docs",
        "0b394c4944003a3cab00640ee6f5d5f9921201c4",
        "Apache-2.0",
        real_sets.SLATE_PAGES,
        "the request and response examples of Audiobookshelf's (a self-hosted media server: "
        "users and their tokens, listening sessions with devices and IP addresses, libraries, "
        "backups, server settings, notifications) API documentation (Slate pages)",
    ),
    "dnsvault": Source(
        "dnsvault/docs",
        "a2e89e3fa001dfbb5ebd7ac830b293a986bf0a05",
        real_sets.SLATE_LICENCE,
        real_sets.SLATE_PAGES,
        "the request and response examples of DNSVault's (DNS hosting: zones, records, "
        "templates, nameservers, users) API documentation (Slate pages)",
    ),
    "apisix": Source(
        "apache/apisix",
        "f519a0f04ccfd4c13b5d06caf34bcde8c8593980",
        "Apache-2.0",
        ("docs/en/latest/*.md",),
        "the request and response examples of Apache APISIX's (an API gateway: routes, "
        "upstreams and their nodes, consumers and their credentials, plugins for "
        "authentication, logging and traffic, SSL certificates, the admin and control APIs) "
        "documentation",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v32<source>/<family>``): as v17's to v31's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {}
CAPS = real_sets.Caps("v32", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # the publisher's founder's name and addresses as an agent's, a build's and a pipeline's
    # creator; a living actor's and a living musician's names as users (v27's case)
    "buildkite": frozenset(
        {
            "f1f45273c90c6fbb7b2e0d1367d23196c2375ed1be329081fc0c2af22e0970d4",
            "b1dd87daee2d4201cdb0045be752d23864d232c01cfdf418fbd0a9294e3fea59",
            "5415760707e0b8be57520fccf7e74ed0e82379c2ea74dda33ba0a7355418e5f9",
            "54d1f987673f36bc622d068763a3521bc3c55512dc48f2dae1e36138c996e8e7",
            "9f0c989dd3e4c7a6ef5512d6347a9af24b95ee886e9874edbebf2055166c5ed6",
            "fc5a8b1150a5a07321bc815e348334d6ddcf7b80ae66d47d3d3fd6066ac99508",
        }
    ),
    # a staff member's workstation named by his login at the vendor's domain (an agent's host);
    # a real developer's name as a plugin's vendor
    "gocd": frozenset(
        {
            "2d3cd87611f548852f6488e4407b356d141850b1cccf82a61557eab324e1a368",
            "262c1fc608c272787dd27ec6bc5bfc1fbf80e99c72a367a44da6033174795771",
        }
    ),
    # a living ice hockey player's name, nickname and addresses as a user (v27's case)
    "cloudca": frozenset(
        {
            "e68b7f1d9a0ecf6b20f2be7ee677d4e95ea7ba4b9a058c3542762c456a957c96",
            "eaef3fc20b871b8b40e8132b18cb3070852f7abf43d0001d03abb07bb191dbcf",
        }
    ),
    # a person's personal webmail address and his login as the appliance's mail sender and
    # proxy user (a developer's own, by judgement)
    "morpheus": frozenset(
        {
            "0cd5d30bf3c83adc3ba09cb4c6eebce722de97b7188efb4cefa5f86902467cdd",
            "e685f635aec174604b91c904afaecb6e443939c0986adf7076d94a251701b966",
        }
    ),
    # a living narrator's and a late author's names in a library's book records
    "audiobookshelf": frozenset(
        {
            "d2800495f3aec013f5086a8a506c7bfec84496c148092db1e343993dfdb0e268",
            "0f6f07c304e11af8136c540231d01302b29fd5d1b43117dec6721e91f2dad8b9",
        }
    ),
}

#: Where a source's pages sit: the family is the page's path below it, in words.
_PAGE_ROOTS = (
    "content/api/",
    "pages/apis/rest_api/",
    "pages/apis/",
    "src/pages/ipa/resources/",
    "doc/content/",
    "docs/en/latest/",
    "docs/",
    "source/includes/",
)
#: Roots below which a page's family is its first folder (a Slate page split into includes).
_FOLDER_ROOTS = ("source/includes/",)
#: Sources whose pages write JSON bodies in code blocks of other kinds (an HTTP exchange, a
#: ``curl`` command with its response): every bracketed block of their pages is read.
_BALANCED = {
    "nautobot",
    "cloud66",
    "smartcitizen",
    "librato",
    "cloudca",
    "etintel",
    "rpzdb",
}

#: A fenced JSON block (``json`` or ``jsonc``, with whatever the fence line adds: a title).
_FENCED = re.compile(r"```(?:json|jsonc)([^\n]*)\n(.*?)\n[ \t]*```", re.S)
#: A line whose first character other than a space opens a JSON object or array.
_OPENING_LINE = re.compile(r"^[ \t]*[{\[]", re.M)
#: A whole-line ``//`` comment of a ``jsonc`` block.
_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*$", re.M)


def _page(rel: str) -> str:
    """A page's family: its path below the documentation's root, in words
    (``pages/apis/rest_api/clusters/queues.md`` → ``clusters_queues``)."""
    for root in _FOLDER_ROOTS:
        if rel.startswith(root) and "/" in rel[len(root) :]:
            return real_sets.slug(rel[len(root) :].split("/", maxsplit=1)[0])
    for root in _PAGE_ROOTS:
        if rel.startswith(root):
            rel = rel[len(root) :]
            break
    else:
        rel = rel.rsplit("/", 1)[-1]
    return real_sets.slug(rel.split(".", maxsplit=1)[0])


def _balanced_blocks(text: str) -> Iterator[tuple[int, str]]:
    """The JSON bodies a page writes outside fences (API Blueprint's indented bodies,
    reStructuredText's literal blocks, a ``curl`` here-document): each line opening with ``{`` or
    ``[`` up to the bracket closing it (brackets inside strings not counted), with its offset."""
    at = 0
    for m in _OPENING_LINE.finditer(text):
        start = m.end() - 1
        if start < at:
            continue
        depth, quoted, escaped = 0, False, False
        for i in range(start, len(text)):
            c = text[i]
            if quoted:
                escaped, quoted = (not escaped and c == "\\"), quoted and (escaped or c != '"')
            elif c == '"':
                quoted = True
            elif c in "{[":
                depth += 1
            elif c in "}]":
                depth -= 1
                if depth == 0:
                    at = i + 1
                    yield start, text[start:at]
                    break


def _pages(name: str) -> Extractor:
    """The JSON examples of each page of source ``name``: fenced ``json`` and ``jsonc`` blocks
    (whole-line comments dropped; blocks titled as a schema skipped), ``curl`` request bodies
    and API Blueprint's indented bodies, each in the family of its page and the first-level
    heading above it (v24's reading, `make_v24._bodies`)."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in real_sets.files(cache, name):
            text = p.read_text(encoding="utf-8")
            page = _page(real_sets.rel(cache, name, p))
            cuts = [
                (m.start(), real_sets.slug(m.group(1)))
                for m in make_v24._TOP_HEADING.finditer(text)
                if text.count("```", 0, m.start()) % 2 == 0  # not a comment in a code block
                and text.count("<!--", 0, m.start()) == text.count("-->", 0, m.start())
            ]
            for block in _FENCED.finditer(text):
                if "schema" not in block.group(1).lower():
                    body = _LINE_COMMENT.sub("", block.group(2))
                    yield from make_v24._bodies(page, cuts, block.start(), body)
            for block in make_v22._CURL_BODY.finditer(text):
                yield from make_v24._bodies(page, cuts, block.start(), block.group(1))
            if p.suffix in (".apib", ".rst") or name in _BALANCED:
                for at, body in _balanced_blocks(text):
                    yield from make_v24._bodies(page, cuts, at, body)

    return extract


_EXTRACTORS: dict[str, Extractor] = {name: _pages(name) for name in SOURCES}

EXTRACTORS = {
    name: real_sets.without(
        real_sets.without_marked(
            make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
        ),
        make_v31._kittens,
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v32", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
