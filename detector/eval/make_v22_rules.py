"""v22's labelling rules: v21's rules (`make_v21_rules`, written for the same convention, over
v19's and v17's) with the key words of v22's own sources layered on top (`real_sets.layered`):
hotel guests' and card holders' fields (Hostaway, OPERA Cloud), mobile subscribers' numbers and
SIM identities (Magma), geocoded addresses and their coordinates (Japan's Digital Agency,
Argentina's Georef, Ezus), documentation placeholders, place names, tax amounts and attribute
keys; and, read on a core banking reference taken out again (see the data README), platform
account sequences and acting users' logins. Written under the one convention of the data README
("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v21_rules
from detector.eval.real_sets import layered, words

#: Keys of a person's name the earlier rules lack (a guest's, a card holder's, a donor's).
NAME_KEYS = {
    "guestname", "guestfirstname", "guestlastname", "ccname", "donorname", "participantname",
    "recipientname", "teammembername", "fundraisername", "holdername", "guestfullname",
    "captaindisplayname",
}  # fmt: skip
#: Keys of a phone number the earlier rules lack (a subscriber's MSISDN, a client's mobile).
PHONE_KEYS = {"msisdn", "mobileno", "mobilenumber", "guestphone", "phonenumber1"}
#: Keys of a street line the earlier rules lack (a guest's address, a geocoded address).
STREET_KEYS = {"guestaddress", "output"}
#: Keys of system ids and device identities whatever their value looks like: a SIM's IMSI and
#: a phone's IMEI identify hardware and a subscription record, not a person of a type of ours
#: (decided once for the set, see the data README's v22 section).
SYSTEM_IDS = {"imsi", "imei", "imeisv", "iccid", "lgcode", "machiazaid", "prcid", "blkid"}
#: A documentation generator's placeholders for any string (Mon Ami's ``My String``): no shape.
PLACEHOLDERS = {"my string", "string value", "some string"}
#: A card's security code and the code of a door lock are secrets of no type of ours.
NOT_TYPED = {"cvc", "cvv", "doorcode", "genmask", "netmask"}
#: A core banking platform's own account numbers: a zero-padded sequence (``000000001``,
#: ``SA000023``) is a system id, not a bank account (decided once for the set).
PLATFORM_SEQUENCE = re.compile(r"[A-Z]{0,3}0{3,}\d{1,6}")
ACCOUNT_NUMBER_KEYS = {"accountno", "accountnumber"}
#: Keys of amounts that name a tax (``vat``: 344.97), not a tax number.
AMOUNT = re.compile(r"-?\d+\.\d{2}")
TAX_AMOUNT_KEYS = {"vat", "tax", "vatamount", "taxamount"}
#: Names of geographic units (Georef's ``provincia.nombre``): places, not persons.
GEO_UNITS = {
    "provincia", "provincias", "departamento", "departamentos", "municipio", "municipios",
    "localidad", "localidades", "localidadcensal", "localidadescensales", "calle", "calles",
    "asentamiento", "asentamientos", "callecruce1", "callecruce2", "gobiernolocal",
}  # fmt: skip
#: Georef's and the geocoder's coordinate keys beside an address.
LAT_KEYS, LON_KEYS = {"lat", "latitud"}, {"lon", "lng", "longitud"}


def _not_typed(parents: list[str], joined: str, v: str, sib: dict[str, Any]) -> bool:
    """Keys and values that hold no type of ours whatever the earlier rules say: system ids,
    security codes, netmasks, a platform's account sequences, tax amounts, attribute names and
    the names of places."""
    parent = "".join(words(parents[-1])) if parents else ""
    return (
        joined in SYSTEM_IDS
        or joined in NOT_TYPED
        or (joined in ACCOUNT_NUMBER_KEYS and bool(PLATFORM_SEQUENCE.fullmatch(v)))
        or (joined in TAX_AMOUNT_KEYS and bool(AMOUNT.fullmatch(v)))
        or (joined == "key" and "value" in sib)  # an attribute's name (OpenTelemetry's)
        or (joined == "nombre" and (parent in GEO_UNITS or "centroide" in sib or "fuente" in sib))
    )


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v22's own key words give value ``v`` (``False``: v21's rules decide)."""
    if make_v17_rules.stand_in(v, joined):
        return False  # the earlier rules leave shapeless stand-ins unlabelled
    if v.lower() in PLACEHOLDERS:
        return None
    if _not_typed(parents, joined, v, sib):
        return None
    if joined.endswith("byusername"):
        return "username" if make_v17_rules._login(v) else None
    if joined == "tinnumber":
        return "tax_id" if re.fullmatch(r"[A-Z]{0,2}\d{8,12}", v) else None
    if joined in NAME_KEYS:
        return "person_name" if make_v17_rules._person(v) else None
    if joined in PHONE_KEYS:
        return "phone" if make_v17_rules._phone(v) else None
    return _place(parents, joined, v, sib)


def _place(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type of a geocoded address or of a coordinate beside it."""
    if joined == "output" and "match_level" not in sib:
        return False  # an ``output`` is an address only in the geocoder's results
    if joined in STREET_KEYS:
        return "street_address" if re.search(r"\d", v) and len(v) > 6 else None
    if joined == "input" and parents and "".join(words(parents[-1])) == "query":
        return "street_address" if re.search(r"\d", v) and len(v) > 4 else None
    parent = "".join(words(parents[-1])) if parents else ""
    if parent == "address" and joined == "label":  # Ezus: an address's one line
        return "street_address" if re.search(r"\d", v) and len(v) > 6 else None
    if parent == "geo" and joined in {"x", "y"}:  # Ezus: latitude as x, longitude as y
        return "geo_location" if make_v17_rules._coordinate(v, 180) else None
    if joined in LAT_KEYS:
        return "geo_location" if make_v17_rules._coordinate(v, 90) else None
    if joined in LON_KEYS:
        return "geo_location" if make_v17_rules._coordinate(v, 180) else None
    return False


leaf_types = layered(_own_words, make_v21_rules.leaf_types)
