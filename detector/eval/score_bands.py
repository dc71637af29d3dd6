"""How right the detector is at each score it gives, and what a field's evidence can remove.

The engine's score is not a probability of being right: on APIs it never saw, a finding
scored 0.99 is wrong far more often than one time in a hundred. `bands` measures precision per
score band on a split; `evidence_reach` counts the false alarms found below
`common.field_evidence.SURE`, the only ones the evidence of many samples can ever drop (a
type found at or above it holds from one sample on).
"""

from __future__ import annotations

from dataclasses import dataclass

from common.field_evidence import SURE
from detector.eval.dataset import EvalDoc

#: Lower edges of the score bands, highest first.
EDGES = (0.99, SURE, 0.0)


@dataclass(frozen=True, slots=True)
class Band:
    """Detections scored in [low, high) (the top band [low, 1]): how many, and how many were
    right."""

    low: float
    high: float
    detections: int
    right: int

    @property
    def label(self) -> str:
        """``[0.9, 0.99)``, or ``[0.99, 1]`` for the top band (no score is above 1)."""
        return f"[{self.low:g}, 1]" if self.high == 1.0 else f"[{self.low:g}, {self.high:g})"

    @property
    def precision(self) -> float:
        """Share of the band's detections that were right (0 when it holds none)."""
        return self.right / self.detections if self.detections else 0.0


def bands(docs: list[EvalDoc], found: list[set[tuple[str, str, float]]]) -> list[Band]:
    """Precision per score band (`EDGES`), over (document, path, type) detections."""
    counts = {low: [0, 0] for low in EDGES}
    for doc, dets in zip(docs, found, strict=True):
        for path, type_id, score in dets:
            low = next(e for e in EDGES if score >= e)
            counts[low][0] += 1
            counts[low][1] += (path, type_id) in doc.labels
    highs = (1.0, *EDGES[:-1])
    return [Band(low, high, *counts[low]) for low, high in zip(EDGES, highs, strict=True)]


def evidence_reach(
    docs: list[EvalDoc], found: list[set[tuple[str, str, float]]]
) -> tuple[int, int]:
    """(false alarms scored below `SURE`, all false alarms): the first is all a field's
    evidence over many samples can remove."""
    below = every = 0
    for doc, dets in zip(docs, found, strict=True):
        for path, type_id, score in dets:
            if (path, type_id) not in doc.labels:
                every += 1
                below += score < SURE
    return below, every


def report(split: str, docs: list[EvalDoc], found: list[set[tuple[str, str, float]]]) -> str:
    """Markdown: a split's precision per score band and the evidence's reach."""
    lines = [
        f"{split}: precision per detector score",
        "| score | detections | right | precision |",
        "| --- | ---: | ---: | ---: |",
    ]
    for b in bands(docs, found):
        cell = f"{b.precision:.3f}" if b.detections else "n/a"
        lines.append(f"| {b.label} | {b.detections} | {b.right} | {cell} |")
    below, every = evidence_reach(docs, found)
    lines.append(
        f"false alarms scored below {SURE} (all that a field's evidence can drop): "
        f"{below} of {every}"
    )
    return "\n".join(lines)
