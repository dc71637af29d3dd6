# ruff: noqa: RUF001
"""Names of things and stand-ins under name keys, owners named in nicknames, logins by shape."""

from __future__ import annotations

import pytest

from detector import name_rules as nr
from detector.engine import DetectionEngine
from tests.detector.findings import found


@pytest.mark.parametrize(
    "value",
    [
        "My Visa Debit Card",
        "The Currency Cloud",
        "My OAuth App",
        "Brazil App",
        "Andrea Java SDK",
        "created from Java SDK",
        "Pricing page integration",
        "Moip SandBox",
        "CurrencyCloud",
        "Account-ZXOANNAMKPRQ",
        "API",
        "Account Admin",
        "Owner",
        "Passenger",
        "Supervisor",
        "android",
        "DevTest",  # test and role words run together
        "TestUser",
        "Test User",
        "Cliente Ejemplo",
        "AccountAdmin",
        "Direct Sender",
        "Existing Sender",
        "Test",  # alone, as v4, v10 and v11 label it (v3 once called Adyen's a surname)
        "Doctor",  # a dummy account's role word
    ],
)
def test_things_and_stand_ins_are_no_persons_names(value: str) -> None:
    assert nr.thing_name(value), value


@pytest.mark.parametrize(
    "value",
    [
        "Harry Zhang",
        "john smith",
        "LUIS GARCIA BAQUERO",
        "Ronald McDonald",
        "DeShawn Jones",
        "Ludwig van Beethoven",
        "Maria dos Santos",
        "Mr. Card holder",
        "Prueba",  # a test word alone may be a surname (``Test`` alone is a stand-in)
        "Maria Test",
        "Devon Test",
        "Sender",
        "Minnie Driver",
        "Jane Doe's Checking",
        "JOSÉ ÁLVAREZ",
        "Anne-Marie O'Neil",
    ],
)
def test_people_are_not_things(value: str) -> None:
    assert not nr.thing_name(value), value


def test_owner_named_needs_a_known_given_name_first() -> None:
    assert nr.owner_named("Jane Doe's Checking")
    assert nr.owner_named("Jane Doe’s Checking")
    assert nr.owner_named("Alice's mobile phone")
    assert not nr.owner_named("My Checking")
    assert not nr.owner_named("Swiss Account")
    assert not nr.owner_named("Zqxwv's Phone")
    assert not nr.owner_named("Alice")


def test_a_login_fields_own_word_is_no_login(engine: DetectionEngine) -> None:
    for word in ("username", "userid", "user_name", "UserName", "name", "loginId"):
        assert nr.login_field_word(word), word
        assert not nr.login_by_key("username", word), word
    for login in ("jdoe", "user", "user1", "username391", "names"):
        assert not nr.login_field_word(login), login
    found = {(d.path, d.type) for d in engine.detect({"username": "userid", "login": "jdoe"})}
    assert found == {("$.login", "username")}


def test_logins_by_shape() -> None:
    for login in ("@alice:example.org", "@cheeky_monkey:matrix.org", "@bob:chat.example.com:8448"):
        assert nr.login_by_value(login), login
    assert nr.login_by_value("sip:ajay6121801985815245533110@phone.plivo.com")
    for other in (
        "!726s6s6q:example.com",  # a room id
        "#room:example.org",  # a room alias
        "$event:example.org",
        "alice@example.org",  # an e-mail address
        "@alice",  # a mention, no server
        "sip:+14155550123@sip.example.com",  # a phone number's URI
        "sip:alice@192.168.1.10",  # the host is an address
        "@alice:example",  # no domain
        "",
    ):
        assert not nr.login_by_value(other), other
    assert not nr.login_by_value(12345)


def test_keys_that_name_a_thing_or_an_address_part() -> None:
    for key in ("app_display_name", "productName", "bank_name", "company_name"):
        assert nr.key_names_thing(key), key
    for key in ("name", "display_name", "company_contact_name", "account_holder_name", "app"):
        assert not nr.key_names_thing(key), key
    for key in ("district", "neighborhood", "bairro", "city"):
        assert nr.key_names_place_part(key), key
    for key in ("first_name", "state_key", "districtCode"):
        assert not nr.key_names_place_part(key), key
    # a device named after its owner names a person even under a thing's key
    assert not nr.not_a_persons_name("device_display_name", "Alice's Phone")
    assert nr.not_a_persons_name("device_display_name", "android")
    assert nr.not_a_persons_name("district", "Savassi")


