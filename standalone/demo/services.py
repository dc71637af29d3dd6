"""One process of the demo shop: ``python -m standalone.demo.services ROLE``.

Run inside the role's network namespace. Every role but the frontend serves HTTP/1.1 with
keep-alive on its address; the frontend drives customer visits at ``--rate`` per second.
Downstream calls use one keep-alive connection per upstream and thread.
"""

from __future__ import annotations

import argparse
import http.client
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standalone.demo.shop import Json, Shopper, ShopService
from standalone.demo.topology import BY_ROLE

_TIMEOUT = 5.0


class Upstreams(threading.local):
    """Keep-alive JSON client to the shop's services (one connection per upstream)."""

    def __init__(self) -> None:
        self.conns: dict[str, http.client.HTTPConnection] = {}
        self.errors = 0

    def call(self, role: str, method: str, target: str, body: Json) -> tuple[int, Json]:
        """One request; a broken kept-alive connection is reopened once."""
        service = BY_ROLE[role]
        data = None if body is None else json.dumps(body).encode()
        headers = {"Host": service.host, "Accept": "application/json", "User-Agent": "shop/1.0"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            conn = self.conns.get(role)
            if conn is None:
                conn = http.client.HTTPConnection(service.ip, service.port, timeout=_TIMEOUT)
                self.conns[role] = conn
            try:
                conn.request(method, target, body=data, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                self.conns.pop(role, None)
                if attempt == 2:
                    self.errors += 1
                    return 0, None
                continue
            try:
                return resp.status, json.loads(raw) if raw else None
            except ValueError:
                return resp.status, None
        return 0, None  # pragma: no cover - the loop always returns


def make_handler(service: ShopService, upstreams: Upstreams) -> type[BaseHTTPRequestHandler]:
    """A request handler class answering with ``service``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "shop/1.0"
        sys_version = ""

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Json = json.loads(raw) if raw else None
            except ValueError:
                body = None
            status, answer = service.handle(self.command, self.path, body, upstreams.call)
            out = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_GET = do_POST = do_PUT = do_DELETE = _serve  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the demo prints its own status

    return Handler


def serve(role: str, seed: int) -> None:
    """Serve ``role`` on its address until SIGTERM."""
    svc = BY_ROLE[role]
    server = ThreadingHTTPServer(
        (svc.ip, svc.port), make_handler(ShopService(role, seed, time.time), Upstreams())
    )
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever(poll_interval=0.2)


def drive(seed: int, rate: float, stop: threading.Event) -> None:
    """Customer visits at ``rate`` per second until ``stop``."""
    shopper = Shopper(seed)
    upstreams = Upstreams()
    interval = 1.0 / rate
    while not stop.is_set():
        started = time.monotonic()
        shopper.visit(upstreams.call)
        stop.wait(max(0.0, interval - (time.monotonic() - started)))


def main(argv: list[str] | None = None) -> int:
    """Run one role of the shop."""
    parser = argparse.ArgumentParser(prog="python -m standalone.demo.services")
    parser.add_argument("role", choices=sorted(BY_ROLE))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, default=4.0, help="frontend: visits per second")
    args = parser.parse_args(argv)
    if args.role == "frontend":
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        drive(args.seed, args.rate, stop)
    else:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us with SIGTERM
        serve(args.role, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
