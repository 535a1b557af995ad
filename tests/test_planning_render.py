"""Renderings of the account plan: the JSON contract, Markdown and an editable .docx."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from coach.domain import Transcript
from coach.errors import CoachError
from coach.planning import draft_plan, render_docx, render_json, render_markdown

DATA = Path(__file__).resolve().parent.parent / "evals" / "planning" / "data"


def sample(name: str = "tune_de_jahresgespraech_gebaeck") -> Transcript:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return Transcript.model_validate(data["transcript"])


def test_json_has_exactly_the_contract_shape() -> None:
    data = json.loads(render_json(draft_plan(sample())))
    assert set(data) == {"swot", "kaop", "kasp"}
    assert set(data["swot"]) == {"strengths", "weaknesses", "opportunities", "threats"}
    for items in data["swot"].values():
        for item in items:
            assert set(item) == {"text", "p", "evidence_turns"}
    assert set(data["kaop"]) == {"objectives", "measures", "review"}
    for objective in data["kaop"]["objectives"]:
        assert set(objective) == {"text", "p", "kpi", "target", "quarter"}
    assert set(data["kasp"]) == {"horizon_years", "projects"}
    assert 2 <= data["kasp"]["horizon_years"] <= 5
    for project in data["kasp"]["projects"]:
        assert set(project) == {"text", "p", "rationale"}
    levers = {"product", "price", "promotion", "placement", "person", "performance"}
    assert all(i["p"] in levers for items in data["swot"].values() for i in items)


def test_full_json_adds_questions_sales_plan_follow_ups_and_facts() -> None:
    data = json.loads(render_json(draft_plan(sample()), full=True))
    assert {"open_questions", "facts"} <= set(data)
    assert {"sales_plan", "follow_ups"} <= set(data["kaop"])


@pytest.mark.parametrize(
    ("name", "lang", "headings"),
    [
        (
            "tune_de_jahresgespraech_gebaeck",
            "de",
            [
                "## SWOT nach 6-P",
                "### Schwächen",
                "## KAOP",
                "### Rollierende Absatzplanung",
                "## KASP",
                "## Offene Fragen",
            ],
        ),
        (
            "tune_en_supply_petfood",
            "en",
            [
                "## SWOT by 6-P",
                "### Weaknesses",
                "## KAOP",
                "### Rolling sales plan",
                "## KASP",
                "## Open questions",
            ],
        ),
    ],
)
def test_markdown_sections(name: str, lang: str, headings: list[str]) -> None:
    text = render_markdown(draft_plan(sample(name)), lang)
    for heading in headings:
        assert heading in text
    assert "| Q" in text  # quarters in the KAOP tables


def test_markdown_turn_references_are_one_based() -> None:
    t = Transcript.model_validate(
        {
            "lang": "de",
            "turns": [{"speaker": "buyer", "text": "Ihre Lieferfähigkeit lag bei 86 %."}],
        }
    )
    plan = draft_plan(t)
    assert plan.swot.weaknesses[0].evidence_turns == [0]
    assert "(Beitrag 1)" in render_markdown(plan, "de")


def test_docx_is_an_editable_document_with_swot_and_kaop_tables(tmp_path: Path) -> None:
    plan = draft_plan(sample())
    path = tmp_path / "plan.docx"
    render_docx(plan, "de", path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "SWOT nach 6-P" in headings and "Offene Fragen" in headings
    swot = document.tables[0]
    assert len(swot.rows) == 7  # header + one row per 6-P
    assert [c.text for c in swot.rows[0].cells][1:] == [
        "Stärken",
        "Schwächen",
        "Chancen",
        "Risiken",
    ]
    assert len(document.tables) >= 5
    stream = io.BytesIO()
    render_docx(plan, "en", stream)
    assert stream.getvalue()[:2] == b"PK"


def test_unknown_language_is_a_coach_error() -> None:
    with pytest.raises(CoachError):
        render_markdown(draft_plan(sample()), "fr")


def test_render_markdown_defaults_to_the_plans_language() -> None:
    from coach.domain import Transcript
    from coach.planning import draft_plan
    from coach.planning.render import render_markdown as render

    turns = [
        {"speaker": "kam", "text": "We propose 4 new SKUs in 120 stores from week 12."},
        {
            "speaker": "buyer",
            "text": "Our shoppers want more choice, but your last launch was late.",
        },
    ]
    plan = draft_plan(Transcript.model_validate({"lang": "en", "turns": turns}))
    assert render(plan) == render(plan, "en")
    de = [
        {"speaker": "kam", "text": "Wir schlagen 4 neue Sorten in 120 Filialen ab KW 12 vor."},
        {
            "speaker": "buyer",
            "text": "Unsere Kunden wollen mehr Auswahl, aber Ihre Lieferung kam zu spät.",
        },
    ]
    plan = draft_plan(Transcript.model_validate({"lang": "de", "turns": de}))
    assert render(plan) == render(plan, "de")
