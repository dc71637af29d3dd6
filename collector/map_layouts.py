"""Data-map layouts computed by the dashboards' browsers, kept in memory for the next ones.

The browser lays the map out (dagre, ``static/map-layout.js``); the first browser to lay out a
graph stores the boxes here under the hash of the graph it laid out, and every other browser
(or a reload) that asks for the same hash draws at once. Only element ids and box geometry are
kept, nothing the API does not already serve. The browser checks what it gets (every id, the
sizes it asked for, no two boxes overlapping) before drawing it. At most ``max_entries``
layouts are kept, the least recently used leave first
(``sieve_collector_map_layouts_evicted_total``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi import Path as PathParam
from prometheus_client import Counter
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

MAX_BOXES = 4000  # a map of 1,000 workloads and 3,000 flows
MAX_BODY_BYTES = 512 * 1024

EVICTED = Counter(
    "sieve_collector_map_layouts_evicted_total",
    "Map layouts dropped from the collector's layout cache (map_layout_cache_entries reached).",
)
REFUSED = Counter(
    "sieve_collector_map_layouts_refused_total",
    "Map layouts a browser sent that were not kept (too large or malformed).",
)

LayoutKey = Annotated[
    str, PathParam(pattern=r"^[0-9a-z]{1,12}-[0-9a-z]{1,10}$", description="The graph's hash.")
]
Coordinate = Annotated[float, Field(allow_inf_nan=False, ge=-1e7, le=1e7)]
ElementId = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class MapLayout(BaseModel):
    """Absolute boxes ``[id, x, y, width, height]`` of the map's groups, workloads and flows."""

    model_config = ConfigDict(extra="forbid")

    boxes: list[tuple[ElementId, Coordinate, Coordinate, Coordinate, Coordinate]] = Field(
        max_length=MAX_BOXES
    )
    width: Coordinate
    height: Coordinate


class LayoutCache:
    """Serialized layouts by graph hash, least recently used out first; thread-safe."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, layout: MapLayout) -> None:
        if self.max_entries <= 0:
            return
        body = layout.model_dump_json().encode()
        with self._lock:
            self._entries[key] = body
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
                EVICTED.inc()

    def __len__(self) -> int:
        return len(self._entries)


def map_layout_router(cache: LayoutCache) -> APIRouter:
    router = APIRouter(tags=["map"])

    @router.get(
        "/api/v1/map-layouts/{key}",
        response_model=MapLayout,
        responses={204: {"description": "No layout kept for this graph."}},
    )
    def get_layout(key: LayoutKey) -> Response:
        """The layout a browser stored for the graph with this hash; 204 when none is kept
        (a miss is the usual case, not an error)."""
        found = cache.get(key)
        if found is None:
            return Response(status_code=204)
        return Response(found, media_type="application/json")

    @router.put("/api/v1/map-layouts/{key}", status_code=204)
    async def put_layout(key: LayoutKey, request: Request) -> Response:
        """Keep a layout the browser computed for the graph with this hash."""
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                REFUSED.inc()
                raise HTTPException(413, f"a layout is at most {MAX_BODY_BYTES} bytes")
        try:
            layout = MapLayout.model_validate_json(bytes(body))
        except ValidationError as exc:
            REFUSED.inc()
            raise HTTPException(422, "not a map layout") from exc
        cache.put(key, layout)
        return Response(status_code=204)

    return router
