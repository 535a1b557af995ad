"""The account plan as a Word document (python-docx) that a KAM can edit and pass on."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from docx import Document
from docx.shared import Pt

from coach.domain import LEVERS, AccountPlan
from coach.planning.cue_data import templates
from coach.planning.render import QUADRANTS, check_lang, fact_cell, turn_ref


def _table(doc, header: list[str], rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def render_docx(plan: AccountPlan, lang: str, path_or_stream: str | Path | IO[bytes]) -> None:
    """Write a .docx: headings, a 6-P x SWOT table, KAOP tables, KASP list, open questions."""
    lang = check_lang(lang)
    words = templates(lang)
    r = words["render"]
    col = r["col"]
    lever = words["levers"]
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(f"{r['title']}: {plan.account or r['account_default']}", level=0)
    doc.add_paragraph().add_run(r["intro"]).italic = True

    doc.add_heading(r["swot"], level=1)
    grid = doc.add_table(rows=1, cols=5)
    grid.style = "Table Grid"
    for cell, text in zip(
        grid.rows[0].cells, [col["p"]] + [r["quadrants"][q] for q in QUADRANTS], strict=True
    ):
        cell.text = text
    for p in LEVERS:
        cells = grid.add_row().cells
        cells[0].text = lever[p]
        for cell, quadrant in zip(cells[1:], QUADRANTS, strict=True):
            items = [i for i in getattr(plan.swot, quadrant) if i.p == p]
            cell.text = "\n".join(
                item.text
                + (f" ({turn_ref(item.evidence_turns, lang)})" if item.evidence_turns else "")
                for item in items
            )

    kaop = plan.kaop
    doc.add_heading(r["kaop"], level=1)
    doc.add_heading(r["objectives"], level=2)
    _table(
        doc,
        [col["objective"], col["p"], col["kpi"], col["target"], col["quarter"]],
        [[o.text, lever[o.p], o.kpi, o.target, o.quarter] for o in kaop.objectives],
    )
    doc.add_heading(r["measures"], level=2)
    _table(
        doc,
        [col["measure"], col["p"], col["owner"], col["due"], col["quarter"]],
        [[m.text, lever[m.p], m.owner, m.due, m.quarter] for m in kaop.measures],
    )
    doc.add_heading(r["sales_plan"], level=2)
    doc.add_paragraph(words["sales_plan"]["rolling_note"])
    rows = [[e.quarter, lever[e.p], e.text, e.volume] for e in kaop.sales_plan]
    _table(
        doc,
        [col["quarter"], col["p"], col["content"], col["volume"]],
        rows or [["", "", words["sales_plan"]["empty"], words["due_open"]]],
    )
    doc.add_heading(r["review"], level=2)
    doc.add_paragraph(kaop.review or r["empty"])
    doc.add_heading(r["follow_ups"], level=2)
    _table(
        doc,
        [col["what"], col["p"], col["who"], col["when"], col["source"]],
        [
            [f.text, lever[f.p], f.owner, f.due, turn_ref(f.evidence_turns, lang)]
            for f in kaop.follow_ups
        ],
    )

    horizon = r["horizon"].format(years=plan.kasp.horizon_years)
    doc.add_heading(f"{r['kasp']} ({horizon})", level=1)
    for project in plan.kasp.projects:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(project.text).bold = True
        paragraph.add_run(f" ({lever[project.p]}) – {project.rationale}")
    if not plan.kasp.projects:
        doc.add_paragraph(r["empty"])

    doc.add_heading(r["open_questions"], level=1)
    for question in plan.open_questions or [r["empty"]]:
        doc.add_paragraph(question, style="List Bullet")

    if plan.facts:
        doc.add_heading(r["facts"], level=1)
        _table(
            doc,
            [col["kind"], col["p"], col["fact"], col["source"]],
            [
                [
                    r["kinds"].get(f.kind, f.kind),
                    lever[f.lever],
                    fact_cell(f),
                    turn_ref(f.turns, lang) or r["scenario_source"],
                ]
                for f in plan.facts
            ],
        )
    doc.save(str(path_or_stream) if isinstance(path_or_stream, Path) else path_or_stream)
