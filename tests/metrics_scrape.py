"""Reading a service's Prometheus metrics over HTTP, for tests that run services as processes."""

from __future__ import annotations

import time
import urllib.request


def metric(port: int, name: str) -> float | None:
    """The sum of a metric's samples on ``127.0.0.1:port``; None when unreachable or absent."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as r:
            text = r.read().decode()
    except OSError:
        return None
    values = [
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith(name + " ") or line.startswith(name + "{")
    ]
    return sum(values) if values else None


def wait_metric(port: int, name: str, value: float, timeout: float = 30) -> None:
    """Until the metric equals ``value``; AssertionError with the last value after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if metric(port, name) == value:
            return
        time.sleep(0.2)
    raise AssertionError(f"{name} never became {value} (last {metric(port, name)})")
