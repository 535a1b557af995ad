"""The account plan of one conversation: facts -> SWOT, KAOP, KASP, open questions."""

from __future__ import annotations

from coach.domain import AccountPlan, Scenario, Transcript
from coach.errors import CoachError
from coach.planning.facts import extract_facts
from coach.planning.kaop import draft_kaop
from coach.planning.kasp import draft_kasp
from coach.planning.questions import draft_questions
from coach.planning.swot import draft_swot


def draft_plan(transcript: Transcript, scenario: Scenario | None = None) -> AccountPlan:
    """Draft SWOT, KAOP and KASP from a transcript (pure and deterministic; no LLM).

    Every figure in the plan is quoted from the transcript or the scenario; what is missing
    becomes an open question. The plan's language is the transcript's.
    """
    if not isinstance(transcript, Transcript):
        raise CoachError(
            "draft_plan needs a Transcript (load the JSON file with Transcript.model_validate)"
        )
    if scenario is not None and not isinstance(scenario, Scenario):
        raise CoachError("the scenario must be a Scenario loaded by coach.scenarios")
    lang = transcript.lang
    facts = extract_facts(transcript, scenario)
    swot = draft_swot(facts, lang, transcript, scenario)
    kaop, plans = draft_kaop(facts, lang, scenario)
    kasp = draft_kasp(facts, lang, transcript, scenario)
    return AccountPlan(
        swot=swot,
        kaop=kaop,
        kasp=kasp,
        open_questions=draft_questions(facts, plans, kaop, kasp, lang, scenario),
        account=scenario.account.retailer if scenario is not None else "",
        facts=facts,
    )
