"""Collector settings from SIEVE_COLLECTOR_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from collector.grpc_server import TokenSource, token_source
from collector.settings import CollectorSettings
from common.settings import ConfigError, load_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SIEVE_COLLECTOR_TOKENS", "SIEVE_COLLECTOR_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    s = load_settings(CollectorSettings)
    assert (s.grpc_port, s.http_port) == (50051, 8080)
    assert s.database_url.startswith("sqlite:///")
    assert not s.tls_enabled


def test_tokens_are_comma_separated_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIEVE_COLLECTOR_TOKENS", " alpha, beta ,,")
    s = load_settings(CollectorSettings)
    assert [t.get_secret_value() for t in s.tokens] == ["alpha", "beta"]
    assert "alpha" not in repr(s)


def test_tls_needs_cert_and_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIEVE_COLLECTOR_TLS_CERT_FILE", "/x/cert.pem")
    with pytest.raises(ConfigError, match="SIEVE_COLLECTOR_TLS_KEY_FILE"):
        load_settings(CollectorSettings)


def test_wrong_port_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIEVE_COLLECTOR_GRPC_PORT", "70000")
    with pytest.raises(ConfigError, match="SIEVE_COLLECTOR_GRPC_PORT"):
        load_settings(CollectorSettings)


def test_no_token_is_a_config_error_unless_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIEVE_COLLECTOR_TOKENS", raising=False)
    with pytest.raises(ConfigError, match="no ingest token configured"):
        token_source(load_settings(CollectorSettings))
    assert token_source(load_settings(CollectorSettings, allow_unauthenticated=True)) is None


def test_tokens_file_is_reread_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "tokens"
    path.write_text("# agents\none\n  two  \n")
    source = TokenSource(["static"], path)
    assert all(source.accepts(t) for t in ("one", "two", "static"))
    assert not any(source.accepts(t) for t in ("three", ""))
    path.write_text("three\n")
    os.utime(path, ns=(1, 1))  # a different mtime, whatever the clock's resolution
    assert source.accepts("three")
    assert not source.accepts("one")


def test_unreadable_tokens_file_at_start_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read tokens file"):
        TokenSource([], tmp_path / "absent")


def test_streams_must_leave_a_worker_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIEVE_COLLECTOR_GRPC_MAX_WORKERS", "8")
    monkeypatch.setenv("SIEVE_COLLECTOR_GRPC_MAX_CONCURRENT_STREAMS", "8")
    with pytest.raises(ConfigError, match="GRPC_MAX_CONCURRENT_STREAMS must be below"):
        load_settings(CollectorSettings)


def test_tokens_file_binds_tokens_to_agents(tmp_path: Path) -> None:
    path = tmp_path / "tokens"
    path.write_text("tok-a, cluster-a\nold-token\n")
    source = TokenSource(["from-env"], path)
    bound, bare, env = (source.accepts(t) for t in ("tok-a", "old-token", "from-env"))
    assert bound is not None
    assert bound.agent_id == "cluster-a"
    assert bound.principal == "agent:cluster-a"
    assert bare is not None
    assert bare.agent_id is None
    assert env is not None
    assert env.agent_id is None
    # Each unbound token is an agent of its own.
    assert bare.principal.startswith("token:")
    assert bare.principal != env.principal
    assert source.accepts("cluster-a") is None


@pytest.mark.parametrize(
    "line", ["two words", "tok,", "tok,a,b,c", "tok,a,", "tok,a,bad name", "tok,,b"]
)
def test_malformed_tokens_file_line_is_a_config_error(tmp_path: Path, line: str) -> None:
    path = tmp_path / "tokens"
    path.write_text(f"ok\n{line}\n")
    with pytest.raises(ConfigError, match="line 2"):
        TokenSource([], path)


def test_a_token_bound_to_a_cluster(tmp_path: Path) -> None:
    path = tmp_path / "tokens"
    path.write_text("tok-a,agent-a,cluster-a\ntok-b,agent-b\n")
    source = TokenSource([], path)
    bound = source.accepts("tok-a")
    agent_only = source.accepts("tok-b")
    assert bound is not None
    assert agent_only is not None
    assert (bound.agent_id, bound.principal, bound.cluster) == (
        "agent-a",
        "agent:agent-a",
        "cluster-a",
    )
    assert agent_only.cluster is None
