"""The scoring rubric: its model (each kind of bad value says what to fix), the trainer's override
in the data dir (valid -> used, invalid -> packaged rubric plus file:line problems), and the
places that score with it (score_transcript, Coach, `kam-coach score`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_architecture import _imports
from test_scoring_scorecard import BAD_DE, GOOD_DE
from typer.testing import CliRunner

from coach import cli
from coach.config import load_settings
from coach.domain import Annotation
from coach.errors import CoachError
from coach.rubric_override import (
    load_rubric,
    override_path,
    packaged_text,
    remove_override,
    save_override,
    validate_rubric_text,
)
from coach.scoring import score_transcript
from coach.scoring.rubric import Rubric, packaged_rubric
from coach.scoring.scorecard import score_listening
from coach.session import Coach

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = packaged_text()
ONLY_TECHNIQUE = PACKAGED.replace(
    "overall_weights: {balance: 0.25, four_sides: 0.25, listening: 0.25, technique: 0.25}",
    "overall_weights: {balance: 0, four_sides: 0, listening: 0, technique: 3}",
)


def data() -> dict:
    return yaml.safe_load(PACKAGED)


def errors_of(text: str) -> list:
    rubric, problems = validate_rubric_text(text)
    errors = [p for p in problems if p.is_error]
    assert rubric is None and errors, "expected the rubric to be rejected"
    return errors


# --- the model ---------------------------------------------------------------------------------


def test_the_packaged_rubric_is_valid_and_its_weights_sum_to_one() -> None:
    rubric, problems = validate_rubric_text(PACKAGED)
    assert problems == [] and rubric == packaged_rubric()
    assert rubric.weights == pytest.approx(
        {"balance": 0.25, "four_sides": 0.25, "listening": 0.25, "technique": 0.25}
    )
    assert ONLY_TECHNIQUE != PACKAGED


def test_weights_are_normalised() -> None:
    rubric, _ = validate_rubric_text(ONLY_TECHNIQUE)
    assert rubric is not None
    assert rubric.weights == {"balance": 0, "four_sides": 0, "listening": 0, "technique": 1}
    assert sum(rubric.weights.values()) == pytest.approx(1.0)


# (what to change in the packaged text, the line it is on, words of the message, of the hint)
BAD_VALUES = [
    ("balance: 0.25", "balance: -1", 2, "greater than or equal to 0", "at least 0"),
    ("technique: 0.25}", "technique: .inf}", 2, "finite number", "packaged rubric"),
    ("four_sides: 0.25", "four_sides: viel", 2, "valid number", "write a number"),
    # YAML reads yes/no as booleans; a lax model took `yes` for the weight 1.
    ("technique: 0.25}", "technique: yes}", 2, "valid number", "write a number"),
    ("opening_trust_turns: 2", "opening_trust_turns: true", 4, "valid integer", "whole number"),
    # A partial override keeps the packaged value of a field it leaves out; null removes it.
    (
        ", technique: 0.25}",
        ", technique: null}",
        2,
        "null removes the packaged",
        "leave the field out",
    ),
    ("technique: 0.25}", "technique: 0.25, tecnique: 1}", 2, "unknown field", "'technique'"),
    ("opening_trust_turns: 2", "opening_trust_turns: 2.5", 4, "integer", "whole number"),
    ("trust_stands_after: 2", "trust_stands_after: 99", 5, "less than or equal to 20", "at most"),
    ("loud_feeling: 0.45", "loud_feeling: 45", 6, "less than or equal to 1", "at most 1"),
    ("loud_feeling: 0.45", "loud_feeling: 0", 6, "greater than or equal to 0.05", "at least"),
    ("base: 60", "base: 160", 8, "less than or equal to 100", "at most 100"),
    ("anchoring: 4}\n  good_caps", "anchorin: 4}\n  good_caps", 9, "'anchoring'", "did you mean"),
    ("pressure: 12}", "pressure: -12}", 11, "greater than or equal to 0", "at least 0"),
    ("target_share: 0.5", "target_share: 5", 13, "less than or equal to 1", "at most 1"),
    ("summary: 1.0", "sumary: 1.0", 14, "'summary'", "did you mean 'summary'"),
    (
        "balance:\n  opening",
        "balance:\n  opening_trust_turns: 2\n  opening",
        5,
        "duplicate",
        "remove",
    ),
    ("listening:\n", "listening: [\n", 14, "YAML syntax error", "indentation"),
]


@pytest.mark.parametrize(("old", "new", "line", "message", "hint"), BAD_VALUES)
def test_each_bad_value_says_where_and_what_to_fix(
    old: str, new: str, line: int, message: str, hint: str
) -> None:
    assert old in PACKAGED
    errors = errors_of(PACKAGED.replace(old, new, 1))
    found = errors[0]
    assert found.line == line, found.format()
    assert message in found.message, found.format()
    assert hint in found.hint, found.format()
    assert found.format().startswith(f"rubric.yaml:{line}: ")


def test_model_checks_across_fields_explain_the_fix() -> None:
    cases = {
        "overall_weights: {balance: 0, four_sides: 0, listening: 0, technique: 0}": (
            "overall_weights",
            "give at least one dimension a weight above 0",
        ),
        "good_caps: {conditional_concession: null, benefit_argument: 18}": (
            "technique.good_caps",
            "add 'conditional_concession: <most points>' to good_caps",
        ),
        "good_caps: {conditional_concession: 36, benefit_argument: 18, packaging: 12, anchoring: 4,"
        " free_concession: 1}": ("technique.good_caps", "remove the cap or add the move to good"),
        "bad: {anchoring: 3, free_concession: 15}": (
            "technique.bad",
            "keep each move in one of them",
        ),
        "points: {open_question: 0, paraphrase: 0, emotion_verbalization: 0, summary: 0, "
        "encourager: 0, metacommunication: 0}": (
            "listening.points",
            "give at least one move (e.g. open_question: 1.0) points above 0",
        ),
    }
    rubric = PACKAGED.replace(
        "  points: {open_question: 1.0, paraphrase: 1.5, emotion_verbalization: 1.5, summary: 1.0,\n"
        "           encourager: 0.5, metacommunication: 1.0}\n",
        "  points: {open_question: 1.0}\n",
    )
    assert rubric != PACKAGED
    for replacement, (where, fix) in cases.items():
        key = replacement.split(":")[0]
        line = next(li for li in rubric.splitlines() if li.strip().startswith(f"{key}:"))
        errors = errors_of(rubric.replace(line.strip(), replacement, 1))
        assert [e.field for e in errors] == [where], errors
        assert fix in errors[0].message


def test_empty_and_non_mapping_files_are_problems_not_crashes() -> None:
    assert "empty" in errors_of("")[0].message
    assert "mapping" in errors_of("- 1\n- 2\n")[0].message


# --- scoring with a rubric ---------------------------------------------------------------------


def test_score_transcript_takes_the_rubric_as_an_argument() -> None:
    default = score_transcript(GOOD_DE)
    technique_only = score_transcript(GOOD_DE, rubric=validate_rubric_text(ONLY_TECHNIQUE)[0])
    assert default.dimensions == technique_only.dimensions
    assert technique_only.overall == default.dimensions["technique"]
    assert default.overall == round(sum(default.dimensions.values()) / 4)


def test_a_listening_move_with_zero_points_does_not_count() -> None:
    # Found while modelling the rubric: the points were read as a set, so a trainer could not
    # switch a move off; 0 now means "does not count as active listening".
    sides = {"fact": 0.0, "self_revelation": 0.0, "relationship": 0.0, "appeal": 1.0}
    question = Annotation(
        mode="trust", listening=["open_question"], sides=sides, dominant_side="appeal"
    )
    turns: list[tuple[Annotation, Annotation | None]] = [(question, None)]
    changed = data()
    changed["listening"]["points"]["open_question"] = 0
    without = Rubric.model_validate(changed)
    assert score_listening(turns) > score_listening(turns, without)


# --- the override ------------------------------------------------------------------------------


def test_no_override_means_the_packaged_rubric(tmp_path: Path) -> None:
    choice = load_rubric(tmp_path)
    assert choice.rubric == packaged_rubric() and choice.path is None and not choice.rejected
    assert choice.notice() == ""


def test_a_valid_override_moves_the_overall_score_towards_its_weights(tmp_path: Path) -> None:
    card = score_transcript(BAD_DE)
    # BAD_DE: four sides is its best dimension, technique (a free concession, pressure) its worst.
    assert card.dimensions["four_sides"] > card.overall > card.dimensions["technique"]
    save_override(tmp_path, ONLY_TECHNIQUE)
    choice = load_rubric(tmp_path)
    assert choice.path == override_path(tmp_path) and not choice.rejected
    lower = score_transcript(BAD_DE, rubric=choice.rubric).overall
    assert lower == card.dimensions["technique"] < card.overall
    four_sides_first = "overall_weights: {balance: 1, four_sides: 3, listening: 0, technique: 0}"
    save_override(
        tmp_path, ONLY_TECHNIQUE.replace(ONLY_TECHNIQUE.splitlines()[1], four_sides_first)
    )
    higher = score_transcript(BAD_DE, rubric=load_rubric(tmp_path).rubric).overall
    expected = round(0.25 * card.dimensions["balance"] + 0.75 * card.dimensions["four_sides"])
    assert higher == expected > card.overall


def test_an_invalid_override_keeps_the_packaged_rubric_and_says_why(tmp_path: Path) -> None:
    path = override_path(tmp_path)
    path.write_text(PACKAGED.replace("base: 60", "base: sechzig"), encoding="utf-8")
    choice = load_rubric(tmp_path)
    assert choice.rubric == packaged_rubric() and choice.path is None and choice.rejected
    notice = choice.notice()
    assert f"{path}:8: technique.base" in notice and "packaged rubric" in notice
    assert "How to fix:" in notice and "Traceback" not in notice


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe not utf-8", b"overall_weights: {balance: 1\n", b"", b"just a sentence"],
    ids=["encoding", "syntax", "empty", "scalar"],
)
def test_unreadable_overrides_never_raise(tmp_path: Path, raw: bytes) -> None:
    override_path(tmp_path).write_bytes(raw)
    choice = load_rubric(tmp_path)
    assert choice.rubric == packaged_rubric() and choice.rejected
    assert str(override_path(tmp_path)) in choice.notice()


def test_save_refuses_an_invalid_rubric_and_reset_keeps_a_backup(tmp_path: Path) -> None:
    with pytest.raises(CoachError, match=r"rubric.yaml:2: overall_weights.balance"):
        save_override(tmp_path, PACKAGED.replace("balance: 0.25", "balance: -1"))
    assert not override_path(tmp_path).exists()
    save_override(tmp_path, ONLY_TECHNIQUE)
    backup = remove_override(tmp_path)
    assert backup is not None and backup.read_text(encoding="utf-8") == ONLY_TECHNIQUE
    assert not override_path(tmp_path).exists() and remove_override(tmp_path) is None


# --- where the rubric is used --------------------------------------------------------------------


def test_the_coach_scores_with_the_override_and_notices_changes_on_disk(coach: Coach) -> None:
    data_dir = coach.settings.data_dir
    assert coach.rubric == packaged_rubric()
    session_id = coach.start(next(iter(coach.scenarios)), seed=1)
    coach.send(session_id, "Okay, 2 % mehr Bonus bekommen Sie. Haben wir einen Deal?")
    card = coach.scorecard(session_id)
    save_override(data_dir, ONLY_TECHNIQUE)  # written by another process: no reload called
    assert coach.scorecard(session_id).overall == card.dimensions["technique"]
    override_path(data_dir).write_text("overall_weights: [", encoding="utf-8")
    assert coach.scorecard(session_id).overall == card.overall
    assert coach.rubric_in_force().rejected


def test_kam_coach_score_honours_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_retriever_or_none", lambda: None)  # no index build in a unit test
    transcript = tmp_path / "t.json"
    transcript.write_text(BAD_DE.model_dump_json(), encoding="utf-8")
    runner = CliRunner()

    def overall() -> tuple[int, dict, str]:
        result = runner.invoke(cli.app, ["score", str(transcript)])
        assert result.exit_code == 0, result.output
        card = json.loads(result.stdout)
        return card["overall"], card["dimensions"], result.stderr

    default, dimensions, quiet = overall()
    assert quiet == ""
    data_dir = load_settings().data_dir
    save_override(data_dir, ONLY_TECHNIQUE)
    assert overall()[0] == dimensions["technique"] != default
    override_path(data_dir).write_text(PACKAGED.replace("base: 60", "base: -5"), encoding="utf-8")
    fallback, _, warning = overall()
    assert fallback == default
    assert warning.startswith("Warning: the rubric override") and ":8: technique.base" in warning
    assert "Traceback" not in warning


def test_kam_coach_practice_warns_once_about_an_invalid_override() -> None:
    # Bug: the Coach's log warning reached stderr through Python's last-resort handler as well,
    # so a bare CLI run printed the notice twice (once without "Warning:"). A subprocess, because
    # pytest's own log handlers hide the last-resort handler in-process.
    data_dir = load_settings().data_dir
    override_path(data_dir).write_text("overall_weights: [\n", encoding="utf-8")
    scenario = next(iter(Coach().scenarios))
    result = subprocess.run(
        [sys.executable, "-m", "coach.cli", "practice", "--scenario", scenario, "--seed", "1"],
        input="Guten Tag!\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "KAM_DATA_DIR": str(data_dir)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("rubric override") == 1, result.stderr
    assert result.stderr.startswith("Warning: the rubric override")
    assert "buyer: " in result.stdout


def test_the_override_module_keeps_to_the_data_flow() -> None:
    path = ROOT / "coach" / "rubric_override.py"
    assert not _imports(path) & {"ui", "session", "store", "buyer", "llm", "cli", "planning"}
    scorecard = (ROOT / "coach" / "scoring" / "scorecard.py").read_text(encoding="utf-8")
    assert "data_dir" not in scorecard and "open(" not in scorecard  # scoring stays pure
    assert os.sep.join(("coach", "scoring", "data", "rubric.yaml")) not in str(
        override_path(load_settings().data_dir)
    )
