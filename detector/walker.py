"""Walk a JSON value to its leaves, with paths like ``$.customer.emails[*]`` and limits.

The walk costs time linear in the document whatever its shape: keys handed on are cut to
``max_key_chars``, a path is built only while it is at most ``max_path_chars`` long (a leaf
under a longer path is counted in `WalkStats` and not inspected), and values that cannot
hold a data type (numbers of more than 40 digits, NaN and infinities, strings over
``max_value_chars``) become ``None``, counted. With ``json_strings``, a string that is itself a
JSON object or array (``"kycInformation": "{\"name\": …}"``, bounded by ``max_value_chars``)
is walked too: its leaves carry their own keys and the string's path, so what they hold is
reported where the string is.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class WalkLimitError(ValueError):
    """A document is deeper or has more leaves than the settings allow."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """One scalar of a document: its path, its own key, its parent's key, the value.

    ``hint`` is the identifier-like string value of a sibling (e.g. ``"type": "email"``) that
    names what an uninformatively keyed leaf (``value``, ``field_7``) holds. ``key`` and
    ``parent`` are at most ``max_key_chars`` long; ``path`` holds the keys whole.
    """

    path: str
    key: str
    parent: str
    value: str | int | float | bool | None
    hint: str


@dataclass(slots=True)
class WalkStats:
    """What the walk's bounds changed, summed over the documents walked with it."""

    leaves: int = 0  # leaves walked (after array sampling), kept or not
    array_items_skipped: int = 0  # array items past ``array_sample``
    keys_truncated: int = 0  # keys longer than ``max_key_chars`` (cut for the key model)
    long_path_leaves: int = 0  # leaves under a path longer than ``max_path_chars``
    values_dropped: int = 0  # huge or non-finite numbers, over-long strings
    json_strings: int = 0  # strings holding a JSON object or array, walked as one


#: No data type is a number this long; ``float()`` of a longer one may overflow.
MAX_NUMBER_DIGITS = 40
_MAX_NUMBER = 10**MAX_NUMBER_DIGITS
_SCALARS = frozenset({str, int, float, bool, type(None)})

# sibling keys (lower case, no ``_``/``-``) whose value names a leaf's kind; the last ones name a
# document's kind beside its number (``"documentType": "PASSPORT"``); ``system`` is the URI
# that names an identifier's kind (``{"system": "http://hl7.org/fhir/sid/us-ssn", "value": …}``)
_HINT_KEYS = frozenset({"name", "key", "type", "field", "attribute", "kind", "label", "property",
                        "system", "documenttype", "doctype", "idtype", "identifiertype",
                        "documentkind"})  # fmt: skip
#: longest sibling key read (``identifier_type``); longer keys are not looked at
_HINT_KEY_CHARS = 16
# a field name, not a value: letters with separators (no spaces), at most a trailing digit;
# two letters suffice (``ip``, ``cc``)
_HINT_VALUE = re.compile(r"^[A-Za-z][A-Za-z_\-.]{0,38}[A-Za-z0-9]$")


#: longest URI read for its last part
_HINT_URI_CHARS = 200


#: A FHIR reference to a person (``"reference": "Patient/123"``): its resource type is the
#: hint, so the ``display`` beside it reads as that person's name.
PERSON_RESOURCES = ("Patient", "Practitioner", "RelatedPerson", "Person")
_PERSON_REFERENCE = re.compile(rf"^({'|'.join(PERSON_RESOURCES)})/[^/\s]+$")


#: Keys of JSON-LD and TM Forum references that name the referred resource's kind
#: (``"@referredType": "Individual"``), and the kinds that are a person.
KIND_KEYS = frozenset({"@referredtype", "referredtype", "@type"})
_PERSON_KINDS = frozenset({"individual", "person", "patient", "practitioner", "relatedperson"})


#: Keys of a document's number (``documentNumber``, ``doc_no``), lower case, no ``_``/``-``.
_DOCUMENT_NUMBER_KEYS = frozenset(
    {"documentnumber", "docnumber", "documentno", "docno", "idnumber", "number"}
)


