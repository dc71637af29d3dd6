"""Sending rendered alerts: HTTP POST, syslog over TCP/TLS, JSON lines (the IO side)."""

from __future__ import annotations

import os
import socket
import ssl
import sys
import threading
import time
from datetime import UTC, datetime
from typing import IO, Any, Protocol

import httpx

from collector.alerts import formats
from collector.alerts.config import (
    JsonLinesSink,
    PagerDutySink,
    SlackSink,
    SyslogSink,
    TeamsSink,
    WebhookSink,
)
from collector.alerts.config import Sink as SinkConfig


class DeliveryError(Exception):
    """The receiver did not take the alert; the message (no secrets) is stored as last_error."""


class Transport(Protocol):
    """Delivers one event or raises `DeliveryError`."""

    def send(self, event: dict[str, Any]) -> None:
        """Deliver ``event``."""

    def close(self) -> None:
        """Release connections."""


class HttpTransport:
    """POST to a webhook URL (generic, Slack, Teams, PagerDuty)."""

    def __init__(
        self, config: WebhookSink | SlackSink | TeamsSink | PagerDutySink, dashboard_url: str
    ) -> None:
        self.config = config
        self.dashboard_url = dashboard_url
        self._client = httpx.Client(timeout=config.timeout_seconds, follow_redirects=False)

    def render(self, event: dict[str, Any], now: int) -> tuple[bytes, dict[str, str]]:
        """Body and headers for ``event``."""
        c = self.config
        json_headers = {"Content-Type": "application/json"}
        if isinstance(c, WebhookSink):
            key = c.hmac_key.get_secret_value().encode() if c.hmac_key else None
            return formats.webhook(event, self.dashboard_url, key, now)
        if isinstance(c, SlackSink):
            return formats.slack(event, self.dashboard_url), json_headers
        if isinstance(c, TeamsSink):
            return formats.teams(event, self.dashboard_url), json_headers
        assert c.routing_key is not None
        body = formats.pagerduty(event, self.dashboard_url, c.routing_key.get_secret_value())
        return body, json_headers

    def send(self, event: dict[str, Any]) -> None:
        """POST the rendered event; any 2xx is success."""
        body, headers = self.render(event, int(time.time()))
        try:
            # Streamed and closed unread: a receiver's answer body is never loaded.
            with self._client.stream(
                "POST", self.config.target, content=body, headers=headers
            ) as response:
                status = response.status_code
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{type(exc).__name__}") from None
        if not 200 <= status < 300:
            raise DeliveryError(f"HTTP {status}")

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


class SyslogTransport:
    """RFC 5424 over one persistent TCP (or TLS) connection, reconnected after an error."""

    def __init__(self, config: SyslogSink) -> None:
        self.config = config
        self._sock: socket.socket | None = None
        self._hostname = socket.gethostname()

    def _connect(self) -> socket.socket:
        c = self.config
        sock = socket.create_connection((c.host, c.port), timeout=c.timeout_seconds)
        if c.tls:
            context = ssl.create_default_context(cafile=str(c.ca_file) if c.ca_file else None)
            sock = context.wrap_socket(sock, server_hostname=c.host)
        return sock

    def send(self, event: dict[str, Any]) -> None:
        """Send one octet-counted message."""
        message = formats.syslog(
            event,
            facility=self.config.facility,
            app_name=self.config.app_name,
            hostname=self._hostname,
            now=datetime.now(UTC),
        )
        try:
            if self._sock is None:
                self._sock = self._connect()
            self._sock.sendall(message)
        except (OSError, ssl.SSLError) as exc:
            self.close()
            raise DeliveryError(f"syslog: {type(exc).__name__}") from None

    def close(self) -> None:
        """Close the connection."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None


class JsonLinesTransport:
    """Append one JSON line per event to a file (flushed and fsynced) or stdout."""

    _stdout_lock = threading.Lock()

    def __init__(self, config: JsonLinesSink, dashboard_url: str) -> None:
        self.config = config
        self.dashboard_url = dashboard_url
        self._file: IO[bytes] | None = None

    def send(self, event: dict[str, Any]) -> None:
        """Write the line."""
        line = formats.json_line(event, self.dashboard_url)
        try:
            if self.config.path == "-":
                with self._stdout_lock:
                    sys.stdout.buffer.write(line)
                    sys.stdout.buffer.flush()
                return
            if self._file is None:
                self._file = open(self.config.path, "ab")  # noqa: SIM115 - kept open
            self._file.write(line)
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            self.close()
            raise DeliveryError(f"jsonl: {exc.strerror}") from None

    def close(self) -> None:
        """Close the file."""
        if self._file is not None:
            self._file.close()
            self._file = None


def transport_for(config: SinkConfig, dashboard_url: str) -> Transport:
    """The transport of a configured sink."""
    if isinstance(config, SyslogSink):
        return SyslogTransport(config)
    if isinstance(config, JsonLinesSink):
        return JsonLinesTransport(config, dashboard_url)
    return HttpTransport(config, dashboard_url)
