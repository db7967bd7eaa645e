"""Loading a trained linear model and classifying texts with it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from etl.nlp.normalize import normalize
from etl.nlp.rules import is_ritual

MODELS = Path(__file__).resolve().parent / "models"
TASKS = {"sentiment": "sentimen", "content": "konten", "topic": "topik"}
N_FEATURES = 2**20
# words, and single punctuation/emoji characters ("!!", "🙏" and "👍" carry sentiment)
TOKEN_PATTERN = r"(?u)\b\w+\b|[^\w\s]"


def vectorizer() -> HashingVectorizer:
    """Stateless and deterministic (MurmurHash3): the same text always gives the same features.

    Takes texts already passed through ``normalize``.
    """
    return HashingVectorizer(n_features=N_FEATURES, ngram_range=(1, 2), alternate_sign=False,
                             token_pattern=TOKEN_PATTERN, lowercase=False, norm="l2", dtype=np.float32)


@dataclass(frozen=True)
class Classifier:
    task: str
    labels: tuple[str, ...]
    weights: sp.csr_matrix  # N_FEATURES × labels
    bias: np.ndarray
    version: str

    def scores(self, normalized: list[str]) -> np.ndarray:
        x = vectorizer().transform(normalized)
        logits = np.asarray((x @ self.weights).todense()) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, texts: list[str]) -> tuple[list[str], list[float]]:
        """Label and confidence (the probability of that label) for every text."""
        if not texts:
            return [], []
        normalized = [normalize(t or "") for t in texts]
        probs = self.scores(normalized)
        best = probs.argmax(axis=1)
        labels = [self.labels[i] for i in best]
        conf = probs[np.arange(len(texts)), best].astype(float).tolist()
        if self.task == "sentiment":
            for i, text in enumerate(normalized):
                if is_ritual(text):
                    labels[i], conf[i] = "neutral", 1.0
        return labels, conf


def save(path: Path, labels: list[str], weights: sp.csr_matrix, bias: np.ndarray) -> None:
    np.savez_compressed(path, labels=np.array(labels), data=weights.data, indices=weights.indices,
                        indptr=weights.indptr, shape=np.array(weights.shape), bias=bias)


@cache
def classifier(task: str) -> Classifier:
    """The shipped model for 'sentiment', 'content' or 'topic'."""
    path = MODELS / f"{TASKS[task]}.npz"
    raw = path.read_bytes()
    z = np.load(path)
    weights = sp.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
    version = f"{TASKS[task]}-{hashlib.sha256(raw).hexdigest()[:10]}"
    return Classifier(task, tuple(z["labels"].tolist()), weights, z["bias"], version)