def _folded(key: str) -> str:
    """``Document_Type`` → ``documenttype``: a sibling's key as the key sets hold it."""
    return key.lower().replace("_", "").replace("-", "")


def _holds_document_number(obj: dict[str, Any]) -> bool:
    return any(isinstance(k, str) and _folded(k) in _DOCUMENT_NUMBER_KEYS for k in obj)


def _sibling_hint(obj: dict[str, Any]) -> str:
    found = ""
    for k, v in obj.items():
        if not isinstance(v, str):
            continue
        if k == "reference" and (person := _PERSON_REFERENCE.match(v)):
            return person.group(1)
        lower = k.lower()
        if lower in KIND_KEYS and v.lower() in _PERSON_KINDS:
            return "Person"  # a reference to a person: the ``name`` beside it is theirs
        if not found and len(k) <= _HINT_KEY_CHARS and _folded(k) in _HINT_KEYS:
            hint = v
            if ":" in v and len(v) <= _HINT_URI_CHARS:  # a URI: its last part names the kind
                hint = v.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]
            if _HINT_VALUE.match(hint):
                found = hint
    return found


#: JSON:API resource types that are people (singular, lower case, ``-``/``_`` dropped).
_PERSON_RESOURCE_TYPES = frozenset(
    {"customer", "user", "person", "people", "contact", "member", "employee", "patient",
     "student", "author", "participant", "attendee", "guest", "client", "candidate",
     "applicant", "volunteer", "donor", "subscriber", "lead", "teacher", "driver", "traveler",
     "traveller", "passenger", "referral", "profile", "teammember", "staffmember"}
)  # fmt: skip


def _person_resource(obj: dict[str, Any]) -> str:
    """A JSON:API resource object's ``type`` when it names people (``customers``): its
    ``attributes`` are a person's, read under that kind, not under the wrapper's name."""
    kind = obj.get("type")
    if not isinstance(kind, str) or not isinstance(obj.get("attributes"), dict):
        return ""
    folded = kind.lower().replace("-", "").replace("_", "")
    singular = folded.removesuffix("s")
    return kind if folded in _PERSON_RESOURCE_TYPES or singular in _PERSON_RESOURCE_TYPES else ""


def walk(
    doc: Any,
    *,
    max_depth: int = 64,
    max_leaves: int = 20_000,
    array_sample: int = 8,
    skipped: list[int] | None = None,
    max_key_chars: int = 128,
    max_path_chars: int = 2048,
    max_value_chars: int = 4096,
    stats: WalkStats | None = None,
    keep: Callable[[Any, str, str], bool] | None = None,
    json_strings: bool = False,
) -> list[Leaf]:
    """Leaves of ``doc`` in document order; only the first ``array_sample`` array items.

    Raises `WalkLimitError` when the nesting exceeds ``max_depth`` or when the document has
    more than ``max_leaves`` leaves (those under over-long paths included). The number of
    array items left out by sampling is added to ``skipped[0]`` when given; everything the
    bounds changed is added to ``stats`` when given. With ``keep``, only leaves whose value,
    key and parent's key it accepts are returned (the others are walked and counted, never built).
    """
    walker = _Walker(max_depth, max_leaves, array_sample, max_key_chars, max_path_chars)
    walker.max_value_chars = max_value_chars
    walker.keep = keep
    walker.json_strings = json_strings
    walker.visit(doc, "$", "", "", "", 0)
    if skipped is not None:
        skipped[0] += walker.stats.array_items_skipped
    if stats is not None:
        stats.leaves += walker.leaves
        stats.array_items_skipped += walker.stats.array_items_skipped
        stats.keys_truncated += walker.stats.keys_truncated
        stats.long_path_leaves += walker.stats.long_path_leaves
        stats.values_dropped += walker.stats.values_dropped
        stats.json_strings += walker.stats.json_strings
    return walker.out


