"""The v14 evaluation data (detector/eval/data/v14): SDK and client test fixtures, recorded
traffic, Postman suites and API documentation examples of publishers that v1 to v13 did not use,
labelled by rules plus hand decisions. Format, coverage, the labelling rules, the split, and that
``make_v14`` rewrites the committed file from the cached sources. v14 was sealed for its scoring
(session 13); since then v14dev is read and v14test is scored as tables only."""

from __future__ import annotations

import functools

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import RealSetChecks, rule_types

#: Family prefix → a string naming the provider, checked against the families of v1 to v13.
PROVIDERS = {
    "v14alma/": "exlibris",  # Ex Libris Alma, Temple University Libraries' client
    "v14breathe/": "breathe",
    "v14cddojos/": "cddojos",  # the CoderDojo Foundation
    "v14cdusers/": "cdusers",  # the CoderDojo Foundation
    "v14chatwork/": "chatwork",
    "v14discourse/": "discourse",
    "v14docusign/": "docusign",
    "v14edfi/": "edfiods",  # the Ed-Fi Alliance's ODS API
    "v14fhirkit/": "fhirkit",  # Vermonster's FHIR client
    "v14free5gc/": "free5gc",
    "v14groupme/": "groupme",
    "v14inferno/": "inferno",  # the US ONC's FHIR test tool
    "v14netology/": "netology",
    "v14odk/": "odk",  # ODK Central
    "v14plangrade/": "plangrade",
    "v14rakuten/": "rakuten",
    "v14resumator/": "resumator",  # now JazzHR
    "v14smileid/": "smileid",
    "v14uc4/": "uc4",  # Paderborn University's University Credits 4.0
    "v14validic/": "validic",
    "v14vodafone/": "vodafone",
    "v14wechat/": "wechatpy",  # WeChat (v8's Alertmanager holds a WeChat receiver's config)
    "v14workable/": "workable",
    "v14yoti/": "yoti",
}
#: Repositories of one publisher (the rest are one publisher each): the CoderDojo Foundation
#: wrote the users and the dojos services.
PUBLISHER = {"v14cddojos": "v14cdusers"}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "jwt": 4,
    "mac_address": 3,
    "password": 3,
    "us_ssn": 8,
    "bank_account": 0,
    "credit_card": 0,
    "drivers_license": 5,
    "iban": 0,
    "national_id": 0,
    "passport_number": 0,
    "tax_id": 0,
}
#: Labels the hand decisions change (``make_v14`` prints it; the README states it).
HAND_CHANGES = 161


def test_rules_label_own_keys_by_shape_and_drop_stand_ins() -> None:
    one = functools.partial(rule_types, "make_v14")

    assert one("lastSurname", "Mcpherson") == {"person_name"}
    assert one("streetNumberName", "9993 Space Blvd.") == {"street_address"}
    assert one("streetNumberName", "{{$randomStreetAddress}}") == set()  # a template
    assert one("handover_userid", "zhangsan") == {"username"}
    assert one("oper_userid", "woAJ2GCAAAd1asdasdjO4wKmE8AabjBBB") == set()  # an opaque id
    assert one("wifimac", "3c:46:d8:0c:7a:70") == {"mac_address"}
    assert one("tel_mobile", "ZZZ-ZZZZ-ZZZZ") == set()  # a masked stand-in
    assert one("tel_mobile", "0000000000") == set()  # zeros alone: no data
    assert one("tel_mobile", "5555555555") == {"phone"}  # repeated digits keep a phone's shape
    assert one("address2", "札幌市中央区北5条西6丁目1") == {"street_address"}
    assert one("address2", "Suite 5") != {"street_address"}  # a Latin line two: v12's rules


class TestV14Data(RealSetChecks):
    name = "v14"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "e91aca470abd72c15ea3a2ab4210765ba2a4fe14051c48f74b7315a965e34ac9"
    per_family = 12
    per_source = 60
    most_negatives = 12
    sealed = False
