"""The v29 evaluation data (detector/eval/data/v29): API documentation examples of publishers v1
to v27 did not use (fleet telematics and GPS tracking, pet health records, insurance and risk,
public services' open data, municipal services and flood reports, an ISP's router, TV
subscriptions, subscription billing, marketing automation, e-mail marketing, sales outreach,
surveys and feedback, local marketing, crowdfunding, smart buildings and IoT, crypto payments,
race wagering), labelled by v29's own rules (`make_v29_rules`: v27's rules with v29's key words
layered on top) under the one convention of the data README, plus hand decisions. Format,
coverage, the convention (no label on a leaf without data), the rules, the split, that the
error lister refuses v29 whole, its dev half and its test half (it is sealed) and that
``make_v29`` rewrites the committed file from the cached sources."""

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
    "v29allphins/": "allphins",
    "v29apollo/": "v29apollo",  # Apollo.io (the word alone is generic)
    "v29bboxrouter/": "bboxrouter",  # the Bbox router's API client (Bouygues Telecom's box)
    "v29blast/": "v29blast",  # Blast (the word alone is generic)
    "v29brightlocal/": "brightlocal",
    "v29checkbox/": "v29checkbox",  # Checkbox Survey (Prezza Technologies; a generic word)
    "v29cognicity/": "cognicity",  # CogniCity (Urban Risk Map, PetaBencana)
    "v29connctd/": "connctd",
    "v29contactdynamix/": "contactdynamix",
    "v29convertkit/": "convertkit",
    "v29copo/": "v29copo",  # Coposition (Early Market; the letters alone are generic)
    "v29derby/": "v29derby",  # DerbyGames (the word is in other sets' "orderby")
    "v29igloo/": "v29igloo",  # Igloo (insurance; the word alone is generic)
    "v29lamah/": "lamah",  # Lamah's Municipality Dashboard
    "v29mailnode/": "mailnode",
    "v29navixy/": "navixy",  # Navixy (SquareGPS)
    "v29nextplease/": "nextplease",
    "v29ohana/": "v29ohana",  # the Ohana API (Code for America)
    "v29onramp/": "v29onramp",  # ON/RAMP (Coinweb; the word alone is generic)
    "v29openchirp/": "openchirp",
    "v29paket/": "v29paket",  # Paket (TV subscriptions)
    "v29paketdocs/": "v29paketdocs",  # Paket's second repository
    "v29patreon/": "patreon",
    "v29pawprint/": "pawprint",
    "v29quantum/": "v29quantum",  # Socialmetrix Quantum (the word alone is generic)
    "v29questionr/": "questionr",
    "v29rfds/": "v29rfds",  # RFDS (Royal Flying Doctor Service)
    "v29salesseek/": "salesseek",
    "v29segmetrics/": "segmetrics",
    "v29siera/": "v29siera",  # Evora Global's SIERA
    "v29squadrun/": "squadrun",
    "v29surco/": "v29surco",  # Surco Seguros
    "v29wcsubs/": "v29wcsubs",  # WooCommerce Subscriptions (Automattic)
    "v29woo/": "v29woo",  # WooCommerce (Automattic; the publisher of the subscriptions above)
    "v29wufoo/": "wufoo",
}
#: Source prefixes of one publisher's other repositories → the publisher's.
PUBLISHER = {"v29paketdocs": "v29paket", "v29woo": "v29wcsubs"}
#: Labels per type at least: 5 where the real sources have that many; for the types they lack,
#: the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 5) | {
    "credit_card": 4,
    "gender": 2,
    "mac_address": 1,
    "iban": 0,
    "bank_account": 0,
    "us_ssn": 0,
    "national_id": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "jwt": 0,
}
#: Labels the hand decisions change (``make_v29`` prints it; the README states it).
HAND_CHANGES = 140


def test_rules_leave_a_pets_name_birth_date_and_sex_unlabelled() -> None:
    from detector.eval.make_v29 import rule_labels

    pet = {"name": "Milo", "birthdate": "2018-02-16", "gender": "m", "species": "dog"}
    assert rule_labels({"pet": pet, "pets": [pet]}) == set()
    owner = {"first_name": "John", "last_name": "Smith", "birthdate": "1990-01-01"}
    assert rule_labels({"user": owner}) == {
        ("$.user.first_name", "person_name"),
        ("$.user.last_name", "person_name"),
        ("$.user.birthdate", "date_of_birth"),
    }


def test_phone_passphrase_and_coordinate_keys() -> None:
    one = functools.partial(rule_types, "make_v29")

    assert one("caller_id", "491761234543") == {"phone"}
    assert one("sms_phones", ["79221234567", "79227654321"]) == {"phone"}
    assert one("passphrase", "nice password") == {"password"}
    assert one("fogged_lat", "51.60333") == {"geo_location"}
    assert one("output_lng", "-0.513069") == {"geo_location"}
    assert one("fogged_lat", "123.5") == set()  # beyond a latitude's bounds
    from detector.eval.make_v29 import rule_labels

    contact = {"phoneNumber": {"rawNumber": "+14435401295"}}
    assert rule_labels(contact) == {("$.phoneNumber.rawNumber", "phone")}
    assert rule_labels({"order": {"rawNumber": "INV-2022-12"}}) == set()


def test_rules_leave_leaves_without_data_unlabelled() -> None:
    from detector.eval.make_v29 import rule_labels

    for empty in ("", "   ", None, True, False):
        body = {"caller_id": empty, "passphrase": empty, "fogged_lat": empty}
        assert rule_labels(body) == set()


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v29 import REAL_PEOPLE, marks

    text = (DATA / "v29" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v29

    source = Path(make_v29.__file__).read_text(encoding="utf-8").lower()
    assert not make_v29.marks(source) & frozenset().union(*make_v29.REAL_PEOPLE.values())


class TestV29Data(ConventionChecks):
    name = "v29"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 33
    sealed = False  # scored once sealed; its dev half read since (its test half never)

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        # v28 was made beside v29, apart from it: its file is checked once it is merged in
        later = (f"v{i}/real.jsonl" for i in range(3, 29))
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        present = [name for name in earlier if (DATA / name).is_file()]
        assert len(present) >= len(earlier) - 1
        check_providers_are_new(DATA, present, self.providers, by_prefix=True)
