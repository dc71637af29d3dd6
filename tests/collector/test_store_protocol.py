"""Endpoints keep the protocol their reports carry (schema version 5)."""

from __future__ import annotations

from sqlalchemy import text

from collector import schema
from collector.store import Store
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.factories import batch, report, workload

GRPC = metadata_pb2.ENDPOINT_PROTOCOL_GRPC
STORED = ingest_pb2.ACK_STATUS_STORED


def _grpc_report(protocol: int) -> metadata_pb2.EndpointReport:
    r = report(workload("orders"), workload("loyalty"), "POST", "/shop.loyalty.v1.Points/Earn")
    r.protocol = protocol  # type: ignore[assignment]
    return r


def test_protocol_is_stored_and_kept_when_a_later_report_does_not_say(store: Store) -> None:
    plain = report(workload("frontend"), workload("users"), "GET", "/users")
    assert store.ingest_batch(batch(1, _grpc_report(GRPC), plain)) == STORED
    assert store.ingest_batch(batch(2, _grpc_report(0))) == STORED  # an older agent: no protocol
    by_path = {e.path_template: e for e in store.endpoints()}
    assert by_path["/shop.loyalty.v1.Points/Earn"].protocol == "grpc"
    assert by_path["/users"].protocol is None
    detail = store.endpoint(by_path["/shop.loyalty.v1.Points/Earn"].id)
    assert detail is not None
    assert detail.protocol == "grpc"
    assert (
        store.ingest_batch(batch(3, _grpc_report(metadata_pb2.ENDPOINT_PROTOCOL_HTTP2))) == STORED
    )
    assert {e.protocol for e in store.endpoints()} == {"http2", None}


def test_unknown_protocol_numbers_are_stored_as_unknown(store: Store) -> None:
    assert store.ingest_batch(batch(1, _grpc_report(99))) == STORED
    assert [e.protocol for e in store.endpoints()] == [None]


def test_version_4_database_gains_the_column_and_keeps_its_rows(store_url: str) -> None:
    store = Store(store_url)
    try:
        store.migrate()
        assert store.ingest_batch(batch(1, _grpc_report(0))) == STORED
        with store.engine.begin() as conn:  # back to version 4: no protocol column
            conn.execute(text("ALTER TABLE endpoints DROP COLUMN protocol"))
            conn.execute(text("DROP TABLE api_specs"))  # version 6
            conn.execute(text("DELETE FROM sieve_schema_version WHERE version >= 5"))
        assert store.migrate() == [v for v, _ in schema.MIGRATIONS if v >= 5]
        assert store.schema_version() == schema.LATEST_VERSION
        assert [e.exchange_count for e in store.endpoints()] == [10]
        assert store.ingest_batch(batch(2, _grpc_report(GRPC))) == STORED
        assert [e.protocol for e in store.endpoints()] == ["grpc"]
    finally:
        store.close()
