"""False-alarm probe: run the detector on unlabelled real bodies and print every report.

``python -m detector.eval.probe fill MIRROR_ROOT`` copies the chosen files of each source
(``SOURCES``: repository @ commit, licence, file pattern) from local git mirrors
(``MIRROR_ROOT/<owner>+<name>/repo``) into the cache, outside the repository.
``python -m detector.eval.probe run`` extracts the JSON bodies of the cached files (whole JSON
files, JSON lines, VCR cassettes, and JSON objects inside Markdown, Go or other text) and
prints each report (source, file, path, type, value shortened) and the count per type. The
bodies carry no labels: the reports are read and judged by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from detector.engine import DetectionEngine
from detector.eval.dataset import leaf_values


@dataclass(frozen=True)
class Source:
    """A public repository at a fixed commit and the files taken from it."""

    repo: str
    commit: str
    licence: str
    pattern: str  # regular expression on the file's path
    kind: str  # what the files hold


#: The probe's sources: publishers no evaluation set (v1 to v8) uses.
SOURCES: tuple[Source, ...] = (
    Source(
        "linode/linode_api4-python",
        "fcc41e56",
        "BSD-3-Clause",
        r"^test/fixtures/.*\.json$",
        "cloud control plane responses",
    ),
    Source(
        "hetznercloud/hcloud-go",
        "b8cfa39d",
        "MIT",
        r"_test\.go$",
        "cloud control plane responses in Go tests",
    ),
    Source("vultr/govultr", "9ee451b0", "MIT", r"_test\.go$", "cloud responses in Go tests"),
    Source(
        "xanzy/go-gitlab",
        "68add032",
        "Apache-2.0",
        r"(^testdata/.*\.json$|_test\.go$)",
        "CI/CD and code hosting responses",
    ),
    Source(
        "buildkite/go-buildkite",
        "62b6fcf3",
        "BSD-2-Clause",
        r"_test\.go$",
        "CI/CD responses in Go tests",
    ),
    Source(
        "grafana/grafana-api-golang-client",
        "c7f9689e",
        "Apache-2.0",
        r"_test\.go$",
        "monitoring responses in Go tests",
    ),
    Source(
        "opsgenie/opsgenie-go-sdk-v2",
        "718e135a",
        "Apache-2.0",
        r"_test\.go$",
        "alerting and on-call responses in Go tests",
    ),
    Source("segmentio/analytics-go", "bc3a04e7", "MIT", r"\.json$", "analytics event bodies"),
    Source("plausible/docs", "208d58ca", "CC-BY-SA-4.0", r"\.mdx?$", "analytics API examples"),
    Source(
        "home-assistant-libs/python-matter-server",
        "606cfee7",
        "Apache-2.0",
        r"^tests/.*\.json$",
        "IoT device node dumps",
    ),
    Source(
        "moogar0880/PyTrakt",
        "8a6d4f16",
        "Apache-2.0",
        r"^tests/mock_data/.*\.json$",
        "media (TV and film) responses",
    ),
    Source(
        "mapbox/mapbox-sdk-py",
        "0329ccb1",
        "MIT",
        r"^tests/.*\.(json|geojson)$",
        "maps: routes, geocoding, features",
    ),
    Source(
        "meilisearch/meilisearch-python",
        "99577bfe",
        "MIT",
        r"^datasets/.*\.json$",
        "search documents",
    ),
    Source(
        "lichess-org/berserk",
        "3d074f9b",
        "GPL-3.0",
        r"\.ya?ml$",
        "games: recorded traffic (VCR cassettes)",
    ),
    Source(
        "slackapi/python-slack-sdk", "ae87985e", "MIT", r"^tests/.*\.json$", "chat API responses"
    ),
    Source(
        "discord/discord-api-docs",
        "c98d64bc",
        "CC-BY-SA-4.0 (docs)",
        r"\.mdx?$",
        "chat API examples",
    ),
    Source(
        "woocommerce/woocommerce-rest-api-docs",
        "13d61967",
        "Apache-2.0",
        r"\.md$",
        "commerce catalogue, orders and customers examples",
    ),
    Source(
        "monicahq/monica",
        "e08e9173",
        "AGPL-3.0",
        r"^tests/.*\.json$",
        "personal CRM: contacts, geocoding",
    ),
)

MAX_FILE = 400_000
MAX_BODIES_PER_SOURCE = 400


def default_cache() -> Path:
    """``$SIEVE_CACHE/probe8`` or ``~/.cache/sieve/probe8``."""
    base = os.environ.get("SIEVE_CACHE", str(Path.home() / ".cache" / "sieve"))
    return Path(base) / "probe8"


def _slug(repo: str) -> str:
    return repo.replace("/", "+")


def fill(mirror_root: Path, cache: Path) -> None:
    """Copy each source's chosen files at its commit from the local mirrors into ``cache``."""
    for src in SOURCES:
        git = mirror_root / _slug(src.repo) / "repo"
        names = subprocess.run(
            ["git", f"--git-dir={git}", "ls-tree", "-r", "--name-only", src.commit],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
        chosen = [n for n in names if n and re.search(src.pattern, n)]
        for name in chosen:
            shown = subprocess.run(
                ["git", f"--git-dir={git}", "show", f"{src.commit}:{name}"],
                check=False,
                capture_output=True,
            )
            blob = shown.stdout
            if shown.returncode or len(blob) > MAX_FILE:  # absent from the mirror, or too big
                continue
            out = cache / _slug(src.repo) / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(blob)
        sys.stdout.write(f"{src.repo}: {len(chosen)} files\n")


def _embedded(text: str) -> Iterator[Any]:
    """JSON objects written inside other text (Markdown fences, Go raw strings, docs)."""
    decoder = json.JSONDecoder()
    pos = 0
    while (start := text.find("{", pos)) >= 0:
        try:
            obj, end = decoder.raw_decode(text, start)
        except ValueError:
            pos = start + 1
            continue
        if isinstance(obj, dict) and len(obj) >= 2:
            yield obj
        pos = end


def _cassette(text: str) -> Iterator[Any]:
    """Request and response bodies of a VCR cassette."""
    try:
        tape = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    for item in (tape or {}).get("interactions", []) if isinstance(tape, dict) else []:
        for side in ("request", "response"):
            body = item.get(side, {}).get("body")
            raw = body.get("string") if isinstance(body, dict) else body
            if isinstance(raw, str):
                for line in raw.splitlines() or [raw]:
                    try:
                        yield json.loads(line)
                    except ValueError:
                        continue


def bodies(path: Path) -> Iterator[Any]:
    """The JSON bodies of one cached file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".json", ".geojson"):
        try:
            yield json.loads(text)
            return
        except ValueError:
            pass
        for line in text.splitlines():
            try:
                yield json.loads(line)
            except ValueError:
                continue
    elif path.suffix in (".yaml", ".yml"):
        yield from _cassette(text)
    else:
        yield from _embedded(text)


def _documents(cache: Path) -> Iterator[tuple[str, str, Any]]:
    for src in SOURCES:
        root = cache / _slug(src.repo)
        seen: set[str] = set()
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if not path.is_file():
                continue
            for found in bodies(path):
                body = {"items": found[:50]} if isinstance(found, list) else found
                if not isinstance(body, dict):
                    continue
                digest = json.dumps(body, sort_keys=True)
                if digest in seen or len(seen) >= MAX_BODIES_PER_SOURCE:
                    continue
                seen.add(digest)
                yield src.repo, str(path.relative_to(root)), body


def run(cache: Path, types: set[str] | None) -> None:
    """Detect on every body and print each report and the counts per type and source."""
    engine = DetectionEngine.load_default()
    per_type: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    leaves = 0
    for repo, rel, body in _documents(cache):
        per_source[repo] += 1
        values = leaf_values(body)
        leaves += len(values)
        for det in engine.detect(body):
            if types is not None and det.type not in types:
                continue
            per_type[det.type] += 1
            shown = " | ".join(repr(v)[:70] for v in values.get(det.path, [])[:2])
            sys.stdout.write(f"{det.type}\t{repo}\t{rel}\t{det.path}\t{shown}\n")
    sys.stdout.write(f"# bodies {sum(per_source.values())}, leaf paths {leaves}\n")
    for repo, n in sorted(per_source.items()):
        sys.stdout.write(f"# source {repo}: {n} bodies\n")
    for t, n in per_type.most_common():
        sys.stdout.write(f"# type {t}: {n}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("fill", "run"))
    parser.add_argument("mirror_root", nargs="?", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--types", default="", help="comma-separated type ids (default all)")
    args = parser.parse_args()
    if args.command == "fill":
        fill(args.mirror_root, args.cache)
    else:
        run(args.cache, set(args.types.split(",")) if args.types else None)


if __name__ == "__main__":
    main()
