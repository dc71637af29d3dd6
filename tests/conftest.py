"""Shared fixtures: a real Kafka broker for the session, and root/netns gating."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import kafka_dev


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[kafka_dev.Broker]:
    """A real single-node Apache Kafka (KRaft) on 127.0.0.1, for the whole session.

    Set SIEVE_TEST_KAFKA=host:port to use a broker that is already running instead.
    """
    external = os.environ.get("SIEVE_TEST_KAFKA")
    if external:
        host, _, port = external.rpartition(":")
        assert host in ("127.0.0.1", "localhost"), "tests only talk to loopback"
        yield kafka_dev.Broker(process=None, port=int(port), workdir=Path("."))  # type: ignore[arg-type]
        return
    broker = kafka_dev.start(tmp_path_factory.mktemp("kafka"))
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def kafka_bootstrap(kafka_broker: kafka_dev.Broker) -> str:
    """Bootstrap servers of the session's broker."""
    return kafka_broker.bootstrap


@pytest.fixture
def unique_topic() -> str:
    """A topic name no other test uses."""
    return f"test.{uuid.uuid4().hex[:12]}"


def _is_root() -> bool:
    return os.geteuid() == 0


requires_root = pytest.mark.skipif(not _is_root(), reason="needs root for network namespaces")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI a test skipped for a missing tool ("needs …") fails: a setup step forgot it.

    A clean machine must install everything the tests use, so a silent skip would hide a
    missing install step behind a green run. Skips by design (cached sources, a node build
    that only runs on request) give other reasons and stay skips.
    """
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if not os.environ.get("CI") or not report.skipped or not isinstance(report.longrepr, tuple):
        return
    reason = str(report.longrepr[2]).removeprefix("Skipped: ")
    if reason.startswith("needs "):
        report.outcome = "failed"
        report.longrepr = (
            f"CI skipped a test for a missing tool ({reason}): install it in .ci/setup.d"
        )
