"""The v31 evaluation data (detector/eval/data/v31): API documentation examples of publishers v1
to v29 did not use (pharmacy benefits, radiology referrals, care management, medication
adherence, couriers and parcel shipping, order fulfilment, school administration, air travel
assistance, travel and hotel bookings, car dealers, CRM, invoicing, tokenized payment data),
labelled by v31's own rules (`make_v31_rules`: v29's rules) under the one convention of the data
README, plus hand decisions. Format, coverage, the convention (no label on a leaf without data),
the split, that the error lister refuses v31 whole, its dev half and its test half (it is sealed)
and that ``make_v31`` rewrites the committed file from the cached sources."""

from __future__ import annotations

from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, check_providers_are_new

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v31airjob/": "v31airjob",
    "v31ajaysridharan/": "v31ajaysridharan",
    "v31alheka/": "v31alheka",
    "v31amolbrid/": "v31amolbrid",
    "v31andregarivay/": "v31andregarivay",
    "v31andyyluo/": "v31andyyluo",
    "v31aruxsoftware/": "v31aruxsoftware",
    "v31autoids/": "v31autoids",
    "v31b2connectsvedh/": "v31b2connectsvedh",
    "v31basistheory/": "v31basistheory",
    "v31bauxy/": "v31bauxy",
    "v31bjuretic/": "v31bjuretic",
    "v31bookwhen/": "v31bookwhen",
    "v31bvinsite/": "v31bvinsite",
    "v31ccquadx/": "v31ccquadx",
    "v31cultivatehfc/": "v31cultivatehfc",
    "v31dbs/": "v31dbs",
    "v31dionno/": "v31dionno",
    "v31dringorepo/": "v31dringorepo",
    "v31easyparcel/": "v31easyparcel",
    "v31engagio/": "v31engagio",
    "v31esbeee/": "v31esbeee",
    "v31fossa/": "v31fossa",
    "v31freaky3/": "v31freaky3",
    "v31gametize/": "v31gametize",
    "v31gravitant/": "v31gravitant",
    "v31hashtagbe/": "v31hashtagbe",
    "v31hng/": "v31hng",
    "v31inquicker/": "v31inquicker",
    "v31instalocate/": "v31instalocate",
    "v31inxite/": "v31inxite",
    "v31jalagrange/": "v31jalagrange",
    "v31jellytelly/": "v31jellytelly",
    "v31jessethebuilde/": "v31jessethebuilde",
    "v31jinnial/": "v31jinnial",
    "v31jocoonopa/": "v31jocoonopa",
    "v31joshuajfogg/": "v31joshuajfogg",
    "v31karma/": "v31karma",
    "v31kdadler/": "v31kdadler",
    "v31keenancandide/": "v31keenancandide",
    "v31llzw/": "v31llzw",
    "v31mahsacharandab/": "v31mahsacharandab",
    "v31merchantsbondi/": "v31merchantsbondi",
    "v31mevia/": "v31mevia",
    "v31miora/": "v31miora",
    "v31namespaceee/": "v31namespaceee",
    "v31newedgesolutio/": "v31newedgesolutio",
    "v31newsletter2go/": "v31newsletter2go",
    "v31notihub/": "v31notihub",
    "v31optimalbits/": "v31optimalbits",
    "v31pabloco/": "v31pabloco",
    "v31pulse/": "v31pulse",
    "v31raviteq/": "v31raviteq",
    "v31robwittman/": "v31robwittman",
    "v31rotorvideos/": "v31rotorvideos",
    "v31sengabplatform/": "v31sengabplatform",
    "v31sergej2705/": "v31sergej2705",
    "v31shevonj/": "v31shevonj",
    "v31simplyprint/": "v31simplyprint",
    "v31solon/": "v31solon",
    "v31sparkweb/": "v31sparkweb",
    "v31stroll/": "v31stroll",
    "v31talkpal/": "v31talkpal",
    "v31teezily/": "v31teezily",
    "v31tloger/": "v31tloger",
    "v31tomyuetw/": "v31tomyuetw",
    "v31transitlab/": "v31transitlab",
    "v31valiant/": "v31valiant",
    "v31vega/": "v31vega",
    "v31verisolutions/": "v31verisolutions",
    "v31wangzheng47166/": "v31wangzheng47166",
    "v31webstreak/": "v31webstreak",
    "v31white/": "v31white",
    "v31withme/": "v31withme",
    "v31wosigor/": "v31wosigor",
    "v31yigit/": "v31yigit",
    "v31zinc/": "v31zinc",
}
#: Labels per type at least: the count each type had when the set was made (0: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 5) | {
    "bank_account": 4,
    "ip_address": 3,
    "us_ssn": 1,
    "national_id": 1,
    "iban": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "jwt": 0,
    "mac_address": 0,
}
#: Labels the hand decisions change (``make_v31`` prints it; the README states it).
HAND_CHANGES = 138


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v31 import REAL_PEOPLE, marks

    text = (DATA / "v31" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v31

    source = Path(make_v31.__file__).read_text(encoding="utf-8").lower()
    assert not make_v31.marks(source) & frozenset().union(*make_v31.REAL_PEOPLE.values())


class TestV31Data(ConventionChecks):
    name = "v31"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 77
    min_documents = 600
    min_families = 400
    sealed = False  # scored once in session 20, as tables; its dev half read since

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        # v30 was made beside v31, apart from it: its file is checked once it is merged in
        later = (f"v{i}/real.jsonl" for i in range(3, 30))
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        present = [name for name in earlier if (DATA / name).is_file()]
        assert len(present) >= len(earlier) - 1
        check_providers_are_new(DATA, present, self.providers, by_prefix=True)
