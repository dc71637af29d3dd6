"""The OpenAPI documents users supply: loaded from a directory (the chart's ConfigMap) and
uploaded through the API, parsed into documented operations to compare with what was seen.

A document applies to one server workload when ``info.x-sieve-workload`` (or the upload's
``workload``) names it (``namespace/name``), else to every server. Paths are matched with
each ``servers`` entry's base path in front (``https://api.example/v1`` → ``/v1``).
Only local ``$ref``s (``#/...``) are followed; others read as "anything".
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml

from common.settings import ConfigError

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SPEC_SUFFIXES = (".yaml", ".yml", ".json")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_PARAM = re.compile(r"\{[^{}/]*\}")
_MAX_REF_DEPTH = 64
Found = tuple[bool, "dict[str, Any] | None"]  # (documented, the leaf's schema if declared)
Step = tuple[bool, Found]


class SpecError(ValueError):
    """A document that is not a usable OpenAPI description (the message says why)."""


@dataclass(frozen=True)
class DocumentedOperation:
    """One operation of a supplied document."""

    spec: str  # the document's name
    workload: str | None  # server it describes; None: any
    method: str  # upper case
    path: str  # as matched: base path + path, e.g. /v1/users/{id}
    deprecated: bool
    segments: tuple[re.Pattern[str] | str, ...]  # literal, or a pattern for a templated one
    literals: int  # literal segments (more is more specific)
    request: Any  # JSON Schema of the JSON request body, or None
    responses: tuple[Any, ...]  # JSON Schemas of the JSON responses

    def matches(self, template: str) -> bool:
        """True when an observed path template falls under this operation's path."""
        segs = template.split("/")[1:]
        if len(segs) != len(self.segments):
            return False
        for seg, want in zip(segs, self.segments, strict=True):
            placeholder = seg.startswith("{") and seg.endswith("}")
            if isinstance(want, str):
                if placeholder or seg != want:
                    return False
            elif not placeholder and not want.fullmatch(seg):
                return False
        return True


@dataclass
class SpecDocument:
    """A parsed document: its name, the workload it is for, and its operations."""

    name: str
    workload: str | None
    operations: list[DocumentedOperation] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


def _segments(path: str) -> tuple[tuple[re.Pattern[str] | str, ...], int]:
    out: list[re.Pattern[str] | str] = []
    literals = 0
    for seg in path.split("/")[1:]:
        if _PARAM.search(seg):
            parts = _PARAM.split(seg)
            out.append(re.compile("[^/]+".join(re.escape(p) for p in parts)))
        else:
            out.append(seg)
            literals += 1
    return tuple(out), literals


def _base_paths(doc: dict[str, Any]) -> list[str]:
    bases: set[str] = set()
    for server in doc.get("servers") or [{"url": "/"}]:
        url = server.get("url", "/") if isinstance(server, dict) else "/"
        if not isinstance(url, str):
            continue
        # server variables: {v} in a base path matches like a path parameter
        path = urlsplit(url).path if "://" in url else url
        bases.add("/" + path.strip("/") if path.strip("/") else "")
    return sorted(bases) or [""]


def _json_schema(content: Any) -> Any:
    """The schema of the first JSON media type of a content map, or None."""
    if not isinstance(content, dict):
        return None
    for media, body in content.items():
        if isinstance(media, str) and ("json" in media or media == "*/*"):
            return body.get("schema", {}) if isinstance(body, dict) else {}
    return None


def _bodies(op: dict[str, Any], *, swagger: bool) -> tuple[Any, list[Any]]:
    """The JSON request body schema (or None) and the JSON response schemas of ``op``."""
    request = None
    body = op.get("requestBody")
    if isinstance(body, dict):
        request = _json_schema(body.get("content"))
    elif swagger:
        request = next(
            (
                p.get("schema", {})
                for p in op.get("parameters") or []
                if isinstance(p, dict) and p.get("in") == "body"
            ),
            None,
        )
    responses = []
    for resp in (op.get("responses") or {}).values():
        if isinstance(resp, dict):
            schema = _json_schema(resp.get("content"))
            if schema is None and "schema" in resp:
                schema = resp["schema"]
            if schema is not None:
                responses.append(schema)
    return request, responses


