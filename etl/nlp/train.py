"""Train the three classifiers and write their weights to ``etl/nlp/models/``.

    python -m etl.nlp.train [--public ../shared/data/nlp]

Sentiment learns from the project's own labelled comments/mentions/complaints
(``data/nlp/train/sentimen.csv``, weighted up because it is the target domain) plus the public
SmSA and NusaX-Senti (Indonesian, Javanese, Sundanese) train/valid splits. Content type and
complaint topic learn from the project's own data only. The evaluation files
(``data/nlp/eval/``) and SmSA's test split are never read here.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from etl.nlp.model import MODELS, TASKS, save, vectorizer
from etl.nlp.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "data" / "nlp" / "train"
DOMAIN_WEIGHT = 4.0  # one of our labelled government comments counts as four public reviews
C = {"sentiment": 8.0, "content": 8.0, "topic": 8.0}


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


def fit(task: str, rows: list[tuple[str, str]], weights: list[float]) -> tuple[list[str], sp.csr_matrix, np.ndarray]:
    texts = [normalize(t) for t, _ in rows]
    y = [label for _, label in rows]
    x = vectorizer().transform(texts)
    model = LogisticRegression(C=C[task], max_iter=3000, class_weight="balanced")
    model.fit(x, y, sample_weight=np.asarray(weights))
    coef = sp.csr_matrix(model.coef_.T.astype(np.float32))  # features × classes, unseen rows stay 0
    coef.eliminate_zeros()
    if len(model.classes_) == 2:  # binary models keep one column; keep it general
        raise ValueError("need at least three labels")
    return [str(c) for c in model.classes_], coef, model.intercept_.astype(np.float32)


def train(task: str, public: Path | None) -> Path:
    own = read_csv(OWN / f"{TASKS[task]}.csv")
    rows, weights = list(own), [DOMAIN_WEIGHT if task == "sentiment" else 1.0] * len(own)
    if task == "sentiment" and public is not None:
        extra = public_sentiment(public)
        rows += extra
        weights += [1.0] * len(extra)
    labels, coef, bias = fit(task, rows, weights)
    out = MODELS / f"{TASKS[task]}.npz"
    save(out, labels, coef, bias)
    print(f"{task}: {len(own)} own rows + {len(rows) - len(own)} public rows → {out} "
          f"({coef.nnz:,} weights, labels {labels})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m etl.nlp.train")
    ap.add_argument("--public", default=str(ROOT.parent / "shared" / "data" / "nlp"),
                    help="folder with smsa/ and nusax_senti/ (public labelled sets)")
    ap.add_argument("tasks", nargs="*", default=list(TASKS))
    args = ap.parse_args()
    public = Path(args.public)
    for task in args.tasks:
        train(task, public if public.exists() else None)


if __name__ == "__main__":
    main()
