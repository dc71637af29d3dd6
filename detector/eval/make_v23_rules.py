"""v23's labelling rules: v22's rules (`make_v22_rules`, written for the same convention, over
v21's, v19's and v17's) with the key words of v23's own sources layered on top
(`real_sets.layered`): a loyalty platform's typed identifiers (``{"type": "mobile", "value":
…}``), system-assigned logins (opaque open ids, prefixed sequences), e-mail Message-IDs and
values that only name the field. Written under the one convention of the data README ("One
convention, from v16 on"); no detector code is imported.
"""

from __future__ import annotations

import re
from typing import Any

from detector.eval import make_v17_rules, make_v22_rules
from detector.eval.real_sets import layered

#: The kind an identifier's ``type`` sibling names → the type its ``value`` takes when the value
#: has the type's shape; an identifier of any other kind (external id, card, WeChat open id) is
#: a system id.
IDENTIFIER_KINDS = {"mobile": "phone", "phone": "phone", "email": "email"}
#: A login the platform assigns: an opaque open id (``oys4MwbUc1d5AUi19pwoF36QaWCI``) or a
#: short prefix and a zero-padded sequence (``k1t00005``): system ids, not usernames (decided
#: once for the set, see the data README's v23 section).
OPEN_ID = re.compile(r"(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9_-]{20,}")
SEQUENCE_LOGIN = re.compile(r"[A-Za-z][A-Za-z0-9]{0,3}0\d{3,}")
USERNAME_KEYS = {"username", "login", "userid", "screenname"}
#: Values that only name the field or fill it with keyboard noise (``fname``, ``blah blah``).
NO_SHAPE = {"fname", "lname", "blah blah", "string", "text"}


def _own_words(  # noqa: PLR0911 (one branch a kind of key, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v23's own key words give value ``v`` (``False``: v22's rules decide)."""
    if v.lower() in NO_SHAPE:
        return None
    if joined == "value" and isinstance(sib.get("type"), str):
        kind = IDENTIFIER_KINDS.get(sib["type"].lower())
        if kind == "phone":
            return "phone" if make_v17_rules._phone(v) else None
        if kind == "email":
            return "email" if make_v17_rules.EMAIL.fullmatch(v) else None
        return None
    if joined in USERNAME_KEYS and (OPEN_ID.fullmatch(v) or SEQUENCE_LOGIN.fullmatch(v)):
        return None
    if "message" in ws and ws[-1] == "id":
        return None  # an e-mail's Message-ID (``<hash>@host``) names a message, not a mailbox
    return False


leaf_types = layered(_own_words, make_v22_rules.leaf_types)
