"""The digger's core, sans-IO: exchanges in, `EndpointReport`s out.

`ExchangeProcessor` resolves identities, filters namespaces, templates the endpoint,
extracts body schemas, samples, asks ``detect`` (the detector service through
`digger.detector_client`, or the engine in-process) and aggregates per window. The Kafka
service and the standalone CLI both drive it::

    processor = ExchangeProcessor(settings, StaticIdentities.from_file(path), engine_detect)
    for exchange in exchanges:
        processor.process(exchange)
    reports = processor.flush()
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from typing import Any, Protocol

from digger.aggregate import (
    ENTRY_HOSTS_DROPPED,
    DetectionAgg,
    EndpointAgg,
    EndpointKey,
    WorkloadKey,
    workload_key,
)
from digger.identities import IdentityResolver, NamespaceFilter, entry_host, external
from digger.sampling import Decision, Sampler
from digger.schema import (
    EMPTY,
    BodySchema,
    KeyLearner,
    SchemaLimits,
    ShapeMemo,
    extract,
    parse_json,
)
from digger.settings import DiggerSettings
from digger.templating import Templater, normalize_method
from protos.sieve.v1 import exchange_pb2, identity_pb2, metadata_pb2

log = logging.getLogger(__name__)


class DetectionLike(Protocol):
    """One detection of the detector (its engine's ``FieldDetection`` fits)."""

    @property
    def path(self) -> str:
        """JSON path, ``$`` root, ``.key`` members, ``[*]`` array elements."""

    @property
    def type(self) -> Any:
        """Data type id, e.g. ``"email"`` (or an enum whose ``value`` is the id)."""

    @property
    def sensitivity(self) -> Any:
        """``"low"``, ``"medium"`` or ``"high"`` (or an enum of those)."""

    @property
    def confidence(self) -> float:
        """0..1."""


DetectFn = Callable[[list[Any]], Sequence[Sequence[DetectionLike]]]


class DetectorUnavailableError(Exception):
    """Detection failed; the batch was not aggregated and can be processed again."""


@dataclass
class ProcessorStats:
    """Counters since start (exported as metrics by the service)."""

    consumed: int = 0
    malformed: int = 0
    filtered: int = 0
    aggregated: int = 0
    sampled_new: int = 0
    sampled_rate: int = 0
    skipped: int = 0
    no_json_body: int = 0
    bodies_unparsed: int = 0
    bodies_too_large: int = 0
    detection_given_up: int = 0
    schemas_truncated: int = 0
    documents_detected: int = 0
    detections_unmapped: int = 0
    detections_unknown_type: int = 0
    fields_dropped: int = 0


@dataclass(frozen=True)
class Window:
    """One closed aggregation window."""

    start_ns: int
    end_ns: int
    reports: list[metadata_pb2.EndpointReport]
    # the same reports by the source tag their exchanges were given (see `process_batch`)
    by_source: dict[Hashable, list[metadata_pb2.EndpointReport]] = field(default_factory=dict)


@dataclass(slots=True)
class _Prepared:
    key: EndpointKey
    schema_key: tuple[int, int]
    at_ns: int
    status: int
    latency_ms: float | None
    request_bytes: int
    response_bytes: int
    query_names: tuple[str, ...]
    decision: Decision | None  # None: no JSON body to inspect
    request: BodySchema = EMPTY
    response: BodySchema = EMPTY
    request_doc: Any = None
    response_doc: Any = None
    detections: list[list[DetectionLike]] = field(default_factory=list)
    source: Hashable = None
    limits: SchemaLimits | None = None  # None: the pipeline's (gRPC bodies have their own)
    protocol: int = 0  # sieve.v1.Protocol of the exchange (= EndpointProtocol's number)
    entry_host: str | None = None  # an outside client's name for the server (Host)


_NO_BODY: tuple[BodySchema, Any] = (EMPTY, None)


class _Unparsed:
    """A JSON body whose schema was known without parsing it (parsed if detected)."""

    __slots__ = ("body",)

    def __init__(self, body: bytes) -> None:
        self.body = body


_CACHE_MAX = 4096  # entries of the workload-key cache (cleared when full)


def _scope(server: WorkloadKey) -> str:
    """The templating scope of a server workload: each one's paths are learned apart."""
    return f"{server[0]}/{server[1]}/{server[2]}"


def _external_key(ip: str, host: str | None) -> WorkloadKey:
    return workload_key(external(ip, host))


def _enum_text(value: Any) -> str:
    return str(getattr(value, "value", value))


_CUSTOM_TYPE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _custom_type_id(text: str) -> bool:
    """The shape of a custom type id (detector/custom_types.py): ``[a-z][a-z0-9_]{1,47}``."""
    return 2 <= len(text) <= 48 and "a" <= text[0] <= "z" and set(text) <= _CUSTOM_TYPE_CHARS


def data_type_enum(type_id: Any) -> int | str | None:
    """DataType number for a detector type id (``email`` → DATA_TYPE_EMAIL); the id itself for
    a custom type of the detector's configuration (``employee_id``); None if malformed."""
    text = _enum_text(type_id)
    try:
        return int(metadata_pb2.DataType.Value("DATA_TYPE_" + text.upper()))
    except ValueError:
        return text if _custom_type_id(text) else None


def sensitivity_enum(level: Any) -> int:
    """Sensitivity number for ``low``/``medium``/``high`` (UNSPECIFIED otherwise)."""
    try:
        return int(metadata_pb2.Sensitivity.Value("SENSITIVITY_" + _enum_text(level).upper()))
    except ValueError:
        return metadata_pb2.SENSITIVITY_UNSPECIFIED


class ExchangeProcessor:
    """Aggregates exchanges into endpoint reports; see the module docstring."""

    def __init__(
        self,
        settings: DiggerSettings,
        identities: IdentityResolver,
        detect: DetectFn,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_ns: Callable[[], int] = time.time_ns,
    ) -> None:
        self.settings = settings
        self._entry_patterns = settings.entry_host_pattern_list
        self.identities = identities
        self.detect = detect
        self._monotonic = monotonic
        self._wall_ns = wall_ns
        self.templater = Templater(
            settings.template_cardinality_threshold,
            settings.template_max_prefixes,
            settings.query_max_names,
        )
        self.keys = KeyLearner(
            settings.template_cardinality_threshold, settings.template_max_prefixes
        )
        self.shapes = ShapeMemo(self.keys)
        self.sampler = Sampler(
            enabled=settings.sampling_enabled,
            rate=settings.sample_rate_per_endpoint,
            burst=settings.sample_burst,
            min_factor=settings.sample_min_factor,
            lag_high=settings.sample_lag_high,
            latency_high=settings.sample_detector_latency_high_seconds,
            max_known=settings.sample_max_known_schemas,
            max_endpoints=settings.sample_max_endpoints,
        )
        self.filter = NamespaceFilter(
            settings.namespaces_include_list, settings.namespaces_exclude_list
        )
        self.limits = SchemaLimits(
            settings.schema_max_depth,
            settings.schema_max_fields,
            settings.schema_max_array_items,
            settings.data_key_min_keys,
        )
        self.grpc_limits = replace(self.limits, field_number_keys=True)
        self.stats = ProcessorStats()
        # per source tag (e.g. the Kafka partition) and endpoint: reports never mix sources
        self._aggs: dict[tuple[Hashable, EndpointKey], EndpointAgg] = {}
        self._source_sizes: dict[Hashable, int] = {}
        self._workload_keys: dict[int, tuple[identity_pb2.Workload, WorkloadKey]] = {}
        self._buffer: list[exchange_pb2.HttpExchange] = []
        self._window_start_ns = wall_ns()
        self.last_detect_seconds: float | None = None

    # --- input ---------------------------------------------------------------------------
    def process(self, exchange: exchange_pb2.HttpExchange) -> None:
        """Take one exchange; detection runs per ``detector_batch_size`` exchanges."""
        self._buffer.append(exchange)
        if len(self._buffer) >= self.settings.detector_batch_size:
            self._drain_buffer()

    def process_batch(
        self,
        exchanges: Sequence[exchange_pb2.HttpExchange],
        *,
        detect: bool = True,
        sources: Sequence[Hashable] | None = None,
    ) -> None:
        """Take a batch atomically: on `DetectorUnavailableError` nothing of it was aggregated.

        ``detect=False`` aggregates the batch without detection (counted as
        ``detection_given_up``): the way out of a batch the detector always fails on.
        ``sources`` tags each exchange (the service passes its Kafka partition): exchanges of
        different tags are aggregated apart, so each report is counted from one source.
        """
        saved = dataclasses.replace(self.stats)
        prepared = []
        for i, exchange in enumerate(exchanges):
            item = self._prepare(exchange)
            if item is not None:
                if sources is not None:
                    item.source = sources[i]
                prepared.append(item)
        if not detect:
            for p in prepared:
                if p.decision is not None and p.decision is not Decision.SKIPPED:
                    if p.decision is Decision.NEW_SCHEMA:
                        self.sampler.forget(p.key, p.schema_key)
                    p.decision = Decision.SKIPPED
                    self.stats.detection_given_up += 1
            for p in prepared:
                self._aggregate(p)
            return
        try:
            self._run_detection(
                [
                    p
                    for p in prepared
                    if p.decision is not None and p.decision is not Decision.SKIPPED
                ]
            )
        except Exception as exc:
            for p in prepared:
                if p.decision is Decision.NEW_SCHEMA:
                    self.sampler.forget(p.key, p.schema_key)
            self.stats = saved  # the batch will be seen again: count it then
            raise DetectorUnavailableError(str(exc) or type(exc).__name__) from exc
        for p in prepared:
            self._aggregate(p)

    def parse_and_process(self, value: bytes | None) -> bool:
        """Decode one Kafka record value and buffer it; False (counted) when malformed."""
        try:
            exchange = exchange_pb2.HttpExchange.FromString(value or b"")
        except Exception:  # protobuf raises DecodeError and sometimes others on garbage
            self.stats.malformed += 1
            return False
        self.process(exchange)
        return True

    # --- output --------------------------------------------------------------------------
    @property
    def window_full(self) -> bool:
        """True when the window reached ``max_endpoints_per_window`` and should be flushed."""
        return len(self._aggs) >= self.settings.max_endpoints_per_window

    @property
    def largest_source(self) -> int:
        """Endpoints aggregated in this window for the source tag that has the most."""
        return max(self._source_sizes.values(), default=0)

    @property
    def pending(self) -> int:
        """Exchanges buffered and not yet aggregated."""
        return len(self._buffer)

    def flush(self) -> list[metadata_pb2.EndpointReport]:
        """Drain the current aggregation window into reports."""
        return self.flush_window().reports

    def flush_window(self) -> Window:
        """Drain the current window (buffered exchanges first) with its time bounds."""
        self._drain_buffer()
        merged: dict[tuple[Hashable, EndpointKey], EndpointAgg] = {}
        for (source, key), agg in self._aggs.items():
            agg.rename_fields(functools.partial(self._refine_field, key))
            src, dst, method, template = key
            refined = (source, (src, dst, method, self.templater.refine(template, _scope(dst))))
            mine = merged.get(refined)
            if mine is None:
                merged[refined] = agg
            else:
                mine.merge(
                    agg,
                    self.settings.query_max_names,
                    self.settings.max_entry_hosts,
                    self.settings.max_status_codes_per_endpoint,
                )
        reports = []
        by_source: dict[Hashable, list[metadata_pb2.EndpointReport]] = {}
        for (source, key), agg in merged.items():
            self.stats.fields_dropped += agg.fields_dropped
            report = agg.to_proto(key)
            reports.append(report)
            by_source.setdefault(source, []).append(report)
        self._aggs = {}
        self._source_sizes = {}
        self.sampler.reset_known()
        end = max(self._wall_ns(), self._window_start_ns)
        window = Window(self._window_start_ns, end, reports, by_source)
        self._window_start_ns = end
        return window

    # --- internals -----------------------------------------------------------------------
    def _refine_field(self, key: EndpointKey, response: bool, path: str) -> str:
        return self.keys.refine((key, response), path)

    def _drain_buffer(self) -> None:
        if self._buffer:
            batch = self._buffer
            self.process_batch(batch)
            self._buffer = []

    def _prepare(self, ex: exchange_pb2.HttpExchange) -> _Prepared | None:
        self.stats.consumed += 1
        request, response = ex.request, ex.response
        client_ip = ex.client.ip
        server = ex.server
        resolve = self.identities.resolve
        src = resolve(client_ip)
        src_key = self._workload_key(src) if src is not None else _external_key(client_ip, None)
        dst = resolve(server.ip, server.port)
        host = None
        if src is None or dst is None:
            host = next((h.value for h in request.headers if h.name.lower() == "host"), None)
        entry = None
        if dst is not None:
            dst_key = self._workload_key(dst)
            if src is None and host:  # from outside the cluster: remember the name it called
                entry = self._entry_host(host)
        else:
            dst_key = _external_key(server.ip, host)
        if not self.filter.allows_namespaces(src_key[1], dst_key[1]):
            self.stats.filtered += 1
            return None
        tmpl = self.templater.template(request.target, _scope(dst_key))
        key: EndpointKey = (src_key, dst_key, normalize_method(request.method), tmpl.path)
        request_body, response_body = request.body, response.body
        limits = self.grpc_limits if ex.protocol == exchange_pb2.PROTOCOL_GRPC else self.limits
        req, req_doc = (
            self._schema(request_body, (key, False), limits) if request_body else _NO_BODY
        )
        resp, resp_doc = (
            self._schema(response_body, (key, True), limits) if response_body else _NO_BODY
        )
        rs, re_ = ex.request_start, ex.response_end
        start = rs.seconds * 1_000_000_000 + rs.nanos
        end = re_.seconds * 1_000_000_000 + re_.nanos
        latency = (end - start) / 1e6 if start and end >= start else None
        decision = None
        schema_key = (req.fingerprint, resp.fingerprint)
        if req_doc is not None or resp_doc is not None:
            decision = self.sampler.decide(key, schema_key, self._monotonic())
            if decision is Decision.SKIPPED:
                req_doc = resp_doc = None  # not needed: freed now, not at the batch's end
        return _Prepared(
            key,
            schema_key,
            start or self._wall_ns(),
            response.status,
            latency,
            request.body_wire_size or len(request_body),
            response.body_wire_size or len(response_body),
            tmpl.query_names,
            decision,
            req,
            resp,
            req_doc,
            resp_doc,
            limits=limits,
            protocol=ex.protocol,
            entry_host=entry,
        )

    def _entry_host(self, authority: str) -> str | None:
        """The host an outside client addressed, when ENTRY_HOST_PATTERNS lets it be reported
        (else counted: a client chooses its Host freely)."""
        host = entry_host(authority)
        patterns = self._entry_patterns
        if host is None or patterns is None:
            return host
        if any(fnmatchcase(host, pattern) for pattern in patterns):
            return host
        ENTRY_HOSTS_DROPPED.inc()
        return None

    def _workload_key(self, workload: identity_pb2.Workload) -> WorkloadKey:
        # Resolvers hand out shared messages: remember each one's key. The entry holds the
        # message, so its id is not reused while cached, and `is` tells a replaced one.
        hit = self._workload_keys.get(id(workload))
        if hit is not None and hit[0] is workload:
            return hit[1]
        key = workload_key(workload)
        if len(self._workload_keys) >= _CACHE_MAX:
            self._workload_keys.clear()
        self._workload_keys[id(workload)] = (workload, key)
        return key

    def _schema(self, body: bytes, scope: Hashable, limits: SchemaLimits) -> tuple[BodySchema, Any]:
        """(schema, document): the document is None without JSON, `_Unparsed` if not needed."""
        if len(body) > self.settings.body_max_bytes:
            self.stats.bodies_too_large += 1
            return EMPTY, None
        shapes = self.shapes
        schema = shapes.known_body(scope, body)
        if schema is not None:  # the same bytes as before: parsed only if detected
            if schema.truncated:
                self.stats.schemas_truncated += 1
            return schema, _Unparsed(body)
        ok, doc = parse_json(body, self.settings.body_max_bytes)
        if not ok:
            self.stats.bodies_unparsed += 1
            return EMPTY, None
        since = shapes.stamp
        # detector paths are only needed for the sampled ones: made again then
        schema = extract(doc, limits, with_paths=False, learner=self.keys, scope=scope, memo=shapes)
        shapes.remember_body(scope, body, schema, since)
        if schema.truncated:
            self.stats.schemas_truncated += 1
        return schema, doc

    def _document(self, doc: Any) -> Any:
        if type(doc) is _Unparsed:
            return parse_json(doc.body, self.settings.body_max_bytes)[1]  # parsed before
        return doc

    def _run_detection(self, items: list[_Prepared]) -> None:
        docs: list[Any] = []
        owners: list[_Prepared] = []
        for p in items:
            p.detections = []
            p.request_doc = self._document(p.request_doc)
            p.response_doc = self._document(p.response_doc)
            if p.request_doc is not None:
                p.request = extract(
                    p.request_doc, p.limits or self.limits, learner=self.keys, scope=(p.key, False)
                )
                docs.append(p.request_doc)
                owners.append(p)
            if p.response_doc is not None:
                p.response = extract(
                    p.response_doc, p.limits or self.limits, learner=self.keys, scope=(p.key, True)
                )
                docs.append(p.response_doc)
                owners.append(p)
        if not docs:
            return
        started = time.perf_counter()
        size = self.settings.detector_batch_size
        results: list[Sequence[DetectionLike]] = []
        for i in range(0, len(docs), size):
            chunk = docs[i : i + size]
            out = self.detect(chunk)
            if len(out) != len(chunk):
                raise ValueError(f"detector answered {len(out)} results for {len(chunk)} documents")
            results.extend(out)
        self.last_detect_seconds = time.perf_counter() - started
        self.sampler.observe(detector_latency=self.last_detect_seconds / max(1, len(docs) // size))
        for owner, found in zip(owners, results, strict=True):
            owner.detections.append(list(found))
        self.stats.documents_detected += len(docs)

    def _aggregate(self, p: _Prepared) -> None:
        agg = self._aggs.get((p.source, p.key))
        if agg is None:
            agg = self._aggs[p.source, p.key] = EndpointAgg(self.settings.max_fields_per_endpoint)
            self._source_sizes[p.source] = self._source_sizes.get(p.source, 0) + 1
        agg.add_exchange(
            at_ns=p.at_ns,
            status=p.status,
            latency_ms=p.latency_ms,
            request_bytes=p.request_bytes,
            response_bytes=p.response_bytes,
            query_names=p.query_names,
            max_query_names=self.settings.query_max_names,
            protocol=p.protocol,
            entry_host=p.entry_host,
            max_entry_hosts=self.settings.max_entry_hosts,
            max_status_codes=self.settings.max_status_codes_per_endpoint,
        )
        self.stats.aggregated += 1
        if p.decision is None:
            self.stats.no_json_body += 1
            return
        if p.decision is Decision.SKIPPED:
            self.stats.skipped += 1
            return
        if p.decision is Decision.NEW_SCHEMA:
            self.stats.sampled_new += 1
        else:
            self.stats.sampled_rate += 1
        agg.inspected += 1
        found = iter(p.detections)
        for response, schema, doc in (
            (False, p.request, p.request_doc),
            (True, p.response, p.response_doc),
        ):
            if doc is None:
                continue
            detections = next(found, [])
            for path in {leaf[0] for leaf in schema.leaves}:
                fagg = agg.field(response, path)
                if fagg is not None:
                    fagg.seen += 1
            for path, json_type in schema.leaves:
                fagg = agg.fields(response).get(path)
                if fagg is not None:
                    fagg.types.add(json_type)
            self._add_detections(agg, response, schema, detections)

    def _add_detections(
        self,
        agg: EndpointAgg,
        response: bool,
        schema: BodySchema,
        detections: Sequence[DetectionLike],
    ) -> None:
        best: dict[tuple[str, int | str], tuple[float, int]] = {}
        for d in detections:
            dtype = data_type_enum(d.type)
            if dtype is None:
                self.stats.detections_unknown_type += 1
                continue
            mapped = schema.path_map.get(d.path)
            if mapped is None:
                self.stats.detections_unmapped += 1
                continue
            conf = float(d.confidence)
            k = (mapped, dtype)
            prev = best.get(k)
            if prev is None or conf > prev[0]:
                best[k] = (conf, sensitivity_enum(d.sensitivity))
        for (path, dtype), (conf, sens) in best.items():
            fagg = agg.fields(response).get(path)
            if fagg is None:
                continue
            det = fagg.detections.get(dtype)
            if det is None:
                fagg.detections[dtype] = DetectionAgg(sens, conf, 1)
            else:
                det.count += 1
                det.confidence = max(det.confidence, conf)
                det.sensitivity = max(det.sensitivity, sens)
