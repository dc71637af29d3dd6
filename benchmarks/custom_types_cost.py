"""What a custom type with a pathological pattern costs the detector on hostile input.

Run: ``python -m benchmarks.custom_types_cost``

Hostile documents (made here): many fields whose values are long runs of ``a`` ending in
``!`` (the input that makes ``(a+)+$`` backtrack exponentially in Python's ``re``), next to
ordinary customer fields. Timed on the same walked documents, interleaved, best of
``--repeat``: the built-in engine (``detect_leaves``, all built-in types; the peer, divided by
the number of built-in types), and the custom-type hook alone (what the engine adds) with a
plain pattern that reads the whole value (``[a-z]+[0-9]``) and with ``(a+)+$``. For scale
it also times Python's ``re`` on one short hostile value (length ``--re-length``).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector import custom_types as ct
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


def best_of(fn: Any, repeat: int) -> float:
    """Best wall time of ``fn()`` over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--length", type=int, default=4000, help="hostile value length")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--re-length", type=int, default=22)
    args = parser.parse_args()
    docs = hostile_docs(args.docs, args.length)
    engine = DetectionEngine.load_default(DetectorSettings())
    walked = [engine.leaves(d) for d in docs]
    engine.detect_leaves(walked)  # warm the key cache
    matchers = {
        pattern: ct.CustomMatcher(
            ct.parse([{"id": "probe", "name": "p", "sensitivity": "low", "value_pattern": pattern}])
        )
        for pattern in ("[a-z]+[0-9]", "(a+)+$")
    }
    # Interleaved rounds: a loaded machine slows all alike.
    times = {"builtin": float("inf"), **dict.fromkeys(matchers, float("inf"))}
    for _ in range(args.repeat):
        times["builtin"] = min(times["builtin"], best_of(lambda: engine.detect_leaves(walked), 1))
        for pattern, matcher in matchers.items():
            times[pattern] = min(times[pattern], best_of(lambda m=matcher: m.detect(walked), 1))
    leaves = sum(len(w) for w in walked)
    per_builtin = times["builtin"] / len(TYPE_IDS)
    plain, evil = times["[a-z]+[0-9]"], times["(a+)+$"]
    print(f"{args.docs} hostile documents ({leaves} leaves, values of {args.length} chars), "
          f"best of {args.repeat}")  # fmt: skip
    print(f"  built-in engine, all {len(TYPE_IDS)} types (peer): {times['builtin'] * 1000:8.1f} ms"
          f" = {per_builtin * 1000:.1f} ms per built-in type")  # fmt: skip
    print(f"  custom type [a-z]+[0-9] (RE2):       {plain * 1000:8.1f} ms")
    print(f"  custom type (a+)+$ (RE2):            {evil * 1000:8.1f} ms")
    print(f"  ratio (a+)+$ / per-built-in-type cost: {evil / per_builtin:.2f} (target <= 1)")
    print(f"  ratio (a+)+$ / [a-z]+[0-9]:            {evil / plain:.2f}")
    value = "a" * args.re_length + "!"
    t0 = time.perf_counter()
    re.fullmatch(r"(a+)+$", value)  # the point: Python's re backtracks on hostile input
    took = time.perf_counter() - t0
    print(
        f"  for scale: Python re on ONE value of {args.re_length + 1} chars: "
        f"{took * 1000:.0f} ms (doubles with each extra 'a')"
    )


if __name__ == "__main__":
    main()
