"""v17's labelling rules: the types of one leaf from its key's words (in any casing and in
English, German, Dutch, French, Spanish, Portuguese, Italian, Polish, Czech and the Nordic
languages), its parents' and siblings' words and checks of its value (python-stdnum for
checksums). Written for v17 under the one convention of the data README ("One convention, from
v16 on"): a value of the type's shape is labelled even when it is plainly a test value; a value
without the type's shape (``string``, ``xxx``, masked digits, the key repeated) is not. No
detector code is imported; `make_v17` wraps these rules in `real_sets.data_only`.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cnpj, cpf

from detector.eval.real_sets import words

# ---------------------------------------------------------------------------- key words
# Keys are compared by their words joined in lower case (``first_name`` → ``firstname``).

FIRST_LAST = {
    "firstname", "lastname", "givenname", "familyname", "surname", "middlename", "fullname",
    "forename", "maidenname", "vorname", "nachname", "voornaam", "achternaam",
    "tussenvoegsel", "prenom", "nomdefamille", "nombre", "apellido", "apellidos", "nome",
    "sobrenome", "nomecompleto", "cognome", "imie", "nazwisko", "jmeno", "prijmeni",
    "fornavn", "efternavn", "etternavn", "fornamn", "efternamn", "etunimi", "sukunimi",
    "civilname", "socialname", "contactperson", "yourreference", "ourreference",
    "contactname", "holdername", "accountholdername", "ownername", "customername",
    "passengername", "travellername", "travelername", "drivername", "recipientname",
    "sendername", "personname", "insuredname", "beneficiaryname", "policyholdername",
    "attention", "attn", "firstnames", "lastnames", "givennames",
}  # fmt: skip
#: Parents whose ``name`` is a person's.
PERSON_PARENTS = {
    "contact", "contacts", "person", "people", "persons", "customer", "customers",
    "passenger", "passengers", "traveller", "travellers", "traveler", "travelers", "user",
    "users", "owner", "holder", "driver", "recipient", "sender", "employee", "employees",
    "member", "members", "agent", "insured", "beneficiary", "beneficiaries", "policyholder",
    "individual", "natural", "from", "to", "cc", "bcc", "author", "assignee",
    "creator", "representative", "signatory",
}  # fmt: skip
PHONE = {
    "phone", "phonenumber", "phoneno", "telephone", "telephonenumber", "tel", "telefon",
    "telefonnummer", "telefoon", "telefoonnummer", "telefono", "telefone", "telephone1",
    "mobile", "mobilephone", "mobilenumber", "mobil", "mobiltelefon", "handy", "cell",
    "cellphone", "celular", "movil", "gsm", "fax", "faxnumber", "telefax", "puhelin",
    "puhelinnumero", "matkapuhelin", "numertelefonu", "phone1", "phone2", "homephone",
    "workphone", "contactphone", "phonemobile", "phonework", "phonehome", "cellphonenumber",
    "telefonecelular", "numerotelefone", "telefonnr", "tlf", "msisdn",
}  # fmt: skip
STREET = {
    "address1", "addressline1", "line1", "street", "streetaddress", "streetname",
    "street1", "streetline1", "address", "adresse", "adres", "direccion", "endereco",
    "logradouro", "strasse", "straße", "ulica", "gatuadress", "katuosoite",
    "indirizzo", "ulice", "postaladdress", "billingaddress", "deliveryaddress",
    "shippingaddress", "visitingaddress", "streetandnumber", "addressstreet",
    "homeaddress", "residentialaddress", "streetandhousenumber", "straatnaam",
    "adresregel1", "adressrad1", "address_1", "addressone", "completeaddress",
    "fulladdress", "formattedaddress", "enderecocompleto", "displayedaddress",
    "addresslines", "addressline",
}  # fmt: skip
BIRTH = {
    "birthdate", "dateofbirth", "dob", "birthday", "birthyear", "yearofbirth",
    "geburtsdatum", "geboortedatum", "fechanacimiento", "fechadenacimiento",
    "datanascimento", "datadenascimento", "datedenaissance", "datanascita",
    "datanarodzenia", "datumnarozeni", "fodelsedatum", "fodselsdato", "syntymaaika",
    "bornon", "birthdt",
}  # fmt: skip
GENDER = {
    "gender", "sex", "salutation", "geschlecht", "geslacht", "genero", "sexo", "sesso",
    "plec", "pohlavi", "kon", "kjonn", "sukupuoli", "anrede", "aanhef", "civilite",
    "tratamiento", "genderidentity",
}  # fmt: skip
GENDER_VALUES = {
    "m", "f", "x", "male", "female", "man", "woman", "other", "diverse", "nonbinary",
    "mr", "mrs", "ms", "miss", "mx", "sir", "madam", "dr", "herr", "frau", "dhr", "mevr",
    "mevrouw", "heer", "mme", "mlle", "monsieur", "madame", "sr", "sra", "srta",
    "masculino", "feminino", "femenino", "masculine", "feminine", "männlich", "weiblich",
    "kvinna", "mand", "kvinde", "mies", "nainen", "maschio", "femmina",
    "unknown", "notspecified", "undisclosed",
}  # fmt: skip
USERNAME = {
    "username", "login", "loginname", "userlogin", "userid", "user", "handle", "screenname",
    "nickname", "benutzername", "gebruikersnaam", "nomutilisateur", "usuario", "utente",
    "uzytkownik", "kayttajatunnus", "anvandarnamn", "brukernavn",
}  # fmt: skip
PASSWORD = {
    "password", "passwd", "pwd", "passphrase", "passwort", "wachtwoord", "motdepasse",
    "contrasena", "senha", "haslo", "heslo", "salasana", "losenord", "passord",
    "adgangskode", "newpassword", "oldpassword", "currentpassword", "userpassword",
    "dbpassword", "adminpassword", "rootpassword", "smtppassword",
}  # fmt: skip
SECRET_WORDS = {"secret", "token", "apikey", "privatekey", "accesskey", "secretkey"}
SECRET_KEYS = {
    "secret", "clientsecret", "apisecret", "apikey", "key", "accesstoken", "refreshtoken",
    "authtoken", "authorization", "bearer", "token", "privatekey", "secretkey",
    "accesskey", "webhooksecret", "signingsecret", "sharedsecret", "sessiontoken",
    "idtoken", "apitoken", "secretaccesskey", "signingkey", "encryptionkey", "credentials",
    "connectionstring", "dsn", "sessionkey", "authkey", "apipassword", "hmackey",
}  # fmt: skip
#: Words beside which a token-like key names something public or about the secret.
NOT_SECRET = {
    "type", "expires", "expiry", "expiresin", "expiresat", "url", "uri", "endpoint", "id",
    "name", "public", "publickey", "count", "length", "hint", "prefix", "scope", "scopes",
    "format", "algorithm", "enabled", "required", "status", "created", "updated", "last",
    "description", "label", "kind", "version", "hash", "fingerprint", "pair", "reference",
    "encryption", "policy",
}  # fmt: skip
BANK = {
    "accountnumber", "bankaccount", "bankaccountnumber", "bankaccountno", "kontonummer",
    "kontonr", "rekeningnummer", "rekening", "numerorachunku", "nrrachunku", "rachunek",
    "cislouctu", "numerocuenta", "numerodecuenta", "cuenta", "cuentabancaria", "conta",
    "numeroconta", "contacorrente", "agencia", "agencianumero", "branchcode", "branchnumber",
    "routingnumber", "abanumber", "aba", "sortcode", "bsb", "clabe", "bankgiro", "plusgiro",
    "bankgironumber", "plusgironumber", "clearingnumber", "clearingnr", "bankleitzahl",
    "blz", "transitnumber", "institutionnumber", "accountno", "ibanaccount",
    "sellerbankaccount", "buyerbankaccount", "bankaccountid", "bankkonto", "tilinumero",
    "bankaccountiban", "creditoraccount", "debtoraccount", "accountidentification",
}  # fmt: skip
IBAN_KEYS = {"iban", "ibannumber", "sepaiban", "ibancode", "bankiban", "accountiban"}
TAX = {
    "taxid", "taxnumber", "taxno", "taxidentifier", "taxidentificationnumber", "tin",
    "vat", "vatnumber", "vatno", "vatid", "vatregistrationnumber", "ein", "nip", "taxcode",
    "steuernummer", "steuerid", "ustid", "ustidnr", "umsatzsteuerid", "btwnummer", "btw",
    "btwid", "nif", "cif", "rfc", "rut", "cuit", "cnpj", "organisationnumber",
    "organizationnumber", "organisationsnummer", "orgnr", "orgno", "organizationno",
    "companytaxid", "sellertaxno", "buyertaxno", "taxregistrationnumber", "vatin",
    "partitaiva", "piva", "ico", "dic", "ytunnus", "cvr", "cvrnummer", "momsnummer",
    "taxpayernumber", "documentnumbercnpj", "cnpjnumber", "companycnpj", "taxidnumber",
    "inn", "eori", "eorinumber", "taxnocheck",
}  # fmt: skip
NATIONAL = {
    "cpf", "cpfnumber", "personnummer", "personalnumber", "personalidentitynumber",
    "pesel", "bsn", "burgerservicenummer", "nir", "codicefiscale", "dni", "nie", "curp",
    "nationalid", "nationalidnumber", "nationalidentitynumber", "nationalidentifier",
    "identitynumber", "henkilotunnus", "hetu", "fodselsnummer", "cprnummer", "cpr",
    "rodnecislo", "rg", "rgnumber", "socialinsurancenumber", "sin", "nino",
    "nationalinsurancenumber", "personalcode", "isikukood", "asmenskodas", "personaskods",
    "personalid", "citizenid", "documentnumbercpf", "insuredcpf", "cpfcnpj",
}  # fmt: skip
SSN = {"ssn", "socialsecuritynumber", "ssnnumber", "ssnortin", "ssnlast"}
PASSPORT = {
    "passport", "passportnumber", "passportno", "passportid", "reisepass",
    "reisepassnummer", "paszport", "pasaporte", "passaporte", "numeropassaporte",
    "paspoort", "paspoortnummer", "passinummero",
}  # fmt: skip
LICENCE = {
    "driverslicense", "driverlicense", "driverslicence", "driverlicence", "drivinglicense",
    "drivinglicence", "driverslicensenumber", "driverlicensenumber", "licensenumber",
    "licencenumber", "fuhrerschein", "fuhrerscheinnummer", "rijbewijs", "rijbewijsnummer",
    "cnh", "permisdeconduire", "prawojazdy", "korkort", "ajokortti", "dlnumber",
}  # fmt: skip
LAT = {"lat", "latitude", "breitengrad", "latitud", "breddegrad", "leveysaste"}
LON = {"lon", "lng", "long", "longitude", "laengengrad", "langengrad", "longitud"}
GEO_KEYS = {"coordinates", "coordinate", "latlng", "latlon", "geo", "gps", "geolocation"}
LAT_LNG = re.compile(r"-?\d{1,3}\.\d+, ?-?\d{1,3}\.\d+")
#: A document's kind named by a sibling (``documentType: CPF``) → the type of its number.
KINDS = {
    "cpf": "national_id", "rg": "national_id", "dni": "national_id", "nie": "national_id",
    "nationalid": "national_id", "idcard": "national_id", "identitycard": "national_id",
    "personnummer": "national_id", "pesel": "national_id", "bsn": "national_id",
    "cnpj": "tax_id", "nif": "tax_id", "vat": "tax_id", "taxid": "tax_id", "tin": "tax_id",
    "passport": "passport_number", "passaporte": "passport_number",
    "pasaporte": "passport_number", "cnh": "drivers_license",
    "driverlicense": "drivers_license", "driverslicense": "drivers_license",
    "drivinglicense": "drivers_license", "drivinglicence": "drivers_license",
    "ssn": "us_ssn", "socialsec": "national_id", "socialsecurity": "national_id",
}  # fmt: skip
NUMBER_KEYS = {
    "number", "documentnumber", "identification", "identificationnumber", "idnumber",
    "documentid", "document", "value", "code", "licensenumber", "licencenumber",
}  # fmt: skip
CARD = {"cardnumber", "creditcard", "creditcardnumber", "ccnumber", "pan", "cardno", "card"}
IP_KEYS_NOT = {"netmask", "mask", "gateway", "dns", "subnet", "cidr", "broadcast", "range"}

# ---------------------------------------------------------------------------- value shapes

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
PEM = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
MAC = re.compile(r"([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")
#: Stand-ins without the type's shape: documentation words, masks, templates, the key repeated.
STAND_IN = re.compile(
    r"(string|example[-_ ]?string|text|sample|xxx+|\*+|<[^>]*>|\{\{?[^}]*\}\}?|\$\{[^}]*\}|"
    r"your[_ -].*|\[?filtered\]?|redacted|hidden|masked|n/?a|none|null|nil|-+|\.+|tbd|todo|"
    r"placeholder|somenumber|some[_ -]?value|value)",
    re.I,
)
MASKED = re.compile(r"[*•]{2,}|[Xx]{4,}|#{3,}")
#: A letter first, then letters, apostrophes, dots, hyphens and spaces: at most five words.
_NAME_WORD = r"[^\W\d_][^\W\d_'\u2019.-]*"
PERSONISH = re.compile(rf"{_NAME_WORD}(?:[ '\u2019.-]+{_NAME_WORD}){{0,4}}\.?")
COMPANY = re.compile(
    r"\b(ltd|limited|gmbh|ag|bv|b\.v\.|nv|n\.v\.|sa|s\.a\.|sas|sarl|srl|spa|s\.p\.a\.|inc|llc|"
    r"corp|corporation|company|co|ab|oy|as|a/s|aps|sp\.? ?z ?o\.? ?o\.?|s\.?r\.?o\.?|kft|plc|"
    r"ltda|eireli|me|lda|holding|group|bank|shop|store|services|solutions|consulting|and|und|"
    r"sons|team|department|operations|"
    r"organi[sz]ation|organização|empresa|seguros|seguradora|insurance)\b",
    re.I,
)


#: A display name and an e-mail address (``"Joe Smith" <joe@example.com>``).
NAMED_ADDRESS = re.compile(r"([^<>@]+?)\s*<[^<>\s]+@[^<>\s]+>")
#: Sender names that are a role or a team, not a person.
ROLE = re.compile(r"\b(team|support|info|sales|admin|service|no-?reply|newsletter)\b", re.I)


def stand_in(v: str, joined: str) -> bool:
    """A value without any type's shape: a documentation word, a mask or template, the key
    repeated."""
    flat = re.sub(r"[^a-z0-9]", "", v.lower())
    key_repeated = bool(joined) and bool(re.fullmatch(rf"(my)?{re.escape(joined)}\d*", flat))
    return bool(STAND_IN.fullmatch(v.strip())) or bool(MASKED.search(v)) or key_repeated


def _digits(v: str) -> str:
    return re.sub(r"\D", "", v)


def _is_ip(v: str) -> bool:
    try:
        ip = ipaddress.ip_address(v)
    except ValueError:
        return False
    return not (ip.is_unspecified or str(ip) == "255.255.255.255")


def _person(v: str) -> bool:
    """A value shaped like a person's name or a part of one (letters, at most five words, no
    company form)."""
    return bool(PERSONISH.fullmatch(v)) and not COMPANY.search(v) and len(v) <= 60


def _phone(v: str) -> bool:
    return bool(re.fullmatch(r"[+(]?[\d][\d ()./-]{4,22}\d", v)) and len(_digits(v)) >= 6


def _number_like(v: str, least: int = 4) -> bool:
    return len(_digits(v)) >= least and bool(re.fullmatch(r"[A-Za-z0-9 ./-]{4,40}", v))


def _date_like(v: str) -> bool:
    return bool(
        re.fullmatch(r"(\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?)", v)
        or re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", v)
    )


# ---------------------------------------------------------------------------- the rules


def _value_types(v: str, joined: str, ws: list[str]) -> set[str]:
    """Types a value carries whatever its key: e-mail addresses and JWTs (also inside text),
    private keys, IP and MAC addresses, valid IBANs."""
    found: set[str] = set()
    if EMAIL.search(v) and not v.lower().startswith(("http://", "https://")):
        found.add("email")
    if JWT.search(v):
        found.add("jwt")
    if PEM.search(v):
        found.add("secret_key")
    if _is_ip(v) and not (set(ws) & IP_KEYS_NOT) and "version" not in joined:
        found.add("ip_address")
    if MAC.fullmatch(v):
        found.add("mac_address")
    compact = v.replace(" ", "")
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact) and std_iban.is_valid(compact):
        found.add("iban")
    return found


def _key_type(  # noqa: PLR0911, PLR0912 (one branch a type, in the order they decide)
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | None:
    """The type the key's words name for value ``v``, if its value has the type's shape."""
    parent = "".join(words(parents[-1])) if parents else ""
    if {"errors", "error"} & {"".join(words(p)) for p in parents}:
        return None  # (validation messages about a field, not its value)
    kind = _kind(sib) if joined in NUMBER_KEYS else None
    if kind:
        return kind if _number_like(v, 4) else None
    if joined in SSN:
        return "us_ssn" if re.fullmatch(r"\d{3}-?\d{2}-?\d{4}", v) else None
    if joined in NATIONAL or ("cpf" in joined and "cnpj" not in joined):
        if cpf.is_valid(v) or (joined == "cpfcnpj" and len(_digits(v)) == 11):
            return "national_id"
        if cnpj.is_valid(v):
            return "tax_id"
        return "national_id" if _number_like(v, 6) else None
    if joined in TAX or joined.endswith(("taxid", "vatnumber")) or "cnpj" in joined:
        return "tax_id" if _number_like(v, 5) else None
    if joined in PASSPORT:
        return "passport_number" if _number_like(v, 4) else None
    if joined in LICENCE or (joined == "number" and parent in {"license", "licence"}):
        return "drivers_license" if _number_like(v, 4) else None
    if joined in IBAN_KEYS:
        return "iban" if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9 ]{10,36}", v) else None
    if joined in BANK:
        return "bank_account" if _number_like(v, 4) else None
    if joined in CARD or (joined == "number" and parent in {"card", "creditcard"}):
        d = _digits(v)
        return "credit_card" if 13 <= len(d) <= 19 and luhn.is_valid(d) else None
    if joined in BIRTH:
        return "date_of_birth" if _date_like(v) else None
    if joined in GENDER:
        return "gender" if re.sub(r"[^a-zäöü]", "", v.lower()) in GENDER_VALUES else None
    if joined in PHONE or (joined == "number" and (parent in PHONE or parent.endswith("phones"))):
        return "phone" if _phone(v) else None
    if joined in PASSWORD or ("password" in ws and not set(ws) & NOT_SECRET):
        return "password" if len(v) >= 4 and " " not in v.strip() else None
    if (joined in SECRET_KEYS or (set(ws) & SECRET_WORDS)) and not set(ws) & NOT_SECRET:
        return "secret_key" if _secret(v) else None
    if joined in USERNAME:
        return "username" if _login(v) else None
    if joined in STREET or (joined in {"line", "lines"} and parent.endswith("address")):
        return "street_address" if _street(v, bare=joined in BARE_ADDRESS) else None
    if joined.endswith("address") and not set(ws) & {"email", "mail", "ip", "mac", "web"}:
        return "street_address" if _street(v, bare=True) and re.search(r"\d", v) else None
    if joined in LAT or joined in LON:
        return "geo_location" if _coordinate(v, 90 if joined in LAT else 180) else None
    if joined in FIRST_LAST or joined.endswith(("firstname", "lastname", "fullname")):
        return "person_name" if _person(v) else None
    if joined in NAME_KEYS:
        return "person_name" if _named_person(parent, v, sib) else None
    return None


#: Keys holding a name that is a person's when its parent or siblings say so.
NAME_KEYS = {
    "name", "displayname", "nome", "naam", "nom", "navn", "namn", "nimi", "contact",
    "partyname", "contactperson",
}  # fmt: skip
#: Parents of a message's people (a single word there is a name: ``To: [{Name: Anna}]``).
RECIPIENTS = {"to", "cc", "bcc", "from", "sender", "recipient", "recipients", "replyto"}
#: Sibling values saying that a party is a person.
NATURAL = {"naturalperson", "person", "individual", "pessoanatural", "pessoafisica"}


def _named_person(parent: str, v: str, sib: dict[str, Any]) -> bool:
    """Whether a ``name`` is a person's: shaped like one and under a person's parent, beside a
    person's e-mail or phone, or beside a value saying the party is a natural person."""
    if not _person(v):
        return False
    keys = {"".join(words(k)) for k in sib}
    natural = any(
        isinstance(x, str) and re.sub(r"[^a-z]", "", x.lower()) in NATURAL for x in sib.values()
    )
    contact_beside = bool(keys & (PHONE | {"email", "emailaddress", "mail"}))
    if natural or contact_beside or parent in RECIPIENTS:
        return True
    return parent in PERSON_PARENTS and " " in v.strip()


