"""The demo shop's capture file, made without a network (reproducible byte for byte).

The same `ShopService` and `Shopper` code as the live demo runs against a recorder that
turns each request and response into TCP segments (one keep-alive connection per pair of
services, as the live clients keep them; calls of the gRPC service are HTTP/2 frames on
one h2c connection) with a fixed clock. ``scripts/make-demo-pcap``
writes it to `standalone/data/demo.pcap`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from email.utils import formatdate
from http import HTTPStatus
from pathlib import Path

import hpack
from hyperframe.frame import DataFrame, HeadersFrame, SettingsFrame

from interceptor.synthetic import Frame, TcpFlow, write_pcap
from standalone.demo import loyalty
from standalone.demo.shop import Call, Json, Shopper, ShopService
from standalone.demo.topology import BY_ROLE, identities

START = 1_780_000_000.0
"""Capture time of the first packet (2026-05-28)."""
DEFAULT_VISITS = 60


_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


class _H2Connection:
    """HPACK state of each direction and the next client stream id of one h2c connection."""

    def __init__(self) -> None:
        self.client = hpack.Encoder()
        self.server = hpack.Encoder()
        self.next_stream = 1
        self.pending_ack = False


def _grpc_message(data: bytes) -> bytes:
    """One length-prefixed gRPC message, uncompressed."""
    return b"\x00" + len(data).to_bytes(4, "big") + data


class Recorder:
    """Runs the shop in one process and records its traffic as Ethernet frames."""

    def __init__(self, seed: int = 7, start: float = START) -> None:
        self.clock = start
        self.services = {
            role: ShopService(role, seed, clock=lambda: self.clock)
            for role in BY_ROLE
            if role != "frontend"
        }
        self.flows: dict[tuple[str, str], TcpFlow] = {}
        self.h2: dict[tuple[str, str], _H2Connection] = {}
        self.frames: list[Frame] = []
        self._next_port = 40_000

    def caller(self, source: str) -> Call:
        """The ``call`` function of service ``source``."""

        def call(role: str, method: str, target: str, body: Json) -> tuple[int, Json]:
            return self.exchange(source, role, method, target, body)

        return call

    def _flow(self, source: str, role: str) -> TcpFlow:
        flow = self.flows.get((source, role))
        if flow is None:
            self._next_port += 7
            src, dst = BY_ROLE[source], BY_ROLE[role]
            flow = TcpFlow(src.ip, self._next_port, dst.ip, dst.port, ts=self.clock)
            self.flows[(source, role)] = flow
            self._record(flow, flow.handshake)
        return flow

    def _record(self, flow: TcpFlow, make: Callable[..., list[Frame]], *args: bytes) -> None:
        flow.ts = self.clock
        self.frames.extend(make(*args))
        self.clock = flow.ts + 0.0004

    def exchange(
        self, source: str, role: str, method: str, target: str, body: Json
    ) -> tuple[int, Json]:
        """One request from ``source`` to ``role`` and its answer, recorded."""
        flow = self._flow(source, role)
        service = BY_ROLE[role]
        if service.grpc:
            return self._grpc_call(source, role, flow, target, body)
        data = b"" if body is None else json.dumps(body).encode()
        head = [
            f"{method} {target} HTTP/1.1",
            f"Host: {service.host}",
            "Accept-Encoding: identity",
        ]
        if body is not None:
            head.append(f"Content-Length: {len(data)}")
        head += ["Accept: application/json", "User-Agent: shop/1.0"]
        if body is not None:
            head.append("Content-Type: application/json")
        request = ("\r\n".join(head) + "\r\n\r\n").encode()
        self._record(flow, flow.to_server, request)
        if data:
            self._record(flow, flow.to_server, data)  # http.client sends the body apart
        status, answer = self.services[role].handle(method, target, body, self.caller(role))
        out = json.dumps(answer).encode()
        response = (
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
            f"Server: shop/1.0\r\nDate: {formatdate(self.clock, usegmt=True)}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(out)}\r\n\r\n"
        ).encode() + out
        self.clock += 0.0015  # the service's work
        self._record(flow, flow.to_client, response)
        return status, answer

    def _grpc_call(
        self, source: str, role: str, flow: TcpFlow, target: str, body: Json
    ) -> tuple[int, Json]:
        """One unary gRPC call on the pair's h2c connection, framed as grpcio frames it
        (HEADERS and DATA from the client; HEADERS, DATA and trailers from the server)."""
        conn = self.h2.get((source, role))
        if conn is None:
            conn = self.h2[source, role] = _H2Connection()
            self._record(flow, flow.to_server, _PREFACE + SettingsFrame(0).serialize())
            server_hello = (
                SettingsFrame(0).serialize() + SettingsFrame(0, flags=["ACK"]).serialize()
            )
            self._record(flow, flow.to_client, server_hello)
            conn.pending_ack = True
        stream = conn.next_stream
        conn.next_stream += 2
        service = BY_ROLE[role]
        head = conn.client.encode(
            [
                (":method", "POST"),
                (":scheme", "http"),
                (":path", target),
                (":authority", service.authority),
                ("content-type", "application/grpc"),
                ("te", "trailers"),
                ("user-agent", "shop/1.0"),
            ]
        )
        request = b""
        if conn.pending_ack:
            request = SettingsFrame(0, flags=["ACK"]).serialize()
            conn.pending_ack = False
        request += HeadersFrame(stream, head, flags=["END_HEADERS"]).serialize()
        request += DataFrame(
            stream, _grpc_message(loyalty.encode_request(body)), flags=["END_STREAM"]
        ).serialize()
        self._record(flow, flow.to_server, request)
        status, answer = self.services[role].handle("POST", target, body, self.caller(role))
        self.clock += 0.0008
        if status == 200:
            response = HeadersFrame(
                stream,
                conn.server.encode([(":status", "200"), ("content-type", "application/grpc")]),
                flags=["END_HEADERS"],
            ).serialize()
            response += DataFrame(stream, _grpc_message(loyalty.encode_reply(answer))).serialize()
            trailers = [("grpc-status", "0")]
        else:
            response = b""
            trailers = [(":status", "200"), ("content-type", "application/grpc"),
                        ("grpc-status", "5"), ("grpc-message", "not found")]  # fmt: skip
            answer = None
        response += HeadersFrame(
            stream, conn.server.encode(trailers), flags=["END_HEADERS", "END_STREAM"]
        ).serialize()
        self._record(flow, flow.to_client, response)
        return (200 if status == 200 else 0), answer

    def close(self) -> None:
        """End every connection."""
        for flow in self.flows.values():
            self._record(flow, flow.close)


def make_capture(path: Path, visits: int = DEFAULT_VISITS, seed: int = 7) -> int:
    """Write ``visits`` customer visits to ``path`` (classic pcap); return frames written."""
    recorder = Recorder(seed)
    shopper = Shopper(seed)
    call = recorder.caller("frontend")
    for _ in range(visits):
        shopper.visit(call)
        recorder.clock += 0.25
    recorder.close()
    return write_pcap(path, recorder.frames)


def names_yaml() -> str:
    """The shop's names in the ``--names`` format (shipped beside the capture)."""
    import yaml

    header = (
        "# Names of the demo shop's IPs, in the format of `sieve analyze --names`\n"
        "# (the digger's static identities). Made by scripts/make-demo-pcap.\n"
    )
    return header + yaml.safe_dump(identities(), sort_keys=False)


def main(argv: list[str] | None = None) -> int:
    """Command line of ``scripts/make-demo-pcap``."""
    parser = argparse.ArgumentParser(description="Write the demo shop's capture file.")
    parser.add_argument(
        "output", type=Path, nargs="?", default=Path(__file__).parent.parent / "data" / "demo.pcap"
    )
    parser.add_argument("--visits", type=int, default=DEFAULT_VISITS)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    frames = make_capture(args.output, args.visits, args.seed)
    print(f"{args.output}: {frames} frames, {args.output.stat().st_size} bytes")
    names = args.output.with_name(args.output.stem + "-names.yaml")
    names.write_text(names_yaml(), encoding="utf-8")
    print(f"{names}: names of its IPs (--names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
