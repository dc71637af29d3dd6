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

from sqlalchemy import ColumnElement, select

from collector.policies import SENSITIVITY_NAMES
from collector.schema import detections, endpoints, fields, query_parameters
from collector.store import Store
from collector.stored_rows import STATUS_COLUMNS, count_value, finite, iso, json_type_names
from collector.views import DetectionView, EndpointDetail, EndpointSummary, FieldView

QUERIES = 7  # per call of `endpoint_details`, for a test to hold us to


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
    det_query = select(
        fields.c.endpoint_id,
        fields.c.direction,
        fields.c.json_path,
        detections.c.data_type,
        detections.c.sensitivity,
        detections.c.confidence,
        detections.c.count,
        detections.c.first_seen_us,
        detections.c.last_seen_us,
    ).join(fields, fields.c.id == detections.c.field_id)
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
        by_field[(det.endpoint_id, det.direction, det.json_path)].append(
            DetectionView(
                data_type=det.data_type,
                sensitivity=SENSITIVITY_NAMES.get(det.sensitivity, "unknown"),
                confidence=round(finite(det.confidence) or 0.0, 4),
                count=count_value(det.count),
                first_seen=iso(det.first_seen_us),
                last_seen=iso(det.last_seen_us),
            )
        )
    views: dict[tuple[int, str], list[FieldView]] = defaultdict(list)
    for row in field_rows:
        views[(row.endpoint_id, row.direction)].append(
            FieldView(
                direction=row.direction,
                json_path=row.json_path,
                json_types=json_type_names(row.json_types),
                seen_count=count_value(row.seen_count),
                detections=by_field.get((row.endpoint_id, row.direction, row.json_path), []),
            )
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
    latencies = count_value(end.latency_count)
    return EndpointDetail(
        **summary.model_dump(),
        query_parameter_names=params,
        status_classes={
            column.removeprefix("status_"): count_value(end._mapping[column])
            for column in STATUS_COLUMNS.values()
            if end._mapping[column]
        },
        latency_mean_ms=finite(end.latency_sum_ms / latencies) if latencies else None,
        latency_max_ms=finite(end.latency_max_ms) if latencies else None,
        latency_p99_ms=finite(end.latency_p99_ms) if latencies else None,
        request_fields=views.get((summary.id, "request"), []),
        response_fields=views.get((summary.id, "response"), []),
    )
