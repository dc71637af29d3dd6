"""`HttpExchange` records written straight in protobuf's wire format (sans-IO).

The capture loop hands every exchange to Kafka as bytes, so it never needs the message as
an object. Building one with the protobuf runtime (a wrapper per header, endpoint and
timestamp, each registered in the runtime's object cache and freed again) took about half
of the core's time per exchange; writing the bytes here takes a fraction of that, and the
fields fixed for a connection (node, interface, endpoints, id) are written once per
connection. Field numbers are those of ``protos/sieve/v1/exchange.proto``; the tests
parse every output with the protobuf runtime and compare it with the message the runtime
builds from the same input. Strings must be UTF-8 on the wire: text that is not is
decoded with replacement characters first, as the runtime would require.
"""

from __future__ import annotations

from collections.abc import Iterable

from protos.sieve.v1 import exchange_pb2

# one-byte tags: (field number << 3) | wire type (0 varint, 2 length-delimited)
_T1_LEN, _T2_LEN, _T3_LEN, _T4_LEN, _T5_LEN = b"\x0a", b"\x12", b"\x1a", b"\x22", b"\x2a"
_T6_LEN, _T7_LEN, _T8_LEN, _T9_LEN = b"\x32", b"\x3a", b"\x42", b"\x4a"
_T1_VAR, _T2_VAR, _T6_VAR, _T7_VAR, _T8_VAR = b"\x08", b"\x10", b"\x30", b"\x38", b"\x40"
_T10_VAR = b"\x50"
_TRUE = b"\x01"
_SMALL = [bytes((i,)) for i in range(128)]


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
    if n < 0x4000:  # lengths of most headers and bodies
        return bytes(((n & 0x7F) | 0x80, n >> 7))
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _field(tag: bytes, data: bytes) -> bytes:
    """A length-delimited field; empty data is the default and is left out."""
    if not data:
        return b""
    return tag + varint(len(data)) + data


def utf8(text: bytes | bytearray) -> bytes:
    """``text`` as valid UTF-8 (ASCII, the usual case, as it is)."""
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
    """Encodes ``google.protobuf.Timestamp`` values; the seconds field, which changes once a
    second, is encoded once."""

    __slots__ = ("_sec", "_sec_field")

    def __init__(self) -> None:
        self._sec = 0
        self._sec_field = b""

    def timestamp(self, ts: float) -> bytes:
        """A Timestamp of ``ts`` seconds, to the microsecond."""
        sec, usec = divmod(round(ts * 1e6), 1_000_000)
        if sec != self._sec:
            self._sec = sec
            self._sec_field = _T1_VAR + varint(sec if sec >= 0 else sec + (1 << 64)) if sec else b""
        if usec:
            return self._sec_field + _T2_VAR + varint(usec * 1000)
        return self._sec_field


def headers(pairs: Iterable[tuple[bytes, bytes]]) -> bytes:
    """Repeated ``Header`` (field 4): names as Latin-1 text, values as UTF-8 text."""
    parts: list[bytes] = []
    add = parts.append
    for name, value in pairs:
        n = _latin1(name)
        v = value if value.isascii() else utf8(value)
        ln, lv = len(n), len(v)
        if ln + lv < 0x7C:  # the usual short header: every length fits one byte
            add(
                b"".join(
                    (_T4_LEN, _SMALL[ln + lv + 4], _T1_LEN, _SMALL[ln], n, _T2_LEN, _SMALL[lv], v)
                )
            )
        else:
            sub = _T1_LEN + varint(ln) + n + _T2_LEN + varint(lv) + v
            add(_T4_LEN + varint(len(sub)) + sub)
    return b"".join(parts)


def body_fields(body: bytes | None, truncated: bool, wire_size: int, coding: int) -> bytes:
    """Fields 5 to 8 shared by requests and responses (``body`` None: not kept)."""
    out = b""
    if body:
        out = _T5_LEN + varint(len(body)) + body
    if truncated:
        out += _T6_VAR + _TRUE
    if wire_size:
        out += _T7_VAR + varint(wire_size)
    if coding:
        out += _T8_VAR + varint(coding)
    return out


def request(
    method: str, target: bytes | bytearray, version: str, head: bytes, tail: bytes
) -> bytes:
    """An ``HttpRequest``: ``head`` from `headers`, ``tail`` from `body_fields`."""
    return b"".join(
        (
            _field(_T1_LEN, method.encode()),
            _field(_T2_LEN, utf8(target)),
            _field(_T3_LEN, version.encode()),
            head,
            tail,
        )
    )


def response(
    status: int, reason: bytes | bytearray, version: str, head: bytes, tail: bytes
) -> bytes:
    """An ``HttpResponse``: ``head`` from `headers`, ``tail`` from `body_fields`."""
    return b"".join(
        (
            _T1_VAR + varint(status) if status else b"",
            _field(_T2_LEN, utf8(reason)),
            _field(_T3_LEN, version.encode()),
            head,
            tail,
        )
    )


def exchange(
    prefix: bytes, sequence: int, req: bytes, resp: bytes, *, start: bytes, end: bytes
) -> bytes:
    """An ``HttpExchange`` from its connection's `connection_prefix` and encoded parts."""
    return b"".join(
        (
            prefix,
            _T5_LEN + varint(len(start)) + start,
            _T6_LEN + varint(len(end)) + end,
            _T7_LEN + varint(len(req)) + req,
            _T8_LEN + varint(len(resp)) + resp,
            _T10_VAR + varint(sequence) if sequence else b"",
        )
    )
