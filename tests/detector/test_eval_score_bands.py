"""Precision per detector score band, and the false alarms a field's evidence can reach
(``detector/eval/score_bands.py``)."""

from __future__ import annotations

from detector.eval.dataset import EvalDoc
from detector.eval.score_bands import bands, evidence_reach, report


def _doc(*labels: tuple[str, str]) -> EvalDoc:
    return EvalDoc("f", "s", {}, frozenset(labels))


DOCS = [_doc(("$.email", "email"), ("$.name", "person_name")), _doc(("$.phone", "phone"))]
FOUND = [
    {("$.email", "email", 1.0), ("$.name", "person_name", 0.95), ("$.id", "us_ssn", 0.99)},
    {("$.phone", "phone", 0.6), ("$.sku", "passport_number", 0.7), ("$.city", "person_name", 0.93)},
]


def test_each_detection_counts_in_its_score_band() -> None:
    top, sure, rest = bands(DOCS, FOUND)
    assert (top.low, top.detections, top.right) == (0.99, 2, 1)  # 1.0 and 0.99 both in it
    assert (sure.low, sure.detections, sure.right) == (0.9, 2, 1)
    assert (rest.low, rest.detections, rest.right) == (0.0, 2, 1)
    assert top.precision == 0.5
    assert bands([_doc()], [set()])[0].precision == 0.0  # an empty band is no figure


def test_evidence_reaches_only_false_alarms_scored_below_sure() -> None:
    assert evidence_reach(DOCS, FOUND) == (1, 3)  # the 0.7 passport; not the 0.99 or 0.93 ones


def test_report_prints_bands_and_reach() -> None:
    text = report("v0test", DOCS, FOUND)
    assert "| [0.99, 1] | 2 | 1 | 0.500 |" in text
    assert "| [0, 0.9) | 2 | 1 | 0.500 |" in text
    assert text.endswith("1 of 3")
