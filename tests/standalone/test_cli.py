"""The command line: options, one-line errors, interface specs, the dashboard address."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from collector.store import Store
from common.settings import ConfigError
from standalone.cli import build_parser, main
from standalone.runtime import load_names
from standalone.serve import serve_dashboard, url_of
from standalone.watch import parse_interfaces

ROOT = Path(__file__).resolve().parents[2]


def test_help_runs_as_a_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "standalone", "--help"],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0
    for command in ("analyze", "watch", "demo"):
        assert command in proc.stdout


def test_console_script_points_at_main() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'sieve = "standalone.__main__:main"' in text
    from standalone.__main__ import main as entry

    assert entry is main


def test_parser_reads_every_option() -> None:
    args = build_parser().parse_args(
        ["analyze", "x.pcap", "--json", "--serve", "--port", "9001", "--names", "n.yaml"]
    )
    assert (args.json, args.serve, args.port, args.names) == (True, True, 9001, Path("n.yaml"))
    args = build_parser().parse_args(["watch", "--iface", "eth0", "veth1=10.0.0.5,10.0.0.6"])
    assert args.iface == ["eth0", "veth1=10.0.0.5,10.0.0.6"]
    args = build_parser().parse_args(["demo", "--duration", "40"])
    assert args.duration == 40.0


def test_interface_specs() -> None:
    assert parse_interfaces(["eth0", "veth1=10.0.0.5, 10.0.0.6", "veth1=10.0.0.7"]) == {
        "eth0": set(),
        "veth1": {"10.0.0.5", "10.0.0.6", "10.0.0.7"},
    }
    with pytest.raises(ConfigError):
        parse_interfaces(["=10.0.0.1"])


def test_missing_capture_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "/nonexistent/x.pcap"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no such capture file" in err


def test_not_a_capture_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "x.pcap"
    bogus.write_text("hello")
    assert main(["analyze", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert "not a pcap or pcapng file" in err
    assert err.strip().count("\n") == 0


def test_bad_names_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.yaml"
    names.write_text("pods:\n  - {namespace: x}\n")  # no ip
    bogus = tmp_path / "x.pcap"
    bogus.write_bytes(b"")
    assert main(["analyze", str(bogus), "--names", str(names)]) == 2
    assert "invalid names file" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="cannot read the names file"):
        load_names(tmp_path / "missing.yaml")


def test_bad_policies_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policies = tmp_path / "p.yaml"
    policies.write_text("policies:\n  - {name: x, rule: nonsense}\n")
    bogus = tmp_path / "x.pcap"
    bogus.write_bytes(b"")
    assert main(["analyze", str(bogus), "--policies", str(policies)]) == 2
    assert "invalid policy" in capsys.readouterr().err


def test_bad_setting_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SIEVE_STANDALONE_QUEUE_MAX_EXCHANGES", "zero")
    assert main(["demo"]) == 2
    assert "SIEVE_STANDALONE_QUEUE_MAX_EXCHANGES" in capsys.readouterr().err


def test_dashboard_port_in_use_is_a_config_error() -> None:
    store = Store("sqlite://")
    store.migrate()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(ConfigError, match="--port"):
            serve_dashboard(store, "127.0.0.1", port)


def test_url_of() -> None:
    assert url_of("0.0.0.0", 8765) == "http://127.0.0.1:8765/"
    assert url_of("::1", 80) == "http://[::1]:80/"
