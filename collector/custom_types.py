"""The ids of the user's own data types, read from the detector's custom types file.

The collector needs only the ids (policies name them) and display names; matching is the
detector's (detector/custom_types.py), so this reads the YAML without compiling patterns.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from collector.validation import is_custom_type_id
from common.settings import ConfigError


def load_custom_type_names(path: Path | None) -> dict[str, str]:
    """Custom type id → display name (empty when ``path`` is None)."""
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
    out: dict[str, str] = {}
    for i, item in enumerate(data or []):
        type_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(type_id, str) or not is_custom_type_id(type_id):
            raise ConfigError(f"custom types file {path}: entry {i + 1} has no valid id")
        out[type_id] = str(item.get("name") or type_id)
    return out
