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

import orjson

from digger.values import is_name
from protos.sieve.v1 import metadata_pb2

STRING = metadata_pb2.JSON_TYPE_STRING
NUMBER = metadata_pb2.JSON_TYPE_NUMBER
BOOLEAN = metadata_pb2.JSON_TYPE_BOOLEAN
NULL = metadata_pb2.JSON_TYPE_NULL
EMPTY_OBJECT = metadata_pb2.JSON_TYPE_EMPTY_OBJECT
EMPTY_ARRAY = metadata_pb2.JSON_TYPE_EMPTY_ARRAY

Leaf = tuple[str, int]  # (schema path, JsonType)
#: Detector paths are made up to this length: the detector inspects no leaf under a longer
#: path (SIEVE_DETECTOR_MAX_PATH_CHARS), and a long key above many leaves would otherwise
#: cost its length once per leaf.
MAX_DETECTOR_PATH_CHARS = 2048
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
    # gRPC documents: keys that are protobuf field numbers ("1", "3") are names, not data
    field_number_keys: bool = False


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
        return True, orjson.loads(body)
    except orjson.JSONDecodeError:
        pass
    # orjson is strict where the json module is lenient (NaN, Infinity, lone surrogates):
    # ask the json module too, so what counts as a JSON body does not change
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
        self.learned = 0  # data maps learned (a `ShapeMemo` is stale when it changes)

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
        self.learned += 1
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


class ShapeMemo:
    """Remembers, per scope, what one object level of a walk yields, by its shape.

    The shape is (object path, keys in order, value types in order); what it yields is its
    scalar leaves and the paths of its nested values, so a document shaped like one seen
    before is walked per object instead of per leaf. Exact: it is dropped whenever the
    learner learns a data map or forgets an object, and objects whose keys are data are
    never kept (their keys differ each time). Bounded by ``max_entries``.

    It also remembers the schemas of small bodies seen byte for byte before (health checks,
    acknowledgements, error bodies repeat), so those are not even parsed again.
    """

    def __init__(
        self,
        learner: KeyLearner | None = None,
        max_entries: int = 20_000,
        max_body_bytes: int = 512,
    ) -> None:
        self.learner = learner
        self.max_entries = max_entries
        self.max_body_bytes = max_body_bytes
        self._scopes: dict[Hashable, dict[_Shape, _Level]] = {}
        self._bodies: dict[Hashable, dict[bytes, BodySchema]] = {}
        self._size = 0
        self._stamp = self._learner_stamp()
        self.cleared = 0

    def _learner_stamp(self) -> tuple[int, int]:
        learner = self.learner
        return (learner.learned, learner.evicted) if learner is not None else (0, 0)

    def table(self, scope: Hashable) -> dict[_Shape, _Level]:
        """The memo of ``scope`` (fresh if the learner changed since it was filled)."""
        stamp = self._learner_stamp()
        if stamp != self._stamp or self._size >= self.max_entries:
            self._stamp = stamp
            self.clear()
        table = self._scopes.get(scope)
        if table is None:
            table = self._scopes[scope] = {}
        return table

    def added(self) -> None:
        """Count one entry added to a table."""
        self._size += 1

    @property
    def stamp(self) -> tuple[int, int]:
        """Changes when what the learner knows changes."""
        return self._learner_stamp()

    def known_body(self, scope: Hashable, body: bytes) -> BodySchema | None:
        """The schema of ``body`` if it was remembered in ``scope`` (and is still valid)."""
        if self._learner_stamp() != self._stamp:
            return None
        bodies = self._bodies.get(scope)
        return bodies.get(body) if bodies is not None else None

    def remember_body(
        self, scope: Hashable, body: bytes, schema: BodySchema, since: tuple[int, int]
    ) -> None:
        """Keep ``schema`` of a small ``body`` walked while the `stamp` stayed ``since``.

        A walk during which the learner learned is not kept: walked again, it could differ.
        """
        if len(body) > self.max_body_bytes or since != self._learner_stamp():
            return
        self.table(scope)  # drops stale entries
        bodies = self._bodies.get(scope)
        if bodies is None:
            bodies = self._bodies[scope] = {}
        bodies[body] = schema
        self._size += 1

    def clear(self) -> None:
        """Forget everything."""
        if self._size:
            self.cleared += 1
        self._scopes.clear()
        self._bodies.clear()
        self._size = 0


