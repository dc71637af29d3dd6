"""What `sieve` prints: report tables (rich) and reports in protobuf's JSON mapping.

The tables are read back from the store, so they show exactly what the dashboard shows
(flows merged over windows, endpoints, the data-type inventory, policy violations).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from google.protobuf import json_format
from rich.console import Console
from rich.table import Table
from rich.text import Text

from collector.store import Store
from collector.views import DataTypeOnFlow
from protos.sieve.v1 import metadata_pb2

SENSITIVITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}
DIRECTION_MARK = {"request": "→", "response": "←", "both": "↔"}
PROTOCOL_LABEL = {"http1": "HTTP/1.1", "http2": "HTTP/2", "grpc": "gRPC"}


def report_json(report: metadata_pb2.EndpointReport) -> str:
    """One report as one line of protobuf's canonical JSON mapping."""
    return json_format.MessageToJson(report, indent=None)


def write_json_lines(reports: Iterable[metadata_pb2.EndpointReport], out: TextIO) -> int:
    """Write each report as a JSON line; return how many."""
    n = 0
    for report in reports:
        out.write(report_json(report))
        out.write("\n")
        n += 1
    out.flush()
    return n


def _sensitivity(level: str | None) -> Text:
    return Text(level or "-", style=SENSITIVITY_STYLE.get(level or "", "dim"))


def _types(types: list[DataTypeOnFlow]) -> Text:
    text = Text()
    for i, t in enumerate(sorted(types, key=lambda t: t.data_type)):
        if i:
            text.append(", ")
        text.append(t.data_type, style=SENSITIVITY_STYLE.get(t.sensitivity, ""))
        text.append(DIRECTION_MARK.get(t.direction, ""), style="dim")
    return text if types else Text("-", style="dim")


def render(console: Console, store: Store, heading: str = "") -> None:
    """Print the flows, endpoints, data types and violations held by ``store``."""
    summary = store.summary()
    if heading:
        console.print(heading)
    console.print(
        f"[bold]{summary.workloads}[/] workloads, [bold]{summary.flows}[/] flows, "
        f"[bold]{summary.endpoints}[/] endpoints, [bold]{summary.data_types}[/] data types, "
        f"[bold]{summary.violations}[/] policy violations"
    )

    flows = Table(title="Flows", title_justify="left", expand=False)
    flows.add_column("source", overflow="fold")
    flows.add_column("destination", overflow="fold")
    flows.add_column("exchanges", justify="right")
    flows.add_column("endpoints", justify="right")
    flows.add_column("data types (→ request, ← response)", overflow="fold")
    flows.add_column("sensitivity", no_wrap=True)
    for f in store.flows():
        flows.add_row(
            f.source.label,
            f.destination.label + (" (external)" if f.destination.external else ""),
            str(f.exchange_count),
            str(f.endpoint_count),
            _types(f.data_types),
            _sensitivity(f.highest_sensitivity),
        )
    console.print(flows)

    endpoints = Table(title="Endpoints", title_justify="left")
    endpoints.add_column("source → destination", overflow="fold")
    endpoints.add_column("endpoint", overflow="fold")
    endpoints.add_column("exchanges", justify="right")
    endpoints.add_column("data types", overflow="fold")
    endpoints.add_column("sensitivity", no_wrap=True)
    endpoints.add_column("protocol", no_wrap=True)
    for e in store.endpoints():
        endpoints.add_row(
            f"{e.source.label} → {e.destination.label}",
            f"{e.method} {e.path_template}",
            str(e.exchange_count),
            _types(e.data_types),
            _sensitivity(e.highest_sensitivity),
            PROTOCOL_LABEL.get(e.protocol or "", "-"),
        )
    console.print(endpoints)

    inventory = Table(title="Data types", title_justify="left")
    inventory.add_column("data type", overflow="fold")
    inventory.add_column("sensitivity", no_wrap=True)
    inventory.add_column("sent by", overflow="fold")
    inventory.add_column("received by", overflow="fold")
    inventory.add_column("fields", justify="right")
    for d in store.data_types():
        inventory.add_row(
            Text(d.data_type, style=SENSITIVITY_STYLE.get(d.sensitivity, "")),
            _sensitivity(d.sensitivity),
            ", ".join(w.label for w in d.senders),
            ", ".join(w.label for w in d.receivers),
            str(d.field_count),
        )
    console.print(inventory)

    violations = store.violations()
    if violations:
        table = Table(title="Policy violations", title_justify="left")
        table.add_column("policy", overflow="fold")
        table.add_column("what happened", overflow="fold")
        table.add_column("endpoint", overflow="fold")
        for v in violations:
            table.add_row(v.policy, v.message, f"{v.method} {v.path_template}")
        console.print(table)
