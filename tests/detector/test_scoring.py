"""Scoring under CPU budgets, in chunks, with one failure per document."""

from __future__ import annotations

from typing import Any

import pytest

from detector.engine import DetectionEngine, FieldDetection
from detector.scoring import CHUNK_LEAVES, Budget, Scorer
from detector.walker import Leaf, walk


def _email_paths(detections: list[FieldDetection]) -> list[str]:
    return [d.path for d in detections if d.type == "email"]


class StepClock:
    """A CPU clock that advances ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.t = 0.0
        self.step = step

    def __call__(self) -> float:
        self.t += self.step
        return self.t


def _emails(n: int, prefix: str = "e") -> list[Leaf]:
    return walk({f"{prefix}{i}": f"u{i}@example.org" for i in range(n)}, max_leaves=10**6)


def test_everything_is_scored_within_the_budgets(engine: DetectionEngine) -> None:
    scorer = Scorer(engine, 3, Budget(10, 10))
    scorer.add(0, _emails(3))
    scorer.add(1, [])
    scorer.add(2, _emails(CHUNK_LEAVES * 3))
    small, empty, large = scorer.finish()
    assert _email_paths(small.detections) == ["$.e0", "$.e1", "$.e2"]
    assert empty.detections == []
    assert not empty.failed
    assert len(_email_paths(large.detections)) == CHUNK_LEAVES * 3
    assert large.uninspected == 0


def test_a_large_document_stops_at_its_budget(engine: DetectionEngine) -> None:
    # every read of the clock costs 1 s: the first chunk is scored, the rest are not
    scorer = Scorer(engine, 2, Budget(0.5, 1000, clock=StepClock(1.0)))
    scorer.add(0, _emails(CHUNK_LEAVES * 4))
    scorer.add(1, _emails(2))
    large, small = scorer.finish()
    assert len(_email_paths(large.detections)) == CHUNK_LEAVES
    assert large.uninspected == CHUNK_LEAVES * 3
    assert len(_email_paths(small.detections)) == 2  # the next document has a budget of its own


def test_past_the_request_budget_documents_are_skipped(engine: DetectionEngine) -> None:
    clock = StepClock(0.0)
    scorer = Scorer(engine, 2, Budget(10, 5, clock=clock))
    assert not scorer.spent()
    scorer.add(0, _emails(1))
    clock.t += 10
    assert scorer.spent()
    scorer.skip(1)
    first, second = scorer.finish()
    assert len(_email_paths(first.detections)) == 1
    assert second.skipped
    assert second.detections == []


class _PoisonedEngine:
    """The engine, raising whenever a chunk holds a leaf whose value is "poison"."""

    def __init__(self, engine: DetectionEngine) -> None:
        self.engine = engine
        self.calls = 0

    def detect_leaves(self, docs: list[list[Leaf]]) -> list[list[FieldDetection]]:
        self.calls += 1
        if any(leaf.value == "poison" for leaves in docs for leaf in leaves):
            raise OverflowError("int too large to convert to float")
        return self.engine.detect_leaves(docs)


@pytest.mark.parametrize("size", [3, CHUNK_LEAVES * 2])
def test_one_poisoned_document_fails_alone(
    engine: DetectionEngine, caplog: pytest.LogCaptureFixture, size: int
) -> None:
    poisoned = _PoisonedEngine(engine)
    bad: list[Leaf] = [*_emails(size, "b"), *walk({"x": "poison"})]
    scorer = Scorer(poisoned, 3, Budget(10, 10))  # type: ignore[arg-type]
    scorer.add(0, _emails(2))
    scorer.add(1, bad)
    scorer.add(2, _emails(2, "c"))
    first, failed, last = scorer.finish()
    assert failed.failed
    assert failed.detections == []
    assert _email_paths(first.detections) == ["$.e0", "$.e1"]
    assert _email_paths(last.detections) == ["$.c0", "$.c1"]
    assert "poison" not in caplog.text
    assert "OverflowError" in caplog.text


def test_large_documents_keep_the_best_confidence_per_path(engine: DetectionEngine) -> None:
    doc: dict[str, Any] = {"emails": [f"u{i}@example.org" for i in range(8)]}
    leaves = walk(doc) * (CHUNK_LEAVES // 4)  # one path, across several chunks
    scorer = Scorer(engine, 1, Budget(10, 10))
    scorer.add(0, leaves)
    (result,) = scorer.finish()
    assert _email_paths(result.detections) == ["$.emails[*]"]
    assert len({(d.path, d.type) for d in result.detections}) == len(result.detections)
