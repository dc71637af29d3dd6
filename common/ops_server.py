"""The ops HTTP server: Prometheus `/metrics`, liveness `/healthz`, readiness `/readyz`."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

log = logging.getLogger(__name__)

Check = Callable[[], bool]


class Health:
    """Named liveness and readiness checks; a service is ready when every readiness check passes."""

    def __init__(self) -> None:
        self._ready: dict[str, Check] = {}
        self._live: dict[str, Check] = {}
        self._lock = threading.Lock()

    def add_readiness(self, name: str, check: Check) -> None:
        """Register a readiness check (e.g. "kafka", "detector")."""
        with self._lock:
            self._ready[name] = check

    def add_liveness(self, name: str, check: Check) -> None:
        """Register a liveness check (e.g. "capture loop alive")."""
        with self._lock:
            self._live[name] = check

    def readiness(self) -> dict[str, bool]:
        """Result of every readiness check."""
        return self._run(self._ready)

    def liveness(self) -> dict[str, bool]:
        """Result of every liveness check."""
        return self._run(self._live)

    def _run(self, checks: dict[str, Check]) -> dict[str, bool]:
        with self._lock:
            items = list(checks.items())
        out: dict[str, bool] = {}
        for name, check in items:
            try:
                out[name] = bool(check())
            except Exception:  # a failing check means "not ok", never a crashed server
                log.debug("health check %s raised", name, exc_info=True)
                out[name] = False
        return out


class OpsServer:
    """A small threaded HTTP server in a daemon thread."""

    def __init__(
        self,
        health: Health,
        host: str = "0.0.0.0",
        port: int = 9090,
        registry: CollectorRegistry = REGISTRY,
    ) -> None:
        handler = _make_handler(health, registry)
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="ops", daemon=True)

    @property
    def port(self) -> int:
        """The bound port (useful when 0 was asked)."""
        return int(self._httpd.server_address[1])

    def start(self) -> OpsServer:
        """Serve in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()


def _make_handler(health: Health, registry: CollectorRegistry) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._send(200, generate_latest(registry), CONTENT_TYPE_LATEST)
            elif path in ("/healthz", "/livez"):
                self._checks(health.liveness())
            elif path == "/readyz":
                self._checks(health.readiness())
            else:
                self._send(404, b'{"error":"not found"}', "application/json")

        def _checks(self, results: dict[str, bool]) -> None:
            ok = all(results.values())
            body = json.dumps({"ok": ok, "checks": results}).encode()
            self._send(200 if ok else 503, body, "application/json")

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            log.debug("ops %s", format % args)

    return Handler
