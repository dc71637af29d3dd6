"""Build ``data/v40/real.jsonl``: the examples that publishers not used by v1 to v39 keep in
their own repositories as Postman collections (request bodies and saved example responses),
OpenAPI descriptions (``example`` and ``examples`` values, objects assembled from property
examples) and sample payloads, under permissive licences (identity governance over employees and
contractors, shipping labels and addresses, freight orders and tracking events of a logistics
network, a health service's patient demographics, construction projects), labelled by the rules
of `make_v40_rules` and then by hand decisions (``data/v40/overrides.json``), under the one
convention of the data README ("One convention, from v16 on").

``python -m detector.eval.make_v40 fill MIRRORS`` copies each source file at its recorded commit
out of local git mirrors (``MIRRORS/<owner>+<name>/repo``) into the cache;
``python -m detector.eval.make_v40`` rebuilds the committed file from the cache and prints the
number of labels the hand decisions changed; ``… review`` prints every label and every
unlabelled leaf that looks personal, for the hand check. No detector code is imported.

Documents holding a real person's data would be left out by the SHA-256 digests of words they
hold (``REAL_PEOPLE``, as v35's and v38's), so that no name is written here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detector.eval import make_v8, make_v16, make_v17, make_v23, make_v38, real_sets
from detector.eval.make_v40_rules import leaf_types
from detector.eval.real_sets import Extractor, Source

DATA, OUT, OVERRIDES = real_sets.set_files("v40")

SOURCES: dict[str, Source] = {
    "sap": Source(
        "SAP-samples/logistics-business-network-integration",
        "072c39073440bac4ab9d5f604f1829af4d5f6828",
        "Apache-2.0",
        (
            "Upload/Postman Collection For Tracking/*/*.postman_collection.json",
            "Upload/SamplePayload/*.json",
            "Upload/SamplePayload/*/*.json",
            "Upload/SamplePayload/*/*/*.json",
        ),
        "the request bodies of the Postman collections and the sample payloads of SAP's "
        "Logistics Business Network (freight orders for subcontracting, requests for quotation, "
        "transportation documents with shippers, consignees and stops, orders for tracking and "
        "their events with geo locations; road and ocean)",
    ),
    "shipengine": Source(
        "ShipEngine/shipengine-openapi",
        "f77943e5bfd154adde33780c25e5b0f22a319fbf",
        "MIT (the licence its package.json states; no licence file)",
        ("openapi.yaml",),
        "the examples of ShipEngine's (shipping labels, rates, shipments with ship-to and "
        "ship-from addresses, carriers' accounts, manifests, pickups, tracking) OpenAPI "
        "description and objects assembled from its schemas' property examples",
    ),
    "sailpoint": Source(
        "sailpoint-oss/api-specs",
        "81ef79d05e43806f9083f42015a2a359bbd76e1f",
        "MIT",
        (
            "dereferenced/deref-sailpoint-api.v2024.json",
            "dereferenced/deref-sailpoint-api.nerm.json",
        ),
        "the examples of SailPoint's (identity governance: identities with their HR attributes, "
        "managers, accounts, access requests, certifications; non-employee records of "
        "contractors and their sponsors) OpenAPI descriptions, dereferenced",
    ),
    "dhcw": Source(
        "DHCW-Digital-Health-and-Care-Wales/Kainos-APIM-Development",
        "8f5a8e0aa38af252881a43d1f63e629d046919bf",
        "MIT",
        ("exemplar-api/documentation/api-documentation/docs/FHIR/R4/*.yaml",),
        "the examples of Digital Health and Care Wales' (NHS Wales) exemplar Patient "
        "Demographics API (FHIR R4 patients looked up by NHS number) OpenAPI description",
    ),
    "autodesk": Source(
        "autodesk-platform-services/aps-autodesk.build.api-postman.collection",
        "80d98fe2065a249d526fef882e564eb089db9590",
        "MIT",
        ("*/*.postman_collection.json",),
        "the request bodies and saved example responses of Autodesk's Construction Cloud "
        "(forms, RFIs, submittals, locations, photos, specifications of building projects) "
        "Postman collections",
    ),
    "autodeskapi": Source(
        "autodesk-platform-services/aps-sdk-openapi",
        "84312395ae1912104e6b52813df0900fb4ed4818",
        "Apache-2.0",
        ("*/*.yaml", "*/*/*.yaml"),
        "the examples of the OpenAPI descriptions Autodesk's SDKs are generated from (account "
        "administration of Autodesk Construction Cloud: users, companies, projects; issues, "
        "data management, model derivatives, webhooks, authentication) and objects assembled "
        "from their schemas' property examples",
    ),
}

#: Selection (`real_sets.Caps`, family prefix ``v40<source>/<family>``): as v17's to v39's, per
#: source at most 60 documents with rule labels, and v16's step (`make_v16._Builder`): the first
#: document of each family without any rule label as a negative, at most 30 a source.
CAPS = real_sets.Caps("v40", per_source=60)

#: SHA-256 digests (of the lower-case word) of marks of real people's data: a document holding a
#: word with one of these digests is left out whole (the words are not written here).
REAL_PEOPLE: dict[str, frozenset[str]] = {
    # a famous inventor's name and a mail address made of it as an example identity and
    # manager (v27's, v35's and v38's case of famous names)
    "sailpoint": frozenset({"0f1324de378fb2e399bc66843abb736ca47eb638b6a05bacb23a82efb5ffd62b"}),
}


def _sap_payload(rel: str) -> str:
    """A sample payload's family: its folder's words and its file's first word
    (``Upload/SamplePayload/Ocean/Ocean_Event_Departure.json`` → ``ocean_ocean``)."""
    parts = rel.split("/")[2:]
    head = [real_sets.words_family(p) for p in parts[:-1]]
    first = real_sets.words_family(real_sets.stem(parts[-1])).split("_")[0]
    return "_".join([*head, first]) or "payload"


def _sailpoint_spec(rel: str) -> str:
    """A SailPoint description's family head: its version (``deref-sailpoint-api.nerm.json`` →
    ``nerm``)."""
    return real_sets.words_family(rel.rsplit(".", 2)[-2])


def _sap(cache: Path) -> Iterator[tuple[str, Any]]:
    """SAP's Postman collections' bodies (in the family of the collection's file) and its sample
    payloads (in the family of `_sap_payload`)."""
    for p in real_sets.files(cache, "sap"):
        rel = real_sets.rel(cache, "sap", p)
        if rel.startswith("Upload/SamplePayload/"):
            body = real_sets.load_json(p.read_text(encoding="utf-8"))
            if isinstance(body, dict | list):
                yield _sap_payload(rel), body
    yield from make_v38._postman("sap", suffix=".postman_collection.json")(cache)


_EXTRACTORS: dict[str, Extractor] = {
    "sap": _sap,
    "shipengine": make_v38._both(
        make_v38._openapi("shipengine", lambda rel: "", depth=1),
        make_v38._schema_objects("shipengine", lambda rel: "schema"),
    ),
    "sailpoint": make_v38._openapi("sailpoint", _sailpoint_spec, depth=1),
    "dhcw": make_v38._openapi("dhcw", lambda rel: "", depth=1),
    "autodesk": make_v38._postman("autodesk", suffix=".postman_collection.json"),
    "autodeskapi": make_v38._both(
        make_v38._openapi("autodeskapi", make_v38._file_words, depth=1),
        make_v38._schema_objects("autodeskapi", make_v38._file_words),
    ),
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
    CAPS, EXTRACTORS, OVERRIDES, real_sets.data_only(leaf_types), "v40", SOURCES, SUSPECT
)
rule_labels, _labels, select, build = SET.rule_labels, SET.labels, SET.select, SET.build
default_cache, review, main, write = SET.default_cache, SET.review, SET.main, real_sets.write
leaves, _decision = real_sets.leaves, real_sets.decision
marks = make_v17.marks

if __name__ == "__main__":
    main(sys.argv[1:])
