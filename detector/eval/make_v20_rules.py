"""v20's labelling rules: v19's rules (`make_v19_rules`, written for the same convention) with
the key words of v20's own sources layered on top (`real_sets.layered`): Ukrainian, Spanish and
other key words of procurement and e-invoicing parties, FHIR's and xAPI's name and contact
shapes, and Australian health identifiers. Written under the one convention of the data README
("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from detector.eval import make_v17_rules
from detector.eval.make_v19_rules import leaf_types as v19_leaf_types
from detector.eval.real_sets import layered, words

#: FHIR's ``HumanName`` parts (``family``, ``given``, ``prefix``, ``text``) under a ``name``.
HUMAN_NAME_PARTS = {
    "family", "given", "text", "formattedname", "preferredname", "formerfamily", "familyprefix",
}  # fmt: skip
#: Parents holding a person's name parts (FHIR's ``name``, HR Open's ``personName``,
#: ``candidateName``): the parent's words end with these.
NAME_PARENTS = ("name", "names")
#: A FHIR ``telecom`` value: its ``system`` sibling says which type it is.
TELECOM_SYSTEMS = {"phone": "phone", "fax": "phone", "sms": "phone", "email": "email"}
#: xAPI's ``mbox`` (``mailto:`` an e-mail address) and ``mbox_sha1sum`` (a hash: a system id).
MAILTO = re.compile(r"mailto:(.+@.+)", re.I)
#: Name keys the earlier rules lack: schema.org's ``Person`` (OpenActive), HR Open's parents'
#: names and an account's holder.
PERSON_KEYS = {
    "fullname", "givenname", "familyname", "additionalname", "fathername", "mothername",
    "nameonaccount",
}  # fmt: skip
#: Identifier systems of Australian health numbers (IHI, Medicare, DVA): personal numbers.
#: Identifier systems of public health systems' personal numbers (Australia's IHI, Medicare and
#: DVA numbers, Germany's lifelong health insurance number KVNR): ``national_id``, as v8 took
#: the NHS number and the US Medicare beneficiary identifier.
PERSONAL_SYSTEMS = (
    "ns.electronichealth.net.au/id/hi/ihi",
    "ns.gov.au/id/medicare",
    "electronichealth.net.au/id/medicare-number",
    "electronichealth.net.au/id/dva",
    "ns.gov.au/id/dva",
    "fhir.de/sid/gkv/kvid-10",
    "fhir.de/sid/pkv/kvid-10",
)
#: Salutations under a name's ``prefix`` are ``gender`` (v2); academic titles are not.
SALUTATIONS = make_v17_rules.GENDER_VALUES - {"dr", "m", "f", "x", "other", "unknown"}


#: Parents of GOBL's and other e-invoicing parties' tax identities (``tax_id: {code: …}``).
TAX_PARENTS = {"taxid", "taxidentity", "vatid"}
#: Words of an identity's ``key`` or ``type`` (GOBL's ``co-id-card``, ``de-tax-number``, ``CVR``)
#: → the type of its ``code``.
IDENTITY_KINDS = {
    "tax": "tax_id", "vat": "tax_id", "cvr": "tax_id", "nif": "tax_id", "cuit": "tax_id",
    "card": "national_id", "dni": "national_id", "nie": "national_id", "cedula": "national_id",
    "passport": "passport_number",
}  # fmt: skip
#: Identifier schemes of Prozorro's parties that are tax numbers (a taxpayer's individual
#: number); the register code of a legal entity (``UA-EDR``) is a registry number (v17's KvK).
TAX_SCHEMES = {"UA-IPN", "UA-DRFO"}
#: Parents of phone numbers written under ``num`` (GOBL's ``telephones``) or
#: ``formattedNumber`` (HR Open's ``phone``).
PHONE_PARENTS = {"telephones", "telephone", "phones", "phone", "mobile", "fax"}
#: A second surname (Spanish ``segundo apellido``).
SECOND_SURNAMES = {"surname2", "secondsurname", "segundoapellido"}


def _identity_kind(sib: dict[str, Any]) -> str | None:
    """The type of an identity's code whose ``key`` or ``type`` names its kind."""
    kind = str(sib.get("key") or sib.get("type") or "").lower()
    for word, t in IDENTITY_KINDS.items():
        if word in re.split(r"[^a-z]+", kind):
            return t
    return None


