"""Uploaded OpenAPI documents survive a restart: kept in the collector's database (schema
version 6), on SQLite and on PostgreSQL, by two collector processes one after the other.
Documents from the specs directory (the chart's ConfigMap) keep working beside them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.collector.conftest import _postgres_schema_url
from tests.collector.process import Collector, loopback_env

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "collector" / "fixtures"
TOKEN = "ingest-token"
WRITE = "write-token-1"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'collector.db'}"
    else:
        yield from _postgres_schema_url()


def _start(env: dict[str, str]) -> tuple[Collector, str]:
    proc = Collector(env)
    port = proc.wait_for("collector serving")["http_port"]
    return proc, f"http://127.0.0.1:{port}/api/v1"


def _names(api: str) -> dict[str, str | None]:
    return {s["name"]: s["workload"] for s in httpx.get(f"{api}/specs", timeout=10).json()}


def test_an_upload_survives_a_new_collector_process(database_url: str, tmp_path: Path) -> None:
    configmap = tmp_path / "specs"
    configmap.mkdir()
    (configmap / "users.yaml").write_text((FIXTURES / "users.openapi.yaml").read_text())
    tokens = tmp_path / "write-tokens"
    tokens.write_text(WRITE + "\n")
    env = loopback_env(
        tmp_path / "unused.db",
        TOKEN,
        database_url=database_url,
        specs_dir=str(configmap),
        specs_write_token_file=str(tokens),
    )
    upload = (FIXTURES / "payments.openapi.json").read_text()
    first, api = _start(env)
    try:
        put = httpx.put(
            f"{api}/specs/payments?workload=payments/payments",
            content=upload,
            headers={"X-Sieve-Write-Token": WRITE, "Content-Type": "application/json"},
            timeout=10,
        )
        assert put.status_code == 201, put.text
        put = httpx.put(
            f"{api}/specs/gone",
            content=upload,
            headers={"X-Sieve-Write-Token": WRITE, "Content-Type": "application/json"},
            timeout=10,
        )
        assert put.status_code == 201, put.text
        deleted = httpx.delete(f"{api}/specs/gone", headers={"X-Sieve-Write-Token": WRITE})
        assert deleted.status_code == 204
        before = _names(api)
    finally:
        first.stop()
    assert before == {"payments": "payments/payments", "users": before["users"]}

    second, api = _start(env)
    try:
        after = _names(api)
        drift = httpx.get(f"{api}/drift", timeout=10).json()
    finally:
        second.stop()
    assert after == before  # the upload with its workload, the ConfigMap's, not the deleted
    assert drift["specs"] == ["payments", "users"]  # drift is computed against both again
    assert {i["spec"] for i in drift["items"] if i["kind"] == "unused"} == {"payments", "users"}
