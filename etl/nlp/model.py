"""Loading a trained linear model and classifying texts with it.

Features (the same function, ``features``, for training and prediction):

* word 1–2-grams of ``normalize.tokens(text)``, hashed into ``N_FEATURES`` columns: a unigram's
  column is its MurmurHash3 (seed 0) modulo ``N_FEATURES``; a bigram's column mixes the two
  words' hashes with the SplitMix64 finaliser. Counts, then the row is scaled to unit length.
* optionally (the topic model), character n-grams inside word boundaries (``char_wb``) of the
  tokens joined by spaces, hashed as scikit-learn's ``HashingVectorizer`` does into another
  ``N_CHAR_FEATURES`` columns, unit length, times ``char_weight``.

All stateless and deterministic: the same text always gets the same features and label.

Prediction does not import scikit-learn (≈ 1 s): hashes come from ``mmh3`` (the same MurmurHash3),
each block's CSR matrix is built straight from row lengths (no COO conversion) and normalised
here; scipy.sparse is imported when texts are first classified, not with the module. Training
and the reference vectorizer the tests compare against import scikit-learn themselves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import mmh3
import numpy as np

from etl.nlp import emoji, negation, sarcasm, topic_terms
from etl.nlp.normalize import TOKEN_PATTERN, tokens
from etl.nlp.rules import is_ritual_tokens

if TYPE_CHECKING:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

MODELS = Path(__file__).resolve().parent / "models"
TASKS = {"sentiment": "sentimen", "content": "konten", "topic": "topik"}
SCHEME = "tok12-mm3-sm64/1"  # identifies the feature function; stored in every weights file
N_FEATURES = 2**20
N_CHAR_FEATURES = 2**20
MASK = np.uint64(N_FEATURES - 1)
HASH_CACHE_LIMIT = 400_000
CHUNK = 10_000  # texts per feature matrix in predict (bounds memory for 100k-text calls; same answers)
CUES = ("negation", "emoji", "sarcasm", "topic_terms")  # FeatureSpec's switches, stored in a weights file by name
EMOJI_ONLY_CONFIDENCE = 0.9  # a comment of emoji only, labelled by the emoji lexicon (etl/nlp/emoji.py)
__all__ = ["TASKS", "TOKEN_PATTERN", "Classifier", "FeatureSpec", "classifier", "features"]


class _Hashes(dict):
    """token → its 32-bit MurmurHash3 (memo)."""

    def __missing__(self, token: str) -> int:
        if len(self) >= HASH_CACHE_LIMIT:
            self.clear()
        h = self[token] = mmh3.hash(token, 0, signed=False)
        return h


_HASH = _Hashes()


def _mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser of (a, b): a well-spread 64-bit value for an ordered pair of hashes."""
    with np.errstate(over="ignore"):
        z = (a << np.uint64(32)) | b
        z ^= z >> np.uint64(30)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(27)
        z *= np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return z


def _entry_rows(indptr: np.ndarray) -> np.ndarray:
    """The row of every stored entry of a CSR matrix with this ``indptr``."""
    return np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))


def unit_rows(cols: np.ndarray, lens: np.ndarray, width: int) -> sp.csr_matrix:
    """Row i counts the columns ``cols[start_i : start_i + lens[i]]``; every row scaled to unit length.

    Built straight from the row lengths (no COO conversion); duplicates are summed by scipy's per-row
    sort, which beats one global sort of all (row, column) keys.
    """
    import scipy.sparse as sp

    indptr = np.concatenate([[0], np.cumsum(lens)])
    x = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols.astype(np.int32), indptr),
                      shape=(len(lens), width), dtype=np.float32)
    x.sum_duplicates()
    row_of_entry = _entry_rows(x.indptr)
    squares = np.bincount(row_of_entry, weights=np.square(x.data, dtype=np.float64), minlength=len(lens))
    x.data /= np.sqrt(squares).astype(np.float32)[row_of_entry]
    return x


def word_features(token_lists: list[list[str]]) -> sp.csr_matrix:
    """Hashed, unit-length word 1–2-gram counts, one row per token list."""
    n = len(token_lists)
    lens = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
    total = int(lens.sum())
    h = _HASH
    flat = np.fromiter((h[t] for toks in token_lists for t in toks), dtype=np.uint64, count=total)
    rows = np.repeat(np.arange(n, dtype=np.int64), lens)
    pair = rows[:-1] == rows[1:]  # consecutive tokens of the same text
    cols = np.concatenate([flat & MASK, _mix(flat[:-1][pair], flat[1:][pair]) & MASK])
    rows = np.concatenate([rows, rows[:-1][pair]])
    order = np.argsort(rows, kind="stable")  # two sorted runs (words, pairs): one merge
    return unit_rows(cols[order], np.bincount(rows, minlength=n), N_FEATURES)


