"""Build ``data/v42/real.jsonl``: the mocked API bodies that public-service publishers not used
by v1 to v41 keep beside their services as stubs and canned responses (a WireMock stub's
response bodies, a mock API's resource files, an app's mock journal, the canned responses of
other services that a service's or a front end's tests read), released under permissive
licences: the Driver and Vehicle Standards Agency's driving-test examiners' journal and its
commercial vehicle testing services (the UK), the Office for National Statistics' business-survey
respondents' service, Canada's dental care plan (Employment and Social Development Canada), the
Department of Health and Social Care's Healthy Start vouchers (the UK), the City of Boston's
registry certificates and the City of Helsinki's excavation permits, labelled by the rules of
`make_v42_rules` and then by hand decisions (``data/v42/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v42 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v42`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data are left out: they are recognised by the SHA-256
digests of words they hold (``REAL_PEOPLE``), so that no name is written here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v17, make_v23, make_v41, real_sets
from detector.eval.make_v42_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v42")

SOURCES: dict[str, Source] = {
    "dvsa": Source(
        "dvsa/mes-mobile-app",
        "2b1327589df9ede2579f067592622ac3311f80a9",
        "MIT",
        ("mock/*.json", "src/providers/slot/__mocks__/*.json"),
        "the mock journal the examiners' app of the Driver and Vehicle Standards Agency's Mobile "
        "Examiner Services (driving tests, the UK) runs against and the journal slots its tests "
        "mock: test slots, candidates with their driver numbers, birth dates, addresses, "
        "telephones and e-mail addresses, driving schools, examiners' non-test activities",
    ),
    "dvsatech": Source(
        "dvsa/cvs-svc-technical-records",
        "a8d7280e5b7d2ac710ff240fac6c62be99fa0166",
        "MIT",
        ("tests/resources/*.json",),
        "the vehicles' technical records the Driver and Vehicle Standards Agency's Commercial "
        "Vehicle Services' technical records API serves from its local database in tests "
        "(lorries, buses and trailers: registration marks, VINs, weights, axles, brakes, "
        "applicants' and purchasers' details, adr details)",
    ),
    "dvsatests": Source(
        "dvsa/cvs-svc-test-results",
        "3535fc7ed3e1e58c34754769d325cf52ec72e8bd",
        "MIT",
        ("tests/resources/*.json",),
        "the vehicle test results the Driver and Vehicle Standards Agency's Commercial Vehicle "
        "Services' test results API serves from its local database in tests, and the events "
        "that ask for them (testers, test stations, test types, defects, certificates)",
    ),
    "dvsacert": Source(
        "dvsa/cvs-tsk-cert-gen",
        "76a4635cffcad74809d20a616088c07ed94972e8",
        "MIT",
        ("tests/resources/*.json",),
        "the canned responses of the Driver and Vehicle Standards Agency's Commercial Vehicle "
        "Services' technical records, test results, test stations, defects and trailer "
        "registration APIs and the queue events the certificate generation task's tests read "
        "(test stations with their addresses, e-mail addresses and telephones, testers, "
        "vehicles, applicants)",
    ),
    "ons": Source(
        "ONSdigital/ras-frontstage",
        "ce9d6f896335ebd730111c295659e434db6d8361",
        "MIT",
        ("tests/test_data/*.json", "tests/test_data/*/*.json", "tests/*.json"),
        "the canned responses of the Office for National Statistics' business-survey services "
        "(the respondents' site's party, case, collection exercise, survey, secure message "
        "and access code services, the UK: respondents with their e-mail addresses and "
        "telephones, businesses, cases, messages) that the respondents' site's tests mock",
    ),
    "cdcp": Source(
        "DTS-STN/canadian-dental-care-plan",
        "d06bec3db473d0dce2cf9a19c468b38e78b47ae8",
        "MIT (frontend/LICENSE.md)",
        (
            "frontend/app/.server/resources/power-platform/*.json",
            "frontend/app/.server/resources/cct/*.json",
        ),
        "the mock API's resource files of the Canadian Dental Care Plan's application site "
        "(Employment and Social Development Canada: applications with applicants, spouses and "
        "children, their birth dates, addresses, telephones and social insurance numbers, "
        "eligibility, letters, reference lists)",
    ),
    "boston": Source(
        "CityOfBoston/digital",
        "060831f7de260a8e4fe95f3e0eb34058246d6228",
        "CC0-1.0 (services-js/registry-certs/LICENSE.md)",
        (
            "services-js/registry-certs/fixtures/registry-data/*.json",
            "services-js/registry-certs/fixtures/registry-orders/*.json",
        ),
        "the registry database's responses the City of Boston's registry certificates service "
        "(ordering birth, death and marriage certificates) serves in development and its tests "
        "read: death record search results with decedents' names, certificate orders with the "
        "contact's, shipping and billing names, addresses, e-mail and telephone",
    ),
    "helsinki": Source(
        "City-of-Helsinki/haitaton-backend",
        "650d3ab01c91ab29013604ff25304581b6f7ff42",
        "MIT",
        (
            "services/hanke-service/src/test/resources/fi/hel/haitaton/hanke/application/*.json",
            "services/hanke-service/src/test/resources/fi/hel/haitaton/hanke/pdf-test-data/*.json",
        ),
        "the application data and project areas the tests of the City of Helsinki's Haitaton "
        "(permits for excavation work and cable reports, Finland) read: an application with its "
        "customers' and contractors' contacts, business ids, e-mail addresses and telephones, "
        "project areas with their work areas' geometries",
    ),
    "htbhf": Source(
        "DepartmentOfHealth-htbhf/htbhf-acceptance-tests",
        "1edfbab7c2b19704805961489d731cb37fb1525c",
        "MIT",
        ("src/test/resources/wiremock/mappings/*.json",),
        "the WireMock stubs' response bodies the acceptance tests of the Department of Health "
        "and Social Care's Healthy Start (food vouchers, the UK) serve: claim outcomes, "
        "eligibility and identity checks, postcode lookups of addresses",
    ),
}

#: Source prefixes of one publisher's other repositories → the publisher's (the data test's).
PUBLISHER = {"v42dvsatech": "v42dvsa", "v42dvsatests": "v42dvsa", "v42dvsacert": "v42dvsa"}

#: Documents whose rule labels sit on fewer than this share of their leaves are left out (v17's
#: to v41's selection takes 2 %): the stubs' vehicle records and survey cases carry a few personal
#: fields among hundreds of measurements and ids, and denser documents keep the set nearer the
#: brief's ratio of unlabelled to labelled leaves.
MIN_DENSITY = 0.03

#: Selection (`real_sets.Caps`, family prefix ``v42<source>/<family>``): as v17's to v41's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most
#: `NEGATIVE_FAMILIES` a source.
SOURCE_CAP: dict[str, int] = {"v42dvsacert": 16, "v42dvsatests": 8, "v42dvsatech": 6}
CAPS = real_sets.Caps("v42", per_source=60, source_cap=SOURCE_CAP, min_density=MIN_DENSITY)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a statistics office's staff member's work address and mobile number as a secure message's
    # recipient, and the sender's real-looking mobile number (by judgement, real)
    "ons": frozenset(
        {
            "b49dd7554429eafa4a43894dd403ef3ea52a61e8cdc41783a119ca05cd3c9cd0",
            "34a363385317e65102acee65f4e112e52dad3921c572c3119d2cafeb952d4fbb",
            "7306eec68a8e6618feaabd9b1690d0650d14cc7e92bdf553475edd3608132b91",
        }
    ),
    # the one record of the registry's death search results whose name is not a generated one
    # (a middle initial, an age of 000, an earlier date of death): by judgement a real decedent
    "boston": frozenset({"44ea7835db47ae4dfb0f5b27ca0ff733fda3673e5e60ef6fc5e609670f8b1037"}),
}


def _response_body(body: Any) -> Any:
    """The body of a canned API Gateway response (``{"statusCode": …, "body": "<JSON text>"}``,
    as the DVSA's services' tests keep them) as its JSON value; any other document as it is."""
    if isinstance(body, dict) and "statusCode" in body and isinstance(body.get("body"), str):
        inner = real_sets.load_json(body["body"])
        if isinstance(inner, dict | list):
            return inner
    return body


def _bodies(extract: Extractor) -> Extractor:
    """The extractor's documents, a canned API Gateway response read as its body."""

    def wrapped(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in extract(cache):
            yield family, _response_body(body)

    return wrapped


_EXTRACTORS: dict[str, Extractor] = {
    name: _bodies(real_sets.json_files(name, real_sets.stem_words)) for name in SOURCES
}

EXTRACTORS = {
    name: real_sets.without_marked(
        make_v8._members_of_large(extract), REAL_PEOPLE.get(name, frozenset())
    )
    for name, extract in _EXTRACTORS.items()
}

#: Keys worth a look in the review when the rules gave them no label.
SUSPECT = make_v23.SUSPECT

#: The shared steps bound to this set's caps, extractors, hand decisions, rules, sources and
#: review (the data tests read its leaves and hand decisions here too).
#: At most this many families without any rule label a source give a negative (v41 takes 10).
NEGATIVE_FAMILIES = 3


class _Builder(make_v41._Builder):
    """v41's builder with at most `NEGATIVE_FAMILIES` negative families a source."""

    def select(self, cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """v41's documents, of the families without any rule label only the first
        `NEGATIVE_FAMILIES` of each source, in the candidates' order."""
        chosen = super().select(cands)
        labelled = {f for f, body in cands if self.rule_labels(body)}
        negatives: dict[str, list[str]] = {}
        for family, _ in chosen:
            kept = negatives.setdefault(family.split("/")[0], [])
            if family not in labelled and family not in kept:
                kept.append(family)
        keep = {f for kept in negatives.values() for f in kept[:NEGATIVE_FAMILIES]}
        return [(f, body) for f, body in chosen if f in labelled or f in keep]


SET = _Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v42", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
