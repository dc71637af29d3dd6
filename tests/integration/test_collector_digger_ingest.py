"""The digger's real ingest client against the collector's real gRPC server (TLS + token),
across a collector restart: every batch acknowledged, none counted twice."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.grpc_server import serve_with_port
from collector.settings import CollectorSettings
from collector.store import Store
from common.settings import load_settings
from digger.ingest_client import IngestClient, IngestConfig
from tests.collector.factories import T0, report, shop_reports, workload

pytestmark = pytest.mark.integration

TOKEN = "digger-to-collector"


@pytest.fixture
def tls(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=collector",
            "-addext", "subjectAltName=DNS:collector,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'collector.db'}")
    s.migrate()
    yield s
    s.close()


def test_digger_client_batches_are_stored_once_across_a_collector_restart(
    tls: tuple[Path, Path], store: Store, tmp_path: Path
) -> None:
    cert, key = tls
    settings = load_settings(
        CollectorSettings,
        grpc_host="127.0.0.1",
        grpc_port=0,
        tokens=TOKEN,
        tls_cert_file=cert,
        tls_key_file=key,
    )
    server, port = serve_with_port(store, settings)
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    client = IngestClient(
        IngestConfig(
            target=f"127.0.0.1:{port}",
            agent_id="cluster-e2e",
            ca_file=str(cert),
            server_name="collector",
            token_file=str(token_file),
            max_reports_per_batch=4,
            backoff_initial=0.1,
            backoff_max=0.5,
        )
    ).start()
    window = (T0 * 10**9, (T0 + 60) * 10**9)
    try:
        seqs = client.submit(shop_reports(), *window)
        assert seqs == [1, 2]  # six reports, four per batch
        assert client.wait_acked(2, timeout=20)
        assert store.summary().batches == 2

        server.stop(0).wait()
        extra = report(workload("frontend"), workload("users"), "DELETE", "/users/{id}", count=3)
        assert client.submit([extra], *window) == [3]
        restarted, _ = serve_with_port(store, settings.model_copy(update={"grpc_port": port}))
        try:
            assert client.wait_acked(3, timeout=30)
        finally:
            restarted.stop(0).wait()
    finally:
        client.close()
    summary = store.summary()
    assert summary.batches == 3
    assert summary.endpoints == 7
    users = {(f.source.label, f.destination.label): f for f in store.flows()}[
        ("shop/frontend", "shop/users")
    ]
    assert users.exchange_count == 10 + 25 + 3
    assert client.rejected == 0


def test_one_bound_tokens_file_serves_collector_and_digger(
    tls: tuple[Path, Path], store: Store, tmp_path: Path
) -> None:
    """The chart's shared Secret: the collector reads TOKEN,AGENT_ID as its tokens file, the
    digger sends TOKEN; only batches of that agent id are stored."""
    cert, key = tls
    shared = tmp_path / "token"
    shared.write_text(f"{TOKEN},cluster-e2e")
    settings = load_settings(
        CollectorSettings,
        grpc_host="127.0.0.1",
        grpc_port=0,
        tokens_file=shared,
        tls_cert_file=cert,
        tls_key_file=key,
    )
    server, port = serve_with_port(store, settings)

    def client(agent_id: str) -> IngestClient:
        config = IngestConfig(
            target=f"127.0.0.1:{port}",
            agent_id=agent_id,
            ca_file=str(cert),
            server_name="collector",
            token_file=str(shared),
            backoff_initial=0.1,
            backoff_max=0.5,
        )
        return IngestClient(config).start()

    window = (T0 * 10**9, (T0 + 60) * 10**9)
    bound, other = client("cluster-e2e"), client("cluster-other")
    try:
        assert bound.submit(shop_reports(), *window) == [1]
        assert bound.wait_acked(1, timeout=20)
        assert bound.rejected == 0
        assert other.submit(shop_reports(), *window) == [1]
        assert other.wait_acked(1, timeout=20)  # answered: rejected, not stored
        assert other.rejected == 1
    finally:
        bound.close()
        other.close()
        server.stop(0).wait()
    assert store.summary().batches == 1
