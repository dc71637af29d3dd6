"""Two clusters into one collector through real gRPC (the digger's ingest client), on SQLite
and PostgreSQL: same names stay apart, tokens are per cluster, an unnamed cluster is refused
once a named one reports, and a call into the other cluster's entry point is linked."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from fastapi.testclient import TestClient

from collector import clusters
from collector.grpc_server import serve_with_port
from collector.settings import CollectorSettings
from collector.store import Store
from collector.web import create_app
from common.settings import load_settings
from digger.ingest_client import IngestClient, IngestConfig
from protos.sieve.v1 import identity_pb2, ingest_pb2, ingest_pb2_grpc, metadata_pb2
from tests.collector.conftest import _postgres_schema_url
from tests.collector.factories import batch, report, workload

pytestmark = pytest.mark.integration

TOKENS = "tok-east,agent-east,east\ntok-west,agent-west,west\ntok-free\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'clusters.db'}"])
    else:
        urls = _postgres_schema_url()
    url = next(urls)
    s = Store(url)
    s.migrate()
    try:
        yield s
    finally:
        s.close()
        for _ in urls:  # drops the PostgreSQL schema
            pass


@pytest.fixture
def port(store: Store, tmp_path: Path) -> Iterator[int]:
    tokens = tmp_path / "tokens"
    tokens.write_text(TOKENS)
    settings = load_settings(
        CollectorSettings, grpc_host="127.0.0.1", grpc_port=0, tokens_file=str(tokens)
    )
    server, bound = serve_with_port(store, settings)
    try:
        yield bound
    finally:
        server.stop(0).wait()


def _client(port: int, agent: str, cluster: str, token: str) -> IngestClient:
    config = IngestConfig(
        target=f"127.0.0.1:{port}",
        agent_id=agent,
        cluster_name=cluster,
        insecure=True,
        token=token,
        backoff_initial=0.05,
        backoff_max=0.5,
    )
    return IngestClient(config).start()


def _send(client: IngestClient, *reports: metadata_pb2.EndpointReport) -> None:
    (seq,) = client.submit(list(reports), 1_700_000_000_000_000_000, 1_700_000_060_000_000_000)
    assert client.wait_acked(seq, timeout=30), "no ack"


def _shop_api(count: int) -> metadata_pb2.EndpointReport:
    return report(workload("frontend"), workload("api"), "POST", "/orders", count=count)


def test_two_clusters_with_the_same_names_stay_apart(store: Store, port: int) -> None:
    east = _client(port, "agent-east", "east", "tok-east")
    west = _client(port, "agent-west", "west", "tok-west")
    try:
        _send(east, _shop_api(7))
        _send(west, _shop_api(11), _shop_api(2))
        _send(east, _shop_api(3))
    finally:
        east.close()
        west.close()
    with TestClient(create_app(store)) as http:
        flows = http.get("/api/v1/flows").json()
        assert sorted(
            (f["source"]["label"], f["destination"]["label"], f["exchange_count"]) for f in flows
        ) == [
            ("east:shop/frontend", "east:shop/api", 10),
            ("west:shop/frontend", "west:shop/api", 13),
        ]
        west_only = http.get("/api/v1/workloads", params={"cluster": "west"}).json()
        assert sorted((w["cluster"], w["namespace"], w["name"]) for w in west_only) == [
            ("west", "shop", "api"),
            ("west", "shop", "frontend"),
        ]
        ends = http.get("/api/v1/endpoints", params={"cluster": "east"}).json()
        assert [e["exchange_count"] for e in ends] == [10]
        assert http.get("/api/v1/summary").json()["clusters"] == ["east", "west"]


def _stream(port: int, token: str, *batches: ingest_pb2.MetadataBatch) -> list[ingest_pb2.BatchAck]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        requests = (ingest_pb2.IngestRequest(batch=b) for b in batches)
        metadata = [("authorization", f"Bearer {token}")]
        return [r.ack for r in stub.Ingest(requests, metadata=metadata, timeout=20)]


def _named(sequence: int, agent: str, cluster: str, count: int) -> ingest_pb2.MetadataBatch:
    out = batch(sequence, _shop_api(count), agent=agent)
    out.cluster_name = cluster
    return out


def test_a_clusters_token_cannot_write_another_clusters_data(store: Store, port: int) -> None:
    (ack,) = _stream(port, "tok-east", _named(1, "agent-east", "west", 5))
    assert ack.status == ingest_pb2.ACK_STATUS_REJECTED
    assert "not the cluster this token belongs to" in ack.detail
    (ack,) = _stream(port, "tok-east", _named(2, "agent-east", "", 5))
    assert ack.status == ingest_pb2.ACK_STATUS_REJECTED
    assert store.flows() == []
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        claim = ingest_pb2.ClaimPartitionsRequest(
            agent_id="agent-east", cluster_name="west", consumer_group="g", topic="t",
            partitions=[0],
        )  # fmt: skip
        with pytest.raises(grpc.RpcError) as denied:
            stub.ClaimPartitions(claim, metadata=[("authorization", "Bearer tok-east")])
        assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    (ack,) = _stream(port, "tok-east", _named(3, "agent-east", "east", 5))
    assert ack.status == ingest_pb2.ACK_STATUS_STORED


def test_an_unnamed_cluster_is_refused_once_a_named_one_reports(store: Store, port: int) -> None:
    before = clusters.REFUSALS.labels("cluster_name_required")._value.get()
    assert [a.status for a in _stream(port, "tok-free", _named(1, "lone", "", 1))] == [
        ingest_pb2.ACK_STATUS_STORED
    ]
    assert [a.status for a in _stream(port, "tok-east", _named(1, "agent-east", "east", 2))] == [
        ingest_pb2.ACK_STATUS_STORED
    ]
    with pytest.raises(grpc.RpcError) as refused:
        _stream(port, "tok-free", _named(2, "lone", "", 4))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "SIEVE_DIGGER_CLUSTER_NAME" in (refused.value.details() or "")
    assert clusters.REFUSALS.labels("cluster_name_required")._value.get() == before + 1
    assert {f.source.cluster: f.exchange_count for f in store.flows()} == {"": 1, "east": 2}
    # The digger's client keeps the refused batch and retries (nothing acked, nothing lost).
    lone = _client(port, "lone", "", "tok-free")
    try:
        (seq,) = lone.submit([_shop_api(9)], 1_700_000_000_000_000_000, 1_700_000_060_000_000_000)
        time.sleep(1.0)
        assert lone.acked_through < seq
        assert lone.in_flight == 1
    finally:
        lone.close()


def _external(name: str) -> identity_pb2.Workload:
    return workload(name, kind="external")


def test_a_call_into_the_other_clusters_ingress_is_linked(store: Store, port: int) -> None:
    east = _client(port, "agent-east", "east", "tok-east")
    west = _client(port, "agent-west", "west", "tok-west")
    # east's checkout calls west's public name; west sees the call arriving from outside.
    client_side = report(workload("checkout"), _external("pay.west.example"), "POST", "/pay")
    server_side = report(_external("198.51.100.20"), workload("payments", "pay"), "POST", "/pay")
    server_side.entry_hosts.append("pay.west.example")
    try:
        _send(east, client_side)
        _send(west, server_side)
    finally:
        east.close()
        west.close()
    with TestClient(create_app(store)) as http:
        found = http.get("/api/v1/cluster-links").json()
        flows = http.get("/api/v1/flows", params={"cluster": "east"}).json()
    (link,) = found["links"]
    assert (link["host"], link["client_cluster"], link["server_cluster"]) == (
        "pay.west.example",
        "east",
        "west",
    )
    assert [c["label"] for c in link["clients"]] == ["east:shop/checkout"]
    assert [s["label"] for s in link["servers"]] == ["west:pay/payments"]
    assert len(link["endpoint_pairs"]) == 1
    (flow,) = flows
    assert [s["label"] for s in flow["linked_servers"]] == ["west:pay/payments"]
