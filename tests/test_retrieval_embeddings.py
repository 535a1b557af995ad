"""Embedding backends selected by config (no network: nothing here sends a request)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from coach.config import Settings
from coach.errors import CoachError
from coach.retrieval.embeddings import KamEmbeddingFunction, fake_embeddings, make_embeddings


def _settings(tmp_path: Path, **changes) -> Settings:
    base = Settings(data_dir=tmp_path, knowledge_dir=tmp_path, scenarios_dir=tmp_path)
    return replace(base, **changes)


def test_fake_embedding_is_deterministic_unit_length_and_counts_calls():
    embeddings = fake_embeddings()
    a = embeddings.embed_documents(["Rabatt gegen Zweitplatzierung", ""])
    b = embeddings.embed_documents(["Rabatt gegen Zweitplatzierung", ""])
    assert a == b
    assert np.allclose(np.linalg.norm(np.array(a), axis=1), 1.0)
    assert embeddings.documents_embedded == 4
    assert len(embeddings.embed_query("Rabatt")) == 256
    assert embeddings.queries_embedded == 1


def test_openai_needs_an_endpoint(tmp_path: Path):
    with pytest.raises(CoachError, match="KAM_LLM_API_KEY"):
        make_embeddings(_settings(tmp_path, embeddings="openai"))


def test_openai_is_selected_by_config_without_a_request(tmp_path: Path):
    settings = _settings(
        tmp_path, embeddings="openai", llm_api_key="sk-test", llm_base_url="http://127.0.0.1:9/v1"
    )
    embeddings = make_embeddings(settings)
    assert embeddings.backend == "openai" and embeddings.name == "openai-text-embedding-3-small"


def test_unknown_backend_is_a_coach_error(tmp_path: Path):
    with pytest.raises(CoachError, match="KAM_EMBEDDINGS"):
        make_embeddings(_settings(tmp_path, embeddings="word2vec"))


def test_chroma_embedding_function_round_trips_its_config():
    function = KamEmbeddingFunction(fake_embeddings(64))
    rebuilt = KamEmbeddingFunction.build_from_config(function.get_config())
    assert rebuilt.get_config() == {"backend": "fake", "model": "64"}
    assert KamEmbeddingFunction.name() == "kam-coach"
    vectors = rebuilt(["Platzierung im Regal"])
    assert len(vectors) == 1 and len(vectors[0]) == 64
    assert not function.is_legacy()
