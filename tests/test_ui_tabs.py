"""Web app handlers without a browser: trainer, coach and handbook tabs, the whole app."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from ui_support import OPENING, ROOT, SKIP, UI, german_scenario  # noqa: F401

from coach.retrieval import Passage
from coach.session import Coach
from coach.ui.coach_tab import CoachHandlers
from coach.ui.common import Exports
from coach.ui.handbook import HandbookHandlers, passages_markdown
from coach.ui.texts import t
from coach.ui.trainee import TraineeHandlers
from coach.ui.trainer import TrainerHandlers, problems_markdown

# --- trainer -----------------------------------------------------------------------------------


def test_trainer_validation_shows_rasa_style_problems(coach: Coach) -> None:
    trainer = TrainerHandlers(coach)
    good = trainer.template()
    assert problems_markdown(trainer.problems(good), "de").startswith("✓")
    bad = good.replace("direction: max", "direction: up", 1)
    report = trainer.validate(bad, "de")
    assert report.startswith("✗ 1 Fehler")
    assert re.search(r"<editor>:\d+: buyer\.hidden\.limits\.price\.direction", report)
    assert "How to fix:" in report and ">" in report
    assert trainer.validate("id: [unclosed", "en").startswith("✗")


def test_trainer_saves_only_valid_scenarios_and_reloads(coach: Coach) -> None:
    trainer = TrainerHandlers(coach)
    text = trainer.template()
    with pytest.raises(Exception, match="Nicht gespeichert"):
        trainer.save(text.replace("lang: de", "lang: fr"), "de")
    message, path = trainer.save(text, "de")
    assert path.is_file() and path.parent == coach.scenarios_dir
    assert yaml.safe_load(text)["id"] in coach.scenarios
    assert str(path) in message


def test_trainer_refuses_an_id_that_another_file_uses(coach: Coach) -> None:
    trainer = TrainerHandlers(coach)
    existing = trainer.files()[0]
    text = trainer.load(existing)
    (coach.scenarios_dir / existing).rename(coach.scenarios_dir / f"renamed-{existing}")
    with pytest.raises(Exception, match="duplicate scenario id"):
        trainer.save(text, "en")


def test_trainer_loads_only_listed_files(coach: Coach) -> None:
    with pytest.raises(Exception, match="unknown scenario file"):
        TrainerHandlers(coach).load("../../etc/passwd")


def test_buyer_preview_runs_in_a_throwaway_store(coach: Coach) -> None:
    trainer = TrainerHandlers(coach)
    chat, summary, state = trainer.preview(trainer.template(), OPENING, None, "de")
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "Vertrauen" in summary
    chat, _, same = trainer.preview(
        trainer.template(), "Und wie sieht es mit der Marge aus?", state, "de"
    )
    assert len(chat) == 4 and same["dir"] == state["dir"]
    assert coach.store.list_sessions() == []  # nothing reached the real database
    with pytest.raises(Exception, match="gültiges Szenario"):
        trainer.preview("id: x", OPENING, state, "de")


# --- coach tab ---------------------------------------------------------------------------------


def test_coach_reviews_comments_compares_and_exports(
    trainee: TraineeHandlers, tmp_path: Path
) -> None:
    coach = trainee.coach
    scenario_id = german_scenario(coach)
    first = trainee.start(scenario_id, "Anna", 1, "de").session_id
    trainee.send(first, OPENING, "de")
    second = trainee.start(scenario_id, "Anna", 2, "de").session_id
    trainee.send(second, "Verstehe ich richtig, dass Ihnen die Marge Sorgen macht?", "de")
    trainee.start(scenario_id, "Bob", 3, "de")  # no turns: not listed

    review = CoachHandlers(coach, Exports(tmp_path / "exports"))
    table, choices = review.sessions("", "de")
    assert table["headers"][:3] == ["ID", "Teilnehmer", "Szenario"]
    assert {row[0] for row in table["data"]} == {first, second}
    assert all(isinstance(row[-1], int) for row in table["data"])
    assert [value for _, value in choices] == [row[0] for row in table["data"]]

    html = review.transcript_html(first, "de")
    assert "Modus:" in html and "Dominante Seite:" in html and "kam-turn--buyer" in html
    html = review.add_comment(first, 0, "Coach Maier", "Gute Eröffnung <b>!</b>", "de")
    assert "Coach Maier" in html and "&lt;b&gt;" in html
    with pytest.raises(Exception, match="leer"):
        review.add_comment(first, 0, "", "  ", "de")

    compare = review.compare(first, "de")
    assert len(compare["data"]) == 2 and compare["headers"][3] == "Gesamt"

    report = Path(review.report_file(first, "de")).read_text(encoding="utf-8")
    assert report.startswith("# Coaching-Bericht") and "Gute Eröffnung" in report
    assert OPENING in report


# --- handbook ----------------------------------------------------------------------------------


class FakeKnowledge:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, str | None]] = []

    def retriever(self) -> FakeKnowledge:
        return self

    def search(self, query: str, k: int = 4, lang: str | None = None) -> list[Passage]:
        self.calls.append((query, k, lang))
        return [
            Passage(
                "wkz",
                "WKZ nur gegen Leistung.",
                "knowledge/de/08.md",
                "Verhandeln > WKZ",
                "de",
                ("promotion",),
                0.8123,
            )
        ]


def test_handbook_search_formats_passages_and_filters_language() -> None:
    knowledge = FakeKnowledge()
    handbook = HandbookHandlers(knowledge)  # type: ignore[arg-type]
    result = handbook.search(" WKZ-Forderung ", "en", 3.0, "de")
    assert knowledge.calls == [("WKZ-Forderung", 3, "en")]
    assert "### Verhandeln > WKZ" in result and "`knowledge/de/08.md`" in result
    assert "Promotion/WKZ" in result and "0,812" in result
    handbook.search("x", "all", 4, "de")
    assert knowledge.calls[-1][2] is None
    assert passages_markdown([], "en") == t("handbook.no_results", "en")
    with pytest.raises(Exception, match="Stichwort"):
        handbook.search("  ", "all", 4, "de")


# --- the whole app -----------------------------------------------------------------------------


def test_build_app_has_the_stable_element_ids(coach: Coach) -> None:
    from coach.ui import build_app

    async def build() -> Any:
        # Inside a running loop gradio reuses it instead of creating (and leaking) new ones.
        return build_app(coach)

    app = asyncio.run(build())
    ids = {getattr(block, "elem_id", None) for block in app.blocks.values()}
    for elem_id in (
        "lang",
        "scenario-select",
        "scenario-brief",
        "start",
        "chat",
        "msg",
        "send",
        "buyer-mood",
        "live-hints",
        "retry-turn",
        "feedback-table",
        "plan-md",
        "trainer-editor",
        "trainer-validation",
        "coach-sessions",
        "coach-transcript",
        "handbook-query",
        "handbook-results",
    ):
        assert elem_id in ids, elem_id


def test_app_explains_instead_of_crashing_when_the_coach_cannot_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv("KAM_SCENARIOS_DIR", str(tmp_path / "missing"))
    sys.modules.pop("app", None)
    import app as app_module

    async def build() -> Any:
        return app_module.make_app()

    app = asyncio.run(build())
    ids = {getattr(block, "elem_id", None) for block in app.blocks.values()}
    assert {"not-ready-de", "not-ready-en"} <= ids
    texts_shown = " ".join(str(getattr(b, "value", "")) for b in app.blocks.values())
    assert "scenario directory not found" in texts_shown
