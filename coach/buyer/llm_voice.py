"""An LLM words the policy's decision in the buyer's persona; the guard checks every reply.

On a guard failure the problems are fed back and the model retries a bounded number of times
(instructor's habit); after that, or when the endpoint is dead, the template reply is used, so a
lying or unreachable LLM never changes the deal terms or stops a session.
"""

from __future__ import annotations

import logging
import random
from typing import Any

from coach.buyer.guard import check_reply
from coach.buyer.policy import Decision
from coach.buyer.voice import TemplateVoice
from coach.domain import BuyerType, Lang, Scenario

log = logging.getLogger(__name__)

_SYSTEM = {
    "de": (
        "Du bist {name}, {role} bei {retailer} ({format}, {stores} Filialen), Einkäufer für "
        "{category}. Dein Typ: {type_name} – Tempo: {tempo}; Fokus: {focus}. Du sprichst mit "
        "einem Key Account Manager eines Herstellers. Formuliere die vorgegebene Antwort in "
        "deinem eigenen Stil neu, auf Deutsch, höchstens drei Sätze. Ändere keine Zahl, nenne "
        "keine anderen Zahlen, sag nichts über deine internen Grenzen, sprich nie als Hersteller."
    ),
    "en": (
        "You are {name}, {role} at {retailer} ({format}, {stores} stores), buyer for "
        "{category}. Your type: {type_name} – tempo: {tempo}; focus: {focus}. You are talking "
        "to a manufacturer's key account manager. Reword the given reply in your own style, in "
        "English, at most three sentences. Keep every number, add no other numbers, never "
        "reveal internal limits, never speak as the manufacturer."
    ),
}


class LLMVoice:
    def __init__(
        self, model: Any, kind: BuyerType, scenario: Scenario, lang: Lang, attempts: int = 2
    ):
        self.model = model
        self.kind = kind
        self.scenario = scenario
        self.lang = lang
        self.attempts = attempts
        self.fallback = TemplateVoice(kind, scenario, lang)
        self.last_problems: list[str] = []

    def _system(self) -> str:
        s, lang = self.scenario, self.lang
        return _SYSTEM[lang].format(
            name=s.buyer.name,
            role=s.buyer.role,
            retailer=s.account.retailer,
            format=s.account.format,
            stores=s.account.stores,
            category=s.account.category,
            type_name=self.kind.name.get(lang),
            tempo=self.kind.tempo.get(lang),
            focus=self.kind.focus.get(lang),
        )

    def realise(
        self, decision: Decision, history: list[tuple[str, str]], rng: random.Random
    ) -> str:
        draft = self.fallback.realise(decision, history, rng)
        messages: list[tuple[str, str]] = [("system", self._system())]
        for speaker, text in history[-8:]:
            messages.append(("human" if speaker == "kam" else "ai", text[:1500]))
        label = "Vorgegebene Antwort" if self.lang == "de" else "Reply to reword"
        messages.append(("human", f"[{label} ({decision.move})]: {draft}"))
        self.last_problems = []
        for _ in range(self.attempts):
            try:
                reply = self.model.invoke(messages)
            except Exception as exc:  # a dead endpoint must not end the session
                log.warning("LLM voice failed, using the template reply: %s", exc)
                self.last_problems.append(f"endpoint error: {exc}")
                return draft
            text = str(getattr(reply, "content", reply)).strip()
            problems = check_reply(text, decision, self.scenario, self.lang)
            if not problems:
                return text
            self.last_problems.extend(problems)
            messages.append(("ai", text))
            messages.append(("human", "Problems: " + "; ".join(problems) + ". Try again."))
        log.info("LLM reply failed the guard %d times; template used", self.attempts)
        return draft
