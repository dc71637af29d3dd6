"""Dashboard and API queries at scale: seeds N endpoints (default 100,000) into PostgreSQL
through the collector's own ingest, then times each query the JSON API serves, with the same
queries on a 1,000-endpoint database in the same run as the peer.

Run: ``python -m benchmarks.collector_queries [--endpoints 100000] [--repeat 3] [--sqlite]``;
needs SIEVE_TEST_POSTGRES_URL (fresh schemas, dropped after), or with ``--sqlite`` a SQLite
file in a temporary directory. The API catalogue's reads are timed too: a catalogue page
(grouped by server endpoint, searched), the OpenAPI export of one server workload and, as
its peer in the same run, the export of every server. The data is made here: endpoints
between 200 services in 10 namespaces, three fields each, an e-mail detection on every
endpoint and a card number on every fifth, exact status code 200 on every endpoint and 201
beside it on most of every third, one policy the card numbers break.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.collector_ingest import pg_schema
from collector.catalogue_queries import catalogue_page
from collector.openapi import document_for, server_workloads
from collector.policies import parse_policies
from collector.store import Store
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2
from tests.collector.factories import batch, field, report, workload

POLICIES = parse_policies(
    "[{name: p, rule: only_namespace_may_receive, namespace: ns-0, data_type: credit_card}]"
)
SERVICES = 200
PER_BATCH = 5_000


def seed(store: Store, count: int) -> float:
    """Store ``count`` endpoints; the seconds it took."""
    t0 = time.perf_counter()
    for start in range(0, count, PER_BATCH):
        reports = []
        for e in range(start, min(count, start + PER_BATCH)):
            src, dst = e % SERVICES, (e * 7 + 3) % SERVICES
            detections = [("email", "medium", 0.9, 2)]
            request = [field("$.email", detect=detections), field("$.id", "number")]
            if e % 5 == 0:
                request.append(field("$.card", detect=[("credit_card", "high", 0.99, 1)]))
            one = report(
                workload(f"svc-{src}", f"ns-{src % 10}"),
                workload(f"svc-{dst}", f"ns-{dst % 10}"),
                "POST",
                f"/api/items/{e}",
                count=e % 97 + 1,
                request=request,
            )
            created = 1 if e % 3 == 0 and one.exchange_count > 1 else 0  # 2xx counts both
            one.status_codes.add(code=200, count=one.exchange_count - created)
            if created:
                one.status_codes.add(code=201, count=created)
            reports.append(one)
        status = store.ingest_batch(batch(start // PER_BATCH + 1, *reports))
        assert status == ingest_pb2.ACK_STATUS_STORED, status
    return time.perf_counter() - t0


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, int]:
    """Best-of-``repeat`` milliseconds of ``call`` and the size of what it returned."""
    best, size = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = call()
        best = min(best, time.perf_counter() - t0)
        size = (
            len(out)
            if isinstance(out, list)
            else len(out.get("paths", ()))
            if isinstance(out, dict)
            else 1
        )
    return best * 1000, size


def queries(store: Store) -> dict[str, Callable[[], Any]]:
    """The JSON API's queries (what each /api/v1 path calls for its first page of 500), by
    path; and the whole endpoint list the standalone report builds."""
    some_id = store.endpoints_page(Filters(namespace="ns-3"), 1, 0)[0][0].id
    ns3 = Filters(namespace="ns-3")
    return {
        "summary": store.summary,
        "endpoints/{id}": lambda: store.endpoint(some_id),
        "endpoints?limit=500": lambda: store.endpoints_page(Filters(), 500, 0)[0],
        "endpoints?offset=50000": lambda: store.endpoints_page(Filters(), 500, 50_000)[0],
        "endpoints?namespace=ns-3": lambda: store.endpoints_page(ns3, 500, 0)[0],
        "endpoints?data_type=credit_card": lambda: store.endpoints_page(
            Filters(data_type="credit_card"), 500, 0
        )[0],
        "violations?limit=500": lambda: store.violations_page(Filters(), 500, 0)[0],
        "violations?namespace=ns-3": lambda: store.violations_page(ns3, 500, 0)[0],
        "flows": store.flows,
        "workloads": store.workloads,
        "data-types": store.data_types,
        "(whole endpoint list)": store.endpoints,
        "catalogue?limit=50": lambda: catalogue_page(store, limit=50)[1],
        "catalogue?q=svc-3 items&namespace=ns-3": lambda: catalogue_page(
            store, "svc-3 items", "ns-3", limit=50
        )[1],
        "openapi/servers": lambda: server_workloads(store),
        "openapi?workload=ns-3/svc-3": lambda: document_for(store, "ns-3/svc-3"),
        "openapi (every server)": lambda: document_for(store),
    }


@contextmanager
def database(base: str | None) -> Iterator[str]:
    """A fresh database URL: a schema of ``base`` (PostgreSQL), or a SQLite file if None."""
    if base is not None:
        with pg_schema(base) as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="sieve-queries-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'collector.db'}"


def measure(base: str | None, endpoints: int, repeat: int) -> dict[str, tuple[float, int]]:
    with database(base) as url:
        store = Store(url, policies=POLICIES, max_reports_per_batch=PER_BATCH)
        store.migrate()
        took = seed(store, endpoints)
        print(f"  seeded {endpoints:,} endpoints in {took:.1f} s ({endpoints / took:,.0f}/s)")
        out = {name: timed(call, repeat) for name, call in queries(store).items()}
        store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoints", type=int, default=100_000)
    parser.add_argument("--peer", type=int, default=1_000, help="endpoints of the peer run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not PostgreSQL")
    args = parser.parse_args()
    base = None if args.sqlite else os.environ.get("SIEVE_TEST_POSTGRES_URL")
    if not base and not args.sqlite:
        raise SystemExit("SIEVE_TEST_POSTGRES_URL is not set (or pass --sqlite)")
    print(f"peer: {args.peer:,} endpoints")
    peer = measure(base, args.peer, args.repeat)
    print(f"measured: {args.endpoints:,} endpoints")
    big = measure(base, args.endpoints, args.repeat)
    print(f"{'query':40s} {'ms':>9s} {'rows':>8s} {'peer ms':>9s} {'ratio':>7s}")
    for name, (ms, rows) in big.items():
        peer_ms = peer[name][0]
        print(f"{name:40s} {ms:9.1f} {rows:8d} {peer_ms:9.1f} {ms / peer_ms:7.1f}")


if __name__ == "__main__":
    main()
