"""Aggregation per (source, destination, method, path template) into `EndpointReport`s."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client import Counter

from common.field_evidence import holds
from protos.sieve.v1 import identity_pb2, metadata_pb2

#: What a protobuf Timestamp can hold: 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999999999Z.
MIN_TIMESTAMP_NS = -62_135_596_800 * 1_000_000_000
MAX_TIMESTAMP_NS = 253_402_300_800 * 1_000_000_000 - 1

TIMESTAMPS_OUT_OF_RANGE = Counter(
    "digger_timestamps_out_of_range_total",
    "Exchange times outside years 1-9999 (a protobuf Timestamp cannot hold them): not used "
    "for first/last seen.",
)

ENTRY_HOSTS_DROPPED = Counter(
    "digger_entry_hosts_dropped_total",
    "Names outside clients addressed an endpoint by, not reported: beyond MAX_ENTRY_HOSTS "
    "per window, or not matching ENTRY_HOST_PATTERNS.",
)

STATUS_CODES_DROPPED = Counter(
    "digger_status_codes_dropped_total",
    "Exchanges whose exact status code was not reported because the endpoint already had "
    "MAX_STATUS_CODES_PER_ENDPOINT distinct codes in the window (still counted in its class).",
)

STATUS_CODES_INVALID = Counter(
    "digger_status_codes_invalid_total",
    "Exchanges answered with a status outside 100-599: no exact code reported (counted as "
    "no status class).",
)

#: Lowest and highest HTTP status codes reported (RFC 9110: three digits, 1xx..5xx).
MIN_STATUS_CODE = 100
MAX_STATUS_CODE = 599

WorkloadKey = tuple[int, str, str]  # (kind, namespace, name)
EndpointKey = tuple[WorkloadKey, WorkloadKey, str, str]  # (src, dst, method, template)

_LOG_BASE = math.log(1.02)
_log1p = math.log1p  # histogram buckets 2 % wide: p99 within ~1 %


def workload_key(w: identity_pb2.Workload) -> WorkloadKey:
    """Hashable key of a workload."""
    return (int(w.kind), w.namespace, w.name)


def _workload(key: WorkloadKey) -> identity_pb2.Workload:
    return identity_pb2.Workload(kind=key[0], namespace=key[1], name=key[2])  # type: ignore[arg-type]


class Distribution:
    """count/sum/min/max plus a log-bucket histogram for p99 (bounded: ~1,200 buckets max)."""

    __slots__ = ("buckets", "count", "max", "min", "sum")

    def __init__(self) -> None:
        self.count = 0
        self.sum = 0.0
        self.min = math.inf
        self.max = -math.inf
        self.buckets: dict[int, int] = {}

    def add(self, value: float) -> None:
        """Record one non-negative observation."""
        self.count += 1
        self.sum += value
        self.min = min(self.min, value)
        self.max = max(self.max, value)
        index = int(_log1p(value) / _LOG_BASE) if value > 0 else 0
        buckets = self.buckets
        buckets[index] = buckets.get(index, 0) + 1

    def merge(self, other: Distribution) -> None:
        """Add ``other``'s observations."""
        self.count += other.count
        self.sum += other.sum
        self.min = min(self.min, other.min)
        self.max = max(self.max, other.max)
        for index, n in other.buckets.items():
            self.buckets[index] = self.buckets.get(index, 0) + n

    def quantile(self, q: float) -> float:
        """Estimate of the ``q`` quantile (clamped to [min, max])."""
        if not self.count:
            return 0.0
        rank = max(1, math.ceil(q * self.count))
        running = 0
        for index in sorted(self.buckets):
            running += self.buckets[index]
            if running >= rank:
                upper = math.expm1((index + 1) * _LOG_BASE) if index else 0.0
                return min(self.max, max(self.min, upper))
        return self.max

    def to_proto(self) -> metadata_pb2.Distribution:
        """The protobuf summary."""
        if not self.count:
            return metadata_pb2.Distribution()
        return metadata_pb2.Distribution(
            count=self.count, sum=self.sum, min=self.min, max=self.max, p99=self.quantile(0.99)
        )


@dataclass
class DetectionAgg:
    """One data type at one path."""

    sensitivity: int
    confidence: float
    count: int = 0


@dataclass
class FieldAgg:
    """One schema path."""

    types: set[int] = field(default_factory=set)
    seen: int = 0
    # DataType number, or the id of a custom type (a str)
    detections: dict[int | str, DetectionAgg] = field(default_factory=dict)

    def merge(self, other: FieldAgg) -> None:
        """Add ``other``."""
        self.types |= other.types
        self.seen += other.seen
        for dtype, det in other.detections.items():
            mine = self.detections.get(dtype)
            if mine is None:
                self.detections[dtype] = DetectionAgg(det.sensitivity, det.confidence, det.count)
            else:
                mine.count += det.count
                mine.confidence = max(mine.confidence, det.confidence)
                mine.sensitivity = max(mine.sensitivity, det.sensitivity)


