"""gRPC bodies: length-prefixed messages, and protobuf decoded without (or with) a schema.

Sans-IO. A gRPC stream body is a sequence of messages, each a 1-byte compressed flag, a
4-byte big-endian length and the message (RFC-less, see gRPC's "PROTOCOL-HTTP2").
`split_messages` cuts a body into messages and removes the per-message compression named by
``grpc-encoding`` (gzip, deflate), capped so a compression bomb stops at the cap.

`decode_schemaless` turns protobuf's wire format into a JSON-able document whose keys are
the field numbers: ``{"1": 42, "3": [{"2": "a@b.c"}, ...]}`` (paths ``$.1``, ``$.3[*].2``).
Without the schema the wire format is ambiguous; the rules are fixed and documented:

* varint, fixed32 and fixed64 fields are unsigned integers (a negative int32/sint, a
  float or a double shows up as its bit pattern: a number, never a guessed value);
* a length-delimited field is a string when it is valid UTF-8 without control characters
  (other than tab, CR, LF); else a nested message when it parses as one completely;
  else a string when it is valid UTF-8; else its bytes in base64 (``"b64:..."``);
* a field number seen more than once is a list, in wire order;
* nesting deeper than ``_MAX_DEPTH`` stays base64 bytes.

With a `Descriptors` set (a ``FileDescriptorSet`` file given by the user) the method's
input and output types are found from the gRPC path ``/pkg.Service/Method`` and the
message is decoded with field names by the protobuf runtime.

A stream's messages are reported together, per stream (per RPC): the body of each side is
a JSON array of its messages' documents, so a unary call and a streaming call of the same
method give the same paths (``$[*].1``).
"""

from __future__ import annotations

import base64
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import orjson
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.json_format import MessageToDict
from isal import isal_zlib

_MAX_DEPTH: Final = 32
_INFLATE_ERROR: Final[type[Exception]] = isal_zlib.error  # type: ignore[assignment]
# control characters other than tab, LF and CR: text with one is tried as a message first
_CONTROL: Final = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_grpc_content_type(value: bytes) -> bool:
    """True for ``application/grpc`` and ``application/grpc+proto`` (parameters allowed)."""
    mime = value.split(b";", 1)[0].strip().lower()
    return mime in (b"application/grpc", b"application/grpc+proto")


class GrpcError(Exception):
    """A gRPC body that cannot be decoded (bad framing, unknown or corrupt compression)."""


def split_messages(body: bytes, encoding: bytes | None, cap: int) -> tuple[list[bytes], bool]:
    """The messages of a complete gRPC body, decompressed; and whether the body ended inside
    a message (the last, incomplete one is left out). Decompressed messages larger than
    ``cap`` raise `GrpcError` (a compression bomb, or a message beyond the body limit)."""
    out: list[bytes] = []
    pos = 0
    n = len(body)
    enc = (encoding or b"identity").strip().lower()
    while pos + 5 <= n:
        flag = body[pos]
        (length,) = struct.unpack_from("!I", body, pos + 1)
        if flag > 1:
            raise GrpcError("bad compressed flag")
        end = pos + 5 + length
        if end > n:
            return out, True
        data = body[pos + 5 : end]
        if flag:
            data = _decompress(data, enc, cap)
        out.append(data)
        pos = end
    return out, pos != n


def _decompress(data: bytes, encoding: bytes, cap: int) -> bytes:
    if encoding == b"gzip":
        wbits = 16 + isal_zlib.MAX_WBITS
    elif encoding == b"deflate":
        wbits = isal_zlib.MAX_WBITS
    else:
        raise GrpcError("unsupported grpc-encoding")
    try:
        d: Any = isal_zlib.decompressobj(wbits)
        out = bytes(d.decompress(data, cap + 1))
    except _INFLATE_ERROR as exc:
        raise GrpcError("corrupt compressed message") from exc
    if len(out) > cap:
        raise GrpcError("decompressed message over the body limit")
    return out


# --- schemaless protobuf ---------------------------------------------------------------


