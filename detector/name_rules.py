# ruff: noqa: RUF001
"""What makes a value under a name key a thing's and not a person's, and what a login looks
like on the wire whatever its key.

Causes real APIs share (read on unseen vendors' bodies): apps, cards and integrations are
named with possessives (``My OAuth App``), tech words (``Brazil App``, ``created from Java
SDK``), brand words written in camel case (``CurrencyCloud``, ``Moip SandBox``) and codes
(``Account-ZXOANNAMKPRQ``); stand-in accounts fill a person's name fields with role words
(``first_name: "API"``, ``last_name: "Tester"``); a key may name the thing (``app_display_name``)
or an address part (``district``). Chat and voice APIs carry logins as ids of their own shape
(Matrix's ``@alice:example.org``, a SIP endpoint's ``sip:alice123@phone.example.com``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from detector.features import key_tokens
from detector.keyed_values import actor_key
from detector.name_fold import fold
from detector.name_lexicon import COUNTRY_NAMES, GIVEN_NAMES, SURNAMES

#: A Matrix user id (``@localpart:server``, the server a host name with an optional port).
_MATRIX_USER = re.compile(
    r"^@[a-z0-9._=/+-]{1,255}:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?$"
)
#: A SIP or SIPS URI of an endpoint whose user part holds a letter: the endpoint's login (a
#: user part of digits only is a phone number; a host of digits is an address, not a login).
_SIP_LOGIN = re.compile(
    r"^sips?:(?=[^@]*[A-Za-z])[A-Za-z0-9._~+-]{1,128}@[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*"
    r"(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)


def login_by_value(value: object) -> bool:
    """A login by its shape alone: a Matrix user id or a SIP endpoint's URI."""
    if not isinstance(value, str) or not 3 <= len(value) <= 300:
        return False
    if value[0] == "@":
        return bool(_MATRIX_USER.match(value))
    return value[:3].lower() == "sip" and bool(_SIP_LOGIN.match(value))


#: Keys that hold a login by name alone (``owner.login: "octocat"``, Mastodon's ``acct``:
#: an account's address without its domain when local): keys that merely hold a user
#: (``owner``, ``updated_by``, ``assignee``) hold team names (``ops``, ``sre``) as often.
_USER_KEYS = frozenset({"login", "login name", "user login", "acct"})
#: Parents whose bare ``name`` is the user's login (the Elastic Common Schema's
#: ``user.name``: "short name or login of the user") when written like one.
_LOGIN_PARENTS = frozenset({"user", "identity"})
_LOGIN_SHAPE = re.compile(r"^[a-z][a-z0-9]{0,30}(?:[._-][a-z0-9]{1,30}){0,2}$")
_HEXISH = re.compile(r"^[0-9a-f]{8,}$")
_PREFIXED_ID = re.compile(r"^[a-z]{2,5}[_-](?=[a-z0-9]*\d)[a-z0-9]{6,}$")
#: Keys that say the value is a login, whatever account it is (``username: "admin"``).
_LOGIN_KEYS = frozenset({"username", "user name", "login name", "user login", "login", "acct"})
#: Keys of the user who made, changed or holds a record, written apart or fused
#: (``created_by``, ``lastModifiedBy``, ``assigneduser``, ``regist_user_code``).
_ACTING_USER_KEY = re.compile(
    r"(?:last)?(?:created|updated|modified|deleted|assigned|approved|requested|submitted|"
    r"edited|reviewed|closed|resolved|entered|regist|update|create)"
    r"(?:by|byuser|user|usercode|userlogin|username|login)"
)
#: Keys of a directory account's login, which directories keep in mixed case (Active
#: Directory's ``sAMAccountName``, ``adAccount: "KalleAnka"``).
_DIRECTORY_LOGIN_KEYS = frozenset(
    {"ad account", "ad user", "ad login", "s am account name", "sam account name"}
)
_ORG_ACCOUNT = frozenset({"organization", "organisation", "org", "company", "group", "service"})
#: Values under a login key that are no account: no value at all, or an actor that is no
#: account (``system``, ``anonymous``).
_NOT_ACCOUNTS = frozenset(
    {"none", "null", "nil", "undefined", "true", "false", "string", "system", "anonymous",
     "unknown", "me", "self", "user", "example", "test", "default"}
)  # fmt: skip
#: Values under a key of who acted on a record that are a process, not an account.
_NOT_ACTORS = _NOT_ACCOUNTS | {"import", "migration", "sync", "cron", "scheduler", "api", "bot"}
#: Values under a user key that name no one's login.
_NOT_LOGINS = frozenset(
    {"system", "none", "null", "nil", "unknown", "anonymous", "true", "false", "bot", "string",
     "user", "admin", "root", "me", "self", "test", "example", "default", "guest", "api"}
)  # fmt: skip


