"""Drift between the supplied OpenAPI documents and the observed endpoints.

Kinds (`DRIFT_KINDS`):

- ``shadow``: seen, but no documented operation of a document for that server matches it;
- ``zombie``: matches an operation documented as ``deprecated`` yet it is called;
- ``unused``: documented, never seen (in the window, when ``since`` is given);
- ``undocumented_field``: a request or response field seen that the operation's schema
  does not declare;
- ``undeclared_sensitive``: a field carrying a detected data type whose schema does not
  declare it (``x-sieve-data-types``, ``x-pii``/``x-sensitive``, or a telling ``format``).

A server is compared only when a document is for it (``x-sieve-workload``), or when a
document for any server matches at least one of its endpoints. `drift_states` gives each
endpoint's kinds: what policies can refer to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel

from collector.specs import DocumentedOperation, SchemaWalker, SpecDocument
from collector.views import EndpointDetail, EndpointSummary, FieldView

DriftKind = Literal["shadow", "zombie", "unused", "undocumented_field", "undeclared_sensitive"]
DRIFT_KINDS: tuple[DriftKind, ...] = (
    "shadow",
    "zombie",
    "unused",
    "undocumented_field",
    "undeclared_sensitive",
)
# data type → JSON Schema formats that declare it
_FORMATS = {
    "email": {"email", "idn-email"},
    "password": {"password"},
    "date_of_birth": {"date"},
    "ip_address": {"ipv4", "ipv6", "ip"},
    "phone": {"phone", "tel"},
    "credit_card": {"credit-card", "card-number"},
    "iban": {"iban"},
}


class DriftItem(BaseModel):
    """One difference; ``endpoint_ids`` are the observed endpoints (one per client)."""

    kind: DriftKind
    server: str | None
    method: str
    path: str  # observed template; the documented path for ``unused``
    spec: str | None
    documented_path: str | None
    endpoint_ids: list[int]
    direction: str | None = None
    json_path: str | None = None
    data_type: str | None = None
    sensitivity: str | None = None


class DriftReport(BaseModel):
    """Drift over every supplied document."""

    specs: list[str]
    counts: dict[str, int]
    items: list[DriftItem]


def _declares(schema: dict[str, Any] | None, data_type: str) -> bool:
    if not schema:
        return False
    declared = schema.get("x-sieve-data-types")
    if isinstance(declared, list) and data_type in declared:
        return True
    if schema.get("x-pii") is True or schema.get("x-sensitive") is True:
        return True
    return schema.get("format") in _FORMATS.get(data_type, set())


def _server_names(end: EndpointSummary) -> set[str]:
    """What a document's ``workload`` may call the endpoint's server: its label and, in a
    named cluster, also the bare ``namespace/name`` (documents need not name the cluster)."""
    label = end.destination.label
    cluster = end.destination.cluster
    return {label, label.removeprefix(cluster + ":")} if cluster else {label}


def _best(ops: Iterable[DocumentedOperation]) -> DocumentedOperation | None:
    return min(
        ops, key=lambda op: (op.workload is None, -op.literals, op.spec, op.path), default=None
    )


def compute_drift(
    endpoints: Sequence[EndpointDetail], documents: Sequence[SpecDocument], since: str | None = None
) -> DriftReport:
    """Compare ``endpoints`` (last seen at or after ``since``, ISO, when given) with
    ``documents``."""
    ops = [op for doc in documents for op in doc.operations]
    walkers = {doc.name: SchemaWalker(doc.raw) for doc in documents}
    scoped = {doc.workload for doc in documents if doc.workload}
    seen = [e for e in endpoints if since is None or e.last_seen >= since]
    matches: dict[int, DocumentedOperation | None] = {}
    for end in seen:
        server = end.destination.label
        matches[end.id] = _best(
            op
            for op in ops
            if op.method == end.method
            and (op.workload is None or op.workload in _server_names(end))
            and op.matches(end.path_template)
        )
    covered = scoped | {
        name for e in seen if matches[e.id] is not None for name in _server_names(e)
    }
    items: dict[tuple[Any, ...], DriftItem] = {}

    def add(item: DriftItem) -> None:
        key = (
            item.kind,
            item.server,
            item.method,
            item.path,
            item.spec,
            item.documented_path,
            item.direction,
            item.json_path,
            item.data_type,
        )
        had = items.get(key)
        if had is None:
            items[key] = item
        else:
            had.endpoint_ids = sorted({*had.endpoint_ids, *item.endpoint_ids})

    used: set[tuple[str, str, str]] = set()
    for end in seen:
        server = end.destination.label
        op = matches[end.id]
        base = {"server": server, "method": end.method, "path": end.path_template}
        if op is None:
            if _server_names(end) & covered:
                add(
                    DriftItem(
                        kind="shadow",
                        spec=None,
                        documented_path=None,
                        endpoint_ids=[end.id],
                        **base,
                    )
                )
            continue
        used.add((op.spec, op.method, op.path))
        where = {"spec": op.spec, "documented_path": op.path, "endpoint_ids": [end.id], **base}
        if op.deprecated:
            add(DriftItem(kind="zombie", **where))
        walker = walkers[op.spec]
        for direction, fields, schemas in (
            ("request", end.request_fields, [op.request] if op.request is not None else []),
            ("response", end.response_fields, list(op.responses)),
        ):
            for fv in fields:
                for item in _field_drift(walker, schemas, fv, direction, where):
                    add(item)
    for op in ops:
        if (op.spec, op.method, op.path) not in used:
            add(
                DriftItem(
                    kind="unused",
                    server=op.workload,
                    method=op.method,
                    path=op.path,
                    spec=op.spec,
                    documented_path=op.path,
                    endpoint_ids=[],
                )
            )
    ordered = sorted(
        items.values(),
        key=lambda i: (
            DRIFT_KINDS.index(i.kind),
            i.server or "",
            i.path,
            i.method,
            i.direction or "",
            i.json_path or "",
            i.data_type or "",
        ),
    )
    counts = {kind: sum(1 for i in ordered if i.kind == kind) for kind in DRIFT_KINDS}
    return DriftReport(specs=[d.name for d in documents], counts=counts, items=ordered)


def _field_drift(
    walker: SchemaWalker,
    schemas: list[Any],
    fv: FieldView,
    direction: str,
    where: dict[str, Any],
) -> list[DriftItem]:
    documented, leaf = False, None
    for schema in schemas:
        found, found_leaf = walker.find(schema, fv.json_path)
        if found:
            documented, leaf = True, found_leaf
            if found_leaf is not None:
                break
    out = []
    if not documented:
        out.append(
            DriftItem(
                kind="undocumented_field", direction=direction, json_path=fv.json_path, **where
            )
        )
    for det in fv.detections:
        if not _declares(leaf, det.data_type):
            out.append(
                DriftItem(
                    kind="undeclared_sensitive",
                    direction=direction,
                    json_path=fv.json_path,
                    data_type=det.data_type,
                    sensitivity=det.sensitivity,
                    **where,
                )
            )
    return out


def drift_states(report: DriftReport) -> dict[int, set[str]]:
    """Observed endpoint id → the drift kinds that concern it (for policies)."""
    out: dict[int, set[str]] = {}
    for item in report.items:
        for endpoint_id in item.endpoint_ids:
            out.setdefault(endpoint_id, set()).add(item.kind)
    return out


def endpoint_drift_states(
    endpoints: Sequence[EndpointDetail], documents: Sequence[SpecDocument], since: str | None = None
) -> dict[int, set[str]]:
    """`drift_states` of `compute_drift`: the one call a policy evaluator needs."""
    return drift_states(compute_drift(endpoints, documents, since))
