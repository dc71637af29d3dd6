"""Distributions and endpoint aggregates."""

from __future__ import annotations

import random

from digger.aggregate import Distribution, EndpointAgg, status_class
from protos.sieve.v1 import metadata_pb2 as md


def test_distribution_summary_and_p99():
    d = Distribution()
    values = [float(v) for v in range(1, 1001)]
    random.Random(1).shuffle(values)
    for v in values:
        d.add(v)
    p = d.to_proto()
    assert (p.count, p.sum, p.min, p.max) == (1000, 500500.0, 1.0, 1000.0)
    assert abs(p.p99 - 990) / 990 < 0.03
    assert len(d.buckets) < 400
    other = Distribution()
    other.add(5000.0)
    d.merge(other)
    assert d.count == 1001
    assert d.max == 5000.0
    assert Distribution().to_proto() == md.Distribution()


def test_status_classes():
    assert [status_class(s) for s in (0, 101, 200, 302, 404, 503, 700)] == [
        md.STATUS_CLASS_UNSPECIFIED,
        md.STATUS_CLASS_1XX,
        md.STATUS_CLASS_2XX,
        md.STATUS_CLASS_3XX,
        md.STATUS_CLASS_4XX,
        md.STATUS_CLASS_5XX,
        md.STATUS_CLASS_UNSPECIFIED,
    ]


def test_endpoint_agg_counts_merge_and_field_limit():
    a = EndpointAgg(max_fields=2)
    for i, status in enumerate((200, 201, 404)):
        a.add_exchange(
            at_ns=1_000 + i,
            status=status,
            latency_ms=float(i),
            request_bytes=10,
            response_bytes=20,
            query_names=("page",),
            max_query_names=5,
        )
    assert a.field(False, "$.a") is not None
    assert a.field(False, "$.b") is not None
    assert a.field(False, "$.c") is None
    assert a.fields_dropped == 1
    b = EndpointAgg()
    b.add_exchange(
        at_ns=500,
        status=500,
        latency_ms=None,
        request_bytes=0,
        response_bytes=0,
        query_names=("q",),
        max_query_names=5,
    )
    a.merge(b, max_query_names=5)
    key = ((2, "shop", "web"), (2, "shop", "api"), "GET", "/x")
    r = a.to_proto(key)
    assert r.exchange_count == 4
    assert {(c.status_class, c.count) for c in r.status_classes} == {
        (md.STATUS_CLASS_2XX, 2),
        (md.STATUS_CLASS_4XX, 1),
        (md.STATUS_CLASS_5XX, 1),
    }
    assert [(c.code, c.count) for c in r.status_codes] == [(200, 1), (201, 1), (404, 1), (500, 1)]
    assert r.first_seen.ToNanoseconds() == 500
    assert r.last_seen.ToNanoseconds() == 1002
    assert list(r.query_parameter_names) == ["page", "q"]
    assert r.latency_ms.count == 3
    assert r.request_body_bytes.count == 4
    assert r.source.name == "web"
    assert r.destination.name == "api"
    assert r.path_template == "/x"


def test_times_past_year_9999_are_counted_not_fatal() -> None:
    """Issue 15 row 8: an exchange stamped in year 33658 (or before year 1) crashed the
    window flush and `sieve analyze`'s JSON output."""
    from google.protobuf import json_format
    from prometheus_client import REGISTRY

    from digger.identities import StaticIdentities
    from digger.pipeline import ExchangeProcessor
    from digger.settings import DiggerSettings
    from tests.digger.exchanges import make_exchange
    from tests.digger.standin import standin_detect

    def out_of_range() -> float:
        return REGISTRY.get_sample_value("digger_timestamps_out_of_range_total") or 0.0

    before = out_of_range()
    p = ExchangeProcessor(
        DiggerSettings(detector_batch_size=4),
        StaticIdentities.from_mapping({"pods": []}),
        standin_detect,
        monotonic=lambda: 0.0,
    )
    for seconds in (1_000_000_000_000, -70_000_000_000, 1_700_000_000):
        ex = make_exchange(request={"email": "a@b.org"})
        ex.request_start.seconds = seconds  # what a pcapng timestamp can say
        ex.response_end.seconds = seconds
        p.process(ex)
    window = p.flush_window()
    (report,) = window.reports
    assert report.exchange_count == 3
    assert report.first_seen.seconds == report.last_seen.seconds == 1_700_000_000
    json_format.MessageToJson(report)  # what `sieve analyze` writes
    assert out_of_range() - before == 2


