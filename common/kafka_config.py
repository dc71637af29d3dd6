"""Kafka connection settings shared by the interceptor and the digger, the client config, and
a topic's partition count read without creating the topic.

A combination librdkafka would silently ignore or only reject at the first connection (SASL
fields without a SASL protocol, TLS files without TLS, a certificate without its key, a
missing or empty password file) stops the service at start with one line saying what to fix.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from confluent_kafka import KafkaException
from pydantic import BaseModel, Field, SecretStr, model_validator

from common.settings import ConfigError

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]

EXCHANGES_TOPIC = "sieve.exchanges"
PODS_TOPIC = "sieve.pods"

#: librdkafka error names that mean the brokers refused who we are (wrong user, password,
#: mechanism, certificate) or the TLS handshake failed: retrying will not help until fixed.
AUTH_ERROR_NAMES = frozenset({"_AUTHENTICATION", "_SSL", "SASL_AUTHENTICATION_FAILED"})


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
    kafka_sasl_password_file: str | None = Field(
        None, description="File holding the SASL password (a mounted Secret), instead of it."
    )
    kafka_ssl_ca_location: str | None = Field(
        None, description="CA bundle file to verify brokers; unset: the system's roots."
    )
    kafka_ssl_certificate_location: str | None = Field(
        None, description="Client certificate file for mutual TLS."
    )
    kafka_ssl_key_location: str | None = Field(None, description="Client key file for mutual TLS.")
    kafka_exchanges_topic: str = Field(
        EXCHANGES_TOPIC, description="Topic of captured exchanges (raw payloads)."
    )
    kafka_pods_topic: str = Field(PODS_TOPIC, description="Compacted topic of pod identities.")

    @model_validator(mode="after")
    def _consistent_security(self) -> KafkaSettingsMixin:
        problem = security_problem(self, _env_prefix(type(self)))
        if problem:
            raise ValueError(problem)
        return self


def _env_prefix(cls: type[BaseModel]) -> str:
    return str(cls.model_config.get("env_prefix", "")).upper()


def security_problem(s: KafkaSettingsMixin, prefix: str = "") -> str | None:
    """What is wrong with the security settings of ``s`` (one sentence), or None."""
    p = prefix
    protocol = s.kafka_security_protocol
    sasl = protocol.startswith("SASL_")
    tls = protocol.endswith("SSL")
    sasl_set = [
        name
        for name, value in (
            ("KAFKA_SASL_MECHANISM", s.kafka_sasl_mechanism),
            ("KAFKA_SASL_USERNAME", s.kafka_sasl_username),
            ("KAFKA_SASL_PASSWORD", s.kafka_sasl_password),
            ("KAFKA_SASL_PASSWORD_FILE", s.kafka_sasl_password_file),
        )
        if value
    ]
    if sasl:
        missing = [
            f"{p}{name}"
            for name, value in (
                ("KAFKA_SASL_MECHANISM", s.kafka_sasl_mechanism),
                ("KAFKA_SASL_USERNAME", s.kafka_sasl_username),
            )
            if not value
        ]
        if not (s.kafka_sasl_password or s.kafka_sasl_password_file):
            missing.append(f"{p}KAFKA_SASL_PASSWORD (or {p}KAFKA_SASL_PASSWORD_FILE)")
        if missing:
            return (
                f"{p}KAFKA_SECURITY_PROTOCOL is {protocol} but {', '.join(missing)} "
                "not set: set them, or use SSL/PLAINTEXT if the brokers need no SASL"
            )
        if s.kafka_sasl_password and s.kafka_sasl_password_file:
            return (
                f"both {p}KAFKA_SASL_PASSWORD and {p}KAFKA_SASL_PASSWORD_FILE are set: "
                "keep one (the file, from a mounted Secret, is preferred)"
            )
    elif sasl_set:
        return (
            f"{', '.join(p + n for n in sasl_set)} set but {p}KAFKA_SECURITY_PROTOCOL is "
            f"{protocol}, which sends no credentials: set it to SASL_SSL (or SASL_PLAINTEXT), "
            "or unset them"
        )
    ssl_set = [
        name
        for name, value in (
            ("KAFKA_SSL_CA_LOCATION", s.kafka_ssl_ca_location),
            ("KAFKA_SSL_CERTIFICATE_LOCATION", s.kafka_ssl_certificate_location),
            ("KAFKA_SSL_KEY_LOCATION", s.kafka_ssl_key_location),
        )
        if value
    ]
    if ssl_set and not tls:
        return (
            f"{', '.join(p + n for n in ssl_set)} set but {p}KAFKA_SECURITY_PROTOCOL is "
            f"{protocol}, which does not use TLS: set it to SSL or SASL_SSL, or unset them"
        )
    if bool(s.kafka_ssl_certificate_location) != bool(s.kafka_ssl_key_location):
        return (
            f"mutual TLS needs both {p}KAFKA_SSL_CERTIFICATE_LOCATION and "
            f"{p}KAFKA_SSL_KEY_LOCATION; only one is set"
        )
    return None


def _readable(path: str, variable: str) -> None:
    if not os.path.isfile(path) or not os.access(path, os.R_OK):
        raise ConfigError(
            f"invalid setting {variable}: {path!r} is not a readable file "
            "(is the Secret mounted there?)"
        )


def sasl_password(settings: KafkaSettingsMixin, prefix: str = "") -> str | None:
    """The SASL password, from the setting or read from its file (ConfigError when unusable)."""
    if settings.kafka_sasl_password is not None:
        return settings.kafka_sasl_password.get_secret_value()
    path = settings.kafka_sasl_password_file
    if not path:
        return None
    variable = f"{prefix}KAFKA_SASL_PASSWORD_FILE"
    _readable(path, variable)
    try:
        with open(path, encoding="utf-8") as f:
            password = f.read().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid setting {variable}: cannot read {path!r}: {exc}") from None
    if not password:
        raise ConfigError(f"invalid setting {variable}: {path!r} is empty")
    return password


def client_config(settings: KafkaSettingsMixin, **extra: Any) -> dict[str, Any]:
    """librdkafka configuration for confluent-kafka from ``settings`` plus ``extra`` keys.

    Reads the password file and checks the TLS files are readable: `ConfigError` (one line
    naming the variable) when not, so a service stops at start rather than retrying forever.
    """
    prefix = _env_prefix(type(settings))
    conf: dict[str, Any] = {
        "bootstrap.servers": settings.kafka_bootstrap_servers,
        "security.protocol": settings.kafka_security_protocol.lower(),
    }
    if settings.kafka_sasl_mechanism:
        conf["sasl.mechanism"] = settings.kafka_sasl_mechanism
    if settings.kafka_sasl_username:
        conf["sasl.username"] = settings.kafka_sasl_username
    password = sasl_password(settings, prefix)
    if password is not None:
        conf["sasl.password"] = password
    for key, name, value in (
        ("ssl.ca.location", "KAFKA_SSL_CA_LOCATION", settings.kafka_ssl_ca_location),
        (
            "ssl.certificate.location",
            "KAFKA_SSL_CERTIFICATE_LOCATION",
            settings.kafka_ssl_certificate_location,
        ),
        ("ssl.key.location", "KAFKA_SSL_KEY_LOCATION", settings.kafka_ssl_key_location),
    ):
        if value:
            _readable(value, prefix + name)
            conf[key] = value
    conf.update(extra)
    return conf


def partition_count(client: Any, topic: str, timeout: float) -> int | None:
    """Partitions of ``topic`` (0: no such topic; None: Kafka did not answer in ``timeout``),
    from a producer's, consumer's or admin client's metadata. Asks for every topic: asking
    for one would let a broker that auto-creates topics create it."""
    try:
        meta = client.list_topics(timeout=timeout).topics.get(topic)
    except KafkaException:
        return None
    return 0 if meta is None or meta.error is not None else len(meta.partitions)
