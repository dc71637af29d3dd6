"""Walk a JSON value to its leaves, with paths like ``$.customer.emails[*]`` and limits."""

from __future__ import annotations

from collections.abc import Iterator
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


_HINT_KEYS = frozenset(
    {"name", "key", "type", "field", "attribute", "kind", "label", "id", "code", "property"}
)


def _sibling_hint(obj: dict[str, Any]) -> str:
    for k, v in obj.items():
        if (
            isinstance(v, str)
            and 0 < len(v) <= 40
            and k.lower() in _HINT_KEYS
            and " " not in v
            and "@" not in v
        ):
            return v
    return ""


def walk(
    doc: Any, *, max_depth: int = 64, max_leaves: int = 20_000, array_sample: int = 8
) -> list[Leaf]:
    """Leaves of ``doc`` in document order; only the first ``array_sample`` array items.

    Raises `WalkLimitError` when the nesting exceeds ``max_depth`` or when more than
    ``max_leaves`` leaves would be produced.
    """
    out: list[Leaf] = []
    for leaf in _walk(doc, "$", "", "", "", 0, max_depth, array_sample):
        out.append(leaf)
        if len(out) > max_leaves:
            raise WalkLimitError(f"document has more than {max_leaves} leaves")
    return out


def _walk(  # noqa: PLR0917
    node: Any,
    path: str,
    key: str,
    parent: str,
    hint: str,
    depth: int,
    max_depth: int,
    sample: int,
) -> Iterator[Leaf]:
    if depth > max_depth:
        raise WalkLimitError(f"document is nested deeper than {max_depth} levels")
    if isinstance(node, dict):
        sib = _sibling_hint(node)
        for k, v in node.items():
            ks = str(k)
            yield from _walk(v, f"{path}.{ks}", ks, key, sib, depth + 1, max_depth, sample)
    elif isinstance(node, list):
        child = f"{path}[*]"
        for item in node[:sample]:
            yield from _walk(item, child, key, parent, hint, depth + 1, max_depth, sample)
    else:
        yield Leaf(path, key, parent, node, hint)
