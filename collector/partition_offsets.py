"""Exactly-once accounting of Kafka partitions across digger replicas (fencing + high water).

Digger replicas share one consumer group. When a replica dies without committing, the
partition's next owner re-reads records whose counts may already be stored. To count every
record once, each batch a digger sends carries the `PartitionRange` its reports were counted
from, and this module keeps, per (agent, consumer group, topic, partition):

- ``owner_epoch``: raised by every `claim` (a replica calls ClaimPartitions on assignment);
  a batch whose range carries an older epoch is FENCED: it comes from a replica that lost
  the partition, and the new owner reads those records itself;
- ``high_water``: one past the last offset stored, advanced in the batch's own transaction.
  The claim answers it; the new owner skips the records below it.

A range is stored only when it continues the stored ones (``start_offset == high_water``);
a range already covered, or overlapping, is FENCED. Everything runs inside the caller's
transaction (sans thread, sans gRPC).
"""

from __future__ import annotations

import logging
from typing import TypeAlias

from prometheus_client import Counter
from sqlalchemy import Connection, and_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from collector.schema import partition_offsets
from protos.sieve.v1 import ingest_pb2

log = logging.getLogger(__name__)

AckStatus: TypeAlias = ingest_pb2.AckStatus.ValueType
MAX_NAME = 256
_t = partition_offsets.c

PARTITION_CLAIMS = Counter(
    "sieve_collector_partition_claims_total", "Kafka partitions claimed by digger replicas."
)
PARTITION_RANGES = Counter(
    "sieve_collector_partition_ranges_total",
    "Batches with a partition range by outcome (stored, gap: stored after unread offsets; "
    "stale_owner, covered, overlap: fenced).",
    ["outcome"],
)


def claim(
    conn: Connection, request: ingest_pb2.ClaimPartitionsRequest
) -> ingest_pb2.ClaimPartitionsResponse:
    """Raise the owner epoch of each requested partition; answer epochs and high waters."""
    for name, value in (
        ("agent_id", request.agent_id),
        ("consumer_group", request.consumer_group),
        ("topic", request.topic),
    ):
        if not value or len(value) > MAX_NAME:
            raise ValueError(f"{name} is empty or longer than {MAX_NAME} characters")
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    response = ingest_pb2.ClaimPartitionsResponse()
    for partition in sorted(set(request.partitions)):
        stmt = insert(partition_offsets).values(
            agent_id=request.agent_id,
            consumer_group=request.consumer_group,
            topic=request.topic,
            kafka_partition=partition,
            owner_epoch=1,
            high_water=None,
        )
        upsert = stmt.on_conflict_do_update(
            index_elements=["agent_id", "consumer_group", "topic", "kafka_partition"],
            set_={"owner_epoch": _t.owner_epoch + 1},
        ).returning(_t.owner_epoch, _t.high_water)
        epoch, high_water = conn.execute(upsert).one()
        claim_ = response.claims.add(partition=partition, owner_epoch=int(epoch))
        if high_water is not None:
            claim_.has_high_water = True
            claim_.high_water = int(high_water)
    PARTITION_CLAIMS.inc(len(response.claims))
    return response


def admit(
    conn: Connection, batch: ingest_pb2.MetadataBatch, principal: str = ""
) -> tuple[AckStatus, str] | None:
    """None when ``batch`` may be stored (its range, if any, is recorded as stored);
    else the status and reason to answer instead (FENCED, or REJECTED when malformed).
    The caller has stored the batch's id first (a resend never gets here); ``principal`` is
    who the stream authenticated as."""
    if not batch.HasField("source_range"):
        return None
    r = batch.source_range
    names_ok = 0 < len(r.consumer_group) <= MAX_NAME and 0 < len(r.topic) <= MAX_NAME
    if r.end_offset < r.start_offset or not names_ok:
        return ingest_pb2.ACK_STATUS_REJECTED, "source_range is malformed"
    where = and_(
        _t.agent_id == batch.agent_id,
        _t.consumer_group == r.consumer_group,
        _t.topic == r.topic,
        _t.kafka_partition == r.partition,
    )
    query = select(_t.owner_epoch, _t.high_water).where(where)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:  # never claimed here (e.g. a fresh database): the range starts the record
        conn.execute(
            partition_offsets.insert().values(
                agent_id=batch.agent_id,
                consumer_group=r.consumer_group,
                topic=r.topic,
                kafka_partition=r.partition,
                owner_epoch=r.owner_epoch,
                high_water=r.end_offset,
            )
        )
        return None
    epoch, high_water = int(row[0]), row[1]
    refused = _refusal(r, epoch, high_water)
    if refused is not None:
        return refused
    conn.execute(
        update(partition_offsets)
        .where(where)
        .values(high_water=r.end_offset, owner_epoch=max(epoch, r.owner_epoch))
    )
    PARTITION_RANGES.labels("stored").inc()
    return None


def _refusal(
    r: ingest_pb2.PartitionRange, epoch: int, high_water: int | None
) -> tuple[AckStatus, str] | None:
    if r.owner_epoch < epoch:
        return _fenced("stale_owner", f"partition {r.partition} is owned by epoch {epoch}")
    if high_water is not None and r.start_offset != high_water:
        if r.end_offset <= high_water:
            return _fenced("covered", f"offsets below {high_water} are stored already")
        if r.start_offset < high_water:
            return _fenced("overlap", f"range overlaps stored offsets below {high_water}")
        # a gap: the records between were never read (e.g. expired); counted, not refused
        PARTITION_RANGES.labels("gap").inc()
        log.warning(
            "partition range leaves a gap",
            extra={"partition": r.partition, "high_water": high_water, "start": r.start_offset},
        )
    return None


def _fenced(reason: str, detail: str) -> tuple[AckStatus, str]:
    PARTITION_RANGES.labels(reason).inc()
    return ingest_pb2.ACK_STATUS_FENCED, detail
