"""Search the knowledge base: dense (Chroma), lexical (BM25) or hybrid (reciprocal rank fusion).

Lexical is two BM25 rankings fused: whole (stemmed) words and character 4-grams of them.
Hybrid fuses those two with the dense ranking.

Every section exists in German and English under the same id. With `pool_languages` (the
default) a search matches the question against both languages and returns the passage in
the requested language, so an English question finds the German text through its English
twin. Which mode is the default was decided by evals/retrieval/run.py (see its README).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.errors import CoachError
from coach.retrieval.chunks import Section
from coach.retrieval.index import KnowledgeStore
from coach.retrieval.lexical import BM25, char_ngrams, tokenize

MODES = ("dense", "lexical", "hybrid")
DEFAULT_MODE = "hybrid"
MAX_QUERY_CHARS = 2000
MAX_K = 50
RRF_K = 60  # the constant of Cormack et al. (2009); small lists make it uncritical
_CANDIDATES = 50
_QUERY_CACHE = 256  # recent query vectors: the UI and the eval repeat questions

Ranking = list[tuple[str, float]]  # (record key "<lang>:<id>", score), best first


@dataclass(frozen=True)
class Passage:
    """A knowledge section as returned by a search (score: higher is better)."""

    id: str
    text: str
    source: str
    heading: str
    lang: str
    levers: tuple[str, ...] = ()
    score: float = 0.0
    tags: tuple[str, ...] = ()
    topic: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The `kam-coach ask --format json` shape: text, source, heading, score (+ more)."""
        return {
            "id": self.id,
            "text": self.text,
            "source": self.source,
            "heading": self.heading,
            "score": round(float(self.score), 4),
            "lang": self.lang,
            "levers": list(self.levers),
            "tags": list(self.tags),
        }

    @classmethod
    def from_section(cls, section: Section, score: float) -> Passage:
        return cls(
            id=section.id,
            text=section.text,
            source=section.source,
            heading=section.heading,
            lang=section.lang,
            levers=section.levers,
            score=score,
            tags=section.tags,
            topic=section.topic,
        )


