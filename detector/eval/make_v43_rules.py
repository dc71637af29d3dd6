"""v43's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v43's own sources layered on top
(`real_sets.layered`): AARO's Turkish street line and birth date, Ekuaibao's staff nicknames, ID
card numbers, payees' card and bank-branch numbers and payers' taxpayer numbers, the ANPR
identifier of Italy's university e-services and CycleSoftware's store coordinates and PLLANO's given names and
patronymics. Written under
the one convention of the data README ("One convention, from v16 on"); no detector code is
imported.
"""

from __future__ import annotations

import re
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


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v43's own key words give value ``v`` (``False``: v35's rules decide)."""
    if joined == "sokakadi":  # AARO: the street line of an address (sokak: street)
        return "street_address" if _LETTERS.search(v) else None
    if joined == "dogum":  # AARO: a contact's birth date (doğum: birth)
        return "date_of_birth" if _DATE.match(v) else None
    if joined in {"iname", "oname"}:  # PLLANO: a given name and a patronymic (imya, otchestvo)
        return "person_name" if _LETTERS.search(v) else None
    if joined == "nickname":  # Ekuaibao: a staff member's nickname
        return None if _TEST_WORD.search(v) else "person_name"
    if joined == "certificateno":  # Ekuaibao: a payee's identity document number
        return "national_id" if _CN_ID.fullmatch(v) else None
    if joined in {"cardno", "banklinkno"}:  # Ekuaibao: a payee's card and bank-branch numbers
        return "bank_account" if _ACCOUNT.fullmatch(v) else None
    if joined == "payerno":  # Ekuaibao: an invoice payer's taxpayer number
        return "tax_id" if _TAXPAYER.fullmatch(v) else None
    if joined == "personid":  # the universities' e-services: the person's ANPR identifier
        return "national_id" if _ANPR_ID.fullmatch(v) else None
    if joined == "storecoordinates":  # CycleSoftware: a store's latitude and longitude
        return "geo_location" if _NUMBER.fullmatch(v) else None
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
