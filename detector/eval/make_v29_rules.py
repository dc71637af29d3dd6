"""v29's labelling rules: v27's rules (`make_v27_rules`, written for the same convention, over
v25's, v24's, v23's, v22's, v21's, v19's and v17's) with the key words of v29's own sources
layered on top (`real_sets.layered`): a pet's name, birth date and sex (under ``pet`` or
``pets``: not a person's), lists of phone numbers alerts are texted to (``sms_phones``), a
caller id, a phone number object's ``rawNumber``, a Wi-Fi passphrase, and coordinates a
location-sharing service fogs or passes on (``fogged_lat``, ``output_lng``). Written under the
one convention of the data README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

from typing import Any

from detector.eval import make_v17_rules, make_v27_rules
from detector.eval.real_sets import layered, words

#: Parents whose name, birth date and sex are an animal's, not a person's.
PETS = {"pet", "pets"}
#: A pet's keys the convention leaves unlabelled under `PETS`.
PET_KEYS = {"name", "birthdate", "gender", "sex"}
#: Keys of a phone number (a list's or a sender's).
PHONE_KEYS = {"smsphones", "callerid"}
#: Coordinates a location-sharing service fogs or passes on to apps, with their bounds.
COORDINATES = {"foggedlat": 90, "outputlat": 90, "foggedlng": 180, "outputlng": 180}


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v29's own key words give value ``v`` (``False``: v27's rules decide)."""
    parent = "".join(words(parents[-1])) if parents else ""
    if parent in PETS and joined in PET_KEYS:
        return None
    if joined in PHONE_KEYS or (joined == "rawnumber" and parent == "phonenumber"):
        return "phone" if make_v17_rules._phone(v) else None
    if joined == "passphrase":
        return "password" if v.strip() else None
    if joined in COORDINATES:
        return "geo_location" if make_v17_rules._coordinate(v, COORDINATES[joined]) else None
    return False


leaf_types = layered(_own_words, make_v27_rules.leaf_types)
