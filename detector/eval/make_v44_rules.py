"""v44's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v44's own sources layered on top
(`real_sets.layered`). Written under the one convention of the data README ("One convention,
from v16 on"); no detector code is imported.

v44's own words are those of HR event notifications written in the HR-XML style of ADP's samples:
a person's names split into ``givenName``, ``familyName1`` and ``formattedName`` under a name
object, a gender as ``genderCode.longName``, a salutation as ``salutationCode.longName``, phones and
pagers as ``formattedNumber`` or ``dialNumber`` under a communication, an address line as
``lineOne``, a
government id's number as ``idValue`` beside its ``nameCode``, a bank's routing number as
``routingTransitID.idValue``, and the changed phone an event names in its ``eventSubTitle``.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

_LETTERS = re.compile(r"[^\W\d_]{2}")
#: A street line: a house number, then a word (``67 Main Ave``), or a street's own word
#: (``Parkway WindWard123``); ``adr1`` is none.
_STREET = re.compile(r"\d+[A-Za-z]?\s+[^\W\d_]{2}")
_STREET_WORD = re.compile(
    r"(?i)\b(street|st|avenue|ave|road|rd|parkway|pkwy|drive|dr|lane|ln|boulevard|blvd|way|"
    r"trail|court|ct|place|pl|beach)\b"
)
_PHONE = re.compile(r"\+?[\d\s().-]{7,}")
_SSN = re.compile(r"\d{3}-?\d{2}-?\d{4}")
_GENDERS = {"male", "female", "m", "f", "non-binary", "nonbinary"}
_SALUTATIONS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."}
_NAME_PARTS = {"givenname", "familyname1", "familyname2", "middlename", "formattedname"}
_COMMUNICATIONS = {"landline", "landlines", "mobile", "mobiles", "fax", "faxes", "pager", "pagers"}
_ADDRESS_PARENTS = {
    "address",
    "legaladdress",
    "personaladdress",
    "employeraddress",
    "mailingaddress",
}


def _code(sib: dict[str, Any], key: str) -> str:
    """The ``codeValue`` of a sibling code object (``nameCode``, ``eventNameCode``), lower case."""
    code = sib.get(key)
    return str(code.get("codeValue", "")).lower() if isinstance(code, dict) else ""


def _own_words(  # noqa: PLR0911 (one return a kind of ADP field)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v44's own key words give value ``v`` (``False``: v35's rules decide)."""
    parent = parents[-1].lower() if parents else ""
    if joined in _NAME_PARTS and parent.endswith("name") and _LETTERS.search(v):
        return "person_name"
    if joined == "nickname" and parent.endswith("name") and _LETTERS.search(v):
        return "person_name"  # a legal name's nickname is a name, not a login
    if joined in {"longname", "shortname"} and parent == "gendercode":
        return "gender" if v.lower() in _GENDERS else None
    if joined in {"longname", "shortname"} and parent == "salutationcode":
        return "gender" if v.lower() in _SALUTATIONS else None
    if joined in {"formattednumber", "dialnumber"} and parent in _COMMUNICATIONS:
        return "phone" if _PHONE.fullmatch(v) else None
    if joined == "lineone" and parent in _ADDRESS_PARENTS:
        return "street_address" if _STREET.match(v) or _STREET_WORD.search(v) else None
    if joined == "idvalue" and parent == "governmentids":
        ssn = _code(sib, "nameCode") == "ssn" and _SSN.fullmatch(v) and not v.startswith("000")
        return "us_ssn" if ssn else None
    if joined == "idvalue" and parent == "routingtransitid":
        return "bank_account" if re.fullmatch(r"\d{9}", v) else None
    if joined == "eventsubtitle" and re.search(
        r"\.(fax|landline|mobile|pager)\.", _code(sib, "eventNameCode")
    ):
        return "phone" if re.search(r"\d{7}", v) else None
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
