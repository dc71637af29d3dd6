# ruff: noqa: RUF001, E501, PLR0911  (key words in their own scripts; one vocabulary per line block)
"""Training-only document shapes that widen what the key model and the final model see.

`detector.synth.training_corpus` adds these to its documents (the held-out corpus does not:
it stays the documents it always was). They were written from how APIs are commonly shaped
(JSON:API, HAL, GraphQL connections, OData collections, name/value pair lists) and from the
languages, not from any evaluation document:

- **envelopes** — the same fields nested under `data.attributes`, `included[*]`,
  `_embedded.<things>[*]`, `data.<things>.edges[*].node`, `value[*]`, with the envelope's own
  ids, cursors and links as negatives;
- **affixed keys** — every type's key words with neutral prefixes and suffixes
  (`primaryEmail`, `customer_last_name_txt`, `phone_2`), plurals (`names`, `emails`) and
  initials, so the key model reads the word that matters inside keys it never saw;
- **hard negatives** — company names made of surnames (`Young, Fry and Davenport`) under
  business-name keys; city, postcode, region and country under address parents, in many
  languages; settings and flags whose key names a personal field (`enforce_login`,
  `email_verified`: `"true"`, `"enabled"`); booking references, order, invoice and
  application numbers in many languages and layouts, Luhn-valid 16-digit numbers among them.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from typing import Any

from detector import synth as s
from detector.synth_locales import Locale
from detector.validators import luhn_ok

Labels = list[tuple[list[str], str]]
Shape = Callable[[random.Random, Locale, str], tuple[dict[str, Any], Labels]]

_PREFIXES = ("primary", "secondary", "main", "current", "new", "old", "default", "preferred",
             "alt", "other", "home", "work", "personal", "legal", "registered", "contact",
             "customer", "cust", "usr", "user", "my", "owner", "member", "client", "account",
             "billing", "shipping", "private", "verified", "raw", "input", "form", "profile")  # fmt: skip
_SUFFIXES = ("value", "txt", "text", "str", "field", "input", "1", "2", "main", "primary",
             "full", "info", "data", "raw", "enc", "val", "fld", "entry", "string")  # fmt: skip


def _affix(rng: random.Random, tokens: tuple[str, ...]) -> tuple[str, ...]:
    r = rng.random()
    if r < 0.4:
        return (rng.choice(_PREFIXES), *tokens)
    if r < 0.8:
        return (*tokens, rng.choice(_SUFFIXES))
    return (rng.choice(_PREFIXES), *tokens, rng.choice(_SUFFIXES))


def affixed_fields(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Fields of every kind under affixed key words (negatives too, so no affix means a type)."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    for _ in range(rng.randint(2, 5)):
        spec = rng.choice(s.SENSITIVE if rng.random() < 0.6 else s.NEGATIVE)
        key = s.style_key(rng, _affix(rng, rng.choice(spec.keys)), style)
        if key in obj or spec.type_id == "geo_location":
            continue
        obj[key] = spec.gen(rng, loc)
        if spec.type_id is not None:
            labels.append(([key], spec.type_id))
    return obj, labels


_PLURALS = (("names", "person_name"), ("full names", "person_name"), ("emails", "email"),
            ("email addresses", "email"), ("phones", "phone"), ("phone numbers", "phone"),
            ("aliases", "person_name"), ("addresses", "street_address"),
            ("other names", "person_name"), ("holders", "person_name"),
            ("account holders", "person_name"), ("owners", "person_name"))  # fmt: skip
_INITIALS_KEYS = ("initials", "voorletters", "Initialen", "initiales", "iniciales", "iniziali",
                  "iniciais", "inicjały", "initialer", "nimikirjaimet", "baş harfler",
                  "middle initial", "mi")  # fmt: skip
_GEN: dict[str, s.Gen] = {"person_name": s.full_name, "email": s.email, "phone": s.phone,
                          "street_address": s.street_line}  # fmt: skip


def plural_and_initials(
    rng: random.Random, loc: Locale, style: str
) -> tuple[dict[str, Any], Labels]:
    """Lists of names, e-mails, phones under plural keys; initials (``J.``, ``A.B.``)."""
    words, type_id = rng.choice(_PLURALS)
    key = s.style_key(rng, tuple(words.split()), style)
    obj: dict[str, Any] = {key: [_GEN[type_id](rng, loc) for _ in range(rng.randint(1, 3))]}
    labels: Labels = [([key, "[*]"], type_id)]
    if rng.random() < 0.5:
        ikey = rng.choice(_INITIALS_KEYS)
        ikey = s.style_key(rng, tuple(ikey.split()), style)
        first = s.first_name(rng, loc)
        obj[ikey] = rng.choice([f"{first[:1]}.", f"{first[:1]}.{rng.choice(string.ascii_uppercase)}.",
                                first[:1].upper()])  # fmt: skip
        if len(obj[ikey]) >= 2:
            labels.append(([ikey], "person_name"))
    parent = s.style_key(rng, (rng.choice(s.PARENTS_PERSON),), style)
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


_BUSINESS_KEYS = s._k("business name", "legal entity name", "dba name", "company name",
                      "organization name", "organisation name", "trading name", "employer name",
                      "merchant name", "vendor name", "supplier name", "firm name",
                      "business legal name", "registered name", "corporate name", "entity name",
                      "doing business as", "bank name", "institution name", "practice name",
                      "payee business name", "store name", "brand name", "agency name")  # fmt: skip
_BUSINESS_LITERAL = ("Firmenname", "Firma", "raison_sociale", "nom_entreprise", "razon_social",
                     "nombre_empresa", "ragione_sociale", "razao_social", "nome_empresa",
                     "bedrijfsnaam", "nazwa_firmy", "företagsnamn", "firma_adı", "会社名", "公司名称",
                     "회사명", "название_компании")  # fmt: skip
_LEGAL = ("Inc.", "LLC", "Ltd", "GmbH", "AG", "S.A.", "SAS", "S.r.l.", "B.V.", "Sp. z o.o.",
          "AB", "A.Ş.", "PLC", "LLP", "& Sons", "and Partners", "Group", "Holdings", "KG")  # fmt: skip


def company_name(rng: random.Random, loc: Locale) -> str:
    """A company name made of surnames: it reads like people, but names a business."""
    a, b, c = (s.last_name(rng, loc) for _ in range(3))
    r = rng.random()
    if r < 0.3:
        return f"{a}, {b} and {c}"
    if r < 0.5:
        return f"{a} & {b}"
    if r < 0.65:
        return f"{a}-{b}"
    if r < 0.8:
        return f"{a} {rng.choice(_LEGAL)}"
    return f"{a} {b} {rng.choice(_LEGAL)}"


def business_names(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Business names under business keys (negatives), often beside a person's name."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    key = (
        rng.choice(_BUSINESS_LITERAL)
        if rng.random() < 0.3
        else s.style_key(rng, rng.choice(_BUSINESS_KEYS), style)
    )
    obj[key] = company_name(rng, loc)
    if rng.random() < 0.5:
        pkey = s.style_key(rng, rng.choice(s._k("contact name", "representative name",
                                                "signer name", "full name")), style)  # fmt: skip
        obj[pkey] = s.full_name(rng, loc)
        labels.append(([pkey], "person_name"))
    parent = s.style_key(
        rng, (rng.choice(("requester", "payer", "vendor", "employer", "merchant", "business",
                          "company", "account", "organization", "supplier", "payee")),), style
    )  # fmt: skip
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


_ADDRESS_PARENTS = ("address", "billing address", "shipping address", "location", "anschrift",
                    "adresse", "direccion", "indirizzo", "endereco", "adres", "adresa", "osoite",
                    "住所", "地址", "주소", "адрес", "postal address", "residence", "domicile")  # fmt: skip
_CITY = ("city", "town", "locality", "ort", "stadt", "wohnort", "ville", "commune", "ciudad",
         "localidad", "municipio", "città", "comune", "cidade", "plaats", "woonplaats",
         "miasto", "miejscowość", "stad", "şehir", "ilçe", "kaupunki", "by", "obec",
         "város", "oraș", "市区町村", "城市", "도시", "город")  # fmt: skip
_POSTAL = ("zip", "postal code", "postcode", "plz", "postleitzahl", "code postal", "cp",
           "codigo postal", "cap", "cep", "kod pocztowy", "postnummer", "posta kodu", "psc",
           "irányítószám", "郵便番号", "邮编", "우편번호", "индекс")  # fmt: skip
_REGION = ("state", "province", "region", "county", "bundesland", "département", "provincia",
           "estado", "regione", "provincie", "województwo", "län", "il", "都道府県", "省",
           "область", "country", "land", "pays", "país", "paese", "kraj", "ülke")  # fmt: skip


def address_parts(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """An address object: the street line is personal; city, postcode, region alone are not."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    if rng.random() < 0.7:
        key = s.style_key(rng, rng.choice(s._k("street", "line1", "address line1", "street line")),
                          style)  # fmt: skip
        obj[key] = s.street_line(rng, loc)
        labels.append(([key], "street_address"))
    for words, gen in ((_CITY, s.city), (_POSTAL, s.postal_code), (_REGION, s.country)):
        if rng.random() < 0.8:
            obj[s.style_key(rng, tuple(rng.choice(words).split()), style)] = gen(rng, loc)
    parent = s.style_key(rng, tuple(rng.choice(_ADDRESS_PARENTS).split()), style)
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


