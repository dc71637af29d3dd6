"""Reassembly of one direction: order, retransmission, overlap, wrap-around, limits."""

from __future__ import annotations

import random

from interceptor.tcp import GAP, Budget, HalfStream, StreamStats, joined, seq_diff


def _stream(max_bytes: int = 1 << 20, max_segments: int = 1000, total: int = 1 << 30) -> HalfStream:
    return HalfStream(Budget(total), StreamStats(), max_bytes, max_segments)


def test_seq_diff_wraps() -> None:
    assert seq_diff(5, 0xFFFFFFF0) == 21
    assert seq_diff(0xFFFFFFF0, 5) == -21


def test_any_order_with_duplicates_and_overlaps_gives_the_stream() -> None:
    data = bytes(range(256)) * 40
    for seed in range(20):
        rnd = random.Random(seed)
        isn = rnd.choice([0, 0xFFFFFF00, 12345])  # also across the 2**32 wrap
        s = _stream()
        s.syn(isn)
        base = isn + 1
        pieces = []
        pos = 0
        while pos < len(data):
            n = rnd.randint(1, 300)
            pieces.append((pos, data[pos : pos + n]))
            pos += n
        for _ in range(10):
            a = rnd.randrange(len(data))
            pieces.append((a, data[a : a + rnd.randint(1, 500)]))
        rnd.shuffle(pieces)
        out = []
        for off, piece in pieces:
            out += s.push((base + off) & 0xFFFFFFFF, piece)
        assert GAP not in out
        assert joined(out) == data
        assert s.pending_bytes == 0
        assert s.budget.used == 0


def test_retransmission_counted() -> None:
    s = _stream()
    s.syn(0)
    assert s.push(1, b"abc") == [b"abc"]
    assert s.push(1, b"abc") == []
    assert s.push(2, b"bcd") == [b"d"]
    assert s.stats.retransmitted_segments == 1


def test_out_of_order_limit_takes_a_gap() -> None:
    s = _stream(max_bytes=10)
    s.syn(0)
    assert s.push(1, b"ab") == [b"ab"]
    # byte 3..4 lost; later segments wait until the limit is passed
    assert s.push(5, b"efgh") == []
    out = s.push(9, b"ijklmno")
    assert out == [GAP, b"efgh", b"ijklmno"]
    assert s.stats.gaps == 1
    assert s.stats.gap_bytes == 2
    assert s.budget.used == 0


def test_total_budget_is_shared() -> None:
    budget = Budget(8)
    stats = StreamStats()
    a = HalfStream(budget, stats, 1 << 20, 64)
    b = HalfStream(budget, stats, 1 << 20, 64)
    a.syn(0)
    b.syn(0)
    assert a.push(10, b"12345") == []
    assert budget.used == 5
    assert b.push(10, b"12345") == [GAP, b"12345"]  # b goes over the shared limit
    assert budget.used == 5


def test_segment_count_limit() -> None:
    s = _stream(max_segments=2)
    s.syn(0)
    s.push(10, b"a")
    s.push(20, b"b")
    assert s.push(30, b"c")[0] is GAP


def test_mid_stream_start_and_fin() -> None:
    s = _stream()
    assert s.push(1000, b"xyz") == [b"xyz"]
    s.fin(1003)
    assert s.at_eof


def test_flush_and_release() -> None:
    s = _stream()
    s.syn(0)
    s.push(5, b"later")
    assert s.flush() == [GAP, b"later"]
    s.push(100, b"x")
    s.release_all()
    assert s.budget.used == 0
