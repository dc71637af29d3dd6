"""A STAND-IN for the detector, for tests and benchmarks only.

It implements the documented detector contract (`POST /v1/detect`, issue "Detector",
section 4) with a few trivial rules computed from each document (e-mail regex, Luhn card
numbers, password keys), so that the digger can be tested before and without the real
detector service. It is not the detector and finds far less.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")


@dataclass(frozen=True)
class StandinDetection:
    """Same attributes as the engine's FieldDetection."""

    path: str
    type: str
    sensitivity: str
    confidence: float


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _walk(value: Any, path: str, key: str, out: dict[tuple[str, str], StandinDetection]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, f"{path}.{k}", str(k), out)
    elif isinstance(value, list):
        for v in value:
            _walk(v, path + "[*]", key, out)
    elif isinstance(value, str):
        found: tuple[str, str, float] | None = None
        if _EMAIL.match(value):
            found = ("email", "medium", 0.99)
        elif "password" in key.lower():
            found = ("password", "high", 0.9)
        elif value.isdigit() and 13 <= len(value) <= 19 and _luhn(value):
            found = ("credit_card", "high", 0.95)
        if found:
            out[(path, found[0])] = StandinDetection(path, *found)


def standin_detect(documents: list[Any]) -> list[list[StandinDetection]]:
    """Detections per document, like the engine's batch call."""
    results = []
    for doc in documents:
        out: dict[tuple[str, str], StandinDetection] = {}
        _walk(doc, "$", "", out)
        results.append(list(out.values()))
    return results


class StandinDetectorServer:
    """The stand-in behind a real HTTP server on 127.0.0.1 (keep-alive, JSON)."""

    def __init__(self, port: int = 0) -> None:
        self.requests = 0
        self.documents = 0
        self.failing = False  # answer 503 while set
        self.poisoned = False  # answer 500 to detection, yet 200 to /readyz, while set
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # headers and body go out as two writes: without this, Nagle's algorithm holds
                # the body until the client's delayed ACK (~40 ms per request)
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                with owner._lock:
                    owner._connections.add(self.connection)

            def finish(self) -> None:
                with owner._lock:
                    owner._connections.discard(self.connection)
                super().finish()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                if self.path != "/v1/detect":
                    return self._send(404, {"detail": "not found"})
                if owner.failing:
                    return self._send(503, {"detail": "stand-in failing on purpose"})
                if owner.poisoned:
                    return self._send(500, {"detail": "stand-in poisoned on purpose"})
                try:
                    docs = json.loads(raw)["documents"]
                except (ValueError, KeyError, TypeError):
                    return self._send(400, {"detail": "bad request"})
                owner.requests += 1
                owner.documents += len(docs)
                found = standin_detect([d["body"] for d in docs])
                return self._send(
                    200,
                    {
                        "results": [
                            {"id": d["id"], "detections": [vars(x) for x in dets]}
                            for d, dets in zip(docs, found, strict=True)
                        ]
                    },
                )

            def do_GET(self) -> None:
                self._send(200 if not owner.failing else 503, {"ok": not owner.failing})

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> StandinDetectorServer:
        """Serve in a thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:  # also end keep-alive connections: a stopped server is down
            for conn in self._connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
