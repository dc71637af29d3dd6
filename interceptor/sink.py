"""Kafka output: each `HttpExchange` record to ``sieve.exchanges``, keyed by the server "ip:port".

`KafkaSink.send` never blocks: librdkafka queues locally (bounded by settings) and sends
in the background; when the queue is full the exchange is dropped and counted. When the
brokers are away the queue holds what it can and delivery resumes by itself when they
return (librdkafka reconnects and retries until ``message.timeout.ms``). Brokers that refuse
the credentials or the TLS handshake are treated alike (records wait, bounded, and are counted
when dropped), and each refusal is counted in ``auth_failures`` and logged once per episode.

Partition: the one the digger placed the server IP on (``sieve.pods``, see
`interceptor.discovery.PodDirectory.placements`) when it is below the topic's current
partition count, so that the digger replicas get even loads; otherwise (no placement, the
count not known yet or smaller) librdkafka's partitioner hashes the key, as without
placements, and ``hashed`` counts why. The key stays the server endpoint either way.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from confluent_kafka import KafkaError, KafkaException, Message, Producer

from common.kafka_config import AUTH_ERROR_NAMES, client_config, partition_count
from interceptor.settings import InterceptorSettings
from interceptor.wire import EncodedExchange

log = logging.getLogger(__name__)


def max_record_bytes(settings: InterceptorSettings) -> int:
    """Largest record the producer accepts: two capped bodies plus 1 MiB for heads and framing.

    librdkafka's default (1 MB) would refuse an exchange whose bodies are near the cap; the
    chart configures its broker's ``message.max.bytes`` with the same formula.
    """
    return 2 * settings.max_body_bytes + (1 << 20)


PARTITIONS_CHECK_SECONDS = 30.0
"""How often (at most) the sink re-reads the topic's partition count once it knows it."""

_HASH = -1  # confluent_kafka's "no partition": the partitioner hashes the key


class KafkaSink:
    """A non-blocking producer of exchanges, with counters of what happened to them."""

    def __init__(
        self,
        settings: InterceptorSettings,
        topic: str | None = None,
        placements: Mapping[bytes, int] | None = None,
    ) -> None:
        """``placements``: server IP → partition (`PodDirectory.placements`); None: hash."""
        self.topic = topic or settings.kafka_exchanges_topic
        self._placements = placements
        self.partitions = 0  # of the topic, once `refresh_partitions` read it
        self._partitions_read_at = 0.0
        self.placed = 0
        self.hashed = {"unplaced": 0, "partitions_unknown": 0, "beyond_partitions": 0}
        conf = client_config(
            settings,
            **{
                "compression.type": settings.kafka_compression,
                "linger.ms": settings.kafka_linger_ms,
                # a batch retried after a lost ack is written once and in order
                "enable.idempotence": True,
                "queue.buffering.max.messages": settings.kafka_queue_max_messages,
                "queue.buffering.max.kbytes": settings.kafka_queue_max_kbytes,
                "message.max.bytes": max_record_bytes(settings),
                "message.timeout.ms": 300_000,
                "reconnect.backoff.max.ms": 2_000,  # notice a returning broker soon
                "client.id": f"sieve-interceptor-{settings.node_name or 'local'}",
                "error_cb": self._on_error,
                "logger": log,
            },
        )
        self._producer = Producer(conf)
        self._lock = threading.Lock()
        self.queued = 0
        self.delivered = 0
        self.dropped_queue_full = 0
        self.delivery_failed = 0
        self.broker_down = False
        self.auth_failures = 0
        self.auth_failing = False

    def send(self, rec: EncodedExchange) -> bool:
        """Queue ``rec``; False (and counted) when the local queue is full."""
        partition, why = (_HASH, "") if self._placements is None else self._partition(rec.key)
        try:
            queued = self._produce(rec, partition)
        except KafkaException as exc:
            if partition == _HASH or exc.args[0].code() != KafkaError._UNKNOWN_PARTITION:
                raise
            # librdkafka's metadata has fewer partitions than the last count read: hash
            why = "beyond_partitions"
            queued = self._produce(rec, _HASH)
        if queued and why == "placed":
            self.placed += 1
        elif queued and why:
            self.hashed[why] += 1
        return queued

    def _produce(self, rec: EncodedExchange, partition: int) -> bool:
        try:
            self._producer.produce(
                self.topic, rec.value, rec.key, partition=partition, on_delivery=self._on_delivery
            )
        except BufferError:
            self.dropped_queue_full += 1
            self._producer.poll(0)
            return False
        self.queued += 1
        return True

    def _partition(self, key: bytes) -> tuple[int, str]:
        """The partition placed for the key's server IP and "placed", else `_HASH` and why."""
        assert self._placements is not None
        partition = self._placements.get(key.rpartition(b":")[0])
        if partition is None:
            return _HASH, "unplaced"
        if partition >= self.partitions:
            return _HASH, "beyond_partitions" if self.partitions else "partitions_unknown"
        return partition, "placed"

    def refresh_partitions(self, timeout: float = 2.0) -> int:
        """Read the topic's partition count (at most every `PARTITIONS_CHECK_SECONDS` once
        known; never blocks longer than ``timeout``); return it (0: not known)."""
        if self._placements is None:
            return self.partitions
        now = time.monotonic()
        if self.partitions and now - self._partitions_read_at < PARTITIONS_CHECK_SECONDS:
            return self.partitions
        self._partitions_read_at = now
        count = partition_count(self._producer, self.topic, timeout)
        if count is None:
            return self.partitions  # the broker is away: keep what was known
        if count != self.partitions:
            log.info("exchange partitions", extra={"topic": self.topic, "partitions": count})
        self.partitions = count
        return count

    def poll(self) -> None:
        """Serve delivery callbacks; call often from the capture loop (never blocks)."""
        self._producer.poll(0)

    def flush(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for queued records; return how many remain."""
        return int(self._producer.flush(timeout))

    def pending(self) -> int:
        """Records queued locally, not yet acknowledged."""
        return len(self._producer)

    def _on_delivery(self, err: KafkaError | None, _msg: Message) -> None:
        if err is None:
            self.delivered += 1
            self.broker_down = False
            self.auth_failing = False
        else:
            self.delivery_failed += 1
            log.warning("exchange not delivered", extra={"error": str(err)})

    def _on_error(self, err: Any) -> None:
        code = err.code() if hasattr(err, "code") else None
        if hasattr(err, "name") and err.name() in AUTH_ERROR_NAMES:
            self.auth_failures += 1
            if not self.auth_failing:  # once per episode; librdkafka retries every few seconds
                log.error(
                    "kafka refused the interceptor's credentials or TLS; exchanges wait in the "
                    "bounded queue until SIEVE_INTERCEPTOR_KAFKA_SASL_* / _SSL_* are fixed",
                    extra={"error": str(err)},
                )
            self.auth_failing = True
            return
        if code in (KafkaError._ALL_BROKERS_DOWN, KafkaError._TRANSPORT):
            if not self.broker_down:  # once per outage, not at every reconnect attempt
                log.warning("kafka unreachable, queueing locally", extra={"error": str(err)})
            self.broker_down = True
            return
        log.warning("kafka: %s", err)
