"""Stand-ins and stored credentials: documentation values that describe or mask themselves,
digit runs, file paths under credential keys, and password hashes (a secret key by the sets'
conventions)."""

from __future__ import annotations

import pytest

from detector import validators as v
from detector import value_rules as vr
from detector.engine import DetectionEngine
from tests.detector.findings import found


@pytest.mark.parametrize(
    ("text", "stand_in"),
    [
        ("0123456789012", True),
        ("1234567890123456789012345678901234567890", True),
        ("000000001", True),
        ("00000012", True),
        ("123456789", False),  # the earlier sets label it under its key's type
        ("5522997233", False),
        ("4111111111111111", False),
        ("000123456", False),
    ],
)
def test_digit_stand_ins(text: str, stand_in: bool) -> None:
    assert v.digit_stand_in(text) is stand_in


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("xoxb-1234-xxxxxx", True),
        ("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", True),
        ("ab****cd", True),
        ("xoxb-1234-5678-AbCdEfGhIjKl", False),
        ("Maxxi", False),
    ],
)
def test_masked_runs_are_placeholders(text: str, masked: bool) -> None:
    assert v.is_placeholder(text) is masked


@pytest.mark.parametrize(
    ("text", "hashed"),
    [
        ("$2b$12$" + "a" * 53, True),
        ("$6$rounds=500000$jgiCMRyGXzoqpxS3$w2pJeZnnH8bwW3zzvoMWtTRfQYsHbWbD", True),
        ("$argon2id$v=19$m=65536,t=3,p=4$iXZMAhHdjgNaOEZYErSQNA$tDz6aVwWp80xfuTEFOaA", True),
        ("{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", True),
        ("pbkdf2_sha256$260000$abcdefghijkl$Zm9vYmFyYmF6cXV4", True),
        ("$5.00 per month, billed yearly", False),
        ("Summer2024!", False),
    ],
)
def test_password_hashes(text: str, hashed: bool) -> None:
    assert vr.is_password_hash(text) is hashed


@pytest.mark.parametrize(
    ("text", "describes"),
    [
        ("mySecretPassword1!", True),
        ("mysecret", True),
        ("a_very_important_secret", True),
        ("redis-user-password", True),
        ("mySecretUsername", True),
        ("plaintexttoken7890abcdef", True),
        ("Password2024!", False),  # one word and a user's digits: a weak password people use
        ("hunter2", False),
        ("s3cr3t-K9x!", False),
    ],
)
def test_self_describing_credentials(text: str, describes: bool) -> None:
    assert vr.self_describing_credential(text) is describes


def test_stand_in_credentials_paths_and_masks_are_not_reported(engine: DetectionEngine) -> None:
    body = {
        "username": "mySecretUsername",
        "smtp_auth_password_file": "/tmp/localuser1password",
        "auth_password": "/run/secrets/smtp",
        "app_token": "xoxb-1234-xxxxxx",
        "key": "1234567890123456789012345678901234567890",
    }
    assert found(engine, body) == set()
    # under a password key any value with a shape is a password (the convention's "any value
    # under a password key", settled after v18 and v19; v8 read this one as a stand-in)
    assert found(engine, {"password": "mySecretPassword1!"}) == {("$.password", "password")}


def test_real_looking_credentials_beside_them_still_are(engine: DetectionEngine) -> None:
    body = {
        "password": "Tr0ub4dor&3x",
        "user": {"password": "Password2024!"},
        "api_token": "b3JnLmV4YW1wbGUuYXBpLnYyOkRhOHE5UnRLd0xtUHNYeTRq",
    }
    got = found(engine, body)
    assert ("$.password", "password") in got
    assert ("$.user.password", "password") in got
    assert ("$.api_token", "secret_key") in got


def test_a_stored_hash_under_a_password_key_is_a_password(engine: DetectionEngine) -> None:
    # the one convention: any value under a password key with a shape is a password (sets made
    # before it, v7 to v14, labelled such hashes ``secret_key``)
    body = {
        "users": {
            "bob": {"password": "$6$rounds=500000$jgiCMRyGXzoqpxS3$w2pJeZnnH8bwW3zzvoMWtTRfQYsH"},
            "john": {"password": "$argon2id$v=19$m=65536,t=3,p=4$iXZMAhHdjgNaOEZYErSQNA$tDz6aVw"},
        }
    }
    assert found(engine, body) == {
        ("$.users.bob.password", "password"),
        ("$.users.john.password", "password"),
    }


def test_a_call_or_message_id_written_like_an_address_is_no_email(
    engine: DetectionEngine,
) -> None:
    body = {
        "sipCallId": "c95ac8d6e1a31c52eb38f419893c151633ec68f8d@sbc.example.com",
        "message_id": "20261206.1234@mail.example.com",
        "from": "alice@example.com",
    }
    assert found(engine, body) == {("$.from", "email")}


@pytest.mark.parametrize(
    ("text", "schema"),
    [("uid", True), ("sAMAccountName", True), ("ou=users", True), ("dc=example,dc=com", True),
     ("cn=admin,dc=example,dc=com", False), ("davehorton", False)],
)  # fmt: skip
def test_directory_schema_words_are_no_logins(text: str, schema: bool) -> None:
    assert vr.directory_schema_word(text) is schema


def test_a_passport_in_a_sip_identity_header_is_a_jwt() -> None:
    token = (
        "eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0In0.eyJvcmlnIjp7InRuIjoiMTIzNCJ9fQ.c2lnbmF0dXJl"
    )
    header = f"{token};info=<https://cert.example.com/cert.pem>;alg=ES256;ppt=shaken"
    assert vr.whole_value(header, "identity", False) == ("jwt", vr.PROVEN)
    assert vr.whole_value("eyJ-not-a-token;info=x", "identity", False) is None


@pytest.mark.parametrize(
    ("text", "stand_in"),
    [("AAAAAAAA", True), ("00000 A AA AA AAA", True), ("ABC Road", True),
     ("XYZ COMPLEX OPP MAHILA MANDALA", True), ("ABC101010111", True), ("ABC12345", False),
     ("Aaron", False), ("ABCD Street", False),
     ("Anna Smith", False)],
)  # fmt: skip
def test_letter_stand_ins(text: str, stand_in: bool) -> None:
    assert v.letter_stand_in(text) is stand_in


def test_host_interfaces_are_ip_addresses_and_networks_are_not() -> None:
    assert v.is_host_interface("10.0.1.34/32")
    assert v.is_host_interface("10.1.1.2/27")
    assert not v.is_host_interface("192.168.100.0/24")
    assert not v.is_host_interface("10.0.1.34")


def test_logins_under_login_keys_and_user_names(engine: DetectionEngine) -> None:
    body = {
        "lastUpdatedBy": {"username": "admin"},
        "user": {"name": "jsmith", "id": 7},
        "owner": {"user": {"name": "james"}},
        "settings": {"attributes": {"username": "uid"}},
        "demo": {"user": {"name": "testuser"}},
        "address_group": {"addresses": ["10.0.1.34/32", "192.168.100.0/24"]},
    }
    got = found(engine, body)
    assert ("$.lastUpdatedBy.username", "username") in got
    assert ("$.user.name", "username") in got
    assert ("$.owner.user.name", "username") not in got  # a given name: the model decides
    assert ("$.settings.attributes.username", "username") not in got
    assert ("$.demo.user.name", "username") not in got
    assert ("$.address_group.addresses[*]", "ip_address") in got