def parse_document(name: str, doc: Any, workload: str | None = None) -> SpecDocument:
    """A `SpecDocument` from a loaded OpenAPI 3.x (or Swagger 2.0) object; `SpecError` if
    it is not one."""
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        raise SpecError(f"{name}: not an OpenAPI document (no paths object)")
    if not str(doc.get("openapi", doc.get("swagger", ""))).startswith(("3.", "2.")):
        raise SpecError(f"{name}: not an OpenAPI 2 or 3 document (no openapi version)")
    info = doc.get("info") if isinstance(doc.get("info"), dict) else {}
    workload = workload or (info or {}).get("x-sieve-workload") or None
    if workload is not None and not isinstance(workload, str):
        raise SpecError(f"{name}: info.x-sieve-workload must be a string (namespace/name)")
    out = SpecDocument(name=name, workload=workload, raw=doc)
    swagger_base = doc.get("basePath") if "swagger" in doc else None
    bases = [swagger_base.rstrip("/")] if isinstance(swagger_base, str) else _base_paths(doc)
    for raw_path, item in doc["paths"].items():
        if not isinstance(raw_path, str) or not raw_path.startswith("/"):
            continue
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            request, responses = _bodies(op, swagger="swagger" in doc)
            for base in bases:
                path = (base + raw_path) if raw_path != "/" or not base else base
                segments, literals = _segments(path)
                out.operations.append(
                    DocumentedOperation(
                        spec=name,
                        workload=workload,
                        method=method.upper(),
                        path=path,
                        deprecated=bool(op.get("deprecated", False)),
                        segments=segments,
                        literals=literals,
                        request=request,
                        responses=tuple(responses),
                    )
                )
    return out


