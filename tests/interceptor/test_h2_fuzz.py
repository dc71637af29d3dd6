"""Hypothesis: frames and header blocks of any shape never raise out of the HTTP/2 layer,
and the protobuf decoder never raises on any bytes."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interceptor.grpc_messages import decode_schemaless, split_messages
from interceptor.h2 import H2Connection, H2Limits
from interceptor.http import HttpLimits, Message
from tests.interceptor.h2_conversation import (
    PREFACE,
    Peer,
    data,
    grpc_message,
    request_headers,
    rst,
)
from tests.interceptor.h2_conversation import (
    settings as settings_frame,
)

_FRAME = st.one_of(
    # a frame header with any type, flags and stream id, and a body of any bytes
    st.builds(
        lambda length, ftype, flags, sid, body: (
            length.to_bytes(3, "big") + bytes((ftype, flags)) + sid.to_bytes(4, "big") + body
        ),
        st.integers(0, 64),
        st.integers(0, 12),
        st.integers(0, 255),
        st.integers(0, 2**32 - 1),
        st.binary(max_size=64),
    ),
    st.builds(lambda sid: Peer().headers(sid, request_headers("POST", "/x")), st.integers(1, 9)),
    st.builds(data, st.integers(1, 9), st.binary(max_size=30)),
    st.builds(rst, st.integers(1, 9)),
    st.just(settings_frame(HEADER_TABLE_SIZE=0)),
    st.just(grpc_message(b"\x08\x01")),
    st.binary(max_size=20),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    client=st.lists(_FRAME, max_size=12).map(b"".join),
    server=st.lists(_FRAME, max_size=12).map(b"".join),
    step=st.integers(1, 40),
    joined=st.booleans(),
)
def test_frames_never_raise(client: bytes, server: bytes, step: int, joined: bool) -> None:
    pairs: list[tuple[Message, Message, int]] = []
    dropped: Counter[str] = Counter()
    h2 = H2Connection(
        HttpLimits(max_header_bytes=2048, max_body_bytes=256),
        H2Limits(max_streams=4, max_frame_bytes=48),
        dropped,
        pairs,
        frozenset(),
        joined=joined,
        client_preface=not joined,
    )
    if not joined:
        client = PREFACE + client
    for pos in range(0, max(len(client), len(server)), step):
        h2.feed(True, client[pos : pos + step], 1.0)
        h2.feed(False, server[pos : pos + step], 1.0)
    h2.close()
    for req, resp, _seq in pairs:
        assert req.complete
        assert resp.complete


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_protobuf_decoder_never_raises(raw: bytes) -> None:
    doc = decode_schemaless(raw)
    assert doc is None or isinstance(doc, dict)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=100), st.sampled_from([None, b"gzip", b"deflate", b"snappy"]))
def test_grpc_split_counts_or_raises_its_own_error(raw: bytes, enc: bytes | None) -> None:
    from interceptor.grpc_messages import GrpcError

    try:
        messages, _cut = split_messages(raw, enc, 1000)
    except GrpcError:
        return
    assert sum(len(m) for m in messages) <= len(raw)
