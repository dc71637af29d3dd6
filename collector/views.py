"""What the store's queries return and the JSON API serves (pydantic models)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from collector.policies import SENSITIVITY_LEVELS


@dataclass(frozen=True)
class Filters:
    """Dashboard and API filters; None means "any"."""

    namespace: str | None = None
    data_type: str | None = None
    min_sensitivity: int | None = None
    # A cluster name ("" is the unnamed cluster); None: every cluster.
    cluster: str | None = None

    @classmethod
    def parse(
        cls,
        namespace: str | None,
        data_type: str | None,
        min_sensitivity: str | None,
        cluster: str | None = None,
    ) -> Filters:
        """From query parameters; ``min_sensitivity`` is low, medium or high."""
        level = SENSITIVITY_LEVELS.get(min_sensitivity) if min_sensitivity else None
        return cls(namespace or None, data_type or None, level, cluster)


class WorkloadView(BaseModel):
    """A workload: a node of the data map."""

    id: int
    cluster: str
    """The cluster that reported it ("" when unnamed)."""
    kind: str
    namespace: str
    name: str
    label: str
    """``[cluster:]namespace/name``, or the bare name for nodes and externals."""
    external: bool
    first_seen: str
    last_seen: str
    sends: list[str]
    receives: list[str]


class WorkloadRefView(BaseModel):
    """A short reference to a workload."""

    id: int
    label: str
    kind: str
    cluster: str = ""


class DataTypeOnFlow(BaseModel):
    """A data type carried by a flow or an endpoint, and which way it went."""

    data_type: str
    sensitivity: str
    # "request" (source to destination), "response" (back) or "both".
    direction: str


class FlowView(BaseModel):
    """Everything one workload sent another (client to server), over all endpoints."""

    source: WorkloadView
    destination: WorkloadView
    endpoint_count: int
    exchange_count: int
    data_types: list[DataTypeOnFlow]
    highest_sensitivity: str | None
    first_seen: str
    last_seen: str
    linked_servers: list[WorkloadRefView] = []
    """When the destination is another cluster's entry point (see /api/v1/cluster-links):
    the workloads that cluster reported serving the calls."""


class EndpointSummary(BaseModel):
    """One (source, destination, method, path template)."""

    id: int
    source: WorkloadView
    destination: WorkloadView
    method: str
    path_template: str
    protocol: str | None = None
    """``http1``, ``http2`` or ``grpc``; None when the agent did not say."""
    exchange_count: int
    inspected_count: int
    data_types: list[DataTypeOnFlow]
    highest_sensitivity: str | None
    first_seen: str
    last_seen: str


class DetectionView(BaseModel):
    """A data type found at a field."""

    data_type: str
    sensitivity: str
    confidence: float
    count: int
    first_seen: str
    last_seen: str


class FieldView(BaseModel):
    """One JSON path of a request or response body."""

    direction: str
    json_path: str
    json_types: list[str]
    seen_count: int
    detections: list[DetectionView]


class EndpointDetail(EndpointSummary):
    """An endpoint with its field schema, status classes and codes, and latency."""

    query_parameter_names: list[str]
    status_classes: dict[str, int]
    """Exchanges per class (``none``, ``1xx``..``5xx``): every exchange, from every agent."""
    status_codes: dict[int, int] = {}
    """Exchanges per exact status code, as far as agents reported them (agents older than
    exact codes, and codes past an agent's per-endpoint limit, count only in the classes)."""
    latency_mean_ms: float | None
    latency_max_ms: float | None
    latency_p99_ms: float | None
    request_fields: list[FieldView]
    response_fields: list[FieldView]


class DataTypeView(BaseModel):
    """Inventory line: who sends and receives one data type."""

    data_type: str
    sensitivity: str
    senders: list[WorkloadRefView]
    receivers: list[WorkloadRefView]
    endpoint_count: int
    field_count: int
    first_seen: str
    last_seen: str


class ViolationView(BaseModel):
    """A policy broken by a transfer at one endpoint."""

    id: int
    policy: str
    message: str
    data_type: str
    sensitivity: str
    direction: str
    sender: WorkloadRefView
    receiver: WorkloadRefView
    endpoint_id: int
    method: str
    path_template: str
    first_seen: str
    last_seen: str


class CustomTypeView(BaseModel):
    """One of the user's own data types, as the detector's custom types file names it."""

    id: str
    name: str
    sensitivity: str


class SummaryView(BaseModel):
    """Totals for the dashboard header."""

    workloads: int
    flows: int
    endpoints: int
    data_types: int
    violations: int
    batches: int
    namespaces: list[str]
    clusters: list[str] = []
    """Cluster names reported ("" for an unnamed cluster)."""


class EndpointPairView(BaseModel):
    """The client's and the server's report of the same calls (same method and path)."""

    client_endpoint_id: int
    server_endpoint_id: int


class ClusterLinkView(BaseModel):
    """Calls from one cluster to another cluster's entry point, reported by both."""

    host: str
    """The name the clients addressed (Host authority's DNS name or IP)."""
    client_cluster: str
    server_cluster: str
    external: WorkloadRefView
    """The client cluster's EXTERNAL workload of that name."""
    clients: list[WorkloadRefView]
    servers: list[WorkloadRefView]
    endpoint_pairs: list[EndpointPairView]


class ClusterLinksView(BaseModel):
    """Every cross-cluster link, and names left unlinked because several clusters claim
    them (never guessed)."""

    links: list[ClusterLinkView]
    ambiguous_hosts: list[str]
