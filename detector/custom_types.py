"""The user's own data types: defined in YAML, matched with RE2 (linear time, no backtracking).

::

    custom_types:
      - id: employee_id                  # lower_snake_case, not a built-in type id
        name: Employee number
        sensitivity: medium              # low | medium | high
        value_pattern: 'EMP-[0-9]{6}'    # RE2 syntax, must match the whole value
        key_patterns: ['employee', 'mitarbeiter', '社員番号']   # RE2, searched in the key,
                                                              # case-insensitive
        validator: luhn                  # optional: luhn | mod97 | iso7064_mod11_2 |
                                         #           iso7064_mod97_10
        length: {min: 8, max: 12}        # optional: characters of the value
        min_share: 0.8                   # optional: share of a field's values that must match

A leaf matches when every part that is set agrees: its key matches one key pattern, its
value the value pattern, the validator and the length. At least one pattern is required.
Patterns run with RE2 (google-re2), never Python's backtracking ``re``: payloads are hostile,
and ``(a+)+$`` costs RE2 the same linear scan as any other pattern.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import re2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from detector import validators
from detector.types import DEFAULT_SENSITIVITY
from detector.walker import Leaf

Sensitivity = Literal["low", "medium", "high"]
MAX_CUSTOM_TYPES = 200
MAX_PATTERN_CHARS = 1000
#: Memory RE2 may use per compiled pattern (bounds a pathological pattern's automaton).
RE2_MAX_MEM = 8 << 20

#: Confidence of a match by what matched.
CONF_KEY_AND_VALUE = 0.99
CONF_VALUE = 0.9
CONF_KEY = 0.75


class CustomTypeError(ValueError):
    """A custom type definition is invalid; the message is one line naming the type."""


def _iso7064_mod11_2(text: str) -> bool:
    """ISO 7064 MOD 11-2 (ORCID, ISNI): digits then a check character 0-9 or X; hyphens and
    spaces ignored."""
    text = text.replace("-", "").replace(" ", "")
    body, check = text[:-1], text[-1:].upper()
    if len(text) < 2 or not body.isdigit() or not body.isascii():
        return False
    total = 0
    for ch in body:
        total = (total + int(ch)) * 2 % 11
    expected = (12 - total) % 11
    return check == ("X" if expected == 10 else str(expected))


def _iso7064_mod97_10(text: str) -> bool:
    """ISO 7064 MOD 97-10 (as in IBANs and LEIs, check digits last): value mod 97 == 1."""
    compact = text.replace(" ", "").upper()
    if len(compact) < 3 or not compact.isalnum() or not compact.isascii():
        return False
    return int("".join(str(int(ch, 36)) for ch in compact)) % 97 == 1


def _luhn(text: str) -> bool:
    digits = validators.digits_only(text)
    return digits is not None and len(digits) >= 2 and validators.luhn_ok(digits)


def _mod97(text: str) -> bool:
    """ISO 13616 (IBAN-style: two letters, two check digits first)."""
    compact = text.replace(" ", "").upper()
    return (
        len(compact) >= 5
        and compact.isalnum()
        and compact.isascii()
        and validators.iban_mod97(compact) == 1
    )


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": _luhn,
    "mod97": _mod97,
    "iso7064_mod11_2": _iso7064_mod11_2,
    "iso7064_mod97_10": _iso7064_mod97_10,
}


class LengthRange(BaseModel):
    """Allowed length of the value in characters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int = Field(default=1, ge=1, le=4096)
    max: int = Field(default=4096, ge=1, le=4096)

    @model_validator(mode="after")
    def _order(self) -> LengthRange:
        if self.min > self.max:
            raise ValueError("length.min is above length.max")
        return self


