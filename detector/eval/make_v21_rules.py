"""v21's labelling rules: v19's rules (`make_v19_rules`, written for the same convention, over
v17's) with the key words of v21's own sources layered on top (`real_sets.layered`): FHIR
identifiers, telecom entries and name parts (a value takes the type its ``system`` or its parent
names), JMAP's name components, LINE's and Calendly's keys, UAE and Turkish identity numbers,
network addresses written with their prefix length. Written under the one convention of the
data README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

from detector.eval import make_v17_rules, make_v19_rules
from detector.eval.real_sets import layered, words

# ---------------------------------------------------------------------------- FHIR

#: A FHIR identifier's ``system`` (a URL) → the type of its ``value``; an identifier of any
#: other system (a provider's HPI-I, HPI-O, AHPRA or Medicare provider number, a DVA file
#: number, an order, report or record number) is an id of no type of ours.
IDENTIFIER_SYSTEMS: tuple[tuple[str, str], ...] = (
    ("/id/hi/ihi/", "national_id"),  # Australia's Individual Healthcare Identifier
    ("/id/medicare-number", "national_id"),  # a person's Medicare card number
    ("/sid/passport", "passport_number"),
    ("/id/abn", "tax_id"),  # an Australian Business Number
)
#: A FHIR ``telecom`` entry's ``system`` → the type of its value.
TELECOM_SYSTEMS = {"phone": "phone", "fax": "phone", "sms": "phone", "pager": "phone"}
#: Parts of a FHIR ``HumanName`` that hold a name.
NAME_PARTS = {"family", "given", "text"}
#: Salutations (v2: a salutation under a name's prefix is ``gender``); other prefixes (``Dr``)
#: are titles of no type.
SALUTATIONS = re.compile(r"(mr|mrs|ms|miss|mx|sir|madam|dame|lady|lord)\.?", re.I)
#: JMAP's name components (RFC 9553 ``kind``) that hold a part of a person's name.
JMAP_NAME_KINDS = {"given", "given2", "surname", "surname2"}

# ---------------------------------------------------------------------------- other keys

#: Keys of a person's name the earlier rules lack.
NAME_KEYS = {"buyername", "payername", "insuredname", "policyholdername", "displayname"}
#: Keys of a phone number the earlier rules lack (a phone split into parts: its ``subscriber``).
PHONE_KEYS = {"textremindernumber", "landlinenumber", "subscriber", "smsnumber"}
#: Keys of system ids whatever their value looks like: LINE's user, group and room ids and
#: reply and quote tokens (ids of an event to answer, no credential), push subscriptions'
#: verification codes.
SYSTEM_IDS = {
    "userid", "groupid", "roomid", "botuserid", "replytoken", "quotetoken", "verificationcode",
    "destination",
}  # fmt: skip
#: A UAE Emirates ID number: 784, the year of birth, seven digits and a check digit.
EMIRATES_ID = re.compile(r"784-?\d{4}-?\d{7}-?\d")
#: A Turkish identity number (TC kimlik no): eleven digits, the first not zero.
TCKN_KEYS = {"identitynumber", "tckn", "tckimlikno", "kimlikno"}
#: A passport number's shape: six to nine letters and digits.
PASSPORT = re.compile(r"[A-Z0-9]{6,9}", re.I)
#: An interface's address with its prefix length (``172.19.0.2/16``).
HOST_WITH_PREFIX = re.compile(r"[0-9a-fA-F:.]+/\d{1,3}")


def _host_with_prefix(v: str) -> bool:
    """An address of a host written with its network's prefix length (not the network's own
    address: ``10.10.0.0/16`` is a range)."""
    if not HOST_WITH_PREFIX.fullmatch(v):
        return False
    try:
        iface = ipaddress.ip_interface(v)
    except ValueError:
        return False
    return iface.ip != iface.network.network_address


def _fhir_value(sib: dict[str, Any], v: str) -> str | bool | None:
    """The type of a FHIR identifier's or telecom entry's ``value``, from its ``system``."""
    system = str(sib.get("system", ""))
    if "://" in system or system.startswith("urn:"):
        for part, kind in IDENTIFIER_SYSTEMS:
            if part in system:
                return kind if _SHAPE[kind](v) else None
        return None
    if system in TELECOM_SYSTEMS:
        return "phone" if make_v17_rules._phone(v) else None
    if system == "email":
        return "email" if make_v17_rules.EMAIL.fullmatch(v) else None
    return False


def _name_part(parents: list[str], joined: str, v: str, sib: dict[str, Any]) -> str | bool | None:
    """The type of a part of a FHIR ``HumanName`` or of a JMAP name component."""
    parent = "".join(words(parents[-1])) if parents else ""
    if parent in {"name", "names"} and joined in NAME_PARTS:
        return "person_name" if make_v17_rules._person(v) else None
    if parent in {"name", "names"} and joined == "prefix":
        return "gender" if SALUTATIONS.fullmatch(v) else None
    if parent == "components" and joined == "value" and "kind" in sib:
        if sib["kind"] in JMAP_NAME_KINDS:
            return "person_name" if make_v17_rules._person(v) else None
        if sib["kind"] == "title":
            return "gender" if SALUTATIONS.fullmatch(v) else None
        return None
    return False


def _answer(sib: dict[str, Any], v: str) -> str | bool:
    """The type of a form's answer, from the question beside it (Calendly's
    ``questions_and_answers``)."""
    question = str(sib.get("question", "")).lower()
    if "phone" in question and make_v17_rules._phone(v):
        return "phone"
    return False


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v21's own key words give value ``v`` (``False``: v19's rules decide)."""
    if make_v17_rules.stand_in(v, joined):
        return False  # v17's rules leave shapeless stand-ins unlabelled
    if joined == "value" and "system" in sib:
        return _fhir_value(sib, v)
    part = _name_part(parents, joined, v, sib)
    if part is not False:
        return part
    if joined in SYSTEM_IDS:
        return None
    if joined == "answer" and "question" in sib:
        return _answer(sib, v)
    if joined == "emiratesidnumber":
        return "national_id" if EMIRATES_ID.fullmatch(v) else None
    if joined in TCKN_KEYS:
        return "national_id" if re.fullmatch(r"[1-9]\d{10}", v) else None
    if joined == "passportnumber":
        return "passport_number" if PASSPORT.fullmatch(v) else None
    if joined == "number" and parents and "phone" in "".join(words(parents[-1])):
        return "phone" if make_v17_rules._phone(v) else None
    if joined in PHONE_KEYS:
        return "phone" if make_v17_rules._phone(v) else None
    if joined in NAME_KEYS:
        return "person_name" if make_v17_rules._person(v) else None
    if _host_with_prefix(v) and ws and ws[-1] == "address":
        return "ip_address"
    return False


def _digits(least: int, most: int) -> Callable[[str], bool]:
    return lambda v: bool(re.fullmatch(rf"\d{{{least},{most}}}", re.sub(r"[\s-]", "", v)))


#: The shape a value needs to be the type a FHIR identifier's system names.
_SHAPE: dict[str, Callable[[str], bool]] = {
    "national_id": _digits(10, 16),
    "passport_number": lambda v: bool(PASSPORT.fullmatch(v)),
    "tax_id": _digits(9, 11),
}


leaf_types = layered(_own_words, make_v19_rules.leaf_types)
