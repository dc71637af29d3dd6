"""The v19 evaluation data (detector/eval/data/v19): client test fixtures, recorded traffic, Postman
collections and the examples of published API descriptions of sixteen publishers that v1 to v17
did not use, labelled by v19's own rules (`make_v19_rules`: v17's rules with v19's key words
layered on top) under the one convention of the data README, plus hand decisions. Format,
coverage, the convention (no label on a leaf without data), the rules, the split, that the error
lister refuses v19test and the whole set (v19 was sealed until session 15 scored it; v19dev is
read since) and that ``make_v19`` rewrites the committed file from the cached sources."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, rule_types

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v19attentive/": "attentive",
    "v19epages/": "epages",  # ePages' Beyond and Now clients, one publisher
    "v19fattureincloud/": "fattureincloud",
    "v19gemfury/": "gemfury",
    "v19geoapify/": "geoapify",
    "v19klaviyo/": "klaviyo",
    "v19mds/": "v19mds",  # the Open Mobility Foundation's Mobility Data Specification
    "v19openpay/": "openpay",
    "v19paynow/": "paynow",  # mBank's payment gateway
    "v19ratepay/": "ratepay",
    "v19resend/": "resend",
    "v19stackit/": "stackit",
    "v19stancer/": "stancer",
    "v19tflow/": "tflow",
    "v19wise/": "v19wise",  # Wise (TransferWise)
    "v19zenvia/": "zenvia",
}
#: Labels per type at least: 10 where the real sources have that many; for the types they lack,
#: the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "iban": 7,
    "national_id": 5,
    "password": 3,
    "mac_address": 1,
    "credit_card": 0,
    "us_ssn": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "jwt": 0,
}
#: Labels the hand decisions change (``make_v19`` prints it; the README states it).
HAND_CHANGES = 56


def test_rules_label_shaped_stand_ins_and_not_shapeless_ones() -> None:
    one = functools.partial(rule_types, "make_v19")

    assert one("lastName", "Test") == {"person_name"}  # a stand-in with a name's shape
    assert one("email", "jane@example.com") == {"email"}
    assert one("phone", "(123) 456-7890") == {"phone"}
    assert one("firstName", "string") == set()  # documentation word
    assert one("email", "<email>") == set()
    assert one("apiKey", "YOUR_API_KEY") == set()
    assert one("accountNumber", "0000000000") == set()  # zeros alone: no data
    assert one("IBAN", "DE00000000000000000000") == set()


def test_rules_leave_leaves_without_data_unlabelled() -> None:
    from detector.eval.make_v19 import rule_labels

    for empty in ("", "   ", None, True, False):
        assert rule_labels({"email": empty, "firstName": empty, "tax_code": empty}) == set()


def test_rules_read_v19s_own_keys() -> None:
    one = functools.partial(rule_types, "make_v19")

    assert one("tax_code", "RSSMRA80A01H501U") == {"national_id"}  # a person's codice fiscale
    assert one("tax_code", "12345678901") == {"tax_id"}  # a company's: its VAT number
    assert one("ei_code", "111111") == set()  # an e-invoice routing code
    assert one("date_birth", "1977-05-25") == {"date_of_birth"}
    assert one("primaryPhone", "(800) 555-0102") == {"phone"}
    assert one("bank_code", "032") == {"bank_account"}  # a bank code (v2's conventions)
    assert one("abartn", "321161184") == {"bank_account"}
    assert one("firstLine", "1 Fake Street") == {"street_address"}
    assert one("address1", "89 E 42nd St") == {"street_address"}
    assert one("line2", "Roble 207") == set()  # a later line of an address
    assert one("cardHolderName", "John Smith") == {"person_name"}
    assert one("name", "John Doe", iban="DE89370400440532013000") == {"person_name", "iban"}
    assert one("name", "Mario Rossi S.R.L.", email="m@example.it") == {"email"}  # a company
    assert one("name", "Campaign One") == set()  # no person's context


def test_rules_read_addresses_of_networks_by_their_role() -> None:
    from detector.eval.make_v19 import rule_labels

    body = {"nameservers": ["10.1.2.3"], "routes": [{"nexthop": "10.1.2.1"}], "ipv6": "2001:db8::1"}
    assert rule_labels(body) == {("$.ipv6", "ip_address")}  # DNS servers, next hops: negatives


def test_postman_bodies_parse_with_their_variables_quoted() -> None:
    from detector.eval.make_v19 import _BARE_TEMPLATE

    raw = '{"profile": {{profile-id}}, "name": "{{name}}", "id": <your profile id>}'
    assert _BARE_TEMPLATE.sub(r'"\1"', raw) == (
        '{"profile": "{{profile-id}}", "name": "{{name}}", "id": "<your profile id>"}'
    )


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v19 import REAL_PEOPLE, marks

    text = (DATA / "v19" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v19

    source = Path(make_v19.__file__).read_text(encoding="utf-8").lower()
    assert not make_v19.marks(source) & frozenset().union(*make_v19.REAL_PEOPLE.values())


def test_the_error_lister_refuses_v19test_and_the_whole_set() -> None:
    from detector.eval.errors import errors

    for split in ("v19", "v19test"):
        with pytest.raises(SystemExit, match=f"refusing '{split}': only "):
            errors(split, None)


class TestV19Data(ConventionChecks):
    name = "v19"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 12
    per_source = 150  # STACKIT: 120 documents with rule labels and 30 negatives at most
    #: The real sources found hold fewer labels than the 800 asked of a set (the README says
    #: which types and areas they lack).
    min_labels = 660
    sealed = False  # scored sealed once in session 15; v19dev read since

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        """As the shared check, over the earlier sets this branch has (v18 is made at the same
        time; once merged, its file is read too)."""
        from tests.detector.eval_data_checks import check_providers_are_new

        later = (f"v{i}/real.jsonl" for i in range(3, 19) if (DATA / f"v{i}").is_dir())
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        check_providers_are_new(DATA, earlier, self.providers, by_prefix=True)
