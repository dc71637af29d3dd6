"""Settings of the collector (`sieve-collector`): environment variables ``SIEVE_COLLECTOR_*``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from common.settings import ServiceSettings


class CollectorSettings(ServiceSettings):
    """The self-hosted cloud: gRPC ingest, storage, HTTP API and dashboard, policies."""

    model_config = SettingsConfigDict(env_prefix="SIEVE_COLLECTOR_", extra="ignore", frozen=True)

    grpc_host: str = Field(
        default="0.0.0.0",
        description="Address the gRPC ingest server binds (the chart sets the pod's IP).",
    )
    grpc_port: int = Field(
        default=50051,
        ge=0,
        le=65535,
        description="Port of the gRPC ingest server; 0 picks a free one.",
    )
    http_host: str = Field(
        default="0.0.0.0",
        description="Address the HTTP API and dashboard bind (the chart sets the pod's IP).",
    )
    http_port: int = Field(
        default=8080,
        ge=0,
        le=65535,
        description="Port of the HTTP API and dashboard; 0 picks a free one.",
    )
    http_auth: Literal["none", "basic", "token", "header"] = Field(
        default="none",
        description="Who may read the dashboard and API: none, basic (USER:PASSWORD lines of "
        "HTTP_AUTH_FILE), token (Bearer, lines of HTTP_AUTH_FILE) or header (trusted "
        "HTTP_AUTH_HEADER from an authenticating proxy such as oauth2-proxy).",
    )
    http_auth_file: Path | None = Field(
        default=None,
        description="Credentials for HTTP_AUTH basic or token, one per line; re-read when it "
        "changes.",
    )
    http_auth_header: str = Field(
        default="X-Forwarded-User",
        description="With HTTP_AUTH=header: the header the proxy sets to the signed-in user.",
    )
    map_layout_cache_entries: int = Field(
        default=32,
        ge=0,
        le=1024,
        description="Data-map layouts kept in memory for the next browsers (0: none); past it "
        "the least recently used is dropped (sieve_collector_map_layouts_evicted_total).",
    )
    database_url: str = Field(
        default="sqlite:///sieve-collector.db",
        description=(
            "SQLAlchemy URL of the store: sqlite:///FILE (default, one file) or "
            "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB."
        ),
    )
    tokens: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated bearer tokens accepted from agents on the ingest stream; "
        "each is one agent (its batch ids are its own). TOKENS_FILE binds tokens to agent ids.",
    )
    tokens_file: Path | None = Field(
        default=None,
        description="File with accepted bearer tokens, one per line ('#' comments): TOKEN or "
        "TOKEN,AGENT_ID (then batches must carry that agent_id); re-read on every new stream, "
        "so tokens rotate without a restart.",
    )
    allow_unauthenticated: bool = Field(
        default=False,
        description="Accept ingest streams without a token (local trials only); otherwise "
        "TOKENS or TOKENS_FILE must be set.",
    )
    tls_cert_file: Path | None = Field(
        default=None, description="PEM certificate chain of the gRPC server; TLS is on when set."
    )
    tls_key_file: Path | None = Field(
        default=None, description="PEM private key of the gRPC server."
    )
    tls_client_ca_file: Path | None = Field(
        default=None,
        description="PEM CA bundle; when set, agents must present a client certificate.",
    )
    policies_file: Path | None = Field(
        default=None, description="YAML file of data-flow policies; no policies when unset."
    )
    policies_reload_seconds: float = Field(
        default=5.0,
        ge=0,
        description="How often the policies file is checked for changes; 0 turns reloading off.",
    )
    specs_dir: Path | None = Field(
        default=None,
        description="Directory of OpenAPI documents (*.yaml, *.yml, *.json; the chart's "
        "ConfigMap) that drift is computed against; read at start.",
    )
    specs_upload_dir: Path | None = Field(
        default=None,
        description="A copy of the documents uploaded through the API as files (read back at "
        "start); uploads are kept in the database in any case.",
    )
    specs_write_token_file: Path | None = Field(
        default=None,
        description="Tokens (one per line) allowed to upload and delete documents "
        "(X-Sieve-Write-Token); unset: the API cannot change them.",
    )
    specs_max_documents: int = Field(
        default=100, ge=1, le=10_000, description="Documents kept at most (uploads beyond: 422)."
    )
    specs_max_bytes: int = Field(
        default=2 * 1024 * 1024, ge=1024, description="Largest document accepted, in bytes."
    )
    grpc_max_workers: int = Field(
        default=32,
        ge=2,
        le=1024,
        description="Threads serving gRPC calls; each open ingest stream holds one.",
    )
    grpc_max_concurrent_streams: int = Field(
        default=24,
        ge=1,
        description="Ingest streams open at once (below GRPC_MAX_WORKERS, so health checks "
        "always get a thread); more are refused with RESOURCE_EXHAUSTED.",
    )
    stream_idle_timeout_seconds: float = Field(
        default=300.0,
        gt=0,
        le=86_400,
        description="An ingest stream that sends no batch for this long is cancelled (frees "
        "its slot and thread; the agent reconnects when it has data).",
    )
    grpc_max_message_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=1024,
        description="Largest ingest message (one batch) accepted.",
    )
    max_reports_per_batch: int = Field(
        default=10_000,
        ge=1,
        description="Batches with more reports are rejected (ACK_STATUS_REJECTED).",
    )
    max_fields_per_endpoint: int = Field(
        default=2_000,
        ge=1,
        description="Field-schema entries kept per endpoint and direction; more are dropped "
        "and counted.",
    )
    custom_types_file: Path | None = Field(
        default=None,
        description="The detector's custom data types file (YAML); policies may name its type ids.",
    )
    alerts_file: Path | None = Field(
        default=None,
        description="YAML file of alert sinks (webhook, slack, teams, pagerduty, syslog, jsonl; "
        "see README, Alerts); no alerts when unset.",
    )
    alerts_poll_seconds: float = Field(
        default=1.0,
        gt=0,
        le=60,
        description="How often each alert sink checks the outbox when not woken by a new alert.",
    )
    database_pool_size: int = Field(
        default=5, ge=1, description="Connections kept open to PostgreSQL (ignored for SQLite)."
    )

    @field_validator("tokens", mode="before")
    @classmethod
    def _split_tokens(cls, value: object) -> object:
        if isinstance(value, str):
            return [t.strip() for t in value.split(",") if t.strip()]
        return value

    @model_validator(mode="after")
    def _tls_pair(self) -> CollectorSettings:
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            raise ValueError(
                "SIEVE_COLLECTOR_TLS_CERT_FILE and SIEVE_COLLECTOR_TLS_KEY_FILE "
                "must be set together"
            )
        if self.tls_client_ca_file is not None and self.tls_cert_file is None:
            raise ValueError(
                "SIEVE_COLLECTOR_TLS_CLIENT_CA_FILE needs SIEVE_COLLECTOR_TLS_CERT_FILE "
                "and SIEVE_COLLECTOR_TLS_KEY_FILE"
            )
        if self.grpc_max_concurrent_streams >= self.grpc_max_workers:
            raise ValueError(
                "SIEVE_COLLECTOR_GRPC_MAX_CONCURRENT_STREAMS must be below "
                "SIEVE_COLLECTOR_GRPC_MAX_WORKERS (a stream holds a worker thread)"
            )
        return self

    @property
    def tls_enabled(self) -> bool:
        """True when the gRPC server serves TLS."""
        return self.tls_cert_file is not None
