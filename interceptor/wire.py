"""`HttpExchange` records written straight in protobuf's wire format (sans-IO).

The capture loop hands every exchange to Kafka as bytes, so it never needs the message as
an object. Building one with the protobuf runtime (a wrapper per header, endpoint and
timestamp, each registered in the runtime's object cache and freed again) was a third of
the compiled core's instructions; writing the bytes here costs less than half of that
(interpreted, the two cost about the same). The fields fixed for a connection (node,
interface, endpoints, id) are written once per connection, and a body is copied once.
Field numbers are those of ``protos/sieve/v1/exchange.proto``; the tests parse every
output with the protobuf runtime and compare it with the message the runtime builds from
the same input. Strings must be UTF-8 on the wire: text that is not is decoded with
replacement characters first, as the runtime would require.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from protos.sieve.v1 import exchange_pb2

# one-byte tags: (field number << 3) | wire type (0 varint, 2 length-delimited). Final:
# compiled, module constants are C statics instead of lookups in the module's dict
_T1_LEN: Final = b"\x0a"
_T2_LEN: Final = b"\x12"
_T3_LEN: Final = b"\x1a"
_T4_LEN: Final = b"\x22"
_T5_LEN: Final = b"\x2a"
_T6_LEN: Final = b"\x32"
_T7_LEN: Final = b"\x3a"
_T8_LEN: Final = b"\x42"
_T9_LEN: Final = b"\x4a"
_T1_VAR: Final = b"\x08"
_T2_VAR: Final = b"\x10"
_T6_VAR: Final = b"\x30"
_T7_VAR: Final = b"\x38"
_T8_VAR: Final = b"\x40"
_T10_VAR: Final = b"\x50"
_T11_VAR: Final = b"\x58"
_T12_VAR: Final = b"\x60"
_TRUE: Final = b"\x01"
_SMALL: Final = [bytes((i,)) for i in range(128)]
_HIGH: Final = [bytes((i | 0x80,)) for i in range(128)]  # a varint byte with more to come


class EncodedExchange:
    """One exchange as its Kafka record: ``key`` (server "ip:port") and ``value``."""

    __slots__ = ("key", "value")

    def __init__(self, key: bytes, value: bytes) -> None:
        self.key = key
        self.value = value

    @classmethod
    def of(cls, ex: exchange_pb2.HttpExchange) -> EncodedExchange:
        """The record of a message built elsewhere (tests, tools)."""
        return cls(f"{ex.server.ip}:{ex.server.port}".encode(), ex.SerializeToString())

    def parse(self) -> exchange_pb2.HttpExchange:
        """The exchange as a protobuf message."""
        return exchange_pb2.HttpExchange.FromString(self.value)


def varint(n: int) -> bytes:
    """Base-128 varint of a non-negative ``n``."""
    if n < 0x80:
        return _SMALL[n]
    # table lookups and concatenations: compiled, cheaper than building from a tuple
    out = _HIGH[n & 0x7F]
    n >>= 7
    while n >= 0x80:
        out += _HIGH[n & 0x7F]
        n >>= 7
    return out + _SMALL[n]


def _field(tag: bytes, data: bytes) -> bytes:
    """A length-delimited field; empty data is the default and is left out."""
    if not data:
        return b""
    return tag + varint(len(data)) + data


def utf8(text: bytes | bytearray) -> bytes:
    """``text`` as valid UTF-8 (ASCII, the usual case, as it is)."""
    if isinstance(text, bytes) and text.isascii():
        return text
    if text.isascii():
        return bytes(text)
    return bytes(text).decode("utf-8", "replace").encode()


def _latin1(text: bytes) -> bytes:
    return text if text.isascii() else text.decode("latin-1").encode()


def endpoint(ip: str, port: int) -> bytes:
    """An ``Endpoint`` message."""
    return _field(_T1_LEN, ip.encode()) + (_T2_VAR + varint(port) if port else b"")


def connection_prefix(
    node_name: str, interface: str, client: bytes, server: bytes, connection_id: str
) -> bytes:
    """The fields of every exchange of one connection (``client``/``server`` from `endpoint`)."""
    return b"".join(
        (
            _field(_T1_LEN, node_name.encode()),
            _field(_T2_LEN, interface.encode()),
            _T3_LEN + varint(len(client)) + client,
            _T4_LEN + varint(len(server)) + server,
            _field(_T9_LEN, connection_id.encode()),
        )
    )


class Clock:
    """Encodes ``google.protobuf.Timestamp`` values to the microsecond (halves up); the
    seconds field, which changes once a second, is encoded once."""

    __slots__ = ("_sec", "_sec_field")

    def __init__(self) -> None:
        self._sec = 0
        self._sec_field = b""

    def timestamp(self, ts: float) -> bytes:
        """A Timestamp of ``ts`` (seconds since the epoch, not negative)."""
        us = int(ts * 1e6 + 0.5)
        sec = us // 1_000_000
        usec = us - sec * 1_000_000
        if sec != self._sec:
            self._sec = sec
            self._sec_field = _T1_VAR + varint(sec) if sec else b""
        if usec:
            return self._sec_field + _T2_VAR + varint(usec * 1000)
        return self._sec_field


Parts = list[bytes | bytearray]


def start_line(first: bytes, text: bytes | bytearray, version: str) -> bytes:
    """Fields 1 to 3 of a request (``first`` the method field) or response (``first`` the
    status field); ``text`` is the target or reason."""
    valid = utf8(text)
    if version == "1.1":
        last = _HTTP11
    elif version == "1.0":
        last = _HTTP10
    else:
        last = _field(_T3_LEN, version.encode())
    if not valid:
        return first + last
    return first + _T2_LEN + varint(len(valid)) + valid + last


def method_field(method: str) -> bytes:
    """Field 1 of a request."""
    field = _METHODS.get(method)
    return field if field is not None else _field(_T1_LEN, method.encode())


def status_field(status: int) -> bytes:
    """Field 1 of a response."""
    return _T1_VAR + varint(status) if status else b""


def add_message(  # noqa: PLR0917
    parts: Parts,
    start: bytes,
    headers: Sequence[tuple[bytes, bytes]],
    body: bytes | bytearray | None,
    truncated: bool,
    wire_size: int,
    coding: int,
) -> int:
    """Append an ``HttpRequest`` or ``HttpResponse`` to ``parts``: ``start`` from
    `start_line`, headers (names as Latin-1, values as UTF-8 text), then the body fields
    (``body`` None: not kept). Return the encoded length."""
    parts.append(start)
    total = len(start)
    for raw_name, raw_value in headers:
        name, value = _latin1(raw_name), utf8(raw_value)
        a, b = varint(len(name)), varint(len(value))
        sub = 2 + len(a) + len(name) + len(b) + len(value)
        size = varint(sub)
        parts += (_T4_LEN, size, _T1_LEN, a, name, _T2_LEN, b, value)
        total += 1 + len(size) + sub
    if body:
        size = varint(len(body))
        parts += (_T5_LEN, size, body)
        total += 1 + len(size) + len(body)
    tail = b""
    if truncated:
        tail = _T6_VAR + _TRUE
    if wire_size:
        tail += _T7_VAR + varint(wire_size)
    if coding:
        tail += _T8_VAR + varint(coding)
    if tail:
        parts.append(tail)
        total += len(tail)
    return total


MessageParts = tuple[bytes, Sequence[tuple[bytes, bytes]], bytes | bytearray | None, bool, int, int]
"""What `add_message` takes after ``parts``: start line, headers, body, truncated flag,
wire size, content coding."""


def exchange(
    prefix: bytes, sequence: int, request: MessageParts, response: MessageParts, *,
    start: bytes, end: bytes, protocol: int = 0, stream_id: int = 0,
) -> bytes:  # fmt: skip
    """An ``HttpExchange`` record: the connection's `connection_prefix`, the two `Clock`
    timestamps, the request and response, the sequence number, the protocol and stream
    id. One join: a body is copied once, whatever its size."""
    parts: Parts = [
        prefix,
        _T5_LEN + varint(len(start)) + start + _T6_LEN + varint(len(end)) + end + _T7_LEN,
        b"",  # the request's length, once known
    ]
    r = request
    parts[2] = varint(add_message(parts, r[0], r[1], r[2], r[3], r[4], r[5]))
    parts.append(_T8_LEN)
    at = len(parts)
    parts.append(b"")
    r = response
    parts[at] = varint(add_message(parts, r[0], r[1], r[2], r[3], r[4], r[5]))
    if sequence:
        parts.append(_T10_VAR + varint(sequence))
    if protocol:
        parts.append(_PROTOCOLS[protocol] if protocol < 4 else _T11_VAR + varint(protocol))
    if stream_id:
        parts.append(_T12_VAR + varint(stream_id))
    return b"".join(parts)


# encoded fields of the usual methods and versions
_METHODS: Final = {
    m: _T1_LEN + _SMALL[len(m)] + m.encode()
    for m in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
}
_HTTP11: Final = _T3_LEN + b"\x031.1"
_HTTP10: Final = _T3_LEN + b"\x031.0"
_PROTOCOLS: Final = [_T11_VAR + _SMALL[p] for p in range(4)]
