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


class ClusterAddresses:
    """The other cluster addresses for attribution: the settings' CIDRs and ``sieve.pods``.

    Rebuilt only when the pod directory changed; changes are logged as counts.
    """

    def __init__(self, settings: InterceptorSettings, pods: PodDirectory | None) -> None:
        self.pods = pods
        self.by_hand = frozenset(settings.cluster_cidrs)
        self.current = self.by_hand
        self._version = -1

    def refresh(self) -> bool:
        """Re-read the pod directory if it changed; True when the addresses changed."""
        if self.pods is None or self.pods.version == self._version:
            return False
        self._version = self.pods.version  # read first: a later change is seen next time
        fresh = self.by_hand | self.pods.cluster_ips()
        if fresh == self.current:
            return False
        added, removed = len(fresh - self.current), len(self.current - fresh)
        self.current = fresh
        log.info(
            "cluster addresses changed",
            extra={
                **self.pods.cluster_counts(),
                "by_hand": len(self.by_hand),
                "added": added,
                "removed": removed,
            },
        )
        return True


def _wait_for_directory(pods: PodDirectory | None, runtime: Runtime, limit: float) -> None:
    """Let the pod directory read the topic to its end before capture starts.

    Otherwise connections seen before the other cluster addresses are known would be taken
    by the client's side and, being long-lived when pooled, reported twice while they last.
    """
    if pods is None:
        return
    deadline = time.monotonic() + limit
    while not pods.caught_up.is_set() and not runtime.shutdown.requested:
        if time.monotonic() >= deadline:
            log.warning("pods topic not read to its end in time; capturing anyway")
            return
        pods.caught_up.wait(0.2)


def _log_capturing(mapping: dict[str, set[str]]) -> None:
    if not mapping:
        log.warning("no interfaces to capture (no local pods found yet)")
    else:
        log.info(
            "capturing",
            extra={"interfaces": {k: sorted(v) for k, v in sorted(mapping.items())}},
        )


def run(settings: InterceptorSettings, runtime: Runtime) -> None:
    """Capture until shutdown is requested."""
    if settings.discover_pods and not settings.node_name:
        raise ConfigError(
            "invalid setting NODE_NAME: empty; set it from the downward API "
            "(spec.nodeName), or set SIEVE_INTERCEPTOR_DISCOVER_PODS=false and list "
            "SIEVE_INTERCEPTOR_INTERFACES by hand"
        )
    pods = PodDirectory(settings) if settings.discover_pods else None
    sink = KafkaSink(settings, placements=pods.placements() if pods is not None else None)
    live = LiveCapture(settings, on_exchange=sink.send, on_idle=sink.poll)
    collector = InterceptorCollector(live, sink)
    REGISTRY.register(collector)
    runtime.health.add_liveness(
        "capture", lambda: live.running and time.monotonic() - live.heartbeat < _LIVENESS_SECONDS
    )
    runtime.health.add_readiness("capture", lambda: live.running)
    if pods is not None:
        pods.start()
    live.start()
    current: dict[str, set[str]] | None = None
    cluster = ClusterAddresses(settings, pods)
    if cluster.by_hand:
        log.info("cluster addresses by hand", extra={"cidrs": sorted(cluster.by_hand)})
    warned_missing: set[str] = set()
    try:
        sink.refresh_partitions()
        _wait_for_directory(pods, runtime, settings.pods_catch_up_seconds)
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
            cluster_changed = cluster.refresh()
            sink.refresh_partitions()  # placements apply below the topic's partition count
            if mapping != current or cluster_changed:
                live.set_interfaces(mapping, cluster.current)
            if mapping != current:
                _log_capturing(mapping)
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
