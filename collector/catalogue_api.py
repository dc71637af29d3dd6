"""The API catalogue's routes: OpenAPI export, supplied specs and drift, as a FastAPI router
that `collector.web.create_app` includes under the same authentication.

Changing the specs also needs a write token (``X-Sieve-Write-Token``, one of the lines of
the collector's SPECS_WRITE_TOKEN_FILE): reading the dashboard does not allow writing."""

from __future__ import annotations

import re
from typing import Annotated, Literal

import yaml
from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from collector.catalogue_queries import CatalogueEntry, catalogue_page
from collector.drift import DriftReport, compute_drift
from collector.openapi import document_for, endpoint_details, server_workloads
from collector.specs import SpecError, SpecRegistry
from collector.store import Store
from collector.views import Filters


class SpecView(BaseModel):
    """A supplied document: its name, the server it describes, how many operations."""

    name: str
    workload: str | None
    operations: int
    deprecated: int


SpecName = Annotated[str, PathParam(max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]

Workload = Annotated[
    str | None,
    Query(max_length=600, description="Server workload (namespace/name); none: every server."),
]
Format = Annotated[Literal["json", "yaml"], Query(description="json (default) or yaml.")]


def catalogue_router(store: Store, specs: SpecRegistry | None = None) -> APIRouter:
    """Routes over ``store`` and the supplied ``specs`` (none: an empty registry that
    refuses uploads)."""
    router = APIRouter(tags=["catalogue"])
    registry = specs if specs is not None else SpecRegistry()

    def views() -> list[SpecView]:
        return [
            SpecView(
                name=d.name,
                workload=d.workload,
                operations=len(d.operations),
                deprecated=sum(op.deprecated for op in d.operations),
            )
            for d in registry.documents()
        ]

    _add_catalogue(router, store)

    @router.get("/api/v1/specs", response_model=list[SpecView])
    def list_specs() -> list[SpecView]:
        """The OpenAPI documents supplied (chart ConfigMap and uploads)."""
        return views()

    @router.put(
        "/api/v1/specs/{name}",
        response_model=SpecView,
        status_code=201,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/yaml": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}},
                },
            }
        },
    )
    async def put_spec(
        name: SpecName,
        request: Request,
        workload: Workload = None,
        x_sieve_write_token: Annotated[str | None, Header()] = None,
    ) -> SpecView:
        """Add or replace a document (YAML or JSON body) for ``workload`` (or the one its
        ``info.x-sieve-workload`` names; none: any server). Needs a write token."""
        if not registry.may_write(x_sieve_write_token):
            raise HTTPException(status_code=403, detail="a valid X-Sieve-Write-Token is needed")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > registry.max_bytes:
                raise HTTPException(status_code=413, detail="document too large")
        try:
            registry.put(name, body.decode("utf-8"), workload)
        except UnicodeDecodeError:
            raise HTTPException(status_code=422, detail="the document is not UTF-8") from None
        except SpecError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        return next(v for v in views() if v.name == name)

    @router.delete("/api/v1/specs/{name}", status_code=204)
    def delete_spec(
        name: SpecName, x_sieve_write_token: Annotated[str | None, Header()] = None
    ) -> Response:
        """Remove a document. Needs a write token."""
        if not registry.may_write(x_sieve_write_token):
            raise HTTPException(status_code=403, detail="a valid X-Sieve-Write-Token is needed")
        try:
            found = registry.delete(name)
        except SpecError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None
        if not found:
            raise HTTPException(status_code=404, detail="no such document")
        return Response(status_code=204)

    @router.get("/api/v1/drift", response_model=DriftReport)
    def drift(
        since: Annotated[
            str | None,
            Query(
                max_length=40,
                pattern=r"^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$",
                description="Only endpoints last seen at or after this UTC time (ISO 8601); "
                "documented operations not seen since are unused.",
            ),
        ] = None,
    ) -> DriftReport:
        """Shadow, zombie and unused endpoints, undocumented fields and sensitive fields the
        documents do not declare."""
        return compute_drift(endpoint_details(store), registry.documents(), since)

    @router.get("/api/v1/openapi/servers", response_model=list[str])
    def openapi_servers() -> list[str]:
        """Workloads that served an endpoint: the ``workload`` values of ``/api/v1/openapi``."""
        return server_workloads(store)

    @router.get(
        "/api/v1/openapi",
        responses={200: {"content": {"application/json": {}, "application/yaml": {}}}},
    )
    def openapi_export(
        workload: Workload = None,
        format: Format = "json",
        download: Annotated[bool, Query(description="Ask the browser to save it.")] = False,
    ) -> Response:
        """The OpenAPI 3.1 document of what ``workload`` served (of every server when none),
        built from observed metadata: typed path parameters, query names, body schemas,
        exact status codes (classes where no code was reported), ``x-sieve-data-types`` and
        ``x-sieve-sensitivity``. No values."""
        if workload is not None and workload not in server_workloads(store):
            raise HTTPException(status_code=404, detail="no endpoints served by that workload")
        doc = document_for(store, workload)
        headers = {}
        if download:
            stem = re.sub(r"[^A-Za-z0-9._-]", "_", (workload or "all").replace("/", "."))
            headers["Content-Disposition"] = f'attachment; filename="{stem}.openapi.{format}"'
        if format == "yaml":
            body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
            return Response(body, media_type="application/yaml", headers=headers)
        return JSONResponse(doc, headers=headers)

    return router


def _add_catalogue(router: APIRouter, store: Store) -> None:
    """`/api/v1/catalogue`: the endpoint catalogue from `collector.catalogue_queries`."""

    @router.get("/api/v1/catalogue", response_model=list[CatalogueEntry])
    def catalogue(
        *,
        request: Request,
        response: Response,
        q: Annotated[
            str,
            Query(
                max_length=200,
                description="Words each in the method, path, server or a client (any case).",
            ),
        ] = "",
        namespace: Annotated[
            str, Query(max_length=256, description="Only what involves this namespace.")
        ] = "",
        cluster: Annotated[
            str | None,
            Query(max_length=128, description="Only what this cluster reported."),
        ] = None,
        data_type: Annotated[
            str | None, Query(max_length=64, description="Only what carries this data type.")
        ] = None,
        min_sensitivity: Annotated[
            Literal["low", "medium", "high"] | None,
            Query(description="Only what carries data of at least this sensitivity."),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> list[CatalogueEntry]:
        """The endpoint catalogue grouped by server endpoint, with its clients, busiest
        first; searched, filtered and paged by the database (X-Total-Count, Link rel="next")."""
        filters = Filters.parse(namespace, data_type, min_sensitivity, cluster)
        total, page = catalogue_page(store, q, limit=limit, offset=offset, filters=filters)
        response.headers["X-Total-Count"] = str(total)
        if offset + limit < total:
            following = request.url.include_query_params(limit=limit, offset=offset + limit)
            response.headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
        return page