#: Identifier systems of tax numbers (Australia's ABN) and passports.
OTHER_SYSTEMS = {re.compile(r"/id/abn$"): "tax_id", re.compile(r"/sid/passport"): "passport_number"}


def _system_kind(system: str) -> str | bool:
    """The type a FHIR ``telecom``'s or ``identifier``'s ``system`` names for its value."""
    if system in TELECOM_SYSTEMS:
        return TELECOM_SYSTEMS[system]
    if any(s in system for s in PERSONAL_SYSTEMS):
        return "national_id"
    return next((t for rx, t in OTHER_SYSTEMS.items() if rx.search(system)), False)


#: The inverse functional identifiers of an xAPI agent: a ``name`` beside one is an agent's.
XAPI_AGENT_IDS = {"mbox", "mbox_sha1sum", "openid", "account"}


def _xapi_agent(sib: dict[str, Any]) -> bool:
    """Whether an object is an xAPI agent (a person), not a group."""
    return bool(XAPI_AGENT_IDS & set(sib)) and sib.get("objectType") != "Group"


def _legal_id_kind(sib: dict[str, Any]) -> str:
    """HR Open's ``legalId`` of a person: a US social security number where its scheme says so
    or it has an SSN's nine digits (the US samples), else a personal identity number."""
    ssn = str(sib.get("schemeId", "")).lower() == "ssn" or re.fullmatch(
        r"\d{9}", str(sib.get("value"))
    )
    return "us_ssn" if ssn else "national_id"


def _named(parent: str, joined: str, sib: dict[str, Any]) -> str | bool | None:
    """The type v20's own key words name (``None``: no type; ``False``: they do not decide)."""
    if joined == "value" and isinstance(sib.get("system"), str):
        return _system_kind(str(sib["system"]).lower())
    named_by = (
        (joined == "code" and parent in TAX_PARENTS, "tax_id"),
        (joined == "code" and parent in {"identities", "identity"}, _identity_kind(sib)),
        (joined == "id" and sib.get("scheme") in TAX_SCHEMES, "tax_id"),
        (joined == "value" and parent == "legalid", _legal_id_kind(sib)),
        (joined in {"num", "formattednumber", "dialnumber"} and parent in PHONE_PARENTS, "phone"),
        (joined in SECOND_SURNAMES or joined in PERSON_KEYS, "person_name"),
        (parent in NAME_PARENTS and joined == "prefix", "gender"),
        (parent.endswith(NAME_PARENTS) and joined in HUMAN_NAME_PARTS, "person_name"),
        (joined == "mbox", "email"),
        (joined == "name" and _xapi_agent(sib), "person_name"),
    )
    return next((kind for hit, kind in named_by if hit), False)


def _email(v: str) -> bool:
    return bool(make_v17_rules.EMAIL.fullmatch(MAILTO.sub(r"\1", v)))


#: The shape a value needs to be the type v20's own key words name.
_SHAPE: dict[str, Callable[[str], bool]] = {
    "phone": make_v17_rules._phone,
    "email": _email,
    "national_id": lambda v: bool(re.fullmatch(r"(?=(.*\d){4})[A-Z0-9 -]{8,17}", v)),
    "tax_id": lambda v: make_v17_rules._number_like(v, 5),
    "us_ssn": lambda v: bool(re.fullmatch(r"\d{3}-?\d{2}-?\d{4}", v)),
    "passport_number": lambda v: make_v17_rules._number_like(v, 5),
    "person_name": make_v17_rules._person,
    "gender": lambda v: re.sub(r"[^a-z]", "", v.lower()) in SALUTATIONS,
}


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v20's own key words give value ``v`` (``False``: v19's rules decide)."""
    kind = _named("".join(words(parents[-1])) if parents else "", joined, sib)
    if not isinstance(kind, str):
        return kind
    return kind if _SHAPE[kind](v) else None


leaf_types = layered(_own_words, v19_leaf_types)
