"""v26's labelling rules: v25's rules (`make_v25_rules`, written for the same convention, over
v24's, v23's, v22's, v21's, v19's and v17's) with the key words of v26's own sources layered on
top (`real_sets.layered`): the generic ``name`` of who modified, approved, submitted or managed
a record, a manager's or a formatted name (``manager_name``, ``formatted-name``), a course's
instructors' names, coordinates written as degrees and minutes (``64 54.500``) or under
``decimal_lat`` keys, a Chinese resident identity number under ``id_number``, a first address
line numbered from zero (``addressLine0``), an encryption key and a Twitter handle. Written
under the one convention of the data README ("One convention, from v16 on"); no detector code
is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v25_rules
from detector.eval.real_sets import layered, words

#: Parents whose generic ``name`` is a person's: who modified, approved, submitted or managed a
#: record.
PEOPLE = {"modifiedby", "updatedby", "approver", "submittedby", "manager"}
#: Keys holding a person's whole name under a word of its own.
NAME_KEYS = {"managername", "formattedname", "instructornames"}
#: Coordinate keys of v26's sources, and a coordinate written as degrees and decimal minutes.
COORDINATES = {"lat": 90, "lng": 180, "decimallat": 90, "decimallng": 180}
DEGREES_MINUTES = re.compile(r"-?\d{1,3} \d{1,2}\.\d+")
#: A Chinese resident identity number: eighteen characters, the last a digit or ``X``.
CHINESE_ID = re.compile(r"\d{17}[\dX]")


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v26's own key words give value ``v`` (``False``: v25's rules decide)."""
    parent = "".join(words(parents[-1])) if parents else ""
    if joined == "name" and parent in PEOPLE:
        return "person_name" if make_v17_rules._person(v) else None
    if joined in NAME_KEYS:
        return "person_name" if make_v17_rules._person(v) else None
    if joined in COORDINATES:
        bound = COORDINATES[joined]
        if DEGREES_MINUTES.fullmatch(v):
            return "geo_location" if abs(int(v.split(maxsplit=1)[0])) <= bound else None
        return "geo_location" if make_v17_rules._coordinate(v, bound) else None
    if joined == "idnumber" and CHINESE_ID.fullmatch(v):
        return "national_id"
    if joined == "addressline0":
        return "street_address" if make_v17_rules._street(v) else None
    if joined == "encryptionkey":
        return "secret_key" if re.fullmatch(r"[\w+/=-]{16,}", v) else None
    if joined == "twittername":
        return "username" if re.fullmatch(r"@?\w{2,30}", v) else None
    return False


leaf_types = layered(_own_words, make_v25_rules.leaf_types)
