"""The Kubernetes watch loop (IO), kopf-style, feeding a `ClusterState`.

`ResourceWatcher` runs one resource: list, then watch from the list's resourceVersion with
bookmarks; relist on 410 Gone; retries on the shared `common.backoff.Backoff` policy
(jittered, Retry-After as a floor up to the longest wait, reset after a success); the watch
is restarted after an inactivity timeout.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from common.backoff import Backoff, retry_after_seconds
from digger import metrics
from digger.cluster_state import ClusterState, Obj, object_meta

log = logging.getLogger(__name__)


class WatchGoneError(Exception):
    """The resourceVersion is too old (HTTP 410): relist."""


class ResourceWatcher:
    """List-then-watch loop for one resource; see the module docstring.

    ``list_fn(**kwargs)`` is a kubernetes-client list function called with
    ``_preload_content=False``: for a list it returns a response with ``.data`` (JSON
    bytes); with ``watch=True`` a response iterating JSON lines (one event each).
    """

    def __init__(
        self,
        resource: str,
        list_fn: Callable[..., Any],
        state: ClusterState,
        *,
        stop: threading.Event,
        timeout_seconds: int = 300,
        inactivity_seconds: float = 120.0,
        backoff_initial: float = 0.5,
        backoff_max: float = 30.0,
        sleep: Callable[[float], Any] | None = None,
    ) -> None:
        self.resource = resource
        self.list_fn = list_fn
        self.state = state
        self.stop = stop
        self.timeout_seconds = timeout_seconds
        self.inactivity_seconds = inactivity_seconds
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self._sleep = sleep or stop.wait
        self.resource_version: str | None = None
        self.synced = threading.Event()
        self.restarts: dict[str, int] = {}
        self._response: Any = None

    def interrupt(self) -> None:
        """Unblock a watch read from another thread (after ``stop`` is set).

        A watch blocks in a socket read until the next event; without this a stop would
        wait for up to the inactivity timeout.
        """
        response = self._response
        shutdown = getattr(response, "shutdown", None)
        if shutdown is not None:
            try:
                shutdown()
            except Exception:  # already closed: nothing to unblock
                log.debug("watch shutdown failed", exc_info=True)

    def run(self) -> None:
        """Loop until ``stop`` is set."""
        backoff = Backoff.exponential(
            self.backoff_initial, self.backoff_max, retry_after_max=self.backoff_max
        )
        while not self.stop.is_set():
            try:
                if self.resource_version is None:
                    self._list()
                    backoff.reset()
                self._watch()
                backoff.reset()
                self._restart("timeout")  # the server ended the watch: continue from rv
                continue
            except WatchGoneError:
                self.resource_version = None
                self._restart("gone")
                continue  # relist at once
            except Exception as exc:
                if self.stop.is_set():
                    return  # interrupted on purpose
                reason = self._failure(exc)
                wait = backoff.next(retry_after_seconds(getattr(exc, "headers", None)))
                self._restart(reason)
                log.warning(
                    "watch failed",
                    extra={"resource": self.resource, "reason": reason, "retry_in": round(wait, 2)},
                )
                self._sleep(wait)

    def _restart(self, reason: str) -> None:
        self.restarts[reason] = self.restarts.get(reason, 0) + 1
        metrics.WATCH_RESTARTS.labels(resource=self.resource, reason=reason).inc()

    def _failure(self, exc: Exception) -> str:
        """The restart reason of ``exc`` (a 410 also forgets the resourceVersion)."""
        status = getattr(exc, "status", None)
        if status == 410:
            self.resource_version = None
        reason = f"http_{status}" if isinstance(status, int) and status else type(exc).__name__
        if "timeout" in type(exc).__name__.lower():
            reason = "inactivity"
        return reason

    def _list(self) -> None:
        response = self.list_fn(_preload_content=False, _request_timeout=(10, 60))
        body = json.loads(response.data)
        self.state.replace(self.resource, body.get("items") or [])
        self.resource_version = str(body["metadata"]["resourceVersion"])
        self.synced.set()

    def _watch(self) -> None:
        response = self.list_fn(
            watch=True,
            resource_version=self.resource_version,
            allow_watch_bookmarks=True,
            timeout_seconds=self.timeout_seconds,
            _preload_content=False,
            _request_timeout=(10, self.inactivity_seconds),
        )
        self._response = response
        try:
            for line in response:
                if self.stop.is_set():
                    return
                if not line.strip():
                    continue
                self._event(json.loads(line))
        finally:
            self._response = None
            release = getattr(response, "release_conn", None)
            if release is not None:
                release()

    def _event(self, event: Obj) -> None:
        kind = event.get("type")
        obj = event.get("object") or {}
        if kind == "ERROR":
            if obj.get("code") == 410:
                raise WatchGoneError(obj.get("message", "gone"))
            raise RuntimeError(f"watch error {obj.get('code')}: {obj.get('reason')}")
        rv = object_meta(obj).get("resourceVersion")
        if kind in ("ADDED", "MODIFIED", "DELETED"):
            metrics.WATCH_EVENTS.labels(resource=self.resource).inc()
            self.state.apply(self.resource, kind, obj)
        elif kind != "BOOKMARK":
            log.debug("unknown watch event", extra={"type": kind})
        if rv:
            self.resource_version = str(rv)
