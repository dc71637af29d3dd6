# ruff: noqa: RUF001, E501  (key and salutation words in their own scripts)
"""Training-only shapes of vendor APIs: how payment, messaging, commerce and identity APIs
commonly lay out phones, addresses, salutations and the names of things.

`detector.synth.training_corpus` adds these (the held-out corpus does not). Written from
the general layouts of public API references, not from any evaluation document:

- **phones in routing and object shapes** — E.164 numbers (also without the plus, and in
  ranges a numbering plan need not accept) under the keys messaging and calling APIs use
  (`From`, `To`, `destination_number`, `agent_phone`, `caller`); phone objects
  (`{"country_code": "1", "national_number": "6692478833"}`) where only the number is the
  phone; national numbers grouped with spaces or dots (`77 88 72 02`, `06.80.01.02.03`);
- **salutations and gender codes** — `title`, `salutation`, `honorific`, `Anrede`, … holding
  `Mr.`, `Dhr.`, `Mme` under people and addresses; `gender`/`sex` holding one-letter codes
  and words of many languages; job titles under `title` as negatives;
- **addresses as vendors write them** — Shopify-, PayPal-, Stripe- and Twilio-like address
  objects with the recipient's name and the street line, `admin_area_2`/`locality`/`province`
  and codes (negatives; second lines are left to `value_rules.key_says_extra_line`: as
  training negatives they taught the key model to doubt every `line` key);
- **hard negatives** — names of things under `friendly_name`, `plan_name`, `template_name`,
  `queue_name`, `trading_name`, a thing's `title`/`label`; URL slugs under a thing's
  `handle`; currency, country and language codes under keys that share words with personal
  ones (`citizenship`, `billing_units`, `name_code`); localised place-name
  maps (`country.names.en`).
"""

from __future__ import annotations

import random
import string
from typing import Any

import phonenumbers

from detector import synth as s
from detector.synth_locales import Locale
from detector.synth_shapes import Labels, Shape, company_name, loose_phone

# ---------------------------------------------------------------- phones


def _valid_number(rng: random.Random, loc: Locale) -> phonenumbers.PhoneNumber:
    """A valid number of the locale's region or another training region."""
    text = s.phone(rng, loc)
    region = None if text.startswith("+") else loc.phone_region
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return phonenumbers.parse("+14155550123")


def e164_phone(rng: random.Random, loc: Locale) -> str:
    """An E.164 number: valid, without its plus, or a test number no plan accepts."""
    r = rng.random()
    if r < 0.5:
        num = _valid_number(rng, loc)
        e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        return e164[1:] if rng.random() < 0.25 else e164
    if r < 0.8:  # test and toll-free numbers of the documentation kind
        cc = rng.choice(["1", "1", "1", "44", "49", "33", "34", "39", "31", "55", "81", "61"])
        return f"+{cc}{s._digits(rng, rng.randint(8, 10))}"
    return f"+{s._digits(rng, rng.randint(9, 12)).lstrip('0') or '9'}"


def national_phone(rng: random.Random, loc: Locale) -> str:
    """A national number as local forms group it (pairs, fours, dots), valid or not."""
    d = s._digits
    r = rng.randint(0, 5)
    if r == 0:  # Nordic eight digits in pairs
        return " ".join(d(rng, 2) for _ in range(4))
    if r == 1:
        return f"{d(rng, 4)} {d(rng, 4)}"
    if r == 2:  # French ten digits in pairs, with spaces or dots
        sep = rng.choice([" ", ".", ""])
        return sep.join(["0" + str(rng.randint(1, 9))] + [d(rng, 2) for _ in range(4)])
    if r == 3:
        return f"{d(rng, 3)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}"
    if r == 4:
        return f"0{d(rng, 3)} {d(rng, 3)} {d(rng, rng.randint(3, 4))}"
    return loose_phone(rng, loc)


