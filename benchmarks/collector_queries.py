"""Dashboard and API queries at scale: seeds N endpoints (default 100,000) into PostgreSQL
through the collector's own ingest, then times each query the JSON API serves, with the same
queries on a 1,000-endpoint database in the same run as the peer.

Run: ``python -m benchmarks.collector_queries [--endpoints 100000] [--repeat 3] [--sqlite]
[--only endpoints?,data-types]`` (``--only``: the queries whose names contain one of the words);
needs SIEVE_TEST_POSTGRES_URL (fresh schemas, dropped after), or with ``--sqlite`` a SQLite
file in a temporary directory. The API catalogue's reads are timed too: a catalogue page
(grouped by server endpoint, searched), the OpenAPI export of one server workload and, as
its peer in the same run, the export of every server. The data is made here: endpoints
between 200 services in 10 namespaces, three fields each, an e-mail detection on every
endpoint and a card number on every fifth, exact status code 200 on every endpoint and 201
beside it on most of every third, one policy the card numbers break.

After seeding, every table is vacuumed and analysed (``VACUUM ANALYZE``; SQLite: ``ANALYZE``),
as a running PostgreSQL's autovacuum would soon do: otherwise the figures measure how far
autovacuum had got (index-only scans fetch heap pages until the visibility map is set).
Queries that version 9's read model (``endpoint_data_types``) changed are also timed as the
code before ran them (detections joined to their fields; filtered lists assembled in Python
from every row), on the same database in the same run: the ``before ms`` column.
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

from sqlalchemy import exists, func, or_, select, text

from benchmarks.collector_ingest import pg_schema
from collector.catalogue_queries import catalogue_page
from collector.openapi import document_for, server_workloads
from collector.policies import SENSITIVITY_NAMES, parse_policies
from collector.read_model import SENSITIVITY_LEVELS_BY_NAME, _Snapshot, parties_of
from collector.schema import detections, endpoints, fields, workload_data_types, workloads
from collector.store import Store
from collector.stored_rows import iso, load_detections, load_endpoints, short_ref
from collector.views import DataTypeView, EndpointSummary, Filters
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


def vacuum(store: Store) -> None:
    """VACUUM ANALYZE every table of the store's schema (SQLite: ANALYZE)."""
    if store.engine.dialect.name != "postgresql":
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        return
    with store.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM runs outside one
        names = conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
        for name in sorted(names.all()):
            conn.execute(text(f'VACUUM ANALYZE "{name}"'))


# --- the code before schema version 9, kept as the in-run peer ----------------------------


def before_endpoints_page(
    store: Store, filters: Filters, limit: int, offset: int
) -> list[EndpointSummary]:
    """`endpoints_page` as before version 9: the data-type and sensitivity filters and the
    page's data types from detections joined to their fields."""
    conditions: list[Any] = []
    if filters.namespace:
        parties = select(workloads.c.id).where(workloads.c.namespace == filters.namespace)
        conditions.append(
            or_(endpoints.c.source_id.in_(parties), endpoints.c.destination_id.in_(parties))
        )
    for wanted in (
        detections.c.data_type == filters.data_type if filters.data_type else None,
        detections.c.sensitivity >= filters.min_sensitivity if filters.min_sensitivity else None,
    ):
        if wanted is not None:
            conditions.append(
                exists()
                .select_from(detections.join(fields))
                .where(fields.c.endpoint_id == endpoints.c.id, wanted)
            )
    with store.read_model._read() as conn:
        conn.execute(select(func.count()).select_from(endpoints).where(*conditions)).scalar_one()
        ids = list(
            conn.execute(
                select(endpoints.c.id)
                .where(*conditions)
                .order_by(endpoints.c.exchange_count.desc(), endpoints.c.id)
                .limit(limit)
                .offset(offset)
            ).scalars()
        )
        rows = load_endpoints(conn, ids) if ids else []
        refs, roles = parties_of(conn, rows)
        dets = load_detections(conn, ids) if ids else []
    snap = _Snapshot(workloads=refs, endpoints=rows, detections=dets, roles=roles)
    return snap.endpoint_summaries(Filters())


def before_inventory(store: Store) -> list[DataTypeView]:
    """The unfiltered inventory as before version 9: detections joined to their fields."""
    with store.read_model._read() as conn:
        totals = conn.execute(
            select(
                detections.c.data_type,
                func.max(detections.c.sensitivity),
                func.count(fields.c.endpoint_id.distinct()),
                func.count(),
                func.min(detections.c.first_seen_us),
                func.max(detections.c.last_seen_us),
            )
            .select_from(detections.join(fields))
            .group_by(detections.c.data_type)
        ).all()
        parties: dict[tuple[str, str], set[int]] = {}
        for wid, role, data_type in conn.execute(select(workload_data_types)):
            parties.setdefault((data_type, role), set()).add(wid)
        ids = set().union(*parties.values()) if parties else set()
        refs = {
            row.id: row
            for row in conn.execute(select(workloads).where(workloads.c.id.in_(sorted(ids))))
        }
    out = [
        DataTypeView(
            data_type=name,
            sensitivity=SENSITIVITY_NAMES.get(level, "unknown"),
            senders=sorted(
                (short_ref(refs[w]) for w in parties.get((name, "sends"), set())),
                key=lambda r: r.label,
            ),
            receivers=sorted(
                (short_ref(refs[w]) for w in parties.get((name, "receives"), set())),
                key=lambda r: r.label,
            ),
            endpoint_count=int(endpoint_count),
            field_count=int(field_count),
            first_seen=iso(first),
            last_seen=iso(last),
        )
        for name, level, endpoint_count, field_count, first, last in totals
    ]
    return sorted(
        out, key=lambda v: (-SENSITIVITY_LEVELS_BY_NAME.get(v.sensitivity, 0), v.data_type)
    )


