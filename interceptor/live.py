"""Live capture: raw sockets on the pod interfaces, one thread running the core.

`LiveCapture.set_interfaces` may be called at any time from any thread: the capture
thread opens captures for new interfaces and closes the ones no longer listed, without
a restart. ``on_exchange`` runs on the capture thread and must not block (the Kafka sink
only queues).
"""

from __future__ import annotations

import contextlib
import logging
import select
import threading
import time
from collections import Counter
from collections.abc import Callable

from interceptor.capture import RawCapture
from interceptor.core import Core
from interceptor.frames import LINKTYPE_ETHERNET
from interceptor.settings import InterceptorSettings
from interceptor.wire import EncodedExchange

log = logging.getLogger(__name__)

_BATCH = 256
_POLL_MS = 100
_HOUSEKEEPING_SECONDS = 1.0
_REOPEN_SECONDS = 5.0


class LiveCapture:
    """Captures the listed interfaces and hands each finished exchange to ``on_exchange``.

    Counters for tests and metrics: ``core`` (packets, bytes, dropped by reason, active
    connections, exchanges), ``kernel_drops`` and ``kernel_packets`` per interface,
    ``interfaces`` (those captured now), ``callback_errors``.
    """

    def __init__(
        self,
        settings: InterceptorSettings,
        on_exchange: Callable[[EncodedExchange], object],
        on_idle: Callable[[], None] | None = None,
    ) -> None:
        self.settings = settings
        self.on_exchange = on_exchange
        self.on_idle = on_idle
        self.core = Core(settings, {})
        self.kernel_drops: Counter[str] = Counter()
        self.kernel_packets: Counter[str] = Counter()
        self.callback_errors = 0
        self.open_errors = 0
        self.heartbeat = time.monotonic()
        self._lock = threading.Lock()
        self._wanted: dict[str, frozenset[str]] = {}
        self._cluster_ips: frozenset[str] = frozenset()
        self._changed = True
        self._captures: dict[str, RawCapture] = {}
        self._applied: set[str] = set()
        self._failed_at: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- control (any thread) ------------------------------------------------------------
    def set_interfaces(
        self, mapping: dict[str, set[str]], cluster_ips: frozenset[str] = frozenset()
    ) -> None:
        """Capture exactly these interfaces; each maps to the local pod IPs behind it.

        ``cluster_ips``: other nodes' pod IPs, Service addresses and CIDRs (attribution).
        """
        wanted = {iface: frozenset(ips) for iface, ips in mapping.items()}
        with self._lock:
            if wanted != self._wanted or cluster_ips != self._cluster_ips:
                self._wanted = wanted
                self._cluster_ips = cluster_ips
                self._changed = True

    @property
    def interfaces(self) -> list[str]:
        """Interfaces captured now."""
        return sorted(self._captures)

    @property
    def running(self) -> bool:
        """The capture thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the capture thread."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="capture", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop capturing, end every connection (emitting what completed) and close sockets."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # --- capture thread -----------------------------------------------------------------
    def _run(self) -> None:
        poller = select.poll()
        by_fd: dict[int, RawCapture] = {}
        last_housekeeping = time.monotonic()
        try:
            while not self._stop.is_set():
                self.heartbeat = now_mono = time.monotonic()
                if self._changed or (
                    self._failed_at and now_mono - min(self._failed_at.values()) > _REOPEN_SECONDS
                ):
                    self._apply(poller, by_fd)
                for fd, _ev in poller.poll(_POLL_MS):
                    cap = by_fd.get(fd)
                    if cap is not None:
                        self._drain(cap, poller, by_fd)
                if now_mono - last_housekeeping >= _HOUSEKEEPING_SECONDS:
                    last_housekeeping = now_mono
                    self._housekeeping()
                if self.on_idle is not None:
                    self.on_idle()
        except Exception:
            log.exception("capture loop failed")
            raise
        finally:
            for cap in list(self._captures.values()):
                cap.close()
            self._captures.clear()
            self.core.close_all()
            self._deliver()

    def _drain(self, cap: RawCapture, poller: select.poll, by_fd: dict[int, RawCapture]) -> None:
        feed_many = self.core.feed_many
        iface = cap.iface
        try:
            for _ in range(16):  # bounded, so other interfaces get their turn
                frames = cap.read_batch(_BATCH)
                if not frames:
                    break
                feed_many(iface, LINKTYPE_ETHERNET, [time.time()] * len(frames), frames)
                self._deliver()
                if len(frames) < _BATCH:
                    break
        except OSError as exc:  # the interface went away
            log.warning("capture failed", extra={"interface": iface, "error": str(exc)})
            self._close(iface, poller, by_fd)
            self._failed_at[iface] = time.monotonic()

    def _deliver(self) -> None:
        if not self.core.exchanges_pending:
            return
        for rec in self.core.take_encoded():
            try:
                self.on_exchange(rec)
            except Exception:
                self.callback_errors += 1
                log.debug("on_exchange failed", exc_info=True)

    def _housekeeping(self) -> None:
        for iface, cap in self._captures.items():
            try:
                packets, drops = cap.update_stats()
            except OSError:
                continue
            self.kernel_packets[iface] += packets
            if drops:
                self.kernel_drops[iface] += drops
        self.core.expire(time.time())
        self._deliver()

    def _apply(self, poller: select.poll, by_fd: dict[int, RawCapture]) -> None:
        with self._lock:
            wanted = dict(self._wanted)
            cluster_ips = self._cluster_ips
            self._changed = False
        for iface in sorted((set(self._captures) | self._applied) - set(wanted)):
            self._close(iface, poller, by_fd)
            log.info("capture stopped", extra={"interface": iface})
        self._applied = set(wanted)
        self._failed_at = {i: t for i, t in self._failed_at.items() if i in wanted}
        self.core.set_local_ips({i: set(ips) for i, ips in wanted.items()}, cluster_ips)
        self._deliver()
        for iface, ips in wanted.items():
            if iface in self._captures:
                continue
            try:
                cap = RawCapture(
                    iface, self.settings.capture_buffer_bytes, self.settings.snap_bytes
                )
            except OSError as exc:
                self.open_errors += 1
                self._failed_at[iface] = time.monotonic()
                log.warning("cannot capture", extra={"interface": iface, "error": str(exc)})
                continue
            self._failed_at.pop(iface, None)
            self._captures[iface] = cap
            by_fd[cap.fileno()] = cap
            poller.register(cap.fileno(), select.POLLIN)
            log.info("capture started", extra={"interface": iface, "ips": sorted(ips)})

    def _close(self, iface: str, poller: select.poll, by_fd: dict[int, RawCapture]) -> None:
        cap = self._captures.pop(iface, None)
        if cap is None:
            return
        fd = cap.fileno()
        by_fd.pop(fd, None)
        with contextlib.suppress(KeyError, ValueError):
            poller.unregister(fd)
        cap.close()
