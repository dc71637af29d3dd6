"""The collector's store: one data layer (SQLAlchemy Core) over SQLite or PostgreSQL.

``Store(url)`` takes ``sqlite:///path.db`` (one file), ``sqlite://`` (in memory, one process)
or ``postgresql+psycopg://user:password@host:port/db``. ``migrate()`` creates or upgrades the
tables. ``ingest_batch(batch)`` stores a `MetadataBatch` once per batch id, merging each
report into its endpoint (source, destination, method, path template): counts summed,
first/last seen widened, field schema and detections merged; then it re-evaluates the
policies on the endpoints it touched. The query methods feed the JSON API and dashboard.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeAlias

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from collector import metrics, partition_offsets, schema
from collector.policies import SENSITIVITY_NAMES, PolicySet, Transfer, WorkloadRef
from collector.schema import (
    batches,
    detections,
    endpoints,
    fields,
    query_parameters,
    violations,
    workloads,
)
from collector.validation import (
    INT64_MAX,
    MAX_TIMESTAMP_SECONDS,
    MIN_TIMESTAMP_SECONDS,
    batch_problem,
    escape_controls,
)
from collector.views import (
    DataTypeOnFlow,
    DataTypeView,
    DetectionView,
    EndpointDetail,
    EndpointSummary,
    FieldView,
    Filters,
    FlowView,
    SummaryView,
    ViolationView,
    WorkloadRefView,
    WorkloadView,
)
from protos.sieve.v1 import identity_pb2, ingest_pb2, metadata_pb2

log = logging.getLogger(__name__)

AckStatus: TypeAlias = ingest_pb2.AckStatus.ValueType
# (connection, policies, opened violation rows, ids of rows about to be deleted, now in µs)
ViolationHook: TypeAlias = Callable[
    [Connection, PolicySet, list[dict[str, Any]], list[int], int], None
]

_STATUS_COLUMNS = {
    metadata_pb2.STATUS_CLASS_UNSPECIFIED: "status_none",
    metadata_pb2.STATUS_CLASS_1XX: "status_1xx",
    metadata_pb2.STATUS_CLASS_2XX: "status_2xx",
    metadata_pb2.STATUS_CLASS_3XX: "status_3xx",
    metadata_pb2.STATUS_CLASS_4XX: "status_4xx",
    metadata_pb2.STATUS_CLASS_5XX: "status_5xx",
}
_PROTOCOL_NAMES = {
    metadata_pb2.ENDPOINT_PROTOCOL_HTTP1: "http1",
    metadata_pb2.ENDPOINT_PROTOCOL_HTTP2: "http2",
    metadata_pb2.ENDPOINT_PROTOCOL_GRPC: "grpc",
}
"""Stored protocol numbers (`sieve.v1.EndpointProtocol`) → the names the API shows."""
# Integer sums saturate at INT64_MAX (the column's limit); float sums of bounded values
# (validation) stay finite.
_SUMMED_INT_COLUMNS = (
    "exchange_count",
    "inspected_count",
    *_STATUS_COLUMNS.values(),
    "latency_count",
)
_SUMMED_FLOAT_COLUMNS = ("latency_sum_ms", "request_bytes_sum", "response_bytes_sum")


class StoreConfigError(ValueError):
    """The database URL is unusable (bad syntax or unknown driver); one line."""


def micros(ts: Any) -> int:
    """A protobuf Timestamp as microseconds since the epoch."""
    return int(ts.seconds) * 1_000_000 + int(ts.nanos) // 1000


_MIN_US = MIN_TIMESTAMP_SECONDS * 1_000_000
_MAX_US = MAX_TIMESTAMP_SECONDS * 1_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def iso(us: int) -> str:
    """Microseconds since the epoch as ISO 8601 UTC with milliseconds.

    Values outside years 1..9999 (only in databases written before validation covered
    timestamps) are clamped to that range rather than failing the whole response.
    """
    us = min(max(int(us), _MIN_US), _MAX_US)
    stamp = (_EPOCH + timedelta(microseconds=us)).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def _count(value: Any) -> int:
    """A stored count as an int in 0..INT64_MAX (old rows may hold an overflowed REAL)."""
    try:
        number = float(value) if not isinstance(value, int) else value
        if isinstance(number, float):
            number = int(number) if math.isfinite(number) else 0
    except (TypeError, ValueError):
        return 0
    return min(max(number, 0), INT64_MAX)


def _finite(value: Any) -> float | None:
    """A stored float, or None when it is missing or not finite."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _saturating_sum(current: Any, new: Any) -> ColumnElement[Any]:
    return case((current > INT64_MAX - new, INT64_MAX), else_=current + new)