_FLAG_KEYS = s._k("enforce login", "login enabled", "allow login", "login required",
                  "require password", "password required", "password policy", "email verified",
                  "phone verified", "show email", "hide phone", "name visible", "share location",
                  "use pmi", "address verification", "ssn verified", "passport required",
                  "identity check", "watchlist screening", "kyc status", "document check",
                  "login method", "auth method", "username changeable", "email opt in",
                  "sms opt in", "card present", "mfa required", "password expired",
                  "account holder type", "name match", "dob match", "address match",
                  "tax exempt", "license plan", "login type")  # fmt: skip
_FLAG_VALUES = ("true", "false", "True", "FALSE", "enabled", "disabled", "on", "off", "yes", "no",
                "success", "failed", "pending", "required", "optional", "passed", "match",
                "no_match", "partial", "boolean", "individual", "company", "sso", "password",
                "verified", "unverified", "none", "basic", "pro")  # fmt: skip


def settings_flags(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Settings and checks whose key names a personal field but whose value is a flag."""
    obj = {
        s.style_key(rng, rng.choice(_FLAG_KEYS), style): rng.choice(_FLAG_VALUES)
        for _ in range(rng.randint(2, 4))
    }
    parent = s.style_key(rng, tuple(rng.choice(("settings", "steps", "checks", "features", "policy",
                                           "in meeting", "schedule meeting", "options")).split()), style)  # fmt: skip
    return {parent: obj}, []


_REFERENCE_KEYS = s._k("booking reference", "pnr", "record locator", "confirmation code",
                       "order number", "invoice number", "application number", "reference",
                       "ticket number", "case id", "claim number", "policy number",
                       "customer number", "account reference", "identifier", "contract number",
                       "quote number", "delivery number", "registration number", "voucher code",
                       "promo code", "coupon", "membership id", "loyalty id", "host id",
                       "provider", "source id", "external key")  # fmt: skip
_REFERENCE_LITERAL = ("identifiant", "numéro", "référence", "n_commande", "Kennung",
                      "Vorgangsnummer", "Aktenzeichen", "Buchungsnummer", "referencia",
                      "localizador", "codice_prenotazione", "riferimento", "referência",
                      "protocolo", "kenmerk", "nr_zamówienia", "numer_referencyjny",
                      "bokningsnummer", "referans_no", "rezervasyon_kodu", "予約番号", "受付番号",
                      "编号", "预订号", "예약번호", "номер_брони", "идентификатор")  # fmt: skip


def reference_value(rng: random.Random, loc: Locale) -> str | int:
    """Order, booking, invoice and application references in many layouts."""
    up = string.ascii_uppercase
    r = rng.randint(0, 9)
    if r == 0:  # an airline record locator
        return s._alnum(rng, 6, up + string.digits)
    if r == 1:
        return rng.randint(100_000, 999_999_999)
    if r == 2:  # a Luhn-valid 16-digit order number outside card ranges
        body = "0" + s._digits(rng, 14)
        return body + next(d for d in "0123456789" if luhn_ok(body + d))
    if r == 3:
        return f"{s._alnum(rng, 3, up)}/{rng.randint(1, 999)}/{rng.randint(2015, 2030)}"
    if r == 4:
        return f"{rng.choice(['APP', 'INV', 'ORD', 'BK', 'REF', 'CL'])}-{s._digits(rng, rng.randint(6, 10))}"
    if r == 5:
        return f"{rng.randint(2015, 2030)}{s._digits(rng, rng.randint(4, 8))}"
    if r == 6:
        return s._alnum(rng, rng.randint(5, 8), string.ascii_lowercase) + s._digits(rng, 1)
    if r == 7:
        return s.numeric_id(rng, loc)
    if r == 8:
        return s._alnum(rng, rng.randint(8, 12), up + string.digits)
    return f"{s._digits(rng, 3)}-{s._digits(rng, 7)}"


def references(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """References and identifiers that name no person, under many key words."""
    obj: dict[str, Any] = {}
    for _ in range(rng.randint(1, 3)):
        key = (
            rng.choice(_REFERENCE_LITERAL)
            if rng.random() < 0.35
            else s.style_key(rng, rng.choice(_REFERENCE_KEYS), style)
        )
        obj[key] = reference_value(rng, loc)
    if rng.random() < 0.5:
        parent = s.style_key(rng, (rng.choice(("booking", "order", "identities", "application",
                                               "claim", "ticket", "reservation", "case",
                                               "voucher", "hosts")),), style)  # fmt: skip
        return {parent: obj}, []
    return obj, []


def _inner(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    return s._object(rng, loc, style, rng.randint(1, 4), rng.randint(1, 4), 1)


def _things(rng: random.Random) -> str:
    return rng.choice(("users", "customers", "people", "contacts", "members", "accounts",
                       "orders", "employees", "profiles", "records", "items", "leads"))  # fmt: skip


def envelope(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Fields nested in a JSON:API, HAL, GraphQL or OData envelope (the envelope's ids,
    cursors and links are negatives)."""
    inner, rel = _inner(rng, loc, style)
    things = _things(rng)
    r = rng.randint(0, 3)
    if r == 0:  # JSON:API
        res = {"type": things, "id": str(s.numeric_id(rng, loc)), "attributes": inner,
               "links": {"self": s.url(rng, loc)}}  # fmt: skip
        key = rng.choice(["data", "included"])
        if key == "included":
            return {"included": [res]}, [(["included", "[*]", "attributes", *p], t) for p, t in rel]
        return {"data": res}, [(["data", "attributes", *p], t) for p, t in rel]
    if r == 1:  # HAL
        inner["_links"] = {"self": {"href": s.url(rng, loc)}}
        return {"_embedded": {things: [inner]}, "_links": {"next": {"href": s.url(rng, loc)}}}, [
            (["_embedded", things, "[*]", *p], t) for p, t in rel
        ]
    if r == 2:  # GraphQL connection
        cursor = s.opaque_id(rng, loc)
        conn = {"edges": [{"cursor": cursor, "node": inner}],
                "pageInfo": {"endCursor": cursor, "hasNextPage": rng.random() < 0.5}}  # fmt: skip
        return {"data": {things: conn}}, [
            (["data", things, "edges", "[*]", "node", *p], t) for p, t in rel
        ]
    odata = {"@odata.context": s.url(rng, loc), "value": [inner],
             "@odata.nextLink": s.url(rng, loc)}  # fmt: skip
    return odata, [(["value", "[*]", *p], t) for p, t in rel]


_PART_KEYS: tuple[tuple[tuple[str, ...], str], ...] = (
    *((k, "first") for k in s._k("first name", "given name", "forename", "first", "given",
                                  "fname", "christian name", "vorname", "prenom", "nombre",
                                  "nome", "voornaam", "imie", "förnamn", "etunimi", "adı")),
    *((k, "last") for k in s._k("last name", "family name", "surname", "last", "family", "lname",
                                 "nachname", "nom", "apellido", "cognome", "sobrenome",
                                 "achternaam", "nazwisko", "efternamn", "sukunimi", "soyadı")),
    *((k, "middle") for k in s._k("middle name", "second name", "middle", "tussenvoegsel")),
    *((k, "full") for k in s._k("name", "full name", "holder name", "display name", "legal name",
                                 "contact name", "account holder", "debtor name", "payer name")),
)  # fmt: skip
_PARTICLES = ("van", "van der", "de", "de la", "von", "da", "di", "del", "O'", "Mc", "ten", "al")


def _surname(rng: random.Random, loc: Locale) -> str:
    last = s.last_name(rng, loc)
    r = rng.random()
    if r < 0.25:
        return f"{last}-{s.last_name(rng, loc)}"
    if r < 0.4:
        particle = rng.choice(_PARTICLES)
        return (
            f"{particle}{last}"
            if particle.endswith("'") or particle == "Mc"
            else f"{particle} {last}"
        )
    return last


def name_part(rng: random.Random, loc: Locale, part: str) -> str:
    """A first, middle or last name on its own, or a full name in a less common layout."""
    if part == "first":
        first = s.first_name(rng, loc)
        return f"{first}-{s.first_name(rng, loc)}" if rng.random() < 0.1 else first
    if part == "middle":
        return s.first_name(rng, loc) if rng.random() < 0.7 else f"{s.first_name(rng, loc)[:1]}."
    if part == "last":
        return _surname(rng, loc)
    first, last = s.first_name(rng, loc), _surname(rng, loc)
    r = rng.random()
    if r < 0.3:
        return f"{first} {last}"
    if r < 0.45:
        return f"{first[:1]}. {last}" if rng.random() < 0.5 else f"{first[:1]} {last}"
    if r < 0.6:
        return f"{rng.choice(['Mr', 'Ms', 'Mrs', 'Dr', 'Mx', 'Herr', 'Frau', 'Mme', 'Sr.', 'Sra.'])} {first} {last}"
    if r < 0.7:
        return f'{first} "{s.first_name(rng, loc)}" {last}'
    if r < 0.8:
        return f"{last} {first}"
    if r < 0.9:
        return f"{first}{last}"
    return f"{first} {s.first_name(rng, loc)[:1]}. {last}"


_NEUTRAL_PARENTS = ("properties", "attributes", "fields", "record", "details", "info", "data")
#: People's roles beyond synth's parents (a bare ``name`` under them is a person's); not
#: `parent`, `child` or `partner`, which APIs also use for trees and businesses.
_PERSON_ROLES = ("borrower", "co borrower", "co applicant", "co signer", "lender", "lessee",
                 "policyholder", "dependent", "guardian", "heir", "nominee",
                 "claimant", "respondent", "plaintiff", "defendant", "attorney", "representative",
                 "delegate", "proxy", "caregiver", "nurse", "teacher", "volunteer", "donor",
                 "winner", "player", "coach", "artist", "cosigner", "joint holder",
                 "next of kin", "relative", "contact person", "pasajero",
                 "destinatario", "empfänger", "titulaire", "beneficiario")  # fmt: skip


def name_parts(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """A person's names as the keys say: first and last names alone, double and particle
    surnames, initials, titles, nicknames (a bare ``name`` only under a person's parent)."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    parts = rng.sample(_PART_KEYS, rng.randint(1, 3))
    for tokens, part in parts:
        key = s.style_key(rng, tokens, style)
        if key in obj:
            continue
        obj[key] = name_part(rng, loc, part)
        labels.append(([key], "person_name"))
    if rng.random() < 0.6 or any(part == "full" for _, part in parts):
        parents: tuple[str, ...] = s.PARENTS_PERSON + s.PARENTS_PERSON_MORE + _PERSON_ROLES
        if all(part != "full" for _, part in parts):
            parents += _NEUTRAL_PARENTS
        parent = s.style_key(rng, tuple(rng.choice(parents).split()), style)
        return {parent: obj}, [([parent, *p], t) for p, t in labels]
    return obj, labels


_PHONE_KEYS = s._k("phone", "phone number", "mobile", "mobile phone", "telephone", "tel", "cell",
                   "cell phone", "home phone", "work phone", "msisdn", "contact number", "fax",
                   "telefon", "telefono", "celular", "cellulare", "telefoonnummer", "portable",
                   "telefonnummer", "handy", "telefone", "numer telefonu")  # fmt: skip


def loose_phone(rng: random.Random, loc: Locale) -> str:
    """A phone number in a common written layout that a numbering plan need not accept
    (test data, typos, unassigned ranges): what phone fields hold besides valid numbers."""
    d = s._digits
    cc = rng.choice(["1", "44", "49", "33", "34", "39", "31", "55", "81", "91", "48", "46", "90"])
    r = rng.randint(0, 8)
    if r == 0:
        return f"+{cc}-{d(rng, 3)}-{d(rng, 3)}-{d(rng, 4)}"
    if r == 1:
        return f"{rng.choice(['1-', '001-', ''])}{d(rng, 3)}-{d(rng, 3)}-{d(rng, 4)}"
    if r == 2:
        return f"({d(rng, 3)}) {d(rng, 3)}-{d(rng, 4)}"
    if r == 3:
        return f"+{cc}(0){d(rng, 4)} {d(rng, rng.randint(5, 7))}"
    if r == 4:
        return f"+{cc}{d(rng, rng.randint(3, 4))} {d(rng, 6)}"
    if r == 5:
        return f"0{d(rng, rng.randint(8, 10))}"
    if r == 6:
        return f"+{cc} {d(rng, 2)} {d(rng, 4)}-{d(rng, 4)}"
    if r == 7:
        return f"{d(rng, 3)}.{d(rng, 3)}.{d(rng, 4)}"
    return f"+{cc}{d(rng, rng.randint(9, 11))}"


_PHONE_PARENTS = (*s.PARENTS_PERSON, "billing address", "shipping address", "address", "properties")


def loose_phones(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Phone fields holding numbers of phone layout, valid or not."""
    key = s.style_key(rng, rng.choice(_PHONE_KEYS), style)
    obj: dict[str, Any] = {key: loose_phone(rng, loc)}
    if rng.random() < 0.5:
        parent = s.style_key(rng, tuple(rng.choice(_PHONE_PARENTS).split()), style)
        return {parent: obj}, [([parent, key], "phone")]
    return obj, [([key], "phone")]


_COORD_PARENTS = ("address", "start address", "end address", "pickup", "delivery", "location",
                  "ticketing location", "stop", "venue", "store", "position", "geo", "point",
                  "center", "top right corner", "bottom left", "origin", "destination", "place",
                  "waypoint", "last known position", "geometry", "facility", "branch")  # fmt: skip
_LAT_KEYS = ("lat", "latitude", "Lat", "LAT", "latitud", "breitengrad", "y", "fac lat")
_LON_KEYS = ("lon", "lng", "long", "longitude", "Lon", "LON", "longitud", "laengengrad", "x",
             "fac long")  # fmt: skip


def coordinates(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Latitude and longitude (numbers or numeric strings, 3 to 15 decimals) inside address,
    stop, venue and position objects, beside the address's other parts."""
    lat, lon = s.latitude(rng, loc), s.longitude(rng, loc)
    if rng.random() < 0.3:  # fewer or more decimals than the generator's usual
        n = rng.choice([3, 4, 12, 14])
        lat, lon = round(lat + rng.random() / 1e3, n), round(lon + rng.random() / 1e3, n)
    pair: tuple[Any, Any] = (lat, lon) if rng.random() < 0.7 else (str(lat), str(lon))
    i = rng.randrange(len(_LAT_KEYS))
    lat_key = s.style_key(rng, tuple(_LAT_KEYS[i].split()), style)
    lon_key = s.style_key(rng, tuple(_LON_KEYS[min(i, len(_LON_KEYS) - 1)].split()), style)
    obj: dict[str, Any] = {lat_key: pair[0], lon_key: pair[1]}
    labels: Labels = [([lat_key], "geo_location"), ([lon_key], "geo_location")]
    parent = s.style_key(rng, tuple(rng.choice(_COORD_PARENTS).split()), style)
    if "address" in parent.lower() and rng.random() < 0.6:
        street = s.style_key(rng, ("street",), style)
        obj[street] = s.street_line(rng, loc)
        labels.append(([street], "street_address"))
        obj[s.style_key(rng, ("city",), style)] = s.city(rng, loc)
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


_TOKEN_KEYS = s._k("access token", "refresh token", "session token", "auth token", "user token",
                   "api token", "token", "sdk key", "app key", "api key", "subject token",
                   "actor token", "security token", "oauth token", "personal access token",
                   "api secret", "consumer secret", "license key", "server key", "secret",
                   "private token", "bot token", "device token secret", "auth code")  # fmt: skip
_TOKEN_SIBLINGS = s._k("token type", "scope", "grant type", "key name", "environment")


def opaque_token(rng: random.Random) -> str:
    """Access, refresh and API tokens without a vendor shape: hex, UUIDs, base64(url)."""
    b64url = string.ascii_letters + string.digits + "-_"
    r = rng.randint(0, 7)
    if r == 0:
        return s._alnum(rng, rng.choice([32, 40, 64]), "0123456789abcdef")
    if r == 1:
        return str(uuid_from(rng))
    if r == 2:
        return s._alnum(rng, rng.randint(20, 48), b64url)
    if r == 3:
        return "def50200" + s._alnum(rng, rng.randint(60, 200), "0123456789abcdef")
    if r == 4:
        prefix = rng.choice(["sdk-", "to", "tk_", "pat_", "key-", "srv-", "api_", "at_", "rt_"])
        return prefix + rng.choice([str(uuid_from(rng)), s._alnum(rng, rng.randint(20, 32))])
    if r == 5:
        return (
            s._alnum(rng, rng.randint(40, 120), string.ascii_letters + string.digits + "+/") + "="
        )
    if r == 6:
        return s._alnum(rng, rng.randint(16, 24))
    return s._alnum(rng, rng.randint(24, 40), string.ascii_letters + string.digits)


def uuid_from(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng``."""
    h = s._alnum(rng, 32, "0123456789abcdef")
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def opaque_tokens(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Credentials without a vendor shape under credential keys, beside their public siblings."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    for _ in range(rng.randint(1, 2)):
        key = s.style_key(rng, rng.choice(_TOKEN_KEYS), style)
        obj[key] = opaque_token(rng)
        labels.append(([key], "secret_key"))
    for _ in range(rng.randint(0, 2)):
        obj[s.style_key(rng, rng.choice(_TOKEN_SIBLINGS), style)] = rng.choice(
            ["bearer", "Bearer", "read write", "refresh_token", "production", "default", "mac"]
        )
    if rng.random() < 0.4:
        parent = s.style_key(rng, (rng.choice(("credentials", "auth", "session", "oauth", "tokens",
                                               "config", "integration")),), style)  # fmt: skip
        return {parent: obj}, [([parent, *p], t) for p, t in labels]
    return obj, labels


_ENUM_KEYS = s._k("use", "usage", "type", "kind", "classification", "category", "class",
                  "purpose", "role", "system", "rank", "tier", "level", "mode", "channel",
                  "source", "visibility", "forhandler", "vendor", "label")  # fmt: skip
_ENUM_VALUES = ("official", "usual", "temp", "nickname", "anonymous", "old", "maiden", "home",
                "work", "mobile", "billing", "shipping", "primary", "secondary", "state",
                "capitol", "district", "federal", "internal", "public", "private", "standard",
                "premium", "gold", "basic", "email", "phone", "sms", "fax", "web", "api",
                "manual", "import", "legislature", "executive", "F5573", "R102", "B7", "VIP")  # fmt: skip


def enum_words(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Short codes and enumeration words under use/type/classification keys, also beside
    personal fields (a FHIR ``name[*].use``, a ``telecom[*].use``): not data of a person."""
    obj: dict[str, Any] = {
        s.style_key(rng, rng.choice(_ENUM_KEYS), style): rng.choice(_ENUM_VALUES)
        for _ in range(rng.randint(1, 3))
    }
    labels: Labels = []
    if rng.random() < 0.5:
        spec = rng.choice(s.SENSITIVE)
        if spec.type_id != "geo_location":
            key = s.style_key(rng, rng.choice(spec.keys), style)
            if key not in obj:
                obj[key] = spec.gen(rng, loc)
                labels.append(([key], str(spec.type_id)))
    return obj, labels


#: (shape, share of training documents that get it)
TRAINING_SHAPES: tuple[tuple[Shape, float], ...] = (
    (affixed_fields, 0.35),
    (plural_and_initials, 0.15),
    (business_names, 0.15),
    (address_parts, 0.2),
    (settings_flags, 0.12),
    (references, 0.25),
    (envelope, 0.2),
    (name_parts, 0.3),
    (loose_phones, 0.15),
    (opaque_tokens, 0.15),
    (enum_words, 0.15),
    (coordinates, 0.12),
)
