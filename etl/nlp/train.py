"""Train the three classifiers and write their weights to ``etl/nlp/models/``.

    python -m etl.nlp.train [--public ../shared/data/nlp] [sentiment content topic]

Sentiment learns from the project's own labelled comments/mentions/complaints
(``data/nlp/train/sentimen.csv``, weighted up because it is the target domain) plus the public
SmSA and NusaX-Senti (Indonesian, Javanese, Sundanese) train/valid splits. Content type and
complaint topic learn from the project's own data only. The vowel-less skeletons (``etl/nlp/skeleton.py``) are
regenerated from the training texts first. Admins' corrections exported with
``python -m etl corrections`` (``data/nlp/koreksi/<task>.csv``) count as the project's own data. The evaluation files
(``data/nlp/eval/``) and SmSA's test split are never read here. Regularisation and features per
task were chosen by cross-validation on the training data (``bench/nlp_cv.py``).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from etl.nlp import normalize, skeleton, topic_terms
from etl.nlp.model import MODELS, TASKS, FeatureSpec, features, save
from etl.nlp.normalize import tokens

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "data" / "nlp" / "train"
CORRECTIONS = ROOT / "data" / "nlp" / "koreksi"  # written by `python -m etl corrections`
DOMAIN_WEIGHT = 8.0  # one of our labelled government comments counts as eight public reviews
# chosen by 5-fold CV on data/nlp/train (bench/nlp_cv.py); figures in etl/nlp/models/README.md
C = {"sentiment": 8.0, "content": 32.0, "topic": 256.0}
SPEC = {"sentiment": FeatureSpec(char_ngrams=(3, 5), char_weight=0.5, negation=True, emoji=True, sarcasm=True),
        "content": FeatureSpec(char_ngrams=(3, 5)), "topic": FeatureSpec(char_ngrams=(3, 5), topic_terms=True)}


def read_csv(path: Path, text: str = "teks", label: str = "label") -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [(r[text], r[label]) for r in csv.DictReader(f) if r[text].strip() and r[label].strip()]


def public_sentiment(public: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for split in ("train_preprocess.tsv", "valid_preprocess.tsv"):
        with (public / "smsa" / split).open(encoding="utf-8") as f:
            rows += [tuple(line.rstrip("\n").rsplit("\t", 1)) for line in f if "\t" in line]
    for lang in ("indonesian", "javanese", "sundanese"):
        for split in ("train.csv", "valid.csv"):
            rows += read_csv(public / "nusax_senti" / lang / split, "text", "label")
    return rows


class Linear:
    """A multinomial logistic regression fitted on the columns the training texts use.

    Hashed features leave most of the 2^20+ columns empty; with L2 regularisation their weights are
    exactly 0 anyway, so dropping them gives the same model, many times faster.
    """

    def __init__(self, x: sp.csr_matrix, y: list[str], weights: np.ndarray, c: float) -> None:
        x = sp.csr_matrix(x)
        self.used = np.unique(x.indices)
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        model.fit(x[:, self.used], y, sample_weight=weights)
        self.classes = [str(label) for label in model.classes_]
        if len(self.classes) < 3:  # binary models keep one column; keep it general
            raise ValueError("need at least three labels")
        self.n_features = x.shape[1]
        self.coef_used = model.coef_.T.astype(np.float32)  # used features × classes
        self.intercept = model.intercept_.astype(np.float32)

    def coef(self) -> sp.csr_matrix:
        """features × classes; unseen features stay 0."""
        coef = sp.lil_matrix((self.n_features, len(self.classes)), dtype=np.float32)
        coef[self.used] = self.coef_used
        coef = coef.tocsr()
        coef.eliminate_zeros()
        return coef

    def logits(self, x: sp.csr_matrix) -> np.ndarray:
        return np.asarray(sp.csr_matrix(x)[:, self.used] @ self.coef_used + self.intercept)

    def predict(self, x: sp.csr_matrix) -> np.ndarray:
        return np.asarray(self.classes)[self.logits(x).argmax(axis=1)]


def folds(own_labels: np.ndarray, k: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified k folds of the project's own rows (the public rows, after them, are always trained on)."""
    from sklearn.model_selection import StratifiedKFold

    return list(StratifiedKFold(k, shuffle=True, random_state=seed).split(np.zeros(len(own_labels)), own_labels))


