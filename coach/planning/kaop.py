"""KAOP: next year's objectives by quarter, the measures that reach them, the rolling sales plan,
the quarterly review and the follow-ups promised in the conversation.

Targets are figures the conversation (or the scenario) named; a missing target stays open and
becomes a question, it is never estimated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain import (
    LEVERS,
    Fact,
    FollowUp,
    Kaop,
    KaopMeasure,
    KaopObjective,
    Lang,
    Lever,
    SalesPlanEntry,
    Scenario,
)
from coach.planning.cue_data import templates
from coach.planning.terms import (
    agreed_terms,
    date_of,
    deadlines,
    due_in_turns,
    figure_label,
    final_terms,
    known_measures,
    measure_of,
    term_key,
    when,
)
from coach.scoring.figures import CURRENCIES, format_value

SITUATIONS = ("fix", "implement", "defend", "develop")
DEFAULT_QUARTER = {"fix": "Q1", "implement": "Q1", "defend": "Q1", "develop": "Q2"}
MAX_AGREEMENT_MEASURES = 6
MAX_REFERENCES = 3
MEASURE_WORDS = 12  # an agreed term quoted whole in a measure; longer quotes are cut to the figure


@dataclass
class LeverPlan:
    """What the conversation says about one lever, and the objective drawn from it."""

    lever: Lever
    situation: str
    objective: KaopObjective
    due: str
    open_target: bool
    facts: list[Fact] = field(default_factory=list)


def situation_of(facts: list[Fact]) -> str | None:
    kinds = {f.kind for f in facts}
    if "weakness" in kinds:
        return "fix"
    if "agreement" in kinds:
        return "implement"
    # a market risk the KAM names (rising costs) is nothing to defend against a competitor
    if "competitor" in kinds or any(f.kind == "threat" and f.speaker != "kam" for f in facts):
        return "defend"
    if kinds & {"goal", "pain", "trend", "fear", "strength", "figure"}:
        return "develop"
    return None


# what a lever's KPI can be measured in: 'three months' is no target for a service level
TARGET_UNITS: dict[str, frozenset[str | None]] = {
    "product": frozenset({"SKU", "stores", "%", "units", None}),
    "price": frozenset({"%", "pp", *CURRENCIES, "ct", "p", "days", None}),
    "promotion": frozenset({*CURRENCIES, "promotions", "weeks", "displays", "stores", "%"}),
    "placement": frozenset({"facings", "shelf_m", "displays", "stores", "%", "pallets"}),
    "person": frozenset({"people", "hours", "days", "weeks", "months"}),
    "performance": frozenset({"%", "pp", "units", "pallets", *CURRENCIES, "days", "hours"}),
}


def _target(
    facts: list[Fact], scenario_target: str, measures: dict[tuple[object, ...], str]
) -> tuple[str, list[Fact]]:
    facts = [f for f in facts if f.kind not in ("agreement", "figure") or _measurable(f)]
    agreed = final_terms([f for f in facts if f.kind == "agreement" and f.value is not None])
    if agreed:
        return "; ".join(figure_label(f, measures) for f in agreed), agreed
    figures = [f for f in facts if f.kind == "figure"]
    demanded = [f for f in figures if "demand" in f.tags and "baseline" not in f.tags]
    if demanded:
        return figure_label(demanded[-1], measures), demanded[-1:]
    if scenario_target:
        return scenario_target, []
    offered = [f for f in figures if "offer" in f.tags]
    if offered:
        return figure_label(offered[-1], measures), offered[-1:]
    return "", []


def _measurable(fact: Fact) -> bool:
    """The figure is in a unit the lever's KPI is measured in, or counts ('zweimal pro Woche')."""
    return fact.unit in TARGET_UNITS.get(fact.lever, frozenset()) or "count" in fact.tags


def _quarter(sources: list[Fact], dates: list[Fact], situation: str) -> tuple[str, str]:
    """The quarter (and the date words) of the turns the target was named in."""
    for source in sources:
        date = date_of(source, dates)
        if date is not None:
            return date.quarter or DEFAULT_QUARTER[situation], when(date)
    return DEFAULT_QUARTER[situation], ""


def lever_plans(facts: list[Fact], lang: Lang, scenario: Scenario | None) -> list[LeverPlan]:
    words = templates(lang)
    dates = deadlines(facts)
    measures = known_measures(facts)
    plans = []
    for lever in LEVERS:
        mine = [f for f in facts if f.lever == lever and f.kind not in ("date", "open_point")]
        situation = situation_of(mine)
        briefed = scenario is not None and any(o.lever == lever for o in scenario.brief.objectives)
        if situation is None and not briefed:
            continue
        situation = situation or "develop"  # the brief's objective, not yet discussed
        scenario_text, scenario_target = "", ""
        if scenario is not None:
            objective = next((o for o in scenario.brief.objectives if o.lever == lever), None)
            if objective is not None:
                scenario_text = objective.text
                if objective.target is not None:
                    scenario_target = format_value(objective.target, objective.unit or "", lang)
        target, sources = _target(mine, scenario_target, measures)
        kpi = words["kpis"][lever]
        baseline = next(
            (
                f
                for f in mine
                if f.kind == "figure"
                and "baseline" in f.tags
                and "cost" not in f.tags
                and f.unit == "%"
                # 'Ist: 3,2 Prozent' says nothing; 'Ist: Lieferfähigkeit 84 %' does
                and bool(measure_of(f) or measures.get(term_key(f)))
            ),
            None,
        )
        if baseline is not None:
            kpi = f"{kpi} ({words['baseline']}: {figure_label(baseline, measures)})"
        quarter, due = _quarter(sources, dates, situation)
        text = scenario_text or words["objectives"][lever][situation]
        plans.append(
            LeverPlan(
                lever=lever,
                situation=situation,
                objective=KaopObjective(
                    text=text,
                    p=lever,
                    kpi=kpi,
                    target=target or words["target_open"],
                    quarter=quarter,
                ),
                due=due,
                open_target=not target,
                facts=mine,
            )
        )
    return plans


