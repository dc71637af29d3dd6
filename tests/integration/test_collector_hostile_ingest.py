"""Hostile agents against the gRPC ingest on 127.0.0.1 (issue 15 rows 5, 6, 7, 14).

Row 5: numbers storage cannot hold ended the stream UNKNOWN/UNAVAILABLE, so the agent resent
forever; now they are REJECTED acks. Row 6: idle authenticated streams held every slot and the
health check got RESOURCE_EXHAUSTED; now idle streams time out and health always answers.
Row 7: ids were global and agent ids unbound. Row 14: garbage bytes logged a traceback each.
"""

from __future__ import annotations

import logging
import queue
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc  # type: ignore[import-untyped]
from hpack import Encoder
from prometheus_client import REGISTRY

from collector.grpc_server import SERVICE_NAME, serve_with_port
from collector.settings import CollectorSettings
from collector.store import Store
from common.settings import load_settings
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.factories import batch, report, shop_reports, workload

pytestmark = pytest.mark.integration

REJECTED = ingest_pb2.ACK_STATUS_REJECTED
STORED = ingest_pb2.ACK_STATUS_STORED
DUPLICATE = ingest_pb2.ACK_STATUS_DUPLICATE


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'ingest.db'}")
    s.migrate()
    yield s
    s.close()


@pytest.fixture
def tokens_file(tmp_path: Path) -> Path:
    path = tmp_path / "tokens"
    path.write_text("# token,agent\ntok-a,cluster-a\ntok-b,cluster-b\nlegacy-tok\n")
    return path


def _serve(store: Store, tokens_file: Path, **overrides: Any) -> tuple[grpc.Server, int]:
    settings = load_settings(
        CollectorSettings,
        grpc_host="127.0.0.1",
        grpc_port=0,
        tokens_file=tokens_file,
        **overrides,
    )
    return serve_with_port(store, settings)


@pytest.fixture
def port(store: Store, tokens_file: Path) -> Iterator[int]:
    server, bound = _serve(store, tokens_file)
    yield bound
    server.stop(0).wait()


def _ingest(port: int, token: str, batches: list[ingest_pb2.MetadataBatch]) -> list[Any]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        requests = (ingest_pb2.IngestRequest(batch=b) for b in batches)
        metadata = [("authorization", f"Bearer {token}")]
        return [r.ack for r in stub.Ingest(requests, metadata=metadata, timeout=20)]


# --- row 5 ---------------------------------------------------------------------------------


def test_numbers_storage_cannot_hold_get_rejected_acks_and_the_stream_goes_on(
    port: int, store: Store
) -> None:
    huge = batch(1, *shop_reports())
    huge.reports[0].exchange_count = 2**64 - 1
    ancient = batch(2, *shop_reports())
    ancient.reports[0].first_seen.seconds = -70_000_000_000  # before year 1
    nan = batch(3, *shop_reports())
    nan.reports[0].latency_ms.sum = float("nan")
    future = batch(4, *shop_reports())
    future.window_end.seconds = 1_000_000_000_000  # year 33658
    good = batch(5, *shop_reports())
    acks = _ingest(port, "tok-a", [huge, ancient, nan, future, good])
    assert [a.status for a in acks] == [REJECTED] * 4 + [STORED]
    assert "does not fit a signed 64-bit integer" in acks[0].detail
    assert "outside the years 1..9999" in acks[1].detail
    assert "not a finite number" in acks[2].detail
    assert "window_end is outside" in acks[3].detail
    assert store.summary().batches == 1


# --- row 7 ---------------------------------------------------------------------------------


def test_a_bound_token_cannot_claim_another_agents_id(port: int, store: Store) -> None:
    forged = batch(1, report(workload("evil"), workload("users")), agent="cluster-b")
    (ack,) = _ingest(port, "tok-a", [forged])
    assert ack.status == REJECTED
    assert "not the agent this token belongs to" in ack.detail
    # cluster-b's own batch with that id is stored, not DUPLICATE.
    (ack,) = _ingest(port, "tok-b", [batch(1, *shop_reports(), agent="cluster-b")])
    assert ack.status == STORED


