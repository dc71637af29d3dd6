"""A fitted gradient-boosted tree classifier flattened into arrays and evaluated in numpy.

scikit-learn's ``HistGradientBoostingClassifier.predict_proba`` calls one compiled routine
per tree (45 iterations x 22 classes = 990 calls), which costs milliseconds however few rows
there are. Here every tree advances one level per numpy step for all rows at once, so a
small batch (one document) costs a few dozen array operations. Large batches still go
through scikit-learn, whose per-row loop is faster there (see `Models.final_probabilities`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from sklearn.ensemble import HistGradientBoostingClassifier


class FlatForest:
    """All trees of one fitted classifier; `predict_proba` matches scikit-learn's."""

    def __init__(self, clf: HistGradientBoostingClassifier) -> None:
        predictors = clf._predictors  # the fitted trees (no public accessor)
        self.n_classes = len(predictors[0])
        self.n_iterations = len(predictors)
        nodes = [p.nodes for iteration in predictors for p in iteration]
        if any(n["is_categorical"].any() for n in nodes):
            raise ValueError("categorical splits are not supported")
        sizes = np.array([len(n) for n in nodes])
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        flat = np.concatenate(nodes)
        offset = np.repeat(starts, sizes)
        index = np.arange(len(flat))
        leaf = flat["is_leaf"].astype(bool)
        left = np.where(leaf, index, flat["left"].astype(np.intp) + offset)
        right = np.where(leaf, index, flat["right"].astype(np.intp) + offset)
        #: children[2 * node + went_right]; a leaf is its own child, so extra steps are no-ops
        self.children = np.stack([left, right], axis=1).ravel()
        self.feature = np.where(leaf, 0, flat["feature_idx"]).astype(np.intp)
        self.threshold = np.where(leaf, np.inf, flat["num_threshold"]).astype(np.float64)
        self.missing_left = flat["missing_go_to_left"].astype(bool)
        self.value = flat["value"].astype(np.float64)
        self.roots = starts.astype(np.intp)
        self.depth = int(flat["depth"].max())
        self.baseline = np.asarray(clf._baseline_prediction, dtype=np.float64).ravel()

    def raw(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Summed leaf values plus the baseline, shape (rows, classes)."""
        x = np.ascontiguousarray(x, dtype=np.float64)
        n, width = x.shape
        flat_x = x.ravel()
        row_base = (np.arange(n, dtype=np.intp) * width)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        has_nan = bool(np.isnan(flat_x).any())
        for _ in range(self.depth):
            vals = flat_x[row_base + self.feature[node]]
            right = ~(vals <= self.threshold[node])  # NaN compares False: goes right ...
            if has_nan:  # ... unless the split sends missing values left
                right &= ~(np.isnan(vals) & self.missing_left[node])
            node = self.children[2 * node + right]
        leaves = self.value[node].reshape(n, self.n_iterations, self.n_classes)
        out: npt.NDArray[np.float64] = leaves.sum(axis=1) + self.baseline
        return out

    def predict_proba(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Class probabilities (columns in the classifier's ``classes_`` order)."""
        raw = self.raw(x)
        raw -= raw.max(axis=1, keepdims=True)
        np.exp(raw, out=raw)
        raw /= raw.sum(axis=1, keepdims=True)
        return raw
