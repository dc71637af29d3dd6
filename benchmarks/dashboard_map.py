"""Render time of the dashboard's data map in headless Chromium, at 8 and 50 workloads.

Topologies are the map test's (seeded, made here); each size is rendered ROUNDS times in
fresh browser profiles and the medians printed: fetch of /api/v1/flows, ELK layout,
cytoscape draw, total. The peer is the 8-workload map in the same run (the ratio says how
the time grows with the map). Needs chromium and playwright-core (.ci/setup.d/55-chromium.sh).

    python -m benchmarks.dashboard_map [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from collector.store import Store
from tests.collector.factories import batch
from tests.integration.test_collector_dashboard import CHROMIUM
from tests.integration.test_collector_map import overlaps, topology, view_map

SIZES = [(8, 16), (50, 150)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not CHROMIUM:
        raise SystemExit("chromium missing (.ci/setup.d/55-chromium.sh installs it)")
    totals: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for workloads, flows in SIZES:
            store = Store(f"sqlite:///{Path(tmp) / f'm{workloads}.db'}")
            store.migrate()
            store.ingest_batch(batch(1, *topology(workloads, flows, seed=workloads)))
            runs = [view_map(store, f"bench-map-{workloads}", CHROMIUM) for _ in range(args.rounds)]
            store.close()
            med = {
                k: statistics.median(r["renderMs"][k] for r in runs)
                for k in ("fetch", "layout", "draw", "total")
            }
            bad = sum(len(overlaps(r["labels"])) for r in runs)
            totals[workloads] = med["total"]
            print(
                f"{workloads} workloads / {flows} flows: median of {args.rounds} "
                + ", ".join(f"{k} {v:.0f} ms" for k, v in med.items())
                + f"; overlapping labels {bad}"
            )
    print(f"50-workload map / 8-workload map (peer): {totals[50] / totals[8]:.1f}x the time")


if __name__ == "__main__":
    main()
