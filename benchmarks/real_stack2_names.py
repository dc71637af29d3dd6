"""Path-parameter names on a second real stack, one the namer was not tuned on: three real
HTTP servers on loopback in other styles than the first stack's, a real client, a real
capture, `sieve analyze`, and the servers' route tables as the truth.

The servers are `benchmarks/real_stack2/forge_server.go` (Go net/http ServeMux patterns:
GitHub, Kubernetes, GitLab and container-registry paths), `billing_server.js` (an
express-style Node app: Stripe, Twilio, Shopify, PayPal and Square paths) and
`workspace_api.py` (aiohttp: Spotify, Jira, Google, Zoom, Discord, Slack, Mailgun, PyPI,
crates.io, i18next paths, non-English nouns, irregular plurals). `truth.tsv` is their route
table, each parameter named as in their code; it was written and committed before the
namer saw this traffic. The client calls every route ``--calls`` times with fresh values
of the kind the real API takes (``cus_…``/``AC…`` ids, logins, repo names, pod names,
shas, semvers, e-mails, dates, snowflakes, ``gid://`` ids, emoji) over keep-alive
connections; each server listens on its own loopback address (127.0.0.2 to .4), as each
would be its own pod (``--one-address``: all on 127.0.0.1, one destination, as stack 1);
dumpcap captures ``lo`` (only the three servers' ports); ``sieve analyze --json`` reads
the capture. The first score (26/143 strict, 48/143 lenient) was taken on one address.

Scoring, fixed before the first score was taken:

- a truth route is found when exactly one observed template of its method has its number
  of segments, a placeholder where the route has a parameter (a literal suffix such as
  ``.json`` may stay outside the placeholder or not), and the route's literal or a
  placeholder elsewhere (a literal that was templated too, e.g. Twilio's ``2010-04-01``,
  is counted and listed but does not by itself fail the route); when several templates
  qualify, the one with the fewest templated literals, and none when that still ties;
  a route not found counts all its parameters wrong;
- strict (the rule of stack 1, `benchmarks.real_stack_names`): the name equals the
  developer's up to case convention (``issue_number`` = ``issueNumber``);
- lenient (the rule of `benchmarks.parameter_names`, no other synonyms): strict, or the
  developer's is ``id``, the resource word or the segment before and ours is that
  resource + ``Id`` (``/customers/{customer}`` → ``customerId``,
  ``/sources/{id}`` → ``sourceId``).

The peer is the naming before names (every one ``{id}``), scored the same way. Needs
dumpcap, node, go and root (capture on ``lo``).

    python -m benchmarks.real_stack2_names [--calls 40] [--keep DIR] [--pcap FILE] [--one-address]
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from benchmarks.parameter_names import agrees
from benchmarks.real_stack_names import free_port, observed, process

HERE = Path(__file__).resolve().parent / "real_stack2"
TRUTH = HERE / "truth.tsv"
SERVERS = ("forge", "billing", "workspace")
# each server on its own loopback address, as each is its own pod in a cluster
ADDRESSES = {"forge": "127.0.0.2", "billing": "127.0.0.3", "workspace": "127.0.0.4"}
PLACEHOLDER = re.compile(r"^\{([^}:]+)(?::[^}]*)?\}(.*)$")


@dataclass(frozen=True)
class Route:
    server: str
    method: str
    path: str
    kinds: tuple[str, ...]


def read_truth() -> list[Route]:
    """The routes of truth.tsv, each with the value kinds the client sends."""
    rows = []
    for line in TRUTH.read_text().splitlines():
        if line and not line.startswith("#"):
            server, method, path, kinds = line.split("\t")
            route = Route(server, method, path, tuple(kinds.split(",")))
            if len(route.kinds) != path.count("{"):
                raise SystemExit(f"truth.tsv: {path}: one value kind per parameter")
            rows.append(route)
    return rows


# -- realistic values ------------------------------------------------------------------

FIRST = [
    "ada",
    "linus",
    "grace",
    "ken",
    "margaret",
    "dennis",
    "barbara",
    "guido",
    "yukihiro",
    "radia",
    "rob",
    "frances",
    "sophie",
    "alan",
    "katie",
    "jess",
    "mitchell",
    "kelsey",
    "brad",
    "salvatore",
    "dan",
    "sindre",
    "tj",
    "evan",
    "rich",
    "anders",
    "bjarne",
]
WORDS = [
    "cloud",
    "data",
    "pixel",
    "rust",
    "lambda",
    "quantum",
    "open",
    "micro",
    "stack",
    "graph",
    "flow",
    "spark",
    "atlas",
    "nova",
    "forge",
    "ledger",
    "orbit",
    "delta",
    "vector",
    "kernel",
    "signal",
    "harbor",
    "beacon",
    "summit",
    "cobalt",
    "ember",
]
SERVICES = [
    "checkout",
    "payments",
    "cart",
    "search",
    "catalog",
    "auth",
    "gateway",
    "redis",
    "postgres",
    "kafka",
    "notifier",
    "billing",
    "inventory",
    "shipping",
    "frontend",
]
TEAMS = [
    "payments",
    "search",
    "platform",
    "data",
    "growth",
    "identity",
    "ml",
    "web",
    "mobile",
    "infra",
    "risk",
    "support",
]
ENVS = ["dev", "staging", "prod", "qa"]
PYPI = [
    "requests",
    "numpy",
    "pandas",
    "django",
    "flask",
    "fastapi",
    "pydantic",
    "boto3",
    "scikit-learn",
    "python-dateutil",
    "typing-extensions",
    "urllib3",
    "certifi",
    "idna",
    "setuptools",
    "pytest",
    "attrs",
    "pyyaml",
    "jinja2",
    "click",
    "sqlalchemy",
    "httpx",
    "rich",
    "black",
    "mypy",
    "ruff",
    "scipy",
    "matplotlib",
    "pillow",
    "cryptography",
    "protobuf",
    "grpcio",
    "uvicorn",
    "celery",
    "redis",
    "psycopg2-binary",
    "aiohttp",
    "tqdm",
    "orjson",
    "zope.interface",
]
CRATES = [
    "serde",
    "tokio",
    "rand",
    "regex",
    "clap",
    "anyhow",
    "thiserror",
    "serde_json",
    "syn",
    "quote",
    "proc-macro2",
    "log",
    "futures",
    "hyper",
    "reqwest",
    "axum",
    "tracing",
    "bytes",
    "itertools",
    "once_cell",
    "chrono",
    "uuid",
    "libc",
    "bitflags",
    "cfg-if",
    "lazy_static",
    "base64",
    "memchr",
    "smallvec",
    "parking_lot",
    "tempfile",
    "indexmap",
    "hashbrown",
    "num-traits",
    "time",
    "url",
    "semver",
    "toml",
    "walkdir",
    "rayon",
]
EMOJI = ["👍", "❤️", "🎉", "😂", "🚀", "👀", "✅", "🔥", "🙏", "💯"]
LOCALES = [
    "en",
    "de",
    "fr",
    "es",
    "it",
    "ja",
    "pt-BR",
    "en-US",
    "en-GB",
    "de-DE",
    "zh-CN",
    "nl",
    "sv",
    "pl",
    "ko",
]
I18N_NS = ["common", "translation", "checkout", "errors", "dashboard", "settings", "emails"]
GID_TYPES = ["Product", "ProductVariant", "Order", "Customer", "Collection", "Location"]
JIRA_PROJECTS = ["PROJ", "WEB", "OPS", "PAY", "CORE", "APP", "DATA", "SEC"]
SHOPIFY_VERSIONS = ["2023-10", "2024-01", "2024-04", "2024-07", "2024-10", "2025-01"]
HEX = "0123456789abcdef"
B62 = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
K8S_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"  # Kubernetes' generated-name alphabet
Maker = Callable[[random.Random], str]


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _login(rng: random.Random) -> str:
    first, word = rng.choice(FIRST), rng.choice(WORDS)
    return rng.choice([first + word, f"{first}-{word}", f"{first}{rng.randrange(10, 99)}"])


def _repo(rng: random.Random) -> str:
    head = rng.choice(["", "awesome-", "go-", "py", "node-"])
    tail = rng.choice(["", "-cli", ".js", "-rs", "-api", "2", "-operator"])
    return head + rng.choice(WORDS) + tail


def _email(rng: random.Random) -> str:
    domain = rng.choice(["example.com", "acme.io", "corp.example.org", "mail.example.net"])
    return f"{rng.choice(FIRST)}.{rng.choice(WORDS)}{rng.randrange(100)}@{domain}"


def _semver(rng: random.Random) -> str:
    return f"{rng.randrange(0, 5)}.{rng.randrange(0, 40)}.{rng.randrange(0, 20)}"


def _service(rng: random.Random) -> str:
    role = rng.choice(["api", "worker", "db", "web", "master", "v2"])
    return rng.choice([rng.choice(SERVICES), f"{rng.choice(SERVICES)}-{role}"])


def _node(rng: random.Random) -> str:
    aws = f"ip-10-0-{rng.randrange(256)}-{rng.randrange(256)}.ec2.internal"
    gke = f"gke-prod-pool-{rng.randrange(1, 4)}-{_pick(rng, HEX, 8)}-{_pick(rng, K8S_ALPHABET, 4)}"
    return rng.choice([aws, gke])


def _image_ref(rng: random.Random) -> str:
    digest = "sha256:" + _pick(rng, HEX, 64)
    return rng.choice([f"{_semver(rng)}-alpine", _semver(rng), "latest", digest])


def _jira_key(rng: random.Random) -> str:
    key = f"{rng.choice(JIRA_PROJECTS)}-{rng.randrange(1, 4000)}"
    return rng.choice([key, key, str(rng.randrange(10000, 99999))])


def _jira_project(rng: random.Random) -> str:
    key = _pick(rng, string.ascii_uppercase, rng.randrange(2, 6))
    return rng.choice([key, str(rng.randrange(10000, 10400))])


def _emoji(rng: random.Random) -> str:
    custom = f"{rng.choice(WORDS)}_{rng.choice(FIRST)}:{rng.randrange(10**17, 2 * 10**18)}"
    return quote(rng.choice([rng.choice(EMOJI), custom]), safe="")


def _mail_domain(rng: random.Random) -> str:
    head = rng.choice(["mg", "mail", "email", "notify"])
    return f"{head}.{rng.choice(WORDS)}{rng.choice(['.com', '.io', '.dev'])}"


def _gid(rng: random.Random) -> str:
    gid = f"gid://shopify/{rng.choice(GID_TYPES)}/{rng.randrange(10**9, 10**13)}"
    return quote(gid, safe="")


def _digits(low: int, high: int) -> Maker:
    return lambda rng: str(rng.randrange(low, high))


def _token(head: str, alphabet: str, n: int) -> Maker:
    return lambda rng: head + _pick(rng, alphabet, n)


def _choice(options: list[str]) -> Maker:
    return lambda rng: rng.choice(options)


VALUES: dict[str, Maker] = {
    "login": _login,
    "reponame": _repo,
    "smallint": _digits(1, 5000),
    "int": _digits(1, 10**7),
    "bigint": _digits(4 * 10**9, 9 * 10**9),
    "sha": _token("", HEX, 40),
    "branch": lambda r: (
        f"{r.choice(['feature', 'fix', 'release', 'chore'])}-{r.choice(WORDS)}-{r.randrange(500)}"
    ),
    "vtag": lambda r: "v" + _semver(r),
    "orgname": lambda r: f"{r.choice(WORDS)}-{r.choice(['labs', 'inc', 'io', 'hq', 'dev'])}",
    "teamslug": lambda r: f"{r.choice(TEAMS)}-{r.choice(['team', 'core', 'oncall', 'admins'])}",
    "hex32": _token("", HEX, 32),
    "namespace": lambda r: f"{r.choice(TEAMS)}-{r.choice(ENVS)}",
    "podname": lambda r: f"{_service(r)}-{_pick(r, K8S_ALPHABET, 10)}-{_pick(r, K8S_ALPHABET, 5)}",
    "servicename": _service,
    "nodename": _node,
    "imagename": lambda r: r.choice(
        [r.choice(SERVICES), f"{r.choice(TEAMS)}-{r.choice(SERVICES)}"]
    ),
    "imageref": _image_ref,
    "shopifyversion": _choice(SHOPIFY_VERSIONS),
    "shopifyid": _digits(10**9, 10**13),
    "paypalorder": lambda r: str(r.randrange(1, 10)) + _pick(r, UPPER_ALNUM, 16),
    "paypalsub": _token("I-", UPPER_ALNUM, 12),
    "squarelocation": _token("L", UPPER_ALNUM, 12),
    "base62_24": _token("", B62, 24),
    "base62_22": _token("", B62, 22),
    "jirakey": _jira_key,
    "jiraproject": _jira_project,
    "email": _email,
    "base32_26": _token("", "0123456789abcdefghijklmnopqrstuv", 26),
    "hex16": _token("", HEX, 16),
    "meetingid": _digits(10**9, 10**11),
    "base64_22": _token("", B62 + "-_", 22),
    "snowflake": _digits(10**17, 2 * 10**18),
    "emoji": _emoji,
    "slackchannel": lambda r: "C" + _pick(r, UPPER_ALNUM, r.choice([8, 10])),
    "slackts": lambda r: f"{r.randrange(1_500_000_000, 1_800_000_000)}.{r.randrange(10**6):06d}",
    "maildomain": _mail_domain,
    "pypiproject": _choice(PYPI),
    "semver": _semver,
    "crate": _choice(CRATES),
    "date": lambda r: (date(2024, 1, 1) + timedelta(days=r.randrange(1000))).isoformat(),
    "locale": _choice(LOCALES),
    "i18nns": _choice(I18N_NS),
    "gid": _gid,
    "kundennummer": _digits(10000, 999999),
    "bestellnummer": _digits(10**7, 10**8),
    "uuid": lambda r: str(uuid.UUID(int=r.getrandbits(128), version=4)),
}
STRIPE_ID_LENGTH = {"cus": 14, "acct": 16}
for _head in [
    "cus",
    "card",
    "txi",
    "cbtxn",
    "pi",
    "in",
    "sub",
    "ch",
    "re",
    "cs_test",
    "price",
    "acct",
    "ba",
    "txn",
]:
    VALUES[f"stripe:{_head}"] = _token(f"{_head}_", B62, STRIPE_ID_LENGTH.get(_head, 24))
for _head in ("AC", "SM", "CA", "PN"):
    VALUES[f"twilio:{_head}"] = _token(_head, HEX, 32)


def concrete(route: Route, rng: random.Random) -> str:
    kinds = iter(route.kinds)
    out = []
    for seg in route.path.split("/"):
        m = PLACEHOLDER.match(seg)
        out.append(VALUES[next(kinds)](rng) + m.group(2) if m else seg)
    return "/".join(out)


# -- the stack -------------------------------------------------------------------------


def wait_port(host: str, port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on {host}:{port} did not start")


def call_all(hosts: dict[str, str], ports: dict[str, int], truth: list[Route], calls: int) -> int:
    rng = random.Random(20261206)
    conns = {s: http.client.HTTPConnection(hosts[s], p, timeout=10) for s, p in ports.items()}
    ok = 0
    for _ in range(calls):
        for route in truth:
            body = b'{"note": "hello"}' if route.method in ("POST", "PUT", "PATCH") else None
            headers = {"Content-Type": "application/json"} if body else {}
            conn = conns[route.server]
            conn.request(route.method, concrete(route, rng), body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            ok += resp.status == 200
    for conn in conns.values():
        conn.close()
    return ok


def capture(pcap: Path, calls: int, build_dir: Path, one_address: bool = False) -> int:
    """Start the three servers, capture ``calls`` rounds of every route; answered calls.
    ``one_address`` puts all three on 127.0.0.1 (one destination, as stack 1 does)."""
    truth = read_truth()
    hosts = {s: "127.0.0.1" if one_address else ADDRESSES[s] for s in SERVERS}
    forge_bin = build_dir / "forge_server"
    subprocess_run(["go", "build", "-o", str(forge_bin), "forge_server.go"], cwd=HERE)
    ports = {s: free_port() for s in SERVERS}
    root = Path(__file__).resolve().parents[1]
    forge = [str(forge_bin), str(ports["forge"]), hosts["forge"]]
    billing = ["node", str(HERE / "billing_server.js"), str(ports["billing"]), hosts["billing"]]
    workspace = [sys.executable, "-m", "benchmarks.real_stack2.workspace_api",
                 str(ports["workspace"]), hosts["workspace"]]  # fmt: skip
    dumpcap = ["dumpcap", "-q", "-i", "lo", "-P", "-w", str(pcap),
               "-f", " or ".join(f"tcp port {p}" for p in ports.values())]  # fmt: skip
    with (
        process(forge),
        process(billing),
        process(workspace, cwd=root),
        process(dumpcap) as cap,
    ):
        for server, port in ports.items():
            wait_port(hosts[server], port)
        time.sleep(2.0)  # dumpcap opens lo while the servers start; give it a moment more
        if cap.poll() is not None:
            raise SystemExit("dumpcap: " + (cap.stderr.read() if cap.stderr else b"").decode())
        ok = call_all(hosts, ports, truth, calls)
        time.sleep(1.0)
    return ok


def subprocess_run(args: list[str], cwd: Path) -> None:
    done = subprocess.run(args, check=False, cwd=cwd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: {done.stderr.strip()}")


# -- the score -------------------------------------------------------------------------


def placeholder(seg: str) -> str | None:
    """The name of a template or route segment's placeholder (``{orderId:int}.json`` →
    ``orderId``), None for a literal."""
    m = PLACEHOLDER.match(seg)
    return m.group(1) if m else None


def fit(route: str, template: str) -> int | None:
    """How many of the route's literals the template has as placeholders, None when the
    template is not this route's."""
    a, b = route.split("/"), template.split("/")
    if len(a) != len(b):
        return None
    extra = 0
    for x, y in zip(a, b, strict=True):
        if placeholder(x) is not None:
            if placeholder(y) is None:
                return None
        elif x != y:
            if placeholder(y) is None:
                return None
            extra += 1
    return extra