# (path, keys, value types) of one object
_Shape = tuple[str, tuple[str, ...], tuple[type, ...]]
# per nested value in key order: the scalar leaves before it, its index, its path
_Step = tuple[tuple[Leaf, ...], int, str]


class _Level:
    __slots__ = ("cacheable", "flat", "steps", "whole")

    def __init__(self, steps: tuple[_Step, ...], cacheable: bool) -> None:
        self.steps = steps
        self.cacheable = cacheable
        # scalar members only: walking it again adds nothing, and as a document root its
        # schema is known (`whole`, made when first needed)
        self.flat = all(index < 0 for _, index, _ in steps)
        self.whole: BodySchema | None = None


_TRUNCATED = _Level((), cacheable=False)


def extract(
    document: Any,
    limits: SchemaLimits = SchemaLimits(),
    *,
    with_paths: bool = True,
    learner: KeyLearner | None = None,
    scope: Hashable = None,
    memo: ShapeMemo | None = None,
) -> BodySchema:
    """Walk a parsed JSON document into its leaves (and the detector path map if asked).

    With a ``learner``, objects found to have too many distinct keys at their path (in
    ``scope``, e.g. the endpoint) are collapsed too. A ``memo`` (same learner) speeds up
    walks without paths; the result is the same.
    """
    walker = _Walker(limits, with_paths, learner, scope)
    if memo is not None and not with_paths:
        walker.table = memo.table(scope)
        walker.memo = memo
        if type(document) is dict and document:
            return walker.root_object(document)
    walker.walk(document, "$", "$" if with_paths else None, 0)
    return BodySchema(frozenset(walker.leaves), walker.path_map, walker.truncated)


