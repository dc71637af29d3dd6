"""Drift states for policies: the API catalogue's, computed outside the store's write lock.

`Store.drift_states` is read inside the ingest transaction, under the store's write lock.
Reading the catalogue there would deadlock (in-memory SQLite reads take that lock) or see
the state before the transaction. So the store only reads the cached map (`DriftFeed.states`);
a worker recomputes it when a spec document changes, when an ingest brings an endpoint, a
field or a detection the last computation did not see, or when asked (policies reloaded),
and re-evaluates the policies on the endpoints whose states changed.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy.exc import SQLAlchemyError

from collector.drift import endpoint_drift_states
from collector.openapi import endpoint_details
from collector.specs import SpecRegistry
from collector.store import DetectionKey, Store

log = logging.getLogger("collector.drift_feed")
_RETRY_SECONDS = 5.0  # after a database error


class DriftFeed:
    """Feeds `Store.drift_states` from ``registry`` and the store's endpoints."""

    def __init__(self, store: Store, registry: SpecRegistry) -> None:
        self._store = store
        self._registry = registry
        self._states: dict[int, set[str]] = {}
        self._known: frozenset[int] = frozenset()  # endpoint ids the states were computed on
        self._detections: frozenset[DetectionKey] = frozenset()  # and the detections
        self._fields_added = -1  # store.fields_added when they were computed
        self._idle = False  # no document or no policy naming drift states: nothing to compute
        self._compute_lock = threading.Lock()  # never taken by the store's hooks
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def attach(self) -> None:
        """Install the store's and the registry's hooks."""
        self._store.drift_states = self.states
        self._store.after_ingest_commit = self.ingested
        self._registry.on_change(self.invalidate)

    def states(self) -> dict[int, set[str]]:
        """Endpoint id → drift states, as last computed (no database access, no lock)."""
        return self._states

    def invalidate(self) -> None:
        """Recompute soon (on the worker)."""
        self._wake.set()

    def ingested(self, endpoint_ids: set[int], detections: set[DetectionKey]) -> None:
        """After an ingest commit: recompute when it brought endpoints, fields or detections
        not seen."""
        if self._idle:
            return
        if (
            self._store.fields_added != self._fields_added
            or not endpoint_ids <= self._known
            or not detections <= self._detections
        ):
            self._wake.set()

    def refresh(self) -> set[int]:
        """Recompute now and re-evaluate the policies on the endpoints whose states changed;
        return those endpoint ids."""
        with self._compute_lock:
            fields_added = self._store.fields_added
            documents = self._registry.documents()
            uses_drift = any(rule.drift_states for rule in self._store.policies.policies)
            new: dict[int, set[str]] = {}
            self._idle = not (documents and uses_drift)
            if not self._idle:
                details = endpoint_details(self._store)
                new = endpoint_drift_states(details, documents)
                self._known = frozenset(d.id for d in details)
                self._detections = frozenset(
                    (d.id, f.direction, f.json_path, t.data_type)
                    for d in details
                    for f in (*d.request_fields, *d.response_fields)
                    for t in f.detections
                )
                self._fields_added = fields_added
            old = self._states
            changed = {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
            self._states = new
            if changed:
                self._store.reevaluate(changed)
            return changed

    def start(self) -> None:
        """Compute once now, then on every invalidation in a worker thread."""
        self.refresh()
        self._thread = threading.Thread(target=self._run, name="drift-feed", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the worker."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            if self._stop.is_set():
                return
            self._wake.clear()
            started = time.monotonic()
            try:
                changed = self.refresh()
            except SQLAlchemyError:
                log.exception("drift states not recomputed; retrying")
                self._stop.wait(_RETRY_SECONDS)
                self._wake.set()
                continue
            except Exception:  # a document drift cannot handle: keep serving, try on a change
                log.exception("drift states not recomputed")
                continue
            if changed:
                log.info("drift states changed", extra={"endpoints": len(changed)})
            # A computation reads every endpoint: on a store that keeps changing, rest as long
            # as it took, so the worker uses at most half of a core.
            self._stop.wait(time.monotonic() - started)
