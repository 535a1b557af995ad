"""KASP: strategic projects (2-5 years) that running measures cannot reach.

A project is proposed only when the conversation revealed an interest for it (a goal, pain, trend
or worry of the buyer, a repeated weakness, a private-label threat) or the scenario marks a
revealed interest as strategic; its rationale quotes that evidence.
"""

from __future__ import annotations

from functools import lru_cache

from coach.domain import Fact, Kasp, KaspProject, Lang, Scenario, Transcript
from coach.planning.cue_data import cue_pattern, templates
from coach.planning.render import turn_ref
from coach.planning.swot import revealed_interests

MAX_PROJECTS = 4
INTEREST_KINDS = ("goal", "pain", "trend", "fear")
DEFAULT_HORIZON = 3
QUOTE_LIMIT = 140


@lru_cache(maxsize=4)
def _catalogue(lang: Lang) -> list[dict[str, object]]:
    projects = []
    for raw in templates(lang)["kasp"]["projects"]:
        project = dict(raw)
        project["pattern"] = cue_pattern(list(raw.get("triggers", [])))
        projects.append(project)
    return projects


def _quote(text: str) -> str:
    if len(text) <= QUOTE_LIMIT:
        return text
    cut = text.rfind(" ", 0, QUOTE_LIMIT)
    return text[: cut if cut > 0 else QUOTE_LIMIT] + " …"


def rationale(fact: Fact, lang: Lang) -> str:
    words = templates(lang)
    label = words["render"]["kinds"].get(fact.kind, fact.kind)
    if not fact.turns:
        return words["kasp"]["evidence_scenario"].format(label=label, quote=_quote(fact.text))
    turns = ", ".join(str(t + 1) for t in fact.turns[:3])
    return words["kasp"]["evidence"].format(label=label, turns=turns, quote=_quote(fact.text))


def _evidence(project: dict[str, object], facts: list[Fact]) -> list[Fact]:
    pattern = project["pattern"]
    found = [f for f in facts if f.kind in INTEREST_KINDS and pattern.search(f.text)]  # type: ignore[attr-defined]
    if project.get("threat_trigger"):
        found += [f for f in facts if f.kind in ("competitor", "threat") and pattern.search(f.text)]  # type: ignore[attr-defined]
    lever = project.get("weakness_trigger")
    weaknesses = [f for f in facts if f.kind == "weakness" and f.lever == lever]
    if lever and len(weaknesses) >= 2:  # a repeated weakness needs more than a running measure
        found += weaknesses[:1]
    return found


def horizon(facts: list[Fact]) -> int:
    """Years named in the conversation (2-5), else the default of three."""
    for fact in facts:
        if fact.kind == "figure" and fact.unit == "years" and fact.value is not None:
            if 2 <= fact.value <= 5 and float(fact.value).is_integer():
                return int(fact.value)
    return DEFAULT_HORIZON


def draft_kasp(
    facts: list[Fact],
    lang: Lang,
    transcript: Transcript | None = None,
    scenario: Scenario | None = None,
) -> Kasp:
    """Projects with evidence, strongest evidence first."""
    ranked: list[tuple[int, int, KaspProject]] = []
    for order, project in enumerate(_catalogue(lang)):
        evidence = _evidence(project, facts)
        if evidence:
            ranked.append(
                (
                    -len(evidence),
                    order,
                    KaspProject(
                        text=str(project["text"]),
                        p=project["p"],  # type: ignore[arg-type]
                        rationale=rationale(evidence[0], lang),
                    ),
                )
            )
    projects = [p for _, _, p in sorted(ranked, key=lambda r: (r[0], r[1]))]
    if scenario is not None and transcript is not None:
        projects = _interest_projects(transcript, scenario, lang) + projects
        unique = {p.text: p for p in reversed(projects)}  # an interest outranks a keyword
        projects = [p for p in projects if unique[p.text] is p]
    return Kasp(horizon_years=horizon(facts), projects=projects[:MAX_PROJECTS])


def _interest_projects(transcript: Transcript, scenario: Scenario, lang: Lang) -> list[KaspProject]:
    """Revealed strategic interests: the catalogue project they point to, else the interest."""
    words = templates(lang)["kasp"]
    projects = []
    for index, turns in revealed_interests(transcript, scenario):
        interest = scenario.buyer.hidden.interests[index]
        if not interest.strategic:
            continue
        rationale = words["interest"].format(text=interest.text, ref=turn_ref(turns[:3], lang))
        match = next(
            (p for p in _catalogue(lang) if p["pattern"].search(interest.text)),  # type: ignore[attr-defined]
            None,
        )
        if match is not None:
            text, lever = str(match["text"]), match["p"]
        else:
            text, lever = words["interest_project"].format(text=interest.text), interest.lever
        projects.append(KaspProject(text=text, p=lever, rationale=rationale))  # type: ignore[arg-type]
    return projects
