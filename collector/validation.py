"""Checks a `MetadataBatch` before storing it: what is malformed is rejected, with a reason."""

from __future__ import annotations

import re

from protos.sieve.v1 import identity_pb2, ingest_pb2, metadata_pb2

MAX_BATCH_ID = 512
MAX_NAME = 512
MAX_NAMESPACE = 256
MAX_PATH_TEMPLATE = 2048
MAX_JSON_PATH = 1024
MAX_QUERY_PARAMETER = 256

_METHOD = re.compile(r"^[A-Z]{1,16}$")
_KINDS = frozenset(v.number for v in identity_pb2.WorkloadKind.DESCRIPTOR.values)
_DATA_TYPES = frozenset(v.number for v in metadata_pb2.DataType.DESCRIPTOR.values if v.number != 0)
_SENSITIVITIES = frozenset(
    v.number for v in metadata_pb2.Sensitivity.DESCRIPTOR.values if v.number != 0
)
_JSON_TYPES = frozenset(v.number for v in metadata_pb2.JsonType.DESCRIPTOR.values)


def batch_problem(batch: ingest_pb2.MetadataBatch, max_reports: int) -> str | None:  # noqa: PLR0911
    """Why ``batch`` cannot be stored, as one line; None when it is well formed."""
    if not batch.batch_id:
        return "batch_id is empty"
    if len(batch.batch_id) > MAX_BATCH_ID:
        return f"batch_id is longer than {MAX_BATCH_ID} characters"
    if not batch.agent_id or len(batch.agent_id) > 256:
        return "agent_id is empty or longer than 256 characters"
    if batch.sequence == 0:
        return "sequence is 0; sequences start at 1"
    if len(batch.reports) > max_reports:
        return f"{len(batch.reports)} reports, more than the limit of {max_reports}"
    for index, report in enumerate(batch.reports):
        problem = _report_problem(report)
        if problem is not None:
            return f"report {index}: {problem}"
    return None


def _workload_problem(role: str, workload: identity_pb2.Workload) -> str | None:
    if not workload.name:
        return f"{role} has no name"
    if len(workload.name) > MAX_NAME or len(workload.namespace) > MAX_NAMESPACE:
        return f"{role} name or namespace too long"
    if workload.kind not in _KINDS:
        return f"{role} has unknown kind {workload.kind}"
    return None


def _report_problem(report: metadata_pb2.EndpointReport) -> str | None:  # noqa: PLR0911
    for role, workload in (("source", report.source), ("destination", report.destination)):
        problem = _workload_problem(role, workload)
        if problem is not None:
            return problem
    if not _METHOD.match(report.method):
        return f"method {report.method[:20]!r} is not an HTTP method token"
    template = report.path_template
    if not template.startswith("/") and template != "*":
        return "path_template does not start with '/'"
    if len(template) > MAX_PATH_TEMPLATE or "?" in template or "#" in template:
        return "path_template is too long or holds a query or fragment"
    for name in report.query_parameter_names:
        if not name or len(name) > MAX_QUERY_PARAMETER:
            return "a query parameter name is empty or too long"
    first = report.first_seen.ToMicroseconds()
    last = report.last_seen.ToMicroseconds()
    if report.HasField("first_seen") and report.HasField("last_seen") and first > last:
        return "first_seen is after last_seen"
    if report.inspected_count > report.exchange_count:
        return "inspected_count is greater than exchange_count"
    for direction, schema in (
        ("request", report.request_fields),
        ("response", report.response_fields),
    ):
        for field in schema:
            problem = _field_problem(field)
            if problem is not None:
                return f"{direction} field {field.json_path[:60]!r}: {problem}"
    return None


def _field_problem(field: metadata_pb2.FieldSchema) -> str | None:
    if not field.json_path.startswith("$") or len(field.json_path) > MAX_JSON_PATH:
        return "json_path must start with '$' and be at most 1024 characters"
    if any(t not in _JSON_TYPES for t in field.json_types):
        return "unknown JSON type"
    for detection in field.detections:
        if detection.data_type not in _DATA_TYPES:
            return f"unknown or unspecified data type {detection.data_type}"
        if detection.sensitivity not in _SENSITIVITIES:
            return f"unknown or unspecified sensitivity {detection.sensitivity}"
        if not 0.0 <= detection.confidence <= 1.0:
            return "confidence outside 0..1"
    return None
