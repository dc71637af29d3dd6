"""Prometheus metrics of the collector."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

BATCHES = Counter(
    "sieve_collector_batches_total",
    "Ingested batches by outcome (stored, duplicate, rejected).",
    ["status"],
)
REPORTS = Counter("sieve_collector_reports_total", "Endpoint reports stored.")
FIELDS_DROPPED = Counter(
    "sieve_collector_fields_dropped_total",
    "New field-schema entries dropped because an endpoint reached max_fields_per_endpoint.",
)
AUTH_FAILURES = Counter(
    "sieve_collector_auth_failures_total",
    "Ingest streams refused for a missing or wrong bearer token.",
)
STORE_ERRORS = Counter(
    "sieve_collector_store_errors_total",
    "Batches not stored because the database failed (the stream is ended; agents resend).",
)
INGEST_SECONDS = Histogram(
    "sieve_collector_ingest_seconds",
    "Time to store one batch.",
    buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5),
)
STREAMS_REFUSED = Counter(
    "sieve_collector_streams_refused_total",
    "Ingest streams refused because GRPC_MAX_CONCURRENT_STREAMS were open.",
)
STREAMS_IDLE = Counter(
    "sieve_collector_streams_idle_total",
    "Ingest streams cancelled after STREAM_IDLE_TIMEOUT_SECONDS without a batch.",
)
MALFORMED_MESSAGES = Counter(
    "sieve_collector_malformed_messages_total",
    "Ingest messages that were not an IngestRequest (the stream was ended).",
)
TRANSACTION_RETRIES = Counter(
    "sieve_collector_transaction_retries_total",
    "Ingest transactions run again after PostgreSQL ended them for a deadlock or a "
    "serialization failure (collector replicas writing the same rows).",
)
