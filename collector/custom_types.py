"""The user's own data types (id, display name, sensitivity) from the detector's file.

The collector needs only the ids (policies name them), display names and sensitivities (the
dashboard shows them); matching is the detector's (detector/custom_types.py), so this reads
the YAML without compiling patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from collector.validation import is_custom_type_id
from common.settings import ConfigError

SENSITIVITIES = ("low", "medium", "high")


@dataclass(frozen=True)
class CustomTypeInfo:
    """What the API tells about one custom data type."""

    id: str
    name: str
    sensitivity: str


def load_custom_type_names(path: Path | None) -> dict[str, str]:
    """Custom type id → display name (empty when ``path`` is None)."""
    return {type_id: info.name for type_id, info in load_custom_types(path).items()}


def load_custom_types(path: Path | None) -> dict[str, CustomTypeInfo]:
    """Custom type id → its display name and sensitivity (empty when ``path`` is None)."""
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read custom types file {path}: {exc.strerror}") from None
    except yaml.YAMLError:
        raise ConfigError(f"custom types file {path} is not valid YAML") from None
    if isinstance(data, dict):
        data = data.get("custom_types", [])
    out: dict[str, CustomTypeInfo] = {}
    for i, item in enumerate(data or []):
        type_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(type_id, str) or not is_custom_type_id(type_id):
            raise ConfigError(f"custom types file {path}: entry {i + 1} has no valid id")
        sensitivity = item.get("sensitivity")
        if sensitivity not in SENSITIVITIES:
            raise ConfigError(
                f"custom types file {path}: {type_id}: sensitivity must be low, medium or high"
            )
        out[type_id] = CustomTypeInfo(type_id, str(item.get("name") or type_id)[:100], sensitivity)
    return out
