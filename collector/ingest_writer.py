"""The ingest side of the store: writing one metadata batch into the tables.

`BatchWriter.write(conn, batch)` merges each report into its endpoint (source, destination,
method, path template): counts summed (saturating at 2^63-1), first/last seen widened, field
schema and detections merged, query parameter names added. It runs inside the caller's
transaction and returns the endpoints it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, case, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from collector import metrics
from collector.schema import (
    batches,
    detections,
    endpoints,
    fields,
    query_parameters,
    violations,
    workloads,
)
from collector.stored_rows import PROTOCOL_NAMES, STATUS_COLUMNS, data_type_id, micros, now_us
from collector.validation import INT64_MAX, escape_controls
from protos.sieve.v1 import ingest_pb2, metadata_pb2

# Integer sums saturate at INT64_MAX (the column's limit); float sums of bounded values
# (validation) stay finite.
_SUMMED_INT_COLUMNS = (
    "exchange_count",
    "inspected_count",
    *STATUS_COLUMNS.values(),
    "latency_count",
)
_SUMMED_FLOAT_COLUMNS = ("latency_sum_ms", "request_bytes_sum", "response_bytes_sum")


def _saturating_sum(current: Any, new: Any) -> ColumnElement[Any]:
    return case((current > INT64_MAX - new, INT64_MAX), else_=current + new)


def _least(current: Any, new: Any) -> ColumnElement[Any]:
    return case((new < current, new), else_=current)


def _greatest(current: Any, new: Any) -> ColumnElement[Any]:
    return case((new > current, new), else_=current)


class Statements:
    """The ingest's upserts, built once per store (statement construction is costly)."""

    def __init__(self, postgres: bool) -> None:
        def insert(table: Any) -> Any:
            return pg_insert(table) if postgres else sqlite_insert(table)

        self.batch = (
            insert(batches)
            .on_conflict_do_nothing(index_elements=["principal", "batch_id"])
            .returning(batches.c.batch_id)
        )
        self.batch_hash = select(batches.c.content_sha256).where(
            batches.c.principal == bindparam("principal"),
            batches.c.batch_id == bindparam("batch_id"),
        )
        # A version-1 row (global ids, no hash) of the same agent: the batch was stored before
        # the upgrade and is being resent.
        self.legacy_batch = select(batches.c.batch_id).where(
            batches.c.principal == "",
            batches.c.batch_id == bindparam("batch_id"),
            batches.c.agent_id == bindparam("agent_id"),
            batches.c.content_sha256.is_(None),
        )
        stmt = insert(workloads)
        self.workload = stmt.on_conflict_do_update(
            index_elements=["kind", "namespace", "name"],
            set_={
                "first_seen_us": _least(workloads.c.first_seen_us, stmt.excluded.first_seen_us),
                "last_seen_us": _greatest(workloads.c.last_seen_us, stmt.excluded.last_seen_us),
            },
        ).returning(workloads.c.id)
        stmt = insert(endpoints)
        ex = stmt.excluded
        update: dict[str, Any] = {
            name: _saturating_sum(endpoints.c[name], ex[name]) for name in _SUMMED_INT_COLUMNS
        }
        update.update({name: endpoints.c[name] + ex[name] for name in _SUMMED_FLOAT_COLUMNS})
        update["first_seen_us"] = _least(endpoints.c.first_seen_us, ex.first_seen_us)
        update["last_seen_us"] = _greatest(endpoints.c.last_seen_us, ex.last_seen_us)
        update["latency_max_ms"] = _greatest(endpoints.c.latency_max_ms, ex.latency_max_ms)
        update["latency_p99_ms"] = _greatest(endpoints.c.latency_p99_ms, ex.latency_p99_ms)
        update["protocol"] = case((ex.protocol != 0, ex.protocol), else_=endpoints.c.protocol)
        self.endpoint = stmt.on_conflict_do_update(
            index_elements=["source_id", "destination_id", "method", "path_template"],
            set_=update,
        ).returning(endpoints.c.id)
        self.query_parameter = insert(query_parameters).on_conflict_do_nothing(
            index_elements=["endpoint_id", "name"]
        )
        self.known_fields = select(fields.c.json_path).where(
            fields.c.endpoint_id == bindparam("endpoint_id"),
            fields.c.direction == bindparam("direction"),
        )
        stmt = insert(fields)
        self.field = stmt.on_conflict_do_update(
            index_elements=["endpoint_id", "direction", "json_path"],
            set_={
                "json_types": fields.c.json_types.op("|")(stmt.excluded.json_types),
                "seen_count": _saturating_sum(fields.c.seen_count, stmt.excluded.seen_count),
            },
        ).returning(fields.c.id)
        stmt = insert(detections)
        ex = stmt.excluded
        self.detection = stmt.on_conflict_do_update(
            index_elements=["field_id", "data_type"],
            set_={
                "sensitivity": _greatest(detections.c.sensitivity, ex.sensitivity),
                "confidence": _greatest(detections.c.confidence, ex.confidence),
                "count": _saturating_sum(detections.c.count, ex.count),
                "first_seen_us": _least(detections.c.first_seen_us, ex.first_seen_us),
                "last_seen_us": _greatest(detections.c.last_seen_us, ex.last_seen_us),
            },
        )
        stmt = insert(violations)
        self.violation = stmt.on_conflict_do_update(
            index_elements=["policy_key", "endpoint_id", "direction", "data_type"],
            set_={
                "policy_name": stmt.excluded.policy_name,
                "message": stmt.excluded.message,
                "sensitivity": stmt.excluded.sensitivity,
                "first_seen_us": stmt.excluded.first_seen_us,
                "last_seen_us": stmt.excluded.last_seen_us,
            },
        )


