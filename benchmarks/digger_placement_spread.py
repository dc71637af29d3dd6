"""How evenly placement spreads load over digger replicas, against the key hash, offline.

No broker, no digger: the server IPs of benchmarks/digger_scale.py (pods of workloads of
3, 5, 2, 4, … pods, in IP order) are placed by `digger.placement.PartitionPlacement` as
the ``sieve.pods`` publisher places them, or hashed as librdkafka's partitioner hashes the
key (CRC-32 of ``ip:8080`` modulo the partitions). Each workload gets a load (all equal per
pod, or per workload drawn from a log-normal distribution of the given sigma, seed fixed,
shared evenly by its pods as a Service shares it), and the script prints the busiest
replica's share of the load for a few assignments of the 12 partitions to replicas: a
replica's wall time follows it (an even split of 2 is 0.50).

    python benchmarks/digger_placement_spread.py [--draws 500] [--sigma 1.0]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.digger_scale import WORKLOAD_SIZES, placed_partitions, server_ips

PARTITIONS = 12
ASSIGNMENTS: dict[str, list[set[int]]] = {
    "2 replicas, alternate partitions": [set(range(0, 12, 2)), set(range(1, 12, 2))],
    "2 replicas, halves": [set(range(6)), set(range(6, 12))],
    "3 replicas, every third": [set(range(r, 12, 3)) for r in range(3)],
    "3 replicas, thirds": [set(range(r * 4, r * 4 + 4)) for r in range(3)],
}


def workloads_of(ips: list[str]) -> list[int]:
    """The workload of each IP: `WORKLOAD_SIZES` pods each in turn, as digger_scale does."""
    out: list[int] = []
    workload, left = 0, WORKLOAD_SIZES[0]
    for _ip in ips:
        if not left:
            workload += 1
            left = WORKLOAD_SIZES[workload % len(WORKLOAD_SIZES)]
        out.append(workload)
        left -= 1
    return out


def busiest(loads: list[float], partitions: list[int], assignment: list[set[int]]) -> float:
    """The busiest replica's share of the load."""
    total = sum(loads)
    return (
        max(sum(x for x, p in zip(loads, partitions, strict=True) if p in m) for m in assignment)
        / total
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--sigma", type=float, default=1.0, help="log-normal workload loads")
    args = parser.parse_args()
    for n in (48, 480):
        ips = server_ips(n)
        workloads = workloads_of(ips)
        sizes = {w: workloads.count(w) for w in set(workloads)}
        placed_map = placed_partitions(ips, PARTITIONS)
        by = {
            "placed": [placed_map[ip] for ip in ips],
            "hashed": [zlib.crc32(f"{ip}:8080".encode()) % PARTITIONS for ip in ips],
        }
        print(f"{n} server IPs in {len(sizes)} workloads, {PARTITIONS} partitions:")
        for name, assignment in ASSIGNMENTS.items():
            even = 1 / len(assignment)
            same = {k: busiest([1.0] * n, parts, assignment) for k, parts in by.items()}
            rng = random.Random(20261206)
            skewed: dict[str, list[float]] = {k: [] for k in by}
            for _ in range(args.draws):
                load = {w: rng.lognormvariate(0.0, args.sigma) for w in sizes}
                loads = [load[w] / sizes[w] for w in workloads]
                for k, parts in by.items():
                    skewed[k].append(busiest(loads, parts, assignment))
            p90 = {k: sorted(v)[int(0.9 * len(v))] for k, v in skewed.items()}
            print(
                f"  {name} (even {even:.2f}): every pod the same load: placed "
                f"{same['placed']:.3f}, hashed {same['hashed']:.3f}; workload loads "
                f"log-normal sigma {args.sigma}: median placed "
                f"{statistics.median(skewed['placed']):.3f}, hashed "
                f"{statistics.median(skewed['hashed']):.3f}; p90 placed {p90['placed']:.3f}, "
                f"hashed {p90['hashed']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
