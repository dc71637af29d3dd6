"""The dashboard's map with two clusters in headless Chromium: groups per cluster and
namespace, the cluster filter, and the dashed link into the other cluster's entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from collector.http_server import start_http
from collector.store import Store
from collector.web import create_app
from tests.collector.factories import batch, report, workload
from tests.integration.test_collector_dashboard import ARTIFACTS, CHROMIUM, NODE_PATH, ROOT

pytestmark = pytest.mark.integration

SCRIPT = ROOT / "tests" / "collector" / "clusters_map_check.js"


def test_two_clusters_on_the_map(tmp_path: Path) -> None:
    if not CHROMIUM or not shutil.which("node"):
        pytest.skip("chromium or node missing (.ci/setup.d/55-chromium.sh installs them)")
    if not (Path(NODE_PATH) / "playwright-core").is_dir():
        pytest.skip("playwright-core missing (.ci/setup.d/55-chromium.sh installs it)")
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    store.migrate()
    east = batch(1, report(workload("frontend"), workload("api")), agent="east")
    east.reports.append(
        report(workload("frontend"), workload("pay.west.example", kind="external"), path="/pay")
    )
    east.cluster_name = "east"
    inbound = report(workload("198.51.100.20", kind="external"), workload("api"), path="/pay")
    inbound.entry_hosts.append("pay.west.example")
    west = batch(1, report(workload("frontend"), workload("api")), inbound, agent="west")
    west.cluster_name = "west"
    store.ingest_batch(east)
    store.ingest_batch(west)
    server = start_http(create_app(store), "127.0.0.1", 0)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="sieve-chromium-") as profile:
            done = subprocess.run(
                ["node", str(SCRIPT), f"http://127.0.0.1:{server.port}", str(ARTIFACTS),
                 CHROMIUM, profile],
                check=False,
                env={**os.environ, "NODE_PATH": NODE_PATH},
                capture_output=True,
                text=True,
                timeout=120,
            )  # fmt: skip
    finally:
        server.stop()
        store.close()
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    assert seen["console"] == []
    assert seen["clusterFilterShown"]
    assert seen["clusterOptions"] == ["", "east", "west"]
    groups = {n["label"]: (n["text"], n["group"]) for n in seen["map"]["nodes"]}
    assert groups == {
        "east:shop/frontend": ("frontend", "east · shop"),
        "east:shop/api": ("api", "east · shop"),
        "east:pay.west.example": ("pay.west.example", "outside east"),
        "west:shop/frontend": ("frontend", "west · shop"),
        "west:shop/api": ("api", "west · shop"),
        "west:198.51.100.20": ("198.51.100.20", "outside west"),
    }
    assert seen["map"]["links"] == [
        {"source": "east:pay.west.example", "target": "west:shop/api", "dashed": True}
    ]
    assert {n["label"] for n in seen["west"]["nodes"]} == {
        "west:shop/frontend",
        "west:shop/api",
        "west:198.51.100.20",
    }
