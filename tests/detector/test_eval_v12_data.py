"""The v12 evaluation data (detector/eval/data/v12): SDK fixtures, test resources, form examples
and documentation examples of publishers that v1 to v11 did not use, labelled by rules plus hand
decisions. Format, coverage, the labelling rules, the split, and that ``make_v12`` rewrites the
committed file from the cached sources. v12 was sealed for its scorings (session 12); since then
v12dev is tuned on and v12test is scored as tables only."""

from __future__ import annotations

import functools

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import RealSetChecks, rule_types

#: Family prefix → a string naming the provider, checked against the families of v1 to v11.
PROVIDERS = {
    "v12backlog/": "backlog",  # Nulab's Backlog
    "v12divoc/": "divoc",
    "v12fakturoid/": "fakturoid",
    "v12gios/": "gios",  # Poland's Chief Inspectorate of Environmental Protection
    "v12greenhouse/": "greenhouse",
    "v12healthcards/": "healthcards",  # SMART Health Cards
    "v12librelinkup/": "librelink",
    "v12mobileid/": "mobileid",  # SK ID Solutions' Mobile-ID
    "v12n26/": "n26",
    "v12nubank/": "nubank",
    "v12omh/": "mhealth",  # Open mHealth
    "v12prison/": "prison",  # the UK Ministry of Justice's prison API
    "v12reportstream/": "reportstream",  # the CDC's ReportStream
    "v12skoda/": "skoda",
    "v12smartid/": "smartid",  # SK ID Solutions' Smart-ID
    "v12toyota/": "toyota",
    "v12va/": "veteran",  # the US Department of Veterans Affairs
    "v12wled/": "wled",
}
#: Repositories of one publisher (the rest are one publisher each): SK ID Solutions wrote the
#: Smart-ID and Mobile-ID clients.
PUBLISHER = {"v12mobileid": "v12smartid"}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one), raised where the
#: relabelling by the one convention (session 15) added labels.
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "iban": 2,
    "ip_address": 3,
    "jwt": 4,
    "secret_key": 8,
    "drivers_license": 1,
    "us_ssn": 9,
    "mac_address": 2,
    "credit_card": 0,
    "password": 0,
    "passport_number": 0,
    "tax_id": 0,
    "bank_account": 2,
}
#: Labels the hand decisions change (``make_v12`` prints it; the README states it).
HAND_CHANGES = 131


def test_rules_read_keys_and_values_and_drop_stand_ins() -> None:
    one = functools.partial(rule_types, "make_v12")

    assert one("documentNumber", "PNOEE-40504040001-MOCK-Q") == {"national_id"}
    assert one("documentNumber", "PNOEE-40504040002-MOCK-Q") == set()  # check digit fails
    assert one("ssnOrTin", "789787893") == {"us_ssn"}
    assert one("ssnOrTin", "123456789") == {"us_ssn"}  # counting digits: an SSN (the convention)
    assert one("ssnOrTin", "666123456") == set()  # never issued
    assert one("userId", "test_admin") == {"username"}
    assert one("userId", "1234") == set()  # a numeric id
    assert one("nationalIdentityNumber", "60001019906") == {"national_id"}
    assert one("nationalIdentityNumber", "60001019907") == set()  # check digit fails


class TestV12Data(RealSetChecks):
    name = "v12"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "f74f6f48d162666ec7398245cc1d39b0ebcbf812a39af2a48afb71682c2c2b81"
    per_family = 13
    per_source = 76
    most_negatives = 12
    sealed = False
