"""The ingest side of the store: writing one metadata batch into the tables.

`BatchWriter.write(conn, batch)` merges each report into its endpoint (source, destination,
method, path template; both workloads of the batch's cluster): counts summed (saturating at
2^63-1), exact status codes summed per code, first/last seen widened, field schema and
detections merged, query parameter names and entry hosts added. It runs inside the caller's
transaction and returns the endpoints it touched. On PostgreSQL it locks no stored workload
(rows many batches of one cluster share): it returns the workloads' widened first/last seen
for the caller to store with `BatchWriter.widen_workloads` once its transaction has
committed (`collector.store.Store._store` says what a failure in between leaves).
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Connection,
    Float,
    MetaData,
    Select,
    Table,
    Text,
    and_,
    any_,
    bindparam,
    case,
    cast,
    delete,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from collector import metrics
from collector.policies import WorkloadRef
from collector.schema import (
    batches,
    detections,
    endpoint_data_types,
    endpoint_data_types_rows,
    endpoints,
    entry_hosts,
    fields,
    flow_data_types,
    query_parameters,
    server_endpoints,
    status_codes,
    violations,
    workload_data_types,
    workloads,
)
from collector.stored_rows import (
    PROTOCOL_NAMES,
    STATUS_COLUMNS,
    data_type_id,
    detections_query,
    micros,
    now_us,
)
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


# Staging tables' column types by Python type: COPY in binary needs them exact, and the
# INSERT … SELECT casts them to the real columns' types.
_STAGE_TYPES = {int: ("int8", BigInteger), str: ("text", Text), float: ("float8", Float)}


# Below this many rows an upsert sends them as one binary array per column in the statement
# itself (one round trip); from it on, COPY into the staging table (two more round trips,
# but about half the client CPU per row): small batches keep their latency on a busy host.
COPY_MIN_ROWS = 100


def _unnest(table: Table, columns: list[str]) -> Select[Any]:
    """``SELECT * FROM unnest(CAST(:c1 AS type[]), ...)``: many rows as one array per column."""
    arrays = [cast(bindparam(name), ARRAY(table.c[name].type)) for name in columns]
    rows = func.unnest(*arrays).table_valued(*columns).render_derived(name="batch_rows")
    return select(*(rows.c[name] for name in columns))


def _stage(table: Table, columns: list[str]) -> Table:
    """The session's temporary table a batch's rows for ``table`` are copied into."""
    return Table(
        f"sieve_stage_{table.name}",
        MetaData(),  # its own: every store builds its statements
        *(Column(name, _STAGE_TYPES[table.c[name].type.python_type][1]) for name in columns),
        schema="pg_temp",
    )


# A workload's and a flow's natural keys (their unique indexes).
WORKLOAD_COLUMNS = ("cluster", "kind", "namespace", "name")
FLOW_COLUMNS = ("source_id", "destination_id", "data_type", "direction")


def _lookup(table: Table, keys: list[str], columns: list[str]) -> Select[Any]:
    """PostgreSQL: ``columns`` of the rows of ``table`` whose ``keys`` are given as one array
    per key column (a join on the unique index; a plain read, no row lock)."""
    wanted = _unnest(table, keys).subquery("wanted")
    return select(*(table.c[name] for name in columns)).join(
        wanted, and_(*(table.c[name] == wanted.c[name] for name in keys))
    )


class Statements:
    """The ingest's upserts, built once per store (statement construction is costly).

    On PostgreSQL the rows are copied (``COPY … FROM STDIN`` in binary) into a temporary
    table of the session, then one prepared ``INSERT … SELECT … ON CONFLICT …`` empties it
    into the real table; fewer than `COPY_MIN_ROWS` rows go as one binary array per column
    (``INSERT … SELECT FROM unnest(…) ON CONFLICT …``, prepared, one round trip). On SQLite they are
    executemany statements (SQLAlchemy sends them as multi-row VALUES). `run` executes one
    with a list of row dicts on either."""

    def __init__(self, postgres: bool) -> None:
        self.postgres = postgres

        def insert(table: Any) -> Any:
            return pg_insert(table) if postgres else sqlite_insert(table)

        self._staged: dict[Any, _Staged] = {}

        def upsert(table: Table, columns: list[str], finish: Callable[[Any], Any]) -> Any:
            if not postgres:
                return finish(sqlite_insert(table))
            stage = _stage(table, columns)
            rows = delete(stage).returning(*stage.c).cte("batch_rows")
            stmt = finish(pg_insert(table).from_select(columns, select(*rows.c)))
            arrays = finish(pg_insert(table).from_select(columns, _unnest(table, columns)))
            self._staged[stmt] = _Staged.of(stmt, stage, arrays)
            return stmt

        def among(column: Any, name: str) -> ColumnElement[bool]:
            if postgres:  # one array parameter: the same text (one prepared plan) every time
                return column == any_(bindparam(name, type_=ARRAY(column.type)))  # type: ignore[no-any-return]
            return column.in_(bindparam(name, expanding=True))  # type: ignore[no-any-return]

        # The fields already stored for some endpoints: how many per direction, and which of
        # some paths (the per-endpoint field limit).
        self.field_counts = (
            select(fields.c.endpoint_id, fields.c.direction, func.count())
            .where(among(fields.c.endpoint_id, "ids"))
            .group_by(fields.c.endpoint_id, fields.c.direction)
        )
        self.known_fields = select(
            fields.c.endpoint_id, fields.c.direction, fields.c.json_path
        ).where(among(fields.c.endpoint_id, "ids"), among(fields.c.json_path, "paths"))
        # The detections and violations of some endpoints (policy evaluation after ingest).
        self.endpoint_detections = (
            detections_query()
            .where(among(fields.c.endpoint_id, "ids"))
            .order_by(fields.c.endpoint_id, fields.c.direction, fields.c.json_path)
        )
        self.endpoint_violations = select(
            violations.c.id,
            violations.c.policy_key,
            violations.c.endpoint_id,
            violations.c.direction,
            violations.c.data_type,
        ).where(among(violations.c.endpoint_id, "ids"))
        self._queries: dict[Any, str] = {}
        # Called with each statement and parameters sent straight through psycopg (outside
        # SQLAlchemy's events), e.g. by tests that check the plans of ingest's reads.
        self.before_execute: Callable[[str, Any], None] | None = None
        self.batch = (
            insert(batches)
            .on_conflict_do_nothing(index_elements=["principal", "batch_id"])
            .returning(batches.c.batch_id)
        )
        self.batch_hash = select(batches.c.content_sha256).where(
            batches.c.principal == bindparam("principal"),
            batches.c.batch_id == bindparam("batch_id"),
        )
        self.forget_batch = delete(batches).where(
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
        self.workload = upsert(
            workloads,
            ["cluster", "kind", "namespace", "name", "first_seen_us", "last_seen_us"],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["cluster", "kind", "namespace", "name"],
                set_={
                    "first_seen_us": _least(workloads.c.first_seen_us, stmt.excluded.first_seen_us),
                    "last_seen_us": _greatest(workloads.c.last_seen_us, stmt.excluded.last_seen_us),
                },
            ).returning(
                workloads.c.id,
                workloads.c.cluster,
                workloads.c.kind,
                workloads.c.namespace,
                workloads.c.name,
            ),
        )
        # PostgreSQL (see `BatchWriter.write`): the batch's workloads looked up without a
        # lock, the missing ones inserted (DO NOTHING: no lock on rows others committed).
        self.workload_lookup = _lookup(
            workloads,
            list(WORKLOAD_COLUMNS),
            ["id", *WORKLOAD_COLUMNS, "first_seen_us", "last_seen_us"],
        )
        self.new_workload = upsert(
            workloads,
            [*WORKLOAD_COLUMNS, "first_seen_us", "last_seen_us"],
            lambda stmt: stmt.on_conflict_do_nothing(index_elements=list(WORKLOAD_COLUMNS)),
        )

        def endpoint_update(stmt: Any) -> Any:
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
            return stmt.on_conflict_do_update(
                index_elements=["source_id", "destination_id", "method", "path_template"],
                set_=update,
            ).returning(
                endpoints.c.id,
                endpoints.c.source_id,
                endpoints.c.destination_id,
                endpoints.c.method,
                endpoints.c.path_template,
            )

        self.endpoint = upsert(
            endpoints,
            [c.name for c in endpoints.columns if c.name != "id"],
            endpoint_update,
        )
        # The catalogue's server endpoints: the batch's exchanges added (a running sum, so two
        # collectors adding to one row at once both count: the update reads the row it locks).
        self.server_endpoint = upsert(
            server_endpoints,
            ["destination_id", "method", "path_template", "exchange_count", "last_seen_us"],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["destination_id", "method", "path_template"],
                set_={
                    "exchange_count": _saturating_sum(
                        server_endpoints.c.exchange_count, stmt.excluded.exchange_count
                    ),
                    "last_seen_us": _greatest(
                        server_endpoints.c.last_seen_us, stmt.excluded.last_seen_us
                    ),
                },
            ),
        )
        self.query_parameter = upsert(
            query_parameters,
            ["endpoint_id", "name"],
            lambda stmt: stmt.on_conflict_do_nothing(index_elements=["endpoint_id", "name"]),
        )
        self.entry_host = upsert(
            entry_hosts,
            ["endpoint_id", "host"],
            lambda stmt: stmt.on_conflict_do_nothing(index_elements=["endpoint_id", "host"]),
        )
        self.status_code = upsert(
            status_codes,
            ["endpoint_id", "code", "count"],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["endpoint_id", "code"],
                set_={"count": _saturating_sum(status_codes.c.count, stmt.excluded.count)},
            ),
        )
        self.field = upsert(
            fields,
            ["endpoint_id", "direction", "json_path", "json_types", "seen_count"],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["endpoint_id", "direction", "json_path"],
                set_={
                    "json_types": fields.c.json_types.op("|")(stmt.excluded.json_types),
                    "seen_count": _saturating_sum(fields.c.seen_count, stmt.excluded.seen_count),
                },
            ).returning(fields.c.id, fields.c.endpoint_id, fields.c.direction, fields.c.json_path),
        )
        self.detection = upsert(
            detections,
            [c.name for c in detections.columns],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["field_id", "data_type"],
                set_={
                    "sensitivity": _greatest(detections.c.sensitivity, stmt.excluded.sensitivity),
                    "confidence": _greatest(detections.c.confidence, stmt.excluded.confidence),
                    "count": _saturating_sum(detections.c.count, stmt.excluded.count),
                    "first_seen_us": _least(
                        detections.c.first_seen_us, stmt.excluded.first_seen_us
                    ),
                    "last_seen_us": _greatest(
                        detections.c.last_seen_us, stmt.excluded.last_seen_us
                    ),
                },
            ),
        )
        self.workload_data_type = upsert(
            workload_data_types,
            ["workload_id", "role", "data_type"],
            lambda stmt: stmt.on_conflict_do_nothing(
                index_elements=["workload_id", "role", "data_type"]
            ),
        )
        self.flow_levels = _lookup(
            flow_data_types, list(FLOW_COLUMNS), [*FLOW_COLUMNS, "sensitivity"]
        )
        self.flow_data_type = upsert(
            flow_data_types,
            ["source_id", "destination_id", "data_type", "direction", "sensitivity"],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["source_id", "destination_id", "data_type", "direction"],
                set_={
                    "sensitivity": _greatest(
                        flow_data_types.c.sensitivity, stmt.excluded.sensitivity
                    )
                },
            ),
        )
        # The touched endpoints' (endpoint, data type) rows are rebuilt by the database from
        # their detections: the old ones deleted, the new ones inserted (the endpoints' row
        # locks, taken by their upsert, keep another collector out meanwhile).
        self.forget_endpoint_data_types = delete(endpoint_data_types).where(
            among(endpoint_data_types.c.endpoint_id, "ids")
        )
        self.rebuild_endpoint_data_types = endpoint_data_types.insert().from_select(
            [c.name for c in endpoint_data_types.columns],
            endpoint_data_types_rows(among(fields.c.endpoint_id, "ids")),
        )
        self.violation = upsert(
            violations,
            [c.name for c in violations.columns if c.name != "id"],
            lambda stmt: stmt.on_conflict_do_update(
                index_elements=["policy_key", "endpoint_id", "direction", "data_type"],
                set_={
                    name: stmt.excluded[name]
                    for name in (
                        "policy_name", "message", "sensitivity", "first_seen_us", "last_seen_us"
                    )
                },
            ),
        )  # fmt: skip

    def create_stages(self, dbapi_connection: Any, _record: Any = None) -> None:
        """Create the session's staging tables (a pool "connect" listener on PostgreSQL).
        ``ON COMMIT DELETE ROWS``: whatever a transaction left in them is gone at its end."""
        with dbapi_connection.cursor() as cursor:
            for staged in self._staged.values():
                cursor.execute(staged.create)
        dbapi_connection.commit()

    def fetch(self, conn: Connection, stmt: Any, params: dict[str, list[Any]]) -> list[Any]:
        """The rows of a statement with list parameters (`field_counts`, `known_fields`;
        none for `forget_endpoint_data_types`)."""
        if not self.postgres:
            result = conn.execute(stmt, params)
            return list(result.all()) if result.returns_rows else []
        sql = self._queries.get(stmt)
        if sql is None:  # compiled once; the lists go as binary arrays
            sql = stmt.compile(dialect=_PG_DIALECT).string
            for name in params:
                sql = sql.replace(f"%({name})s", f"%({name})b")
            self._queries[stmt] = sql
        if self.before_execute is not None:
            self.before_execute(sql, params)
        with conn.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(sql, params, prepare=True)
            return list(cursor.fetchall()) if cursor.description is not None else []

    def run(self, conn: Connection, stmt: Any, rows: list[dict[str, Any]]) -> list[Any]:
        """Execute one of the bulk upserts with ``rows`` (dicts by column name); the rows it
        returns as tuples (empty when it returns none)."""
        if not self.postgres:
            result = conn.execute(stmt, rows)
            return list(result.all()) if result.returns_rows else []
        staged = self._staged[stmt]
        # The psycopg connection under this transaction: rows copied in binary, then the
        # upsert (compiled once, prepared once per connection) moves them.
        with conn.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            if len(rows) < COPY_MIN_ROWS:
                params = dict(staged.array_constants)
                for name in staged.columns:
                    params[name] = [row[name] for row in rows]
                if self.before_execute is not None:
                    self.before_execute(staged.array_sql, params)
                cursor.execute(staged.array_sql, params, prepare=True)
                return cursor.fetchall() if cursor.description is not None else []
            with cursor.copy(staged.copy) as copy:
                copy.set_types(staged.types)
                pick = staged.pick
                for row in rows:
                    copy.write_row(pick(row))
            if self.before_execute is not None:
                self.before_execute(staged.sql, staged.constants)
            cursor.execute(staged.sql, staged.constants, prepare=True)
            return cursor.fetchall() if cursor.description is not None else []


@dataclass(frozen=True)
class _Staged:
    """An upsert from a staging table, compiled once for psycopg: the table's DDL, its COPY
    statement and column types, the upsert's text and the values of its constants (e.g. the
    saturation limit)."""

    create: str
    copy: str
    types: tuple[str, ...]
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    sql: str
    constants: dict[str, Any]
    # The same upsert with the rows as binary array parameters (small batches).
    columns: tuple[str, ...]
    array_sql: str
    array_constants: dict[str, Any]

    @classmethod
    def of(cls, stmt: Any, stage: Table, arrays: Any) -> _Staged:
        names = [c.name for c in stage.columns]
        types = tuple(_STAGE_TYPES[c.type.python_type][0] for c in stage.columns)
        table = f"pg_temp.{stage.name}"
        create = (
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {stage.name} "
            f"({', '.join(f'{n} {t}' for n, t in zip(names, types, strict=True))}) "
            "ON COMMIT DELETE ROWS"
        )
        compiled = stmt.compile(dialect=_PG_DIALECT)
        pick = operator.itemgetter(*names)
        by_arrays = arrays.compile(dialect=_PG_DIALECT)
        array_sql = by_arrays.string
        for name in names:
            if f"%({name})s" not in array_sql:
                raise AssertionError(f"no parameter {name} in the compiled upsert")
            array_sql = array_sql.replace(f"%({name})s", f"%({name})b")
        return cls(
            create=create,
            copy=f"COPY {table} ({', '.join(names)}) FROM STDIN (FORMAT BINARY)",
            types=types,
            pick=pick if len(names) > 1 else lambda row: (pick(row),),
            sql=compiled.string,
            constants=dict(compiled.params),
            columns=tuple(names),
            array_sql=array_sql,
            array_constants={k: v for k, v in by_arrays.params.items() if k not in names},
        )


_PG_DIALECT = pg_psycopg.dialect()  # type: ignore[no-untyped-call]


# A workload's identity: (cluster, kind, namespace, name).
WorkloadKey = tuple[str, int, str, str]
# An endpoint's identity before its workloads have ids: (source, destination, method, path).
EndpointKey = tuple[WorkloadKey, WorkloadKey, str, str]
# A field's identity: (endpoint, direction, JSON path).
FieldKey = tuple[EndpointKey, str, str]


@dataclass(frozen=True)
class WrittenBatch:
    """What writing a batch changed: the endpoints it touched, how many field paths were new."""

    endpoint_ids: set[int]
    new_fields: int
    # Endpoint id → (source, destination) workload ids, and those workloads, as written.
    endpoints: dict[int, tuple[int, int]] = field(default_factory=dict)
    workloads: dict[int, WorkloadRef] = field(default_factory=dict)
    # PostgreSQL: workload rows whose first/last seen this batch widens, for
    # `BatchWriter.widen_workloads` once the batch's transaction has committed.
    widen: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Merged:
    """One batch's rows, merged in memory by their natural keys (as if stored one by one)."""

    workloads: dict[WorkloadKey, list[int]] = field(default_factory=dict)
    endpoints: dict[EndpointKey, dict[str, Any]] = field(default_factory=dict)
    parameters: set[tuple[EndpointKey, str]] = field(default_factory=set)
    entry_hosts: set[tuple[EndpointKey, str]] = field(default_factory=set)
    status_codes: dict[tuple[EndpointKey, int], int] = field(default_factory=dict)
    # In order of first appearance: the per-endpoint field limit keeps the first ones.
    fields: dict[FieldKey, list[int]] = field(default_factory=dict)
    detections: dict[tuple[FieldKey, str], dict[str, Any]] = field(default_factory=dict)


