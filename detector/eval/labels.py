"""Write a labelled document as a JSON value with marked leaves: ``S("email", "a@b.org")``.

`materialize` replaces the markers by their values and collects the (path, type) labels with
the detector's path syntax (``$.a.b``, arrays as ``[*]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class S:
    """A sensitive leaf: its type and its value."""

    type: str | tuple[str, ...]
    value: Any


def materialize(doc: Any, path: str = "$") -> tuple[Any, set[tuple[str, str]]]:
    """``doc`` without markers, and the labels of its marked leaves."""
    labels: set[tuple[str, str]] = set()

    def go(node: Any, p: str) -> Any:
        if isinstance(node, S):
            types = (node.type,) if isinstance(node.type, str) else node.type
            labels.update((p, t) for t in types)
            return go(node.value, p)
        if isinstance(node, dict):
            return {k: go(v, f"{p}.{k}") for k, v in node.items()}
        if isinstance(node, list):
            return [go(v, f"{p}[*]") for v in node]
        return node

    return go(doc, path), labels
