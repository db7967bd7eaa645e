"""Indonesian text classifiers: sentiment, OPD post content type, complaint topic.

Offline and deterministic: normalised tokens → hashed word 1–2-grams (plus character 3–5-grams
for content type and topic) → a linear model whose weights ship in ``etl/nlp/models/`` (trained
by ``python -m etl.nlp.train``). The ETL labels every row at load time (``etl/classify.py``).
"""

from etl.nlp.model import TASKS, Classifier, classifier

__all__ = ["TASKS", "Classifier", "classifier"]
