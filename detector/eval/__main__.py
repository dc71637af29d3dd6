"""Score the detector on the independent set: ``python -m detector.eval [--no-presidio]``.

Prints per-type precision/recall/F1 and the micro average for the training-held-out
documents (`detector.synth`, held-out seed and locales), all of the v1 independent set (its
dev/test split was retired: both were studied), the unseen v2 set, Presidio's pattern
recognizers on v2 in the same run, and per-field precision/recall after 1, 5 and 20 samples
(`common.field_evidence`).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from typing import Any

from common.field_evidence import FieldEvidence
from detector.engine import DetectionEngine
from detector.eval import score_bands
from detector.eval.dataset import EvalDoc, Split, load
from detector.eval.presidio_runner import COMMON
from detector.eval.stand_ins import stand_in_paths
from detector.evaluation import Scores
from detector.synth import heldout_corpus, training_corpus
from detector.train import HELDOUT_SEED, SEED
from detector.types import TYPE_IDS

FIELD_SAMPLES = (1, 5, 20)


def score(
    engine: DetectionEngine, bodies: list[Any], truths: list[frozenset[tuple[str, str]]]
) -> tuple[Scores, list[set[tuple[str, str, float]]]]:
    """Scores over (document, path, type) triples, and what was found per document."""
    scores = Scores()
    found_all: list[set[tuple[str, str, float]]] = []
    for i in range(0, len(bodies), 64):
        for dets, truth in zip(
            engine.detect_many(bodies[i : i + 64]), truths[i : i + 64], strict=True
        ):
            found = {(d.path, d.type, d.confidence) for d in dets}
            found_all.append(found)
            scores.add({(p, t) for p, t, _ in found}, truth)
    return scores, found_all


def field_scores(docs: list[EvalDoc], found: list[set[tuple[str, str, float]]], k: int) -> Scores:
    """Per-field scores after ``k`` samples: fields are (family, path) seen at least 20 times."""
    samples: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        paths = {p for p, _ in doc.labels} | {p for p, _, _ in found[i]}
        for p in _leaf_paths(doc.body):
            paths.add(p)
        for p in paths:
            samples[doc.family, p].append(i)
    scores = Scores()
    for (_, path), idx in samples.items():
        if len(idx) < max(FIELD_SAMPLES):
            continue
        ev = FieldEvidence()
        truth: set[str] = set()
        for i in idx[:k]:
            ev.add((t, c) for p, t, c in found[i] if p == path)
        for i in idx:
            truth |= {t for p, t in docs[i].labels if p == path}
        scores.add({(path, t) for t in ev.verdict()}, {(path, t) for t in truth})
    return scores


def scores_without_stand_ins(
    docs: list[EvalDoc], found: list[set[tuple[str, str, float]]]
) -> Scores:
    """Scores with the leaves each set's labeller called stand-ins left out (`stand_ins`)."""
    scores = Scores()
    for doc, dets in zip(docs, found, strict=True):
        out = stand_in_paths(doc)
        scores.add(
            {(p, t) for p, t, _ in dets if p not in out},
            {(p, t) for p, t in doc.labels if p not in out},
        )
    return scores


def _leaf_paths(body: Any, path: str = "$") -> set[str]:
    if isinstance(body, dict):
        return (
            set().union(*(_leaf_paths(v, f"{path}.{k}") for k, v in body.items()))
            if body
            else set()
        )
    if isinstance(body, list):
        return set().union(*(_leaf_paths(v, f"{path}[*]") for v in body)) if body else set()
    return {path}


def _figure(value: float, basis: int) -> str:
    """A score to three decimals, or n/a when nothing stands behind it."""
    return f"{value:.3f}" if basis else "n/a"


def table(columns: dict[str, Scores], types: tuple[str, ...] = TYPE_IDS) -> str:
    """Markdown: per type P/R/F1 (support) per column, then micro."""
    head = "| type | " + " | ".join(f"{c} P | {c} R | {c} F1 | n" for c in columns) + " |"
    lines = [head, "| --- |" + " ---: | ---: | ---: | ---: |" * len(columns)]
    for t in (*types, None):
        cells = []
        for s in columns.values():
            p, r, f = s.prf(t)
            n = (s.tp[t] + s.fn[t]) if t else sum(s.tp.values()) + sum(s.fn.values())
            made = (s.tp[t] + s.fp[t]) if t else sum(s.tp.values()) + sum(s.fp.values())
            # nothing to find and nothing found: no figure to print (not a perfect score)
            cells.append(f"{_figure(p, made)} | {_figure(r, n)} | {_figure(f, n + made)} | {n}")
        name = t or "**micro**"
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def evaluate_split(
    engine: DetectionEngine, split: Split
) -> tuple[Scores, list[EvalDoc], list[set[tuple[str, str, float]]]]:
    """Scores of one split of the independent set."""
    docs = load(split)
    scores, found = score(engine, [d.body for d in docs], [d.labels for d in docs])
    return scores, docs, found


