"""LLM backends: an OpenAI-compatible endpoint (langchain-openai) or nothing (offline).

`ALLOW_MODEL_REQUESTS = False` (set by the test suite) makes any attempt to build a real model
fail loudly, as pydantic-ai's switch does, so no test can reach a network by accident.
"""

from __future__ import annotations

from typing import Any

from coach.config import Settings
from coach.errors import LLMError

ALLOW_MODEL_REQUESTS = True


def chat_model(settings: Settings, max_tokens: int = 300, **overrides: Any) -> Any | None:
    """A LangChain chat model for the configured endpoint, or None in offline mode."""
    if not settings.llm_enabled:
        return None
    if not ALLOW_MODEL_REQUESTS:
        raise LLMError("real model requests are disabled (coach.llm.ALLOW_MODEL_REQUESTS=False)")
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "not-needed",  # type: ignore[arg-type]
        model=settings.llm_model or "gpt-4o-mini",
        temperature=overrides.pop("temperature", 0.4),
        timeout=overrides.pop("timeout", 30),
        max_retries=overrides.pop("max_retries", 1),
        # llama.cpp's server ignores max_completion_tokens, which ChatOpenAI sends for max_tokens.
        extra_body={"max_tokens": max_tokens},
        **overrides,
    )
