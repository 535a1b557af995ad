"""`kam-coach validate`: scenario files as before (exit 0 when all are valid, else 1 with
file:line errors); without PATH it also checks the rubric override in KAM_DATA_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from test_cli import kam
from typer.testing import CliRunner

from coach import cli
from coach.config import load_settings
from coach.rubric_override import override_path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
BAD_RUBRIC = "# my changes\ntechnique:\n  base: -5\n"


def validate(*paths: str) -> Result:
    return CliRunner().invoke(cli.app, ["validate", *paths])


@pytest.fixture
def override() -> Path:
    path = override_path(load_settings().data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_without_an_override_only_the_scenarios_are_checked() -> None:
    assert SCENARIOS
    result = validate()
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(SCENARIOS)} file(s) checked: 0 error(s), 0 warning(s)"
    assert result.stderr == ""


def test_a_valid_partial_override_is_checked_and_passes(override: Path) -> None:
    override.write_text("overall_weights: {technique: 2}\n", encoding="utf-8")
    result = validate()
    assert result.exit_code == 0, result.output
    summary = f"{len(SCENARIOS) + 1} file(s) checked: 0 error(s), 0 warning(s)"
    assert result.stdout.strip() == summary


def test_an_invalid_override_fails_with_file_line_errors(override: Path) -> None:
    override.write_text(BAD_RUBRIC, encoding="utf-8")
    result = validate()
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{override}:3: technique.base: ")
    assert ">  3 |   base: -5" in result.stderr and "How to fix:" in result.stderr
    assert f"{len(SCENARIOS) + 1} file(s) checked: 1 error(s)" in result.stdout
    assert "Traceback" not in result.output


def test_unreadable_and_empty_overrides_are_errors_too(override: Path) -> None:
    override.write_bytes(b"technique:\n  base: \xff\n")
    result = validate()
    assert result.exit_code == 1 and f"{override}:2: the file is not UTF-8" in result.stderr
    override.write_text("# nothing yet\n", encoding="utf-8")
    result = validate()
    assert result.exit_code == 1 and f"{override}: the file is empty" in result.stderr


def test_given_paths_are_scenarios_only_as_before(override: Path, tmp_path: Path) -> None:
    override.write_text(BAD_RUBRIC, encoding="utf-8")
    result = validate(str(ROOT / "scenarios"))
    assert result.exit_code == 0, result.output  # the contract for PATH... is unchanged
    assert str(override) not in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text(SCENARIOS[0].read_text(encoding="utf-8") + "farbe: blau\n", encoding="utf-8")
    result = validate(str(broken))
    assert result.exit_code == 1 and f"{broken}:" in result.stderr
    assert str(override) not in result.output
    assert "1 file(s) checked: 1 error(s)" in result.stdout


def test_the_console_command_reports_an_invalid_override(override: Path) -> None:
    override.write_text(BAD_RUBRIC, encoding="utf-8")
    result = kam("validate", env={"KAM_DATA_DIR": str(override.parent)})
    assert result.returncode == 1
    assert f"{override}:3: technique.base" in result.stderr
    assert kam("validate", "scenarios", env={"KAM_DATA_DIR": str(override.parent)}).returncode == 0
