"""The processor's counters are exported on /metrics."""

from __future__ import annotations

from prometheus_client import REGISTRY, generate_latest

from digger.identities import StaticIdentities
from digger.metrics import register_processor
from digger.pipeline import ExchangeProcessor
from digger.settings import DiggerSettings
from tests.digger.exchanges import make_exchange
from tests.digger.standin import standin_detect


def test_processor_counters_are_exported():
    settings = DiggerSettings.model_validate({"body_max_bytes": 1024})
    p = ExchangeProcessor(settings, StaticIdentities(), standin_detect)
    unregister = register_processor(lambda: p)
    try:
        p.process(make_exchange(request={"a": "x" * 2000}))
        p.process(make_exchange(request={"email": "a@b.org"}))
        p.flush()
        text = generate_latest(REGISTRY).decode()
        assert "digger_consumed_total 2.0" in text
        assert "digger_bodies_too_large_total 1.0" in text
        assert "digger_sampled_new_total 1.0" in text
        assert "digger_template_prefixes_evicted_total 0.0" in text
    finally:
        unregister()
    assert "digger_consumed_total" not in generate_latest(REGISTRY).decode()
