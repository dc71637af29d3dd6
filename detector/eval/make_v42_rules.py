"""v42's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v42's own sources layered on top
(`real_sets.layered`): a UK driver number under ``driverNumber``; the parts of a person's name
the earlier rules do not read (``secondName``, ``thirdName``, a NIEM-style ``PersonGivenName``
and ``PersonSurName``, a tester's or an issuer's name); a Canadian social insurance number, a
birth date and a telephone number in the NIEM-style records of Canada's dental care plan; a
Finnish business id under ``registryKey``; and a street written on a second or later address
line. Written under the one convention of the data
README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

#: A UK driver number: five letters of the surname (9 padding), six digits, five more.
_DRIVER_NUMBER = re.compile(r"[A-Z9]{5}\d{6}[A-Z0-9]{5}")
#: A Canadian social insurance number: nine digits, optionally grouped 3-3-3.
_SIN = re.compile(r"\d{3}[ -]?\d{3}[ -]?\d{3}")
#: A date (ISO, as the records write a birth date).
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A telephone number in international form.
_PHONE = re.compile(r"\+\d{8,15}")
#: A name: letters, spaces, apostrophes, hyphens and dots, starting with a letter.
_NAME = re.compile(r"[^\W\d_][^\W\d_' .-]*(?:[ '.-]+[^\W\d_]+)*\.?")
#: A street line: a street's name ending in a kind of street, with or without its number.
_STREET = re.compile(
    r"(?:\d+[A-Za-z]?,?\s+)?[A-Za-z][A-Za-z' .-]*\s(?:Street|Avenue|Place|Court|Road|Lane|"
    r"Terrace|Drive|Boulevard|Close|Crescent|Way|Walk|Row|Square|Parkway|Gardens)",
    re.IGNORECASE,
)
#: A Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit.
_Y_TUNNUS = re.compile(r"\d{7}-\d")
#: (the parent's key, or "" for any parent; the key's words joined) → (the value's shape, the
#: type a value of that shape has).
_BY_KEY: dict[tuple[str, str], tuple[re.Pattern[str], str]] = {
    ("", "drivernumber"): (_DRIVER_NUMBER, "drivers_license"),
    ("", "persongivenname"): (_NAME, "person_name"),
    ("", "personsurname"): (_NAME, "person_name"),
    ("", "testername"): (_NAME, "person_name"),
    ("", "issuersname"): (_NAME, "person_name"),
    ("", "lastupdatedbyname"): (_NAME, "person_name"),
    ("", "registrykey"): (_Y_TUNNUS, "tax_id"),
    ("PersonSINIdentification", "identificationid"): (_SIN, "national_id"),
    ("PersonBirthDate", "date"): (_DATE, "date_of_birth"),
    ("TelephoneNumberCategoryCode", "referencedataid"): (_PHONE, "phone"),
}


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v42's own key words give value ``v`` (``False``: v35's rules decide)."""
    parent = parents[-1] if parents else ""
    if joined in {"secondname", "thirdname"} and parent.lower().endswith("name"):
        return "person_name" if _NAME.fullmatch(v) else None
    if re.fullmatch(r"address(line)?[2-5]", joined):
        return "street_address" if _STREET.fullmatch(v) else False
    found = _BY_KEY.get((parent, joined)) or _BY_KEY.get(("", joined))
    if found is None:
        return False
    shape, kind = found
    return kind if shape.fullmatch(v) else None


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
