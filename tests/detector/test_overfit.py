"""The overfit check (detector/eval/overfit.py): the family bootstrap of the dev-test gap."""

from __future__ import annotations

from detector.eval.overfit import FamilyResult, gap_interval


def _family(tp: int, fp: int, fn: int) -> FamilyResult:
    f = FamilyResult("dev", "hand")
    f.scores.tp["email"], f.scores.fp["email"], f.scores.fn["email"] = tp, fp, fn
    return f


def test_no_gap_between_alike_families() -> None:
    same = [_family(9, 1, 1) for _ in range(6)]
    point, lo, hi = gap_interval(same, list(same))
    assert point == 0.0
    assert lo == hi == 0.0


def test_systematic_errors_on_unseen_families_show_as_a_gap() -> None:
    inspected = [_family(10, 0, 0) for _ in range(8)]
    unseen = [_family(10, 0, 0) for _ in range(4)] + [_family(0, 30, 10) for _ in range(4)]
    point, lo, hi = gap_interval(inspected, unseen)
    assert point > 0.3
    assert 0.0 < lo <= point <= hi
