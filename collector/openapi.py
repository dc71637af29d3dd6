"""OpenAPI 3.1 documents built from what was observed, per server workload or for all.

Input is the collector's endpoint details (`EndpointDetail`): method, path template, query
parameter names, exact status codes and status classes, and the request/response field trees
with their detections. Output is a plain dict (dump it as JSON or YAML). Nothing in it is a value:
parameter names come from templates, schemas from JSON paths and JSON types, and no
``example`` is ever written.

Templates look like ``/customers/{customerId:int}/orders/{orderId}`` (see
`digger.templating`); older ``{id}`` placeholders are numbered ``id``, ``id2``… The same
method and path from several clients become one operation (their counts summed, their
fields merged). ``required`` lists a member when it was seen as often as its parent.

Responses are keyed by the exact codes seen (``200``, ``404``); the exchanges of a class no
exact code accounts for (agents older than exact codes, codes past an agent's per-endpoint
limit) keep a range key (``4XX``), so an endpoint known only by classes reads as before.
Response bodies are not kept per status: the one response schema (every JSON response body
of the operation, merged) is attached to each response of the success class (``2XX``, else
the first class seen) that may carry content, and says so (``x-sieve-body-scope``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from collector import catalogue_queries
from collector.policies import SENSITIVITY_LEVELS
from collector.store import Store
from collector.views import EndpointDetail, EndpointSummary, FieldView

OPENAPI_VERSION = "3.1.0"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_TOKEN = re.compile(r"\.([^.\[{]+)|\[\*\]|\{\*\}")
_NAME_CHARS = re.compile(r"[^A-Za-z0-9_]")
_PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]+\}")
_BARE_ID = re.compile(r"\{id\d*\}")
_JSON_TYPES = {"string": "string", "number": "number", "boolean": "boolean", "null": "null"}
_STATUS_KEYS = {"1xx": "1XX", "2xx": "2XX", "3xx": "3XX", "4xx": "4XX", "5xx": "5XX"}
# Responses that never carry content (RFC 9110 15.2, 15.3.5, 15.3.6, 15.4.5).
_NO_CONTENT = frozenset({204, 205, 304})
BODY_SCOPE = "all-responses"
"""``x-sieve-body-scope`` of a response body schema: merged from every JSON response body of
the operation, whatever its status (the metadata does not tie bodies to status codes)."""
# kind in a template placeholder → JSON Schema of the path parameter
KIND_SCHEMAS: dict[str, dict[str, str]] = {
    "int": {"type": "integer"},
    "uuid": {"type": "string", "format": "uuid"},
    "hex": {"type": "string", "pattern": "^[0-9a-fA-F]+$"},
    "date": {"type": "string", "format": "date"},
    "email": {"type": "string", "format": "email"},
    "": {"type": "string"},
}


@dataclass(frozen=True)
class PathParameter:
    """A named, typed path parameter of a template."""

    name: str
    kind: str  # a key of KIND_SCHEMAS


def split_template(template: str) -> tuple[str, list[PathParameter]]:
    """``/a/{aId:int}/{id}/{id}`` → (``/a/{aId}/{id}/{id2}``, its parameters).

    The OpenAPI path and its parameters, names unique within the path; braces inside a
    literal segment are percent-encoded so they cannot read as a parameter.
    """
    out: list[str] = []
    params: list[PathParameter] = []
    used: set[str] = set()
    for seg in template.split("/"):
        if len(seg) > 2 and seg.startswith("{") and seg.endswith("}"):
            raw_name, _, kind = seg[1:-1].partition(":")
            base = _NAME_CHARS.sub("", raw_name) or "param"
            if not base[0].isalpha():
                base = "p" + base
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base}{n}"
            used.add(name)
            params.append(PathParameter(name, kind if kind in KIND_SCHEMAS else ""))
            out.append("{" + name + "}")
        else:
            out.append(seg.replace("{", "%7B").replace("}", "%7D"))
    path = "/".join(out)
    return (path if path.startswith("/") else "/" + path), params


def merge_kinds(a: str, b: str) -> str:
    """The kind covering both: equal stays, digits within hex are hex, else any string."""
    if a == b:
        return a
    if {a, b} == {"int", "hex"}:
        return "hex"
    return ""


@dataclass
class _Node:
    """One node of a body's field tree, merged over endpoints."""

    types: set[str] = field(default_factory=set)
    seen: int = 0
    properties: dict[str, _Node] = field(default_factory=dict)
    items: _Node | None = None
    values: _Node | None = None  # members of an object whose keys are data
    data_types: set[str] = field(default_factory=set)
    sensitivity: int = 0

    def count(self) -> int:
        """Documents that had this node: its own count, or its busiest descendant's."""
        best = self.seen
        for child in self._children():
            best = max(best, child.count())
        return best

    def _children(self) -> list[_Node]:
        kids = list(self.properties.values())
        kids += [n for n in (self.items, self.values) if n is not None]
        return kids


