"""Collector ingest and query speed: SQLite file vs PostgreSQL (when SIEVE_TEST_POSTGRES_URL
is set) vs in-memory SQLite as the peer. Run: python -m benchmarks.collector_ingest"""

from __future__ import annotations

import os
import tempfile
import time
import uuid

from sqlalchemy import create_engine, text

from collector.policies import parse_policies
from collector.store import Store
from protos.sieve.v1 import ingest_pb2
from tests.collector.factories import batch, field, report, shop_reports, workload

BATCHES = 200
POLICIES = parse_policies(
    "[{name: p, rule: only_namespace_may_receive, namespace: payments, data_type: credit_card}]"
)


def _batches() -> list[ingest_pb2.MetadataBatch]:
    out = []
    for i in range(1, BATCHES + 1):
        extra = [
            report(
                workload(f"svc-{i % 40}"),
                workload(f"svc-{(i * 7) % 40}"),
                "POST",
                f"/api/{i % 25}",
                request=[
                    field("$.email", detect=[("email", "medium", 0.9, 3)]),
                    field("$.id", "number"),
                    field("$.card", detect=[("credit_card", "high", 0.99, 1)]),
                ],
            )
            for _ in range(4)
        ]
        out.append(batch(i, *shop_reports(), *extra))
    return out


def measure(name: str, url: str) -> float:
    store = Store(url, policies=POLICIES)
    store.migrate()
    items = _batches()
    reports = sum(len(b.reports) for b in items)
    t0 = time.perf_counter()
    for item in items:
        store.ingest_batch(item)
    ingest = time.perf_counter() - t0
    t1 = time.perf_counter()
    for _ in range(10):
        store.flows()
        store.data_types()
    query = (time.perf_counter() - t1) / 10
    endpoints = store.summary().endpoints
    store.close()
    rate = reports / ingest
    print(
        f"{name:18s} {BATCHES / ingest:8.1f} batches/s {rate:9.0f} reports/s "
        f"(10 reports/batch); flows+data-types over {endpoints} endpoints: {query * 1000:.1f} ms"
    )
    return rate


def main() -> None:
    peer = measure("sqlite in-memory", "sqlite://")
    with tempfile.TemporaryDirectory() as tmp:
        file_rate = measure("sqlite file", f"sqlite:///{tmp}/bench.db")
    print(f"ratio sqlite file / in-memory: {file_rate / peer:.2f}")
    pg = os.environ.get("SIEVE_TEST_POSTGRES_URL")
    if pg:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(pg)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            pg_rate = measure("postgresql", f"{pg}?options=-csearch_path%3D{schema}")
            print(f"ratio postgresql / sqlite in-memory: {pg_rate / peer:.2f}")
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
