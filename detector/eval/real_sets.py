"""The plumbing the builders of the real evaluation sets share (``make_v5`` to ``make_v15``):
the source records and copying them out of local git mirrors into the cache, reading the cached
files, cutting and walking documents, hand-decision matching, candidate
sizing and deduplication, selection, writing and the command line (`Builder` binds them all
for one set). Each builder keeps what is its own: its sources, extractors, labelling rules and
caps. No detector code is imported.
"""

from __future__ import annotations

import ast
import datetime
import fnmatch
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from detector.eval.dataset import empty

Extractor = Callable[[Path], Iterator[tuple[str, Any]]]
Leaf = tuple[str, list[str], str, Any, dict[str, Any]]
LeafTypes = Callable[[list[str], str, Any, dict[str, Any]], set[str]]
RuleLabels = Callable[[Any], set[tuple[str, str]]]
#: A set's own key words: (parents, key words, joined, value, siblings) → a type, ``None`` for
#: no type, or ``False`` when the words do not decide (an earlier set's rules then do).
OwnWords = Callable[[list[str], list[str], str, str, dict[str, Any]], "str | bool | None"]
Docs = list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Source:
    """One published repository: what is taken from it, at which commit, under which licence."""

    repo: str
    commit: str
    licence: str
    paths: tuple[str, ...]  # fnmatch patterns of the files copied into the cache
    what: str


#: The licence documentation repositories built on the Slate template keep (its Apache-2.0 file),
#: and the pages where such a repository writes its examples.
SLATE_LICENCE = "Apache-2.0 (LICENSE, the Slate template's)"
SLATE_PAGES = ("source/includes/*.md", "source/index.html.md")

#: Where the committed sets are: ``DATA_ROOT/<set>/real.jsonl`` and its ``overrides.json``.
DATA_ROOT = Path(__file__).resolve().parent / "data"


def set_files(name: str) -> tuple[Path, Path, Path]:
    """Set ``name``'s folder, its committed documents and its hand decisions file."""
    data = DATA_ROOT / name
    return data, data / "real.jsonl", data / "overrides.json"


def default_cache(name: str) -> Path:
    """Where a set's sources are kept: ``$SIEVE_CACHE/<name>`` (outside the repository)."""
    return Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve")) / name


def fill(sources: Mapping[str, Source], mirrors: Path, cache: Path) -> None:
    """Copy every source file at its recorded commit out of local git mirrors
    (``MIRRORS/<owner>+<name>/repo``)."""
    for name, src in sources.items():
        git = str(mirrors / src.repo.replace("/", "+") / "repo")
        listing = ["git", "-C", git, "ls-tree", "-r", "--name-only", src.commit]
        files = subprocess.run(listing, capture_output=True, text=True, check=True).stdout
        for path in files.split("\n"):
            if any(fnmatch.fnmatch(path, p) for p in src.paths):
                show = ["git", "-C", git, "show", f"{src.commit}:{path}"]
                raw = subprocess.run(show, capture_output=True, check=True).stdout
                dest = cache / name / path
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(raw)


# ---------------------------------------------------------------------------- reading the cache


def files(cache: Path, name: str) -> list[Path]:
    """Every cached file of one source, in order."""
    return sorted(p for p in (cache / name).rglob("*") if p.is_file())


def rel(cache: Path, name: str, p: Path) -> str:
    """A cached file's path inside its source's repository."""
    return p.relative_to(cache / name).as_posix()


def load_json(text: str) -> Any:
    """The JSON value of ``text``, or ``None`` where it is not JSON (a few fixtures hold
    template markers or trailing commas: they are skipped)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def plain(node: Any) -> Any:
    """YAML values as JSON has them (dates and times become ISO strings)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, datetime.date | datetime.datetime):
        return node.isoformat()
    return node


class _NoTimestampLoader(yaml.SafeLoader):
    """The safe loader without its timestamp resolver: dates stay the strings they are written
    as (a description may hold a date no calendar has, ``2023-13-01``)."""


_NoTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(p: Path) -> Any:
    """A YAML file's value as JSON has it (read without dates where one is not a real date)."""
    text = p.read_text(encoding="utf-8")
    try:
        return plain(yaml.safe_load(text))
    except ValueError:
        return plain(yaml.load(text, Loader=_NoTimestampLoader))  # noqa: S506 (a safe loader)


def json_files(name: str, family_of: Callable[[str], str]) -> Extractor:
    """An extractor taking every JSON file of source ``name`` whole, its family
    ``family_of(path in the repository)``."""

    def extract(cache: Path) -> Iterator[tuple[str, Any]]:
        for p in files(cache, name):
            body = load_json(p.read_text(encoding="utf-8"))
            if isinstance(body, dict | list):
                yield family_of(rel(cache, name, p)), body

    return extract


def cassette_bodies(tape: Any) -> Iterator[Any]:
    """The JSON bodies (objects and arrays) of a loaded VCR cassette's requests and responses,
    in order; gzip-compressed bodies are decoded, bodies that are not JSON skipped."""
    for one in (tape or {}).get("interactions") or []:
        for side in ("request", "response"):
            raw = (one.get(side) or {}).get("body")
            data = raw.get("string") if isinstance(raw, dict) else raw
            if isinstance(data, bytes):
                try:
                    data = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode()
                except (OSError, UnicodeDecodeError):
                    continue
            body = load_json(data) if isinstance(data, str) else None
            if isinstance(body, dict | list):
                yield body


def bundle_resources(body: Any) -> Iterator[dict[str, Any]]:
    """A FHIR bundle's entries' resources, or the body itself where it is one resource."""
    entries = body.get("entry") if isinstance(body, dict) else None
    for entry in entries if isinstance(entries, list) else [{"resource": body}]:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict):
            yield resource


VERBS = ("create", "update", "list", "get", "fetch", "put", "patch", "remove", "delete", "retry")


def camel_head(name: str) -> str:
    """The first word of a schema name that is not a verb (``CreateAccountHolderRequest`` →
    ``account``)."""
    parts = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name) or [name]
    rest = [w for w in parts if w.lower() not in VERBS] or parts
    return str(rest[0]).lower()


def openapi_examples(spec: Any, family_of: Callable[[str], str]) -> Iterator[tuple[str, Any]]:
    """Object examples (``example`` and ``examples.*.value``) under each API path (its family
    is ``family_of(path)``) and under the components (family: the component's first word)."""

    def walk(node: Any, family: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "example" and isinstance(v, dict | list):
                    yield family, v
                elif k == "examples" and isinstance(v, dict):
                    for one in v.values():
                        if isinstance(one, dict) and isinstance(one.get("value"), dict | list):
                            yield family, one["value"]
                elif k != "examples":
                    yield from walk(v, family)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, family)

    for path, item in (spec.get("paths") or {}).items():
        yield from walk(item, family_of(path))
    for kind in (spec.get("components") or {}).values():
        if isinstance(kind, dict):
            for name, comp in kind.items():
                yield from walk(comp, camel_head(name))


def schema_objects(
    spec: Any, *, max_depth: int = 3, list_examples: bool = False
) -> Iterator[tuple[str, Any]]:
    """One object per component schema with property examples, assembled from those examples
    (references followed ``max_depth`` levels deep, at most 20 hops a reference, ``allOf``
    merged, an array holds one item; with ``list_examples`` a schema's ``examples`` list gives
    its first item)."""
    schemas = (spec.get("components") or {}).get("schemas") or {}

    def resolve(s: Any) -> Any:
        seen = 0
        while isinstance(s, dict) and "$ref" in s and seen < 20:
            s = schemas.get(str(s["$ref"]).rsplit("/", 1)[-1], {})
            seen += 1
        return s

    def build(s: Any, depth: int) -> Any:
        s = resolve(s)
        if not isinstance(s, dict):
            return None
        if "example" in s:
            return s["example"]
        if list_examples and isinstance(s.get("examples"), list) and s["examples"]:
            return s["examples"][0]
        props: dict[str, Any] = {}
        for ref in s.get("allOf") or []:
            part = resolve(ref)
            if isinstance(part, dict):
                props.update(part.get("properties") or {})
        props.update(s.get("properties") or {})
        if props and depth < max_depth:
            out = {}
            for k, v in props.items():
                value = build(v, depth + 1)
                if value is not None:
                    out[k] = value
            return out or None
        if s.get("type") == "array" and depth < max_depth:
            item = build(s.get("items"), depth + 1)
            return None if item is None else [item]
        return None

    for name, s in schemas.items():
        body = build(s, 0)
        if isinstance(body, dict) and len(body) >= 3:
            yield camel_head(name), body


