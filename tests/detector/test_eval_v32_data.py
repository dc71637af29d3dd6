"""The v32 evaluation data (detector/eval/data/v32): API documentation examples of publishers v1
to v31 did not use (developer platforms and operations: e-mail sending and test inboxes, CI/CD and
continuous delivery, hosting and cloud management, mesh VPNs, DNS hosting and DNS firewalls, an
API gateway, credential managers, LoRaWAN and sensor device fleets, network sources of truth,
monitoring and threat intelligence, a self-hosted media server), labelled by v32's own rules
(`make_v32_rules`: v31's rules) under the one convention of the data README, plus hand decisions.
Format, coverage, the convention (no label on a leaf without data), the split, that the error
lister refuses v32 whole, its dev half and its test half (it is sealed) and that ``make_v32``
rewrites the committed file from the cached sources."""

from __future__ import annotations

from pathlib import Path

from detector.types import TYPE_IDS
from tests.detector.eval_data_checks import DATA, ConventionChecks

#: Family prefix → a string naming the provider, checked against the earlier sets' families.
PROVIDERS = {
    "v32apisix/": "v32apisix",
    "v32audiobookshelf/": "v32audiobookshelf",
    "v32balena/": "v32balena",
    "v32buildkite/": "v32buildkite",
    "v32cloud66/": "v32cloud66",
    "v32cloudca/": "v32cloudca",
    "v32credhub/": "v32credhub",
    "v32desec/": "v32desec",
    "v32dnsvault/": "v32dnsvault",
    "v32etintel/": "v32etintel",
    "v32fly/": "v32fly",
    "v32gocd/": "v32gocd",
    "v32healthchecks/": "v32healthchecks",
    "v32librato/": "v32librato",
    "v32mailsac/": "v32mailsac",
    "v32morpheus/": "v32morpheus",
    "v32nautobot/": "v32nautobot",
    "v32netbird/": "v32netbird",
    "v32rpzdb/": "v32rpzdb",
    "v32skeddly/": "v32skeddly",
    "v32slicer/": "v32slicer",
    "v32smartcitizen/": "v32smartcitizen",
    "v32sparkpost/": "v32sparkpost",
    "v32tailscale/": "v32tailscale",
    "v32thethings/": "v32thethings",
}
#: Labels per type at least: the count each type had when the set was made (0: none).
MIN_PER_TYPE = dict.fromkeys(TYPE_IDS, 0) | {
    "email": 229,
    "ip_address": 235,
    "username": 134,
    "person_name": 104,
    "secret_key": 56,
    "password": 42,
    "geo_location": 23,
    "mac_address": 3,
    "phone": 2,
    "jwt": 1,
}
#: Labels the hand decisions change (``make_v32`` prints it; the README states it).
HAND_CHANGES = 140


def test_documents_with_real_peoples_data_are_left_out() -> None:
    from detector.eval.make_v32 import REAL_PEOPLE, marks

    text = (DATA / "v32" / "real.jsonl").read_text(encoding="utf-8")
    found = marks(text)
    for digests in REAL_PEOPLE.values():
        assert not digests & found


def test_the_builder_names_no_real_person() -> None:
    from detector.eval import make_v32

    source = Path(make_v32.__file__).read_text(encoding="utf-8").lower()
    assert not make_v32.marks(source) & frozenset().union(*make_v32.REAL_PEOPLE.values())


class TestV32Data(ConventionChecks):
    name = "v32"
    providers = PROVIDERS
    min_per_type = MIN_PER_TYPE
    hand_changes = HAND_CHANGES
    per_family = 13  # 12 documents with rule labels and the first without
    per_source = 90  # 60 documents with rule labels and up to 30 negatives a source
    min_publishers = 25
    min_documents = 750
    min_families = 450
    sealed = False  # scored once in session 20, as tables; its dev half read since
