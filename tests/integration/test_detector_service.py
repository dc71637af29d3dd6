"""The sieve-detector process: starts, gets ready, answers, stops on SIGTERM; bad config exits 2."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.ports import free_port

pytestmark = pytest.mark.integration


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SIEVE_DETECTOR_HTTP_HOST="127.0.0.1",
        SIEVE_DETECTOR_OPS_HOST="127.0.0.1",
        SIEVE_DETECTOR_OPS_PORT="0",
    )
    env.update(extra)
    return env


def test_service_lifecycle() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "detector"],
        env=_env(SIEVE_DETECTOR_HTTP_PORT=str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        ready = False
        while time.monotonic() < deadline and not ready:
            with contextlib.suppress(httpx.TransportError):
                ready = httpx.get(f"{base}/readyz", timeout=2).status_code == 200
            if proc.poll() is not None:
                pytest.fail(f"service exited: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.2)
        assert ready
        r = httpx.post(
            f"{base}/v1/detect",
            json={"documents": [{"id": "1", "body": {"user": {"email": "k.lee@example.org"}}}]},
            timeout=10,
        )
        assert r.status_code == 200
        (det,) = r.json()["results"][0]["detections"]
        assert (det["path"], det["type"]) == ("$.user.email", "email")
        json_type = {"content-type": "application/json"}
        bad = httpx.post(f"{base}/v1/detect", content=b"{", headers=json_type, timeout=5)
        assert bad.status_code == 400
        assert httpx.post(f"{base}/v1/detect", content=b"{}", timeout=5).status_code == 415
        assert "sieve_detector_documents_total" in httpx.get(f"{base}/metrics", timeout=5).text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert proc.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert any(line["msg"] == "model loaded" for line in lines)
    assert all(line["service"] == "detector" for line in lines)
    assert "k.lee@example.org" not in out + err  # no payload value is logged


def test_bad_setting_is_one_line_and_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "detector"],
        env=_env(SIEVE_DETECTOR_HTTP_PORT="not-a-port"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SIEVE_DETECTOR_HTTP_PORT" in lines[0]


def test_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "detector"],
            env=_env(SIEVE_DETECTOR_HTTP_PORT=str(port)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in lines[0]
    assert "SIEVE_DETECTOR_HTTP_PORT" in lines[0]
