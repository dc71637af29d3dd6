"""Scoring walked documents under CPU budgets, in bounded chunks, one failure per document.

Leaves worth inspecting are scored in chunks of at most `CHUNK_LEAVES`; small documents
share a chunk. Before each further chunk of a large document, the CPU time it has used is
checked against the per-document budget, and every chunk against the per-request budget:
past either, the document's remaining leaves are left uninspected and counted. Past the
request's budget, later documents are not walked at all. An exception while scoring fails
only the document(s) of that chunk; a shared chunk is retried one document at a time so
that one poisoned document never fails its neighbours.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from detector.engine import DetectionEngine, FieldDetection
from detector.walker import Leaf

log = logging.getLogger(__name__)

#: Most leaves scored in one engine call: the granularity of the CPU budgets.
CHUNK_LEAVES = 128


@dataclass(slots=True)
class Scored:
    """The outcome for one document."""

    detections: list[FieldDetection] = field(default_factory=list)
    uninspected: int = 0  # leaves worth inspecting that the CPU budgets left out
    failed: bool = False  # scoring raised; no detections
    skipped: bool = False  # not walked: the request's budget was spent before it


@dataclass(frozen=True, slots=True)
class Budget:
    """CPU seconds per document and per request, read from ``clock``."""

    document_seconds: float
    request_seconds: float
    clock: Callable[[], float] = time.thread_time


class Scorer:
    """Scores the documents of one request as they are added; `results` once `finish`ed.

    Only the leaves of the chunk being gathered are held, so memory stays that of one
    document however many the request holds.
    """

    def __init__(self, engine: DetectionEngine, count: int, budget: Budget) -> None:
        self.engine = engine
        self.budget = budget
        self.results = [Scored() for _ in range(count)]
        self._started = budget.clock()
        self._group: list[tuple[int, list[Leaf]]] = []
        self._size = 0

    def spent(self) -> bool:
        """Whether the request's CPU budget is used up (later documents are skipped)."""
        return self.budget.clock() - self._started > self.budget.request_seconds

    def skip(self, index: int) -> None:
        """Document ``index`` is not analysed (the request's budget is spent)."""
        self.results[index].skipped = True

    def add(self, index: int, candidates: list[Leaf]) -> None:
        """Score document ``index`` (its leaves worth inspecting), now or with others."""
        if len(candidates) > CHUNK_LEAVES:
            self._flush()
            self._score_large(candidates, self.results[index])
            return
        if self._size + len(candidates) > CHUNK_LEAVES:
            self._flush()
        self._group.append((index, candidates))
        self._size += len(candidates)

    def finish(self) -> list[Scored]:
        """Score what is still gathered; the results, in document order."""
        self._flush()
        return self.results

    def _flush(self) -> None:
        group, self._group, self._size = self._group, [], 0
        self._score_group(group)

    def _score_group(self, group: list[tuple[int, list[Leaf]]]) -> None:
        if not group:
            return
        try:
            found = self.engine.detect_leaves([leaves for _, leaves in group])
        except Exception as exc:  # one poisoned document: find it by scoring each alone
            if len(group) == 1:
                _failed(self.results[group[0][0]], exc)
                return
            for one in group:
                self._score_group([one])
            return
        for (index, _), dets in zip(group, found, strict=True):
            self.results[index].detections = dets

    def _score_large(self, leaves: list[Leaf], result: Scored) -> None:
        budget = self.budget
        start = budget.clock()
        best: dict[tuple[str, str], FieldDetection] = {}
        for offset in range(0, len(leaves), CHUNK_LEAVES):
            now = budget.clock()
            if offset and (
                now - start > budget.document_seconds
                or now - self._started > budget.request_seconds
            ):
                result.uninspected = len(leaves) - offset
                break
            try:
                (dets,) = self.engine.detect_leaves([leaves[offset : offset + CHUNK_LEAVES]])
            except Exception as exc:
                _failed(result, exc)
                return
            for d in dets:
                key = (d.path, d.type)
                mine = best.get(key)
                if mine is None or d.confidence > mine.confidence:
                    best[key] = d
        result.detections = [best[k] for k in sorted(best)]


def _failed(result: Scored, exc: Exception) -> None:
    # the exception's text may quote the document: only its type is logged
    log.warning("scoring a document failed: %s", type(exc).__name__)
    result.failed = True
    result.detections = []
