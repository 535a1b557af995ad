"""Fixtures and constants shared by the UI handler tests (test_ui_handlers, test_ui_tabs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.config import load_settings
from coach.session import Coach
from coach.store import Store
from coach.ui.common import Exports
from coach.ui.trainee import TraineeHandlers

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "coach" / "ui"
SKIP = {"__type__": "update"}  # what gr.skip() returns: the output is left as it is
OPENING = "Guten Tag! Wie läuft die Kategorie bei Ihnen im Moment?"


@pytest.fixture
def coach(tmp_path: Path) -> Coach:
    """A Coach on a copy of the shipped scenarios (the trainer tab writes there)."""
    scenarios = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", scenarios)
    return Coach(load_settings(), store=Store(tmp_path / "ui.sqlite3"), scenarios_dir=scenarios)


@pytest.fixture
def trainee(coach: Coach, tmp_path: Path) -> TraineeHandlers:
    return TraineeHandlers(coach, Exports(tmp_path / "exports"))


def german_scenario(coach: Coach) -> str:
    return next(s.id for s in coach.scenarios.values() if s.lang == "de")