def before(store: Store) -> dict[str, Callable[[], Any]]:
    """The code before version 9 for the queries it changed, by the same names."""
    ns3 = Filters(namespace="ns-3")
    cards = Filters(data_type="credit_card")
    return {
        "endpoints?limit=500": lambda: before_endpoints_page(store, Filters(), 500, 0),
        "endpoints?offset=50000": lambda: before_endpoints_page(store, Filters(), 500, 50_000),
        "endpoints?namespace=ns-3": lambda: before_endpoints_page(store, ns3, 500, 0),
        "endpoints?data_type=credit_card": lambda: before_endpoints_page(store, cards, 500, 0),
        "endpoints?min_sensitivity=high": lambda: before_endpoints_page(
            store, Filters(min_sensitivity=3), 500, 0
        ),
        "data-types": lambda: before_inventory(store),
        "data-types?namespace=ns-3": lambda: store.read_model._snapshot().data_type_views(ns3),
        "data-types?data_type=credit_card": lambda: store.read_model._snapshot().data_type_views(
            cards
        ),
        "workloads?data_type=credit_card": lambda: store.read_model._workloads_from_snapshot(cards),
    }


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
        "endpoints?min_sensitivity=high": lambda: store.endpoints_page(
            Filters(min_sensitivity=3), 500, 0
        )[0],
        "violations?limit=500": lambda: store.violations_page(Filters(), 500, 0)[0],
        "violations?namespace=ns-3": lambda: store.violations_page(ns3, 500, 0)[0],
        "flows": store.flows,
        "workloads": store.workloads,
        "data-types": store.data_types,
        "data-types?namespace=ns-3": lambda: store.data_types(ns3),
        "data-types?data_type=credit_card": lambda: store.data_types(
            Filters(data_type="credit_card")
        ),
        "workloads?data_type=credit_card": lambda: store.workloads(
            Filters(data_type="credit_card")
        ),
        "(whole endpoint list)": store.endpoints,
        "catalogue?limit=50": lambda: catalogue_page(store, limit=50)[1],
        "catalogue?q=svc-3 items&namespace=ns-3": lambda: catalogue_page(
            store, "svc-3 items", "ns-3", limit=50
        )[1],
        "catalogue?data_type=credit_card": lambda: catalogue_page(
            store, limit=50, filters=Filters(data_type="credit_card")
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


Timings = dict[str, tuple[float, int]]


def measure(
    base: str | None, endpoints: int, repeat: int, only: list[str] | None = None
) -> tuple[Timings, Timings]:
    """Timings of `queries` and of the code `before` them on one fresh seeded database."""
    with database(base) as url:
        store = Store(url, policies=POLICIES, max_reports_per_batch=PER_BATCH)
        store.migrate()
        took = seed(store, endpoints)
        print(f"  seeded {endpoints:,} endpoints in {took:.1f} s ({endpoints / took:,.0f}/s)")
        t0 = time.perf_counter()
        vacuum(store)
        print(f"  VACUUM ANALYZE took {time.perf_counter() - t0:.1f} s")
        now, then = queries(store), before(store)
        out: Timings = {}
        old: Timings = {}
        for name, call in now.items():  # each before its old code: same cache state
            if only and not any(word in name for word in only):
                continue
            out[name] = timed(call, repeat)
            if name in then:
                old[name] = timed(then[name], repeat)
        store.close()
    return out, old


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoints", type=int, default=100_000)
    parser.add_argument("--peer", type=int, default=1_000, help="endpoints of the peer run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not PostgreSQL")
    parser.add_argument("--only", default="", help="comma-separated parts of query names")
    args = parser.parse_args()
    base = None if args.sqlite else os.environ.get("SIEVE_TEST_POSTGRES_URL")
    if not base and not args.sqlite:
        raise SystemExit("SIEVE_TEST_POSTGRES_URL is not set (or pass --sqlite)")
    print(f"peer: {args.peer:,} endpoints")
    only = [word for word in args.only.split(",") if word]
    peer, _ = measure(base, args.peer, args.repeat, only)
    print(f"measured: {args.endpoints:,} endpoints")
    big, old = measure(base, args.endpoints, args.repeat, only)
    print(
        f"{'query':40s} {'ms':>9s} {'rows':>8s} {'before ms':>10s} {'rows':>8s} "
        f"{'peer ms':>9s} {'ratio':>7s}"
    )
    for name, (ms, rows) in big.items():
        peer_ms = peer[name][0]
        then = f"{old[name][0]:10.1f} {old[name][1]:8d}" if name in old else f"{'-':>10s} {'':8s}"
        print(f"{name:40s} {ms:9.1f} {rows:8d} {then} {peer_ms:9.1f} {ms / peer_ms:7.1f}")


if __name__ == "__main__":
    main()
