"""v18's labelling rules: its own key words (the vocabularies of health claims and eligibility,
school and teacher-training records, telecom party and customer standards, public procurement,
payment pages, clinics, identity-server APIs and mobile money) for the
keys they decide, layered over v17's rules (`make_v17_rules`, written under the same convention)
for every other leaf. Written for v18 under the one convention of the data README ("One
convention, from v16 on"): a value of the type's shape is labelled even when it is plainly a test
value; a value without the type's shape is not. No detector code is imported; `make_v18` wraps
these rules in `real_sets.data_only`.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules
from detector.eval.real_sets import layered, words

# ---------------------------------------------------------------------------- key words
# Keys are compared by their words joined in lower case (``given_name`` → ``givenname``).

#: Parts of a person's name the earlier rules do not know (telecom party standards, payment
#: pages, teacher-training records).
NAME_PARTS = {
    "formattedname", "preferredgivenname", "familynameprefix", "legalgivenname",
    "legalfamilyname", "cardholdername", "holdername", "nameoncard", "accountholdername",
    "previouslastname", "previoussurname", "firstnames", "preferredfirstname",
    "preferredname", "subscribername", "patientname", "insuredname", "guarantorname",
    "authorname", "providerlastname", "providerfirstname", "recruitername", "ownerfullname",
    "middleinitial", "nickname", "middlenames", "previousnames", "inductiontutorname",
    "author",
}  # fmt: skip
#: Identifiers of no type of ours: professional and registry numbers, teacher and student
#: numbers, insurance member and group numbers, school and provider registration numbers.
NO_TYPE_IDS = {
    "npi", "trn", "hesaid", "ukprn", "urn", "memberid", "subscriberid", "groupnumber",
    "policynumber", "payoridentification", "payorid", "tradingpartnerserviceid",
    "controlnumber", "reassociationkey", "externalid", "applicationid", "candidateid",
    "traineeid", "participantid", "providerid", "ocid", "planid", "contractid",
}  # fmt: skip
#: Gender keys whose value may be a code (a HESA sex code ``12``, ``M``, ``F``).
GENDER_KEYS = {"sex", "gender", "legalsex", "sexatbirth", "administrativegender"}
#: National insurance and other personal numbers under keys the earlier rules do not know.
NATIONAL_KEYS = {
    "ninumber", "nationalinsurancenumber", "nino", "nationalid", "nationalidentifier",
    "aadhaar", "aadhaarnumber", "nik", "nric", "emiratesid", "iqama", "civilid",
}  # fmt: skip
#: Keys naming an identification document's number when a sibling names its kind.
IDENTIFICATION_KEYS = {"identificationid", "idnumber", "documentnumber", "identificationnumber"}
KIND_WORDS = {"type", "kind", "identificationtype", "idtype", "documenttype"}
KINDS = {
    "passport": "passport_number",
    "passportnumber": "passport_number",
    "nationalid": "national_id",
    "nationalidcard": "national_id",
    "nationalidentitycard": "national_id",
    "identitycard": "national_id",
    "idcard": "national_id",
    "nationalregistrationidentitycard": "national_id",
    "driverslicense": "drivers_license",
    "driverlicense": "drivers_license",
    "drivinglicense": "drivers_license",
    "drivinglicence": "drivers_license",
    "socialsecuritynumber": "us_ssn",
    "ssn": "us_ssn",
    "taxid": "tax_id",
    "taxidentificationnumber": "tax_id",
}
_CODE = re.compile(r"[A-Za-z0-9]{1,3}")
#: A phone number's shape: digits with spaces, dots, dashes, brackets and a leading plus.
_PHONE = re.compile(r"\+?[\d(][\d ()./-]{5,22}\d")
#: Endings of keys that name a phone number the earlier rules do not know (``clinicTelephone``).
PHONE_ENDINGS = ("telephone", "phone", "phonenumber", "mobile", "mobilenumber", "faxnumber")


def _kind_of(sib: dict[str, Any]) -> str | None:
    """The type a sibling names for an identification number (``identificationType:
    passport``)."""
    for k, x in sib.items():
        if "".join(words(k)) in KIND_WORDS and isinstance(x, str):
            kind = KINDS.get(re.sub(r"[^a-z]", "", x.lower()))
            if kind:
                return kind
    return None


def own_words(  # noqa: PLR0911 (one return a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v18's key words give value ``v`` (``None``: no type), or ``False`` where they
    do not decide and v17's rules do."""
    if joined in NO_TYPE_IDS:
        return None
    if joined in NAME_PARTS and "@" not in v:  # (an address there: v17's rules see it)
        if make_v17_rules.stand_in(v, joined) or not make_v17_rules.PERSONISH.fullmatch(v):
            return None
        return None if make_v17_rules.COMPANY.search(v) else "person_name"
    if joined in GENDER_KEYS:
        flat = re.sub(r"[^a-z]", "", v.lower())
        coded = bool(_CODE.fullmatch(v)) and not make_v17_rules.stand_in(v, joined)
        return "gender" if flat in make_v17_rules.GENDER_VALUES or coded else None
    if joined in NATIONAL_KEYS:
        digits = re.sub(r"\W", "", v)
        shaped = len(digits) >= 6 and bool(re.search(r"\d", digits))
        return "national_id" if shaped and not make_v17_rules.stand_in(v, joined) else None
    if joined.endswith(PHONE_ENDINGS) and joined not in make_v17_rules.PHONE:
        shaped = bool(_PHONE.fullmatch(v)) and sum(c.isdigit() for c in v) >= 7
        return "phone" if shaped else None
    if joined in IDENTIFICATION_KEYS:
        kind = _kind_of(sib)
        if kind is None:
            return False
        return kind if len(re.sub(r"\W", "", v)) >= 4 and re.search(r"\d", v) else None
    return False


#: The types of one leaf: v18's own words first, then v17's rules.
leaf_types = layered(own_words, make_v17_rules.leaf_types)
