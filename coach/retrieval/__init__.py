"""Knowledge retrieval: knowledge/<lang>/*.md -> sections -> Chroma + BM25 -> `Retriever`.

Public API (the CLI, the Handbook tab, scoring feedback and the buyer voice use only this):
`open_retriever(settings)`, `build_index(settings)`, `Retriever.search/get`, `Passage`,
`IndexReport`.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from coach.errors import KnowledgeIndexError
from coach.retrieval.chunks import LEVERS, Section, load_sections
from coach.retrieval.embeddings import KamEmbeddings, make_embeddings
from coach.retrieval.index import IndexReport, KnowledgeStore, Progress, forget_index_dir
from coach.retrieval.retriever import DEFAULT_MODE, MODES, Passage, Retriever, prepare_query

__all__ = [
    "DEFAULT_MODE",
    "LEVERS",
    "MODES",
    "IndexReport",
    "KamEmbeddings",
    "Passage",
    "Retriever",
    "Section",
    "build_index",
    "clear_cache",
    "open_retriever",
    "prepare_query",
    "retrieval_mode",
]

log = logging.getLogger(__name__)
_lock = threading.RLock()
_cache: dict[tuple[str, ...], Retriever] = {}


def retrieval_mode(settings: Any) -> str:
    """`settings.retrieval_mode` (env KAM_RETRIEVAL_MODE) if present, else the default."""
    extra = getattr(settings, "extra", None) or {}
    return str(
        getattr(settings, "retrieval_mode", None) or extra.get("retrieval_mode") or DEFAULT_MODE
    )


def _store_id(settings: Any) -> str:
    return str(settings.chroma_url or Path(settings.index_dir).resolve())


def _cache_key(settings: Any, mode: str) -> tuple[str, ...]:
    return (
        _store_id(settings),
        str(Path(settings.knowledge_dir).resolve()),
        str(settings.embeddings),
        mode,
    )


def clear_cache(settings: Any | None = None) -> None:
    """Close cached retrievers (all, or those on the index of `settings`)."""
    with _lock:
        for key in list(_cache):
            if settings is None or key[0] == _store_id(settings):
                _cache.pop(key).close()


def _load(settings: Any, log_warnings: bool) -> tuple[list[Section], list[str]]:
    parsed = load_sections(Path(settings.knowledge_dir))
    if log_warnings:  # build_index returns them in its report instead
        for warning in parsed.warnings:
            log.warning("%s", warning)
    return parsed.sections, parsed.warnings


def open_retriever(
    settings: Any, build_if_missing: bool = True, *, mode: str | None = None
) -> Retriever:
    """The retriever for these settings, cached per process.

    With `build_if_missing` the index is built on first use and brought up to date with the
    knowledge files (only changed sections are embedded). Without it, an existing index is
    opened as it is, and a missing one raises `KnowledgeIndexError`.
    """
    mode = mode or retrieval_mode(settings)
    key = _cache_key(settings, mode)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        embeddings = make_embeddings(settings)
        warnings: list[str] = []
        store = KnowledgeStore.open(settings, embeddings, create=build_if_missing)
        try:
            if build_if_missing:
                sections, warnings = _load(settings, log_warnings=True)
                if sections:
                    store.sync(sections)
                else:
                    warnings.append(
                        f"no knowledge files under {settings.knowledge_dir}; "
                        "using the index as it is"
                    )
            if store.count() == 0:
                raise KnowledgeIndexError(
                    f"the knowledge index is empty and there are no knowledge files under "
                    f"{settings.knowledge_dir} (expected de/*.md, en/*.md). Set "
                    "KAM_KNOWLEDGE_DIR, then run `kam-coach index --rebuild`."
                )
            retriever = Retriever(store, mode=mode, warnings=warnings)
        except BaseException:
            store.close()
            raise
        _cache[key] = retriever
        return retriever


def build_index(
    settings: Any, rebuild: bool = False, progress: Progress | None = None
) -> IndexReport:
    """Bring the index up to date with the knowledge files; `rebuild` starts from scratch.

    `progress(done, total)` is called as sections are embedded (for a progress bar).
    A rebuild also repairs a corrupt index directory.
    """
    started = time.perf_counter()
    sections, warnings = _load(settings, log_warnings=False)
    if not sections:
        raise KnowledgeIndexError(
            f"no knowledge files found under {settings.knowledge_dir} (expected "
            "<lang>/*.md, e.g. de/01-preis.md). Set KAM_KNOWLEDGE_DIR to the knowledge folder."
        )
    with _lock:
        clear_cache(settings)
        if rebuild and not settings.chroma_url:
            forget_index_dir(Path(settings.index_dir))
        embeddings = make_embeddings(settings)
        store = KnowledgeStore.open(settings, embeddings, create=True, fresh=rebuild)
        try:
            report = store.sync(sections, progress)
        finally:
            store.close()
    report.warnings = warnings
    report.seconds = time.perf_counter() - started
    return report
