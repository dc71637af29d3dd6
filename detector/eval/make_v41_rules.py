"""v41's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v41's own sources layered on top
(`real_sets.layered`): a Russian taxpayer number under ``inn`` and an Australian bank-state-branch
number under a ``bsb`` key. Written under the one convention of the data README ("One
convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

#: A Russian INN: ten digits (an organisation's) or twelve (a person's or a sole trader's).
_INN = re.compile(r"\d{10}|\d{12}")
#: An Australian BSB: six digits, often written ``123-456``.
_BSB = re.compile(r"\d{3}-?\d{3}")


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v41's own key words give value ``v`` (``False``: v35's rules decide)."""
    if joined == "inn":
        return "tax_id" if _INN.fullmatch(v) else None
    if ws and ws[-1] == "bsb":
        return "bank_account" if _BSB.fullmatch(v) else None
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
