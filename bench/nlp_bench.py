"""Classifier benchmark: accuracy, macro-F1 and confusion matrix per task, and texts per second.

    python bench/nlp_bench.py [--public ../shared/data/nlp] [--outside /work/heldout]

Evaluates on ``data/nlp/eval/`` (written independently of the training data and never read by
training) and, for sentiment, on SmSA's test split. Targets (issue 3): sentiment macro-F1 ≥ 0.85
on our eval and ≥ 0.78 on SmSA test; content F1 ≥ 0.92 for seremonial vs rest and accuracy
≥ 0.85; topic accuracy ≥ 0.85; ≥ 20,000 texts/s for sentiment in one process.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, recall_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.nlp.model import TASKS, classifier  # noqa: E402
from etl.nlp.train import read_csv  # noqa: E402


def report(name: str, gold: list[str], pred: list[str], labels: list[str]) -> dict[str, float]:
    acc = accuracy_score(gold, pred)
    macro = f1_score(gold, pred, labels=labels, average="macro", zero_division=0)
    print(f"\n== {name}: n={len(gold)}  accuracy {acc:.3f}  macro-F1 {macro:.3f}")
    width = max(len(label) for label in labels) + 1
    print(" " * width + "".join(f"{label[:8]:>9}" for label in labels) + "   ← predicted")
    for label, row in zip(labels, confusion_matrix(gold, pred, labels=labels), strict=True):
        print(f"{label:<{width}}" + "".join(f"{v:>9}" for v in row))
    per = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    print("F1 per label: " + ", ".join(f"{lab} {f:.2f}" for lab, f in zip(labels, per, strict=True)))
    recall = recall_score(gold, pred, labels=labels, average=None, zero_division=0)
    print("recall per label: " + ", ".join(f"{lab} {r:.2f}" for lab, r in zip(labels, recall, strict=True)))
    if "negative" in labels:
        print(f"negative share: predicted {pred.count('negative') / len(pred):.1%}, "
              f"true {gold.count('negative') / len(gold):.1%} (target: within ±3 points)")
    return {"accuracy": acc, "macro_f1": macro}


def smsa_test(public: Path) -> list[tuple[str, str]]:
    path = public / "smsa" / "test_preprocess.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").rsplit("\t", 1)) for line in f if "\t" in line]


def speed(task: str, texts: list[str], n: int = 50_000) -> float:
    model = classifier(task)
    sample = (texts * (n // len(texts) + 1))[:n]
    sample = [f"{t} kode{i}" for i, t in enumerate(sample)]  # no two texts identical (a new word each)
    t0 = time.perf_counter()
    model.predict(sample)
    return n / (time.perf_counter() - t0)


def reliability(gold: list[str], pred: list[str], conf: list[float], bins: int = 10) -> None:
    """How far the confidences are from the accuracy they promise: per confidence band, and the expected
    calibration error (ECE: the bands' gaps weighted by their share of texts)."""
    rows = sorted(zip(conf, [g == p for g, p in zip(gold, pred, strict=True)], strict=True))
    ece, line = 0.0, []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        band = [(c, ok) for c, ok in rows if lo < c <= hi or (b == 0 and c == 0)]
        if band:
            said, right = sum(c for c, _ in band) / len(band), sum(ok for _, ok in band) / len(band)
            ece += len(band) / len(rows) * abs(said - right)
            line.append(f"{lo:.1f}–{hi:.1f}: n={len(band)} said {said:.2f} right {right:.2f}")
    print(f"calibration: ECE {ece:.3f} ({'; '.join(line)})")


def phenomena(model, path: Path) -> None:
    """Accuracy per phenomenon of a held-out file (teks, label, fenomena)."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pred, _ = model.predict([r["teks"] for r in rows])
    print(f"\n== {model.task} per phenomenon ({path}; target ≥ 0.85 each)")
    for kind in sorted({r["fenomena"] for r in rows}):
        hits = [p == r["label"] for p, r in zip(pred, rows, strict=True) if r["fenomena"] == kind]
        print(f"{kind:<10} n={len(hits):<4} accuracy {sum(hits) / len(hits):.3f}")


def outside(folder: Path) -> None:
    """Scores on a held-out set kept outside the repository: ``folder``/{sentimen,konten,topik}.csv, with a
    ``fenomena`` column scored per phenomenon where the file has one."""
    for task, stem in TASKS.items():
        path = folder / f"{stem}.csv"
        if not path.exists():
            continue
        model, rows = classifier(task), read_csv(path)
        pred, conf = model.predict([t for t, _ in rows])
        report(f"{task} ({path}, {model.version})", [g for _, g in rows], pred, list(model.labels))
        reliability([g for _, g in rows], pred, conf)
        with path.open(encoding="utf-8") as f:
            if "fenomena" in (csv.DictReader(f).fieldnames or []):
                phenomena(model, path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--public", default=str(ROOT.parent / "shared" / "data" / "nlp"))
    ap.add_argument("--outside", type=Path, help="also score a held-out set kept outside the repository")
    args = ap.parse_args()
    eval_dir = ROOT / "data" / "nlp" / "eval"
    for task, stem in TASKS.items():
        model = classifier(task)
        rows = read_csv(eval_dir / f"{stem}.csv")
        texts, gold = [t for t, _ in rows], [g for _, g in rows]
        pred, conf = model.predict(texts)
        report(f"{task} (held-out, {model.version})", gold, pred, list(model.labels))
        reliability(gold, pred, conf)
        if task == "topic":
            phenomena(model, eval_dir / "fenomena_topik.csv")
        if task == "content":
            binary = f1_score([g == "seremonial" for g in gold], [p == "seremonial" for p in pred])
            print(f"seremonial vs rest: F1 {binary:.3f}")
        if task == "sentiment":
            assert model.predict(texts)[0] == pred, "not deterministic"
            phenomena(model, eval_dir / "fenomena.csv")
            test = smsa_test(Path(args.public))
            if test:
                got, _ = model.predict([t for t, _ in test])
                report("sentiment (SmSA test)", [g for _, g in test], got, list(model.labels))
        print(f"\n{task} speed: {speed(task, texts):,.0f} texts/s (one process, distinct texts)")
    if args.outside:
        outside(args.outside)


if __name__ == "__main__":
    main()
