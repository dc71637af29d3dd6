"""Settings of the digger: environment variables ``SIEVE_DIGGER_*``.

List-valued settings are comma-separated strings (easy to set from a Helm values file);
the parsed lists are the ``*_list`` properties.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from common.kafka_config import KafkaSettingsMixin
from common.settings import ServiceSettings

IdentitySource = Literal["kubernetes", "static"]
COLLECTOR_MAX_REPORTS = 10_000  # collector's default max_reports_per_batch


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class DiggerSettings(ServiceSettings, KafkaSettingsMixin):
    """Everything the digger can be told; every field has a default and a reason."""

    model_config = SettingsConfigDict(env_prefix="SIEVE_DIGGER_", extra="ignore", frozen=True)

    # --- identity of this installation -------------------------------------------------
    agent_id: str = Field(
        "sieve",
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9._-]+$",
        description="Installation id sent with every batch (e.g. the cluster name).",
    )
    cluster_name: str = Field(
        "",
        max_length=128,
        pattern=r"^([A-Za-z0-9._-]+)?$",
        description="Name of this Kubernetes cluster, sent with every batch; required by a "
        "collector that several clusters report to (empty: unnamed).",
    )
    own_namespace: str = Field(
        "sieve", description="Namespace Sieve runs in; its traffic is always excluded."
    )

    # --- Kafka ---------------------------------------------------------------------------
    kafka_group_id: str = Field("sieve-digger", description="Consumer group of the diggers.")
    kafka_create_topics: bool = Field(
        True, description="Create sieve.exchanges and sieve.pods at start when missing."
    )
    kafka_exchanges_partitions: int = Field(
        12,
        ge=1,
        description="Partitions of sieve.exchanges when the digger creates it: the most digger "
        "replicas that get work (12 spreads evenly over 1, 2, 3, 4, 6 or 12).",
    )
    kafka_assignment_strategy: Literal["cooperative-sticky", "range", "roundrobin"] = Field(
        "cooperative-sticky",
        description="Partition assignment of the digger group: cooperative-sticky moves only "
        "the partitions that must move on a rebalance; the others keep counting.",
    )
    kafka_exchanges_retention_ms: int = Field(
        3_600_000, ge=60_000, description="Retention of sieve.exchanges (raw payloads: short)."
    )
    kafka_pods_partitions: int = Field(
        1, ge=1, description="Partitions of the compacted sieve.pods when the digger creates it."
    )
    kafka_replication_factor: int = Field(
        1, ge=1, description="Replication factor of the topics the digger creates."
    )
    kafka_compression: Literal["zstd", "lz4", "gzip", "snappy", "none"] = Field(
        "zstd", description="Compression of the records the digger produces (sieve.pods)."
    )
    kafka_session_timeout_ms: int = Field(
        45_000,
        ge=1_000,
        description="Group session timeout: how soon a dead digger's partitions move.",
    )
    rebalance_flush_timeout_seconds: float = Field(
        20.0,
        gt=0,
        description="On a revocation, longest wait for the acks of what was counted before "
        "the partitions are given up (the cloud's fencing keeps counts exact either way).",
    )
    claim_timeout_seconds: float = Field(
        10.0, gt=0, description="Timeout of one ClaimPartitions call on assignment (retried)."
    )
    consume_batch_size: int = Field(
        2000, ge=1, le=100_000, description="Most records taken from Kafka per poll."
    )
    consume_timeout_seconds: float = Field(
        0.2, gt=0, le=10, description="Longest wait for records in one poll."
    )

    # --- identities ----------------------------------------------------------------------
    identity_source: IdentitySource = Field(
        "kubernetes", description="Where IP → workload comes from: the K8s API or a static file."
    )
    identities_file: str | None = Field(
        None, description="YAML file of static identities (identity_source=static)."
    )
    kubeconfig: str | None = Field(
        None, description="kubeconfig file; unset means the in-cluster service account."
    )
    namespaces_include: str = Field(
        "", description="Comma-separated namespaces to report; empty means all."
    )
    namespaces_exclude: str = Field(
        "kube-system", description="Comma-separated namespaces never reported (plus own)."
    )
    publish_pods: bool = Field(True, description="Publish pods as PodIdentity on sieve.pods.")
    place_exchanges: bool = Field(
        True,
        description="Place each pod IP on a partition of sieve.exchanges in sieve.pods, "
        "striping each workload's pods, so replicas get even loads (off: the key's hash).",
    )
    watch_timeout_seconds: int = Field(
        300, ge=10, description="Server-side timeout of one watch request (it then restarts)."
    )
    watch_inactivity_seconds: float = Field(
        120.0, gt=0, description="Restart a watch that sent nothing (not even a bookmark)."
    )
    watch_backoff_initial_seconds: float = Field(
        0.5, gt=0, description="First wait after a failed list or watch."
    )
    watch_backoff_max_seconds: float = Field(
        30.0, gt=0, description="Longest wait between list/watch retries (Retry-After capped)."
    )

    # --- templating, schema, limits ------------------------------------------------------
    template_cardinality_threshold: int = Field(
        32,
        ge=2,
        description="Distinct literals after one path prefix before it becomes a placeholder.",
    )
    template_max_prefixes: int = Field(
        20_000, ge=10, description="Path prefixes whose cardinality is tracked (LRU)."
    )
    query_max_names: int = Field(
        20, ge=0, description="Most query parameter names kept per endpoint."
    )
    max_entry_hosts: int = Field(
        8,
        ge=0,
        le=16,
        description="Most names outside clients addressed one endpoint by, per window "
        "(links other clusters' calls; beyond: digger_entry_hosts_dropped_total).",
    )
    entry_host_patterns: str = Field(
        "",
        description="Comma-separated names this cluster is reached by (`*.shop.example`, "
        "`203.0.113.7`); only those are reported as entry hosts (outside clients choose their "
        "Host). Empty: any host name or IP; `-`: none.",
    )
    body_max_bytes: int = Field(
        1_048_576, ge=1024, description="Bodies larger than this are counted, not parsed."
    )
    schema_max_depth: int = Field(32, ge=1, description="Deepest JSON nesting walked.")
    schema_max_fields: int = Field(
        500, ge=1, description="Most leaves kept per body (the rest is counted as dropped)."
    )
    schema_max_array_items: int = Field(
        10,
        ge=1,
        description="Array elements walked per array, the first ones (all merge into [*]).",
    )
    data_key_min_keys: int = Field(
        64, ge=2, description="Objects with at least this many keys are treated as data maps."
    )
    max_endpoints_per_window: int = Field(
        20_000, ge=1, description="Endpoints aggregated before a window is closed early."
    )
    max_fields_per_endpoint: int = Field(
        1_000, ge=1, description="Schema paths kept per endpoint and direction per window."
    )
    max_status_codes_per_endpoint: int = Field(
        16,
        ge=1,
        le=500,
        description="Distinct exact status codes reported per endpoint per window (exchanges "
        "with further codes count only in their class).",
    )

    # --- sampling ------------------------------------------------------------------------
    sampling_enabled: bool = Field(
        True, description="Rate-limit detection of known (endpoint, schema); off detects all."
    )
    sample_rate_per_endpoint: float = Field(
        1.0, gt=0, description="Detections per second per known endpoint at full rate."
    )
    sample_burst: float = Field(
        5.0, ge=1, description="Token-bucket burst of detections per endpoint."
    )
    sample_min_factor: float = Field(
        0.05, gt=0, le=1, description="Lowest fraction of the rate under lag or slow detector."
    )
    sample_lag_high: int = Field(
        50_000, ge=1, description="Consumer lag (records) above which sampling slows down."
    )
    sample_detector_latency_high_seconds: float = Field(
        0.5, gt=0, description="Detector batch latency above which sampling slows down."
    )
    sample_max_known_schemas: int = Field(
        100_000, ge=10, description="(endpoint, schema) pairs remembered (LRU)."
    )
    sample_max_endpoints: int = Field(
        50_000, ge=10, description="Endpoint token buckets kept (LRU)."
    )

    # --- detector ------------------------------------------------------------------------
    detector_url: str = Field(
        "http://sieve-detector:8080", description="Base URL of the detector service."
    )
    detector_batch_size: int = Field(
        128,
        ge=1,
        le=10_000,
        description="Most documents per POST /v1/detect (the detector accepts 256).",
    )
    detector_timeout_seconds: float = Field(10.0, gt=0, description="Timeout of one request.")
    detector_retries: int = Field(3, ge=0, description="Retries of a failed request.")
    detector_backoff_initial_seconds: float = Field(
        0.2, gt=0, description="First wait before retrying the detector."
    )
    detector_backoff_max_seconds: float = Field(
        5.0, gt=0, description="Longest wait between detector retries and pause probes."
    )
    detector_poison_attempts: int = Field(
        30,
        ge=1,
        description="Failed attempts at one batch, while the detector's /readyz is fine, "
        "before that batch is counted without detection.",
    )
    detector_breaker_failures: int = Field(
        5, ge=1, description="Consecutive failed requests that open the circuit breaker."
    )
    detector_breaker_reset_seconds: float = Field(
        5.0, gt=0, description="Time the breaker stays open before one probe request."
    )

    # --- aggregation and ingest ----------------------------------------------------------
    window_seconds: float = Field(
        60.0, gt=0, description="Aggregation window: reports are sent once per window."
    )
    ingest_target: str = Field(
        "sieve-collector:8443", description="host:port of the cloud's IngestService."
    )
    ingest_insecure: bool = Field(
        False, description="Plain-text gRPC (no TLS); only for tests and a local collector."
    )
    ingest_ca_file: str | None = Field(
        None, description="CA bundle to verify the cloud; unset uses the system roots."
    )
    ingest_server_name: str | None = Field(
        None, description="TLS server name override (when the target is an IP)."
    )
    ingest_token: SecretStr | None = Field(None, description="Bearer token for the cloud.")
    ingest_token_file: str | None = Field(
        None, description="File holding the bearer token (a mounted Secret); read at connect."
    )
    ingest_max_in_flight: int = Field(
        16, ge=1, description="Unacknowledged batches before consumption pauses."
    )
    ingest_max_reports_per_batch: int = Field(
        500, ge=1, description="Reports per MetadataBatch (a window may take several)."
    )
    ingest_ack_timeout_seconds: float = Field(
        30.0, gt=0, description="Reconnect when the oldest batch waits longer for its ack."
    )
    ingest_backoff_initial_seconds: float = Field(
        0.5, gt=0, description="First wait before reconnecting to the cloud."
    )
    ingest_backoff_max_seconds: float = Field(
        30.0, gt=0, description="Longest wait between reconnects."
    )

    @model_validator(mode="after")
    def _consistent(self) -> DiggerSettings:
        if self.identity_source == "static" and not self.identities_file:
            raise ValueError("IDENTITY_SOURCE is static but IDENTITIES_FILE is not set")
        if self.ingest_token is not None and self.ingest_token_file is not None:
            raise ValueError("set INGEST_TOKEN or INGEST_TOKEN_FILE, not both")
        if self.ingest_max_reports_per_batch + self.consume_batch_size > COLLECTOR_MAX_REPORTS:
            # one partition's batch goes whole and may outgrow the first by one poll's records
            raise ValueError(
                "INGEST_MAX_REPORTS_PER_BATCH + CONSUME_BATCH_SIZE must be at most "
                f"{COLLECTOR_MAX_REPORTS} (the collector's default limit of reports per batch)"
            )
        return self

    @property
    def entry_host_pattern_list(self) -> list[str] | None:
        """Entry host patterns (lower case); None: any host; empty: none."""
        if not self.entry_host_patterns.strip():
            return None
        return [p.lower() for p in _split(self.entry_host_patterns) if p != "-"]

    @property
    def namespaces_include_list(self) -> list[str]:
        """Namespaces to report (empty: all)."""
        return _split(self.namespaces_include)

    @property
    def namespaces_exclude_list(self) -> list[str]:
        """Namespaces never reported, always including Sieve's own."""
        out = _split(self.namespaces_exclude)
        if self.own_namespace and self.own_namespace not in out:
            out.append(self.own_namespace)
        return out