#: Few keys end in "number": bank, identity and order numbers say "number" too.
_ROUTE_KEYS = s._k("from", "to", "caller", "callee", "called", "caller id", "destination",
                   "destination number", "origination number", "forwarded from", "forward to",
                   "agent phone", "customer phone", "external contact", "transfer to", "voice",
                   "sender phone", "recipient phone", "whatsapp", "msisdn", "ani", "dnis",
                   "e164", "phone e164")  # fmt: skip
_ROUTE_PARENTS = ("call", "message", "segment", "segments", "conversation", "participant",
                  "participants", "leg", "sms", "delivery", "recipient", "sender", "number",
                  "phone numbers", "calls", "messages", "execution", "flow", "dial", "task")  # fmt: skip
_ROUTE_NEGATIVES: tuple[tuple[tuple[str, ...], s.Gen], ...] = (
    (("status",), lambda rng, loc: rng.choice(["queued", "sent", "delivered", "completed", "busy", "no-answer", "ringing"])),
    (("direction",), lambda rng, loc: rng.choice(["inbound", "outbound-api", "outbound-dial", "outbound"])),
    (("price",), lambda rng, loc: f"-{rng.randint(0, 2)}.{s._digits(rng, 5)}"),
    (("price", "unit"), lambda rng, loc: rng.choice(["USD", "EUR", "GBP"])),
    (("num", "segments"), lambda rng, loc: str(rng.randint(1, 9))),
    (("duration",), lambda rng, loc: str(rng.randint(0, 3600))),
    (("date", "created"), s.timestamp),
    (("api", "version"), lambda rng, loc: "2010-04-01"),
    (("country", "code"), lambda rng, loc: rng.choice(["US", "GB", "DE", "+1", "1", "44"])),
    (("friendly", "name"), lambda rng, loc: rng.choice(["Main line", "Support", "My number", "Sales IVR", "Default"])),
)  # fmt: skip