# ---------------------------------------------------------------------------- leaves and words


def without(extract: Extractor, holds: Callable[[str], bool]) -> Extractor:
    """The extractor's documents except those whose JSON text (non-ASCII kept) ``holds``
    says to leave out: a set's filter of documents holding a real person's data."""

    def wrapped(cache: Path) -> Iterator[tuple[str, Any]]:
        for family, body in extract(cache):
            if not holds(json.dumps(body, ensure_ascii=False)):
                yield family, body

    return wrapped


_MARK_WORD = re.compile(r"[\w.@+-]+")


def marks(text: str) -> set[str]:
    """The SHA-256 digests of the lower-case words of ``text`` (``@`` and dots kept, so that an
    e-mail address is one word): how a set names a real person's data without writing it."""
    return {hashlib.sha256(w.encode()).hexdigest() for w in _MARK_WORD.findall(text.lower())}


def without_marked(extract: Extractor, digests: frozenset[str]) -> Extractor:
    """The extractor's documents except those holding a word whose digest (`marks`) is one of
    ``digests``."""
    if not digests:
        return extract
    return without(extract, lambda text: bool(digests & marks(text)))


def cut(node: Any, items: int) -> Any:
    """Arrays cut to their first ``items`` items, at every depth."""
    if isinstance(node, dict):
        return {k: cut(v, items) for k, v in node.items()}
    if isinstance(node, list):
        return [cut(v, items) for v in node[:items]]
    return node


def leaves(body: Any) -> Iterator[Leaf]:
    """(path, parents' keys, key, value, siblings) of every scalar leaf; an array's items take
    the array's key, a leaf's siblings are the object holding it."""

    def go(n: Any, path: str, parents: list[str], key: str, sib: dict[str, Any]) -> Iterator[Leaf]:
        if isinstance(n, dict):
            for k, v in n.items():
                yield from go(v, f"{path}.{k}", [*parents, key] if key else parents, k, n)
        elif isinstance(n, list):
            for v in n:
                yield from go(v, f"{path}[*]", parents, key, sib)
        else:
            yield path, parents, key, n, sib

    yield from go(body, "$", [], "", {})


def words(key: str) -> list[str]:
    """A key's words, lower case (``accountHolderName`` → account, holder, name)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", key)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


# ---------------------------------------------------------------------------- family names


def slug(text: str) -> str:
    """A family name: lower case, runs of other characters as one ``_``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "root"


def stem(rel: str) -> str:
    """A file's name up to its first dot (``tests/get-user.response.json`` → ``get-user``)."""
    return Path(rel).name.split(".")[0]


def words_family(name: str, drop: str = r"") -> str:
    """A family from a file stem: its words without numbers, ids and the ``drop`` pattern."""
    kept = [
        w
        for w in re.split(r"[^A-Za-z]+", re.sub(drop, "", name) if drop else name)
        if w and not re.fullmatch(r"[A-Z0-9]{6,}|v\d*|\d+", w)
    ]
    return slug("_".join(kept).lower() or name)


def stem_words(rel: str) -> str:
    """The family most fixture files take: the words of the file's stem."""
    return words_family(stem(rel))


# ---------------------------------------------------------------------------- hand decisions


