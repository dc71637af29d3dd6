"""The checks every real evaluation set's data tests make (v4 to v7): size and type support,
providers new to the earlier sets, a fixed and reproducible split by family, hand decisions
that have a reason and apply, and that the set's builder rewrites the committed file from the
cached sources. Each ``test_eval_v*_data.py`` calls them with its own numbers; from v7 on a
set's module subclasses `SetChecks` or `RealSetChecks`, which make them all."""

from __future__ import annotations

import hashlib
import importlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import pytest

from detector.eval import dataset
from detector.eval.dataset import Split, family_source, load, load_all, make_split
from detector.types import TYPE_IDS
from tests.detector.eval_leaves import (
    assert_labels_name_leaves,
    hand_decisions_used,
    labelled_and_unlabelled,
    read_set,
)


def check_size_families_and_types(
    docs: list[dict[str, Any]],
    providers: Mapping[str, str],
    min_per_type: Mapping[str, int],
    *,
    per_family: int,
    per_source: int | None = None,
    min_documents: int = 300,
) -> None:
    """At least ``min_documents`` documents (300 unless a set's test states fewer, as v34's,
    v36's and v37's do) in at least 30 families, every provider's prefix used, at most
    ``per_family`` documents a family and ``per_source`` a source, and at least ``min_per_type``
    labels of each type."""
    assert len(docs) >= min_documents
    families = Counter(d["family"] for d in docs)
    assert len(families) >= 30
    assert {f.split("/")[0] + "/" for f in families} == set(providers)
    assert max(families.values()) <= per_family
    if per_source is not None:
        counts_per_source = Counter(d["family"].split("/")[0] for d in docs)
        assert max(counts_per_source.values()) <= per_source  # no vendor dominates
    counts = Counter(t for d in docs for _, t in d["labels"])
    short = {t: counts[t] for t, n in min_per_type.items() if counts[t] < n}
    assert not short, short


def check_providers_are_new(
    data: Path, earlier: Iterable[str], providers: Mapping[str, str], *, by_prefix: bool = False
) -> None:
    """No family of the ``earlier`` files (under ``data``) names a provider (and with
    ``by_prefix`` none starts with one of the set's prefixes)."""
    seen: set[str] = set()
    for name in earlier:
        with (data / name).open(encoding="utf-8") as fh:
            seen |= {json.loads(line)["family"].lower() for line in fh}
    for provider in providers.values():
        assert not any(provider in s for s in seen), provider
    if by_prefix:
        for prefix in providers:
            assert not any(s.startswith(prefix) for s in seen), prefix


def check_split(
    name: str,
    split_file: Path,
    sources: Any,
    seed: int,
    parts: Any,
    made: Callable[[], Any],
    frozen_sha256: str | None = None,
) -> None:
    """The split of set ``name`` is by family, the one ``made()`` makes (made once by
    ``python -m detector.eval.dataset <name>``: the same procedure gives the same split), not
    the next seed's, and ``<name>dev`` and ``<name>test`` hold exactly its halves. A set
    relabelled after its split was drawn (``frozen_sha256``) keeps the file it had: the
    procedure balances the labels it was drawn on, so only the file's digest is checked."""
    split = json.loads(split_file.read_text(encoding="utf-8"))
    docs = load_all(sources)
    if frozen_sha256 is None:
        assert made() == split
        assert make_split(docs, seed, parts, family_source) == split
        assert make_split(docs, seed + 1, parts, family_source) != split
    else:
        assert hashlib.sha256(split_file.read_bytes()).hexdigest() == frozen_sha256
    assert not set(split["dev"]) & set(split["test"])
    assert {d.family for d in docs} == set(split["dev"]) | set(split["test"])
    assert {family_source(d) for d in docs} == set(parts)
    dev, test = load(cast(Split, f"{name}dev")), load(cast(Split, f"{name}test"))
    assert len(dev) + len(test) == len(docs) == len(load(cast(Split, name)))
    assert {d.family for d in dev} == set(split["dev"])
    assert {d.family for d in test} == set(split["test"])


