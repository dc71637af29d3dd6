"""Scoring walked documents under CPU budgets, in bounded chunks, one failure per document.

Leaves worth inspecting are scored in chunks of at most `CHUNK_LEAVES`; small documents
share a chunk. Before each further chunk of a large document, the CPU time it has used is
checked against the per-document budget, and every chunk against the per-request budget:
past either, the document's remaining leaves are left uninspected and counted. An exception
while scoring fails only the document(s) of that chunk; a shared chunk is retried one
document at a time so that one poisoned document never fails its neighbours.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from detector.engine import DetectionEngine, FieldDetection, worth_inspecting
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


@dataclass(frozen=True, slots=True)
class Budget:
    """CPU seconds per document and per request, read from ``clock``."""

    document_seconds: float
    request_seconds: float
    clock: Callable[[], float] = time.thread_time


def score_documents(
    engine: DetectionEngine, docs: list[list[Leaf]], max_value_chars: int, budget: Budget
) -> list[Scored]:
    """One `Scored` per walked document, in order."""
    candidates = [
        [leaf for leaf in leaves if worth_inspecting(leaf.value, max_value_chars)]
        for leaves in docs
    ]
    out = [Scored() for _ in docs]
    request_start = budget.clock()
    group: list[int] = []
    size = 0
    for i, leaves in enumerate(candidates):
        if len(leaves) > CHUNK_LEAVES:
            _score_group(engine, group, candidates, out)
            group, size = [], 0
            _score_large(engine, leaves, out[i], budget, request_start)
            continue
        if size + len(leaves) > CHUNK_LEAVES:
            _score_group(engine, group, candidates, out)
            group, size = [], 0
        if budget.clock() - request_start > budget.request_seconds:
            out[i].uninspected = len(leaves)
            continue
        group.append(i)
        size += len(leaves)
    _score_group(engine, group, candidates, out)
    return out


def _score_group(
    engine: DetectionEngine, group: list[int], candidates: list[list[Leaf]], out: list[Scored]
) -> None:
    if not group:
        return
    try:
        found = engine.detect_leaves([candidates[i] for i in group])
    except Exception as exc:  # one poisoned document: find it by scoring each alone
        if len(group) == 1:
            _failed(out[group[0]], exc)
            return
        for i in group:
            _score_group(engine, [i], candidates, out)
        return
    for i, dets in zip(group, found, strict=True):
        out[i].detections = dets


def _score_large(
    engine: DetectionEngine,
    leaves: list[Leaf],
    result: Scored,
    budget: Budget,
    request_start: float,
) -> None:
    start = budget.clock()
    best: dict[tuple[str, str], FieldDetection] = {}
    for offset in range(0, len(leaves), CHUNK_LEAVES):
        now = budget.clock()
        if offset and (
            now - start > budget.document_seconds or now - request_start > budget.request_seconds
        ):
            result.uninspected = len(leaves) - offset
            break
        try:
            (dets,) = engine.detect_leaves([leaves[offset : offset + CHUNK_LEAVES]])
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
