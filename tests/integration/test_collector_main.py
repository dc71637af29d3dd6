"""`sieve-collector` as a process: gRPC in, HTTP API out, policy reload, clean stop, bad config."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest

from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.factories import batch, shop_reports
from tests.collector.process import Collector, loopback_env

pytestmark = pytest.mark.integration

TOKEN = "collector-main-token"
RULE = """
- name: frontend keeps passwords
  rule: workload_may_not_send
  workload: shop/frontend
  data_type: {data_type}
"""


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[tuple[Collector, Path]]:
    policies = tmp_path / "policies.yaml"
    policies.write_text(RULE.format(data_type="password"))
    proc = Collector(
        loopback_env(
            tmp_path / "c.db",
            TOKEN,
            policies_file=str(policies),
            policies_reload_seconds="0.2",
        )
    )
    try:
        yield proc, policies
    finally:
        if proc.proc.poll() is None:
            proc.proc.kill()
            proc.proc.wait()


def _poll(fetch: Any, until: Any, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if until(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def test_collector_process_end_to_end(collector: tuple[Collector, Path]) -> None:
    proc, policies = collector
    ops_port = proc.wait_for("starting")["ops_port"]
    serving = proc.wait_for("collector serving")
    grpc_port, http_port = serving["grpc_port"], serving["http_port"]
    assert serving["policies"] == 1

    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        requests = iter([ingest_pb2.IngestRequest(batch=batch(1, *shop_reports()))])
        acks = [
            r.ack
            for r in stub.Ingest(
                requests, metadata=[("authorization", f"Bearer {TOKEN}")], timeout=20
            )
        ]
    assert [a.status for a in acks] == [ingest_pb2.ACK_STATUS_STORED]

    api = f"http://127.0.0.1:{http_port}/api/v1"
    flows = httpx.get(f"{api}/flows").json()
    assert len(flows) == 5
    [violation] = httpx.get(f"{api}/violations").json()
    assert violation["policy"] == "frontend keeps passwords"
    ready = httpx.get(f"http://127.0.0.1:{ops_port}/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": True}
    assert "sieve_collector_batches_total" in httpx.get(f"http://127.0.0.1:{ops_port}/metrics").text

    # The rule changes so that it no longer applies: the violation clears without a restart.
    policies.write_text(RULE.format(data_type="us_ssn"))
    os.utime(policies, ns=(1, 1))
    assert _poll(lambda: httpx.get(f"{api}/violations").json(), lambda v: v == []) == []

    proc.proc.send_signal(signal.SIGTERM)
    assert proc.proc.wait(timeout=20) == 0


def _users_spec(*paths: str) -> str:
    ops = "".join(f'"{p}": {{"{m}": {{"responses": {{"200": {{"description": "ok"}}}}}}}}, '
                  for p, m in (x.split(" ") for x in paths))  # fmt: skip
    return (
        '{"openapi": "3.1.0", "info": {"title": "users", "version": "1", '
        f'"x-sieve-workload": "shop/users"}}, "paths": {{{ops.rstrip(", ")}}}}}'
    )


def test_collector_process_feeds_drift_states_to_policies(tmp_path: Path) -> None:
    """A rule naming drift states, a supplied spec and an upload: the process wires them."""
    (tmp_path / "policies.yaml").write_text(
        "- name: no pii on shadow\n  rule: no_sensitive_data_on_drift\n  drift_states: [shadow]\n"
    )
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "users.json").write_text(_users_spec("/users post"))
    (tmp_path / "write-token").write_text("w-token\n")
    proc = Collector(
        loopback_env(
            tmp_path / "c.db",
            TOKEN,
            policies_file=str(tmp_path / "policies.yaml"),
            specs_dir=str(tmp_path / "specs"),
            specs_upload_dir=str(tmp_path / "uploaded"),
            specs_write_token_file=str(tmp_path / "write-token"),
        )
    )
    try:
        serving = proc.wait_for("collector serving")
        with grpc.insecure_channel(f"127.0.0.1:{serving['grpc_port']}") as channel:
            stub = ingest_pb2_grpc.IngestServiceStub(channel)
            requests = iter([ingest_pb2.IngestRequest(batch=batch(1, *shop_reports()))])
            auth = [("authorization", f"Bearer {TOKEN}")]
            acks = [r.ack for r in stub.Ingest(requests, metadata=auth, timeout=20)]
        assert [a.status for a in acks] == [ingest_pb2.ACK_STATUS_STORED]
        api = f"http://127.0.0.1:{serving['http_port']}/api/v1"

        def shadowed() -> list[tuple[str, str, str]]:
            found = httpx.get(f"{api}/violations").json()
            return sorted((v["method"], v["path_template"], v["data_type"]) for v in found)

        # GET /users/{id} is not in the supplied document: its sensitive fields violate
        expected = [("GET", "/users/{id}", t) for t in ("email", "phone", "street_address")]
        assert _poll(shadowed, lambda v: v == expected, timeout=30) == expected
        put = httpx.put(
            f"{api}/specs/users",
            content=_users_spec("/users post", "/users/{id} get"),
            headers={"X-Sieve-Write-Token": "w-token", "Content-Type": "application/json"},
        )
        assert put.status_code == 201, put.text
        assert _poll(shadowed, lambda v: v == [], timeout=30) == []
        proc.proc.send_signal(signal.SIGTERM)
        assert proc.proc.wait(timeout=20) == 0
    finally:
        if proc.proc.poll() is None:
            proc.proc.kill()
            proc.proc.wait()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "no ingest token configured"),
        (
            {"SIEVE_COLLECTOR_TOKENS": "t", "SIEVE_COLLECTOR_HTTP_PORT": "x"},
            "SIEVE_COLLECTOR_HTTP_PORT",
        ),
        (
            {"SIEVE_COLLECTOR_TOKENS": "t", "SIEVE_COLLECTOR_DATABASE_URL": "mysql://h/db"},
            "SIEVE_COLLECTOR_DATABASE_URL",
        ),
        (
            {"SIEVE_COLLECTOR_TOKENS": "t", "SIEVE_COLLECTOR_POLICIES_FILE": "/nonexistent.yaml"},
            "cannot read policies file",
        ),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    base = {
        "SIEVE_COLLECTOR_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}",
        "SIEVE_COLLECTOR_OPS_PORT": "0",
        "SIEVE_COLLECTOR_GRPC_PORT": "0",
        "SIEVE_COLLECTOR_HTTP_PORT": "0",
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SIEVE_COLLECTOR_")}
    done = subprocess.run(
        [sys.executable, "-m", "collector"],
        env={**clean, **base, **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("sieve-collector: ")
    assert expected in lines[0]
