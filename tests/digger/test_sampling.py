"""Sampling decisions: new schemas always, known ones rate-limited and adaptive."""

from __future__ import annotations

from digger.sampling import Decision, Sampler


def test_new_schemas_always_then_rate_limited():
    s = Sampler(rate=1.0, burst=2.0)
    assert s.decide("ep", 1, now=0.0) is Decision.NEW_SCHEMA
    assert s.decide("ep", 2, now=0.0) is Decision.NEW_SCHEMA
    got = [s.decide("ep", 1, now=0.0) for _ in range(5)]
    assert got == [Decision.SAMPLED, Decision.SAMPLED] + [Decision.SKIPPED] * 3
    assert s.decide("ep", 1, now=1.0) is Decision.SAMPLED  # one token per second
    assert s.decide("ep", 1, now=1.0) is Decision.SKIPPED
    assert s.decide("other", 1, now=1.0) is Decision.NEW_SCHEMA
    assert (s.stats.seen, s.stats.sampled_new, s.stats.sampled_rate, s.stats.skipped) == (
        10,
        3,
        3,
        4,
    )


def test_disabled_sampling_detects_everything():
    s = Sampler(enabled=False)
    decisions = [s.decide("ep", 1, now=0.0) for _ in range(100)]
    assert decisions.count(Decision.SKIPPED) == 0


def test_rate_adapts_to_lag_and_latency():
    s = Sampler(rate=10.0, burst=1.0, min_factor=0.1, lag_high=100, latency_high=0.5)
    assert s.observe(lag=1000) == 0.5
    assert s.observe(detector_latency=2.0) == 0.25
    for _ in range(5):
        s.observe(lag=1000)
    assert s.factor == 0.1
    s.decide("ep", 1, now=0.0)
    s.decide("ep", 1, now=0.0)  # uses the burst token
    # at factor 0.1 a token takes 1 s instead of 0.1 s
    assert s.decide("ep", 1, now=0.5) is Decision.SKIPPED
    assert s.decide("ep", 1, now=1.2) is Decision.SAMPLED
    # a fast detector does not hide a lag that is still high
    assert s.observe(lag=1000, detector_latency=0.01) == 0.1
    assert s.observe(detector_latency=0.01) == 0.1
    for _ in range(30):
        s.observe(lag=0, detector_latency=0.01)
    assert s.factor == 1.0


def test_forget_and_window_reset_make_schemas_new_again():
    s = Sampler()
    assert s.decide("ep", 1, now=0.0) is Decision.NEW_SCHEMA
    s.forget("ep", 1)
    assert s.decide("ep", 1, now=0.0) is Decision.NEW_SCHEMA
    s.reset_known()
    assert s.decide("ep", 1, now=0.0) is Decision.NEW_SCHEMA


def test_memory_is_bounded():
    s = Sampler(max_known=10, max_endpoints=10)
    for i in range(100):
        s.decide(f"ep{i}", 1, now=0.0)
        s.decide(f"ep{i}", 1, now=0.0)
    assert len(s._known) <= 10
    assert len(s._buckets) <= 10