def check_hand_decisions(maker: str, docs: list[dict[str, Any]], prefixes: Iterable[str]) -> None:
    """Every hand decision of ``detector.eval.<maker>`` has a reason, a known type, one of the
    set's family prefixes, and decides at least one leaf of ``docs``."""
    pytest.importorskip("stdnum")
    module = importlib.import_module(f"detector.eval.{maker}")
    decisions, used = hand_decisions_used(module, docs)
    for i, one in enumerate(decisions):
        assert one["reason"].strip(), one
        assert one["type"] in (*TYPE_IDS, "none"), one
        assert one["family"].startswith(tuple(prefixes)), one
        assert used[i], f"decision {i} matches no leaf: {one}"


def check_rebuild(maker: str, committed: Path, hand_changes: int) -> None:
    """``detector.eval.<maker>`` rebuilds ``committed`` byte for byte from the cached sources,
    the hand decisions changing ``hand_changes`` labels. Skipped where the cached sources are
    absent (CI has no copy of them; their repositories and commits are in the builder's
    ``SOURCES``, ``<maker> fill MIRRORS`` copies them)."""
    pytest.importorskip("stdnum")
    module = importlib.import_module(f"detector.eval.{maker}")
    cache = module.default_cache()
    missing = [s for s in module.SOURCES if not (cache / s).is_dir()]
    if missing:
        pytest.skip(f"cached {maker} sources absent under {cache}: {missing}")
    docs, changed = module.build(cache)
    assert module.write(docs) == committed.read_text(encoding="utf-8")
    assert changed == hand_changes


def rule_types(maker: str, key: str, value: Any, **siblings: Any) -> set[str]:
    """The types ``detector.eval.<maker>``'s rules give ``value`` under ``key`` in a document
    holding it (and ``siblings`` beside it)."""
    pytest.importorskip("stdnum")
    module = importlib.import_module(f"detector.eval.{maker}")
    return {t for _, t in module.rule_labels({key: value, **siblings})}


def check_publisher_share(
    docs: list[dict[str, Any]], publisher: dict[str, str], max_share: float
) -> None:
    """No publisher (a source prefix, or the publisher ``publisher`` maps it to: one vendor's
    two repositories count as one) supplies more than ``max_share`` of the labels."""
    per: Counter[str] = Counter(
        publisher.get(d["family"].split("/")[0], d["family"].split("/")[0])
        for d in docs
        for _ in d["labels"]
    )
    assert max(per.values()) <= max_share * sum(per.values()), per.most_common(3)


def check_names_are_not_v1s(name: str, sources: tuple[str, ...]) -> None:
    """A set's families are none of v1's (its names start with ``v1``), v1 keeps its 1,476
    documents, and the set's dev and test parts split its families between them."""
    families = {d.family for d in load_all(sources)}
    dev = {d.family for d in load(cast(Split, f"{name}dev"))}
    test = {d.family for d in load(cast(Split, f"{name}test"))}
    assert not families & {d.family for d in load("all")}
    assert len(load("all")) == 1476
    assert dev | test == families
    assert not dev & test


def check_error_lister(name: str, *, sealed: bool) -> None:
    """The error lister refuses the set's test part and the whole set, and its dev part too
    while the set is sealed."""
    from detector.eval.errors import READABLE, errors

    refused = (name, f"{name}dev", f"{name}test") if sealed else (name, f"{name}test")
    assert (f"{name}dev" in READABLE) is not sealed
    for split in refused:
        assert split not in READABLE
        with pytest.raises(SystemExit, match="refusing"):
            errors(split, None)


DATA = Path(__file__).resolve().parents[2] / "detector" / "eval" / "data"


