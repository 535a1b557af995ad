"""Test-wide guards: no network, no real model, a private data dir per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import coach, send_tab, trainee  # noqa: F401 - fixtures of the UI handler tests

from coach import llm as coach_llm

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KAM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAM_OFFLINE", "1")
    for name in ("KAM_LLM_BASE_URL", "KAM_LLM_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(coach_llm, "ALLOW_MODEL_REQUESTS", False)


@pytest.fixture
def coach_app(tmp_path: Path):
    """A Coach on the shipped scenarios with its own database."""
    from coach.config import load_settings
    from coach.session import Coach
    from coach.store import Store

    settings = load_settings()
    return Coach(settings=settings, store=Store(tmp_path / "coach.sqlite3"))
