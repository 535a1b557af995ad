"""Account planning from a negotiation: 6-P facts, SWOT, KAOP, KASP and their renderings."""

from __future__ import annotations

from coach.domain import AccountPlan, Scenario, Transcript
from coach.planning.facts import extract_facts
from coach.planning.swot import draft_swot


def draft_plan(transcript: Transcript, scenario: Scenario | None = None) -> AccountPlan:
    facts = extract_facts(transcript, scenario)
    return AccountPlan(swot=draft_swot(facts, transcript.lang, transcript, scenario), facts=facts)


__all__ = ["draft_plan", "extract_facts"]
