"""Indonesian text classifiers: sentiment, OPD post content type, complaint topic.

Offline and deterministic: normalised text → hashed word 1–2-grams → a linear model whose weights
ship in ``etl/nlp/models/`` (trained by ``python -m etl.nlp.train``).
"""

from etl.nlp.model import TASKS, Classifier, classifier

__all__ = ["TASKS", "Classifier", "classifier"]
