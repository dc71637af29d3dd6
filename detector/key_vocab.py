"""Builds the list of words the key model was trained on (`detector.key_novelty` reads it).

``python -m detector.key_vocab`` walks the training generator's documents (`detector.synth`,
the seeds and sizes ``python -m detector.train`` uses for both models) and adds the words of
every field spec's keys and literal keys (all types and the negatives, other languages
included), so a word the generator can emit but the two corpora happened not to draw is
listed too. Each key and parent key is split as the key model splits it
(`features.key_tokens`), each word folded (`word_form`); the sorted words are written to
`KEY_WORDS_FILE`, the same generator giving the same bytes. Nothing here reads an
evaluation set.
"""

from __future__ import annotations

from collections.abc import Iterable

from detector.features import key_tokens
from detector.key_novelty import KEY_WORDS_FILE, word_form
from detector.synth import NEGATIVE, SENSITIVE, STYLES, style_key, training_corpus
from detector.train import FINAL_DOCS, KEY_DOCS, SEED
from detector.walker import walk


def _words(keys: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for key in keys:
        for word in key_tokens(key).split():
            form = word_form(word)
            if form:
                out.add(form)
    return out


def _spec_keys() -> set[str]:
    """Every key of every field spec in every style, and the literal keys as written."""
    keys: set[str] = set()
    for spec in (*SENSITIVE, *NEGATIVE):
        keys.update(spec.literal)
        for tokens in spec.keys:
            keys.update(style_key(None, tokens, style) for style in STYLES)
    return keys


def _corpus_keys() -> set[str]:
    """The keys and parent keys of the two training corpora's leaves."""
    keys: set[str] = set()
    for seed, n in ((SEED, KEY_DOCS), (SEED + 1, FINAL_DOCS)):
        for doc in training_corpus(seed, n):
            for leaf in walk(doc.body, array_sample=3):
                keys.add(leaf.key)
                keys.add(leaf.parent)
    return keys


def read() -> set[str]:
    """The folded words of every key the training generator emitted or lists."""
    return _words(_corpus_keys() | _spec_keys())


def render(words: set[str]) -> bytes:
    """The file's bytes: one word a line, sorted."""
    return ("\n".join(sorted(words)) + "\n").encode("utf-8")


def main() -> None:
    """Rebuild `KEY_WORDS_FILE`."""
    KEY_WORDS_FILE.write_bytes(render(read()))
    print(f"wrote {KEY_WORDS_FILE} ({KEY_WORDS_FILE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
