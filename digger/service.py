"""The digger service: Kafka → ExchangeProcessor → IngestService, each record counted once.

Offsets are committed only after every batch that covers them is acknowledged (the
`OffsetLedger`). Replicas share one consumer group with cooperative-sticky assignment, so a
rebalance revokes only the partitions that move; before giving those up the service closes
the window, waits (bounded) for the acks and commits. On assignment it claims the partitions
at the cloud (``ClaimPartitions``): records below the stored high water are skipped, and each
batch carries the one partition range its reports were counted from, so the cloud stores a
record's counts once even after a replica was killed uncommitted (see
`collector.partition_offsets`). A cloud without claims gets at-least-once counts.
When the detector is down the current batch is held and the partitions are paused; when
too many batches wait for acks the partitions are paused too. Nothing is dropped.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import grpc
from confluent_kafka import Consumer, KafkaError, KafkaException, Message, TopicPartition

from common.backoff import Backoff
from common.kafka_config import AUTH_ERROR_NAMES, client_config
from common.service import Runtime
from digger import metrics
from digger.detector_client import CircuitBreaker, DetectorClient
from digger.identities import IdentityResolver, StaticIdentities
from digger.ingest_client import IngestClient, IngestConfig
from digger.ledger import Claim, OffsetLedger, Partition
from digger.pipeline import DetectFn, DetectorUnavailableError, ExchangeProcessor
from digger.settings import DiggerSettings
from digger.topics import ensure_topics
from protos.sieve.v1 import exchange_pb2, metadata_pb2

log = logging.getLogger(__name__)


def ingest_config(settings: DiggerSettings) -> IngestConfig:
    """IngestConfig from settings."""
    return IngestConfig(
        target=settings.ingest_target,
        agent_id=settings.agent_id,
        cluster_name=settings.cluster_name,
        insecure=settings.ingest_insecure,
        ca_file=settings.ingest_ca_file,
        server_name=settings.ingest_server_name,
        token=settings.ingest_token.get_secret_value() if settings.ingest_token else None,
        token_file=settings.ingest_token_file,
        max_in_flight=settings.ingest_max_in_flight,
        max_reports_per_batch=settings.ingest_max_reports_per_batch,
        ack_timeout=settings.ingest_ack_timeout_seconds,
        backoff_initial=settings.ingest_backoff_initial_seconds,
        backoff_max=settings.ingest_backoff_max_seconds,
    )


class DiggerService:
    """Runs the consume → process → report loop until shutdown."""

    def __init__(
        self,
        settings: DiggerSettings,
        runtime: Runtime,
        *,
        identities: IdentityResolver | None = None,
        detect: DetectFn | None = None,
        on_publisher: Callable[[bool], None] | None = None,
    ) -> None:
        """``on_publisher(True/False)``: this replica gains or loses partition 0, and with it
        the publishing of ``sieve.pods`` (see `digger.cluster`)."""
        self.settings = settings
        self._on_publisher = on_publisher
        self.publisher = False
        self.runtime = runtime
        self._detector: DetectorClient | None = None
        if detect is None:
            self._detector = DetectorClient(
                settings.detector_url,
                timeout=settings.detector_timeout_seconds,
                retries=settings.detector_retries,
                backoff_initial=settings.detector_backoff_initial_seconds,
                backoff_max=settings.detector_backoff_max_seconds,
                breaker=CircuitBreaker(
                    settings.detector_breaker_failures, settings.detector_breaker_reset_seconds
                ),
            )
            detect = self._detector
        if identities is None:
            assert settings.identities_file, "validated by DiggerSettings"
            identities = StaticIdentities.from_file(settings.identities_file)
        self.processor = ExchangeProcessor(settings, identities, detect)
        self.ingest = IngestClient(ingest_config(settings))
        self.ledger = OffsetLedger()
        self._claims_supported = True
        self._held: list[Message] = []
        self._held_attempts = 0
        self._paused = False
        self._kafka_ok = False
        self._auth_failing = False
        self._detect_ok = True
        self._lag = 0
        self._consumer: Consumer | None = None
        self._unregister: Callable[[], None] | None = None

    # --- readiness -----------------------------------------------------------------------
    def _ready_kafka(self) -> bool:
        return self._kafka_ok

    def _ready_detector(self) -> bool:
        if self._detector is not None:
            return self._detect_ok and self._detector.healthy()
        return self._detect_ok

    def _ready_cloud(self) -> bool:
        return self.ingest.connected

    # --- Kafka callbacks -----------------------------------------------------------------
    def _on_error(self, err: KafkaError) -> None:
        metrics.KAFKA_ERRORS.labels(code=err.name()).inc()
        if err.name() in AUTH_ERROR_NAMES:
            self._kafka_ok = False
            level = logging.DEBUG if self._auth_failing else logging.ERROR  # once per episode
            self._auth_failing = True
            log.log(
                level,
                "kafka refused the digger's credentials or TLS; fix SIEVE_DIGGER_KAFKA_SASL_* "
                "or _SSL_* (counted in digger_kafka_errors_total)",
                extra={"error": err.str()},
            )
            return
        if err.code() in (KafkaError._ALL_BROKERS_DOWN, KafkaError._TRANSPORT):
            self._kafka_ok = False
        log.warning("kafka error", extra={"error": err.str()})

    def _on_stats(self, raw: str) -> None:
        try:
            stats = json.loads(raw)
        except ValueError:
            return
        brokers = stats.get("brokers", {}).values()
        self._kafka_ok = any(b.get("state") == "UP" for b in brokers if b.get("nodeid", -1) >= 0)
        lag = 0
        topic = stats.get("topics", {}).get(self.settings.kafka_exchanges_topic, {})
        for part in topic.get("partitions", {}).values():
            part_lag = part.get("consumer_lag", -1)
            if part.get("partition", -1) >= 0 and part_lag > 0:
                lag += part_lag
        self._lag = lag
        metrics.CONSUMER_LAG.set(lag)
        metrics.SAMPLING_FACTOR.set(self.processor.sampler.observe(lag=lag))

    def _on_assign(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """Claim the new partitions at the cloud, then take them (incrementally)."""
        claims = self._claim(sorted({p.partition for p in partitions}))
        for tp in partitions:
            self.ledger.assign((tp.topic, tp.partition), claims.get(tp.partition))
        if self.settings.kafka_assignment_strategy == "cooperative-sticky":
            consumer.incremental_assign(partitions)
        else:  # eager protocols hand over the whole assignment each time
            consumer.assign(partitions)
        if self._paused and partitions:
            consumer.pause(partitions)
        if any(tp.partition == 0 for tp in partitions):
            self._set_publisher(True)
        metrics.PARTITIONS_OWNED.set(len(self.ledger.partitions))
        log.info("partitions assigned", extra={"partitions": [p.partition for p in partitions]})

    def _claim(self, partitions: list[int]) -> dict[int, Claim]:
        """The cloud's claims (empty when it takes none); retried until shutdown."""
        if not partitions or not self._claims_supported:
            return {}
        s = self.settings
        backoff = Backoff.exponential(
            s.ingest_backoff_initial_seconds, s.ingest_backoff_max_seconds
        )
        while True:
            try:
                claims = self.ingest.claim(
                    s.kafka_group_id, s.kafka_exchanges_topic, partitions, s.claim_timeout_seconds
                )
            except (grpc.RpcError, grpc.FutureTimeoutError, OSError, ValueError) as exc:
                metrics.CLAIM_ERRORS.inc()
                log.warning("claiming partitions failed; retrying", extra={"error": repr(exc)})
                if self.runtime.shutdown.wait(backoff.next()):
                    return {}  # shutting down: nothing will be counted from them
                continue
            if claims is None:
                self._claims_supported = False
                log.warning("the cloud takes no partition claims: counts are at-least-once")
                return {}
            return claims

    def _on_revoke(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """Report and commit what was counted, then give the partitions up.

        Only the partitions that move are revoked (cooperative-sticky). Whatever is counted
        is flushed, acknowledged (bounded wait) and committed first; if the acks do not come
        in time the batches are still delivered later and the cloud fences or stores them
        (with claims), or the next owner re-reads (at-least-once, without claims).
        """
        gone = [(p.topic, p.partition) for p in partitions]
        moving = set(gone)
        self._held = [m for m in self._held if (m.topic(), m.partition()) not in moving]
        if any(self.ledger.owns(part) for part in gone):
            self._close_window()
            timeout = self.settings.rebalance_flush_timeout_seconds
            if self.ingest.wait_acked(self.ingest.last_sequence, timeout):
                self._commit_acked(consumer)
            else:
                metrics.REVOKE_FLUSH_TIMEOUTS.inc()
                log.warning("partitions revoked before their last batches were acknowledged")
        self.ledger.revoke(gone)
        if any(p.partition == 0 for p in partitions):
            self._set_publisher(False)
        metrics.PARTITIONS_OWNED.set(len(self.ledger.partitions))
        log.info("partitions revoked", extra={"partitions": sorted(p for _, p in gone)})

    def _on_lost(self, _consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """The group moved these on without us (session lost): nothing of them may be
        committed; the cloud fences whatever of them is still in flight."""
        self.ledger.revoke((p.topic, p.partition) for p in partitions)
        gone = {(p.topic, p.partition) for p in partitions}
        self._held = [m for m in self._held if (m.topic(), m.partition()) not in gone]
        if any(p.partition == 0 for p in partitions):
            self._set_publisher(False)
        metrics.PARTITIONS_OWNED.set(len(self.ledger.partitions))
        log.warning("partitions lost", extra={"partitions": sorted(p for _, p in gone)})

    def _set_publisher(self, publisher: bool) -> None:
        if publisher == self.publisher:
            return
        self.publisher = publisher
        metrics.PODS_PUBLISHER.set(int(publisher))
        if self._on_publisher is not None:
            try:
                self._on_publisher(publisher)
            except Exception:  # Kafka trouble while reconciling: the next assignment retries
                metrics.KAFKA_ERRORS.labels(code="pods_takeover").inc()
                log.exception("taking over sieve.pods failed")
                self.publisher = False

    def _ensure_topics(self) -> bool:
        """Create the topics, retrying while Kafka is unreachable (the bundled broker starts
        beside the digger); not ready meanwhile. False when shutdown came first."""
        s = self.settings
        ceiling = s.ingest_backoff_max_seconds
        backoff = Backoff.exponential(min(1.0, ceiling), ceiling)
        while not self.runtime.shutdown.requested:
            try:
                ensure_topics(s)
                return True
            except KafkaException as exc:
                metrics.KAFKA_ERRORS.labels(code="ensure_topics").inc()
                delay = backoff.next()
                log.warning(
                    "kafka not reachable yet, topics not checked; retrying",
                    extra={"error": str(exc), "retry_in_seconds": round(delay, 1)},
                )
                self.runtime.shutdown.wait(delay)
        return False

    # --- main loop -----------------------------------------------------------------------
    def run(self) -> None:
        """Serve until shutdown is requested."""
        s = self.settings
        health = self.runtime.health
        health.add_readiness("kafka", self._ready_kafka)
        health.add_readiness("detector", self._ready_detector)
        health.add_readiness("cloud", self._ready_cloud)
        self._unregister = metrics.register_processor(lambda: self.processor)
        if s.kafka_create_topics and not self._ensure_topics():
            return  # shutdown asked for while Kafka was unreachable
        self._kafka_ok = True
        consumer = Consumer(
            client_config(
                s,
                **{
                    "group.id": s.kafka_group_id,
                    "enable.auto.commit": False,
                    "enable.auto.offset.store": False,
                    "auto.offset.reset": "earliest",
                    "statistics.interval.ms": 5000,
                    "session.timeout.ms": s.kafka_session_timeout_ms,
                    "partition.assignment.strategy": s.kafka_assignment_strategy,
                    "error_cb": self._on_error,
                    "stats_cb": self._on_stats,
                    "logger": log,  # librdkafka's lines as JSON log records, not raw stderr
                },
            )
        )
        self._consumer = consumer
        consumer.subscribe(
            [s.kafka_exchanges_topic],
            on_assign=self._on_assign,
            on_revoke=self._on_revoke,
            on_lost=self._on_lost,
        )
        self.ingest.start()
        log.info("digger running", extra={"instance": self.ingest.instance})
        window_due = time.monotonic() + s.window_seconds
        try:
            while not self.runtime.shutdown.requested:
                self._step(consumer)
                now = time.monotonic()
                if now >= window_due or self._window_full():
                    if now < window_due:
                        metrics.WINDOWS_CLOSED_EARLY.inc()
                    self._close_window()
                    window_due = now + s.window_seconds
                self._commit_acked(consumer)
        finally:
            self._stop(consumer)

    def _step(self, consumer: Consumer) -> None:
        s = self.settings
        if self._held:
            self._pause(consumer)
            # paused partitions deliver nothing new, but keep the group membership alive
            self._held.extend(self._good(consumer.consume(s.consume_batch_size, 0.05)))
            if self._process(self._held):
                self._held = []
                self._held_attempts = 0
                self._resume(consumer)
                return
            self._held_attempts += 1
            if self._held_attempts >= s.detector_poison_attempts and self._detector_up():
                # The detector is up yet fails on this batch every time: aggregate it without
                # detection (counted) rather than stall the pipeline behind it.
                log.warning(
                    "detector keeps failing on one batch; counting it undetected",
                    extra={"records": len(self._held)},
                )
                self._process(self._held, detect=False)
                self._held = []
                self._held_attempts = 0
                self._resume(consumer)
                return
            self.runtime.shutdown.wait(min(s.detector_backoff_max_seconds, 1.0))
            return
        if not self.ingest.has_capacity:
            self._pause(consumer)
            # keeps the group membership alive; records fetched before the pause still count
            late = self._good(consumer.consume(s.consume_batch_size, s.consume_timeout_seconds))
            if late and not self._process(late):
                self._held = late
            return
        self._resume(consumer)
        msgs = self._good(consumer.consume(s.consume_batch_size, s.consume_timeout_seconds))
        if msgs and not self._process(msgs):
            self._held = msgs

    def _good(self, msgs: list[Message]) -> list[Message]:
        out = []
        for msg in msgs:
            err = msg.error()
            if err is None:
                out.append(msg)
            elif err.code() != KafkaError._PARTITION_EOF:
                metrics.KAFKA_ERRORS.labels(code=err.name()).inc()
                log.warning("consume error", extra={"error": err.str()})
        if out:
            self._kafka_ok = True
            self._auth_failing = False
        return out

    def _detector_up(self) -> bool:
        """The detector answers its health probe (whatever our calls did)."""
        return self._detector.probe(max_age=0) if self._detector is not None else False

    def _window_full(self) -> bool:
        # a partition's batch goes whole: close before one outgrows a batch
        s = self.settings
        return (
            self.processor.window_full
            or self.processor.largest_source >= s.ingest_max_reports_per_batch
        )

    def _process(self, msgs: list[Message], *, detect: bool = True) -> bool:
        """Process a batch atomically; False (nothing aggregated) when the detector is down."""
        exchanges = []
        sources: list[Partition] = []
        malformed = skipped = 0
        ends: dict[Partition, int] = {}  # the next offset per partition, once the batch is done
        counted: set[Partition] = set()
        decode = exchange_pb2.HttpExchange.FromString
        for msg in msgs:
            topic, partition, offset = msg.topic(), msg.partition(), msg.offset()
            if topic is None or partition is None or offset is None:
                continue
            key = (topic, partition)
            if not self.ledger.owns(key):
                continue  # fetched before a revocation: the new owner reads it
            if offset + 1 > ends.get(key, -1):
                ends[key] = offset + 1
            if not self.ledger.admit(key, offset):
                skipped += 1  # already counted in a batch the cloud stored
                continue
            counted.add(key)
            try:
                exchanges.append(decode(msg.value() or b""))
                sources.append(key)
            except Exception:  # protobuf DecodeError and friends: counted, skipped
                malformed += 1
        try:
            self.processor.process_batch(exchanges, detect=detect, sources=sources)
        except DetectorUnavailableError as exc:
            if self._detect_ok:
                log.warning("detector unavailable; pausing consumption", extra={"error": str(exc)})
            self._detect_ok = False
            return False
        self.processor.stats.malformed += malformed  # once, when the batch is done
        if skipped:
            metrics.RECORDS_ALREADY_COUNTED.inc(skipped)
        if not self._detect_ok:
            log.info("detector back; resuming consumption")
        self._detect_ok = True
        for key, end in ends.items():
            self.ledger.processed(key, end, counted=key in counted)
        return True

    def _close_window(self) -> None:
        window = self.processor.flush_window()
        ranges = self.ledger.close_window()
        unranged: list[metadata_pb2.EndpointReport] = []
        for source, reports in window.by_source.items():
            if source not in ranges:  # lost or fenced meanwhile: its new owner counts it
                metrics.REPORTS_LEFT_TO_NEW_OWNER.inc(len(reports))
            elif ranges[source] is None:  # a cloud without claims
                unranged.extend(reports)
        if unranged:
            self.ingest.submit(unranged, window.start_ns, window.end_ns)
        for source_range in ranges.values():
            if source_range is not None:
                part = (source_range.topic, source_range.partition)
                self.ingest.submit(
                    window.by_source.get(part, []),
                    window.start_ns,
                    window.end_ns,
                    source_range,
                    self.settings.kafka_group_id,
                )
        self.ledger.submitted(self.ingest.last_sequence)

    def _commit_acked(self, consumer: Consumer) -> None:
        acked = self.ingest.acked_through
        for part, epoch in self.ingest.take_fenced():  # after acked_through: see take_fenced
            if self.ledger.fence(part, epoch):
                metrics.PARTITIONS_FENCED.inc()
                log.error(
                    "another replica claimed a partition this one holds; it is left uncounted "
                    "here until the group moves it",
                    extra={"partition": part[1], "epoch": epoch},
                )
        offsets = self.ledger.acked(acked)
        if not offsets:
            return
        try:
            consumer.commit(
                offsets=[TopicPartition(t, p, o) for (t, p), o in offsets.items()],
                asynchronous=False,
            )
            metrics.OFFSETS_COMMITTED.inc()
        except Exception as exc:  # e.g. rebalanced away: the next owner re-reads (fenced)
            metrics.OFFSET_COMMIT_ERRORS.inc()
            log.warning("offset commit failed", extra={"error": repr(exc)})

    def _pause(self, consumer: Consumer) -> None:
        if not self._paused:
            assignment = consumer.assignment()
            if assignment:
                consumer.pause(assignment)
            self._paused = True
            metrics.CONSUMPTION_PAUSED.set(1)

    def _resume(self, consumer: Consumer) -> None:
        if self._paused:
            assignment = consumer.assignment()
            if assignment:
                consumer.resume(assignment)
            self._paused = False
            metrics.CONSUMPTION_PAUSED.set(0)

    def _stop(self, consumer: Consumer) -> None:
        grace = self.settings.shutdown_grace_seconds
        try:
            if self._held and self._process(self._held):
                self._held = []
            self._close_window()
            if self.ingest.wait_acked(self.ingest.last_sequence, grace):
                self._commit_acked(consumer)
            else:
                log.warning("shutdown before every batch was acknowledged; they will be resent")
        finally:
            consumer.close()
            self.ingest.close()
            if self._detector is not None:
                self._detector.close()
            if self._unregister is not None:
                self._unregister()
