"""Set-based reads for the API catalogue (OpenAPI export and drift): every endpoint's detail
in a fixed number of queries, whatever the number of endpoints.

`Store.endpoint` reads one endpoint in six queries; the export and drift need them all, so
reading them one by one cost 6 round trips per endpoint. Here: the summaries (the store's
snapshot: 3 queries), then the endpoints' counters, fields, detections, query parameter
names and exact status codes (5 queries), each for every endpoint of the server asked for at
once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Connection, Select, case, func, or_, select, tuple_

from collector.policies import SENSITIVITY_NAMES, WorkloadRef
from collector.read_model import carries, endpoint_summaries, endpoint_types, parties_of
from collector.schema import (
    endpoints,
    fields,
    query_parameters,
    server_endpoints,
    workloads,
)
from collector.store import Store
from collector.stored_rows import (
    PROTOCOL_NAMES,
    StoredDetection,
    cluster_label,
    count_value,
    detection_view,
    detections_query,
    endpoint_detail,
    field_view,
    iso,
    load_status_codes,
    workload_label,
    workload_ref,
)
from collector.views import DetectionView, EndpointDetail, EndpointSummary, FieldView, Filters

QUERIES = 9  # per call of `endpoint_details` for every server, for a test to hold us to
QUERIES_ONE_SERVER = 8  # per call of `endpoint_details` for one server
MAX_SEARCH_WORDS = 8  # words of a catalogue search used (the rest ignored)


def server_rows(conn: Connection) -> list[Any]:
    """The workloads rows of every workload that served an endpoint (one query)."""
    served = select(endpoints.c.destination_id).distinct()
    return list(conn.execute(select(workloads).where(workloads.c.id.in_(served))))


def server_workloads(store: Store) -> list[str]:
    """The label of every workload that served an endpoint, sorted."""
    with store._read() as conn:  # the store's read connection (and its lock, in memory)
        return sorted({workload_label(row) for row in server_rows(conn)})


def endpoint_details(store: Store, workload: str | None = None) -> list[EndpointDetail]:
    """Details of the endpoints ``workload`` serves (all when None), busiest first.

    For one server only its endpoints are read (`QUERIES_ONE_SERVER` queries, each filtered
    by the server's workload ids); for all, the store's snapshot and then the rest."""
    if workload is not None:
        return _server_details(store, workload)
    summaries = store.endpoints()
    if not summaries:
        return []
    field_query = select(fields).order_by(
        fields.c.endpoint_id, fields.c.direction, fields.c.json_path
    )
    with store._read() as conn:  # the store's read connection (and its lock, in memory)
        ends = {row.id: row for row in conn.execute(select(endpoints))}
        field_rows = list(conn.execute(field_query))
        det_rows = list(conn.execute(detections_query()))
        param_rows = list(
            conn.execute(select(query_parameters.c.endpoint_id, query_parameters.c.name))
        )
        codes = load_status_codes(conn)
    return _details(summaries, ends, field_rows, det_rows, param_rows, codes=codes)


def _server_details(store: Store, workload: str) -> list[EndpointDetail]:
    with store._read() as conn:  # the store's read connection (and its lock, in memory)
        ids = sorted(row.id for row in server_rows(conn) if workload_label(row) == workload)
        if not ids:
            return []
        where = endpoints.c.destination_id.in_(ids)
        of_server = select(endpoints.c.id).where(where)
        end_rows = list(conn.execute(select(endpoints).where(where).order_by(endpoints.c.id)))
        refs, roles = parties_of(conn, end_rows)
        det_rows = list(
            conn.execute(
                detections_query()
                .where(fields.c.endpoint_id.in_(of_server))
                .order_by(fields.c.endpoint_id, fields.c.direction, fields.c.json_path)
            )
        )
        field_rows = list(
            conn.execute(
                select(fields)
                .where(fields.c.endpoint_id.in_(of_server))
                .order_by(fields.c.endpoint_id, fields.c.direction, fields.c.json_path)
            )
        )
        param_rows = list(
            conn.execute(
                select(query_parameters.c.endpoint_id, query_parameters.c.name).where(
                    query_parameters.c.endpoint_id.in_(of_server)
                )
            )
        )
        codes = load_status_codes(conn, of_server)
    stored = [StoredDetection(*row) for row in det_rows]
    summaries = endpoint_summaries(refs, end_rows, stored, roles)
    ends = {row.id: row for row in end_rows}
    return _details(summaries, ends, field_rows, det_rows, param_rows, codes=codes)


def _details(
    summaries: list[EndpointSummary],
    ends: dict[int, Any],
    field_rows: list[Any],
    det_rows: list[Any],
    param_rows: list[Any],
    *,
    codes: dict[int, dict[int, int]],
) -> list[EndpointDetail]:
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
        _detail(summary, ends[summary.id], sorted(params[summary.id]), views, codes)
        for summary in summaries
        if summary.id in ends  # not deleted since the summaries were read
    ]


def _detail(
    summary: EndpointSummary,
    end: Any,
    params: list[str],
    views: dict[tuple[int, str], list[FieldView]],
    codes: dict[int, dict[int, int]],
) -> EndpointDetail:
    return endpoint_detail(
        summary,
        end,
        params,
        views.get((summary.id, "request"), []),
        views.get((summary.id, "response"), []),
        codes=codes.get(summary.id),
    )


# --- the endpoint catalogue: grouped by server endpoint, searched and paged in SQL -----------


class CatalogueDataType(BaseModel):
    """A data type one of the endpoint's clients sent or received, at its highest sensitivity."""

    data_type: str
    sensitivity: str


class CatalogueEntry(BaseModel):
    """One server endpoint (server, method, path template) with every client that called it.

    ``clients``, ``endpoint_ids`` and ``clients_external`` are parallel: the i-th endpoint id
    (for /api/v1/endpoints/{id}) is the i-th client's, clients sorted by label."""

    server: str
    server_external: bool = False
    method: str
    path_template: str
    protocol: str | None = None  # http1, http2, grpc; None when no client reported one
    exchange_count: int
    clients: list[str]
    endpoint_ids: list[int]
    clients_external: list[bool] = []
    data_types: list[CatalogueDataType] = []
    highest_sensitivity: str
    last_seen: str


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _member_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Which client endpoints count, as `/api/v1/endpoints` filters them: a party in the
    namespace, reported by the cluster, a detection of the data type or sensitivity."""
    out: list[ColumnElement[bool]] = []
    if filters.namespace:
        parties = select(workloads.c.id).where(workloads.c.namespace == filters.namespace)
        out.append(or_(endpoints.c.source_id.in_(parties), endpoints.c.destination_id.in_(parties)))
    if filters.cluster is not None:  # an endpoint's workloads share their cluster
        of_cluster = select(workloads.c.id).where(workloads.c.cluster == filters.cluster)
        out.append(endpoints.c.source_id.in_(of_cluster))
    out.extend(carries(filters))  # the data type and sensitivity (endpoint_data_types)
    return out


def catalogue_page(
    store: Store,
    search: str = "",
    namespace: str = "",
    limit: int = 50,
    offset: int = 0,
    *,
    filters: Filters | None = None,
) -> tuple[int, list[CatalogueEntry]]:
    """(total, one page) of server endpoints, busiest first, searched and paged by the database.

    Every word of ``search`` must be in the method, the path template, or the server's or a
    client's name or namespace (case-insensitive); ``namespace`` and ``filters`` choose the
    client endpoints as `/api/v1/endpoints` does (a party in the namespace, the cluster, a
    data type, a lowest sensitivity), and a server endpoint is listed with those of its
    clients. A handful of queries whatever the number of endpoints: the page of groups with
    their count (unfiltered and unsearched: read from `server_endpoints`, kept at ingest), the
    page's clients, the page's data types."""
    chosen = filters or Filters()
    if namespace:
        chosen = replace(chosen, namespace=namespace)
    server = workloads.alias("server")
    caller = workloads.alias("caller")
    members = _member_conditions(chosen)
    found: list[ColumnElement[bool]] = []
    for word in search.split()[:MAX_SEARCH_WORDS]:
        pattern = _like(word)
        hit = or_(
            *(
                func.lower(column).like(pattern, escape="\\")
                for column in (
                    endpoints.c.method, endpoints.c.path_template, server.c.name,
                    server.c.namespace, caller.c.name, caller.c.namespace,
                )
            )
        )  # fmt: skip
        found.append(func.max(case((hit, 1), else_=0)) == 1)
    key = (endpoints.c.destination_id, endpoints.c.method, endpoints.c.path_template)
    exchanges = func.sum(endpoints.c.exchange_count)
    groups = (
        select(*key, exchanges.label("exchanges"), func.max(endpoints.c.last_seen_us).label("last"))
        .where(*members)
        .group_by(*key)
    )
    if found:  # the workloads' names only for a search (the join costs a third of a page)
        groups = (
            groups.join(server, server.c.id == endpoints.c.destination_id)
            .join(caller, caller.c.id == endpoints.c.source_id)
            .having(*found)
        )
    with store._read() as conn:  # the store's read connection (and its lock, in memory)
        if found or members:
            total, page = _grouped_page(conn, groups, exchanges, key, limit=limit, offset=offset)
        else:  # every client: the server endpoints ingest keeps summed
            total, page = _kept_page(conn, limit, offset)
        if not page:
            return total, []
        keys = [(row.destination_id, row.method, row.path_template) for row in page]
        client = workloads.alias("client")
        dest = workloads.alias("dest")
        rows_of = list(
            conn.execute(
                select(
                    endpoints.c.id, *key,
                    client.c.cluster, client.c.kind, client.c.namespace, client.c.name,
                    dest.c.cluster.label("d_cluster"), dest.c.kind.label("d_kind"),
                    dest.c.namespace.label("d_namespace"), dest.c.name.label("d_name"),
                    endpoints.c.protocol,
                )
                .join(client, client.c.id == endpoints.c.source_id)
                .join(dest, dest.c.id == endpoints.c.destination_id)
                .where(tuple_(*key).in_(keys), *members)
                .order_by(endpoints.c.id)
            )
        )  # fmt: skip
        ids = [row.id for row in rows_of]
        types: dict[int, dict[str, int]] = defaultdict(dict)
        for endpoint_id, carried in endpoint_types(conn, ids).items():
            types[endpoint_id] = {name: level for name, (level, _) in carried.items()}
    by_key: dict[tuple[int, str, str], list[Any]] = defaultdict(list)
    for member in rows_of:
        by_key[(member.destination_id, member.method, member.path_template)].append(member)
    return total, [
        _entry(row, sorted(by_key[k], key=_by_label), types)
        for row, k in zip(page, keys, strict=True)
    ]


def _grouped_page(
    conn: Connection,
    groups: Select[Any],
    exchanges: Any,
    key: tuple[Any, ...],
    *,
    limit: int,
    offset: int,
) -> tuple[int, list[Any]]:
    """(total, page) of server endpoints grouped from the chosen client endpoints: the total
    rides on the page (a window over the groups, one aggregation); past the end it is counted
    alone."""
    page = list(
        conn.execute(
            groups.add_columns(func.count().over().label("total"))
            .order_by(exchanges.desc(), *key)
            .limit(limit)
            .offset(offset)
        )
    )
    if page:
        return int(page[0].total), page
    total = conn.execute(select(func.count()).select_from(groups.subquery())).scalar()
    return int(total or 0), []


def _kept_page(conn: Connection, limit: int, offset: int) -> tuple[int, list[Any]]:
    """(total, page) of every server endpoint from `server_endpoints` (kept at ingest), read
    busiest first along its index."""
    se = server_endpoints
    total = int(conn.execute(select(func.count()).select_from(se)).scalar() or 0)
    page = list(
        conn.execute(
            select(
                se.c.destination_id, se.c.method, se.c.path_template,
                se.c.exchange_count.label("exchanges"), se.c.last_seen_us.label("last"),
            )
            .order_by(se.c.exchange_count.desc(), se.c.destination_id, se.c.method,
                      se.c.path_template)
            .limit(limit)
            .offset(offset)
        )
    )  # fmt: skip
    return total, page


def _by_label(row: Any) -> tuple[str, int]:
    return workload_label(row), row.id


def _entry(row: Any, rows: list[Any], types: dict[int, dict[str, int]]) -> CatalogueEntry:
    """One page row and its client endpoints (sorted by client label) as an entry."""
    merged: dict[str, int] = {}
    for r in rows:
        for data_type, level in types.get(r.id, {}).items():
            merged[data_type] = max(level, merged.get(data_type, 0))
    first = rows[0]
    ref = WorkloadRef(first.d_kind, first.d_namespace, first.d_name)
    return CatalogueEntry(
        server=cluster_label(first.d_cluster, ref),
        server_external=ref.external,
        method=row.method,
        path_template=row.path_template,
        protocol=PROTOCOL_NAMES.get(max(r.protocol for r in rows)),
        exchange_count=count_value(row.exchanges),
        clients=[workload_label(r) for r in rows],
        endpoint_ids=[r.id for r in rows],
        clients_external=[workload_ref(r).external for r in rows],
        data_types=[
            CatalogueDataType(data_type=t, sensitivity=SENSITIVITY_NAMES.get(level, "none"))
            for t, level in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        highest_sensitivity=SENSITIVITY_NAMES.get(max(merged.values(), default=0), "none"),
        last_seen=iso(row.last),
    )
