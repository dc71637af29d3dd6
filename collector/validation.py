"""Checks a `MetadataBatch` before storing it: what storage cannot hold is rejected, with a reason.

Every field is checked against what the store can hold and what the read side can show:
integers fit a signed 64-bit column, timestamps fall in years 1..9999 (what ISO 8601 and
Python's datetime render), floats are finite and bounded (so sums stay finite), strings
have a bounded length. Strings an agent chooses (ids, workload names) may hold no control
character; strings taken from observed traffic (path templates, query parameter names, JSON
paths) have theirs escaped by the store (`escape_controls`: PostgreSQL text refuses NUL), so a
hostile key in one pod's traffic cannot get a whole batch rejected; their limits count the
escaped form. Sums of valid counts can pass 2^63 - 1 over many batches: the store saturates them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from google.protobuf.timestamp_pb2 import Timestamp

from protos.sieve.v1 import identity_pb2, ingest_pb2, metadata_pb2

MAX_BATCH_ID = 512
MAX_AGENT_ID = 256
MAX_CLUSTER_NAME = 128
MAX_ENTRY_HOSTS = 16
_CLUSTER_NAME = re.compile(rf"[A-Za-z0-9._-]{{1,{MAX_CLUSTER_NAME}}}")
# A DNS name or an IPv4/IPv6 literal (no port, userinfo, path or space), as a Host names it.
_ENTRY_HOST = re.compile(r"[A-Za-z0-9._:\[\]-]{1,253}")
MAX_NAME = 512
MAX_NAMESPACE = 256
MAX_PATH_TEMPLATE = 2048
MAX_JSON_PATH = 1024
MAX_QUERY_PARAMETER = 256
# Exact HTTP status codes (RFC 9110: 1xx..5xx); a report lists each at most once in practice,
# and never more entries than there are codes.
MIN_STATUS_CODE = 100
MAX_STATUS_CODE = 599
MAX_STATUS_CODES = MAX_STATUS_CODE - MIN_STATUS_CODE + 1

# Largest value of a signed 64-bit column (SQLite INTEGER, PostgreSQL BIGINT).
INT64_MAX = 2**63 - 1
# Largest float accepted (ms of latency, bytes): sums of these stay far from infinity.
MAX_FLOAT = 1e18
# Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
MIN_TIMESTAMP_SECONDS = -62_135_596_800
MAX_TIMESTAMP_SECONDS = 253_402_300_799

_METHOD = re.compile(r"^[A-Z]{1,16}$")
# C0 controls and DEL: NUL is refused by PostgreSQL text, the others have no place in names.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KINDS = frozenset(v.number for v in identity_pb2.WorkloadKind.DESCRIPTOR.values)
_DATA_TYPES = frozenset(v.number for v in metadata_pb2.DataType.DESCRIPTOR.values if v.number != 0)
_BUILTIN_TYPE_IDS = frozenset(
    v.name.removeprefix("DATA_TYPE_").lower() for v in metadata_pb2.DataType.DESCRIPTOR.values
)
_CUSTOM_TYPE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def is_custom_type_id(text: str) -> bool:
    """A custom data type id: ``[a-z][a-z0-9_]{1,47}`` and not a built-in type id."""
    return (
        2 <= len(text) <= 48
        and "a" <= text[0] <= "z"
        and set(text) <= _CUSTOM_TYPE_CHARS
        and text not in _BUILTIN_TYPE_IDS
    )


_SENSITIVITIES = frozenset(
    v.number for v in metadata_pb2.Sensitivity.DESCRIPTOR.values if v.number != 0
)
_JSON_TYPES = frozenset(v.number for v in metadata_pb2.JsonType.DESCRIPTOR.values)
_STATUS_CLASSES = frozenset(v.number for v in metadata_pb2.StatusClass.DESCRIPTOR.values)


def escape_controls(text: str) -> str:
    """``text`` with each control character written as ``\\uXXXX`` (what the store keeps)."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _text_problem(name: str, value: str, limit: int, *, required: bool = True) -> str | None:
    if required and not value:
        return f"{name} is empty"
    if len(value) > limit:
        return f"{name} is longer than {limit} characters"
    if _CONTROL.search(value):
        return f"{name} holds a control character"
    return None


def _count_problem(name: str, value: int) -> str | None:
    if value > INT64_MAX:
        return f"{name} {value} does not fit a signed 64-bit integer"
    return None


