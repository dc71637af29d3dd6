"""Kafka output: each `HttpExchange` record to ``sieve.exchanges``, keyed by the server "ip:port".

`KafkaSink.send` never blocks: librdkafka queues locally (bounded by settings) and sends
in the background; when the queue is full the exchange is dropped and counted. When the
brokers are away the queue holds what it can and delivery resumes by itself when they
return (librdkafka reconnects and retries until ``message.timeout.ms``). Brokers that refuse
the credentials or the TLS handshake are treated alike (records wait, bounded, and are counted
when dropped), and each refusal is counted in ``auth_failures`` and logged once per episode.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from confluent_kafka import KafkaError, Message, Producer

from common.kafka_config import AUTH_ERROR_NAMES, client_config
from interceptor.settings import InterceptorSettings
from interceptor.wire import EncodedExchange

log = logging.getLogger(__name__)


def max_record_bytes(settings: InterceptorSettings) -> int:
    """Largest record the producer accepts: two capped bodies plus 1 MiB for heads and framing.

    librdkafka's default (1 MB) would refuse an exchange whose bodies are near the cap; the
    chart configures its broker's ``message.max.bytes`` with the same formula.
    """
    return 2 * settings.max_body_bytes + (1 << 20)


class KafkaSink:
    """A non-blocking producer of exchanges, with counters of what happened to them."""

    def __init__(self, settings: InterceptorSettings, topic: str | None = None) -> None:
        self.topic = topic or settings.kafka_exchanges_topic
        conf = client_config(
            settings,
            **{
                "compression.type": settings.kafka_compression,
                "linger.ms": settings.kafka_linger_ms,
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
        try:
            self._producer.produce(self.topic, rec.value, rec.key, on_delivery=self._on_delivery)
        except BufferError:
            self.dropped_queue_full += 1
            self._producer.poll(0)
            return False
        self.queued += 1
        return True

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
