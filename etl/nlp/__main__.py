"""python -m etl.nlp sentiment|content|topic — one text per line on stdin, one answer per line.

Each answer is the label, a TAB and the confidence (0–1, three decimals).
"""

from __future__ import annotations

import argparse
import sys

from etl.nlp.model import TASKS, classifier

BATCH = 10_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.nlp", description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=list(TASKS))
    args = ap.parse_args(argv)
    model = classifier(args.task)
    lines: list[str] = []

    def flush() -> None:
        labels, conf = model.predict(lines)
        sys.stdout.write("".join(f"{lab}\t{c:.3f}\n" for lab, c in zip(labels, conf, strict=True)))
        lines.clear()

    for line in sys.stdin:
        lines.append(line.rstrip("\r\n"))
        if len(lines) >= BATCH:
            flush()
    flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
