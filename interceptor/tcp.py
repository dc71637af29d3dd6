"""Sans-IO TCP reassembly of one direction of a connection.

Segments come in any order and wait in ``pending`` (keyed by sequence number, with the
segment's ACK) until they are next in order. `HalfStream.pop` hands out the next in-order
bytes, but only once the other direction has delivered every byte that the segment
acknowledges (``peer_next``): a segment's ACK says which of the peer's bytes its sender had
received, so this delivers the two directions in the order the endpoints saw them, however
the capture reordered frames (a response is never parsed before the request it answers).
Retransmitted and overlapping bytes are dropped. Waiting is bounded per direction
(segments and bytes) and in total (`Budget`); when a bound is hit the caller declares the
hole lost (`skip`, or `jump` to what the peer acknowledged) and the HTTP layer
resynchronises at the next message boundary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

GAP: Final = None
"""Marker in `HalfStream.push` results: bytes before this point were lost."""

_MOD: Final = 1 << 32
_HALF: Final = 1 << 31
# An ACK this far (or less) beyond the peer's delivered bytes holds a segment back; one
# further away is not a real acknowledgement (a bogus or pre-capture value) and is ignored.
ACK_SPAN: Final = 1 << 26

Chunk = bytes | None


def seq_diff(a: int, b: int) -> int:
    """Signed distance from ``b`` to ``a`` in 32-bit sequence space."""
    d = (a - b) % _MOD
    return d - _MOD if d >= _HALF else d


def ack_blocks(ack: int, peer_next: int | None) -> bool:
    """True when ``ack`` acknowledges peer bytes beyond ``peer_next`` (not delivered yet)."""
    if ack < 0 or peer_next is None:
        return False
    return ((ack - peer_next - 1) & 0xFFFFFFFF) < ACK_SPAN


class Budget:
    """Bytes held over all connections, against one limit."""

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
    """One direction's byte stream. ``next_seq`` is None until the first SYN or data.

    After `pop`, ``out_seq`` and ``out_ack`` are the sequence number of the bytes handed
    out and the ACK of the segment that carried them (-1: none).
    """

    __slots__ = (
        "budget",
        "fin_seq",
        "max_bytes",
        "max_segments",
        "next_seq",
        "out_ack",
        "out_seq",
        "pending",
        "pending_bytes",
        "saw_syn",
        "stats",
        "syn_seq",
    )

    def __init__(
        self, budget: Budget, stats: StreamStats, max_bytes: int, max_segments: int
    ) -> None:
        self.next_seq: int | None = None
        self.pending: dict[int, tuple[bytes, int]] = {}
        self.pending_bytes = 0
        self.fin_seq: int | None = None
        self.saw_syn = False
        self.syn_seq = -1  # the initial sequence number, once a SYN was seen
        self.budget = budget
        self.stats = stats
        self.max_bytes = max_bytes
        self.max_segments = max_segments
        self.out_seq = 0
        self.out_ack = -1

    def syn(self, seq: int) -> None:
        """A SYN with initial sequence number ``seq``: data starts at ``seq + 1``."""
        if self.next_seq is None:
            self.next_seq = (seq + 1) % _MOD
        if not self.saw_syn:
            self.syn_seq = seq
        self.saw_syn = True

    def fin(self, end_seq: int) -> None:
        """A FIN after the byte before ``end_seq``."""
        if self.fin_seq is None:
            self.fin_seq = end_seq % _MOD

    @property
    def at_eof(self) -> bool:
        """All bytes up to the FIN have been delivered."""
        return self.fin_seq is not None and self.next_seq == self.fin_seq

    @property
    def over_limit(self) -> bool:
        """More is waiting than this direction (or all connections) may hold."""
        return bool(self.pending) and (
            self.pending_bytes > self.max_bytes
            or len(self.pending) > self.max_segments
            or self.budget.used > self.budget.limit
        )

    def add(self, seq: int, ack: int, data: bytes) -> None:
        """Hold a segment until it is next in order (retransmissions are counted, not held)."""
        if self.next_seq is None:  # joined mid-stream: the first data seen starts the stream
            self.next_seq = seq
        if seq_diff(seq, self.next_seq) + len(data) <= 0:
            self.stats.retransmitted_segments += 1
            return
        old = self.pending.get(seq)
        if old is not None:
            if len(old[0]) >= len(data):
                self.stats.retransmitted_segments += 1
                return
            self._release(len(old[0]))
        self.pending[seq] = (data, ack)
        self.pending_bytes += len(data)
        self.budget.used += len(data)

    def _front(self) -> int:
        """The key of a held segment holding the next byte, or -1 (old ones are dropped)."""
        nxt = self.next_seq
        assert nxt is not None
        pending = self.pending
        if nxt in pending:
            return nxt
        found = -1
        old: list[int] = []
        for s, item in pending.items():
            d = seq_diff(s, nxt)
            if d > 0:
                continue
            if d + len(item[0]) <= 0:
                old.append(s)
            elif found < 0:
                found = s
        for s in old:
            self._release(len(pending.pop(s)[0]))
            self.stats.retransmitted_segments += 1
        return found

    def pop(self, peer_next: int | None) -> bytes | None:
        """The next in-order bytes, unless none are held or their ACK is ahead of the peer."""
        if not self.pending:
            return None
        s = self._front()
        if s < 0:
            return None
        data, ack = self.pending[s]
        if ack_blocks(ack, peer_next):
            return None
        del self.pending[s]
        self._release(len(data))
        nxt = self.next_seq
        assert nxt is not None
        d = seq_diff(nxt, s)
        if d:
            data = data[d:]
        self.out_seq = nxt
        self.out_ack = ack
        self.next_seq = (nxt + len(data)) % _MOD
        return data

    def front_ack(self) -> int:
        """The ACK of the held segment that is next in order (-1: none is)."""
        if not self.pending:
            return -1
        s = self._front()
        return self.pending[s][1] if s >= 0 else -1

    def skip(self) -> int:
        """Give up the hole before the first held segment; return the bytes lost."""
        nxt = self.next_seq
        assert nxt is not None
        assert self.pending
        first = min(self.pending, key=lambda s: seq_diff(s, nxt))
        lost = seq_diff(first, nxt)
        self.stats.limit_drops += 1
        if lost <= 0:
            return 0
        self.next_seq = first
        self._lost(lost)
        return lost

    def jump(self, to: int) -> int:
        """The peer acknowledged bytes up to ``to`` that never came: give them up."""
        nxt = self.next_seq
        if nxt is None:
            self.next_seq = to % _MOD
            return 0
        lost = seq_diff(to, nxt)
        if lost <= 0:
            return 0
        self.next_seq = to % _MOD
        self._lost(lost)
        return lost

    def _lost(self, n: int) -> None:
        self.stats.gaps += 1
        self.stats.gap_bytes += n

    def _release(self, n: int) -> None:
        self.pending_bytes -= n
        self.budget.used -= n

    def release_all(self) -> None:
        """Forget held segments, returning their bytes to the budget."""
        self._release(self.pending_bytes)
        self.pending.clear()

    # --- one direction alone (no peer to wait for): tests and tools ------------------------
    def push(self, seq: int, data: bytes, ack: int = -1) -> list[Chunk]:
        """Add a segment; return the bytes now in order (`GAP` marks a loss), limits applied."""
        self.add(seq, ack, data)
        out: list[Chunk] = []
        self._drain(out)
        while self.over_limit:
            if self.skip():
                out.append(GAP)
            self._drain(out)
        return out

    def flush(self) -> list[Chunk]:
        """Give up on every hole (connection end): return what is held, gaps marked."""
        out: list[Chunk] = []
        self._drain(out)
        while self.pending:
            if self.skip():
                out.append(GAP)
            self._drain(out)
        return out

    def _drain(self, out: list[Chunk]) -> None:
        while True:
            data = self.pop(None)
            if data is None:
                return
            out.append(data)


def joined(chunks: Iterable[Chunk]) -> bytes:
    """The bytes of ``chunks`` without gap markers (for tests)."""
    return b"".join(c for c in chunks if c is not None)
