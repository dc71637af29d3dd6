"""v43's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v43's own sources layered on top
(`real_sets.layered`): AARO's Turkish street line and birth date, Ekuaibao's staff nicknames, ID
card numbers, payees' card and bank-branch numbers and payers' taxpayer numbers, the ANPR
identifier of Italy's university e-services, CycleSoftware's store coordinates and PLLANO's given
names and patronymics. Written under the one convention of the data README ("One convention, from
v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

#: A Chinese resident ID card number: seventeen digits and a check digit or ``X``.
_CN_ID = re.compile(r"\d{17}[\dXx]")
#: An account, card or bank-branch number written as digits only.
_ACCOUNT = re.compile(r"\d{5,20}")
#: A Chinese unified social credit code or taxpayer number: fifteen to twenty digits and capitals.
_TAXPAYER = re.compile(r"[0-9A-Z]{15,20}")
#: Italy's ANPR identifier (identificativo unico nazionale): nine letters and digits.
_ANPR_ID = re.compile(r"(?=.*\d)(?=.*[A-Z])[A-Z0-9]{9}")
#: A date written ``2021-08-17`` (a time may follow).
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Three letters together: a street line, not a code.
_LETTERS = re.compile(r"[^\W\d_]{3}")
#: A test word (Chinese ``测``, "test") in place of a nickname.
_TEST_WORD = re.compile(r"测|test", re.I)
#: A coordinate: a decimal number.
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


#: v43's own key words (joined, lower case) → the test a value must pass (a whole match, a start
#: or a search of its pattern) and the type it then takes; a value that fails takes no type.
_WORDS: dict[str, tuple[Callable[[str], object], str]] = {
    "sokakadi": (_LETTERS.search, "street_address"),  # AARO: an address's street line (sokak)
    "dogum": (_DATE.match, "date_of_birth"),  # AARO: a contact's birth date (doğum: birth)
    "certificateno": (_CN_ID.fullmatch, "national_id"),  # Ekuaibao: a payee's ID card number
    "cardno": (_ACCOUNT.fullmatch, "bank_account"),  # Ekuaibao: a payee's card or account number
    "banklinkno": (_ACCOUNT.fullmatch, "bank_account"),  # Ekuaibao: a bank branch's number
    "payerno": (_TAXPAYER.fullmatch, "tax_id"),  # Ekuaibao: an invoice payer's taxpayer number
    "personid": (_ANPR_ID.fullmatch, "national_id"),  # the universities: the ANPR identifier
    "storecoordinates": (_NUMBER.fullmatch, "geo_location"),  # CycleSoftware: a store's place
    "iname": (_LETTERS.search, "person_name"),  # PLLANO: a given name (imya)
    "oname": (_LETTERS.search, "person_name"),  # PLLANO: a patronymic (otchestvo)
}


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v43's own key words give value ``v`` (``False``: v35's rules decide)."""
    if joined == "nickname":  # Ekuaibao: a staff member's nickname, unless a test word
        return None if _TEST_WORD.search(v) else "person_name"
    if joined not in _WORDS:
        return False
    passes, kind = _WORDS[joined]
    return kind if passes(v) else None


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
