"""The ops HTTP server: Prometheus `/metrics`, liveness `/healthz`, readiness `/readyz`."""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
)

log = logging.getLogger(__name__)

Check = Callable[[], bool]

# A probe or a scrape is one small request: a client that has not sent it within this many
# seconds of silence is dropped, and at most this many connections are served at once (more are
# closed unanswered), so slow or abundant clients cannot grow the server's threads without bound.
READ_TIMEOUT_SECONDS = 10.0
MAX_CONNECTIONS = 32
_REFUSED_NAME = "sieve_ops_connections_refused"
_REFUSED_HELP = "Ops connections closed unanswered because MAX_CONNECTIONS were being served."
_REFUSED = Counter(_REFUSED_NAME, _REFUSED_HELP)  # the services' registry


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


class _BoundedServer(ThreadingHTTPServer):
    """A threaded HTTP server that closes connections beyond ``max_connections`` unanswered."""

    daemon_threads = True
    request_queue_size = 64  # accepted-but-unserved backlog; beyond it the kernel refuses

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        max_connections: int,
        refused: Counter,
    ) -> None:
        self._slots = threading.BoundedSemaphore(max_connections)
        self._refused = refused
        super().__init__(address, handler)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        if not self._slots.acquire(blocking=False):
            self._refused.inc()
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def handle_error(self, request: object, client_address: object) -> None:
        # The standard library prints a traceback to stderr for each failed request; a client that
        # hangs up mid-answer would fill the service's log with them. One line, no request data.
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            log.debug("ops client went away: %s", type(error).__name__)
        else:
            log.warning("ops request failed: %s", type(error).__name__)

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


class OpsServer:
    """A small threaded HTTP server in a daemon thread, bounded in connections and idle time."""

    def __init__(
        self,
        health: Health,
        host: str = "0.0.0.0",
        port: int = 9090,
        registry: CollectorRegistry = REGISTRY,
        *,
        read_timeout_seconds: float = READ_TIMEOUT_SECONDS,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        handler = _make_handler(health, registry, read_timeout_seconds)
        refused = (
            _REFUSED
            if registry is REGISTRY
            else Counter(_REFUSED_NAME, _REFUSED_HELP, registry=registry)
        )
        self._httpd = _BoundedServer((host, port), handler, max_connections, refused)
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


def _make_handler(
    health: Health, registry: CollectorRegistry, read_timeout_seconds: float
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = read_timeout_seconds

        def do_GET(self) -> None:
            self._route(send_body=True)

        def do_HEAD(self) -> None:
            self._route(send_body=False)

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            # The standard library answers an unknown method with 501 and an HTTP/2+ request line
            # with 505: both are the client's error here, so they get 405 and 400.
            if code == HTTPStatus.NOT_IMPLEMENTED:
                code, message = HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD"
            elif code == HTTPStatus.HTTP_VERSION_NOT_SUPPORTED:
                code, message = HTTPStatus.BAD_REQUEST, "HTTP/1.x only"
                self.request_version = "HTTP/1.0"  # else the answer would have no status line
            super().send_error(code, message, explain)

        def _route(self, send_body: bool) -> None:
            self._send_body = send_body
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
            if self._send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            log.debug("ops %s", format % args)

    return Handler
