"""The v7 evaluation data (detector/eval/data/v7): example payloads, SDK fixtures, recorded traffic
and test data that sources v1 to v6 did not use, labelled by rules plus hand decisions. Format,
coverage, the labelling rules, the split, and that ``make_v7`` rewrites the committed file from
the cached sources. No detector code runs on this data (v7 is sealed this session)."""

from __future__ import annotations

import pytest

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import SetChecks

#: Family prefix → a string naming the provider, checked against the families of v1 to v6.
PROVIDERS = {
    "v7bunq/": "bunq",
    "v7conekta/": "conekta",
    "v7dgcert/": "dgcert",  # the EU Digital COVID Certificate test data
    "v7dropboxsign/": "hellosign",
    "v7ecs/": "elastic",  # the Elastic Common Schema
    "v7googleauth/": "google-auth",
    "v7kratos/": "kratos",
    "v7mastodon/": "mastodon",
    "v7obb/": "openbanking-brasil",
    "v7omise/": "omise",
    "v7paystack/": "paystack",
    "v7scim/": "scim",
    "v7shippo/": "shippo",
    "v7taxjar/": "taxjar",
}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "credit_card": 2,
    "gender": 4,
    "iban": 8,
    "ip_address": 4,
    "passport_number": 4,
    "password": 2,
    "mac_address": 7,
    "us_ssn": 0,
    "jwt": 0,
    "drivers_license": 0,
}
#: Labels the hand decisions change (``make_v7`` prints it; the README states it).
HAND_CHANGES = 74


def test_rules_read_keys_parents_siblings_and_values_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v7 import rule_label

    assert rule_label(["nam"], "fn", "Musterfrau-Gößinger", {}) == "person_name"
    assert rule_label(["nam"], "gnt", "MARILU<TERESA", {}) == "person_name"
    assert rule_label([], "dob", "1998-02-26", {}) == "date_of_birth"
    assert rule_label([], "name", "Laura Behrens Wu", {"street1": "x", "zip": "1"}) == (
        "person_name"
    )
    assert rule_label([], "name", "Conekta Inc", {"email": "a@b.co"}) is None
    assert rule_label(["customer"], "name", "Teresa Lopez", {}) == "person_name"
    assert rule_label([], "customer_name", "John Doe", {}) == "person_name"
    assert rule_label([], "cpfNumber", "25872252137", {}) == "national_id"
    assert rule_label([], "cpfNumber", "25872252138", {}) is None
    assert rule_label([], "companyCnpj", "21128159000166", {}) == "tax_id"
    assert rule_label([], "documentNumber", "73677831148", {}) == "national_id"
    assert rule_label([], "tax_id", "AAA010101AAA", {}) == "tax_id"
    assert rule_label([], "passportNumber", "75253468744594820620", {}) == "passport_number"
    assert rule_label([], "passportIssueDate", "2021-05-21", {}) is None
    assert rule_label([], "clabe", "646180111805034237", {}) == "bank_account"
    assert rule_label([], "bank_code", "058", {}) == "bank_account"
    assert rule_label(["payment_method"], "number", "4242424242424242", {}) == "credit_card"
    assert rule_label(["payment_method"], "number", "4242424242424243", {}) is None
    assert rule_label([], "iban", "NL86BUNQ2025105541", {}) == "iban"
    assert rule_label([], "description", "Test payment to NL59BUNQ2025104669", {}) == "iban"
    assert rule_label([], "email", "mastodonpy_test_2@localhost", {}) == "email"
    assert rule_label([], "object_owner", "guozhen@goshippo.com", {}) == "email"
    assert rule_label(["phoneNumbers"], "value", "555-555-5555", {}) == "phone"
    assert rule_label(["ims"], "value", "someaimhandle", {}) == "username"
    assert rule_label([], "acct", "mastodonpy_test", {}) == "username"
    assert rule_label([], "password", "t1meMa$heen", {}) == "password"
    assert rule_label([], "hashed_password", "$argon2id$v=19$m=131072,t=2,p=1$lQ", {}) == (
        "secret_key"
    )
    assert rule_label([], "totp_url", "otpauth://totp/Example:a@b.com?secret=JBSW", {}) == (
        "secret_key"
    )
    assert rule_label([], "access_token", "qLFk5fQZHZfAWvjsVWMJZRH2K9coa_1JOCpbMwOlPbM", {}) == (
        "secret_key"
    )
    assert rule_label([], "token_type", "Bearer", {}) is None
    assert rule_label([], "ip_address", "54.155.246.232", {}) == "ip_address"
    assert rule_label([], "customer_ip_address", "0.0.0.0", {}) is None
    assert rule_label(["geolocation"], "latitude", 52.387862883215, {}) == "geo_location"
    assert rule_label(["name"], "honorificPrefix", "Ms.", {}) == "gender"
    assert rule_label([], "street1", "965 Mission Street", {}) == "street_address"
    assert rule_label([], "street_no", "215", {}) is None
    assert rule_label([], "first_name", "string", {}) is None


class TestV7Data(SetChecks):
    name = "v7"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "7ae2150f9e69fb0baab7d8c6d94ec7d5ce0cb99eab84b4d2cf5a7cd5ed4d57d1"
    per_family = 7
    per_source = 48
    fewest_negatives = 2
    most_negatives = 6