def draft_measures(plans: list[LeverPlan], facts: list[Fact], lang: Lang) -> list[KaopMeasure]:
    words = templates(lang)
    dates = deadlines(facts)
    measures = []
    for plan in plans:
        template = words["measures"][plan.lever][plan.situation]
        quarter = plan.objective.quarter
        measures.append(
            KaopMeasure(
                text=template["text"],
                p=plan.lever,
                owner=template["owner"],
                due=plan.due or words["end_of_quarter"].format(quarter=quarter),
                quarter=quarter,
            )
        )
    measures_of = known_measures(facts)
    said: set[str] = set()
    for fact in agreed_terms(facts)[:MAX_AGREEMENT_MEASURES]:
        due = due_in_turns(fact, dates)
        quarter = next((d.quarter for d in dates if when(d) == due and d.quarter), "Q1")
        label = figure_label(fact, measures_of)
        if len(fact.text.split()) <= MEASURE_WORDS and label.lower() in fact.text.lower():
            label = fact.text.rstrip(".")  # 'Six cents from April' says more than 'six cents'
        if label.lower() in said:
            continue  # 'Launch price £1.75 for four weeks' agreed on two levers: one measure
        said.add(label.lower())
        measures.append(
            KaopMeasure(
                text=words["agreement_measure"].format(text=label),
                p=fact.lever,
                owner=words["owners"]["kam"],
                due=due or words["end_of_quarter"].format(quarter=quarter),
                quarter=quarter,
            )
        )
    return measures


def draft_sales_plan(facts: list[Fact], lang: Lang) -> list[SalesPlanEntry]:
    words = templates(lang)["sales_plan"]
    dates = deadlines(facts)
    entries = []
    measures = known_measures(facts)
    volume_units = {
        "SKU",
        "stores",
        "displays",
        "promotions",
        "weeks",
        *CURRENCIES,
        "units",
        "pallets",
        "facings",
    }
    for fact in [f for f in facts if f.kind == "agreement" and f.unit in volume_units]:
        due = due_in_turns(fact, dates)
        quarter = next((d.quarter for d in dates if when(d) == due and d.quarter), "Q1")
        entries.append(
            SalesPlanEntry(
                quarter=quarter,
                p=fact.lever,
                text=words["agreed"].format(text=figure_label(fact, measures)),
                volume=fact.span,
            )
        )
    volumes = [
        f
        for f in facts
        if f.kind == "figure"
        and f.lever == "performance"
        and f.unit in (*CURRENCIES, "units", "pallets")
    ]
    for fact in volumes[:MAX_REFERENCES]:
        entries.append(
            SalesPlanEntry(
                quarter="Q1",
                p=fact.lever,
                text=words["reference"].format(text=fact.text),
                volume=fact.span,
            )
        )
    entries.sort(key=lambda e: e.quarter)
    return entries


def draft_review(plans: list[LeverPlan], lang: Lang) -> str:
    """Who reviews the KAOP each quarter: the sales director, or a board when functions meet."""
    words = templates(lang)["review"]
    functions = ["sales"]
    levers = {p.lever for p in plans}
    if levers & {"promotion", "placement"}:
        functions.append("marketing")
    if "performance" in levers and any(
        p.situation == "fix" for p in plans if p.lever == "performance"
    ):
        functions.append("supply_chain")
    if len(functions) == 1:
        main = words["director"]
    else:
        names = words["joiner"].join(words["functions"][f] for f in functions)
        main = words["board"].format(functions=names)
    return f"{main} {words['customer']}"


def draft_follow_ups(facts: list[Fact], lang: Lang, scenario: Scenario | None) -> list[FollowUp]:
    words = templates(lang)
    dates = deadlines(facts)
    owners = dict(words["owners"])
    if scenario is not None:
        owners["buyer"] = f"{scenario.buyer.name} ({scenario.buyer.role})"
    follow_ups = []
    seen: set[str] = set()
    for fact in [f for f in facts if f.kind == "open_point"]:
        # one promise read on two levers ('run it past Conor in legal': product and person) is
        # one thing to do
        if fact.text in seen:
            continue
        seen.add(fact.text)
        speaker = next((t.split("=", 1)[1] for t in fact.tags if t.startswith("owner=")), "kam")
        follow_ups.append(
            FollowUp(
                text=fact.text,
                p=fact.lever,
                owner=str(owners.get(speaker, owners["kam"])),
                due=due_in_turns(fact, dates) or words["due_open"],
                evidence_turns=fact.turns,
            )
        )
    return follow_ups


def draft_kaop(
    facts: list[Fact], lang: Lang, scenario: Scenario | None = None
) -> tuple[Kaop, list[LeverPlan]]:
    """The operational plan, and the per-lever reasoning (the open questions need it)."""
    plans = lever_plans(facts, lang, scenario)
    kaop = Kaop(
        objectives=[p.objective for p in plans],
        measures=draft_measures(plans, facts, lang),
        review=draft_review(plans, lang),
        sales_plan=draft_sales_plan(facts, lang),
        follow_ups=draft_follow_ups(facts, lang, scenario),
    )
    return kaop, plans
