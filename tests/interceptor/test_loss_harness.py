"""The lossy-capture harness, small and fast: 0 wrong pairs, 0 duplicates, recall floors."""

from __future__ import annotations

from pathlib import Path

from benchmarks.interceptor_loss import (
    SCENARIOS,
    default_capture,
    lossless,
    run_joins,
    run_loss,
    run_second_copy,
)
from interceptor.replay import read_frames


def test_harness_targets_hold_on_a_small_capture(tmp_path: Path) -> None:
    path = tmp_path / "traffic.pcapng"
    default_capture(path, 400)
    records = list(read_frames(path))
    truth_ex = lossless(records)
    truth = [key for _start, key in truth_ex]
    assert len(truth) == 400
    for loss in SCENARIOS:
        ours, _theirs, notes = run_loss(records, truth, loss, 2, tmp_path, with_tshark=False)
        assert ours.wrong == 0, (loss.name, notes)
        assert ours.duplicates == 0, (loss.name, notes)
        assert ours.recall >= loss.recall_floor, (loss.name, ours.recall, notes)
    used, ignored = run_second_copy(records, truth, SCENARIOS[1], 1)
    assert (used.wrong, used.duplicates, ignored.wrong, ignored.duplicates) == (0, 0, 0, 0)
    assert used.recall >= ignored.recall
    assert used.recall >= 0.97
    want, found, wrong = run_joins(records, truth_ex, 3)
    assert want > 0
    assert found == want
    assert wrong == 0


def test_scoring_catches_a_wrong_pair() -> None:
    # the score is not vacuous: a swapped response is wrong, a repeat is a duplicate
    from benchmarks.interceptor_loss import score

    a = ("c", 1, "s", 80, "GET", "/a", 200, b"", b"{}", False, False)
    b = ("c", 1, "s", 80, "GET", "/b", 404, b"", b"[]", False, False)
    swapped = a[:6] + b[6:]
    s = score([a, b], [swapped, b, b])
    assert (s.found, s.wrong, s.duplicates) == (1, 1, 1)
