"""The vector store: Chroma (embedded `PersistentClient`, or `HttpClient` by URL).

This is the only module that talks to Chroma. Records are keyed `<lang>:<section id>` and
carry a content hash, so a sync embeds only added or changed sections and deletes removed
ones. Any failure to read the store becomes a `KnowledgeIndexError` that says how to fix it.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from coach.errors import KnowledgeIndexError
from coach.retrieval.chunks import Section
from coach.retrieval.embeddings import KamEmbeddingFunction, KamEmbeddings

log = logging.getLogger(__name__)
REBUILD_HINT = "Rebuild it with `kam-coach index --rebuild`."
SQLITE_FILE = "chroma.sqlite3"
_BATCH = 64

Progress = Callable[[int, int], None]


@dataclass
class IndexReport:
    """What a build or sync did; `embedded` is the number of sections sent to the embedder."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    relabelled: int = 0  # unchanged text, new metadata (levers, tags, file name): not embedded
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    collection: str = ""

    @property
    def embedded(self) -> int:
        return self.added + self.updated

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def __str__(self) -> str:
        """One summary line, then one line per warning (what `kam-coach index` prints)."""
        line = (
            f"{self.total} sections: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.deleted} deleted"
            + (f", {self.relabelled} relabelled" if self.relabelled else "")
            + f" ({self.embedded} embedded) in {self.seconds:.1f} s"
        )
        return "\n".join([line, *(f"warning: {w}" for w in self.warnings)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "relabelled": self.relabelled,
            "seconds": round(self.seconds, 3),
            "warnings": list(self.warnings),
            "collection": self.collection,
        }


def collection_name(embeddings: KamEmbeddings) -> str:
    """One collection per vector space, so switching embeddings never mixes vectors."""
    return f"kam-knowledge-{embeddings.name}"[:200]


def _chroma_settings() -> Any:
    import chromadb

    return chromadb.Settings(anonymized_telemetry=False)


def _http_client(url: str) -> Any:
    import chromadb

    parsed = urlparse(url if "://" in url else f"http://{url}")
    ssl = parsed.scheme == "https"
    return chromadb.HttpClient(
        host=parsed.hostname or "localhost",
        port=parsed.port or (443 if ssl else 8000),
        ssl=ssl,
        settings=_chroma_settings(),
    )


def _unreadable(where: str, exc: BaseException) -> KnowledgeIndexError:
    return KnowledgeIndexError(
        f"the knowledge index at {where} cannot be read ({type(exc).__name__}: {exc}). "
        + REBUILD_HINT
    )


def index_exists(settings: Any) -> bool:
    """Whether an embedded index has been written (a server index is checked on open)."""
    return bool(settings.chroma_url) or (Path(settings.index_dir) / SQLITE_FILE).is_file()


def forget_index_dir(index_dir: Path) -> None:
    """Delete an embedded index, even an unreadable one.

    Chroma keeps one open database per path and process; it is stopped first, or a new
    client would go on writing into the deleted file.
    """
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        for path in {str(index_dir), str(index_dir.resolve())}:
            system = SharedSystemClient._identifier_to_system.pop(path, None)
            SharedSystemClient._identifier_to_refcount.pop(path, None)
            if system is not None:
                system.stop()
    except Exception as exc:  # private API: if it moved, deleting the files still helps
        log.debug("could not stop Chroma's cached system for %s: %s", index_dir, exc)
    if index_dir.exists():
        shutil.rmtree(index_dir)


class KnowledgeStore:
    """A Chroma collection plus the embeddings that fill it."""

    def __init__(self, client: Any, collection: Any, embeddings: KamEmbeddings, where: str):
        self.client = client
        self.collection = collection
        self.embeddings = embeddings
        self.where = where

    @classmethod
    def open(
        cls, settings: Any, embeddings: KamEmbeddings, create: bool, fresh: bool = False
    ) -> KnowledgeStore:
        """Open the collection; `create` allows a new one, `fresh` drops the old one first."""
        name = collection_name(embeddings)
        url = settings.chroma_url
        index_dir = Path(settings.index_dir)
        where = url or str(index_dir)
        if not url and not create and not index_exists(settings):
            raise KnowledgeIndexError(
                f"there is no knowledge index at {index_dir}. Build it with "
                "`kam-coach index --rebuild`."
            )
        client = None
        try:
            if url:
                client = _http_client(url)
            else:
                import chromadb

                if fresh:
                    forget_index_dir(index_dir)
                index_dir.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(index_dir), settings=_chroma_settings())
            function: Any = KamEmbeddingFunction(embeddings)  # Chroma's generic type is too narrow
            if url and fresh:
                names = {getattr(c, "name", c) for c in client.list_collections()}
                if name in names:
                    client.delete_collection(name)
            if create:
                collection = client.get_or_create_collection(
                    name, embedding_function=function, configuration={"hnsw": {"space": "cosine"}}
                )
            else:
                collection = client.get_collection(name, embedding_function=function)
            collection.count()  # touches the database: fails here rather than in a search
        except KnowledgeIndexError:
            raise
        except BaseException as exc:  # Chroma's Rust core panics with a BaseException
            if _fatal(exc):
                raise
            if client is not None:
                _close_quietly(client)
            if not create and "does not exist" in str(exc):
                raise KnowledgeIndexError(
                    f"the knowledge index at {where} has no collection '{name}' (built with "
                    f"other embeddings?). {REBUILD_HINT}"
                ) from exc
            raise _unreadable(where, exc) from exc
        return cls(client, collection, embeddings, where)

    def close(self) -> None:
        _close_quietly(self.client)

    def count(self) -> int:
        try:
            return int(self.collection.count())
        except Exception as exc:
            raise _unreadable(self.where, exc) from exc

    def records(self) -> list[Section]:
        """Every stored section (text and metadata, no vectors)."""
        try:
            got = self.collection.get(include=["documents", "metadatas"])
        except Exception as exc:
            raise _unreadable(self.where, exc) from exc
        sections = []
        for text, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=False):
            try:
                sections.append(Section.from_record(text or "", dict(meta or {})))
            except (KeyError, TypeError, ValueError) as exc:
                raise _unreadable(self.where, exc) from exc
        return sections

    def query(self, vector: np.ndarray, n: int, lang: str | None) -> list[tuple[str, float]]:
        """(record key, cosine similarity) of the n nearest sections, best first."""
        if n <= 0:
            return []
        try:
            got = self.collection.query(
                query_embeddings=[vector],
                n_results=n,
                where={"lang": lang} if lang else None,
                include=["distances"],
            )
        except BaseException as exc:
            if _fatal(exc):
                raise
            raise _unreadable(self.where, exc) from exc
        ids = got["ids"][0] if got["ids"] else []
        distances = got["distances"][0] if got["distances"] else []
        return [(key, 1.0 - float(dist)) for key, dist in zip(ids, distances, strict=False)]

    def stored_metadata(self) -> dict[str, dict[str, Any]]:
        try:
            got = self.collection.get(include=["metadatas"])
        except Exception as exc:
            raise _unreadable(self.where, exc) from exc
        return {
            key: dict(meta or {})
            for key, meta in zip(got["ids"], got["metadatas"] or [], strict=False)
        }

    def sync(self, sections: Sequence[Section], progress: Progress | None = None) -> IndexReport:
        """Make the collection hold exactly `sections`, embedding only what changed."""
        started = time.perf_counter()
        report = IndexReport(collection=self.collection.name)
        stored = self.stored_metadata()
        wanted = {section.key: section for section in sections}
        stale = [key for key in stored if key not in wanted]
        todo: list[Section] = []
        relabel: list[Section] = []
        for key, section in wanted.items():
            if key not in stored:
                report.added += 1
                todo.append(section)
            elif stored[key].get("hash") != section.content_hash:
                report.updated += 1
                todo.append(section)
            else:
                report.unchanged += 1
                if stored[key] != section.metadata():
                    relabel.append(section)
        total = len(wanted)
        done = report.unchanged
        if progress:
            progress(done, total)
        try:
            if stale:
                self.collection.delete(ids=stale)
                report.deleted = len(stale)
            if relabel:
                self.collection.update(
                    ids=[s.key for s in relabel],
                    metadatas=[s.metadata() for s in relabel],  # type: ignore[misc]
                )
                report.relabelled = len(relabel)
            for start in range(0, len(todo), _BATCH):
                batch = todo[start : start + _BATCH]
                vectors = self.embeddings.embed_array([s.embedding_text for s in batch])
                self.collection.upsert(
                    ids=[s.key for s in batch],
                    embeddings=[np.asarray(v, dtype=np.float32) for v in vectors],
                    documents=[s.text for s in batch],
                    metadatas=[s.metadata() for s in batch],  # type: ignore[misc]
                )
                done += len(batch)
                if progress:
                    progress(done, total)
        except KnowledgeIndexError:
            raise
        except Exception as exc:
            raise KnowledgeIndexError(
                f"writing the knowledge index at {self.where} failed ({type(exc).__name__}: "
                f"{exc}). {REBUILD_HINT}"
            ) from exc
        report.seconds = time.perf_counter() - started
        return report


def _fatal(exc: BaseException) -> bool:
    return isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit))


def _close_quietly(client: Any) -> None:
    close = getattr(client, "close", None)
    try:
        if close is not None:
            close()
        # Chroma's HTTP client never closes its httpx sessions (ResourceWarning: unclosed
        # socket); each HttpClient owns its own, so closing them here is safe.
        for owner in (client, getattr(client, "_admin_client", None)):
            session = getattr(getattr(owner, "_server", None), "_session", None)
            if session is not None:
                session.close()
    except Exception:  # closing a broken client must not hide the error being reported
        pass