def _add_field(root: _Node, fv: FieldView) -> bool:
    """Add one leaf to the tree; False when its JSON path cannot be read."""
    path = fv.json_path
    if not path.startswith("$"):
        return False
    node, pos = root, 1
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if match is None:
            return False
        if match.group(1) is not None:
            node = node.properties.setdefault(match.group(1), _Node())
        elif match.group(0) == "[*]":
            node.items = node.items or _Node()
            node = node.items
        else:
            node.values = node.values or _Node()
            node = node.values
        pos = match.end()
    node.seen += fv.seen_count
    for json_type in fv.json_types:
        if json_type == "empty_object":
            node.types.add("object")
        elif json_type == "empty_array":
            node.types.add("array")
        elif json_type in _JSON_TYPES:
            node.types.add(_JSON_TYPES[json_type])
    for det in fv.detections:
        node.data_types.add(det.data_type)
        node.sensitivity = max(node.sensitivity, SENSITIVITY_LEVELS.get(det.sensitivity, 0))
    return True


_SENSITIVITY_NAMES = {level: name for name, level in SENSITIVITY_LEVELS.items()}


def _schema(node: _Node) -> dict[str, Any]:
    types = set(node.types)
    out: dict[str, Any] = {}
    if node.properties or node.values is not None:
        types.add("object")
    if node.items is not None:
        types.add("array")
    if len(types) == 1:
        out["type"] = next(iter(types))
    elif types:
        out["type"] = sorted(types)
    if node.properties:
        out["properties"] = {k: _schema(v) for k, v in sorted(node.properties.items())}
        parent = node.count()
        required = [k for k, v in sorted(node.properties.items()) if v.count() >= parent]
        if required:
            out["required"] = required
    if node.values is not None:
        out["additionalProperties"] = _schema(node.values)
        out["x-sieve-data-keys"] = True
    if node.items is not None:
        out["items"] = _schema(node.items)
    elif "array" in types:
        out["items"] = {}
    if node.data_types:
        out["x-sieve-data-types"] = sorted(node.data_types)
        out["x-sieve-sensitivity"] = _SENSITIVITY_NAMES.get(node.sensitivity, "unknown")
    return out


