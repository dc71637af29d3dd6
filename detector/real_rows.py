"""Key-model rows from real API bodies: the labelled dev halves of the independent sets.

The generator's key vocabulary is written by hand; the evaluation's dev halves (v2dev and
later) are real vendors' payloads labelled by people who never saw the detector. Their
(key context, label) pairs teach the key model keys and parents the generator lacks
(``holder_id``, ``agent_phone``, ``sAMAccountName``). Only dev halves are read: their test
halves, and every set still sealed, stay unseen. Leaves a set's labeller marked as
documentation stand-ins (`detector.eval.stand_ins`) are left out: they say what a value is
not, not what its key holds. Imported by training only (it needs the evaluation's builders),
and only with ``python -m detector.train --real-keys``: off by default, because on the eight sets
scored sealed since v14 it raised precision but cost recall on most, F1 gaining under a point,
and it contradicts behaviour the tests describe (MODEL.md, session 16).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import cast

from detector.engine import worth_inspecting
from detector.eval.dataset import EvalDoc, Split, load
from detector.eval.errors import READABLE
from detector.eval.stand_ins import stand_in_paths
from detector.features import key_context
from detector.train_labels import leaf_label
from detector.walker import Leaf, walk

#: The dev halves training reads: those of the real sets whose errors may be read (each tuned on
#: before), never a test half or a sealed set's dev half (v1's generated ``dev`` is not real).
REAL_SPLITS: tuple[Split, ...] = tuple(
    cast(Split, s) for s in READABLE if s.startswith("v") and s.endswith("dev")
)
#: Each real leaf counts as this many generated ones. Chosen on v11dev and v12dev with
#: training on v2dev to v10dev only: 1 raised their precision 0.6 points at equal recall, 2 no
#: more, 5 cost 3 to 4 points of recall there and 6 of held-out recall.
REAL_WEIGHT = 1.0


def doc_rows(doc: EvalDoc, max_chars: int) -> list[tuple[Leaf, str]]:
    """(leaf, label) of every leaf of ``doc`` past the first stage, stand-ins left out."""
    stand_ins = stand_in_paths(doc)
    labels: dict[str, list[str]] = {}
    for path, t in doc.labels:
        labels.setdefault(path, []).append(t)
    return [
        (leaf, leaf_label(leaf, labels))
        for leaf in walk(doc.body, array_sample=3)
        if leaf.path not in stand_ins and worth_inspecting(leaf.value, max_chars)
    ]


def real_key_counts(splits: Iterable[Split], max_chars: int) -> Counter[tuple[str, str]]:
    """(key context, label) → how many leaves of ``splits`` past the first stage have them."""
    return Counter(
        (key_context(leaf), label)
        for split in splits
        for doc in load(split)
        for leaf, label in doc_rows(doc, max_chars)
    )
