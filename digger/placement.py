"""Which partition of ``sieve.exchanges`` each server pod IP's exchanges go to, sans-IO.

A digger replica gets whole partitions, so its load is the traffic of the server IPs on
them. Hashing the record key spreads IPs, not load: with 48 server endpoints over 12
partitions the busier of two replicas held 58 % of the records. A Service spreads its
load evenly over its pods, so striping each workload's pods over the partitions spreads
the load: a new IP goes to the partition with the fewest pods of the same workload, then
the fewest pods overall, then the earliest in `spread_order`. That order steps through the
partitions by about half their count (0, 7, 2, 9, 4, 11, 6, 1, … of 12), so a workload's
pods, placed one after the other, alternate between the two halves of the range, between
odd and even and among the residues modulo 3: the group hands each replica whole
partitions, as contiguous ranges or every n-th, and either way the pods of one workload
land on different replicas. (With lowest index first, a 3-pod workload filled partitions
0, 1 and 2, all one replica's when the group splits the range in halves.)

A placement is kept while its IP lives (a move would make another replica re-learn the
endpoint's templates and schemas), also when the partition count grows (new pods fill the
new partitions); one that no longer fits a smaller count is dropped and made again.
`PartitionPlacement.adopt` takes over the placements a previous publisher left in the
compacted topic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WorkloadKey = tuple[str, int, str]
"""(namespace, workload kind, workload name): the pods that share a Service's load."""


def spread_order(partitions: int) -> list[int]:
    """The partitions stepped through by the stride coprime with their count nearest above
    half of it (7 of 12): consecutive entries lie about half the range apart."""
    if partitions <= 2:
        return list(range(partitions))
    target = partitions // 2 + 1
    stride = min(
        (s for s in range(1, partitions) if math.gcd(s, partitions) == 1),
        key=lambda s: (abs(s - target), -s),
    )
    return [k * stride % partitions for k in range(partitions)]


@dataclass
class _Placed:
    workload: WorkloadKey
    partition: int


class PartitionPlacement:
    """IP → partition, chosen to stripe each workload's pods over ``partitions``."""

    def __init__(self, partitions: int = 0) -> None:
        if partitions < 0:
            raise ValueError(f"partitions must be >= 0, not {partitions}")
        self._partitions = partitions
        self._rank = _ranks(partitions)  # partition → its position in `spread_order`
        self._placed: dict[str, _Placed] = {}
        self._pods = [0] * partitions  # partition → pods placed there
        self._by_workload: dict[WorkloadKey, list[int]] = {}  # workload → pods per partition

    @property
    def partitions(self) -> int:
        """The partition count placements are made for (0: unknown, nothing is placed)."""
        return self._partitions

    def __len__(self) -> int:
        return len(self._placed)

    def partition_of(self, ip: str) -> int | None:
        """The partition ``ip`` is placed on, None when it is not placed."""
        placed = self._placed.get(ip)
        return placed.partition if placed is not None else None

    def pods_per_partition(self) -> list[int]:
        """How many IPs each partition holds."""
        return list(self._pods)

    def place(self, ip: str, workload: WorkloadKey) -> int | None:
        """The partition of ``ip``: its placement if it has one, else a new one (None while
        the partition count is unknown). The workload of a placed IP is updated (an owner
        seen late renames it) without moving it."""
        placed = self._placed.get(ip)
        if placed is not None:
            if placed.workload != workload:
                self._count(placed, -1)
                placed.workload = workload
                self._count(placed, +1)
            return placed.partition
        if not self._partitions:
            return None
        same = self._by_workload.get(workload)
        partition = min(
            range(self._partitions),
            key=lambda p: (same[p] if same else 0, self._pods[p], self._rank[p]),
        )
        self._add(ip, _Placed(workload, partition))
        return partition

    def adopt(self, ip: str, workload: WorkloadKey, partition: int) -> bool:
        """Keep a placement found in the topic; False (not kept) when it does not fit the
        partition count or ``ip`` is already placed elsewhere."""
        current = self._placed.get(ip)
        if current is not None:
            return current.partition == partition
        if not 0 <= partition < self._partitions:
            return False
        self._add(ip, _Placed(workload, partition))
        return True

    def release(self, ip: str) -> None:
        """``ip`` is gone: its slot counts no more."""
        placed = self._placed.pop(ip, None)
        if placed is not None:
            self._count(placed, -1)

    def resize(self, partitions: int) -> list[str]:
        """The topic now has ``partitions``; return the IPs whose placement no longer fits
        (released: place them again). Placements that fit are kept."""
        if partitions < 0:
            raise ValueError(f"partitions must be >= 0, not {partitions}")
        unfit = sorted(ip for ip, p in self._placed.items() if p.partition >= partitions)
        for ip in unfit:
            self.release(ip)
        self._partitions = partitions
        self._rank = _ranks(partitions)
        self._pods = (self._pods + [0] * partitions)[:partitions]
        for workload, counts in self._by_workload.items():
            self._by_workload[workload] = (counts + [0] * partitions)[:partitions]
        return unfit

    def _add(self, ip: str, placed: _Placed) -> None:
        self._placed[ip] = placed
        self._count(placed, +1)

    def _count(self, placed: _Placed, delta: int) -> None:
        self._pods[placed.partition] += delta
        counts = self._by_workload.setdefault(placed.workload, [0] * self._partitions)
        counts[placed.partition] += delta
        if not any(counts):
            del self._by_workload[placed.workload]


def _ranks(partitions: int) -> list[int]:
    rank = [0] * partitions
    for position, partition in enumerate(spread_order(partitions)):
        rank[partition] = position
    return rank
