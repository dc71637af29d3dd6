"""sieve-digger start-up: a wrong setting is one line and exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digger.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def test_wrong_setting_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("SIEVE_DIGGER_WINDOW_SECONDS", "soon")
    assert main() == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "SIEVE_DIGGER_WINDOW_SECONDS" in err


def test_batches_that_could_outgrow_the_collector_limit_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("SIEVE_DIGGER_INGEST_MAX_REPORTS_PER_BATCH", "9000")
    monkeypatch.setenv("SIEVE_DIGGER_CONSUME_BATCH_SIZE", "2000")
    assert main() == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "CONSUME_BATCH_SIZE" in err


def test_static_source_needs_a_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("SIEVE_DIGGER_IDENTITY_SOURCE", "static")
    assert main() == 2
    assert "IDENTITIES_FILE" in capsys.readouterr().err


def test_unreadable_identities_file_exits_2(tmp_path: Path):
    bad = tmp_path / "ids.yaml"
    bad.write_text("pods: [{kind: nope, ip: 1.2.3.4}]\n")
    env = {
        "SIEVE_DIGGER_IDENTITY_SOURCE": "static",
        "SIEVE_DIGGER_IDENTITIES_FILE": str(bad),
        "SIEVE_DIGGER_OPS_PORT": "0",
        "SIEVE_DIGGER_OPS_HOST": "127.0.0.1",
        "PATH": "/usr/bin:/bin",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "digger"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "SIEVE_DIGGER_IDENTITIES_FILE" in proc.stderr
