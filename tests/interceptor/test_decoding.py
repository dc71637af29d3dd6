"""Content decoding: every coding, fed in pieces, capped, corrupt input."""

from __future__ import annotations

import gzip
import os
import zlib

import brotli
import pytest

from interceptor.decoding import BodyDecoder
from protos.sieve.v1 import exchange_pb2

DATA = b'{"k": "' + b"v" * 5000 + b'"}'


@pytest.mark.parametrize(
    ("enc", "wire", "coding"),
    [
        (None, DATA, exchange_pb2.CONTENT_CODING_IDENTITY),
        (b"gzip", gzip.compress(DATA), exchange_pb2.CONTENT_CODING_GZIP),
        (b"deflate", zlib.compress(DATA), exchange_pb2.CONTENT_CODING_DEFLATE),
        (b"deflate", zlib.compress(DATA)[2:-4], exchange_pb2.CONTENT_CODING_DEFLATE),
        (b" BR ", brotli.compress(DATA), exchange_pb2.CONTENT_CODING_BR),
    ],
)
@pytest.mark.parametrize("step", [1, 7, 100_000])
def test_decodes_in_pieces(enc: bytes | None, wire: bytes, coding: int, step: int) -> None:
    d = BodyDecoder(enc, 1 << 20)
    for i in range(0, len(wire), step):
        d.feed(wire[i : i + step])
    assert bytes(d.body) == DATA
    assert d.coding == coding
    assert not d.truncated
    assert not d.failed
    assert d.wire_size == len(wire)


@pytest.mark.parametrize("enc", [b"gzip", b"br", None])
def test_cap_applies_to_decoded_bytes(enc: bytes | None) -> None:
    bomb = b"\x00" * 5_000_000
    wire = {b"gzip": gzip.compress, b"br": brotli.compress}.get(enc or b"", lambda b: b)(bomb)
    d = BodyDecoder(enc, 1000)
    for i in range(0, len(wire), 65536):
        d.feed(wire[i : i + 65536])
    assert len(d.body) == 1000
    assert d.truncated


def test_corrupt_and_unsupported() -> None:
    d = BodyDecoder(b"gzip", 1000)
    d.feed(os.urandom(64))
    d.finish()
    assert d.failed
    u = BodyDecoder(b"compress", 1000)
    u.feed(b"abc")
    assert u.coding == exchange_pb2.CONTENT_CODING_UNSUPPORTED
    assert bytes(u.body) == b"abc"


def test_shared_budget_cuts_bodies_and_is_returned_when_they_go() -> None:
    from interceptor.tcp import Budget

    budget = Budget(100)
    a = BodyDecoder(None, 1000, budget)
    a.feed(b"x" * 80)
    b = BodyDecoder(None, 1000, budget)
    b.feed(b"y" * 80)
    assert len(b.body) == 20
    assert b.truncated
    assert b.budget_hit
    assert budget.used == 100
    del a, b
    assert budget.used == 0


@pytest.mark.parametrize("enc", [b"gzip", b"br"])
def test_long_coded_body_is_decoded_in_steps(enc: bytes) -> None:
    body = (
        b"["
        + b",".join(
            b'{"n": %d, "r": "%s"}' % (i, os.urandom(8).hex().encode()) for i in range(20_000)
        )
        + b"]"
    )
    wire = gzip.compress(body) if enc == b"gzip" else brotli.compress(body)
    assert len(wire) > 2 * 65536  # several decode steps
    d = BodyDecoder(enc, 1 << 22)
    for i in range(0, len(wire), 1448):
        d.feed(wire[i : i + 1448])
    assert bytes(d.body) == body
    assert not d.truncated
    assert d.wire_size == len(wire)
