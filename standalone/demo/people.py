"""Made-up customers with personal data, reproducible from a seed.

Card numbers are the well-known Luhn-valid test numbers of card networks; e-mail domains
and phone numbers are reserved for examples and fiction.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
from dataclasses import dataclass

FIRST = (
    "Alice", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid",
    "Jamal", "Katarina", "Liam", "Mei", "Nikolai", "Olivia", "Pedro", "Quentin", "Rosa",
    "Samir", "Tamara", "Umar", "Valentina", "William", "Ximena", "Yusuf", "Zoe",
)  # fmt: skip
LAST = (
    "Anderson", "Becker", "Costa", "Dubois", "Eriksson", "Fischer", "Garcia", "Hansen",
    "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinn", "Rossi", "Schmidt", "Tanaka", "Usman", "Vargas", "Weber", "Yilmaz", "Zimmermann",
)  # fmt: skip
STREETS = (
    "Maple Avenue", "Oak Street", "Harbour Road", "Elm Lane", "Station Road", "Church Street",
    "Mill Lane", "Park Avenue", "High Street", "Cedar Drive",
)  # fmt: skip
CITIES = (
    ("Springfield", "US", "62704"), ("Portland", "US", "97205"), ("Bristol", "GB", "BS1 4DJ"),
    ("Lyon", "FR", "69002"), ("Hamburg", "DE", "20095"), ("Utrecht", "NL", "3511 AB"),
)  # fmt: skip
TEST_CARDS = (
    "4111111111111111", "5555555555554444", "4242424242424242", "378282246310005",
    "6011111111111117", "5105105105105100", "4012888888881881", "3566002020360505",
)  # fmt: skip
_JWT_KEY = b"sieve-demo-signing-key"


def luhn_ok(number: str) -> bool:
    """True when ``number`` passes the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@dataclass(frozen=True)
class Person:
    """One customer of the shop."""

    first_name: str
    last_name: str
    email: str
    phone: str
    password: str
    date_of_birth: str
    street: str
    city: str
    postal_code: str
    country: str
    card_number: str
    card_expiry: str

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    def address(self) -> dict[str, str]:
        """The postal address as the shop's JSON carries it."""
        return {
            "street": self.street,
            "city": self.city,
            "postalCode": self.postal_code,
            "country": self.country,
        }


def make_person(rng: random.Random) -> Person:
    """A new made-up customer drawn from ``rng``."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, country, postal = rng.choice(CITIES)
    return Person(
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com",
        phone=f"+1 415 555 01{rng.randint(0, 99):02d}",
        password=f"{rng.choice(LAST).lower()}-{rng.randint(1000, 9999)}!",
        date_of_birth=(
            f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ),
        street=f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
        city=city,
        postal_code=postal,
        country=country,
        card_number=rng.choice(TEST_CARDS),
        card_expiry=f"{rng.randint(1, 12):02d}/{rng.randint(27, 31)}",
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def session_token(user_id: str, issued_at: int) -> str:
    """A signed HS256 JWT for ``user_id``."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": user_id, "iat": issued_at, "exp": issued_at + 3600, "scope": "shop"}
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(_JWT_KEY, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"
