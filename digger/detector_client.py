"""HTTP client of the detector (`POST /v1/detect`): batches, keep-alive, timeouts, retries
with backoff, a circuit breaker. Its ``__call__`` has the `ExchangeProcessor` ``detect``
signature; when it raises, the processor keeps the batch and the service pauses.

A document the detector refuses (400/413/422) or fails on (500) is that document's
problem, not the detector's: the batch is split until the culprit is alone, the culprit is
counted and gets no detections, and the rest are detected. A 500 neither is retried nor
counts against the breaker. Only when every document of a batch fails alone is the
detector itself taken to be failing."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from common.backoff import Backoff
from digger import metrics

log = logging.getLogger(__name__)


class DetectorError(Exception):
    """The detector could not answer (down, overloaded, breaker open)."""


@dataclass(frozen=True)
class Detection:
    """One detection from the detector's answer."""

    path: str
    type: str
    sensitivity: str
    confidence: float


class CircuitBreaker:
    """Closed → open after ``failures`` consecutive failures → one probe after ``reset``."""

    def __init__(
        self,
        failures: int = 5,
        reset_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failures = failures
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._count = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """True while requests are refused (not yet time to probe)."""
        with self._lock:
            return self._opened_at is not None and (
                self._clock() - self._opened_at < self.reset_seconds
            )

    def allow(self) -> bool:
        """May a request go out now? (Closed, or open long enough for a probe.)"""
        return not self.is_open

    def success(self) -> None:
        """A request succeeded: close."""
        with self._lock:
            self._count = 0
            self._opened_at = None
        metrics.DETECTOR_BREAKER_OPEN.set(0)

    def failure(self) -> None:
        """A request failed: open after enough of them (a failed probe reopens)."""
        with self._lock:
            self._count += 1
            if self._count >= self.failures or self._opened_at is not None:
                self._opened_at = self._clock()
                metrics.DETECTOR_BREAKER_OPEN.set(1)


class DetectorClient:
    """Calls the detector service; thread-safe."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff_initial: float = 0.2,
        backoff_max: float = 5.0,
        breaker: CircuitBreaker | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.retries = retries
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.breaker = breaker or CircuitBreaker()
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            limits=httpx.Limits(max_keepalive_connections=4, keepalive_expiry=60),
            transport=transport,
        )
        self.last_ok = True
        self._probed_at = -1e9
        self._probe_ok = False

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    @property
    def available(self) -> bool:
        """False while the breaker is open or the last call failed."""
        return self.last_ok and not self.breaker.is_open

    def probe(self, max_age: float = 5.0) -> bool:
        """Did the detector's /readyz answer 200 (asked at most every ``max_age`` seconds)?"""
        now = time.monotonic()
        if now - self._probed_at >= max_age:
            self._probed_at = now
            try:
                self._probe_ok = self._http.get("/readyz", timeout=2.0).status_code == 200
            except httpx.HTTPError:
                self._probe_ok = False
        return self._probe_ok

    def healthy(self) -> bool:
        """Readiness: `available`, and the detector's /readyz answered 200 lately."""
        return self.probe() and self.available

    def __call__(self, documents: list[Any]) -> list[list[Detection]]:
        """Detections per document, in order; raises DetectorError when it cannot answer."""
        try:
            out = self._detect(documents)
        except DetectorError:
            self.last_ok = False
            raise
        self.last_ok = True
        return out

    def _detect(self, documents: list[Any]) -> list[list[Detection]]:
        if not documents:
            return []
        split = _Split()
        out = self._detect_part(documents, split)
        if split.poisoned and not split.answered and len(documents) > 1:
            # every document failed alone: that is the detector failing, not the documents
            self.breaker.failure()
            raise DetectorError(f"detector failed on each of {len(documents)} documents")
        if split.poisoned:
            metrics.DETECTOR_POISONED.inc(split.poisoned)
        return out

    def _detect_part(self, documents: list[Any], split: _Split) -> list[list[Detection]]:
        payload = {"documents": [{"id": str(i), "body": d} for i, d in enumerate(documents)]}
        response = self._post(payload)
        status = response.status_code
        if status in _DOCUMENT_FAULTS:
            # the detector refuses or fails on something in the batch: split until the
            # culprit is alone
            if len(documents) == 1:
                if status == _FAILED:
                    split.poisoned += 1
                    log.debug("detector failed on a document")
                else:
                    split.answered += 1  # refused: the detector judged it
                    metrics.DETECTOR_REJECTED.inc()
                    log.debug("detector refused a document", extra={"status": status})
                return [[]]
            half = len(documents) // 2
            first = self._detect_part(documents[:half], split)
            return first + self._detect_part(documents[half:], split)
        out, failed = self._parse(response, len(documents))
        split.answered += len(documents) - failed
        split.poisoned += failed
        return out

    def _post(self, payload: dict[str, Any]) -> httpx.Response:
        body = _dumps(payload)
        backoff = Backoff.exponential(
            self.backoff_initial, self.backoff_max, retry_after_max=self.backoff_max
        )
        retry_after: float | None = None
        last: str = ""
        for attempt in range(self.retries + 1):
            if not self.breaker.allow():
                raise DetectorError("circuit breaker open")
            started = time.perf_counter()
            try:
                metrics.DETECTOR_REQUESTS.inc()
                response = self._http.post("/v1/detect", content=body, headers=_JSON)
            except httpx.HTTPError as exc:
                metrics.DETECTOR_ERRORS.labels(kind=type(exc).__name__).inc()
                last = f"{type(exc).__name__}: {exc}"
                self.breaker.failure()
            else:
                metrics.DETECTOR_LATENCY.observe(time.perf_counter() - started)
                if response.status_code == _FAILED:
                    # the detector is up and failed on this input: the caller splits
                    metrics.DETECTOR_ERRORS.labels(kind="http_500").inc()
                    return response
                if response.status_code < 500 and response.status_code != 429:
                    self.breaker.success()
                    return response
                metrics.DETECTOR_ERRORS.labels(kind=f"http_{response.status_code}").inc()
                last = f"HTTP {response.status_code}"
                self.breaker.failure()
                retry_after = _retry_after(response)
            if attempt < self.retries:
                self._sleep(backoff.next(retry_after))
                retry_after = None
        raise DetectorError(f"detector unavailable after {self.retries + 1} attempts: {last}")

    @staticmethod
    def _parse(response: httpx.Response, count: int) -> tuple[list[list[Detection]], int]:
        """Detections per document, and how many documents the detector failed on."""
        if response.status_code != 200:
            raise DetectorError(f"detector answered HTTP {response.status_code}")
        failed = 0
        try:
            results = _loads(response.content)["results"]
            by_id: dict[str, list[Detection]] = {}
            for result in results:
                if result.get("error"):
                    failed += 1
                metrics.DETECTOR_UNINSPECTED.inc(max(0, int(result.get("uninspected") or 0)))
                by_id[str(result["id"])] = [
                    Detection(
                        path=str(d["path"]),
                        type=str(d["type"]),
                        sensitivity=str(d.get("sensitivity", "")),
                        confidence=float(d.get("confidence", 0.0)),
                    )
                    for d in result.get("detections") or []
                ]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DetectorError(f"malformed detector answer: {exc!r}") from None
        return [by_id.get(str(i), []) for i in range(count)], failed


@dataclass
class _Split:
    """Documents of one batch answered, and failed on alone, while splitting it."""

    answered: int = 0
    poisoned: int = 0


_JSON = {"content-type": "application/json"}
_FAILED = 500
_DOCUMENT_FAULTS = frozenset({400, 413, 422, _FAILED})


def _loads(content: bytes) -> Any:
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        # escaped lone surrogates (paths under keys only the json module parses) are valid
        # JSON that orjson refuses
        return json.loads(content)


def _dumps(payload: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(payload)
    except orjson.JSONEncodeError:
        # what orjson refuses (integers past 64 bits, lone surrogates, both only from the
        # lenient parser's documents) the json module writes; if the detector refuses it,
        # the batch is split until the culprit is alone, as for any refused document
        return json.dumps(payload).encode()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
