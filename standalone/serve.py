"""The dashboard on the results: the collector's API and web app, on loopback by default."""

from __future__ import annotations

import logging
import socket

from prometheus_client import make_asgi_app

from collector.http_server import HttpServer, start_http
from collector.policies import PolicySet
from collector.store import Store
from collector.web import create_app
from common.settings import ConfigError


def serve_dashboard(
    store: Store, host: str, port: int, policies: PolicySet | None = None
) -> HttpServer:
    """Serve the dashboard and API over ``store`` in a background thread.

    Raises `ConfigError` with one line when the address cannot be bound.
    """
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    probe = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as exc:
        raise ConfigError(
            f"cannot serve the dashboard on {host}:{port}: {exc.strerror}; "
            "choose another with --port"
        ) from None
    finally:
        probe.close()
    app = create_app(store, policies)
    app.mount("/metrics", make_asgi_app())  # the standalone's counters (queue drops, ...)
    return start_http(app, host, port)


def url_of(host: str, port: int) -> str:
    """The address a browser opens."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
