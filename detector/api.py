"""The detection HTTP API (FastAPI): POST /v1/detect, /healthz, /readyz, /metrics."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from pydantic import BaseModel, Field

from common.ops_server import Health
from detector.engine import DetectionEngine, FieldDetection
from detector.settings import DetectorSettings
from detector.walker import Leaf, WalkLimitError, walk

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


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, "too_large", f"request body over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, "too_large", f"request body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(raw: bytes, settings: DetectorSettings) -> list[tuple[str, Any]]:
    try:
        payload = json.loads(raw)
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


def _detect(
    engine: DetectionEngine, settings: DetectorSettings, docs: list[tuple[str, Any]]
) -> dict[str, Any]:
    walked: list[list[Leaf]] = []
    skipped = [0]
    for i, (doc_id, body) in enumerate(docs):
        try:
            walked.append(
                walk(
                    body,
                    max_depth=settings.max_depth,
                    max_leaves=settings.max_leaves,
                    array_sample=settings.array_sample,
                    skipped=skipped,
                )
            )
        except WalkLimitError as exc:
            raise RequestError(422, "limits", f"documents[{i}] (id {doc_id!r}): {exc}") from None
    found = engine.detect_leaves(walked)
    DOCUMENTS.inc(len(docs))
    FIELDS.inc(sum(len(w) for w in walked))
    SAMPLED_OUT.inc(skipped[0])
    results = []
    for (doc_id, _), dets in zip(docs, found, strict=True):
        for d in dets:
            DETECTIONS.labels(d.type).inc()
        results.append({"id": doc_id, "detections": [_as_dict(d) for d in dets]})
    return {"results": results}


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
        (413, "The body or the number of documents is over the limit."),
        (422, "Wrong shape, or a document too deep or with too many leaves."),
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
            engine = holder.engine
            if engine is None:
                raise RequestError(503, "not_ready", "the model is still loading")
            raw = await _read_body(request, settings.max_request_bytes)
            docs = _parse(raw, settings)
            result = await run_in_threadpool(_detect, engine, settings, docs)
        except RequestError as exc:
            REJECTED.labels(exc.reason).inc()
            return _error(exc.status, str(exc))
        finally:
            LATENCY.observe(time.perf_counter() - start)
        return JSONResponse(result)

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
