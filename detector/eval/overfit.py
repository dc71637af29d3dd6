"""How much of the detector's quality is tuning to what was looked at:
``python -m detector.eval.overfit``.

Three views over all of the v1 independent set (dev and test):

- **inspected vs never inspected** — per source, the families whose errors were read while
  tuning (dev) against those never read (test), with a 95% interval of the F1 gap from a
  bootstrap over families (a family's errors are systematic: one key misread is 30 errors);
- **family folds** — the families in five folds (by API or theme); the spread of micro F1
  between folds shows how much one unseen family moves the figure;
- **key vocabulary** — labels and false alarms at leaves whose normalised key the training
  generator writes against leaves whose key it never writes: the generalisation to new key
  words that a new API needs.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field

from detector.engine import DetectionEngine
from detector.eval.dataset import SPLIT_FILE, EvalDoc, group, load_all
from detector.evaluation import Scores
from detector.features import key_tokens
from detector.synth import training_corpus
from detector.train import KEY_DOCS, SEED
from detector.walker import walk

FOLDS = 5
BOOTSTRAP = 1000


@dataclass
class FamilyResult:
    """Counts of one family group."""

    split: str
    source: str
    scores: Scores = field(default_factory=Scores)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _counts(results: list[FamilyResult]) -> tuple[int, int, int]:
    tp = sum(sum(r.scores.tp.values()) for r in results)
    fp = sum(sum(r.scores.fp.values()) for r in results)
    fn = sum(sum(r.scores.fn.values()) for r in results)
    return tp, fp, fn


def _line(name: str, results: list[FamilyResult]) -> str:
    tp, fp, fn = _counts(results)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return (
        f"| {name} | {len(results)} | {tp + fn} | {p:.3f} | {r:.3f} | {_f1(tp, fp, fn):.3f} "
        f"| {(fp + fn) / max(tp + fn, 1):.3f} |"
    )


def gap_interval(
    inspected: list[FamilyResult], unseen: list[FamilyResult], seed: int = 20261205
) -> tuple[float, float, float]:
    """F1(inspected) - F1(unseen), and a 95% bootstrap interval resampling families."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible bootstrap, not a secret)
    point = _f1(*_counts(inspected)) - _f1(*_counts(unseen))
    gaps = sorted(
        _f1(*_counts(rng.choices(inspected, k=len(inspected))))
        - _f1(*_counts(rng.choices(unseen, k=len(unseen))))
        for _ in range(BOOTSTRAP)
    )
    return point, gaps[int(0.025 * BOOTSTRAP)], gaps[int(0.975 * BOOTSTRAP) - 1]


def training_keys(docs: int = KEY_DOCS, seed: int = SEED) -> set[str]:
    """The normalised keys the key model's training documents hold."""
    keys: set[str] = set()
    for doc in training_corpus(seed, docs):
        keys.update(key_tokens(leaf.key) for leaf in walk(doc.body, array_sample=3))
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-vocabulary", action="store_true", help="skip the key view")
    args = parser.parse_args()
    engine = DetectionEngine.load_default()
    assignment = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    where = {g: name for name, groups in assignment.items() for g in groups}
    docs = load_all()
    families: dict[str, FamilyResult] = {}
    found_all: list[set[tuple[str, str]]] = []
    for i in range(0, len(docs), 64):
        batch = docs[i : i + 64]
        for d, dets in zip(batch, engine.detect_many([d.body for d in batch]), strict=True):
            g = group(d.family)
            fam = families.setdefault(g, FamilyResult(where[g], d.source))
            found = {(x.path, x.type) for x in dets}
            fam.scores.add(found, d.labels)
            found_all.append(found)

    print("Inspected (dev, errors read while tuning) against never inspected (test), all v1:\n")
    print("| families | groups | labels | P | R | F1 | errors per label |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for source in ("faker", "openapi", "hand", None):
        for split in ("dev", "test"):
            sel = [
                f
                for f in families.values()
                if f.split == split and (source is None or f.source == source)
            ]
            print(_line(f"{source or 'all'} {split}", sel))
    print()
    for source in ("faker", "openapi", "hand", None):
        ins = [f for f in families.values() if f.split == "dev" and source in (None, f.source)]
        uns = [f for f in families.values() if f.split == "test" and source in (None, f.source)]
        point, lo, hi = gap_interval(ins, uns)
        print(
            f"F1 gap inspected - unseen, {source or 'all'}: {point:+.3f} "
            f"(95% family bootstrap {lo:+.3f} … {hi:+.3f})"
        )

    print(f"\nFamily folds ({FOLDS}, families shuffled once, seed 20261205):\n")
    print("| fold | groups | labels | P | R | F1 | errors per label |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    names = sorted(families)
    random.Random(20261205).shuffle(names)  # noqa: S311
    for k in range(FOLDS):
        print(_line(f"fold {k + 1}", [families[n] for n in names[k::FOLDS]]))

    if args.no_vocabulary:
        return
    seen_keys = training_keys()
    print("\nBy key vocabulary (the key of the labelled or falsely flagged leaf):\n")
    _vocabulary(engine, docs, found_all, seen_keys)


def _vocabulary(
    engine: DetectionEngine,
    docs: list[EvalDoc],
    found_all: list[set[tuple[str, str]]],
    seen_keys: set[str],
) -> None:
    buckets: dict[bool, Scores] = defaultdict(Scores)
    for d, found in zip(docs, found_all, strict=True):
        key_of = {leaf.path: key_tokens(leaf.key) for leaf in engine.leaves(d.body)}
        for seen in (True, False):
            buckets[seen].add(
                {x for x in found if (key_of.get(x[0], "") in seen_keys) == seen},
                {x for x in d.labels if (key_of.get(x[0], "") in seen_keys) == seen},
            )
    print("| key | labels | P | R | F1 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for seen in (True, False):
        s = buckets[seen]
        p, r, f = s.prf()
        n = sum(s.tp.values()) + sum(s.fn.values())
        name = "written by the training generator" if seen else "never written by it"
        print(f"| {name} | {n} | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
