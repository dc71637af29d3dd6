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
from detector.name_lexicon import COUNTRY_NAMES, TITLES
from detector.value_rules import ADDRESS_LAST, coordinate_limit, ends_with_legal_form, street_line

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


#: How a stored hash starts (`_PASSWORD_HASH`): a cheap first test.
_HASH_STARTS = ("$", "pbkdf2", "argon2", "bcrypt", "scrypt", "sha1$", "md5$")


@lru_cache(maxsize=65_536)
def key_names_password(key: str) -> bool:
    """A word of the key names a password (``password_hash``, ``user_senha``)."""
    words = key_tokens(key).split()
    return not _PASSWORD_WORDS.isdisjoint(words) or "".join(words) in _PASSWORD_WORDS


def password_hash_by_key(value: object, key: str) -> bool:
    """A stored password hash (``$2a$10$kkQw…``, ``pbkdf2_sha256$12000$…``) under a key that
    names a password: the password in the form the service keeps it."""
    return (
        isinstance(value, str)
        and value.startswith(_HASH_STARTS)
        and key_names_password(key)
        and bool(_PASSWORD_HASH.match(value))
    )


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
_POSTAL_LAST = ADDRESS_LAST | {"street", "strasse", "straße", "calle", "rua", "logradouro"}


def bare_street_by_key(value: object, key: str) -> bool:
    """A street named without a house number (``destination.address: "Croydon Rd"``,
    ``street: "Hauptstraße"``) or led by an abbreviated street word (``C/ Viladomat 39``)
    under a key whose last word names a postal address or a street: the street line the
    field holds."""
    if not isinstance(value, str) or len(value) > 60 or not _postal_key(key):
        return False
    text = value.strip()
    if _ABBREVIATED_STREET.match(text):
        return True
    return not any(c.isdigit() for c in text) and bool(_BARE_STREET.match(text))


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


@lru_cache(maxsize=65_536)
def _postal_key(key: str) -> bool:
    """The key's last word names a postal address, a street or an address's line
    (``street1``, ``address_line_1``), and no word before it another kind of address."""
    words = key_tokens(key).split()
    while words and words[-1] == "#":
        words = words[:-1]
    if words:
        words = [*words[:-1], words[-1].rstrip("0123456789")]
    if len(words) >= 2 and words[-1] == "line" and words[-2] in _POSTAL_LAST:
        words = words[:-1]
    if len(words) == 1 and _fused_postal(words[0]):
        return True
    return bool(words) and words[-1] in _POSTAL_LAST and _NOT_POSTAL.isdisjoint(words[:-1])


#: Postal words that German, Dutch and the Nordic languages join to the word before them
#: (``Postanschrift``, ``Lieferadresse``, ``bezoekadres``, ``gatuadress``), and the words that
#: make such a compound another kind of address (``Mailadresse``, ``epostadresse``).
_FUSED_POSTAL = ("anschrift", "adresse", "adress", "adres", "strasse", "straße")
_FUSED_NOT_POSTAL = ("mail", "epost", "ip", "mac", "web", "internet", "url", "server", "host")


def _fused_street_line(value: object, key: str) -> bool:
    """A street line (`street_line`: ``Musterstraße 1``) under a fused postal key
    (``Postanschrift``)."""
    words = key_tokens(key).split()
    return (
        isinstance(value, str)
        and len(words) == 1
        and _fused_postal(words[0])
        and " " in value.strip()
        and street_line(value)
    )


def _fused_postal(word: str) -> bool:
    for end in _FUSED_POSTAL:
        if word.endswith(end) and len(word) > len(end) + 2:
            return not word.startswith(_FUSED_NOT_POSTAL) and "mail" not in word
    return False


@lru_cache(maxsize=65_536)
def _whole_address_key(key: str) -> bool:
    """``formatted_address``, ``addressFull``: an address key that says it is written out."""
    words = key_tokens(key).split()
    return (_postal_key(key) or (bool(words) and words[0] in _POSTAL_LAST)) and not (
        _WHOLE_ADDRESS_WORDS.isdisjoint(words)
    )