class EndpointAgg:
    """Everything aggregated for one endpoint in one window."""

    __slots__ = (
        "entry_hosts",
        "exchanges",
        "fields_dropped",
        "first_ns",
        "inspected",
        "last_ns",
        "latency",
        "max_fields",
        "protocol",
        "query_names",
        "request_bytes",
        "request_fields",
        "response_bytes",
        "response_fields",
        "status_codes",
        "statuses",
    )

    def __init__(self, max_fields: int = 1000) -> None:
        self.max_fields = max_fields
        # exact code → exchanges; at most the caller's max_status_codes distinct codes
        self.status_codes: dict[int, int] = {}
        self.exchanges = 0
        self.inspected = 0
        self.first_ns = 0
        self.last_ns = 0
        self.statuses: dict[int, int] = {}
        self.latency = Distribution()
        self.request_bytes = Distribution()
        self.response_bytes = Distribution()
        self.request_fields: dict[str, FieldAgg] = {}
        self.response_fields: dict[str, FieldAgg] = {}
        self.query_names: set[str] = set()
        self.entry_hosts: set[str] = set()
        self.fields_dropped = 0
        self.protocol = 0  # sieve.v1.EndpointProtocol: the latest exchange's, if any said

    def add_exchange(
        self,
        *,
        at_ns: int,
        status: int,
        latency_ms: float | None,
        request_bytes: int,
        response_bytes: int,
        query_names: tuple[str, ...],
        max_query_names: int,
        protocol: int = 0,
        entry_host: str | None = None,
        max_entry_hosts: int = 8,
        max_status_codes: int = 16,
    ) -> None:
        """Count one exchange (sampled or not); ``protocol`` is its `sieve.v1.Protocol`;
        ``entry_host`` the name an outside client addressed the server by; ``status`` is 0
        when there was no response."""
        if entry_host is not None:
            self.add_entry_host(entry_host, max_entry_hosts)
        self.exchanges += 1
        if protocol:
            self.protocol = protocol
        if at_ns and not MIN_TIMESTAMP_NS <= at_ns <= MAX_TIMESTAMP_NS:
            TIMESTAMPS_OUT_OF_RANGE.inc()
            at_ns = 0
        if at_ns:
            if not self.first_ns or at_ns < self.first_ns:
                self.first_ns = at_ns
            self.last_ns = max(self.last_ns, at_ns)
        cls = status_class(status)
        statuses = self.statuses
        statuses[cls] = statuses.get(cls, 0) + 1
        if cls:
            self.add_status_code(status, 1, max_status_codes)
        elif status:
            STATUS_CODES_INVALID.inc()
        if latency_ms is not None:
            self.latency.add(latency_ms)
        self.request_bytes.add(float(request_bytes))
        self.response_bytes.add(float(response_bytes))
        for name in query_names:
            if len(self.query_names) >= max_query_names:
                break
            self.query_names.add(name)

    def fields(self, response: bool) -> dict[str, FieldAgg]:
        """The request or response schema map."""
        return self.response_fields if response else self.request_fields

    def field(self, response: bool, path: str) -> FieldAgg | None:
        """The FieldAgg at ``path``, created if the per-endpoint limit allows."""
        fields = self.fields(response)
        agg = fields.get(path)
        if agg is None:
            if len(fields) >= self.max_fields:
                self.fields_dropped += 1
                return None
            agg = fields[path] = FieldAgg()
        return agg

    def rename_fields(self, rename: Callable[[bool, str], str]) -> None:
        """Rewrite schema paths (``rename(response, path)``), merging those that coincide.

        Merged counts are capped at ``inspected``: paths merged from one document count once.
        """
        for response in (False, True):
            fields = self.fields(response)
            renamed: dict[str, FieldAgg] = {}
            changed = False
            for path, agg in fields.items():
                new_path = rename(response, path)
                changed = changed or new_path != path
                mine = renamed.get(new_path)
                if mine is None:
                    renamed[new_path] = agg
                else:
                    mine.merge(agg)
                    mine.seen = min(mine.seen, self.inspected)
                    for det in mine.detections.values():
                        det.count = min(det.count, self.inspected)
            if changed:
                if response:
                    self.response_fields = renamed
                else:
                    self.request_fields = renamed

    def add_status_code(self, code: int, count: int, limit: int) -> None:
        """Count ``count`` exchanges answered with ``code`` (100..599) while the endpoint has
        room for the code (else counted in `STATUS_CODES_DROPPED`; the class still has them)."""
        codes = self.status_codes
        known = codes.get(code)
        if known is not None:
            codes[code] = known + count
        elif len(codes) < limit:
            codes[code] = count
        else:
            STATUS_CODES_DROPPED.inc(count)

    def add_entry_host(self, host: str, limit: int) -> None:
        """Keep ``host`` among the endpoint's entry hosts while there is room (else count)."""
        if host in self.entry_hosts:
            return
        if len(self.entry_hosts) >= limit:
            ENTRY_HOSTS_DROPPED.inc()
            return
        self.entry_hosts.add(host)

    def merge(
        self,
        other: EndpointAgg,
        max_query_names: int,
        max_entry_hosts: int = 8,
        max_status_codes: int = 16,
    ) -> None:
        """Add ``other`` (same endpoint after refinement)."""
        for host in sorted(other.entry_hosts):
            self.add_entry_host(host, max_entry_hosts)
        self.exchanges += other.exchanges
        self.inspected += other.inspected
        if other.first_ns:
            self.first_ns = (
                other.first_ns if not self.first_ns else min(self.first_ns, other.first_ns)
            )
        self.last_ns = max(self.last_ns, other.last_ns)
        for cls, n in other.statuses.items():
            self.statuses[cls] = self.statuses.get(cls, 0) + n
        # the most frequent codes first, so a limit keeps the codes that matter
        for code, n in sorted(other.status_codes.items(), key=lambda kv: (-kv[1], kv[0])):
            self.add_status_code(code, n, max_status_codes)
        self.latency.merge(other.latency)
        self.request_bytes.merge(other.request_bytes)
        self.response_bytes.merge(other.response_bytes)
        for response in (False, True):
            for path, fagg in other.fields(response).items():
                mine = self.field(response, path)
                if mine is not None:
                    mine.merge(fagg)
        for name in sorted(other.query_names):
            if len(self.query_names) >= max_query_names:
                break
            self.query_names.add(name)
        self.fields_dropped += other.fields_dropped
        self.protocol = other.protocol or self.protocol

    def to_proto(self, key: EndpointKey) -> metadata_pb2.EndpointReport:
        """The report for ``key``."""
        src, dst, method, template = key
        report = metadata_pb2.EndpointReport(
            source=_workload(src),
            destination=_workload(dst),
            method=method,
            path_template=template,
            query_parameter_names=sorted(self.query_names),
            exchange_count=self.exchanges,
            inspected_count=self.inspected,
            status_classes=[
                metadata_pb2.StatusClassCount(status_class=cls, count=n)  # type: ignore[arg-type]
                for cls, n in sorted(self.statuses.items())
            ],
            status_codes=[
                metadata_pb2.StatusCodeCount(code=code, count=n)
                for code, n in sorted(self.status_codes.items())
            ],
            latency_ms=self.latency.to_proto(),
            request_body_bytes=self.request_bytes.to_proto(),
            response_body_bytes=self.response_bytes.to_proto(),
            request_fields=_fields_proto(self.request_fields),
            response_fields=_fields_proto(self.response_fields),
            protocol=self.protocol,  # type: ignore[arg-type]
            entry_hosts=sorted(self.entry_hosts),
        )
        if self.first_ns and _representable(self.first_ns) and _representable(self.last_ns):
            report.first_seen.FromNanoseconds(self.first_ns)
            report.last_seen.FromNanoseconds(self.last_ns)
        return report