def temperature(x: sp.csr_matrix, y: np.ndarray, w: np.ndarray, n_own: int, c: float) -> float:
    """The temperature T that makes softmax(logits / T) honest: fitted on cross-validated logits of the own rows
    (5 folds), minimising their negative log-likelihood. Class-balanced, regularised logistic regression is
    under-confident (T < 1 sharpens it); the held-out reliability is in bench/nlp_bench.py."""
    public = np.arange(n_own, len(y))
    logits = np.zeros((n_own, len(set(y))))
    for train_idx, test_idx in folds(y[:n_own]):
        model = Linear(x[np.concatenate([train_idx, public])], list(y[np.concatenate([train_idx, public])]),
                       w[np.concatenate([train_idx, public])], c)
        logits[test_idx] = model.logits(x[test_idx])
        classes = model.classes
    truth = np.searchsorted(classes, y[:n_own])
    candidates = np.geomspace(0.2, 3.0, 80)
    return float(min(candidates, key=lambda t: _nll(logits / t, truth)))


def _nll(logits: np.ndarray, truth: np.ndarray) -> float:
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(truth)), truth].mean())


def fit(task: str, rows: list[tuple[str, str]], weights: list[float],
        n_own: int) -> tuple[list[str], sp.csr_matrix, np.ndarray, float]:
    """Labels, weights, bias and temperature of the model trained on ``rows`` (the first ``n_own`` the project's)."""
    x = features([tokens(t) for t, _ in rows], SPEC[task])
    y, w = np.asarray([label for _, label in rows]), np.asarray(weights)
    model = Linear(x, list(y), w, C[task])
    return model.classes, model.coef(), model.intercept, temperature(x, y, w, n_own, C[task])


def training_rows(task: str, public: Path | None) -> tuple[list[tuple[str, str]], list[float], int]:
    """(rows, sample weights, how many of the rows are the project's own)."""
    own = read_csv(OWN / f"{TASKS[task]}.csv")
    corrected = CORRECTIONS / f"{TASKS[task]}.csv"
    if corrected.exists():
        own += read_csv(corrected)
    rows, weights = list(own), [DOMAIN_WEIGHT if task == "sentiment" else 1.0] * len(own)
    if task == "sentiment" and public is not None:
        extra = public_sentiment(public)
        rows += extra
        weights += [1.0] * len(extra)
    return rows, weights, len(own)


def write_skeletons() -> None:
    """Regenerate data/nlp/leksikon/kerangka.csv (etl/nlp/skeleton.py) and forget what was read of the old one."""
    skeleton.main()
    skeleton.skeletons.cache_clear()
    normalize.forget()
    topic_terms.lexicon.cache_clear()  # its terms are read through the normaliser


def train(task: str, public: Path | None) -> Path:
    rows, weights, n_own = training_rows(task, public)
    labels, coef, bias, t = fit(task, rows, weights, n_own)
    out = MODELS / f"{TASKS[task]}.npz"
    save(out, labels, coef, bias, SPEC[task], t)
    print(f"{task}: {n_own} own rows + {len(rows) - n_own} public rows → {out} "
          f"({coef.nnz:,} weights, temperature {t:.2f}, labels {labels})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m etl.nlp.train")
    ap.add_argument("--public", default=str(ROOT.parent / "shared" / "data" / "nlp"),
                    help="folder with smsa/ and nusax_senti/ (public labelled sets)")
    ap.add_argument("tasks", nargs="*", default=list(TASKS))
    args = ap.parse_args()
    public = Path(args.public)
    write_skeletons()  # they are read from the training texts, which may have changed
    for task in args.tasks:
        train(task, public if public.exists() else None)


if __name__ == "__main__":
    main()
