"""The v25 evaluation data (detector/eval/data/v25): API documentation examples of publishers v1
to v24 did not use (field service and inspections, construction supply, freight forwarding,
rail freight and parcel shipping, team fundraising, trade fairs, car repair, heart-rate
training in gyms and schools, public communications, open data, invoicing, payroll and payments
in Spain, the Americas and the Philippines, custom clothing, cluster management), labelled by
v25's own rules (`make_v25_rules`: v24's rules with v25's key words layered on top) under the
one convention of the data README, plus hand decisions. Format, coverage, the convention (no
label on a leaf without data), the rules, the split, that the error lister refuses v25's test
half and the whole set (its dev half is read since it was scored) and that ``make_v25``
rewrites the committed file from the cached sources."""

from __future__ import annotations

import functools
from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, rule_types

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v25accelo/": "accelo",
    "v25aonsolutions/": "aonsolutions",  # AON Solutions (Spain)
    "v25apunto/": "apunto",
    "v25autobutler/": "autobutler",
    "v25cendr/": "cendr",  # the Andersen Lab's C. elegans resource
    "v25cinx/": "cinx",
    "v25dbcargo/": "dbcargo",
    "v25dineoncampus/": "dineoncampus",
    "v25dispatch/": "v25dispatch",  # Dispatch (field service; the word alone is generic)
    "v25heartzones/": "heartzones",
    "v25lumiform/": "lumiform",
    "v25musskema/": "musskema",
    "v25nutcache/": "nutcache",
    "v25omniship/": "omniship",
    "v25opendatasoft/": "opendatasoft",
    "v25posko/": "posko",
    "v25profairs/": "profairs",
    "v25quipu/": "quipu",
    "v25rebill/": "v25rebill",
    "v25rotessa/": "rotessa",
    "v25shipamax/": "shipamax",
    "v25shore/": "v25shore",  # Shore (appointment booking; the word alone is generic)
    "v25snapraise/": "snapraise",  # Snap Advance
    "v25stackpoint/": "stackpoint",
    "v25trinity/": "trinity",  # Trinity Apparel (iDesign PBP)
    "v25whispir/": "whispir",
}
#: Labels per type at least: 5 where the real sources have that many; for the types they lack,
#: the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 5) | {
    "iban": 3,
    "ip_address": 4,
    "jwt": 2,
    "credit_card": 0,
    "us_ssn": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "mac_address": 0,
}
#: Labels the hand decisions change (``make_v25`` prints it; the README states it).
HAND_CHANGES = 65


def test_rules_name_who_created_conducted_or_received_a_record() -> None:
    from detector.eval.make_v25 import rule_labels

    issue = {"created_by": {"name": "Obi-Wan Kenobi", "email": "obi.wan@jediknights.com"}}
    assert rule_labels(issue) == {
        ("$.created_by.name", "person_name"),
        ("$.created_by.email", "email"),
    }
    assert rule_labels({"receiver": {"name": "Jane Smith"}}) == {("$.receiver.name", "person_name")}
    assert rule_labels({"site": {"name": "Tatooine North"}}) == set()  # not a person's parent


def test_rules_for_numbered_phones_phone_lists_first_lines_and_misspelt_coordinates() -> None:
    one = functools.partial(rule_types, "make_v25")

    assert one("workMobilePhone1", "61423456789") == {"phone"}
    assert one("workMobilePhone1", "string") == set()
    assert one("donor_address1", "1234 Main St") == {"street_address"}
    assert one("payment-profile-address-1", "1234 main st") == {"street_address"}
    assert one("latitute", "48.8523418") == {"geo_location"}
    assert one("longitute", "0") == set()  # null island: a stand-in
    from detector.eval.make_v25 import rule_labels

    contact = {"phone_numbers": [{"value": "+15551234567", "primary": True}]}
    assert rule_labels(contact) == {("$.phone_numbers[*].value", "phone")}


def test_passwords_and_spanish_personal_nifs() -> None:
    one = functools.partial(rule_types, "make_v25")

    assert one("primary_password", "123") == {"password"}
    assert one("user_password", "password") == set()  # the field's own word
    assert one("recipient_tax_id", "43429713D") == {"national_id"}  # a DNI: a person's number
    assert one("recipient_tax_id", "B66086042") == {"tax_id"}  # a company's CIF


def test_rules_leave_leaves_without_data_unlabelled() -> None:
    from detector.eval.make_v25 import rule_labels

    for empty in ("", "   ", None, True, False):
        body = {"created_by": {"name": empty}, "workMobilePhone1": empty, "latitute": empty}
        assert rule_labels(body) == set()


def test_json_bodies_under_other_fences_without_their_header_lines(tmp_path: Path) -> None:
    from detector.eval.make_v25 import _other_fences

    page = tmp_path / "docs" / "source" / "includes" / "_contacts.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "# Contacts\n\n```go\nContent-Type: application/vnd.contact-v1+json\n\n"
        '{"firstName": "John"}\n```\n\n```xml\n<a>1</a>\n```\n\n'
        '```shell\ncurl https://example.com\n```\n\n```shell\n{"name": "Pepe"}\n```\n\n'
        '```language-javascript\n[{"id": 1}]\n```\n',
        encoding="utf-8",
    )
    assert list(_other_fences("docs")(tmp_path)) == [
        ("contacts", {"firstName": "John"}),
        ("contacts", {"name": "Pepe"}),
        ("contacts", [{"id": 1}]),
    ]


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v25 import REAL_PEOPLE, marks

    text = (DATA / "v25" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v25

    source = Path(make_v25.__file__).read_text(encoding="utf-8").lower()
    assert not make_v25.marks(source) & frozenset().union(*make_v25.REAL_PEOPLE.values())


class TestV25Data(ConventionChecks):
    name = "v25"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    #: Fewer labels than the 800 asked (613: the real sources found in the time had fewer
    #: personal fields once the documents holding real people's data were left out; the README
    #: says so).
    min_labels = 610
    min_publishers = 20
    sealed = False  # scored once sealed; its dev half read since (its test half never)
