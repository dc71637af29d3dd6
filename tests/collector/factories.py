"""Builders of metadata batches for the collector's tests."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp

from protos.sieve.v1 import identity_pb2, ingest_pb2, metadata_pb2

T0 = 1_767_225_600  # 2026-01-01T00:00:00Z

SENSITIVITY = {
    "low": metadata_pb2.SENSITIVITY_LOW,
    "medium": metadata_pb2.SENSITIVITY_MEDIUM,
    "high": metadata_pb2.SENSITIVITY_HIGH,
}


def ts(offset: float) -> Timestamp:
    """T0 + offset seconds."""
    stamp = Timestamp()
    stamp.FromNanoseconds(int((T0 + offset) * 1e9))
    return stamp


def workload(name: str, namespace: str = "shop", kind: str = "deployment") -> identity_pb2.Workload:
    """A workload; ``kind`` external gets no namespace."""
    value = identity_pb2.WorkloadKind.Value("WORKLOAD_KIND_" + kind.upper())
    if kind == "external":
        namespace = ""
    return identity_pb2.Workload(kind=value, namespace=namespace, name=name)


def field(
    path: str,
    *types: str,
    seen: int = 1,
    detect: list[tuple[str, str, float, int]] | None = None,
) -> metadata_pb2.FieldSchema:
    """A field with JSON types (``string``) and detections (type id, sensitivity, conf, count)."""
    out = metadata_pb2.FieldSchema(
        json_path=path,
        json_types=[
            metadata_pb2.JsonType.Value("JSON_TYPE_" + t.upper()) for t in types or ("string",)
        ],
        seen_count=seen,
    )
    for data_type, sensitivity, confidence, count in detect or []:
        out.detections.add(
            data_type=metadata_pb2.DataType.Value("DATA_TYPE_" + data_type.upper()),
            sensitivity=SENSITIVITY[sensitivity],
            confidence=confidence,
            count=count,
        )
    return out


def report(
    source: identity_pb2.Workload,
    destination: identity_pb2.Workload,
    method: str = "POST",
    path: str = "/users",
    *,
    count: int = 10,
    start: float = 0.0,
    end: float = 60.0,
    request: list[metadata_pb2.FieldSchema] | None = None,
    response: list[metadata_pb2.FieldSchema] | None = None,
    params: tuple[str, ...] = (),
) -> metadata_pb2.EndpointReport:
    """An endpoint report with ``count`` exchanges, all 2xx, latency 5 ms each."""
    out = metadata_pb2.EndpointReport(
        source=source,
        destination=destination,
        method=method,
        path_template=path,
        query_parameter_names=list(params),
        first_seen=ts(start),
        last_seen=ts(end),
        exchange_count=count,
        inspected_count=count,
        request_fields=request or [],
        response_fields=response or [],
    )
    out.status_classes.add(status_class=metadata_pb2.STATUS_CLASS_2XX, count=count)
    out.latency_ms.CopyFrom(
        metadata_pb2.Distribution(count=count, sum=5.0 * count, min=5, max=5, p99=5)
    )
    return out


def batch(
    sequence: int, *reports: metadata_pb2.EndpointReport, agent: str = "cluster-a", epoch: int = 1
) -> ingest_pb2.MetadataBatch:
    """A batch with the contract's id format ``<agent>/<epoch>/<sequence>``."""
    return ingest_pb2.MetadataBatch(
        agent_id=agent,
        batch_id=f"{agent}/{epoch}/{sequence}",
        sequence=sequence,
        window_start=ts(0),
        window_end=ts(60),
        reports=list(reports),
    )


def shop_reports() -> list[metadata_pb2.EndpointReport]:
    """A small shop: frontend → users, frontend → orders → payments → an external PSP."""
    frontend, users = workload("frontend"), workload("users")
    orders, payments = workload("orders"), workload("payments", "payments")
    notifications = workload("notifications")
    psp = workload("api.stripe-like.example", kind="external")
    return [
        report(
            frontend,
            users,
            "POST",
            "/users",
            request=[
                field("$.email", detect=[("email", "medium", 0.97, 10)]),
                field("$.name", detect=[("person_name", "medium", 0.9, 10)]),
                field("$.password", detect=[("password", "high", 0.99, 10)]),
            ],
            response=[field("$.id", "number")],
        ),
        report(
            frontend,
            users,
            "GET",
            "/users/{id}",
            count=25,
            response=[
                field("$.email", detect=[("email", "medium", 0.95, 25)]),
                field("$.phone", detect=[("phone", "medium", 0.8, 20)]),
                field("$.address.street", detect=[("street_address", "medium", 0.7, 25)]),
            ],
        ),
        report(
            frontend,
            orders,
            "POST",
            "/orders",
            request=[
                field("$.items[*].sku"),
                field("$.items[*].qty", "number"),
                field("$.card.number", detect=[("credit_card", "high", 0.99, 10)]),
            ],
        ),
        report(
            orders,
            payments,
            "POST",
            "/charges",
            request=[
                field("$.card_number", detect=[("credit_card", "high", 0.99, 10)]),
                field("$.amount", "number"),
            ],
        ),
        report(
            payments,
            psp,
            "POST",
            "/v1/charges",
            request=[
                field("$.card", detect=[("credit_card", "high", 0.99, 10)]),
                field("$.email", detect=[("email", "medium", 0.9, 10)]),
            ],
        ),
        report(
            orders,
            notifications,
            "POST",
            "/notify",
            request=[field("$.to", detect=[("email", "medium", 0.96, 10)])],
        ),
    ]
