"""The v10 evaluation data (detector/eval/data/v10): SDK fixtures, recorded traffic, mock data
and API-description examples of publishers that v1 to v9 did not use, labelled by rules plus
hand decisions. Format, coverage, the labelling rules, the split, and that ``make_v10``
rewrites the committed file from the cached sources. v10 was sealed for its scorings (session
11); since then v10dev is tuned on and v10test is scored as tables only."""

from __future__ import annotations

import pytest

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import RealSetChecks

#: Family prefix → a string naming the provider, checked against the families of v1 to v9.
PROVIDERS = {
    "v10bamboohr/": "bamboohr",
    "v10bmw/": "bmw",
    "v10bods/": "bods",  # Open Ownership's Beneficial Ownership Data Standard
    "v10cdr/": "cdr",  # Australia's Consumer Data Right
    "v10efi/": "efipay",  # Efí Bank, formerly Gerencianet ("efi" alone is in "beneficial")
    "v10facturapi/": "facturapi",
    "v10fhircore/": "fhircore",  # OpenSRP's FHIR Core
    "v10ksef/": "ksef",  # the Polish Ministry of Finance's e-invoicing system
    "v10mojaloop/": "mojaloop",
    "v10myinfo/": "myinfo",  # Singapore's GovTech
    "v10nav/": "nav",  # the Norwegian Labour and Welfare Administration
    "v10navmodia/": "modia",  # Nav's case-worker person overview
    "v10onfido/": "onfido",
    "v10opensrp/": "opensrp",
    "v10renault/": "renault",
    "v10smartthings/": "smartthings",
    "v10uhi/": "uhi",  # India's Unified Health Interface (ABDM)
    "v10upcloud/": "upcloud",
    "v10upcloudgo/": "upcloudgo",
}
#: Repositories of one publisher (the rest are one publisher each).
PUBLISHER = {"v10upcloudgo": "v10upcloud", "v10navmodia": "v10nav", "v10fhircore": "v10opensrp"}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "iban": 9,
    "jwt": 4,
    "passport_number": 1,
    "credit_card": 0,
    "drivers_license": 0,
    "us_ssn": 0,
}
#: Labels the hand decisions change (``make_v10`` prints it; the README states it).
HAND_CHANGES = 121


def test_rules_read_keys_pairs_and_values_and_drop_stand_ins() -> None:
    pytest.importorskip("stdnum")
    from detector.eval.make_v10 import rule_label

    assert rule_label(["hentPerson", "navn"], "fornavn", "KARI", {}) == "person_name"
    assert rule_label(["hentPerson"], "foedselsdato", "1972-10-11", {}) == "date_of_birth"
    assert rule_label(["person"], "fnr", "33333333333", {}) is None  # fails the check
    assert rule_label(["subject"], "pesel", "15062788702", {}) == "national_id"
    assert rule_label(["seller"], "nip", "7762811692", {}) == "tax_id"
    assert rule_label(["seller"], "nip", "7762811693", {}) is None  # check digit fails
    nip_pair = {"type": "Nip", "value": "5265877635"}
    assert rule_label(["contextIdentifier"], "value", "5265877635", nip_pair) == "tax_id"
    pesel_pair = {"type": "Pesel", "value": "15062788702"}
    assert rule_label(["authorIdentifier"], "value", "15062788702", pesel_pair) == "national_id"
    assert rule_label([], "tax_id", "MIC920101HN7", {}) == "tax_id"  # an RFC
    assert rule_label([], "CURP", "PELJ010101HDFRPN09", {}) is None  # check fails
    assert rule_label(["customer"], "nombreAlumno", "Juan Perez Lopez", {}) == "person_name"
    field = {"name": "FWHOHFNAME", "value": "karim mia", "source": "household.FWHOHFNAME"}
    assert rule_label(["fields"], "value", "karim mia", field) == "person_name"
    gps = {"name": "FWNHHHGPS", "value": "23.7984 90.4019 0 25", "source": "household.GPS"}
    assert rule_label(["fields"], "value", "23.7984 90.4019 0 25", gps) == "geo_location"
    item = {"value": "TAN XIAO HUI", "source": "1", "lastupdated": "2019-03-26"}
    assert rule_label(["person", "name"], "value", "TAN XIAO HUI", item) == "person_name"
    assert rule_label(["person", "uinfin"], "value", "S9812381D", {"value": 1}) == "national_id"
    assert rule_label(["person"], "health_id", "61-8787-9274-4422", {}) == "national_id"
    assert rule_label(["agent"], "id", "ganeshborse@hpr.ndhm", {}) == "username"
    assert rule_label(["tags"], "hfr_id", "clinic@hfr.ndhm", {}) is None
    uri = "postgres://upadmin:AVNS_Uo9BQxkjujUr8hMx6Yb@db.example.com:11550/defaultdb"
    assert rule_label([], "service_uri", uri, {}) == "secret_key"
    assert rule_label([], "oauthClientSecret", "05a49aac-55d6-4092-96bf-7ca6ca3666d3", {}) == (
        "secret_key"
    )
    assert rule_label(["geoCode"], "latitude", "+45.4215", {}) == "geo_location"
    assert rule_label(["contaBanco"], "conta", "654984", {}) == "bank_account"
    assert rule_label(["pagador"], "chave", "19974764017", {}) == "national_id"  # a CPF
    assert rule_label(["devedor"], "documento", "12345678909", {}) is None  # counting digits
    assert rule_label(["location", "address"], "formatted", "Am Olympiapark 1, 80809 München", {})


class TestV10Data(RealSetChecks):
    name = "v10"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "b6bf7080089bfc1d30e72bef17508648e54257f946ced826a2e24a6a590d54cc"
    per_family = 17
    per_source = 50
    most_negatives = 10
    sealed = False
