"""v16's labelling rules: the types of one JSON leaf from its key's words (any casing, English and
Japanese key words) and its value's shape (python-stdnum for check digits). Written for v16 under
the data README's one convention ("One convention, from v16 on"): a stand-in with the type's shape
is the type, a value without it (``string``, ``xxx``, masked, a template, the key repeated) is
not, system-assigned ids are never logins. No detector code is imported; the hand decisions in
``data/v16/overrides.json`` set right what these rules get wrong.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

from stdnum import iban, luhn
from stdnum.exceptions import ValidationError

from detector.eval.real_sets import words

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
JWT = re.compile(r"eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")
MAC = re.compile(r"([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([T ][\d:.]+Z?)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
LOGIN = re.compile(r"[A-Za-z][\w.@+-]{1,40}")
NAME = re.compile(r"[^\W\d_]+([ _.,/'\u2019-]+[^\W\d_]*)*")
PHONE = re.compile(r"\+?[\d ().-]{7,22}( ?(x|ext\.?) ?\d{1,5})?")

#: Values that hold no type whatever the key (the convention's stand-ins without shape).
SHAPELESS = {"string", "null", "none", "n/a", "na", "-", "--", "unknown", "redacted", "filtered"}
#: A value of zeros alone (``0``, ``0.0``, ``0000000000``, ``0.0.0.0``): a null written as digits.
ZEROS = re.compile(r"[0 .:()+-]*0[0 .:()+-]*")
_PLACEHOLDER = re.compile(
    r"\*{3}|x{3,}|•|^<.*>$|^\[.*\]$|^\{\{.*\}\}$|<%=|\$\{|^your[_ -]|\.\.\.$|…$|^enter ", re.I
)

#: Key words (lower case, joined) of each type; a key matches when its joined words are one of
#: these or end with one (``insurancepolicyholderfirstname``).
NAME_KEYS = (
    "firstname",
    "lastname",
    "middlename",
    "givenname",
    "familyname",
    "surname",
    "fullname",
    "forename",
    "preferredname",
    "maidenname",
    "firstnamealias",
    "lastnamealias",
    "middlenamealias",
    "parentguardianname",
    "staffname",
    "patientname",
    "studentname",
    "schedulingname",
    "contactname",
    "mailingname",
    "principalname",
    "supervisorname",
    "providername",
    "guardianname",
    "userdisplayname",
    "seimei",
    "furigana",
)
#: Keys that are a part of a name only under a ``name`` object (Clever's ``name.first``, FHIR's
#: ``given`` and ``family``).
NAME_PARTS = {"first", "last", "middle", "given", "family"}
#: Words of a parent or of the key that make a bare ``name`` a person's.
PERSON = {
    "patient",
    "student",
    "teacher",
    "principal",
    "contact",
    "guarantor",
    "employee",
    "staff",
    "user",
    "candidate",
    "applicant",
    "guardian",
    "parent",
    "customer",
    "member",
    "subscriber",
    "insured",
    "sender",
    "recipient",
    "payer",
    "person",
    "admin",
    "author",
    "physician",
    "clinician",
    "manager",
    "recruiter",
    "interviewer",
    "hiring",
    "owner",
    "creator",
    "profile",
    "nextofkin",
    "emergency",
}
PHONE_WORDS = {"phone", "mobile", "tel", "telephone", "fax", "msisdn", "cell", "cellphone", "pager"}
ADDRESS_KEYS = (
    "address",
    "address1",
    "addressline1",
    "addressline",
    "addresslines",
    "streetaddress",
    "street",
    "streetname",
    "line1",
    "住所",
)
NOT_ADDRESS = ("emailaddress", "macaddress", "webaddress", "walletaddress")
USER_KEYS = {
    "username",
    "login",
    "loginid",
    "userid",
    "usercode",
    "handle",
    "screenname",
    "createdby",
    "lastmodifiedby",
    "createduser",
    "lastmodifieduser",
    "assigneduser",
    "ownerusercode",
    "registusercode",
    "updateusercode",
}
SECRET_WORDS = {
    "secret",
    "token",
    "apikey",
    "privatekey",
    "accesstoken",
    "refreshtoken",
    "accesskey",
}
NOT_SECRET = {"type", "expires", "expiry", "url", "uri", "hint", "hashed", "id", "name", "count"}
GENDERS = {"m", "f", "male", "female", "man", "woman", "other", "non-binary", "nonbinary", "x"}
GENDERS |= {"男", "女", "男性", "女性"}
NATIONAL_KEYS = {"nationalid", "nin", "mynumber", "nationalidnumber", "personalnumber"}
TAX_KEYS = {"taxid", "tin", "ein", "taxnumber", "vatnumber", "federaltaxid", "taxidentifier"}


#: A rule's verdict on one leaf: a type, ``None`` (the key names the rule's type but the value
#: lacks its shape: no type) or ``False`` (the key is not the rule's: the next rule decides).
Verdict = str | bool | None
Rule = Callable[[list[str], str, set[str], str, dict[str, Any]], Verdict]


def leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The types of the scalar ``value`` under ``key`` (its ``parents``' keys and its
    ``siblings`` beside it): at most one from the key, else the value's own shape (an e-mail
    address, a JWT, an IBAN, a MAC address); an e-mail address inside free text too."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return set()
    text = str(value).strip()
    ws = words(key) or [key.lower()]
    joined = "".join(ws)
    if shapeless(text, joined):
        return set()
    context = {w for p in parents[-3:] for w in words(p)} | set(ws)
    found = by_key(ws, joined, context, text, sib)
    if found is None:
        found = by_value(text, joined)
    if found is not None:
        return {found}
    if EMAIL.search(text) and " " in text:
        return {"email"}  # free text holding an address
    return set()


def shapeless(text: str, joined: str) -> bool:
    """A value without any type's shape: a known stand-in word, a mask, a template, an
    ellipsis, or the key repeated."""
    low = text.lower()
    return (
        low in SHAPELESS
        or bool(ZEROS.fullmatch(text) or _PLACEHOLDER.search(text))
        or re.sub(r"[^a-z]", "", low) == joined
    )


def by_key(
    ws: list[str], joined: str, context: set[str], text: str, sib: dict[str, Any]
) -> str | None:
    """The type the key's words name, if the value has that type's shape."""
    rules: tuple[Rule, ...] = (
        _password,
        _secret,
        _email_key,
        _phone,
        _birth,
        _gender,
        _ids,
        _name,
        _login,
        _address,
        _ip,
        _geo,
        _card,
        _bank,
    )
    for rule in rules:
        t = rule(ws, joined, context, text, sib)
        if t is not False:
            return t if isinstance(t, str) else None
    return None


def _password(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not ({"password", "passwd", "pwd", "passcode"} & set(ws)):
        return False
    return "password" if " " not in text and len(text) >= 4 else None


def _secret(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if JWT.search(text):
        return "jwt"
    named = SECRET_WORDS & set(ws) or joined.endswith(("accesskey", "secretkey", "apisecret"))
    if not named or NOT_SECRET & set(ws):
        return False
    return "secret_key" if len(text) >= 12 and " " not in text.removeprefix("Bearer ") else None


def _email_key(
    ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]
) -> Verdict:
    if EMAIL.fullmatch(text.removeprefix("mailto:")):
        return "email"
    return None if {"email", "mail", "emailaddress"} & set(ws) else False


def _phone(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    under_phone = bool({"phone", "phonenumber", "phones", "telecom"} & ctx)
    if not (PHONE_WORDS & set(ws) or joined.endswith("phone") or "電話" in joined or under_phone):
        return False
    if {"type", "preference", "extension", "country", "code"} & set(ws):
        return None
    digits = sum(c.isdigit() for c in text)
    return "phone" if PHONE.fullmatch(text) and 7 <= digits <= 15 else None


def _birth(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not ("birth" in joined or "dob" in ws or joined.endswith("dob") or "生年月日" in joined):
        return False
    if {"sex", "gender"} & set(ws):
        return False  # sex at birth
    if {"place", "country", "city", "state"} & set(ws) or "birthplace" in joined:
        return None
    year = re.fullmatch(r"(19|20)\d\d", text)
    return "date_of_birth" if DATE.fullmatch(text) or year or _long_date(text) else None


def _long_date(text: str) -> bool:
    """A date written out (``Fri Aug 16 00:00:00 1940``)."""
    return bool(re.fullmatch(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} [\d:]+ \d{4}", text))


def _gender(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not ({"gender", "sex"} & set(ws) or joined.endswith(("gender", "sex"))):
        return False
    return "gender" if text.lower() in GENDERS else None


#: The id types by key: a test of the key's words and joined words, the type, the value's shape.
ID_RULES: tuple[tuple[Callable[[list[str], str], bool], str, re.Pattern[str]], ...] = (
    (
        lambda ws, j: j.endswith("ssn") or "socialsecurity" in j,
        "us_ssn",
        re.compile(r"\d{3}-?\d{2}-?\d{4}"),
    ),
    (
        lambda ws, j: j in TAX_KEYS or j.endswith(("taxid", "taxnumber")),
        "tax_id",
        re.compile(r"\D*(\d\D*){6,}"),
    ),
    (lambda ws, j: "passport" in j, "passport_number", re.compile(r"[A-Z0-9]{6,12}")),
    (
        lambda ws, j: "driverslicense" in j or "driverlicense" in j,
        "drivers_license",
        re.compile(r".*\d{4}.*"),
    ),
    (lambda ws, j: j in NATIONAL_KEYS, "national_id", re.compile(r"\D*(\d\D*){6,}")),
)
#: An identity document's kind (the ``type`` beside its ``number``) → the number's type.
DOCUMENT_KINDS = {
    "passport": "passport_number",
    "driving_license": "drivers_license",
    "id_card": "national_id",
}


def _ids(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    """SSNs, tax ids, passports, driver's licences and national ids by their keys (and a
    document's number by the kind beside it)."""
    for named, kind, shape in ID_RULES:
        if named(ws, joined):
            return kind if shape.fullmatch(text) else None
    if joined == "number" and "document" in ctx:
        return DOCUMENT_KINDS.get(str(sib.get("type", "")).lower())
    return False