def whole_address_by_key(value: object, key: str, parent: str = "") -> bool:
    """An address written out in one line under a key that says so (``formatted_address:
    "Piccadilly Circus, London W1D 7ET, UK"``, ``full_address: "Puerto de Veracruz, Veracruz,
    México"``): three to six parts apart by commas, the last a country, or a number in the
    first part (a house number)."""
    if not isinstance(value, str) or not (
        _whole_address_key(key) or _written_out_under_address(key, parent)
    ):
        return False
    if len(value) > 160 or "@" in value or "://" in value:
        return False
    parts = [p.strip() for p in value.split(",")]
    if not 2 <= len(parts) <= 6 or not all(parts):
        return False
    country = fold(parts[-1]) in COUNTRY_NAMES or parts[-1] in ("UK", "USA", "US", "UAE")
    return (country and len(parts) >= 3) or any(c.isdigit() for c in parts[0])


def keyed_value_type(value: object, key: str, parent: str = "") -> str | None:
    """The type a key names and the value's written form confirms (a gender code, a bare or
    abbreviated street, an address written out, a coordinate in degrees and minutes, a login
    under a compound login key), else None."""
    kinds = _key_kinds(key)
    if not kinds and _written_out_under_address(key, parent):
        kinds = _STREET_ONLY
    if not kinds:
        return None
    if "gender" in kinds and gender_code_by_key(value, key):
        return "gender"
    if "street" in kinds and (
        bare_street_by_key(value, key)
        or whole_address_by_key(value, key, parent)
        or _fused_street_line(value, key)
    ):
        return "street_address"
    if "coordinate" in kinds and degrees_minutes_by_key(value, key):
        return "geo_location"
    if "login" in kinds and login_by_key_end(value, key):
        return "username"
    return None


_STREET_ONLY = frozenset({"street"})


def _written_out_under_address(key: str, parent: str) -> bool:
    """``address.full``: the key says written out, the parent where (each reading cached)."""
    return _written_out_word(key) and _postal_key(parent)


@lru_cache(maxsize=65_536)
def _written_out_word(key: str) -> bool:
    """``full``, ``formatted``, ``oneLine``: a key of only words that say a value is written out."""
    words = key_tokens(key).split()
    return bool(words) and all(w in _WHOLE_ADDRESS_WORDS for w in words)


@lru_cache(maxsize=65_536)
def _key_kinds(key: str) -> frozenset[str]:
    """Which of `keyed_value_type`'s checks a key allows (most keys: none, so the value is
    not read)."""
    kinds = {
        "gender": key_names_gender(key),
        "street": _postal_key(key) or _whole_address_key(key),
        "coordinate": coordinate_limit(key) > 0,
        "login": _compound_login_key(key),
    }
    return frozenset(k for k, allowed in kinds.items() if allowed)


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
     "responsavel", "responsável", "referente", "responsabile", "penanggung", "petugas",
     "teller", "anesthetist", "holder", "accountholder", "cardholder"}
)  # fmt: skip
#: Verbs whose participle before ``by`` names who did something to a record (``reportedBy``,
#: ``approved_by``, ``lastUpdatedBy``).
_BY_SUFFIXES = ("ed", "en")
#: Nouns after ``by`` that keep the key an actor's (``chargedByUser``).
_ACTOR_NOUNS = frozenset({"user", "person", "staff", "member", "employee", "agent"})


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
    if len(words) >= 3 and words[-1] in _ACTOR_NOUNS and words[-2] == "by":
        words = words[:-1]  # ``chargedByUser``, ``created_by_person``
    return 2 <= len(words) <= 4 and words[-1] == "by" and words[-2].endswith(_BY_SUFFIXES)


#: Keys of one part of a person's name, or the whole of it (``firstName``, ``last_name``,
#: ``Vorname``, ``apellido``): a slot only a person's name fills.
#: Words after a name part's key that say which script or reading it is written in.
_SCRIPT_WORDS = frozenset(
    {"furi", "furigana", "kana", "kanji", "katakana", "hiragana", "romaji", "latin", "local",
     "native", "phonetic", "reading", "yomi", "transliterated", "romanized", "romanised"}
)  # fmt: skip
#: (``additionalName``: schema.org's and vCard's middle names)
_NAME_PART_PAIRS = frozenset(
    {"first", "last", "given", "family", "full", "middle", "sur", "additional"}
)
_NAME_PART_WORDS = frozenset(
    {"surname", "forename", "firstname", "lastname", "givenname", "familyname", "fullname",
     "middlename", "fname", "lname", "vorname", "nachname", "apellido", "apellidos", "prenom",
     "prénom", "cognome", "sobrenome", "voornaam", "achternaam", "nazwisko", "imie", "imię",
     "efternamn", "fornavn", "etternavn", "soyadi", "soyad\u0131"}
)  # fmt: skip