class _Walker:
    __slots__ = (
        "json_strings",
        "keep",
        "leaves",
        "max_depth",
        "max_key",
        "max_leaves",
        "max_path",
        "max_value_chars",
        "out",
        "pinned",
        "sample",
        "stats",
    )

    def __init__(
        self, max_depth: int, max_leaves: int, sample: int, max_key: int, max_path: int
    ) -> None:
        self.max_depth = max_depth
        self.max_leaves = max_leaves
        self.sample = sample
        self.max_key = max_key
        self.max_path = max_path
        self.max_value_chars = 4096
        self.keep: Callable[[Any, str, str], bool] | None = None
        self.json_strings = False
        self.pinned: str | None = None  # inside a JSON string: the string's path
        self.out: list[Leaf] = []
        self.leaves = 0
        self.stats = WalkStats()

    def visit(  # noqa: PLR0917
        self, node: Any, path: str | None, key: str, parent: str, hint: str, depth: int
    ) -> None:
        """``path`` is None below a path over ``max_path``: leaves are counted, not kept."""
        if depth > self.max_depth:
            raise WalkLimitError(f"document is nested deeper than {self.max_depth} levels")
        if isinstance(node, dict):
            sib = _sibling_hint(node)
            # a record's own ``id`` beside its document's number takes no document kind
            own_id = sib and "id" in node and _holds_document_number(node)
            kind = _person_resource(node)
            room = -1 if path is None else self.max_path - len(path) - 1
            for k, v in node.items():
                ks = str(k)
                if len(ks) > self.max_key:
                    self.stats.keys_truncated += 1
                    short = ks[: self.max_key]
                else:
                    short = ks
                child = f"{path}.{ks}" if len(ks) <= room else None
                if depth < self.max_depth and type(v) in _SCALARS:  # the common case, no call
                    self._leaf(v, child, short, key, "" if own_id and ks == "id" else sib)
                elif kind and ks == "attributes":  # a person's: read under the resource's kind
                    self.visit(v, child, kind, key, sib, depth + 1)
                else:
                    self.visit(v, child, short, key, sib, depth + 1)
        elif isinstance(node, list):
            child = None if path is None or len(path) + 3 > self.max_path else f"{path}[*]"
            if len(node) > self.sample:
                self.stats.array_items_skipped += len(node) - self.sample
            for item in node[: self.sample]:
                self.visit(item, child, key, parent, hint, depth + 1)
        else:
            self._leaf(node, path, key, parent, hint)

    def _leaf(self, value: Any, path: str | None, key: str, parent: str, hint: str) -> None:
        self.leaves += 1
        if self.leaves > self.max_leaves:
            raise WalkLimitError(f"document has more than {self.max_leaves} leaves")
        value = self._bounded(value)
        if self.json_strings and type(value) is str and path is not None:
            self._json_string(value, path, key)
        if self.keep is not None and not self.keep(value, key, parent):
            return
        if path is None:
            self.stats.long_path_leaves += 1
            return
        self.out.append(Leaf(self.pinned or path, key, parent, value, hint))

    def _json_string(self, value: str, path: str, key: str) -> None:
        """Walk a string holding a JSON object or array (not a number or a quoted word) as
        part of the document, its leaves pinned to the string's path; depth counts on."""
        text = value.strip()
        if len(text) < 2 or (text[0], text[-1]) not in (("{", "}"), ("[", "]")):
            return
        try:
            inner = json.loads(text)
        except ValueError:
            return
        if not inner or not isinstance(inner, dict | list):
            return
        self.stats.json_strings += 1
        outer, self.pinned = self.pinned, self.pinned or path
        try:
            self.visit(inner, path, key, key, "", path.count(".") + path.count("[") + 1)
        finally:
            self.pinned = outer

    def _bounded(self, value: Any) -> Any:
        """``value``, or None when it cannot hold a data type and would only cost time."""
        kind = type(value)
        if kind is str:
            if len(value) <= self.max_value_chars:
                return value
        elif kind is int:
            if -_MAX_NUMBER < value < _MAX_NUMBER:
                return value
        elif kind is float:
            if math.isfinite(value):
                return value
        else:
            return value
        self.stats.values_dropped += 1
        return None
