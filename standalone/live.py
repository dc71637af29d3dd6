"""Live capture into the pipeline, shared by ``sieve watch`` and ``sieve demo``."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from collector.store import Store
from common.settings import load_settings
from digger.identities import IdentityResolver
from digger.pipeline import DetectFn
from interceptor.live import LiveCapture
from interceptor.settings import InterceptorSettings
from standalone.pipeline import LivePipeline, Pipeline
from standalone.settings import StandaloneSettings

log = logging.getLogger(__name__)


@dataclass
class LiveSession:
    """A running capture feeding a running pipeline."""

    capture: LiveCapture
    pipeline: LivePipeline

    def stop(self) -> None:
        """Stop capturing (completed exchanges are handed over), then store the rest."""
        self.capture.stop()
        self.pipeline.stop()

    @property
    def captured(self) -> int:
        """Exchanges the capture completed so far."""
        return self.capture.core.exchanges_emitted

    @property
    def exchanges(self) -> int:
        """Exchanges analysed so far."""
        return self.pipeline.pipeline.exchanges


def start_live(
    settings: StandaloneSettings,
    interfaces: Mapping[str, set[str]],
    identities: IdentityResolver,
    store: Store,
    *,
    exclude_ports: tuple[int, ...] = (),
    detect: DetectFn | None = None,
) -> LiveSession:
    """Capture ``interfaces`` (each mapped to the local IPs behind it; empty: any) and
    analyse what they carry; the detector loads in the pipeline's thread meanwhile.

    ``exclude_ports`` (e.g. the dashboard's own) are added to the interceptor's excluded
    server ports, so Sieve does not report its own API traffic. ``detect`` replaces the
    in-process detector engine (tests)."""
    base = load_settings(InterceptorSettings, discover_pods=False)
    isettings = base.model_copy(
        update={
            "capture_buffer_bytes": settings.capture_buffer_bytes,
            "excluded_ports": sorted({*base.excluded_ports, *exclude_ports}),
        }
    )
    live = LivePipeline(Pipeline(settings, identities, store, detect=detect))
    live.start()
    capture = LiveCapture(isettings, lambda rec: live.offer(rec.parse()))
    capture.set_interfaces({iface: set(ips) for iface, ips in interfaces.items()})
    capture.start()
    return LiveSession(capture, live)
