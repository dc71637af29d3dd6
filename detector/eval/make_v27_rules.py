"""v27's labelling rules: v25's rules (`make_v25_rules`, written for the same convention, over
v24's, v23's, v22's, v21's, v19's and v17's) with the key words of v27's own sources layered on
top (`real_sets.layered`): the name of a party its key's first word names (a claimant, an
employee, a third party ``tpl``, a ship-to), the name on a card or a bank account, a contact
point's name and number, phone numbers under ``…_phone_number``, ``whatsapp_number``,
``fonenumber`` and a receiver's or sender's ``number`` (seven digits at least), and a bank
account's or virtual account's number of eight digits or more. Written under the one
convention of the data README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v25_rules
from detector.eval.real_sets import layered, words

#: First words of a ``…Name`` key naming a person who is a party to the record.
PARTIES = {"tpl", "claimant", "employee", "shipto"}
#: Keys of a phone number (after the words of v25's rules).
PHONE_KEYS = {"whatsappnumber", "fonenumber"}
#: Parents whose bare ``number`` is a phone number.
CALLERS = {"receiver", "sender", "recipient"}
#: A bank or virtual account number: digits only, eight at least.
ACCOUNT_NUMBER = re.compile(r"\d{8,34}")


def _phone(v: str) -> str | None:
    """``phone`` for a phone-shaped value of seven digits at least."""
    digits = re.sub(r"\D", "", v)
    return "phone" if make_v17_rules._phone(v) and len(digits) >= 7 else None


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v27's own key words give value ``v`` (``False``: v25's rules decide)."""
    parent = "".join(words(parents[-1])) if parents else ""
    person = "person_name" if make_v17_rules._person(v) else None
    if len(ws) == 2 and ws[1] == "name" and ws[0] in PARTIES:
        return person
    if joined == "nameoncard" or joined.endswith("accountname"):
        return person
    if parent == "contactpoint" and joined in {"name", "contact"}:
        return person if joined == "name" else _phone(v)
    if joined in PHONE_KEYS or ws[-2:] == ["phone", "number"]:
        return _phone(v)
    if joined == "number" and parent in CALLERS:
        return _phone(v)
    if joined in {"vanumber", "senderaccountnumber"}:
        return "bank_account" if ACCOUNT_NUMBER.fullmatch(v) else None
    return False


leaf_types = layered(_own_words, make_v25_rules.leaf_types)
