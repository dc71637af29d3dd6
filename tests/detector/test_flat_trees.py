"""The flattened tree ensemble gives scikit-learn's probabilities, with or without NaNs; large
batches go through scikit-learn on one OpenMP thread."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_info

from detector.engine import DetectionEngine, feature_rows, worth_inspecting
from detector.features import key_context
from detector.flat_trees import FlatForest
from detector.model import FLAT_MAX_ROWS
from detector.synth import heldout_corpus


def test_matches_sklearn_with_missing_values() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 6))
    y = (x[:, 0] + x[:, 1] ** 2 > 1).astype(int) + (x[:, 2] > 0.5)
    x[rng.random(x.shape) < 0.1] = np.nan
    clf = HistGradientBoostingClassifier(max_iter=8, max_leaf_nodes=9, random_state=0)
    clf.fit(x, y)
    test = rng.normal(size=(50, 6))
    test[rng.random(test.shape) < 0.2] = np.nan
    flat = FlatForest(clf).predict_proba(test)
    np.testing.assert_allclose(flat, clf.predict_proba(test), atol=1e-12)


def test_bundled_model_both_paths_agree(engine: DetectionEngine) -> None:
    leaves = [
        leaf
        for doc in heldout_corpus(5, 40)
        for leaf in engine.leaves(doc.body)
        if worth_inspecting(leaf.value, 4096)
    ]
    probs = engine.models.key_probabilities([key_context(leaf) for leaf in leaves])
    x, todo = feature_rows(leaves, probs)
    x = x[todo]
    assert len(x) > FLAT_MAX_ROWS  # one call through scikit-learn, the others flat
    whole = engine.models.final_probabilities(x)
    final = engine.models.final_probabilities
    chunks = np.vstack([final(x[i : i + 10]) for i in range(0, len(x), 10)])
    np.testing.assert_allclose(chunks, whole, atol=1e-12)
    np.testing.assert_allclose(whole.sum(axis=1), 1.0)


def test_large_batches_run_on_one_openmp_thread(
    engine: DetectionEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # many small trees each in its own parallel region: threads cost more CPU than they save
    seen: list[set[int]] = []
    predict = engine.models.final.predict_proba

    def spy(x: np.ndarray) -> np.ndarray:
        pools = threadpool_info()
        seen.append({p["num_threads"] for p in pools if p["user_api"] == "openmp"})
        return np.asarray(predict(x))

    monkeypatch.setattr(engine.models.final, "predict_proba", spy)
    rows = np.zeros((FLAT_MAX_ROWS + 1, engine.models.final.n_features_in_))
    engine.models.final_probabilities(rows)
    assert seen
    assert seen[0] <= {1}
    if not seen[0]:
        pytest.skip("no OpenMP runtime loaded: nothing to limit")
