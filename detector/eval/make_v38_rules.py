"""v38's labelling rules: v35's rules (`make_v35_rules`, v33's over v31's and the earlier sets')
with the key words of v38's own sources layered on top (`real_sets.layered`). Written under the
one convention of the data README ("One convention, from v16 on"); no detector code is imported.

v38's own words are those of Brazilian payment records (Kobana's boletos and Pix): a CPF or a
CNPJ under a document key takes its kind from its shape (a CPF is a person's number,
`national_id`; a CNPJ a company's tax number, `tax_id`), a payer's or beneficiary's name and the
names of a person's parents are names, a street written with its type (``Av.``, ``Rua``) under an
address key is a street line, a mobile number is a phone, and a bank's code is part of the
account's designation (v2's bank codes).
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

_CPF = re.compile(r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}")
_CNPJ = re.compile(r"[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}/?[0-9A-Z]{4}-?\d{2}")
_DOCUMENT_KEYS = {"documentnumber", "taxpayernumber", "cnpjcpf", "cpfcnpj"}

#: A company's or institution's name (Portuguese legal forms and words), not a person's.
_COMPANY = re.compile(
    r"\b(ltda|s/?a|eireli|me|epp|tecnologia|institui[cç][aã]o|banco|receita|empresa|"
    r"kobana|pagamento|servi[cç]os|com[eé]rcio)\b\.?",
    re.I,
)
_PERSON_KEYS = ("fathername", "mothername", "personname", "contactperson", "taxpayername")
_PERSON_PARENTS = {"payer", "beneficiary", "personinfo", "signers", "accountowner"}
_PERSON_PARENTS |= {"bankmanager", "letterowner", "guarantor", "guarantordrawer"}

_STREET_TYPE = re.compile(
    r"(av\.?|avenida|rua|r\.|travessa|tv\.|alameda|al\.|rodovia|pra[cç]a|estrada|largo)\s+\S",
    re.I,
)
_ADDRESS_WORDS = {"address", "street", "endereco", "logradouro"}
_NOT_STREET_WORDS = {"city", "zip", "zipcode", "number", "complement", "neighborhood", "state"}
_NOT_STREET_WORDS |= {"code", "postal", "type"}

_PHONE = re.compile(r"\+?\d[\d ()-]{7,16}\d")
_NOT_PHONE_WORDS = {"id", "uid", "code", "count", "type", "extension", "ext", "verified"}

_BANK_CODE_KEYS = {"banknumber", "paidbank", "bankcode", "agencynumber", "ispb", "ispbnumber"}


def _cpf_valid(v: str) -> bool:
    """Whether a CPF's two check digits hold (a CPF whose check fails is a negative)."""
    d = [int(c) for c in v if c.isdigit()]
    if len(d) != 11 or len(set(d)) == 1:
        return False
    return all(sum(d[i] * (n + 1 - i) for i in range(n)) * 10 % 11 % 10 == d[n] for n in (9, 10))


def _cnpj_valid(v: str) -> bool:
    """Whether a CNPJ's two check digits hold, numeric or alphanumeric (each character counts as
    its code less 48, the federal revenue's rule for the alphanumeric CNPJ)."""
    c = [ord(ch) - 48 for ch in v.upper() if ch.isalnum()]
    if len(c) != 14:
        return False
    for n in (12, 13):
        weights = [*range(n - 7, 1, -1), *range(9, 1, -1)]
        r = sum(a * w for a, w in zip(c[:n], weights, strict=True)) % 11
        if (0 if r < 2 else 11 - r) != c[n]:
            return False
    return True


def _document(parents: list[str], words: set[str], joined: str, v: str) -> str | bool | None:
    """A CPF or a CNPJ under a document key: its kind by its shape, none where its check digits
    fail."""
    if not ({"cpf", "cnpj"} & words or joined in _DOCUMENT_KEYS):
        return False
    if _CPF.fullmatch(v):
        return "national_id" if _cpf_valid(v) else None
    if _CNPJ.fullmatch(v):
        return "tax_id" if _cnpj_valid(v) else None
    return False


def _person(parents: list[str], words: set[str], joined: str, v: str) -> str | bool | None:
    """A payer's, beneficiary's, account owner's or parent's name: a name unless a company's."""
    parent = parents[-1].lower().replace("_", "") if parents else ""
    if not joined.endswith(_PERSON_KEYS) and not (
        joined in {"name", "legalname"} and parent in _PERSON_PARENTS
    ):
        return False
    if _COMPANY.search(v):
        return None
    return "person_name" if re.search(r"[^\W\d_]{2}", v) else False


def _street(parents: list[str], words: set[str], joined: str, v: str) -> str | bool | None:
    """A street written with its type under an address key (not its number, city or code)."""
    if words & _ADDRESS_WORDS and not words & _NOT_STREET_WORDS and _STREET_TYPE.match(v):
        return "street_address" if "@" not in v else False
    return False


def _phone(parents: list[str], words: set[str], joined: str, v: str) -> str | bool | None:
    """A mobile or phone number under a mobile or phone key (not its code or id)."""
    if {"mobile", "phone"} & words and not words & _NOT_PHONE_WORDS and _PHONE.fullmatch(v):
        return "phone"
    return False


def _bank(parents: list[str], words: set[str], joined: str, v: str) -> str | bool | None:
    """An account number of four digits or more, a bank's or an agency's code (zeros alone are
    no data)."""
    if (joined == "accountnumber" and v.isdigit() and len(v) >= 4) or (
        joined in _BANK_CODE_KEYS and v.isdigit()
    ):
        return "bank_account" if v.strip("0") else None
    return False


_RULES = (_document, _person, _street, _phone, _bank)


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v38's own key words give value ``v`` (``False``: v35's rules decide)."""
    for rule in _RULES:
        found = rule(parents, set(ws), joined, v)
        if found is not False:
            return found
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
