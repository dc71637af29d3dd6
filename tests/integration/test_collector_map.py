"""The data map in headless Chromium at 8 and at 50 workloads: no label overlaps another
label or another node (boxes from the DOM), and the render time is printed (no assert).

The topologies are made here (seeded); screenshots go to artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from collector.http_server import start_http
from collector.specs import SpecRegistry
from collector.store import Store
from collector.web import create_app
from tests.collector.factories import batch, field, report, workload
from tests.integration.test_collector_dashboard import ARTIFACTS, CHROMIUM, NODE_PATH

pytestmark = pytest.mark.integration

SCRIPT = Path(__file__).resolve().parents[1] / "collector" / "map_check.js"
FIXTURES = Path(__file__).resolve().parents[1] / "collector" / "fixtures"
TYPES = [
    ("email", "medium"), ("phone", "medium"), ("credit_card", "high"), ("person_name", "medium"),
    ("ip_address", "low"), ("password", "high"), ("street_address", "medium"), ("iban", "high"),
]  # fmt: skip
NAMES = [
    "frontend", "checkout", "cart", "catalog", "search", "users", "auth", "orders", "payments",
    "billing", "invoices", "shipping", "inventory", "pricing", "reviews", "recommendations",
    "notifications", "mailer", "sms-gateway", "analytics", "reporting", "audit", "ledger",
    "fraud-check", "loyalty", "coupons", "media", "thumbnails", "profile", "settings",
]  # fmt: skip
NAMESPACES = ["web", "shop", "accounts", "payments", "logistics", "messaging", "data"]


def topology(workloads: int, flows: int, seed: int) -> list[Any]:
    """``workloads`` services in namespaces (a few external), ``flows`` distinct pairs."""
    rng = random.Random(seed)
    nodes = []
    for i in range(workloads):
        name = NAMES[i % len(NAMES)] + (f"-{i // len(NAMES) + 1}" if i >= len(NAMES) else "")
        if i % 12 == 11:
            nodes.append(workload(f"api.{name}.example", kind="external"))
        else:
            nodes.append(workload(name, NAMESPACES[i % len(NAMESPACES)]))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < flows:
        a, b = rng.randrange(workloads), rng.randrange(workloads)
        if a != b and (nodes[a].namespace or nodes[b].namespace):  # no external to external
            pairs.add((a, b))
    reports = []
    for a, b in sorted(pairs):
        picked = rng.sample(TYPES, rng.randrange(0, 4))
        reports.append(
            report(
                nodes[a],
                nodes[b],
                "POST",
                f"/v1/{nodes[b].name[:12]}",
                request=[field(f"$.{t}", detect=[(t, s, 0.9, 3)]) for t, s in picked]
                or [field("$.id", "number")],
            )
        )
    return reports


def overlaps(labels: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(what, a, b) for each label overlapping another label or another node's body."""

    def cut(p: dict[str, float], q: dict[str, float]) -> bool:
        return min(p["x2"], q["x2"]) - max(p["x1"], q["x1"]) > 0.5 and (
            min(p["y2"], q["y2"]) - max(p["y1"], q["y1"]) > 0.5
        )

    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if cut(a["label"], b["label"]):
                found.append(("label/label", a["id"], b["id"]))
        for b in labels:
            if b is a or b["body"] is None or b["id"] in a["ancestors"]:
                continue
            if a["kind"] == "group" and a["id"] in b["ancestors"]:
                continue
            if cut(a["label"], b["body"]):
                found.append(("label/node", a["id"], b["id"]))
    return found


@pytest.fixture(scope="module")
def chromium() -> str:
    if not CHROMIUM or not (Path(NODE_PATH) / "playwright-core").is_dir():
        pytest.skip("chromium or playwright-core missing (.ci/setup.d/55-chromium.sh)")
    return CHROMIUM


