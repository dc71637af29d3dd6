"""The v13 evaluation data (detector/eval/data/v13): SDK and client test fixtures and API
documentation examples of publishers that v1 to v12 did not use, labelled by rules plus hand
decisions. Format, coverage, the labelling rules, the split, and that ``make_v13`` rewrites the
committed file from the cached sources. v13 was sealed for its scorings (session 12); since
session 13 v13dev is training data for the key model (`detector.real_rows`) and v13test is scored
as tables only."""

from __future__ import annotations

import functools

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import RealSetChecks, rule_types

#: Family prefix → a string naming the provider, checked against the families of v1 to v12.
PROVIDERS = {
    "v13arrow/": "arrowpayments",
    "v13automower/": "automower",  # Husqvarna
    "v13beddit/": "beddit",
    "v13besepa/": "besepa",
    "v13billogram/": "billogram",
    "v13billwerk/": "billwerk",
    "v13bsblan/": "bsblan",
    "v13canvas/": "canvasapi",  # Instructure's Canvas LMS
    "v13chappointments/": "chappointments",  # Companies House
    "v13chargepoint/": "chargepoint",
    "v13choverseas/": "choverseas",  # Companies House
    "v13chprofile/": "chprofile",  # Companies House
    "v13chpsc/": "chpsc",  # Companies House
    "v13colorme/": "colorme",  # GMO Pepabo's Color Me Shop
    "v13commercetools/": "commercetools",
    "v13curdbee/": "curdbee",
    "v13ecwid/": "ecwid",
    "v13fastbill/": "fastbill",
    "v13frank/": "frankenergie",
    "v13harvest/": "harvestapp",
    "v13hyundai/": "hyundai",
    "v13kounta/": "kounta",
    "v13lago/": "lago",
    "v13mealie/": "mealie",
    "v13octopus/": "octopus",
    "v13pagarme/": "pagarme",
    "v13skybell/": "skybell",
    "v13solidus/": "solidus",
    "v13soracom/": "soracom",
    "v13spree/": "spree",
    "v13stellar/": "stellar",
    "v13teamwork/": "teamwork",
    "v13veeqo/": "veeqo",
    "v13vend/": "vendhq",
    "v13wotc/": "wotc",
    "v13yalexs/": "yalexs",  # August and Yale locks
}
#: Repositories of one publisher (the rest are one publisher each): Companies House wrote the
#: appointments, PSC, overseas-entities and company-profile APIs.
PUBLISHER = {
    "v13chpsc": "v13chappointments",
    "v13choverseas": "v13chappointments",
    "v13chprofile": "v13chappointments",
}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "bank_account": 6,
    "credit_card": 3,
    "iban": 5,
    "ip_address": 6,
    "jwt": 9,
    "mac_address": 6,
    "national_id": 1,
    "password": 2,
    "tax_id": 3,
    "username": 5,
    "us_ssn": 0,
    "drivers_license": 0,
    "passport_number": 0,
}
#: Labels the hand decisions change (``make_v13`` prints it; the README states it).
HAND_CHANGES = 238


def test_rules_label_keys_and_drop_stand_ins() -> None:
    one = functools.partial(rule_types, "make_v13")

    assert one("email", "jane.doe@example.com") == {"email"}
    assert one("iban", "ES7620770024003102575766") == {"iban"}
    assert one("iban", "ES7620770024003102575767") == set()  # check digits fail
    assert one("nationality", "British") == set()


class TestV13Data(RealSetChecks):
    name = "v13"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "efef253b90e3160a307f8116034b9da461220c35889cbd4dc53e16f4aae2356e"
    per_family = 13
    per_source = 76
    most_negatives = 12
    #: 20 % held when the set was made; relabelling the shaped stand-ins (session 15) gave
    #: commercetools' test persons, phones and streets back their labels (21.1 %).
    max_publisher_share = 0.22
    sealed = False
