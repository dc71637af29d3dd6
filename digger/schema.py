"""Schema extraction: the leaves of a JSON body as (JSON path, JSON type), no values.

Paths: ``$`` root, ``.key`` members, ``[*]`` any array element, ``{*}`` any member of an
object whose keys are data (ids, e-mails, dates, or too many keys), so no value leaks
through a key. Each leaf also keeps the path the detector uses for it (real keys), so
detections can be mapped back onto the schema and never carry a data key out.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Hashable, Iterable
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
_OPENERS = (b"{", b"[")
# what json.loads makes for scalars (int subclasses other than bool do not occur)
_SCALARS: dict[type, int] = {
    str: STRING,
    int: NUMBER,
    float: NUMBER,
    bool: BOOLEAN,
    type(None): NULL,
}


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
    first = body[:1]
    if first not in _OPENERS:
        first = body[:64].lstrip()[:1]  # leading whitespace is rare: look only at the start
        if first not in _OPENERS:
            return False, None
    try:
        return True, json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return False, None


class KeyLearner:
    """Learns objects whose (name-like) keys are data: too many distinct keys at one path.

    Per (scope, object path) it keeps the distinct keys seen, up to ``threshold``; past it
    the object is a data map from then on (``{*}``), and `refine` rewrites paths made
    before. Memory is bounded by ``max_objects`` (LRU) times ``threshold`` keys.
    """

    def __init__(self, threshold: int = 32, max_objects: int = 20_000) -> None:
        self.threshold = threshold
        self.max_objects = max_objects
        self._keys: OrderedDict[tuple[Hashable, str], set[str]] = OrderedDict()
        # scope → object path → the literal keys seen before it became a data map
        self._maps: dict[Hashable, dict[str, frozenset[str]]] = {}
        self.evicted = 0

    def is_data_map(self, scope: Hashable, path: str, keys: Iterable[str]) -> bool:
        """Record ``keys`` of the object at ``path``; True once it is known to be a data map."""
        maps = self._maps.get(scope)
        if maps is not None and path in maps:
            return True
        entry = (scope, path)
        seen = self._keys.get(entry)
        if seen is None:
            seen = self._keys[entry] = set()
            if len(self._keys) > self.max_objects:
                self._keys.popitem(last=False)
                self.evicted += 1
        seen.update(keys)
        if len(seen) <= self.threshold:
            return False
        self._maps.setdefault(scope, {})[path] = frozenset(seen)
        del self._keys[entry]
        return True

    def refine(self, scope: Hashable, path: str) -> str:
        """Rewrite ``path`` for the data maps learned in ``scope`` since it was made."""
        maps = self._maps.get(scope)
        if not maps:
            return path
        changed = True
        while changed:
            changed = False
            for prefix, keys in maps.items():
                head = prefix + "."
                if not path.startswith(head):
                    continue
                rest = path[len(head) :]
                # the longest learned key the rest starts with, followed by a separator
                for key in sorted(keys, key=len, reverse=True):
                    tail = rest[len(key) :]
                    if rest.startswith(key) and (not tail or tail[0] in ".[{"):
                        path = prefix + "{*}" + tail
                        changed = True
                        break
                if changed:
                    break
        return path


def extract(
    document: Any,
    limits: SchemaLimits = SchemaLimits(),
    *,
    with_paths: bool = True,
    learner: KeyLearner | None = None,
    scope: Hashable = None,
) -> BodySchema:
    """Walk a parsed JSON document into its leaves (and the detector path map if asked).

    With a ``learner``, objects found to have too many distinct keys at their path (in
    ``scope``, e.g. the endpoint) are collapsed too.
    """
    walker = _Walker(limits, with_paths, learner, scope)
    walker.walk(document, "$", "$" if with_paths else None, 0)
    return BodySchema(frozenset(walker.leaves), walker.path_map, walker.truncated)


class _Walker:
    __slots__ = (
        "learner",
        "leaves",
        "limits",
        "max_map",
        "path_map",
        "scope",
        "truncated",
        "with_paths",
    )

    def __init__(
        self,
        limits: SchemaLimits,
        with_paths: bool,
        learner: KeyLearner | None = None,
        scope: Hashable = None,
    ) -> None:
        self.limits = limits
        self.learner = learner
        self.scope = scope
        self.with_paths = with_paths
        self.leaves: set[Leaf] = set()
        self.path_map: dict[str, str] = {}
        # raw paths multiply under data maps; past this bound their detections are dropped
        self.max_map = limits.max_fields * 8
        self.truncated = False

    def _leaf(self, path: str, raw: str | None, json_type: int) -> None:
        leaf = (path, json_type)
        leaves = self.leaves
        if leaf not in leaves:
            if len(leaves) >= self.limits.max_fields:
                self.truncated = True
                return
            leaves.add(leaf)
        if raw is not None and len(self.path_map) < self.max_map:
            self.path_map[raw] = path

    def walk(self, value: Any, path: str, raw: str | None, depth: int) -> None:  # noqa: PLR0912
        kind = type(value)
        if kind is dict:
            if not value:
                self._leaf(path, raw, EMPTY_OBJECT)
                return
            if depth >= self.limits.max_depth:
                self.truncated = True
                return
            data_keys = len(value) >= self.limits.data_key_min_keys
            if not data_keys:
                for key in value:
                    if not is_name(key):
                        data_keys = True
                        break
            if not data_keys and self.learner is not None:
                data_keys = self.learner.is_data_map(self.scope, path, value)
            depth += 1
            # scalar children are leaves at once: no call per leaf (the hot path)
            if data_keys:
                child_path = path + "{*}"
                for key, child in value.items():
                    child_raw = None if raw is None else f"{raw}.{key}"
                    json_type = _SCALARS.get(type(child))
                    if json_type is None:
                        self.walk(child, child_path, child_raw, depth)
                    else:
                        self._leaf(child_path, child_raw, json_type)
            else:
                for key, child in value.items():
                    child_raw = None if raw is None else f"{raw}.{key}"
                    json_type = _SCALARS.get(type(child))
                    if json_type is None:
                        self.walk(child, f"{path}.{key}", child_raw, depth)
                    else:
                        self._leaf(f"{path}.{key}", child_raw, json_type)
        elif kind is list:
            if not value:
                self._leaf(path, raw, EMPTY_ARRAY)
                return
            if depth >= self.limits.max_depth:
                self.truncated = True
                return
            child_path = path + "[*]"
            child_raw = None if raw is None else raw + "[*]"
            for child in value[: self.limits.max_array_items]:
                json_type = _SCALARS.get(type(child))
                if json_type is None:
                    self.walk(child, child_path, child_raw, depth + 1)
                else:
                    self._leaf(child_path, child_raw, json_type)
        else:
            self._leaf(path, raw, _SCALARS.get(kind, NUMBER))
