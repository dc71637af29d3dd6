"""v44's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v44's own sources layered on top
(`real_sets.layered`). Written under the one convention of the data README ("One convention,
from v16 on"); no detector code is imported.
"""

from __future__ import annotations

from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v44's own key words give value ``v`` (``False``: v35's rules decide)."""
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
