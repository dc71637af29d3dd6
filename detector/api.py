"""The detection HTTP API (FastAPI): POST /v1/detect, /healthz, /readyz, /metrics."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from pydantic import BaseModel, Field
from starlette.requests import ClientDisconnect

from common.ops_server import Health
from detector.engine import DetectionEngine, FieldDetection, first_stage
from detector.scoring import Budget, Scorer
from detector.settings import DetectorSettings
from detector.walker import WalkLimitError, WalkStats, walk

log = logging.getLogger(__name__)

DOCUMENTS = Counter("sieve_detector_documents_total", "Documents analysed.")
FIELDS = Counter("sieve_detector_fields_total", "JSON leaves walked (after array sampling).")
DETECTIONS = Counter("sieve_detector_detections_total", "Detections returned.", ["type"])
REJECTED = Counter(
    "sieve_detector_requests_rejected_total", "Requests refused, by reason.", ["reason"]
)
SAMPLED_OUT = Counter(
    "sieve_detector_array_items_skipped_total",
    "Array items not inspected because of SIEVE_DETECTOR_ARRAY_SAMPLE.",
)
LATENCY = Histogram("sieve_detector_request_seconds", "Time to answer POST /v1/detect.")
KEYS_TRUNCATED = Counter(
    "sieve_detector_keys_truncated_total",
    "Keys cut to SIEVE_DETECTOR_MAX_KEY_CHARS before the key model read them.",
)
VALUES_DROPPED = Counter(
    "sieve_detector_values_dropped_total",
    "Values not inspected: numbers of over 40 digits, NaN/infinity, strings over "
    "SIEVE_DETECTOR_MAX_VALUE_CHARS.",
)
UNINSPECTED = Counter(
    "sieve_detector_leaves_uninspected_total",
    "Leaves not inspected: under a path over SIEVE_DETECTOR_MAX_PATH_CHARS (long_path) or "
    "past a CPU budget (cpu_budget).",
    ["reason"],
)
DOCUMENTS_SKIPPED = Counter(
    "sieve_detector_documents_skipped_total",
    "Documents not analysed because their request had spent its CPU budget before them.",
)
DOCUMENTS_FAILED = Counter(
    "sieve_detector_documents_failed_total",
    "Documents whose scoring raised; answered with an error for that document only.",
)


class Document(BaseModel):
    """One JSON document to analyse."""

    id: str = Field(description="Caller's id of the document, echoed in the result.")
    body: Any = Field(description="Any JSON value.")


class DetectRequest(BaseModel):
    """A batch of documents."""

    documents: list[Document]


class Detection(BaseModel):
    """A data type found at a JSON path."""

    path: str = Field(description="`$` root, `.key` members, `[*]` array elements.")
    type: str = Field(description="Data type id, e.g. `email`.")
    sensitivity: str = Field(description="`low`, `medium` or `high`.")
    confidence: float = Field(ge=0.0, le=1.0)


class DocumentResult(BaseModel):
    """Detections of one document: one per (path, type)."""

    id: str
    detections: list[Detection]
    uninspected: int = Field(
        0,
        ge=0,
        description="Leaves worth inspecting that were not: under an over-long path or past "
        "a CPU budget. 0 when the whole document was inspected.",
    )
    error: str | None = Field(
        None, description="Set when this document could not be analysed (no detections)."
    )


class DetectResponse(BaseModel):
    """Results in the order of the request's documents."""

    results: list[DocumentResult]


class ErrorResponse(BaseModel):
    """Why a request was refused."""

    error: str


class RequestError(Exception):
    """A refused request: HTTP status and message."""

    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


EngineLoader = Callable[[DetectorSettings], DetectionEngine]


class EngineHolder:
    """Loads the engine in the background; ready once it is loaded."""

    def __init__(self, settings: DetectorSettings, loader: EngineLoader) -> None:
        self.engine: DetectionEngine | None = None
        self.error: str | None = None
        self._settings = settings
        self._loader = loader

    def load(self) -> None:
        """Load now (in the calling thread)."""
        try:
            self.engine = self._loader(self._settings)
            log.info("model loaded", extra={"sha256": self.engine.meta.get("sha256", "")})
        except Exception as exc:  # a broken model keeps the service unready, never crashes it
            self.error = str(exc)
            log.error("cannot load the model: %s", exc)

    def start(self) -> None:
        """Load in a daemon thread."""
        threading.Thread(target=self.load, name="model-loader", daemon=True).start()


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


