"""v19's labelling rules: v17's rules (`make_v17_rules`, written for the same convention) with
the key words of v19's own sources layered on top (`real_sets.layered`): Italian tax codes
(a person's codice fiscale is a national id, a company's eleven digits a tax number), Italian
e-invoicing codes, the name of a SEPA mandate's or a card's holder, Spanish and Polish address
and birth keys, and lines of an address that are not its street line. Written under the one
convention of the data README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from detector.eval import make_v17_rules
from detector.eval.real_sets import layered, words

#: Keys of an Italian tax code (``codice fiscale``): a person's (16 characters) or a company's
#: (11 digits, its VAT number's).
IT_TAX_CODE = {"taxcode", "codicefiscale", "codfiscale", "cf", "fiscalcode"}
#: A person's codice fiscale: six letters, then letters and digits (digits may be replaced by
#: letters, ``omocodia``), sixteen characters.
CODICE_FISCALE = re.compile(r"[A-Z]{6}[A-Z0-9]{9}[A-Z]", re.I)
#: Codes that route e-invoices (SDI recipient code) or identify a tax form: ids of no type.
NOT_PERSONAL = {"eicode", "sdicode", "codicedestinatario", "mandate", "last4", "lastfour"}
#: Birth keys the earlier rules lack (``date_birth``, Spanish and Italian forms).
BIRTH = {"datebirth", "birthdt", "fechadenac", "fechanac", "datadinascita", "datanascita"}
#: Lines of an address after its street line (suite, district, landmarks): negatives, as v2's
#: ``line2``.
LATER_LINES = {"line2", "line3", "addressline2", "addressline3", "address2", "address3"}
#: Siblings that make a bare ``name`` a person's: a SEPA mandate's or a card's holder.
HOLDER_SIBLINGS = {"iban", "bic", "datebirth", "birthdate", "dateofbirth", "mandate", "expmonth"}
#: Keys naming a network's DNS servers, gateways and next hops: their addresses are negatives
#: (v2's convention), which v17's key words (``dns``, ``gateway``) miss in these spellings.
NOT_CLIENT_IP = ("nameserver", "gateway", "router", "nexthop", "dns")
#: Keys of a name, and the legal forms (written with dots: ``S.R.L.``, ``S.p.A.``) that make
#: the name a company's.
NAMES = make_v17_rules.NAME_KEYS | make_v17_rules.FIRST_LAST | {"entityname"}
LEGAL_FORM = re.compile(r"\b(s\.\s?r\.\s?l|s\.\s?p\.\s?a|s\.\s?a\.\s?s|s\.\s?n\.\s?c)\b", re.I)
#: Street-line keys the earlier rules lack (Wise's ``firstLine``).
STREET_LINES = {"firstline", "addressfirstline", "streetline"}
#: Bank keys the earlier rules lack (Wise's ``abartn``: an ABA routing transit number).
ROUTING = {"abartn", "abaroutingnumber", "routingtransitnumber"}
#: Zeros alone, with separators: no data (v16's and v17's case), whatever the key.
ZEROS = re.compile(r"([A-Z]{2})?[0\s.,:/-]*0[0\s.,:/-]*")
#: Keys of a person's name the earlier rules lack: a message's recipient, middle names, a
#: card's holder.
RECIPIENT_NAMES = {"toname", "recipientname", "replytoname", "middlenames", "cardholdername"}
#: Bank and branch codes (v2's conventions: a part of a domestic account designation).
BANK_CODES = {"bankcode", "branchcode", "codigobanco", "codicebanca", "abi", "cab"}
#: A street line of a number and short words (``89 E 42nd St``), which v17's street check (a
#: word of three letters) misses.
SHORT_STREET = re.compile(r"\d+[A-Za-z]?\s+\S.*|\S.*\s+\d+[A-Za-z]?")


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v19's own key words give value ``v`` (``False``: v17's rules decide)."""
    named_company = joined in NAMES and LEGAL_FORM.search(v)
    network = any(w in "".join([*parents, joined]).lower() for w in NOT_CLIENT_IP)
    server_ip = network and make_v17_rules._is_ip(v)
    no_type = ZEROS.fullmatch(v) or joined in NOT_PERSONAL or joined in LATER_LINES
    if no_type or named_company or server_ip:
        return None
    if joined in IT_TAX_CODE:
        return _it_tax_code(v)
    shapes = {
        "date_of_birth": joined in BIRTH,
        "phone": joined.endswith("phone") and joined not in make_v17_rules.PHONE,
        "person_name": joined in RECIPIENT_NAMES,
        "street_address": joined in STREET_LINES,
        "bank_account": joined in BANK_CODES or joined in ROUTING,
    }
    for kind, named in shapes.items():
        if named:
            return kind if _SHAPE[kind](v) else None
    if joined in make_v17_rules.STREET and SHORT_STREET.fullmatch(v) and "@" not in v:
        return "street_address"
    if joined == "name" and {"".join(words(k)) for k in sib} & HOLDER_SIBLINGS:
        return "person_name" if make_v17_rules._person(v) else False
    return False


def _it_tax_code(v: str) -> str | None:
    """A person's codice fiscale is a national id, a company's eleven digits a tax number."""
    if CODICE_FISCALE.fullmatch(v):
        return "national_id"
    return "tax_id" if re.fullmatch(r"(IT)?\d{11}", v) else None


def _date(v: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v))


def _street_line(v: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", v))


def _bank_code(v: str) -> bool:
    return bool(re.fullmatch(r"\d{3,11}", v))


#: The shape a value needs to be the type v19's own key words name.
_SHAPE: dict[str, Callable[[str], bool]] = {
    "date_of_birth": _date,
    "phone": make_v17_rules._phone,
    "person_name": make_v17_rules._person,
    "street_address": _street_line,
    "bank_account": _bank_code,
}


leaf_types = layered(_own_words, make_v17_rules.leaf_types)
