"""Entry point of sieve-detector: the detection API under uvicorn, plus the ops server."""

from __future__ import annotations

import sys
import threading

import uvicorn

from common.service import Runtime, run_service
from common.settings import ConfigError, env_name
from detector.settings import DetectorSettings


def serve(settings: DetectorSettings, runtime: Runtime) -> None:
    """Serve the API until SIGTERM/SIGINT; the model loads in the background."""
    from detector.api import create_app  # scikit-learn loads only once settings are valid

    app = create_app(settings, health=runtime.health)
    config = uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
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
