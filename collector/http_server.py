"""Runs the FastAPI app with uvicorn in a background thread (next to the gRPC server)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from common.settings import ConfigError


@dataclass
class HttpServer:
    """A running uvicorn server: its bound port, and how to stop it."""

    server: uvicorn.Server
    thread: threading.Thread
    port: int

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to exit and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout)


def start_http(app: FastAPI, host: str, port: int, ready_timeout: float = 10.0) -> HttpServer:
    """Bind ``host:port`` (0 picks a free port), serve ``app`` in a daemon thread.

    Raises `ConfigError` when the address cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"cannot serve HTTP on {host}:{port}: {exc.strerror}; "
            "set SIEVE_COLLECTOR_HTTP_PORT to a free port"
        ) from None
    sock.listen(128)
    bound = int(sock.getsockname()[1])
    config = uvicorn.Config(
        app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=5
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="http", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + ready_timeout
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    return HttpServer(server=server, thread=thread, port=bound)
