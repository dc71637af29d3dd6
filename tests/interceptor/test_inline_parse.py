"""Differential: the core's inline IPv4/TCP parse of Ethernet frames agrees with
`parse_frame` (the same frame fed as raw IP, which only `parse_frame` reads)."""

from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from interceptor.core import Core
from interceptor.frames import LINKTYPE_ETHERNET, LINKTYPE_RAW, TCP_SYN


def _ip4_tcp(
    ihl: int,
    total_delta: int,
    frag: int,
    proto: int,
    doff: int,
    flags: int,
    seq: int,
    ack: int,
    payload: bytes,
    pad: int,
) -> bytes:
    tcp = struct.pack("!HHIIBBHHH", 40000, 80, seq, ack, doff << 4, flags, 65535, 0, 0)
    tcp += b"\x01" * max(0, doff * 4 - 20)  # options (NOPs)
    tcp += payload
    opts = b"\x01" * (ihl * 4 - 20)
    total = max(0, 20 + len(opts) + len(tcp) + total_delta) & 0xFFFF
    ip = struct.pack(
        "!BBHHHBBH4s4s",
        0x40 | ihl, 0, total, 1, frag, 64, proto, 0, bytes([10, 251, 9, 1]), bytes([10, 251, 9, 2]),
    )  # fmt: skip
    return ip + opts + tcp + b"\x00" * pad


def _state(core: Core) -> object:
    return (
        dict(core.dropped),
        [
            (k, c.c2s.next_seq, c.s2c.next_seq, dict(c.c2s.pending), dict(c.s2c.pending))
            for k, c in core.connections.items()
        ],
    )


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    ihl=st.sampled_from((5, 5, 5, 6, 4)),
    total_delta=st.sampled_from((0, 0, 0, -1, -7, -30, 5, 2000)),
    frag=st.sampled_from((0x4000, 0x4000, 0, 0x2000, 0x0001)),
    proto=st.sampled_from((6, 6, 6, 17)),
    doff=st.sampled_from((5, 5, 8, 4, 15)),
    flags=st.integers(0, 0x3F),
    seq=st.integers(0, 2**32 - 1),
    ack=st.integers(0, 2**32 - 1),
    payload=st.binary(max_size=80),
    pad=st.sampled_from((0, 0, 6, 30)),
)
def test_inline_parse_agrees_with_parse_frame(
    ihl: int,
    total_delta: int,
    frag: int,
    proto: int,
    doff: int,
    flags: int,
    seq: int,
    ack: int,
    payload: bytes,
    pad: int,
) -> None:
    syn = _ip4_tcp(5, 0, 0x4000, 6, 5, TCP_SYN, (seq - 10) & 0xFFFFFFFF, 0, b"", 0)
    ip = _ip4_tcp(ihl, total_delta, frag, proto, doff, flags, seq, ack, payload, pad)
    eth = b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00"
    inline, reference = Core(), Core()
    for core in (inline, reference):
        core.raise_errors = True
    inline.feed_many("v", LINKTYPE_ETHERNET, [1.0, 1.0], [eth + syn, eth + ip])
    reference.feed_many("v", LINKTYPE_RAW, [1.0, 1.0], [syn, ip])
    assert _state(inline) == _state(reference)