def load_text(name: str, text: str, workload: str | None = None) -> SpecDocument:
    """Parse YAML or JSON text (`SpecError` when it is neither or not OpenAPI)."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        try:
            doc = json.loads(text)
        except ValueError:
            raise SpecError(f"{name}: neither YAML nor JSON ({exc.__class__.__name__})") from None
    return parse_document(name, doc, workload)


# --- documented fields ----------------------------------------------------------------------


class SchemaWalker:
    """Follows observed JSON paths (``$.a[*].b``, ``{*}``) through a document's schemas."""

    _TOKEN = re.compile(r"\.([^.\[{]+)|\[\*\]|\{\*\}")

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root

    def resolve(self, schema: Any, depth: int = 0) -> Any:
        """``schema`` with a local ``$ref`` followed (None when it cannot be)."""
        while isinstance(schema, dict) and "$ref" in schema and depth < _MAX_REF_DEPTH:
            ref = schema["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                return {}
            node: Any = self.root
            for raw in ref[2:].split("/"):
                part = raw.replace("~1", "/").replace("~0", "~")
                node = node.get(part) if isinstance(node, dict) else None
            schema = node
            depth += 1
        return schema if isinstance(schema, dict) else None

    def _alternatives(self, schema: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
        resolved = self.resolve(schema)
        if resolved is None or depth > _MAX_REF_DEPTH:
            return
        yield resolved
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in resolved.get(key) or []:
                yield from self._alternatives(sub, depth + 1)

    def find(self, schema: Any, json_path: str) -> tuple[bool, dict[str, Any] | None]:
        """(documented, the leaf's schema when one is declared) for an observed path."""
        if not json_path.startswith("$"):
            return False, None
        tokens = [m.group(0) for m in self._TOKEN.finditer(json_path, 1)]
        return self._find(schema, tokens, 0)

    def _find(self, schema: Any, tokens: list[str], depth: int) -> Found:
        alternatives = list(self._alternatives(schema))
        if not alternatives:
            return False, None
        if not tokens:
            return True, alternatives[0]
        if depth > _MAX_REF_DEPTH:
            return True, None
        free = True  # nothing in any alternative constrains this level: anything goes
        for alt in alternatives:
            constrained, found = self._step(alt, tokens[0], tokens[1:], depth)
            if found[0]:
                return found
            free = free and not constrained
        return free, None

    def _step(self, alt: dict[str, Any], head: str, rest: list[str], depth: int) -> Step:
        """(does ``alt`` constrain ``head``, what was found under it)."""
        if head == "[*]":
            if "items" not in alt and "prefixItems" not in alt:
                return False, (False, None)
            return True, self._find(alt.get("items", {}), rest, depth + 1)
        props = alt.get("properties")
        extra = alt.get("additionalProperties", alt.get("patternProperties"))
        constrained = False
        if head.startswith(".") and isinstance(props, dict):
            constrained = True
            if head[1:] in props:
                found = self._find(props[head[1:]], rest, depth + 1)
                if found[0]:
                    return True, found
        if extra is False:
            return True, (False, None)
        if isinstance(extra, dict) and extra:
            inner = extra if "patternProperties" not in alt else next(iter(extra.values()), {})
            return True, self._find(inner, rest, depth + 1)
        return constrained, (False, None)


# --- the registry --------------------------------------------------------------------------


class SavedSpecs(Protocol):
    """Where uploaded documents are kept (`collector.spec_store.DatabaseSpecs`)."""

    def save(self, name: str, workload: str | None, document: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def load(self) -> list[tuple[str, str | None, str]]: ...


class SpecRegistry:
    """The documents in force: from a directory (read at start) and uploaded ones."""

    def __init__(
        self,
        upload_dir: Path | None = None,
        max_documents: int = 100,
        max_bytes: int = 2 * 1024 * 1024,
        write_token_file: Path | None = None,
    ) -> None:
        self.upload_dir = upload_dir
        self.write_token_file = write_token_file
        self.max_documents = max_documents
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._docs: dict[str, SpecDocument] = {}
        self._listeners: list[Callable[[], None]] = []
        self._saved: SavedSpecs | None = None

    def use_saved(self, saved: SavedSpecs) -> list[str]:
        """Load the uploads kept in ``saved`` (over documents of the same name) and keep
        later uploads and deletions there. Returns the names of saved documents that no
        longer parse (skipped, left in place)."""
        skipped = []
        for name, workload, text in saved.load():
            try:
                self.put(name, text, workload, persist=False)
            except SpecError:
                skipped.append(name)
        self._saved = saved
        return skipped

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (quick, no I/O) after every document added, replaced or removed."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    def may_write(self, token: str | None) -> bool:
        """True when ``token`` is one of the write tokens (lines of the file, re-read each
        time); with no file, nobody may change the documents through the API."""
        if self.write_token_file is None or not token:
            return False
        try:
            lines = self.write_token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return False
        given = token.encode("utf-8")
        ok = False
        for line in lines:
            secret = line.strip()
            if secret and not secret.startswith("#"):
                ok |= hmac.compare_digest(secret.encode("utf-8"), given)
        return ok

    def documents(self) -> list[SpecDocument]:
        """The documents, by name."""
        with self._lock:
            return [self._docs[k] for k in sorted(self._docs)]

    def operations(self) -> list[DocumentedOperation]:
        """Every documented operation."""
        return [op for doc in self.documents() for op in doc.operations]

    def load_dir(self, directory: Path) -> int:
        """Load every ``*.yaml|yml|json`` of ``directory``; `ConfigError` on a bad one."""
        try:
            files = sorted(p for p in directory.iterdir() if p.suffix in SPEC_SUFFIXES)
        except OSError as exc:
            raise ConfigError(f"cannot read API specs directory {directory}: {exc}") from None
        for path in files:
            if not path.is_file():
                continue  # ConfigMap mounts hold ..data symlinks to directories
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"cannot read API spec {path}: {exc}") from None
            try:
                self.put(path.stem, text, persist=False)
            except SpecError as exc:
                raise ConfigError(f"API spec {path}: {exc}") from None
        return len(files)

    def put(
        self, name: str, text: str, workload: str | None = None, *, persist: bool = True
    ) -> SpecDocument:
        """Add or replace document ``name``; `SpecError` when it is not usable."""
        if not _NAME.match(name):
            raise SpecError("a spec name is 1-128 letters, digits, '.', '_' or '-'")
        if len(text.encode("utf-8")) > self.max_bytes:
            raise SpecError(f"{name}: larger than {self.max_bytes} bytes")
        doc = load_text(name, text, workload)
        with self._lock:
            if name not in self._docs and len(self._docs) >= self.max_documents:
                raise SpecError(f"already {self.max_documents} documents; delete one first")
            if persist and self._saved is not None:
                try:  # saved first: an upload that is answered 201 survives a restart
                    self._saved.save(name, workload, text)
                except Exception as exc:  # the database's error type depends on its driver
                    raise SpecError(f"{name}: cannot save: {exc.__class__.__name__}") from None
            self._docs[name] = doc
        self._changed()
        if persist and self.upload_dir is not None:
            try:
                self.upload_dir.mkdir(parents=True, exist_ok=True)
                data = dict(doc.raw)
                if workload:
                    data["info"] = {**(data.get("info") or {}), "x-sieve-workload": workload}
                (self.upload_dir / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
            except OSError as exc:
                raise SpecError(f"{name}: kept in memory only, cannot save: {exc}") from None
        return doc

    def delete(self, name: str) -> bool:
        """Remove document ``name`` (and its saved copies); False when there was none,
        `SpecError` (document kept) when the saved copy cannot be deleted."""
        with self._lock:
            found = name in self._docs
            if found and self._saved is not None:
                try:
                    self._saved.delete(name)
                except Exception as exc:  # the database's error type depends on its driver
                    raise SpecError(f"{name}: cannot delete: {exc.__class__.__name__}") from None
            self._docs.pop(name, None)
        if found:
            self._changed()
        if found and self.upload_dir is not None:
            (self.upload_dir / f"{name}.json").unlink(missing_ok=True)
        return found
