"""The printed report: tables read back from the store, and JSON lines."""

from __future__ import annotations

import io
import json

from google.protobuf import json_format
from rich.console import Console

from collector.policies import parse_policies
from collector.store import Store
from digger.identities import StaticIdentities
from protos.sieve.v1 import metadata_pb2
from standalone.pipeline import Pipeline
from standalone.report import render, write_json_lines
from standalone.settings import StandaloneSettings
from tests.standalone.helpers import NAMES, exchange, keyword_detect


def filled_store() -> tuple[Store, list[metadata_pb2.EndpointReport]]:
    store = Store("sqlite://")
    store.migrate()
    store.set_policies(
        parse_policies(
            "policies:\n  - {name: cards stay in payments, rule: only_namespace_may_receive,"
            " namespace: payments, data_type: credit_card}\n"
        )
    )
    pipeline = Pipeline(
        StandaloneSettings(), StaticIdentities.from_mapping(NAMES), store, detect=keyword_detect
    )
    pipeline.process(exchange(request={"email": "a@b.example", "card": "4111111111111111"}))
    pipeline.process(exchange(server="203.0.113.9", target="/v1/mail", request={"email": "x"}))
    return store, pipeline.flush()


def test_tables_show_flows_endpoints_types_and_violations() -> None:
    store, _ = filled_store()
    console = Console(record=True, width=220, color_system=None)
    render(console, store, "heading")
    text = console.export_text()
    assert "3 workloads, 2 flows, 2 endpoints, 2 data types, 1 policy violations" in text
    flow_line = next(line for line in text.splitlines() if "shop/checkout " in line)
    assert "web/frontend" in flow_line
    assert "credit_card→" in flow_line
    assert "email→" in flow_line
    assert "high" in flow_line
    assert "203.0.113.9 (external)" in text
    assert "POST /v1/mail" in text
    assert "cards stay in payments" in text


def test_json_lines_are_protobuf_json_of_each_report() -> None:
    _, reports = filled_store()
    out = io.StringIO()
    assert write_json_lines(reports, out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    for line, report in zip(lines, reports, strict=True):
        data = json.loads(line)
        assert "pathTemplate" in data  # the canonical JSON mapping uses lowerCamelCase
        parsed = json_format.Parse(line, metadata_pb2.EndpointReport())
        assert parsed == report
