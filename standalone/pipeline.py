"""The pipeline in one process: exchanges → digger core (detector in-process) → store.

`Pipeline` is synchronous (a capture file is read, processed and flushed in one thread).
`LivePipeline` puts a bounded in-memory queue where Kafka would be: capture threads
`offer` exchanges without blocking, one worker thread analyses them and stores a batch
every ``window_seconds``. What the full queue drops is counted.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from google.protobuf.timestamp_pb2 import Timestamp
from prometheus_client import Counter

from collector.store import Store
from digger.identities import IdentityResolver
from digger.pipeline import DetectFn, ExchangeProcessor
from digger.settings import DiggerSettings
from protos.sieve.v1 import exchange_pb2, ingest_pb2, metadata_pb2
from standalone.settings import StandaloneSettings

log = logging.getLogger(__name__)

QUEUE_DROPPED = Counter(
    "sieve_standalone_queue_dropped_total",
    "Exchanges dropped unanalysed: the in-memory queue between capture and analysis was "
    "full, or still held them when the drain time at stop ran out.",
)
DOCUMENTS_REFUSED = Counter(
    "sieve_standalone_documents_refused_total",
    "JSON bodies the detector engine refused (past its limits); stored without detections.",
)
BATCHES_REJECTED = Counter(
    "sieve_standalone_batches_rejected_total",
    "Report batches the store refused as malformed (their reports are not shown).",
)
WORKER_ERRORS = Counter(
    "sieve_standalone_worker_errors_total", "Exchanges whose analysis failed (skipped)."
)


class EngineLike(Protocol):
    """What the pipeline needs of the detector engine."""

    def detect(self, body: Any) -> Sequence[Any]:
        """Detections of one document."""

    def detect_many(self, bodies: list[Any]) -> Sequence[Sequence[Any]]:
        """Detections of each document."""


def tolerant(engine: EngineLike) -> DetectFn:
    """``engine.detect_many``, except that a document the engine refuses (past its depth or
    leaf limits) gets no detections and is counted, while the rest of its batch is scored."""

    def detect(docs: list[Any]) -> Sequence[Sequence[Any]]:
        try:
            return engine.detect_many(docs)
        except Exception:
            out: list[Sequence[Any]] = []
            for doc in docs:
                try:
                    out.append(engine.detect(doc))
                except Exception:
                    DOCUMENTS_REFUSED.inc()
                    log.debug("document refused by the detector", exc_info=True)
                    out.append([])
            return out

    return detect


@functools.cache
def _engine(custom_types_file: str | None) -> EngineLike:
    from detector.engine import DetectionEngine

    return DetectionEngine.load_default()


def engine_detect() -> DetectFn:
    """The detector engine in-process (the committed model, loaded once per process and
    custom types file, SIEVE_DETECTOR_CUSTOM_TYPES_FILE)."""
    return tolerant(_engine(os.environ.get("SIEVE_DETECTOR_CUSTOM_TYPES_FILE")))


def _timestamp(ns: int) -> Timestamp:
    ts = Timestamp()
    ts.FromNanoseconds(ns)
    return ts


class Pipeline:
    """Exchanges in; endpoint reports out, each window stored as a batch in ``store``."""

    def __init__(
        self,
        settings: StandaloneSettings,
        identities: IdentityResolver,
        store: Store,
        *,
        detect: DetectFn | None = None,
        digger_settings: DiggerSettings | None = None,
        detect_factory: Callable[[], DetectFn] = engine_detect,
        on_reports: Callable[[list[metadata_pb2.EndpointReport]], None] | None = None,
    ) -> None:
        self.settings = settings
        self.on_reports = on_reports
        self.store = store
        self.digger_settings = digger_settings or DiggerSettings(agent_id=settings.agent_id)
        self._detect = detect
        self._detect_factory = detect_factory
        self.processor = ExchangeProcessor(self.digger_settings, identities, self._detect_lazily)
        self.epoch = time.time_ns()
        self.sequence = 0
        self.exchanges = 0
        self.reports_stored = 0

    def _detect_lazily(self, docs: list[Any]) -> Sequence[Sequence[Any]]:
        if self._detect is None:
            self._detect = self._detect_factory()
        return self._detect(docs)

    def warm_up(self) -> None:
        """Load the detector now rather than at the first body."""
        if self._detect is None:
            self._detect = self._detect_factory()

    def process(self, exchange: exchange_pb2.HttpExchange) -> None:
        """Analyse one exchange (detection runs per batch of bodies)."""
        self.exchanges += 1
        self.processor.process(exchange)
        if self.processor.window_full:
            self.flush()

    def flush(self) -> list[metadata_pb2.EndpointReport]:
        """Close the window: store its reports (in batches) and return them."""
        window = self.processor.flush_window()
        reports = window.reports
        size = self.settings.reports_per_batch
        for i in range(0, len(reports), size):
            self.sequence += 1
            batch = ingest_pb2.MetadataBatch(
                agent_id=self.settings.agent_id,
                batch_id=f"{self.settings.agent_id}/{self.epoch}/{self.sequence}",
                sequence=self.sequence,
                window_start=_timestamp(window.start_ns),
                window_end=_timestamp(window.end_ns),
                reports=reports[i : i + size],
            )
            ack = self.store.ack_batch(batch)
            if ack.status == ingest_pb2.ACK_STATUS_REJECTED:
                BATCHES_REJECTED.inc()
                log.warning("batch rejected by the store", extra={"why": ack.detail})
                continue
            self.reports_stored += len(batch.reports)
        if reports and self.on_reports is not None:
            self.on_reports(reports)
        return reports


_STOP = object()


class LivePipeline:
    """A `Pipeline` behind a bounded queue, run by one worker thread."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.queue: queue.Queue[object] = queue.Queue(pipeline.settings.queue_max_exchanges)
        self.dropped = 0
        self.errors = 0
        self.windows = 0
        self.discarded = 0
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._drain_until = 0.0
        self.ready = threading.Event()

    def offer(self, exchange: exchange_pb2.HttpExchange) -> bool:
        """Queue an exchange without blocking; False (counted) when the queue is full."""
        try:
            self.queue.put_nowait(exchange)
        except queue.Full:
            self.dropped += 1
            QUEUE_DROPPED.inc()
            return False
        return True

    def start(self) -> None:
        """Start the worker (it loads the detector first)."""
        self._thread = threading.Thread(target=self._run, name="pipeline", daemon=True)
        self._thread.start()

    def stop(self, drain_seconds: float = 5.0) -> None:
        """Analyse what is queued for at most ``drain_seconds`` (the rest is counted in
        ``discarded``), store the last window, stop the worker."""
        if self._thread is None:
            return
        self._drain_until = time.monotonic() + drain_seconds
        self._stopping.set()
        with contextlib.suppress(queue.Full):
            self.queue.put_nowait(_STOP)  # wakes an idle worker; a busy one sees the flag
        self._thread.join(drain_seconds + 60.0)  # the last detection and flush may be slow
        self._thread = None

    def _run(self) -> None:
        try:
            self.pipeline.warm_up()
        finally:
            self.ready.set()
        window = self.pipeline.settings.window_seconds
        next_flush = time.monotonic() + window
        while True:
            timeout = 0.0 if self._stopping.is_set() else max(0.0, next_flush - time.monotonic())
            try:
                item = self.queue.get(timeout=timeout)
            except queue.Empty:
                item = None
            if self._stopping.is_set() and (
                item is None or item is _STOP or time.monotonic() > self._drain_until
            ):
                self._discard_rest(item)
                self._flush()
                return
            if isinstance(item, exchange_pb2.HttpExchange):
                try:
                    self.pipeline.process(item)
                except Exception:  # one bad exchange must not stop the analysis
                    self.errors += 1
                    WORKER_ERRORS.inc()
                    log.debug("exchange analysis failed", exc_info=True)
            if time.monotonic() >= next_flush:
                self._flush()
                next_flush = time.monotonic() + window

    def _discard_rest(self, item: object) -> None:
        pending = [item]
        while True:
            try:
                pending.append(self.queue.get_nowait())
            except queue.Empty:
                break
        lost = sum(isinstance(i, exchange_pb2.HttpExchange) for i in pending)
        if lost:
            self.discarded += lost
            QUEUE_DROPPED.inc(lost)
            log.info("exchanges not analysed at stop", extra={"count": lost})

    def _flush(self) -> None:
        try:
            self.pipeline.flush()
        except Exception:
            self.errors += 1
            WORKER_ERRORS.inc()
            log.exception("storing a window failed")
            return
        self.windows += 1
