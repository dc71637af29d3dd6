"""What a partition move costs the digger: learned state that starts cold on the new owner.

A replica learns per endpoint: which path segments and JSON keys are values (template
cardinality), which (endpoint, schema) pairs it has inspected, and the sampling buckets.
That state is not handed over when a partition moves; the new owner learns it again. This
measures the price on one partition's stream, in-process (the sans-IO pipeline, the test
stand-in detector called in-process):

- WARM: one processor that has read the stream for ``--before`` exchanges goes on with the
  next ``--after``;
- COLD: a fresh processor (the new owner) reads the same ``--after`` exchanges.

Printed for both: documents sent to the detector, reports, distinct path templates and
literal (untemplated) paths reported, and CPU seconds. The stream: benchmarks/digger_bench.py's
shapes plus letters-only user names in paths (``/api/v1/people/alice``), the case the
templater can only learn by cardinality.

    python benchmarks/digger_move_cost.py [--before 20000] [--after 20000] [--windows 2000 40]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.digger_bench import exchanges  # noqa: E402
from digger.identities import StaticIdentities  # noqa: E402
from digger.pipeline import ExchangeProcessor  # noqa: E402
from digger.settings import DiggerSettings  # noqa: E402
from protos.sieve.v1 import exchange_pb2  # noqa: E402
from tests.digger.exchanges import make_exchange  # noqa: E402
from tests.digger.harness import IDENTITIES_YAML  # noqa: E402
from tests.digger.standin import standin_detect  # noqa: E402

_RNG = random.Random(7)
NAMES = ["".join(_RNG.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(400)]


def stream(n: int, seed: int) -> list[exchange_pb2.HttpExchange]:
    rng = random.Random(seed)
    base = exchanges(n)
    for i in range(0, n, 4):  # every 4th: a person by name, letters only
        base[i] = make_exchange(
            client="10.0.0.5",
            server="10.0.0.6",
            method="GET",
            target=f"/api/v1/people/{rng.choice(NAMES)}",
            response={"name": "Ann", "email": f"p{i}@x.example"},
            start_ns=base[i].request_start.seconds * 1_000_000_000,
        )
    return base


class Counting:
    def __init__(self) -> None:
        self.documents = 0

    def __call__(self, docs: list[Any]) -> Any:
        self.documents += len(docs)
        return standin_detect(docs)


def run(
    processor: ExchangeProcessor,
    counter: Counting,
    data: list[exchange_pb2.HttpExchange],
    window: int,
) -> dict[str, float]:
    counter.documents = 0
    t0 = time.process_time()
    reports = []
    for i in range(0, len(data), window):  # a window per ``window`` exchanges
        processor.process_batch(data[i : i + window])
        reports.extend(processor.flush())
    cpu = time.process_time() - t0
    templates = {r.path_template for r in reports}
    return {
        "documents": counter.documents,
        "reports": len(reports),
        "templates": len(templates),
        "literal_people": len(
            [t for t in templates if t.startswith("/api/v1/people/") and "{" not in t]
        ),
        "cpu_s": cpu,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=int, default=20_000)
    parser.add_argument("--after", type=int, default=20_000)
    parser.add_argument("--windows", type=int, nargs="+", default=[2000, 40])
    args = parser.parse_args()
    ids = Path(tempfile.mkdtemp(prefix="digger-move-")) / "ids.yaml"
    ids.write_text(IDENTITIES_YAML)
    settings = DiggerSettings(identity_source="static", identities_file=str(ids))
    before, after = stream(args.before, 1), stream(args.after, 2)

    def processor() -> tuple[ExchangeProcessor, Counting]:
        counter = Counting()
        return ExchangeProcessor(settings, StaticIdentities.from_file(ids), counter), counter

    for window in args.windows:
        print(f"windows of {window} exchanges (busy endpoints: large; quiet ones: small):")
        warm, warm_counter = processor()
        run(warm, warm_counter, before, window)
        w = run(warm, warm_counter, after, window)
        cold, cold_counter = processor()
        c = run(cold, cold_counter, after, window)
        for name, r in (("warm (no move)", w), ("cold (new owner)", c)):
            print(
                f"  {name:17}: {r['documents']:6.0f} documents to the detector, "
                f"{r['reports']:5.0f} reports, {r['templates']:4.0f} path templates "
                f"({r['literal_people']:.0f} literal names), {r['cpu_s']:.2f} CPU s"
            )
        print(
            f"  a move costs {c['documents'] - w['documents']:.0f} extra detector documents, "
            f"{c['reports'] - w['reports']:.0f} extra reports, "
            f"{c['literal_people'] - w['literal_people']:.0f} literal paths and "
            f"{c['cpu_s'] - w['cpu_s']:+.2f} CPU s over the first {args.after} exchanges "
            f"({(c['cpu_s'] / w['cpu_s'] - 1) * 100:+.0f}% CPU)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
