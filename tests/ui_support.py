"""Fixtures and constants shared by the UI handler tests (test_ui_handlers, test_ui_tabs)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from coach.config import load_settings
from coach.session import Coach
from coach.store import Store
from coach.ui.common import Exports
from coach.ui.trainee import N_VIEW, TraineeHandlers, ViewMark
from coach.ui.trainee_send import SendFlow

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "coach" / "ui"
SKIP = {"__type__": "update"}  # what gr.skip() returns: the output is left as it is
OPENING = "Guten Tag! Wie läuft die Kategorie bei Ihnen im Moment?"


def finish_session(coach: Coach, session_id: str) -> None:
    """End a session as if the buyer had walked away (its next send is refused)."""
    state = coach.state(session_id).model_copy(update={"outcome": "walk_away"})
    coach.store.update_session(session_id, state.model_dump(), "finished", "walk_away")


@pytest.fixture
def coach(tmp_path: Path) -> Coach:
    """A Coach on a copy of the shipped scenarios (the trainer tab writes there)."""
    scenarios = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", scenarios)
    return Coach(load_settings(), store=Store(tmp_path / "ui.sqlite3"), scenarios_dir=scenarios)


@pytest.fixture
def trainee(coach: Coach, tmp_path: Path) -> TraineeHandlers:
    return TraineeHandlers(coach, Exports(tmp_path / "exports"))


@pytest.fixture
def send_tab(trainee: TraineeHandlers) -> SendTab:
    """The send chain around `trainee`, on a German scenario, no session started yet."""
    return SendTab(SendFlow(trainee), scenario_id=german_scenario(trainee.coach))


def german_scenario(coach: Coach) -> str:
    return next(s.id for s in coach.scenarios.values() if s.lang == "de")


@dataclass
class SendTab:
    """The trainee tab's send chain without a browser: the component values it touches, updated
    the way gradio does (a skipped output keeps its value). `text` is the message box; `mark` is
    the tab's ViewMark (the events that replace the conversation renew it)."""

    flow: SendFlow
    lang: str = "de"
    scenario_id: str | None = None
    session: str | None = None
    text: str = ""
    chat: list[dict[str, str]] = field(default_factory=list)
    pending: Any = None
    send_enabled: bool = True
    retry_enabled: bool = True
    mark: ViewMark = field(default_factory=ViewMark)
    view: tuple[Any, ...] = ()
    results: tuple[Any, ...] = ()
    outputs: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def _apply(self, step: str, names: list[str], outputs: tuple[Any, ...]) -> None:
        self.outputs[step] = outputs
        for name, value in zip(names, outputs, strict=True):
            if value == SKIP:
                continue
            if name in ("send", "retry"):
                setattr(self, f"{name}_enabled", value["interactive"])
            else:
                setattr(self, name, value)

    def submit(self) -> None:
        outputs = self.flow.submit_event(
            self.session, self.text, self.pending, self.lang, self.mark
        )
        self._apply("submit", ["text", "chat", "pending", "send", "retry"], outputs)

    def reply(self) -> None:
        outputs = self.flow.reply_event(self.pending, self.lang, self.scenario_id, mark=self.mark)
        session, chat, *view = outputs[: N_VIEW - 1]
        self._apply("reply", ["session", "chat", "pending"], (session, chat, outputs[N_VIEW - 1]))
        self.outputs["reply"] = outputs
        if any(value != SKIP for value in view):
            self.view = tuple(view)
        if any(value != SKIP for value in outputs[N_VIEW:]):
            self.results = outputs[N_VIEW:]

    def settle(self) -> None:
        outputs = self.flow.settle_event(
            self.session, self.pending, self.text, self.lang, self.mark
        )
        self._apply("settle", ["text", "chat", "pending", "send", "retry"], outputs)

    def send(self, text: str) -> None:
        """Type `text`, press Enter, and let the three steps run."""
        self.text = text
        self.submit()
        self.reply()
        self.settle()
