"""Open questions: what the plan needs but the conversation did not say (never guessed)."""

from __future__ import annotations

from coach.domain import Fact, Kaop, Kasp, Lang, Scenario
from coach.planning.cue_data import templates
from coach.planning.kaop import LeverPlan
from coach.planning.terms import deadlines, figure_label

MAX_AGREEMENT_QUESTIONS = 3
MAX_OPEN_POINTS = 5


def draft_questions(
    facts: list[Fact],
    plans: list[LeverPlan],
    kaop: Kaop,
    kasp: Kasp,
    lang: Lang,
    scenario: Scenario | None = None,
) -> list[str]:
    words = templates(lang)
    ask = words["questions"]
    levers = words["levers"]
    questions: list[str] = []
    substantive = [f for f in facts if f.kind != "date"]
    if not substantive:
        questions.append(ask["no_facts"])
    for plan in plans:
        if plan.open_target:
            kpi = words["kpis"][plan.lever]
            questions.append(ask["target"].format(kpi=kpi, lever=levers[plan.lever]))
    kinds = {f.kind for f in facts}
    if substantive and "goal" not in kinds:
        questions.append(ask["no_goals"])
    if substantive and not kinds & {"competitor", "threat"}:
        questions.append(ask["no_competitors"])
    if not kaop.sales_plan:
        questions.append(ask["no_volume"])
    if not kasp.projects:
        questions.append(ask["no_strategy"])
    if substantive and "weakness" not in kinds:
        questions.append(ask["no_weakness"])
    dated_turns = {t for f in deadlines(facts) for t in f.turns}
    undated = [f for f in facts if f.kind == "agreement" and not set(f.turns) & dated_turns]
    for fact in undated[:MAX_AGREEMENT_QUESTIONS]:
        questions.append(ask["agreement_date"].format(text=figure_label(fact)))
    buyer_points = [f for f in facts if f.kind == "open_point" and "owner=buyer" in f.tags]
    for fact in buyer_points[:MAX_OPEN_POINTS]:
        questions.append(ask["open_point"].format(text=fact.text))
    if scenario is not None:
        covered = {f.lever for f in substantive}
        for lever in scenario.levers:
            if lever not in covered:
                questions.append(ask["lever_missing"].format(lever=levers[lever]))
    return list(dict.fromkeys(questions))
