"""The hand-written wire format against the protobuf runtime: every record parses to the
message the runtime builds from the same parts, whatever the bytes (non-UTF-8 text too)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from interceptor import wire
from protos.sieve.v1 import exchange_pb2

text = st.binary(max_size=300)
headers = st.lists(st.tuples(st.binary(max_size=40), st.binary(max_size=300)), max_size=8)
body = st.one_of(st.none(), st.binary(max_size=20_000))
times = st.floats(min_value=0, max_value=4e9, allow_nan=False)
codings = st.sampled_from(list(exchange_pb2.ContentCoding.values()))
ips = st.sampled_from(["10.0.0.1", "fd00::1:2", "192.168.255.255"])
ports = st.integers(0, 65535)


def _ts(ts: float) -> dict[str, int]:
    sec, usec = divmod(int(ts * 1e6 + 0.5), 1_000_000)  # to the microsecond, halves up
    return {"seconds": sec, "nanos": usec * 1000}


def _headers(pairs: list[tuple[bytes, bytes]]) -> list[dict[str, str]]:
    return [{"name": n.decode("latin-1"), "value": v.decode("utf-8", "replace")} for n, v in pairs]


def _body(b: bytes | None, truncated: bool, size: int, coding: int) -> dict[str, Any]:
    if b is None:
        return {"body_wire_size": size}
    return {
        "body": b,
        "body_truncated": truncated,
        "body_wire_size": size,
        "decoded_content_coding": coding,
    }


def _wire(
    first: bytes, text: bytes, version: str, headers: list[tuple[bytes, bytes]],
    body: tuple[bytes | None, bool, int, int],
) -> wire.MessageParts:  # fmt: skip
    start = wire.start_line(first, text, version)
    b, truncated, size, coding = body
    if b is None:  # a body not kept has only its wire size (as the core writes it)
        return (start, headers, None, False, size, 0)
    return (start, headers, b, truncated, size, coding)


@settings(max_examples=300, deadline=None)
@given(
    node=st.text(max_size=30),
    iface=st.text(max_size=15),
    conn_id=st.text(max_size=16),
    client=st.tuples(ips, ports),
    server=st.tuples(ips, ports),
    seq=st.integers(0, 2**64 - 1),
    start=times,
    end=times,
    method=st.sampled_from(["", "GET", "POST", "M-SEARCH"]),
    target=text,
    version=st.sampled_from(["", "1.0", "1.1"]),
    status=st.integers(0, 999),
    reason=text,
    req_headers=headers,
    resp_headers=headers,
    req_body=st.tuples(body, st.booleans(), st.integers(0, 2**40), codings),
    resp_body=st.tuples(body, st.booleans(), st.integers(0, 2**40), codings),
)
def test_records_parse_to_the_runtime_message(
    node: str,
    iface: str,
    conn_id: str,
    client: tuple[str, int],
    server: tuple[str, int],
    seq: int,
    start: float,
    end: float,
    method: str,
    target: bytes,
    version: str,
    status: int,
    reason: bytes,
    req_headers: list[tuple[bytes, bytes]],
    resp_headers: list[tuple[bytes, bytes]],
    req_body: tuple[bytes | None, bool, int, int],
    resp_body: tuple[bytes | None, bool, int, int],
) -> None:
    build: Any = exchange_pb2.HttpExchange  # the runtime takes dicts; its stubs do not say so
    expected = build(
        node_name=node,
        interface=iface,
        connection_id=conn_id,
        sequence=seq,
        client={"ip": client[0], "port": client[1]},
        server={"ip": server[0], "port": server[1]},
        request={
            **_body(*req_body),
            "method": method,
            "target": target.decode("utf-8", "replace"),
            "http_version": version,
            "headers": _headers(req_headers),
        },
        response={
            **_body(*resp_body),
            "status": status,
            "reason": reason.decode("utf-8", "replace"),
            "http_version": version,
            "headers": _headers(resp_headers),
        },
        request_start=_ts(start),
        response_end=_ts(end),
    )
    prefix = wire.connection_prefix(
        node, iface, wire.endpoint(*client), wire.endpoint(*server), conn_id
    )
    clock = wire.Clock()
    value = wire.exchange(
        prefix,
        seq,
        _wire(wire.method_field(method), target, version, req_headers, req_body),
        _wire(wire.status_field(status), reason, version, resp_headers, resp_body),
        start=clock.timestamp(start),
        end=clock.timestamp(end),
    )
    got = exchange_pb2.HttpExchange.FromString(value)
    assert got == expected
    # presence of the nested messages is as the runtime's, not only their values
    for field in ("client", "server", "request", "response", "request_start", "response_end"):
        assert got.HasField(field)


def test_varint_matches_the_runtime() -> None:
    for n in (*range(300), 16_383, 16_384, 2**21, 2**28 - 1, 2**35, 2**63, 2**64 - 1):
        assert exchange_pb2.HttpExchange.FromString(b"\x50" + wire.varint(n)).sequence == n


def test_record_of_a_message_round_trips() -> None:
    ex = exchange_pb2.HttpExchange(connection_id="c", sequence=7)
    ex.server.ip, ex.server.port = "10.1.2.3", 8080
    rec = wire.EncodedExchange.of(ex)
    assert rec.key == b"10.1.2.3:8080"
    assert rec.parse() == ex
