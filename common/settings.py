"""Settings base: pydantic-settings from environment variables with a per-service prefix.

A wrong setting stops a service at start with one line naming the variable and the problem
(`ConfigError`), never with a traceback.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class ConfigError(Exception):
    """A setting is wrong; the message is one line saying which, why and how to fix it."""


class ServiceSettings(BaseSettings):
    """Settings every service has. Subclasses set ``env_prefix`` (e.g. ``SIEVE_DIGGER_``)."""

    model_config = SettingsConfigDict(env_prefix="SIEVE_", extra="ignore", frozen=True)

    log_level: LogLevel = Field("INFO", description="Lowest level of log lines written to stdout.")
    ops_host: str = Field(
        "0.0.0.0", description="Address of the /metrics, /healthz, /readyz server."
    )
    ops_port: int = Field(
        9090, ge=0, le=65535, description="Port of the ops server; 0 picks a free one (tests)."
    )
    shutdown_grace_seconds: float = Field(
        10.0, gt=0, description="How long to finish in-flight work after SIGTERM before exiting."
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        """Accept ``info`` as well as ``INFO`` (Helm values are often lower case)."""
        return value.upper() if isinstance(value, str) else value


S = TypeVar("S", bound=BaseSettings)


def env_name(cls: type[BaseSettings], field: str) -> str:
    """The environment variable that sets ``field`` of ``cls``."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    return f"{prefix}{field}".upper()


def load_settings(cls: type[S], **overrides: Any) -> S:
    """Build ``cls`` from the environment; raise `ConfigError` with one line on any error."""
    try:
        return cls(**overrides)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(cls, exc)) from None


def describe_validation_error(cls: type[BaseSettings], exc: ValidationError) -> str:
    """One line per the first error: variable, problem, the value given, and the expectation."""
    err = exc.errors()[0]
    loc = err.get("loc", ())
    more = f" (+{len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    if not loc and err.get("type") == "value_error":
        # a check across fields: its message names the variables and the fix itself
        msg = str(err["msg"]).removeprefix("Value error, ")
        return f"invalid settings: {msg}{more}"
    field = str(loc[0]) if loc else ""
    name = env_name(cls, field) if field in cls.model_fields else (field or cls.__name__)
    given = err.get("input")
    shown = f" (got {given!r})" if isinstance(given, str | int | float) else ""
    hint = ""
    if field in cls.model_fields:
        info = cls.model_fields[field]
        if info.description:
            hint = f"; it is: {info.description}"
    return f"invalid setting {name}: {err['msg']}{shown}{hint}{more}"
