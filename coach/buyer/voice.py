"""HOW the buyer says what the policy decided: typology templates (offline) or an LLM.

The template voice is the default and the fallback: with no endpoint configured, or when an LLM
reply fails the guard, the buyer still answers in its type's voice.
"""

from __future__ import annotations

import random
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import yaml

from coach.buyer.policy import Decision
from coach.domain import BuyerType, Lang, Lever, Scenario
from coach.scoring.figures import format_value

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=2)
def lever_labels(lang: Lang) -> dict[str, str]:
    raw = yaml.safe_load((DATA_DIR / "levers.yaml").read_text(encoding="utf-8"))
    return {lever: names[lang] for lever, names in raw.items()}


def lever_label(scenario: Scenario, lever: Lever | None, lang: Lang) -> str:
    if lever is None:
        return ""
    limit = scenario.buyer.hidden.limits.get(lever)
    if limit is not None and limit.label:
        return limit.label
    return lever_labels(lang).get(lever, lever)


def format_term(scenario: Scenario, lever: Lever, value: float, lang: Lang) -> str:
    limit = scenario.buyer.hidden.limits.get(lever)
    unit = limit.unit if limit else ""
    return format_value(value, unit, lang)


def template_fields(decision: Decision, scenario: Scenario, lang: Lang) -> dict[str, str]:
    """The values a template may use; absent ones become empty strings."""
    fields: dict[str, str] = defaultdict(str)
    fields.update(
        buyer_name=scenario.buyer.name,
        retailer=scenario.account.retailer,
        category=scenario.account.category,
        lever=lever_label(scenario, decision.lever, lang),
    )
    if decision.lever is not None and decision.offer is not None:
        fields["offer"] = format_term(scenario, decision.lever, decision.offer, lang)
    if decision.lever is not None and decision.their_offer is not None:
        fields["their_offer"] = format_term(scenario, decision.lever, decision.their_offer, lang)
    if decision.interest is not None:
        fields["interest"] = decision.interest.text.rstrip(".")
    if decision.deal:
        fields["deal"] = "; ".join(
            f"{lever_label(scenario, lever, lang)}: {format_term(scenario, lever, value, lang)}"
            for lever, value in decision.deal.items()
        )
    return fields


class Voice(Protocol):
    def realise(
        self, decision: Decision, history: list[tuple[str, str]], rng: random.Random
    ) -> str: ...


class TemplateVoice:
    """Seeded choice among the type's template variants for the move."""

    def __init__(self, kind: BuyerType, scenario: Scenario, lang: Lang):
        self.kind = kind
        self.scenario = scenario
        self.lang = lang

    def realise(
        self, decision: Decision, history: list[tuple[str, str]], rng: random.Random
    ) -> str:
        variants = self.kind.templates[self.lang][decision.move]
        recent = {text for _, text in history[-6:]}
        fields = template_fields(decision, self.scenario, self.lang)
        order = list(range(len(variants)))
        rng.shuffle(order)
        candidates = [variants[i].format_map(fields).strip() for i in order]
        # Avoid repeating a line the buyer said a moment ago.
        fresh = [c for c in candidates if c not in recent]
        return (fresh or candidates)[0]