def view_map(store: Store, name: str, browser: str, specs: SpecRegistry | None = None) -> Any:
    server = start_http(create_app(store, specs=specs), "127.0.0.1", 0)
    ARTIFACTS.mkdir(exist_ok=True)
    extra = [str(ARTIFACTS / f"{name}-drift.png")] if specs else []
    try:
        with tempfile.TemporaryDirectory(prefix="sieve-chromium-") as profile:
            done = subprocess.run(
                ["node", str(SCRIPT), f"http://127.0.0.1:{server.port}",
                 str(ARTIFACTS / f"{name}.png"), browser, profile, *extra],
                check=False, env={**os.environ, "NODE_PATH": NODE_PATH},
                capture_output=True, text=True, timeout=180,
            )  # fmt: skip
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture
def store_for(tmp_path: Path) -> Iterator[Any]:
    opened: list[Store] = []

    def make(reports: list[Any]) -> Store:
        store = Store(f"sqlite:///{tmp_path / f'map{len(opened)}.db'}")
        store.migrate()
        store.ingest_batch(batch(1, *reports))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.mark.parametrize(("workloads", "flows"), [(8, 16), (50, 150)])
def test_map_labels_never_overlap(
    chromium: str, store_for: Any, workloads: int, flows: int
) -> None:
    specs = None
    if workloads == 8:
        specs = SpecRegistry()
        specs.load_dir(FIXTURES)
    seen = view_map(store_for(topology(workloads, flows, seed=workloads)), f"map-{workloads}",
                    chromium, specs)  # fmt: skip
    assert seen["console"] == []
    assert seen["workloads"] == workloads
    assert seen["flows"] == flows
    assert overlaps(seen["labels"]) == []
    hover = seen["hover"]
    assert hover["tip"].startswith(hover["flow"])
    assert hover["side"].replace(" ", "") == hover["flow"].replace(" ", "")
    # the first load ran the layout worker; the reload drew the same boxes from the browser's
    # layout cache, another browser from the layout the collector kept
    assert seen["layoutSource"] == "computed"
    assert (seen["reload"]["layoutSource"], seen["other"]["layoutSource"]) == (
        "browser",
        "collector",
    )
    # laid out on the page; the worker (for bigger maps) gives the same boxes
    assert seen["worker"] == {"thread": "page", "boxes": len(seen["labels"]), "same": True}
    # the first frame a slow layout shows meanwhile (drawn by the check itself): labels apart too
    assert overlaps(seen["quick"]["labels"]) == []
    assert sorted(lb["id"] for lb in seen["quick"]["labels"]) == sorted(
        lb["id"] for lb in seen["labels"]
    )
    for again in (seen["reload"], seen["other"]):
        assert overlaps(again["labels"]) == []
        assert [(lb["id"], lb["body"]) for lb in again["labels"]] == [
            (lb["id"], lb["body"]) for lb in seen["labels"]
        ]
    ms = {k: round(v) for k, v in seen["renderMs"].items()}
    print(f"map {workloads} workloads / {flows} flows: {ms} ms, zoom {seen['zoom']:.2f}")
    if specs is not None:
        assert seen["drift"], "the drift view lists the unused operations at least"
        assert all(row.startswith("unused ") for row in seen["drift"])


def test_overlap_check_finds_overlaps() -> None:
    box = {"x1": 0.0, "y1": 0.0, "x2": 10.0, "y2": 10.0}
    moved = {"x1": 5.0, "y1": 5.0, "x2": 15.0, "y2": 15.0}
    apart = {"x1": 20.0, "y1": 0.0, "x2": 30.0, "y2": 10.0}
    labels = [
        {"id": "a", "kind": "workload", "ancestors": [], "label": box, "body": box},
        {"id": "b", "kind": "workload", "ancestors": [], "label": moved, "body": moved},
        {"id": "c", "kind": "workload", "ancestors": [], "label": apart, "body": apart},
    ]
    assert ("label/label", "a", "b") in overlaps(labels)
    assert not [o for o in overlaps(labels) if "c" in o]