#: Words of a key that make its name an organisation's (``corp_full_name``).
_ORGANISATION_KEY_WORDS = frozenset(
    {"corp", "company", "business", "org", "organization", "organisation", "entity",
     "merchant", "legal", "brand", "store", "shop", "bank", "firm", "trading"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def name_part_key(key: str) -> bool:
    """``firstName``, ``customer_last_name``, ``Nachname``, ``createdByName``: the key's last
    words name a part of a person's name, or the whole."""
    words = key_tokens(key).split()
    if len(words) >= 2 and words[-1] in _SCRIPT_WORDS:
        words = words[:-1]  # ``first_name_furi``, ``last_name_kana``: the part in a script
    if not words or len(words) > 4 or not _ORGANISATION_KEY_WORDS.isdisjoint(words):
        return False
    if words[-1] in _NAME_PART_WORDS:
        return True
    if len(words) >= 3 and words[-2:] == ["by", "name"] and words[-3].endswith(_BY_SUFFIXES):
        return True  # ``createdByName``: the name of who did something to the record
    return len(words) >= 2 and words[-1] == "name" and words[-2] in _NAME_PART_PAIRS


#: One to four words of letters, each may end with a counter (``Testy 2``, ``champ1``).
_NAME_SHAPED = re.compile(
    r"^[^\W\d_][^\W_]*(?:[.'-][^\W\d_]+)*\.?(?: [^\W_][^\W_]*(?:[.'-][^\W\d_]+)*\.?){0,3}$"
)
#: Values of a name slot that name the field, say no one is named, or say they are not real
#: (the data README's convention): never a person's name.
_NOT_A_NAME = frozenset(
    {"first", "last", "name", "names", "surname", "given", "family", "full", "middle",
     "firstname", "lastname", "fullname", "middlename", "givenname", "familyname", "nickname",
     "forename", "fname", "lname", "first name", "last name", "full name", "first last",
     "unknown", "anonymous", "none", "null", "nil", "undefined", "na", "n a", "string", "text",
     "value", "placeholder", "redacted", "hidden", "masked", "changeme", "change me",
     "new name", "notarealname", "not a real name", "madeup", "made up", "toremove", "fake",
     "someones name", "your name", "insert name", "enter name", "optional", "required"}
)  # fmt: skip


#: Words that make a value in a name slot a description, a request, a thing or a sentence
#: (``My First Name``, ``My String``, ``Patch John``, ``Moip Sandbox``, ``I have a``).
_NOT_A_NAME_WORDS = frozenset(
    {"my", "your", "our", "first", "last", "name", "names", "fname", "lname", "firstname",
     "lastname", "surname", "fullname", "string", "dummy", "mock", "mockname", "random",
     "updated", "patch", "put", "post", "get", "delete", "sandbox", "company", "corporation",
     "corp", "inc", "ltd", "llc", "gmbh", "team", "i", "a", "the", "have", "of", "and", "for",
     "with", "based", "in", "to", "non", "registered", "nombre", "apellido", "apellidos", "nome",
     "sobrenome", "prenom", "prénom", "vorname", "nachname", "cognome", "voornaam",
     "achternaam", "newname", "generico", "genérico"}
)  # fmt: skip
#: Words of software and accounts (``API``, ``SDK``, ``Sandbox``): a value made of them and role
#: or test words (``API``, ``API User``) names an account or a client, not a person, as the
#: sets made since v18 read it; and ``Test`` alone says only that the value is a test.
_TECH_WORDS = frozenset(
    {"api", "app", "sdk", "oauth", "integration", "sandbox", "webhook", "bot", "system", "root",
     "server", "client", "service", "default"}
)  # fmt: skip
_ROLE_OR_TEST_WORDS = frozenset(
    {"user", "test", "tester", "testing", "demo", "admin", "account", "customer", "sample"}
)
#: A counter of four digits or more: a generated id (``FN1476935164020``), not a stand-in's.
_LONG_DIGITS = re.compile(r"\d{4}")


#: The words name fields are labelled with in other languages (``Nombre``, ``Apellido``,
#: ``Vorname``): a value holding one names the field, not a person.
_NAME_FIELD_WORDS = frozenset(
    {"nombre", "apellido", "apellidos", "nome", "sobrenome", "prenom", "prénom", "vorname",
     "nachname", "cognome", "voornaam", "achternaam", "firstname", "lastname", "surname",
     "fullname"}
)  # fmt: skip


_NAME_FIELD_WORD = re.compile(
    r"(?i)(?<![^\W_])(?:" + "|".join(sorted(_NAME_FIELD_WORDS)) + r")(?![^\W_])"
)


def names_name_field(value: object) -> bool:
    """``Nombre``, ``Apellido Factura``, ``Vorname``: a word of the value is a name field's
    label (`_NAME_FIELD_WORDS`)."""
    return isinstance(value, str) and len(value) <= 48 and bool(_NAME_FIELD_WORD.search(value))


#: A language or locale code as a key (``en``, ``ja``, ``pt-BR``, ``zh_Hant``): a localised value
#: of the field its parent names.
_LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
_LANGUAGE_CODES = frozenset(
    {"en", "ja", "zh", "ko", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr", "ru", "ar",
     "th", "vi", "id", "ms", "hi", "he", "el", "cs", "da", "fi", "no", "nb", "hu", "ro", "uk",
     "kana", "kanji", "furi", "latin", "local", "native", "romaji", "original"}
)  # fmt: skip


def localised_name_part(value: object, key: str, parent: str) -> bool:
    """A name part written per language (``first_name: {"en": "Tarou", "ja": "太郎"}``): the
    key is a language code or a script's name, the parent a name part's key (`name_part_key`),
    and the value written as a name (`shaped_name_stand_in` under the parent)."""
    return _language_key(key) and shaped_name_stand_in(value, parent)


@lru_cache(maxsize=4_096)
def _language_key(key: str) -> bool:
    """``en``, ``ja``, ``pt-BR``, ``kana``: a language code or a script's name as a key."""
    if len(key) > 8:
        return False
    code = key.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower()
    return code in _LANGUAGE_CODES and bool(
        _LANGUAGE_KEY.match(key) or key.lower() in _LANGUAGE_CODES
    )


def shaped_name_stand_in(value: object, key: str) -> bool:
    """A value written as a name (``API Test``, ``Foo``, ``Testy 2``, ``asdasd``) in a slot
    only a person's name fills (`name_part_key`): the convention labels it a person's name
    whatever it says, unless it names the field, says no one is named or is not real, or is
    one letter repeated (a mask)."""
    if not isinstance(value, str) or len(value) > 48 or not name_part_key(key):
        return False
    text = value.strip()
    if not _NAME_SHAPED.match(text):
        return False
    letters = [c.lower() for c in text if c.isalpha()]
    folded = " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())
    words = {w.rstrip("0123456789") for w in folded.split()}
    return (
        len(letters) >= 2
        and len(set(letters)) > 1
        and folded not in _NOT_A_NAME
        and folded.replace(" ", "") not in _NOT_A_NAME
        and folded.rstrip("0123456789 ") not in _NOT_A_NAME
        and words.isdisjoint(_NOT_A_NAME_WORDS)
        and not _LONG_DIGITS.search(text)
        and words not in ({"test"}, {"testing"})
        and not (words & _TECH_WORDS and words <= _TECH_WORDS | _ROLE_OR_TEST_WORDS)
        and not ends_with_legal_form(text)
    )


#: A coordinate in degrees and minutes, seconds perhaps, as navigation writes it (``64 54.500``,
#: ``-22 52.500``, ``40°26'46"N``, ``40° 26.767' N``).
_DEGREES_MINUTES = re.compile(
    r"^[+-]?\d{1,3}(?:°\s*|\s+)\d{1,2}(?:\.\d+)?['′]?(?:\s*\d{1,2}(?:\.\d+)?[\"″])?\s*[NSEWnsew]?$"  # noqa: RUF001 (a prime)
)


def degrees_minutes_by_key(value: object, key: str) -> bool:
    """A latitude or longitude written in degrees and minutes under a key that names one
    (`value_rules.coordinate_limit`), the degrees in its range and the minutes below 60."""
    if not isinstance(value, str):
        return False
    limit = coordinate_limit(key)
    if not limit or not _DEGREES_MINUTES.match(value.strip()):
        return False
    numbers = re.findall(r"\d+(?:\.\d+)?", value)
    return int(numbers[0]) <= limit and float(numbers[1]) < 60


#: A title before one to three capitalised words or initials (``Dr. Estranho``, ``Mr T.
#: McTester``): a title is written only before a person's name, known to the lexicon or not.
_TITLED = re.compile(
    rf"^(?:{TITLES})\.?(?:\s+[A-Z][\w'’-]*\.?){{1,3}}$"  # noqa: RUF001 (a typographic apostrophe)
)


def titled_person(value: object) -> bool:
    """A title and one to three capitalised words or initials (`_TITLED`), the last a word of
    two letters or more."""
    if not isinstance(value, str) or not _TITLED.match(value.strip()):
        return False
    last = value.split()[-1].rstrip(".")
    return len(last) >= 2


#: A login as people write one: letters first, then letters, digits, dots, dashes or
#: underscores, one word (``Doe``, ``jgarcia``, ``max.mustermann``).
_READABLE_LOGIN = re.compile(r"^[^\W\d_][\w.-]{1,39}$")
#: Logins that name the field or no one (the convention's "no shape").
_NOT_A_LOGIN = frozenset(
    {"user", "username", "login", "name", "string", "null", "none", "unknown", "anonymous",
     "test", "example", "sample", "placeholder", "undefined", "your", "xxx", "changeme"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def _compound_login_key(key: str) -> bool:
    """``createdByUsername``, ``customer_login_name``: two words or more, a login's last."""
    words = key_tokens(key).split()
    return len(words) >= 2 and (
        words[-1] == "username" or words[-2:] in (["user", "name"], ["login", "name"])
    )


def login_by_key_end(value: object, key: str) -> bool:
    """A readable login (`_READABLE_LOGIN`) under a key whose last words say it is a login
    (``createdByUsername``, ``customer_login_name``): the convention's "a readable word under a
    login key is a username"; not the field's own word with or without a counter, not one
    letter repeated, not a hex id."""
    if not isinstance(value, str) or not _compound_login_key(key):
        return False
    if not _READABLE_LOGIN.match(value):
        return False
    words = key_tokens(key).split()
    lower = value.lower()
    return (
        lower.rstrip("0123456789") not in _NOT_A_LOGIN
        and "username" not in lower  # the field's word in a stand-in (``mySecretUsername``)
        and re.sub(r"[\W_]", "", lower) != "".join(words)
        and len(set(lower)) > 1
        and not re.fullmatch(r"[0-9a-f]{8,}|[0-9a-f-]{36}", lower)
    )


#: Last key words of a tax as an amount (``VAT``, ``registration_tax``, ``gst``).
_TAX_AMOUNT_WORDS = frozenset(
    {"vat", "tax", "taxes", "gst", "hst", "pst", "iva", "mwst", "tva", "btw", "igv", "ppn"}
)


def tax_amount_key(key: str, value: object) -> bool:
    """A number under a key whose last word names a tax (``VAT: 252500``,
    ``registration_tax: 200000``): the amount of the tax, not a tax number, which is written
    as a string."""
    return type(value) in (int, float) and _tax_key(key)


@lru_cache(maxsize=65_536)
def _tax_key(key: str) -> bool:
    words = key_tokens(key).split()
    return bool(words) and words[-1] in _TAX_AMOUNT_WORDS


#: Parents of an animal's fields (``pet.gender``, ``pets[*].birthdate``, ``dog.name``).
_ANIMAL_WORDS = frozenset(
    {"pet", "animal", "dog", "cat", "horse", "puppy", "kitten", "livestock", "cattle", "cow",
     "breed", "canine", "feline", "equine", "mascota", "haustier", "tier", "hund", "katze"}
)  # fmt: skip
#: The types a person's record shares with an animal's.
ANIMAL_TYPES = frozenset({"person_name", "date_of_birth", "gender"})


@lru_cache(maxsize=65_536)
def animals_field(parent: str) -> bool:
    """The parent's last word (or its singular) names an animal: its name, birth date and sex
    are no person's."""
    words = key_tokens(parent).split()
    if not words:
        return False
    last = words[-1]
    return last in _ANIMAL_WORDS or last.removesuffix("s") in _ANIMAL_WORDS