#: Refusals that leave the body (partly) unread: the connection is closed after them, so
#: that a stalled or endless body does not hold it until the keep-alive timeout.
_UNREAD_BODY = frozenset({"too_large", "busy", "body_timeout", "client_disconnected"})


def _is_json(content_type: str | None) -> bool:
    """``application/json``, with parameters (``; charset=utf-8``) or without."""
    if content_type is None:
        return False
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


class _BodyBudget:
    """Bytes of request bodies being read, across all requests (one event loop: no lock)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held = 0


async def _read_body(request: Request, settings: DetectorSettings, budget: _BodyBudget) -> bytes:
    """The whole body, charged to ``budget`` until the caller gives its length back."""
    limit = settings.max_request_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, "too_large", f"request body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    whole = False
    try:
        async with asyncio.timeout(settings.body_timeout_seconds):
            async for chunk in request.stream():
                size += len(chunk)
                budget.held += len(chunk)
                if size > limit:
                    raise RequestError(413, "too_large", f"request body over {limit} bytes")
                if budget.held > budget.limit:
                    raise RequestError(429, "busy", "too many request bytes in flight; retry")
                chunks.append(chunk)
        whole = True
    except TimeoutError:
        seconds = settings.body_timeout_seconds
        raise RequestError(408, "body_timeout", f"body not received within {seconds} s") from None
    except ClientDisconnect:
        raise RequestError(400, "client_disconnected", "client went away") from None
    finally:
        if not whole:
            budget.held -= size
    return b"".join(chunks)


def _reject_constant(name: str) -> Any:
    return None  # NaN and ±Infinity (not JSON, but lenient senders write them): not data


def _parse(raw: bytes, settings: DetectorSettings) -> list[tuple[str, Any]]:
    try:
        payload = json.loads(raw, parse_constant=_reject_constant)
    except RecursionError:
        raise RequestError(422, "too_deep", "JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(400, "invalid_json", f"request body is not valid JSON: {exc}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("documents"), list):
        raise RequestError(
            422, "invalid_shape", 'expected {"documents": [{"id": ..., "body": ...}]}'
        )
    docs = payload["documents"]
    if len(docs) > settings.max_documents:
        raise RequestError(
            413, "too_many_documents", f"{len(docs)} documents; at most {settings.max_documents}"
        )
    out: list[tuple[str, Any]] = []
    for i, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or "body" not in doc:
            raise RequestError(
                422,
                "invalid_shape",
                f"documents[{i}] must be an object with a string id and a body",
            )
        out.append((doc["id"], doc["body"]))
    return out


def _shown(doc_id: str) -> str:
    """A caller's id as shown in an error message: bounded, printable."""
    return ascii(doc_id[:64])


def _detect(engine: DetectionEngine, settings: DetectorSettings, raw: bytes) -> bytes:
    """Parse, walk and score a request body; the JSON answer.

    Documents are walked and scored one after the other (small ones scored together), so
    only one document's leaves are held at a time; once the request's CPU budget is spent,
    the documents left are not walked and their results say so.
    """
    docs = _parse(raw, settings)
    max_chars = settings.max_value_chars
    scorer = Scorer(
        engine, len(docs), Budget(settings.document_cpu_seconds, settings.request_cpu_seconds)
    )
    stats = WalkStats()
    long_paths: list[int] = []
    for i, (doc_id, body) in enumerate(docs):
        before = stats.long_path_leaves
        if scorer.spent():
            scorer.skip(i)
            long_paths.append(0)
            continue
        try:
            leaves = walk(
                body,
                max_depth=settings.max_depth,
                max_leaves=settings.max_leaves,
                array_sample=settings.array_sample,
                max_key_chars=settings.max_key_chars,
                max_path_chars=settings.max_path_chars,
                max_value_chars=max_chars,
                stats=stats,
                keep=lambda value, key, parent: first_stage(value, key, parent, max_chars),
                json_strings=settings.json_strings,
            )
        except WalkLimitError as exc:
            raise RequestError(
                422, "limits", f"documents[{i}] (id {_shown(doc_id)}): {exc}"
            ) from None
        long_paths.append(stats.long_path_leaves - before)
        scorer.add(i, leaves)
    scored = scorer.finish()
    DOCUMENTS.inc(len(docs))
    FIELDS.inc(stats.leaves)
    SAMPLED_OUT.inc(stats.array_items_skipped)
    KEYS_TRUNCATED.inc(stats.keys_truncated)
    VALUES_DROPPED.inc(stats.values_dropped)
    UNINSPECTED.labels("long_path").inc(stats.long_path_leaves)
    results = []
    for (doc_id, _), long_path, res in zip(docs, long_paths, scored, strict=True):
        for d in res.detections:
            DETECTIONS.labels(d.type).inc()
        UNINSPECTED.labels("cpu_budget").inc(res.uninspected)
        entry: dict[str, Any] = {
            "id": doc_id,
            "detections": [_as_dict(d) for d in res.detections],
            "uninspected": res.uninspected + long_path,
        }
        if res.failed:
            DOCUMENTS_FAILED.inc()
            entry["error"] = "the document could not be analysed"
        elif res.skipped:
            DOCUMENTS_SKIPPED.inc()
            entry["error"] = "not analysed: the request's CPU budget was spent"
        results.append(entry)
    return _dumps({"results": results})


