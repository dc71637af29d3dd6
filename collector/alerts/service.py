"""Wiring alerts into the collector process: config, store hook, worker, metrics."""

from __future__ import annotations

import logging

from collector.alerts import metrics
from collector.alerts.config import AlertsConfig, load_alerts
from collector.alerts.outbox import AlertRecorder
from collector.alerts.worker import DeliveryWorker, Locks, open_violations
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


def start_alerts(settings: CollectorSettings, store: Store) -> DeliveryWorker | None:
    """Start delivering when an alerts file is set; register the violation gauges."""
    global _gauges_registered  # noqa: PLW0603 - one registration per process
    config = check_alerts(settings)
    if config is None:
        return None
    worker = attach(store, config, settings.alerts_poll_seconds)
    worker.start()
    if not _gauges_registered:
        metrics.register(
            metrics.ViolationGauges(
                lambda: open_violations(store.engine, worker.locks), worker.pending_by_sink
            )
        )
        _gauges_registered = True
    log.info("alerts on", extra={"sinks": [s.name for s in config.sinks]})
    return worker