def data_type_id(value: int) -> str:
    """``DataType`` enum value to the detector's type id (``DATA_TYPE_EMAIL`` → ``email``)."""
    return metadata_pb2.DataType.Name(value).removeprefix("DATA_TYPE_").lower()  # type: ignore[arg-type]


def kind_name(value: int) -> str:
    """``WorkloadKind`` value to a short name (``deployment``)."""
    try:
        return identity_pb2.WorkloadKind.Name(value).removeprefix("WORKLOAD_KIND_").lower()  # type: ignore[arg-type]
    except ValueError:
        return "unspecified"


def _json_type_names(mask: int) -> list[str]:
    return [
        v.name.removeprefix("JSON_TYPE_").lower()
        for v in metadata_pb2.JsonType.DESCRIPTOR.values
        if v.number and mask & (1 << v.number)
    ]


def _sensitivity_name(level: int | None) -> str | None:
    return SENSITIVITY_NAMES.get(level) if level else None


def _least(current: Any, new: Any) -> ColumnElement[Any]:
    return case((new < current, new), else_=current)


def _greatest(current: Any, new: Any) -> ColumnElement[Any]:
    return case((new > current, new), else_=current)


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, pool_size: int = 5) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and one shared in-memory DB."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            memory = parsed.database in (None, "", ":memory:")
            engine = create_engine(
                parsed,
                connect_args={"check_same_thread": False, "timeout": 30},
                poolclass=StaticPool if memory else None,
            )
            event.listen(engine, "connect", _on_sqlite_connect)
            return engine
        if parsed.get_backend_name() != "postgresql":
            raise StoreConfigError(
                f"unsupported database {parsed.get_backend_name()!r}: use sqlite:///FILE or "
                "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB"
            )
        return create_engine(parsed, pool_size=pool_size, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        if isinstance(exc, StoreConfigError):
            raise
        raise StoreConfigError(f"invalid database URL: {exc}") from None


class _Statements:
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


# (endpoint id, direction, JSON path, data type): one detection's place.
DetectionKey = tuple[int, str, str, str]


@dataclass(frozen=True)
class _Detection:
    endpoint_id: int
    direction: str
    json_path: str
    data_type: str
    sensitivity: int
    confidence: float
    count: int
    first_seen_us: int
    last_seen_us: int


class Store:
    """The collector's storage and queries (thread-safe; writes are serialised per process)."""

    def __init__(
        self,
        url: str,
        *,
        policies: PolicySet | None = None,
        max_reports_per_batch: int = 10_000,
        max_fields_per_endpoint: int = 2_000,
        pool_size: int = 5,
    ) -> None:
        self.engine = make_engine(url, pool_size)
        self._sql = _Statements(self.engine.dialect.name == "postgresql")
        self._policies = policies or PolicySet()
        self.max_reports_per_batch = max_reports_per_batch
        self.max_fields_per_endpoint = max_fields_per_endpoint
        self._write_lock = threading.Lock()
        # Called inside the transaction that opens or resolves violations, and after it
        # commits (collector.alerts).
        self.on_violations: ViolationHook | None = None
        self.after_violations_commit: Callable[[], None] | None = None
        # Endpoint id -> drift states (shadow, zombie, ...), for policies naming drift states;
        # the API catalogue's drift_states provides it. None: no endpoint is in drift.
        self.drift_states: Callable[[], dict[int, set[str]]] | None = None
        # Called after an ingest commits, with the endpoint ids it touched and their detections
        # (endpoint id, direction, JSON path, data type) (collector.drift_feed).
        self.after_ingest_commit: Callable[[set[int], set[DetectionKey]], None] | None = None
        # Bumped after an ingest that added a field path an endpoint did not have commits
        # (drift can change); _new_fields counts them within the ingest transaction.
        self.fields_added = 0
        self._new_fields = 0
        # One shared in-memory SQLite connection must not be used by two threads at once.
        self._read_lock: contextlib.AbstractContextManager[Any] = (
            self._write_lock
            if isinstance(self.engine.pool, StaticPool)
            else contextlib.nullcontext()
        )

    # --- lifecycle -------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Create or upgrade the tables; return the migration versions applied now."""
        with self._write_lock, self.engine.begin() as conn:
            applied = schema.migrate(conn, _now_us())
        if applied:
            log.info("database migrated", extra={"versions": applied})
        return applied

    def schema_version(self) -> int:
        """The newest migration applied to the database (0 when none)."""
        with self._read() as conn:
            if not self.engine.dialect.has_table(conn, schema.schema_version.name):
                return 0
            version = conn.execute(select(func.max(schema.schema_version.c.version))).scalar()
        return int(version or 0)

    def ping(self) -> bool:
        """True when the database answers."""
        try:
            with self._read() as conn:
                conn.execute(select(1))
        except Exception:  # readiness: any failure means "not ready"
            log.debug("database ping failed", exc_info=True)
            return False
        return True

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    @property
    def policies(self) -> PolicySet:
        """The policies in force."""
        return self._policies

    def set_policies(self, policies: PolicySet) -> None:
        """Replace the policies and re-evaluate every endpoint: violations a rule no longer
        raises (changed or removed rule) are cleared, new ones are raised."""
        with self._write_lock:
            self._policies = policies
        self.reevaluate()

    def reevaluate(self, endpoint_ids: set[int] | None = None) -> None:
        """Re-evaluate the policies on ``endpoint_ids`` (None: every endpoint), e.g. when
        their drift states changed."""
        with self._write_lock, self.engine.begin() as conn:
            self._refresh_violations(conn, endpoint_ids)
        if self.after_violations_commit is not None:
            self.after_violations_commit()

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._read_lock, self.engine.connect() as conn:
            yield conn

    # --- ingest ----------------------------------------------------------------------------

    def claim_partitions(
        self, request: ingest_pb2.ClaimPartitionsRequest
    ) -> ingest_pb2.ClaimPartitionsResponse:
        """Claim Kafka partitions for a digger replica (see `collector.partition_offsets`)."""
        with self._write_lock, self.engine.begin() as conn:
            return partition_offsets.claim(conn, request)

    def ingest_batch(self, batch: ingest_pb2.MetadataBatch, principal: str = "") -> AckStatus:
        """Store ``batch`` once (by principal and batch id); return STORED, DUPLICATE or
        REJECTED."""
        return self.ack_batch(batch, principal).status

    def ack_batch(
        self, batch: ingest_pb2.MetadataBatch, principal: str = ""
    ) -> ingest_pb2.BatchAck:
        """Store ``batch`` and build its acknowledgement (with the reason when rejected).

        Batch ids are unique per ``principal`` (who the stream authenticated as; "" for
        unauthenticated ingest). A resend of an identical batch is DUPLICATE; a batch id
        already stored with other content is REJECTED. Database errors propagate: the batch
        is then not stored and must be resent.
        """
        ack = ingest_pb2.BatchAck(sequence=batch.sequence, batch_id=batch.batch_id)
        problem = batch_problem(batch, self.max_reports_per_batch)
        if problem is not None:
            return self._reject(ack, problem)
        digest = hashlib.sha256(batch.SerializeToString(deterministic=True)).hexdigest()
        started = time.perf_counter()
        with self._write_lock, self.engine.begin() as conn:
            if (
                principal
                and conn.execute(
                    self._sql.legacy_batch, {"batch_id": batch.batch_id, "agent_id": batch.agent_id}
                ).first()
            ):
                return self._duplicate(ack)
            fenced = partition_offsets.admit(conn, batch, principal)
            if fenced is not None:
                metrics.BATCHES.labels("fenced").inc()
                ack.status, ack.detail = fenced
                return ack
            fresh = conn.execute(
                self._sql.batch,
                {
                    "principal": principal,
                    "batch_id": batch.batch_id,
                    "agent_id": batch.agent_id,
                    "sequence": batch.sequence,
                    "received_at_us": _now_us(),
                    "report_count": len(batch.reports),
                    "content_sha256": digest,
                },
            ).scalar_one_or_none()
            if fresh is None:
                stored = conn.execute(
                    self._sql.batch_hash, {"principal": principal, "batch_id": batch.batch_id}
                ).scalar_one_or_none()
                if stored is not None and stored != digest:
                    return self._reject(
                        ack,
                        "batch_id already stored with other content; ids must not be reused",
                    )
                return self._duplicate(ack)
            window = (
                micros(batch.window_start) if batch.HasField("window_start") else 0,
                micros(batch.window_end) if batch.HasField("window_end") else 0,
            )
            self._new_fields = 0
            touched = {self._merge_report(conn, report, window) for report in batch.reports}
            detected = self._refresh_violations(conn, touched) if touched else set()
            new_fields = self._new_fields
        self.fields_added += new_fields  # once committed: a reader then sees the fields
        if self.after_violations_commit is not None:
            self.after_violations_commit()
        if self.after_ingest_commit is not None and touched:
            self.after_ingest_commit(touched, detected)
        metrics.INGEST_SECONDS.observe(time.perf_counter() - started)
        metrics.BATCHES.labels("stored").inc()
        metrics.REPORTS.inc(len(batch.reports))
        ack.status = ingest_pb2.ACK_STATUS_STORED
        return ack

    @staticmethod
    def _reject(ack: ingest_pb2.BatchAck, why: str) -> ingest_pb2.BatchAck:
        metrics.BATCHES.labels("rejected").inc()
        log.info("batch rejected", extra={"batch_id": ack.batch_id[:100], "why": why})
        ack.status = ingest_pb2.ACK_STATUS_REJECTED
        ack.detail = why
        return ack

    @staticmethod
    def _duplicate(ack: ingest_pb2.BatchAck) -> ingest_pb2.BatchAck:
        metrics.BATCHES.labels("duplicate").inc()
        ack.status = ingest_pb2.ACK_STATUS_DUPLICATE
        return ack

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
        self, conn: Connection, report: metadata_pb2.EndpointReport, window: tuple[int, int]
    ) -> int:
        now = _now_us()
        first = micros(report.first_seen) if report.HasField("first_seen") else window[0] or now
        last = micros(report.last_seen) if report.HasField("last_seen") else window[1] or first
        last = max(first, last)
        source_id = self._upsert_workload(conn, report.source, first, last)
        destination_id = self._upsert_workload(conn, report.destination, first, last)
        statuses = dict.fromkeys(_STATUS_COLUMNS.values(), 0)
        for entry in report.status_classes:
            column = _STATUS_COLUMNS.get(entry.status_class)
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
            "protocol": report.protocol if report.protocol in _PROTOCOL_NAMES else 0,
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
                self._new_fields += 1
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

    # --- policies --------------------------------------------------------------------------

    def _refresh_violations(
        self, conn: Connection, endpoint_ids: set[int] | None
    ) -> set[DetectionKey]:
        """Make the violations of ``endpoint_ids`` (None: all) match the current policies;
        return the detections they were judged on."""
        found = self._load_detections(conn, endpoint_ids)
        ends = {row.id: row for row in self._load_endpoints(conn, endpoint_ids)}
        refs = {row.id: _ref(row) for row in conn.execute(select(workloads))}
        desired: dict[tuple[str, int, str, str], dict[str, Any]] = {}
        drift = self.drift_states() if self.drift_states is not None else {}
        for det in found:
            end = ends[det.endpoint_id]
            sender_id, receiver_id = (
                (end.source_id, end.destination_id)
                if det.direction == "request"
                else (end.destination_id, end.source_id)
            )
            transfer = Transfer(
                refs[sender_id], refs[receiver_id], det.data_type, det.sensitivity,
                frozenset(drift.get(det.endpoint_id, ())),
            )  # fmt: skip
            for rule, message in self._policies.violations(transfer):
                key = (rule.key, det.endpoint_id, det.direction, det.data_type)
                row = desired.get(key)
                if row is None:
                    desired[key] = {
                        "policy_key": rule.key,
                        "policy_name": rule.name,
                        "endpoint_id": det.endpoint_id,
                        "direction": det.direction,
                        "data_type": det.data_type,
                        "sender_id": sender_id,
                        "receiver_id": receiver_id,
                        "sensitivity": det.sensitivity,
                        "message": message,
                        "first_seen_us": det.first_seen_us,
                        "last_seen_us": det.last_seen_us,
                    }
                else:  # the same type at several JSON paths of one endpoint
                    row["first_seen_us"] = min(row["first_seen_us"], det.first_seen_us)
                    row["last_seen_us"] = max(row["last_seen_us"], det.last_seen_us)
                    row["sensitivity"] = max(row["sensitivity"], det.sensitivity)
        query = select(
            violations.c.id,
            violations.c.policy_key,
            violations.c.endpoint_id,
            violations.c.direction,
            violations.c.data_type,
        )
        if endpoint_ids is not None:
            query = query.where(violations.c.endpoint_id.in_(endpoint_ids))
        existing = {
            (row.policy_key, row.endpoint_id, row.direction, row.data_type): row.id
            for row in conn.execute(query)
        }
        stale = [row_id for key, row_id in existing.items() if key not in desired]
        if self.on_violations is not None:  # alerts: recorded in this same transaction
            opened = [values for key, values in desired.items() if key not in existing]
            self.on_violations(conn, self._policies, opened, stale, _now_us())
        if stale:
            conn.execute(delete(violations).where(violations.c.id.in_(stale)))
        for values in desired.values():
            conn.execute(self._sql.violation, values)
        return {(d.endpoint_id, d.direction, d.json_path, d.data_type) for d in found}

    # --- loading ---------------------------------------------------------------------------

    def _load_endpoints(
        self, conn: Connection, endpoint_ids: Iterable[int] | None = None
    ) -> list[Row[Any]]:
        query = select(endpoints).order_by(endpoints.c.id)
        if endpoint_ids is not None:
            query = query.where(endpoints.c.id.in_(list(endpoint_ids)))
        return list(conn.execute(query))

    def _load_detections(
        self, conn: Connection, endpoint_ids: Iterable[int] | None = None
    ) -> list[_Detection]:
        query = (
            select(
                fields.c.endpoint_id,
                fields.c.direction,
                fields.c.json_path,
                detections.c.data_type,
                detections.c.sensitivity,
                detections.c.confidence,
                detections.c.count,
                detections.c.first_seen_us,
                detections.c.last_seen_us,
            )
            .join(fields, fields.c.id == detections.c.field_id)
            .order_by(fields.c.endpoint_id, fields.c.direction, fields.c.json_path)
        )
        if endpoint_ids is not None:
            query = query.where(fields.c.endpoint_id.in_(list(endpoint_ids)))
        return [_Detection(*row) for row in conn.execute(query)]

    def _snapshot(self) -> _Snapshot:
        with self._read() as conn:
            return _Snapshot(
                workloads={row.id: row for row in conn.execute(select(workloads))},
                endpoints=self._load_endpoints(conn),
                detections=self._load_detections(conn),
            )

    # --- queries ---------------------------------------------------------------------------

    def workloads(self, filters: Filters | None = None) -> list[WorkloadView]:
        """Workloads (in ``filters.namespace`` when set), with the data types each sends and
        receives; with a data type or sensitivity filter, only those that send or receive it."""
        snap = self._snapshot()
        filters = filters or Filters()
        out = []
        for wid, view in snap.workload_views().items():
            if filters.namespace and view.namespace != filters.namespace:
                continue
            if (filters.data_type or filters.min_sensitivity) and not any(
                wid in (t.sender, t.receiver) for t in snap.transfers(filters)
            ):
                continue
            out.append(view)
        return sorted(out, key=lambda w: (w.external, w.namespace, w.name))

    def flows(self, filters: Filters | None = None) -> list[FlowView]:
        """Source → destination pairs with their data types and highest sensitivity."""
        return self._snapshot().flows(filters or Filters())

    def endpoints(self, filters: Filters | None = None) -> list[EndpointSummary]:
        """Endpoints matching ``filters``, busiest first."""
        return self._snapshot().endpoint_summaries(filters or Filters())

    def endpoint(self, endpoint_id: int) -> EndpointDetail | None:
        """One endpoint with its field schema and detections, or None."""
        with self._read() as conn:
            rows = self._load_endpoints(conn, [endpoint_id])
            if not rows:
                return None
            end = rows[0]
            ids = (end.source_id, end.destination_id)
            refs = {
                row.id: row
                for row in conn.execute(select(workloads).where(workloads.c.id.in_(ids)))
            }
            field_rows = list(
                conn.execute(
                    select(fields)
                    .where(fields.c.endpoint_id == endpoint_id)
                    .order_by(fields.c.direction, fields.c.json_path)
                )
            )
            det_rows = self._load_detections(conn, [endpoint_id])
            params = sorted(
                conn.execute(
                    select(query_parameters.c.name).where(
                        query_parameters.c.endpoint_id == endpoint_id
                    )
                ).scalars()
            )
        snap = _Snapshot(workloads=refs, endpoints=rows, detections=det_rows)
        summary = snap.endpoint_summaries(Filters())[0]
        by_field: dict[tuple[str, str], list[DetectionView]] = defaultdict(list)
        for det in det_rows:
            by_field[(det.direction, det.json_path)].append(
                DetectionView(
                    data_type=det.data_type,
                    sensitivity=SENSITIVITY_NAMES.get(det.sensitivity, "unknown"),
                    confidence=round(_finite(det.confidence) or 0.0, 4),
                    count=_count(det.count),
                    first_seen=iso(det.first_seen_us),
                    last_seen=iso(det.last_seen_us),
                )
            )
        views = {
            direction: [
                FieldView(
                    direction=row.direction,
                    json_path=row.json_path,
                    json_types=_json_type_names(row.json_types),
                    seen_count=_count(row.seen_count),
                    detections=by_field.get((row.direction, row.json_path), []),
                )
                for row in field_rows
                if row.direction == direction
            ]
            for direction in ("request", "response")
        }
        latencies = _count(end.latency_count)
        return EndpointDetail(
            **summary.model_dump(),
            query_parameter_names=params,
            status_classes={
                column.removeprefix("status_"): _count(end._mapping[column])
                for column in _STATUS_COLUMNS.values()
                if end._mapping[column]
            },
            latency_mean_ms=_finite(end.latency_sum_ms / latencies) if latencies else None,
            latency_max_ms=_finite(end.latency_max_ms) if latencies else None,
            latency_p99_ms=_finite(end.latency_p99_ms) if latencies else None,
            request_fields=views["request"],
            response_fields=views["response"],
        )

    def data_types(self, filters: Filters | None = None) -> list[DataTypeView]:
        """The inventory: each data type seen, who sends it and who receives it."""
        return self._snapshot().data_type_views(filters or Filters())

    def violations(self, filters: Filters | None = None) -> list[ViolationView]:
        """Current policy violations, most recent first."""
        filters = filters or Filters()
        with self._read() as conn:
            refs = {row.id: row for row in conn.execute(select(workloads))}
            rows = list(
                conn.execute(
                    select(violations, endpoints.c.method, endpoints.c.path_template)
                    .join(endpoints, endpoints.c.id == violations.c.endpoint_id)
                    .order_by(violations.c.last_seen_us.desc(), violations.c.id)
                )
            )
        out = []
        for row in rows:
            sender, receiver = refs[row.sender_id], refs[row.receiver_id]
            if filters.namespace and filters.namespace not in (
                sender.namespace,
                receiver.namespace,
            ):
                continue
            if filters.data_type and row.data_type != filters.data_type:
                continue
            if filters.min_sensitivity and row.sensitivity < filters.min_sensitivity:
                continue
            out.append(
                ViolationView(
                    id=row.id,
                    policy=row.policy_name,
                    message=row.message,
                    data_type=row.data_type,
                    sensitivity=SENSITIVITY_NAMES.get(row.sensitivity, "unknown"),
                    direction=row.direction,
                    sender=_short(sender),
                    receiver=_short(receiver),
                    endpoint_id=row.endpoint_id,
                    method=row.method,
                    path_template=row.path_template,
                    first_seen=iso(row.first_seen_us),
                    last_seen=iso(row.last_seen_us),
                )
            )
        return out

    def summary(self) -> SummaryView:
        """Totals and the namespaces seen."""
        snap = self._snapshot()
        with self._read() as conn:
            batch_count = conn.execute(select(func.count()).select_from(batches)).scalar_one()
            violation_count = conn.execute(
                select(func.count()).select_from(violations)
            ).scalar_one()
        return SummaryView(
            workloads=len(snap.workloads),
            flows=len({(e.source_id, e.destination_id) for e in snap.endpoints}),
            endpoints=len(snap.endpoints),
            data_types=len({d.data_type for d in snap.detections}),
            violations=int(violation_count),
            batches=int(batch_count),
            namespaces=sorted({w.namespace for w in snap.workloads.values() if w.namespace}),
        )


