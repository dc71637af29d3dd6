"""A JSON HTTP/1.1 server run inside a test pod: ``python pod_server.py PORT``."""

from __future__ import annotations

import gzip
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def large_doc() -> bytes:
    """A JSON document of ~60 KB (many segments, GSO frames)."""
    return json.dumps(
        {"rows": [{"n": i, "email": f"user{i}@example.org"} for i in range(1500)]}
    ).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "application/json",
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status not in (204, 304):
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/users/"):
            self._send(
                200, json.dumps({"id": path.rsplit("/", 1)[1], "email": "a@example.org"}).encode()
            )
        elif path == "/gzip":
            self._send(200, gzip.compress(b'{"zipped": true}'), extra={"Content-Encoding": "gzip"})
        elif path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (b'{"chun', b'ked": ', b"true}"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/large":
            self._send(200, large_doc())
        elif path == "/page":
            self._send(200, b"<html>not json</html>", ctype="text/html")
        elif path == "/metrics":
            self._send(200, b'{"excluded": true}')
        else:
            self._send(404, b'{"error": "not found"}')

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        self._send(201, json.dumps({"got": json.loads(body or b"null")}).encode())

    def do_PUT(self) -> None:
        self.do_POST()

    def do_DELETE(self) -> None:
        self._send(204, b"")

    def log_message(self, format: str, *args: object) -> None:
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1])), Handler).serve_forever()
