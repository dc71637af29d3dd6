"""The v11 evaluation data (detector/eval/data/v11): SDK fixtures, recorded traffic, example data
and mock responses of publishers that v1 to v10 did not use, labelled by rules plus hand
decisions. Format, coverage, the labelling rules, the split, and that ``make_v11`` rewrites the
committed file from the cached sources. v11 was sealed for its scorings (session 11); since then
v11dev is tuned on and v11test is scored as tables only."""

from __future__ import annotations

import pytest

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import RealSetChecks

#: Family prefix → a string naming the provider, checked against the families of v1 to v10.
PROVIDERS = {
    "v11bcgov/": "bcgov",  # the Province of British Columbia's business registry
    "v11care/": "ohcnetwork",  # the Open Healthcare Network's CARE ("care" is in "careplan")
    "v11cuenca/": "cuenca",
    "v11mati/": "metamap",  # Mati, now MetaMap ("mati" is in "automatic")
    "v11midtrans/": "midtrans",
    "v11overkiz/": "overkiz",
    "v11simplisafe/": "simplisafe",
    "v11smsapi/": "smsapi",
    "v11sundsvall/": "sundsvall",  # Sundsvall municipality, Sweden
    "v11tenable/": "tenable",
    "v11tile/": "pytile",
    "v11unzer/": "unzer",
    "v11vicare/": "vicare",  # Viessmann ViCare
}
#: Repositories of one publisher (the rest are one publisher each): Cuenca wrote the Mati client,
#: one author wrote the SimpliSafe and Tile clients.
PUBLISHER = {"v11mati": "v11cuenca", "v11tile": "v11simplisafe"}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "credit_card": 4,
    "mac_address": 4,
    "tax_id": 6,
    "iban": 0,
    "password": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "us_ssn": 0,
}
#: Labels the hand decisions change (``make_v11`` prints it; the README states it).
HAND_CHANGES = 101


def test_rules_read_keys_and_values_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v11 import rule_label

    assert rule_label([], "curp", "LOHJ660606HDFPRS02", {}) == "national_id"
    assert rule_label([], "validated_curp", "LOHJ660606HDFPRS02", {}) == "national_id"
    assert rule_label([], "curp", "LOHJ660606HDFPRS03", {}) is None  # check digit fails
    assert rule_label([], "rfc", "MOOG960621GJ1", {}) == "tax_id"
    assert rule_label([], "clabe", "646180157089988558", {}) == "bank_account"
    assert rule_label([], "clabe", "000000000000000000", {}) is None  # zeros alone: no data
    assert rule_label([], "names", "José Ramón", {}) == "person_name"
    assert rule_label(["persons"], "primer_apellido", "Friedrich", {}) == "person_name"
    assert rule_label(["officer"], "middleInitial", "P", {}) == "person_name"
    assert rule_label([], "adAccount", "KalleAnka", {}) == "username"
    assert rule_label(["fields"], "year_of_birth", "2005", {}) == "date_of_birth"
    assert rule_label([], "phone_number", "+525555555555", {}) == "phone"  # a 555 phone's shape
    assert rule_label([], "phone_number", "000-000-0000", {}) is None  # zeros alone: no data
    assert rule_label([], "phone_number", "+525529372492", {}) == "phone"
    django = "argon2$argon2i$v=19$m=512,t=2,p=2$Tjk2THBOVnZqbW9O$Q1PFLkEcY"
    assert rule_label(["fields"], "password", django, {}) == "secret_key"  # a hash (as v7)
    assert rule_label(["fields"], "username", "dummydoctor1", {}) == "username"


class TestV11Data(RealSetChecks):
    name = "v11"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "3fc1d12ab1dd9e7de124651d7d69acc6e25bb833e98b8b056dcf65de953d6e0b"
    per_family = 13
    per_source = 80
    most_negatives = 10
    #: 20 % held when the set was made; relabelling the shaped stand-ins (session 15) gave
    #: care's dummy staff and patterned phones back their labels (24.4 %).
    max_publisher_share = 0.25
    sealed = False
