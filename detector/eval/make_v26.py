"""Build ``data/v26/real.jsonl``: API documentation examples that publishers not used by v1 to
v25 released under permissive licences (education and learning platforms, HR, payroll and time
tracking, legal and e-signature, nonprofits and churches, government and civic services,
libraries and museums), labelled by the rules of `make_v26_rules` and then by hand decisions
(``data/v26/overrides.json``), under the one convention of the data README ("One convention,
from v16 on").

``python -m detector.eval.make_v26 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v26`` rebuilds the committed file from the cache and prints the
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

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v24, make_v25, real_sets
from detector.eval.make_v26_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v26")

#: Slate pages, with the ``.md.erb`` pages and the ``index.md`` some of v26's sources write.
PAGES = (*real_sets.SLATE_PAGES, "source/includes/*.md.erb", "source/index.md")
#: The example bodies FOLIO's modules publish beside their RAML API descriptions.
FOLIO_EXAMPLES = ("ramls/examples/*.json", "ramls/examples/*.sample")

SOURCES: dict[str, Source] = {
    "brighthr": Source(
        "brighthr/slate",
        "ba13d55c37fcd82dafd221afa1c5bb8b65e62e2e",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of BrightHR's (HR software for small employers, UK "
        "and Ireland) API documentation: company, employees, locations, redundancy, rota",
    ),
    "cognalearn": Source(
        "CognaLearn/slate",
        "cb3aad5d1d33f04a529ba51f2b3df48ae8406255",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of CognaLearn's InteDashboard (team-based learning "
        "in higher education) API documentation: courses, modules, activities, tests",
    ),
    "cerego": Source(
        "ceregousa/slate",
        "d07d433930540c23e1a8d911749109bc3c03ae4c",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Cerego's (adaptive learning) API documentation: "
        "courses, assignments, items, users",
    ),
    "codeschool": Source(
        "codeschool/slate",
        "76a90e5dcb9fdb0ea35ca27c2c7957af6be5dca0",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Code School's (online programming courses) API "
        "documentation: paths, courses, users",
    ),
    "lessonly": Source(
        "lessonly/lesson.ly-api-docs",
        "b8e9305c41e234c3572d208fa2d8b56f11638169",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Lessonly's (employee training) API documentation: "
        "users, groups, lessons, courses, paths, assignments",
    ),
    "redseed": Source(
        "redseedtraining/redseed_api_docs",
        "2ab3da093ea141aebbc5a274404f13005a66afee",
        "Apache-2.0",
        PAGES,
        "the request and response examples of RedSeed's (retail staff training LMS, New "
        "Zealand) API documentation: users, courses, training, locations, reports",
    ),
    "learnamp": Source(
        "learnamp/api-docs",
        "b126d08f973e17b0c98ec8048423c7bfadab2d13",
        "Apache-2.0",
        PAGES,
        "the request and response examples of Learn Amp's (workplace learning, UK) API "
        "documentation: users, teams, enrollments, events, learnlists, surveys",
    ),
    "sareye": Source(
        "SAReye-ehf/apidocs",
        "5696552c88c16384248d194d7239dfc48a92029b",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of SAReye's (search and rescue team training and "
        "operations, Iceland) API documentation: areas, checklists, courses, members",
    ),
    "alumnispaces": Source(
        "alumnispaces/API-Docs",
        "446b509fdcd782b1027bfd170628b6856638850a",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Alumni Spaces' (alumni relations and giving for "
        "schools and universities) API documentation: people, transactions",
    ),
    "textinchurch": Source(
        "textinchurch/api-docs",
        "c960d27d1e20152ba173c25234058f857c9c53dc",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Text In Church's (text messaging for churches) "
        "API documentation: people, groups",
    ),
    "rmngp": Source(
        "rmngp/apidocs",
        "ac492f024ec61f8ce8d4d6c19256c8eff829c07e",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of the RMN-GP's (Réunion des musées nationaux - "
        "Grand Palais, France) collections API documentation: works, authors, museums, "
        "techniques, images",
    ),
    "measureone": Source(
        "elanamir/m1-apidoc",
        "4ec4e5c4fb4aad666c97e63a53b29a08e7d60002",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of MeasureOne's (students' academic and enrolment "
        "records shared with their consent) API documentation: individuals, data requests, "
        "items, schools",
    ),
    "engagedly": Source(
        "engagedly/api-docs",
        "b83b42140417f0f67e385936b2775b97955ab3f4",
        "Apache-2.0",
        PAGES,
        "the request and response examples of Engagedly's (performance management and "
        "employee engagement) API documentation: users, departments, goals, reviews, feedback",
    ),
    "tenkft": Source(
        "10Kft/10kft-api",
        "f1c955f35c1472fdc9e32994286d1038d6b459ed",
        "MIT",
        PAGES,
        "the request and response examples of 10,000ft's (Resource Management by Smartsheet: "
        "staff scheduling and time tracking) API documentation: users, projects, assignments, "
        "time entries, approvals",
    ),
    "zhiren": Source(
        "zhiren-dev/zhiren_api_doc",
        "3ff51df0388bdf2ffab8dc7fdf553cf5b90b3a6d",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Zhiren's (staff attendance and shift scheduling, "
        "China) API documentation: employees, departments, shifts, attendance",
    ),
    "edvisor": Source(
        "edvisor-io/docs.edvisor.io",
        "897554dab9e92c2865667493b730b6ee2a4bc73f",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Edvisor's (international student recruitment "
        "for schools and education agencies, Canada) API documentation: students, agencies, "
        "schools, courses, quotes",
    ),
    "enbraun": Source(
        "enbraun/slate",
        "2766e673209a3f5d499f04ba433b5f4514223e76",
        "Apache-2.0",
        PAGES,
        "the request and response examples of Enbraun's eRS Cloud (staff and resource "
        "scheduling and timesheets) API documentation: resources, projects, bookings, "
        "timesheets, users",
    ),
    "foliousers": Source(
        "folio-org/mod-users",
        "368b83fb6fed9f076bf218efa19ab078f44176ca",
        "Apache-2.0",
        FOLIO_EXAMPLES,
        "the example bodies of the RAML API documentation of FOLIO's (the Open Library "
        "Foundation's library services platform) mod-users: "
        "users, patron groups, proxies, departments, address types",
    ),
    "foliocirc": Source(
        "folio-org/mod-circulation-storage",
        "ce24c3d8119575563b19052b6593b187ec305d39",
        "Apache-2.0",
        FOLIO_EXAMPLES,
        "the example bodies of the RAML API documentation of FOLIO's (the Open Library "
        "Foundation's library services platform) mod-circulation-storage: "
        "loans, requests, loan policies, patron notices, check-ins",
    ),
    "foliocourses": Source(
        "folio-org/mod-courses",
        "24a22aacf60ef7f3e39bd37790369bbdc8999943",
        "Apache-2.0",
        FOLIO_EXAMPLES,
        "the example bodies of the RAML API documentation of FOLIO's (the Open Library "
        "Foundation's library services platform) mod-courses: "
        "course reserves: courses, instructors, reserves, terms",
    ),
    "foliopatron": Source(
        "folio-org/mod-patron",
        "3ef0ec1afec77be7ef6ed9d847e029c856c35c67",
        "Apache-2.0",
        FOLIO_EXAMPLES,
        "the example bodies of the RAML API documentation of FOLIO's (the Open Library "
        "Foundation's library services platform) mod-patron: "
        "patron accounts, holds, renewals, external patrons",
    ),
    "foliofees": Source(
        "folio-org/mod-feesfines",
        "68e556d89d9cdcfaf92ea2b707d3617bff751120",
        "Apache-2.0",
        FOLIO_EXAMPLES,
        "the example bodies of the RAML API documentation of FOLIO's (the Open Library "
        "Foundation's library services platform) mod-feesfines: "
        "fees and fines, accounts, payments, waivers, transfers",
    ),
    "mifiel": Source(
        "Mifiel/api-doc",
        "e4ac5c7d7684435ebad5a3de0ae0452b4d206bcd",
        "Apache-2.0",
        PAGES,
        "the request and response examples of Mifiel's (electronic signatures with the FIEL, "
        "Mexico) API documentation: documents, signers, certificates, users",
    ),
    "studip": Source(
        "luniki/docs-studip-plugin-jsonapi",
        "795e00ce2b1fee5ac16dfbfb664aac06c5fb694e",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of the documentation of Stud.IP's (university "
        "learning management, Germany) JSON:API plugin: users, courses, institutes, messages, "
        "news, files",
    ),
    "flowback": Source(
        "lokehagberg/flowback-docs",
        "dafeab06bb8692b4f899a15448e9b2ef3ca5cc52",
        "Apache-2.0",
        PAGES,
        "the request and response examples of Flowback's (direct-democracy voting platform for "
        "groups and civic organisations, Sweden) API documentation: users, groups, polls, "
        "proposals, delegations",
    ),
    "openwebslides": Source(
        "OpenWebslides/documentation",
        "e2274eed3fb687d1a4bdab2d1fd06047426b20fc",
        real_sets.SLATE_LICENCE,
        ("examples/*.json",),
        "the request and response example files of Open Webslides' (open course slides, Ghent "
        "University, Belgium) API documentation: users, topics, pull requests, tokens",
    ),
    "testpress": Source(
        "testpress/developer.testpress.in",
        "19ebbac916d30376d8f12d252cbbca3e8691e7c4",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of Testpress' (online exams and courses for "
        "coaching institutes, India) API documentation: users, exams, attempts, courses, "
        "batches",
    ),
    "charitybase": Source(
        "charity-base/charity-base-docs",
        "5b74ae454d6ccb379a1b8cfe2dfb407848774da4",
        real_sets.SLATE_LICENCE,
        PAGES,
        "the request and response examples of CharityBase's (the register of charities in "
        "England and Wales, open data) API documentation: charities, filters, aggregations",
    ),
    "folioacq": Source(
        "folio-org/acq-models",
        "f55e80cd6c28dd1581af6dcf806240266e62b817",
        "Apache-2.0",
        tuple(
            f"{module}/examples/*"
            for module in (
                "mod-orgs",
                "mod-orders",
                "mod-orders-storage",
                "mod-invoice",
                "mod-invoice-storage",
                "acquisitions-unit",
            )
        ),
        "the example bodies of the RAML API documentation of FOLIO's acquisitions modules "
        "(acq-models): vendors with their contacts, banking information and interface "
        "credentials, orders, invoices, acquisitions units",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v26<source>/<family>``): as v17's to v25's, per
#: source at most 60 documents with rule labels (fewer where one source would supply more than a
#: fifth of the labels), and v16's step (`make_v16._Builder`): the first document of each family
#: without any rule label as a negative, at most 30 a source.
SOURCE_CAP: dict[str, int] = {"v26learnamp": 18}
CAPS = real_sets.Caps("v26", per_source=60, source_cap=SOURCE_CAP)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a staff member's name and login at the publisher's own domain
    "codeschool": frozenset({"a346f8e676de34e3650eedf31bfcfe281398df27a2d701f632cb94ae80d683a8"}),
    # a personal webmail address with its holder's name
    "cognalearn": frozenset({"b1abc798152123c86597e2a62b0844dfb5e86fadc0ec89d65b638dd450218a2a"}),
    # a famous politician's name as a student's
    "edvisor": frozenset({"2ac4c54bbd10646130dc6d08ea791ef5b7a99867da4c05239a2a26d461ac9113"}),
    # a staff member's address at the publisher's own domain; a famous athlete's and a famous
    # actor's names as a scheduled resource's and a record's author's
    "enbraun": frozenset(
        {
            "c12236c6201d94f710daae59460687770dba2706a7c665dd7cacdce81e958db5",
            "e5787dfc0650cea92482b08d9e7de9c1331a269248258c5e7fb36a4f6208a767",
            "919e680ee460849a74a82614de062bfbbac76bc98a2f692952b5fcb6364e598b",
        }
    ),
    # a staff member's address at the publisher's own domain
    "engagedly": frozenset({"a70c98217edd9871dcc92a37576ad4506c13a6b995b314b039e53239f5501069"}),
    # a famous television presenter's name as a content author's
    "learnamp": frozenset({"99aec21a5ad71d8722cfcb136681fef8cc003c60fc01e7b5a2c55843018e0cbd"}),
    # the publisher's founder's name and staff members' addresses at its own domain
    "lessonly": frozenset(
        {
            "e612e8f7546bf262cd07ffa54e5658ec379d60cb915e79e5a9e4b4cdfabf4102",
            "8608dc48802d514e285deec0fb47fc793d8169f5a8b2c68d40e6dbefd6f901f7",
            "46983cf8d7ef69e2fd3ded28a4f77a543e15275bd47f2fb3ff503cf2a2d476ad",
            "2bc1d8374507f282a399c747837287fde2ef5d107d980f5bb3d647c514c1408a",
            "60c080f3399cffc409644b845687ee31695229ca2a198be1f7be8535b8c1e7f9",
            "f95f5eb643aa9929646e19b50bcdfc7e178dc1da5966aee359bebb47765c727a",
            "495b27883d143ac220d7a6174f43768ecf7c762b6f200c20b99f35bc3308d520",
            "5c6c6f56197376e1ac250815307c7e7e0d55c5858e21787df7eb2ec1fb5bf9af",
        }
    ),
    # staff members' names, personal webmail addresses, mobile numbers and a street address
    # (recorded data)
    "testpress": frozenset(
        {
            "a5515368ffb39ce1f6fa7670740d5bd345c998b43813aecf3f5c58828e54e85f",
            "80d6cc70c255934ea8e80a81988dc87c579e8755a4bf654866c6e28dcbf1ef6a",
            "b1911eafe98f07ba973f98cd959aee86099fa0f200054b8d8b7421df9f10290b",
            "9fe47cf7576c9dc61c9077f54536c19ab5ac72e8066ac16ed3988390dcd36988",
            "87b22d18d94a87d3b4a04dbd34e288f220139371a71d4a804d9f63be1854b32c",
        }
    ),
    # a famous humorist's name as a patron's
    "foliousers": frozenset({"9259ebd12466e8682c6697eb6361ebfdbc339015e74c5cb36d23329b90788ae2"}),
    "foliopatron": frozenset({"9259ebd12466e8682c6697eb6361ebfdbc339015e74c5cb36d23329b90788ae2"}),
    # a real author's name as a catalogued book's contributor
    "foliocirc": frozenset(
        {
            "ea9e9d874e6aad480faa1601b68bdfe1805b6b4810cdea4bcec14ad8aa1685c4",
            # and a developer's first name as a print event's requester
            "ecd475d7ece6d41670995c6e901615e60354fb46ad014db7e3f89f39326f2459",
        }
    ),
    "foliofees": frozenset(
        {
            "ea9e9d874e6aad480faa1601b68bdfe1805b6b4810cdea4bcec14ad8aa1685c4",
            # and the module's product owners' names as a cash drawer report's payment sources
            "3d68a65f3c5493c2cfbe1d67494e79d0b713896b6b3d521a4fa307b28893a860",
        }
    ),
    # a signer's name with his personal tax number (RFC) whose date matches it: recorded data
    "mifiel": frozenset({"ff7386f91eb664845af53682fced7c6e0a7e67bf7aaae83e6c79606cd95c317e"}),
}


def _both(name: str) -> Extractor:
    """Each page's JSON blocks and ``curl`` bodies, in the family of its page and first-level
    heading (v24's reading, `make_v24._sections`), and the JSON bodies several of v26's sources
    print in blocks without a language or under ``shell`` (`make_v25._other_fences`); a body
    read twice is kept once (`real_sets.candidates`)."""
    sections, others = make_v24._sections(name), make_v25._other_fences(name)

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        yield from sections(cache)
        yield from others(cache)

    return extract


#: FOLIO's and Open Webslides' example files, each whole, its family the words of its name
#: (``user_collection``).
_EXTRACTORS: dict[str, Extractor] = {
    name: real_sets.json_files(name, real_sets.stem_words)
    if name.startswith("folio") or name == "openwebslides"
    else _both(name)
    for name in SOURCES
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
SET = make_v16._Builder(
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v26", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
