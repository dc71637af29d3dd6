"""The collector's HTTP side: the JSON API under ``/api/v1`` and the dashboard at ``/``.

Everything the dashboard loads is served from ``collector/static`` (no internet needed);
a Content-Security-Policy of ``'self'`` keeps it that way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from collector.policies import PolicySet
from collector.store import Store
from collector.views import (
    DataTypeView,
    EndpointDetail,
    EndpointSummary,
    Filters,
    FlowView,
    SummaryView,
    ViolationView,
    WorkloadView,
)

STATIC_DIR = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

Namespace = Annotated[str | None, Query(description="Only what involves this namespace.")]
DataTypeParam = Annotated[
    str | None, Query(description="Only what carries this data type id (e.g. email).")
]
Sensitivity = Annotated[
    Literal["low", "medium", "high"] | None,
    Query(description="Only what carries data of at least this sensitivity."),
]


def create_app(store: Store, policies: PolicySet | None = None) -> FastAPI:
    """The API and dashboard over ``store``. When ``policies`` is given it is put in force
    (``store.set_policies``); otherwise the store's current policies are served."""
    if policies is not None:
        store.set_policies(policies)
    app = FastAPI(
        title="Sieve collector",
        version="1",
        summary="Where sensitive data flows: workloads, flows, endpoints, data types, policies.",
    )

    def filters(
        namespace: str | None, data_type: str | None, min_sensitivity: str | None
    ) -> Filters:
        return Filters.parse(namespace, data_type, min_sensitivity)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if not request.url.path.startswith("/api/"):
            response.headers["Content-Security-Policy"] = CSP
        return response

    @app.get("/api/v1/summary", response_model=SummaryView, tags=["map"])
    def summary() -> SummaryView:
        """Totals and the namespaces seen."""
        return store.summary()

    @app.get("/api/v1/workloads", response_model=list[WorkloadView], tags=["map"])
    def workloads(
        namespace: Namespace = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
    ) -> list[WorkloadView]:
        """Workloads with the data types each sends and receives."""
        return store.workloads(filters(namespace, data_type, min_sensitivity))

    @app.get("/api/v1/flows", response_model=list[FlowView], tags=["map"])
    def flows(
        namespace: Namespace = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
    ) -> list[FlowView]:
        """Source → destination pairs with data types and highest sensitivity."""
        return store.flows(filters(namespace, data_type, min_sensitivity))

    @app.get("/api/v1/endpoints", response_model=list[EndpointSummary], tags=["endpoints"])
    def endpoints(
        namespace: Namespace = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
    ) -> list[EndpointSummary]:
        """The endpoint catalogue, busiest first."""
        return store.endpoints(filters(namespace, data_type, min_sensitivity))

    @app.get("/api/v1/endpoints/{endpoint_id}", response_model=EndpointDetail, tags=["endpoints"])
    def endpoint(endpoint_id: int) -> EndpointDetail:
        """One endpoint with its field schema and detections per field."""
        found = store.endpoint(endpoint_id)
        if found is None:
            raise HTTPException(status_code=404, detail="no such endpoint")
        return found

    @app.get("/api/v1/data-types", response_model=list[DataTypeView], tags=["inventory"])
    def data_types(
        namespace: Namespace = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
    ) -> list[DataTypeView]:
        """Which workloads send and receive each data type."""
        return store.data_types(filters(namespace, data_type, min_sensitivity))

    @app.get("/api/v1/violations", response_model=list[ViolationView], tags=["policies"])
    def violations(
        namespace: Namespace = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
    ) -> list[ViolationView]:
        """Current policy violations with first and last seen, most recent first."""
        return store.violations(filters(namespace, data_type, min_sensitivity))

    @app.get("/api/v1/policies", tags=["policies"])
    def list_policies() -> list[dict[str, Any]]:
        """The policies in force."""
        return [
            {"key": rule.key, **rule.model_dump(mode="json")} for rule in store.policies.policies
        ]

    @app.get("/healthz", tags=["ops"])
    def healthz() -> JSONResponse:
        """200 when the database answers, 503 otherwise."""
        ok = store.ping()
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