def find_template(route: Route, templates: set[tuple[str, str]]) -> tuple[str | None, int]:
    fits = sorted(
        (f, t) for m, t in templates if m == route.method and (f := fit(route.path, t)) is not None
    )
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None, 0
    return fits[0][1], fits[0][0]


@dataclass
class Score:
    total: int = 0
    strict: int = 0
    lenient: int = 0
    peer_strict: int = 0
    peer_lenient: int = 0
    routes_found: int = 0
    literals_templated: int = 0


def score(
    templates: set[tuple[str, str]], truth: list[Route]
) -> tuple[dict[str, Score], list[str]]:
    """Per server and overall ("all"), and the misses as 'route: ours != theirs'."""
    scores = {s: Score() for s in (*SERVERS, "all")}
    misses = []
    for route in truth:
        template, extra = find_template(route, templates)
        got = template.split("/") if template else None
        for s in (scores[route.server], scores["all"]):
            s.routes_found += got is not None
            s.literals_templated += extra
        if extra:
            misses.append(f"{route.method} {route.path}: literal(s) templated in {template}")
        segs = route.path.split("/")
        for i, seg in enumerate(segs):
            theirs = placeholder(seg)
            if theirs is None:
                continue
            before = segs[i - 1] if i and placeholder(segs[i - 1]) is None else ""
            ours = placeholder(got[i]) if got else None
            strict, lenient = agrees(ours, theirs, before) if ours else (False, False)
            peer = agrees("id", theirs, before)
            for s in (scores[route.server], scores["all"]):
                s.total += 1
                s.strict += strict
                s.lenient += lenient
                s.peer_strict += peer[0]
                s.peer_lenient += peer[1]
            if not strict:
                shown = ours if ours else f"(no template; seen: {_near(route, templates)})"
                misses.append(f"{route.method} {route.path}: {shown} != {theirs}"
                              + (" (lenient: right)" if lenient else ""))  # fmt: skip
    return scores, misses


