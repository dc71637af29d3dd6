"""Who may read the dashboard and the JSON API (``SIEVE_COLLECTOR_HTTP_AUTH``).

- ``none``: anyone who reaches the port (inside a cluster behind a NetworkPolicy).
- ``basic``: HTTP basic auth against ``USER:PASSWORD`` lines of HTTP_AUTH_FILE; browsers ask.
- ``token``: ``Authorization: Bearer TOKEN`` against the lines of HTTP_AUTH_FILE (API clients).
- ``header``: a trusted header set by an authenticating proxy in front (oauth2-proxy's
  ``X-Forwarded-User`` by default); only safe when nothing else can reach the port.

The file is re-read when it changes, so credentials rotate without a restart. ``/healthz``
stays open for probes.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from common.settings import ConfigError

log = logging.getLogger(__name__)

AuthMode = Literal["none", "basic", "token", "header"]
OPEN_PATHS = frozenset({"/healthz"})


@dataclass(frozen=True)
class Denied:
    """Why a request was refused, and the challenge to send with the 401."""

    challenge: str | None


class HttpAuth:
    """Checks the ``Authorization`` (or trusted) header of each request."""

    def __init__(self, mode: AuthMode, path: Path | None = None, header: str = "") -> None:
        self.mode = mode
        self._path = path
        self._header = header.lower()
        self._lock = threading.Lock()
        self._secrets: list[bytes] = []
        self._mtime: float | None = None
        if mode in ("basic", "token"):
            if path is None:
                raise ConfigError(
                    f"SIEVE_COLLECTOR_HTTP_AUTH={mode} needs SIEVE_COLLECTOR_HTTP_AUTH_FILE"
                )
            self._reload()
            if not self._secrets:
                raise ConfigError(f"SIEVE_COLLECTOR_HTTP_AUTH_FILE {path} holds no credential")
        if mode == "header" and not self._header:
            raise ConfigError("SIEVE_COLLECTOR_HTTP_AUTH=header needs HTTP_AUTH_HEADER")

    def _reload(self) -> None:
        assert self._path is not None
        try:
            stat = self._path.stat()
            if stat.st_mtime == self._mtime:
                return
            lines = self._path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            if self._mtime is None:
                raise ConfigError(
                    f"cannot read SIEVE_COLLECTOR_HTTP_AUTH_FILE {self._path}: {exc.strerror}"
                ) from None
            log.warning("http auth file unreadable, keeping the previous credentials")
            return
        entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        if self.mode == "basic":
            entries = [e for e in entries if ":" in e]
        self._secrets = [e.encode() for e in entries]
        self._mtime = stat.st_mtime

    def _known(self, given: bytes) -> bool:
        with self._lock:
            self._reload()
            secrets = list(self._secrets)
        ok = False
        for secret in secrets:
            ok |= hmac.compare_digest(secret, given)
        return ok and bool(given)

    def check(self, path: str, headers: dict[str, str]) -> Denied | None:
        """None when the request may proceed; ``headers`` has lower-case names."""
        if self.mode == "none" or path in OPEN_PATHS:
            return None
        if self.mode == "header":
            return None if headers.get(self._header, "").strip() else Denied(None)
        scheme, _, value = headers.get("authorization", "").partition(" ")
        value = value.strip()
        if self.mode == "token":
            ok = scheme.lower() == "bearer" and self._known(value.encode())
            return None if ok else Denied('Bearer realm="sieve"')
        try:
            decoded = base64.b64decode(value, validate=True) if scheme.lower() == "basic" else b""
        except (binascii.Error, ValueError):
            decoded = b""
        return None if self._known(decoded) else Denied('Basic realm="sieve", charset="UTF-8"')
