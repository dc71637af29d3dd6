"""How far independent labellers agree with a set's labels, and the detector with both.

A figure against one labeller's labels can be no better than a second careful labeller
following the same convention would score against them. Helpers who never saw a set's labels,
its rules or the detector labelled a sample of documents again, by judgement, under the written
convention (``data/agreement/labels.jsonl``). This module scores, on that sample:

- each second labeller against the set's labels (the instrument's ceiling);
- the detector against the set's labels, against each second labeller, and against the
  majority of the three labellers where two second labellers labelled the same documents;
- the detector's precision against what any labeller gave (a finding some careful labeller
  would accept) and its recall against what every labeller gave (the clear-cut labels): the
  lenient bounds;
- on test samples, the detector and each labeller against adjudicated labels: the set's labels
  with every path where the set and both second labellers' shared reading differ decided by an
  adjudicator who saw the two readings in random order, not whose they were
  (``data/agreement/adjudicated.jsonl``).

``python -m detector.eval.agreement`` prints the tables. Only aggregate figures are printed,
so the test halves in the sample stay sealed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detector.eval.dataset import DATA, EvalDoc, load
from detector.evaluation import Scores

if TYPE_CHECKING:
    from detector.engine import DetectionEngine

LABELS_FILE = DATA / "agreement" / "labels.jsonl"
ADJUDICATED_FILE = DATA / "agreement" / "adjudicated.jsonl"

Label = tuple[str, str]


@dataclass(frozen=True)
class Relabel:
    """One second labeller's labels of one document of a split."""

    sample: str
    split: str
    doc: str
    labeller: str
    labels: frozenset[Label]


def doc_key(body: Any) -> str:
    """A stable name of a document: the start of the SHA-256 of its canonical JSON."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_relabels(path: Path = LABELS_FILE) -> list[Relabel]:
    """The second labellers' labels."""
    out = []
    for line in path.read_text().splitlines():
        row = json.loads(line)
        out.append(
            Relabel(
                row["sample"],
                row["split"],
                row["doc"],
                row["labeller"],
                frozenset((p, t) for p, t in row["labels"]),
            )
        )
    return out


#: An adjudicator's decisions on one document: the types of each disputed path ([] for none).
Decisions = dict[str, frozenset[str]]


def load_adjudicated(path: Path = ADJUDICATED_FILE) -> dict[str, dict[tuple[str, str], Decisions]]:
    """The adjudicator's decisions by sample, then by (split, document); a sample is there
    when it was adjudicated (each of its documents judged; one with no dispute has none)."""
    if not path.exists():
        return {}
    out: dict[str, dict[tuple[str, str], Decisions]] = defaultdict(lambda: defaultdict(dict))
    for line in path.read_text().splitlines():
        row = json.loads(line)
        out[row["sample"]][row["split"], row["doc"]][row["path"]] = frozenset(row["types"])
    return {sample: dict(docs) for sample, docs in out.items()}


def adjudicated(labels: Iterable[Label], decisions: Decisions) -> set[Label]:
    """``labels`` with each decided path's types replaced by the decision."""
    kept = {(p, t) for p, t in labels if p not in decisions}
    return kept | {(p, t) for p, types in decisions.items() for t in types}


def majority(label_sets: Sequence[Iterable[Label]]) -> set[Label]:
    """The labels that more than half of ``label_sets`` hold."""
    votes = Counter(x for labels in label_sets for x in set(labels))
    return {x for x, n in votes.items() if 2 * n > len(label_sets)}


@dataclass
class SampleDoc:
    """One sampled document: the set's labels and each second labeller's."""

    split: str
    doc: EvalDoc
    second: dict[str, frozenset[Label]]
    #: the adjudicator's decisions on the paths in dispute (None: not adjudicated)
    decided: Decisions | None = None