def _secret(v: str) -> bool:
    """A key or token: at least 16 characters without spaces, letters and digits mixed (a PEM
    key is found by its header)."""
    return (
        len(v) >= 16
        and bool(re.fullmatch(r"\S+", v))
        and bool(re.search(r"\d", v))
        and bool(re.search(r"[A-Za-z]", v))
        and not re.fullmatch(r"https?://\S+", v)
    )


def _kind(sib: dict[str, Any]) -> str | None:
    """The type of a document number whose kind a sibling names (``type: CPF``)."""
    for k, x in sib.items():
        kw = set(words(k))
        if kw & {"type", "kind", "category", "tipo", "typ"} and isinstance(x, str):
            t = KINDS.get(re.sub(r"[^a-z]", "", x.lower()))
            if t:
                return t
    return None


def _login(v: str) -> bool:
    """A human-readable login: letters first, no spaces, not an id (digits, UUID, hex)."""
    return (
        bool(re.fullmatch(r"@?[A-Za-z][\w.@+-]{1,40}", v))
        and not re.fullmatch(r"[0-9a-fA-F-]{16,}", v)
        and not re.fullmatch(r"[a-z]+_[0-9A-Za-z]{10,}", v)
    )


#: Keys that name an address in general: a street line under them has more than one word.
BARE_ADDRESS = {"address", "adresse", "adres", "direccion", "endereco", "indirizzo"}


