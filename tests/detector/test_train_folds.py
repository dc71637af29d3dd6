"""Cross-fitted key probabilities (detector/train.py): the final model learns from key
probabilities of key models that never saw the row's own key."""

from __future__ import annotations

from collections import Counter

from detector.model import CLASSES, Models, fit_key_model
from detector.train import cross_fitted_key_probabilities, key_fold

EMAIL = CLASSES.index("email")


def test_folds_follow_the_own_key_not_the_parent() -> None:
    for folds in (3, 5):
        assert key_fold("first name | p_user", folds) == key_fold("first name | ", folds)
        assert 0 <= key_fold("e mail | p_customer", folds) < folds


def test_a_key_is_scored_by_a_model_that_never_saw_it() -> None:
    words = ["email", "e mail", "mail", "email address", "contact email", "user email"]
    others = ["order id", "status", "total", "created at", "sku", "page", "city", "color"]
    counts: Counter[tuple[str, str]] = Counter()
    for w in words:
        counts[f"{w} | ", "email"] += 5
    for w in others:
        counts[f"{w} | ", "none"] += 5
    contexts = sorted(c for c, _ in counts)
    crossed = cross_fitted_key_probabilities(counts, contexts, seed=1, folds=3)
    ctx, lab, wt = zip(*((c, t, float(n)) for (c, t), n in sorted(counts.items())), strict=True)
    vec, clf = fit_key_model(list(ctx), list(lab), list(wt), 1)
    full = dict(zip(contexts, Models(vec, clf, None).key_probabilities(contexts), strict=True))
    assert set(crossed) == set(contexts)
    # every e-mail key is less sure when its own key was held out, yet still leans to e-mail
    for w in words:
        assert crossed[f"{w} | "][EMAIL] < full[f"{w} | "][EMAIL]
    assert sum(crossed[f"{w} | "][EMAIL] > 0.5 for w in words) >= 4