def test_engine_rules_out_things_and_stand_ins(engine: DetectionEngine) -> None:
    body = {
        "first_name": "API",
        "last_name": "Tester",
        "display_name": "created from Java SDK",
        "nickname": "My Visa Debit Card",
        "app_display_name": "Mat Rix",
        "billingAddress": {"street": "Rua Grão Mogol", "district": "Savassi"},
    }
    paths = {p for p, t in found(engine, body) if t == "person_name"}
    # ``Tester`` under a surname key has a name's shape: the field's type under the one
    # labelling convention (session 15); ``API`` in capitals, the things' names are not
    assert paths == {"$.last_name"}
    person = {"first_name": "Harry", "last_name": "Zhang", "display_name": "Harry Zhang"}
    assert {p for p, t in found(engine, person) if t == "person_name"} == {
        "$.first_name",
        "$.last_name",
        "$.display_name",
    }


def test_engine_finds_owner_nicknames_and_logins(engine: DetectionEngine) -> None:
    body = {
        "name": "Jane Doe's Checking",
        "unsigned": {"device_display_name": "Alice's mobile phone"},
        "events": [{"sender": "@alice:example.org", "room_id": "!726s6s6q:example.com"}],
        "user_ids": ["@bob:example.com", "@alice:matrix.org"],
        "to_number": "sip:ajay6121801985815245533110@phone.plivo.com",
    }
    assert found(engine, body) >= {
        ("$.name", "person_name"),
        ("$.unsigned.device_display_name", "person_name"),
        ("$.events[*].sender", "username"),
        ("$.user_ids[*]", "username"),
        ("$.to_number", "username"),
    }
    assert not {p for p, _ in found(engine, body)} & {"$.events[*].room_id"}
    assert ("$.name", "person_name") not in found(engine, {"name": "My Checking"})


def test_a_parent_that_names_things_names_its_members_name() -> None:
    for key, parent in (("name", "products"), ("display_name", "device"), ("name", "apps")):
        assert nr.key_names_thing(key, parent), (key, parent)
    for key, parent in (
        ("name", "items"),  # a generic list wrapper
        ("name", "customers"),
        ("name", "connections"),  # may be people
        ("name", "company_contact"),  # a person of the company
        ("first_name", "products"),
        ("name", ""),
    ):
        assert not nr.key_names_thing(key, parent), (key, parent)


def test_engine_a_name_beside_a_sku_or_a_price_is_a_things(engine: DetectionEngine) -> None:
    order = {
        "customer": {"name": "Harry Zhang"},
        "line_items": [{"name": "Harry Potter Box Set", "sku": "HP-BOX-7", "quantity": 1}],
        "products": [{"name": "Diana Ross", "id": "prod_8"}],
    }
    people = {p for p, t in found(engine, order) if t == "person_name"}
    assert people == {"$.customer.name"}
    # without a thing's key beside it, the same full name is a person's
    plain = {"records": [{"name": "Harry Zhang", "note": "gift"}]}
    assert ("$.records[*].name", "person_name") in found(engine, plain)
    sold = {"records": [{"name": "Harry Zhang", "sku": "HP-BOX-7"}]}
    assert ("$.records[*].name", "person_name") not in found(engine, sold)
    # at the top level a document mixes a customer with their order: the name stands
    top = {"name": "Harry Zhang", "sku": "HP-BOX-7", "email": "h@example.org"}
    assert ("$.name", "person_name") in found(engine, top)


