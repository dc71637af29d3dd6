"""The collector's HTTP side: the JSON API under ``/api/v1`` and the dashboard at ``/``.

Everything the dashboard and ``/docs`` load is served from ``collector/static`` (no internet
needed); a Content-Security-Policy of ``'self'`` keeps it that way. List endpoints are paged:
``limit`` (default `DEFAULT_PAGE_SIZE`, at most `MAX_PAGE_SIZE`) and ``offset``; the body stays
a JSON array, ``X-Total-Count`` gives the total and ``Link: <...>; rel="next"`` the next page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from collector.catalogue_api import catalogue_router
from collector.custom_types import CustomTypeInfo
from collector.http_auth import HttpAuth
from collector.map_layouts import LayoutCache, map_layout_router
from collector.policies import PolicySet
from collector.specs import SpecRegistry
from collector.store import Store
from collector.views import (
    ClusterLinksView,
    CustomTypeView,
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

DEFAULT_PAGE_SIZE = 500
DEFAULT_MAP_LAYOUT_ENTRIES = 32  # CollectorSettings.map_layout_cache_entries
MAX_PAGE_SIZE = 5000
_ID_MAX = 2**31 - 1  # ids are INTEGER columns (32-bit on PostgreSQL)

T = TypeVar("T")

Offset = Annotated[int, Query(ge=0, le=2**63 - 1, description="Items to skip.")]
Namespace = Annotated[str | None, Query(description="Only what involves this namespace.")]
ClusterParam = Annotated[
    str | None,
    Query(
        max_length=128,
        description="Only what this cluster reported (empty: the unnamed cluster).",
    ),
]
DataTypeParam = Annotated[
    str | None, Query(description="Only what carries this data type id (e.g. email).")
]
Sensitivity = Annotated[
    Literal["low", "medium", "high"] | None,
    Query(description="Only what carries data of at least this sensitivity."),
]


def _page(
    items: Sequence[T], request: Request, response: Response, limit: int, offset: int
) -> list[T]:
    """One page of ``items``; sets X-Total-Count and, when more follow, a Link to the next."""
    response.headers["X-Total-Count"] = str(len(items))
    if offset + limit < len(items):
        following = request.url.include_query_params(limit=limit, offset=offset + limit)
        response.headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
    return list(items[offset : offset + limit])


def _add_lookups(app: FastAPI, store: Store, custom_types: Sequence[CustomTypeInfo]) -> None:
    """The small lookup routes: custom data types, links between clusters."""
    _add_custom_types(app, custom_types)

    @app.get("/api/v1/cluster-links", response_model=ClusterLinksView, tags=["map"])
    def cluster_links(cluster: ClusterParam = None) -> ClusterLinksView:
        """Calls from one cluster to another cluster's entry point that both clusters
        reported: the client cluster's EXTERNAL workload, the serving workloads, and the
        endpoint pairs with the same method and path."""
        return store.cluster_links(cluster)


def _paged(
    cut: tuple[list[T], int], request: Request, response: Response, limit: int, offset: int
) -> list[T]:
    """A page the store cut itself, with the total; headers as `_page` sets them."""
    page, total = cut
    response.headers["X-Total-Count"] = str(total)
    if offset + limit < total:
        following = request.url.include_query_params(limit=limit, offset=offset + limit)
        response.headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
    return page


def _add_custom_types(app: FastAPI, custom_types: Sequence[CustomTypeInfo]) -> None:
    views = [CustomTypeView(id=t.id, name=t.name, sensitivity=t.sensitivity) for t in custom_types]

    @app.get("/api/v1/custom-types", response_model=list[CustomTypeView], tags=["inventory"])
    def list_custom_types() -> list[CustomTypeView]:
        """The user's own data types (SIEVE_COLLECTOR_CUSTOM_TYPES_FILE): id, display name and
        sensitivity. Other views name a data type by its id."""
        return views


def create_app(
    store: Store,
    policies: PolicySet | None = None,
    auth: HttpAuth | None = None,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    specs: SpecRegistry | None = None,
    custom_types: Sequence[CustomTypeInfo] = (),
    map_layout_entries: int = DEFAULT_MAP_LAYOUT_ENTRIES,
) -> FastAPI:
    """The API and dashboard over ``store``. When ``policies`` is given it is put in force
    (``store.set_policies``); otherwise the store's current policies are served. ``auth``
    guards every path but ``/healthz`` (None: open). ``page_size``: lists' default limit.
    ``specs``: the supplied OpenAPI documents drift is computed against. ``custom_types``: the
    user's own data types (display names and sensitivities for the dashboard).
    ``map_layout_entries``: data-map layouts kept for the next browsers (collector.map_layouts)."""
    limit_default = Query(
        default=page_size,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Items per page (default {page_size}; the Link header has the next).",
    )
    if policies is not None:
        store.set_policies(policies)
    app = FastAPI(
        title="Sieve collector",
        version="1",
        summary="Where sensitive data flows: workloads, flows, endpoints, data types, policies.",
        docs_url=None,
        redoc_url=None,
        routes=map_layout_router(LayoutCache(map_layout_entries)).routes,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        denied = auth.check(request.url.path, dict(request.headers)) if auth else None
        if denied is not None:
            response: Response = JSONResponse({"detail": "authentication required"}, 401)
            if denied.challenge:
                response.headers["WWW-Authenticate"] = denied.challenge
        else:
            response = await call_next(request)
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
        *,
        request: Request,
        response: Response,
        namespace: Namespace = None,
        cluster: ClusterParam = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
        limit: int = limit_default,
        offset: Offset = 0,
    ) -> list[WorkloadView]:
        """Workloads with the data types each sends and receives."""
        found = store.workloads(Filters.parse(namespace, data_type, min_sensitivity, cluster))
        return _page(found, request, response, limit, offset)

    @app.get("/api/v1/flows", response_model=list[FlowView], tags=["map"])
    def flows(
        *,
        request: Request,
        response: Response,
        namespace: Namespace = None,
        cluster: ClusterParam = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
        limit: int = limit_default,
        offset: Offset = 0,
    ) -> list[FlowView]:
        """Source → destination pairs with data types and highest sensitivity."""
        found = store.flows(Filters.parse(namespace, data_type, min_sensitivity, cluster))
        return _page(found, request, response, limit, offset)

    @app.get("/api/v1/endpoints", response_model=list[EndpointSummary], tags=["endpoints"])
    def endpoints(
        *,
        request: Request,
        response: Response,
        namespace: Namespace = None,
        cluster: ClusterParam = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
        limit: int = limit_default,
        offset: Offset = 0,
    ) -> list[EndpointSummary]:
        """The endpoint catalogue, busiest first."""
        filters = Filters.parse(namespace, data_type, min_sensitivity, cluster)
        return _paged(
            store.endpoints_page(filters, limit, offset), request, response, limit, offset
        )

    @app.get("/api/v1/endpoints/{endpoint_id}", response_model=EndpointDetail, tags=["endpoints"])
    def endpoint(endpoint_id: Annotated[int, PathParam(ge=1, le=_ID_MAX)]) -> EndpointDetail:
        """One endpoint with its field schema and detections per field."""
        found = store.endpoint(endpoint_id)
        if found is None:
            raise HTTPException(status_code=404, detail="no such endpoint")
        return found

    @app.get("/api/v1/data-types", response_model=list[DataTypeView], tags=["inventory"])
    def data_types(
        *,
        request: Request,
        response: Response,
        namespace: Namespace = None,
        cluster: ClusterParam = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
        limit: int = limit_default,
        offset: Offset = 0,
    ) -> list[DataTypeView]:
        """Which workloads send and receive each data type."""
        found = store.data_types(Filters.parse(namespace, data_type, min_sensitivity, cluster))
        return _page(found, request, response, limit, offset)

    _add_lookups(app, store, custom_types)

    @app.get("/api/v1/violations", response_model=list[ViolationView], tags=["policies"])
    def violations(
        *,
        request: Request,
        response: Response,
        namespace: Namespace = None,
        cluster: ClusterParam = None,
        data_type: DataTypeParam = None,
        min_sensitivity: Sensitivity = None,
        limit: int = limit_default,
        offset: Offset = 0,
    ) -> list[ViolationView]:
        """Current policy violations with first and last seen, most recent first."""
        filters = Filters.parse(namespace, data_type, min_sensitivity, cluster)
        return _paged(
            store.violations_page(filters, limit, offset), request, response, limit, offset
        )

    @app.get("/api/v1/policies", tags=["policies"])
    def list_policies() -> list[dict[str, Any]]:
        """The policies in force."""
        return [
            {"key": rule.key, **rule.model_dump(mode="json")} for rule in store.policies.policies
        ]

    app.state.specs = specs  # the supplied OpenAPI documents (collector.drift reads them)
    app.include_router(catalogue_router(store, specs))

    @app.get("/healthz", tags=["ops"])
    def healthz() -> JSONResponse:
        """200 when the database answers, 503 otherwise."""
        ok = store.ping()
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        """Swagger UI from the vendored copy (the app's CSP allows no CDN)."""
        return FileResponse(STATIC_DIR / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
