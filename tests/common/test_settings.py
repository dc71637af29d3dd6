"""Settings: env prefix, one-line errors naming the variable."""

from __future__ import annotations

import pytest
from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.kafka_config import KafkaSettingsMixin, client_config
from common.settings import ConfigError, ServiceSettings, load_settings


class DemoSettings(ServiceSettings, KafkaSettingsMixin):
    model_config = SettingsConfigDict(env_prefix="SIEVE_DEMO_", extra="ignore", frozen=True)
    window_seconds: float = Field(10.0, gt=0, description="Aggregation window length.")


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIEVE_DEMO_WINDOW_SECONDS", "2.5")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092")
    s = load_settings(DemoSettings)
    assert s.window_seconds == 2.5
    assert client_config(s)["bootstrap.servers"] == "k1:9092,k2:9092"


def test_wrong_value_is_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIEVE_DEMO_WINDOW_SECONDS", "soon")
    with pytest.raises(ConfigError) as err:
        load_settings(DemoSettings)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith("invalid setting SIEVE_DEMO_WINDOW_SECONDS:")
    assert "'soon'" in msg
    assert "Aggregation window length." in msg


def test_out_of_range_and_enum_errors(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIEVE_DEMO_LOG_LEVEL", "LOUD")
    with pytest.raises(ConfigError, match="SIEVE_DEMO_LOG_LEVEL"):
        load_settings(DemoSettings)
    monkeypatch.delenv("SIEVE_DEMO_LOG_LEVEL")
    monkeypatch.setenv("SIEVE_DEMO_OPS_PORT", "70000")
    with pytest.raises(ConfigError, match="SIEVE_DEMO_OPS_PORT"):
        load_settings(DemoSettings)


def test_incomplete_sasl_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    with pytest.raises(ConfigError, match="KAFKA_SASL_MECHANISM"):
        load_settings(DemoSettings)
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_USERNAME", "sieve")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_PASSWORD", "pw")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SSL_CA_LOCATION", "/etc/ca.pem")
    conf = client_config(load_settings(DemoSettings), **{"client.id": "x"})
    assert conf == {
        "bootstrap.servers": "127.0.0.1:9092",
        "security.protocol": "sasl_ssl",
        "sasl.mechanism": "SCRAM-SHA-512",
        "sasl.username": "sieve",
        "sasl.password": "pw",
        "ssl.ca.location": "/etc/ca.pem",
        "client.id": "x",
    }


def test_log_level_is_case_insensitive(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIEVE_DEMO_LOG_LEVEL", "debug")
    assert load_settings(DemoSettings).log_level == "DEBUG"
