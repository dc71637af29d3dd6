"""A field's data types from the evidence of many samples (sans-IO; digger and detector).

The detector judges one value at a time; a field is seen many times. `FieldEvidence` counts,
per type, how many of a field's scanned samples had a detection and how sure it was;
`verdict` keeps a type when enough of the samples carry it:

* a type found with high confidence (a proven value under a key that says so, or an e-mail,
  IBAN, JWT, card or SSN inside a sentence) holds from one sample on: one leaked card number
  in a comment field is a finding however many clean comments surround it;
* a type found only with lower confidence (a value that passes a validator under a key that
  says nothing, where chance passes happen — one 16-digit order number in ten passes Luhn)
  must be carried by at least `MIN_SHARE` of the samples once `MIN_SAMPLES` were seen.

So precision rises with traffic and one odd value does not flip a field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: Confidence from which one sample is enough.
SURE = 0.9
#: Share of samples a less sure type needs once the field has `MIN_SAMPLES` samples.
MIN_SHARE = 0.5
#: Below this many samples a field is judged like a single sample.
MIN_SAMPLES = 3


@dataclass(slots=True)
class TypeEvidence:
    """Samples of one field that had a detection of one type."""

    hits: int = 0
    max_confidence: float = 0.0


@dataclass(slots=True)
class FieldEvidence:
    """Evidence about one field: samples scanned, and per type what was found in them."""

    samples: int = 0
    types: dict[str, TypeEvidence] = field(default_factory=dict)

    def add(self, found: Iterable[tuple[str, float]]) -> None:
        """Count one scanned sample and the (type, confidence) detections made in it."""
        self.samples += 1
        best: dict[str, float] = {}
        for t, conf in found:
            best[t] = max(conf, best.get(t, 0.0))
        for t, conf in best.items():
            self.add_type(t, conf, 1)

    def add_type(self, type_id: str, confidence: float, hits: int) -> None:
        """Add ``hits`` samples with type ``type_id`` (an aggregate's count)."""
        ev = self.types.setdefault(type_id, TypeEvidence())
        ev.hits += hits
        ev.max_confidence = max(ev.max_confidence, confidence)

    def verdict(self) -> dict[str, float]:
        """The types the field holds, with their highest confidence."""
        return {
            t: ev.max_confidence
            for t, ev in self.types.items()
            if holds(ev.hits, ev.max_confidence, self.samples)
        }


def holds(hits: int, max_confidence: float, samples: int) -> bool:
    """Whether a type found in ``hits`` of ``samples`` samples belongs to the field."""
    if hits <= 0:
        return False
    if max_confidence >= SURE or samples < MIN_SAMPLES:
        return True
    return hits >= MIN_SHARE * samples
