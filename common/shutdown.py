"""Graceful shutdown on SIGTERM and SIGINT."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

log = logging.getLogger(__name__)


class Shutdown:
    """An event set by SIGTERM/SIGINT; loops poll ``requested`` or wait on it."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def install(self) -> Shutdown:
        """Install signal handlers (main thread only)."""
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self._event.is_set():
            log.warning("second signal, exiting now")
            raise SystemExit(1)
        log.info("shutdown requested", extra={"signal": signal.Signals(signum).name})
        self._event.set()

    def request(self) -> None:
        """Ask for shutdown from code (tests, fatal errors)."""
        self._event.set()

    @property
    def requested(self) -> bool:
        """True once shutdown was asked for."""
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until shutdown is asked for or ``timeout`` passes; return whether it was."""
        return self._event.wait(timeout)