def _near(route: Route, templates: set[tuple[str, str]]) -> str:
    """A few observed templates of the route's method and length, to show why none fit."""
    n = len(route.path.split("/"))
    head = route.path.split("/")[1]
    near = sorted(t for m, t in templates if m == route.method and len(t.split("/")) == n
                  and t.split("/")[1] == head)  # fmt: skip
    return ", ".join(near[:2]) + (f" +{len(near) - 2}" if len(near) > 2 else "") or "none"


def report(scores: dict[str, Score]) -> None:
    for name, s in scores.items():
        print(
            f"{name:9} routes found {s.routes_found}; parameters {s.total}: "
            f"strict {s.strict}/{s.total} ({s.strict / s.total:.1%}), "
            f"lenient {s.lenient}/{s.total} ({s.lenient / s.total:.1%}); "
            f"peer {{id}} strict {s.peer_strict} ({s.peer_strict / s.total:.1%}), "
            f"lenient {s.peer_lenient} ({s.peer_lenient / s.total:.1%}); "
            f"literals templated {s.literals_templated}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=40, help="calls of each route")
    parser.add_argument("--keep", type=Path, help="keep the capture in this directory")
    parser.add_argument("--pcap", type=Path, help="score an existing capture instead")
    parser.add_argument(
        "--one-address", action="store_true", help="all servers on 127.0.0.1 (one destination)"
    )
    args = parser.parse_args()
    truth = read_truth()
    for tool in ("dumpcap", "node", "go"):
        if not args.pcap and not shutil.which(tool):
            raise SystemExit(f"{tool} missing")
    with tempfile.TemporaryDirectory() as tmp:
        pcap = args.pcap or Path(tmp) / "real_stack2.pcap"
        if not args.pcap:
            ok = capture(pcap, args.calls, Path(tmp), args.one_address)
            print(f"captured {ok} answered calls of {len(truth)} routes to {pcap.name}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(pcap, args.keep / pcap.name)
        scores, misses = score(observed(pcap), truth)
    report(scores)
    for miss in misses:
        print("  miss:", miss)


if __name__ == "__main__":
    main()
