"""Typologies & rubric tab without a browser: load, validate, save (only when valid), reset, and
the running coach using what was saved."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_rubric import ONLY_TECHNIQUE, PACKAGED
from test_scoring_scorecard import BAD_DE
from ui_support import ROOT

from coach.config import load_settings
from coach.errors import CoachError
from coach.rubric_override import override_path
from coach.scoring import score_transcript
from coach.scoring.rubric import packaged_rubric
from coach.session import Coach
from coach.store import Store
from coach.ui.catalogue import RubricHandlers, TypologyHandlers
from coach.ui.texts import t

DISG = (ROOT / "knowledge" / "typologies" / "disg.yaml").read_text(encoding="utf-8")


@pytest.fixture
def own_coach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Coach:
    """A Coach on copies of the catalogues and scenarios: saving must not touch the repository."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge" / "typologies", knowledge / "typologies")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.setenv("KAM_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("KAM_SCENARIOS_DIR", str(tmp_path / "scenarios"))
    return Coach(load_settings(), store=Store(tmp_path / "catalogue.sqlite3"))


@pytest.fixture
def typologies(own_coach: Coach) -> TypologyHandlers:
    return TypologyHandlers(own_coach)


@pytest.fixture
def rubric(own_coach: Coach) -> RubricHandlers:
    return RubricHandlers(own_coach)


# --- typology catalogues -----------------------------------------------------------------------


def test_catalogues_are_listed_loaded_and_valid(typologies: TypologyHandlers) -> None:
    assert typologies.files() == ["disg.yaml"]
    assert typologies.load("disg.yaml", "de") == DISG
    assert typologies.validate(DISG, "disg.yaml", "de") == f"✓ {t('trainer.valid', 'de')}"


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "disg.yml", "", None])
def test_only_listed_catalogue_files_are_loaded_or_saved(
    typologies: TypologyHandlers, name: str | None
) -> None:
    with pytest.raises(CoachError, match="Unknown file|Unbekannte Datei"):
        typologies.load(name, "en")
    with pytest.raises(CoachError, match="Unbekannte Datei"):
        typologies.save(DISG, name, "de")


def test_a_broken_catalogue_shows_file_line_and_is_not_saved(typologies: TypologyHandlers) -> None:
    broken = DISG.replace("id: disg", "id: disg\nid: disc", 1)
    report = typologies.validate(broken, "disg.yaml", "en")
    assert report.startswith(f"✗ {t('catalogue.invalid', 'en', n=1)}")
    line = DISG.splitlines().index("id: disg") + 2
    assert f"disg.yaml:{line}: id: duplicate key" in report and "How to fix:" in report
    assert "kam-typologies-" not in report  # no temp paths of the server
    with pytest.raises(CoachError, match="Nicht gespeichert"):
        typologies.save(broken, "disg.yaml", "de")
    with pytest.raises(CoachError):
        typologies.save("types: [", "disg.yaml", "de")
    assert (typologies.directory / "disg.yaml").read_text(encoding="utf-8") == DISG


def test_saving_a_catalogue_reloads_the_types_the_buyer_uses(typologies: TypologyHandlers) -> None:
    coach = typologies.coach
    scenario = next(s for s in coach.scenarios.values() if s.buyer.type == "D")
    changed = DISG.replace(
        "name: {de: Dominant, en: Dominant}", "name: {de: Bestimmend, en: Bossy}"
    )
    assert changed != DISG
    message, saved = typologies.save(changed, "disg.yaml", "en")
    assert saved == "disg.yaml" and message.startswith("Saved:")
    assert (typologies.directory / "disg.yaml").read_text(encoding="utf-8") == changed
    assert coach.buyer_type(scenario).name.de == "Bestimmend"
    assert coach.scenario(scenario.id).buyer.type == "D"


