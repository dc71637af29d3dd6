"""v28's labelling rules: v27's rules (`make_v27_rules`, written for the same convention, over
v25's, v24's, v23's, v22's, v21's, v19's and v17's) with the key words of v28's own sources
layered on top (`real_sets.layered`). Written under the one convention of the data README ("One
convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

from typing import Any

from detector.eval import make_v27_rules
from detector.eval.real_sets import layered


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v28's own key words give value ``v`` (``False``: v27's rules decide)."""
    return False


leaf_types = layered(_own_words, make_v27_rules.leaf_types)
