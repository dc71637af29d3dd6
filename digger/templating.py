"""Endpoint templating: request targets → path templates and identifier query names.

``/users/42/orders/9f1c…?token=abc&page=2`` → ``/users/{userId:int}/orders/{orderId:hex}``
with query names ``["page", "token"]``. Segments that look like values are replaced at once;
segments that turn out to be high-cardinality after a given prefix of one server (the
``scope``) are learned (bounded memory) and replaced from then on, and `refine` rewrites
templates made before the lesson.

A placeholder is ``{name}`` or ``{name:kind}``. The name comes from the static segment
before it (``customers`` → ``customerId``, ``by-email`` → ``email``) unless the value has a
recognisable meaning of its own (`value_meaning`: a year, a month, a slug, a code, a SKU, a
version, a locale …), which can combine with that segment (``/countries/DE`` →
``countryCode``). At a learned position the meaning is the one all its learned literals
share, or none, and every value there is a string: one route stays one endpoint when only
some of its values look like a slug or a number (``/repos/linux``, ``/repos/my-app``). So a
name depends on the template and on the value or, once learned, on what the position's
values have in common, the same on every run and replica; a repeated name gets ``2``, ``3``…
left to right. The kind says what the replaced segment looked like: ``int`` (digits),
``uuid``, ``hex``, ``date`` (YYYY-MM-DD), ``email``; no kind means any string.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

import inflect

from digger.values import is_name, is_value_like

PLACEHOLDER = "{id}"  # a placeholder in the Templater's own prefix keys (before naming)
KINDS = ("int", "uuid", "hex", "date", "email")
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
    """Distinct literal segments seen after one templated prefix, up to a threshold; once
    past it, the meaning all of them shared ("" when they did not share one)."""

    __slots__ = ("literals", "meaning", "variable")

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.variable = False
        self.meaning = ""


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

    def template(self, target: str, scope: str = "") -> Template:
        """Template one request target (path and optional query) of the server ``scope``
        names: what is learned after a prefix holds for that server only (``/api/v1/`` of
        one service says nothing of another's)."""
        path, _, query = target.partition("?")
        key = _scoped(scope, path)
        hit = self._paths.get(key) if self._changes == self._paths_stamp else None
        if hit is not None:
            move = self._prefixes.move_to_end
            for prefix in hit[1]:
                move(prefix)
            return Template(hit[0], _query_names(query, self.max_query_names))
        template_path = self._template_path(path, scope)
        return Template(template_path, _query_names(query, self.max_query_names))

    def _template_path(self, target_path: str, scope: str) -> str:
        path = target_path.partition("#")[0]
        if "://" in path:  # absolute-form target (proxy requests): keep the path only
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        out: list[str] = []
        kinds: dict[int, str] = {}  # position in out → kind of a placeholder
        values_at: dict[int, str] = {}  # position in out → the value a placeholder replaced
        learned: dict[int, str] = {}  # position in out → the meaning its learned prefix fixed
        touched: list[str] = []
        prefix = _scoped(scope, "")
        values = False
        changes = self._changes
        segments = path.split("/")[1:] if path.startswith("/") else path.split("/")
        for i, raw in enumerate(segments):
            if i >= MAX_SEGMENTS:
                kinds[len(out)] = ""
                out.append(PLACEHOLDER)
                values = True
                break
            seg = unquote(raw) if "%" in raw else raw
            if seg == "":
                out.append("")
                continue
            if seg.isdigit() and seg.isascii():
                kinds[len(out)] = "int"
                rendered = PLACEHOLDER
                values = True
            elif _is_value_segment(seg):
                kinds[len(out)] = segment_kind(seg)
                rendered = PLACEHOLDER
                values = True
            else:
                rendered = self._learn(
                    prefix, seg, out[-1] if out and len(out) - 1 not in kinds else ""
                )
                touched.append(prefix)
                if rendered == PLACEHOLDER:
                    kinds[len(out)] = ""
            if rendered == PLACEHOLDER:
                values_at[len(out)] = seg
                fixed = self._fixed_meaning(prefix)
                if fixed is not None:  # a position known to hold any string: one name, no kind
                    kinds[len(out)] = ""
                    learned[len(out)] = fixed
            out.append(rendered)
            prefix = prefix + "/" + rendered
        meanings = _meanings(out, kinds, values_at, learned)
        template_path = "/" + "/".join(name_placeholders(out, kinds, meanings)) if out else "/"
        # kept only when templating it changed nothing: then doing it again would be the same
        if not values and self._changes == changes:
            if self._changes != self._paths_stamp or len(self._paths) >= _MAX_PATHS:
                self._paths.clear()
                self._paths_stamp = self._changes
            self._paths[_scoped(scope, target_path)] = (template_path, tuple(touched))
        return template_path

    def refine(self, template_path: str, scope: str = "") -> str:
        """Re-apply what was learned (for the server ``scope``) since ``template_path`` was
        made."""
        if template_path == "/":
            return template_path
        segs = template_path.split("/")[1:]
        original = list(segs)
        kinds: dict[int, str] = {}
        values_at: dict[int, str] = {}  # literals that become placeholders now
        kept: dict[int, str] = {}  # meaning names of placeholders made before
        prefix = _scoped(scope, "")
        changed = False
        for i, seg in enumerate(segs):
            fixed = self._fixed_meaning(prefix)
            if is_placeholder(seg):
                name, _, kinds[i] = seg[1:-1].partition(":")
                before = original[i - 1] if i > 0 and not is_placeholder(original[i - 1]) else ""
                base = parameter_name(before, kinds[i])
                if not _is_numbered(name, base):
                    kept[i] = name.rstrip("0123456789") or name
                if fixed is not None and (kinds[i] or kept.get(i, "") != fixed):
                    kept[i] = fixed  # named by its one value before the position was learned
                    kinds[i] = ""
                    changed = True
                segs[i] = PLACEHOLDER
            elif seg and fixed is not None:
                values_at[i] = seg
                kept[i] = fixed
                segs[i] = PLACEHOLDER
                kinds[i] = ""
                changed = True
            prefix = prefix + "/" + segs[i]
        if not changed:
            return template_path
        meanings = _meanings(segs, kinds, values_at, kept)
        return "/" + "/".join(name_placeholders(segs, kinds, meanings))

    def _fixed_meaning(self, prefix: str) -> str | None:
        """The meaning learned for the segment after ``prefix`` (None while not learned)."""
        state = self._prefixes.get(prefix)
        return state.meaning if state is not None and state.variable else None

    def _learn(self, prefix: str, seg: str, before: str) -> str:
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
            state.meaning = _shared_meaning(state.literals, before)
            state.literals.clear()
            return PLACEHOLDER
        return seg


def _scoped(scope: str, path: str) -> str:
    """A key of ``path`` within ``scope`` (a NUL never occurs in a decoded request line)."""
    return scope + "\0" + path if scope else path


def is_placeholder(segment: str) -> bool:
    """True for a template segment that stands for a value (``{name}`` or ``{name:kind}``)."""
    return segment.startswith("{") and segment.endswith("}")


def name_placeholders(
    segments: list[str], kinds: dict[int, str], meanings: dict[int, str] | None = None
) -> list[str]:
    """``segments`` with each placeholder position in ``kinds`` rendered ``{name[:kind]}``.

    The name is the position's entry in ``meanings`` (from its value, `value_meaning`) or
    else depends only on the literal segment just before (see the module doc); repeated
    names are numbered left to right, so equal templates get equal names.
    """
    out = list(segments)
    used: set[str] = set()
    for i in sorted(kinds):
        before = segments[i - 1] if i > 0 and i - 1 not in kinds else ""
        base = (meanings or {}).get(i) or parameter_name(before, kinds[i])
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}{n}"
        used.add(name)
        out[i] = "{" + name + (":" + kinds[i] if kinds[i] else "") + "}"
    return out


