"""Test helper: HTTP conversations turned into frames, fed whole, byte by byte or shuffled."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from interceptor.core import Core
from interceptor.frames import TCP_ACK, TCP_FIN, TCP_SYN
from interceptor.synthetic import Frame, tcp_frame
from interceptor.wire import EncodedExchange
from protos.sieve.v1 import exchange_pb2

CLIENT = ("10.251.1.1", 40001)
SERVER = ("10.251.1.2", 8080)


@dataclass
class Conversation:
    """Messages in time order: (from_client, bytes)."""

    messages: list[tuple[bool, bytes]]
    handshake: bool = True
    close: bool = True
    client: tuple[str, int] = CLIENT
    server: tuple[str, int] = SERVER
    isn_client: int = 1000
    isn_server: int = 7_000_000
    extra: dict[str, object] = field(default_factory=dict)


def frames(conv: Conversation, mode: str, seed: int = 0) -> list[Frame]:
    """Frames of ``conv``: mode "whole" (one segment per message), "bytes" or "shuffled"."""
    rnd = random.Random(seed)
    (cip, cport), (sip, sport) = conv.client, conv.server
    seqs = {True: conv.isn_client, False: conv.isn_server}
    ts = [1_700_000_000.0]
    out: list[Frame] = []

    def frame(from_client: bool, seq: int, flags: int, payload: bytes) -> Frame:
        ts[0] += 0.001
        if from_client:
            f = tcp_frame(cip, sip, cport, sport, seq, seqs[False], flags, payload)
        else:
            f = tcp_frame(sip, cip, sport, cport, seq, seqs[True], flags, payload)
        return (ts[0], f)

    if conv.handshake:
        out.append(frame(True, seqs[True], TCP_SYN, b""))
        seqs[True] += 1
        out.append(frame(False, seqs[False], TCP_SYN | TCP_ACK, b""))
        seqs[False] += 1
        out.append(frame(True, seqs[True], TCP_ACK, b""))
    for from_client, data in conv.messages:
        base = seqs[from_client]
        pieces: list[tuple[int, bytes]] = []
        pos = 0
        while pos < len(data):
            if mode == "whole":
                size = 65_000
            elif mode == "bytes":
                size = 1
            else:
                size = rnd.randint(1, 700)
            pieces.append((base + pos, data[pos : pos + size]))
            pos += size
        if mode == "shuffled" and pieces:
            # retransmissions: exact duplicates and overlapping re-sends
            for _ in range(rnd.randint(0, 3)):
                pieces.append(rnd.choice(pieces))
            if len(data) > 2:
                a = rnd.randrange(0, len(data) - 1)
                b = rnd.randrange(a + 1, len(data) + 1)
                pieces.append((base + a, data[a:b]))
            rnd.shuffle(pieces)
        for seq, piece in pieces:
            out.append(frame(from_client, seq, TCP_ACK, piece))
        seqs[from_client] += len(data)
    if conv.close:
        out.append(frame(True, seqs[True], TCP_FIN | TCP_ACK, b""))
        seqs[True] += 1
        out.append(frame(False, seqs[False], TCP_FIN | TCP_ACK, b""))
        seqs[False] += 1
        out.append(frame(True, seqs[True], TCP_ACK, b""))
    return out


def run(core: Core, fr: list[Frame], iface: str = "veth0") -> list[exchange_pb2.HttpExchange]:
    """Feed frames to ``core`` and end every connection; return the exchanges."""
    for ts, f in fr:
        core.feed(iface, 1, ts, f)
    core.close_all()
    return core.take()


def parsed(records: Iterable[EncodedExchange]) -> list[exchange_pb2.HttpExchange]:
    """The messages of Kafka records (`interceptor.replay.read_records`)."""
    return [rec.parse() for rec in records]


def summary(ex: exchange_pb2.HttpExchange) -> tuple[object, ...]:
    """The fields most cases compare."""
    return (
        ex.request.method,
        ex.request.target,
        ex.response.status,
        ex.request.body,
        ex.response.body,
        ex.request.body_truncated,
        ex.response.body_truncated,
    )


def request(
    method: str,
    target: str,
    body: bytes = b"",
    ctype: str | None = "application/json",
    headers: str = "",
    version: str = "1.1",
) -> bytes:
    """A request with Content-Length (when it has a body)."""
    head = f"{method} {target} HTTP/{version}\r\nHost: svc\r\n{headers}"
    if ctype and body:
        head += f"Content-Type: {ctype}\r\n"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def response(
    status: int,
    body: bytes = b"",
    ctype: str | None = "application/json",
    headers: str = "",
    reason: str = "OK",
    length: bool = True,
    version: str = "1.1",
) -> bytes:
    """A response with Content-Length unless ``length`` is False."""
    head = f"HTTP/{version} {status} {reason}\r\n{headers}"
    if ctype:
        head += f"Content-Type: {ctype}\r\n"
    if length:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def chunked(body: bytes, sizes: tuple[int, ...] = (3, 7)) -> bytes:
    """``body`` in chunks of the given sizes (repeating), with the last chunk."""
    out = b""
    pos = 0
    i = 0
    while pos < len(body):
        n = sizes[i % len(sizes)]
        piece = body[pos : pos + n]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        pos += n
        i += 1
    return out + b"0\r\n\r\n"
