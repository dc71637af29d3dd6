"""ClaimPartitions on the collector's real gRPC server: authenticated like the ingest stream,
malformed claims refused, epochs and high waters answered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from collector.grpc_server import serve_with_port
from collector.settings import CollectorSettings
from collector.store import Store
from common.settings import load_settings
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc

pytestmark = pytest.mark.integration

TOKEN = "claims-test"


@pytest.fixture
def stub(tmp_path: Path) -> Iterator[ingest_pb2_grpc.IngestServiceStub]:
    store = Store(f"sqlite:///{tmp_path / 'collector.db'}")
    store.migrate()
    settings = load_settings(CollectorSettings, grpc_host="127.0.0.1", grpc_port=0, tokens=TOKEN)
    server, port = serve_with_port(store, settings)
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield ingest_pb2_grpc.IngestServiceStub(channel)
    finally:
        channel.close()
        server.stop(0).wait()
        store.close()


def request(**kw: object) -> ingest_pb2.ClaimPartitionsRequest:
    values: dict[str, object] = {
        "agent_id": "cluster-a",
        "consumer_group": "sieve-digger",
        "topic": "sieve.exchanges",
        "partitions": [0, 1],
    }
    values.update(kw)
    return ingest_pb2.ClaimPartitionsRequest(**values)  # type: ignore[arg-type]


AUTH = [("authorization", f"Bearer {TOKEN}")]


def test_claims_need_the_token(stub: ingest_pb2_grpc.IngestServiceStub) -> None:
    with pytest.raises(grpc.RpcError) as err:
        stub.ClaimPartitions(request(), timeout=10)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as err:
        stub.ClaimPartitions(request(), timeout=10, metadata=[("authorization", "Bearer no")])
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_each_claim_raises_the_epoch(stub: ingest_pb2_grpc.IngestServiceStub) -> None:
    first = stub.ClaimPartitions(request(), timeout=10, metadata=AUTH)
    assert [(c.partition, c.owner_epoch, c.has_high_water) for c in first.claims] == [
        (0, 1, False),
        (1, 1, False),
    ]
    again = stub.ClaimPartitions(request(partitions=[1]), timeout=10, metadata=AUTH)
    assert [(c.partition, c.owner_epoch) for c in again.claims] == [(1, 2)]


def test_a_malformed_claim_is_an_invalid_argument(
    stub: ingest_pb2_grpc.IngestServiceStub,
) -> None:
    with pytest.raises(grpc.RpcError) as err:
        stub.ClaimPartitions(request(topic=""), timeout=10, metadata=AUTH)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "topic" in (err.value.details() or "")