class CustomTypeDef(BaseModel):
    """One custom type as written in the configuration."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,47}$")
    name: str = Field(min_length=1, max_length=100)
    sensitivity: Sensitivity
    value_pattern: str | None = Field(default=None, min_length=1, max_length=MAX_PATTERN_CHARS)
    key_patterns: list[str] = Field(default_factory=list, max_length=50)
    validator: Literal["luhn", "mod97", "iso7064_mod11_2", "iso7064_mod97_10"] | None = None
    length: LengthRange | None = None
    min_share: float = Field(default=0.0, ge=0.0, le=1.0)


@dataclass(frozen=True)
class CustomType:
    """A checked, compiled custom type."""

    id: str
    name: str
    sensitivity: Sensitivity
    value: Any | None  # re2 compiled pattern
    keys: Any | None  # one re2 pattern: the key patterns joined as alternatives
    validator: Callable[[str], bool] | None
    length: LengthRange | None
    min_share: float

    def matches(self, leaf: Leaf) -> float:  # noqa: PLR0911 - one exit per check
        """Confidence that ``leaf`` holds this type (0 when it does not)."""
        value = leaf.value
        if value is None or isinstance(value, (bool, float)):
            return 0.0
        text = str(value)
        if not text or len(text) > 4096:
            return 0.0
        key_hit = self.keys is not None and self.keys.search(leaf.key) is not None
        if self.keys is not None and not key_hit:
            return 0.0
        if self.length is not None and not self.length.min <= len(text) <= self.length.max:
            return 0.0
        if self.value is not None and self.value.fullmatch(text) is None:
            return 0.0
        if self.validator is not None and not self.validator(text):
            return 0.0
        if self.value is None:
            return CONF_KEY
        return CONF_KEY_AND_VALUE if key_hit else CONF_VALUE


def _compile(pattern: str, type_id: str, what: str, case_sensitive: bool = True) -> Any:
    options = re2.Options()
    options.max_mem = RE2_MAX_MEM
    options.log_errors = False
    options.case_sensitive = case_sensitive
    # Only match/no-match is needed: without submatches RE2 runs its DFA (about 10x faster
    # than the NFA it uses to track groups, on a 4 KB hostile value).
    options.never_capture = True
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise CustomTypeError(
            f"custom type {type_id}: {what} is not a valid RE2 pattern: {reason}"
        ) from None


def build(definition: CustomTypeDef) -> CustomType:
    """Check and compile one definition."""
    d = definition
    if d.id in DEFAULT_SENSITIVITY:
        raise CustomTypeError(f"custom type {d.id}: the id is a built-in type")
    keys = list(d.key_patterns)
    if d.value_pattern is None and not keys:
        raise CustomTypeError(f"custom type {d.id}: give value_pattern, key_patterns or both")
    if any(not k or len(k) > MAX_PATTERN_CHARS for k in keys):
        raise CustomTypeError(f"custom type {d.id}: a key pattern is empty or too long")
    for k in keys:
        _compile(k, d.id, f"key pattern {k!r}", case_sensitive=False)
    joined = "|".join(f"(?:{k})" for k in keys)
    return CustomType(
        id=d.id,
        name=d.name,
        sensitivity=d.sensitivity,
        value=_compile(d.value_pattern, d.id, "value_pattern") if d.value_pattern else None,
        keys=_compile(joined, d.id, "key_patterns", case_sensitive=False) if keys else None,
        validator=VALIDATORS[d.validator] if d.validator else None,
        length=d.length,
        min_share=d.min_share,
    )


def parse(data: Any, source: str = "custom types") -> list[CustomType]:
    """Definitions (a list, or a mapping with ``custom_types``) → checked types.

    Raises `CustomTypeError` with one line naming the type and the problem."""
    if isinstance(data, dict):
        data = data.get("custom_types", [])
    if data is None:
        return []
    if not isinstance(data, list):
        raise CustomTypeError(f"{source}: expected a list of custom types")
    if len(data) > MAX_CUSTOM_TYPES:
        raise CustomTypeError(f"{source}: more than {MAX_CUSTOM_TYPES} custom types")
    out: list[CustomType] = []
    seen: set[str] = set()
    for i, raw in enumerate(data):
        name = raw.get("id", f"#{i + 1}") if isinstance(raw, dict) else f"#{i + 1}"
        try:
            definition = CustomTypeDef.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err.get("loc", ())) or "definition"
            raise CustomTypeError(f"custom type {name}: {where}: {err['msg']}") from None
        if definition.id in seen:
            raise CustomTypeError(f"custom type {definition.id}: defined twice")
        seen.add(definition.id)
        out.append(build(definition))
    return out


@functools.lru_cache(maxsize=8)
def load(path: Path) -> tuple[CustomType, ...]:
    """Read the custom types file at ``path`` (YAML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CustomTypeError(f"cannot read custom types file {path}: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CustomTypeError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    return tuple(parse(data, str(path)))


class CustomMatcher:
    """Finds custom types in walked documents (the engine's hook)."""

    def __init__(self, types: Sequence[CustomType]) -> None:
        self.types = tuple(types)

    def detect(self, docs: list[list[Leaf]]) -> list[list[tuple[str, str, str, float]]]:
        """Per document: (path, type id, sensitivity, confidence) of each custom type found.

        ``min_share`` is judged per path over every value of that path in ``docs``."""
        out: list[list[tuple[str, str, str, float]]] = [[] for _ in docs]
        for ctype in self.types:
            seen: dict[str, int] = defaultdict(int)
            hits: dict[str, int] = defaultdict(int)
            best: dict[tuple[int, str], float] = {}
            for i, leaves in enumerate(docs):
                for leaf in leaves:
                    if leaf.value is None or isinstance(leaf.value, bool):
                        continue
                    seen[leaf.path] += 1
                    conf = ctype.matches(leaf)
                    if conf > 0.0:
                        hits[leaf.path] += 1
                        key = (i, leaf.path)
                        best[key] = max(best.get(key, 0.0), conf)
            for (i, path), conf in sorted(best.items()):
                if hits[path] / seen[path] >= ctype.min_share:
                    out[i].append((path, ctype.id, ctype.sensitivity, conf))
        return out


def matcher_for(path: Path | None) -> CustomMatcher | None:
    """The matcher of the types in ``path`` (None when unset or empty)."""
    if path is None:
        return None
    types = load(path)
    return CustomMatcher(types) if types else None
