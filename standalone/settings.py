"""Settings of the `sieve` CLI, from ``SIEVE_STANDALONE_*`` environment variables.

Command-line options override them. The pieces inside (interceptor, digger, detector)
keep their own settings and prefixes (``SIEVE_INTERCEPTOR_*``, ...).
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.settings import LogLevel, ServiceSettings


class StandaloneSettings(ServiceSettings):
    """The whole pipeline in one process: queue, window, database, dashboard."""

    model_config = SettingsConfigDict(env_prefix="SIEVE_STANDALONE_", extra="ignore", frozen=True)

    log_level: LogLevel = Field("WARNING", description="Lowest level of log lines written.")
    agent_id: str = Field(
        "standalone", min_length=1, max_length=128, description="Agent id of the batches stored."
    )
    queue_max_exchanges: int = Field(
        10_000,
        ge=1,
        description="Exchanges waiting between capture and analysis (live); beyond, dropped.",
    )
    window_seconds: float = Field(
        2.0, gt=0, description="Live: how often aggregated reports are stored and shown."
    )
    reports_per_batch: int = Field(500, ge=1, description="Endpoint reports per stored batch.")
    database_url: str = Field(
        "sqlite://",
        description="Where results are stored: in memory by default, or sqlite:///FILE.",
    )
    http_host: str = Field("127.0.0.1", description="Address the dashboard binds.")
    http_port: int = Field(8765, ge=0, le=65535, description="Port of the dashboard.")
    capture_buffer_bytes: int = Field(
        8 << 20, ge=1 << 20, description="Live: kernel receive buffer per captured interface."
    )
