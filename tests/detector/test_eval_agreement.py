"""The second labellers' labels (detector/eval/agreement.py) and the figures drawn from them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from detector.eval.__main__ import _leaf_paths
from detector.eval.agreement import (
    ADJUDICATED_FILE,
    LABELS_FILE,
    Relabel,
    SampleDoc,
    adjudicated,
    agreement_scores,
    detect,
    doc_key,
    load_adjudicated,
    load_relabels,
    main,
    majority,
    sample_docs,
)
from detector.eval.dataset import EvalDoc
from detector.types import TYPE_IDS

#: Who labelled each sample again: one labeller per document of a dev sample, two of a test
#: sample (so a majority of three exists there) up to v27; one of v28test to v44test (sessions
#: 19 to 23, where the set and that labeller differ an adjudicator decides).
LABELLERS = {
    "dev": {"A"},
    "test": {"B", "C"},
    "v23dev": {"A"},
    "v23test": {"B", "C"},
    "v24dev": {"A"},
    "v24test": {"B", "C"},
    "v25dev": {"A"},
    "v25test": {"B", "C"},
    "v26dev": {"A"},
    "v26test": {"B", "C"},
    "v27dev": {"A"},
    "v27test": {"B", "C"},
    "v28test": {"B"},
    "v29test": {"B"},
    "v30test": {"B"},
    "v31test": {"B"},
    "v32test": {"B"},
    "v33test": {"B"},
    "v34test": {"B"},
    "v35test": {"B"},
    "v36test": {"B"},
    "v37test": {"B"},
    "v38test": {"B"},
    "v39test": {"B"},
    "v40test": {"B"},
    "v41test": {"B"},
    "v42test": {"B"},
    "v43test": {"B"},
    "v44test": {"B"},
}
#: Documents per sample: 240 drawn from each half of v16-v22; all of v23 to v27 (sealed when
#: labelled).
SIZES = {"dev": 240, "test": 240, "v23dev": 315, "v23test": 293, "v24dev": 170, "v24test": 153}
SIZES |= {"v25dev": 199, "v25test": 204, "v26dev": 194, "v26test": 206, "v27dev": 201}
SIZES |= {"v27test": 225, "v28test": 255, "v29test": 274, "v30test": 144}
SIZES |= {"v31test": 318, "v32test": 376, "v33test": 274, "v34test": 110, "v35test": 172}
SIZES |= {"v36test": 81, "v37test": 62, "v38test": 257, "v39test": 84, "v40test": 69}
SIZES |= {"v41test": 80, "v42test": 30, "v43test": 107, "v44test": 93}
#: Only sets labelled under the one convention (v16 on) are in the samples.
CONVENTION_SETS = {f"v{n}" for n in range(16, 45)}


@pytest.fixture(scope="module")
def relabels() -> list[Relabel]:
    return load_relabels()


@pytest.fixture(scope="module")
def samples(relabels: list[Relabel]) -> dict[str, list[SampleDoc]]:
    return sample_docs(relabels)


def test_majority_keeps_what_more_than_half_hold() -> None:
    a, b, c = ("$.a", "email"), ("$.b", "phone"), ("$.c", "gender")
    assert majority([{a, b}, {a}, {a, c}]) == {a}
    assert majority([{a, b}, {b}, {c}]) == {b}
    assert majority([{a}, {b}]) == set()  # one of two is not a majority


def test_doc_key_ignores_member_order_and_tells_bodies_apart() -> None:
    assert doc_key({"a": 1, "b": [2, "x"]}) == doc_key({"b": [2, "x"], "a": 1})
    assert doc_key({"a": 1}) != doc_key({"a": 2})
    assert len(doc_key({})) == 16


def test_agreement_scores_counts_each_pair() -> None:
    doc = EvalDoc("f", "s", {"a": "x", "b": "y"}, frozenset({("$.a", "email"), ("$.b", "phone")}))
    sd = SampleDoc("v16dev", doc, {"B": frozenset({("$.a", "email")}), "C": frozenset()})
    pairs = agreement_scores([sd], [{("$.a", "email"), ("$.b", "gender")}])
    assert pairs["labeller B vs set"].prf()[:2] == (1.0, 0.5)
    assert pairs["labeller C vs set"].prf()[1] == 0.0
    assert majority([doc.labels, sd.second["B"], sd.second["C"]]) == {("$.a", "email")}
    assert pairs["detector vs majority of three"].prf()[:2] == (0.5, 1.0)
    assert pairs["detector vs set"].prf()[:2] == (0.5, 0.5)
    assert "labeller B vs labeller C" in pairs


def test_every_relabel_names_a_document_of_its_split(
    relabels: list[Relabel], samples: dict[str, list[SampleDoc]]
) -> None:
    assert set(samples) == set(LABELLERS)
    for name, docs in samples.items():
        assert len(docs) == SIZES[name]
        assert len({(sd.split, doc_key(sd.doc.body)) for sd in docs}) == len(docs)
        for sd in docs:
            assert set(sd.second) == LABELLERS[name]
            half = name.lstrip("v0123456789")
            assert sd.split.endswith(half)
            assert sd.split.removesuffix(half) in CONVENTION_SETS
    assert len(relabels) == sum(len(d) * len(LABELLERS[n]) for n, d in samples.items())


def test_relabels_use_leaf_paths_and_known_types_once_per_path(
    samples: dict[str, list[SampleDoc]],
) -> None:
    for docs in samples.values():
        for sd in docs:
            leaves = _leaf_paths(sd.doc.body)
            for labels in sd.second.values():
                assert {t for _, t in labels} <= set(TYPE_IDS)
                assert {p for p, _ in labels} <= leaves
                assert max(Counter(p for p, _ in labels).values(), default=1) == 1


def test_an_unknown_document_is_a_clear_error(tmp_path: Path) -> None:
    row = {"sample": "dev", "split": "v16dev", "doc": "0" * 16, "labeller": "A", "labels": []}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(ValueError, match="holds no document"):
        sample_docs(load_relabels(path))


#: The detector's figures on the samples when the labels were added (session 17; v26 and v27 in
#: session 18), less 0.005: a change that loses ground against the set's labels or against the
#: majority fails here. Session 18's round moved v23test from 0.904/0.810 to 0.898/0.812.
#: Session 19's keyed values, against adjudicated labels: the v16 to v22 sample 0.958/0.903 →
#: 0.957/0.914, v23test 0.916/0.814 → 0.930/0.870, v24test 0.933/0.926 → 0.934/0.938, v25test
#: 0.933/0.952 → 0.936/0.958, v26test 0.926/0.845 → 0.914/0.895, v27test 0.960/0.771 →
#: 0.960/0.818. v28test and v29test (sealed, one second labeller each, adjudicated in session
#: 19): 0.931/0.819 and 0.895/0.923 (session 18's engine: 0.929/0.790 and 0.898/0.919). After
#: the second round (read from v28dev and v29dev): v28test 0.936/0.827, v29test 0.917/0.925,
#: v26test 0.922/0.891; the others unchanged. v30test (sealed, made during the second round):
#: 0.898/0.862 (session 18's engine 0.886/0.854, after the first round 0.887/0.862); v31test
#: (the same) 0.919/0.843 (0.911/0.825, 0.919/0.843). Session 20 (URL contents, JSON:API
#: people, contact records, things' head nouns; then v30dev to v33dev read): the v16 to v22
#: sample 0.955/0.916, v23test 0.930/0.870 → 0.924/0.882 (URL contents nobody labelled lower
#: precision, floors below), v24test 0.934/0.949, v25test 0.939/0.961, v26test 0.932/0.924,
#: v27test 0.962/0.825, v28test 0.937/0.835, v29test unchanged, v30test 0.909/0.894, v31test
#: 0.925/0.849; v32test and v33test (sealed, one second labeller each, adjudicated in session
#: 20): 0.857/0.844 and 0.855/0.799 with session 19's engine, 0.864/0.849 and 0.855/0.801 after
#: the first round, 0.872/0.851 and 0.852/0.805 after the second. v34test and v35test (sealed,
#: one second labeller each, adjudicated in session 21): 0.948/0.847 and 0.965/0.835 with
#: session 19's engine, 0.948/0.847 and 0.944/0.874 with session 20's, 0.956/0.867 and
#: 0.953/0.878 after session 21's round (which moved v28test to 0.937/0.837, v32test to
#: 0.872/0.853 and v33test to 0.852/0.807). v37test (sealed, made during that round, one second
#: labeller, one disputed path): 0.908/0.908 with session 19's engine, 0.948/0.961 with session
#: 20's and 21's. v36test (the same, 37 disputed paths): 0.942/0.865 with session 19's engine,
#: 0.934/0.865 with session 20's and 21's. v39test (sealed, one second labeller, 32 disputed
#: paths, adjudicated in session 22): 0.912/0.686 with session 21's engine, 0.916/0.719 after
#: session 22's round (Korean addresses); 15 of its disputes are five-digit stand-ins under
#: phone keys the adjudicator labelled `phone`. v38test (the same, 88 disputed paths):
#: 0.872/0.847 with session 21's engine, 0.879/0.847 after session 22's round. v40test and
#: v41test (sealed, one second labeller each, 10 and 6 disputed paths, adjudicated in session
#: 23): 0.958/0.760 and 0.950/0.844 with session 22's engine; v40test 0.959/0.769 after session
#: 23's round (an identity's name written as a login). v42test, v43test and v44test (sealed,
#: one second labeller each, 12, 29 and 14 disputed paths, adjudicated in session 23):
#: 0.887/0.835, 0.759/0.635 and 0.960/0.810 with session 22's engine; 0.889/0.847, 0.871/0.714
#: and 0.960/0.810 after session 23's rounds (v43test shares its publishers with v43dev, read).
FLOORS = {
    ("dev", "detector vs set"): (0.943, 0.945),
    ("test", "detector vs set"): (0.937, 0.924),
    ("test", "detector vs majority of three"): (0.927, 0.923),
    ("v23test", "detector vs majority of three"): (0.902, 0.865),
    ("v24test", "detector vs majority of three"): (0.929, 0.936),
    ("v25test", "detector vs majority of three"): (0.928, 0.945),
    ("v26test", "detector vs majority of three"): (0.917, 0.886),
    ("v27test", "detector vs majority of three"): (0.957, 0.812),
    ("test", "detector vs adjudicated"): (0.952, 0.909),
    ("v23test", "detector vs adjudicated"): (0.919, 0.865),
    ("v24test", "detector vs adjudicated"): (0.929, 0.933),
    ("v25test", "detector vs adjudicated"): (0.931, 0.953),
    ("v26test", "detector vs adjudicated"): (0.917, 0.886),
    ("v27test", "detector vs adjudicated"): (0.955, 0.813),
    ("v28test", "detector vs adjudicated"): (0.931, 0.822),
    ("v29test", "detector vs adjudicated"): (0.912, 0.920),
    ("v30test", "detector vs adjudicated"): (0.893, 0.857),
    ("v31test", "detector vs adjudicated"): (0.914, 0.838),
    ("v32test", "detector vs adjudicated"): (0.867, 0.846),
    ("v33test", "detector vs adjudicated"): (0.847, 0.800),
    ("v34test", "detector vs adjudicated"): (0.951, 0.862),
    ("v35test", "detector vs adjudicated"): (0.948, 0.873),
    ("v36test", "detector vs adjudicated"): (0.929, 0.860),
    ("v37test", "detector vs adjudicated"): (0.943, 0.956),
    ("v38test", "detector vs adjudicated"): (0.867, 0.842),
    ("v39test", "detector vs adjudicated"): (0.911, 0.714),
    ("v40test", "detector vs adjudicated"): (0.954, 0.764),
    ("v41test", "detector vs adjudicated"): (0.945, 0.839),
    ("v42test", "detector vs adjudicated"): (0.884, 0.842),
    ("v43test", "detector vs adjudicated"): (0.866, 0.709),
    ("v44test", "detector vs adjudicated"): (0.955, 0.805),
}


def test_detector_keeps_its_agreement_figures(samples: dict[str, list[SampleDoc]]) -> None:
    got = {}
    for name, docs in samples.items():
        pairs = agreement_scores(docs, detect(docs))
        for pair in pairs:
            got[name, pair] = pairs[pair].prf()[:2]
    for at, (p, r) in FLOORS.items():
        assert got[at][0] >= p, (at, got[at])
        assert got[at][1] >= r, (at, got[at])


def test_cli_prints_a_table_per_sample(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--labels", str(LABELS_FILE)])
    out = capsys.readouterr().out
    assert out.count("| pair | precision |") == len(SIZES)
    assert "| labeller B vs labeller C |" in out


def test_adjudication_replaces_only_the_decided_paths() -> None:
    labels = {("$.a", "email"), ("$.b", "phone"), ("$.c", "gender")}
    decided = {"$.b": frozenset(), "$.c": frozenset({"person_name"}), "$.d": frozenset({"iban"})}
    assert adjudicated(labels, decided) == {
        ("$.a", "email"),
        ("$.c", "person_name"),
        ("$.d", "iban"),
    }
    assert adjudicated(labels, {}) == labels


def test_adjudicated_paths_are_the_disputed_ones(samples: dict[str, list[SampleDoc]]) -> None:
    """Every decision is on a path where the set and the second labellers' shared reading
    differ, and every test sample was adjudicated whole."""
    decisions = load_adjudicated()
    assert set(decisions) == {name for name in LABELLERS if name.endswith("test")}
    for name, docs in samples.items():
        for sd in docs:
            assert (sd.decided is not None) is (name in decisions)
            for path in sd.decided or {}:
                readings = [
                    {t for p, t in labels if p == path}
                    for labels in (sd.doc.labels, *sd.second.values())
                ]
                assert all(r == readings[1] for r in readings[1:])
                assert readings[1] != readings[0]


def test_an_absent_adjudication_file_adjudicates_nothing(tmp_path: Path) -> None:
    assert load_adjudicated(tmp_path / "none.jsonl") == {}
    assert ADJUDICATED_FILE.exists()
