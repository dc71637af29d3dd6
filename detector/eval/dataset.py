"""Load the independent evaluation set and its dev/test split (by family, made once)."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

DATA = Path(__file__).resolve().parent / "data"
SOURCES = ("faker", "openapi", "hand")
#: The unseen set (made after the v1 split was retired, by an author who never saw the
#: detector's code, training data or errors): scored as a whole, never tuned on.
V2_SOURCES = ("v2/mimesis", "v2/openapi", "v2/hand")
#: Real example payloads published by API vendors and HL7 (``make_v3``), labelled by an
#: author who never saw the detector's internals; split once into v3dev and v3test.
V3_SOURCES = ("v3/real",)
#: More real example payloads and recorded traffic of other vendors (``make_v4``), labelled
#: by another author who never saw the detector's internals: scored as a whole, never tuned on.
V4_SOURCES = ("v4/real",)
SPLIT_FILE = DATA / "split.json"
SPLIT_SEED = 20261205
#: v2's own split (made once, before any v2 error was read): tune on v2dev, report v2test.
V2_SPLIT_FILE = DATA / "v2" / "split.json"
V2_SPLIT_SEED = 20261206
#: v3's split (made once, before any v3 error was read): tune on v3dev, report v3test. v3 has
#: one file but four sources; a family's prefix (``v3adyen``, ``v3fhir``, …) names its source.
V3_SPLIT_FILE = DATA / "v3" / "split.json"
V3_SPLIT_SEED = 20261207
V3_PARTS = ("v3adyen", "v3stripe", "v3gocardless", "v3fhir")

#: ``all``: v1's dev and test together (the v1 split was retired once both had been
#: studied); ``v2``: the unseen set, ``v2dev`` its part tuned on, ``v2test`` its part only
#: ever scored as aggregate tables; ``v3``: real vendor example payloads, ``v3dev`` its part
#: tuned on, ``v3test`` its part only ever scored as aggregate tables; ``v4``: other vendors'
#: example payloads and recorded traffic, never tuned on.
Split = Literal["dev", "test", "all", "v2", "v2dev", "v2test", "v3", "v3dev", "v3test", "v4"]


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


def family_source(doc: EvalDoc) -> str:
    """A v3 document's source: its family's prefix (``v3adyen/Checkout`` → ``v3adyen``)."""
    return doc.family.split("/", 1)[0]


def make_split(
    docs: list[EvalDoc],
    seed: int = SPLIT_SEED,
    sources: tuple[str, ...] = SOURCES,
    source_of: Callable[[EvalDoc], str] = lambda d: d.source,
) -> dict[str, list[str]]:
    """Groups of each source (``source_of`` names a document's), shuffled with ``seed``, go
    one by one to the split that holds the smaller share of the group's labelled types (so
    every type has support in both)."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible split, not a secret)
    counts: dict[str, Counter[str]] = {}
    for d in docs:
        counts.setdefault(group(d.family), Counter()).update(t for _, t in d.labels)
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    held: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    split: dict[str, list[str]] = {"dev": [], "test": []}
    for source in sources:
        groups = sorted({group(d.family) for d in docs if source_of(d) == source})
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


def make_v3_split() -> dict[str, list[str]]:
    """v3 split by family per source (an Adyen service, a Stripe resource, a FHIR
    resourceType is one family), with ``V3_SPLIT_SEED``."""
    return make_split(load_all(V3_SOURCES), V3_SPLIT_SEED, V3_PARTS, family_source)


def load(split: Split) -> list[EvalDoc]:
    """The documents of one split (``all``: v1's both; ``v2``, ``v3``, ``v4``: the unseen
    sets); an unknown split name or a v1 family missing from ``split.json`` is an error."""
    if split not in get_args(Split):
        raise ValueError(f"unknown split {split!r}; one of {', '.join(get_args(Split))}")
    if split == "v2":
        return load_all(V2_SOURCES)
    if split == "v3":
        return load_all(V3_SOURCES)
    if split == "v4":
        return load_all(V4_SOURCES)
    if split in ("v2dev", "v2test"):
        return _assigned(load_all(V2_SOURCES), V2_SPLIT_FILE, split.removeprefix("v2"))
    if split in ("v3dev", "v3test"):
        return _assigned(load_all(V3_SOURCES), V3_SPLIT_FILE, split.removeprefix("v3"))
    return _assigned(load_all(), SPLIT_FILE, split)


def _assigned(docs: list[EvalDoc], split_file: Path, split: str) -> list[EvalDoc]:
    """The documents whose group ``split_file`` puts in ``split`` (``all``: every one)."""
    assignment = json.loads(split_file.read_text(encoding="utf-8"))
    where = {g: name for name, groups in assignment.items() for g in groups}
    missing = {group(d.family) for d in docs} - set(where)
    if missing:
        raise ValueError(f"families not in {split_file.name}: {sorted(missing)[:5]}")
    return [d for d in docs if split in ("all", where[group(d.family)])]


def _write_once(split_file: Path, split: dict[str, list[str]]) -> None:
    if split_file.exists():
        raise SystemExit(f"{split_file} exists: the split is made once")
    split_file.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {split_file}")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["v2"]:
        _write_once(V2_SPLIT_FILE, make_split(load_all(V2_SOURCES), V2_SPLIT_SEED, V2_SOURCES))
    elif sys.argv[1:] == ["v3"]:
        _write_once(V3_SPLIT_FILE, make_v3_split())
    else:
        _write_once(SPLIT_FILE, make_split(load_all()))