@dataclass
class _Operation:
    """One (server, method, OpenAPI path) merged over its clients."""

    method: str
    path: str
    params: list[PathParameter]
    clients: set[str] = field(default_factory=set)
    query_names: set[str] = field(default_factory=set)
    status: dict[str, int] = field(default_factory=dict)
    codes: dict[int, int] = field(default_factory=dict)
    exchanges: int = 0
    request: _Node = field(default_factory=_Node)
    response: _Node = field(default_factory=_Node)
    has_request: bool = False
    has_response: bool = False
    unreadable_fields: int = 0

    def add(self, end: EndpointDetail, params: list[PathParameter]) -> None:
        self.params = [
            PathParameter(mine.name, merge_kinds(mine.kind, theirs.kind))
            for mine, theirs in zip(self.params, params, strict=True)
        ]
        self.clients.add(end.source.label)
        self.query_names.update(end.query_parameter_names)
        for cls, n in end.status_classes.items():
            self.status[cls] = self.status.get(cls, 0) + n
        for code, n in end.status_codes.items():
            self.codes[code] = self.codes.get(code, 0) + n
        self.exchanges += end.exchange_count
        for fv in end.request_fields:
            self.has_request = True
            self.unreadable_fields += not _add_field(self.request, fv)
        for fv in end.response_fields:
            self.has_response = True
            self.unreadable_fields += not _add_field(self.response, fv)

    def document(self, operation_id: str, tag: str) -> dict[str, Any]:
        op: dict[str, Any] = {
            "operationId": operation_id,
            "tags": [tag],
            "x-sieve-clients": sorted(self.clients),
            "x-sieve-exchange-count": self.exchanges,
        }
        params: list[dict[str, Any]] = [
            {"name": p.name, "in": "path", "required": True, "schema": dict(KIND_SCHEMAS[p.kind])}
            for p in self.params
        ]
        params += [
            {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
            for name in sorted(self.query_names)
        ]
        if params:
            op["parameters"] = params
        if self.has_request:
            op["requestBody"] = {
                "content": {"application/json": {"schema": _schema(self.request)}},
            }
        op["responses"] = self._responses()
        if self.unreadable_fields:
            op["x-sieve-unreadable-fields"] = self.unreadable_fields
        return op

    def _responses(self) -> dict[str, Any]:
        """Responses by exact code, and by class for the exchanges no code accounts for."""
        by_class: dict[str, dict[str, Any]] = {}
        for cls, key in _STATUS_KEYS.items():
            codes = {c: n for c, n in sorted(self.codes.items()) if f"{c // 100}xx" == cls}
            found: dict[str, Any] = {
                str(code): {"description": f"{code} responses seen", "x-sieve-count": n}
                for code, n in codes.items()
            }
            rest = self.status.get(cls, 0) - sum(codes.values())
            if rest > 0:
                what = f"other {key} responses" if codes else f"{key} responses"
                found[key] = {
                    "description": f"{what} seen (exact codes not reported)",
                    "x-sieve-count": rest,
                }
            if found:
                by_class[cls] = found
        responses = {k: v for found in by_class.values() for k, v in found.items()}
        if not responses:
            responses["default"] = {"description": "no response status seen"}
        if self.has_response:
            targets = _body_responses(by_class)
            if not targets:  # bodies seen, yet no status seen that may carry one
                targets = [responses.setdefault("default", {"description": "responses seen"})]
            for resp in targets:
                resp["content"] = {"application/json": {"schema": _schema(self.response)}}
                resp["description"] += (
                    "; body schema merged from every JSON response of the operation, "
                    "whatever its status"
                )
                resp["x-sieve-body-scope"] = BODY_SCOPE
        return responses


def _body_responses(by_class: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The responses the observed body schema is attached to: those of the success class
    (else of the first class seen) that may carry content (not 1xx, 204, 205 or 304)."""
    order = ["2xx", *(c for c in _STATUS_KEYS if c != "2xx")]
    for cls in order:
        found = by_class.get(cls, {})
        able = [
            resp
            for key, resp in found.items()
            if cls != "1xx" and not (key.isdigit() and int(key) in _NO_CONTENT)
        ]
        if able:
            return able
    return []


def server_label(end: EndpointSummary) -> str:
    """``namespace/name`` of an endpoint's server workload (the bare name when external)."""
    return end.destination.label


def build_document(
    endpoints: Iterable[EndpointDetail], workload: str | None = None
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``workload``'s endpoints (``namespace/name``), or of all.

    In the document for all servers each path is prefixed with its server's
    ``/namespace/name`` (two servers may serve the same path) and tagged with it.
    """
    found: list[tuple[str, str, str, list[PathParameter], EndpointDetail]] = []
    for end in endpoints:
        server = server_label(end)
        if workload is not None and server != workload:
            continue
        method = end.method.lower()
        if method not in _METHODS:
            continue  # "OTHER" and CONNECT have no OpenAPI operation
        path, params = split_template(end.path_template)
        if workload is None:
            prefix = "".join("/" + _segment(part) for part in server.split("/"))
            path = prefix + (path if path != "/" else "")
        found.append((server, method, path, params, end))
    # Paths equal but for parameter names (older {id} templates beside named ones) are one
    # path in OpenAPI: the spelling with the fewest bare {id}s (then the smallest) names them.
    spelling: dict[str, str] = {}
    for _, _, path, _, _ in found:
        shape = _PLACEHOLDER.sub("{}", path)
        spelling[shape] = min(spelling.get(shape, path), path, key=_spelling_rank)
    ops: dict[tuple[str, str, str], _Operation] = {}
    servers: set[str] = set()
    for server, method, path, seen_params, end in found:
        canonical = spelling[_PLACEHOLDER.sub("{}", path)]
        names = [m.group(0)[1:-1] for m in _PLACEHOLDER.finditer(canonical)]
        params = [PathParameter(n, p.kind) for n, p in zip(names, seen_params, strict=True)]
        key = (server, method, canonical)
        if key not in ops:
            ops[key] = _Operation(method, canonical, params)
        ops[key].add(end, params)
        servers.add(server)
    paths: dict[str, dict[str, Any]] = {}
    used_ids: set[str] = set()
    for (server, method, path), op in sorted(ops.items()):
        item = paths.setdefault(path, {})
        item[method] = op.document(_operation_id(method, path, used_ids), server)
    title = f"{workload} (observed by Sieve)" if workload else "All servers (observed by Sieve)"
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": title,
            "version": "observed",
            "description": (
                "Built from observed traffic metadata: paths, methods, parameter names, "
                "body structure, status codes (classes where agents reported no exact "
                "code) and detected data types. No values."
            ),
        },
        "tags": [{"name": s} for s in sorted(servers)],
        "paths": paths,
    }


def _spelling_rank(path: str) -> tuple[int, str]:
    return (len(_BARE_ID.findall(path)), path)


def _segment(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._~-]", "_", name) or "_"


def _operation_id(method: str, path: str, used: set[str]) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", path) if w]
    base = method + "".join(w[:1].upper() + w[1:] for w in words)
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base}{n}"
    used.add(name)
    return name


def server_workloads(store: Store) -> list[str]:
    """The label of every workload that served an endpoint, sorted (one query)."""
    return catalogue_queries.server_workloads(store)


def endpoint_details(store: Store, workload: str | None = None) -> Sequence[EndpointDetail]:
    """Details of the endpoints ``workload`` serves (all when None), from ``store``, in a
    fixed number of queries (`collector.catalogue_queries`)."""
    return catalogue_queries.endpoint_details(store, workload)


def document_for(store: Store, workload: str | None = None) -> dict[str, Any]:
    """`build_document` over ``store``."""
    return build_document(endpoint_details(store, workload), workload)