def workload_rows(spans: dict[WorkloadKey, list[int]]) -> list[dict[str, Any]]:
    """Workload rows (key columns, first and last seen) sorted by key."""
    return [
        {"cluster": k[0], "kind": k[1], "namespace": k[2], "name": k[3],
         "first_seen_us": seen[0], "last_seen_us": seen[1]}
        for k, seen in sorted(spans.items())
    ]  # fmt: skip


def _key(row: dict[str, Any]) -> WorkloadKey:
    return (row["cluster"], row["kind"], row["namespace"], row["name"])


def _workload_key(cluster: str, workload: Any) -> WorkloadKey:
    return (cluster, int(workload.kind), workload.namespace, workload.name)


def _saturated(a: int, b: int) -> int:
    return min(a + b, INT64_MAX)


class BatchWriter:
    """Writes batches' reports with set-based statements: each table gets one multi-row
    upsert per batch (SQLAlchemy's "insertmanyvalues": up to 1000 rows a statement), so a
    batch costs a handful of round trips whatever its size. Rows are merged in memory first
    (one statement cannot update a row twice) and sent sorted by key, so concurrent
    collectors lock shared rows in one order. Thread-safe: no per-call state."""

    def __init__(self, postgres: bool, max_fields_per_endpoint: int) -> None:
        self.statements = Statements(postgres)
        self.max_fields_per_endpoint = max_fields_per_endpoint

    def write(self, conn: Connection, batch: ingest_pb2.MetadataBatch) -> WrittenBatch:
        """Merge every report of ``batch`` (inside the caller's transaction)."""
        window = (
            micros(batch.window_start) if batch.HasField("window_start") else 0,
            micros(batch.window_end) if batch.HasField("window_end") else 0,
        )
        merged = _Merged()
        for report in batch.reports:
            _merge_report(merged, report, window, batch.cluster_name)
        if not merged.endpoints:
            return WrittenBatch(set(), 0)
        sql = self.statements
        workload_ids, widen = self._workloads(conn, workload_rows(merged.workloads))
        endpoint_rows = []
        for key, values in sorted(merged.endpoints.items()):
            endpoint_rows.append(
                {
                    **values,
                    "source_id": workload_ids[key[0]],
                    "destination_id": workload_ids[key[1]],
                }
            )
        endpoint_ids: dict[tuple[int, int, str, str], int] = {}
        parties: dict[int, tuple[int, int]] = {}
        for eid, source_id, destination_id, method, path in sql.run(
            conn, sql.endpoint, endpoint_rows
        ):
            endpoint_ids[(source_id, destination_id, method, path)] = int(eid)
            parties[int(eid)] = (int(source_id), int(destination_id))

        self._write_server_endpoints(conn, endpoint_rows)

        def endpoint_id(key: EndpointKey) -> int:
            return endpoint_ids[(workload_ids[key[0]], workload_ids[key[1]], key[2], key[3])]

        # Names per endpoint (query parameters, entry hosts), sorted by key like every upsert.
        for statement, column, pairs in (
            (sql.query_parameter, "name", merged.parameters),
            (sql.entry_host, "host", merged.entry_hosts),
        ):
            if pairs:
                rows = sorted((endpoint_id(k), value) for k, value in pairs)
                sql.run(conn, statement, [{"endpoint_id": e, column: v} for e, v in rows])
        if merged.status_codes:
            code_rows = sorted(
                (endpoint_id(key), code, n) for (key, code), n in merged.status_codes.items()
            )
            sql.run(
                conn,
                sql.status_code,
                [{"endpoint_id": e, "code": c, "count": n} for e, c, n in code_rows],
            )
        kept, new_fields = self._limit_fields(conn, merged, endpoint_id)
        field_ids: dict[tuple[int, str, str], int] = {}
        if kept:
            field_ids = {
                (endpoint_id, direction, json_path): int(fid)
                for fid, endpoint_id, direction, json_path in sql.run(
                    conn,
                    sql.field,
                    sorted(
                        (
                            {"endpoint_id": eid, "direction": key[1], "json_path": key[2],
                             "json_types": merged.fields[key][0],
                             "seen_count": merged.fields[key][1]}
                            for key, eid in kept.items()
                        ),
                        key=lambda r: (r["endpoint_id"], r["direction"], r["json_path"]),
                    ),
                )
            }  # fmt: skip
        detection_rows = []
        changed: set[int] = set()  # endpoints whose detections this batch writes
        roles: set[tuple[int, str, str]] = set()
        flow_types: dict[tuple[int, int, str, str], int] = {}
        for (field_key, data_type), values in merged.detections.items():
            eid = kept.get(field_key)
            if eid is None:
                continue  # its field was over the limit
            fid = field_ids[(eid, field_key[1], field_key[2])]
            detection_rows.append({"field_id": fid, "data_type": data_type, **values})
            changed.add(eid)
            client, server = workload_ids[field_key[0][0]], workload_ids[field_key[0][1]]
            sender, receiver = (client, server) if field_key[1] == "request" else (server, client)
            roles.add((sender, "sends", data_type))
            roles.add((receiver, "receives", data_type))
            flow = (client, server, data_type, field_key[1])
            flow_types[flow] = max(flow_types.get(flow, 0), values["sensitivity"])
        if detection_rows:
            detection_rows.sort(key=lambda r: (r["field_id"], r["data_type"]))
            sql.run(conn, sql.detection, detection_rows)
            sql.run(
                conn,
                sql.workload_data_type,
                [{"workload_id": w, "role": r, "data_type": t} for w, r, t in sorted(roles)],
            )
            flow_rows = self._raised_flows(conn, [
                {"source_id": key[0], "destination_id": key[1], "data_type": key[2],
                 "direction": key[3], "sensitivity": level}
                for key, level in sorted(flow_types.items())
            ])  # fmt: skip
            if flow_rows:
                sql.run(conn, sql.flow_data_type, flow_rows)
            self.write_data_types(conn, changed)
        refs = {
            wid: WorkloadRef(kind=kind, namespace=namespace, name=name, cluster=cluster)
            for (cluster, kind, namespace, name), wid in workload_ids.items()
        }
        return WrittenBatch(set(endpoint_ids.values()), new_fields, parties, refs, widen)

    def _workloads(
        self, conn: Connection, spans: list[dict[str, Any]]
    ) -> tuple[dict[WorkloadKey, int], list[dict[str, Any]]]:
        """The ids of the batch's workloads, and the rows of ``spans`` still to widen.

        SQLite (one writer at a time): upserted, first/last seen widened in the batch's
        transaction. PostgreSQL: no stored workload is locked: a plain read, the missing ones
        inserted with DO NOTHING (which waits only on a concurrent insert of the same key);
        the spans that widen a stored first/last seen are returned for `widen_workloads`,
        run after this transaction commits."""
        sql = self.statements
        if not sql.postgres:
            rows = sql.run(conn, sql.workload, spans)
            return {(c, kind, ns, name): int(wid) for wid, c, kind, ns, name in rows}, []

        def lookup(rows: list[dict[str, Any]]) -> dict[WorkloadKey, tuple[int, int, int]]:
            params = {name: [row[name] for row in rows] for name in WORKLOAD_COLUMNS}
            return {
                (cluster, int(kind), namespace, name): (int(wid), int(first), int(last))
                for wid, cluster, kind, namespace, name, first, last in sql.fetch(
                    conn, sql.workload_lookup, params
                )
            }

        found = lookup(spans)
        missing = [row for row in spans if _key(row) not in found]
        if missing:  # sorted like `spans`: concurrent inserts of new keys lock in one order
            sql.run(conn, sql.new_workload, missing)
            found.update(lookup(missing))
        widen = [
            row
            for row in spans
            if row["first_seen_us"] < found[_key(row)][1]
            or row["last_seen_us"] > found[_key(row)][2]
        ]
        return {key: ids[0] for key, ids in found.items()}, widen

    def widen_workloads(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Widen the first/last seen of workloads (rows sorted by key, as `workload_rows`
        makes them) in their own short transaction: the only row locks it takes are these
        workloads', in key order, held until it commits."""
        if rows:
            self.statements.run(conn, self.statements.workload, rows)

    def _raised_flows(self, conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """PostgreSQL: of the batch's flow data types, those missing or stored at a lower
        sensitivity (read without a lock): only their upsert locks rows, which many batches
        of one cluster share. A concurrent raise between this read and the upsert is still
        merged by the upsert's GREATEST. SQLite: all of them."""
        sql = self.statements
        if not sql.postgres or not rows:
            return rows
        params = {name: [row[name] for row in rows] for name in FLOW_COLUMNS}
        stored = {
            (int(source), int(destination), data_type, direction): int(level)
            for source, destination, data_type, direction, level in sql.fetch(
                conn, sql.flow_levels, params
            )
        }
        return [
            row
            for row in rows
            if stored.get(
                (row["source_id"], row["destination_id"], row["data_type"], row["direction"]), -1
            )
            < row["sensitivity"]
        ]

    def _write_server_endpoints(
        self, conn: Connection, endpoint_rows: list[dict[str, Any]]
    ) -> None:
        """Add the batch's exchanges to its server endpoints (summed over its clients)."""
        groups: dict[tuple[int, str, str], list[int]] = {}
        for row in endpoint_rows:
            key = (row["destination_id"], row["method"], row["path_template"])
            seen = groups.setdefault(key, [0, row["last_seen_us"]])
            seen[0] = _saturated(seen[0], row["exchange_count"])
            seen[1] = max(seen[1], row["last_seen_us"])
        self.statements.run(
            conn,
            self.statements.server_endpoint,
            [
                {"destination_id": k[0], "method": k[1], "path_template": k[2],
                 "exchange_count": n, "last_seen_us": last}
                for k, (n, last) in sorted(groups.items())
            ],
        )  # fmt: skip

    def write_data_types(self, conn: Connection, endpoint_ids: set[int]) -> None:
        """Rebuild the `endpoint_data_types` rows of ``endpoint_ids`` from their detections
        as stored now: two statements, prepared, the ids one binary array; the rows never
        leave the database."""
        sql = self.statements
        ids = {"ids": sorted(endpoint_ids)}
        sql.fetch(conn, sql.forget_endpoint_data_types, ids)
        sql.fetch(conn, sql.rebuild_endpoint_data_types, ids)

    def _limit_fields(
        self, conn: Connection, merged: _Merged, endpoint_id: Callable[[EndpointKey], int]
    ) -> tuple[dict[FieldKey, int], int]:
        """The batch's fields the per-endpoint limit lets in (field key → endpoint id) and how
        many of them are new paths. Paths already stored always merge; new ones are taken in
        order of appearance while the endpoint and direction have room."""
        if not merged.fields:
            return {}, 0
        wanted: dict[tuple[int, str], list[FieldKey]] = defaultdict(list)
        for key in merged.fields:
            wanted[(endpoint_id(key[0]), key[1])].append(key)
        ids = sorted({eid for eid, _ in wanted})
        paths = sorted({key[2] for key in merged.fields})
        stored: dict[tuple[int, str], int] = defaultdict(int)
        known: set[tuple[int, str, str]] = set()
        sql = self.statements
        for eid, direction, count in sql.fetch(conn, sql.field_counts, {"ids": ids}):
            stored[(int(eid), str(direction))] = int(count)
        for eid, direction, path in sql.fetch(conn, sql.known_fields, {"ids": ids, "paths": paths}):
            known.add((int(eid), str(direction), str(path)))
        kept: dict[FieldKey, int] = {}
        new = 0
        for (eid, direction), keys in wanted.items():
            room = self.max_fields_per_endpoint - stored[(eid, direction)]
            for key in keys:
                if (eid, direction, key[2]) not in known:
                    if room <= 0:
                        metrics.FIELDS_DROPPED.inc()
                        continue
                    room -= 1
                    new += 1
                kept[key] = eid
        return kept, new


def _merge_report(
    merged: _Merged, report: metadata_pb2.EndpointReport, window: tuple[int, int], cluster: str
) -> None:
    first, last = _report_span(report, window, now_us())
    source = _workload_key(cluster, report.source)
    destination = _workload_key(cluster, report.destination)
    for party in (source, destination):
        seen = merged.workloads.get(party)
        if seen is None:
            merged.workloads[party] = [first, last]
        else:
            seen[0], seen[1] = min(seen[0], first), max(seen[1], last)
    statuses = dict.fromkeys(STATUS_COLUMNS.values(), 0)
    for entry in report.status_classes:
        column = STATUS_COLUMNS.get(entry.status_class)
        if column is not None:
            statuses[column] = _saturated(statuses[column], entry.count)
    latency = report.latency_ms
    values: dict[str, Any] = {
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
    key: EndpointKey = (source, destination, values["method"], values["path_template"])
    old = merged.endpoints.get(key)
    if old is None:
        merged.endpoints[key] = values
    else:
        _merge_endpoint_values(old, values)
    for name in report.query_parameter_names:
        merged.parameters.add((key, escape_controls(name)))
    for host in report.entry_hosts:
        merged.entry_hosts.add((key, host.lower()))
    for code_count in report.status_codes:
        code_key = (key, int(code_count.code))
        known = merged.status_codes.get(code_key, 0)
        merged.status_codes[code_key] = _saturated(known, code_count.count)
    for direction, schema_fields in (
        ("request", report.request_fields),
        ("response", report.response_fields),
    ):
        for schema_field in schema_fields:
            _merge_field(merged, (key, direction, escape_controls(schema_field.json_path)),
                         schema_field, first, last)  # fmt: skip


def _report_span(
    report: metadata_pb2.EndpointReport, window: tuple[int, int], now: int
) -> tuple[int, int]:
    """A report's first and last seen (µs): its own, else the batch window's, else now."""
    first = micros(report.first_seen) if report.HasField("first_seen") else window[0] or now
    last = micros(report.last_seen) if report.HasField("last_seen") else window[1] or first
    return first, max(first, last)


def batch_workload_rows(batch: ingest_pb2.MetadataBatch) -> list[dict[str, Any]]:
    """The workload spans `BatchWriter.write` computes for ``batch`` (`workload_rows`),
    leaving out reports that carry no time of their own nor a batch window (write dated
    them "now", which a resend cannot repeat)."""
    window = (
        micros(batch.window_start) if batch.HasField("window_start") else 0,
        micros(batch.window_end) if batch.HasField("window_end") else 0,
    )
    spans: dict[WorkloadKey, list[int]] = {}
    for report in batch.reports:
        first, last = _report_span(report, window, 0)
        if not first:
            continue
        for party in (report.source, report.destination):
            key = _workload_key(batch.cluster_name, party)
            seen = spans.setdefault(key, [first, last])
            seen[0], seen[1] = min(seen[0], first), max(seen[1], last)
    return workload_rows(spans)


def _merge_endpoint_values(old: dict[str, Any], new: dict[str, Any]) -> None:
    for name in _SUMMED_INT_COLUMNS:
        old[name] = _saturated(old[name], new[name])
    for name in _SUMMED_FLOAT_COLUMNS:
        old[name] += new[name]
    old["first_seen_us"] = min(old["first_seen_us"], new["first_seen_us"])
    old["last_seen_us"] = max(old["last_seen_us"], new["last_seen_us"])
    old["latency_max_ms"] = max(old["latency_max_ms"], new["latency_max_ms"])
    old["latency_p99_ms"] = max(old["latency_p99_ms"], new["latency_p99_ms"])
    if new["protocol"]:
        old["protocol"] = new["protocol"]


def _merge_field(
    merged: _Merged, key: FieldKey, schema_field: metadata_pb2.FieldSchema, first: int, last: int
) -> None:
    mask = 0
    for json_type in schema_field.json_types:
        mask |= 1 << json_type
    old = merged.fields.get(key)
    if old is None:
        merged.fields[key] = [mask, schema_field.seen_count]
    else:
        old[0] |= mask
        old[1] = _saturated(old[1], schema_field.seen_count)
    for detection in schema_field.detections:
        data_type = detection.custom_type or data_type_id(detection.data_type)
        values = {
            "sensitivity": int(detection.sensitivity),
            "confidence": float(detection.confidence),
            "count": detection.count,
            "first_seen_us": first,
            "last_seen_us": last,
        }
        found = merged.detections.get((key, data_type))
        if found is None:
            merged.detections[(key, data_type)] = values
        else:
            found["sensitivity"] = max(found["sensitivity"], values["sensitivity"])
            found["confidence"] = max(found["confidence"], values["confidence"])
            found["count"] = _saturated(found["count"], detection.count)
            found["first_seen_us"] = min(found["first_seen_us"], first)
            found["last_seen_us"] = max(found["last_seen_us"], last)
