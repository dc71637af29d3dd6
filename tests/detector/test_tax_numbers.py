"""US taxpayer numbers that can never be issued are test values, not tax numbers."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine
from detector.tax_numbers import never_issued_tin


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("123-00-1234", True),  # group 00
        ("400-00-1039", True),
        ("234-32-0000", True),  # serial 0000
        ("900-93-9999", True),  # an ITIN's area with a group no ITIN has
        ("00-1234567", True),  # EIN prefix 00
        ("123-45-6789", False),
        ("912-70-1234", False),  # an ITIN
        ("12-3456789", False),
        ("95-3456789", False),
        ("BE0999999999", False),  # other countries' formats are left to the gates
    ],
)
def test_never_issued_tin(text: str, never: bool) -> None:
    assert never_issued_tin(text) is never


def test_test_return_tins_are_not_reported_as_tax_ids(engine: DetectionEngine) -> None:
    body: dict[str, Any] = {
        "filers": [{"firstName": "Ann", "tin": "123-00-1234"}],
        "formW2s": [{"usedTin": "400-00-1039", "employerEin": "00-1234567"}],
        "payer": {"tin": "12-3456789"},
    }
    tax = {p for p, t in ((d.path, d.type) for d in engine.detect(body)) if t == "tax_id"}
    assert tax == {"$.payer.tin"}
