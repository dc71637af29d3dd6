"""Partition ranges at the collector: claims raise the owner epoch, stale or covered ranges are
FENCED, stored ranges advance the high water atomically with the batch (both backends)."""

from __future__ import annotations

import pytest

from collector.store import Store
from protos.sieve.v1 import ingest_pb2
from tests.collector.factories import batch, report, workload

STORED = ingest_pb2.ACK_STATUS_STORED
DUPLICATE = ingest_pb2.ACK_STATUS_DUPLICATE
REJECTED = ingest_pb2.ACK_STATUS_REJECTED
FENCED = ingest_pb2.ACK_STATUS_FENCED


def claim(store: Store, *partitions: int) -> dict[int, ingest_pb2.PartitionClaim]:
    response = store.claim_partitions(
        ingest_pb2.ClaimPartitionsRequest(
            agent_id="cluster-a", consumer_group="g", topic="ex", partitions=list(partitions)
        )
    )
    return {c.partition: c for c in response.claims}


def ranged(
    seq: int, start: int, end: int, epoch: int, *, partition: int = 0, count: int = 10, inst=1
) -> ingest_pb2.MetadataBatch:
    out = batch(seq, report(workload("web"), workload("users"), count=count), epoch=inst)
    out.source_range.CopyFrom(
        ingest_pb2.PartitionRange(
            consumer_group="g",
            topic="ex",
            partition=partition,
            start_offset=start,
            end_offset=end,
            owner_epoch=epoch,
        )
    )
    return out


def total(store: Store) -> int:
    return sum(f.exchange_count for f in store.flows())


def test_claims_raise_the_epoch_and_answer_the_high_water(store: Store) -> None:
    first = claim(store, 0, 1)
    assert [first[p].owner_epoch for p in (0, 1)] == [1, 1]
    assert not first[0].has_high_water
    assert store.ingest_batch(ranged(1, 0, 100, 1)) == STORED
    again = claim(store, 0)
    assert again[0].owner_epoch == 2
    assert again[0].has_high_water
    assert again[0].high_water == 100
    assert claim(store, 1)[1].owner_epoch == 2  # each partition on its own


def test_contiguous_ranges_are_stored_and_a_resend_is_a_duplicate(store: Store) -> None:
    epoch = claim(store, 0)[0].owner_epoch
    assert store.ingest_batch(ranged(1, 0, 100, epoch)) == STORED
    assert store.ingest_batch(ranged(2, 100, 150, epoch)) == STORED
    assert store.ingest_batch(ranged(2, 100, 150, epoch)) == DUPLICATE
    assert total(store) == 20


def test_the_previous_owner_is_fenced_after_a_claim(store: Store) -> None:
    old = claim(store, 0)[0].owner_epoch
    assert store.ingest_batch(ranged(1, 0, 100, old)) == STORED
    new = claim(store, 0)[0]  # another replica took the partition
    assert new.high_water == 100
    # the old owner's late batch: not stored, the new owner re-reads those records
    late = store.ack_batch(ranged(2, 100, 180, old))
    assert late.status == FENCED
    assert "epoch" in late.detail
    assert store.ingest_batch(ranged(1, 100, 180, new.owner_epoch, inst=2)) == STORED
    assert total(store) == 20


def test_covered_and_overlapping_ranges_are_fenced(store: Store) -> None:
    epoch = claim(store, 0)[0].owner_epoch
    assert store.ingest_batch(ranged(1, 0, 100, epoch)) == STORED
    assert store.ingest_batch(ranged(2, 10, 90, epoch, inst=2)) == FENCED
    assert store.ingest_batch(ranged(3, 50, 200, epoch, inst=2)) == FENCED
    assert total(store) == 10


def test_a_gap_is_stored_and_the_high_water_follows(store: Store) -> None:
    epoch = claim(store, 0)[0].owner_epoch
    assert store.ingest_batch(ranged(1, 0, 100, epoch)) == STORED
    assert store.ingest_batch(ranged(2, 300, 400, epoch)) == STORED  # e.g. expired records
    assert claim(store, 0)[0].high_water == 400


def test_a_range_never_claimed_here_starts_the_record(store: Store) -> None:
    assert store.ingest_batch(ranged(1, 500, 600, 3)) == STORED
    assert claim(store, 0)[0].high_water == 600


def test_batches_without_a_range_are_unaffected(store: Store) -> None:
    claim(store, 0)
    assert store.ingest_batch(batch(1, report(workload("web"), workload("users")))) == STORED


@pytest.mark.parametrize(("start", "end", "group"), [(10, 5, "g"), (0, 5, ""), (0, 5, "g" * 300)])
def test_malformed_ranges_are_rejected(store: Store, start: int, end: int, group: str) -> None:
    bad = ranged(1, start, end, 1)
    bad.source_range.consumer_group = group
    assert store.ingest_batch(bad) == REJECTED


def test_claim_with_empty_names_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="topic"):
        store.claim_partitions(
            ingest_pb2.ClaimPartitionsRequest(agent_id="a", consumer_group="g", partitions=[0])
        )


def test_a_range_without_reports_advances_the_high_water(store: Store) -> None:
    epoch = claim(store, 0)[0].owner_epoch
    empty = ranged(1, 0, 25, epoch)
    del empty.reports[:]  # e.g. every record filtered out by namespace
    assert store.ingest_batch(empty) == STORED
    assert claim(store, 0)[0].high_water == 25
