"""Detector vs Presidio on the same held-out JSON documents: fields/s and precision/recall.

    python benchmarks/detector_bench.py [--docs 500]

Needs the `bench` extra (presidio-analyzer). Presidio runs with its regex recognizers and the
`no_op` NLP engine (no spaCy model), each JSON leaf analysed as a text with the key words
given as context; the best of a few score thresholds is used for Presidio. Both sides run on
one thread. Fields = JSON leaves walked (after array sampling).
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections import defaultdict
from typing import Any

from threadpoolctl import threadpool_limits

from detector.engine import DetectionEngine
from detector.evaluation import Scores
from detector.features import key_tokens
from detector.synth import Labelled, heldout_corpus
from detector.walker import Leaf

PRESIDIO_TO_TYPE = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "CREDIT_CARD": "credit_card",
    "IBAN_CODE": "iban",
    "IP_ADDRESS": "ip_address",
    "MAC_ADDRESS": "mac_address",
    "US_SSN": "us_ssn",
    "US_BANK_NUMBER": "bank_account",
    "US_DRIVER_LICENSE": "drivers_license",
    "US_PASSPORT": "passport_number",
    "US_ITIN": "tax_id",
}
COMMON = sorted(set(PRESIDIO_TO_TYPE.values()))
THRESHOLDS = (0.01, 0.2, 0.4, 0.5, 0.6, 0.8)


def presidio_analyzer() -> Any:
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    # Presidio's e-mail recognizer would fetch the public suffix list; use the bundled snapshot
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())

    warnings.simplefilter("ignore")
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


def run_presidio(
    analyzer: Any, docs: list[list[Leaf]]
) -> tuple[float, list[list[tuple[str, str, float]]]]:
    """Analyse every non-null, non-boolean leaf; return seconds and (path, type, score) per doc."""
    entities = list(PRESIDIO_TO_TYPE)
    out: list[list[tuple[str, str, float]]] = []
    start = time.perf_counter()
    for leaves in docs:
        found: list[tuple[str, str, float]] = []
        for leaf in leaves:
            if leaf.value is None or isinstance(leaf.value, bool):
                continue
            text = str(leaf.value)
            context = (key_tokens(leaf.key) + " " + key_tokens(leaf.parent)).split()
            for r in analyzer.analyze(text, language="en", entities=entities, context=context):
                found.append((leaf.path, PRESIDIO_TO_TYPE[r.entity_type], float(r.score)))
        out.append(found)
    return time.perf_counter() - start, out


def score_common(pred: list[set[tuple[str, str]]], docs: list[Labelled]) -> Scores:
    s = Scores()
    for p, d in zip(pred, docs, strict=True):
        s.add({x for x in p if x[1] in COMMON}, {x for x in d.labels if x[1] in COMMON})
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=9090)
    parser.add_argument("--repeat", type=int, default=5, help="engine timing repetitions")
    args = parser.parse_args()

    docs = heldout_corpus(args.seed, args.docs)
    engine = DetectionEngine.load_default()
    walked = [engine.leaves(d.body) for d in docs]
    fields = sum(len(w) for w in walked)
    print(f"{len(docs)} held-out documents (seed {args.seed}), {fields} fields")

    with threadpool_limits(1):
        # cold: empty key cache; warm: steady state with the key contexts cached
        t, c = time.perf_counter(), time.process_time()
        ours = [
            [(d.path, d.type) for d in dets] for dets in engine.detect_many([d.body for d in docs])
        ]
        cold, cold_cpu = time.perf_counter() - t, time.process_time() - c
        best = best_cpu = float("inf")
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            for i in range(0, len(docs), 64):
                engine.detect_many([d.body for d in docs[i : i + 64]])
            best = min(best, time.perf_counter() - t)
            best_cpu = min(best_cpu, time.process_time() - c)
        # one document per call (the standalone CLI, small digger batches): fixed costs show
        t, c = time.perf_counter(), time.process_time()
        for d in docs[:200]:
            engine.detect(d.body)
        single, single_cpu = time.perf_counter() - t, time.process_time() - c
        single_fields = sum(len(w) for w in walked[:200])

        analyzer = presidio_analyzer()
        c = time.process_time()
        presidio_seconds, presidio_raw = run_presidio(analyzer, walked)
        presidio_cpu = time.process_time() - c

    ours_fps = fields / best
    presidio_fps = fields / presidio_seconds
    print(f"engine   : {ours_fps:,.0f} fields/s warm, batches of 64 (best of {args.repeat})")
    print(f"engine   : {fields / cold:,.0f} fields/s cold (one batch, empty key cache)")
    print(
        f"engine   : {single_fields / single:,.0f} fields/s one document per call "
        f"({single / 200 * 1e3:.2f} ms wall, {single_cpu / 200 * 1e3:.2f} ms CPU per call, "
        f"{single_fields / 200:.0f} fields per document)"
    )
    print(f"presidio : {presidio_fps:,.0f} fields/s")
    print(f"ratio    : {ours_fps / presidio_fps:.1f}x (wall clock)")
    # on a shared machine wall time includes waiting for a core; CPU time does not
    ours_cpu_fps, presidio_cpu_fps = fields / best_cpu, fields / presidio_cpu
    print(f"per CPU second: engine {ours_cpu_fps:,.0f} fields/s (warm, batches of 64), ", end="")
    print(
        f"presidio {presidio_cpu_fps:,.0f} fields/s, ratio {ours_cpu_fps / presidio_cpu_fps:.1f}x"
    )
    print(
        f"per CPU second: engine {fields / cold_cpu:,.0f} fields/s cold, "
        f"{single_fields / single_cpu:,.0f} fields/s one document per call"
    )

    ours_scores = score_common([set(p) for p in ours], docs)
    best_thr, best_scores, best_f = THRESHOLDS[0], Scores(), -1.0
    for thr in THRESHOLDS:
        pred = [{(p, t) for p, t, s in found if s >= thr} for found in presidio_raw]
        sc = score_common(pred, docs)
        if sc.prf()[2] > best_f:
            best_thr, best_scores, best_f = thr, sc, sc.prf()[2]
    print(f"\nprecision/recall on the types both cover (Presidio score threshold {best_thr}):")
    print("| type | engine P | engine R | Presidio P | Presidio R | support |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    better: dict[str, bool] = defaultdict(bool)
    for t in COMMON:
        op, orr, _ = ours_scores.prf(t)
        pp, pr, _ = best_scores.prf(t)
        better[t] = op >= pp and orr >= pr
        sup = ours_scores.tp[t] + ours_scores.fn[t]
        print(f"| {t} | {op:.3f} | {orr:.3f} | {pp:.3f} | {pr:.3f} | {sup} |")
    op, orr, _ = ours_scores.prf()
    pp, pr, _ = best_scores.prf()
    print(f"| **micro** | **{op:.3f}** | **{orr:.3f}** | **{pp:.3f}** | **{pr:.3f}** | |")
    wins = sum(better.values())
    print(f"\nengine at least as precise and as complete on {wins}/{len(COMMON)} types")


if __name__ == "__main__":
    main()
