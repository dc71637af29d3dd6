"""v30's labelling rules: v29's rules (`make_v29_rules`, written for the same convention, over
v27's and the earlier layers) with the key words of v30's own sources layered on top
(`real_sets.layered`):

- identity documents' numbers by the kind of document a sibling or parent names (a passport's,
  a driving licence's, a national identity card's ``number``, ``identification_number`` or
  ``identity_card_id`` beside a ``type`` of ``PP`` or ``passport``, ``NI`` or ``ID``);
- Brazilian documents by their digits where the key says only "document" (``cpf_cnpj``,
  ``customer_document``, ``national_identifier``): eleven digits are a CPF (``national_id``),
  fourteen a CNPJ (``tax_id``), as v2's list has them; state and municipal taxpayer
  registrations (``inscricao_estadual``, ``inscricao_municipal``), Indonesia's NPWP and China's
  unified social credit code (``license_num``) are ``tax_id``;
- the parts of a domestic account designation under the short keys of Brazilian and British
  banking APIs (``account`` and ``account_digit`` beside a bank code, ``uk_sort_code``,
  ``uk_account_number``, a bank's ``sub_code``), and IBANs under keys ending in ``iban``;
- masked account numbers, sort codes and IBANs (``134598XX``, ``GB69…98XX``) are partial
  values: no label;
- names and numbers of people around a borrower (``mother_maiden_name``,
  ``emergency_contact_name`` and ``…_number``) and contact numbers (``contact_number``,
  ``contact_tel``, ``cellphone_notification``).

Written under the one convention of the data README ("One convention, from v16 on"); no
detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v29_rules
from detector.eval.real_sets import layered, words

#: A document kind's words (``type`` values, or a parent's key) → the type its number is.
DOCUMENT_KINDS = {
    "passport": "passport_number",
    "pp": "passport_number",
    "drivinglicence": "drivers_license",
    "drivinglicense": "drivers_license",
    "driverslicense": "drivers_license",
    "driverlicense": "drivers_license",
    "nationalid": "national_id",
    "idcard": "national_id",
    "nationalidentitycard": "national_id",
    "ni": "national_id",
    "id": "national_id",
    "ot": "national_id",
}
#: Keys holding an identity document's number, whose kind a sibling names.
NUMBER_KEYS = {"number", "documentnumber", "docnumber", "idnumber", "identificationnumber"}
#: Keys holding an identity card's number (a national id unless a sibling says otherwise).
ID_CARD_KEYS = {"identitycardid", "idcardnum", "owneridcard"}
#: Keys naming a document's kind beside its number.
KIND_KEYS = {
    "type",
    "documenttype",
    "doctype",
    "idtype",
    "kind",
    "identificationtype",
    "identitycardtype",
    "idcardtype",
}
#: Keys holding a Brazilian document whose digits tell a CPF from a CNPJ.
BR_DOCUMENT_KEYS = {
    "cpfcnpj",
    "cnpjcpf",
    "customerdocument",
    "payeedocument",
    "nationalidentifier",
    "document",
    "cpf",
    "cnpj",
}
#: Keys of a tax registration number.
TAX_KEYS = {"inscricaoestadual", "inscricaomunicipal", "npwp", "licensenum"}
#: Keys of parts of a domestic account designation, whatever their siblings.
ACCOUNT_KEYS = {"uksortcode", "ukaccountnumber", "banksubcode", "cyberbankcode", "accountnum"}
#: Keys of parts of an account designation when a sibling is a bank or branch code.
ACCOUNT_PARTS = {"account", "accountdigit", "agency", "agencydigit", "branch", "branchdigit"}
#: Siblings that make `ACCOUNT_PARTS` a bank account's parts.
BANK_SIBLINGS = {"bankcode", "agency", "bank"}
#: Keys of a person's name beside a borrower's.
NAME_KEYS = {"mothermaidenname", "emergencycontactname", "namenotification"}
#: Keys of a phone number.
PHONE_KEYS = {"emergencycontactnumber", "contactnumber", "contacttel", "cellphonenotification"}
#: Keys of account designations and IBANs whose masked values are partial.
MASKABLE = re.compile(r"(account|sortcode|bankcode|iban)")
#: A value masked at its end (``123397XX``, ``2314XX/13459XX``).
MASKED = re.compile(r"\d(?:X{2,}|\*{2,}|x{2,})(?:$|/)")
#: An IBAN's shape: two letters, two check digits, 11 to 30 letters and digits (spaces allowed).
IBAN = re.compile(r"^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$")


def _kind(sib: dict[str, Any], parents: list[str]) -> str | None:
    """The type a document's number has by the kind its sibling or parent names."""
    for key, value in sib.items():
        if "".join(words(key)) in KIND_KEYS and isinstance(value, str):
            kind = DOCUMENT_KINDS.get("".join(words(value)))
            if kind:
                return kind
    if parents:
        return DOCUMENT_KINDS.get("".join(words(parents[-1])))
    return None


def _br_document(v: str) -> str | None:
    """A CPF (eleven digits) is a ``national_id``, a CNPJ (fourteen) a ``tax_id``."""
    digits = re.sub(r"[.\-/ ]", "", v)
    if not digits.isdigit():
        return None
    return {11: "national_id", 14: "tax_id"}.get(len(digits))


def _own_words(  # noqa: PLR0911 (one return per key family)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v30's own key words give value ``v`` (``False``: v29's rules decide)."""
    if MASKABLE.search(joined) and MASKED.search(v):
        return None
    if joined in NUMBER_KEYS and v.strip():
        kind = _kind(sib, parents)
        if kind and any(c.isdigit() for c in v):
            return kind
        if joined == "identificationnumber":
            return "national_id" if any(c.isdigit() for c in v) else None
    if joined in ID_CARD_KEYS:
        kind = _kind(sib, parents)
        return (kind or "national_id") if any(c.isdigit() for c in v) else None
    if joined in BR_DOCUMENT_KEYS:
        found = _br_document(v)
        if found or joined != "document":
            return found
    if joined in TAX_KEYS:
        return "tax_id" if any(c.isdigit() for c in v) else None
    if joined in ACCOUNT_KEYS or (
        joined in ACCOUNT_PARTS and any("".join(words(k)) in BANK_SIBLINGS for k in sib)
    ):
        return "bank_account" if v.isdigit() else None
    if joined == "iban" or joined.endswith("iban"):
        return "iban" if IBAN.match(v.upper()) else None
    if joined in NAME_KEYS:
        return "person_name" if v.strip() else None
    if joined in PHONE_KEYS:
        return "phone" if make_v17_rules._phone(v) else None
    return False


leaf_types = layered(_own_words, make_v29_rules.leaf_types)
