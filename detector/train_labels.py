"""The training label of a leaf from its document's (path → types) labels."""

from __future__ import annotations

from detector.features import key_tokens
from detector.synth import SENSITIVE, STYLES, style_key
from detector.types import NONE_LABEL
from detector.walker import Leaf

_HINT_TYPES: dict[str, str] = {}


def _hint_type(hint: str) -> str | None:
    if not _HINT_TYPES:
        for spec in SENSITIVE:
            for tokens in spec.keys:
                for style in STYLES:
                    _HINT_TYPES[key_tokens(style_key(None, tokens, style))] = str(spec.type_id)
    return _HINT_TYPES.get(key_tokens(hint))


def leaf_label(leaf: Leaf, labels: dict[str, list[str]]) -> str:
    """The training label of one leaf given its document's (path → types) labels."""
    types = labels.get(leaf.path)
    if not types:
        return NONE_LABEL
    if len(types) == 1:  # one leaf's path: a sibling's hint (`"type": "PAID"`) cannot change it
        return types[0]
    hinted = _hint_type(leaf.hint) if leaf.hint else None
    return hinted if hinted is not None and hinted in types else NONE_LABEL
