"""v28's labelling rules: v27's rules (`make_v27_rules`, written for the same convention, over
v25's, v24's, v23's, v22's, v21's, v19's and v17's) with the key words of v28's own sources
layered on top (`real_sets.layered`): the name of a party its key's first word names (a payer, a
payee, a claim's adjuster, a vehicle's owners, a unit's tenant), a bank account's holder, the
person a licence or a charge is under, a contact's first and last name written ``contact_first``
and ``contact_last`` (or ``nameFirst`` and ``nameLast``), each language's spelling of a first or
last name (``last_name: {"ja": …, "en": …}``), phone numbers under keys with the word ``tel``
and in ``phone_numbers`` lists, a Peruvian document number (``doc_number``, eight digits), an
escrow bank account number, an Australian Business Number and the parts of a birthday written
as a day and a month. Written under the one convention of the data README ("One convention,
from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v27_rules
from detector.eval.real_sets import layered, words

#: First words of a ``…Name`` key naming a person who is a party to the record.
PARTIES = {"payee", "payer", "adjuster", "owners", "tenant"}
#: Whole keys naming a person.
PERSON_KEYS = {
    "licenceholder",
    "personwhocollectrent",
    "chargedbyuser",
    "contactfirst",
    "contactlast",
    "namefirst",
    "namelast",
}
#: Keys of a name that a source writes once per language, as an object of language codes.
NAME_KEYS = {"firstname", "lastname", "firstnamefuri", "lastnamefuri"}
#: A language code as a key (``ja``, ``en``).
LANGUAGE = re.compile(r"[a-z]{2}")


def _phone(v: str) -> str | None:
    """``phone`` for a phone-shaped value of seven digits at least."""
    digits = re.sub(r"\D", "", v)
    return "phone" if make_v17_rules._phone(v) and len(digits) >= 7 else None


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v28's own key words give value ``v`` (``False``: v27's rules decide)."""
    parent = "".join(words(parents[-1])) if parents else ""
    person = "person_name" if make_v17_rules._person(v) else None
    if len(ws) == 2 and ws[1] == "name" and ws[0] in PARTIES:
        return person
    if joined in PERSON_KEYS or joined.endswith("accountholder"):
        return person
    if parent in NAME_KEYS and LANGUAGE.fullmatch(joined):
        return "person_name" if v.strip() else None
    if "tel" in ws or joined == "phonenumbers":
        return _phone(v)
    if joined == "docnumber":
        return "national_id" if re.fullmatch(r"\d{8}", v) else None
    if joined == "escrowbankaccount":
        return "bank_account" if re.fullmatch(r"\d{7,17}", v) else None
    if joined == "abn":
        return "tax_id" if re.fullmatch(r"\d{11}", re.sub(r"\s", "", v)) else None
    if ws[:1] == ["birth"] and ws[1:] in (["day"], ["month"]):
        return "date_of_birth" if re.fullmatch(r"\d{1,2}", v) else None
    return False


leaf_types = layered(_own_words, make_v27_rules.leaf_types)
