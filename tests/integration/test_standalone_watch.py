"""`sieve watch` on loopback (root): JSON traffic between a local client and server shows
up in the dashboard API with its data types; the dashboard's own traffic does not."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import requires_root
from tests.ports import free_port

pytestmark = [pytest.mark.integration, pytest.mark.netns, requires_root]

ROOT = Path(__file__).resolve().parents[2]
PROFILE = {
    "fullName": "Maria Garcia",
    "email": "maria.garcia@example.com",
    "phone": "+1 415 555 0100",
}


class Profiles(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        out = json.dumps(PROFILE).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args: Any) -> None:
        pass


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.load(resp)


def test_watch_loopback() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Profiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app_port = server.server_address[1]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "standalone", "watch", "--iface", "lo", "--port", str(port),
         "--duration", "150"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                _get(f"{api}/summary")
                break
            except OSError:
                time.sleep(0.3)
        time.sleep(1.0)  # the capture opens right after the dashboard
        client = http.client.HTTPConnection("127.0.0.1", app_port, timeout=5)
        mine: list[dict[str, Any]] = []
        while time.monotonic() < deadline and proc.poll() is None and not mine:
            for i in range(5):
                body = json.dumps({"customerEmail": "jane.doe@example.org", "visit": i})
                client.request("POST", "/watch-test/profiles", body=body,
                               headers={"Content-Type": "application/json"})  # fmt: skip
                client.getresponse().read()
            time.sleep(1.0)
            endpoints = _get(f"{api}/endpoints")
            mine = [e for e in endpoints if e["path_template"] == "/watch-test/profiles"]
            if mine and not {"email", "person_name"} <= {
                t["data_type"] for t in mine[0]["data_types"]
            }:
                mine = []
        client.close()
        assert mine, proc.poll()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
            metrics = resp.read().decode()
        assert "sieve_standalone_queue_dropped_total 0.0" in metrics
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 0, stderr
        assert "What was seen" in stdout
        assert "/watch-test/profiles" in stdout
        assert f"127.0.0.1:{port}/" in stderr
    finally:
        server.shutdown()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