def _representable(ns: int) -> bool:
    return MIN_TIMESTAMP_NS <= ns <= MAX_TIMESTAMP_NS


def _fields_proto(fields: dict[str, FieldAgg]) -> list[metadata_pb2.FieldSchema]:
    return [
        metadata_pb2.FieldSchema(
            json_path=path,
            json_types=sorted(agg.types),  # type: ignore[arg-type]
            seen_count=agg.seen,
            detections=[
                metadata_pb2.Detection(
                    data_type=0 if isinstance(dtype, str) else dtype,  # type: ignore[arg-type]
                    custom_type=dtype if isinstance(dtype, str) else "",
                    sensitivity=det.sensitivity,  # type: ignore[arg-type]
                    confidence=det.confidence,
                    count=det.count,
                )
                for dtype, det in sorted(
                    agg.detections.items(), key=lambda kv: (isinstance(kv[0], str), str(kv[0]))
                )
                if holds(det.count, det.confidence, agg.seen)  # one odd value is not the field
            ],
        )
        for path, agg in sorted(fields.items())
    ]


def status_class(status: int) -> int:
    """StatusClass of an HTTP status code (0 or out of range → UNSPECIFIED)."""
    if 100 <= status <= 599:
        return status // 100  # STATUS_CLASS_1XX == 1 … 5XX == 5
    return metadata_pb2.STATUS_CLASS_UNSPECIFIED
