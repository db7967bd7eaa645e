"""Cross-validation on the training data only — how the classifiers' settings were chosen.

    python bench/nlp_cv.py topic [--folds 5] [--c 4 8 16] [--char 2 5] [--char-weight 1]
                           [--legacy] [--no-negation] [--no-terms]

Stratified k-fold over ``data/nlp/train/<task>.csv``. For sentiment the public sets (SmSA and
NusaX-Senti train/valid) are always in the training part and only our own rows are scored.
Never reads ``data/nlp/eval/`` or SmSA's test split (that is ``bench/nlp_bench.py``'s job, once,
at the end). ``--legacy`` scores the previous feature function (scikit-learn's HashingVectorizer
on normalised text) for comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.metrics import accuracy_score, f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.nlp.model import TASKS, TOKEN_PATTERN, features  # noqa: E402
from etl.nlp.normalize import normalize, tokens  # noqa: E402
from etl.nlp.train import SPEC, C, Linear, folds, training_rows  # noqa: E402


def legacy_features(texts: list[str]):
    vec = HashingVectorizer(n_features=2**20, ngram_range=(1, 2), alternate_sign=False, token_pattern=TOKEN_PATTERN,
                            lowercase=False, norm="l2", dtype=np.float32)
    return vec.transform([normalize(t) for t in texts])


def one_fold(x, y, w, train_idx, test_idx, c):
    model = Linear(x[train_idx], list(y[train_idx]), w[train_idx], c)
    return test_idx, model.predict(x[test_idx])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=list(TASKS))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, nargs="*")
    ap.add_argument("--char", type=int, nargs=2, metavar=("MIN", "MAX"), help="add char_wb n-grams MIN..MAX")
    ap.add_argument("--no-char", action="store_true", help="word n-grams only")
    ap.add_argument("--char-weight", type=float, default=1.0)
    ap.add_argument("--legacy", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-negation", action="store_true", help="without negation scopes (etl/nlp/negation.py)")
    ap.add_argument("--no-terms", action="store_true", help="without topic terms (etl/nlp/topic_terms.py)")
    ap.add_argument("--public", default=str(ROOT.parent / "shared" / "data" / "nlp"))
    args = ap.parse_args()
    task = args.task
    rows, weights, n_own = training_rows(task, Path(args.public) if task == "sentiment" else None)
    texts = [t for t, _ in rows]
    y = np.array([label for _, label in rows])
    w = np.asarray(weights)
    spec = SPEC[task]
    if args.char:
        spec = replace(spec, char_ngrams=tuple(args.char), char_weight=args.char_weight)
    elif args.no_char:
        spec = replace(spec, char_ngrams=None)
    if args.no_negation:
        spec = replace(spec, negation=False)
    if args.no_terms:
        spec = replace(spec, topic_terms=False)
    t0 = time.perf_counter()
    x = legacy_features(texts) if args.legacy else features([tokens(t) for t in texts], spec)
    print(f"{task}: {n_own} own rows (+{len(rows) - n_own} public), features "
          f"{'legacy' if args.legacy else spec} in {time.perf_counter() - t0:.1f}s")
    own_y = y[:n_own]
    splits = folds(own_y, args.folds, args.seed)
    public_idx = np.arange(n_own, len(rows))
    labels = sorted(set(own_y))
    for c in args.c or [C[task]]:
        t0 = time.perf_counter()
        results = Parallel(n_jobs=args.jobs)(
            delayed(one_fold)(x, y, w, np.concatenate([tr, public_idx]), te, c) for tr, te in splits)
        pred = np.empty(n_own, dtype=object)
        for te, p in results:
            pred[te] = p
        acc = accuracy_score(own_y, pred)
        macro = f1_score(own_y, pred, labels=labels, average="macro")
        line = f"C={c:<6g} accuracy {acc:.3f}  macro-F1 {macro:.3f}"
        if task == "content":
            line += f"  seremonial-vs-rest F1 {f1_score(own_y == 'seremonial', pred == 'seremonial'):.3f}"
        print(line + f"  ({time.perf_counter() - t0:.0f}s)")
        if task != "sentiment":
            per = f1_score(own_y, pred, labels=labels, average=None)
            print("  F1: " + ", ".join(f"{lab} {f:.2f}" for lab, f in zip(labels, per)))
            confused = Counter((g, p) for g, p in zip(own_y, pred) if g != p)
            print("  most confused (gold→pred): " + ", ".join(f"{g}→{p} {n}" for (g, p), n in confused.most_common(12)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
