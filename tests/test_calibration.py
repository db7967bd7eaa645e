"""Confidences that mean what they say: each model's temperature (etl/nlp/train.py) rescales its logits."""

from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp

from etl.nlp import TASKS, classifier
from etl.nlp.train import _nll, temperature

TEXTS = ["jalan rusak parah mohon diperbaiki", "terima kasih pelayanannya cepat", "kapan pendaftaran dibuka?",
         "Selamat Hari Guru Nasional", "banyu PDAM ora mili", "sampah menumpuk di pasar"]


@pytest.mark.parametrize("task", list(TASKS))
def test_the_temperature_changes_confidences_never_labels(task):
    model = classifier(task)
    assert 0.2 <= model.temperature < 1  # the fitted models were under-confident: T < 1 sharpens them
    plain = replace(model, temperature=1.0)
    labels, conf = model.predict(TEXTS)
    labels_plain, conf_plain = plain.predict(TEXTS)
    assert labels == labels_plain
    assert all(c >= p - 1e-6 for c, p in zip(conf, conf_plain, strict=True))  # sharper, never flatter
    probs = model.probabilities([t.split() for t in TEXTS])
    assert np.allclose(probs.sum(axis=1), 1, atol=1e-5)


def test_the_temperature_sharpens_a_timid_model_and_softens_a_bold_one():
    """Strong regularisation (small C) keeps the logits small though the model is mostly right: the temperature
    fitted on its cross-validated logits is below 1; weak regularisation overfits the folds: above 1."""
    rng = np.random.default_rng(0)
    y = np.array(["a", "b", "c"] * 100)
    signal = np.zeros((300, 3))
    signal[np.arange(300), np.searchsorted(["a", "b", "c"], y)] = 1.5
    x = sp.csr_matrix(np.hstack([signal + rng.normal(size=(300, 3)), rng.normal(size=(300, 5))]))
    assert 0.2 < temperature(x, y, np.ones(300), n_own=300, c=0.01) < 1 < temperature(x, y, np.ones(300), 300, 10)
    assert _nll(np.zeros((3, 3)), np.array([0, 1, 2])) == pytest.approx(np.log(3))