#: Capitals and digits, a letter first, two digits or more (``U024BE7LH``, ``W012A3CDE``).
_UPPER_ID = re.compile(r"^[A-Z](?=(?:[A-Z]*\d){2})[A-Z0-9]{7,15}$")


def opaque_upper_id(text: str) -> bool:
    """A resource id in capitals and digits (a chat user's ``U024BE7LH``), no login: people
    choose logins in lower case or mixed case, systems write ids like this."""
    return bool(_UPPER_ID.match(text))


def login_by_key(key: str, value: object, parent: str = "", grandparent: str = "") -> bool:
    """A login under a key that names one (``username``, ``login``: a service account's
    ``admin`` too; ``acct``) or the user who made or changed a record (``created_by``,
    ``lastmodifiedby``) or under a user's bare ``name`` (``user.name``, or a user's
    sub-object's: ECS's ``user.target.name``) when the value is written like one: lower-case
    letters and digits, a letter first, two separators at most, and under a ``name`` a
    separator, a digit or no name the lexicon knows (``a.einstein``, ``jsmith``: no person
    writes their name so); not a hex id, a prefixed object id (``usr_8f3a21c9``) or a
    stand-in word."""
    if not isinstance(value, str) or not 3 <= len(value) <= 40 or login_field_word(value):
        return False
    words = key_tokens(key)
    by_kind = _login_by_key_kind(words, value)
    if by_kind is not None:
        return by_kind
    if not _LOGIN_SHAPE.match(value):
        return False
    excluded = _not_logins_under(words)
    if excluded is not None:
        return not (_HEXISH.match(value) or _PREFIXED_ID.match(value) or value in excluded)
    if words not in _USER_KEYS and not (
        words == "name"
        and (_login_parent(parent) or _login_parent(grandparent))
        and (not value.isalpha() or not (_known(value) or _fused_stand_in(value)))
    ):
        return False
    return not (_HEXISH.match(value) or _PREFIXED_ID.match(value) or value in _NOT_LOGINS)


def _login_by_key_kind(words: str, value: str) -> bool | None:
    """The verdict of a key whose kind has its own login rules: a directory account's
    (`_directory_login`) or a user id (`_readable_user_id`), and no login where the value is
    a variable's name ending with the key's word (``username: "auth_username"``); None for
    any other key."""
    if variable_named_for_key(words, value):
        return False
    if words in _DIRECTORY_LOGIN_KEYS:
        return _directory_login(words, value)
    if words.replace(" ", "").endswith("userid"):
        return _readable_user_id(value, words)
    return None


_SNAKE_WORDS = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


def variable_named_for_key(key: str, text: str) -> bool:
    """``password: "auth_password"``, ``portal_username: "portal_username"``: a variable's
    name in snake case ending with the key's last word stands in for the credential."""
    words = key_tokens(key).split()
    return bool(words) and bool(_SNAKE_WORDS.match(text)) and text.endswith("_" + words[-1])


#: A login field's own word for its value (``username: "username"``, ``"userid"``,
#: ``"name"``): the field described, no one's login. ``user`` and ``username391`` are left
#: logins: examples name accounts so.
_LOGIN_FIELD_WORD = re.compile(r"^(?:(?:user|login|account)[ _.-]?(?:name|id)|name)$", re.I)


def login_field_word(text: str) -> bool:
    """A login field's word standing in for its value (`_LOGIN_FIELD_WORD`)."""
    return bool(_LOGIN_FIELD_WORD.match(text))


#: Words run together in capitals, as pinyin logins are written (``LiQiJun``, ``XiaoWen``).
_CAMEL_LOGIN = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+){1,3}$")


#: Values under a user id that say the user's state or mock one (``deleted``, ``mock-user-id``).
_NOT_USER_IDS = _NOT_ACTORS | {"deleted", "removed", "disabled", "inactive", "userid"}
_MOCK_PREFIXES = ("mock", "dummy", "fake", "sample", "example")
#: A role word and a counter (``user-456``, ``member_12``): an id the system numbered.
_NUMBERED_ROLE = re.compile(r"^(?:user|usr|member|account|acct|id|customer|client)[-_.]?\d+$")


def _readable_user_id(value: str, key_words: str) -> bool:
    """A user id that is a login people read (``zhangsan``, ``james``, ``LiQiJun``): words
    in lower case or run together in capitals, three letters or more and four digits at
    most; not a number, hex, a prefixed object id, an opaque string (``woAJ2GCAAAd1…``), a
    state (``deleted``), a mock (``mock-user-id``), a numbered role (``user-456``), the key
    again or one letter repeated."""
    if not (_LOGIN_SHAPE.match(value) or _CAMEL_LOGIN.match(value)):
        return False
    if sum(c.isalpha() for c in value) < 3 or sum(c.isdigit() for c in value) > 4:
        return False
    lower = value.lower()
    compact = re.sub(r"[^a-z0-9]", "", lower)
    return not (
        _HEXISH.match(lower)
        or _PREFIXED_ID.match(lower)
        or lower in _NOT_USER_IDS
        or compact == key_words.replace(" ", "")
        or compact.startswith(_MOCK_PREFIXES)
        or len(set(compact)) == 1
        or _NUMBERED_ROLE.match(lower)
    )


