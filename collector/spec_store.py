"""Uploaded OpenAPI documents kept in the collector's database (schema version 6), so an
upload survives a restart and is shared by every collector replica on one database.

One row per document name: the text as uploaded, the workload it was uploaded for, and
when. Documents from the chart's ConfigMap (``SIEVE_COLLECTOR_SPECS_DIR``) are not stored:
they come from the chart on every start.
"""

from __future__ import annotations

import time

from sqlalchemy import BigInteger, Column, Connection, Engine, MetaData, String, Table, Text, select

metadata = MetaData()

api_specs = Table(
    "api_specs",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("workload", String(600), nullable=True),  # namespace/name; NULL: any server
    Column("document", Text, nullable=False),  # as uploaded (YAML or JSON)
    Column("updated_at_us", BigInteger, nullable=False),
)


def migrate_v6_api_specs(conn: Connection) -> None:
    """Version 6: the table of uploaded documents."""
    metadata.create_all(conn, tables=[api_specs])


class DatabaseSpecs:
    """Saves, deletes and lists uploaded documents in ``engine``'s ``api_specs`` table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(self, name: str, workload: str | None, document: str) -> None:
        """Add or replace document ``name``."""
        with self.engine.begin() as conn:
            conn.execute(api_specs.delete().where(api_specs.c.name == name))
            conn.execute(
                api_specs.insert().values(
                    name=name,
                    workload=workload,
                    document=document,
                    updated_at_us=time.time_ns() // 1000,
                )
            )

    def delete(self, name: str) -> None:
        """Remove document ``name`` (nothing when there is none)."""
        with self.engine.begin() as conn:
            conn.execute(api_specs.delete().where(api_specs.c.name == name))

    def load(self) -> list[tuple[str, str | None, str]]:
        """Every saved document: (name, workload, text), by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(api_specs.c.name, api_specs.c.workload, api_specs.c.document).order_by(
                    api_specs.c.name
                )
            ).all()
        return [(r.name, r.workload, r.document) for r in rows]