_WORD_SPLIT = re.compile(r"[-_.~]+|(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^A-Za-z0-9]")
# words that already name an identifier: no "Id" after them
_ID_WORDS = frozenset({"id", "ids", "uuid", "key", "name", "code", "slug", "email", "date", "no"})
# ...of which these are also things with an identifier of their own (/api-keys/12 → apiKeyId)
_ID_NOUNS = frozenset({"key", "name", "code", "slug"})
# plural-looking words whose singular is not what a parameter is called
_KEEP_PLURAL = frozenset({"data", "media", "metadata", "news", "series", "status", "analytics"})
# words a date may be named after: /days/2026-01-31 → {day}
_DATE_WORDS = frozenset({"day", "days", "date", "dates", "week", "weeks", "month", "months"})
_INFLECT = inflect.engine()
_INFLECT.classical(ancient=True)  # indices → index, matrices → matrix (Latin and Greek plurals)
# German plurals inflect leaves alone: Rechnungen → Rechnung, Einheiten → Einheit
_GERMAN_PLURAL = re.compile(r"(ung|heit|keit|schaft)en$")
_VERSION_WORD = re.compile(r"^(v\d+[a-z0-9]*|api|rest)$")
_VERSION_TAG = re.compile(r"^v\d+[a-z0-9]*$")


