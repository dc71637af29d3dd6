"""Exchanges as JSON lines: protobuf's JSON mapping, field names as in the .proto, bodies
as UTF-8 text (invalid bytes replaced) instead of base64."""

from __future__ import annotations

import json
from typing import Any

from google.protobuf.json_format import MessageToDict

from protos.sieve.v1 import exchange_pb2


def exchange_to_dict(ex: exchange_pb2.HttpExchange) -> dict[str, Any]:
    """The JSON mapping of ``ex`` with bodies as text."""
    out = MessageToDict(ex, preserving_proto_field_name=True)
    for part, msg in (("request", ex.request), ("response", ex.response)):
        if part in out and msg.body:
            out[part]["body"] = msg.body.decode("utf-8", "replace")
    return out


def exchange_to_json_line(ex: exchange_pb2.HttpExchange) -> str:
    """One line of JSON for ``ex`` (no trailing newline)."""
    return json.dumps(exchange_to_dict(ex), ensure_ascii=False, separators=(",", ":"))