def sample_docs(
    relabels: list[Relabel], decisions: dict[str, dict[tuple[str, str], Decisions]] | None = None
) -> dict[str, list[SampleDoc]]:
    """The sampled documents of each sample, in the order of the labels file, with the
    adjudicator's decisions on the documents of the samples adjudicated."""
    decisions = load_adjudicated() if decisions is None else decisions
    bodies: dict[str, dict[str, EvalDoc]] = {}
    out: dict[str, list[SampleDoc]] = defaultdict(list)
    index: dict[tuple[str, str, str], SampleDoc] = {}
    for r in relabels:
        if r.split not in bodies:
            bodies[r.split] = {doc_key(d.body): d for d in load(r.split)}  # type: ignore[arg-type]
        doc = bodies[r.split].get(r.doc)
        if doc is None:
            raise ValueError(f"{r.split} holds no document {r.doc} (labels file out of date)")
        at = (r.sample, r.split, r.doc)
        if at not in index:
            judged = decisions.get(r.sample)
            decided = None if judged is None else judged.get((r.split, r.doc), {})
            index[at] = SampleDoc(r.split, doc, {}, decided)
            out[r.sample].append(index[at])
        index[at].second[r.labeller] = r.labels
    return dict(out)


def agreement_scores(
    docs: list[SampleDoc], found: list[set[Label]] | None = None
) -> dict[str, Scores]:
    """Scores of each pair that the sample allows (first named: the one scored)."""
    pairs: dict[str, Scores] = defaultdict(Scores)
    for i, sd in enumerate(docs):
        orig = set(sd.doc.labels)
        names = sorted(sd.second)
        for n in names:
            pairs[f"labeller {n} vs set"].add(set(sd.second[n]), orig)
        if len(names) == 2:
            pairs[f"labeller {names[0]} vs labeller {names[1]}"].add(
                set(sd.second[names[0]]), sd.second[names[1]]
            )
        voters = [orig, *(set(sd.second[n]) for n in names)]
        anyone, everyone = set().union(*voters), set.intersection(*voters)
        agreed = majority(voters) if len(voters) >= 3 else None
        if agreed is not None:
            pairs["set vs majority of three"].add(orig, agreed)
        truth = adjudicated(orig, sd.decided) if sd.decided is not None else None
        if truth is not None:
            pairs["set vs adjudicated"].add(orig, truth)
            for n in names:
                pairs[f"labeller {n} vs adjudicated"].add(set(sd.second[n]), truth)
        if found is None:
            continue
        pairs["detector vs set"].add(found[i], orig)
        pairs["detector vs what any labeller gave"].add(found[i], anyone)
        pairs["detector vs what every labeller gave"].add(found[i], everyone)
        for n in names:
            pairs[f"detector vs labeller {n}"].add(found[i], sd.second[n])
        if agreed is not None:
            pairs["detector vs majority of three"].add(found[i], agreed)
        if truth is not None:
            pairs["detector vs adjudicated"].add(found[i], truth)
    return dict(pairs)


@cache
def _engine() -> DetectionEngine:
    """The bundled detector, loaded once for every sample."""
    from detector.engine import DetectionEngine

    return DetectionEngine.load_default()


def detect(docs: list[SampleDoc]) -> list[set[Label]]:
    """What the bundled detector finds in each sampled document."""
    found = _engine().detect_many([sd.doc.body for sd in docs])
    return [{(d.path, d.type) for d in dets} for dets in found]


def render(sample: str, docs: list[SampleDoc], pairs: dict[str, Scores]) -> str:
    """A Markdown table of one sample's pairs, micro precision / recall / F1."""
    splits = Counter(sd.split for sd in docs)
    drawn = ", ".join(f"{s} {n}" for s, n in sorted(splits.items()))
    lines = [
        f"### {sample}: {len(docs)} documents ({drawn})",
        "",
        "| pair | precision | recall | F1 | labels of the reference |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, sc in sorted(pairs.items()):
        p, r, f = sc.prf()
        support = sum(sc.tp.values()) + sum(sc.fn.values())
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {support} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the agreement tables of every sample."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=LABELS_FILE)
    args = ap.parse_args(argv)
    for sample, docs in sample_docs(load_relabels(args.labels)).items():
        print(render(sample, docs, agreement_scores(docs, detect(docs))))
        print()


if __name__ == "__main__":
    main()