class _Walker:
    __slots__ = (
        "learner",
        "leaves",
        "limits",
        "max_map",
        "memo",
        "path_map",
        "scope",
        "table",
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
        self.memo: ShapeMemo | None = None
        self.table: dict[_Shape, _Level] | None = None

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

    def _data_keys(self, value: dict[str, Any], path: str) -> bool:
        if len(value) >= self.limits.data_key_min_keys:
            return True
        numbers = self.limits.field_number_keys
        for key in value:
            if not is_name(key) and not (numbers and key.isdecimal() and len(key) <= 9):
                return True
        if self.learner is not None:
            return self.learner.is_data_map(self.scope, path, value)
        return False

    def _level(self, value: dict[str, Any], path: str) -> _Level:
        """What the object ``value`` at ``path`` yields, as `_Step`s in key order."""
        data_keys = self._data_keys(value, path)
        steps: list[_Step] = []
        run: list[Leaf] = []
        for index, (key, child) in enumerate(value.items()):
            child_path = path + "{*}" if data_keys else f"{path}.{key}"
            json_type = _SCALARS.get(type(child))
            if json_type is None:
                steps.append((tuple(run), index, child_path))
                run = []
            else:
                run.append((child_path, json_type))
        if run:
            steps.append((tuple(run), -1, ""))
        return _Level(tuple(steps), not data_keys)

    def walk_memo(self, value: Any, path: str, depth: int) -> None:
        """`walk` without detector paths, one memoized object level at a time."""
        kind = type(value)
        if (kind is not dict and kind is not list) or not value or depth >= self.limits.max_depth:
            self.walk(value, path, None, depth)
        elif kind is dict:
            self._walk_object_memo(value, path, depth)
        else:
            self._walk_array_memo(value, path, depth)

    def root_object(self, value: dict[str, Any]) -> BodySchema:
        """The schema of a document that is a non-empty object (memo walk)."""
        level = self._walk_object_memo(value, "$", 0)
        if level.flat and level.cacheable and not self.truncated:
            if level.whole is None:
                level.whole = BodySchema(frozenset(self.leaves))
            return level.whole
        return BodySchema(frozenset(self.leaves), self.path_map, self.truncated)

    def _walk_object_memo(
        self, value: dict[str, Any], path: str, depth: int, shape: _Shape | None = None
    ) -> _Level:
        table = self.table
        assert table is not None
        if depth >= self.limits.max_depth:
            self.truncated = True
            return _TRUNCATED
        if shape is None:
            shape = (path, tuple(value), tuple(map(type, value.values())))
        level = table.get(shape)
        if level is None:
            level = self._level(value, path)
            memo = self.memo
            assert memo is not None
            # what the learner just learned may have made other entries stale
            table = self.table = memo.table(self.scope)
            if level.cacheable:
                table[shape] = level
                memo.added()
        leaves = self.leaves
        max_fields = self.limits.max_fields
        children: tuple[Any, ...] | None = None
        for run, index, child_path in level.steps:
            if run:
                if len(leaves) + len(run) <= max_fields:
                    leaves.update(run)  # none can be refused: the same as one by one
                else:
                    for leaf_path, json_type in run:
                        self._leaf(leaf_path, None, json_type)
            if index >= 0:
                if children is None:
                    children = tuple(value.values())
                self.walk_memo(children[index], child_path, depth + 1)
        return level

    def _walk_array_memo(self, value: list[Any], path: str, depth: int) -> None:
        child_path = path + "[*]"
        items = value[: self.limits.max_array_items]
        kinds = dict.fromkeys(map(type, items))
        if all(k in _SCALARS for k in kinds):
            for k in kinds:  # first occurrences in order, as one by one
                self._leaf(child_path, None, _SCALARS[k])
            return
        done: set[_Level] = set()  # flat objects already walked: the same again adds nothing
        for child in items:
            kind = type(child)
            json_type = _SCALARS.get(kind)
            if json_type is not None:
                self._leaf(child_path, None, json_type)
            elif kind is dict and child:
                shape = (child_path, tuple(child), tuple(map(type, child.values())))
                assert self.table is not None
                level = self.table.get(shape)
                if level is None or level not in done:
                    level = self._walk_object_memo(child, child_path, depth + 1, shape)
                    if level.flat:
                        done.add(level)
            else:
                self.walk_memo(child, child_path, depth + 1)

    def walk(self, value: Any, path: str, raw: str | None, depth: int) -> None:  # noqa: PLR0912
        kind = type(value)
        if (
            self.table is not None
            and raw is None
            and (kind is dict or kind is list)
            and value
            and depth < self.limits.max_depth
        ):
            self.walk_memo(value, path, depth)
            return
        if kind is dict:
            if not value:
                self._leaf(path, raw, EMPTY_OBJECT)
                return
            if depth >= self.limits.max_depth:
                self.truncated = True
                return
            data_keys = self._data_keys(value, path)
            depth += 1
            # scalar children are leaves at once: no call per leaf (the hot path)
            if data_keys:
                child_path = path + "{*}"
                for key, child in value.items():
                    child_raw = _raw_child(raw, key)
                    json_type = _SCALARS.get(type(child))
                    if json_type is None:
                        self.walk(child, child_path, child_raw, depth)
                    else:
                        self._leaf(child_path, child_raw, json_type)
            else:
                for key, child in value.items():
                    child_raw = _raw_child(raw, key)
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
            child_raw = _raw_child(raw, None)
            for child in value[: self.limits.max_array_items]:
                json_type = _SCALARS.get(type(child))
                if json_type is None:
                    self.walk(child, child_path, child_raw, depth + 1)
                else:
                    self._leaf(child_path, child_raw, json_type)
        else:
            self._leaf(path, raw, _SCALARS.get(kind, NUMBER))


def _raw_child(raw: str | None, key: str | None) -> str | None:
    """The detector path of a member (``key``) or of array items (None), if not too long."""
    if raw is None:
        return None
    if key is None:
        return raw + "[*]" if len(raw) + 3 <= MAX_DETECTOR_PATH_CHARS else None
    return f"{raw}.{key}" if len(raw) + 1 + len(key) <= MAX_DETECTOR_PATH_CHARS else None