@lru_cache(maxsize=65_536)
def login_key(key: str) -> bool:
    """A key that says its value is a login (``username``, ``login``)."""
    return _login_words(key_tokens(key))


def _login_words(words: str) -> bool:
    # ``username``, fused too: ``supervisingproviderusername``
    return words in _LOGIN_KEYS or words.endswith("username")


def _not_logins_under(words: str) -> frozenset[str] | None:
    """The values that are no account under a key that says its value is a login (a service
    account's, ``admin``, is one) or names who acted on the record (processes too); None for
    any other key."""
    if _login_words(words):
        return _NOT_ACCOUNTS
    if _ACTING_USER_KEY.fullmatch(words.replace(" ", "")):
        return _NOT_ACTORS
    return None


def _directory_login(words: str, value: str) -> bool:
    """A directory account's login in any case (``KalleAnka``), not an organisation's or one
    that repeats its key (``Put-Organization-AD``, ``AD-1``)."""
    if not _LOGIN_SHAPE.match(value.lower()) or value.lower() in _NOT_ACCOUNTS:
        return False
    parts = set(re.split(r"[._-]", value.lower()))
    return not parts & (_ORG_ACCOUNT | set(words.split()))


def _fused_stand_in(value: str) -> bool:
    """``testuser``, ``demoaccount``: role and test words run together, a stand-in."""
    lower = value.lower()
    return any(
        lower.startswith(w) and lower[len(w) :] in _ROLE_WORDS for w in _TEST_WORDS | _ROLE_WORDS
    )


def _login_parent(key: str) -> bool:
    """``user`` or ``identity`` (an identity governance system's account), or who did something
    to a record (``createdBy``, ``last_updated_by``): a parent whose bare ``name`` is a login
    when written like one (a list's ``users[*].name`` is as often a display name)."""
    words = key_tokens(key)
    return words in _LOGIN_PARENTS or actor_key(words)


#: Instant-messaging services a sibling (``type``) names: the entry's ``value`` is the
#: person's handle there (SCIM's ``ims``, vCard's ``IMPP``).
_IM_SERVICES = frozenset(
    {"aim", "icq", "skype", "xmpp", "jabber", "msn", "yahoo", "gtalk", "qq", "wechat",
     "telegram", "discord", "irc", "kik", "hangouts"}
)  # fmt: skip
#: Keys of an instant-messaging handle (``im_address``, ``impp``), and lists of them whose
#: entries' ``value`` is one (SCIM's ``ims[*].value``).
_IM_KEYS = frozenset({"im", "im address", "im handle", "impp", "im id"})
_IM_LISTS = frozenset({"ims", "im addresses", "im handles", "impp"})
_HANDLE = re.compile(r"^@?[A-Za-z][A-Za-z0-9._-]{2,63}$")


def login_by_im(key: str, parent: str, hint: str, value: object, uninformative: bool) -> bool:
    """A handle on an instant-messaging service (letters, digits and ``._-``, a letter
    first): under a key that names one (``im_address``), or an entry's bare ``value`` in a
    list of them (``ims[*]``) or beside a sibling that names a service (``{"type": "aim",
    "value": …}``); a phone number or an e-mail address there is found as one."""
    if not isinstance(value, str) or not _HANDLE.match(value) or value.lower() in _NOT_LOGINS:
        return False
    if key_tokens(key) in _IM_KEYS:
        return True
    return uninformative and (hint.lower() in _IM_SERVICES or key_tokens(parent) in _IM_LISTS)


