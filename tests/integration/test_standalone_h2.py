"""`sieve analyze` on a capture of real HTTP/2 and gRPC stacks (Node's http2 client and
server, grpcio with `users.proto`) made in network namespaces (``svhd-*``): the h2c JSON
and gRPC endpoints are reported with their protocol, gRPC fields by number, or by name
with ``--grpc-descriptors``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf import json_format

from protos.sieve.v1 import metadata_pb2 as md
from tests.conftest import requires_root
from tests.interceptor.h2_stacks.grpc_users import compile_proto
from tests.interceptor.h2_stacks.stacks import H2Stacks

pytestmark = [
    pytest.mark.integration,
    pytest.mark.netns,
    requires_root,
    pytest.mark.skipif(not shutil.which("node"), reason="needs node"),
    pytest.mark.skipif(not shutil.which("dumpcap"), reason="needs dumpcap"),
]

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "COLUMNS": "250"}
GET_USER = "/sievetest.users.v1.Users/GetUser"
LIST_USERS = "/sievetest.users.v1.Users/ListUsers"


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    d = tmp_path_factory.mktemp("h2")
    desc = compile_proto(d / "gen")
    stacks = H2Stacks(d, prefix="svhd")
    try:
        stacks.start_capture()
        assert stacks.node(8080, connections=1, streams=20) == 20
        assert stacks.grpc(50051, d / "gen", 20) == 22
        yield stacks.stop_capture(), desc
    finally:
        stacks.close()


def _analyze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "standalone", "analyze", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=ENV,
        check=True,
    )


def _reports(*args: str) -> dict[tuple[str, str], md.EndpointReport]:
    out = _analyze(*args, "--json").stdout
    reports = [json_format.Parse(line, md.EndpointReport()) for line in out.splitlines()]
    merged: dict[tuple[str, str], md.EndpointReport] = {}
    for r in reports:  # one per window: keep the first, add the counts
        key = (r.method, r.path_template)
        if key in merged:
            merged[key].exchange_count += r.exchange_count
        else:
            merged[key] = r
    return merged


def _types(fields: list[md.FieldSchema]) -> dict[str, set[int]]:
    return {f.json_path: {d.data_type for d in f.detections} for f in fields}


def test_h2c_and_grpc_endpoints_in_json(capture: tuple[Path, Path]) -> None:
    pcap, _ = capture
    reports = _reports(str(pcap))
    assert set(reports) == {("GET", "/users"), ("POST", "/users"), ("POST", GET_USER),
                            ("POST", LIST_USERS)}  # fmt: skip
    assert reports["GET", "/users"].exchange_count == 10
    assert reports["POST", "/users"].exchange_count == 10
    assert reports["GET", "/users"].protocol == md.ENDPOINT_PROTOCOL_HTTP2
    unary, stream = reports["POST", GET_USER], reports["POST", LIST_USERS]
    assert unary.exchange_count == 20
    assert stream.exchange_count == 2
    assert unary.protocol == stream.protocol == md.ENDPOINT_PROTOCOL_GRPC
    response = _types(list(unary.response_fields))
    # one address: without the schema a repeated field of one element reads as a message
    assert {"$[*].1", "$[*].2", "$[*].3.1", "$[*].3.2", "$[*].4"} <= set(response)
    assert md.DATA_TYPE_EMAIL in response["$[*].2"]
    assert "$[*].1" in _types(list(unary.request_fields))


def test_descriptors_name_the_fields_and_tables_show_the_protocol(
    capture: tuple[Path, Path],
) -> None:
    pcap, desc = capture
    reports = _reports(str(pcap), "--grpc-descriptors", str(desc))
    response = _types(list(reports["POST", GET_USER].response_fields))
    assert {"$[*].email", "$[*].phone", "$[*].addresses[*].city"} <= set(response)
    assert md.DATA_TYPE_EMAIL in response["$[*].email"]
    assert "$[*].user_id" in _types(list(reports["POST", GET_USER].request_fields))
    text = _analyze(str(pcap)).stdout
    lines = [line for line in text.splitlines() if GET_USER in line]
    assert lines
    assert "gRPC" in lines[0]
    assert any("HTTP/2" in line for line in text.splitlines() if " /users " in line)


def test_a_bad_descriptor_file_is_one_line(capture: tuple[Path, Path], tmp_path: Path) -> None:
    pcap, _ = capture
    bad = tmp_path / "bad.desc"
    bad.write_bytes(b"\xff not a descriptor set")
    proc = subprocess.run(
        [sys.executable, "-m", "standalone", "analyze", str(pcap), "--grpc-descriptors", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=ENV,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("sieve: --grpc-descriptors")
    assert len(proc.stderr.strip().splitlines()) == 1
