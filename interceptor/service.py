"""The interceptor service: discovery → live capture → Kafka, with metrics and health."""

from __future__ import annotations

import logging
import time

from prometheus_client import REGISTRY

from common.service import Runtime
from common.settings import ConfigError
from interceptor.discovery import PodDirectory, route_interfaces
from interceptor.live import LiveCapture
from interceptor.metrics import InterceptorCollector
from interceptor.settings import InterceptorSettings
from interceptor.sink import KafkaSink

log = logging.getLogger(__name__)

_LIVENESS_SECONDS = 30.0


def wanted_interfaces(
    settings: InterceptorSettings, pods: PodDirectory | None
) -> tuple[dict[str, set[str]], list[str]]:
    """Interfaces from the settings plus those routing to this node's pods; unrouted IPs."""
    mapping = {iface: set(ips) for iface, ips in settings.interfaces.items()}
    missing: list[str] = []
    if pods is not None:
        found, missing = route_interfaces(sorted(pods.ips()))
        for iface, ips in found.items():
            mapping.setdefault(iface, set()).update(ips)
    return mapping, missing


def run(settings: InterceptorSettings, runtime: Runtime) -> None:
    """Capture until shutdown is requested."""
    if settings.discover_pods and not settings.node_name:
        raise ConfigError(
            "invalid setting NODE_NAME: empty; set it from the downward API "
            "(spec.nodeName), or set SIEVE_INTERCEPTOR_DISCOVER_PODS=false and list "
            "SIEVE_INTERCEPTOR_INTERFACES by hand"
        )
    sink = KafkaSink(settings)
    live = LiveCapture(settings, on_exchange=sink.send, on_idle=sink.poll)
    collector = InterceptorCollector(live, sink)
    REGISTRY.register(collector)
    pods = PodDirectory(settings) if settings.discover_pods else None
    runtime.health.add_liveness(
        "capture", lambda: live.running and time.monotonic() - live.heartbeat < _LIVENESS_SECONDS
    )
    runtime.health.add_readiness("capture", lambda: live.running)
    if pods is not None:
        pods.start()
    live.start()
    current: dict[str, set[str]] | None = None
    warned_missing: set[str] = set()
    try:
        while not runtime.shutdown.requested:
            try:
                mapping, missing = wanted_interfaces(settings, pods)
            except Exception:  # netlink trouble: keep what we capture, try again
                log.warning("interface discovery failed", exc_info=True)
                mapping, missing = current or {}, []
            new_missing = set(missing) - warned_missing
            if new_missing:
                log.warning("pod IPs without a direct route", extra={"ips": sorted(new_missing)})
                warned_missing |= new_missing
            if mapping != current:
                live.set_interfaces(mapping)
                if not mapping:
                    log.warning("no interfaces to capture (no local pods found yet)")
                else:
                    log.info(
                        "capturing",
                        extra={"interfaces": {k: sorted(v) for k, v in sorted(mapping.items())}},
                    )
                current = mapping
            runtime.shutdown.wait(settings.discovery_interval_seconds)
    finally:
        live.stop()
        if pods is not None:
            pods.stop()
        left = sink.flush(settings.shutdown_grace_seconds)
        if left:
            log.warning("exchanges not delivered at shutdown", extra={"count": left})
        REGISTRY.unregister(collector)
