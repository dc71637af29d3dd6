"""Prometheus metrics of alerting: ``sieve_policy_violations`` and the delivery pipeline."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from prometheus_client import REGISTRY, Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

EVENTS = Counter(
    "sieve_policy_violation_events_total",
    "Alerts raised (violation opened, still open, resolved), by policy and severity.",
    ["policy", "severity", "state"],
)
DUPLICATES = Counter(
    "sieve_alert_duplicates_total",
    "Alerts not raised again because their event key was already in the outbox.",
)
PRUNED = Counter(
    "sieve_alert_pruned_total",
    "Alerts deleted from the outbox after retention_hours (delivered or expired ones only).",
)
DELIVERIES = Counter(
    "sieve_alert_deliveries_total",
    "Delivery attempts by sink and outcome (delivered, failed, expired).",
    ["sink", "outcome"],
)


class ViolationGauges(Collector):
    """``sieve_policy_violations{policy,severity,data_type}`` (open now) and
    ``sieve_alert_outbox_pending{sink}``, read from the database at scrape time."""

    def __init__(
        self,
        open_violations: Callable[[], Iterable[tuple[str, str, str, int]]],
        pending: Callable[[], Iterable[tuple[str, int]]],
    ) -> None:
        self._open = open_violations
        self._pending = pending

    def collect(self) -> Iterable[GaugeMetricFamily]:
        """The two gauges (empty when the database does not answer)."""
        violations = GaugeMetricFamily(
            "sieve_policy_violations",
            "Policy violations open now, by policy, severity and data type.",
            labels=["policy", "severity", "data_type"],
        )
        pending = GaugeMetricFamily(
            "sieve_alert_outbox_pending",
            "Alert deliveries waiting in the outbox, by sink.",
            labels=["sink"],
        )
        try:
            for policy, severity, data_type, count in self._open():
                violations.add_metric([policy, severity, data_type], count)
            for sink, count in self._pending():
                pending.add_metric([sink], count)
        except Exception:  # a scrape must not fail because the database is away
            log.debug("violation gauges unavailable", exc_info=True)
        yield violations
        yield pending


def register(gauges: ViolationGauges) -> None:
    """Register the gauges with the default registry (once per process)."""
    REGISTRY.register(gauges)
