"""Sans-IO TCP reassembly of one direction of a connection.

Segments come in any order; `HalfStream.push` returns the bytes that became contiguous,
with `GAP` where bytes were given up. Retransmitted and overlapping bytes are dropped;
out-of-order segments wait, bounded per direction (segments and bytes) and in total
(`Budget`). When a bound is hit the hole is declared lost: the stream jumps to the next
buffered segment and the HTTP layer resynchronises at the next message boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

GAP: Final = None
"""Marker in `HalfStream.push` results: bytes before this point were lost."""

_MOD: Final = 1 << 32
_HALF: Final = 1 << 31

Chunk = bytes | None


def seq_diff(a: int, b: int) -> int:
    """Signed distance from ``b`` to ``a`` in 32-bit sequence space."""
    d = (a - b) % _MOD
    return d - _MOD if d >= _HALF else d


class Budget:
    """Out-of-order bytes buffered over all connections, against one limit."""

    __slots__ = ("limit", "used")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0


class StreamStats:
    """What reassembly dropped or lost; shared by all streams of a core."""

    __slots__ = ("gap_bytes", "gaps", "limit_drops", "retransmitted_segments")

    def __init__(self) -> None:
        self.retransmitted_segments = 0
        self.gaps = 0
        self.gap_bytes = 0
        self.limit_drops = 0


class HalfStream:
    """One direction's byte stream. ``next_seq`` is None until the first SYN or data."""

    __slots__ = (
        "budget",
        "fin_seq",
        "max_bytes",
        "max_segments",
        "next_seq",
        "pending",
        "pending_bytes",
        "saw_syn",
        "stats",
    )

    def __init__(
        self, budget: Budget, stats: StreamStats, max_bytes: int, max_segments: int
    ) -> None:
        self.next_seq: int | None = None
        self.pending: dict[int, bytes] = {}
        self.pending_bytes = 0
        self.fin_seq: int | None = None
        self.saw_syn = False
        self.budget = budget
        self.stats = stats
        self.max_bytes = max_bytes
        self.max_segments = max_segments

    def syn(self, seq: int) -> None:
        """A SYN with initial sequence number ``seq``: data starts at ``seq + 1``."""
        if self.next_seq is None or not self.saw_syn:
            self.next_seq = (seq + 1) % _MOD
            self.saw_syn = True

    def fin(self, end_seq: int) -> None:
        """A FIN after the byte before ``end_seq``."""
        if self.fin_seq is None:
            self.fin_seq = end_seq % _MOD

    @property
    def at_eof(self) -> bool:
        """All bytes up to the FIN have been delivered."""
        return self.fin_seq is not None and self.next_seq == self.fin_seq

    def push(self, seq: int, data: bytes) -> list[Chunk]:
        """Add a segment's payload; return the bytes now in order (`GAP` marks a loss)."""
        nxt = self.next_seq
        if nxt is None:  # joined mid-stream: the first data seen starts the stream
            nxt = self.next_seq = seq
        d = seq_diff(seq, nxt)
        if d == 0 and not self.pending:
            self.next_seq = (nxt + len(data)) % _MOD
            return [data]
        if d <= 0:
            if d + len(data) <= 0:
                self.stats.retransmitted_segments += 1
                return []
            data = data[-d:]
            self.next_seq = (nxt + len(data)) % _MOD
            out: list[Chunk] = [data]
            self._drain(out)
            return out
        # ahead of the stream: buffer it, within the limits
        old = self.pending.get(seq)
        if old is not None:
            if len(old) >= len(data):
                self.stats.retransmitted_segments += 1
                return []
            self._release(len(old))
        self.pending[seq] = data
        self.pending_bytes += len(data)
        self.budget.used += len(data)
        out = []
        while self.pending and (
            self.pending_bytes > self.max_bytes
            or len(self.pending) > self.max_segments
            or self.budget.used > self.budget.limit
        ):
            self._skip_hole(out)
        return out

    def _skip_hole(self, out: list[Chunk]) -> None:
        nxt = self.next_seq
        assert nxt is not None
        first = min(self.pending, key=lambda s: seq_diff(s, nxt))
        lost = seq_diff(first, nxt)
        self.stats.limit_drops += 1
        if lost > 0:
            self.stats.gaps += 1
            self.stats.gap_bytes += lost
            out.append(GAP)
        self.next_seq = first
        self._drain(out)

    def _drain(self, out: list[Chunk]) -> None:
        while self.pending:
            nxt = self.next_seq
            assert nxt is not None
            progressed = False
            for s in list(self.pending):
                d = seq_diff(s, nxt)
                if d > 0:
                    continue
                data = self.pending.pop(s)
                self._release(len(data))
                if d + len(data) <= 0:
                    self.stats.retransmitted_segments += 1
                    continue
                data = data[-d:] if d else data
                out.append(data)
                nxt = self.next_seq = (nxt + len(data)) % _MOD
                progressed = True
            if not progressed:
                return

    def _release(self, n: int) -> None:
        self.pending_bytes -= n
        self.budget.used -= n

    def flush(self) -> list[Chunk]:
        """Give up on every hole (connection end): return what is buffered, gaps marked."""
        out: list[Chunk] = []
        while self.pending:
            self._skip_hole(out)
        return out

    def release_all(self) -> None:
        """Forget buffered segments, returning their bytes to the budget."""
        self._release(self.pending_bytes)
        self.pending.clear()


def joined(chunks: Iterable[Chunk]) -> bytes:
    """The bytes of ``chunks`` without gap markers (for tests)."""
    return b"".join(c for c in chunks if c is not None)
