"""Endpoint templating: request targets → path templates and identifier query names.

``/users/42/orders/9f1c…?token=abc&page=2`` → ``/users/{id}/orders/{id}`` with query names
``["page", "token"]``. Segments that look like values are replaced at once; segments that
turn out to be high-cardinality after a given prefix are learned (bounded memory) and
replaced from then on, and `refine` rewrites templates made before the lesson.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from digger.values import is_name, is_value_like

PLACEHOLDER = "{id}"
MAX_SEGMENTS = 32
_MAX_PATHS = 4096  # paths remembered by a Templater
STANDARD_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}
)


def normalize_method(method: str) -> str:
    """A standard method token, or "OTHER" (a method is client-chosen text)."""
    upper = method.upper()
    return upper if upper in STANDARD_METHODS else "OTHER"


class Template(NamedTuple):
    """A templated request target."""

    path: str
    query_names: tuple[str, ...]


class _Prefix:
    """Distinct literal segments seen after one templated prefix, up to a threshold."""

    __slots__ = ("literals", "variable")

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.variable = False


class Templater:
    """Turns request targets into templates, learning high-cardinality segments."""

    def __init__(
        self, cardinality_threshold: int = 32, max_prefixes: int = 20_000, max_query_names: int = 20
    ) -> None:
        self.cardinality_threshold = cardinality_threshold
        self.max_prefixes = max_prefixes
        self.max_query_names = max_query_names
        self._prefixes: OrderedDict[str, _Prefix] = OrderedDict()
        self.prefixes_evicted = 0
        # Paths without value-like segments repeat: path → (template, prefixes it touches).
        # A hit replays the touches (LRU order): the same as templating again as long as
        # nothing was learned, added or evicted since; any such change empties it.
        self._paths: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._changes = 0
        self._paths_stamp = 0

    def template(self, target: str) -> Template:
        """Template one request target (path and optional query)."""
        path, _, query = target.partition("?")
        hit = self._paths.get(path) if self._changes == self._paths_stamp else None
        if hit is not None:
            move = self._prefixes.move_to_end
            for prefix in hit[1]:
                move(prefix)
            return Template(hit[0], _query_names(query, self.max_query_names))
        template_path = self._template_path(path)
        return Template(template_path, _query_names(query, self.max_query_names))

    def _template_path(self, target_path: str) -> str:
        path = target_path.partition("#")[0]
        if "://" in path:  # absolute-form target (proxy requests): keep the path only
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        out: list[str] = []
        touched: list[str] = []
        prefix = ""
        values = False
        changes = self._changes
        segments = path.split("/")[1:] if path.startswith("/") else path.split("/")
        for i, raw in enumerate(segments):
            if i >= MAX_SEGMENTS:
                out.append(PLACEHOLDER)
                values = True
                break
            seg = unquote(raw) if "%" in raw else raw
            if seg == "":
                out.append("")
                continue
            if (seg.isdigit() and seg.isascii()) or _is_value_segment(seg):
                rendered = PLACEHOLDER
                values = True
            else:
                rendered = self._learn(prefix, seg)
                touched.append(prefix)
            out.append(rendered)
            prefix = prefix + "/" + rendered
        template_path = "/" + "/".join(out) if out else "/"
        # kept only when templating it changed nothing: then doing it again would be the same
        if not values and self._changes == changes:
            if self._changes != self._paths_stamp or len(self._paths) >= _MAX_PATHS:
                self._paths.clear()
                self._paths_stamp = self._changes
            self._paths[target_path] = (template_path, tuple(touched))
        return template_path

    def refine(self, template_path: str) -> str:
        """Re-apply what was learned since ``template_path`` was made."""
        if template_path == "/":
            return template_path
        segs = template_path.split("/")[1:]
        prefix = ""
        changed = False
        for i, seg in enumerate(segs):
            if seg and seg != PLACEHOLDER:
                state = self._prefixes.get(prefix)
                if state is not None and state.variable:
                    segs[i] = PLACEHOLDER
                    changed = True
            prefix = prefix + "/" + segs[i]
        return "/" + "/".join(segs) if changed else template_path

    def _learn(self, prefix: str, seg: str) -> str:
        state = self._prefixes.get(prefix)
        if state is None:
            self._changes += 1
            state = _Prefix()
            self._prefixes[prefix] = state
            if len(self._prefixes) > self.max_prefixes:
                self._prefixes.popitem(last=False)
                self.prefixes_evicted += 1
        else:
            self._prefixes.move_to_end(prefix)
        if state.variable:
            return PLACEHOLDER
        if seg in state.literals:
            return seg
        self._changes += 1
        state.literals.add(seg)
        if len(state.literals) > self.cardinality_threshold:
            state.variable = True
            state.literals.clear()
            return PLACEHOLDER
        return seg


@lru_cache(maxsize=4096)
def _query_names(query: str, max_names: int) -> tuple[str, ...]:
    if not query or max_names == 0:
        return ()
    names: set[str] = set()
    for part in query.split("&"):
        name = part.partition("=")[0]
        if "%" in name or "+" in name:
            name = unquote(name.replace("+", " "))
        if is_name(name):
            names.add(name)
            if len(names) >= max_names:
                break
    return tuple(sorted(names))


@lru_cache(maxsize=65_536)
def _is_value_segment(seg: str) -> bool:
    return is_value_like(seg) or not _is_segment_name(seg)


def _is_segment_name(seg: str) -> bool:
    # Path words: letters, digits and a few separators; anything else (spaces, @, =, ;) is data.
    return is_name(seg) or (
        seg.replace("-", "").replace(".", "").replace("_", "").isalnum()
        and not is_value_like(seg)
        and len(seg) <= 64
    )
