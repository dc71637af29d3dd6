"""The vendored JavaScript is exactly the pinned release (scripts/vendor-assets fetches it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

VENDOR = Path(__file__).resolve().parents[2] / "collector" / "static" / "vendor"
PINNED_SHA256 = {
    "swagger-ui-bundle.js": "e6a898692f2d768e807c3ba4626068a69a2c5dd960dd6c76f3e4d3a3de180af2",
    "swagger-ui.css": "5ed08757e53da3e026d6cbecc61fe5d43585c9560b302d534ad56692519a273d",
    "elk.bundled.js": "b1032b7cfd2a57c54c6f0e8369d7665e19a579954f7cd20a6dae28f1912ea0d7",
}


@pytest.mark.parametrize(("name", "sha256"), sorted(PINNED_SHA256.items()))
def test_vendored_file_matches_the_pinned_sha256(name: str, sha256: str) -> None:
    assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == sha256


def test_licenses_and_versions_are_vendored_beside_them() -> None:
    assert "Apache License" in (VENDOR / "swagger-ui.LICENSE").read_text()
    assert "Eclipse Public License - v 2.0" in (VENDOR / "elkjs.LICENSE").read_text()
    assert (VENDOR / "VERSIONS").read_text().split("\n")[:2] == [
        "swagger-ui-dist 5.35.0",
        "elkjs 0.12.1",
    ]
