"""Render time of the dashboard's data map in headless Chromium, at 8 and 50 workloads,
against a peer: the dashboard of an earlier revision (by default the last one that laid the map
out with ELK, in a worker, with the layout caches and the first frame), served from the same
store in the same run.

Topologies are the map test's (seeded, made here). Each size is opened ROUNDS times per
dashboard, alternating, each time against a fresh server: a browser's first load (fresh
profile, and a fresh collector: no layout of this graph is cached anywhere, checked), its reload
(HTTP cache and storage kept: the layout comes from the browser's storage), then another
browser's first load (fresh profile: the layout comes from the collector, which the first
browser gave it).
The medians are printed: ``painted`` is when the map was drawn and painted (ms since
navigation start, measured the same way for both dashboards) with the final layout; ``first
frame`` when a first frame (quickBoxes in app.js, drawn while a slow layout works) was painted
(its painted time when there was none); ``render`` the page's own figure (flows fetched to
drawn, layout included). For the first load, where the time goes: when the flows arrived, how
long this revision's layout took and where (the page or a worker; when a worker had loaded its
library), and the page's wait for the layout and drawing. The label-overlap check of the map
test runs once per size on this revision's map. Needs chromium and playwright-core
(.ci/setup.d/55-chromium.sh) and git (the peer's files come from git).

    python -m benchmarks.dashboard_map [--rounds 5] [--peer REVISION] [--workloads 8 50]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any
from unittest import mock

import collector.web
from collector.http_server import start_http
from collector.store import Store
from collector.web import create_app
from tests.collector.factories import batch
from tests.integration.test_collector_dashboard import CHROMIUM, NODE_PATH
from tests.integration.test_collector_map import overlaps, topology, view_map

SIZES = [(8, 16), (50, 150)]
ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_suffix(".js")
LOADS = {
    "first": "first load",
    "reload": "reload",
    "other": "another browser's first load",
}
# ELK (elkjs) in a worker, layout caches, first frame (325ffb7: ELK on the page, no cache)
PEER_REVISION = "5dfb4e8"


def peer_static(revision: str, into: Path) -> Path:
    """``collector/static`` as it was at ``revision``, extracted under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "collector/static"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "collector" / "static"


def open_map(store: Store, static: Path | None) -> dict[str, Any]:
    """One server: a browser's first load and reload, then another browser's first load."""
    # the index page reads STATIC_DIR per request: patched while the server runs
    with mock.patch.object(collector.web, "STATIC_DIR", static or collector.web.STATIC_DIR):
        server = start_http(create_app(store), "127.0.0.1", 0)
        try:
            seen = browse(f"http://127.0.0.1:{server.port}")
            seen["other"] = browse(f"http://127.0.0.1:{server.port}")["first"]
        finally:
            server.stop()
    return seen


def browse(url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sieve-chromium-") as profile:
        done = subprocess.run(
            ["node", str(SCRIPT), url, str(CHROMIUM), profile],
            check=False, env={**os.environ, "NODE_PATH": NODE_PATH},
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    seen: dict[str, Any] = json.loads(done.stdout)
    return seen


def split(runs: list[dict[str, Any]]) -> str:
    """Medians over ``runs`` of the first load's milestones (ms since navigation) and spans."""

    def med(values: list[float | None]) -> str:
        known = [v for v in values if v is not None]
        return f"{statistics.median(known):.0f}" if known else "-"

    first = [r["first"] for r in runs]
    ms = [f["renderMs"] for f in first]
    threads = {str(t) for f in first if (t := f.get("timing", {}).get("layoutThread"))}
    return (
        f"flows arrived {med([f.get('flowsArrived') for f in first])}, "
        f"layout computed in {med([f.get('timing', {}).get('layoutMs') for f in first])} ms "
        f"(on the {'/'.join(sorted(threads)) or '-'}), "
        f"layout worker ready {med([f.get('timing', {}).get('workerReady') for f in first])}, "
        f"page waited for the layout {med([m['layout'] for m in ms])} ms, "
        f"drawn {med([m['draw'] for m in ms])} ms, "
        f"painted {med([f['painted'] for f in first])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--peer", default=PEER_REVISION, help="git revision of the peer dashboard")
    parser.add_argument(
        "--workloads", type=int, nargs="*", default=[w for w, _ in SIZES], help="sizes to run"
    )
    args = parser.parse_args()
    if not CHROMIUM:
        raise SystemExit("chromium missing (.ci/setup.d/55-chromium.sh installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        peer = peer_static(args.peer, Path(tmp) / "peer")
        for workloads, flows in [(w, f) for w, f in SIZES if w in args.workloads]:
            store = Store(f"sqlite:///{Path(tmp) / f'm{workloads}.db'}")
            store.migrate()
            store.ingest_batch(batch(1, *topology(workloads, flows, seed=workloads)))
            runs: dict[str, list[dict[str, Any]]] = {"this": [], "peer": []}
            for _ in range(args.rounds):
                runs["this"].append(open_map(store, None))
                runs["peer"].append(open_map(store, peer))
            checked = view_map(store, f"bench-map-{workloads}", CHROMIUM)
            store.close()
            for who, rs in runs.items():
                cached = [r["first"].get("layoutSource") for r in rs]
                if any(src in ("browser", "collector") for src in cached):
                    raise SystemExit(f"{who}'s first load found a cached layout: {cached}")
            for load in ("first", "reload", "other"):
                med = {
                    who: (
                        statistics.median(r[load]["painted"] for r in rs),
                        statistics.median(r[load]["firstPainted"] for r in rs),
                        statistics.median(r[load]["renderMs"]["total"] for r in rs),
                        statistics.median(r[load]["renderMs"]["layout"] for r in rs),
                    )
                    for who, rs in runs.items()
                }
                print(
                    f"{workloads} workloads / {flows} flows, {LOADS[load]}, "
                    f"median of {args.rounds}: "
                    + "; ".join(
                        f"{who} painted {p:.0f} ms after navigation (first frame {first:.0f}), "
                        f"render {t:.0f} ms (layout {lay:.0f})"
                        for who, (p, first, t, lay) in med.items()
                    )
                )
                print(
                    f"  this / peer ({args.peer}): painted {med['this'][0] / med['peer'][0]:.2f}x, "
                    f"first frame {med['this'][1] / med['peer'][1]:.2f}x, "
                    f"render {med['this'][2] / med['peer'][2]:.2f}x"
                )
                if load == "first":
                    for who, rs in runs.items():
                        print(f"  {who}'s first load, where the time goes: {split(rs)}")
            print(f"  overlapping labels on this map: {len(overlaps(checked['labels']))}")


if __name__ == "__main__":
    main()
