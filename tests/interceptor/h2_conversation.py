"""Test helper: HTTP/2 byte streams built with hyperframe and hpack, as the two peers send
them (each peer with its own HPACK encoder, as real stacks do)."""

from __future__ import annotations

import struct

import hpack
from hyperframe.frame import (
    ContinuationFrame,
    DataFrame,
    Frame,
    GoAwayFrame,
    HeadersFrame,
    PingFrame,
    RstStreamFrame,
    SettingsFrame,
    WindowUpdateFrame,
)

from interceptor.h2_detect import PREFACE

Headers = list[tuple[str, str]]


class Peer:
    """One side's encoder: frames as bytes."""

    def __init__(self) -> None:
        self.encoder = hpack.Encoder()

    def headers(
        self,
        sid: int,
        headers: Headers,
        end_stream: bool = False,
        split: int = 0,
        pad: int = 0,
    ) -> bytes:
        """A HEADERS frame (and CONTINUATIONs when ``split`` cuts the block)."""
        block = self.encoder.encode(headers)
        first, rest = (block[:split], block[split:]) if split else (block, b"")
        f = HeadersFrame(sid, data=first)
        if end_stream:
            f.flags.add("END_STREAM")
        if pad:
            f.flags.add("PADDED")
            f.pad_length = pad
        out = b""
        if not rest:
            f.flags.add("END_HEADERS")
            return f.serialize()
        out = f.serialize()
        while rest:
            piece, rest = rest[:split], rest[split:]
            c = ContinuationFrame(sid, data=piece)
            if not rest:
                c.flags.add("END_HEADERS")
            out += c.serialize()
        return out


def data(sid: int, payload: bytes, end_stream: bool = False, pad: int = 0) -> bytes:
    """A DATA frame."""
    f = DataFrame(sid, data=payload)
    if end_stream:
        f.flags.add("END_STREAM")
    if pad:
        f.flags.add("PADDED")
        f.pad_length = pad
    return f.serialize()


def data_frames(sid: int, payload: bytes, size: int, end_stream: bool = True) -> bytes:
    """``payload`` cut into DATA frames of ``size`` bytes."""
    pieces = [payload[i : i + size] for i in range(0, len(payload), size)] or [b""]
    return b"".join(
        data(sid, p, end_stream=end_stream and i == len(pieces) - 1) for i, p in enumerate(pieces)
    )


def settings(**values: int) -> bytes:
    """A SETTINGS frame."""
    f = SettingsFrame(0)
    for name, v in values.items():
        f.settings[getattr(SettingsFrame, name)] = v
    return f.serialize()


def settings_ack() -> bytes:
    """A SETTINGS frame with ACK."""
    return SettingsFrame(0, flags=["ACK"]).serialize()


def noise() -> bytes:
    """Frames an observer must tolerate: PING, WINDOW_UPDATE on the connection."""
    return (
        PingFrame(0, opaque_data=b"12345678").serialize()
        + WindowUpdateFrame(0, window_increment=65535).serialize()
    )


def rst(sid: int) -> bytes:
    """RST_STREAM (CANCEL)."""
    return RstStreamFrame(sid, error_code=8).serialize()


def goaway(last: int) -> bytes:
    """GOAWAY."""
    return GoAwayFrame(0, last_stream_id=last).serialize()


def grpc_message(payload: bytes, compressed: bool = False) -> bytes:
    """One length-prefixed gRPC message."""
    return struct.pack("!BI", int(compressed), len(payload)) + payload


def request_headers(method: str, path: str, ctype: str | None = "application/json") -> Headers:
    """Pseudo-headers and the usual ones of a request."""
    h = [(":method", method), (":scheme", "http"), (":authority", "svc:8080"), (":path", path)]
    if ctype:
        h.append(("content-type", ctype))
    return h


def frame_types(stream: bytes) -> list[str]:
    """The frame type names in ``stream`` (for test messages)."""
    out = []
    pos = 0
    while pos + 9 <= len(stream):
        f, length = Frame.parse_frame_header(memoryview(stream[pos : pos + 9]))
        out.append(type(f).__name__)
        pos += 9 + length
    return out


__all__ = ["PREFACE"]
