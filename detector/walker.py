"""Walk a JSON value to its leaves, with paths like ``$.customer.emails[*]`` and limits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


class WalkLimitError(ValueError):
    """A document is deeper or has more leaves than the settings allow."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """One scalar of a document: its path, its own key, its parent's key, the value.

    ``hint`` is the identifier-like string value of a sibling (e.g. ``"type": "email"``) that
    names what an uninformatively keyed leaf (``value``, ``field_7``) holds.
    """

    path: str
    key: str
    parent: str
    value: str | int | float | bool | None
    hint: str


_HINT_KEYS = frozenset({"name", "key", "type", "field", "attribute", "kind", "label", "property"})
# a field name, not a value: letters with separators (no spaces), at most a trailing digit;
# two letters suffice (``ip``, ``cc``)
_HINT_VALUE = re.compile(r"^[A-Za-z][A-Za-z_\-.]{0,38}[A-Za-z0-9]$")


def _sibling_hint(obj: dict[str, Any]) -> str:
    for k, v in obj.items():
        if isinstance(v, str) and k.lower() in _HINT_KEYS and _HINT_VALUE.match(v):
            return v
    return ""


def walk(
    doc: Any,
    *,
    max_depth: int = 64,
    max_leaves: int = 20_000,
    array_sample: int = 8,
    skipped: list[int] | None = None,
) -> list[Leaf]:
    """Leaves of ``doc`` in document order; only the first ``array_sample`` array items.

    Raises `WalkLimitError` when the nesting exceeds ``max_depth`` or when more than
    ``max_leaves`` leaves would be produced. The number of array items left out by sampling
    is added to ``skipped[0]`` when given.
    """
    walker = _Walker(max_depth, max_leaves, array_sample)
    walker.visit(doc, "$", "", "", "", 0)
    if skipped is not None:
        skipped[0] += walker.skipped
    return walker.out


class _Walker:
    __slots__ = ("max_depth", "max_leaves", "out", "sample", "skipped")

    def __init__(self, max_depth: int, max_leaves: int, sample: int) -> None:
        self.max_depth = max_depth
        self.max_leaves = max_leaves
        self.sample = sample
        self.out: list[Leaf] = []
        self.skipped = 0

    def visit(  # noqa: PLR0917
        self, node: Any, path: str, key: str, parent: str, hint: str, depth: int
    ) -> None:
        if depth > self.max_depth:
            raise WalkLimitError(f"document is nested deeper than {self.max_depth} levels")
        if isinstance(node, dict):
            sib = _sibling_hint(node)
            for k, v in node.items():
                ks = str(k)
                self.visit(v, f"{path}.{ks}", ks, key, sib, depth + 1)
        elif isinstance(node, list):
            child = f"{path}[*]"
            if len(node) > self.sample:
                self.skipped += len(node) - self.sample
            for item in node[: self.sample]:
                self.visit(item, child, key, parent, hint, depth + 1)
        else:
            self.out.append(Leaf(path, key, parent, node, hint))
            if len(self.out) > self.max_leaves:
                raise WalkLimitError(f"document has more than {self.max_leaves} leaves")
