"""The delivery worker: one thread per sink sends the outbox's pending alerts in order.

A delivery is marked delivered only after the receiver accepted it (at-least-once). A crash
between the receiver's answer and that mark sends the alert again on restart with the same
``X-Sieve-Event-Id`` (PagerDuty: the same dedup_key), so receivers can drop the repeat. A failed
attempt blocks the sink (keeping order) for a capped, exponentially growing backoff.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Engine, delete, func, select, update

from collector.alerts import metrics
from collector.alerts.config import AlertsConfig, Sink
from collector.alerts.outbox import AlertRecorder
from collector.alerts.tables import alert_deliveries, alert_events
from collector.alerts.transports import DeliveryError, Transport, transport_for

log = logging.getLogger(__name__)

_HOUR_US = 3_600_000_000
# First key of the advisory lock that makes one collector replica a sink's sender (the second
# key: the sink's name).
_SENDER_LOCK = 727_272


@dataclass(frozen=True)
class Locks:
    """The store's locks: writes are serialised per process; reads of a shared in-memory
    SQLite connection too."""

    read: contextlib.AbstractContextManager[Any]
    write: contextlib.AbstractContextManager[Any]


def now_us() -> int:
    """Microseconds since the epoch."""
    return time.time_ns() // 1000


def backoff_seconds(attempts: int, initial: float, cap: float, rng: random.Random) -> float:
    """Delay before attempt ``attempts + 1``: initial·2^(attempts-1), capped, ±20% jitter."""
    base = min(cap, initial * float(2 ** max(0, min(attempts - 1, 30))))
    return base * rng.uniform(0.8, 1.2)


class SinkWorker:
    """Sends one sink's deliveries."""

    def __init__(
        self,
        sink: Sink,
        transport: Transport,
        *,
        config: AlertsConfig,
        engine: Engine,
        locks: Locks,
        poll_seconds: float,
    ) -> None:
        self.sink = sink
        self.transport = transport
        self.config = config
        self.engine = engine
        self.locks = locks
        self.poll_seconds = poll_seconds
        self.wake = threading.Event()
        self.blocked_until_us = 0
        self._lock_key = int.from_bytes(hashlib.sha256(sink.name.encode()).digest()[:4]) >> 1
        self._rng = random.Random()  # noqa: S311 - jitter, not security

    def due(self, now: int) -> list[Any]:
        """The next pending deliveries of this sink whose attempt time has come, in order:
        none after the first one still waiting (backing off), so the sink's order holds
        whichever replica sends."""
        query = (
            select(
                alert_deliveries.c.event_id,
                alert_deliveries.c.attempts,
                alert_deliveries.c.next_attempt_us,
                alert_events.c.payload,
                alert_events.c.created_at_us,
            )
            .join(alert_events, alert_events.c.id == alert_deliveries.c.event_id)
            .where(
                alert_deliveries.c.sink == self.sink.name,
                alert_deliveries.c.status == "pending",
            )
            .order_by(alert_deliveries.c.event_id)
            .limit(self.config.batch_size)
        )
        with self.locks.read, self.engine.connect() as conn:
            rows = list(conn.execute(query))
        out = []
        for row in rows:
            if row.next_attempt_us > now:
                break
            out.append(row)
        return out

    def _mark(self, event_id: int, **values: Any) -> None:
        with self.locks.write, self.engine.begin() as conn:
            conn.execute(
                update(alert_deliveries)
                .where(
                    alert_deliveries.c.event_id == event_id,
                    alert_deliveries.c.sink == self.sink.name,
                )
                .values(**values)
            )

    @contextlib.contextmanager
    def _sending(self) -> Iterator[bool]:
        """Whether this worker may send the sink's alerts now. On PostgreSQL, collector
        replicas share the outbox: a session advisory lock per sink, held for the round on a
        connection of its own, makes one replica the sender (the others skip the round), so
        each alert is sent once and in order. A replica that dies loses its connection and
        with it the lock: another one takes over at its next round."""
        if self.engine.dialect.name != "postgresql":
            yield True  # SQLite: one collector process (the chart refuses replicas)
            return
        with self.engine.connect() as conn:
            held = bool(
                conn.execute(
                    select(func.pg_try_advisory_lock(_SENDER_LOCK, self._lock_key))
                ).scalar_one()
            )
            conn.commit()  # the lock is the session's: no transaction stays open
            try:
                yield held
            finally:
                if held:
                    conn.execute(select(func.pg_advisory_unlock(_SENDER_LOCK, self._lock_key)))
                    conn.commit()

    def run_once(self) -> int:
        """Send what is due now; return how many were delivered."""
        with self._sending() as sender:
            return self._send_due() if sender else 0

    def _send_due(self) -> int:
        now = now_us()
        if now < self.blocked_until_us:
            return 0
        delivered = 0
        retry = self.config.retry
        for row in self.due(now):
            if now - row.created_at_us > retry.give_up_after_hours * _HOUR_US:
                self._mark(row.event_id, status="expired", last_error="gave up")
                metrics.DELIVERIES.labels(self.sink.name, "expired").inc()
                log.warning("alert expired", extra={"sink": self.sink.name})
                continue
            try:
                self.transport.send(orjson.loads(row.payload))
            except DeliveryError as exc:
                attempts = row.attempts + 1
                delay = backoff_seconds(
                    attempts, retry.initial_seconds, retry.max_seconds, self._rng
                )
                self.blocked_until_us = now_us() + int(delay * 1_000_000)
                self._mark(
                    row.event_id,
                    attempts=attempts,
                    next_attempt_us=self.blocked_until_us,
                    last_error=str(exc)[:300],
                )
                metrics.DELIVERIES.labels(self.sink.name, "failed").inc()
                log.info(
                    "alert delivery failed, will retry",
                    extra={"sink": self.sink.name, "error": str(exc), "retry_in_s": delay},
                )
                break
            self._mark(
                row.event_id, status="delivered", attempts=row.attempts + 1,
                delivered_at_us=now_us(), last_error=None,
            )  # fmt: skip
            metrics.DELIVERIES.labels(self.sink.name, "delivered").inc()
            delivered += 1
        return delivered

    def loop(self, stop: threading.Event) -> None:
        """Deliver until ``stop`` is set; never raises."""
        while not stop.is_set():
            self.wake.clear()  # before the round: a wake during it is not lost
            try:
                sent = self.run_once()
            except Exception:  # database away: log, wait, try again
                log.exception("alert delivery round failed", extra={"sink": self.sink.name})
                sent = 0
            if sent >= self.config.batch_size:
                continue
            wait = self.poll_seconds
            if self.blocked_until_us:
                wait = min(wait, max(0.0, (self.blocked_until_us - now_us()) / 1e6))
            self.wake.wait(max(wait, 0.01))
        self.transport.close()


