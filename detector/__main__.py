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
    """uvicorn's HTTP/1.1 protocol, closing connections whose request headers are late.

    uvicorn times out idle keep-alive connections only after a first response; a new
    connection, or one sending its headers a byte at a time, would be held forever.
    """

    header_timeout = 10.0
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_timer is None:  # a further request on a kept-alive connection
            self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

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


def header_deadline_protocol(seconds: float) -> type[HttpToolsProtocol]:
    """The HTTP protocol class for uvicorn with a ``seconds`` request-header deadline."""
    return type("HeaderDeadline", (_HeaderDeadline,), {"header_timeout": seconds})


def serve(settings: DetectorSettings, runtime: Runtime) -> None:
    """Serve the API until SIGTERM/SIGINT; the model loads in the background."""
    from detector.api import create_app  # scikit-learn loads only once settings are valid

    app = create_app(settings, health=runtime.health)
    config = uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
        http=header_deadline_protocol(settings.header_timeout_seconds),
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
