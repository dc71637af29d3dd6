"""The v15 evaluation data (detector/eval/data/v15): recorded API traffic (VCR cassettes) and
client test fixtures of publishers that v1 to v13 did not use, labelled by rules plus hand
decisions. Format, coverage, the labelling rules, the split, and that ``make_v15`` rewrites the
committed file from the cached sources. v15 was sealed for its scoring (session 13); since
then v15dev is read and v15test is scored as tables only."""

from __future__ import annotations

import functools

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, RealSetChecks, check_providers_are_new, rule_types

#: Family prefix → a string naming the provider, checked against the families of the earlier sets.
PROVIDERS = {
    "v15artsy/": "artsy",
    "v15cirro/": "cirro",  # Test IO's crowd-work platform
    "v15clientsuccess/": "clientsuccess",
    "v15cloudlayer/": "cloudlayer",
    "v15constantcontact/": "constantcontact",
    "v15contactually/": "contactually",
    "v15desk/": "deskcom",  # Desk.com
    "v15digicert/": "digicert",
    "v15electio/": "electio",  # Sorted's Electio
    "v15expedia/": "expedia",  # Expedia Partner Solutions Rapid
    "v15fareharbor/": "fareharbor",
    "v15fintoc/": "fintoc",
    "v15gauges/": "gauges",
    "v15mailerlite/": "mailerlite",
    "v15postmates/": "postmates",
    "v15prestashop/": "prestashop",
    "v15promoter/": "promoter",  # Promoter.io
    "v15quaderno/": "quaderno",
    "v15scaleway/": "scaleway",
    "v15spark/": "sparkapi",  # FBS's flexmls Spark API
    "v15surveygizmo/": "surveygizmo",
    "v15unfuddle/": "unfuddle",
    "v15weebly/": "weebly",
    "v15whatconverts/": "whatconverts",
    "v15xendit/": "xendit",
    "v15zip/": "zipmoney",
}
#: Labels per type at least: 10 where the real sources have that many; for the types they
#: lack, the count they had when the set was made (0: no source had one).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 10) | {
    "date_of_birth": 2,
    "gender": 2,
    "national_id": 4,
    "password": 5,
    "credit_card": 0,
    "iban": 0,
    "us_ssn": 0,
    "passport_number": 0,
    "drivers_license": 0,
    "jwt": 0,
}
#: Labels the hand decisions change (``make_v15`` prints it; the README states it).
HAND_CHANGES = 117


def test_rules_read_chilean_ruts_and_mexican_rfcs_under_holder_ids() -> None:
    one = functools.partial(rule_types, "make_v15")

    assert one("holder_id", "404276727") == {"national_id"}  # a person's RUT (below 50 million)
    assert one("holder_id", "782592211", holder_type="business") == {"tax_id"}  # a company's
    assert one("holder_id", "404276728") == set()  # check digit fails
    assert one("holder_id", "111111111") == set()  # repeated digits
    assert one("holder_id", "LFHU290523OG0") == {"tax_id"}  # an RFC
    assert one("holder_id", "JNDD471123XJ4") == set()  # its check digit fails
    assert one("email", "jane.doe@example.com") == {"email"}  # v12's rules still decide


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v15 import REAL_PEOPLE

    text = (DATA / "v15" / "real.jsonl").read_text(encoding="utf-8").lower()
    for marks in REAL_PEOPLE.values():
        for mark in marks:
            assert mark not in text, mark


class TestV15Data(RealSetChecks):
    name = "v15"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    #: split.json as drawn before the relabelling by the one convention (session 15)
    split_sha256 = "04b5f2bff26b38fea0da21a8a2e799ff82a80caa252adaf0592c8393f88cb7f2"
    per_family = 13
    per_source = 100
    sealed = False

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        """As the shared check, over the earlier sets this branch has (v14 was made at the same
        time; once merged, its file is read too)."""
        later = (f"v{i}/real.jsonl" for i in range(3, 15) if (DATA / f"v{i}").is_dir())
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        check_providers_are_new(DATA, earlier, self.providers, by_prefix=True)
