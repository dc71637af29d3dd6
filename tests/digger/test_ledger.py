"""The offset ledger: commit after ack, ranges per partition, claims, revocation, fencing."""

from __future__ import annotations

from digger.ledger import Claim, OffsetLedger, SourceRange

P0, P1 = ("ex", 0), ("ex", 1)


def consume(ledger: OffsetLedger, part: tuple[str, int], *offsets: int) -> list[int]:
    """Feed records like the service does; return the offsets counted."""
    counted = [o for o in offsets if ledger.admit(part, o)]
    ledger.processed(part, max(offsets) + 1, counted=bool(counted))
    return counted


def test_offsets_are_committed_only_once_the_covering_batch_is_acked():
    ledger = OffsetLedger()
    ledger.assign(P0, None)
    ledger.assign(P1, None)
    consume(ledger, P0, 10)
    consume(ledger, P1, 4)
    assert ledger.close_window() == {P0: None, P1: None}  # no claims: no ranges
    ledger.submitted(1)
    assert ledger.acked(0) is None
    assert ledger.acked(1) == {P0: 11, P1: 5}
    assert ledger.acked(1) is None  # once


def test_a_window_with_nothing_counted_still_commits_what_was_consumed():
    ledger = OffsetLedger()
    ledger.assign(P0, None)
    consume(ledger, P0, 10)
    ledger.close_window()
    ledger.submitted(1)
    ledger.processed(P0, 12, counted=False)  # e.g. malformed records
    assert ledger.close_window() == {}
    ledger.submitted(1)
    assert ledger.acked(1) == {P0: 12}


def test_later_commit_points_wait_for_their_own_batches():
    ledger = OffsetLedger()
    ledger.assign(P0, None)
    consume(ledger, P0, 0)
    ledger.close_window()
    ledger.submitted(1)
    consume(ledger, P0, 1, 2)
    ledger.close_window()
    ledger.submitted(2)
    assert ledger.acked(1) == {P0: 1}
    assert ledger.pending_commits == 1
    assert ledger.acked(2) == {P0: 3}


def test_ranges_follow_each_other_from_the_claimed_high_water():
    ledger = OffsetLedger()
    ledger.assign(P0, Claim(epoch=3, high_water=100))
    assert consume(ledger, P0, 90, 99, 100, 101) == [100, 101]  # below 100: counted already
    assert ledger.close_window() == {P0: SourceRange("ex", 0, 100, 102, 3)}
    consume(ledger, P0, 102, 105)
    assert ledger.close_window() == {P0: SourceRange("ex", 0, 102, 106, 3)}
    assert ledger.close_window() == {}  # nothing new: no range


def test_only_skipped_records_make_no_range_but_are_committed():
    ledger = OffsetLedger()
    ledger.assign(P0, Claim(epoch=1, high_water=50))
    assert consume(ledger, P0, 40, 49) == []
    assert ledger.close_window() == {}
    ledger.submitted(0)
    assert ledger.acked(0) == {P0: 50}


def test_without_a_stored_high_water_the_range_starts_at_the_first_record_read():
    ledger = OffsetLedger()
    ledger.assign(P0, Claim(epoch=1, high_water=None))
    consume(ledger, P0, 7, 8)
    assert ledger.close_window() == {P0: SourceRange("ex", 0, 7, 9, 1)}


def test_revoked_partitions_are_never_committed_by_the_old_owner():
    ledger = OffsetLedger()
    ledger.assign(P0, None)
    ledger.assign(P1, None)
    consume(ledger, P0, 1)
    consume(ledger, P1, 1)
    ledger.close_window()
    ledger.submitted(1)
    ledger.revoke([P1])
    assert not ledger.owns(P1)
    assert not ledger.admit(P1, 2)
    assert ledger.acked(1) == {P0: 2}


def test_a_fenced_partition_is_not_committed_nor_counted_again():
    ledger = OffsetLedger()
    ledger.assign(P0, Claim(1, None))
    ledger.assign(P1, Claim(1, None))
    consume(ledger, P0, 0)
    consume(ledger, P1, 0)
    ledger.close_window()
    ledger.submitted(2)
    assert ledger.fence(P1, 1)
    assert not ledger.owns(P1)
    assert ledger.acked(2) == {P0: 1}
    ledger.processed(P1, 5, counted=True)
    assert ledger.close_window() == {}
    ledger.assign(P1, Claim(2, 1))  # assigned again: a fresh claim
    assert ledger.owns(P1)
    assert consume(ledger, P1, 0, 1) == [1]
    # a late fence of the earlier ownership changes nothing now
    assert not ledger.fence(P1, 1)
    assert ledger.owns(P1)


def test_dirty_tells_whether_something_was_counted_since_the_last_window():
    ledger = OffsetLedger()
    ledger.assign(P0, None)
    assert not ledger.dirty
    consume(ledger, P0, 0)
    assert ledger.dirty
    ledger.close_window()
    assert not ledger.dirty
    assert ledger.partitions == [P0]
