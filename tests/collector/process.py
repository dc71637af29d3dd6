"""`sieve-collector` as a process on loopback, for integration tests and benchmarks."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


def loopback_env(database: Path, token: str, **settings: str) -> dict[str, str]:
    """Settings of a collector on a SQLite file, every port free on 127.0.0.1, plus
    ``settings`` (names without the ``SIEVE_COLLECTOR_`` prefix)."""
    env = {
        "SIEVE_COLLECTOR_DATABASE_URL": f"sqlite:///{database}",
        "SIEVE_COLLECTOR_TOKENS": token,
    }
    for server in ("GRPC", "HTTP", "OPS"):
        env[f"SIEVE_COLLECTOR_{server}_HOST"] = "127.0.0.1"
        env[f"SIEVE_COLLECTOR_{server}_PORT"] = "0"
    env.update({f"SIEVE_COLLECTOR_{name.upper()}": value for name, value in settings.items()})
    return env


class Collector:
    """A running collector process whose JSON log lines are read in the background."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "collector"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self.lines.put(json.loads(line))
            except json.JSONDecodeError:
                continue

    def wait_for(self, msg: str, timeout: float = 20.0) -> dict[str, Any]:
        """The next log record whose message is ``msg``; fails when the process exits first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                record = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    assert self.proc.stderr is not None
                    raise AssertionError(f"collector exited: {self.proc.stderr.read()}") from None
                continue
            if record.get("msg") == msg:
                return record
        raise AssertionError(f"no log line {msg!r} within {timeout}s")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self, timeout: float = 30.0) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=timeout)
