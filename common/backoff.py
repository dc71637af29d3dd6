"""One retry policy for every retry loop: a delay tuple, jitter, Retry-After as a floor.

``Backoff(delays)`` walks the tuple one failure at a time and stays on its last delay (the
kopf way: an operator reads the whole schedule in one setting); each wait is jittered down
by up to ``jitter`` of itself so replicas do not retry in step; a server's Retry-After is a
floor (capped at ``retry_after_max``: a hostile or broken header must not park a loop for
hours); ``reset()`` after a success starts the schedule again::

    backoff = Backoff.exponential(0.5, 30.0)   # (0.5, 1, 2, 4, 8, 16, 30)
    while not stop.is_set():
        try:
            work()
            backoff.reset()
        except OSError:
            stop.wait(backoff.next())
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Backoff:
    """The delay before each retry; see the module docstring."""

    delays: tuple[float, ...]
    jitter: float = 0.5
    retry_after_max: float = 300.0
    rand: Callable[[], float] = field(default=random.random, repr=False)
    _failures: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if not self.delays or any(d < 0 for d in self.delays):
            raise ValueError("backoff delays must be a non-empty tuple of non-negative seconds")
        if not 0 <= self.jitter < 1:
            raise ValueError("backoff jitter must be in [0, 1)")

    @classmethod
    def exponential(cls, initial: float, maximum: float, **kw: Any) -> Backoff:
        """Delays doubling from ``initial`` up to ``maximum`` (which ends the tuple)."""
        if initial <= 0 or maximum < initial:
            raise ValueError("backoff needs 0 < initial <= maximum")
        delays = []
        delay = initial
        while delay < maximum:
            delays.append(delay)
            delay *= 2
        delays.append(maximum)
        return cls(tuple(delays), **kw)

    @property
    def failures(self) -> int:
        """Failures since the last reset."""
        return self._failures

    def next(self, retry_after: float | None = None) -> float:
        """Seconds to wait after one more failure (``retry_after``: the server's hint)."""
        base = self.delays[min(self._failures, len(self.delays) - 1)]
        self._failures += 1
        wait = base * (1 - self.jitter * self.rand())
        if retry_after is not None and retry_after > 0:
            wait = max(wait, min(retry_after, self.retry_after_max))
        return wait

    def reset(self) -> None:
        """A success: the next failure waits the first delay again."""
        self._failures = 0


def retry_after_seconds(headers: Mapping[str, Any] | Any) -> float | None:
    """The delay-seconds form of a Retry-After header (None when absent or not a number)."""
    if not headers:
        return None
    try:
        value = headers.get("Retry-After") or headers.get("retry-after")
        seconds = float(value) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None
    return seconds if seconds is not None and seconds >= 0 else None