def phone_routes(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Phone numbers under the routing keys of calling and messaging APIs, beside the sids,
    statuses and prices those APIs put around them."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    for _ in range(rng.randint(1, 3)):
        key = s.style_key(rng, rng.choice(_ROUTE_KEYS), style)
        if key in obj:
            continue
        obj[key] = e164_phone(rng, loc) if rng.random() < 0.75 else national_phone(rng, loc)
        labels.append(([key], "phone"))
    for tokens, gen in rng.sample(_ROUTE_NEGATIVES, rng.randint(2, 5)):
        key = s.style_key(rng, tokens, style)
        if key not in obj:
            obj[key] = gen(rng, loc)
    if rng.random() < 0.5:
        parent = s.style_key(rng, tuple(rng.choice(_ROUTE_PARENTS).split()), style)
        if rng.random() < 0.4:
            return {parent: [obj]}, [([parent, "[*]", *p], t) for p, t in labels]
        return {parent: obj}, [([parent, *p], t) for p, t in labels]
    return obj, labels


_NUMBER_KEYS = s._k("national number", "number", "phone number", "subscriber number",
                    "international format number", "e164")  # fmt: skip
_PHONE_OBJECT_PARENTS = ("phone", "phones", "phone number", "phone numbers", "phone contacts",
                         "phone number details", "mobile", "mobile phone", "contact phone",
                         "telephone", "work phone", "home phone", "fax", "telefon", "telefono",
                         "telephone number", "primary phone", "alternate phone", "cell")  # fmt: skip


def phone_objects(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """A phone as an object: the number (national or international digits) is the phone;
    its country calling code, extension and type beside it are not."""
    num = _valid_number(rng, loc)
    nsn = phonenumbers.national_significant_number(num)
    key = s.style_key(rng, rng.choice(_NUMBER_KEYS), style)
    words = key.lower()
    if "international" in words or "e164" in words or "full" in words:
        value = f"{num.country_code}{nsn}" if rng.random() < 0.6 else f"+{num.country_code}{nsn}"
    elif rng.random() < 0.15:
        value = s._digits(rng, rng.randint(9, 11))  # a number no plan accepts
    else:
        value = nsn
    obj: dict[str, Any] = {}
    cc_key = s.style_key(rng, rng.choice((("country", "code"), ("country", "calling", "code"),
                                          ("calling", "code"), ("dial", "code"), ("cc",),
                                          ("country", "prefix"))), style)  # fmt: skip
    obj[cc_key] = rng.choice([str(num.country_code), f"+{num.country_code}", num.country_code])
    obj[key] = value
    if rng.random() < 0.3:
        obj[s.style_key(rng, ("extension",), style)] = str(rng.randint(1, 9999))
    if rng.random() < 0.5:
        obj[s.style_key(rng, rng.choice((("type",), ("phone", "type"), ("kind",))), style)] = (
            rng.choice(["MOBILE", "HOME", "WORK", "mobile", "landline", "FAX", "main"])
        )
    labels: Labels = [([key], "phone")]
    parent = s.style_key(rng, tuple(rng.choice(_PHONE_OBJECT_PARENTS).split()), style)
    if parent.lower().rstrip("s") != parent.lower() or rng.random() < 0.3:
        return {parent: [obj]}, [([parent, "[*]", *p], t) for p, t in labels]
    if rng.random() < 0.4:  # wrapped once more, as in phone_contacts[*].phone_number_details
        outer = s.style_key(rng, ("phone", "contacts"), style)
        return {outer: [{parent: obj}]}, [([outer, "[*]", parent, *p], t) for p, t in labels]
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


# ---------------------------------------------------------------- salutations and gender

SALUTATIONS = ("Mr", "Mr.", "MR", "Mrs", "Mrs.", "MRS", "Ms", "Ms.", "MS", "Miss", "Mx", "Mx.",
               "Herr", "Frau", "Hr.", "M.", "Mme", "Mme.", "Mlle", "Sr.", "Sra.", "Srta.",
               "Dhr.", "Dhr", "Mevr.", "Mevr", "Sig.", "Sig.ra", "Pan", "Pani", "Bay", "Bayan",
               "Hr", "Fru", "MADAM", "Madame", "Monsieur", "Señor", "Señora",
               "Signor", "Signora")  # fmt: skip
_SALUTATION_KEYS = (*s._k("title", "salutation", "honorific",
                          "courtesy title", "form of address", "contact title", "civility",
                          "name title", "title code", "salutation code"),
                    ("Anrede",), ("civilite",), ("civilité",), ("tratamiento",), ("aanhef",),
                    ("titolo",), ("tytul",), ("hitap",), ("敬称",))  # fmt: skip
GENDER_CODES = ("M", "F", "U", "X", "O", "m", "f", "u", "x", "MALE", "FEMALE", "UNKNOWN",
                "male", "female", "other", "unknown", "diverse", "non-binary", "nonbinary",
                "männlich", "weiblich", "divers", "homme", "femme", "masculin", "féminin",
                "hombre", "mujer", "masculino", "femenino", "maschio", "femmina", "feminino",
                "man", "vrouw", "mężczyzna", "kobieta", "erkek", "kadın", "mand", "kvinde",
                "mann", "kvinne", "kvinna", "mies", "nainen", "muž", "žena", "男", "女", "男性",
                "女性", "남", "여", "мужской", "женский", "Male", "Female", "W", "D", "H")  # fmt: skip
_GENDER_KEYS = (*s._k("gender", "sex", "gender code", "sex code", "administrative gender",
                      "biological sex", "gender identity"),
                ("Geschlecht",), ("sexe",), ("genero",), ("sexo",), ("sesso",), ("geslacht",),
                ("plec",), ("kön",), ("kjønn",), ("cinsiyet",), ("性別",), ("성별",), ("пол",))  # fmt: skip
JOB_TITLES = ("Senior Engineer", "Head of Sales", "CEO", "CFO", "Account Manager", "Director",
              "Software Developer", "Nurse", "Sales Representative", "Owner", "Chairman",
              "Marketing Lead", "VP Engineering", "Office Manager", "Consultant", "Partner")  # fmt: skip
_SALUTATION_PARENTS = (*s.PARENTS_PERSON, "billing address", "shipping address", "address",
                       "passengers", "travelers", "guests", "name", "contact", "person",
                       "individual", "beneficial owner", "representative", "holder",
                       "recipient", "driver", "applicant")  # fmt: skip


def salutations(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """A salutation or gender code beside a person's name (both are the person's), and a job
    title under a title-like key (not a gender)."""
    obj: dict[str, Any] = {}
    labels: Labels = []
    if rng.random() < 0.6:
        key = s.style_key(rng, rng.choice(_SALUTATION_KEYS), style)
        obj[key] = rng.choice(SALUTATIONS)
    else:
        key = s.style_key(rng, rng.choice(_GENDER_KEYS), style)
        obj[key] = rng.choice(GENDER_CODES if rng.random() < 0.7 else (*loc.gender_words, "F"))
    labels.append(([key], "gender"))
    for tokens, part in ((("first", "name"), "first"), (("last", "name"), "last")):
        if rng.random() < 0.6:
            k = s.style_key(rng, tokens, style)
            obj[k] = s.first_name(rng, loc) if part == "first" else s.last_name(rng, loc)
            labels.append(([k], "person_name"))
    if rng.random() < 0.4:
        k = s.style_key(rng, rng.choice(s._k("job title", "position", "role", "occupation",
                                               "designation", "title")), style)  # fmt: skip
        if k not in obj:
            obj[k] = rng.choice(JOB_TITLES)
    parent = s.style_key(rng, tuple(rng.choice(_SALUTATION_PARENTS).split()), style)
    if rng.random() < 0.3:
        return {parent: [obj]}, [([parent, "[*]", *p], t) for p, t in labels]
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


# ---------------------------------------------------------------- addresses

#: The street-line key of each layout (Shopify, PayPal, Stripe, Checkout.com, Twilio, …).
_LINE_KEYS = (("address1",), ("address", "line", "1"), ("line1",), ("address", "line1"),
              ("street",), ("street", "address"), ("street", "line"), ("address", "line", "one"))  # fmt: skip
_CITY_KEYS = (("city",), ("admin", "area", "2"), ("locality",), ("town",), ("suburb",),
              ("post", "town"))  # fmt: skip
_REGION_KEYS = (("province",), ("admin", "area", "1"), ("state",), ("region",),
                ("state", "or", "province"), ("county",))  # fmt: skip
_ADDRESS_PARENTS = ("billing address", "shipping address", "address", "default address",
                    "addresses", "ship to", "ship from", "bill to", "postal address",
                    "mailing address", "registered address", "home address", "delivery address",
                    "emergency address", "customer address", "business address", "shipping")  # fmt: skip


def vendor_addresses(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """An address object in a vendor's layout: the recipient's names, the street line and the
    phone are personal; the company, city, region, postcode and codes are not."""
    line_key = s.style_key(rng, rng.choice(_LINE_KEYS), style)
    obj: dict[str, Any] = {}
    labels: Labels = []
    if rng.random() < 0.6:
        if rng.random() < 0.5:
            k = s.style_key(rng, ("name",), style)
            obj[k] = s.full_name(rng, loc)
            labels.append(([k], "person_name"))
        else:
            for tokens, gen in ((("first", "name"), s.first_name), (("last", "name"), s.last_name)):
                k = s.style_key(rng, tokens, style)
                obj[k] = gen(rng, loc)
                labels.append(([k], "person_name"))
        if rng.random() < 0.4:
            obj[s.style_key(rng, ("company",), style)] = (
                company_name(rng, loc) if rng.random() < 0.6 else None
            )
    obj[line_key] = s.street_line(rng, loc)
    labels.append(([line_key], "street_address"))
    obj[s.style_key(rng, rng.choice(_CITY_KEYS), style)] = s.city(rng, loc)
    if rng.random() < 0.7:
        obj[s.style_key(rng, rng.choice(_REGION_KEYS), style)] = rng.choice(
            [s.country(rng, loc), s._alnum(rng, 2, string.ascii_uppercase), s.city(rng, loc)]
        )
    obj[s.style_key(rng, rng.choice((("zip",), ("postal", "code"), ("postcode",))), style)] = (
        s.postal_code(rng, loc)
    )
    obj[
        s.style_key(rng, rng.choice((("country", "code"), ("country",), ("iso", "country"))), style)
    ] = rng.choice(["US", "GB", "DE", "FR", "NL", "ES", "IT", "JP", "BR", "United States"])
    if rng.random() < 0.3:
        k = s.style_key(rng, ("phone",), style)
        obj[k] = s.phone(rng, loc)
        labels.append(([k], "phone"))
    if rng.random() < 0.2:
        for axis, coord in (("latitude", s.latitude), ("longitude", s.longitude)):
            k = s.style_key(rng, (axis,), style)
            obj[k] = str(coord(rng, loc)) if rng.random() < 0.5 else coord(rng, loc)
            labels.append(([k], "geo_location"))
    parent = s.style_key(rng, tuple(rng.choice(_ADDRESS_PARENTS).split()), style)
    if parent.lower().endswith("addresses") or rng.random() < 0.2:
        return {parent: [obj]}, [([parent, "[*]", *p], t) for p, t in labels]
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


# ---------------------------------------------------------------- names of things

_THING_NAME_KEYS = s._k("friendly name", "plan name", "template name", "queue name",
                        "trading name", "workspace name", "activity name", "product title",
                        "content name", "flow name", "service name", "role name", "team name",
                        "segment name", "list name", "channel name", "app name", "device name",
                        "campaign name", "event name", "tag name", "folder name", "brand name",
                        "rule name", "group name", "attribute name",
                        "os name", "location name")  # fmt: skip
_THING_PARENTS = ("plan", "plans", "template", "templates", "queue", "queues", "workspace",
                  "activity", "activities", "content", "contents", "flow", "service", "services",
                  "product", "products", "collection", "collections", "blog", "blogs", "article",
                  "page", "pages", "campaign", "segment", "list", "channel", "app", "device",
                  "devices", "data attributes", "data attribute", "folder",
                  "subscription", "approval requests", "rule", "group", "tag", "tags",
                  "pricing")  # fmt: skip
_THING_WORDS = ("Media", "Test", "Video", "Highlights", "Activity", "New", "Main", "Support",
                "Sales", "Queue", "Plan", "Premium", "Streaming", "Service", "Outbound", "Minute",
                "Template", "Welcome", "Message", "Default", "Content", "Order", "Update",
                "Trunking", "Toll", "Free", "Campaign", "Summer", "Sale", "Basic", "Pro", "Team",
                "Workspace", "Receipt", "Roll", "Charging", "Base", "Package", "Package", "Owl",
                "Fair", "Shirt", "Mithril", "Super", "Hero", "Masks", "Everyday", "Available",
                "Offline", "Break", "Idle", "Lunch", "Reserved")  # fmt: skip


def thing_name(rng: random.Random, loc: Locale) -> str:
    """A name of a product, plan, template, queue, content item or activity."""
    r = rng.random()
    if r < 0.45:
        return " ".join(rng.sample(_THING_WORDS, rng.randint(1, 4)))
    if r < 0.65:
        return s.product_name(rng, loc)
    if r < 0.8:
        return f"{' '.join(rng.sample(_THING_WORDS, 2))} - {s.country(rng, loc)}"
    if r < 0.9:
        return company_name(rng, loc)
    return s.field_label(rng, loc)


def thing_names(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Names of things under name-like keys (`friendly_name`, `plan_name`) and a thing's
    `title` or `label`: no person's. Not under a bare `name` or `displayName`: as training
    negatives those taught the final model to doubt people's full names there."""
    obj: dict[str, Any] = {}
    for _ in range(rng.randint(1, 2)):
        key = s.style_key(rng, rng.choice(_THING_NAME_KEYS), style)
        obj[key] = thing_name(rng, loc)
    if rng.random() < 0.5:
        obj["id"] = s.numeric_id(rng, loc)
    if rng.random() < 0.5:
        obj[rng.choice(["title", "label"])] = thing_name(rng, loc)
    # always under a thing's parent: at the top they taught the model to doubt a bare `name`
    parent = s.style_key(rng, tuple(rng.choice(_THING_PARENTS).split()), style)
    if rng.random() < 0.3:
        return {parent: [obj]}, []
    return {parent: obj}, []


_SLUG_WORDS = ("rustic", "copper", "bottle", "silk", "chair", "frontpage", "summer", "sale",
               "news", "blog", "ipod", "nano", "winter", "collection", "shoes", "red", "t-shirt",
               "about", "us", "contact", "faq", "shipping", "returns", "gift", "card", "home",
               "kitchen", "garden", "new", "arrivals", "best", "sellers", "test", "sample")  # fmt: skip
_SLUG_PARENTS = ("product", "products", "collection", "collections", "custom collection", "blog",
                 "blogs", "article", "articles", "page", "pages", "category", "categories",
                 "smart collection", "menu", "theme", "variant", "listing", "post", "posts")  # fmt: skip


def thing_handles(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """URL slugs of products, collections, blogs and pages under `handle`/`slug`: no login."""
    slug = "-".join(rng.sample(_SLUG_WORDS, rng.randint(1, 3)))
    if rng.random() < 0.2:
        slug += f"-{rng.randint(1, 2030)}"
    obj: dict[str, Any] = {
        rng.choice(["handle", "slug", "permalink", "url_handle", "path_handle"]): slug,
        s.style_key(rng, ("title",), style): thing_name(rng, loc),
        "id": s.numeric_id(rng, loc),
    }
    if rng.random() < 0.5:
        obj[s.style_key(rng, ("updated", "at"), style)] = s.timestamp(rng, loc)
    parent = s.style_key(rng, tuple(rng.choice(_SLUG_PARENTS).split()), style)
    if parent.lower().endswith("s") and rng.random() < 0.7:
        return {parent: [obj]}, []
    return {parent: obj}, []


_CODE_KEYS = s._k("citizenship", "nationality", "default currency", "settlement currency",
                  "billing units", "currency", "country of residence", "residence country",
                  "preferred language", "language", "country of birth", "birth country",
                  "issuing country", "card country", "billing currency", "payer country",
                  "name code", "name type", "name use")  # fmt: skip
#: Not the common parents of people (`customer`, `user`): negatives there would teach the key
#: model to doubt every field under them.
_CODE_PARENTS = ("individual owners", "beneficial owners", "profile", "usage records",
                 "commands", "government ids", "identifiers", "payer", "payee", "settings")  # fmt: skip


def codes_under_person_keys(
    rng: random.Random, loc: Locale, style: str
) -> tuple[dict[str, Any], Labels]:
    """Currency, country and language codes (``GBP``, ``US``, ``en``) under keys that share
    words with personal ones: codes, not data of a person."""
    obj: dict[str, Any] = {}
    for _ in range(rng.randint(1, 3)):
        obj[s.style_key(rng, rng.choice(_CODE_KEYS), style)] = rng.choice(
            ["USD", "GBP", "EUR", "JPY", "SEK", "US", "GB", "DE", "FR", "NL", "en", "de", "fr",
             "en-US", "de_DE", "CAD", "AUD", "CH", "BR", "IN", "SSN", "TIN", "NIN", "L", "P"]
        )  # fmt: skip
    labels: Labels = []
    if rng.random() < 0.5:
        k = s.style_key(rng, ("full", "name"), style)
        obj[k] = s.full_name(rng, loc)
        labels.append(([k], "person_name"))
    parent = s.style_key(rng, tuple(rng.choice(_CODE_PARENTS).split()), style)
    if parent.lower().endswith("s") and rng.random() < 0.6:
        return {parent: [obj]}, [([parent, "[*]", *p], t) for p, t in labels]
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


_LANGS = ("en", "de", "fr", "es", "ja", "ru", "pt-BR", "zh-CN", "it", "nl")
_PLACE_PARENTS = ("city", "country", "continent", "subdivisions", "registered country",
                  "represented country", "region", "location", "place", "postal")  # fmt: skip


def place_name_maps(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """Localised names of places (``country.names.en``), as geo-IP and place APIs give them."""
    out: dict[str, Any] = {}
    for parent in rng.sample(_PLACE_PARENTS, rng.randint(1, 3)):
        place = s.city(rng, loc) if rng.random() < 0.5 else s.country(rng, loc)
        names = dict.fromkeys(rng.sample(_LANGS, rng.randint(2, 6)), place)
        obj: dict[str, Any] = {"names": names}
        if rng.random() < 0.6:
            obj["geoname_id"] = rng.randint(100_000, 9_999_999)
        if rng.random() < 0.5:
            obj["iso_code"] = s._alnum(rng, 2, string.ascii_uppercase)
        key = s.style_key(rng, tuple(parent.split()), style)
        out[key] = [obj] if parent == "subdivisions" else obj
    return out, []


_PEOPLE_PARENTS = ("author", "admins", "admin", "teammates", "teammate", "entity associations",
                   "associations", "signatories", "directors", "officers", "office bearers",
                   "shareholders", "beneficial owners", "individual owners", "participants",
                   "attendees", "members", "travelers", "travellers", "passengers", "guests",
                   "recipients", "assignees", "authors", "contacts", "people", "users",
                   "employees", "drivers", "account holders", "cardholders", "signers")  # fmt: skip


def people_lists(rng: random.Random, loc: Locale, style: str) -> tuple[dict[str, Any], Labels]:
    """A bare `name` of a person in lists and roles of people (`admins[*].name`,
    `author.name`, `entityAssociations[*].name`), beside the person's id, type and e-mail."""
    obj: dict[str, Any] = {
        "name": s.full_name(rng, loc) if rng.random() < 0.8 else s.first_name(rng, loc)
    }
    labels: Labels = [(["name"], "person_name")]
    if rng.random() < 0.5:
        k = s.style_key(rng, ("email",), style)
        obj[k] = s.email(rng, loc)
        labels.append(([k], "email"))
    obj[rng.choice(["id", "type", "role"])] = rng.choice(
        [s.numeric_id(rng, loc), "admin", "user", "contact", "uboThroughControl", "signatory"]
    )
    parent = s.style_key(rng, tuple(rng.choice(_PEOPLE_PARENTS).split()), style)
    if parent.lower().endswith("s"):
        return {parent: [obj]}, [([parent, "[*]", *p], t) for p, t in labels]
    return {parent: obj}, [([parent, *p], t) for p, t in labels]


#: (shape, share of training documents that get it)
VENDOR_SHAPES: tuple[tuple[Shape, float], ...] = (
    (phone_routes, 0.15),
    (phone_objects, 0.12),
    (salutations, 0.15),
    (vendor_addresses, 0.2),
    (thing_names, 0.15),
    (thing_handles, 0.08),
    (codes_under_person_keys, 0.1),
    (place_name_maps, 0.05),
    (people_lists, 0.12),
)
