"""The trainer's rubric: `<KAM_DATA_DIR>/rubric.yaml`, when present and valid, replaces the
packaged weights (coach/scoring/data/rubric.yaml) for every new scorecard.

An invalid override never stops scoring: the packaged rubric stays in force and the problems are
reported Rasa-style (`file:line`, the bad line, how to fix it), like scenario files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coach.errors import CoachError
from coach.scenario_errors import Problem

# The layered checks of scenario files (syntax, shape, duplicate keys, schema) apply unchanged;
# they are private there because only trainer-authored YAML uses them.
from coach.scenarios import _Kind, _parse, _read_text
from coach.scoring.rubric import PACKAGED_PATH, Rubric, packaged_rubric

RUBRIC_FILE = "rubric.yaml"
_RUBRIC = _Kind(
    Rubric,
    "rubric",
    "compare with the packaged rubric, coach/scoring/data/rubric.yaml (the editor's "
    "'reset to default' restores it).",
)


class RubricError(CoachError):
    """A rubric the trainer wants to save is invalid."""


def override_path(data_dir: Path) -> Path:
    """Where the trainer's rubric lives (the packaged file is never written)."""
    return Path(data_dir) / RUBRIC_FILE


def packaged_text() -> str:
    """The packaged rubric file, comments included (the editor's starting point)."""
    return PACKAGED_PATH.read_text(encoding="utf-8")


def validate_rubric_text(text: str, file: str = RUBRIC_FILE) -> tuple[Rubric | None, list[Problem]]:
    """The rubric in `text` (None while it has errors) and every problem found."""
    parsed = _parse(text or "", file, _RUBRIC)
    return (parsed.value if parsed.ok else None), parsed.problems


@dataclass(frozen=True)
class RubricChoice:
    """The rubric in force, where it came from, and why an override was rejected."""

    rubric: Rubric
    path: Path | None = None  # the override in force; None: the packaged rubric
    problems: tuple[Problem, ...] = ()  # of an override that was found

    @property
    def rejected(self) -> bool:
        return any(p.is_error for p in self.problems)

    def notice(self) -> str:
        """A message for the CLI and the log; empty unless an override was rejected."""
        if not self.rejected:
            return ""
        errors = [p for p in self.problems if p.is_error]
        file = errors[0].file
        body = "\n\n".join(p.format() for p in errors)
        return (
            f"the rubric override {file} is invalid ({len(errors)} error"
            f"{'s' if len(errors) > 1 else ''}); scores use the packaged rubric until it is "
            f"fixed or deleted.\n\n{body}"
        )


def load_rubric(data_dir: Path) -> RubricChoice:
    """The override in the data dir when it is valid, else the packaged rubric (with problems)."""
    path = override_path(data_dir)
    if not path.exists():
        return RubricChoice(packaged_rubric())
    text, problems = _read_text(path, "rubric")
    if text is None:
        return RubricChoice(packaged_rubric(), problems=tuple(problems))
    rubric, problems = validate_rubric_text(text, str(path))
    if rubric is None:
        return RubricChoice(packaged_rubric(), problems=tuple(problems))
    return RubricChoice(rubric, path, tuple(problems))


def save_override(data_dir: Path, text: str) -> Path:
    """Write `text` as the override when it is valid; RubricError lists the problems if not."""
    rubric, problems = validate_rubric_text(text)
    if rubric is None:
        errors = [p for p in problems if p.is_error]
        body = "\n\n".join(p.format() for p in errors)
        raise RubricError(f"the rubric is not saved: {len(errors)} error(s)\n\n{body}")
    path = override_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".yaml.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # a reader never sees half a file
    return path


def remove_override(data_dir: Path) -> Path | None:
    """Go back to the packaged rubric. The override is kept as `rubric.yaml.bak` (returned, so a
    trainer can restore it); None when there was no override."""
    path = override_path(data_dir)
    if not path.is_file():
        return None
    backup = path.with_name(path.name + ".bak")
    os.replace(path, backup)
    return backup
