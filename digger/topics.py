"""Create the digger's Kafka topics when missing."""

from __future__ import annotations

import logging

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined]

from common.kafka_config import AUTH_ERROR_NAMES, client_config
from common.settings import ConfigError
from digger.settings import DiggerSettings

log = logging.getLogger(__name__)


def ensure_topics(settings: DiggerSettings, timeout: float = 15.0) -> None:
    """Create sieve.exchanges (short retention) and sieve.pods (compacted) if missing."""
    refused: list[str] = []

    def on_error(err: KafkaError) -> None:
        if err.name() in AUTH_ERROR_NAMES:
            refused.append(err.str())

    admin = AdminClient(client_config(settings, error_cb=on_error, logger=log))
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
    try:
        existing = admin.list_topics(timeout=timeout).topics
    except KafkaException:
        admin.poll(1.0)  # serves error_cb: was it a refusal rather than an absent broker?
        if refused:
            raise ConfigError(
                f"Kafka refused the digger's credentials or TLS ({refused[-1]}): check "
                "SIEVE_DIGGER_KAFKA_SASL_USERNAME, _SASL_PASSWORD(_FILE), _SASL_MECHANISM "
                "and _SSL_CA_LOCATION"
            ) from None
        raise
    missing = [t for t in wanted if t.topic not in existing]
    if not missing:
        return
    for topic, future in admin.create_topics(missing, request_timeout=timeout).items():
        try:
            future.result(timeout)
            log.info("created topic", extra={"topic": topic})
        except KafkaException as exc:
            code = exc.args[0].code()
            if code == KafkaError.TOPIC_AUTHORIZATION_FAILED:
                raise ConfigError(
                    f"Kafka does not allow the digger to create topic {topic}: create it "
                    "beforehand and set SIEVE_DIGGER_KAFKA_CREATE_TOPICS=false, or grant "
                    "the digger's user Create on it"
                ) from None
            if code != KafkaError.TOPIC_ALREADY_EXISTS:
                raise
