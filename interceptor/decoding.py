"""Removal of Content-Encoding (gzip, deflate, br) with a cap on the decoded output.

Bodies are decoded here, in the interceptor, and only for bodies that are kept (JSON).
That is the cheapest place: every consumer downstream reads plain JSON (Kafka compresses
the batches again with zstd), and the cap bounds the *decoded* size, so a compression
bomb stops at the cap. The HTTP parser hands a body over in many small pieces (one per
TCP segment or chunk); they are held as a list and decoded in one call when the message
ends, or earlier once ``_DECODE_STEP`` wire bytes are held, so per piece the cost is a
list append, and the held wire bytes stay bounded (and counted in the shared budget).
"""

from __future__ import annotations

from typing import Any, Final, Protocol

import brotli
from isal import isal_zlib  # ISA-L's inflate: about 3x zlib's on JSON bodies, same interface

from interceptor.tcp import Budget
from protos.sieve.v1 import exchange_pb2

# the stub declares the class as an instance
_INFLATE_ERROR: Final[type[Exception]] = isal_zlib.error  # type: ignore[assignment]
_BR_INPUT_STEP: Final = 4096
_DECODE_STEP: Final = 64 * 1024  # wire bytes held before decoding (coded bodies)
_UNLIMITED: Final = 1 << 62


class _Inflater(Protocol):
    def process(self, data: bytes, room: int) -> bytes: ...


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._d: Any = isal_zlib.decompressobj(wbits) if wbits != isal_zlib.MAX_WBITS else None
        self._head = b""

    def process(self, data: bytes, room: int) -> bytes:
        if self._d is None:
            # "deflate" is sent as zlib or, by some servers, raw: the first two bytes tell
            self._head += data
            if len(self._head) < 2:
                return b""
            data, self._head = self._head, b""
            cmf, flg = data[0], data[1]
            is_zlib = cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0
            self._d = isal_zlib.decompressobj(
                isal_zlib.MAX_WBITS if is_zlib else -isal_zlib.MAX_WBITS
            )
        return bytes(self._d.decompress(data, room))


class _Brotli:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def process(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        for i in range(0, max(len(data), 1), _BR_INPUT_STEP):
            if len(out) >= room:
                break
            try:
                out += self._d.process(
                    data[i : i + _BR_INPUT_STEP], output_buffer_limit=room - len(out)
                )
            except TypeError:  # brotli < 1.2 has no output limit; input steps bound it
                out += self._d.process(data[i : i + _BR_INPUT_STEP])
        return bytes(out)


_CODED: Final = frozenset(
    (
        exchange_pb2.CONTENT_CODING_GZIP,
        exchange_pb2.CONTENT_CODING_DEFLATE,
        exchange_pb2.CONTENT_CODING_BR,
    )
)


def _new_inflater(kind: int) -> _Inflater:
    if kind == exchange_pb2.CONTENT_CODING_GZIP:
        return _Zlib(16 + isal_zlib.MAX_WBITS)
    if kind == exchange_pb2.CONTENT_CODING_DEFLATE:
        return _Zlib(isal_zlib.MAX_WBITS)
    return _Brotli()


class BodyDecoder:
    """Decodes one body; keeps at most ``cap`` decoded bytes.

    ``feed`` takes wire pieces; ``finish`` decodes what is held. ``body`` (which finishes
    first) holds the kept bytes, ``truncated`` says the body was longer than the cap,
    ``failed`` says the coding was corrupt (what was decoded before stays in ``body``);
    both are final only after ``finish``.
    """

    __slots__ = (
        "_held",
        "_hold_limit",
        "_inflater",
        "_kind",
        "_out",
        "_parts",
        "budget",
        "budget_hit",
        "cap",
        "coding",
        "failed",
        "truncated",
        "wire_size",
    )

    def __init__(
        self, content_encoding: bytes | None, cap: int, budget: Budget | None = None
    ) -> None:
        self._out = bytearray()
        self._parts: list[bytes] = []
        self._held = 0
        self.cap = cap
        self.budget = budget if budget is not None else Budget(_UNLIMITED)
        self.budget_hit = False
        self.truncated = False
        self.failed = False
        self.wire_size = 0
        # the decompressor (tens of KiB of state) is made when the first bytes are decoded,
        # so a body that is only held costs its held bytes
        self._inflater: _Inflater | None = None
        enc = (content_encoding or b"").strip().lower()
        if enc in (b"", b"identity"):
            self.coding = exchange_pb2.CONTENT_CODING_IDENTITY
        elif enc in (b"gzip", b"x-gzip"):
            self.coding = exchange_pb2.CONTENT_CODING_GZIP
        elif enc == b"deflate":
            self.coding = exchange_pb2.CONTENT_CODING_DEFLATE
        elif enc == b"br":
            self.coding = exchange_pb2.CONTENT_CODING_BR
        else:
            self.coding = exchange_pb2.CONTENT_CODING_UNSUPPORTED
        self._kind = self.coding
        coded = self.coding in _CODED
        # plain bytes are held up to the cap (they are the body); coded ones up to a step
        self._hold_limit = min(cap, _DECODE_STEP) if coded else cap

    def feed(self, data: bytes) -> None:
        """Add wire bytes (after de-chunking) of the body."""
        n = len(data)
        self.wire_size += n
        if self.truncated or self.failed:
            return
        budget = self.budget
        if self._held + n <= self._hold_limit and budget.used + n <= budget.limit:
            self._parts.append(data)  # the common case: hold the piece
            self._held += n
            budget.used += n
            return
        self.finish()
        self._parts.append(data)
        self._held = n
        budget.used += n
        if n > self._hold_limit or budget.used > budget.limit:
            self.finish()

    def finish(self) -> None:
        """Decode the held pieces into the body, within the cap and the budget."""
        parts = self._parts
        if not parts:
            return
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        parts.clear()
        budget = self.budget
        budget.used -= self._held
        self._held = 0
        if self.truncated or self.failed:
            return
        out = self._out
        room = self.cap - len(out)
        free = budget.limit - budget.used
        by_budget = free < room
        if by_budget:
            room = max(0, free)
        before = len(out)
        if room <= 0 and by_budget:  # no room left at all: do not decode to throw away
            self.truncated = self.budget_hit = True
            return
        self._append(data, room)
        if self.truncated and by_budget:
            self.budget_hit = True
        budget.used += len(out) - before
        if self._kind not in _CODED:
            self._hold_limit = self.cap - len(out)

    @property
    def body(self) -> bytearray:
        """The decoded bytes (decodes what is held first)."""
        self.finish()
        return self._out

    def _append(self, data: bytes, room: int) -> None:
        inflater = self._inflater
        if inflater is None and self._kind in _CODED:
            inflater = self._inflater = _new_inflater(self._kind)
        if inflater is None:
            if len(data) > room:
                self._out += data[:room]
                self.truncated = True
            else:
                self._out += data
            return
        try:
            out = inflater.process(data, room + 1)
        except (_INFLATE_ERROR, brotli.error):
            self.failed = True
            return
        if len(out) > room:
            self._out += out[:room]
            self.truncated = True
        else:
            self._out += out

    def release(self) -> None:
        """Forget the body and return its bytes to the budget (the record holds them now)."""
        self.budget.used -= len(self._out) + self._held
        self._out = bytearray()
        self._parts.clear()
        self._held = 0
        self._inflater = None

    def __del__(self) -> None:
        # a message dropped before it was emitted (gap, connection ended): its bytes are
        # free again; emitted ones were released explicitly and hold nothing here
        self.budget.used -= len(self._out) + self._held