class SetChecks:
    """The data tests every real set from v7 on makes, with its own numbers: a set's module
    subclasses this or `RealSetChecks` (``class TestV12Data(RealSetChecks)``) and sets the
    attributes below; its builder's own rules keep their tests in the module."""

    #: The set's name (``v12``): its data is ``data/<name>/``, its builder ``make_<name>``.
    name: str
    #: Family prefix → a string naming the provider, checked against the earlier sets.
    providers: Mapping[str, str]
    #: Source prefixes of one publisher's other repositories → the publisher's.
    publisher: Mapping[str, str] = {}
    #: Labels per type at least.
    min_per_type: Mapping[str, int]
    #: Labels the hand decisions change (the builder prints it; the README states it).
    hand_changes: int
    #: Documents per family and per source at most.
    per_family: int
    per_source: int
    #: Unlabelled leaves per labelled leaf at least and at most.
    fewest_negatives: int = 3
    most_negatives: int = 12
    #: Publishers, documents, families and labels at least.
    min_publishers: int = 10
    min_documents: int = 300
    min_families: int = 120
    min_labels: int = 800
    #: Whether the error lister refuses the dev part too.
    sealed = False
    #: The digest of ``split.json`` of a set relabelled after its split was drawn (the split
    #: stays as drawn; see the data README, "Relabelled by the one convention").
    split_sha256: str | None = None

    @pytest.fixture(scope="class")
    @classmethod
    def docs(cls) -> list[dict[str, Any]]:
        return read_set(DATA / cls.name / "real.jsonl")

    def test_every_label_names_a_leaf_of_its_body_with_a_known_type(
        self, docs: list[dict[str, Any]]
    ) -> None:
        assert_labels_name_leaves(docs, tuple(self.providers))

    def test_size_families_and_type_support(self, docs: list[dict[str, Any]]) -> None:
        publishers = set(self.providers) - {f"{k}/" for k in self.publisher}
        assert len(publishers) >= self.min_publishers
        assert len(docs) >= self.min_documents
        assert len({d["family"] for d in docs}) >= self.min_families
        assert sum(len(d["labels"]) for d in docs) >= self.min_labels
        check_size_families_and_types(
            docs,
            self.providers,
            self.min_per_type,
            per_family=self.per_family,
            per_source=self.per_source,
            min_documents=self.min_documents,
        )

    def test_negatives_outnumber_labels(self, docs: list[dict[str, Any]]) -> None:
        labelled, unlabelled = labelled_and_unlabelled(docs)
        assert self.fewest_negatives * labelled <= unlabelled <= self.most_negatives * labelled

    def test_providers_are_new_to_the_earlier_sets(self) -> None:
        number = int(self.name[1:])
        later = (f"v{i}/real.jsonl" for i in range(3, number))
        earlier = ("openapi.jsonl", "v2/openapi.jsonl", *later)
        check_providers_are_new(DATA, earlier, self.providers, by_prefix=True)

    def test_split_is_by_family_fixed_and_reproducible(self) -> None:
        upper = self.name.upper()
        check_split(
            self.name,
            getattr(dataset, f"{upper}_SPLIT_FILE"),
            getattr(dataset, f"{upper}_SOURCES"),
            getattr(dataset, f"{upper}_SPLIT_SEED"),
            getattr(dataset, f"{upper}_PARTS"),
            getattr(dataset, f"make_{self.name}_split"),
            self.split_sha256,
        )

    def test_names_are_not_taken_for_v1s(self) -> None:
        check_names_are_not_v1s(self.name, getattr(dataset, f"{self.name.upper()}_SOURCES"))

    def test_the_error_lister_refuses_what_is_not_read(self) -> None:
        check_error_lister(self.name, sealed=self.sealed)

    def test_every_hand_decision_has_a_reason_and_applies(self, docs: list[dict[str, Any]]) -> None:
        check_hand_decisions(f"make_{self.name}", docs, self.providers)

    def test_the_builder_rewrites_the_committed_file_from_the_cache(self) -> None:
        check_rebuild(f"make_{self.name}", DATA / self.name / "real.jsonl", self.hand_changes)


class RealSetChecks(SetChecks):
    """`SetChecks` and, from v9 on, that no publisher supplies more than ``max_publisher_share``
    of the labels (v7's and v8's largest sources hold 22 % and 27 %: they were made before)."""

    max_publisher_share = 0.2

    def test_no_publisher_dominates_the_labels(self, docs: list[dict[str, Any]]) -> None:
        check_publisher_share(docs, dict(self.publisher), self.max_publisher_share)


class ConventionChecks(RealSetChecks):
    """`RealSetChecks` and, from v16 on, the one labelling convention of the data README
    ("One convention, from v16 on"): no leaf without data carries a label."""

    def test_no_label_on_a_leaf_without_data(self, docs: list[dict[str, Any]]) -> None:
        on_empty = [
            (d["family"], p)
            for d in docs
            for values in [dataset.leaf_values(d["body"])]
            for p in {p for p, _ in d["labels"]}
            if all(map(dataset.empty, values.get(p, [None])))
        ]
        assert not on_empty, on_empty[:10]