def _now_us() -> int:
    return time.time_ns() // 1000


def _ref(row: Any) -> WorkloadRef:
    return WorkloadRef(kind=row.kind, namespace=row.namespace, name=row.name)


def _short(row: Any) -> WorkloadRefView:
    return WorkloadRefView(id=row.id, label=_ref(row).label, kind=kind_name(row.kind))


@dataclass(frozen=True)
class _Transfer:
    endpoint_id: int
    sender: int
    receiver: int
    detection: _Detection


@dataclass
class _Snapshot:
    """Rows loaded in one go; views are assembled in Python (dashboard-sized data)."""

    workloads: dict[int, Any]
    endpoints: list[Any]
    detections: list[_Detection]

    def transfers(self, filters: Filters) -> list[_Transfer]:
        ends = {e.id: e for e in self.endpoints}
        out = []
        for det in self.detections:
            end = ends.get(det.endpoint_id)
            if end is None:
                continue
            if filters.data_type and det.data_type != filters.data_type:
                continue
            if filters.min_sensitivity and det.sensitivity < filters.min_sensitivity:
                continue
            pair = (end.source_id, end.destination_id)
            sender, receiver = pair if det.direction == "request" else pair[::-1]
            if filters.namespace and filters.namespace not in (
                self.workloads[sender].namespace,
                self.workloads[receiver].namespace,
            ):
                continue
            out.append(_Transfer(det.endpoint_id, sender, receiver, det))
        return out

    def workload_views(self) -> dict[int, WorkloadView]:
        sends: dict[int, set[str]] = defaultdict(set)
        receives: dict[int, set[str]] = defaultdict(set)
        for t in self.transfers(Filters()):
            sends[t.sender].add(t.detection.data_type)
            receives[t.receiver].add(t.detection.data_type)
        out = {}
        for wid, row in self.workloads.items():
            ref = _ref(row)
            out[wid] = WorkloadView(
                id=wid,
                kind=kind_name(row.kind),
                namespace=row.namespace,
                name=row.name,
                label=ref.label,
                external=ref.external,
                first_seen=iso(row.first_seen_us),
                last_seen=iso(row.last_seen_us),
                sends=sorted(sends[wid]),
                receives=sorted(receives[wid]),
            )
        return out

    def _types_by_endpoint(self) -> dict[int, dict[str, tuple[int, set[str]]]]:
        """endpoint id → data type → (highest sensitivity, directions)."""
        out: dict[int, dict[str, tuple[int, set[str]]]] = defaultdict(dict)
        for det in self.detections:
            level, directions = out[det.endpoint_id].get(det.data_type, (0, set()))
            out[det.endpoint_id][det.data_type] = (
                max(level, det.sensitivity),
                directions | {det.direction},
            )
        return out

    @staticmethod
    def _on_flow(types: dict[str, tuple[int, set[str]]]) -> list[DataTypeOnFlow]:
        return [
            DataTypeOnFlow(
                data_type=name,
                sensitivity=SENSITIVITY_NAMES.get(level, "unknown"),
                direction="both" if len(dirs) > 1 else next(iter(dirs)),
            )
            for name, (level, dirs) in sorted(types.items(), key=lambda kv: (-kv[1][0], kv[0]))
        ]

    def _matches(self, end: Any, types: dict[str, tuple[int, set[str]]], filters: Filters) -> bool:
        if filters.namespace and filters.namespace not in (
            self.workloads[end.source_id].namespace,
            self.workloads[end.destination_id].namespace,
        ):
            return False
        if filters.data_type and filters.data_type not in types:
            return False
        highest = max((level for level, _ in types.values()), default=0)
        return not (filters.min_sensitivity and highest < filters.min_sensitivity)

    def endpoint_summaries(self, filters: Filters) -> list[EndpointSummary]:
        views = self.workload_views()
        by_endpoint = self._types_by_endpoint()
        out = []
        for end in self.endpoints:
            types = by_endpoint.get(end.id, {})
            if not self._matches(end, types, filters):
                continue
            highest = max((level for level, _ in types.values()), default=0)
            out.append(
                EndpointSummary(
                    id=end.id,
                    source=views[end.source_id],
                    destination=views[end.destination_id],
                    method=end.method,
                    path_template=end.path_template,
                    protocol=_PROTOCOL_NAMES.get(end.protocol),
                    exchange_count=_count(end.exchange_count),
                    inspected_count=_count(end.inspected_count),
                    data_types=self._on_flow(types),
                    highest_sensitivity=_sensitivity_name(highest),
                    first_seen=iso(end.first_seen_us),
                    last_seen=iso(end.last_seen_us),
                )
            )
        return sorted(out, key=lambda e: (-e.exchange_count, e.id))

    def flows(self, filters: Filters) -> list[FlowView]:
        views = self.workload_views()
        by_endpoint = self._types_by_endpoint()
        grouped: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for end in self.endpoints:
            grouped[(end.source_id, end.destination_id)].append(end)
        out = []
        for (source_id, destination_id), ends in grouped.items():
            types: dict[str, tuple[int, set[str]]] = {}
            for end in ends:
                for name, (level, dirs) in by_endpoint.get(end.id, {}).items():
                    old_level, old_dirs = types.get(name, (0, set()))
                    types[name] = (max(level, old_level), old_dirs | dirs)
            if not self._matches(ends[0], types, filters):
                continue
            highest = max((level for level, _ in types.values()), default=0)
            out.append(
                FlowView(
                    source=views[source_id],
                    destination=views[destination_id],
                    endpoint_count=len(ends),
                    exchange_count=min(sum(_count(e.exchange_count) for e in ends), INT64_MAX),
                    data_types=self._on_flow(types),
                    highest_sensitivity=_sensitivity_name(highest),
                    first_seen=iso(min(e.first_seen_us for e in ends)),
                    last_seen=iso(max(e.last_seen_us for e in ends)),
                )
            )
        return sorted(out, key=lambda f: (f.source.label, f.destination.label))

    def data_type_views(self, filters: Filters) -> list[DataTypeView]:
        grouped: dict[str, list[_Transfer]] = defaultdict(list)
        for t in self.transfers(filters):
            grouped[t.detection.data_type].append(t)
        out = []
        for name, items in grouped.items():
            level = max(t.detection.sensitivity for t in items)
            out.append(
                DataTypeView(
                    data_type=name,
                    sensitivity=SENSITIVITY_NAMES.get(level, "unknown"),
                    senders=self._refs({t.sender for t in items}),
                    receivers=self._refs({t.receiver for t in items}),
                    endpoint_count=len({t.endpoint_id for t in items}),
                    field_count=len(
                        {
                            (t.endpoint_id, t.detection.direction, t.detection.json_path)
                            for t in items
                        }
                    ),
                    first_seen=iso(min(t.detection.first_seen_us for t in items)),
                    last_seen=iso(max(t.detection.last_seen_us for t in items)),
                )
            )
        return sorted(
            out, key=lambda v: (-SENSITIVITY_LEVELS_BY_NAME.get(v.sensitivity, 0), v.data_type)
        )

    def _refs(self, ids: set[int]) -> list[WorkloadRefView]:
        return sorted((_short(self.workloads[i]) for i in ids), key=lambda r: r.label)


SENSITIVITY_LEVELS_BY_NAME = {name: level for level, name in SENSITIVITY_NAMES.items()}
