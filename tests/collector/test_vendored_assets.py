"""The vendored JavaScript is exactly the pinned release (scripts/vendor-assets fetches it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

VENDOR = Path(__file__).resolve().parents[2] / "collector" / "static" / "vendor"
PINNED_SHA256 = {
    "swagger-ui-bundle.js": "e6a898692f2d768e807c3ba4626068a69a2c5dd960dd6c76f3e4d3a3de180af2",
    "swagger-ui.css": "5ed08757e53da3e026d6cbecc61fe5d43585c9560b302d534ad56692519a273d",
    "dagre.min.js": "413e0ebe0fe7bfe47140ad029d7ebf9296f6867d181e1d4a12db87b99feaaf61",
}


@pytest.mark.parametrize(("name", "sha256"), sorted(PINNED_SHA256.items()))
def test_vendored_file_matches_the_pinned_sha256(name: str, sha256: str) -> None:
    assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == sha256


def test_licenses_and_versions_are_vendored_beside_them() -> None:
    assert "Apache License" in (VENDOR / "swagger-ui.LICENSE").read_text()
    assert "Copyright (c) 2012-2014 Chris Pettitt" in (VENDOR / "dagre.LICENSE").read_text()
    assert (VENDOR / "VERSIONS").read_text().split("\n")[:2] == [
        "swagger-ui-dist 5.35.0",
        "@dagrejs/dagre 3.1.4",
    ]
