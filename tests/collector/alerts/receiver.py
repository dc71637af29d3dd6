"""A real webhook receiver on loopback for alert tests: checks HMAC signatures itself."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Receiver:
    """Records every POST; can go down and come back on the same port."""

    def __init__(self, port: int, key: bytes | None = None, fail_first: int = 0) -> None:
        self.port = port
        self.key = key
        self.fail_first = fail_first
        self.delay = 0.0
        self.posts: list[dict[str, Any]] = []
        self.bad_signatures = 0
        self.failed = 0
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(receiver.delay)
                with receiver.lock:
                    if receiver.fail_first > 0:
                        receiver.fail_first -= 1
                        receiver.failed += 1
                        self.send_response(503)
                        self.end_headers()
                        return
                    if receiver.key is not None:
                        ts = self.headers.get("X-Sieve-Timestamp", "")
                        mac = hmac.new(receiver.key, ts.encode() + b"." + body, hashlib.sha256)
                        good = (
                            hmac.compare_digest(
                                "v1=" + mac.hexdigest(), self.headers.get("X-Sieve-Signature", "")
                            )
                            and abs(time.time() - int(ts or 0)) <= 300
                        )
                        if not good:
                            receiver.bad_signatures += 1
                            self.send_response(401)
                            self.end_headers()
                            return
                    receiver.posts.append(
                        {
                            "headers": dict(self.headers),
                            "body": json.loads(body),
                            "at": time.time(),
                        }
                    )
                self.send_response(204)
                self.end_headers()

        return Handler

    def start(self) -> Receiver:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def ids(self) -> list[str]:
        with self.lock:
            return [p["body"]["id"] for p in self.posts]

    def wait_for(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.posts) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"received {len(self.posts)} of {count} within {timeout}s")
