"""v30's labelling rules: v29's rules (`make_v29_rules`, written for the same convention, over
v27's and the earlier layers) with the key words of v30's own sources layered on top
(`real_sets.layered`): identity documents' numbers under the kind of document they belong to
(a passport's, a driving licence's, a national identity card's ``number`` or ``document_number``
beside or under a ``type`` naming it), and bank account numbers and IBANs under the short keys
of banking APIs (``account_number`` beside a ``sort_code``, ``iban``). Written under the one
convention of the data README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v29_rules
from detector.eval.real_sets import layered, words

#: A document kind's words → the type its number is.
DOCUMENT_KINDS = {
    "passport": "passport_number",
    "drivinglicence": "drivers_license",
    "drivinglicense": "drivers_license",
    "driverslicense": "drivers_license",
    "driverlicense": "drivers_license",
    "nationalid": "national_id",
    "idcard": "national_id",
    "nationalidentitycard": "national_id",
}
#: Keys holding a document's number.
NUMBER_KEYS = {"number", "documentnumber", "docnumber", "idnumber"}
#: Keys naming a document's kind beside its number.
KIND_KEYS = {"type", "documenttype", "doctype", "idtype", "kind"}
#: An IBAN's shape: two letters, two check digits, 11 to 30 letters and digits (spaces allowed).
IBAN = re.compile(r"^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$")


def _kind(sib: dict[str, Any], parents: list[str]) -> str | None:
    """The type a document's number has by the kind its sibling or parent names."""
    for key, value in sib.items():
        if "".join(words(key)) in KIND_KEYS and isinstance(value, str):
            kind = DOCUMENT_KINDS.get("".join(words(value)))
            if kind:
                return kind
    if parents:
        return DOCUMENT_KINDS.get("".join(words(parents[-1])))
    return None


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v30's own key words give value ``v`` (``False``: v29's rules decide)."""
    if joined in NUMBER_KEYS and v.strip():
        kind = _kind(sib, parents)
        if kind and any(c.isdigit() for c in v):
            return kind
    if joined == "iban" or joined.endswith("iban"):
        return "iban" if IBAN.match(v.strip().upper()) else None
    return False


leaf_types = layered(_own_words, make_v29_rules.leaf_types)
