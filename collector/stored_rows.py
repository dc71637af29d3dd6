"""Stored rows as the API shows them: time and count conversions, enum names, and the
loaders of endpoints and detections the read model and the policy evaluation share."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from collector.policies import SENSITIVITY_NAMES, WorkloadRef
from collector.schema import detections, endpoints, fields, status_codes
from collector.validation import INT64_MAX, MAX_TIMESTAMP_SECONDS, MIN_TIMESTAMP_SECONDS
from collector.views import (
    DetectionView,
    EndpointDetail,
    EndpointSummary,
    FieldView,
    WorkloadRefView,
)
from protos.sieve.v1 import identity_pb2, metadata_pb2

STATUS_COLUMNS = {
    metadata_pb2.STATUS_CLASS_UNSPECIFIED: "status_none",
    metadata_pb2.STATUS_CLASS_1XX: "status_1xx",
    metadata_pb2.STATUS_CLASS_2XX: "status_2xx",
    metadata_pb2.STATUS_CLASS_3XX: "status_3xx",
    metadata_pb2.STATUS_CLASS_4XX: "status_4xx",
    metadata_pb2.STATUS_CLASS_5XX: "status_5xx",
}
"""`sieve.v1.StatusClass` → the endpoint column counting it."""
PROTOCOL_NAMES = {
    metadata_pb2.ENDPOINT_PROTOCOL_HTTP1: "http1",
    metadata_pb2.ENDPOINT_PROTOCOL_HTTP2: "http2",
    metadata_pb2.ENDPOINT_PROTOCOL_GRPC: "grpc",
}
"""Stored protocol numbers (`sieve.v1.EndpointProtocol`) → the names the API shows."""

_MIN_US = MIN_TIMESTAMP_SECONDS * 1_000_000
_MAX_US = MAX_TIMESTAMP_SECONDS * 1_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# (endpoint id, direction, JSON path, data type): one detection's place.
DetectionKey = tuple[int, str, str, str]


def now_us() -> int:
    """Microseconds since the epoch, now."""
    return time.time_ns() // 1000


def micros(ts: Any) -> int:
    """A protobuf Timestamp as microseconds since the epoch."""
    return int(ts.seconds) * 1_000_000 + int(ts.nanos) // 1000


def iso(us: int) -> str:
    """Microseconds since the epoch as ISO 8601 UTC with milliseconds.

    Values outside years 1..9999 (only in databases written before validation covered
    timestamps) are clamped to that range rather than failing the whole response.
    """
    us = min(max(int(us), _MIN_US), _MAX_US)
    stamp = (_EPOCH + timedelta(microseconds=us)).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def count_value(value: Any) -> int:
    """A stored count as an int in 0..INT64_MAX (old rows may hold an overflowed REAL)."""
    try:
        number = float(value) if not isinstance(value, int) else value
        if isinstance(number, float):
            number = int(number) if math.isfinite(number) else 0
    except (TypeError, ValueError):
        return 0
    return min(max(number, 0), INT64_MAX)


def finite(value: Any) -> float | None:
    """A stored float, or None when it is missing or not finite."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


_DATA_TYPE_IDS = {
    v.number: v.name.removeprefix("DATA_TYPE_").lower()
    for v in metadata_pb2.DataType.DESCRIPTOR.values
}


def data_type_id(value: int) -> str:
    """``DataType`` enum value to the detector's type id (``DATA_TYPE_EMAIL`` → ``email``)."""
    found = _DATA_TYPE_IDS.get(value)
    if found is None:  # not a known value: the enum's own error
        return metadata_pb2.DataType.Name(value).removeprefix("DATA_TYPE_").lower()  # type: ignore[arg-type]
    return found


def kind_name(value: int) -> str:
    """``WorkloadKind`` value to a short name (``deployment``)."""
    try:
        return identity_pb2.WorkloadKind.Name(value).removeprefix("WORKLOAD_KIND_").lower()  # type: ignore[arg-type]
    except ValueError:
        return "unspecified"


def json_type_names(mask: int) -> list[str]:
    """The JSON type names of a stored bit mask (bit ``1 << JsonType``)."""
    return [
        v.name.removeprefix("JSON_TYPE_").lower()
        for v in metadata_pb2.JsonType.DESCRIPTOR.values
        if v.number and mask & (1 << v.number)
    ]


def sensitivity_name(level: int | None) -> str | None:
    """``low``/``medium``/``high`` for a stored level; None for 0 or None."""
    return SENSITIVITY_NAMES.get(level) if level else None


def workload_ref(row: Any) -> WorkloadRef:
    """A workloads row as the policies' reference."""
    return WorkloadRef(kind=row.kind, namespace=row.namespace, name=row.name, cluster=row.cluster)


