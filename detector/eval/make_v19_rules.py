"""v19's labelling rules: v17's rules (`make_v17_rules`, written for the same convention) with
the key words of v19's own sources layered on top (`real_sets.layered`): Italian tax codes
(a person's codice fiscale is a national id, a company's eleven digits a tax number), Italian
e-invoicing codes, the name of a SEPA mandate's or a card's holder, Spanish and Polish address
and birth keys, and lines of an address that are not its street line. Written under the one
convention of the data README ("One convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
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
HOLDER_SIBLINGS = {"iban", "bic", "datebirth", "birthdate", "mandate", "expmonth"}
#: Keys of the name of a message's recipient.
RECIPIENT_NAMES = {"toname", "recipientname", "replytoname"}
#: Bank and branch codes (v2's conventions: a part of a domestic account designation).
BANK_CODES = {"bankcode", "branchcode", "codigobanco", "codicebanca", "abi", "cab"}
#: A street line of a number and short words (``89 E 42nd St``), which v17's street check (a
#: word of three letters) misses.
SHORT_STREET = re.compile(r"\d+[A-Za-z]?\s+\S.*|\S.*\s+\d+[A-Za-z]?")


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v19's own key words give value ``v`` (``False``: v17's rules decide)."""
    if joined in IT_TAX_CODE:
        if CODICE_FISCALE.fullmatch(v):
            return "national_id"
        return "tax_id" if re.fullmatch(r"(IT)?\d{11}", v) else None
    if joined in NOT_PERSONAL:
        return None
    if joined in BIRTH:
        return "date_of_birth" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else None
    if joined in LATER_LINES:
        return None
    return _own_contact_words(joined, v, sib)


def _own_contact_words(joined: str, v: str, sib: dict[str, Any]) -> str | bool | None:
    """The contact keys v19 adds: phones under any ``…phone`` key, recipients' names, bank
    codes, short street lines, the name of a SEPA mandate's or a card's holder."""
    if joined.endswith("phone") and joined not in make_v17_rules.PHONE:
        return "phone" if make_v17_rules._phone(v) else None
    if joined in RECIPIENT_NAMES:
        return "person_name" if make_v17_rules._person(v) else None
    if joined in BANK_CODES:
        return "bank_account" if re.fullmatch(r"\d{3,11}", v) else None
    if joined in make_v17_rules.STREET and SHORT_STREET.fullmatch(v) and "@" not in v:
        return "street_address"
    if joined == "name":
        keys = {"".join(words(k)) for k in sib}
        if keys & HOLDER_SIBLINGS and make_v17_rules._person(v):
            return "person_name"
    return False


leaf_types = layered(_own_words, make_v17_rules.leaf_types)