@dataclass(frozen=True)
class FeatureSpec:
    """What a weights file was trained on: word n-grams (of the tokens with negation scopes marked, if
    ``negation``: etl/nlp/negation.py; with emoji polarities, if ``emoji``: etl/nlp/emoji.py; with sarcasm cues,
    if ``sarcasm``: etl/nlp/sarcasm.py), plus char n-grams if ``char_ngrams``."""

    char_ngrams: tuple[int, int] | None = None
    char_weight: float = 1.0
    negation: bool = False
    emoji: bool = False
    sarcasm: bool = False
    topic_terms: bool = False

    def words(self, token_lists: list[list[str]]) -> list[list[str]]:
        """The tokens the word n-grams are counted on."""
        if self.negation:
            token_lists = [negation.mark(t) for t in token_lists]
        if self.emoji:
            token_lists = [emoji.mark(t) for t in token_lists]
        if self.sarcasm:
            token_lists = [sarcasm.mark(t) for t in token_lists]
        if self.topic_terms:
            token_lists = [topic_terms.mark(t) for t in token_lists]
        return token_lists

    @property
    def n_features(self) -> int:
        return N_FEATURES + (N_CHAR_FEATURES if self.char_ngrams else 0)


def char_vectorizer(ngrams: tuple[int, int]) -> HashingVectorizer:
    """The reference definition of the char block; ``char_features`` computes the same, faster."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=N_CHAR_FEATURES, analyzer="char_wb", ngram_range=ngrams,
                             alternate_sign=False, lowercase=False, norm="l2", dtype=np.float32)


def _char_wb(token: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's char_wb n-grams of one word (padded with a space each side)."""
    w = f" {token} "
    grams = []
    for n in range(lo, hi + 1):
        grams += [w[i:i + n] for i in range(max(len(w) - n, 0) + 1)]
        if len(w) <= n:  # a short word counts once
            break
    return grams


def _char_column(gram: str) -> int:
    h = mmh3.hash(gram, 0)  # as HashingVectorizer: signed hash of the UTF-8 bytes
    return (2147483647 - (N_CHAR_FEATURES - 1)) % N_CHAR_FEATURES if h == -2147483648 else abs(h) % N_CHAR_FEATURES


class _CharColumns(dict):
    """token → its id, and the columns of every id's char n-grams in one flat array (memo: words repeat across
    texts, so most are hits; gathering a text's columns is then array arithmetic, not a list of small arrays)."""

    def __init__(self, ngrams: tuple[int, int]) -> None:
        super().__init__()
        self.ngrams = ngrams
        self.flat = np.zeros(0, dtype=np.int32)  # every known token's columns, one after the other
        self.starts = np.zeros(0, dtype=np.int64)  # id → where its columns start in ``flat``
        self.lengths = np.zeros(0, dtype=np.int64)  # id → how many
        self._new: list[np.ndarray] = []  # columns of the tokens met since the last ``commit``

    def __missing__(self, token: str) -> int:
        self._new.append(np.array([_char_column(g) for g in _char_wb(token, *self.ngrams)], dtype=np.int32))
        found = self[token] = len(self.lengths) + len(self._new) - 1
        return found

    def commit(self) -> None:
        """Append the new tokens' columns to the arrays."""
        if self._new:
            lengths = np.fromiter(map(len, self._new), dtype=np.int64, count=len(self._new))
            self.starts = np.concatenate([self.starts, len(self.flat) + np.cumsum(lengths) - lengths])
            self.lengths = np.concatenate([self.lengths, lengths])
            self.flat = np.concatenate([self.flat, *self._new])
            self._new = []

    def fresh(self) -> _CharColumns:
        """This memo, or an empty one once it holds HASH_CACHE_LIMIT tokens (memory stays bounded)."""
        return self if len(self) < HASH_CACHE_LIMIT else _CharColumns(self.ngrams)


_CHAR_MEMOS: dict[tuple[int, int], _CharColumns] = {}


def char_features(token_lists: list[list[str]], ngrams: tuple[int, int]) -> sp.csr_matrix:
    """Exactly ``char_vectorizer(ngrams).transform([" ".join(t) for t in token_lists])``."""
    memo = _CHAR_MEMOS[ngrams] = _CHAR_MEMOS.get(ngrams, _CharColumns(ngrams)).fresh()
    counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    ids = np.fromiter((memo[t] for toks in token_lists for t in toks), dtype=np.int64, count=int(counts.sum()))
    memo.commit()
    lens = memo.lengths[ids]
    ends = np.cumsum(lens)
    # entry k of token i reads flat[starts[i] + k]
    cols = memo.flat[np.repeat(memo.starts[ids] - (ends - lens), lens) + np.arange(int(ends[-1]) if len(ends) else 0)]
    text_ends = np.concatenate([[0], ends])[np.cumsum(counts)]
    per_text = np.diff(np.concatenate([[0], text_ends]))
    return unit_rows(cols, per_text, N_CHAR_FEATURES)


def blocks(token_lists: list[list[str]], spec: FeatureSpec) -> list[tuple[int, sp.csr_matrix]]:
    """The feature blocks of ``spec``, each with the column it starts at."""
    found = [(0, word_features(spec.words(token_lists)))]
    if spec.char_ngrams:
        chars = char_features(token_lists, spec.char_ngrams)
        chars.data *= np.float32(spec.char_weight)
        found.append((N_FEATURES, chars))
    return found


def features(token_lists: list[list[str]], spec: FeatureSpec) -> sp.csr_matrix:
    """The training matrix: one row per token list, ``spec.n_features`` columns."""
    import scipy.sparse as sp

    return sp.hstack([x for _, x in blocks(token_lists, spec)], format="csr", dtype=np.float32)


@dataclass(frozen=True)
class Classifier:
    task: str
    labels: tuple[str, ...]
    weights: np.ndarray  # dense, one row per feature column that has a weight × labels
    row_of: np.ndarray  # feature column → its row in ``weights``, or the zero row at the end
    bias: np.ndarray
    version: str
    spec: FeatureSpec = FeatureSpec()
    temperature: float = 1.0  # logits are divided by it: confidences fitted to be honest (etl/nlp/train.py)

    def probabilities(self, token_lists: list[list[str]]) -> np.ndarray:
        import scipy.sparse as sp

        n = len(token_lists)
        logits = np.tile(self.bias.astype(np.float32), (n, 1))
        for start, x in blocks(token_lists, self.spec):
            # columns without a weight all point at one zero row: a sparse × small dense product
            logits += sp.csr_matrix((x.data, self.row_of[x.indices + start], x.indptr),
                                    shape=(n, len(self.weights))) @ self.weights
        logits /= np.float32(self.temperature)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, texts: list[str]) -> tuple[list[str], list[float]]:
        """Label and confidence (the probability of that label) for every text."""
        if not texts:
            return [], []
        token_lists = [tokens(t or "") for t in texts]
        probs = np.vstack([self.probabilities(token_lists[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)])
        best = probs.argmax(axis=1)
        labels = [self.labels[i] for i in best]
        conf = probs[np.arange(len(texts)), best].astype(float).tolist()
        if self.task == "sentiment":
            for i, toks in enumerate(token_lists):
                if is_ritual_tokens(toks):
                    labels[i], conf[i] = "neutral", 1.0
                elif self.spec.emoji and (by_emoji := emoji.emoji_only(toks)):
                    labels[i], conf[i] = by_emoji, EMOJI_ONLY_CONFIDENCE
        return labels, conf


def save(path: Path, labels: list[str], weights: sp.csr_matrix, bias: np.ndarray, spec: FeatureSpec,
         temperature: float = 1.0) -> None:
    extra = {name: np.array(getattr(spec, name)) for name in CUES} | {"temperature": np.array(temperature)}
    if spec.char_ngrams:
        extra |= {"char_ngrams": np.array(spec.char_ngrams), "char_weight": np.array(spec.char_weight)}
    np.savez_compressed(path, scheme=np.array(SCHEME), labels=np.array(labels), data=weights.data,
                        indices=weights.indices, indptr=weights.indptr, shape=np.array(weights.shape),
                        bias=bias, **extra)


def _compact(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray,
             shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The rows of the (mostly empty) CSR weight matrix that are used, dense, plus the column → row map
    (unused columns map to a zero row at the end)."""
    used = np.flatnonzero(np.diff(indptr))
    row_of = np.full(shape[0], len(used), dtype=np.int32)
    row_of[used] = np.arange(len(used), dtype=np.int32)
    dense = np.zeros((len(used) + 1, shape[1]), dtype=np.float32)
    dense[row_of[_entry_rows(indptr)], indices] = data
    return dense, row_of


def version(task: str) -> str:
    """The shipped model's version, ``<task file>-<first 10 hex of its SHA-256>``, without loading it (the app
    compares it with the versions stored in the warehouse)."""
    return _version(task, (MODELS / f"{TASKS[task]}.npz").read_bytes())


def _version(task: str, raw: bytes) -> str:
    return f"{TASKS[task]}-{hashlib.sha256(raw).hexdigest()[:10]}"


@cache
def classifier(task: str) -> Classifier:
    """The shipped model for 'sentiment', 'content' or 'topic'."""
    path = MODELS / f"{TASKS[task]}.npz"
    raw = path.read_bytes()
    z = np.load(path)
    if "scheme" not in z or str(z["scheme"]) != SCHEME:
        raise ValueError(f"{path} was trained with other features; retrain: python -m etl.nlp.train {task}")
    spec = FeatureSpec(**{name: name in z and bool(z[name]) for name in CUES})
    if "char_ngrams" in z:
        spec = replace(spec, char_ngrams=tuple(int(v) for v in z["char_ngrams"]), char_weight=float(z["char_weight"]))
    shape = tuple(int(v) for v in z["shape"])
    if shape[0] != spec.n_features:
        raise ValueError(f"{path}: {shape[0]} feature rows, expected {spec.n_features}")
    weights, row_of = _compact(z["data"], z["indices"], z["indptr"], shape)
    temperature = float(z["temperature"]) if "temperature" in z else 1.0
    return Classifier(task, tuple(z["labels"].tolist()), weights, row_of, z["bias"], _version(task, raw), spec,
                      temperature)