class DeliveryWorker:
    """All sinks' workers plus the reminder clock."""

    def __init__(
        self,
        config: AlertsConfig,
        engine: Engine,
        locks: Locks,
        recorder: AlertRecorder,
        *,
        poll_seconds: float = 1.0,
        transports: Callable[[Sink, str], Transport] = transport_for,
    ) -> None:
        self.config = config
        self.engine = engine
        self.locks = locks
        self.recorder = recorder
        self.sinks = [
            SinkWorker(
                s,
                transports(s, config.dashboard_url),
                config=config,
                engine=engine,
                locks=locks,
                poll_seconds=poll_seconds,
            )
            for s in config.sinks
        ]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def notify(self) -> None:
        """New alerts are committed: wake every sink."""
        for sink in self.sinks:
            sink.wake.set()

    def remind(self) -> int:
        """Enqueue the due ``still_open`` alerts."""
        with self.locks.write, self.engine.begin() as conn:
            added = self.recorder.enqueue_reminders(conn, now_us())
        if added:
            self.notify()
        return added

    def prune(self, now: int | None = None) -> int:
        """Delete alerts older than ``retention_hours`` that wait for no sink; return how many
        alerts went (the outbox stays bounded; pending ones are kept)."""
        now = now_us() if now is None else now
        cutoff = now - int(self.config.retention_hours * _HOUR_US)
        done = alert_deliveries.c.status != "pending"
        with self.locks.write, self.engine.begin() as conn:
            old_events = select(alert_events.c.id).where(alert_events.c.created_at_us < cutoff)
            waiting = select(alert_deliveries.c.event_id).where(~done)
            conn.execute(
                delete(alert_deliveries).where(
                    done,
                    alert_deliveries.c.event_id.in_(old_events),
                    alert_deliveries.c.event_id.not_in(waiting),
                )
            )
            gone = conn.execute(
                delete(alert_events).where(
                    alert_events.c.created_at_us < cutoff,
                    alert_events.c.id.not_in(select(alert_deliveries.c.event_id)),
                )
            ).rowcount
        if gone:
            metrics.PRUNED.inc(gone)
        return int(gone or 0)

    def _reminders(self) -> None:
        while not self._stop.wait(60.0):
            try:
                self.remind()
                self.prune()
            except Exception:
                log.exception("alert reminders or pruning failed")

    def start(self) -> None:
        """Start one thread per sink and the reminder clock."""
        for sink in self.sinks:
            thread = threading.Thread(
                target=sink.loop, args=(self._stop,), name=f"alerts-{sink.sink.name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        thread = threading.Thread(target=self._reminders, name="alerts-reminders", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the threads (a send in progress finishes or times out)."""
        self._stop.set()
        self.notify()
        for thread in self._threads:
            thread.join(timeout)

    # --- read side for metrics ---------------------------------------------------------------

    def pending_by_sink(self) -> list[tuple[str, int]]:
        """Pending deliveries per sink."""
        query = (
            select(alert_deliveries.c.sink, func.count())
            .where(alert_deliveries.c.status == "pending")
            .group_by(alert_deliveries.c.sink)
        )
        with self.locks.read, self.engine.connect() as conn:
            return [(str(s), int(n)) for s, n in conn.execute(query)]