#: First words that make a name an object's (``My Visa Debit Card``, ``The Currency Cloud``).
_OWNING_WORDS = frozenset({"my", "our", "your", "the", "his", "her", "their", "its"})
#: Words of things people name (apps, SDKs, cards, integrations, platforms), rarely a person's
#: name (none is a given name the lexicon knows, few are surnames).
_THING_WORDS = frozenset(
    {"app", "apps", "application", "sdk", "api", "apis", "oauth", "integration", "integrations",
     "sandbox", "android", "ios", "iphone", "ipad", "webhook", "webhooks", "debit", "visa",
     "mastercard", "amex", "wallet", "plugin", "widget", "bot", "portal", "platform",
     "dashboard", "server", "license", "licence", "payments", "mock", "checkout", "sms",
     "prod", "production", "staging", "localhost", "website", "browser", "desktop", "laptop"}
)  # fmt: skip
#: Words a stand-in account writes in a person's name fields (``API``/``Tester``,
#: ``Account``/``Admin``): a value made only of them is no person's name.
_ROLE_WORDS = frozenset(
    {"account", "admin", "administrator", "owner", "controller", "tester", "api", "user",
     "customer", "manager", "operator", "demo", "sample", "example", "dummy",
     "default", "unknown", "anonymous", "system", "root", "merchant", "business", "company",
     "support", "service", "bot", "staff", "member", "holder", "signatory", "representative",
     "contact", "beneficial", "authorized", "authorised", "passenger", "supervisor",
     "recipient", "guest", "visitor", "buyer", "seller", "payer", "payee", "agent", "employee",
     "client", "subscriber", "student", "teacher", "patient", "shopper", "traveller",
     "traveler", "applicant", "borrower", "lender", "tenant", "landlord", "new", "existing",
     "direct", "first", "last", "name", "cliente", "usuario", "usuário", "utilisateur", "person",
     "doctor", "nurse", "creator", "physician", "volunteer", "clinician", "assistant"}
)  # fmt: skip
#: Words of tests and examples, and roles that are also surnames: beside a role word or
#: another of them a stand-in (``Test User``, ``DevTest``, ``Cliente Ejemplo``, ``Direct
#: Sender``); alone a surname as often (``lastName: "Test"``, ``Sender``).
_TEST_WORDS = frozenset(
    {"test", "testing", "dev", "qa", "prueba", "pruebas", "teste", "ejemplo", "exemplo",
     "sender", "receiver", "signer"}
)  # fmt: skip
_CAMEL_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
#: Lower-case words that do belong in people's names (particles).
_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "dela", "di", "du", "van", "von", "der",
     "den", "ter", "ten", "te", "le", "la", "bin", "binti", "ibn", "bint", "al", "el", "y", "e",
     "zu", "af", "av", "op", "und", "st", "mac", "ap", "ben", "bat", "lo"}
)  # fmt: skip
#: Prefixes after which a capital inside a surname is usual (``McDonald``, ``DeShawn``).
_INNER_CAPITAL_PREFIXES = ("mc", "mac", "de", "di", "da", "la", "le", "van", "von", "o'", "d'")
#: Titles: a value led by one writes a person's name, whatever words follow.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau"})
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
#: A remark in parentheses after a name (``Niels (nickname)``), judged apart from it.
_REMARK = re.compile(r"\s+\([^()]{1,30}\)$")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"[^\W\d_]['’]s(?!\w)")


def _known(word: str) -> bool:
    folded = fold(word)
    return folded in GIVEN_NAMES or folded in SURNAMES


def _stand_in_words(words: list[str]) -> bool:
    """Words (camel-case runs split: ``DevTest``) that are all role words (``API``,
    ``Account Admin``), ``Test`` alone, or two or more role or test words (``Test User``,
    ``Cliente Ejemplo``)."""
    parts: list[str] = []
    for word in words:
        split = _CAMEL_PARTS.findall(word)
        parts.extend(split if "".join(split) == word else [word])
    lower = [p.lower() for p in parts]
    if all(p in _ROLE_WORDS for p in lower) or lower in (["test"], ["testing"]):
        return True
    return len(lower) >= 2 and all(p in _ROLE_WORDS or p in _TEST_WORDS for p in lower)


#: Metasyntactic words documentation fills name fields with (``Foo Bar``, ``Lorem Ipsum``).
_METASYNTACTIC = frozenset({"foo", "bar", "baz", "qux", "quux", "lorem", "ipsum", "dolor"})


def stand_in_name_word(text: str) -> bool:
    """One word that stands in for a name: a role word (``Demo``, ``Customer``), a
    metasyntactic one (``Foo``, ``Bar``) or ``Test``."""
    lower = text.strip().lower()
    return lower in _ROLE_WORDS or lower in _METASYNTACTIC or lower in ("test", "testing")


#: Role words that say no one is named (``Unknown``, ``Anonymous``) or name the field
#: (``First``, ``Name``): no shape of a name, a negative under the one convention.
_NO_ONES_WORDS = frozenset(
    {"unknown", "anonymous", "dummy", "first", "last", "name", "default", "system", "root", "api"}
)
#: Counting words a stand-in numbers its people with (``Person One``, ``Admin Two``).
_COUNT_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
)


@lru_cache(maxsize=65_536)
def stand_in_person(text: str) -> bool:
    """A test value written as a person's name: one to three words in title case, all of
    them role, test or counting words (``Test Customer``, ``Person One``, ``User``), none
    saying that no one is named (``Unknown``) or naming the field (``First``)."""
    words = text.split()
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w.istitle() for w in words):
        return False
    lower = [w.lower() for w in words]
    if any(w in _NO_ONES_WORDS for w in lower):
        return False
    return all(w in _ROLE_WORDS or w in _TEST_WORDS or w in _COUNT_WORDS for w in lower)


def _brand_word(word: str) -> bool:
    """``CurrencyCloud``, ``SandBox``, ``iPhone``: a capital inside a word the lexicon does not
    know, after no surname prefix."""
    if not _INNER_CAPITAL.search(word) or word.lower().startswith(_INNER_CAPITAL_PREFIXES):
        return False
    return not _known(word)