def test_a_login_key_with_a_login_shaped_value() -> None:
    for value in ("octocat", "jane.doe", "dev-42"):
        assert nr.login_by_key("login", value), value
    assert nr.login_by_key("user_login", "octocat")
    cases: tuple[tuple[str, object], ...] = (
        ("login", "usr_8f3a21c9"),  # a prefixed object id
        ("login", "deadbeefcafe"),  # hex
        ("login", "Octo Cat"),
        ("login", "system"),
        ("login", "ab"),
        ("owner", "ops"),  # a user key holds team names as often as logins
        ("updated_by", "system"),  # a process, not an account
        ("login", 12345678),
    )
    for key, other in cases:
        assert not nr.login_by_key(key, other), (key, other)
    # who changed a record, written as a login: a login under the one convention (session 14)
    assert nr.login_by_key("updated_by", "janedoe")


def test_a_users_bare_name_and_acct_hold_logins_written_like_one() -> None:
    # ECS's user.name ("short name or login"), Mastodon's acct (local account address)
    assert nr.login_by_key("name", "a.einstein", "user")
    assert nr.login_by_key("name", "jdoe42", "user")
    assert nr.login_by_key("acct", "mastodonpy_test_2")
    assert nr.login_by_key("acct", "gargron")
    assert nr.login_by_key("acct", "admin")  # a service account's (v7's and v9's labels)
    cases: tuple[tuple[str, object, str], ...] = (
        ("name", "Albert Einstein", "user"),  # a person's name written as one
        ("name", "einstein", "user"),  # a bare word may be a lower-cased name
        ("name", "a.einstein", "product"),  # a thing's name: the parent names no user
        ("name", "a.einstein", ""),
        ("acct", "12345678", ""),  # an account number under its abbreviation
        ("acct", "usr_8f3a21c9", ""),
        ("acct", "system", ""),  # an actor, not an account
    )
    for key, value, parent in cases:
        assert not nr.login_by_key(key, value, parent), (key, value, parent)


def test_engine_reports_a_users_login_not_a_persons_name(engine: DetectionEngine) -> None:
    body = {"user": {"name": "a.einstein", "full_name": "Albert Einstein"}}
    got = found(engine, body)
    assert ("$.user.name", "username") in got
    assert ("$.user.name", "person_name") not in got
    assert ("$.user.full_name", "person_name") in got
    assert ("$.acct", "username") in found(engine, {"acct": "mastodonpy_test", "id": "1"})


def test_engine_reports_a_login_under_login(engine: DetectionEngine) -> None:
    user = {
        "login": "octocat",
        "id": 1,
        "node_id": "MDQ6VXNlcjE=",
        "avatar_url": "https://github.com/images/error/octocat_happy.gif",
        "type": "User",
    }
    body = {"alert": {"push_protection_bypassed_by": user}}
    assert ("$.alert.push_protection_bypassed_by.login", "username") in found(engine, body)


def test_one_list_of_whose_name_words_and_the_form_words_kept_apart() -> None:
    from detector.engine import _person_context

    # a word of who the person is makes a thing's name key a person's, in both checks
    assert not nr.key_names_thing("company_contact_name")
    assert not nr.key_names_thing("business_representative_name")
    assert _person_context("representative_name", "")
    # a word of how a name is shown leans to a person beside a bare name only
    assert _person_context("display_name", "")
    assert nr.key_names_thing("app_display_name")
    assert nr.key_names_thing("company_legal_name")
    assert not nr.PERSON_WORDS & nr.NAME_FORM_WORDS


def test_a_remark_after_a_name_is_no_part_of_it() -> None:
    assert not nr.thing_name("Niels (nickname)")
    assert nr.thing_name("My App (beta)")  # the words before the remark still decide
    assert nr.thing_name("Account Admin (test)")


def test_logins_of_a_users_sub_object_and_of_an_im_service(engine: DetectionEngine) -> None:
    body = {
        "user": {"target": {"name": "a.einstein"}, "properties": [{"name": "work_phone"}]},
        "ims": [{"type": "aim", "value": "someaimhandle"}],
        "links": [{"type": "homepage", "value": "someaimhandle"}],
    }
    got = found(engine, body)
    assert ("$.user.target.name", "username") in got
    # a list of named fields under a user: field names, no logins
    assert ("$.user.properties[*].name", "username") not in got
    assert ("$.ims[*].value", "username") in got
    assert ("$.links[*].value", "username") not in got
    assert nr.login_by_im("value", "contacts", "xmpp", "romeo.montague", True)
    assert nr.login_by_im("value", "ims", "other", "romeo.montague", True)
    assert nr.login_by_im("im_address", "im_addresses", "other", "myjabberaddress", False)
    assert not nr.login_by_im("value", "ims", "aim", "has a space", True)
    assert not nr.login_by_im("value", "links", "type", "someaimhandle", True)
    assert not nr.login_by_im("label", "ims", "aim", "someaimhandle", False)