def decision(
    overrides: dict[str, Any], family: str, path: str, value: Any, siblings: dict[str, Any]
) -> str | None:
    """The type (or ``none``) of the first hand decision matching this leaf: its ``family`` is
    the family or a prefix of it, its ``path`` the path or a suffix of it, its optional
    ``value`` a prefix of the value and its optional ``sibling`` a ``key=value`` beside it."""
    for one in overrides["decisions"]:
        if not family.startswith(one["family"]):
            continue
        want = one["path"]
        if not (path == want or (want[0] in ".[" and path.endswith(want))):
            continue
        if "value" in one and (value is None or not str(value).startswith(one["value"])):
            continue  # (a null is no value: ``"N"`` must not match ``str(None)``)
        if "sibling" in one:
            k, _, v = one["sibling"].partition("=")
            if str(siblings.get(k)) != v:
                continue
        return str(one["type"])
    return None


def layered(own_words: OwnWords, earlier: LeafTypes) -> LeafTypes:
    """The leaf rules of a set that adds key words to an earlier set's: its own words decide a
    scalar they name; everything else (free text, JSON written as a string, other keys) goes
    through the ``earlier`` set's rules."""

    def leaf_types(parents: list[str], key: str, value: Any, sib: dict[str, Any]) -> set[str]:
        if not isinstance(value, bool | None) and not str(value).lstrip().startswith(("{", "[")):
            ws = words(key)
            own = own_words(parents, ws, "".join(ws), str(value).strip(), sib)
            if own is not False:
                return {own} if isinstance(own, str) else set()
        return earlier(parents, key, value, sib)

    return leaf_types


def data_only(leaf_types: LeafTypes) -> LeafTypes:
    """A set's leaf rules under the convention from v16 on: a leaf without data
    (`empty`) has no type, whatever its key says."""

    def leaf_types_of_data(
        parents: list[str], key: str, value: Any, sib: dict[str, Any]
    ) -> set[str]:
        return set() if empty(value) else leaf_types(parents, key, value, sib)

    return leaf_types_of_data


def rule_labels(body: Any, leaf_types: LeafTypes) -> set[tuple[str, str]]:
    """Every (path, type) the rules give a document: a path carries the types of its values."""
    out = set()
    for path, parents, key, value, sib in leaves(body):
        out |= {(path, t) for t in leaf_types(parents, key, value, sib)}
    return out


def labels(
    family: str, body: Any, overrides: dict[str, Any], leaf_types: LeafTypes
) -> set[tuple[str, str]]:
    """The final labels: each value takes its hand decision, or else its rule types; a path
    carries the types of its values."""
    out = set()
    for path, parents, key, value, sib in leaves(body):
        t = decision(overrides, family, path, value, sib)
        if t is None:
            out |= {(path, x) for x in leaf_types(parents, key, value, sib)}
        elif t != "none":
            out.add((path, t))
    return out


# ---------------------------------------------------------------------------- selection


@dataclass(frozen=True, slots=True)
class Caps:
    """How a set's documents are chosen: arrays cut to their first ``array_items`` items;
    documents of ``min_leaves`` to ``max_leaves`` leaves; per family at most ``per_family``
    documents with rule labels (richest first) and one without; documents with rule labels on
    fewer than ``min_density`` of their leaves left out; per source at most ``per_source``
    documents (or its ``source_cap``). ``prefix`` starts each family (``v15<source>/<family>``);
    the defaults are the selection v11 to v15 share."""

    prefix: str
    array_items: int = 3
    min_leaves: int = 4
    max_leaves: int = 120
    min_density: float = 0.02
    per_family: int = 12
    per_source: int = 60
    source_cap: Mapping[str, int] | None = None


def candidates(
    extractors: Mapping[str, Extractor], cache: Path, caps: Caps
) -> list[tuple[str, Any]]:
    """Every (family, body) of every source, arrays cut, sized and without duplicates."""
    seen: set[str] = set()
    out = []
    for name, extract in extractors.items():
        for family, raw in extract(cache):
            body = cut(raw, caps.array_items)
            if isinstance(body, list):
                if len(body) != 1 or not isinstance(body[0], dict):
                    body = {"data": body}
                else:
                    body = body[0]
            n = sum(1 for _ in leaves(body))
            if not caps.min_leaves <= n <= caps.max_leaves:
                continue
            digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            out.append((f"{caps.prefix}{name}/{family}", body))
    return out


