"""Bank details beyond IBAN that a key names and the value's shape confirms.

A routing number, sort code, BSB, CLABE, transit or institution number is a string of digits
that could be anything; what makes it a bank detail is a key that names the kind (``routing
number``, ``sortCode``, ``institutionNumber``, NACHA's ``RDFIIdentification``) and a value of
a bank code's shape. Under keys that only NACHA (ACH) files use for a bank
(``immediateOrigin``, ``immediateDestination``) the value must also pass the ABA checksum.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from detector import validators as v
from detector.features import key_tokens

#: Key words that name a bank's, branch's or account's domestic code by themselves: ABA
#: routing (``rtn``; NACHA's depository financial institution, ``dfi``, ``odfi``,
#: ``rdfi``), sort code, BSB, CLABE, IFSC, Bankleitzahl, BBAN, clearing numbers, Poland's
#: NRB, France's RIB, Argentina's CBU/CVU, Brazil's COMPE and ISPB bank codes and its
#: branch (``agencia``), Russia's BIK.
_BANK_WORDS = frozenset(
    {"routing", "aba", "abartn", "rtn", "dfi", "odfi", "rdfi", "sortcode", "bsb", "clabe", "ifsc",
     "blz", "bankleitzahl", "bban", "clearingnummer", "clearingnumber", "bankgiro", "plusgiro",
     "nrb", "rib", "cbu", "cvu", "compe", "ispb", "agencia", "agência", "bik"}
)  # fmt: skip
#: Two consecutive key words that name one (``sort_code``, ``transitNumber``).
_BANK_PHRASES = frozenset(
    {("sort", "code"), ("transit", "number"), ("transit", "code"), ("institution", "number"),
     ("institution", "code"), ("branch", "code"), ("branch", "number"), ("bank", "code"),
     ("bank", "number"), ("clearing", "number"), ("clearing", "code"), ("routing", "number"),
     ("agency", "number"), ("agencia", "numero")}
)  # fmt: skip
#: NACHA file header fields that hold a bank's routing number (possibly behind one blank or
#: letter): weaker words, so the value must pass the ABA checksum too.
_ACH_PHRASES = frozenset({("immediate", "origin"), ("immediate", "destination")})
#: Words after which the field is about the code, not the code (``routing_number_type``,
#: ``bank_code_name``, ``sort_code_verified``).
_NOT_THE_CODE = frozenset(
    {"name", "type", "country", "currency", "address", "city", "status", "result", "check",
     "verified", "verification", "valid", "format", "scheme", "key", "label", "description",
     "swift", "bic", "last4", "last", "ending", "mask", "masked", "hint"}
)  # fmt: skip

STRONG = 2
WEAK = 1


@lru_cache(maxsize=65_536)
def bank_key(key: str) -> int:
    """`STRONG` when the key names a bank code, `WEAK` for NACHA's origin/destination, else 0."""
    words = key_tokens(key).split()
    if not words or _NOT_THE_CODE.intersection(words):
        return 0
    pairs = set(pairwise(words))
    if _BANK_WORDS.intersection(words) or pairs & _BANK_PHRASES:
        return STRONG
    return WEAK if pairs & _ACH_PHRASES else 0


_SEPARATORS = re.compile(r"[\s\-./]")


def bank_code_shape(text: str, strength: int) -> bool:
    """A value a bank code can be: 3 to 34 digits (spaces, dashes, dots allowed) with at
    most one letter (a check character) or an IFSC code; for `WEAK` keys a 9-digit ABA
    routing number, possibly behind one letter (NACHA's 10-character origin field)."""
    compact = _SEPARATORS.sub("", text)
    if strength == WEAK:
        if len(compact) == 10 and compact[0].isalpha():
            compact = compact[1:]
        return v.is_aba_routing(compact) and compact != "000000000"
    if v.is_ifsc(compact):
        return True
    digits = sum(c.isdigit() for c in compact)
    return (
        3 <= digits <= 34
        and compact.isascii()
        and compact.isalnum()
        and len(compact) - digits <= 1
        and len(set(compact)) > 1  # "000" is a stand-in
        and not counting_digits(compact)  # so are "123", "12345"
    )


def counting_digits(text: str) -> bool:
    """Digits counting up from 1 (``123``, ``12345``, ``1234567890``): a stand-in."""
    return len(text) >= 3 and "1234567890".startswith(text)


def is_bank_detail(value: object, key: str) -> bool:
    """Whether ``value`` under ``key`` is a bank detail by the key's word and its shape."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return False
    strength = bank_key(key)
    return bool(strength) and bank_code_shape(str(value), strength)


#: Keys that say some number and not what it numbers (``accounts[*].number``).
_ACCOUNT_NUMBER_KEYS = frozenset({"number", "num", "no", "nr", "numero", "account", "conta"})


def account_beside_bank_code(key: str, value: object) -> bool:
    """The account number of an object that also holds a bank or branch code (Open Banking
    Brasil's ``{"compeCode": …, "branchCode": …, "number": "24550245"}``): a bare number key
    whose value has an account number's shape (5 to 20 digits, at most one letter or a dash
    before a check digit), the caller having found the sibling (`bank_key`)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return False
    if key_tokens(key) not in _ACCOUNT_NUMBER_KEYS:
        return False
    compact = _SEPARATORS.sub("", str(value))
    digits = sum(c.isdigit() for c in compact)
    return (
        5 <= digits <= 20
        and compact.isascii()
        and compact.isalnum()
        and len(compact) - digits <= 1
        and len(set(compact)) > 1
        and not counting_digits(compact)
    )
