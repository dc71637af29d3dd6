"""Wiring alerts into the collector process: config, store hook, worker, metrics."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from collector.alerts import metrics
from collector.alerts.config import AlertsConfig, load_alerts
from collector.alerts.outbox import AlertRecorder
from collector.alerts.worker import DeliveryWorker, Locks
from collector.schema import violations
from collector.settings import CollectorSettings
from collector.store import Store

log = logging.getLogger(__name__)

_gauges_registered = False


def check_alerts(settings: CollectorSettings) -> AlertsConfig | None:
    """Load the alerts file (a bad one stops the collector at start with one line)."""
    return load_alerts(settings.alerts_file) if settings.alerts_file else None


def attach(store: Store, config: AlertsConfig, poll_seconds: float = 1.0) -> DeliveryWorker:
    """Hook the recorder into ``store`` and build (not start) the delivery worker."""
    recorder = AlertRecorder(config)
    locks = Locks(read=store._read_lock, write=store._write_lock)
    worker = DeliveryWorker(config, store.engine, locks, recorder, poll_seconds=poll_seconds)
    recorder._notify = worker.notify
    store.on_violations = recorder.on_violations
    store.after_violations_commit = recorder.committed
    return worker


def open_violations(store: Store) -> list[tuple[str, str, str, int]]:
    """Violations open now by policy, alert severity and data type (from the store)."""
    query = select(
        violations.c.policy_key,
        violations.c.policy_name,
        violations.c.data_type,
        violations.c.sensitivity,
        func.count(),
    ).group_by(
        violations.c.policy_key,
        violations.c.policy_name,
        violations.c.data_type,
        violations.c.sensitivity,
    )
    counts: dict[tuple[str, str, str], int] = {}
    policies = store.policies
    with store._read_lock, store.engine.connect() as conn:
        for key, name, data_type, sensitivity, count in conn.execute(query):
            label = (str(name), policies.severity(str(key), int(sensitivity)), str(data_type))
            counts[label] = counts.get(label, 0) + int(count)
    return [(*label, n) for label, n in sorted(counts.items())]


def register_gauges(store: Store, worker: DeliveryWorker | None) -> None:
    """``sieve_policy_violations`` (always) and the outbox gauge (with alerts), once."""
    global _gauges_registered  # noqa: PLW0603 - one registration per process
    if _gauges_registered:
        return
    pending = worker.pending_by_sink if worker is not None else list
    metrics.register(metrics.ViolationGauges(lambda: open_violations(store), pending))
    _gauges_registered = True


def start_alerts(settings: CollectorSettings, store: Store) -> DeliveryWorker | None:
    """Start delivering when an alerts file is set; register the violation gauges."""
    config = check_alerts(settings)
    worker = None
    if config is not None:
        worker = attach(store, config, settings.alerts_poll_seconds)
        worker.start()
        log.info("alerts on", extra={"sinks": [s.name for s in config.sinks]})
    register_gauges(store, worker)
    return worker