def select(cands: list[tuple[str, Any]], rules: RuleLabels, caps: Caps) -> list[tuple[str, Any]]:
    """Per family at most ``per_family`` documents with rule labels (most rule-label types first,
    then the densest) and the first without; per source at most its cap, families taken in
    turn; families without any rule label are left out. Rules alone decide."""
    by_family: dict[str, list[tuple[int, Any]]] = {}
    for i, (family, body) in enumerate(cands):
        by_family.setdefault(family, []).append((i, body))
    chosen_by_source: dict[str, list[list[int]]] = {}
    for family in sorted(by_family):
        with_labels, without = [], []
        for i, body in by_family[family]:
            found = rules(body)
            n = sum(1 for _ in leaves(body))
            if not found:
                without.append(i)
            elif len({p for p, _ in found}) / n >= caps.min_density:
                kinds = len({t for _, t in found})
                with_labels.append((-kinds, -len(found) / n, i))
        if not with_labels:
            continue
        picked = [i for _, _, i in sorted(with_labels)[: caps.per_family]] + without[:1]
        chosen_by_source.setdefault(family.split("/")[0], []).append(picked)
    keep: set[int] = set()
    for source, families in chosen_by_source.items():
        cap = (caps.source_cap or {}).get(source, caps.per_source)
        taken = 0
        depth = 0
        while taken < cap and any(depth < len(f) for f in families):
            for f in families:
                if depth < len(f) and taken < cap:
                    keep.add(f[depth])
                    taken += 1
            depth += 1
    return [cands[i] for i in sorted(keep)]


# ---------------------------------------------------------------------------- build and write


def build(
    chosen: Iterable[tuple[str, Any]],
    overrides_file: Path,
    rules: RuleLabels,
    final_labels: Callable[[str, Any, dict[str, Any]], set[tuple[str, str]]],
) -> tuple[Docs, int]:
    """The documents with their final labels, and how many labels the hand decisions changed."""
    overrides = json.loads(overrides_file.read_text(encoding="utf-8"))
    docs = []
    changed = 0
    for family, body in chosen:
        found = rules(body)
        final = final_labels(family, body, overrides)
        changed += len(found ^ final)
        docs.append({"family": family, "body": body, "labels": sorted(map(list, final))})
    return docs, changed


