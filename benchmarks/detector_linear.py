"""Is the detector's cost linear in the request's bytes, whatever the shape?

    python benchmarks/detector_linear.py [--base-kb 16] [--runs 5]

For each hostile shape of `detector_soak.py` (and its peer, plain user records), one
request of 1x, 4x and 16x ``--base-kb`` is parsed, walked and scored in process (one
thread, one BLAS/OpenMP thread), and the CPU time per KB is printed with the ratios
4x/1x and 16x/1x of that time per byte: about 1 is linear, well above 1 is not. It runs
twice: with the CPU budgets off (the walk and scoring alone) and with the defaults (the
budgets bound a document's scoring, so large documents cost less per byte).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from detector_soak import PEER, SHAPES, plain_records, request_body, sized

from detector.api import _detect
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings

KB = 1024
FACTORS = (1, 4, 16)


def cpu_per_kb(engine: DetectionEngine, settings: DetectorSettings, raw: bytes, runs: int) -> float:
    """Median thread CPU time per KB of request, in microseconds (after one warm-up)."""
    _detect(engine, settings, raw)
    times = []
    for _ in range(runs):
        started = time.thread_time()
        _detect(engine, settings, raw)
        times.append(time.thread_time() - started)
    return statistics.median(times) / (len(raw) / KB) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-kb", type=int, default=16, help="size of the 1x request")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (median)")
    args = parser.parse_args()

    defaults = DetectorSettings()
    unbounded = DetectorSettings(
        document_cpu_seconds=60, request_cpu_seconds=600, max_leaves=1_000_000
    )
    engine = DetectionEngine.load_default(defaults)
    for label, settings in (("CPU budgets off", unbounded), ("default budgets", defaults)):
        print(f"{label}: CPU microseconds per KB of request at 1x/4x/16x {args.base_kb} KB")
        print(f"  {'shape':20} {'1x':>8} {'4x':>8} {'16x':>8} {'4x/1x':>7} {'16x/1x':>7}")
        for name, make in {PEER: plain_records, **SHAPES}.items():
            per_kb = [
                cpu_per_kb(
                    engine,
                    settings,
                    request_body([sized(make, args.base_kb * KB * f)]),
                    args.runs,
                )
                for f in FACTORS
            ]
            print(
                f"  {name:20} {per_kb[0]:8.1f} {per_kb[1]:8.1f} {per_kb[2]:8.1f} "
                f"{per_kb[1] / per_kb[0]:7.2f} {per_kb[2] / per_kb[0]:7.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