def test_a_full_name_under_a_key_whose_words_say_a_persons(engine: DetectionEngine) -> None:
    got = found(
        engine,
        {"civilName": "Juan Kaique Cláudio Fernandes", "customer_statement_name": "John Doe"},
    )
    assert ("$.civilName", "person_name") in got
    assert ("$.customer_statement_name", "person_name") in got
    # the key names no person, or the value reads as no full name
    got = found(engine, {"statement_name": "John Doe", "customer_statement_name": "ACME STORE"})
    assert ("$.statement_name", "person_name") not in got
    assert ("$.customer_statement_name", "person_name") not in got


@pytest.mark.parametrize(
    ("text", "written"),
    [("Mees van Roijen", True), ("Anne-Marie O'Neil", True), ("Barbara J. Jensen", True),
     ("ACME Corp", False), ("J. Smith", False), ("van Roijen", False), ("John", False),
     ("Pricing page integration", False)],
)  # fmt: skip
def test_written_full_name(text: str, written: bool) -> None:
    assert nr.written_full_name(text) is written


def test_a_holders_name_written_out_that_the_lexicon_does_not_know(
    engine: DetectionEngine,
) -> None:
    body = {"paymentMethod": {"holderName": "Fenne Klomp Jan", "scheme": "visa"}}
    assert ("$.paymentMethod.holderName", "person_name") in found(engine, body)
    # a bare name key says no one's name; a thing's word in the value still rules it out
    assert ("$.plan.name", "person_name") not in found(engine, {"plan": {"name": "Gold Klomp"}})
    body = {"paymentMethod": {"holderName": "Klomp Holdings", "scheme": "visa"}}
    assert ("$.paymentMethod.holderName", "person_name") not in found(engine, body)


@pytest.mark.parametrize(
    ("key", "value", "parent", "refused"),
    [
        ("winner", "white", "", True),
        ("name", "master", "branches", True),
        ("dbname", "defaultdb", "", True),
        ("first_name", "john", "", False),
        ("name", "nukosuke", "users", False),
        ("display_name", "spengler", "profile", False),
        ("winner", "White", "", False),
    ],
)
def test_one_lower_case_word_under_a_key_that_names_no_person(
    key: str, value: str, parent: str, refused: bool
) -> None:
    assert nr.lower_word_unowned(key, value, parent) is refused


def test_a_game_result_is_no_name_but_a_lower_case_first_name_is(
    engine: DetectionEngine,
) -> None:
    game = {"id": "q7ZvsdUF", "rated": True, "status": "mate", "winner": "white"}
    assert not any(t == "person_name" for _, t in found(engine, game))
    person = {"first_name": "maria", "last_name": "santos", "email": "maria@example.org"}
    assert ("$.first_name", "person_name") in found(engine, person)


@pytest.mark.parametrize(
    ("text", "opaque"),
    [
        ("U024BE7LH", True),
        ("W012A3CDE", True),
        ("USLACKBOT", False),
        ("JSMITH", False),
        ("jsmith42", False),
        ("U1", False),
    ],
)
def test_opaque_upper_id(text: str, opaque: bool) -> None:
    assert nr.opaque_upper_id(text) is opaque


def test_a_chat_users_id_is_no_login_but_a_login_is(engine: DetectionEngine) -> None:
    message = {"type": "message", "user": "U024BE7LH", "text": "Deploy finished", "ts": "1.2"}
    assert not any(t == "username" for _, t in found(engine, message))
    account = {"id": 4, "username": "venky333", "state": "active"}
    assert ("$.username", "username") in found(engine, account)


def test_person_alone_stands_in_for_a_name() -> None:
    assert nr.thing_name("PERSON")
    assert not nr.thing_name("Persson")