@dataclass(frozen=True)
class WrittenBatch:
    """What writing a batch changed: the endpoints it touched, how many field paths were new."""

    endpoint_ids: set[int]
    new_fields: int


class BatchWriter:
    """Writes batches' reports (one instance per store; thread-safe: no per-call state)."""

    def __init__(self, postgres: bool, max_fields_per_endpoint: int) -> None:
        self.statements = Statements(postgres)
        self._sql = self.statements
        self.max_fields_per_endpoint = max_fields_per_endpoint

    def write(self, conn: Connection, batch: ingest_pb2.MetadataBatch) -> WrittenBatch:
        """Merge every report of ``batch`` (inside the caller's transaction)."""
        window = (
            micros(batch.window_start) if batch.HasField("window_start") else 0,
            micros(batch.window_end) if batch.HasField("window_end") else 0,
        )
        counter = [0]
        touched = {self._merge_report(conn, report, window, counter) for report in batch.reports}
        return WrittenBatch(touched, counter[0])

    def _upsert_workload(self, conn: Connection, workload: Any, first: int, last: int) -> int:
        values = {
            "kind": int(workload.kind),
            "namespace": workload.namespace,
            "name": workload.name,
            "first_seen_us": first,
            "last_seen_us": last,
        }
        return int(conn.execute(self._sql.workload, values).scalar_one())

    def _merge_report(
        self,
        conn: Connection,
        report: metadata_pb2.EndpointReport,
        window: tuple[int, int],
        counter: list[int],
    ) -> int:
        now = now_us()
        first = micros(report.first_seen) if report.HasField("first_seen") else window[0] or now
        last = micros(report.last_seen) if report.HasField("last_seen") else window[1] or first
        last = max(first, last)
        source_id = self._upsert_workload(conn, report.source, first, last)
        destination_id = self._upsert_workload(conn, report.destination, first, last)
        statuses = dict.fromkeys(STATUS_COLUMNS.values(), 0)
        for entry in report.status_classes:
            column = STATUS_COLUMNS.get(entry.status_class)
            if column is not None:
                statuses[column] = min(statuses[column] + entry.count, INT64_MAX)
        latency = report.latency_ms
        values: dict[str, Any] = {
            "source_id": source_id,
            "destination_id": destination_id,
            "method": report.method,
            "path_template": escape_controls(report.path_template),
            "first_seen_us": first,
            "last_seen_us": last,
            "exchange_count": report.exchange_count,
            "inspected_count": report.inspected_count,
            **statuses,
            "latency_count": latency.count,
            "latency_sum_ms": latency.sum,
            "latency_max_ms": latency.max,
            "latency_p99_ms": latency.p99,
            "request_bytes_sum": report.request_body_bytes.sum,
            "response_bytes_sum": report.response_body_bytes.sum,
            "protocol": report.protocol if report.protocol in PROTOCOL_NAMES else 0,
        }
        endpoint_id = int(conn.execute(self._sql.endpoint, values).scalar_one())
        for name in sorted({escape_controls(n) for n in report.query_parameter_names}):
            conn.execute(self._sql.query_parameter, {"endpoint_id": endpoint_id, "name": name})
        for direction, schema_fields in (
            ("request", report.request_fields),
            ("response", report.response_fields),
        ):
            self._merge_fields(
                conn,
                endpoint_id,
                direction=direction,
                schema_fields=schema_fields,
                first=first,
                last=last,
                counter=counter,
            )
        return endpoint_id

    def _merge_fields(
        self,
        conn: Connection,
        endpoint_id: int,
        *,
        direction: str,
        schema_fields: Iterable[metadata_pb2.FieldSchema],
        first: int,
        last: int,
        counter: list[int],
    ) -> None:
        known = set(
            conn.execute(
                self._sql.known_fields, {"endpoint_id": endpoint_id, "direction": direction}
            ).scalars()
        )
        for field in schema_fields:
            json_path = escape_controls(field.json_path)
            if json_path not in known:
                if len(known) >= self.max_fields_per_endpoint:
                    metrics.FIELDS_DROPPED.inc()
                    continue
                known.add(json_path)
                counter[0] += 1
            mask = 0
            for json_type in field.json_types:
                mask |= 1 << json_type
            values = {
                "endpoint_id": endpoint_id,
                "direction": direction,
                "json_path": json_path,
                "json_types": mask,
                "seen_count": field.seen_count,
            }
            field_id = int(conn.execute(self._sql.field, values).scalar_one())
            for detection in field.detections:
                self._merge_detection(conn, field_id, detection, first, last)

    def _merge_detection(
        self,
        conn: Connection,
        field_id: int,
        detection: metadata_pb2.Detection,
        first: int,
        last: int,
    ) -> None:
        values = {
            "field_id": field_id,
            "data_type": detection.custom_type or data_type_id(detection.data_type),
            "sensitivity": int(detection.sensitivity),
            "confidence": float(detection.confidence),
            "count": detection.count,
            "first_seen_us": first,
            "last_seen_us": last,
        }
        conn.execute(self._sql.detection, values)