@lru_cache(maxsize=4096)
def parameter_name(before: str, kind: str = "") -> str:
    """The name of a parameter after the static segment ``before`` ("" when there is none).

    ``customers`` → ``customerId``, ``people`` → ``personId``, ``by-email`` → ``email``,
    ``days`` (a date) → ``day``, any other word before a date → ``date``. A ``before`` that is
    not a plain ASCII path word, or only a version (``v1``, ``api``), gives ``id``.
    """
    if not before or not is_name(before) or not before.isascii():
        return "id"
    words = [w.lower() for w in _WORD_SPLIT.split(before) if w]
    words = [_NOT_WORD.sub("", w) for w in words]
    words = [w for w in words if w]
    if all(_VERSION_WORD.match(w) for w in words):
        return "id"  # "v1", "api" alone name nothing ("api-keys" is an API key)
    words = [w for w in words if not _VERSION_TAG.match(w)]  # repositories-v1 → repository
    if not words or not words[-1][0].isalpha():
        return "id"
    by = len(words) > 1 and words[0] == "by"
    if by:
        words = words[1:]
    last = words[-1]
    if kind == "date" and last not in _DATE_WORDS:
        return "date"  # /reports/daily/2026-01-31, /rates/2026-01-31: a date is called "date"
    if _GERMAN_PLURAL.search(last):
        words[-1] = last[:-2]
    elif last not in _KEEP_PLURAL:
        singular = _INFLECT.singular_noun(last)
        if isinstance(singular, str) and singular:
            words[-1] = singular
    name = words[0] + "".join(w.capitalize() for w in words[1:])
    # a number or uuid after "keys"/"names"/"codes" identifies a key, it is not one
    named = words[-1] in _ID_WORDS and not (kind in ("int", "uuid") and words[-1] in _ID_NOUNS)
    if not (by or kind == "date" or named or name.endswith("Id")):
        name += "Id"
    return name[:64] if name[0].isalpha() else "id"


def _is_numbered(name: str, base: str) -> bool:
    """True when ``name`` is ``base`` or ``base`` with a collision number (``id2``)."""
    return name == base or (name.startswith(base) and name[len(base) :].isdigit())


def _shared_meaning(literals: set[str], before: str) -> str:
    """The meaning every one of a learned position's literals has, or "": a name from one
    value would flip from value to value where only some look like a slug or a code
    (``/repos/{repo}``: ``my-project``, ``linux``), splitting one endpoint in several."""
    meanings = {value_meaning(value, "", before) for value in sorted(literals)}
    return meanings.pop() if len(meanings) == 1 else ""


def _meanings(
    segments: list[str],
    kinds: dict[int, str],
    values_at: dict[int, str],
    kept: dict[int, str] | None = None,
) -> dict[int, str]:
    """Position → meaning name for the placeholders whose value means something."""
    out: dict[int, str] = {}
    for i in sorted(kinds):
        if kept and i in kept:
            out[i] = kept[i]
            continue
        value = values_at.get(i)
        if value is None:
            continue
        before = segments[i - 1] if i > 0 and i - 1 not in kinds else ""
        meaning = value_meaning(value, kinds[i], before, out.get(i - 1, ""))
        if meaning:
            out[i] = meaning
    return out


