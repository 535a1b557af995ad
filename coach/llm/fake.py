"""A scripted chat model for tests (like pydantic-ai's FunctionModel): replies come from a list
or a function, and every request is kept in `.history`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

Reply = str | Callable[[list[BaseMessage]], str] | Exception


class ScriptedChatModel(BaseChatModel):
    """Answers with the next scripted reply; the last one repeats. An Exception is raised."""

    replies: Sequence[Reply] = Field(default_factory=list)
    history: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.history.append(list(messages))
        if not self.replies:
            raise RuntimeError("ScriptedChatModel has no replies scripted")
        reply = self.replies[min(len(self.history), len(self.replies)) - 1]
        if isinstance(reply, Exception):
            raise reply
        text = reply(messages) if callable(reply) else reply
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
