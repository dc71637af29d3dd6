"""v23's labelling rules: v22's rules (`make_v22_rules`, written for the same convention, over
v21's, v19's and v17's) with the key words of v23's own sources layered on top
(`real_sets.layered`): a loyalty platform's typed identifiers and a rental shop's typed
properties (``{"type": "mobile", "value": …}``), senders' and merge-tag names, numbered phone
keys, the logins of tills and integrations that created a record, gender codes, a street
written on an address's second line, password hashes, identity document numbers beside their
kind, an insurer's Spanish address and phone fields, system-assigned logins (opaque open ids,
prefixed sequences), e-mail Message-IDs and values that only name the field. Written under the
one convention of the data README ("One convention, from v16 on"); no detector code is
imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v22_rules
from detector.eval.real_sets import layered, words

#: Parents whose items are typed identifiers: a ``value`` there takes its ``type``'s kind or is
#: a system id (external id, card number, WeChat open id).
IDENTIFIER_LISTS = {"identifiers", "identifiersall", "commchannels", "primarymemberidentifier"}
#: A login the platform assigns: an opaque open id (``oys4MwbUc1d5AUi19pwoF36QaWCI``) or a
#: short prefix and a zero-padded sequence (``k1t00005``): system ids, not usernames (decided
#: once for the set, see the data README's v23 section).
OPEN_ID = re.compile(r"(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9_-]{20,}")
SEQUENCE_LOGIN = re.compile(r"[A-Za-z][A-Za-z0-9]{0,3}0\d{3,}")
USERNAME_KEYS = {"username", "login", "userid", "screenname"}
#: Values that only name the field, a placeholder's type or keyboard noise.
NO_SHAPE = {"fname", "lname", "blah", "blah blah", "string", "text"}
PLACEHOLDER = re.compile(r"\[\w+\]")
#: Keys of a person's name the earlier rules lack: a sender's, a recipient's, merge tags, a
#: real name and the name a login service gave.
NAME_KEYS = {
    "fromname", "sendername", "sendusername", "replytoname", "toname", "fname", "lname",
    "realname", "sourcename",
}  # fmt: skip
#: The parents naming who created or changed a record: their ``name`` is a login.
ACTORS = {"createdby", "modifiedby", "lastupdatedby"}
#: An address's second line holding a street (a number and a street word), not a flat.
SECOND_LINE = {"addressline2", "address2"}
#: Keys of an identity document's number and the siblings naming its kind (a Bolivian or
#: Colombian cédula, ``CI``/``CC``, or a document type code): the number is `national_id`.
ID_NUMBER_KEYS = {"numerodeidentificacion", "nrodoc", "numerodocumento"}
ID_KIND_KEYS = ("tipodeidentificacion", "tipoidentificacion", "tipodoc")
#: Spanish text fields of an insurer's address and phone records.
SPANISH_KEYS = {"txtdireccion": "street_address", "txttelefono": "phone"}
STREET_WORD = re.compile(r"\b(street|st|road|rd|avenue|ave|lane|ln|way|drive|dr|hwy|blvd)\b", re.I)


def _typed_value(parents: list[str], v: str, kind_word: str) -> str | bool | None:
    """The type of an identifier's or a property's ``value`` by its ``type`` sibling."""
    if any(w in kind_word for w in ("mobile", "phone")):
        return "phone" if make_v17_rules._phone(v) else None
    if "email" in kind_word:
        return "email" if make_v17_rules.EMAIL.fullmatch(v) else None
    return None if parents and "".join(words(parents[-1])) in IDENTIFIER_LISTS else False


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v23's own key words give value ``v`` (``False``: v22's rules decide)."""
    if v.lower() in NO_SHAPE or PLACEHOLDER.fullmatch(v):
        return None
    if joined == "value" and isinstance(sib.get("type"), str):
        return _typed_value(parents, v, sib["type"].lower())
    if joined in USERNAME_KEYS and (OPEN_ID.fullmatch(v) or SEQUENCE_LOGIN.fullmatch(v)):
        return None
    if "message" in ws and ws[-1] == "id":
        return None  # an e-mail's Message-ID (``<hash>@host``) names a message, not a mailbox
    if joined in NAME_KEYS:
        return "person_name" if make_v17_rules._person(v) else None
    if re.fullmatch(r"phone\d", joined):
        return "phone" if make_v17_rules._phone(v) else None
    if joined == "longtitude":  # (so spelt in a store locator)
        return "geo_location" if make_v17_rules._coordinate(v, 180) else None
    return _more_words(parents, joined, v, sib)


def _identity(joined: str, v: str, sib: dict[str, Any]) -> str | bool | None:
    """An identity document's number beside its kind, and an insurer's Spanish address and
    phone fields."""
    if joined in ID_NUMBER_KEYS and any("".join(words(k)) in ID_KIND_KEYS for k in sib):
        return "national_id" if re.fullmatch(r"\d{5,12}", v) else None
    if joined in SPANISH_KEYS:
        shaped = make_v17_rules._phone(v) if joined == "txttelefono" else re.search(r"\d", v)
        return SPANISH_KEYS[joined] if shaped else None
    return False


def _more_words(parents: list[str], joined: str, v: str, sib: dict[str, Any]) -> str | bool | None:
    """The rest of v23's key words: actors' logins, gender codes, second lines, hashes,
    identity documents."""
    parent = "".join(words(parents[-1])) if parents else ""
    if parent in ACTORS and joined == "name":
        return "username" if make_v17_rules._login(v) else None
    if joined == "gender" and v in {"0", "1", "2"}:
        return "gender"  # a gender code (decided once for the set, see the data README)
    if joined in SECOND_LINE and re.search(r"\d", v) and STREET_WORD.search(v):
        return "street_address"
    if joined == "passwordhash":
        return "password"  # a password's hash under a password key (see the data README)
    return _identity(joined, v, sib)


leaf_types = layered(_own_words, make_v22_rules.leaf_types)
