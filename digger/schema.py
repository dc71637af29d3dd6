"""Schema extraction: the leaves of a JSON body as (JSON path, JSON type), no values.

Paths: ``$`` root, ``.key`` members, ``[*]`` any array element, ``{*}`` any member of an
object whose keys are data (ids, e-mails, dates, or too many keys), so no value leaks
through a key. Each leaf also keeps the path the detector uses for it (real keys), so
detections can be mapped back onto the schema and never carry a data key out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from digger.values import is_name
from protos.sieve.v1 import metadata_pb2

STRING = metadata_pb2.JSON_TYPE_STRING
NUMBER = metadata_pb2.JSON_TYPE_NUMBER
BOOLEAN = metadata_pb2.JSON_TYPE_BOOLEAN
NULL = metadata_pb2.JSON_TYPE_NULL
EMPTY_OBJECT = metadata_pb2.JSON_TYPE_EMPTY_OBJECT
EMPTY_ARRAY = metadata_pb2.JSON_TYPE_EMPTY_ARRAY

Leaf = tuple[str, int]  # (schema path, JsonType)


@dataclass(frozen=True)
class SchemaLimits:
    """Bounds on one walk."""

    max_depth: int = 32
    max_fields: int = 500
    max_array_items: int = 50
    data_key_min_keys: int = 64


@dataclass(frozen=True)
class BodySchema:
    """The leaves of one body, and how the detector's paths map onto them."""

    leaves: frozenset[Leaf] = frozenset()
    # detector path (real keys, `[*]` arrays) → schema path; only for leaves kept
    path_map: dict[str, str] = field(default_factory=dict)
    truncated: bool = False  # a limit cut the walk short

    @property
    def fingerprint(self) -> int:
        """Stable-in-process hash of the structure (for sampling keys)."""
        return hash(self.leaves)


EMPTY = BodySchema()


def parse_json(body: bytes, max_bytes: int) -> tuple[bool, Any]:
    """(ok, value) for a JSON body; not ok for empty, too large or invalid bodies."""
    if not body or len(body) > max_bytes:
        return False, None
    first = body.lstrip()[:1]
    if first not in (b"{", b"["):
        return False, None
    try:
        return True, json.loads(body)
    except (ValueError, RecursionError):
        return False, None


def extract(document: Any, limits: SchemaLimits = SchemaLimits()) -> BodySchema:
    """Walk a parsed JSON document into its leaves."""
    walker = _Walker(limits)
    walker.walk(document, "$", "$", 0)
    return BodySchema(frozenset(walker.leaves), walker.path_map, walker.truncated)


class _Walker:
    __slots__ = ("leaves", "limits", "path_map", "truncated")

    def __init__(self, limits: SchemaLimits) -> None:
        self.limits = limits
        self.leaves: set[Leaf] = set()
        self.path_map: dict[str, str] = {}
        self.truncated = False

    def _leaf(self, path: str, raw: str, json_type: int) -> None:
        leaf = (path, json_type)
        if leaf not in self.leaves:
            if len(self.leaves) >= self.limits.max_fields:
                self.truncated = True
                return
            self.leaves.add(leaf)
        # raw paths multiply under data maps; past the bound their detections are dropped
        if len(self.path_map) < self.limits.max_fields * 8:
            self.path_map[raw] = path

    def walk(self, value: Any, path: str, raw: str, depth: int) -> None:  # noqa: PLR0912
        if isinstance(value, dict):
            if not value:
                self._leaf(path, raw, EMPTY_OBJECT)
                return
            if depth >= self.limits.max_depth:
                self.truncated = True
                return
            data_keys = len(value) >= self.limits.data_key_min_keys or not all(
                isinstance(k, str) and is_name(k) for k in value
            )
            for key, child in value.items():
                if data_keys:
                    self.walk(child, path + "{*}", raw + "." + str(key), depth + 1)
                else:
                    self.walk(child, path + "." + key, raw + "." + key, depth + 1)
        elif isinstance(value, list):
            if not value:
                self._leaf(path, raw, EMPTY_ARRAY)
                return
            if depth >= self.limits.max_depth:
                self.truncated = True
                return
            for child in value[: self.limits.max_array_items]:
                self.walk(child, path + "[*]", raw + "[*]", depth + 1)
        elif isinstance(value, str):
            self._leaf(path, raw, STRING)
        elif isinstance(value, bool):
            self._leaf(path, raw, BOOLEAN)
        elif value is None:
            self._leaf(path, raw, NULL)
        else:
            self._leaf(path, raw, NUMBER)