def cluster_label(cluster: str, ref: WorkloadRef) -> str:
    """``cluster:namespace/name`` (the cluster only when named): names two clusters share
    stay apart wherever a label is shown."""
    return f"{cluster}:{ref.label}" if cluster else ref.label


def workload_label(row: Any) -> str:
    """A workloads row's label (`cluster_label`)."""
    return cluster_label(getattr(row, "cluster", ""), workload_ref(row))


def short_ref(row: Any) -> WorkloadRefView:
    """A workloads row as the API's short reference."""
    return WorkloadRefView(
        id=row.id,
        label=workload_label(row),
        kind=kind_name(row.kind),
        cluster=getattr(row, "cluster", ""),
    )


@dataclass(frozen=True)
class StoredDetection:
    """One detection with the place of its field."""

    endpoint_id: int
    direction: str
    json_path: str
    data_type: str
    sensitivity: int
    confidence: float
    count: int
    first_seen_us: int
    last_seen_us: int


def among(conn: Connection, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``column = ANY(:array)``: one parameter whatever
    the count, so the statement's text (and its parse) is the same for every call."""
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))  # type: ignore[no-any-return]
    return column.in_(list(values))  # type: ignore[no-any-return]


def load_endpoints(conn: Connection, endpoint_ids: Iterable[int] | None = None) -> list[Row[Any]]:
    """Endpoint rows (all, or those of ``endpoint_ids``) by id."""
    query = select(endpoints).order_by(endpoints.c.id)
    if endpoint_ids is not None:
        query = query.where(endpoints.c.id.in_(list(endpoint_ids)))
    return list(conn.execute(query))


def detections_query() -> Select[Any]:
    """Detections with their fields' places (endpoint, direction, JSON path)."""
    return select(
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


def load_detections(
    conn: Connection, endpoint_ids: Iterable[int] | None = None
) -> list[StoredDetection]:
    """Detections (all, or those of ``endpoint_ids``) with their fields' places."""
    query = detections_query().order_by(
        fields.c.endpoint_id, fields.c.direction, fields.c.json_path
    )
    if endpoint_ids is not None:
        query = query.where(fields.c.endpoint_id.in_(list(endpoint_ids)))
    return [StoredDetection(*row) for row in conn.execute(query).all()]


def load_status_codes(
    conn: Connection, endpoint_ids: Iterable[int] | Select[Any] | None = None
) -> dict[int, dict[int, int]]:
    """Endpoint id → {exact status code: exchanges} (all endpoints, those of a list of ids,
    or those a subquery selects), in one query."""
    query = select(status_codes).order_by(status_codes.c.endpoint_id, status_codes.c.code)
    if isinstance(endpoint_ids, Select):
        query = query.where(status_codes.c.endpoint_id.in_(endpoint_ids))
    elif endpoint_ids is not None:
        query = query.where(status_codes.c.endpoint_id.in_(list(endpoint_ids)))
    out: dict[int, dict[int, int]] = {}
    for row in conn.execute(query):
        count = count_value(row.count)
        if count:
            out.setdefault(int(row.endpoint_id), {})[int(row.code)] = count
    return out


def endpoint_detail(
    summary: EndpointSummary,
    end: Any,
    params: list[str],
    request_fields: list[FieldView],
    response_fields: list[FieldView],
    *,
    codes: dict[int, int] | None = None,
) -> EndpointDetail:
    """An endpoint's detail view from its summary, its stored row, its fields and its exact
    status codes (`load_status_codes`)."""
    latencies = count_value(end.latency_count)
    return EndpointDetail(
        **summary.model_dump(),
        query_parameter_names=params,
        status_classes={
            column.removeprefix("status_"): count_value(end._mapping[column])
            for column in STATUS_COLUMNS.values()
            if end._mapping[column]
        },
        status_codes=dict(codes or {}),
        latency_mean_ms=finite(end.latency_sum_ms / latencies) if latencies else None,
        latency_max_ms=finite(end.latency_max_ms) if latencies else None,
        latency_p99_ms=finite(end.latency_p99_ms) if latencies else None,
        request_fields=request_fields,
        response_fields=response_fields,
    )


def detection_view(det: Any) -> DetectionView:
    """A detection row (`detections_query`) as the API shows it."""
    return DetectionView(
        data_type=det.data_type,
        sensitivity=SENSITIVITY_NAMES.get(det.sensitivity, "unknown"),
        confidence=round(finite(det.confidence) or 0.0, 4),
        count=count_value(det.count),
        first_seen=iso(det.first_seen_us),
        last_seen=iso(det.last_seen_us),
    )


def field_view(row: Any, detections: list[DetectionView]) -> FieldView:
    """A fields row with its detections as the API shows it."""
    return FieldView(
        direction=row.direction,
        json_path=row.json_path,
        json_types=json_type_names(row.json_types),
        seen_count=count_value(row.seen_count),
        detections=detections,
    )