def test_a_catalogue_that_breaks_a_scenario_is_not_saved(typologies: TypologyHandlers) -> None:
    coach = typologies.coach
    users = sorted(f"{s.id}.yaml" for s in coach.scenarios.values() if s.buyer.type == "G")
    assert users, "a shipped scenario uses the G type"
    without_g = DISG.replace("  G:\n    code: G", "  X:\n    code: X", 1)
    problems = typologies.problems(without_g, "disg.yaml")
    assert sorted(Path(p.file).name for p in problems) == users
    assert all(p.file.startswith("scenarios/") for p in problems)
    assert all("unknown type 'G'" in p.message and "scenario first" in p.hint for p in problems)
    with pytest.raises(CoachError, match="unknown type 'G'"):
        typologies.save(without_g, "disg.yaml", "de")
    assert "G" in coach.typologies["disg"].types


@pytest.mark.parametrize(
    "name", ["../evil.yaml", "sub/x.yaml", "Gross.yaml", "mit leer.yaml", "x.yml", "x", ""]
)
def test_new_file_names_are_validated(typologies: TypologyHandlers, name: str) -> None:
    with pytest.raises(CoachError, match="Ungültiger Dateiname"):
        typologies.save(DISG.replace("id: disg", "id: neu", 1), name, "de", new=True)
    assert typologies.files() == ["disg.yaml"]


def test_a_new_catalogue_needs_its_own_id_and_is_used_at_once(
    typologies: TypologyHandlers,
) -> None:
    with pytest.raises(CoachError, match="exists already"):
        typologies.save(DISG, "disg.yaml", "en", new=True)
    copy = typologies.problems(DISG, "disg-copy.yaml")
    assert any("duplicate catalogue id 'disg'" in p.message for p in copy)
    with pytest.raises(CoachError, match="duplicate catalogue id"):
        typologies.save(DISG, "disg-copy.yaml", "en", new=True)
    assert typologies.files() == ["disg.yaml"]
    _, saved = typologies.save(
        DISG.replace("id: disg", "id: disg_kurz", 1), "disg_kurz.yaml", "de", new=True
    )
    assert saved == "disg_kurz.yaml" and typologies.files() == ["disg.yaml", "disg_kurz.yaml"]
    assert set(typologies.coach.typologies) == {"disg", "disg_kurz"}


def test_a_failed_reload_puts_the_old_file_back(
    typologies: TypologyHandlers, monkeypatch: pytest.MonkeyPatch
) -> None:
    def changed_on_disk() -> None:
        raise CoachError("invalid typology catalogues: changed on disk meanwhile")

    monkeypatch.setattr(typologies.coach, "reload_typologies", changed_on_disk)
    changed = DISG.replace("name: {de: Dominant, en: Dominant}", "name: {de: Neu, en: New}")
    with pytest.raises(CoachError, match="changed on disk"):
        typologies.save(changed, "disg.yaml", "de")
    assert (typologies.directory / "disg.yaml").read_text(encoding="utf-8") == DISG
    with pytest.raises(CoachError):
        typologies.save(DISG.replace("id: disg", "id: other", 1), "other.yaml", "de", new=True)
    assert typologies.files() == ["disg.yaml"]


# --- rubric ------------------------------------------------------------------------------------


def test_the_rubric_editor_starts_from_the_packaged_rubric(rubric: RubricHandlers) -> None:
    assert rubric.load() == PACKAGED
    assert rubric.status("de") == t("rubric.status_packaged", "de")
    report = rubric.validate(PACKAGED, "de")
    assert report.startswith("✓") and "Aktives Zuhören 25 %" in report


def test_an_invalid_rubric_is_not_saved(rubric: RubricHandlers) -> None:
    bad = PACKAGED.replace("loud_feeling: 0.45", "loud_feeling: 4.5")
    report = rubric.validate(bad, "en")
    assert report.startswith("✗") and "rubric.yaml:6: balance.loud_feeling" in report
    with pytest.raises(CoachError, match="Not saved"):
        rubric.save(bad, "en")
    assert not rubric.path.exists()
    assert rubric.coach.rubric == packaged_rubric()


