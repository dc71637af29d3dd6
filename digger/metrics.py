"""Prometheus metrics of the digger (default registry, served by the ops server)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields

from prometheus_client import REGISTRY, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

from digger.pipeline import ExchangeProcessor

CONSUMER_LAG = Gauge("digger_consumer_lag", "Records of sieve.exchanges not yet consumed.")
KAFKA_ERRORS = Counter("digger_kafka_errors_total", "Kafka client errors.", ["code"])
OFFSETS_COMMITTED = Counter("digger_offset_commits_total", "Successful offset commits.")
OFFSET_COMMIT_ERRORS = Counter("digger_offset_commit_errors_total", "Failed offset commits.")
CONSUMPTION_PAUSED = Gauge(
    "digger_consumption_paused", "1 while consumption is paused (detector or cloud backlog)."
)
SAMPLING_FACTOR = Gauge("digger_sampling_rate_factor", "Current fraction of the sampling rate.")
DETECTOR_REQUESTS = Counter("digger_detector_requests_total", "Requests to the detector.")
DETECTOR_ERRORS = Counter("digger_detector_errors_total", "Failed detector requests.", ["kind"])
DETECTOR_REJECTED = Counter(
    "digger_detector_rejected_documents_total", "Documents the detector refused (4xx)."
)
DETECTOR_POISONED = Counter(
    "digger_detector_poisoned_documents_total",
    "Documents the detector failed on alone (HTTP 500 or an error for that document).",
)
DETECTOR_UNINSPECTED = Counter(
    "digger_detector_uninspected_leaves_total",
    "Leaves the detector left uninspected (over-long paths, CPU budgets).",
)
DETECTOR_LATENCY = Histogram(
    "digger_detector_latency_seconds",
    "Latency of one detector request.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DETECTOR_BREAKER_OPEN = Gauge("digger_detector_breaker_open", "1 while the breaker is open.")
BATCHES_SENT = Counter("digger_batches_sent_total", "Metadata batches sent (resends included).")
BATCHES_ACKED = Counter("digger_batches_acked_total", "Batches acknowledged.", ["status"])
BATCHES_IN_FLIGHT = Gauge("digger_batches_in_flight", "Batches sent and not yet acknowledged.")
REPORTS_SENT = Counter("digger_reports_total", "Endpoint reports put into batches.")
INGEST_RECONNECTS = Counter("digger_ingest_reconnects_total", "Reconnects to the cloud.")
WATCH_RESTARTS = Counter(
    "digger_watch_restarts_total", "Kubernetes list/watch restarts.", ["resource", "reason"]
)
WATCH_EVENTS = Counter("digger_watch_events_total", "Kubernetes watch events.", ["resource"])
PODS_PUBLISHED = Counter(
    "digger_pods_published_total", "PodIdentity records and tombstones produced.", ["kind"]
)
WINDOWS_CLOSED_EARLY = Counter(
    "digger_windows_closed_early_total",
    "Windows closed before their time: max_endpoints_per_window reached, or one partition's "
    "endpoints reached ingest_max_reports_per_batch.",
)
PODS_PUBLISH_ERRORS = Counter("digger_pods_publish_errors_total", "Failed sieve.pods produces.")
PODS_PUBLISHER = Gauge(
    "digger_pods_publisher", "1 while this replica publishes sieve.pods (holds partition 0)."
)
PLACED_PODS = Gauge(
    "digger_placed_pods",
    "Pod IPs the sieve.pods publisher placed on each partition of sieve.exchanges.",
    ["partition"],
)
PODS_UNPLACED = Counter(
    "digger_pods_unplaced_total",
    "Pod records published without a partition (sieve.exchanges' partition count unknown).",
)
PARTITIONS_OWNED = Gauge("digger_partitions_owned", "sieve.exchanges partitions assigned here.")
CLAIM_ERRORS = Counter(
    "digger_partition_claim_errors_total", "Failed ClaimPartitions calls (retried)."
)
REVOKE_FLUSH_TIMEOUTS = Counter(
    "digger_revoke_flush_timeouts_total",
    "Revocations that gave partitions up before their last batches were acknowledged.",
)
PARTITIONS_FENCED = Counter(
    "digger_partitions_fenced_total",
    "Partitions held here whose current claim the cloud fenced (another replica claimed them).",
)
REPORTS_LEFT_TO_NEW_OWNER = Counter(
    "digger_reports_left_to_new_owner_total",
    "Reports not sent because their partition was lost or fenced first (its new owner, "
    "reading from the last commit, counts those exchanges).",
)
RECORDS_ALREADY_COUNTED = Counter(
    "digger_records_already_counted_total",
    "Records skipped because a stored batch already counted them (re-read after a failure).",
)


class ProcessorStatsCollector(Collector):
    """Exports an ExchangeProcessor's counters as ``digger_<name>_total``."""

    def __init__(self, processor: Callable[[], ExchangeProcessor]) -> None:
        self._processor = processor

    def collect(self) -> Iterator[CounterMetricFamily]:
        """One counter per ProcessorStats field, plus what the bounded memories evicted."""
        processor = self._processor()
        stats = processor.stats
        for f in fields(stats):
            yield CounterMetricFamily(
                f"digger_{f.name}", f"Exchanges/documents: {f.name}.", value=getattr(stats, f.name)
            )
        yield CounterMetricFamily(
            "digger_template_prefixes_evicted",
            "Path prefixes forgotten by the templater (template_max_prefixes).",
            value=processor.templater.prefixes_evicted,
        )
        yield CounterMetricFamily(
            "digger_sampler_schemas_evicted",
            "Known (endpoint, schema) pairs forgotten (sample_max_known_schemas).",
            value=processor.sampler.stats.evicted_schemas,
        )
        yield CounterMetricFamily(
            "digger_sampler_buckets_evicted",
            "Endpoint token buckets forgotten (sample_max_endpoints).",
            value=processor.sampler.stats.evicted_buckets,
        )


def register_processor(processor: Callable[[], ExchangeProcessor]) -> Callable[[], None]:
    """Register the collector; returns a function that unregisters it.

    A second service in one process (tests running two replicas in threads) exports nothing:
    the first one's counters keep their names.
    """
    collector = ProcessorStatsCollector(processor)
    try:
        REGISTRY.register(collector)
    except ValueError:  # already registered by another service of this process
        return lambda: None
    return lambda: REGISTRY.unregister(collector)
