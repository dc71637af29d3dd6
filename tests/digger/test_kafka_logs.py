"""librdkafka's own log lines reach the digger's JSON logs, never raw stderr (`kubectl logs`)."""

from __future__ import annotations

import logging
import time

import pytest

from digger.cluster import PodsPublisher
from digger.settings import DiggerSettings


def test_broker_errors_are_log_records_not_raw_stderr(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
):
    settings = DiggerSettings.model_validate(
        {
            "kafka_bootstrap_servers": "127.0.0.1:1",  # nothing listens there
            "identity_source": "static",
            "identities_file": "/dev/null",
            "ingest_insecure": True,
        }
    )
    caplog.set_level(logging.DEBUG, logger="digger.cluster")
    publisher = PodsPublisher(settings)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(
        "127.0.0.1:1" in r.getMessage() for r in caplog.records
    ):
        publisher._producer.poll(0.5)
    assert any("127.0.0.1:1" in r.getMessage() for r in caplog.records)
    assert "%3|" not in capfd.readouterr().err
