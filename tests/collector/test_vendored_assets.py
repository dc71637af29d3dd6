"""The vendored JavaScript is exactly the pinned release (scripts/vendor-assets fetches it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "collector" / "static" / "vendor"
CYTOSCAPE_SHA256 = "71fa9ebec21a7ca2c40cff6aacc30d1f6464e363662ad4b2c197e1adc770cd94"


def test_cytoscape_matches_the_pinned_sha256() -> None:
    data = (VENDOR / "cytoscape.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == CYTOSCAPE_SHA256


def test_cytoscape_license_and_version_are_vendored_beside_it() -> None:
    assert "Permission is hereby granted" in (VENDOR / "cytoscape.LICENSE").read_text()
    assert (VENDOR / "VERSIONS").read_text().strip() == "cytoscape 3.35.0"
