"""Kafka connection settings shared by the interceptor and the digger, and the client config."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]

EXCHANGES_TOPIC = "sieve.exchanges"
PODS_TOPIC = "sieve.pods"


class KafkaSettingsMixin(BaseModel):
    """Fields to mix into a service's settings; env vars are ``<PREFIX>KAFKA_…``."""

    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092", description="Comma-separated host:port list of Kafka brokers."
    )
    kafka_security_protocol: SecurityProtocol = Field(
        "PLAINTEXT", description="How to talk to the brokers (TLS and/or SASL)."
    )
    kafka_sasl_mechanism: SaslMechanism | None = Field(
        None, description="SASL mechanism when the protocol is SASL_*."
    )
    kafka_sasl_username: str | None = Field(None, description="SASL user name.")
    kafka_sasl_password: SecretStr | None = Field(None, description="SASL password.")
    kafka_ssl_ca_location: str | None = Field(None, description="CA bundle file to verify brokers.")
    kafka_ssl_certificate_location: str | None = Field(
        None, description="Client certificate file for mutual TLS."
    )
    kafka_ssl_key_location: str | None = Field(None, description="Client key file for mutual TLS.")
    kafka_exchanges_topic: str = Field(
        EXCHANGES_TOPIC, description="Topic of captured exchanges (raw payloads)."
    )
    kafka_pods_topic: str = Field(PODS_TOPIC, description="Compacted topic of pod identities.")

    @model_validator(mode="after")
    def _sasl_complete(self) -> KafkaSettingsMixin:
        if self.kafka_security_protocol.startswith("SASL_") and not (
            self.kafka_sasl_mechanism and self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError(
                "KAFKA_SECURITY_PROTOCOL is SASL_* but KAFKA_SASL_MECHANISM, "
                "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are not all set"
            )
        return self


def client_config(settings: KafkaSettingsMixin, **extra: Any) -> dict[str, Any]:
    """librdkafka configuration for confluent-kafka from ``settings`` plus ``extra`` keys."""
    conf: dict[str, Any] = {
        "bootstrap.servers": settings.kafka_bootstrap_servers,
        "security.protocol": settings.kafka_security_protocol.lower(),
    }
    if settings.kafka_sasl_mechanism:
        conf["sasl.mechanism"] = settings.kafka_sasl_mechanism
    if settings.kafka_sasl_username:
        conf["sasl.username"] = settings.kafka_sasl_username
    if settings.kafka_sasl_password:
        conf["sasl.password"] = settings.kafka_sasl_password.get_secret_value()
    for key, value in (
        ("ssl.ca.location", settings.kafka_ssl_ca_location),
        ("ssl.certificate.location", settings.kafka_ssl_certificate_location),
        ("ssl.key.location", settings.kafka_ssl_key_location),
    ):
        if value:
            conf[key] = value
    conf.update(extra)
    return conf