def _timestamp_problem(name: str, stamp: Timestamp) -> str | None:
    if not MIN_TIMESTAMP_SECONDS <= stamp.seconds <= MAX_TIMESTAMP_SECONDS:
        return f"{name} is outside the years 1..9999"
    if not 0 <= stamp.nanos < 1_000_000_000:
        return f"{name} has nanos outside 0..999999999"
    return None


def _micros(stamp: Timestamp) -> int:
    return stamp.seconds * 1_000_000 + stamp.nanos // 1000


def _float_problem(name: str, value: float) -> str | None:
    if not math.isfinite(value):
        return f"{name} is not a finite number"
    if abs(value) > MAX_FLOAT:
        return f"{name} is outside -{MAX_FLOAT:g}..{MAX_FLOAT:g}"
    return None


def cluster_name_problem(name: str) -> str | None:
    """Why ``name`` is not a cluster name ("" is: the unnamed cluster); None when it is."""
    if name and not _CLUSTER_NAME.fullmatch(name):
        return f"cluster_name must match [A-Za-z0-9._-]{{1,{MAX_CLUSTER_NAME}}}"
    return None


def batch_problem(batch: ingest_pb2.MetadataBatch, max_reports: int) -> str | None:  # noqa: PLR0911
    """Why ``batch`` cannot be stored, as one line; None when it is well formed."""
    problem = _text_problem("batch_id", batch.batch_id, MAX_BATCH_ID) or _text_problem(
        "agent_id", batch.agent_id, MAX_AGENT_ID
    )
    if problem is not None:
        return problem
    problem = cluster_name_problem(batch.cluster_name)
    if problem is not None:
        return problem
    if batch.sequence == 0:
        return "sequence is 0; sequences start at 1"
    problem = _count_problem("sequence", batch.sequence)
    if problem is not None:
        return problem
    for name in ("window_start", "window_end"):
        if batch.HasField(name):
            problem = _timestamp_problem(name, getattr(batch, name))
            if problem is not None:
                return problem
    if len(batch.reports) > max_reports:
        return f"{len(batch.reports)} reports, more than the limit of {max_reports}"
    for index, report in enumerate(batch.reports):
        problem = _report_problem(report)
        if problem is not None:
            return f"report {index}: {problem}"
    return None


def _workload_problem(role: str, workload: identity_pb2.Workload) -> str | None:
    name, namespace = workload.name, workload.namespace
    if (  # the common case, without building messages
        name
        and len(name) <= MAX_NAME
        and len(namespace) <= MAX_NAMESPACE
        and _CONTROL.search(name) is None
        and _CONTROL.search(namespace) is None
        and workload.kind in _KINDS
    ):
        return None
    if not workload.name:
        return f"{role} has no name"
    problem = _text_problem(f"{role} name", workload.name, MAX_NAME) or _text_problem(
        f"{role} namespace", workload.namespace, MAX_NAMESPACE, required=False
    )
    if problem is not None:
        return problem
    if workload.kind not in _KINDS:
        return f"{role} has unknown kind {workload.kind}"
    return None


def _first_problem(problems: Iterable[str | None]) -> str | None:
    return next((p for p in problems if p is not None), None)


def _report_problem(report: metadata_pb2.EndpointReport) -> str | None:  # noqa: PLR0911, PLR0912
    for role, workload in (("source", report.source), ("destination", report.destination)):
        problem = _workload_problem(role, workload)
        if problem is not None:
            return problem
    if not _METHOD.match(report.method):
        return f"method {report.method[:20]!r} is not an HTTP method token"
    template = report.path_template
    if not template.startswith("/") and template != "*":
        return "path_template does not start with '/'"
    if len(escape_controls(template)) > MAX_PATH_TEMPLATE or "?" in template or "#" in template:
        return "path_template is too long or holds a query or fragment"
    for name in report.query_parameter_names:
        if not name or len(escape_controls(name)) > MAX_QUERY_PARAMETER:
            return "a query parameter name is empty or too long"
    if len(report.entry_hosts) > MAX_ENTRY_HOSTS:
        return f"more than {MAX_ENTRY_HOSTS} entry_hosts"
    for host in report.entry_hosts:
        if not _ENTRY_HOST.fullmatch(host):
            return "an entry host is not a host name or IP literal"
    has_first, has_last = report.HasField("first_seen"), report.HasField("last_seen")
    first, last = report.first_seen, report.last_seen
    problem = _timestamp_problem("first_seen", first) if has_first else None
    if problem is None and has_last:
        problem = _timestamp_problem("last_seen", last)
    if problem is not None:
        return problem
    if has_first and has_last and _micros(first) > _micros(last):
        return "first_seen is after last_seen"
    problem = _numbers_problem(report) or _codes_beyond_classes(report)
    if problem is not None:
        return problem
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


