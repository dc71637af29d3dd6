"""The learned part: a key-context model and a final model over key probabilities + value features.

Saved with skops (never pickle) beside a metadata JSON; loading checks the file's sha256, the
library versions it was trained with, and that it holds only the expected types.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import sklearn
import skops
import skops.io as sio
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from skops.io.exceptions import UntrustedTypesFoundException
from threadpoolctl import ThreadpoolController

from detector.flat_trees import FlatForest
from detector.types import NONE_LABEL, TYPE_IDS

CLASSES: tuple[str, ...] = (NONE_LABEL, *TYPE_IDS)
MODEL_FILE = "model.skops"
META_FILE = "model.json"
DEFAULT_DIR = Path(__file__).resolve().parent / "model"

#: Types a model file may contain besides skops' defaults; anything else is refused.
TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
        "builtins.str",
        "builtins.float",
        "builtins.int",
        "builtins.slice",
        "builtins.type",
        "numpy.dtype",
        "numpy.float64",
        "numpy.int64",
        "numpy.ndarray",
        "numpy.random.mtrand.RandomState",
        "scipy.sparse._csr.csr_matrix",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
        "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
        "sklearn._loss.loss.HalfMultinomialLoss",
        "sklearn._loss.link.MultinomialLogit",
        "sklearn._loss.link.Interval",
        "sklearn._loss._loss.CyHalfMultinomialLoss",
        "sklearn.utils._bunch.Bunch",
        "collections.OrderedDict",
    }
)


class ModelLoadError(RuntimeError):
    """The model files are missing, altered, untrusted, or from other library versions."""


#: Up to this many rows the final model runs as a `FlatForest` (no per-tree call cost);
#: above it scikit-learn's compiled per-row loop is faster.
FLAT_MAX_ROWS = 128


@dataclass
class Models:
    """The fitted estimators."""

    key_vectorizer: TfidfVectorizer
    key_classifier: LogisticRegression
    final: HistGradientBoostingClassifier

    @cached_property
    def _flat_final(self) -> FlatForest:
        return FlatForest(self.final)

    @cached_property
    def _final_columns(self) -> npt.NDArray[np.intp]:
        return np.array([CLASSES.index(str(c)) for c in self.final.classes_], dtype=np.intp)

    def key_probabilities(self, contexts: list[str]) -> npt.NDArray[np.float64]:
        """Class probabilities (columns in `CLASSES` order) for key contexts."""
        x = self.key_vectorizer.transform(contexts)
        out = np.zeros((len(contexts), len(CLASSES)))
        probs = self.key_classifier.predict_proba(x)
        for j, cls in enumerate(self.key_classifier.classes_):
            out[:, CLASSES.index(str(cls))] = probs[:, j]
        return out

    def final_probabilities(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Class probabilities (columns in `CLASSES` order) for feature rows."""
        out = np.zeros((x.shape[0], len(CLASSES)))
        if x.shape[0] <= FLAT_MAX_ROWS:
            probs = self._flat_final.predict_proba(x)
        else:
            # one OpenMP thread: scikit-learn walks each of the many small trees in a parallel
            # region of its own, whose threads cost more CPU time than they save on a batch
            with (
                sklearn.config_context(assume_finite=True),
                _thread_pools().limit(limits=1, user_api="openmp"),
            ):
                probs = self.final.predict_proba(x)
        out[:, self._final_columns] = probs
        return out


@cache
def _thread_pools() -> ThreadpoolController:
    """The process's native thread pools, found once (a lookup per call costs a millisecond)."""
    return ThreadpoolController()


def fit_key_model(
    contexts: list[str], labels: list[str], weights: list[float], seed: int
) -> tuple[TfidfVectorizer, LogisticRegression]:
    """Fit the key-context model on (context, label, weight) rows."""
    vec = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=1, dtype=np.float64
    )
    x = vec.fit_transform(contexts)
    clf = LogisticRegression(C=20.0, max_iter=2000, random_state=seed)
    clf.fit(x, labels, sample_weight=np.asarray(weights))
    return vec, clf


def fit_final_model(
    x: npt.NDArray[np.float64], y: list[str], seed: int
) -> HistGradientBoostingClassifier:
    """Fit the final model on key probabilities + value features."""
    clf = HistGradientBoostingClassifier(
        max_iter=45,
        learning_rate=0.12,
        max_leaf_nodes=15,
        early_stopping=False,
        random_state=seed,
    )
    clf.fit(x, y)
    return clf


def versions() -> dict[str, str]:
    """Library versions a model depends on."""
    import scipy

    return {
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "skops": skops.__version__,
    }


#: How many leading version components must match: scikit-learn and skops change their
#: persisted formats between minor releases; numpy and scipy between major ones.
VERSION_PARTS = {"scikit-learn": 2, "skops": 2, "numpy": 1, "scipy": 1}


def compatible(trained: object, running: dict[str, str]) -> bool:
    """Whether a model trained with ``trained`` versions may be loaded under ``running``."""
    if not isinstance(trained, dict):
        return False
    for lib, parts in VERSION_PARTS.items():
        have, want = str(trained.get(lib, "")), running[lib]
        if have.split(".")[:parts] != want.split(".")[:parts]:
            return False
    return True


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(models: Models, directory: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Write model.skops and model.json (versions, sha256 and ``meta``) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / MODEL_FILE
    state = {
        "key_vectorizer": models.key_vectorizer,
        "key_classifier": models.key_classifier,
        "final": models.final,
    }
    sio.dump(state, target, compression=8)  # ZIP_DEFLATED
    full = {**meta, "versions": versions(), "sha256": sha256_of(target), "classes": CLASSES}
    (directory / META_FILE).write_text(json.dumps(full, indent=2, sort_keys=True) + "\n")
    return full


def load(directory: Path | None = None) -> tuple[Models, dict[str, Any]]:
    """Load and verify the model in ``directory`` (default: the bundled one)."""
    directory = directory or DEFAULT_DIR
    target, meta_path = directory / MODEL_FILE, directory / META_FILE
    try:
        meta = json.loads(meta_path.read_text())
        digest = sha256_of(target)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read the model in {directory}: {exc}") from None
    if digest != meta.get("sha256"):
        raise ModelLoadError(f"{target} does not match the sha256 in {meta_path}")
    if not compatible(meta.get("versions"), versions()):
        raise ModelLoadError(
            f"model trained with {meta.get('versions')}, running {versions()}; retrain with "
            "`python -m detector.train`"
        )
    if tuple(meta.get("classes", ())) != CLASSES:
        raise ModelLoadError("model classes differ from this detector's data types; retrain")
    try:
        # one pass: skops audits every type against skops' own and these before it builds
        # any object (a separate `get_untrusted_types` pass cost a third of the load)
        state = sio.load(target, trusted=sorted(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ModelLoadError(f"model file refused: {exc.args[0]}") from None
    models = Models(state["key_vectorizer"], state["key_classifier"], state["final"])
    return models, meta
