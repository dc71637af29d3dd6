"""gRPC exchanges (bodies: arrays of documents keyed by protobuf field number) are walked
like JSON, with field numbers kept as names; in HTTP JSON, numeric keys stay data keys."""

from __future__ import annotations

from typing import Any

from digger.identities import StaticIdentities
from digger.pipeline import ExchangeProcessor
from digger.settings import DiggerSettings
from protos.sieve.v1 import exchange_pb2
from protos.sieve.v1 import metadata_pb2 as md
from tests.digger.exchanges import make_exchange
from tests.digger.standin import standin_detect
from tests.digger.test_pipeline import IDS, Clock


def _processor() -> ExchangeProcessor:
    return ExchangeProcessor(
        DiggerSettings(detector_batch_size=8),
        StaticIdentities.from_mapping(IDS),
        standin_detect,
        monotonic=Clock(),
    )


def _fields(protocol: exchange_pb2.Protocol.ValueType) -> tuple[set[str], Any]:
    p = _processor()
    for i in range(5):
        ex = make_exchange(
            target="/shop.users.v1.Users/GetUser",
            request=[{"1": str(i)}],
            response=[{"1": i, "2": f"u{i}@example.org", "3": [{"1": "Main St", "2": "X"}]}],
        )
        ex.protocol = protocol
        ex.stream_id = 2 * i + 1
        p.process(ex)
    (report,) = p.flush()
    return {f.json_path for f in report.response_fields}, report


def test_grpc_field_numbers_are_paths() -> None:
    paths, report = _fields(exchange_pb2.PROTOCOL_GRPC)
    assert paths == {"$[*].1", "$[*].2", "$[*].3[*].1", "$[*].3[*].2"}
    assert report.path_template == "/shop.users.v1.Users/GetUser"
    email = {f.json_path: f for f in report.response_fields}["$[*].2"]
    assert [d.data_type for d in email.detections] == [md.DATA_TYPE_EMAIL]


def test_numeric_keys_of_http_json_stay_data_keys() -> None:
    paths, _ = _fields(exchange_pb2.PROTOCOL_HTTP1)
    assert "$[*].2" not in paths


def test_reports_carry_the_protocol_of_their_exchanges() -> None:
    _, grpc = _fields(exchange_pb2.PROTOCOL_GRPC)
    _, http1 = _fields(exchange_pb2.PROTOCOL_HTTP1)
    _, old = _fields(exchange_pb2.PROTOCOL_UNSPECIFIED)
    assert grpc.protocol == md.ENDPOINT_PROTOCOL_GRPC
    assert http1.protocol == md.ENDPOINT_PROTOCOL_HTTP1
    assert old.protocol == md.ENDPOINT_PROTOCOL_UNSPECIFIED


def test_protocol_numbers_of_both_contracts_agree() -> None:
    for name, number in exchange_pb2.Protocol.items():
        assert int(md.EndpointProtocol.Value("ENDPOINT_" + name)) == int(number)
