"""An LLM answer to a methodology question, grounded in retrieved passages (optional)."""

from __future__ import annotations

from typing import Any

from coach.errors import LLMError

_PROMPT = {
    "de": (
        "Du bist Trainer für Key Account Manager im Lebensmittelhandel. Beantworte die Frage "
        "kurz (höchstens fünf Sätze) nur auf Basis der Auszüge aus dem Methodik-Handbuch und "
        "nenne die Überschrift, auf die du dich stützt. Steht die Antwort nicht in den "
        "Auszügen, sag das."
    ),
    "en": (
        "You coach key account managers in food retail. Answer the question briefly (at most "
        "five sentences) using only the excerpts from the methodology handbook, and name the "
        "heading you rely on. If the excerpts do not contain the answer, say so."
    ),
}


def answer_question(model: Any, question: str, passages: list[Any], lang: str = "de") -> str:
    """The model's answer; raises LLMError (with what to do) when the endpoint fails."""
    excerpts = "\n\n".join(f"[{p.heading}]\n{p.text[:1500]}" for p in passages)
    messages = [
        ("system", _PROMPT.get(lang, _PROMPT["en"])),
        ("human", f"{excerpts}\n\n---\n{question}"),
    ]
    try:
        reply = model.invoke(messages)
    except Exception as exc:
        raise LLMError(
            f"the LLM at the configured endpoint did not answer ({exc}). Check KAM_LLM_BASE_URL "
            "and KAM_LLM_MODEL, or set KAM_OFFLINE=1 to get the passages only."
        ) from exc
    text = str(getattr(reply, "content", reply)).strip()
    if not text:
        raise LLMError("the LLM returned an empty answer; the passages above still apply.")
    return text