def test_batch_ids_are_per_agent_and_reuse_with_other_content_is_rejected(
    port: int, store: Store
) -> None:
    # An unbound (legacy) token may send any agent_id, but its ids are its own.
    squatter = batch(1, report(workload("evil"), workload("users")), agent="cluster-a")
    assert [a.status for a in _ingest(port, "legacy-tok", [squatter])] == [STORED]
    mine = batch(1, report(workload("frontend"), workload("users"), count=5))
    reused = batch(1, report(workload("frontend"), workload("users"), count=6))
    acks = _ingest(port, "tok-a", [mine, mine, reused])
    assert [a.status for a in acks] == [STORED, DUPLICATE, REJECTED]
    assert "already stored with other content" in acks[2].detail
    counts = {e.source.name: e.exchange_count for e in store.endpoints()}
    assert counts == {"evil": 10, "frontend": 5}


# --- row 14 --------------------------------------------------------------------------------


def test_malformed_protobuf_ends_the_stream_without_a_traceback(
    port: int, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        raw = channel.stream_stream(
            f"/{SERVICE_NAME}/Ingest",
            request_serializer=lambda b: b,
            response_deserializer=lambda b: b,
        )
        garbage = [b"\xff\xff\xff\xff\x0f", b"\x0a\x05\x0a"] * 3
        for _ in range(5):
            with pytest.raises(grpc.RpcError) as info:
                list(raw(iter(garbage), metadata=[("authorization", "Bearer tok-a")], timeout=10))
            assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert errors == []
    assert store.summary().batches == 0


# --- row 6 ---------------------------------------------------------------------------------


class _IdleStream:
    """An authenticated ingest stream that sends nothing until closed."""

    def __init__(self, port: int) -> None:
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        self._requests: queue.SimpleQueue[ingest_pb2.IngestRequest | None] = queue.SimpleQueue()
        stub = ingest_pb2_grpc.IngestServiceStub(self.channel)
        self.call = stub.Ingest(
            iter(self._requests.get, None), metadata=[("authorization", "Bearer tok-a")]
        )
        self.code: grpc.StatusCode | None = None
        self.ended = threading.Event()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        try:
            for _ in self.call:
                pass
        except grpc.RpcError as exc:
            self.code = exc.code()
        self.ended.set()

    def close(self) -> None:
        self._requests.put(None)
        self.call.cancel()
        self.channel.close()


def _health(port: int) -> int:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        return int(
            stub.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=10).status
        )


def test_idle_streams_time_out_and_health_never_starves(store: Store, tokens_file: Path) -> None:
    # The default limits (24 streams, 32 threads), as in the issue: 24 idle streams.
    server, port = _serve(store, tokens_file, stream_idle_timeout_seconds=5.0)
    idle = [_IdleStream(port) for _ in range(24)]
    try:
        # Every slot is held by an idle stream: health still answers, a 25th stream is
        # refused now, and gets in once the idle ones have timed out.
        refused = None
        deadline = time.monotonic() + 20
        while refused is None and time.monotonic() < deadline:
            try:
                _ingest(port, "tok-a", [batch(1, *shop_reports())])
            except grpc.RpcError as exc:
                refused = exc.code()
            time.sleep(0.05)  # idle streams still being set up
        assert refused == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert _health(port) == health_pb2.HealthCheckResponse.SERVING
        for stream in idle:
            assert stream.ended.wait(20)
            assert stream.code == grpc.StatusCode.CANCELLED
        # A server thread may still be unwinding a cancelled stream for a moment.
        acks = None
        deadline = time.monotonic() + 20
        while acks is None and time.monotonic() < deadline:
            try:
                acks = _ingest(port, "tok-a", [batch(1, *shop_reports())])
            except grpc.RpcError as exc:
                assert exc.code() == grpc.StatusCode.RESOURCE_EXHAUSTED  # noqa: PT017
                time.sleep(0.1)
        assert acks is not None
        assert [a.status for a in acks] in ([STORED], [DUPLICATE])
        assert _health(port) == health_pb2.HealthCheckResponse.SERVING
    finally:
        for stream in idle:
            stream.close()
        server.stop(0).wait()


