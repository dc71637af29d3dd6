"""Whether the key model learned a key's words: the training vocabulary and a key's novelty.

The key model reads character n-grams, so on a key whose words it never saw (``samu``,
``denominacao_social``, ``hostname``) it still answers, often with confidence, from chance
pieces of those words. `KEY_WORDS_FILE` lists every word of every key and parent key the
training generator emits (built by ``python -m detector.key_vocab``); a key's words are
compared folded (case and accents), without the digits at their ends (``address1``), as
singular or plural (``telefones``, ``addresses``). `known_context` is a leaf's key context
with its unknown words left out, for asking the key model what the known words alone say.
"""

from __future__ import annotations

import string
from enum import IntEnum
from functools import cache, lru_cache
from pathlib import Path

from detector.features import key_tokens
from detector.name_fold import fold

#: The folded words of the training generator's keys, one a line, sorted.
KEY_WORDS_FILE = Path(__file__).resolve().parent / "data" / "key_words.txt"


def word_form(word: str) -> str:
    """A key word as the list holds it: folded, no digits at its ends; "" when it has no
    letter (``#``, a data key's ``{*}``), which is no word the model could have missed."""
    form = fold(word).strip(string.digits)
    return form if any(c.isalpha() for c in form) else ""


@cache
def key_words() -> frozenset[str]:
    """The words of `KEY_WORDS_FILE` (read once, on first use: its builder imports this
    module before the file exists)."""
    try:
        text = KEY_WORDS_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise ImportError(
            f"the key vocabulary {KEY_WORDS_FILE} could not be read ({exc}): rebuild it with"
            " python -m detector.key_vocab"
        ) from exc
    return frozenset(text.split())


def _forms(form: str) -> tuple[str, ...]:
    """The word and its singular or plural (``addresses`` → ``address``, ``cities`` →
    ``city``, ``telefones`` → ``telefone``/``telefon``, ``name`` → ``names``)."""
    out = [form, form + "s"]
    if form.endswith("ies"):
        out.append(form[:-3] + "y")
    if form.endswith("es"):
        out.append(form[:-2])
    if form.endswith("s"):
        out.append(form[:-1])
    return tuple(out)


def known_word(word: str) -> bool:
    """Whether the training keys hold ``word`` (a word of `features.key_tokens`)."""
    form = word_form(word)
    words = key_words()
    return not form or any(f in words for f in _forms(form))


class Novelty(IntEnum):
    """How many of a key's words the training keys hold."""

    KNOWN = 0
    SOME_KNOWN = 1
    NONE_KNOWN = 2


@lru_cache(maxsize=65_536)
def key_novelty(key: str) -> Novelty:
    """All, some or none of ``key``'s words are known (a key without words: all)."""
    known = [known_word(w) for w in key_tokens(key).split()]
    if all(known):
        return Novelty.KNOWN
    return Novelty.SOME_KNOWN if any(known) else Novelty.NONE_KNOWN


#: Words of a personal field that keys written fused end with (athenahealth's
#: ``insurancepolicyholderfirstname``, ``guarantordob``): the last word says what it holds.
FUSED_HEADS = (
    "firstname", "lastname", "middlename", "fullname", "surname", "username", "dob",
    "birthdate", "dateofbirth", "sex", "gender", "address", "email", "phone", "ssn",
)  # fmt: skip


def _head(word: str) -> str:
    """The personal field word an unknown fused word ends with (`FUSED_HEADS`), or ""."""
    form = word_form(word)
    return next((h for h in FUSED_HEADS if form.endswith(h) and form != h), "")


@lru_cache(maxsize=65_536)
def known_context(key: str, parent: str) -> str | None:
    """The key context (`features.key_context`'s layout) of the key's and the parent's known
    words only, an unknown fused word replaced by the personal field word it ends with
    (`FUSED_HEADS`), or None when every word of the key is known (there is nothing to leave
    out): what the key model says from the words it learned."""
    if key_novelty(key) is Novelty.KNOWN:
        return None
    kept = (w if known_word(w) else _head(w) for w in key_tokens(key).split())
    own = " ".join(w for w in kept if w)
    above = " ".join(f"p_{w}" for w in key_tokens(parent).split() if known_word(w))
    return f"{own} | {above}"
