"""The v16 evaluation data (detector/eval/data/v16): recorded API traffic, client and SDK test
fixtures and API reference examples of publishers that v1 to v15 did not use, labelled by v16's
own rules under the data README's one convention plus hand decisions. Format, coverage, the
convention (no label without data), the labelling rules, the split, that the error lister
refuses v16test and the whole set (v16 was sealed for its scoring in session 14; v16dev is read
since), and that ``make_v16`` rewrites the committed file from the cached sources."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, rule_types

#: Family prefix → a string naming the provider, checked against the families of the earlier sets.
PROVIDERS = {
    "v16aeries/": "aeries",  # Aeries student information system
    "v16athena/": "athena",  # athenahealth, through Eleanor Health's Go client
    "v16canvasmedical/": "canvasmedical",  # Canvas Medical (not Instructure's Canvas LMS)
    "v16clever/": "clever",
    "v16jumio/": "jumio",
    "v16kopokopo/": "kopokopo",
    "v16moyasar/": "moyasar",
    "v16nokia/": "nokia",  # Nokia Network as Code
    "v16pokitdok/": "pokitdok",
    "v16redox/": "redox",
    "v16smartrecruiters/": "smartrecruiters",
    "v16teamtailor/": "teamtailor",
    "v16tidepool/": "tidepool",
    "v16tsubaiso/": "tsubaiso",
}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "bank_account": 4,
    "drivers_license": 1,
    "tax_id": 2,
    "us_ssn": 9,
    "credit_card": 0,
    "iban": 0,
    "national_id": 0,
    "passport_number": 0,
    "jwt": 0,
    "mac_address": 0,
}
#: Labels the hand decisions change (``make_v16`` prints it; the README states it).
HAND_CHANGES = 34

one = functools.partial(rule_types, "make_v16")


def test_shaped_stand_ins_are_the_type() -> None:
    assert one("lastName", "Doe") == {"person_name"}
    assert one("surname", "Test") == {"person_name"}
    assert one("ssn", "555-55-5555") == {"us_ssn"}
    assert one("homePhone", "(123) 456-7890") == {"phone"}
    assert one("email", "jane@example.com") == {"email"}
    assert one("BirthYear", "1988") == {"date_of_birth"}


def test_values_without_data_or_shape_are_not() -> None:
    assert one("lastName", "") == set()
    assert one("lastName", None) == set()
    assert one("email", "<email>") == set()
    assert one("firstName", "string") == set()
    assert one("firstName", "Unknown") == set()
    assert one("phone", "0000000000") == set()  # zeros: a null written as digits
    assert one("latitude", 0) == set()
    assert one("access_token", "6strys*****") == set()  # masked
    assert one("subject_token", "eyJhbGciOiJ...") == set()  # cut short
    assert one("password", "password") == set()  # the key repeated


def test_logins_are_readable_and_system_ids_are_not() -> None:
    assert one("userid", "zhangsan") == {"username"}
    assert one("NetworkLoginID", "dario.abbott") == {"username"}
    assert one("regist_user_code", "yamakawa") == {"username"}
    assert one("userid", "4d94a5fb-642e-48f1-89b9-c6a3e6145342") == set()
    assert one("userid", "12345") == set()


def test_key_words_of_v16s_sources() -> None:
    assert one("staff_name", "山川 太郎") == {"person_name"}
    assert one("ParentGuardianName", "M/M A Abbott") == {"person_name"}
    assert one("insuredssn", "111223333") == {"us_ssn"}
    assert one("sexAtBirth", "F") == {"gender"}
    assert one("Pager", "7776235896") == {"phone"}
    assert one("publicAddress", "84.125.93.10") == {"ip_address"}  # a device's address
    assert one("StreetAddress", "4762 Hickory Street") == {"street_address"}
    assert one("access_key", "6stryskt2i2fmm7j8qyv429zf") == {"secret_key"}
    assert one("EmployerName", "Accelerator Labs") == set()
    assert one("tax_code", "1007") == set()


def test_context_decides_bare_keys() -> None:
    from detector.eval.make_v16 import rule_labels

    assert rule_labels({"PhoneNumber": {"Home": "+18088675301"}}) == {
        ("$.PhoneNumber.Home", "phone")
    }
    assert rule_labels({"name": {"first": "Steve", "last": "Ziemann"}}) == {
        ("$.name.first", "person_name"),
        ("$.name.last", "person_name"),
    }
    document = {"document": {"type": "DRIVING_LICENSE", "number": "1234567"}}
    assert rule_labels(document) == {("$.document.number", "drivers_license")}
    assert rule_labels({"account_number": "66665555"}) == set()  # no bank beside it
    assert rule_labels({"bank": {"account_number": "66665555"}}) == {
        ("$.bank.account_number", "bank_account")
    }


def test_wide_records_are_taken_in_parts() -> None:
    from detector.eval.make_v16 import CAPS, _parts

    record = {f"Field{i}": i for i in range(300)} | {"nested": [{"a": 1, "b": 2}]}
    parts = list(_parts(record))
    assert len(parts) > 1
    assert all(sum(1 for _ in _leaves(p)) <= CAPS.max_leaves for p in parts)
    assert {k for p in parts for k in p} == set(record)


def _leaves(body: Any) -> list[Any]:
    from detector.eval.real_sets import leaves

    return list(leaves(body))


def test_python_literals_are_read_from_test_code(tmp_path: Path) -> None:
    from detector.eval.make_v16 import _python_literals

    code = 'def test_x(m):\n    body = {"phoneNumber": "+3637123456", "n": [1, 2]}\n    f(x=[y])\n'
    (tmp_path / "nokia" / "tests").mkdir(parents=True)
    (tmp_path / "nokia" / "tests" / "test_x_mock.py").write_text(code, encoding="utf-8")
    found = list(_python_literals("nokia", lambda rel: rel)(tmp_path))
    assert found == [("tests/test_x_mock.py", {"phoneNumber": "+3637123456", "n": [1, 2]})]


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v16 import REAL_PEOPLE, marks_of

    text = (DATA / "v16" / "real.jsonl").read_text(encoding="utf-8")
    assert not marks_of(text) & REAL_PEOPLE
    # an e-mail address is one word, compared lower-cased
    digest = hashlib.sha256(b"someone@example.com").hexdigest()
    assert digest in marks_of("Write to Someone@Example.com.")  # (the final dot is not a word's)
    assert digest not in marks_of("Write to someone@example.org")


def test_every_hand_decision_names_its_reason_words() -> None:
    """Decisions that turn a label off say why in the convention's words where they apply."""
    overrides = json.loads((DATA / "v16" / "overrides.json").read_text(encoding="utf-8"))
    for one_decision in overrides["decisions"]:
        if one_decision["type"] == "none" and "shape" in one_decision["reason"]:
            assert one_decision["reason"].startswith("no shape"), one_decision


class TestV16Data(ConventionChecks):
    name = "v16"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13
    per_source = 60
    sealed = False  # scored sealed once in session 14; v16dev read since
