"""Settings of sieve-interceptor, from ``SIEVE_INTERCEPTOR_*`` environment variables.

Every buffer of the capture → TCP → HTTP pipeline has its limit here; what a limit drops is
counted in ``sieve_interceptor_dropped_total{reason=...}``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import SettingsConfigDict

from common.kafka_config import KafkaSettingsMixin
from common.settings import ServiceSettings
from interceptor.attribution import split_cluster_addresses

DEFAULT_EXCLUDED_PATHS = ("/metrics", "/healthz", "/readyz", "/livez")


class InterceptorSettings(ServiceSettings, KafkaSettingsMixin):
    """What the interceptor captures, how much it buffers, and where it writes."""

    model_config = SettingsConfigDict(
        env_prefix="SIEVE_INTERCEPTOR_", extra="ignore", frozen=True, populate_by_name=True
    )

    # --- what to capture -------------------------------------------------------------
    node_name: str = Field(
        "",
        validation_alias=AliasChoices("SIEVE_INTERCEPTOR_NODE_NAME", "NODE_NAME", "node_name"),
        description="This node's name (NODE_NAME from the downward API); selects its pods.",
    )
    interfaces: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Interfaces captured by hand, as JSON {"veth1": ["10.1.0.5"], ...}: '
        "interface to the local pod IPs behind it (an empty list accepts every connection).",
    )
    discover_pods: bool = Field(
        True,
        description="Find interfaces from the node's pods on the sieve.pods topic and the routes.",
    )
    cluster_cidrs: list[str] = Field(
        default_factory=list,
        description="Other cluster addresses by hand, as JSON list of CIDRs or IPs (the pod "
        'and service CIDRs, e.g. ["10.244.0.0/16", "10.96.0.0/12"]): a connection to one '
        "that is not a local pod is left to the interceptor of the server's node, so that "
        "each exchange is reported once. For nodes without the digger's sieve.pods; needs "
        "the local pod IPs known (discovery, or interfaces listed with their IPs).",
    )
    pods_catch_up_seconds: float = Field(
        30.0,
        ge=0,
        description="At start, how long capture waits for sieve.pods to be read to its end "
        "(so that the other cluster addresses are known before connections are taken).",
    )
    discovery_interval_seconds: float = Field(
        5.0, gt=0, description="How often pod IPs are matched to interfaces again."
    )
    capture_buffer_bytes: int = Field(
        64 * 1024 * 1024,
        ge=1 << 20,
        description="Kernel receive buffer per capture socket (SO_RCVBUFFORCE); "
        "a small one drops packets at bursts.",
    )
    snap_bytes: int = Field(
        262_144,
        ge=2048,
        description="Largest frame read; GSO frames on veths reach 64 KiB, longer ones are cut.",
    )
    # --- TCP reassembly limits ----------------------------------------------------------
    max_connections: int = Field(
        100_000, ge=1, description="Tracked TCP connections; the least recently used is evicted."
    )
    max_stream_buffer_bytes: int = Field(
        1 << 20,
        ge=1024,
        description="Out-of-order bytes buffered per connection direction before a gap is taken.",
    )
    max_out_of_order_segments: int = Field(
        256, ge=1, description="Out-of-order segments buffered per connection direction."
    )
    max_total_buffer_bytes: int = Field(
        32 << 20,
        ge=1 << 20,
        description="Out-of-order bytes buffered over all connections together.",
    )
    use_second_copy: bool = Field(
        True,
        description="Pod-to-pod traffic of one node shows on both pods' interfaces: the "
        "owner's interface reports it, the other copy fills the bytes the owner's lost.",
    )
    idle_timeout_seconds: float = Field(
        300.0, gt=0, description="A connection without packets for this long is forgotten."
    )
    # --- HTTP limits and filters -----------------------------------------------------------
    max_body_bytes: int = Field(
        1 << 20,
        ge=0,
        description="Largest body kept, after decoding; longer ones are cut and flagged.",
    )
    max_total_body_bytes: int = Field(
        48 << 20,
        ge=1 << 20,
        description="Body bytes held over all messages in flight; beyond, bodies are cut.",
    )
    max_header_bytes: int = Field(
        64 * 1024, ge=1024, description="Largest request/response head; larger is a parse error."
    )
    max_pipelined_requests: int = Field(
        64, ge=1, description="Requests waiting for their responses per connection."
    )
    h2_max_streams: int = Field(
        256, ge=1, description="HTTP/2 streams in flight per connection; more are dropped."
    )
    h2_max_table_bytes: int = Field(
        64 * 1024,
        ge=4096,
        description="Largest HPACK dynamic table followed per direction (the size the peers "
        "negotiate, capped); a larger one leaves that direction's headers unknown.",
    )
    h2_max_frame_bytes: int = Field(
        1 << 20,
        ge=16384,
        description="Largest HTTP/2 frame buffered; a larger one is skipped with its stream.",
    )
    grpc_descriptor_set: str = Field(
        "",
        description="Path of a FileDescriptorSet (protoc --descriptor_set_out) of the "
        "services captured: their gRPC messages are reported by field name, not number.",
    )
    excluded_paths: list[str] = Field(
        default_factory=lambda: list(DEFAULT_EXCLUDED_PATHS),
        description="Request paths (without query) never reported, as JSON list.",
    )
    excluded_ports: list[int] = Field(
        default_factory=list, description="Server TCP ports never captured, as JSON list."
    )
    # --- output ---------------------------------------------------------------------------
    kafka_compression: Literal["zstd", "lz4"] = Field(
        "zstd", description="Compression of exchange records on the way to Kafka."
    )
    kafka_queue_max_messages: int = Field(
        100_000,
        ge=1,
        description="Records waiting in the local Kafka queue; beyond, exchanges are dropped.",
    )
    kafka_queue_max_kbytes: int = Field(
        64 * 1024, ge=1024, description="KiB waiting in the local Kafka queue."
    )
    kafka_linger_ms: int = Field(
        50, ge=0, description="How long the producer waits to fill a batch."
    )

    @field_validator("grpc_descriptor_set")
    @classmethod
    def _descriptors_readable(cls, value: str) -> str:
        if value:
            from interceptor.grpc_messages import Descriptors

            try:
                Descriptors.load(value)
            except (OSError, ValueError) as exc:
                raise ValueError(f"{value!r}: {exc}") from None
        return value

    @field_validator("excluded_paths")
    @classmethod
    def _paths_absolute(cls, value: list[str]) -> list[str]:
        for path in value:
            if not path.startswith("/"):
                raise ValueError(f"excluded path {path!r} must start with '/'")
        return value

    @field_validator("cluster_cidrs")
    @classmethod
    def _cidrs_valid(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                split_cluster_addresses([item])
            except ValueError:
                raise ValueError(f"{item!r} is not a CIDR or an IP address") from None
        return value

    @field_validator("excluded_ports")
    @classmethod
    def _ports_valid(cls, value: list[int]) -> list[int]:
        for port in value:
            if not 0 < port < 65536:
                raise ValueError(f"excluded port {port} is not a TCP port")
        return value
