"""The collector's store: one data layer (SQLAlchemy Core) over SQLite or PostgreSQL.

``Store(url)`` takes ``sqlite:///path.db`` (one file), ``sqlite://`` (in memory, one process)
or ``postgresql+psycopg://user:password@host:port/db``. ``migrate()`` creates or upgrades the
tables. ``ack_batch(batch)`` stores a `MetadataBatch` once per batch id (the writing itself is
`collector.ingest_writer`), then re-evaluates the policies on the endpoints it touched. The
query methods (`collector.read_model`) feed the JSON API and dashboard.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from collector import clusters, metrics, partition_offsets, schema
from collector.ingest_writer import BatchWriter, WrittenBatch, batch_workload_rows
from collector.policies import PolicySet, Transfer, WorkloadRef
from collector.read_model import ReadModel, endpoints_calling_entry_hosts, linked_clusters
from collector.schema import endpoints, violations, workloads
from collector.stored_rows import (
    DetectionKey,
    StoredDetection,
    among,
    data_type_id,
    iso,
    kind_name,
    load_detections,
    load_endpoints,
    micros,
    now_us,
    workload_ref,
)
from collector.validation import batch_problem, cluster_name_problem
from collector.views import (
    ClusterLinksView,
    DataTypeView,
    EndpointDetail,
    EndpointSummary,
    Filters,
    FlowView,
    SummaryView,
    ViolationView,
    WorkloadView,
)
from protos.sieve.v1 import ingest_pb2

__all__ = [
    "DetectionKey",
    "Store",
    "StoreConfigError",
    "data_type_id",
    "iso",
    "kind_name",
    "make_engine",
    "micros",
]

log = logging.getLogger(__name__)

AckStatus: TypeAlias = ingest_pb2.AckStatus.ValueType
# (connection, policies, opened violation rows, ids of rows about to be deleted, now in µs)
ViolationHook: TypeAlias = Callable[
    [Connection, PolicySet, list[dict[str, Any]], list[int], int], None
]


# A transaction two collectors' ingests deadlocked (or serialised) is run again this often.
_TRANSACTION_ATTEMPTS = 5
_T = TypeVar("_T")
# PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply rerun.
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


def _sqlstate(exc: OperationalError) -> str:
    return str(getattr(exc.orig, "sqlstate", "") or "")


def _retryable(exc: OperationalError) -> bool:
    return _sqlstate(exc) in _RETRYABLE_SQLSTATES


class StoreConfigError(ValueError):
    """The database URL is unusable (bad syntax or unknown driver); one line."""


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
        self.writer = BatchWriter(self.engine.dialect.name == "postgresql", max_fields_per_endpoint)
        self._sql = self.writer.statements
        if self._sql.postgres:  # each session's staging tables, made when it connects
            event.listen(self.engine, "connect", self._sql.create_stages)
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
        # (drift can change).
        self.fields_added = 0
        # One shared in-memory SQLite connection must not be used by two threads at once.
        self._read_lock: contextlib.AbstractContextManager[Any] = (
            self._write_lock
            if isinstance(self.engine.pool, StaticPool)
            else contextlib.nullcontext()
        )
        self.read_model = ReadModel(self._read)

    # --- lifecycle -------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Create or upgrade the tables; return the migration versions applied now."""
        with self._write_lock, self.engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:  # a table rebuild (version 8) must not cascade: checked after instead
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
            try:
                with conn.begin():
                    applied = schema.migrate(conn, now_us())
                    if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                        raise RuntimeError("migration left a dangling reference")
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                    conn.commit()
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
        self._write(lambda conn: self._refresh_violations(conn, endpoint_ids))
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
        problem = cluster_name_problem(request.cluster_name)
        if problem is not None:
            raise ValueError(problem)
        with self._write_lock, self.engine.begin() as conn:
            clusters.admit(conn, request.agent_id, request.cluster_name, now_us())
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
        is then not stored and must be resent; so does `clusters.ClusterRefused` (the agent's
        cluster name breaks the multi-cluster rules; nothing is stored).
        """
        ack = ingest_pb2.BatchAck(sequence=batch.sequence, batch_id=batch.batch_id)
        problem = batch_problem(batch, self.max_reports_per_batch)
        if problem is not None:
            return self._reject(ack, problem)
        digest = hashlib.sha256(batch.SerializeToString(deterministic=True)).hexdigest()
        started = time.perf_counter()
        outcome = self._write(lambda conn: self._store(conn, batch, principal, digest, ack))
        if isinstance(outcome, ingest_pb2.BatchAck):
            return outcome
        touched, detected, new_fields, widen = outcome
        if widen:  # PostgreSQL: the workloads' first/last seen, after the batch (`_store`)
            self._write(lambda conn: self.writer.widen_workloads(conn, widen))
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

    def _write(self, work: Callable[[Connection], _T]) -> _T:
        """Run ``work`` in a write transaction; run it again (a few times, after a short
        random pause) when PostgreSQL ends it for a deadlock or a serialization failure."""
        for attempt in range(1, _TRANSACTION_ATTEMPTS + 1):
            try:
                with self._write_lock, self.engine.begin() as conn:
                    return work(conn)
            except OperationalError as exc:
                if not _retryable(exc) or attempt == _TRANSACTION_ATTEMPTS:
                    raise
                metrics.TRANSACTION_RETRIES.inc()
                log.info("write transaction retried", extra={"reason": _sqlstate(exc)})
                time.sleep(random.uniform(0.0, 0.01 * attempt))  # noqa: S311 - jitter only
        raise AssertionError("unreachable")

    def _store(
        self,
        conn: Connection,
        batch: ingest_pb2.MetadataBatch,
        principal: str,
        digest: str,
        ack: ingest_pb2.BatchAck,
    ) -> ingest_pb2.BatchAck | tuple[set[int], set[DetectionKey], int, list[dict[str, Any]]]:
        """One ingest transaction: the final ack when the batch is not stored, else what
        it touched (endpoints, detections, new field paths) and, on PostgreSQL, the workload
        spans to widen once it has committed.

        On PostgreSQL a batch's workloads are not locked here: many batches of one cluster
        share them, and a lock held until this transaction ends made those batches commit one
        at a time. This transaction only reads their ids (inserting the missing ones: a new
        workload's first/last seen are the batch's); the widening of stored first/last seen
        is a second, short transaction after this one commits (`ack_batch`). So a workload's
        first/last seen only ever covers batches that were stored: a DUPLICATE, REJECTED or
        fenced batch, or one whose transaction failed, widens nothing; the detection-derived
        rows (flow and workload data types) stay in this transaction. A crash between the two
        transactions leaves the workload's first/last seen short of the stored batch (its
        endpoints have it right); the agent, never acked, resends the batch, and the
        DUPLICATE of identical content widens them then (below). A new workload row that a
        failed or refused batch inserted goes with that batch's rollback."""
        clusters.admit(conn, batch.agent_id, batch.cluster_name, now_us())
        if (
            principal
            and conn.execute(
                self._sql.legacy_batch, {"batch_id": batch.batch_id, "agent_id": batch.agent_id}
            ).first()
        ):
            return self._duplicate(ack)
        # The batch row first: a concurrent copy of this batch (another collector replica, or
        # a resend on a second stream) waits here on the row's key until this transaction
        # ends, then finds it stored.
        key = {"principal": principal, "batch_id": batch.batch_id}
        fresh = conn.execute(
            self._sql.batch,
            {
                **key,
                "agent_id": batch.agent_id,
                "sequence": batch.sequence,
                "received_at_us": now_us(),
                "report_count": len(batch.reports),
                "content_sha256": digest,
            },
        ).scalar_one_or_none()
        if fresh is None:
            stored = conn.execute(self._sql.batch_hash, key).scalar_one_or_none()
            if stored is not None and stored != digest:
                return self._reject(
                    ack, "batch_id already stored with other content; ids must not be reused"
                )
            if stored is not None and self._sql.postgres:  # a crash may have skipped it
                self.writer.widen_workloads(conn, batch_workload_rows(batch))
            return self._duplicate(ack)
        fenced = partition_offsets.admit(conn, batch, principal)
        if fenced is not None:
            conn.execute(self._sql.forget_batch, key)  # not stored after all
            metrics.BATCHES.labels("fenced").inc()
            ack.status, ack.detail = fenced
            return ack
        written = self.writer.write(conn, batch)
        touched = written.endpoint_ids
        detected = self._refresh_violations(conn, touched, written) if touched else set()
        return touched, detected, written.new_fields, written.widen

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

    # --- policies --------------------------------------------------------------------------

    def _refresh_violations(
        self,
        conn: Connection,
        endpoint_ids: set[int] | None,
        written: WrittenBatch | None = None,
    ) -> set[DetectionKey]:
        """Make the violations of ``endpoint_ids`` (None: all) match the current policies;
        return the detections they were judged on. ``written``: the ingest that touched them
        (its upserts hold the endpoints' row locks and know their workloads)."""
        if written is None and conn.dialect.name == "postgresql":
            # Lock the endpoints judged, as ingest's upsert does: two collector replicas
            # never open or resolve one endpoint's violations at once, so each state change
            # gives one alert.
            locked = select(endpoints.c.id).order_by(endpoints.c.id).with_for_update()
            if endpoint_ids is not None:
                locked = locked.where(endpoints.c.id.in_(sorted(endpoint_ids)))
            conn.execute(locked).all()
        found, stored = self._judged(conn, endpoint_ids)
        if written is not None:
            ends, refs = written.endpoints, written.workloads
        else:
            ends, refs = _parties(conn, endpoint_ids)
        refs, relink = self._links(conn, refs, endpoint_ids if written is not None else None)
        desired: dict[tuple[str, int, str, str], dict[str, Any]] = {}
        drift = self.drift_states() if self.drift_states is not None else {}
        for det in found:
            client, server = ends[det.endpoint_id]
            sender_id, receiver_id = (
                (client, server) if det.direction == "request" else (server, client)
            )
            transfer = Transfer(
                refs[sender_id], refs[receiver_id], det.data_type, det.sensitivity,
                frozenset(drift.get(det.endpoint_id, ())), refs[server].cluster,
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
        existing = {(key, eid, direction, kind): vid for vid, key, eid, direction, kind in stored}
        stale = [row_id for key, row_id in existing.items() if key not in desired]
        if self.on_violations is not None:  # alerts: recorded in this same transaction
            opened = [values for key, values in desired.items() if key not in existing]
            self.on_violations(conn, self._policies, opened, stale, now_us())
        if stale:
            conn.execute(delete(violations).where(among(conn, violations.c.id, stale)))
        if desired:  # one multi-row upsert, in key order (concurrent collectors lock alike)
            self._sql.run(conn, self._sql.violation, [desired[key] for key in sorted(desired)])
        if relink:
            self._refresh_violations(conn, relink)
        return {(d.endpoint_id, d.direction, d.json_path, d.data_type) for d in found}

    def _links(
        self, conn: Connection, refs: dict[int, WorkloadRef], ingested: set[int] | None
    ) -> tuple[dict[int, WorkloadRef], set[int]]:
        """When a rule judges cross-cluster calls: ``refs`` with each EXTERNAL workload linked
        to another cluster marked so, and the other clusters' client endpoints the entry
        hosts of the ``ingested`` endpoints may newly link (to judge them too)."""
        if not self._policies.needs_links:
            return refs, set()
        linked = linked_clusters(conn, {wid: ref for wid, ref in refs.items() if ref.external})
        marked = {
            wid: replace(ref, linked_cluster=linked[wid]) if wid in linked else ref
            for wid, ref in refs.items()
        }
        if not ingested:
            return marked, set()
        return marked, endpoints_calling_entry_hosts(conn, ingested) - ingested

    def _judged(
        self, conn: Connection, endpoint_ids: set[int] | None
    ) -> tuple[list[StoredDetection], list[Any]]:
        """The detections of ``endpoint_ids`` (None: all) and their violations (id, policy,
        endpoint, direction, data type)."""
        if endpoint_ids is None:
            query = select(
                violations.c.id,
                violations.c.policy_key,
                violations.c.endpoint_id,
                violations.c.direction,
                violations.c.data_type,
            )
            return load_detections(conn, None), list(conn.execute(query).all())
        ids = {"ids": sorted(endpoint_ids)}
        found = [
            StoredDetection(*row)
            for row in self._sql.fetch(conn, self._sql.endpoint_detections, ids)
        ]
        return found, self._sql.fetch(conn, self._sql.endpoint_violations, ids)

    # --- queries (collector.read_model) ----------------------------------------------------

    def workloads(self, filters: Filters | None = None) -> list[WorkloadView]:
        """Workloads (in ``filters.namespace`` when set), with the data types each sends and
        receives; with a data type or sensitivity filter, only those that send or receive it."""
        return self.read_model.workloads(filters)

    def flows(self, filters: Filters | None = None) -> list[FlowView]:
        """Source → destination pairs with their data types and highest sensitivity."""
        return self.read_model.flows(filters)

    def endpoints(self, filters: Filters | None = None) -> list[EndpointSummary]:
        """Endpoints matching ``filters``, busiest first."""
        return self.read_model.endpoints(filters)

    def endpoints_page(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[EndpointSummary], int]:
        """One page of `endpoints` (from the database) and the total matching."""
        return self.read_model.endpoints_page(filters, limit, offset)

    def endpoint(self, endpoint_id: int) -> EndpointDetail | None:
        """One endpoint with its field schema and detections, or None."""
        return self.read_model.endpoint(endpoint_id)

    def data_types(self, filters: Filters | None = None) -> list[DataTypeView]:
        """The inventory: each data type seen, who sends it and who receives it."""
        return self.read_model.data_types(filters)

    def violations(self, filters: Filters | None = None) -> list[ViolationView]:
        """Current policy violations, most recent first."""
        return self.read_model.violations(filters)

    def violations_page(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[ViolationView], int]:
        """One page of `violations` (from the database) and the total matching."""
        return self.read_model.violations_page(filters, limit, offset)

    def cluster_links(self, cluster: str | None = None) -> ClusterLinksView:
        """Calls from one cluster to another's entry point that both reported."""
        return self.read_model.cluster_links(cluster)

    def summary(self) -> SummaryView:
        """Totals and the namespaces seen."""
        return self.read_model.summary()


def _parties(
    conn: Connection, endpoint_ids: set[int] | None
) -> tuple[dict[int, tuple[int, int]], dict[int, WorkloadRef]]:
    """Endpoint id → (source, destination) ids, and those workloads (None: all)."""
    ends = {
        row.id: (row.source_id, row.destination_id) for row in load_endpoints(conn, endpoint_ids)
    }
    parties = select(workloads)
    if endpoint_ids is not None:
        ids = {pair[0] for pair in ends.values()} | {pair[1] for pair in ends.values()}
        parties = parties.where(workloads.c.id.in_(sorted(ids)))
    return ends, {row.id: workload_ref(row) for row in conn.execute(parties)}