def _street(v: str, *, bare: bool = False) -> bool:
    """A street line: letters, not a URL, an e-mail address or a bare number (under a key that
    names an address in general, more than one word)."""
    return (
        bool(re.search(r"[^\W\d_]{3,}", v))
        and (" " in v.strip() or not bare)
        and not re.match(r"https?://", v)
        and "@" not in v
        and len(v) <= 120
    )


def _coordinate(v: str, bound: int) -> bool:
    try:
        x = float(v)
    except ValueError:
        return False
    return -bound <= x <= bound and x != 0  # (0 is null island: a stand-in, as 0.0.0.0 is)


def leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
    """The types of one leaf: its value's own shapes, the type its key names (when the value
    has that type's shape), numbers under GeoJSON-like ``coordinates``; nothing for stand-ins
    without the type's shape."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return set()
    v = str(value).strip()
    ws = words(key)
    joined = "".join(ws)
    if not v or stand_in(v, joined):
        return set()
    found = _value_types(v, joined, ws)
    if found & {"email", "iban", "ip_address", "mac_address"} and " " not in v:
        return found
    named = NAMED_ADDRESS.fullmatch(v)
    if named and _person(named.group(1).strip('" ')) and not ROLE.search(named.group(1)):
        found.add("person_name")  # (``Joe Smith <joe@example.com>``: a name and an address)
    own = _key_type(parents, ws, joined, v, sib)
    if own and not (own == "secret_key" and "jwt" in found):
        found.add(own)
    elif (joined in GEO_KEYS or joined == "location") and isinstance(value, str):
        if LAT_LNG.fullmatch(v):
            found.add("geo_location")
    elif isinstance(value, int | float) and (joined in GEO_KEYS or joined == ""):
        parent = "".join(words(parents[-1])) if parents else ""
        if (parent in GEO_KEYS or joined in GEO_KEYS) and _coordinate(v, 180):
            found.add("geo_location")
    return found
