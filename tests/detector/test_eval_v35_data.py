"""The v35 evaluation data (detector/eval/data/v35): API documentation and standards examples of
publishers v1 to v33 did not use (credentials for agricultural activities, citizenship, permanent
residence, vaccination and steel mill test reports of the W3C Credentials Community Group, health
and safety on building sites, construction field management, a city's building records, Korean
public-housing listings, an Italian business-management system, bicycle trade and many small
APIs), labelled by v35's own rules (`make_v35_rules`: v33's rules) under the one convention of
the data README, plus hand decisions. Format, coverage, the convention (no label on a leaf
without data), the split, that the error lister refuses v35 whole and its test half (scored
once, its dev half read since) and that ``make_v35`` rewrites the committed file from the cached
sources."""

from __future__ import annotations

from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks, check_providers_are_new

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v35adamo/": "v35adamo",
    "v35affinity/": "v35affinity",
    "v35attensa/": "v35attensa",
    "v35beitostolen/": "v35beitostolen",
    "v35citizenship/": "v35citizenship",
    "v35cognation/": "v35cognation",
    "v35cube/": "v35cube",
    "v35fieldwire/": "v35fieldwire",
    "v35handshq/": "v35handshq",
    "v35letlife/": "v35letlife",
    "v35lovelyads/": "v35lovelyads",
    "v35nycbuildings/": "v35nycbuildings",
    "v35pagertree/": "v35pagertree",
    "v35pelias/": "v35pelias",
    "v35practitest/": "v35practitest",
    "v35prophet/": "v35prophet",
    "v35roundware/": "v35roundware",
    "v35salesforceiq/": "v35salesforceiq",
    "v35scinote/": "v35scinote",
    "v35swapay/": "v35swapay",
    "v35traceability/": "v35traceability",
    "v35twist/": "v35twist",
    "v35vaccination/": "v35vaccination",
    "v35vcexamples/": "v35vcexamples",
    "v35wallet/": "v35wallet",
    "v35workersurvey/": "v35workersurvey",
}
#: The W3C Credentials Community Group's other repositories count as one publisher with its
#: traceability vocabulary.
PUBLISHER = {
    "v35citizenship": "v35traceability",
    "v35vaccination": "v35traceability",
    "v35vcexamples": "v35traceability",
    "v35wallet": "v35traceability",
}
#: Labels per type at least: the count each type had when the set was made (0: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 0) | {
    "person_name": 138,
    "email": 111,
    "geo_location": 57,
    "phone": 30,
    "street_address": 23,
    "secret_key": 19,
    "date_of_birth": 7,
    "national_id": 6,
    "gender": 6,
    "password": 4,
    "username": 3,
    "credit_card": 3,
    "jwt": 1,
}
#: Labels the hand decisions change (``make_v35`` prints it; the README states it).
HAND_CHANGES = 79


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v35 import REAL_PEOPLE, marks

    text = (DATA / "v35" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v35

    source = Path(make_v35.__file__).read_text(encoding="utf-8").lower()
    assert not make_v35.marks(source) & frozenset().union(*make_v35.REAL_PEOPLE.values())


def test_the_rules_and_hand_decisions_give_the_kinds_the_convention_names() -> None:
    # personal numbers of identity documents and names the hand check added
    text = DATA.joinpath("v35", "real.jsonl").read_text(encoding="utf-8")
    for path, kind in (
        ("$.credentialSubject.employmentAuthorizationDocument.lprNumber", "national_id"),
        ("$.credentialSubject.certificateOfCitizenship.cisRegistrationNumber", "national_id"),
        ("$.credentialSubject.additionalName", "person_name"),
        ("$.firstAddressLine", "street_address"),
        ("$.contact_given_name", "person_name"),
    ):
        assert f'["{path}", "{kind}"]' in text, (path, kind)


class TestV35Data(ConventionChecks):
    name = "v35"
    providers = PROVIDERS
    publisher = PUBLISHER
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 22
    min_documents = 300
    min_families = 200
    min_labels = 400  # short of the 800 asked: see the data README's v35 section
    sealed = False  # scored once in session 21, as tables; its dev half read since

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        # v34 was made beside v35, apart from it: its file is checked once it is merged in
        later = (f"v{i}/real.jsonl" for i in range(3, 34))
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        present = [name for name in earlier if (DATA / name).is_file()]
        assert len(present) >= len(earlier) - 1
        check_providers_are_new(DATA, present, self.providers, by_prefix=True)