@dataclass(frozen=True, slots=True)
class RealSet:
    """One set's own parts bound to the shared steps: its caps, extractors, hand decisions
    file and the types its rules give one leaf."""

    caps: Caps
    extractors: Mapping[str, Extractor]
    overrides_file: Path
    leaf_types: LeafTypes

    def rule_labels(self, body: Any) -> set[tuple[str, str]]:
        """Every (path, type) the rules give a document."""
        return rule_labels(body, self.leaf_types)

    def labels(self, family: str, body: Any, overrides: dict[str, Any]) -> set[tuple[str, str]]:
        """The final labels: each value takes its hand decision, or else its rule types."""
        return labels(family, body, overrides, self.leaf_types)

    def select(self, cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """The documents the rules alone choose under the set's caps."""
        return select(cands, self.rule_labels, self.caps)

    def build(self, cache: Path) -> tuple[Docs, int]:
        """The documents with their final labels, and how many labels the hand decisions
        changed."""
        chosen = self.select(candidates(self.extractors, cache, self.caps))
        return build(chosen, self.overrides_file, self.rule_labels, self.labels)


def write(docs: Docs) -> str:
    """The JSON-lines text of ``docs`` (one document a line, keys in a fixed order)."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


# ---------------------------------------------------------------------------- review


def wide_review(
    docs: list[dict[str, Any]], suspect: re.Pattern[str], *, family_width: int = 34
) -> None:
    """`review` with the columns v7 and later sets print (types joined, wide values)."""
    review(docs, suspect, join_types=True, value_width=70, family_width=family_width, path_width=55)


def review(
    docs: Docs,
    suspect: re.Pattern[str],
    *,
    join_types: bool = False,
    value_width: int = 80,
    family_width: int = 40,
    path_width: int = 60,
) -> None:
    """Print every label, and every unlabelled leaf whose key or value looks personal, grouped
    by family and path (one line each, with up to three distinct values); with ``join_types``
    a path of several types shows them joined by ``+``."""
    rows: dict[tuple[str, str, str], list[str]] = {}
    for d in docs:
        found: dict[str, str] = {}
        for p, t in d["labels"]:
            found[p] = f"{found[p]}+{t}" if join_types and p in found else t
        for path, _, key, value, _ in leaves(d["body"]):
            if isinstance(value, bool) or value is None:
                continue
            t = found.get(path)
            shown = str(value)
            if t is None and not (
                suspect.search(key) or "@" in shown or re.search(r"\d{6}", shown)
            ):
                continue
            k = (d["family"], path, t or "-")
            vals = rows.setdefault(k, [])
            if shown[:value_width] not in vals and len(vals) < 3:
                vals.append(shown[:value_width])
    for (family, path, t), vals in sorted(rows.items()):
        line = f"{t:16} {family:{family_width}} {path:{path_width}} {' | '.join(vals)}\n"
        sys.stdout.write(line)


def main(  # noqa: PLR0917 (a set's parts, in the order a builder names them)
    argv: list[str],
    cache: Path,
    out: Path,
    build_docs: Callable[[Path], tuple[Docs, int]],
    sources: Mapping[str, Source],
    show: Callable[[Docs], None],
) -> None:
    """``fill MIRRORS``, ``review`` or (no argument) rebuild the committed file and print its
    documents, families and labels per type."""
    if argv[:1] == ["fill"]:
        fill(sources, Path(argv[1]), cache)
        return
    docs, changed = build_docs(cache)
    if argv[:1] == ["review"]:
        show(docs)
        return
    out.write_text(write(docs), encoding="utf-8")
    per_type = Counter(t for d in docs for _, t in d["labels"])
    families = len({d["family"] for d in docs})
    print(f"wrote {out}: {len(docs)} documents, {families} families, {sum(per_type.values())}")
    print(f"labels ({changed} changed by hand): {dict(sorted(per_type.items()))}")


# ---------------------------------------------------------------------------- a set's builder


@dataclass(frozen=True, slots=True)
class Builder(RealSet):
    """One set's whole builder (v7 on): its shared steps (`RealSet`) with its name (``v15``:
    its files are ``set_files(name)``, its cache ``eval-<name>``), its sources, the pattern of
    keys the review shows as looking personal and the review's family column width."""

    name: str
    sources: Mapping[str, Source]
    suspect: re.Pattern[str]
    family_width: int = 34
    #: The leaf rules that chose the documents when the set was made, where its labelling rules
    #: changed later (the relabelling by the one convention, session 15): the documents stay.
    chosen_by: LeafTypes | None = None

    def select(self, cands: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """The documents the rules alone choose under the set's caps (the rules as made)."""
        chosen_by = self.chosen_by or self.leaf_types
        return select(cands, lambda body: rule_labels(body, chosen_by), self.caps)

    def default_cache(self) -> Path:
        """Where the sources are kept: ``$SIEVE_CACHE/eval-<name>`` (outside the repository)."""
        return default_cache(f"eval-{self.name}")

    def review(self, docs: Docs) -> None:
        """Print every label and every unlabelled leaf that looks personal (for the hand
        check)."""
        wide_review(docs, self.suspect, family_width=self.family_width)

    def main(self, argv: list[str]) -> None:
        """``fill MIRRORS``, ``review`` or (no argument) rebuild the committed file."""
        main(
            argv,
            self.default_cache(),
            set_files(self.name)[1],
            self.build,
            self.sources,
            self.review,
        )


def dict_literals(node: ast.AST) -> Iterator[Any]:
    """The outermost dict literals (and lists of them) under ``node`` of parsed Python test
    code that evaluate as plain values: the mocked request and response bodies."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Dict | ast.List):
            try:
                value = ast.literal_eval(child)
            except ValueError:
                yield from dict_literals(child)
                continue
            if isinstance(value, dict) or (value and isinstance(value[0], dict)):
                yield value
        else:
            yield from dict_literals(child)
