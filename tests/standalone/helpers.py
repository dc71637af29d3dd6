"""Builders for the standalone tests: exchanges, a stand-in detector."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from protos.sieve.v1 import exchange_pb2

NAMES = {
    "pods": [
        {"ip": "10.252.50.1", "namespace": "web", "workload": "frontend"},
        {"ip": "10.252.50.2", "namespace": "shop", "workload": "checkout"},
    ]
}


def exchange(
    *,
    client: str = "10.252.50.1",
    server: str = "10.252.50.2",
    method: str = "POST",
    target: str = "/orders",
    request: Any = None,
    response: Any = None,
    status: int = 200,
    start_ns: int = 1_780_000_000_000_000_000,
) -> exchange_pb2.HttpExchange:
    """One exchange with JSON bodies (None: no body)."""
    ex = exchange_pb2.HttpExchange(node_name="n", interface="veth0", connection_id="c")
    ex.client.ip, ex.client.port = client, 40_000
    ex.server.ip, ex.server.port = server, 8080
    ex.request_start.FromNanoseconds(start_ns)
    ex.response_end.FromNanoseconds(start_ns + 3_000_000)
    ex.request.method, ex.request.target, ex.request.http_version = method, target, "1.1"
    ex.response.status = status
    if request is not None:
        ex.request.body = json.dumps(request).encode()
    if response is not None:
        ex.response.body = json.dumps(response).encode()
    return ex


@dataclass(frozen=True)
class Found:
    """A detection as the engine reports it."""

    path: str
    type: str
    sensitivity: str
    confidence: float


def keyword_detect(docs: list[Any]) -> list[list[Found]]:
    """Stand-in detector: top-level ``email`` and ``card`` keys are what they say."""
    out: list[list[Found]] = []
    for doc in docs:
        found = []
        if isinstance(doc, dict):
            if "email" in doc:
                found.append(Found("$.email", "email", "medium", 0.99))
            if "card" in doc:
                found.append(Found("$.card", "credit_card", "high", 0.97))
        out.append(found)
    return out
