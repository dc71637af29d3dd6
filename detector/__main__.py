"""Entry point of sieve-detector: the detection API under uvicorn, plus the ops server."""

from __future__ import annotations

import asyncio
import sys
import threading

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from common.service import Runtime, run_service
from common.settings import ConfigError, env_name
from detector.settings import DetectorSettings


class _HeaderDeadline(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol, closing connections whose request headers are late or
    too large.

    uvicorn times out idle keep-alive connections only after a first response, and its
    httptools parser keeps header bytes without a bound: a new connection, or one sending
    its headers a byte at a time or without end, would be held (and grow) forever.
    """

    header_timeout = 10.0
    max_header_bytes = 65_536
    _header_timer: asyncio.TimerHandle | None = None
    _awaiting_headers = True
    _header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._awaiting_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if self._awaiting_headers and self._header_bytes > self.max_header_bytes:
            self._refuse()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._awaiting_headers = True
        if self._header_timer is None:  # a further request on a kept-alive connection
            self._arm()

    def on_headers_complete(self) -> None:
        self._awaiting_headers = False
        self._header_bytes = 0
        self._disarm()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._awaiting_headers = True  # what comes next is the next request's head

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(self.header_timeout, self._late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _late(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def _refuse(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(_TOO_LARGE)
            self.transport.close()


_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-length: 0\r\nconnection: close\r\n\r\n"
)


def header_deadline_protocol(seconds: float, max_bytes: int = 65_536) -> type[HttpToolsProtocol]:
    """The HTTP protocol class for uvicorn: request headers within ``seconds`` and
    ``max_bytes``."""
    return type(
        "HeaderDeadline",
        (_HeaderDeadline,),
        {"header_timeout": seconds, "max_header_bytes": max_bytes},
    )


def serve(settings: DetectorSettings, runtime: Runtime) -> None:
    """Serve the API until SIGTERM/SIGINT; the model loads in the background."""
    from detector.api import create_app  # scikit-learn loads only once settings are valid

    app = create_app(settings, health=runtime.health)
    config = uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
        http=header_deadline_protocol(settings.header_timeout_seconds, settings.max_header_bytes),
        log_config=None,  # keep the JSON logging set up by run_service
        access_log=False,
        use_colors=False,
        timeout_graceful_shutdown=int(settings.shutdown_grace_seconds),
    )
    server = uvicorn.Server(config)

    def watch_shutdown() -> None:
        runtime.shutdown.wait()
        server.should_exit = True

    threading.Thread(target=watch_shutdown, name="shutdown-watch", daemon=True).start()
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind
        raise ConfigError(
            f"cannot listen on {settings.http_host}:{settings.http_port}; "
            f"set {env_name(DetectorSettings, 'http_port')} to a free port"
        ) from None


def main() -> int:
    """Run the service."""
    return run_service("detector", DetectorSettings, serve)


if __name__ == "__main__":
    sys.exit(main())