#: English function and question words, which no name holds (not name particles such as
#: ``de``, ``van`` or ``bin``, nor words that are also given names or surnames: ``Can``,
#: ``Will``, ``Do``, ``To``, ``An``).
_FUNCTION_WORDS = frozenset(
    {"does", "i", "is", "are", "was", "where", "what", "when", "how", "why", "which", "of",
     "for", "with", "from", "about", "into", "this", "that", "these", "those", "and", "or",
     "on", "at", "go", "know", "information", "times"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def thing_name(text: str) -> bool:
    """A value under a name key that names a thing or is a stand-in, not a person: owned
    (``My OAuth App``), made of a tech word (``Brazil App``, ``Andrea Java SDK``), of role
    words only (``API``, ``Account Admin``), of sentence words (``Pricing page integration``,
    ``created from Java SDK``), a brand in camel case (``Moip SandBox``) or holding a code of
    ten capitals or more beside other words (``Account-ZXOANNAMKPRQ``). A possessive
    (``Jane Doe's Checking``) may name its owner and is left to the model; a remark in
    parentheses after the words (``Niels (nickname)``) is no part of the name."""
    text = _REMARK.sub("", text) or text  # a remark on the name: ``Niels (nickname)``
    words = _WORDS.findall(text)
    if not words or len(words) > 8 or _POSSESSIVE.search(text):
        return False
    lower = [w.lower() for w in words]
    if (len(words) >= 2 and lower[0] in _OWNING_WORDS) or any(w in _THING_WORDS for w in lower):
        return True
    if len(words) >= 2 and any(w in _FUNCTION_WORDS for w in lower):
        return True  # a phrase or a heading (``Good To Know``, ``Where Do I Go``)
    if _stand_in_words(words) or any(_brand_word(w) for w in words):
        return True
    return len(words) >= 2 and lower[0] not in _TITLES and _label_words(words, text)


def _label_words(words: list[str], text: str) -> bool:
    """Words of a sentence or a label, not a name written out (a lower-case word that is no
    particle beside capitalised ones), or a code of ten capitals or more beside other words."""
    if any(w[0].isupper() for w in words) and any(
        w[0].islower() and w not in _PARTICLES and len(w) >= 2 for w in words
    ):
        return True
    return any(len(w) >= 10 and w.isupper() for w in words) and not text.isupper()


#: Words of a name key that say whose name it is not a person's (``app_display_name``,
#: ``productName``, ``bank_name``).
_THING_KEY_WORDS = frozenset(
    {"app", "application", "device", "product", "plan", "brand", "company", "business",
     "organization", "organisation", "org", "bank", "provider", "file", "project", "team",
     "workspace", "channel", "room", "integration", "webhook", "template", "campaign", "store",
     "shop", "site", "domain", "service", "sku", "item", "price", "pipe", "connection", "merchant",
     "trading", "doing", "dba", "institution", "network", "vendor", "host", "server", "queue",
     "topic", "bucket", "repository", "repo", "event", "group", "category", "tag", "label",
     "list", "folder", "office", "location", "venue", "facility", "branch", "building",
     "department", "warehouse", "cat", "pet", "animal", "dog", "horse", "breed", "species",
     "medication", "drug", "ingredient", "deal", "offer", "stage", "bonus", "reward",
     "promotion", "coupon", "sector", "season", "port", "subfolder", "node", "lab", "series",
     "field", "house", "categoria", "categoría", "producto", "produto", "currency", "plugin",
     "layout", "module", "feature", "step", "section", "chapter", "page", "tier", "zone",
     "sport", "game", "league", "tournament", "competition", "insurer", "insurance",
     "assurance", "assureur", "versicherung", "aseguradora", "seguradora"}
)  # fmt: skip
#: Words of a key or its parent that say whose name it is, a person's: who the person is
#: (``holderName``, ``debtor.name``, ``company_contact_name``) or which part of a person's
#: name it is (``first``, ``family``). The one list the engine and `key_names_thing` share.
PERSON_WORDS = frozenset(
    {"holder", "cardholder", "debtor", "creditor", "customer", "user", "author", "contact",
     "member", "owner", "person", "people", "passenger", "employee", "payer", "payee",
     "recipient", "sender", "patient", "guest", "student", "applicant", "beneficiary", "signer",
     "driver", "admin", "buyer", "seller", "attendee", "traveler", "traveller", "participant",
     "assignee", "requester", "responder", "reporter", "agent", "individual", "representative",
     "signatory", "principal", "director", "officer", "manager", "rep", "first", "last",
     "given", "family", "full", "middle", "maiden", "sur", "surname", "neighbor", "neighbour",
     "spouse", "guardian", "dependent", "dependant", "witness", "staff", "supervisor",
     "teacher", "physician", "nurse", "parent", "father", "mother", "clerk", "advisor",
     "adviser", "counselor", "counsellor", "tutor", "instructor", "therapist", "caregiver"}
)  # fmt: skip
#: Words that say how a name is shown, not whose: beside a bare name they lean to a person
#: (``display_name``, ``legal_name``, ``nick_name``, Brazil's ``civilName``), but beside a
#: thing's word the thing stands (``app_display_name``, ``company_legal_name``), so
#: `key_names_thing` ignores them.
NAME_FORM_WORDS = frozenset({"display", "legal", "nick", "civil"})
_WHOSE_NAME = PERSON_WORDS | NAME_FORM_WORDS | {
    "displayname", "nickname", "fullname", "firstname", "lastname", "givenname", "familyname",
    "middlename", "forename", "fname", "lname",
}  # fmt: skip
_PERSON_KEY_WORDS = PERSON_WORDS
#: Last words of a key that name an address or its part (``billingAddress.district``,
#: ``claimantAddress``): a place.
_PLACE_PART_WORDS = frozenset(
    {"district", "neighborhood", "neighbourhood", "bairro", "barrio", "colonia", "suburb",
     "locality", "city", "town", "county", "province", "region", "municipality", "village",
     "quarter", "borough", "ward", "prefecture", "canton", "commune", "state", "country",
     "uf", "estado", "municipio", "município", "cidade", "ciudad", "territory", "complement",
     "complemento"}
)  # fmt: skip
#: Last words of a key that name an address (``claimantAddress``: the claimant's, not the
#: claimant); as a parent an address holds its recipient's name (``shipping_address.name``).
_ADDRESS_KEY_WORDS = frozenset(
    {"address", "addr", "adresse", "direccion", "dirección", "endereco", "endereço",
     "indirizzo", "adres", "anschrift", "street"}
)  # fmt: skip


#: Generic list wrappers and things that may be people (``items[*]``, ``connections[*]``):
#: their ``name`` says nothing by the parent alone.
_NOT_THING_PARENTS = frozenset({"item", "list", "connection", "event", "label", "tag"})
_THING_PARENT_WORDS = _THING_KEY_WORDS - _NOT_THING_PARENTS
#: Keys that hold an object's own name (``products[*].name``, ``app.display_name``).
_BARE_NAME_KEYS = frozenset({"name", "display name", "displayname", "title"})


#: Keys that are a thing's word alone: what they hold sorts or marks things
#: (``category: "LearnDash"``, ``label: "Completes a Lesson"``), whoever they are named after.
_BARE_THING_KEYS = frozenset({"category", "categories", "label", "tag", "genre"})
_BANK_ACCOUNT_NAME = ["bank", "account", "name"]


@lru_cache(maxsize=65_536)
def key_names_thing(key: str, parent: str = "") -> bool:
    """A name key whose own words name a thing and none a person (``app_display_name``,
    ``product_name``; not ``company_contact_name``), or an object's bare name under a parent
    that names things or places (``products[*].name``, ``device.display_name``,
    ``states[*].name``; not ``items[*].name``)."""
    words = key_tokens(key).split()
    if len(words) == 1 and words[0] in _BARE_THING_KEYS:
        return True
    if len(words) >= 2 and words[-1] in ("name", "names") and words[-3:] != _BANK_ACCOUNT_NAME:
        # a bank account's name is its holder's, a bank's is no one's
        rest = set(words[:-1])
        if rest & _THING_KEY_WORDS and not rest & _PERSON_KEY_WORDS:
            return True
    if " ".join(words) not in _BARE_NAME_KEYS:
        return False
    above = key_tokens(parent).split()
    if not above or set(above) & _PERSON_KEY_WORDS:
        return False
    last = above[-1]
    return any(w in _THING_PARENT_WORDS or w in _PLACE_PART_WORDS for w in (last, _singular(last)))


def _singular(word: str) -> str:
    """``countries`` → ``country``, ``addresses`` → ``address``, ``ports`` → ``port``."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-2] if word.endswith("ses") else word.removesuffix("s")


@lru_cache(maxsize=65_536)
def names_an_address(key: str) -> bool:
    """``pickup_address``, ``shippingAddress``: a key whose last word names an address."""
    words = key_tokens(key).split()
    return bool(words) and words[-1] in _ADDRESS_KEY_WORDS


@lru_cache(maxsize=65_536)
def key_names_place_part(key: str) -> bool:
    """``district``, ``neighborhood``, ``bairro``, ``claimantAddress``: an address or its
    part, a place's name."""
    words = key_tokens(key).split()
    return bool(words) and (words[-1] in _PLACE_PART_WORDS or words[-1] in _ADDRESS_KEY_WORDS)


#: One word in lower-case letters only, or several joined by hyphens (``white``, ``bgp-peer``).
_LOWER_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def _says_person(key: str) -> bool:
    words = key_tokens(key).split()
    return any(w in _WHOSE_NAME or w.removesuffix("s") in _WHOSE_NAME for w in words)


def lower_word_unowned(key: str, value: str, parent: str = "") -> bool:
    """One lower-case word under a key and parent whose words say no person's (``winner:
    "white"``, ``name: "master"``, ``dbname: "defaultdb"``): people write their names
    capitalised, so such a value is a thing, a setting or a login. Where the key or parent
    says a person's name or how it is shown (``first_name: "john"``, ``users[*].name``,
    ``display_name: "spengler"``) the word is still a name."""
    return bool(_LOWER_WORD.match(value)) and not (_says_person(key) or _says_person(parent))


def not_a_persons_name(key: str, value: object, parent: str = "") -> bool:
    """A person's name (or login, for the key rule) guessed where the key names an address
    part, a company's legal or trading name or a thing, or the value names a thing
    (`thing_name`, `never_a_name`) or is one lower-case word under a key that names no person
    (`lower_word_unowned`). A thing named after its owner (``device_display_name: "Alice's
    Phone"``) names a person still."""
    if key_names_place_part(key) or key_names_company(key):
        return True
    if isinstance(value, str) and owner_named(value):
        return False
    if isinstance(value, str) and never_a_name(value):
        return True
    if isinstance(value, str) and lower_word_unowned(key, value, parent):
        return True
    return key_names_thing(key, parent) or (isinstance(value, str) and thing_name(value))


#: Keys of a company's legal or trading name in Portuguese, Spanish, French, Italian and
#: German (``razao_social``, ``denominacao_social``, ``nomeFantasia``, ``raison_sociale``).
_COMPANY_NAME_KEYS = frozenset(
    {"razao social", "razão social", "denominacao social", "denominação social", "razon social",
     "razón social", "denominacion social", "denominación social", "nome fantasia",
     "nombre fantasia", "nombre comercial", "nome empresarial", "raison sociale",
     "ragione sociale", "denominazione sociale", "firmenname", "firmierung"}
)  # fmt: skip


@lru_cache(maxsize=65_536)
def key_names_company(key: str) -> bool:
    """``razao_social``, ``denominacao_social``, ``nomeFantasia``: a company's name."""
    return key_tokens(key) in _COMPANY_NAME_KEYS


#: A host name in lower case (``hkminorshort.weixin.qq.com``, ``api.example.org``).
_HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")
#: Legal forms of companies in Japanese, Chinese and Korean, written inside the name
#: (``株式会社サンプル``, ``(株)``, ``有限公司``, ``주식회사``).
_CJK_COMPANY = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|合名会社|㈱|[(（]株[)）]|公司|주식회사|㈜|[(（]주[)）]"
)
#: Words of kinship and relation (``householder: "father"``): a role, not a name.
#: Answers and flags (``glasses: "No"``): no person's name.
_ANSWER_WORDS = frozenset({"yes", "no", "y", "n", "true", "false", "on", "off", "ok", "none"})
#: Address and protocol families (``"family": "inet"`` of an IP beside a FHIR-style surname key).
_NETWORK_FAMILY_WORDS = frozenset(
    {"inet", "inet4", "inet6", "ipv4", "ipv6", "af_inet", "af_inet6", "unix", "tcp", "udp"}
)
_KIN_WORDS = frozenset(
    {"father", "mother", "parent", "spouse", "husband", "wife", "son", "daughter", "child",
     "brother", "sister", "sibling", "grandfather", "grandmother", "guardian", "self",
     "partner", "uncle", "aunt", "relative", "other", "ektefelle", "barn", "ehefrau",
     "ehemann", "ehepartner", "conjoint", "epoux", "époux", "épouse", "esposo", "esposa",
     "conyuge", "cónyuge", "cônjuge", "filho", "filha", "hijo", "hija"}
)  # fmt: skip
_NEVER_NAME_WORDS = _KIN_WORDS | _ANSWER_WORDS | _NETWORK_FAMILY_WORDS
#: Stand-in words run together in one word (``Notarealname``, ``Dummyname``, ``Madeup``).
_FUSED_STAND_IN = re.compile(r"(?i)^\w*(?:notareal|notreal|madeup|dummy|fakename|placeholder)\w*$")


@lru_cache(maxsize=65_536)
def never_a_name(text: str) -> bool:
    """A value no person's name is: a host name, a company by its CJK legal form, a kinship
    word, an address family (``inet6``), the field's words (``Nome Sobrenome``), a stand-in
    run together (``Notarealname``) or written
    in kana (``テストユーザー``) or a country's name that is not also a common given name
    (``France``, ``Germany``; ``Georgia`` and ``Jordan`` stay)."""
    stripped = text.strip()
    if _HOST_NAME.match(stripped) or _CJK_COMPANY.search(stripped):
        return True
    if stripped.lower() in _NEVER_NAME_WORDS:
        return True
    if _FUSED_STAND_IN.match(stripped) or _JAPANESE_STAND_IN.search(stripped):
        return True
    lower = stripped.lower()
    if len(words := lower.replace("-", " ").split()) >= 2 and all(
        w in _NAME_FIELD_WORDS for w in words
    ):
        return True  # the field described, not filled: ``Nome Sobrenome``, ``First Last``
    return lower in COUNTRY_NAMES and lower not in _COUNTRIES_AS_NAMES


#: Words that name a name's fields in the languages keys are written in (``Nome Sobrenome``,
#: ``Vorname Nachname``, ``First Last``): a value made of two or more of them describes the
#: field.
_NAME_FIELD_WORDS = frozenset(
    {"name", "first", "last", "middle", "given", "family", "surname", "firstname", "lastname",
     "nome", "sobrenome", "nombre", "apellido", "apellidos", "nom", "prenom", "prénom",
     "vorname", "nachname", "naam", "voornaam", "achternaam", "cognome", "imie", "imię",
     "nazwisko", "fornavn", "etternavn", "efternamn", "förnamn", "sukunimi", "etunimi"}
)  # fmt: skip


#: Role and test words written in kana or kanji, which Japanese fixtures put in name fields
#: (``あどみにさん``, "Mr Admin"; ``テストユーザー``, ``管理者``, ``名無し``).
_JAPANESE_STAND_IN = re.compile(
    "あどみ|アドミ|てすと|テスト|ゆーざ|ユーザ|げすと|ゲスト|さんぷる|サンプル|だみー|ダミー|管理者|名無し|ななし"
)


#: Countries' names that are common given names too.
_COUNTRIES_AS_NAMES = frozenset(
    {"georgia", "jordan", "india", "chad", "israel", "america", "kenya", "dominique", "maurice",
     "mauricio", "maurizio", "guadalupe", "francia", "italia", "montserrat", "mali", "nga",
     "dania", "china", "iran", "oman", "jamaica", "ireland", "cuba", "tonga", "lorraine"}
)  # fmt: skip


#: ``Jane Doe's Checking``, ``Alice's mobile phone``: a capitalised name, possessive, words.
_OWNED = re.compile(r"^([A-Z][a-z]+)(?: [A-Z][a-z]+)?['’]s [^\W\d_][\w .'-]{0,40}$")


@lru_cache(maxsize=65_536)
def owner_named(text: str) -> bool:
    """A thing's name that names its owner by a given name the lexicon knows (an account's or
    a device's nickname: ``Jane Doe's Checking``, ``Alice's Phone``): personal data, the
    owner's name."""
    m = _OWNED.match(text)
    return m is not None and fold(m.group(1)) in GIVEN_NAMES


#: The name group (``nam``) of the EU Digital COVID Certificate's published schema: family
#: and given names as written (``fn``, ``gn``) and transliterated as ICAO 9303 machine-
#: readable zones write them (``fnt``, ``gnt``: ``MUSTERFRAU<GOESSINGER``).
DCC_NAME_KEYS = frozenset({"fn", "gn", "fnt", "gnt"})
#: ICAO 9303's transliteration: capitals, with ``<`` for a space or a hyphen.
_ICAO_NAME = re.compile(r"^[A-Z]+(?:<{1,2}[A-Z]+)*$")
#: A name as written: letters, with spaces, hyphens, apostrophes or dots between words.
_WRITTEN_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]{1,2}[^\W\d_]+)*\.?$")