class _UnreadAcks:
    """An ingest stream over raw HTTP/2 that sends one batch and never reads its ack.

    It announces a stream window of 0 and never opens it, as a client whose application stops
    reading would: the server can store the batch but cannot send a byte of the ack. The frames
    the server sends are read only to answer SETTINGS and PING (the connection stays healthy).
    """

    def __init__(self, port: int, request: ingest_pb2.IngestRequest) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.received: list[int] = []  # frame types the server sent on stream 1
        self.reset = threading.Event()
        headers = Encoder().encode(
            [
                (":method", "POST"),
                (":scheme", "http"),
                (":path", f"/{SERVICE_NAME}/Ingest"),
                (":authority", f"127.0.0.1:{port}"),
                ("content-type", "application/grpc"),
                ("te", "trailers"),
                ("authorization", "Bearer tok-a"),
            ]
        )
        message = request.SerializeToString()
        self.sock.sendall(
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
            + _frame(4, 0, 0, struct.pack(">HI", 4, 0) + struct.pack(">HI", 2, 0))
            + _frame(1, 0x4, 1, headers)
            + _frame(0, 0, 1, b"\x00" + struct.pack(">I", len(message)) + message)
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        try:
            while chunk := self.sock.recv(65536):
                buffer += chunk
                while len(buffer) >= 9:
                    length = int.from_bytes(buffer[:3], "big")
                    if len(buffer) < 9 + length:
                        break
                    kind, flags = buffer[3], buffer[4]
                    stream = int.from_bytes(buffer[5:9], "big") & 0x7FFFFFFF
                    payload, buffer = buffer[9 : 9 + length], buffer[9 + length :]
                    if kind == 4 and not flags & 1:  # SETTINGS: acknowledge
                        self.sock.sendall(_frame(4, 1, 0, b""))
                    elif kind == 6 and not flags & 1:  # PING: answer
                        self.sock.sendall(_frame(6, 1, 0, payload))
                    elif stream == 1:
                        self.received.append(kind)
                        if kind == 3 or (kind == 1 and flags & 1):  # RST_STREAM or trailers
                            self.reset.set()
        except OSError:
            pass
        self.reset.set()

    def close(self) -> None:
        self.sock.close()


def _frame(kind: int, flags: int, stream: int, payload: bytes) -> bytes:
    return (
        len(payload).to_bytes(3, "big") + bytes([kind, flags]) + struct.pack(">I", stream) + payload
    )


def _idle_cancelled() -> float:
    return REGISTRY.get_sample_value("sieve_collector_streams_idle_total") or 0.0


def test_a_client_that_never_reads_its_acks_is_cancelled_and_frees_its_slot(
    store: Store, tokens_file: Path
) -> None:
    # One stream slot: while the unread stream holds it, no other stream gets in.
    server, port = _serve(
        store, tokens_file, grpc_max_concurrent_streams=1, stream_idle_timeout_seconds=3.0
    )
    idle_before = _idle_cancelled()
    client = _UnreadAcks(port, ingest_pb2.IngestRequest(batch=batch(1, *shop_reports())))
    try:
        deadline = time.monotonic() + 20
        while store.summary().batches == 0:
            assert time.monotonic() < deadline, "the first batch was never stored"
            time.sleep(0.05)
        # The ack cannot be sent; the stream is not busy, so it still counts as idle.
        try:
            _ingest(port, "tok-a", [batch(2, *shop_reports())])
            refused = None
        except grpc.RpcError as exc:
            refused = exc.code()
        assert refused == grpc.StatusCode.RESOURCE_EXHAUSTED or _idle_cancelled() > idle_before
        assert client.reset.wait(30), "the stream was never cancelled"
        assert 0 not in client.received  # not a byte of the ack was sent
        assert _idle_cancelled() == idle_before + 1
        # The slot is free again: a reading client is served.
        acks = None
        deadline = time.monotonic() + 20
        while acks is None and time.monotonic() < deadline:
            try:
                acks = _ingest(port, "tok-a", [batch(2, *shop_reports())])
            except grpc.RpcError as exc:
                assert exc.code() == grpc.StatusCode.RESOURCE_EXHAUSTED  # noqa: PT017
                time.sleep(0.1)
        assert acks is not None
        assert [a.status for a in acks] == [STORED]
    finally:
        client.close()
        server.stop(0).wait()


def test_health_watch_is_refused_rather_than_holding_a_thread(port: int) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        with pytest.raises(grpc.RpcError) as info:
            next(stub.Watch(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=10))
    assert info.value.code() == grpc.StatusCode.UNIMPLEMENTED
