"""Live sessions: the dashboard's own port is never captured; stopping stores the rest."""

from __future__ import annotations

import pytest

from collector.store import Store
from digger.identities import StaticIdentities
from standalone.live import start_live
from standalone.settings import StandaloneSettings
from tests.standalone.helpers import NAMES, exchange, keyword_detect


def test_own_ports_are_excluded_and_stop_stores_what_was_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SIEVE_INTERCEPTOR_EXCLUDED_PORTS", "[9999]")
    store = Store("sqlite://")
    store.migrate()
    session = start_live(
        StandaloneSettings(),
        {"svd-no-such-if": {"10.252.50.1"}},  # cannot be opened: counted, not fatal
        StaticIdentities.from_mapping(NAMES),
        store,
        exclude_ports=(8765,),
        detect=keyword_detect,
    )
    try:
        settings = session.capture.settings
        assert sorted(settings.excluded_ports) == [8765, 9999]
        assert settings.capture_buffer_bytes == StandaloneSettings().capture_buffer_bytes
        assert session.pipeline.offer(exchange(request={"email": "a@b.example"}))
    finally:
        session.stop()
    assert session.exchanges == 1
    assert [e.path_template for e in store.endpoints()] == ["/orders"]