def presidio_side_by_side(
    engine: DetectionEngine, docs: list[EvalDoc], found: list[set[tuple[str, str, float]]]
) -> tuple[Scores, Scores, float]:
    """Engine and Presidio scores on the types both cover; Presidio at its best threshold."""
    from detector.eval import presidio_runner as pr

    walked = [engine.leaves(d.body) for d in docs]
    _, _, raw = pr.run(pr.analyzer(), walked)
    truth = [{x for x in d.labels if x[1] in COMMON} for d in docs]
    best_thr, best, best_f = pr.THRESHOLDS[0], Scores(), -1.0
    for thr in pr.THRESHOLDS:
        sc = Scores()
        for f, t in zip(raw, truth, strict=True):
            sc.add({(p, ty) for p, ty, s in f if s >= thr}, t)
        if sc.prf()[2] > best_f:
            best_thr, best, best_f = thr, sc, sc.prf()[2]
    ours = Scores()
    for f2, t in zip(found, truth, strict=True):
        ours.add({(p, ty) for p, ty, _ in f2 if ty in COMMON}, t)
    return ours, best, best_thr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--splits",
        default="all,v2dev,v2test",
        help=(
            "which sets to score: v1's dev, test or all (= dev + test); v2 (the unseen set) or"
            " its parts v2dev (tuned on) and v2test (scored as tables only); v3 (real vendor"
            " example payloads) or its parts v3dev (tuned on) and v3test (tables only); v4"
            " (other vendors' examples and recorded traffic) or its parts v4dev (tuned on) and"
            " v4test (tables only); v5 (fourteen more sources) or v5dev and v5test; v6 (fifteen"
            " more sources) or v6dev and v6test; v7 (fourteen more sources) or v7dev and v7test;"
            " v8 (twenty-two more sources, scored sealed once) or v8dev (tuned on since session"
            " 11) and v8test (tables only); v9 (sixteen more sources, scored sealed once) or v9dev"
            " (tuned on since) and v9test (tables only); v10 (nineteen more repositories, the"
            " same); v11 (thirteen more repositories, the same since session 12) or v11dev and"
            " v11test;"
            " v12 (eighteen more repositories, sealed: tables only) or v12dev and v12test;"
            " v13 (thirty-six more repositories, sealed: tables only) or v13dev and v13test;"
            " v14 (twenty-four more repositories, sealed: tables only) or v14dev and v14test;"
            " v15 (twenty-six more repositories, sealed: tables only) or v15dev and v15test;"
            " v16 (fourteen more repositories, sealed: tables only) or v16dev and v16test;"
            " v17 (fifteen more repositories, one convention, sealed: tables only) or v17dev and"
            " v17test;"
            " v18 (thirty-three more repositories, one convention, sealed: tables only) or v18dev"
            " and v18test;"
            " v19 (sixteen more publishers, one convention, sealed: tables only) or v19dev and"
            " v19test;"
            " v20 (thirteen more publishers of standards' examples, one convention, sealed:"
            " tables only) or v20dev and v20test;"
            " v21 (eleven more publishers with labels, one convention, sealed: tables only) or"
            " v21dev and v21test;"
            " v22 (twenty-three more publishers, one convention, sealed: tables only) or v22dev"
            " and v22test;"
            " v23 (twenty-seven more publishers, one convention, sealed: tables only) or v23dev"
            " and v23test;"
            " v24 (twenty more publishers, one convention, sealed: tables only) or v24dev"
            " and v24test;"
            " v25 (twenty-six more publishers, one convention, sealed: tables only) or v25dev"
            " and v25test;"
            " v26 and v27 (twenty-four and twenty-five more publishers, one convention, sealed:"
            " tables only) or their dev and test halves;"
            " v28 (thirty-nine more publishers, one convention, sealed: tables only) or v28dev"
            " and v28test;"
            " v29 (thirty-three more publishers, one convention, sealed: tables only) or v29dev"
            " and v29test;"
            " v30 (twenty-seven more publishers, one convention, sealed: tables only) or v30dev"
            " and v30test;"
            " v31 (seventy-seven more publishers, one convention, sealed: tables only) or v31dev"
            " and v31test;"
            " v32 (twenty-five more publishers, one convention, sealed: tables only) or v32dev"
            " and v32test;"
            " v33 (forty-nine more publishers, one convention, sealed: tables only) or v33dev"
            " and v33test;"
            " v34 (thirty-three more publishers, one convention, sealed: tables only) or v34dev"
            " and v34test;"
            " v35 (twenty-two more publishers, one convention, sealed: tables only) or v35dev"
            " and v35test;"
            " v36 (eight more publishers, one convention, sealed: tables only) or v36dev"
            " and v36test;"
            " v37 (nineteen more publishers, one convention, sealed: tables only) or v37dev"
            " and v37test;"
            " v38 (thirteen more publishers' Postman collections and OpenAPI examples, one"
            " convention, sealed: tables only) or v38dev and v38test;"
            " v39 (six more publishers writing in other languages, one convention, sealed:"
            " tables only) or v39dev and v39test;"
            " v40 (five more publishers' Postman collections, OpenAPI examples and sample"
            " payloads, one convention, sealed: tables only) or v40dev and v40test;"
            " v41 (seventeen more publishers' SDK test fixtures, one convention, sealed:"
            " tables only) or v41dev and v41test;"
            " v42 (six more publishers' mocked API bodies, one convention, sealed: tables"
            " only) or v42dev and v42test;"
            " v43 (five more publishers writing in Chinese, Turkish, Dutch, Italian and"
            " Russian, one convention, sealed: tables only) or v43dev and v43test;"
            " v44 (fourteen more publishers' webhook, callback and event samples, one"
            " convention, sealed: tables only) or v44dev and v44test"
        ),
    )
    parser.add_argument(
        "--presidio-splits",
        default="",
        help="the scored splits to compare with Presidio (default: the first unseen one)",
    )
    parser.add_argument("--heldout-docs", type=int, default=1500)
    parser.add_argument(
        "--training-docs", type=int, default=0, help="also score this many training documents"
    )
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument(
        "--stand-ins-unscored",
        action="store_true",
        help="also score each split with the values its labeller called stand-ins left out",
    )
    parser.add_argument(
        "--score-bands",
        action="store_true",
        help="also print each split's precision per detector score band (`score_bands`)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    engine = DetectionEngine.load_default()
    columns: dict[str, Scores] = {}
    if args.training_docs:  # the final model's own training documents (seed + 1)
        train = training_corpus(SEED + 1, args.training_docs)
        columns["training"], _ = score(engine, [d.body for d in train], [d.labels for d in train])
    held = heldout_corpus(HELDOUT_SEED, args.heldout_docs)
    columns["held-out"], _ = score(engine, [d.body for d in held], [d.labels for d in held])
    per_split: dict[str, tuple[list[EvalDoc], list[set[tuple[str, str, float]]]]] = {}
    for split in args.splits.split(","):
        s, docs, found = evaluate_split(engine, split)
        columns[split] = s
        per_split[split] = (docs, found)
    if args.training_docs:
        print(f"training: the first {args.training_docs} final-model training documents")
    print(f"held-out: {len(held)} synth documents (seed {HELDOUT_SEED}, held-out locales)")
    for split, (docs, _) in per_split.items():
        print(f"{split}: {len(docs)} independent documents")
    print()
    print(table(columns))

    order = ["v2test", "v2", "all", "test", "v3test", "v3", "v4test", "v4", "v5test", "v5"]
    order += ["v6test", "v6"]
    sides = [s for s in args.presidio_splits.split(",") if s in per_split]
    sides = sides or [s for s in order if s in per_split][:1]
    for side in [] if args.no_presidio else sides:
        docs, found = per_split[side]
        ours, peer, thr = presidio_side_by_side(engine, docs, found)
        print(f"\n{side} split, the types both cover (Presidio score threshold {thr}, its best):")
        print(table({"engine": ours, "Presidio": peer}, COMMON))

    if args.stand_ins_unscored:
        cols = {s: scores_without_stand_ins(*per_split[s]) for s in per_split}
        print("\nThe same splits, values their labellers called stand-ins left out:")
        print(table(cols))
    if args.score_bands:
        for split, (docs, found) in per_split.items():
            print("\n" + score_bands.report(split, docs, found))
    for split, (docs, found) in per_split.items():
        cols = {f"after {k}": field_scores(docs, found, k) for k in FIELD_SAMPLES}
        print(f"\n{split} split, per field (fields seen ≥ {max(FIELD_SAMPLES)} times):")
        print(table(cols))
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in columns.items()}, indent=1))


if __name__ == "__main__":
    main()