class _WireError(Exception):
    pass


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise _WireError
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _fields(data: bytes) -> Iterator[tuple[int, int, int | bytes]]:
    pos = 0
    n = len(data)
    while pos < n:
        key, pos = _varint(data, pos)
        number, wtype = key >> 3, key & 7
        if number == 0:
            raise _WireError
        if wtype == 0:
            value, pos = _varint(data, pos)
            yield number, wtype, value
        elif wtype == 1:
            if pos + 8 > n:
                raise _WireError
            yield number, wtype, int.from_bytes(data[pos : pos + 8], "little")
            pos += 8
        elif wtype == 5:
            if pos + 4 > n:
                raise _WireError
            yield number, wtype, int.from_bytes(data[pos : pos + 4], "little")
            pos += 4
        elif wtype == 2:
            length, pos = _varint(data, pos)
            if pos + length > n:
                raise _WireError
            yield number, wtype, data[pos : pos + length]
            pos += length
        else:  # groups (deprecated) and invalid types: not decoded
            raise _WireError


def _message(data: bytes, depth: int) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for number, _wtype, raw in _fields(data):
        value = raw if isinstance(raw, int) else _length_delimited(raw, depth)
        key = str(number)
        have = doc.get(key)
        if have is None and key not in doc:
            doc[key] = value
        elif isinstance(have, _Repeated):
            have.append(value)
        else:
            doc[key] = _Repeated((have, value))
    return doc


class _Repeated(list[Any]):
    """A field seen more than once (a plain list value is never a field's first value)."""


def _length_delimited(raw: bytes, depth: int) -> Any:
    text: str | None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _CONTROL.search(raw):
        return text
    if depth < _MAX_DEPTH:
        try:
            return _message(raw, depth + 1)
        except _WireError:
            pass
    if text is not None:
        return text
    return "b64:" + base64.b64encode(raw).decode("ascii")


def decode_schemaless(data: bytes) -> dict[str, Any] | None:
    """The document of one protobuf message by field number, or None when ``data`` is not
    protobuf wire format."""
    try:
        return _message(data, 0)
    except _WireError:
        return None


# --- descriptors ---------------------------------------------------------------------


class Descriptors:
    """Message types of the user's services, from a serialized ``FileDescriptorSet``."""

    def __init__(self, serialized: bytes) -> None:
        """Raises ValueError when ``serialized`` is not a consistent descriptor set."""
        self._methods: dict[str, tuple[Any, Any]] = {}
        try:
            self._load(serialized)
        except Exception as exc:  # the runtime raises DecodeError, TypeError, KeyError ...
            raise ValueError(f"not a usable FileDescriptorSet ({exc})") from exc

    def _load(self, serialized: bytes) -> None:
        fds = descriptor_pb2.FileDescriptorSet.FromString(serialized)
        self._pool = descriptor_pool.DescriptorPool()
        for f in fds.file:
            self._pool.Add(f)
        for f in fds.file:
            for service in f.service:
                full = f"{f.package}.{service.name}" if f.package else service.name
                sd = self._pool.FindServiceByName(full)
                for m in sd.methods:
                    self._methods[f"/{full}/{m.name}"] = (
                        message_factory.GetMessageClass(m.input_type),
                        message_factory.GetMessageClass(m.output_type),
                    )

    @classmethod
    def load(cls, path: str | Path) -> Descriptors:
        """Read a ``FileDescriptorSet`` file (``protoc --descriptor_set_out``)."""
        return cls(Path(path).read_bytes())

    @property
    def methods(self) -> frozenset[str]:
        """The gRPC paths the descriptors describe."""
        return frozenset(self._methods)

    def decode(self, path: str, is_request: bool, data: bytes) -> dict[str, Any] | None:
        """The document of a message of method ``path`` with field names, or None when the
        method is unknown or the message does not parse as its type."""
        types = self._methods.get(path)
        if types is None:
            return None
        cls = types[0] if is_request else types[1]
        try:
            msg = cls.FromString(data)
        except Exception:  # the runtime's DecodeError and friends
            return None
        doc: dict[str, Any] = MessageToDict(msg, preserving_proto_field_name=True)
        return doc


def messages_document(
    messages: list[bytes], path: str, is_request: bool, descriptors: Descriptors | None
) -> bytes | None:
    """The JSON body reported for one side of a gRPC stream: an array of its messages'
    documents. None when a message is not protobuf (the side is then not reported)."""
    docs: list[Any] = []
    for data in messages:
        doc = descriptors.decode(path, is_request, data) if descriptors is not None else None
        if doc is None:
            doc = decode_schemaless(data)
        if doc is None:
            return None
        docs.append(doc)
    return orjson.dumps(docs)