def dcc_name_value(key: str, value: object) -> bool:
    """A value of the DCC name group written as the schema says: ``fnt``/``gnt`` in ICAO
    9303's letters (``PETER<PAUL<MARIA``), ``fn``/``gn`` as a name is written (``Musterfrau-
    Gößinger``); at most 80 characters (the schema's limit), never a digit."""
    if not isinstance(value, str) or not 2 <= len(value) <= 80:
        return False
    if key in ("fnt", "gnt"):
        return bool(_ICAO_NAME.match(value))
    return key in ("fn", "gn") and bool(_WRITTEN_NAME.match(value))


#: A capitalised word of a name, an initial (``J.``) or joined parts (``Anne-Marie``, ``O'Neil``).
_CAPITALISED = re.compile(r"^[A-Z](?:[a-z]+|\.)?(?:['’-][A-Z]?[a-z]+)*$")


def written_full_name(text: str) -> bool:
    """Two to four capitalised words or initials (``Mees van Roijen``, ``Anne-Marie
    O'Neil``, ``Barbara J. Jensen``), lower-case particles allowed between them, the first
    and the last capitalised words."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    named = [w for w in words if w not in _PARTICLES]
    return (
        2 <= len(named) <= 4
        and words[0] in named
        and words[-1] in named
        and len(words[0]) > 2
        and len(words[-1]) > 2
        and all(_CAPITALISED.match(w) for w in named)
    )
