"""Values whose type a key's words name and whose shape confirms it, written in ways the model's
value features do not read: a gender written as a small integer code, a password stored as a
hash, a street named without a house number, a person's role as a key.

Each check is a general class of how APIs write a field, not one publisher's key: the words
are those of the class in the languages the key vocabulary covers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from detector.features import key_tokens
from detector.name_fold import fold
from detector.name_lexicon import COUNTRY_NAMES

#: Words that name a person's gender or sex in keys (``gender``, ``sexo``, ``Geschlecht``).
_GENDER_WORDS = frozenset(
    {"gender", "sex", "genero", "género", "genere", "geschlecht", "sexe", "sexo", "sesso",
     "geslacht", "plec", "płeć", "kon", "kön", "kjonn", "kjønn", "køn", "cinsiyet", "性别",
     "性別"}
)  # fmt: skip
#: Words after a gender word that keep the key a gender's (``gender_code``, ``sexId``).
_CODE_WORDS = frozenset({"code", "id", "type", "cd", "cde"})


@lru_cache(maxsize=65_536)
def key_names_gender(key: str) -> bool:
    """``gender``, ``sex``, ``genderCode``, ``cliente_sexo``: the key's last word (or the one
    before a code word) names a gender."""
    words = key_tokens(key).split()
    if words and words[-1] in _CODE_WORDS:
        words = words[:-1]
    return bool(words) and words[-1] in _GENDER_WORDS


def gender_code_by_key(value: object, key: str) -> bool:
    """An integer code of one digit under a key that names a gender (ISO 5218's ``0``, ``1``,
    ``2``, ``9``; WeChat's ``sex: 1``): the first stage skips small numbers, so the key
    decides."""
    return type(value) is int and 0 <= value <= 9 and key_names_gender(key)


#: Words of keys that hold a password or its stored form (``password``, ``password_hash``,
#: ``senha``, ``Passwort``, ``contraseña``).
_PASSWORD_WORDS = frozenset(
    {"password", "passwd", "pwd", "pass", "passwort", "kennwort", "senha", "contrasena",
     "contraseña", "motdepasse", "mdp", "wachtwoord", "haslo", "hasło", "losenord", "lösenord",
     "sifre", "şifre", "passcode", "passphrase"}
)  # fmt: skip
#: A password hash as stored: modular crypt (``$2y$10$…``, ``$argon2id$…``, ``$6$…``) or
#: Django's and Passlib's ``algorithm$…`` layout (``pbkdf2_sha256$12000$…``).
_PASSWORD_HASH = re.compile(
    r"^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2(?:-sha\d+)?|scrypt|sha\d+|[1356]|y|gy|7)\$"
    r"|(?:pbkdf2_sha\d+|pbkdf2_sha1|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5)\$)"
    r"[^\s]{8,}$"
)


@lru_cache(maxsize=65_536)
def key_names_password(key: str) -> bool:
    """A word of the key names a password (``password_hash``, ``user_senha``)."""
    words = key_tokens(key).split()
    return not _PASSWORD_WORDS.isdisjoint(words) or "".join(words) in _PASSWORD_WORDS


def password_hash_by_key(value: object, key: str) -> bool:
    """A stored password hash (``$2a$10$kkQw…``, ``pbkdf2_sha256$12000$…``) under a key that
    names a password: the password in the form the service keeps it."""
    return isinstance(value, str) and key_names_password(key) and bool(_PASSWORD_HASH.match(value))


#: A street named without its number (``Croydon Rd``, ``Little Portland Street``, ``Rue de
#: Rivoli``, ``Hauptstraße``): capitalised words with a street word last, or first where
#: the language writes it first.
_BARE_STREET = re.compile(
    r"^(?:(?:[A-Z][\w'’.-]*\s+){1,4}"  # noqa: RUF001 (a typographic apostrophe)
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close|Court|Ct|"
    r"Place|Pl|Crescent|Terrace|Parkway|Pkwy|Highway|Hwy|Row|Mews|Square|Sq"
    r")\.?"
    r"|[A-ZÄÖÜ][\w-]*(?:straße|strasse|str\.|weg|gasse|allee|straat|laan|gracht|gatan|vägen)"
    r"|(?:Rue|Calle|Carrer|Via|Viale|Corso|Piazza|Rua|Avenida|Av\.|Avda\.?|Chemin|Boulevard|"
    r"Avenue|Travessa|Paseo|Plaza)(?:\s+(?:[a-zà-ÿ']{1,3}\s+)*[A-ZÀ-Ý][\w'’.-]*){1,4})$"  # noqa: RUF001
)
#: Words before ``address`` that make it no postal address (``email_address``, ``ipAddress``).
_NOT_POSTAL = frozenset(
    {"email", "mail", "e", "ip", "mac", "wallet", "web", "url", "server", "host", "contract",
     "memory", "remote", "local", "public", "private", "bitcoin", "btc", "eth", "crypto",
     "network", "hardware", "physical", "node", "peer", "destination ip", "source"}
)  # fmt: skip
_POSTAL_LAST = frozenset(
    {"address", "addr", "adresse", "direccion", "dirección", "indirizzo", "endereco",
     "endereço", "adres", "adresa", "anschrift", "street", "strasse", "straße", "calle", "rua",
     "logradouro"}
)  # fmt: skip


def bare_street_by_key(value: object, key: str) -> bool:
    """A street named without a house number (``destination.address: "Croydon Rd"``,
    ``street: "Hauptstraße"``) or led by an abbreviated street word (``C/ Viladomat 39``)
    under a key whose last word names a postal address or a street: the street line the
    field holds."""
    if not isinstance(value, str) or len(value) > 60:
        return False
    text = value.strip()
    if any(c.isdigit() for c in text) and not _ABBREVIATED_STREET.match(text):
        return False
    return _postal_key(key_tokens(key).split()) and bool(
        _BARE_STREET.match(text) or _ABBREVIATED_STREET.match(text)
    )


#: A street line led by an abbreviated street word that `features.STREET_WORDS` does not read
#: (``C/ Viladomat 39``, Spanish; ``Jl. Raya Kopo``, Indonesian).
_ABBREVIATED_STREET = re.compile(
    r"^(?:C/|Jl\.|Jln\.?|Jalan|Avda\.)\s*[A-ZÀ-Ý][\w'.-]*(?:\s+\S+){0,6}$"
)
#: Words of a key beside ``address`` that say the value is the whole address written out
#: (``formatted_address``, ``fullAddress``, ``endereco_completo``).
_WHOLE_ADDRESS_WORDS = frozenset(
    {"formatted", "full", "raw", "complete", "completo", "completa", "display", "one line",
     "oneline", "single line", "freeform"}
)  # fmt: skip


def _postal_key(words: list[str]) -> bool:
    """The key's last word names a postal address, a street or an address's line
    (``street1``, ``address_line_1``), and no word before it another kind of address."""
    while words and words[-1] == "#":
        words = words[:-1]
    if words:
        words = [*words[:-1], words[-1].rstrip("0123456789")]
    if len(words) >= 2 and words[-1] == "line" and words[-2] in _POSTAL_LAST:
        words = words[:-1]
    return bool(words) and words[-1] in _POSTAL_LAST and _NOT_POSTAL.isdisjoint(words[:-1])


def whole_address_by_key(value: object, key: str) -> bool:
    """An address written out in one line under a key that says so (``formatted_address:
    "Piccadilly Circus, London W1D 7ET, UK"``, ``full_address: "Puerto de Veracruz, Veracruz,
    México"``): three to six parts apart by commas, the last a country, or a number in the
    first part (a house number)."""
    if not isinstance(value, str) or len(value) > 160 or "@" in value or "://" in value:
        return False
    words = key_tokens(key).split()
    if not (
        (_postal_key(words) or (words and words[0] in _POSTAL_LAST))
        and not _WHOLE_ADDRESS_WORDS.isdisjoint(words)
    ):
        return False
    parts = [p.strip() for p in value.split(",")]
    if not 2 <= len(parts) <= 6 or not all(parts):
        return False
    country = fold(parts[-1]) in COUNTRY_NAMES or parts[-1] in ("UK", "USA", "US", "UAE")
    return (country and len(parts) >= 3) or any(c.isdigit() for c in parts[0])


def keyed_value_type(value: object, key: str) -> str | None:
    """The type a key names and the value's written form confirms (a gender code, a bare or
    abbreviated street, an address written out), else None."""
    if gender_code_by_key(value, key):
        return "gender"
    if bare_street_by_key(value, key) or whole_address_by_key(value, key):
        return "street_address"
    return None


#: Last words of keys that hold a person by the role they play (``instructor``,
#: ``financeManager``, ``salesRep``, ``Ansprechpartner``), in the key vocabulary's languages:
#: a full name there is that person's.
ROLE_NOUNS = frozenset(
    {"manager", "advisor", "adviser", "instructor", "teacher", "tutor", "coach", "trainer",
     "doctor", "physician", "nurse", "practitioner", "dentist", "therapist", "surgeon",
     "pharmacist", "veterinarian", "vet", "driver", "courier", "technician", "mechanic",
     "rep", "representative", "salesperson", "salesman", "saleswoman", "recruiter",
     "interviewer", "candidate", "applicant", "employee", "worker", "supervisor",
     "coordinator", "organizer", "organiser", "speaker", "presenter", "moderator", "volunteer",
     "pastor", "officer", "director", "president", "founder", "chairman", "chairperson",
     "secretary", "treasurer", "accountant", "lawyer", "attorney", "solicitor", "counsel",
     "judge", "clerk", "notary", "broker", "realtor", "landlord", "tenant", "lessee",
     "lessor", "occupant", "resident", "patient", "customer", "buyer", "seller", "purchaser",
     "payer", "payee", "recipient", "sender", "claimant", "insured", "policyholder",
     "subscriber", "participant", "attendee", "student", "pupil", "learner", "guardian",
     "spouse", "assignee", "reporter", "requester", "requestor", "approver", "reviewer",
     "inspector", "auditor", "assessor", "adjuster", "surveyor", "signer", "signatory",
     "witness", "referee", "referrer", "sponsor", "nominee", "executor", "trustee",
     "beneficiary", "pic", "pilot", "captain", "passenger", "traveler", "traveller",
     "dispatcher", "cashier", "waiter", "bartender", "chef", "stylist", "barber",
     "photographer", "player", "athlete", "caregiver", "counselor", "counsellor", "agent",
     "contact", "owner", "author", "editor", "creator", "submitter", "collaborator",
     # German, Dutch, French, Spanish, Portuguese, Italian, Indonesian
     "ansprechpartner", "sachbearbeiter", "berater", "mitarbeiter", "kunde", "fahrer", "arzt",
     "lehrer", "betreuer", "contactpersoon", "medewerker", "behandelaar", "klant",
     "responsable", "conseiller", "vendeur", "medecin", "médecin", "chauffeur",
     "gestionnaire", "vendedor", "cliente", "medico", "médico", "profesor", "professor",
     "conductor", "motorista", "asesor", "gerente", "tecnico", "técnico",
     "responsavel", "responsável", "referente", "responsabile", "penanggung", "petugas"}
)  # fmt: skip
#: Verbs whose participle before ``by`` names who did something to a record (``reportedBy``,
#: ``approved_by``, ``lastUpdatedBy``).
_BY_SUFFIXES = ("ed", "en")


@lru_cache(maxsize=65_536)
def role_key(key: str) -> bool:
    """A key that holds a person by role: its last word is a role noun (``serviceAdvisor``,
    ``workshop_pic``), or it says who did something (``reportedBy``, ``approved_by``)."""
    words = key_tokens(key).split()
    if not words or len(words) > 4:
        return False
    return words[-1] in ROLE_NOUNS or actor_key(key)


@lru_cache(maxsize=65_536)
def actor_key(key: str) -> bool:
    """A key that says who did something to a record (``reportedBy``, ``approved_by``,
    ``lastUpdatedBy``): a past participle before ``by``."""
    words = key_tokens(key).split()
    return 2 <= len(words) <= 4 and words[-1] == "by" and words[-2].endswith(_BY_SUFFIXES)
