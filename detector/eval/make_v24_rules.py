"""v24's labelling rules: v23's rules (`make_v23_rules`, written for the same convention, over
v22's, v21's, v19's and v17's) with the key words of v24's own sources layered on top
(`real_sets.layered`): names of who created, updated, sent or received a record, the people a
task or booking names under a generic ``name``, a civil name written as ``value`` beside its
``nameType``, names under a ``name`` beside a ``surname``, logins ending in ``username``,
mobile numbers, plural phone lists, phones of text messages' ``from`` and ``to``, birth dates
written as ``dateOfBirth`` words, coordinates and street lines under compound keys, a Brazilian
``cpf_cnpj`` by its length and a web phone's key. Written under the one convention of the data
README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v23_rules
from detector.eval.real_sets import layered, words

#: Values that only name the field (``MY NAME`` under ``created_by_name``).
NO_SHAPE = {"my name", "name", "first", "last", "nome"}
#: Parents whose generic ``name`` is a person's: a task's people, a booking's caller.
PEOPLE = {
    "patient", "assignee", "author", "watchers", "caller", "receiver", "sender", "recipient",
    "customer", "guest", "driver", "participant", "attendee", "speaker", "staff", "staffedby",
    "clients",
}  # fmt: skip
#: Keys of a person's name the earlier rules lack: who created or changed a record, who sent
#: or received a message, a member of staff.
NAME_KEYS = {
    "createdbyname", "updatedbyname", "activeusername", "receivername", "staffname",
    "patientname", "doctorname", "contactname", "nomcontact",
}  # fmt: skip
#: A text message's own keys, under which an international number is a phone.
SMS_KEYS = {"from", "to"}
E164 = re.compile(r"\+\d{10,15}")
#: The last words of keys holding a street line (``office_street``, ``destinationAddress``).
STREET_ENDS = {"street", "address"}
#: The last words of keys holding a coordinate (``companyLatitude``, ``destinationLongitude``).
COORDINATE_ENDS = {"latitude": 90, "longitude": 180}


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v24's own key words give value ``v`` (``False``: v23's rules decide)."""
    parent = "".join(words(parents[-1])) if parents else ""
    if joined in NAME_KEYS or (joined == "name" and parent in PEOPLE):
        return _name(v)
    if joined == "value" and isinstance(sib.get("nameType"), str):
        return _name(v)  # a civil name written whole beside its kind
    if joined == "name" and "surname" in sib:
        return _name(v)  # a first name beside its surname
    if len(ws) > 1 and ws[-1] == "username":
        return "username" if make_v17_rules._login(v) else None
    if (ws and ws[-1] == "mobile") or joined == "phones":
        return "phone" if make_v17_rules._phone(v) else None
    if joined in SMS_KEYS and E164.fullmatch(v):
        return "phone"
    return _more_words(ws, joined, v)


def _name(v: str) -> str | None:
    return "person_name" if make_v17_rules._person(v) and v.lower() not in NO_SHAPE else None


def _more_words(ws: list[str], joined: str, v: str) -> str | bool | None:
    """Birth dates, compound coordinate and street keys, ``cpf_cnpj`` and web phone keys."""
    if "dateofbirth" in joined:
        return "date_of_birth" if make_v17_rules._date_like(v) else None
    if len(ws) > 1 and ws[-1] in COORDINATE_ENDS:
        bound = COORDINATE_ENDS[ws[-1]]
        return "geo_location" if make_v17_rules._coordinate(v, bound) else None
    if len(ws) > 1 and ws[-1] in STREET_ENDS and ws[0] in {"office", "destination", "origin"}:
        return "street_address" if re.search(r"[A-Za-z]{3}", v) else None
    if joined == "cpfcnpj":
        digits = re.sub(r"\D", "", v)
        return None if not digits.strip("0") else {11: "national_id", 14: "tax_id"}.get(len(digits))
    if joined == "webphonekey":
        return "secret_key" if make_v17_rules._secret(v) else None
    return False


leaf_types = layered(_own_words, make_v23_rules.leaf_types)
