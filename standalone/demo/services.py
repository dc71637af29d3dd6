"""One process of the demo shop: ``python -m standalone.demo.services ROLE``.

Run inside the role's network namespace. Every role but the frontend serves HTTP/1.1 with
keep-alive on its address (loyalty: gRPC, `standalone.demo.loyalty`); the frontend drives
customer visits at ``--rate`` per second.
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
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standalone.demo import loyalty
from standalone.demo.shop import Json, Shopper, ShopService
from standalone.demo.topology import BY_ROLE, Service

_TIMEOUT = 5.0


class Upstreams(threading.local):
    """Keep-alive JSON client to the shop's services (one connection per upstream)."""

    def __init__(self) -> None:
        self.conns: dict[str, http.client.HTTPConnection] = {}
        self.channels: dict[str, Any] = {}  # gRPC services: one channel each
        self.errors = 0

    def call(self, role: str, method: str, target: str, body: Json) -> tuple[int, Json]:
        """One request; a broken kept-alive connection is reopened once."""
        service = BY_ROLE[role]
        if service.grpc:
            return self._grpc(service, target, body)
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

    def _grpc(self, service: Service, target: str, body: Json) -> tuple[int, Json]:
        """One unary gRPC call (the channel is kept; grpcio reconnects by itself)."""
        import grpc

        channel = self.channels.get(service.role)
        if channel is None:
            channel = self.channels[service.role] = grpc.insecure_channel(service.authority)
        stub = channel.unary_unary(
            target,
            request_serializer=loyalty.encode_request,
            response_deserializer=loyalty.decode_reply,
        )
        try:
            return 200, stub(body, timeout=_TIMEOUT)
        except grpc.RpcError:
            self.errors += 1
            return 0, None


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


def serve_grpc(role: str, seed: int) -> None:
    """Serve ``role``'s gRPC methods (`standalone.demo.loyalty`) until SIGTERM."""
    import grpc

    svc = BY_ROLE[role]
    service = ShopService(role, seed, time.time)
    lock = threading.Lock()  # the shop's state is not thread-safe; grpcio's pool is

    def earn(request: Json, context: Any) -> Json:
        with lock:
            status, answer = service.handle("POST", loyalty.EARN, request, Upstreams().call)
        if status != 200:
            context.abort(grpc.StatusCode.NOT_FOUND, "not found")
        return answer

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    handler = grpc.unary_unary_rpc_method_handler(
        earn,
        request_deserializer=loyalty.decode_request,
        response_serializer=loyalty.encode_reply,
    )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(loyalty.SERVICE, {"Earn": handler}),)
    )
    server.add_insecure_port(svc.authority)
    server.start()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    stopped.wait()
    server.stop(1.0).wait()


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
        (serve_grpc if BY_ROLE[args.role].grpc else serve)(args.role, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
