"""Recognising HTTP/2 on a connection: the client preface, and frames after a join.

Kept apart from `interceptor.h2` so that the HTTP/1.1 layer can look without importing
the HTTP/2 one (which imports it).
"""

from __future__ import annotations

from typing import Final

PREFACE: Final = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
_FRAME_HEADER: Final = 9
_CONNECTION_TYPES: Final = frozenset((0x4, 0x6, 0x7))  # SETTINGS, PING, GOAWAY
_STREAM_TYPES: Final = frozenset((0x0, 0x1, 0x2, 0x3, 0x5, 0x9))
_JOIN_MAX_FRAME: Final = 1 << 14  # the default SETTINGS_MAX_FRAME_SIZE


def looks_like_frames(data: bytes | bytearray) -> bool:
    """``data`` starts with two or three plausible HTTP/2 frames (or is one whole frame):
    known types, lengths within the default maximum, stream ids that fit the type.

    Used where a capture joins a connection already running: frames are looked for where
    a TCP segment starts (HTTP/2 stacks write whole frames), never inside one.
    """
    pos = 0
    n = len(data)
    count = 0
    while pos + _FRAME_HEADER <= n and count < 3:
        length = data[pos] << 16 | data[pos + 1] << 8 | data[pos + 2]
        ftype = data[pos + 3]
        sid = int.from_bytes(data[pos + 5 : pos + 9], "big")
        if ftype > 9 or length > _JOIN_MAX_FRAME or sid & 0x80000000:
            return False
        if (ftype in _CONNECTION_TYPES) != (sid == 0) or (ftype in _STREAM_TYPES and not sid):
            return False
        pos += _FRAME_HEADER + length
        count += 1
    return count >= 2 or (count == 1 and pos == n)