def test_an_aggregate_of_only_out_of_range_times_has_no_first_seen() -> None:
    agg = EndpointAgg()
    agg.add_exchange(
        at_ns=10**22,  # year 318857
        status=200,
        latency_ms=None,
        request_bytes=1,
        response_bytes=1,
        query_names=(),
        max_query_names=4,
    )
    key = ((1, "ns", "a"), (1, "ns", "b"), "GET", "/x")
    report = agg.to_proto(key)
    assert not report.HasField("first_seen")
    assert report.exchange_count == 1


def _metric(name: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name) or 0.0


def _exchange(agg: EndpointAgg, status: int, limit: int) -> None:
    agg.add_exchange(
        at_ns=1,
        status=status,
        latency_ms=1.0,
        request_bytes=0,
        response_bytes=0,
        query_names=(),
        max_query_names=1,
        max_status_codes=limit,
    )


def _codes(report: md.EndpointReport) -> dict[int, int]:
    return {c.code: c.count for c in report.status_codes}


def _classes(report: md.EndpointReport) -> dict[int, int]:
    return {c.status_class: c.count for c in report.status_classes}


KEY = ((2, "shop", "web"), (2, "shop", "api"), "GET", "/x")


def test_exact_codes_are_bounded_and_the_rest_stays_in_its_class() -> None:
    dropped = _metric("digger_status_codes_dropped_total")
    agg = EndpointAgg()
    for status in (200, 200, 404, 409, 409, 500, 201, 404):
        _exchange(agg, status, limit=3)
    r = agg.to_proto(KEY)
    # the first three distinct codes are kept (and go on counting); 500 and 201 are not
    assert _codes(r) == {200: 2, 404: 2, 409: 2}
    assert _classes(r) == {md.STATUS_CLASS_2XX: 3, md.STATUS_CLASS_4XX: 4, md.STATUS_CLASS_5XX: 1}
    assert _metric("digger_status_codes_dropped_total") - dropped == 2


def test_codes_outside_100_to_599_are_counted_and_skipped() -> None:
    invalid = _metric("digger_status_codes_invalid_total")
    agg = EndpointAgg()
    for status in (0, 99, 600, 999, 100, 599):
        _exchange(agg, status, limit=16)
    r = agg.to_proto(KEY)
    assert _codes(r) == {100: 1, 599: 1}
    assert _classes(r) == {
        md.STATUS_CLASS_UNSPECIFIED: 4,  # no response (0) and the three impossible codes
        md.STATUS_CLASS_1XX: 1,
        md.STATUS_CLASS_5XX: 1,
    }
    # 0 is "no response", not a bad code
    assert _metric("digger_status_codes_invalid_total") - invalid == 3


def test_merged_codes_keep_the_limit_busiest_first() -> None:
    dropped = _metric("digger_status_codes_dropped_total")
    a, b = EndpointAgg(), EndpointAgg()
    _exchange(a, 200, limit=2)
    for status in (404, 503, 503, 503, 200):
        _exchange(b, status, limit=16)
    a.merge(b, max_query_names=1, max_status_codes=2)
    r = a.to_proto(KEY)
    # a had 200; of b's codes 200 merges, 503 (3 exchanges) takes the last place, 404 cannot
    assert _codes(r) == {200: 2, 503: 3}
    assert _classes(r) == {md.STATUS_CLASS_2XX: 2, md.STATUS_CLASS_4XX: 1, md.STATUS_CLASS_5XX: 3}
    assert _metric("digger_status_codes_dropped_total") - dropped == 1


def test_the_status_code_limit_is_a_setting_the_processor_uses() -> None:
    from digger.identities import StaticIdentities
    from digger.pipeline import ExchangeProcessor
    from digger.settings import DiggerSettings
    from tests.digger.exchanges import make_exchange
    from tests.digger.standin import standin_detect

    assert DiggerSettings().max_status_codes_per_endpoint == 16
    p = ExchangeProcessor(
        DiggerSettings(detector_batch_size=4, max_status_codes_per_endpoint=2),
        StaticIdentities.from_mapping({"pods": []}),
        standin_detect,
        monotonic=lambda: 0.0,
    )
    for status in (200, 204, 404, 200):
        p.process(make_exchange(status=status))
    (report,) = p.flush()
    assert _codes(report) == {200: 2, 204: 1}
    assert report.exchange_count == 4
    assert sum(c.count for c in report.status_classes) == 4