def prepare_query(query: object) -> str:
    """Collapse whitespace; a very long question keeps its start and its end."""
    if not isinstance(query, str) or not query.strip():
        raise CoachError(
            "the question is empty. Ask something about negotiating with a buyer, e.g. "
            "'Wie reagiere ich auf eine WKZ-Forderung?'"
        )
    text = " ".join(query.split())
    if len(text) <= MAX_QUERY_CHARS:
        return text
    # A pasted transcript usually ends with the actual question: keep head and tail.
    head = text[: MAX_QUERY_CHARS * 3 // 5].rsplit(" ", 1)[0]
    tail = text[-(MAX_QUERY_CHARS * 2 // 5) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def reciprocal_rank_fusion(
    rankings: Sequence[Ranking], weights: Sequence[float] | None = None, k: int = RRF_K
) -> Ranking:
    """Fuse rankings by sum of weight / (k + rank); scores are scaled to 0..1."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (key, _score) in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    best = sum(weights) / (k + 1) or 1.0
    return sorted(((key, s / best) for key, s in fused.items()), key=lambda p: -p[1])


def collapse_languages(ranking: Ranking) -> Ranking:
    """Keep the best-ranked record of each section id (the other language's twin drops)."""
    seen: set[str] = set()
    out = []
    for key, score in ranking:
        section_id = key.split(":", 1)[1]
        if section_id not in seen:
            seen.add(section_id)
            out.append((key, score))
    return out


class Retriever:
    """Searches one knowledge index; cheap to share between threads (read-only after init)."""

    def __init__(
        self,
        store: KnowledgeStore,
        mode: str = DEFAULT_MODE,
        pool_languages: bool = True,
        warnings: Sequence[str] = (),
    ):
        if mode not in MODES:
            raise CoachError(f"unknown retrieval mode '{mode}'. Use one of: {', '.join(MODES)}")
        self.store = store
        self.mode = mode
        self.pool_languages = pool_languages
        self.warnings = list(warnings)
        self._lock = threading.Lock()
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._sections: dict[str, Section] = {s.key: s for s in store.records()}
        self.languages = sorted({s.lang for s in self._sections.values()})
        # per language: record keys, BM25 over words, BM25 over character n-grams
        self._lexical: dict[str, tuple[list[str], BM25, BM25]] = {}
        for lang in self.languages:
            keys = sorted(k for k, s in self._sections.items() if s.lang == lang)
            docs = [tokenize(self._sections[k].embedding_text) for k in keys]
            self._lexical[lang] = (keys, BM25(docs), BM25([char_ngrams(d) for d in docs]))

    @property
    def embeddings(self) -> Any:
        return self.store.embeddings

    def __len__(self) -> int:
        return len(self._sections)

    def close(self) -> None:
        self.store.close()

    def clear_query_cache(self) -> None:
        with self._lock:
            self._query_vectors.clear()

    def _check_lang(self, lang: str | None) -> str | None:
        if lang is None:
            return None
        code = lang.strip().lower().split("-")[0]
        if code not in self.languages:
            known = ", ".join(self.languages) or "(the index is empty)"
            raise CoachError(f"no knowledge in language '{lang}'. Available: {known}")
        return code

    # -- rankings -----------------------------------------------------------------------
    def dense_ranking(self, text: str, lang: str | None, n: int = _CANDIDATES) -> Ranking:
        with self._lock:  # the USE model is not documented as thread-safe
            vector = self._query_vectors.get(text)
            if vector is None:
                vector = self.store.embeddings.embed_query_array(text)
                self._query_vectors[text] = vector
                if len(self._query_vectors) > _QUERY_CACHE:
                    self._query_vectors.popitem(last=False)
            else:
                self._query_vectors.move_to_end(text)
        size = sum(1 for s in self._sections.values() if lang is None or s.lang == lang)
        return self.store.query(vector, min(n, size), lang)

    def lexical_rankings(
        self, text: str, lang: str | None, n: int = _CANDIDATES
    ) -> tuple[Ranking, Ranking]:
        """BM25 over words and over character n-grams (languages merged by score)."""
        tokens = tokenize(text)
        grams = char_ngrams(tokens)
        words: Ranking = []
        ngrams: Ranking = []
        for code, (keys, word_index, gram_index) in self._lexical.items():
            if lang is None or code == lang:
                words.extend((keys[i], score) for i, score in word_index.top(tokens, n))
                ngrams.extend((keys[i], score) for i, score in gram_index.top(grams, n))
        words.sort(key=lambda pair: -pair[1])
        ngrams.sort(key=lambda pair: -pair[1])
        return words[:n], ngrams[:n]

    def ranking(
        self,
        query: str,
        lang: str | None = None,
        mode: str | None = None,
        pool_languages: bool | None = None,
    ) -> Ranking:
        """Record keys, best first, in `lang` (or any language when None), one per section.

        `mode` and `pool_languages` override the retriever's defaults (the eval compares them).
        """
        mode = mode or self.mode
        if mode not in MODES:
            raise CoachError(f"unknown retrieval mode '{mode}'. Use one of: {', '.join(MODES)}")
        pool = self.pool_languages if pool_languages is None else pool_languages
        text = prepare_query(query)
        lang = self._check_lang(lang)
        search_lang = None if pool else lang
        rankings: list[Ranking] = []
        if mode in ("dense", "hybrid"):
            rankings.append(self.dense_ranking(text, search_lang))
        if mode in ("lexical", "hybrid"):
            rankings.extend(self.lexical_rankings(text, search_lang))
        # Fuse per section id, so a section's German and English records vote together.
        first_lang: dict[str, str] = {}
        by_id: list[Ranking] = []
        for ranking in rankings:
            ids: Ranking = []
            for key, score in collapse_languages(ranking):
                record_lang, section_id = key.split(":", 1)
                first_lang.setdefault(section_id, record_lang)
                ids.append((section_id, score))
            by_id.append(ids)
        fused = by_id[0] if len(by_id) == 1 else reciprocal_rank_fusion(by_id)
        out = []
        for section_id, score in fused:
            key = f"{lang or first_lang[section_id]}:{section_id}"
            if key in self._sections:
                out.append((key, score))
        return out

    # -- public API ---------------------------------------------------------------------
    def search(self, query: str, k: int = 4, lang: str | None = None) -> list[Passage]:
        """The k passages that best answer `query`, in `lang` (None: any language)."""
        if not isinstance(k, int) or k < 1:
            raise CoachError(f"k must be a whole number of at least 1, not {k!r}")
        ranked = self.ranking(query, lang)[: min(k, MAX_K)]
        return [Passage.from_section(self._sections[key], score) for key, score in ranked]

    def get(self, section_id: str, lang: str) -> Passage | None:
        """The section with this id in this language, or None."""
        code = (lang or "").strip().lower().split("-")[0]
        section = self._sections.get(f"{code}:{section_id}")
        return Passage.from_section(section, 1.0) if section else None

    def passages(self, lang: str | None = None) -> list[Passage]:
        """Every section (for browsing, e.g. the Handbook tab), in source order."""
        chosen = [s for s in self._sections.values() if lang is None or s.lang == lang]
        chosen.sort(key=lambda s: (s.lang, s.source, s.order))
        return [Passage.from_section(s, 0.0) for s in chosen]
