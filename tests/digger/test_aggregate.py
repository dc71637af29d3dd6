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
    assert r.first_seen.ToNanoseconds() == 500
    assert r.last_seen.ToNanoseconds() == 1002
    assert list(r.query_parameter_names) == ["page", "q"]
    assert r.latency_ms.count == 3
    assert r.request_body_bytes.count == 4
    assert r.source.name == "web"
    assert r.destination.name == "api"
    assert r.path_template == "/x"
