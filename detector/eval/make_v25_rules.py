"""v25's labelling rules: v24's rules (`make_v24_rules`, written for the same convention, over
v23's, v22's, v21's, v19's and v17's) with the key words of v25's own sources layered on top
(`real_sets.layered`): the generic ``name`` of who created, conducted, submitted or received a
record, numbered work and personal phone keys (``workMobilePhone1``), a phone list's ``value``,
first address lines of a donor or a payment profile (``donor_address1``), misspelt coordinate
keys (``latitute``), Spanish personal NIFs under tax id keys (a DNI: `national_id`) and
password keys of a site or an integration's credentials. Written under
the one convention of the data README ("One convention, from v16 on"); no detector code is
imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v24_rules
from detector.eval.real_sets import layered, words

#: Parents whose generic ``name`` is a person's: who created, conducted, approved, submitted or
#: received a record.
PEOPLE = {"createdby", "conductedby", "submitter", "receiver", "assignedto", "creator"}
#: Numbered phone keys of a contact (``workMobilePhone1``, ``personalPhone2``).
NUMBERED_PHONE = re.compile(r"(?:work|personal)(?:mobile)?phone\d")
#: A Spanish personal NIF (a DNI's eight digits and letter): a personal number that is also a
#: tax number takes its kind from v2's list (the convention), not its ``tax_id`` key.
PERSONAL_NIF = re.compile(r"\d{8}[A-Z]")
#: Coordinate keys as one source misspells them.
MISSPELT_COORDINATES = {"latitute": 90, "longitute": 180}


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v25's own key words give value ``v`` (``False``: v24's rules decide)."""
    parent = "".join(words(parents[-1])) if parents else ""
    if joined == "name" and parent in PEOPLE:
        return "person_name" if make_v17_rules._person(v) else None
    if NUMBERED_PHONE.fullmatch(joined) or (joined == "value" and parent == "phonenumbers"):
        return "phone" if make_v17_rules._phone(v) else None
    if len(ws) > 1 and (ws[-1] == "address1" or ws[-2:] == ["address", "1"]):
        return "street_address" if make_v17_rules._street(v) else None
    if ws and ws[-1] in {"taxid", "id"} and joined.endswith("taxid") and PERSONAL_NIF.fullmatch(v):
        return "national_id"
    if joined in MISSPELT_COORDINATES:
        bound = MISSPELT_COORDINATES[joined]
        return "geo_location" if make_v17_rules._coordinate(v, bound) else None
    if len(ws) > 1 and ws[-1] == "password":
        return "password" if v.strip() and v.lower() not in {"password", "string"} else None
    return False


leaf_types = layered(_own_words, make_v24_rules.leaf_types)
