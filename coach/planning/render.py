"""The account plan as JSON (the `kam-coach plan` contract) and as Markdown for a KAM to edit."""

from __future__ import annotations

import json
import re
from typing import Any

from coach.domain import AccountPlan, Fact, Lang
from coach.errors import CoachError
from coach.planning.cue_data import templates
from coach.planning.lexicon import cues

QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")


def contract_dict(plan: AccountPlan) -> dict[str, Any]:
    """Exactly the shape DESIGN.md promises for `kam-coach plan --format json`."""
    return {
        "swot": {
            q: [
                {"text": i.text, "p": i.p, "evidence_turns": list(i.evidence_turns)}
                for i in getattr(plan.swot, q)
            ]
            for q in QUADRANTS
        },
        "kaop": {
            "objectives": [
                {"text": o.text, "p": o.p, "kpi": o.kpi, "target": o.target, "quarter": o.quarter}
                for o in plan.kaop.objectives
            ],
            "measures": [
                {"text": m.text, "p": m.p, "owner": m.owner, "due": m.due, "quarter": m.quarter}
                for m in plan.kaop.measures
            ],
            "review": plan.kaop.review,
        },
        "kasp": {
            "horizon_years": plan.kasp.horizon_years,
            "projects": [
                {"text": p.text, "p": p.p, "rationale": p.rationale} for p in plan.kasp.projects
            ],
        },
    }


def render_json(plan: AccountPlan, full: bool = False) -> str:
    """The contract JSON; `full=True` adds what the contract leaves out (open questions,
    sales plan, follow-ups, facts) as the whole AccountPlan model."""
    data = plan.model_dump(mode="json") if full else contract_dict(plan)
    return json.dumps(data, ensure_ascii=False, indent=2)


def turn_ref(turns: list[int], lang: Lang) -> str:
    """'Beitrag 4' / 'Beiträge 2, 5' (1-based for people; JSON keeps 0-based indices)."""
    if not turns:
        return ""
    words = templates(lang)["render"]
    word = words["turn"] if len(turns) == 1 else words["turns"]
    return f"{word} {', '.join(str(t + 1) for t in turns)}"


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def check_lang(lang: str) -> Lang:
    if lang not in ("de", "en"):
        raise CoachError(f"unknown plan language '{lang}': use 'de' or 'en'")
    return lang  # type: ignore[return-value]


def fact_cell(fact: Fact, bold: bool = False) -> str:
    """A fact for the facts table: a figure leads with its words ('**9 %** – Die Schorlen ...')."""
    span = fact.span.strip()
    quoted = fact.value is not None or fact.kind == "date"
    if not quoted or not span or span == fact.text.strip():
        return fact.text
    return f"**{span}** – {fact.text}" if bold else f"{span} – {fact.text}"


def guess_lang(plan: AccountPlan) -> str:
    """The plan's language: which language's stopwords (planner cue data) its texts use more."""
    texts = [f.text for f in plan.facts] + [
        i.text for q in QUADRANTS for i in getattr(plan.swot, q)
    ]
    words = re.findall(r"[\w']+", " ".join(texts).lower())
    hits = {lang: sum(w in cues(lang).stopwords for w in words) for lang in ("de", "en")}
    return "en" if hits["en"] > hits["de"] else "de"


def render_markdown(plan: AccountPlan, lang: str | None = None) -> str:
    """Headings, the SWOT per 6-P, KAOP tables, the KASP list, open questions and facts.

    Without `lang`, the plan's own language (guessed from its texts; German when unsure).
    """
    lang = check_lang(lang or guess_lang(plan))
    words = templates(lang)
    r = words["render"]
    col = r["col"]
    lever = words["levers"]
    out = [f"# {r['title']}: {plan.account or r['account_default']}", "", f"_{r['intro']}_", ""]

    out += [f"## {r['swot']}", ""]
    for quadrant in QUADRANTS:
        out += [f"### {r['quadrants'][quadrant]}", ""]
        items = getattr(plan.swot, quadrant)
        if not items:
            out.append(f"- {r['empty']}")
        for item in items:
            ref = turn_ref(item.evidence_turns, lang)
            out.append(f"- **{lever[item.p]}** – {item.text}" + (f" _({ref})_" if ref else ""))
        out.append("")

    kaop = plan.kaop
    out += [f"## {r['kaop']}", "", f"### {r['objectives']}", ""]
    out += _table(
        [col["objective"], col["p"], col["kpi"], col["target"], col["quarter"]],
        [[o.text, lever[o.p], o.kpi, o.target, o.quarter] for o in kaop.objectives],
    )
    out += ["", f"### {r['measures']}", ""]
    out += _table(
        [col["measure"], col["p"], col["owner"], col["due"], col["quarter"]],
        [[m.text, lever[m.p], m.owner, m.due, m.quarter] for m in kaop.measures],
    )
    out += ["", f"### {r['sales_plan']}", "", f"_{words['sales_plan']['rolling_note']}_", ""]
    rows = [[e.quarter, lever[e.p], e.text, e.volume] for e in kaop.sales_plan]
    if not rows:
        rows = [["", "", words["sales_plan"]["empty"], words["due_open"]]]
    out += _table([col["quarter"], col["p"], col["content"], col["volume"]], rows)
    out += ["", f"### {r['review']}", "", kaop.review or r["empty"], ""]
    out += [f"### {r['follow_ups']}", ""]
    if kaop.follow_ups:
        out += _table(
            [col["what"], col["p"], col["who"], col["when"], col["source"]],
            [
                [f.text, lever[f.p], f.owner, f.due, turn_ref(f.evidence_turns, lang)]
                for f in kaop.follow_ups
            ],
        )
    else:
        out.append(f"- {r['empty']}")
    out.append("")

    horizon = r["horizon"].format(years=plan.kasp.horizon_years)
    out += [f"## {r['kasp']} ({horizon})", ""]
    if not plan.kasp.projects:
        out.append(f"- {r['empty']}")
    for project in plan.kasp.projects:
        out.append(f"- **{project.text}** ({lever[project.p]}) – {project.rationale}")
    out += ["", f"## {r['open_questions']}", ""]
    out += [f"- {q}" for q in plan.open_questions] or [f"- {r['empty']}"]
    out.append("")

    if plan.facts:
        out += [f"## {r['facts']}", ""]
        out += _table(
            [col["kind"], col["p"], col["fact"], col["source"]],
            [
                [
                    r["kinds"].get(f.kind, f.kind),
                    lever[f.lever],
                    fact_cell(f, bold=True),
                    turn_ref(f.turns, lang) or r["scenario_source"],
                ]
                for f in plan.facts
            ],
        )
        out.append("")
    return "\n".join(out)