def test_a_saved_rubric_scores_the_next_scorecard_and_reset_restores_the_default(
    rubric: RubricHandlers,
) -> None:
    coach = rubric.coach
    packaged_card = score_transcript(BAD_DE)
    message = rubric.save(ONLY_TECHNIQUE, "de")
    assert str(override_path(coach.settings.data_dir)) in message
    assert rubric.path.read_text(encoding="utf-8") == ONLY_TECHNIQUE
    assert "Ihr Bewertungsraster" in rubric.status("de") and rubric.load() == ONLY_TECHNIQUE
    assert "Verhandlungstechnik 100 %" in rubric.validate(ONLY_TECHNIQUE, "de")
    scored = score_transcript(BAD_DE, rubric=coach.rubric)
    assert scored.overall == packaged_card.dimensions["technique"] < packaged_card.overall
    text, done = rubric.reset("en")
    assert text == PACKAGED and "rubric.yaml.bak" in done
    assert not rubric.path.exists() and coach.rubric == packaged_rubric()
    assert rubric.status("en") == t("rubric.status_packaged", "en")
    assert rubric.reset("en")[1] == t("rubric.reset_nothing", "en")


def test_an_invalid_override_on_disk_is_shown_with_its_problems(rubric: RubricHandlers) -> None:
    rubric.path.write_text(PACKAGED.replace("base: 60", "base: sixty"), encoding="utf-8")
    status = rubric.status("en")
    assert status.startswith("⚠") and "default rubric applies" in status
    assert f"{rubric.path}:8: technique.base" in status
    assert rubric.load().count("sixty") == 1  # the editor shows the file so it can be fixed
    assert rubric.coach.rubric == packaged_rubric()


def test_a_partial_rubric_is_edited_as_written_and_shows_the_rubric_in_effect(
    rubric: RubricHandlers,
) -> None:
    partial = "# only the weights change\noverall_weights: {technique: 1.75}\n"
    report = rubric.validate(partial, "de")
    assert report.startswith("✓") and "Verhandlungstechnik 70 %" in report
    assert t("rubric.effective", "de") in report
    effective = report.split("```yaml\n", 1)[1]
    assert "technique: 1.75" in effective and "loud_feeling: 0.45" in effective
    assert t("rubric.effective", "en") not in rubric.validate(PACKAGED, "en")  # a whole file
    rubric.save(partial, "en")
    assert rubric.load() == partial  # the file as written, not a full copy
    assert rubric.path.read_text(encoding="utf-8") == partial
    assert "Ihr Bewertungsraster" in rubric.status("de")
    coach_rubric = rubric.coach.rubric
    assert coach_rubric.overall_weights.technique == 1.75
    assert coach_rubric.balance == packaged_rubric().balance
    broken = partial + "technique:\n  bad: {pressure: -1}\n"
    assert "rubric.yaml:4: technique.bad.pressure" in rubric.validate(broken, "en")
    with pytest.raises(CoachError, match="Not saved"):
        rubric.save(broken, "en")
    assert rubric.load() == partial


# --- the tab in the app ------------------------------------------------------------------------


def test_the_app_has_the_typologies_and_rubric_tab(own_coach: Coach) -> None:
    from coach.ui import build_app

    async def build() -> Any:
        return build_app(own_coach)

    app = asyncio.run(build())
    ids = {getattr(block, "elem_id", None) for block in app.blocks.values()}
    for elem_id in (
        "tab-catalogue",
        "catalogue-file",
        "catalogue-editor",
        "catalogue-validation",
        "catalogue-save",
        "catalogue-new-name",
        "catalogue-save-new",
        "rubric-status",
        "rubric-editor",
        "rubric-validation",
        "rubric-save",
        "rubric-reset",
    ):
        assert elem_id in ids, elem_id
