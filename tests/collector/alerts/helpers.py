"""Builders shared by the alert tests."""

from __future__ import annotations

from protos.sieve.v1 import metadata_pb2
from tests.collector.factories import batch, field, report, workload

RULES = """
- name: frontend keeps passwords
  rule: workload_may_not_send
  workload: shop/frontend
  data_type: password
  severity: critical
- name: no high data outside
  rule: no_external_sensitivity
  min_sensitivity: high
"""


def password_reports(count: int, start: int = 0) -> list[metadata_pb2.EndpointReport]:
    """``count`` endpoints of shop/frontend sending a password (one violation each)."""
    frontend = workload("frontend")
    return [
        report(
            frontend,
            workload(f"svc-{i}"),
            "POST",
            f"/login/{i}",
            request=[field("$.password", detect=[("password", "high", 0.99, 3)])],
        )
        for i in range(start, start + count)
    ]


def password_batches(endpoints: int, per_batch: int, agent: str = "a") -> list[object]:
    """The endpoints of `password_reports`, ``per_batch`` reports to a batch."""
    reports = password_reports(endpoints)
    return [
        batch(n + 1, *reports[i : i + per_batch], agent=agent)
        for n, i in enumerate(range(0, endpoints, per_batch))
    ]
