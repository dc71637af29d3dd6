"""Bounds on open ingest streams: how many at once, and how long one may stay idle.

A stream holds a server thread for its whole life, so both are limits on threads: at most
``limit`` streams run at once (the rest of the pool stays free for health checks and for
refusing bad calls), and a stream that neither sends a batch nor receives an ack for
``idle_seconds`` is cancelled by one reaper thread (the agent reconnects when it has data);
the reaper runs only while a stream is open.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _Stream:
    cancel: Callable[[], None]
    last_active: float = field(default_factory=time.monotonic)
    timed_out: bool = False
    busy: bool = False

    def touch(self, *, busy: bool = False) -> None:
        """Activity now; ``busy`` while a batch is being stored (never idle then)."""
        self.last_active = time.monotonic()
        self.busy = busy


class StreamLimits:
    """Admission (a counting slot) and idle timeout of ingest streams."""

    def __init__(self, limit: int, idle_seconds: float, on_idle: Callable[[], None]) -> None:
        self._slots = threading.BoundedSemaphore(limit)
        self._idle_seconds = idle_seconds
        self._on_idle = on_idle
        self._lock = threading.Lock()
        self._streams: dict[int, _Stream] = {}
        self._ids = itertools.count()
        self._reaper: threading.Thread | None = None

    @contextmanager
    def admit(self, cancel: Callable[[], None]) -> Iterator[_Stream | None]:
        """A tracked stream, or None when every slot is taken (refuse the call)."""
        if not self._slots.acquire(blocking=False):
            yield None
            return
        key = next(self._ids)
        stream = _Stream(cancel)
        with self._lock:
            self._streams[key] = stream
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap, name="ingest-idle", daemon=True)
                self._reaper.start()
        try:
            yield stream
        finally:
            with self._lock:
                del self._streams[key]
            self._slots.release()

    @property
    def open_streams(self) -> int:
        """Streams holding a slot now."""
        with self._lock:
            return len(self._streams)

    def _reap(self) -> None:
        interval = min(1.0, self._idle_seconds / 4)
        while True:
            time.sleep(interval)
            now = time.monotonic()
            with self._lock:
                if not self._streams:
                    self._reaper = None
                    return
                idle = [
                    s
                    for s in self._streams.values()
                    if not (s.timed_out or s.busy) and now - s.last_active > self._idle_seconds
                ]
                for stream in idle:
                    stream.timed_out = True
            for stream in idle:
                self._on_idle()
                stream.cancel()
