"""Scoring detections against labels over (document, path, type) triples."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from detector.synth import Labelled
from detector.types import TYPE_IDS


class Detector(Protocol):
    """Anything that maps documents to per-document sets of (path, type)."""

    def detect_many(self, bodies: list[Any]) -> list[list[Any]]: ...


@dataclass
class Scores:
    """True positives, false positives and false negatives per type."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, predicted: set[tuple[str, str]], truth: Iterable[tuple[str, str]]) -> None:
        """Count one document."""
        truth = set(truth)
        for _, t in predicted & truth:
            self.tp[t] += 1
        for _, t in predicted - truth:
            self.fp[t] += 1
        for _, t in truth - predicted:
            self.fn[t] += 1

    def prf(self, t: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 of type ``t`` (micro over all types when None)."""
        if t is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[t], self.fp[t], self.fn[t]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict[str, Any]:
        """JSON-able summary."""
        p, r, f = self.prf()
        per = {}
        for t in TYPE_IDS:
            tp, r_, f_ = self.prf(t)
            per[t] = {
                "precision": round(tp, 4),
                "recall": round(r_, 4),
                "f1": round(f_, 4),
                "support": self.tp[t] + self.fn[t],
            }
        return {
            "micro": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
            "per_type": per,
        }


def evaluate(detector: Detector, docs: list[Labelled], batch: int = 64) -> Scores:
    """Run ``detector`` over ``docs`` and score it."""
    scores = Scores()
    for i in range(0, len(docs), batch):
        chunk = docs[i : i + batch]
        found = detector.detect_many([d.body for d in chunk])
        for doc, dets in zip(chunk, found, strict=True):
            scores.add({(d.path, d.type) for d in dets}, doc.labels)
    return scores


def render_table(scores: Scores) -> str:
    """A Markdown table: per-type precision, recall, F1, support, then the micro average."""
    lines = ["| type | precision | recall | F1 | support |", "| --- | ---: | ---: | ---: | ---: |"]
    for t in TYPE_IDS:
        p, r, f = scores.prf(t)
        lines.append(f"| {t} | {p:.3f} | {r:.3f} | {f:.3f} | {scores.tp[t] + scores.fn[t]} |")
    p, r, f = scores.prf()
    total = sum(scores.tp.values()) + sum(scores.fn.values())
    lines.append(f"| **micro** | **{p:.3f}** | **{r:.3f}** | **{f:.3f}** | {total} |")
    return "\n".join(lines)
