"""IngestClient over TLS (the default) with a CA file, and a bearer token from a file."""

from __future__ import annotations

import shutil
import subprocess
from concurrent import futures
from pathlib import Path

import grpc
import pytest

from digger.ingest_client import IngestClient, IngestConfig
from protos.sieve.v1 import ingest_pb2_grpc, metadata_pb2
from tests.digger.ingest_server import RecordingIngest
from tests.ports import free_port

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def run(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def _certs(tmp: Path) -> tuple[Path, Path, Path]:
    ca_key, ca, key, csr, crt = (tmp / n for n in ("ca.key", "ca.pem", "s.key", "s.csr", "s.pem"))
    run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(ca_key),
        "-out",
        str(ca),
        "-days",
        "2",
        "-subj",
        "/CN=sieve-test-ca",
    )
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(key),
        "-out",
        str(csr),
        "-subj",
        "/CN=collector.test",
    )
    ext = tmp / "ext.cnf"
    ext.write_text("subjectAltName=DNS:collector.test,IP:127.0.0.1\n")
    run(
        "x509",
        "-req",
        "-in",
        str(csr),
        "-CA",
        str(ca),
        "-CAkey",
        str(ca_key),
        "-CAcreateserial",
        "-out",
        str(crt),
        "-days",
        "2",
        "-extfile",
        str(ext),
    )
    return ca, key, crt


def test_tls_with_ca_file_and_token_file(tmp_path: Path):
    ca, key, crt = _certs(tmp_path)
    servicer = RecordingIngest(token="from-file")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    ingest_pb2_grpc.add_IngestServiceServicer_to_server(servicer, server)
    port = free_port()
    creds = grpc.ssl_server_credentials([(key.read_bytes(), crt.read_bytes())])
    server.add_secure_port(f"127.0.0.1:{port}", creds)
    server.start()
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n")
    good = IngestClient(
        IngestConfig(
            target=f"127.0.0.1:{port}",
            agent_id="a",
            ca_file=str(ca),
            token_file=str(token_file),
            backoff_initial=0.05,
            backoff_max=0.3,
        )
    ).start()
    # without the CA the server is not trusted: nothing is ever acknowledged
    untrusting = IngestClient(
        IngestConfig(
            target=f"127.0.0.1:{port}",
            agent_id="b",
            token="from-file",
            backoff_initial=0.05,
            backoff_max=0.3,
        )
    ).start()
    try:
        report = metadata_pb2.EndpointReport(method="GET", path_template="/x", exchange_count=3)
        good.submit([report], 0, 1)
        untrusting.submit([report], 0, 1)
        assert good.wait_acked(1, 15)
        assert not untrusting.wait_acked(1, 1.5)
        assert [b.split("/")[0] for b in servicer.stored] == ["a"]
    finally:
        good.close()
        untrusting.close()
        server.stop(0)
