"""The v17 evaluation data (detector/eval/data/v17): client test fixtures, recorded traffic and
the examples of published API descriptions and standards of publishers that v1 to v15 did not
use, labelled by v17's own rules under the one convention of the data README plus hand
decisions. Format, coverage, the convention (no label on a leaf without data), the labelling
rules, the split, that the error lister refuses v17test and the whole set (v17 was sealed for its
scoring in session 14; v17dev is read since), and that
``make_v17`` rewrites the committed file from the cached sources."""

from __future__ import annotations

import functools
from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import (
    DATA,
    ConventionChecks,
    check_providers_are_new,
    rule_types,
)

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v17bol/": "bol",  # bol.com's Retailer API (Picqer's client)
    "v17campaignmonitor/": "campaignmonitor",  # its Ruby and Python libraries
    "v17chartmogul/": "chartmogul",
    "v17dcsa/": "dcsa",  # Digital Container Shipping Association
    "v17dnsimple/": "dnsimple",
    "v17exoscale/": "exoscale",
    "v17fakturownia/": "fakturownia",
    "v17mailjet/": "mailjet",
    "v17moneybird/": "moneybird",
    "v17opin/": "opin",  # Open Insurance Brasil
    "v17osdm/": "osdm",  # the rail union's Open Sales and Distribution Model
    "v17packlink/": "packlink",
    "v17retailcrm/": "retailcrm",
    "v17tomp/": "tomp",  # Transport Operator MaaS Provider API
}
#: Labels per type at least: 10 where the real sources have that many; for the types they lack,
#: the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "iban": 3,
    "jwt": 3,
    "username": 3,
    "password": 2,
    "drivers_license": 1,
    "credit_card": 0,
    "us_ssn": 0,
    "passport_number": 0,
    "bank_account": 0,
    "mac_address": 0,
}
#: Labels the hand decisions change (``make_v17`` prints it; the README states it).
HAND_CHANGES = 68


def at(key: str, value: object, **siblings: object) -> set[str]:
    """The types ``make_v17``'s rules give ``value`` under ``key`` (its siblings' left out)."""
    from detector.eval.make_v17 import rule_labels

    return {t for p, t in rule_labels({key: value, **siblings}) if p == f"$.{key}"}


def test_rules_label_shaped_stand_ins_and_not_shapeless_ones() -> None:
    one = functools.partial(rule_types, "make_v17")

    assert one("lastName", "Test") == {"person_name"}  # a stand-in with a name's shape
    assert one("email", "jane@example.com") == {"email"}
    assert one("ssn", "123-45-6789") == {"us_ssn"}
    assert one("phone", "(123) 456-7890") == {"phone"}
    assert one("firstName", "string") == set()  # documentation word
    assert one("phone", "phone1") == set()  # the key repeated
    assert one("street", "MyStreet2") == set()
    assert one("email", "<email>") == set()
    assert one("apiKey", "YOUR_API_KEY") == set()
    assert one("cardNumber", "XXXX XXXX XXXX 1234") == set()  # masked
    assert one("firstName", "N/A") == set()


def test_rules_leave_leaves_without_data_unlabelled() -> None:
    from detector.eval.make_v17 import rule_labels

    for empty in ("", "   ", None, True, False):
        assert rule_labels({"email": empty, "firstName": empty}) == set()


def test_rules_read_logins_documents_and_names_by_their_context() -> None:
    one = at

    assert one("userid", "zhangsan") == {"username"}  # a human-readable login
    assert one("userid", "4b3f0c2e-9a1d-4c55-8f0e-2d7c1b9a6e10") == set()  # a system id
    assert one("number", "73677831148", type="CPF") == {"national_id"}  # a sibling names it
    assert one("number", "01773247000563", type="CNPJ") == {"tax_id"}
    assert one("cpf", "73677831148") == {"national_id"}
    assert one("name", "Jan de Vries", email="jan@example.nl") == {"person_name"}
    assert one("name", "Ops Company", email="ops@example.com") == set()  # a company
    assert one("name", "Campaign One") == set()  # no person's context
    assert one("Recipient", "Joe Smith <joe@example.com>") == {"email", "person_name"}
    assert one("From", "Team Webapp <team@example.com>") == {"email"}


def test_rules_read_values_whatever_their_key() -> None:
    one = functools.partial(rule_types, "make_v17")

    assert one("content", "192.0.2.10") == {"ip_address"}
    assert one("netmask", "255.255.255.0") == set()
    assert one("iban_account", "NL91ABNA0417164300") == {"iban"}
    assert one("x", "NL91ABNA0417164301") == set()  # its check digits fail
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"
    assert one("refresh_token", jwt) == {"jwt"}  # a JWT, not also a secret
    assert one("latitude", 52.37) == {"geo_location"}
    assert one("coordinates", 0) == set()  # null island: a stand-in
    assert one("errors", "can't be blank") == set()


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v17 import REAL_PEOPLE, marks

    text = (DATA / "v17" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v17

    source = Path(make_v17.__file__).read_text(encoding="utf-8").lower()
    assert not make_v17.marks(source) & frozenset().union(*make_v17.REAL_PEOPLE.values())


class TestV17Data(ConventionChecks):
    name = "v17"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 12
    per_source = 60
    sealed = False  # scored sealed once in session 14; v17dev read since

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        """As the shared check, over the earlier sets this branch has (v16 is made at the same
        time; once merged, its file is read too)."""
        later = (f"v{i}/real.jsonl" for i in range(3, 17) if (DATA / f"v{i}").is_dir())
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        check_providers_are_new(DATA, earlier, self.providers, by_prefix=True)
