"""Builders of HttpExchange test records."""

from __future__ import annotations

import json
from typing import Any

from protos.sieve.v1 import exchange_pb2


def make_exchange(
    *,
    client: str = "10.0.0.5",
    server: str = "10.0.0.6",
    port: int = 8080,
    method: str = "POST",
    target: str = "/users/42",
    request: Any = None,
    response: Any = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    start_ns: int = 1_700_000_000_000_000_000,
    latency_ns: int = 5_000_000,
    seq: int = 0,
) -> exchange_pb2.HttpExchange:
    """One exchange with JSON bodies (``None`` means no body)."""
    ex = exchange_pb2.HttpExchange(node_name="node-a", interface="veth1", connection_id="c1")
    ex.sequence = seq
    ex.client.ip, ex.client.port = client, 40000
    ex.server.ip, ex.server.port = server, port
    ex.request_start.FromNanoseconds(start_ns)
    ex.response_end.FromNanoseconds(start_ns + latency_ns)
    ex.request.method = method
    ex.request.target = target
    ex.request.http_version = "1.1"
    for name, value in (headers or {}).items():
        ex.request.headers.add(name=name, value=value)
    if request is not None:
        ex.request.body = json.dumps(request).encode()
        ex.request.body_wire_size = len(ex.request.body)
    ex.response.status = status
    if response is not None:
        ex.response.body = json.dumps(response).encode()
        ex.response.body_wire_size = len(ex.response.body)
    return ex
