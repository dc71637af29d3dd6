"""Tables of the collector's store and their versioned migrations (SQLite and PostgreSQL).

Times are integers: microseconds since the Unix epoch, UTC (portable and comparable on both
backends). Data types are detector type ids (``email``), sensitivities 1 (low) .. 3 (high).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    case,
    func,
    inspect,
    literal,
    select,
    text,
)

from collector.alerts.tables import migrate_v4_alerts
from collector.spec_store import migrate_v6_api_specs
from collector.validation import INT64_MAX, MAX_CLUSTER_NAME

metadata = MetaData()

schema_version = Table(
    "sieve_schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at_us", BigInteger, nullable=False),
)

# Version 1's batches: ids were global. Version 2 copies them into ingest_batches and drops it.
_v1_batches = Table(
    "batches",
    MetaData(),
    Column("batch_id", String(512), primary_key=True),
    Column("agent_id", String(256), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("received_at_us", BigInteger, nullable=False),
    Column("report_count", Integer, nullable=False),
)

# One row per stored batch. Batch ids are unique per principal: the agent id a token is bound
# to ("agent:<id>"), the fingerprint of an unbound token ("token:<sha256 prefix>"), or "" for
# unauthenticated ingest and rows migrated from version 1.
batches = Table(
    "ingest_batches",
    metadata,
    Column("principal", String(300), primary_key=True),
    Column("batch_id", String(512), primary_key=True),
    Column("agent_id", String(256), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("received_at_us", BigInteger, nullable=False),
    Column("report_count", Integer, nullable=False),
    # sha256 of the batch's deterministic serialization: a resend must be identical.
    # NULL for rows migrated from version 1.
    Column("content_sha256", String(64), nullable=True),
)

# A workload's identity is (cluster, kind, namespace, name): the same namespace and name in
# two clusters are two workloads. cluster is "" for an unnamed cluster (version 8).
workloads = Table(
    "workloads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("cluster", String(MAX_CLUSTER_NAME), nullable=False, server_default=text("''")),
    Column("kind", Integer, nullable=False),
    Column("namespace", String(256), nullable=False),
    Column("name", String(512), nullable=False),
    Column("first_seen_us", BigInteger, nullable=False),
    Column("last_seen_us", BigInteger, nullable=False),
    UniqueConstraint("cluster", "kind", "namespace", "name", name="uq_workloads_identity"),
)

endpoints = Table(
    "endpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", Integer, ForeignKey("workloads.id"), nullable=False),
    Column("destination_id", Integer, ForeignKey("workloads.id"), nullable=False),
    Column("method", String(16), nullable=False),
    Column("path_template", String(2048), nullable=False),
    Column("first_seen_us", BigInteger, nullable=False),
    Column("last_seen_us", BigInteger, nullable=False),
    Column("exchange_count", BigInteger, nullable=False),
    Column("inspected_count", BigInteger, nullable=False),
    # Exchanges per status class: none (no response), 1xx .. 5xx.
    Column("status_none", BigInteger, nullable=False),
    Column("status_1xx", BigInteger, nullable=False),
    Column("status_2xx", BigInteger, nullable=False),
    Column("status_3xx", BigInteger, nullable=False),
    Column("status_4xx", BigInteger, nullable=False),
    Column("status_5xx", BigInteger, nullable=False),
    Column("latency_count", BigInteger, nullable=False),
    Column("latency_sum_ms", Float, nullable=False),
    Column("latency_max_ms", Float, nullable=False),
    # Highest per-window p99 seen: an upper estimate of the overall p99.
    Column("latency_p99_ms", Float, nullable=False),
    Column("request_bytes_sum", Float, nullable=False),
    Column("response_bytes_sum", Float, nullable=False),
    # sieve.v1.EndpointProtocol of the latest report that said (0: none did). Version 5.
    Column("protocol", Integer, nullable=False, server_default=text("0")),
    UniqueConstraint(
        "source_id", "destination_id", "method", "path_template", name="uq_endpoints_key"
    ),
)

query_parameters = Table(
    "query_parameters",
    metadata,
    Column("endpoint_id", Integer, ForeignKey("endpoints.id"), primary_key=True),
    Column("name", String(256), primary_key=True),
)

fields = Table(
    "fields",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("endpoint_id", Integer, ForeignKey("endpoints.id"), nullable=False),
    # "request" or "response"
    Column("direction", String(8), nullable=False),
    Column("json_path", String(1024), nullable=False),
    # Bit (1 << JsonType value) for each JSON type seen.
    Column("json_types", Integer, nullable=False),
    Column("seen_count", BigInteger, nullable=False),
    UniqueConstraint("endpoint_id", "direction", "json_path", name="uq_fields_key"),
)

detections = Table(
    "detections",
    metadata,
    Column("field_id", Integer, ForeignKey("fields.id"), primary_key=True),
    Column("data_type", String(64), primary_key=True),
    Column("sensitivity", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("count", BigInteger, nullable=False),
    Column("first_seen_us", BigInteger, nullable=False),
    Column("last_seen_us", BigInteger, nullable=False),
)

violations = Table(
    "violations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Content hash of the rule: a changed rule is a new rule.
    Column("policy_key", String(64), nullable=False),
    Column("policy_name", String(256), nullable=False),
    Column("endpoint_id", Integer, ForeignKey("endpoints.id"), nullable=False),
    Column("direction", String(8), nullable=False),
    Column("data_type", String(64), nullable=False),
    Column("sender_id", Integer, ForeignKey("workloads.id"), nullable=False),
    Column("receiver_id", Integer, ForeignKey("workloads.id"), nullable=False),
    Column("sensitivity", Integer, nullable=False),
    Column("message", Text, nullable=False),
    Column("first_seen_us", BigInteger, nullable=False),
    Column("last_seen_us", BigInteger, nullable=False),
    UniqueConstraint(
        "policy_key", "endpoint_id", "direction", "data_type", name="uq_violations_key"
    ),
)

# Per agent installation, consumer group and Kafka partition: the owner epoch of the replica
# that claimed it last and one past the last record offset stored (see partition_offsets).
partition_offsets = Table(
    "partition_offsets",
    metadata,
    Column("agent_id", String(256), primary_key=True),
    Column("consumer_group", String(256), primary_key=True),
    Column("topic", String(256), primary_key=True),
    Column("kafka_partition", Integer, primary_key=True),
    Column("owner_epoch", BigInteger, nullable=False),
    Column("high_water", BigInteger, nullable=True),
)

# The cluster each agent id reports (version 8): one agent id speaks for one cluster, and the
# set of clusters known decides whether an unnamed cluster may still report.
agent_clusters = Table(
    "agent_clusters",
    metadata,
    Column("agent_id", String(256), primary_key=True),
    Column("cluster", String(MAX_CLUSTER_NAME), nullable=False),
    Column("first_seen_us", BigInteger, nullable=False),
)

# The names clients outside the endpoint's cluster addressed its server by (Host authority's
# DNS name or IP literal; EndpointReport.entry_hosts). Version 8.
entry_hosts = Table(
    "entry_hosts",
    metadata,
    Column("endpoint_id", Integer, ForeignKey("endpoints.id"), primary_key=True),
    Column("host", String(512), primary_key=True),
)

# Exchanges per exact response status code (EndpointReport.status_codes, 100..599), summed
# over reports; at most 500 rows per endpoint by construction. Endpoints reported only by
# agents older than the field have no rows here: their status classes are on `endpoints`.
# Version 10.
status_codes = Table(
    "endpoint_status_codes",
    metadata,
    Column("endpoint_id", Integer, ForeignKey("endpoints.id"), primary_key=True),
    Column("code", Integer, primary_key=True),
    Column("count", BigInteger, nullable=False),
)

# Which data types each workload sends and receives (over all its endpoints' detections),
# kept by ingest so the API's workload views need not read every detection. Version 7.
workload_data_types = Table(
    "workload_data_types",
    metadata,
    Column("workload_id", Integer, ForeignKey("workloads.id"), primary_key=True),
    # "sends" or "receives"
    Column("role", String(8), primary_key=True),
    Column("data_type", String(64), primary_key=True),
)

# Per flow (client, server), data type and direction: the highest sensitivity detected on
# any of its endpoints, kept by ingest so the map's flows need not read every detection.
# Version 7.
flow_data_types = Table(
    "flow_data_types",
    metadata,
    Column("source_id", Integer, ForeignKey("workloads.id"), primary_key=True),
    Column("destination_id", Integer, ForeignKey("workloads.id"), primary_key=True),
    Column("data_type", String(64), primary_key=True),
    # "request" or "response"
    Column("direction", String(8), primary_key=True),
    Column("sensitivity", Integer, nullable=False),
)

# Per endpoint, direction, data type and sensitivity: how many of the endpoint's fields carry
# it and when, with the endpoint's cluster and parties beside it. Kept by ingest (the touched
# endpoints' rows rebuilt from their detections) so the inventory and the data-type and
# sensitivity filters need not join every detection to its field. Derived rows, rebuilt from
# the detections (which reference their fields and endpoints): no foreign keys, each would be
# checked on every row ingest rewrites. Version 9.
endpoint_data_types = Table(
    "endpoint_data_types",
    metadata,
    Column("endpoint_id", Integer, primary_key=True),
    # "request" (the client sends it) or "response" (the server sends it)
    Column("direction", String(8), primary_key=True),
    Column("data_type", String(64), primary_key=True),
    Column("sensitivity", Integer, primary_key=True),
    Column("cluster", String(MAX_CLUSTER_NAME), nullable=False),
    Column("client_id", Integer, nullable=False),
    Column("server_id", Integer, nullable=False),
    Column("field_count", Integer, nullable=False),
    Column("first_seen_us", BigInteger, nullable=False),
    Column("last_seen_us", BigInteger, nullable=False),
)

# The catalogue's server endpoints (a server workload, method and path over all its clients):
# exchanges summed and last seen, kept by ingest, so a page of the unfiltered catalogue need not
# group every endpoint. Derived rows, no foreign keys (as endpoint_data_types). Version 11.
server_endpoints = Table(
    "server_endpoints",
    metadata,
    Column("destination_id", Integer, primary_key=True),
    Column("method", String(16), primary_key=True),
    Column("path_template", String(2048), primary_key=True),
    Column("exchange_count", BigInteger, nullable=False),
    Column("last_seen_us", BigInteger, nullable=False),
)

Index("ix_endpoints_destination", endpoints.c.destination_id)
Index("ix_entry_hosts_host", entry_hosts.c.host)
Index("ix_violations_endpoint", violations.c.endpoint_id)
# The API's pages: endpoints busiest first, violations most recent first. Version 7.
ix_endpoints_busiest = Index(
    "ix_endpoints_busiest", endpoints.c.exchange_count.desc(), endpoints.c.id
)
ix_violations_recent = Index(
    "ix_violations_recent", violations.c.last_seen_us.desc(), violations.c.id
)

# The data-type filter and the inventory: one data type's endpoints, read from the index alone
# (its other columns included on PostgreSQL). Version 9.
ix_endpoint_data_types_type = Index(
    "ix_endpoint_data_types_type",
    endpoint_data_types.c.data_type,
    endpoint_data_types.c.endpoint_id,
    postgresql_include=["sensitivity", "field_count", "first_seen_us", "last_seen_us"],
)

# The catalogue's page: server endpoints busiest first. Version 11.
ix_server_endpoints_busiest = Index(
    "ix_server_endpoints_busiest",
    server_endpoints.c.exchange_count.desc(),
    server_endpoints.c.destination_id,
    server_endpoints.c.method,
    server_endpoints.c.path_template,
)

_V1_TABLES = [
    _v1_batches,
    workloads,
    endpoints,
    query_parameters,
    fields,
    detections,
    violations,
]


def _v1_initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=_V1_TABLES)


def _v2_batches_per_principal(conn: Connection) -> None:
    """Batch ids become unique per principal and keep a content hash (version 1 rows: "")."""
    metadata.create_all(conn, tables=[batches])
    old = _v1_batches.c
    conn.execute(
        batches.insert().from_select(
            ["principal", "batch_id", "agent_id", "sequence", "received_at_us", "report_count"],
            select(
                literal(""), old.batch_id, old.agent_id, old.sequence, old.received_at_us,
                old.report_count,
            ),
        )
    )  # fmt: skip
    _v1_batches.drop(conn)


def _v3_partition_offsets(conn: Connection) -> None:
    metadata.create_all(conn, tables=[partition_offsets])


def _v5_endpoint_protocol(conn: Connection) -> None:
    """Endpoints gain their protocol (0 for rows from before). A database created by this
    code at version 1 already has the column (version 1 creates the tables as they are now)."""
    have = {c["name"] for c in inspect(conn).get_columns("endpoints")}
    if "protocol" not in have:
        conn.execute(text("ALTER TABLE endpoints ADD COLUMN protocol INTEGER NOT NULL DEFAULT 0"))


def _v7_read_model(conn: Connection) -> None:
    """The API's page indexes, the workloads' and flows' data types (filled from what is
    stored)."""
    for index in (ix_endpoints_busiest, ix_violations_recent):
        index.create(conn, checkfirst=True)
    metadata.create_all(conn, tables=[workload_data_types, flow_data_types])
    sender = case((fields.c.direction == "request", endpoints.c.source_id),
                  else_=endpoints.c.destination_id)  # fmt: skip
    receiver = case((fields.c.direction == "request", endpoints.c.destination_id),
                    else_=endpoints.c.source_id)  # fmt: skip
    for role, party in (("sends", sender), ("receives", receiver)):
        rows = (
            select(party, literal(role), detections.c.data_type)
            .select_from(detections.join(fields).join(endpoints))
            .distinct()
        )
        conn.execute(
            workload_data_types.insert().from_select(["workload_id", "role", "data_type"], rows)
        )
    flows = (
        select(
            endpoints.c.source_id, endpoints.c.destination_id, detections.c.data_type,
            fields.c.direction, func.max(detections.c.sensitivity),
        )
        .select_from(detections.join(fields).join(endpoints))
        .group_by(
            endpoints.c.source_id, endpoints.c.destination_id, detections.c.data_type,
            fields.c.direction,
        )
    )  # fmt: skip
    conn.execute(
        flow_data_types.insert().from_select(
            ["source_id", "destination_id", "data_type", "direction", "sensitivity"], flows
        )
    )


_V8_WORKLOADS_COPY = (
    "INSERT INTO workloads_v8 (id, cluster, kind, namespace, name, first_seen_us, last_seen_us) "
    "SELECT id, '', kind, namespace, name, first_seen_us, last_seen_us FROM workloads"
)


def _v8_clusters(conn: Connection) -> None:
    """Workloads gain their cluster (rows from before: "", the unnamed cluster) and their
    identity includes it; agent ids are bound to a cluster; endpoints keep their entry hosts.

    SQLite cannot drop a table constraint: the workloads table is rebuilt (the caller turned
    foreign key enforcement off for the migration; ids are kept, so references stay valid).
    A database created by this code at version 1 already has the column."""
    have = {c["name"] for c in inspect(conn).get_columns("workloads")}
    if "cluster" not in have:
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    f"ALTER TABLE workloads ADD COLUMN cluster VARCHAR({MAX_CLUSTER_NAME}) "
                    "NOT NULL DEFAULT ''"
                )
            )
            conn.execute(text("ALTER TABLE workloads DROP CONSTRAINT uq_workloads_identity"))
            conn.execute(
                text(
                    "ALTER TABLE workloads ADD CONSTRAINT uq_workloads_identity "
                    "UNIQUE (cluster, kind, namespace, name)"
                )
            )
        else:
            # SQLite's documented order: new table, copy, drop the old, rename the new (other
            # tables' references name "workloads" and so find the new table).
            workloads.to_metadata(MetaData(), name="workloads_v8").create(conn)
            conn.execute(text(_V8_WORKLOADS_COPY))
            conn.execute(text("DROP TABLE workloads"))
            conn.execute(text("ALTER TABLE workloads_v8 RENAME TO workloads"))
    metadata.create_all(conn, tables=[agent_clusters, entry_hosts])


def endpoint_data_types_rows(*conditions: Any) -> Select[Any]:
    """The `endpoint_data_types` rows as the detections define them (of every endpoint, or
    those ``conditions`` on ``fields`` choose): what migration 9 fills, ingest rebuilds for
    the endpoints it touched, and tests compare against."""
    client = workloads.alias("client")
    query = (
        select(
            fields.c.endpoint_id, fields.c.direction, detections.c.data_type,
            detections.c.sensitivity, client.c.cluster, endpoints.c.source_id,
            endpoints.c.destination_id, func.count(), func.min(detections.c.first_seen_us),
            func.max(detections.c.last_seen_us),
        )
        .select_from(
            detections.join(fields).join(endpoints)
            .join(client, client.c.id == endpoints.c.source_id)
        )
        .group_by(
            fields.c.endpoint_id, fields.c.direction, detections.c.data_type,
            detections.c.sensitivity, client.c.cluster, endpoints.c.source_id,
            endpoints.c.destination_id,
        )
    )  # fmt: skip
    return query.where(*conditions)


def _v9_endpoint_data_types(conn: Connection) -> None:
    """The (endpoint, data type) read model, filled from the detections stored."""
    metadata.create_all(conn, tables=[endpoint_data_types])
    ix_endpoint_data_types_type.create(conn, checkfirst=True)
    conn.execute(
        endpoint_data_types.insert().from_select(
            [c.name for c in endpoint_data_types.columns], endpoint_data_types_rows()
        )
    )


def _v10_status_codes(conn: Connection) -> None:
    """Endpoints keep their exact status codes (a new table; rows from before have none, and
    show their classes). Needs nothing of version 9."""
    metadata.create_all(conn, tables=[status_codes])


def server_endpoints_rows() -> Select[Any]:
    """The `server_endpoints` rows as the endpoints define them: what migration 11 fills and
    tests compare ingest's running sums against (sums capped at the columns' limit)."""
    key = (endpoints.c.destination_id, endpoints.c.method, endpoints.c.path_template)
    total = func.sum(endpoints.c.exchange_count)
    return select(
        *key,
        case((total > INT64_MAX, INT64_MAX), else_=total).label("exchange_count"),
        func.max(endpoints.c.last_seen_us),
    ).group_by(*key)


def _v11_server_endpoints(conn: Connection) -> None:
    """The catalogue's server endpoints, filled from the endpoints stored."""
    metadata.create_all(conn, tables=[server_endpoints])
    ix_server_endpoints_busiest.create(conn, checkfirst=True)
    conn.execute(server_endpoints.delete())  # a rerun (a database rolled back by hand) refills
    conn.execute(
        server_endpoints.insert().from_select(
            [c.name for c in server_endpoints.columns], server_endpoints_rows()
        )
    )


# Ordered migrations: (version, step). Append new steps; never edit an applied one.
MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _v1_initial),
    (2, _v2_batches_per_principal),
    (3, _v3_partition_offsets),
    (4, migrate_v4_alerts),
    (5, _v5_endpoint_protocol),
    (6, migrate_v6_api_specs),
    (7, _v7_read_model),
    (8, _v8_clusters),
    (9, _v9_endpoint_data_types),
    (10, _v10_status_codes),
    (11, _v11_server_endpoints),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def migrate(conn: Connection, now_us: int) -> list[int]:
    """Apply every migration the database has not recorded; return the versions applied.

    Runs inside the caller's transaction; on PostgreSQL an advisory lock serialises
    collectors migrating the same database at once.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(727271)"))
    metadata.create_all(conn, tables=[schema_version])
    done = set(conn.execute(select(schema_version.c.version)).scalars().all())
    applied: list[int] = []
    for version, step in MIGRATIONS:
        if version not in done:  # every missing step, also one merged in below a newer one
            step(conn)
            conn.execute(schema_version.insert().values(version=version, applied_at_us=now_us))
            applied.append(version)
    return applied
