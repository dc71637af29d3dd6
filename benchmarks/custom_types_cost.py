"""What a custom type with a pathological pattern costs the detector on hostile input.

Run: ``python -m benchmarks.custom_types_cost``

Hostile documents (made here): many fields whose values are long runs of ``a`` ending in
``!`` (the input that makes ``(a+)+$`` backtrack exponentially in Python's ``re``), next to
ordinary customer fields. Timed on the same documents, best of ``--repeat``:

* the engine with built-in types only (the peer);
* plus one custom type with a plain pattern (``[0-9]{6}``);
* plus one custom type with the pathological pattern ``(a+)+$`` (RE2).

Prints each time, the custom types' added cost, and that added cost against the built-in
engine's time per built-in type (its time / number of built-in types). For scale it also times
Python's ``re`` on one short hostile value (length ``--re-length``).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.engine import DetectionEngine
from detector.settings import DetectorSettings
from detector.types import TYPE_IDS


def hostile_docs(count: int, length: int) -> list[dict[str, Any]]:
    evil = "a" * length + "!"
    return [
        {
            "customer": {"name": "Ann Lee", "email": f"ann{i}@example.org", "note": evil},
            "items": [{"sku": evil, "label": evil[: length // 2] + "!"} for _ in range(8)],
            "comment": evil,
            "ref": f"{i:06d}",
        }
        for i in range(count)
    ]


def best_time(engine: DetectionEngine, docs: list[dict[str, Any]], repeat: int) -> float:
    engine.detect_many(docs)  # warm the key cache
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        engine.detect_many(docs)
        best = min(best, time.perf_counter() - t0)
    return best


def engine_with(pattern: str | None, tmp: Path) -> DetectionEngine:
    if pattern is None:
        return DetectionEngine.load_default(DetectorSettings())
    path = tmp / f"types-{abs(hash(pattern))}.yaml"
    path.write_text(
        "- {id: probe, name: Probe, sensitivity: low, value_pattern: '" + pattern + "'}\n"
    )
    return DetectionEngine.load_default(DetectorSettings(custom_types_file=path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--length", type=int, default=4000, help="hostile value length")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--re-length", type=int, default=22)
    args = parser.parse_args()
    docs = hostile_docs(args.docs, args.length)
    with tempfile.TemporaryDirectory() as tmp:
        base = best_time(engine_with(None, Path(tmp)), docs, args.repeat)
        plain = best_time(engine_with("[0-9]{6}", Path(tmp)), docs, args.repeat)
        evil = best_time(engine_with("(a+)+$", Path(tmp)), docs, args.repeat)
    per_builtin = base / len(TYPE_IDS)
    print(f"{args.docs} hostile documents, values of {args.length} chars, best of {args.repeat}")
    print(f"  built-in types only (peer):          {base * 1000:8.1f} ms")
    print(f"  + custom type [0-9]{{6}}:              {plain * 1000:8.1f} ms "
          f"(+{(plain - base) * 1000:.1f} ms)")  # fmt: skip
    print(f"  + custom type (a+)+$ (RE2):          {evil * 1000:8.1f} ms "
          f"(+{(evil - base) * 1000:.1f} ms)")  # fmt: skip
    print(
        f"  built-in engine time per built-in type ({len(TYPE_IDS)} types): "
        f"{per_builtin * 1000:.1f} ms"
    )
    print(f"  ratio (a+)+$ added cost / per-built-in-type cost: {(evil - base) / per_builtin:.2f}")
    print(
        f"  ratio (a+)+$ added cost / [0-9]{{6}} added cost: "
        f"{(evil - base) / max(plain - base, 1e-9):.2f}"
    )
    value = "a" * args.re_length + "!"
    t0 = time.perf_counter()
    re.fullmatch(r"(a+)+$", value)  # noqa: S - the point: backtracking on hostile input
    took = time.perf_counter() - t0
    print(
        f"  for scale: Python re on ONE value of {args.re_length + 1} chars: "
        f"{took * 1000:.0f} ms (doubles with each extra 'a')"
    )


if __name__ == "__main__":
    main()