# 1.4, 1.4.2, v2, v2.0.1-rc.1; never four numbers (45.55.96.47 is an IPv4 address) nor
# long ones (a Slack message's 1503435956.000247 is a timestamp)
_SEMVER = re.compile(
    r"^(?:v\d{1,4}(?:\.\d{1,4}){0,2}|\d{1,4}(?:\.\d{1,4}){1,2})(?:[-+][0-9A-Za-z.-]+)?$"
)
_LOCALE = re.compile(r"^[a-z]{2,3}[-_](?:[A-Z]{2}|[A-Z][a-z]{3}(?:[-_][A-Z]{2})?)$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_UPPER_CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_WORD_CODE = re.compile(r"^[A-Z]{3,}\d{1,4}$")  # SUMMER25, WELCOME10: a code people type
_UPS_TRACKING = re.compile(r"^1Z[0-9A-Z]{16}$")
# resources whose dashed upper-case codes are stock-keeping units: /inventory/AB-1234-XL
_SKU_WORDS = frozenset({"product", "item", "inventory", "stock", "variant", "sku", "catalog"})
_YEARS = range(1900, 2100)


def value_meaning(value: str, kind: str, before: str = "", previous: str = "") -> str:  # noqa: PLR0911
    """A name for a placeholder from what its value means, or "" (then the segment names it).

    ``before`` is the static segment just before ("" when there is none), ``previous`` the
    meaning of the placeholder just before. A year (4 digits, 1900 to 2099) not after a
    collection word (``/blog/2026`` but not ``/orders/2026``), then ``month`` (1 to 12) and
    ``day`` (1 to 31) after it; ``version`` (``1.4.2``, ``v2.0``); ``locale`` (``en-US``,
    ``pt_BR``); ``slug`` (lower-case words joined by ``-``); ``trackingNumber`` (UPS
    ``1Z…``); a 2 or 3 letter upper-case code is the resource's code (``/countries/DE`` →
    ``countryCode``, ``/currencies/EUR`` → ``currencyCode``); a word with digits is a
    ``code`` (``/coupons/SUMMER25``); a dashed upper-case code of a product is its ``sku``.
    """
    if kind == "int":
        return _number_meaning(value, before, previous)
    if kind or not value.isascii():
        return ""  # uuid, hex, date, e-mail: the segment before names those
    if _SEMVER.match(value):
        return "version"
    if _LOCALE.match(value):
        return "locale"
    if _SLUG.match(value):
        parts = value.split("-")
        words = sum(p.isalpha() for p in parts)
        return "slug" if words >= 2 and all(p.isalpha() or p.isdigit() for p in parts) else ""
    if _UPS_TRACKING.match(value):
        return "trackingNumber"
    if _UPPER_CODE.match(value) and not value.isdigit():
        return _code_meaning(value, before)
    return ""


def _number_meaning(value: str, before: str, previous: str) -> str:
    number = int(value) if value.isascii() and value.isdigit() else -1
    if len(value) == 4 and number in _YEARS and not _is_collection(before):
        return "year"
    if previous == "year" and len(value) <= 2 and 1 <= number <= 12:
        return "month"
    if previous == "month" and len(value) <= 2 and 1 <= number <= 31:
        return "day"
    return ""


def _code_meaning(value: str, before: str) -> str:
    """The name of an upper-case code (letters, digits, dashes) after ``before``."""
    resource = parameter_name(before).removesuffix("Id") if before else "id"
    if value.isalpha() and 2 <= len(value) <= 3:
        return "code" if resource == "id" else resource + "Code"
    if "-" in value and any(c.isdigit() for c in value) and _last_word(before) in _SKU_WORDS:
        return "sku"
    return "code" if _WORD_CODE.match(value) else ""


def _last_word(before: str) -> str:
    """The singular last word of a path segment ("" when it names nothing)."""
    name = parameter_name(before) if before else "id"
    words = [w.lower() for w in _WORD_SPLIT.split(name.removesuffix("Id")) if w]
    return words[-1] if words and name != "id" else ""


def _is_collection(before: str) -> bool:
    """True when ``before`` ends in a plural noun (``orders``): what follows is one of them."""
    if not before or not before.isascii():
        return False
    words = [w.lower() for w in _WORD_SPLIT.split(before) if w]
    last = words[-1] if words else ""
    if not last.isalpha() or last in ("year", "years"):
        return False
    return last in _KEEP_PLURAL or bool(_INFLECT.singular_noun(last))


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


_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")


def segment_kind(seg: str) -> str:
    """What a value-like segment looks like: a kind from `KINDS`, or "" (any string)."""
    if seg.isascii() and seg.isdigit():
        return "int"
    if _UUID.match(seg):
        return "uuid"
    if _DAY.match(seg):
        return "date"
    if _HEX.match(seg) and any(not c.isdigit() for c in seg):
        return "hex"
    if _EMAIL.match(seg):
        return "email"
    return ""


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
