"""Settings: env prefix, one-line errors naming the variable."""

from __future__ import annotations

from pathlib import Path

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


def test_incomplete_sasl_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    with pytest.raises(ConfigError) as err:
        load_settings(DemoSettings)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith("invalid settings: SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL is SASL_SSL")
    assert "SIEVE_DEMO_KAFKA_SASL_MECHANISM" in msg
    assert "SIEVE_DEMO_KAFKA_SASL_USERNAME" in msg
    assert "SIEVE_DEMO_KAFKA_SASL_PASSWORD_FILE" in msg
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_USERNAME", "sieve")
    with pytest.raises(ConfigError, match="SIEVE_DEMO_KAFKA_SASL_PASSWORD "):
        load_settings(DemoSettings)
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_PASSWORD", "pw")
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SSL_CA_LOCATION", str(ca))
    conf = client_config(load_settings(DemoSettings), **{"client.id": "x"})
    assert conf == {
        "bootstrap.servers": "127.0.0.1:9092",
        "security.protocol": "sasl_ssl",
        "sasl.mechanism": "SCRAM-SHA-512",
        "sasl.username": "sieve",
        "sasl.password": "pw",
        "ssl.ca.location": str(ca),
        "client.id": "x",
    }


def test_password_file_is_read_without_its_newline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    secret = tmp_path / "password"
    secret.write_text("s3cret pass\n")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_MECHANISM", "PLAIN")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_USERNAME", "sieve")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_PASSWORD_FILE", str(secret))
    settings = load_settings(DemoSettings)
    assert "s3cret" not in repr(settings)  # only the path is held, never logged
    assert client_config(settings)["sasl.password"] == "s3cret pass"
    secret.write_text("")
    with pytest.raises(ConfigError, match=r"SIEVE_DEMO_KAFKA_SASL_PASSWORD_FILE: .* is empty"):
        client_config(settings)
    secret.unlink()
    with pytest.raises(
        ConfigError, match=r"SIEVE_DEMO_KAFKA_SASL_PASSWORD_FILE: .* not a readable"
    ):
        client_config(settings)
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SASL_PASSWORD", "pw")
    with pytest.raises(ConfigError, match="both SIEVE_DEMO_KAFKA_SASL_PASSWORD and"):
        load_settings(DemoSettings)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"SECURITY_PROTOCOL": "PLAINTEXT", "SASL_USERNAME": "u"},
            "SIEVE_DEMO_KAFKA_SASL_USERNAME set but SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL is "
            "PLAINTEXT, which sends no credentials",
        ),
        (
            {"SECURITY_PROTOCOL": "SSL", "SASL_MECHANISM": "PLAIN", "SASL_PASSWORD": "p"},
            "SIEVE_DEMO_KAFKA_SASL_MECHANISM, SIEVE_DEMO_KAFKA_SASL_PASSWORD set but",
        ),
        (
            {"SECURITY_PROTOCOL": "PLAINTEXT", "SSL_CA_LOCATION": "/ca.pem"},
            "SIEVE_DEMO_KAFKA_SSL_CA_LOCATION set but SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL is "
            "PLAINTEXT, which does not use TLS",
        ),
        (
            {
                "SECURITY_PROTOCOL": "SASL_PLAINTEXT",
                "SASL_MECHANISM": "PLAIN",
                "SASL_USERNAME": "u",
                "SASL_PASSWORD": "p",
                "SSL_CA_LOCATION": "/ca.pem",
            },
            "is SASL_PLAINTEXT, which does not use TLS",
        ),
        (
            {"SECURITY_PROTOCOL": "SSL", "SSL_CERTIFICATE_LOCATION": "/c.pem"},
            "mutual TLS needs both SIEVE_DEMO_KAFKA_SSL_CERTIFICATE_LOCATION and",
        ),
        (
            {"SECURITY_PROTOCOL": "SASL_SSL", "SASL_MECHANISM": "SCRAM-SHA-1"},
            "invalid setting SIEVE_DEMO_KAFKA_SASL_MECHANISM",
        ),
    ],
)
def test_wrong_security_combinations_stop_with_one_line(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
):
    for name, value in env.items():
        monkeypatch.setenv(f"SIEVE_DEMO_KAFKA_{name}", value)
    with pytest.raises(ConfigError) as err:
        load_settings(DemoSettings)
    assert "\n" not in str(err.value)
    assert expected in str(err.value)


def test_tls_files_must_be_readable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    cert, key = tmp_path / "client.pem", tmp_path / "client.key"
    cert.write_text("x")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SECURITY_PROTOCOL", "SSL")
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SSL_CERTIFICATE_LOCATION", str(cert))
    monkeypatch.setenv("SIEVE_DEMO_KAFKA_SSL_KEY_LOCATION", str(key))
    settings = load_settings(DemoSettings)
    with pytest.raises(ConfigError, match=r"SIEVE_DEMO_KAFKA_SSL_KEY_LOCATION: .*client\.key"):
        client_config(settings)
    key.write_text("y")
    conf = client_config(settings)
    assert (conf["ssl.certificate.location"], conf["ssl.key.location"]) == (str(cert), str(key))
    assert conf["security.protocol"] == "ssl"
    assert "sasl.username" not in conf


def test_log_level_is_case_insensitive(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SIEVE_DEMO_LOG_LEVEL", "debug")
    assert load_settings(DemoSettings).log_level == "DEBUG"
