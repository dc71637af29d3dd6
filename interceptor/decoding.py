"""Streaming removal of Content-Encoding (gzip, deflate, br) with a cap on the output.

Bodies are decoded here, in the interceptor, chunk by chunk as the HTTP parser hands them
over, and only for bodies that are kept (JSON). That is the cheapest place: the wire bytes
are never buffered next to the decoded ones, the cap bounds the *decoded* size so a
compression bomb stops at the cap, and every consumer downstream reads plain JSON (Kafka
compresses the batches again with zstd).
"""

from __future__ import annotations

import zlib
from typing import Any, Protocol

import brotli

from interceptor.tcp import Budget
from protos.sieve.v1 import exchange_pb2

_BR_INPUT_STEP = 4096


class _Inflater(Protocol):
    def process(self, data: bytes, room: int) -> bytes: ...


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._d: Any = zlib.decompressobj(wbits) if wbits != zlib.MAX_WBITS else None
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
            self._d = zlib.decompressobj(zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS)
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


class BodyDecoder:
    """Decodes one body as it arrives; keeps at most ``cap`` decoded bytes.

    ``body`` holds the kept bytes, ``truncated`` says the body was longer than the cap,
    ``failed`` says the coding was corrupt (what was decoded before stays in ``body``).
    """

    __slots__ = (
        "_inflater",
        "body",
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
        self.body = bytearray()
        self.cap = cap
        self.budget = budget
        self.budget_hit = False
        self.truncated = False
        self.failed = False
        self.wire_size = 0
        self._inflater: _Inflater | None = None
        enc = (content_encoding or b"").strip().lower()
        if enc in (b"", b"identity"):
            self.coding = exchange_pb2.CONTENT_CODING_IDENTITY
        elif enc in (b"gzip", b"x-gzip"):
            self.coding = exchange_pb2.CONTENT_CODING_GZIP
            self._inflater = _Zlib(16 + zlib.MAX_WBITS)
        elif enc == b"deflate":
            self.coding = exchange_pb2.CONTENT_CODING_DEFLATE
            self._inflater = _Zlib(zlib.MAX_WBITS)
        elif enc == b"br":
            self.coding = exchange_pb2.CONTENT_CODING_BR
            self._inflater = _Brotli()
        else:
            self.coding = exchange_pb2.CONTENT_CODING_UNSUPPORTED

    def feed(self, data: bytes) -> None:
        """Add wire bytes (after de-chunking) of the body."""
        n = len(data)
        self.wire_size += n
        if self.truncated or self.failed:
            return
        budget = self.budget
        room = self.cap - len(self.body)
        if (
            self._inflater is None
            and n <= room
            and (budget is None or budget.used + n <= budget.limit)
        ):
            self.body += data  # fast path: plain body well within the limits
            if budget is not None:
                budget.used += n
            return
        if budget is not None and budget.used + room > budget.limit:
            room = max(0, min(room, budget.limit - budget.used))
            if room < len(data):
                self.budget_hit = True
        before = len(self.body)
        self._append(data, room)
        if budget is not None:
            budget.used += len(self.body) - before

    def _append(self, data: bytes, room: int) -> None:
        if self._inflater is None:
            if len(data) > room:
                self.body += data[:room]
                self.truncated = True
            else:
                self.body += data
            return
        try:
            out = self._inflater.process(data, room + 1)
        except (zlib.error, brotli.error):
            self.failed = True
            return
        if len(out) > room:
            self.body += out[:room]
            self.truncated = True
        else:
            self.body += out

    def __del__(self) -> None:
        # the message is gone (emitted, dropped, connection ended): its bytes are free again
        if self.budget is not None:
            self.budget.used -= len(self.body)
