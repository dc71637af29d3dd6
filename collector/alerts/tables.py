"""The alert tables (schema version 4) and their migration step.

``alert_violations`` remembers each violation's alert state (so one state change gives one
alert, even when the same violation is evaluated again), ``alert_events`` is the outbox (one row
per alert, unique by its event key) and ``alert_deliveries`` one row per alert and sink.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

alert_violations = Table(
    "alert_violations",
    metadata,
    # sha256 prefix of (policy key, endpoint id, direction, data type): the violation's identity.
    Column("violation_key", String(64), primary_key=True),
    # The violation's natural key in ``violations`` (for reminders).
    Column("policy_key", String(64), nullable=False),
    Column("endpoint_id", Integer, nullable=False),
    Column("direction", String(8), nullable=False),
    Column("data_type", String(64), nullable=False),
    Column("policy_name", String(256), nullable=False),
    Column("severity", String(16), nullable=False),
    # Incremented each time the violation opens again after it was resolved.
    Column("generation", Integer, nullable=False),
    Column("is_open", Integer, nullable=False),
    Column("opened_at_us", BigInteger, nullable=False),
    Column("reminders", Integer, nullable=False),
    Column("last_alert_us", BigInteger, nullable=False),
)

alert_events = Table(
    "alert_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # violation key / generation / state [/ reminder number]: one alert per state change.
    Column("event_key", String(128), nullable=False, unique=True),
    Column("violation_key", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    # The event as JSON (see collector/alerts/events.py): metadata only, never a value.
    Column("payload", Text, nullable=False),
    Column("created_at_us", BigInteger, nullable=False),
)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("event_id", Integer, ForeignKey("alert_events.id"), primary_key=True),
    Column("sink", String(64), primary_key=True),
    # pending, delivered, or expired (gave up after the sink's give-up age)
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_us", BigInteger, nullable=False),
    Column("delivered_at_us", BigInteger, nullable=True),
    Column("last_error", String(300), nullable=True),
)

Index("ix_alert_deliveries_due", alert_deliveries.c.status, alert_deliveries.c.next_attempt_us)
Index("ix_alert_violations_open", alert_violations.c.is_open)


def migrate_v4_alerts(conn: Connection) -> None:
    """Create the alert outbox tables."""
    metadata.create_all(conn)