_DISTRIBUTIONS = ("latency_ms", "request_body_bytes", "response_body_bytes")


def _numbers_fine(report: metadata_pb2.EndpointReport) -> bool:
    """The fast check of `_numbers_problem` (no message built): True when every count fits
    and every float is finite and bounded (NaN fails the comparisons)."""
    counts = [report.exchange_count, report.inspected_count]
    for entry in report.status_classes:
        if entry.status_class not in _STATUS_CLASSES:
            return False
        counts.append(entry.count)
    if len(report.status_codes) > MAX_STATUS_CODES:
        return False
    for code_entry in report.status_codes:
        if not MIN_STATUS_CODE <= code_entry.code <= MAX_STATUS_CODE:
            return False
        counts.append(code_entry.count)
    for dist in (report.latency_ms, report.request_body_bytes, report.response_body_bytes):
        counts.append(dist.count)
        for value in (dist.sum, dist.min, dist.max, dist.p99):
            if not -MAX_FLOAT <= value <= MAX_FLOAT:
                return False
    return max(counts) <= INT64_MAX


def _numbers_problem(report: metadata_pb2.EndpointReport) -> str | None:
    if _numbers_fine(report):
        return None
    counts = [
        ("exchange_count", report.exchange_count),
        ("inspected_count", report.inspected_count),
    ]
    for entry in report.status_classes:
        if entry.status_class not in _STATUS_CLASSES:
            return f"unknown status class {entry.status_class}"
        counts.append(("a status class count", entry.count))
    if len(report.status_codes) > MAX_STATUS_CODES:
        return f"more than {MAX_STATUS_CODES} status_codes"
    for code_entry in report.status_codes:
        if not MIN_STATUS_CODE <= code_entry.code <= MAX_STATUS_CODE:
            return f"status code {code_entry.code} is outside {MIN_STATUS_CODE}..{MAX_STATUS_CODE}"
        counts.append(("a status code count", code_entry.count))
    floats: list[tuple[str, float]] = []
    for name in _DISTRIBUTIONS:
        dist: metadata_pb2.Distribution = getattr(report, name)
        counts.append((f"{name}.count", dist.count))
        floats.extend(
            (f"{name}.{part}", getattr(dist, part)) for part in ("sum", "min", "max", "p99")
        )
    return _first_problem(
        [*(_count_problem(n, v) for n, v in counts), *(_float_problem(n, v) for n, v in floats)]
    )


def _codes_beyond_classes(report: metadata_pb2.EndpointReport) -> str | None:
    """Every exchange is counted in its status class, also those with an exact code, so a
    class's exact codes add up to at most its count (a class's digit is its enum number)."""
    if not report.status_codes:
        return None
    coded: dict[int, int] = {}
    for code_entry in report.status_codes:
        digit = code_entry.code // 100
        coded[digit] = coded.get(digit, 0) + code_entry.count
    classes: dict[int, int] = {}
    for entry in report.status_classes:
        classes[entry.status_class] = classes.get(entry.status_class, 0) + entry.count
    for digit, n in sorted(coded.items()):
        if n > classes.get(digit, 0):
            return (
                f"status codes {digit}xx count {n} exchanges, more than the {digit}xx class's "
                f"{classes.get(digit, 0)}"
            )
    return None


def _field_problem(field: metadata_pb2.FieldSchema) -> str | None:  # noqa: PLR0911
    if not field.json_path.startswith("$") or len(escape_controls(field.json_path)) > MAX_JSON_PATH:
        return "json_path must start with '$' and be at most 1024 characters"
    if not _JSON_TYPES.issuperset(field.json_types):
        return "unknown JSON type"
    if field.seen_count > INT64_MAX:
        return _count_problem("seen_count", field.seen_count)
    for detection in field.detections:
        if detection.custom_type:
            if detection.data_type != 0 or not is_custom_type_id(detection.custom_type):
                return "custom_type must be [a-z][a-z0-9_]{1,47}, not a built-in id, alone"
        elif detection.data_type not in _DATA_TYPES:
            return f"unknown or unspecified data type {detection.data_type}"
        if detection.sensitivity not in _SENSITIVITIES:
            return f"unknown or unspecified sensitivity {detection.sensitivity}"
        if not 0.0 <= detection.confidence <= 1.0:
            return "confidence outside 0..1"
        if detection.count > INT64_MAX:
            return _count_problem("detection count", detection.count)
    return None