def _name(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    named = joined.endswith(NAME_KEYS) or (joined in NAME_PARTS and "name" in ctx)
    person = joined == "name" and bool(PERSON & {w.removesuffix("s") for w in ctx})
    if not (named or person or (joined == "displayname" and PERSON & ctx)):
        return False
    return "person_name" if NAME.fullmatch(text) and len(text) <= 60 else None


def _login(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    login = "login" in ws and not {"email", "mode", "date", "time", "at"} & set(ws)
    if not (joined in USER_KEYS or joined.endswith("username") or login):
        return False
    system = UUID.search(text) or text.isdigit() or re.fullmatch(r"[0-9a-f]{16,}", text)
    return "username" if LOGIN.fullmatch(text) and not system else None


def _address(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not joined.endswith(ADDRESS_KEYS) or joined.endswith(NOT_ADDRESS):
        return False
    if _is_ip(text):
        return "ip_address"  # an address of a device (``ipv4Address``, ``publicAddress``)
    if {"type", "verified", "city", "state", "zip"} & set(ws):
        return None
    has_digit = any(c.isdigit() for c in text)
    street = joined.endswith("streetname") and text.isalpha()
    return "street_address" if (has_digit or street) and re.search(r"[^\W\d_]", text) else None


def _ip(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not ({"ip", "ipv4", "ipv6", "clientip", "remoteip"} & set(ws) or "ipaddr" in joined):
        return False
    return "ip_address" if _is_ip(text) else None


def _is_ip(text: str) -> bool:
    """An IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _geo(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not ({"lat", "latitude", "lng", "lon", "longitude"} & set(ws)):
        return False
    try:
        number = float(text)
    except ValueError:
        return None
    return "geo_location" if -180 <= number <= 180 else None


def _card(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    if not (("card" in ws and {"number", "pan"} & set(ws)) or joined in {"cardnumber", "pan"}):
        return False
    digits = re.sub(r"[ -]", "", text)
    return "credit_card" if digits.isdigit() and 13 <= len(digits) <= 19 and _luhn(digits) else None


def _luhn(digits: str) -> bool:
    try:
        luhn.validate(digits)
    except ValidationError:
        return False
    return True


def _bank(ws: list[str], joined: str, ctx: set[str], text: str, sib: dict[str, Any]) -> Verdict:
    banked = "bank" in ctx or any("bank" in str(k).lower() for k in sib)
    account = joined in {"accountnumber", "bankaccountnumber", "routingnumber", "口座番号"}
    if not (account and (banked or joined != "accountnumber")):
        return False
    return "bank_account" if re.fullmatch(r"[\d -]{6,20}", text) else None


def by_value(text: str, joined: str) -> str | None:
    """A type the value shows whatever its key: an e-mail address, a JWT, a valid IBAN, a MAC
    address."""
    if EMAIL.fullmatch(text):
        return "email"
    if JWT.search(text):
        return "jwt"
    if MAC.fullmatch(text):
        return "mac_address"
    compact = text.replace(" ", "")
    if len(compact) >= 15 and compact[:2].isalpha() and iban.is_valid(compact):
        return "iban"
    return None
