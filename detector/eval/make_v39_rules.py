"""v39's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v39's own sources layered on top
(`real_sets.layered`): Mexican and Brazilian tax numbers under their own key words. Written under
the one convention of the data README ("One convention, from v16 on"); no detector code is
imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

#: A Mexican RFC: three letters (a company's) or four (a person's), six digits of a date and a
#: three-character check.
_RFC = re.compile(r"[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}")
#: A Brazilian CPF (eleven digits) and CNPJ (fourteen), with or without their punctuation.
_CPF = re.compile(r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}")
_CNPJ = re.compile(r"\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}")


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v39's own key words give value ``v`` (``False``: v35's rules decide)."""
    if joined == "rfc":
        return "tax_id" if _RFC.fullmatch(v.upper()) else None
    if joined in {"cpfcnpj", "cpf", "cnpj", "taxdocument"}:
        if _CPF.fullmatch(v):
            return "national_id"
        return "tax_id" if _CNPJ.fullmatch(v) else None
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