def _guarded(engine: DetectionEngine, settings: DetectorSettings, raw: bytes) -> bytes:
    """`_detect`; what it did not foresee refuses the request (422), never a 500."""
    try:
        return _detect(engine, settings, raw)
    except RequestError:
        raise
    except Exception as exc:  # its text may quote the body: only its type is logged
        log.warning("request could not be analysed: %s", type(exc).__name__)
        raise RequestError(422, "unprocessable", "the request could not be analysed") from None


def _dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        # lone surrogates (the json module parses them from \ud800 escapes): escaped again
        return json.dumps(value, ensure_ascii=True).encode()


def _as_dict(d: FieldDetection) -> dict[str, Any]:
    return {
        "path": d.path,
        "type": d.type,
        "sensitivity": d.sensitivity,
        "confidence": d.confidence,
    }


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (400, "The body is not valid JSON."),
        (408, "The body did not arrive within SIEVE_DETECTOR_BODY_TIMEOUT_SECONDS."),
        (413, "The body or the number of documents is over the limit."),
        (415, "The Content-Type is not application/json."),
        (422, "Wrong shape, or a document too deep or with too many leaves."),
        (429, "Too many request bytes in flight; retry later."),
        (503, "The model is not loaded yet."),
    )
}


def create_app(
    settings: DetectorSettings,
    loader: EngineLoader = DetectionEngine.load_default,
    health: Health | None = None,
    load_in_background: bool = True,
) -> FastAPI:
    """The FastAPI application; the model loads in the background unless told otherwise."""
    holder = EngineHolder(settings, loader)
    health = health or Health()
    health.add_readiness("model", lambda: holder.engine is not None)
    app = FastAPI(
        title="Sieve detector",
        version="1",
        description="Finds sensitive data types per JSON path of JSON documents.",
    )
    app.state.holder = holder
    body_budget = app.state.body_budget = _BodyBudget(settings.max_inflight_body_bytes)
    turns = asyncio.Semaphore(settings.max_concurrent_requests)

    @app.post(
        "/v1/detect",
        response_model=DetectResponse,
        responses=_ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": DetectRequest.model_json_schema()}},
            }
        },
    )
    async def detect(request: Request) -> Response:
        """Detect sensitive data types in each document, one entry per (path, type)."""
        start = time.perf_counter()
        try:
            if not _is_json(request.headers.get("content-type")):
                raise RequestError(415, "media_type", "Content-Type must be application/json")
            engine = holder.engine
            if engine is None:
                raise RequestError(503, "not_ready", "the model is still loading")
            raw = await _read_body(request, settings, body_budget)
            try:  # a body waiting for its turn still counts as held
                async with turns:
                    answer = await run_in_threadpool(_guarded, engine, settings, raw)
            finally:
                body_budget.held -= len(raw)
        except RequestError as exc:
            REJECTED.labels(exc.reason).inc()
            headers = {"retry-after": "1"} if exc.status == 429 else {}
            if exc.reason in _UNREAD_BODY:  # do not wait for a rest that may never come
                headers["connection"] = "close"
            return _error(exc.status, str(exc), headers)
        finally:
            LATENCY.observe(time.perf_counter() - start)
        return Response(answer, media_type="application/json")

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        """Liveness: the process answers."""
        checks = health.liveness()
        ok = all(checks.values())
        return JSONResponse({"ok": ok, "checks": checks}, status_code=200 if ok else 503)

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        """Readiness: the model is loaded."""
        checks = health.readiness()
        ok = all(checks.values())
        body: dict[str, Any] = {"ok": ok, "checks": checks}
        if holder.error:
            body["error"] = holder.error
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get("/metrics")
    def metrics() -> Response:
        """Prometheus metrics."""
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    if load_in_background:
        holder.start()
    else:
        holder.load()
    return app
