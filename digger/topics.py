"""Create the digger's Kafka topics when missing."""

from __future__ import annotations

import logging

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined]

from common.kafka_config import client_config
from digger.settings import DiggerSettings

log = logging.getLogger(__name__)


def ensure_topics(settings: DiggerSettings, timeout: float = 15.0) -> None:
    """Create sieve.exchanges (short retention) and sieve.pods (compacted) if missing."""
    admin = AdminClient(client_config(settings, logger=log))
    wanted = [
        NewTopic(
            settings.kafka_exchanges_topic,
            num_partitions=settings.kafka_exchanges_partitions,
            replication_factor=settings.kafka_replication_factor,
            config={"retention.ms": str(settings.kafka_exchanges_retention_ms)},
        ),
        NewTopic(
            settings.kafka_pods_topic,
            num_partitions=settings.kafka_pods_partitions,
            replication_factor=settings.kafka_replication_factor,
            config={"cleanup.policy": "compact"},
        ),
    ]
    existing = admin.list_topics(timeout=timeout).topics
    missing = [t for t in wanted if t.topic not in existing]
    if not missing:
        return
    for topic, future in admin.create_topics(missing, request_timeout=timeout).items():
        try:
            future.result(timeout)
            log.info("created topic", extra={"topic": topic})
        except KafkaException as exc:
            if exc.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise
