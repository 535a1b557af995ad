"""A small BM25 index with German/English normalisation (lowercase, umlauts, light stemmer).

Dense multilingual embeddings miss exact trade terms (WKZ, KEP, DISG, Jahresgespräch);
BM25 catches them. The stemmer is deliberately light (after Savoy's German light stemmer
and a minimal English one): it conflates inflections, not meanings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

_DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER_LETTER = re.compile(r"\b(\d+)\s*-\s*([a-z])\b")  # "6-P" -> "6p", not two dropped bits
NGRAM = 4
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "à": "a"})
_S_ENDING = set("bdfghklmnrt")
_ST_ENDING = _S_ENDING - {"r"}


@cache
def stopwords() -> frozenset[str]:
    """German and English stopwords from data files (a linguist can extend them)."""
    words: set[str] = set()
    for path in sorted(_DATA.glob("stopwords-*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                words.add(word.lower().translate(_FOLD))
    return frozenset(words)


def stem(token: str) -> str:
    """Light suffix stripping for German and English (the language of a query is unknown)."""
    word = token
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    # step 1 (German light stemmer)
    if len(word) > 5 and word.endswith("ern"):
        word = word[:-3]
    elif len(word) > 4 and word[-2:] in ("em", "en", "er", "es"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    elif len(word) > 3 and word.endswith("s") and word[-2] in _S_ENDING:
        word = word[:-1]
    # step 2
    if len(word) > 5 and word.endswith("est"):
        word = word[:-3]
    elif len(word) > 4 and word[-2:] in ("er", "en"):
        word = word[:-2]
    elif len(word) > 4 and word.endswith("st") and word[-3] in _ST_ENDING:
        word = word[:-2]
    return word


def tokenize(text: str) -> list[str]:
    """Lowercase, fold umlauts, drop stopwords, stem."""
    folded = _NUMBER_LETTER.sub(r"\1\2", text.lower().translate(_FOLD))
    stop = stopwords()
    return [stem(tok) for tok in _TOKEN.findall(folded) if tok not in stop and len(tok) > 1]


def char_ngrams(tokens: Sequence[str], n: int = NGRAM) -> list[str]:
    """Character n-grams of each token: German compounds share them with their parts
    (Verhandlungsvorbereitung ~ vorbereiten), where whole words never match."""
    return [tok[i : i + n] for tok in tokens for i in range(max(1, len(tok) - n + 1))]


class BM25:
    """Okapi BM25 over a fixed list of token lists (rebuilt when the index changes)."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75):
        self.n_docs = len(docs)
        lengths = np.array([len(doc) for doc in docs], dtype=np.float32)
        avg = float(lengths.mean()) if self.n_docs and lengths.sum() else 1.0
        norm = k1 * (1.0 - b + b * lengths / avg)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, doc in enumerate(docs):
            for term, count in Counter(doc).items():
                ids, tfs = postings.setdefault(term, ([], []))
                ids.append(i)
                tfs.append(count)
        # Precompute each posting's weight: query time is a gather and a sum.
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (ids, tfs) in postings.items():
            idx = np.array(ids, dtype=np.int64)
            tf = np.array(tfs, dtype=np.float32)
            idf = math.log(1.0 + (self.n_docs - len(ids) + 0.5) / (len(ids) + 0.5))
            self._postings[term] = (idx, idf * tf * (k1 + 1.0) / (tf + norm[idx]))

    @property
    def vocabulary(self) -> set[str]:
        return set(self._postings)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every document (0 for documents sharing no term)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for term in set(query_tokens):
            hit = self._postings.get(term)
            if hit is not None:
                out[hit[0]] += hit[1]
        return out

    def top(self, query_tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """(document index, score) of the best k documents with a positive score."""
        scores = self.scores(query_tokens)
        if not self.n_docs:
            return []
        k = min(k, self.n_docs)
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]
