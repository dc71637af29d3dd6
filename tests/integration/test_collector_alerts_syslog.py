"""Alerts to a real rsyslogd (Debian's, on loopback): RFC 5424 over TCP, octet-counted."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.alerts.config import parse_alerts
from collector.alerts.service import attach
from collector.policies import parse_policies
from collector.store import Store
from tests.collector.alerts.helpers import RULES, password_reports
from tests.collector.factories import batch
from tests.ports import free_port

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        shutil.which("rsyslogd") is None and not Path("/usr/sbin/rsyslogd").exists(),
        reason="rsyslogd not installed (.ci/setup.d/15-rsyslog.sh installs Debian's rsyslog)",
    ),
]

CONF = """
global(workDirectory="{work}")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="{port}")
template(name="fields" type="string"
         string="%pri%|%app-name%|%msgid%|%structured-data%|%msg%\\n")
*.* action(type="omfile" file="{out}" template="fields")
"""


@pytest.fixture
def rsyslog(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    port = free_port()
    out = tmp_path / "received.log"
    work = tmp_path / "work"
    work.mkdir()
    conf = tmp_path / "rsyslog.conf"
    conf.write_text(CONF.format(work=work, port=port, out=out))
    binary = shutil.which("rsyslogd") or "/usr/sbin/rsyslogd"
    proc = subprocess.Popen(
        [binary, "-n", "-f", str(conf), "-i", str(tmp_path / "rsyslog.pid")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("rsyslogd did not listen")
        yield port, out
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_alerts_reach_rsyslog_parsed_as_rfc5424(rsyslog: tuple[int, Path], tmp_path: Path) -> None:
    port, out = rsyslog
    store = Store(f"sqlite:///{tmp_path / 'c.db'}", policies=parse_policies(RULES))
    store.migrate()
    config = f"sinks:\n  - {{name: siem, type: syslog, host: 127.0.0.1, port: {port}}}\n"
    worker = attach(store, parse_alerts(config), poll_seconds=0.05)
    worker.start()
    try:
        store.ingest_batch(batch(1, *password_reports(3)))
        store.set_policies(parse_policies(""))
        deadline = time.monotonic() + 20
        lines: list[str] = []
        while time.monotonic() < deadline:
            lines = out.read_text().splitlines() if out.exists() else []
            if len(lines) >= 6:
                break
            time.sleep(0.1)
    finally:
        worker.stop()
        store.close()
    assert len(lines) == 6, lines
    fields = [line.split("|", 4) for line in lines]
    # PRI 34 = facility 4 (auth) * 8 + severity 2 (critical: the rule's severity)
    assert {f[0] for f in fields} == {"34"}
    assert {f[1] for f in fields} == {"sieve"}
    assert [f[2] for f in fields] == ["opened"] * 3 + ["resolved"] * 3
    for f in fields:
        assert f[3].startswith("[sieve@32473 id=")
        assert 'policy="frontend keeps passwords"' in f[3]
        assert "frontend keeps passwords" in f[4]
