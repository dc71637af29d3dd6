"""What a URL carries besides where it points: a credential in its query or fragment (an
access or session token, an API key, a meeting's passcode), an e-mail
address in its path or query, a host written as an IP address.

The convention labels such a value at its path with the type it carries, as it does a
sentence's (`detector.value_rules.in_text`). The URL itself is public; what is in it is not.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from detector import validators as v
from detector.value_rules import EMAIL_IN

#: Query parameters that carry a credential, lower case, ``-`` and ``_`` dropped: tokens
#: (S3's session token ``X-Amz-Security-Token`` too), API keys, passwords and passcodes. A
#: signed link's signature alone (``X-Amz-Signature``, ``sig``, ``signature``) is left out:
#: it opens one object for a while, and the convention has not settled whether it is a
#: credential.
_CREDENTIAL_PARAMS = frozenset(
    {"xamzsecuritytoken", "token", "accesstoken", "authtoken", "idtoken", "refreshtoken",
     "sessiontoken", "logintoken", "jwt", "auth", "apikey", "apitoken", "accesskey", "secret",
     "clientsecret", "password", "passwd", "pwd", "passcode", "sso", "ssotoken", "key"}
)  # fmt: skip
#: Passwords and passcodes are short; tokens, keys and signatures are not.
_SHORT_CREDENTIALS = frozenset({"password", "passwd", "pwd", "passcode"})
_TEMPLATE = re.compile(r"[{}<>\[\]$]|^(?:x+|\*+|\.+)$|(?i:your|here|example|redacted)")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)


def _random_enough(value: str, short: bool) -> bool:
    """A credential's value, not a stand-in: long enough for its kind, not a template or a
    mask, and with digits or mixed case (a random string's letters are not all one case)."""
    if len(value) < (6 if short else 16) or _TEMPLATE.search(value) or len(set(value)) < 5:
        return False
    if short:
        return True
    has_digit = any(c.isdigit() for c in value)
    return has_digit or (any(c.isupper() for c in value) and any(c.islower() for c in value))


def _credential_in(query: str) -> bool:
    for name, value in parse_qsl(query, keep_blank_values=False):
        param = name.lower().replace("-", "").replace("_", "")
        if param in _CREDENTIAL_PARAMS and _random_enough(value, param in _SHORT_CREDENTIALS):
            return True
    return False


@lru_cache(maxsize=16_384)
def in_url(text: str) -> tuple[str, ...]:
    """Types a URL carries (`secret_key`, `email`, `ip_address`); () for a value that is no
    URL. The user part before ``@`` (``https://user@host``) is a login at most, no e-mail."""
    if "://" not in text or not _URL.match(text):
        return ()
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return ()
    found: list[str] = []
    if _credential_in(parts.query) or _credential_in(parts.fragment):
        found.append("secret_key")
    rest = unquote(f"{parts.path}?{parts.query}#{parts.fragment}")
    if "@" in rest and any(v.is_email(m.group(0)) for m in EMAIL_IN.finditer(rest)):
        found.append("email")
    if (
        (host[:1].isdigit() or ":" in host)
        and v.is_host_ip(host)
        and not ipaddress.ip_address(host).is_loopback  # the reader's own machine
    ):
        found.append("ip_address")
    return tuple(found)
