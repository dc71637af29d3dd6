"""Reading OpenAPI descriptions: local ``$ref`` resolution and objects assembled from the
``example`` values of a schema's properties. Shared by both sets' extractors; it imports no
detector code, so the v2 labeller stays independent of the detector."""

from __future__ import annotations

from typing import Any


def resolve(spec: dict[str, Any], node: Any, depth: int = 0) -> Any:
    """``node`` with a local ``$ref`` (``#/…``) followed, at most 8 deep."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 8:
        ref = node["$ref"]
        if ref.startswith("#/"):
            target: Any = spec
            for part in ref[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            return resolve(spec, target, depth + 1)
    return node


def assemble(spec: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """An object built from the ``example`` of each property, three levels deep (None when
    no property has one)."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict) or depth > 3:
        return None
    if "example" in schema and not isinstance(schema["example"], dict | list):
        return schema["example"]
    props = schema.get("properties")
    if isinstance(props, dict):
        out = {}
        for k, sub in props.items():
            val = assemble(spec, sub, depth + 1)
            if val is not None:
                out[str(k)] = val
        return out or None
    if schema.get("type") == "array" and schema.get("items") is not None:
        val = assemble(spec, schema["items"], depth + 1)
        return [val] if val is not None else None
    return None
