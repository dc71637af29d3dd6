"""Sampling: which exchanges go to the detector.

Every new (endpoint, schema) is detected. Known ones are rate-limited per endpoint by a
token bucket whose rate is scaled down when the consumer lags or the detector is slow
(multiplicative decrease) and recovers slowly when both are fine (additive increase).
Everything is counted so reported volumes stay true.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from enum import Enum


class Decision(Enum):
    """Why an exchange was or was not detected."""

    NEW_SCHEMA = "new_schema"
    SAMPLED = "sampled"
    SKIPPED = "skipped"


@dataclass
class SamplerStats:
    """Counters since start."""

    seen: int = 0
    sampled_new: int = 0
    sampled_rate: int = 0
    skipped: int = 0
    evicted_schemas: int = 0
    evicted_buckets: int = 0


class Sampler:
    """Per-endpoint token buckets plus a bounded memory of known (endpoint, schema)."""

    def __init__(
        self,
        *,
        enabled: bool = True,
        rate: float = 1.0,
        burst: float = 5.0,
        min_factor: float = 0.05,
        lag_high: int = 50_000,
        latency_high: float = 0.5,
        max_known: int = 100_000,
        max_endpoints: int = 50_000,
    ) -> None:
        self.enabled = enabled
        self.rate = rate
        self.burst = burst
        self.min_factor = min_factor
        self.lag_high = lag_high
        self.latency_high = latency_high
        self.max_known = max_known
        self.max_endpoints = max_endpoints
        self.factor = 1.0
        self._lag = 0
        self._latency = 0.0
        self.stats = SamplerStats()
        self._known: OrderedDict[Hashable, None] = OrderedDict()
        self._buckets: OrderedDict[Hashable, list[float]] = OrderedDict()  # [tokens, at]

    def decide(self, endpoint: Hashable, schema: Hashable, now: float) -> Decision:
        """Decide for one exchange at monotonic time ``now``."""
        self.stats.seen += 1
        key = (endpoint, schema)
        if key not in self._known:
            self._known[key] = None
            if len(self._known) > self.max_known:
                self._known.popitem(last=False)
                self.stats.evicted_schemas += 1
            self.stats.sampled_new += 1
            return Decision.NEW_SCHEMA
        self._known.move_to_end(key)
        if not self.enabled:
            self.stats.sampled_rate += 1
            return Decision.SAMPLED
        bucket = self._buckets.get(endpoint)
        if bucket is None:
            bucket = [self.burst, now]
            self._buckets[endpoint] = bucket
            if len(self._buckets) > self.max_endpoints:
                self._buckets.popitem(last=False)
                self.stats.evicted_buckets += 1
        else:
            self._buckets.move_to_end(endpoint)
            bucket[0] = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate * self.factor)
            bucket[1] = now
        if bucket[0] >= 1.0:
            bucket[0] -= 1.0
            self.stats.sampled_rate += 1
            return Decision.SAMPLED
        self.stats.skipped += 1
        return Decision.SKIPPED

    def reset_known(self) -> None:
        """Start a new window: its first exchange of each (endpoint, schema) is detected."""
        self._known.clear()

    def forget(self, endpoint: Hashable, schema: Hashable) -> None:
        """Undo a NEW_SCHEMA decision whose detection failed, so it is detected again."""
        self._known.pop((endpoint, schema), None)

    def observe(self, *, lag: int | None = None, detector_latency: float | None = None) -> float:
        """Adapt the rate factor to the latest consumer lag and detector latency; return it.

        Each signal keeps its last value, so a fast detector does not hide a growing lag.
        """
        if lag is not None:
            self._lag = lag
        if detector_latency is not None:
            self._latency = detector_latency
        if self._lag > self.lag_high or self._latency > self.latency_high:
            self.factor = max(self.min_factor, self.factor * 0.5)
        else:
            self.factor = min(1.0, self.factor + 0.05)
        return self.factor
