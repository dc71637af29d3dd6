"""Replay applies the live rule with the other cluster addresses (--cluster-ip, a file,
SIEVE_INTERCEPTOR_CLUSTER_CIDRS): a capture of the client's node reports nothing that the
server's node reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interceptor.__main__ import main
from interceptor.replay import read_records
from interceptor.synthetic import write_pcapng
from tests.interceptor.conversation import frames, parsed
from tests.interceptor.test_core_limits import CONV


def _client_node_capture(tmp_path: Path) -> Path:
    """What the client's node captures: its pod's veth only (the server is elsewhere)."""
    path = tmp_path / "node-a.pcapng"
    write_pcapng(path, [("vethc", ts, f) for ts, f in frames(CONV, "whole")])
    return path


def _replay(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert main(["replay", *argv]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_read_records_leaves_cluster_servers_to_their_node(tmp_path: Path) -> None:
    path = _client_node_capture(tmp_path)
    local = {"vethc": ["10.251.1.1"]}
    assert len(parsed(read_records(path, interfaces=local))) == 2  # server outside: kept
    assert parsed(read_records(path, interfaces=local, cluster_ips=["10.251.1.2"])) == []
    assert parsed(read_records(path, interfaces=local, cluster_ips=["10.251.0.0/16"])) == []


def test_replay_cluster_ip_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(_client_node_capture(tmp_path))
    mapped = ("--map", "vethc=10.251.1.1")
    assert [d["interface"] for d in _replay(capsys, path, *mapped)] == ["vethc", "vethc"]
    assert _replay(capsys, path, *mapped, "--cluster-ip", "10.251.1.2") == []
    listing = tmp_path / "cluster.txt"
    listing.write_text("# pod and service CIDRs\n10.251.0.0/16  # pods\n\n10.96.0.0/12\n")
    assert _replay(capsys, path, *mapped, "--cluster-ips-file", str(listing)) == []
    monkeypatch.setenv("SIEVE_INTERCEPTOR_CLUSTER_CIDRS", '["10.251.1.0/24"]')
    assert _replay(capsys, path, *mapped) == []


def test_replay_rejects_a_bad_cluster_ip(tmp_path: Path) -> None:
    path = str(_client_node_capture(tmp_path))
    with pytest.raises(SystemExit, match=r"IP or a CIDR, got '10\.251\.0\.0/40'"):
        main(["replay", path, "--cluster-ip", "10.251.0.0/40"])
    with pytest.raises(SystemExit, match="cannot read"):
        main(["replay", path, "--cluster-ips-file", str(tmp_path / "missing.txt")])
