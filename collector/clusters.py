"""Which cluster an agent reports, and when an agent is refused for it.

Several clusters may report to one collector; each report's workloads belong to its batch's
``cluster_name``, and a workload's identity includes it. The rules, checked inside the
ingest (or claim) transaction:

- one agent id reports one cluster: an agent id first seen for cluster A that later sends
  cluster B is refused (``agent_cluster_conflict``: two clusters would share batch ids and
  partition claims). An agent that reported unnamed ("") may be given a name once; its
  earlier data stays under the unnamed cluster;
- an unnamed cluster may report only while it is alone: once any named cluster is known, a
  batch or claim without a cluster name is refused (``cluster_name_required``).

A refusal is a configuration error of the agent, not bad data: the ingest stream ends with
FAILED_PRECONDITION and the reason (the agent keeps its batches and Kafka offsets, and
reconnects with backoff), counted in ``sieve_collector_cluster_refusals_total{reason}``.
"""

from __future__ import annotations

from prometheus_client import Counter
from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from collector.schema import agent_clusters

REFUSALS = Counter(
    "sieve_collector_cluster_refusals_total",
    "Ingest streams and partition claims refused for their cluster name "
    "(cluster_name_required, agent_cluster_conflict).",
    ["reason"],
)


class ClusterRefused(Exception):  # noqa: N818 (a refusal, not a failure)
    """An agent may not report this cluster; ``reason`` is the metric label."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def admit(conn: Connection, agent_id: str, cluster: str, now_us: int) -> None:
    """Record that ``agent_id`` reports ``cluster``, or raise `ClusterRefused` (counted)."""
    try:
        _admit(conn, agent_id, cluster, now_us)
    except ClusterRefused as refused:
        REFUSALS.labels(refused.reason).inc()
        raise


def _admit(conn: Connection, agent_id: str, cluster: str, now_us: int) -> None:
    known = conn.execute(
        select(agent_clusters.c.cluster).where(agent_clusters.c.agent_id == agent_id)
    ).scalar_one_or_none()
    if known == cluster:
        if cluster or not _named_cluster_known(conn):
            return
        raise _name_required()
    if known is not None and known != "":
        raise ClusterRefused(
            "agent_cluster_conflict",
            f"agent id {agent_id[:80]!r} reports cluster {known!r}, not {cluster[:80]!r}: "
            "give every cluster its own agent id (the chart uses clusterName)",
        )
    if not cluster and _named_cluster_known(conn):
        raise _name_required()
    if known == "":  # the unnamed cluster is given a name
        conn.execute(
            update(agent_clusters)
            .where(agent_clusters.c.agent_id == agent_id)
            .values(cluster=cluster)
        )
        return
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(
        insert(agent_clusters)
        .values(agent_id=agent_id, cluster=cluster, first_seen_us=now_us)
        .on_conflict_do_nothing(index_elements=["agent_id"])
    )


def _named_cluster_known(conn: Connection) -> bool:
    return (
        conn.execute(
            select(agent_clusters.c.agent_id).where(agent_clusters.c.cluster != "").limit(1)
        ).first()
        is not None
    )


def _name_required() -> ClusterRefused:
    return ClusterRefused(
        "cluster_name_required",
        "this collector receives several clusters: set the agent's cluster name "
        "(SIEVE_DIGGER_CLUSTER_NAME; the chart's clusterName)",
    )


def known_clusters(conn: Connection) -> list[str]:
    """Every cluster name agents reported ("" for the unnamed one), sorted."""
    return sorted(set(conn.execute(select(agent_clusters.c.cluster)).scalars()))
