"""Load the independent evaluation set and its dev/test split (by family, made once)."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

DATA = Path(__file__).resolve().parent / "data"
SOURCES = ("faker", "openapi", "hand")
#: The unseen set (made after the v1 split was retired, by an author who never saw the
#: detector's code, training data or errors): scored as a whole, never tuned on.
V2_SOURCES = ("v2/mimesis", "v2/openapi", "v2/hand")
#: Real example payloads published by API vendors and HL7 (``make_v3``), labelled by an
#: author who never saw the detector's internals: scored as a whole, never tuned on.
V3_SOURCES = ("v3/real",)
SPLIT_FILE = DATA / "split.json"
SPLIT_SEED = 20261205

#: ``all``: v1's dev and test together (the v1 split was retired once both had been
#: studied); ``v2``: the unseen set; ``v3``: real vendor example payloads.
Split = Literal["dev", "test", "all", "v2", "v3"]


@dataclass(frozen=True, slots=True)
class EvalDoc:
    """One labelled document of the independent set."""

    family: str
    source: str
    body: Any
    labels: frozenset[tuple[str, str]]


def group(family: str) -> str:
    """The unit of the split: one API (``openapi/api.github.com`` joins ``openapi/github.com``)."""
    return family.replace("openapi/api.", "openapi/", 1)


def load_all(sources: Iterable[str] = SOURCES) -> list[EvalDoc]:
    """Every document of the given sources, in file order."""
    out = []
    for source in sources:
        with (DATA / f"{source}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                labels = frozenset((p, t) for p, t in d["labels"])
                out.append(EvalDoc(d["family"], source, d["body"], labels))
    return out


def make_split(docs: list[EvalDoc], seed: int = SPLIT_SEED) -> dict[str, list[str]]:
    """Groups of each source, shuffled with ``seed``, go one by one to the split that holds
    the smaller share of the group's labelled types (so every type has support in both)."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible split, not a secret)
    counts: dict[str, Counter[str]] = {}
    for d in docs:
        counts.setdefault(group(d.family), Counter()).update(t for _, t in d.labels)
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    held: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    split: dict[str, list[str]] = {"dev": [], "test": []}
    for source in SOURCES:
        groups = sorted({group(d.family) for d in docs if d.source == source})
        rng.shuffle(groups)
        for i, g in enumerate(groups):
            c = counts[g]

            def share(name: str, c: Counter[str] = c) -> float:
                return sum(n * held[name][t] / total[t] for t, n in c.items())

            dev, test = share("dev"), share("test")
            name = (
                ("dev" if i % 2 else "test") if dev == test else ("dev" if dev < test else "test")
            )
            split[name].append(g)
            held[name].update(c)
    return {k: sorted(v) for k, v in split.items()}


def load(split: Split) -> list[EvalDoc]:
    """The documents of one split (``all``: v1's both; ``v2``, ``v3``: the unseen sets); a v1
    family missing from ``split.json`` is an error."""
    if split == "v2":
        return load_all(V2_SOURCES)
    if split == "v3":
        return load_all(V3_SOURCES)
    assignment = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    where = {g: name for name, groups in assignment.items() for g in groups}
    docs = load_all()
    missing = {group(d.family) for d in docs} - set(where)
    if missing:
        raise ValueError(f"families not in split.json: {sorted(missing)[:5]}")
    return [d for d in docs if split in ("all", where[group(d.family)])]


if __name__ == "__main__":
    if SPLIT_FILE.exists():
        raise SystemExit(f"{SPLIT_FILE} exists: the split is made once")
    SPLIT_FILE.write_text(json.dumps(make_split(load_all()), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SPLIT_FILE}")
