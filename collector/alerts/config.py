"""The alerts file (``SIEVE_COLLECTOR_ALERTS_FILE``, YAML): where alerts go and when.

::

    dashboard_url: https://sieve.example.com/      # links in chat messages and events
    still_open_hours: 24                            # remind while a violation stays open
    retry: {initial_seconds: 1, max_seconds: 300, give_up_after_hours: 168}
    sinks:
      - {name: soc, type: webhook, url: https://hooks.example/sieve, hmac_key_file: /keys/soc}
      - {name: chat, type: slack, url: https://hooks.slack.example/T/B/X, min_severity: high}
      - {name: teams, type: teams, url: https://example.webhook.office.com/...}
      - {name: oncall, type: pagerduty, routing_key_file: /keys/pd}
      - {name: siem, type: syslog, host: siem.example, port: 6514, tls: true}
      - {name: lines, type: jsonl, path: "-"}     # "-" is stdout

Secrets (URLs of chat webhooks, HMAC keys, routing keys) may be given inline or, better, as
``*_file`` paths (the chart mounts them from a Secret).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from common.settings import ConfigError

SEVERITIES = ("info", "low", "medium", "high", "critical")
Severity = Literal["info", "low", "medium", "high", "critical"]
State = Literal["opened", "still_open", "resolved"]
STATES: tuple[State, ...] = ("opened", "still_open", "resolved")


def severity_rank(name: str) -> int:
    """``info`` 0 .. ``critical`` 4 (unknown names rank as ``medium``)."""
    return SEVERITIES.index(name) if name in SEVERITIES else 2


def _secret(inline: SecretStr | None, path: Path | None, what: str) -> SecretStr | None:
    if inline is not None and path is not None:
        raise ValueError(f"give {what} or {what}_file, not both")
    if path is None:
        return inline
    try:
        return SecretStr(path.read_text(encoding="utf-8").strip())
    except OSError as exc:
        raise ValueError(f"cannot read {what}_file {path}: {exc.strerror}") from None


class _Sink(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    min_severity: Severity = "info"
    states: list[State] = Field(default_factory=lambda: list(STATES), min_length=1)
    timeout_seconds: float = Field(default=5.0, gt=0, le=120)

    def wants(self, state: str, severity: str) -> bool:
        """True when this sink takes alerts of ``state`` and ``severity``."""
        return state in self.states and severity_rank(severity) >= severity_rank(self.min_severity)


class _HttpSink(_Sink):
    url: SecretStr | None = None
    url_file: Path | None = None

    @model_validator(mode="after")
    def _url(self) -> _HttpSink:
        url = _secret(self.url, self.url_file, "url")
        if url is None:
            raise ValueError("url or url_file is required")
        if not url.get_secret_value().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        object.__setattr__(self, "url", url)
        return self

    @property
    def target(self) -> str:
        """The URL to post to."""
        assert self.url is not None
        return self.url.get_secret_value()


class WebhookSink(_HttpSink):
    """Generic JSON webhook, signed with HMAC-SHA256 when a key is set."""

    type: Literal["webhook"]
    hmac_key: SecretStr | None = None
    hmac_key_file: Path | None = None

    @model_validator(mode="after")
    def _key(self) -> WebhookSink:
        object.__setattr__(self, "hmac_key", _secret(self.hmac_key, self.hmac_key_file, "hmac_key"))
        return self


class SlackSink(_HttpSink):
    """Slack incoming webhook."""

    type: Literal["slack"]


class TeamsSink(_HttpSink):
    """Microsoft Teams incoming webhook (or Workflows webhook), Adaptive Card message."""

    type: Literal["teams"]


class PagerDutySink(_Sink):
    """PagerDuty Events API v2: trigger on opened, resolve on resolved (dedup by violation)."""

    type: Literal["pagerduty"]
    url: str = Field(default="https://events.pagerduty.com/v2/enqueue", pattern=r"^https?://")
    routing_key: SecretStr | None = None
    routing_key_file: Path | None = None

    @model_validator(mode="after")
    def _key(self) -> PagerDutySink:
        key = _secret(self.routing_key, self.routing_key_file, "routing_key")
        if key is None:
            raise ValueError("routing_key or routing_key_file is required")
        object.__setattr__(self, "routing_key", key)
        return self

    @property
    def target(self) -> str:
        """The URL to post to."""
        return self.url


class SyslogSink(_Sink):
    """RFC 5424 messages over TCP (octet-counted framing, RFC 6587), optionally TLS."""

    type: Literal["syslog"]
    host: str = Field(min_length=1)
    port: int = Field(default=514, ge=1, le=65535)
    tls: bool = False
    ca_file: Path | None = None
    facility: int = Field(default=4, ge=0, le=23, description="4: security/auth")
    app_name: str = Field(default="sieve", pattern=r"^[!-~]{1,48}$")


class JsonLinesSink(_Sink):
    """One JSON event per line, appended to a file, or stdout for ``-``."""

    type: Literal["jsonl"]
    path: str = Field(default="-", min_length=1)


Sink = Annotated[
    WebhookSink | SlackSink | TeamsSink | PagerDutySink | SyslogSink | JsonLinesSink,
    Field(discriminator="type"),
]


class RetryPolicy(BaseModel):
    """Capped exponential backoff; a delivery older than the give-up age is expired (counted)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    initial_seconds: float = Field(default=1.0, gt=0, le=3600)
    max_seconds: float = Field(default=300.0, gt=0, le=86_400)
    give_up_after_hours: float = Field(default=168.0, gt=0)


class AlertsConfig(BaseModel):
    """Where alerts go, and when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dashboard_url: str = Field(default="", pattern=r"^(https?://.*)?$")
    still_open_hours: float = Field(default=24.0, ge=0, description="0: no reminders")
    retry: RetryPolicy = Field(default_factory=RetryPolicy)
    batch_size: int = Field(default=100, ge=1, le=10_000, description="deliveries per round")
    retention_hours: float = Field(
        default=168.0, gt=0, description="delivered and expired alerts are deleted after this"
    )
    sinks: list[Sink] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> AlertsConfig:
        names = [s.name for s in self.sinks]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"two sinks are named {name!r}")
        return self


def parse_alerts(text: str, source: str = "alerts") -> AlertsConfig:
    """Parse the alerts YAML; raise `ConfigError` with one line when it is invalid."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {' '.join(str(exc).split())}") from None
    try:
        return AlertsConfig.model_validate(data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "top level"
        raise ConfigError(f"{source}: invalid alerts setting at {where}: {err['msg']}") from None


def load_alerts(path: str | Path) -> AlertsConfig:
    """Read and validate the alerts file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read alerts file {path}: {exc.strerror}") from None
    return parse_alerts(text, str(path))
