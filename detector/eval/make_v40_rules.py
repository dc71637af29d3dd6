"""v40's labelling rules: v35's rules (`make_v35_rules`, v33's over v31's and the earlier sets')
with the key words of v40's own sources layered on top (`real_sets.layered`). Written under the
one convention of the data README ("One convention, from v16 on"); no detector code is imported.

v40's own words are those of freight and tracking records (SAP's Logistics Business Network): a
party's address ``street`` (or ``streetName``) written apart from its house number is a street
line.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

_ADDRESS_PARENTS = {"address", "addresses", "postaladdress"}
_LETTERS = re.compile(r"[^\W\d_]{3}")


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v40's own key words give value ``v`` (``False``: v35's rules decide)."""
    parent = parents[-1].lower().replace("_", "") if parents else ""
    if joined in {"street", "streetname"} and parent in _ADDRESS_PARENTS and _LETTERS.search(v):
        return "street_address"
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
