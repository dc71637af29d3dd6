"""The collector's gRPC ingest server on 127.0.0.1: acks, duplicates, auth, TLS, health."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc  # type: ignore[import-untyped]
from sqlalchemy import text

from collector.grpc_server import SERVICE_NAME, serve_with_port
from collector.settings import CollectorSettings
from collector.store import Store
from common.settings import load_settings
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.factories import batch, report, shop_reports, workload

pytestmark = pytest.mark.integration

TOKEN = "s3cret-agent-token"


def _settings(**overrides: Any) -> CollectorSettings:
    return load_settings(
        CollectorSettings, grpc_host="127.0.0.1", grpc_port=0, tokens=TOKEN, **overrides
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'ingest.db'}")
    s.migrate()
    yield s
    s.close()


@pytest.fixture
def server(store: Store) -> Iterator[int]:
    srv, port = serve_with_port(store, _settings())
    yield port
    srv.stop(0).wait()


def _ingest(
    channel: grpc.Channel, batches: list[ingest_pb2.MetadataBatch], token: str | None = TOKEN
) -> list[ingest_pb2.BatchAck]:
    stub = ingest_pb2_grpc.IngestServiceStub(channel)
    metadata = [("authorization", f"Bearer {token}")] if token is not None else []
    requests = (ingest_pb2.IngestRequest(batch=b) for b in batches)
    return [r.ack for r in stub.Ingest(requests, metadata=metadata, timeout=20)]


def test_each_batch_is_acked_after_storing_and_duplicates_are_not_counted(
    server: int, store: Store
) -> None:
    first = batch(1, *shop_reports())
    second = batch(2, report(workload("frontend"), workload("users"), count=5))
    with grpc.insecure_channel(f"127.0.0.1:{server}") as channel:
        acks = _ingest(channel, [first, second])
        assert [(a.sequence, a.batch_id, a.status) for a in acks] == [
            (1, "cluster-a/1/1", ingest_pb2.ACK_STATUS_STORED),
            (2, "cluster-a/1/2", ingest_pb2.ACK_STATUS_STORED),
        ]
        # The agent reconnects and resends both: nothing is counted twice.
        again = _ingest(channel, [first, second])
    assert [a.status for a in again] == [ingest_pb2.ACK_STATUS_DUPLICATE] * 2
    users = {(f.source.label, f.destination.label): f.exchange_count for f in store.flows()}[
        ("shop/frontend", "shop/users")
    ]
    assert users == 10 + 25 + 5
    assert store.summary().batches == 2


def test_malformed_batch_is_rejected_and_the_stream_goes_on(server: int, store: Store) -> None:
    bad = batch(1, *shop_reports())
    bad.reports[2].method = ""
    good = batch(2, *shop_reports())
    with grpc.insecure_channel(f"127.0.0.1:{server}") as channel:
        acks = _ingest(channel, [bad, good])
    assert acks[0].status == ingest_pb2.ACK_STATUS_REJECTED
    assert acks[0].detail.startswith("report 2: method")
    assert acks[1].status == ingest_pb2.ACK_STATUS_STORED
    assert store.summary().batches == 1


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_stream_without_the_right_token_is_refused(
    server: int, store: Store, token: str | None
) -> None:
    with (
        grpc.insecure_channel(f"127.0.0.1:{server}") as channel,
        pytest.raises(grpc.RpcError) as info,
    ):
        _ingest(channel, [batch(1, *shop_reports())], token=token)
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert store.summary().batches == 0


def test_health_serves_the_ingest_service_without_a_token(server: int) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{server}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        reply = stub.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_database_failure_ends_the_stream_unavailable_without_an_ack(
    server: int, store: Store
) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE ingest_batches"))
    with (
        grpc.insecure_channel(f"127.0.0.1:{server}") as channel,
        pytest.raises(grpc.RpcError) as info,
    ):
        _ingest(channel, [batch(1, *shop_reports())])
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def test_tls_ingest(tmp_path: Path, store: Store) -> None:
    cert, key = _self_signed(tmp_path)
    srv, port = serve_with_port(store, _settings(tls_cert_file=cert, tls_key_file=key))
    try:
        creds = grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())
        with grpc.secure_channel(f"localhost:{port}", creds) as channel:
            acks = _ingest(channel, [batch(1, *shop_reports())])
        assert [a.status for a in acks] == [ingest_pb2.ACK_STATUS_STORED]
        with (
            grpc.insecure_channel(f"127.0.0.1:{port}") as plain,
            pytest.raises(grpc.RpcError) as info,
        ):
            _ingest(plain, [batch(2, *shop_reports())])
        assert info.value.code() == grpc.StatusCode.UNAVAILABLE
        assert store.summary().batches == 1
    finally:
        srv.stop(0).wait()
