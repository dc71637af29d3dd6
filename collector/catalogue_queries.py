"""Set-based reads for the API catalogue (OpenAPI export and drift): every endpoint's detail
in a fixed number of queries, whatever the number of endpoints.

`Store.endpoint` reads one endpoint in five queries; the export and drift need them all, so
reading them one by one cost 5 round trips per endpoint. Here: the summaries (the store's
snapshot: 3 queries), then the endpoints' counters, fields, detections and query parameter
names (4 queries), each for every endpoint of the server asked for at once.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, func, or_, select, tuple_

from collector.policies import SENSITIVITY_NAMES, WorkloadRef
from collector.schema import detections, endpoints, fields, query_parameters, workloads
from collector.store import Store
from collector.stored_rows import (
    cluster_label,
    count_value,
    detection_view,
    detections_query,
    endpoint_detail,
    field_view,
    iso,
    workload_label,
)
from collector.views import DetectionView, EndpointDetail, EndpointSummary, FieldView

QUERIES = 8  # per call of `endpoint_details`, for a test to hold us to


def _server(summary: EndpointSummary) -> str:
    return summary.destination.label


def endpoint_details(store: Store, workload: str | None = None) -> list[EndpointDetail]:
    """Details of the endpoints ``workload`` serves (all when None), busiest first."""
    summaries = [s for s in store.endpoints() if workload is None or _server(s) == workload]
    if not summaries:
        return []
    # Rows of the servers asked for: by destination workload id (few), never by endpoint id.
    where: ColumnElement[bool] | None = None
    if workload is not None:
        where = endpoints.c.destination_id.in_(sorted({s.destination.id for s in summaries}))
    of_server = select(endpoints.c.id)
    if where is not None:
        of_server = of_server.where(where)
    ends_query = select(endpoints)
    field_query = select(fields).order_by(
        fields.c.endpoint_id, fields.c.direction, fields.c.json_path
    )
    det_query = detections_query()
    param_query = select(query_parameters.c.endpoint_id, query_parameters.c.name)
    if where is not None:
        ends_query = ends_query.where(where)
        field_query = field_query.where(fields.c.endpoint_id.in_(of_server))
        det_query = det_query.where(fields.c.endpoint_id.in_(of_server))
        param_query = param_query.where(query_parameters.c.endpoint_id.in_(of_server))
    with store._read() as conn:  # the store's read connection (and its lock, in memory)
        ends = {row.id: row for row in conn.execute(ends_query)}
        field_rows = list(conn.execute(field_query))
        det_rows = list(conn.execute(det_query))
        param_rows = list(conn.execute(param_query))

    by_field: dict[tuple[int, str, str], list[DetectionView]] = defaultdict(list)
    for det in det_rows:
        by_field[(det.endpoint_id, det.direction, det.json_path)].append(detection_view(det))
    views: dict[tuple[int, str], list[FieldView]] = defaultdict(list)
    for row in field_rows:
        views[(row.endpoint_id, row.direction)].append(
            field_view(row, by_field.get((row.endpoint_id, row.direction, row.json_path), []))
        )
    params: dict[int, list[str]] = defaultdict(list)
    for row in param_rows:
        params[row.endpoint_id].append(row.name)
    return [
        _detail(summary, ends[summary.id], sorted(params[summary.id]), views)
        for summary in summaries
        if summary.id in ends  # not deleted since the summaries were read
    ]


def _detail(
    summary: EndpointSummary,
    end: Any,
    params: list[str],
    views: dict[tuple[int, str], list[FieldView]],
) -> EndpointDetail:
    return endpoint_detail(
        summary,
        end,
        params,
        views.get((summary.id, "request"), []),
        views.get((summary.id, "response"), []),
    )


# --- the endpoint catalogue: grouped by server endpoint, searched and paged in SQL -----------


class CatalogueEntry(BaseModel):
    """One server endpoint (server, method, path template) with every client that called it."""

    server: str
    method: str
    path_template: str
    exchange_count: int
    clients: list[str]
    endpoint_ids: list[int]  # one per client, for /api/v1/endpoints/{id}
    highest_sensitivity: str
    last_seen: str


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def catalogue_page(
    store: Store, search: str = "", namespace: str = "", limit: int = 50, offset: int = 0
) -> tuple[int, list[CatalogueEntry]]:
    """(total, one page) of server endpoints whose path template or server name contains
    ``search`` (case-insensitive), served in ``namespace`` when set, busiest first. Four
    queries whatever the number of endpoints: groups, their count, the page's clients,
    the page's highest sensitivities."""
    server = workloads.alias("server")
    where: list[ColumnElement[bool]] = []
    if search:
        pattern = _like(search)
        where.append(
            or_(
                func.lower(endpoints.c.path_template).like(pattern, escape="\\"),
                func.lower(server.c.name).like(pattern, escape="\\"),
                func.lower(server.c.namespace).like(pattern, escape="\\"),
            )
        )
    if namespace:
        where.append(server.c.namespace == namespace)
    key = (endpoints.c.destination_id, endpoints.c.method, endpoints.c.path_template)
    exchanges = func.sum(endpoints.c.exchange_count)
    groups = (
        select(*key, exchanges.label("exchanges"), func.max(endpoints.c.last_seen_us).label("last"))
        .join(server, server.c.id == endpoints.c.destination_id)
        .where(*where)
        .group_by(*key)
    )
    page_query = groups.order_by(exchanges.desc(), *key).limit(limit).offset(offset)
    with store._read() as conn:  # the store's read connection (and its lock, in memory)
        total = int(conn.execute(select(func.count()).select_from(groups.subquery())).scalar() or 0)
        page = list(conn.execute(page_query))
        if not page:
            return total, []
        keys = [(row.destination_id, row.method, row.path_template) for row in page]
        client = workloads.alias("client")
        dest = workloads.alias("dest")
        members = list(
            conn.execute(
                select(
                    endpoints.c.id, *key,
                    client.c.cluster, client.c.kind, client.c.namespace, client.c.name,
                    dest.c.cluster.label("d_cluster"), dest.c.kind.label("d_kind"),
                    dest.c.namespace.label("d_namespace"), dest.c.name.label("d_name"),
                )
                .join(client, client.c.id == endpoints.c.source_id)
                .join(dest, dest.c.id == endpoints.c.destination_id)
                .where(tuple_(*key).in_(keys))
                .order_by(endpoints.c.id)
            )
        )  # fmt: skip
        ids = [row.id for row in members]
        highest: dict[int, int] = {
            row[0]: row[1]
            for row in conn.execute(
                select(fields.c.endpoint_id, func.max(detections.c.sensitivity))
                .join(fields, fields.c.id == detections.c.field_id)
                .where(fields.c.endpoint_id.in_(ids))
                .group_by(fields.c.endpoint_id)
            )
        }
    by_key: dict[tuple[int, str, str], list[Any]] = defaultdict(list)
    for member in members:
        by_key[(member.destination_id, member.method, member.path_template)].append(member)
    out = []
    for row, k in zip(page, keys, strict=True):
        rows = by_key[k]
        level = max((highest.get(r.id, 0) for r in rows), default=0)
        first = rows[0]
        out.append(
            CatalogueEntry(
                server=cluster_label(
                    first.d_cluster, WorkloadRef(first.d_kind, first.d_namespace, first.d_name)
                ),
                method=row.method,
                path_template=row.path_template,
                exchange_count=count_value(row.exchanges),
                clients=sorted(workload_label(r) for r in rows),
                endpoint_ids=[r.id for r in rows],
                highest_sensitivity=SENSITIVITY_NAMES.get(level, "none"),
                last_seen=iso(row.last),
            )
        )
    return total, out
