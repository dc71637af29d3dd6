"""The API catalogue's routes: OpenAPI export (and, with specs, drift), as a FastAPI router
that `collector.web.create_app` includes under the same authentication."""

from __future__ import annotations

import re
from typing import Annotated, Literal

import yaml
from fastapi import APIRouter, HTTPException, Query, Response
from fastapi.responses import JSONResponse

from collector.openapi import document_for, server_workloads
from collector.store import Store

Workload = Annotated[
    str | None,
    Query(max_length=600, description="Server workload (namespace/name); none: every server."),
]
Format = Annotated[Literal["json", "yaml"], Query(description="json (default) or yaml.")]


def catalogue_router(store: Store) -> APIRouter:
    """Routes over ``store``: ``/api/v1/openapi`` and ``/api/v1/openapi/servers``."""
    router = APIRouter(tags=["catalogue"])

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
        status classes, ``x-sieve-data-types`` and ``x-sieve-sensitivity``. No values."""
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
