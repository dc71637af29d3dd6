"""Print the errors of a tuned-on split: ``python -m detector.eval.errors v4dev [--types …]``.

Every false positive and false negative with its family, path, key and value, grouped by
type, for reading while tuning. Test splits (``test``, ``v2test`` to ``v44test``) and whole
sets that contain one are refused: their errors are never read. A set is sealed (its dev half
refused too) until it has been scored once.
"""

from __future__ import annotations

import argparse
import sys

from detector.engine import DetectionEngine
from detector.eval.__main__ import evaluate_split
from detector.eval.dataset import Split, leaf_values

#: Splits whose errors may be read (tuned on, or v1, all of which was studied).
READABLE: tuple[str, ...] = (
    "dev",
    "all",
    "v2dev",
    "v3dev",
    "v4dev",
    "v5dev",
    "v6dev",
    "v7dev",
    "v8dev",
    "v9dev",
    "v10dev",
    "v11dev",
    "v12dev",
    "v13dev",
    "v14dev",
    "v15dev",
    "v16dev",
    "v17dev",
    "v18dev",
    "v19dev",
    "v20dev",
    "v21dev",
    "v22dev",
    "v23dev",
    "v24dev",
    "v25dev",
    "v26dev",
    "v27dev",
    "v28dev",
    "v29dev",
    "v30dev",
    "v31dev",
    "v32dev",
    "v33dev",
    "v34dev",
    "v35dev",
    "v36dev",
    "v37dev",
    "v38dev",
    "v39dev",
    "v40dev",
    "v41dev",
    "v42dev",
    "v43dev",
    "v44dev",
)
#: Sets sealed until the lead has scored them once, as tables only: all their parts are refused
#: (v16 and v17 were, until session 14 scored them; v18 and v19, until session 15 did; v20 and
#: v21, and v22, until session 16 did). v23, v24 and v25 were scored once in session 17, v26 and
#: v27 in session 18; in session 18 the dev halves of all five were read (the errors on which
#: the set and its second labeller agree). Their test halves stay refused. v28 and v29 were
#: scored once in session 19, as tables, then their dev halves read; their test halves stay
#: refused. v30 to v33, made by helpers who never saw the detector's internals, were scored
#: once in session 20, as tables, then their dev halves read; their test halves stay refused.
#: v34 and v35, made by helpers who never saw the detector's internals, were scored once in
#: session 21, as tables, then their dev halves read; their test halves stay refused. So were v36
#: and v37 (made during session 21's round). v38 (Postman collections and OpenAPI examples of
#: thirteen more publishers) and v39 (six publishers writing in other languages than English),
#: made by helpers who never saw the detector's internals, were scored once in session 22, as
#: tables, then their dev halves read; their test halves stay refused. So were v40 (Postman
#: collections, OpenAPI examples and sample payloads of five more publishers) and v41 (SDK test
#: fixtures of seventeen publishers), made during session 22 and scored once at its end, before
#: the round that read them. v42 (mocked API bodies, stubs and canned responses, of six
#: public-service publishers), v43 (five publishers writing in Chinese, Turkish, Dutch, Italian
#: and Russian) and v44 (webhook, callback and event payload samples of fourteen publishers),
#: made by helpers who never saw the detector's internals, were scored once in session 23, as
#: tables, then their dev halves read; their test halves stay refused. A new set's builder puts
#: its three names here until the lead has scored it once.
SEALED: tuple[str, ...] = ()


def errors(split: str, types: set[str] | None) -> list[tuple[str, str, str, str, str]]:
    """(type, FP/FN, family, path, values) of every error on ``split``."""
    if split in SEALED:
        whole = split.removesuffix("dev").removesuffix("test")
        raise SystemExit(f"refusing {split!r}: {whole} is sealed (scored once, as tables only)")
    if split not in READABLE:
        raise SystemExit(f"refusing {split!r}: only {', '.join(READABLE)} may be read")
    engine = DetectionEngine.load_default()
    _, docs, found = evaluate_split(engine, split)  # type: ignore[arg-type]
    out = []
    for doc, dets in zip(docs, found, strict=True):
        got = {(p, t) for p, t, _ in dets}
        values = leaf_values(doc.body)
        for kind, wrong in (("FP", got - doc.labels), ("FN", doc.labels - got)):
            for path, t in sorted(wrong):
                if types is None or t in types:
                    shown = " | ".join(repr(x)[:120] for x in values.get(path, [])[:3])
                    out.append((t, kind, doc.family, path, shown))
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("split", choices=READABLE)
    parser.add_argument("--types", default="", help="comma-separated type ids (default all)")
    args = parser.parse_args()
    types = set(args.types.split(",")) if args.types else None
    split: Split = args.split
    for row in errors(split, types):
        sys.stdout.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
